"""SEGMENT ARRIVES, state by state (RFC 9293 §3.10.7 with RFC 5961): one test per (state, event).

Each test reads like a trace: the endpoint under test (ISS = LOCAL) receives a segment from its
peer (ISS = REMOTE) and we check its new state, what it sends, and the rule that decided it.
"""

from tcptui.core.endpoint import App
from tcptui.core.profile import TimewaitSyn
from tcptui.core.segment import ACK, FIN, PSH, RST, SYN
from tcptui.core.states import Call, Reaction, State

from .trace import (
    LINUX,
    LOCAL,
    NEW,
    REMOTE,
    RFC9293,
    TEXTBOOK,
    call,
    close_wait,
    closed,
    closing,
    established,
    established_active,
    expect,
    fin_wait_1,
    fin_wait_2,
    last_ack,
    listen,
    recv,
    syn_received,
    syn_sent,
    time_wait,
)

DATA = PSH | ACK

# -- CLOSED (§3.10.7.1) --------------------------------------------------------------------------


def test_closed_syn():
    # No listener: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> — connection refused (§4.4.1).
    expect(
        recv(closed(), SYN, REMOTE),
        State.CLOSED,
        sends=[(RST | ACK, 0, REMOTE + 1)],
        rule="rst.no-listener",
        reaction=Reaction.REFUSED,
    )


def test_closed_ack():
    expect(recv(closed(), ACK, REMOTE, 777), State.CLOSED, sends=[(RST, 777, 0)], rule="rst.no-connection")


def test_closed_data():
    # A restarted server hears data of a connection it forgot (§4.4.4).
    expect(recv(closed(), DATA, REMOTE, 777, 100), State.CLOSED, sends=[(RST, 777, 0)], rule="rst.no-connection")


def test_closed_data_without_ack():
    expect(
        recv(closed(), PSH, REMOTE, 0, 10), State.CLOSED, sends=[(RST | ACK, 0, REMOTE + 10)], rule="rst.no-connection"
    )


def test_closed_fin_without_ack_counts_the_fin():
    expect(recv(closed(), FIN, REMOTE), State.CLOSED, sends=[(RST | ACK, 0, REMOTE + 1)])


def test_closed_rst():
    expect(recv(closed(), RST, REMOTE), State.CLOSED, sends=[], rule="closed.rst-ignored")


def test_closed_with_listener_syn():
    # The connection is gone but the listener is still open: it takes the SYN (Linux, §4.2's end).
    ep = closed()._replace(app=App.LISTENING)
    expect(
        recv(ep, SYN, REMOTE, isn=NEW),
        State.SYN_RCVD,
        sends=[(SYN | ACK, NEW, REMOTE + 1)],
        rule="handshake.syn-received",
    )


def test_closed_down_host_hears_nothing():
    ep = closed()._replace(app=App.DOWN)
    expect(recv(ep, SYN, REMOTE), State.CLOSED, sends=[], rule="host.down", reaction=Reaction.DROPPED)


# -- LISTEN (§3.10.7.2) ---------------------------------------------------------------------------


def test_listen_syn():
    ep = expect(
        recv(listen(), SYN, REMOTE, isn=LOCAL),
        State.SYN_RCVD,
        sends=[(SYN | ACK, LOCAL, REMOTE + 1)],
        rule="handshake.syn-received",
    )
    assert ep.passive and ep.tcb.irs == REMOTE and ep.tcb.snd_nxt == LOCAL + 1


def test_listen_ack():
    # A late handshake ACK after the half-open connection was dropped (§4.4.2).
    expect(recv(listen(), ACK, REMOTE + 1, 4242), State.LISTEN, sends=[(RST, 4242, 0)], rule="rst.listen-ack")


def test_listen_synack():
    # A SYN+ACK for a connection this listener never opened: refused, like any unknown segment (§4.4.4).
    expect(recv(listen(), SYN | ACK, REMOTE, 4242), State.LISTEN, sends=[(RST, 4242, 0)], rule="rst.listen-synack")


def test_listen_data_of_a_forgotten_connection():
    expect(
        recv(listen(), PSH | ACK, REMOTE + 1, 4242, 10), State.LISTEN, sends=[(RST, 4242, 0)], rule="rst.listen-unknown"
    )


def test_listen_rst():
    expect(recv(listen(), RST, REMOTE), State.LISTEN, sends=[], rule="listen.rst-ignored")


def test_listen_fin_without_ack():
    expect(recv(listen(), FIN, REMOTE), State.LISTEN, sends=[], rule="listen.drop-other")


# -- SYN_SENT (§3.10.7.3) ---------------------------------------------------------------------------


def test_syn_sent_synack():
    ep = expect(
        recv(syn_sent(), SYN | ACK, REMOTE, LOCAL + 1),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="handshake.synack",
    )
    assert ep.tcb.snd_una == LOCAL + 1 and ep.tcb.irs == REMOTE


def test_syn_sent_ack_badack():
    # The TIME_WAIT peer's old ACK (§4.2): not for our SYN → <SEQ=SEG.ACK><CTL=RST>, stay.
    expect(
        recv(syn_sent(), ACK, 123, 777),
        State.SYN_SENT,
        sends=[(RST, 777, 0)],
        rule="synsent.bad-ack",
        reaction=Reaction.REFUSED,
    )


def test_syn_sent_ack_equal_to_iss_is_bad():
    expect(recv(syn_sent(), SYN | ACK, REMOTE, LOCAL), State.SYN_SENT, sends=[(RST, LOCAL, 0)])


def test_syn_sent_badack_linux_resends_syn():
    expect(recv(syn_sent(), ACK, 123, 777, profile=LINUX), State.SYN_SENT, sends=[(RST, 777, 0), (SYN, LOCAL, 0)])


def test_syn_sent_syn_simultaneous_open():
    expect(
        recv(syn_sent(), SYN, REMOTE),
        State.SYN_RCVD,
        sends=[(SYN | ACK, LOCAL, REMOTE + 1)],
        rule="handshake.simultaneous-open",
    )


def test_syn_sent_rstack():
    # Connection refused (§4.4.1): the RST acknowledges our SYN.
    expect(
        recv(syn_sent(), RST | ACK, 0, LOCAL + 1), State.CLOSED, sends=[], rule="rst.refused", reaction=Reaction.RESET
    )


def test_syn_sent_rst_without_ack():
    expect(recv(syn_sent(), RST, REMOTE), State.SYN_SENT, sends=[], rule="synsent.rst-ignored")


def test_syn_sent_rstack_badack():
    expect(recv(syn_sent(), RST | ACK, 0, LOCAL + 500), State.SYN_SENT, sends=[], rule="synsent.rst-bad-ack")


def test_syn_sent_plain_ack_of_our_syn_without_syn():
    expect(recv(syn_sent(), ACK, REMOTE, LOCAL + 1), State.SYN_SENT, sends=[], rule="synsent.drop-other")


def test_syn_sent_queued_data_and_fin_follow_the_handshake():
    ep = call(syn_sent(), Call.SEND, nbytes=30).endpoint
    assert ep.pending == 30
    expect(
        recv(ep, SYN | ACK, REMOTE, LOCAL + 1),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1), (DATA, LOCAL + 1, REMOTE + 1, 30)],
    )


# -- SYN_RCVD ---------------------------------------------------------------------------------------


def test_syn_rcvd_ack():
    expect(recv(syn_received(), ACK, REMOTE + 1, LOCAL + 1), State.ESTABLISHED, sends=[], rule="handshake.ack")


def test_syn_rcvd_ack_with_data():
    ep = expect(
        recv(syn_received(), DATA, REMOTE + 1, LOCAL + 1, 10),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 11)],
        rule="handshake.ack-data",  # the third segment may carry data: taken, and acknowledged
    )
    assert ep.tcb.rcv_nxt == REMOTE + 11


def test_syn_rcvd_badack():
    expect(
        recv(syn_received(), ACK, REMOTE + 1, LOCAL + 99),
        State.SYN_RCVD,
        sends=[(RST, LOCAL + 99, 0)],
        rule="synrcvd.bad-ack",
    )


def test_syn_rcvd_rst_passive_returns_to_listen():
    expect(recv(syn_received(), RST, REMOTE + 1), State.LISTEN, sends=[], rule="rst.synrcvd-passive")


def test_syn_rcvd_rst_active_closes():
    simultaneous = recv(syn_sent(), SYN, REMOTE).endpoint
    expect(recv(simultaneous, RST, REMOTE + 1), State.CLOSED, rule="rst.synrcvd-active")


def test_syn_rcvd_rst_in_window_challenged():
    expect(
        recv(syn_received(), RST, REMOTE + 100),
        State.SYN_RCVD,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="rst.challenge-ack",
    )


def test_syn_rcvd_syn_retransmitted():
    # Our SYN+ACK was lost; the peer repeats its SYN: answer with the SYN+ACK again.
    expect(
        recv(syn_received(), SYN, REMOTE),
        State.SYN_RCVD,
        sends=[(SYN | ACK, LOCAL, REMOTE + 1)],
        rule="synrcvd.syn-retransmit",
    )


def test_syn_rcvd_other_syn_in_window_passive():
    expect(recv(syn_received(), SYN, REMOTE + 5), State.LISTEN, rule="synrcvd.syn-passive")


def test_syn_rcvd_fin():
    # The ACK completes the handshake, then the FIN in the same segment closes the peer's side.
    res = recv(syn_received(), FIN | ACK, REMOTE + 1, LOCAL + 1)
    expect(res, State.CLOSE_WAIT, sends=[(ACK, LOCAL + 1, REMOTE + 2)], rule="close.fin-received")
    assert res.rules[:1] == ("handshake.ack",)


# -- ESTABLISHED ------------------------------------------------------------------------------------


def test_established_data():
    ep = expect(
        recv(established(), DATA, REMOTE + 1, LOCAL + 1, 100),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 101)],
        rule="data.accept",
        reaction=Reaction.ACCEPTED,
    )
    assert ep.tcb.rcv_nxt == REMOTE + 101


def test_established_data_partly_old_is_trimmed():
    ep = recv(established(), DATA, REMOTE + 1, LOCAL + 1, 100).endpoint
    ep = expect(
        recv(ep, DATA, REMOTE + 51, LOCAL + 1, 100),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 151)],
        rule="data.accept",
    )


def test_established_data_old_duplicate():
    ep = recv(established(), DATA, REMOTE + 1, LOCAL + 1, 100).endpoint
    expect(
        recv(ep, DATA, REMOTE + 1, LOCAL + 1, 100),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 101)],
        rule="seq.old-duplicate",
        reaction=Reaction.DROPPED,
    )


def test_established_data_out_of_order():
    expect(
        recv(established(), DATA, REMOTE + 201, LOCAL + 1, 100),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="data.out-of-order",
    )


def test_established_data_out_of_window():
    expect(
        recv(established(), DATA, REMOTE + 70_000, LOCAL + 1, 100),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="seq.out-of-window",
    )


def test_established_fin():
    expect(
        recv(established(), FIN | ACK, REMOTE + 1, LOCAL + 1),
        State.CLOSE_WAIT,
        sends=[(ACK, LOCAL + 1, REMOTE + 2)],
        rule="close.fin-received",
    )


def test_established_data_and_fin():
    expect(
        recv(established(), FIN | DATA, REMOTE + 1, LOCAL + 1, 10),
        State.CLOSE_WAIT,
        sends=[(ACK, LOCAL + 1, REMOTE + 12)],
        rule="close.fin-received",
    )


def test_established_fin_after_gap_waits():
    expect(
        recv(established(), FIN | ACK, REMOTE + 50, LOCAL + 1),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="data.out-of-order",
    )


def test_established_rst_exact():
    expect(recv(established(), RST, REMOTE + 1), State.CLOSED, sends=[], rule="rst.reset", reaction=Reaction.RESET)


def test_established_rst_in_window_challenge_ack():
    expect(
        recv(established(), RST, REMOTE + 500),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="rst.challenge-ack",
        reaction=Reaction.CHALLENGED,
    )


def test_established_rst_out_of_window():
    expect(recv(established(), RST, REMOTE - 10), State.ESTABLISHED, sends=[], rule="rst.out-of-window")


def test_established_syn_challenge_ack():
    # RFC 5961 §4.2: any SYN, whatever its sequence number.
    for seq in (REMOTE + 1, REMOTE + 5, 123_456_789):
        expect(
            recv(established(), SYN, seq),
            State.ESTABLISHED,
            sends=[(ACK, LOCAL + 1, REMOTE + 1)],
            rule="syn.challenge-ack",
            reaction=Reaction.CHALLENGED,
        )


def test_established_ack_of_future_data():
    expect(
        recv(established(), ACK, REMOTE + 1, LOCAL + 500),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="ack.future",
    )


def test_established_ack_too_old():
    ep = established()._replace(tcb=established().tcb._replace(snd_wnd=1000))
    expect(
        recv(ep, ACK, REMOTE + 1, LOCAL - 5000),
        State.ESTABLISHED,
        sends=[(ACK, LOCAL + 1, REMOTE + 1)],
        rule="ack.too-old",
    )


def test_established_ack_of_our_data():
    ep = call(established(), Call.SEND, nbytes=100).endpoint
    ep = expect(recv(ep, ACK, REMOTE + 1, LOCAL + 101), State.ESTABLISHED, sends=[], rule="ack.accept")
    assert ep.tcb.snd_una == LOCAL + 101


def test_established_without_ack_bit():
    expect(recv(established(), PSH, REMOTE + 1, 0, 10), State.ESTABLISHED, sends=[], rule="ack.missing")


def test_established_active_side_is_the_same():
    assert established_active().state is State.ESTABLISHED


# -- FIN_WAIT_1 -------------------------------------------------------------------------------------


def test_fin_wait_1_ack():
    expect(recv(fin_wait_1(), ACK, REMOTE + 1, LOCAL + 2), State.FIN_WAIT_2, sends=[], rule="close.fin-acked")


def test_fin_wait_1_ack_not_covering_fin():
    expect(recv(fin_wait_1(), ACK, REMOTE + 1, LOCAL + 1), State.FIN_WAIT_1, sends=[], rule="close.fin-not-acked")


def test_fin_wait_1_finack_shortcut():
    # §3.4: FIN and the ACK of our FIN in one segment: FIN_WAIT_1 → TIME_WAIT directly.
    res = recv(fin_wait_1(), FIN | ACK, REMOTE + 1, LOCAL + 2)
    expect(res, State.TIME_WAIT, sends=[(ACK, LOCAL + 2, REMOTE + 2)], rule="close.fin-ack-shortcut")
    assert [(c.old, c.new) for c in res.changes] == [(State.FIN_WAIT_1, State.TIME_WAIT)]


def test_fin_wait_1_finack_oldack_simultaneous_close():
    expect(
        recv(fin_wait_1(), FIN | ACK, REMOTE + 1, LOCAL + 1),
        State.CLOSING,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="close.simultaneous",
    )


def test_fin_wait_1_data_after_shutdown_is_accepted():
    ep = fin_wait_1(Call.SHUTDOWN)
    expect(
        recv(ep, DATA, REMOTE + 1, LOCAL + 1, 10),
        State.FIN_WAIT_1,
        sends=[(ACK, LOCAL + 2, REMOTE + 11)],
        rule="data.accept-half-closed",
    )


def test_fin_wait_1_data_after_close_resets():
    # RFC 1122 §4.2.2.13: after close() the data cannot be delivered: RST, as Linux does.
    expect(
        recv(fin_wait_1(Call.CLOSE), DATA, REMOTE + 1, LOCAL + 1, 10),
        State.CLOSED,
        sends=[(RST, LOCAL + 1, 0)],
        rule="data.after-close",
        reaction=Reaction.RESET,
    )


def test_fin_wait_1_rst():
    expect(recv(fin_wait_1(), RST, REMOTE + 1), State.CLOSED, rule="rst.reset")


# -- FIN_WAIT_2 -------------------------------------------------------------------------------------


def test_fin_wait_2_finack():
    expect(
        recv(fin_wait_2(), FIN | ACK, REMOTE + 1, LOCAL + 2),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="close.fin-wait-2-fin",
    )


def test_fin_wait_2_data_half_close():
    expect(
        recv(fin_wait_2(Call.SHUTDOWN), DATA, REMOTE + 1, LOCAL + 2, 100),
        State.FIN_WAIT_2,
        sends=[(ACK, LOCAL + 2, REMOTE + 101)],
        rule="data.accept-half-closed",
    )


def test_fin_wait_2_data_after_close():
    expect(
        recv(fin_wait_2(Call.CLOSE), DATA, REMOTE + 1, LOCAL + 2, 100),
        State.CLOSED,
        sends=[(RST, LOCAL + 2, 0)],
        rule="data.after-close",
    )


def test_fin_wait_2_old_data_after_close_is_only_acked():
    ep = fin_wait_2(Call.CLOSE)
    expect(
        recv(ep, DATA, REMOTE - 99, LOCAL + 2, 100),
        State.FIN_WAIT_2,
        sends=[(ACK, LOCAL + 2, REMOTE + 1)],
        rule="seq.old-duplicate",
    )


# -- CLOSE_WAIT -------------------------------------------------------------------------------------


def test_close_wait_fin_retransmitted():
    # Our ACK of the FIN was lost: the FIN comes again, below RCV.NXT: ACK it again.
    expect(
        recv(close_wait(), FIN | ACK, REMOTE + 1, LOCAL + 1),
        State.CLOSE_WAIT,
        sends=[(ACK, LOCAL + 1, REMOTE + 2)],
        rule="seq.old-duplicate",
    )


def test_close_wait_data_after_fin_ignored():
    expect(recv(close_wait(), DATA, REMOTE + 2, LOCAL + 1, 10), State.CLOSE_WAIT, sends=[], rule="data.after-fin")


def test_close_wait_rst():
    expect(recv(close_wait(), RST, REMOTE + 2), State.CLOSED, rule="rst.reset")


# -- CLOSING ----------------------------------------------------------------------------------------


def test_closing_ack():
    expect(recv(closing(), ACK, REMOTE + 2, LOCAL + 2), State.TIME_WAIT, sends=[], rule="close.closing-acked")


def test_closing_rst():
    expect(recv(closing(), RST, REMOTE + 2), State.CLOSED, rule="rst.closing")


# -- LAST_ACK ---------------------------------------------------------------------------------------


def test_last_ack_ack():
    expect(recv(last_ack(), ACK, REMOTE + 2, LOCAL + 2), State.CLOSED, sends=[], rule="close.last-ack")


def test_last_ack_ack_without_our_fin():
    expect(recv(last_ack(), ACK, REMOTE + 2, LOCAL + 1), State.LAST_ACK, sends=[], rule="ack.duplicate")


def test_last_ack_passive_server_keeps_listener():
    ep = expect(recv(last_ack(), ACK, REMOTE + 2, LOCAL + 2), State.CLOSED)
    assert ep.listening  # the connection is gone, the listening socket is not


def test_last_ack_rst():
    expect(recv(last_ack(), RST, REMOTE + 2), State.CLOSED, rule="rst.closing")


# -- TIME_WAIT --------------------------------------------------------------------------------------


def test_time_wait_finack_old():
    # §4.1 b: our last ACK was lost; the FIN comes again: ACK it again (2MSL restarts).
    expect(
        recv(time_wait(), FIN | ACK, REMOTE + 1, LOCAL + 2),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="timewait.fin-reack",
    )


def test_time_wait_syn():
    # §4.2: answer the SYN with the old connection's last ACK.
    expect(
        recv(time_wait(), SYN, REMOTE - 100),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="timewait.syn-reuse",
        reaction=Reaction.CHALLENGED,
    )


def test_time_wait_syn_highseq_challenge_ack_by_default():
    expect(
        recv(time_wait(), SYN, REMOTE + (1 << 24)),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="timewait.syn-reuse",
    )


def test_time_wait_syn_highseq_accept_newer():
    newer = TEXTBOOK.with_options(timewait_syn=TimewaitSyn.ACCEPT_NEWER)
    ep = expect(
        recv(time_wait(), SYN, REMOTE + (1 << 24), profile=newer, isn=NEW),
        State.SYN_RCVD,
        sends=[(SYN | ACK, NEW, REMOTE + (1 << 24) + 1)],
        rule="timewait.syn-accept-newer",
    )
    assert ep.passive and App.READ_CLOSED not in ep.app


def test_time_wait_syn_lowseq_accept_newer_still_acks():
    expect(
        recv(time_wait(), SYN, REMOTE - (1 << 24), profile=LINUX),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="timewait.syn-reuse",
    )


def test_time_wait_syn_newer_without_listener_acks():
    client_side = time_wait()._replace(app=App.READ_CLOSED)
    expect(recv(client_side, SYN, REMOTE + (1 << 24), profile=LINUX), State.TIME_WAIT, rule="timewait.syn-reuse")


def test_time_wait_rst():
    expect(recv(time_wait(), RST, REMOTE + 2), State.CLOSED, sends=[], rule="timewait.rst", reaction=Reaction.RESET)


def test_time_wait_rst_rfc1337():
    protected = TEXTBOOK.with_options(rfc1337=True)
    expect(
        recv(time_wait(), RST, REMOTE + 2, profile=protected), State.TIME_WAIT, sends=[], rule="timewait.rst-rfc1337"
    )


def test_time_wait_rst_in_window_rfc9293_challenges_linux_ignores():
    expect(
        recv(time_wait(), RST, REMOTE + 50, profile=RFC9293),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="rst.challenge-ack",
    )
    expect(recv(time_wait(), RST, REMOTE + 50, profile=LINUX), State.TIME_WAIT, sends=[], rule="timewait.rst-ignored")


def test_time_wait_data_old():
    # §4.1 a: a late segment of the old connection is absorbed here.
    expect(
        recv(time_wait(), DATA, REMOTE - 99, LOCAL + 2, 100),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="timewait.late-segment",
    )


def test_time_wait_ack_in_sequence():
    expect(recv(time_wait(), ACK, REMOTE + 2, LOCAL + 2), State.TIME_WAIT, sends=[], rule="timewait.ack")


def test_time_wait_synack_challenged():
    expect(
        recv(time_wait(), SYN | ACK, REMOTE + 2, LOCAL + 2),
        State.TIME_WAIT,
        sends=[(ACK, LOCAL + 2, REMOTE + 2)],
        rule="syn.challenge-ack",
    )


# -- header prediction is a shortcut, not another rule -------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tcptui.core import PROFILES, ProfileName  # noqa: E402
from tcptui.core.arrive import Arrival, _predicted, general  # noqa: E402
from tcptui.core.endpoint import endpoint_in  # noqa: E402
from tcptui.core.segment import Flags, Segment  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 2**32 - 1),
    st.integers(0, 300),
    st.integers(0, 300),
    st.integers(-3, 3),
    st.integers(-3, 400),
    st.sampled_from([Flags.ACK, DATA]),
    st.integers(0, 200),
    st.sampled_from([0, 512, 65535]),
    st.sampled_from([App.NONE, App.HOLDING]),
    st.integers(0, 5),
    st.one_of(st.none(), st.integers(0, 2**32 - 1)),
    st.one_of(st.none(), st.integers(-3, 3), st.integers(0, 2**32 - 1)),
    st.sampled_from(list(ProfileName)),
)
def test_header_prediction_answers_as_the_general_path(
    iss, irs, sent, acked, dseq, dack, flags, length, wnd, app, dups, recent, dts, profile
):
    una = (iss + 1 + min(acked, sent)) % 2**32
    ep = endpoint_in(State.ESTABLISHED, iss=iss, irs=irs, snd_una=una, snd_nxt=(iss + 1 + sent) % 2**32, app=app)
    ep = ep._replace(tcb=ep.tcb._replace(dupacks=dups, ts_recent=recent))
    seg = Segment(flags, ep.tcb.rcv_nxt + dseq, una + dack, length if flags is DATA else 0, wnd)
    # the timestamps option: none, near TS.Recent (older, equal, newer), or anything
    ts = None if dts is None else (((recent or 0) + dts) % 2**32 if -3 <= dts <= 3 else dts, 0)
    fast = _predicted(ep, seg, ts)
    if fast is not None:
        assert fast == general(ep, seg, Arrival(PROFILES[profile], 9000, False, ts))
