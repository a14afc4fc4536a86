"""The interview pack's engine (issue 13), per state and table-driven: a listener's queues and SYN cookies,
accept(), floods, keep-alive, a process crash and a reboot, SO_REUSEADDR and bind(), counted retries,
data on the third segment, the two-segment TCP of the thought experiment, and the errno of each event."""

import pytest

from tcptui.core.arrive import flood
from tcptui.core.calls import crash, reboot
from tcptui.core.endpoint import App
from tcptui.core.listener import BUSY, LOOP, WAITING, is_cookie_ack, listener, syn_cookie
from tcptui.core.segment import ACK, FIN, PSH, RST, SYN
from tcptui.core.states import Call, Errno, State, Timer, Verdict

from .trace import (
    FIXTURES,
    LINUX,
    LOCAL,
    REMOTE,
    TEXTBOOK,
    call,
    close_wait,
    closed,
    established,
    established_active,
    expect,
    fin_wait_2,
    fire,
    listen,
    recv,
    syn_received,
    syn_sent,
    time_wait,
)

DATA = PSH | ACK
COOKIES_OFF = LINUX.with_options(syncookies=False)
ABORT = LINUX.with_options(abort_on_overflow=True)


def errno(res):
    return dict(res.params).get("errno")


def queued(ep, **sizes):
    """`ep` with a listener of 4 + 4 places (or `sizes`), the application not calling accept()."""
    return ep._replace(listener=listener(sizes.pop("syn", 4), sizes.pop("accept", 4), **sizes))


# -- the SYN queue: a SYN meets a full one ------------------------------------------------------------


@pytest.mark.parametrize(
    "profile, rule, sends, overflowed",
    [
        (COOKIES_OFF, "listen.synq-full", [], False),  # dropped: the client retransmits
        (TEXTBOOK, "listen.synq-full", [], False),  # cookies are Linux's option, off elsewhere
        (LINUX, "listen.syncookie", [(SYN | ACK, syn_cookie(REMOTE), REMOTE + 1)], True),
    ],
)
def test_listen_syn_with_the_syn_queue_full(profile, rule, sends, overflowed):
    ep = expect(recv(queued(listen(), half_open=4), SYN, REMOTE, profile=profile), State.LISTEN, sends, rule)
    assert ep.listener.overflowed is overflowed and ep.listener.half_open == 4  # a cookie keeps no state


def test_listen_syn_with_room_takes_a_place_and_the_accept_queue_full_drops_even_with_cookies():
    expect(recv(queued(listen(), half_open=3), SYN, REMOTE, isn=LOCAL), State.SYN_RCVD, rule="handshake.syn-received")
    full = queued(listen(), half_open=4, queued=4)
    expect(recv(full, SYN, REMOTE, profile=LINUX), State.LISTEN, [], "listen.acceptq-full-syn")


def test_a_syn_taken_over_from_time_wait_skips_the_syn_queue_limit():
    tw = queued(time_wait(), half_open=4)._replace(app=App.LISTENING)
    res = recv(tw, SYN, REMOTE + 10_000_000, profile=COOKIES_OFF)
    expect(res, State.SYN_RCVD, rule="timewait.syn-accept-newer")


# -- cookies ----------------------------------------------------------------------------------------------


def test_the_cookie_ack_rebuilds_the_connection_in_established():
    after_cookie = recv(queued(listen(), half_open=4), SYN, REMOTE, profile=LINUX).endpoint
    cookie = syn_cookie(REMOTE)
    assert is_cookie_ack(REMOTE + 1, cookie + 1)
    ep = expect(
        recv(after_cookie, ACK, REMOTE + 1, cookie + 1, profile=LINUX), State.ESTABLISHED, [], "listen.cookie-ack"
    )
    assert (ep.tcb.iss, ep.tcb.irs, ep.tcb.snd_nxt, ep.tcb.rcv_nxt) == (cookie, REMOTE, cookie + 1, REMOTE + 1)
    assert ep.passive and ep.listener.accept_q == (True,)  # it waits for accept() like any other


@pytest.mark.parametrize(
    "why, ep_of, ack, profile",
    [
        ("a wrong cookie", lambda: recv(queued(listen(), half_open=4), SYN, REMOTE, profile=LINUX).endpoint, 7, LINUX),
        ("no overflow: no cookie was ever sent", lambda: queued(listen()), None, LINUX),
        (
            "cookies off",
            lambda: queued(listen())._replace(listener=listener(4)._replace(overflowed=True)),
            None,
            COOKIES_OFF,
        ),
    ],
)
def test_an_ack_that_is_no_cookie_gets_the_listener_rst(why, ep_of, ack, profile):
    ack = syn_cookie(REMOTE) + 1 if ack is None else ack
    expect(recv(ep_of(), ACK, REMOTE + 1, ack, profile=profile), State.LISTEN, [(RST, ack, 0)], "rst.listen-ack")


def test_a_cookie_ack_finding_the_accept_queue_full_is_dropped():
    ep = recv(queued(listen(), half_open=4), SYN, REMOTE, profile=LINUX).endpoint
    full = ep._replace(listener=ep.listener._replace(accept_q=(False,) * 4))
    expect(
        recv(full, ACK, REMOTE + 1, syn_cookie(REMOTE) + 1, profile=LINUX),
        State.LISTEN,
        [],
        "listen.cookie-acceptq-full",
    )


# -- the accept queue: the handshake's last ACK, accept() ------------------------------------------------


@pytest.mark.parametrize(
    "profile, state, sends, rule",
    [
        (LINUX, State.SYN_RCVD, [], "listen.acceptq-full-drop"),
        (ABORT, State.LISTEN, [(RST, LOCAL + 1, 0)], "listen.acceptq-full-rst"),
    ],
)
def test_syn_rcvd_last_ack_with_the_accept_queue_full(profile, state, sends, rule):
    ep = queued(syn_received(), queued=4)
    expect(recv(ep, ACK, REMOTE + 1, LOCAL + 1, profile=profile), state, sends, rule)
    expect(recv(ep, DATA, REMOTE + 1, LOCAL + 1, 10, profile=profile), state, sends, rule)  # data or not


def test_the_completed_connection_waits_in_the_accept_queue_until_accept():
    ep = expect(recv(queued(syn_received(), queued=1), ACK, REMOTE + 1, LOCAL + 1), State.ESTABLISHED)
    assert ep.listener.accept_q == (False, True) and ep.unaccepted
    for what in (Call.SEND, Call.CLOSE, Call.SHUTDOWN, Call.ABORT):
        res = call(ep, what)
        assert res.verdict is Verdict.ILLEGAL and res.rule == "app.not-accepted", what
    first = call(ep, Call.ACCEPT)
    assert first.rule == "app.accept-other" and first.endpoint.listener.accept_q == (True,)
    second = call(first.endpoint, Call.ACCEPT)
    assert second.rule == "app.accept" and not second.endpoint.unaccepted
    assert call(second.endpoint, Call.SEND).verdict is Verdict.CORRECT  # now the application's socket


@pytest.mark.parametrize(
    "accepting, rule, waiting_after",
    [(WAITING, "app.accept", BUSY), (LOOP, "app.accept", LOOP), (BUSY, "handshake.ack", BUSY)],
)
def test_an_application_blocked_in_accept_takes_the_connection_at_once(accepting, rule, waiting_after):
    ep = syn_received()._replace(listener=listener(4, accepting=accepting))
    res = recv(ep, ACK, REMOTE + 1, LOCAL + 1)
    assert (rule in res.rules) and res.endpoint.listener.accepting == waiting_after
    assert res.endpoint.unaccepted is (accepting == BUSY)


@pytest.mark.parametrize(
    "state, rule, verdict",
    [
        (State.LISTEN, "app.accept-wait", Verdict.CORRECT),
        (State.CLOSED, "app.accept-not-listening", Verdict.ILLEGAL),
        (State.SYN_SENT, "app.accept-not-listening", Verdict.ILLEGAL),
        (State.SYN_RCVD, "app.accept-wait", Verdict.CORRECT),
    ],
)
def test_accept_per_state(state, rule, verdict):
    res = call(FIXTURES[state](), Call.ACCEPT)
    assert (res.rule, res.verdict, res.sent, res.endpoint.state) == (rule, verdict, (), state)
    if verdict is Verdict.ILLEGAL:
        assert errno(res) is Errno.EINVAL


def test_accept_on_an_empty_queue_waits_for_the_next():
    res = call(queued(listen()), Call.ACCEPT)
    assert res.rule == "app.accept-wait" and res.endpoint.listener.accepting == WAITING


# -- floods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ep, profile, count, rule, half_open, facts",
    [
        (queued(listen()), TEXTBOOK, 3, "flood.queued", 3, {"queued": 3, "cookies": 0, "dropped": 0}),
        (queued(listen()), COOKIES_OFF, 10, "flood.dropped", 4, {"queued": 4, "cookies": 0, "dropped": 6}),
        (queued(listen()), LINUX, 10, "flood.cookies", 4, {"queued": 4, "cookies": 6, "dropped": 0}),
        (queued(syn_received()), TEXTBOOK, 10, "flood.dropped", 3, {"queued": 3, "synq": 4}),  # ours holds a place
        (queued(listen(), queued=4), LINUX, 10, "flood.acceptq-full", 0, {"queued": 0, "dropped": 10}),
        (listen(), LINUX, 200, "flood.cookies", 128, {"queued": 128, "cookies": 72, "synmax": 128}),  # backlog 128
    ],
)
def test_a_flood_is_counted_not_played(ep, profile, count, rule, half_open, facts):
    res = flood(ep, count, profile)
    assert res.rule == rule and res.sent == () and res.endpoint.state is ep.state
    assert res.endpoint.listener.half_open == half_open
    assert facts.items() <= dict(res.params).items()


def test_a_flood_where_nobody_listens_or_on_a_crashed_host():
    assert flood(closed(), 5, TEXTBOOK).rule == "flood.no-listener"
    assert flood(crash(listen()).endpoint, 5, TEXTBOOK).rule == "host.down"


def test_give_up_expires_the_flood_then_a_syn_gets_in():
    ep = flood(queued(listen()), 4, COOKIES_OFF).endpoint
    expect(recv(ep, SYN, REMOTE, profile=COOKIES_OFF), State.LISTEN, [], "listen.synq-full")
    res = fire(ep, Timer.GIVE_UP, profile=COOKIES_OFF)
    assert res.rule == "timer.synq-expired" and res.verdict is Verdict.CORRECT and res.endpoint.listener.half_open == 0
    expect(recv(res.endpoint, SYN, REMOTE, profile=COOKIES_OFF), State.SYN_RCVD, rule="handshake.syn-received")


# -- keep-alive -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, rule",
    [
        (established, "timer.keepalive"),
        (close_wait, "timer.keepalive"),
        (lambda: fin_wait_2(Call.SHUTDOWN), "timer.keepalive"),
        (fin_wait_2, "timer.keepalive-none"),  # an orphan after close(): tcp_fin_timeout is its timer
        (closed, "timer.keepalive-none"),
        (listen, "timer.keepalive-none"),
        (syn_sent, "timer.keepalive-none"),
        (syn_received, "timer.keepalive-none"),
        (time_wait, "timer.keepalive-none"),  # TIME_WAIT has no keep-alive
        (lambda: call(established(), Call.SEND).endpoint, "timer.keepalive-busy"),
    ],
)
def test_keepalive_per_state(make, rule):
    ep = make()
    res = fire(ep, Timer.KEEPALIVE)
    assert res.rule == rule, res.rule
    if rule == "timer.keepalive":
        tcb = ep.tcb
        expect(res, ep.state, [(ACK, tcb.snd_nxt - 1, tcb.rcv_nxt)])  # SEQ = SND.NXT − 1 (RFC 9293 §3.8.4)
        assert res.endpoint.retries == 1
    else:
        assert res.verdict is Verdict.ILLEGAL


def test_keepalive_answered_starts_over_unanswered_kills():
    ep = established()
    probed = fire(ep, Timer.KEEPALIVE).endpoint
    answered = recv(probed, ACK, REMOTE + 1, LOCAL + 1)  # the peer's ACK to the probe
    assert answered.rule == "ack.duplicate" and answered.endpoint.retries == 0
    probed = ep
    for _ in range(9):  # Linux: tcp_keepalive_probes = 9, each unanswered
        probed = fire(probed, Timer.KEEPALIVE, profile=LINUX).endpoint
    assert probed.retries == 9 and probed.state is State.ESTABLISHED
    dead = fire(probed, Timer.KEEPALIVE, profile=LINUX)
    expect(dead, State.CLOSED, [(RST | ACK, LOCAL + 1, REMOTE + 1)], "timer.keepalive-dead")
    assert errno(dead) is Errno.ETIMEDOUT and dict(dead.params)["after"] == 7200 + 9 * 75
    gave_up = fire(fire(ep, Timer.KEEPALIVE).endpoint, Timer.GIVE_UP)
    expect(gave_up, State.CLOSED, [(RST, LOCAL + 1, 0)], "timer.keepalive-dead")


def test_a_probe_to_a_rebooted_peer_draws_a_rst_that_resets():
    probe = fire(established(), Timer.KEEPALIVE).sent[0]
    answer = recv(closed(), ACK, probe.seq, probe.ack)
    assert answer.rule == "rst.no-connection"
    rst = answer.sent[0]
    res = recv(established(), rst.flags, rst.seq, rst.ack)
    expect(res, State.CLOSED, rule="rst.reset")
    assert errno(res) is Errno.ECONNRESET


# -- a process crash, a reboot ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, state, sends, rule",
    [
        (established, State.FIN_WAIT_1, [(FIN | ACK, LOCAL + 1, REMOTE + 1)], "app.crash-fin"),
        (close_wait, State.LAST_ACK, [(FIN | ACK, LOCAL + 1, REMOTE + 2)], "app.crash-fin-passive"),
        (listen, State.CLOSED, [], "app.crash-listener"),
        (syn_sent, State.CLOSED, [], "app.crash-synsent"),
        (syn_received, State.CLOSED, [], "app.crash-synrcvd"),  # a 半连接 dies with its listener
        (lambda: fin_wait_2(Call.SHUTDOWN), State.FIN_WAIT_2, [], "app.crash-orphan"),
        (time_wait, State.TIME_WAIT, [], "app.crash-orphan"),
        (closed, State.CLOSED, [], "app.crash-nothing"),
        (
            lambda: queued(recv(queued(syn_received()), ACK, REMOTE + 1, LOCAL + 1).endpoint),
            State.CLOSED,
            [(RST, LOCAL + 1, 0)],
            "app.crash-unaccepted",
        ),
    ],
)
def test_process_crash_per_state(make, state, sends, rule):
    ep = make()
    if rule == "app.crash-unaccepted":
        ep = ep._replace(listener=ep.listener._replace(accept_q=(True,)))
    res = call(ep, Call.CRASH)
    expect(res, state, sends, rule)
    assert res.verdict is Verdict.CORRECT and App.LISTENING not in res.endpoint.app  # its listener closed too
    if state.has_tcb and state is not State.SYN_SENT:
        assert App.READ_CLOSED in res.endpoint.app  # an orphan now: data arriving is answered with RST


def unread(ep, nbytes: int = 100):
    """The endpoint's application holds `nbytes` received and never read (the receive buffer)."""
    return ep._replace(tcb=ep.tcb._replace(unread=nbytes), app=ep.app | App.HOLDING)


@pytest.mark.parametrize(
    "make, sends",
    [
        (established, [(RST, LOCAL + 1, 0)]),
        (close_wait, [(RST, LOCAL + 1, 0)]),  # the request was read not at all, the FIN came after it
        (lambda: fin_wait_2(Call.SHUTDOWN), [(RST, LOCAL + 2, 0)]),  # an orphan still reading
    ],
)
def test_a_process_that_dies_with_data_unread_resets(make, sends):
    """tcp_close()'s data_was_unread: the kernel closes the dead process's socket as close() would,
    and close() with data unread sends RST, not FIN (RFC 1122 §4.2.2.13) — RST+ACK on Linux."""
    res = call(unread(make()), Call.CRASH)
    expect(res, State.CLOSED, sends, "app.crash-unread")
    assert dict(res.params)["unread"] == 100
    linux = call(unread(make()), Call.CRASH, profile=LINUX)
    assert [seg.flags for seg in linux.sent] == [RST | ACK] and linux.rule == "app.crash-unread"


def test_a_host_crash_is_silent_a_reboot_answers_again():
    silent = crash(established()).endpoint
    assert recv(silent, DATA, REMOTE + 1, LOCAL + 1, 10).rule == "host.down"
    res = reboot(established())
    assert res.rule == "host.reboot" and [c.rule for c in res.changes] == ["host.crash", "host.restart"]
    assert res.endpoint.state is State.LISTEN and res.sent == ()  # a server's program listens again
    again = recv(res.endpoint, DATA, REMOTE + 1, LOCAL + 1, 10)
    assert again.rule == "rst.listen-unknown" and again.sent[0].flags == RST
    client = reboot(established_active())
    assert client.endpoint.state is State.CLOSED and [c.rule for c in client.changes] == ["host.crash"]


# -- SO_REUSEADDR and bind() -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "app, profile, rule, verdict",
    [
        (App.NONE, LINUX, "app.bind-in-use", Verdict.ILLEGAL),
        (App.REUSEADDR, LINUX, "app.listen-beside-timewait", Verdict.CORRECT),
        (App.NONE, TEXTBOOK, "app.listen-beside-timewait", Verdict.CORRECT),  # RFC 9293's OPEN knows no bind()
    ],
)
def test_listen_beside_time_wait(app, profile, rule, verdict):
    tw = time_wait()._replace(app=app)
    res = call(tw, Call.LISTEN, profile=profile)
    assert (res.rule, res.verdict) == (rule, verdict)
    assert errno(res) is (Errno.EADDRINUSE if verdict is Verdict.ILLEGAL else None)


def test_reuseaddr_only_before_bind_and_listen_beside_any_old_connection_with_it():
    assert call(closed(), Call.REUSEADDR).rule == "app.reuseaddr"
    assert call(time_wait(), Call.REUSEADDR).rule == "app.reuseaddr-bound"  # too late for the old socket
    assert call(listen(), Call.REUSEADDR).verdict is Verdict.ILLEGAL
    orphan = call(established()._replace(app=App.REUSEADDR), Call.CRASH).endpoint  # FIN_WAIT_1, listener gone
    assert call(orphan, Call.LISTEN, profile=LINUX).rule == "app.listen-beside"
    assert call(time_wait(), Call.CONNECT).rule == "app.connect-timewait"
    assert errno(call(time_wait(), Call.CONNECT)) is Errno.EADDRNOTAVAIL


# -- retries, the third segment -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, rto_rule, limit", [(syn_sent, "timer.rto-syn", 6), (syn_received, "timer.rto-synack", 5)]
)
def test_linux_counts_handshake_retries_then_gives_up(make, rto_rule, limit):
    ep = make()
    for attempt in range(1, limit + 1):
        res = fire(ep, Timer.RTO, profile=LINUX)
        assert res.rule == rto_rule and dict(res.params)["attempt"] == attempt
        assert dict(res.params)["at"] == 2**attempt - 1  # 1, 3, 7, 15, 31, 63 s after the first
        ep = res.endpoint
    last = fire(ep, Timer.RTO, profile=LINUX)
    assert last.rule.startswith("timer.give-up-synsent" if make is syn_sent else "timer.give-up-synrcvd")
    assert dict(last.params)["after"] == 2 ** (limit + 1) - 1  # 127 s, 63 s
    if make is syn_sent:
        assert errno(last) is Errno.ETIMEDOUT


def test_the_textbook_does_not_count_and_the_answer_starts_over():
    ep = syn_sent()
    for _ in range(10):
        ep = fire(ep, Timer.RTO).endpoint
    assert ep.retries == 10 and ep.state is State.SYN_SENT
    assert recv(ep, SYN | ACK, REMOTE, LOCAL + 1).endpoint.retries == 0


def test_the_third_ack_is_never_retransmitted_but_data_completes_the_handshake():
    res = fire(established_active(), Timer.RTO)
    assert res.rule == "timer.rto-handshake-ack" and res.verdict is Verdict.ILLEGAL
    expect(
        recv(syn_received(), DATA, REMOTE + 1, LOCAL + 1, 10),
        State.ESTABLISHED,
        [(ACK, LOCAL + 1, REMOTE + 11)],
        "handshake.ack-data",
    )


def test_a_two_segment_tcp_opens_on_the_syn_alone():
    two = TEXTBOOK.with_options(two_way=True)
    res = recv(listen(), SYN, 700, profile=two, isn=LOCAL)
    expect(res, State.ESTABLISHED, [(SYN | ACK, LOCAL, 701)], "handshake.two-way")


def test_fin_wait_2_has_no_timer_after_shutdown():
    res = fire(fin_wait_2(Call.SHUTDOWN), Timer.GIVE_UP)
    assert res.rule == "timer.fin-wait-2-forever" and res.verdict is Verdict.ILLEGAL
    expect(fire(fin_wait_2(), Timer.GIVE_UP), State.CLOSED, [], "timer.fin-wait-2-timeout")


# -- errno --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "res, want",
    [
        (recv(syn_sent(), RST | ACK, 0, LOCAL + 1), Errno.ECONNREFUSED),
        (recv(established(), RST, REMOTE + 1), Errno.ECONNRESET),
        (recv(close_wait(), RST, REMOTE + 2), Errno.EPIPE),  # Linux tcp_reset(), as BSD
        (recv(fin_wait_2(), RST, REMOTE + 1), None),  # after close(): nobody holds the socket to hear it
        (fire(syn_sent(), Timer.GIVE_UP), Errno.ETIMEDOUT),
        (fire(call(established(), Call.SEND).endpoint, Timer.GIVE_UP), Errno.ETIMEDOUT),
        (call(fin_wait_2(Call.SHUTDOWN), Call.SEND), Errno.EPIPE),
        (call(closed(), Call.SEND), Errno.EPIPE),
    ],
)
def test_the_errno_the_application_sees(res, want):
    assert errno(res) is want
