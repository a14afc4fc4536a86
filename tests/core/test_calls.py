"""USER CALLS and TIMEOUTS (RFC 9293 §3.10.1–3.10.5, §3.10.8), host crash and restart."""

import pytest

from tcptui.core.calls import crash, restart
from tcptui.core.endpoint import App
from tcptui.core.segment import ACK, FIN, PSH, RST, SYN
from tcptui.core.states import Call, State, Timer, Verdict

from .trace import (
    LINUX,
    LOCAL,
    REMOTE,
    call,
    close_wait,
    closed,
    closing,
    established,
    expect,
    fin_wait_1,
    fin_wait_2,
    fire,
    last_ack,
    listen,
    recv,
    syn_received,
    syn_sent,
    time_wait,
)

DATA = PSH | ACK


def illegal(res, rule):
    assert res.verdict is Verdict.ILLEGAL, res
    assert res.rule == rule
    assert res.sent == () and res.changes == ()


# -- listen / connect --------------------------------------------------------------------------------


def test_closed_app_listen():
    ep = expect(call(closed(), Call.LISTEN), State.LISTEN, sends=[], rule="app.listen")
    assert App.LISTENING in ep.app


def test_closed_app_connect():
    ep = expect(call(closed(), Call.CONNECT, isn=LOCAL), State.SYN_SENT, sends=[(SYN, LOCAL, 0)], rule="app.connect")
    assert (ep.tcb.iss, ep.tcb.snd_una, ep.tcb.snd_nxt) == (LOCAL, LOCAL, LOCAL + 1)


def test_listen_app_connect_turns_active():
    expect(call(listen(), Call.CONNECT), State.SYN_SENT, sends=[(SYN, LOCAL, 0)], rule="app.connect-from-listen")


def test_established_app_connect_exists():
    illegal(call(established(), Call.CONNECT), "app.connect-exists")


def test_time_wait_app_connect_port_busy():
    illegal(call(time_wait(), Call.CONNECT), "app.connect-timewait")


def test_established_app_listen_exists():
    illegal(call(established(), Call.LISTEN), "app.listen-exists")


def test_time_wait_app_listen_beside():
    client_tw = time_wait()._replace(app=App.READ_CLOSED)
    ep = expect(call(client_tw, Call.LISTEN), State.TIME_WAIT, rule="app.listen-beside-timewait")
    assert App.LISTENING in ep.app


# -- send ----------------------------------------------------------------------------------------------


def test_established_app_send():
    ep = expect(
        call(established(), Call.SEND, nbytes=7),
        State.ESTABLISHED,
        sends=[(DATA, LOCAL + 1, REMOTE + 1, 7)],
        rule="app.send",
    )
    assert ep.tcb.snd_nxt == LOCAL + 8


def test_close_wait_app_send_half_close():
    expect(
        call(close_wait(), Call.SEND),
        State.CLOSE_WAIT,
        sends=[(DATA, LOCAL + 1, REMOTE + 2, 100)],
        rule="app.send-close-wait",
    )


@pytest.mark.parametrize("fixture", [syn_sent, syn_received])
def test_app_send_is_queued_before_established(fixture):
    ep = expect(call(fixture(), Call.SEND, nbytes=5), fixture().state, sends=[], rule="app.send-queued")
    assert ep.pending == 5


@pytest.mark.parametrize("fixture", [fin_wait_1, fin_wait_2, closing, last_ack, time_wait])
def test_app_send_after_fin_is_connection_closing(fixture):
    illegal(call(fixture(), Call.SEND), "app.send-closing")


@pytest.mark.parametrize("fixture", [closed, listen])
def test_app_send_without_connection(fixture):
    illegal(call(fixture(), Call.SEND), "app.send-no-connection")


# -- shutdown / close ---------------------------------------------------------------------------------


def test_established_app_close():
    ep = expect(
        call(established(), Call.CLOSE), State.FIN_WAIT_1, sends=[(FIN | ACK, LOCAL + 1, REMOTE + 1)], rule="app.close"
    )
    assert App.READ_CLOSED in ep.app and ep.tcb.snd_nxt == LOCAL + 2


def test_established_app_shutdown_keeps_reading():
    ep = expect(call(established(), Call.SHUTDOWN), State.FIN_WAIT_1, sends=[(FIN | ACK, LOCAL + 1, REMOTE + 1)])
    assert App.READ_CLOSED not in ep.app


def test_close_wait_app_close():
    expect(
        call(close_wait(), Call.CLOSE),
        State.LAST_ACK,
        sends=[(FIN | ACK, LOCAL + 1, REMOTE + 2)],
        rule="app.close-passive",
    )


def test_syn_sent_app_close_forgets():
    expect(call(syn_sent(), Call.CLOSE), State.CLOSED, sends=[], rule="app.close-synsent")


def test_syn_rcvd_app_close_sends_fin():
    expect(call(syn_received(), Call.CLOSE), State.FIN_WAIT_1, sends=[(FIN | ACK, LOCAL + 1, REMOTE + 1)])


def test_syn_rcvd_close_waits_behind_queued_data():
    # §3.1: the FIN is queued behind data still waiting; both go out once ESTABLISHED.
    ep = call(syn_received(), Call.SEND, nbytes=20).endpoint
    ep = expect(call(ep, Call.CLOSE), State.SYN_RCVD, sends=[], rule="app.close-queued")
    res = recv(ep, ACK, REMOTE + 1, LOCAL + 1)
    expect(res, State.FIN_WAIT_1, sends=[(DATA, LOCAL + 1, REMOTE + 1, 20), (FIN | ACK, LOCAL + 21, REMOTE + 1)])
    assert [c.new for c in res.changes] == [State.ESTABLISHED, State.FIN_WAIT_1]


def test_listen_app_close_removes_listener():
    ep = expect(call(listen(), Call.CLOSE), State.CLOSED, sends=[], rule="app.close-listen")
    assert not ep.listening


def test_fin_wait_2_close_after_shutdown():
    ep = expect(
        call(fin_wait_2(Call.SHUTDOWN), Call.CLOSE), State.FIN_WAIT_2, sends=[], rule="app.close-after-shutdown"
    )
    assert App.READ_CLOSED in ep.app


@pytest.mark.parametrize("fixture", [fin_wait_1, fin_wait_2, closing, last_ack, time_wait])
def test_app_close_twice_is_connection_closing(fixture):
    illegal(call(fixture(), Call.CLOSE), "app.close-closing")


def test_closed_app_close():
    illegal(call(closed(), Call.CLOSE), "app.close-no-connection")


def test_listen_app_shutdown():
    illegal(call(listen(), Call.SHUTDOWN), "app.shutdown-listen")


# -- abort (§4.4.3) -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", [syn_received, established, fin_wait_1, fin_wait_2, close_wait])
def test_app_abort_sends_rst(fixture):
    ep = fixture()
    expect(call(ep, Call.ABORT), State.CLOSED, sends=[(RST, ep.tcb.snd_nxt, 0)], rule="app.abort")


def test_established_app_abort_linux_sets_ack():
    expect(call(established(), Call.ABORT, profile=LINUX), State.CLOSED, sends=[(RST | ACK, LOCAL + 1, REMOTE + 1)])


@pytest.mark.parametrize("fixture", [syn_sent, closing, last_ack, time_wait])
def test_app_abort_silently(fixture):
    expect(call(fixture(), Call.ABORT), State.CLOSED, sends=[], rule="app.abort-silent")


def test_established_abort_of_passive_connection_keeps_listener():
    ep = expect(call(established(), Call.ABORT), State.CLOSED)
    assert ep.listening


# -- timers ---------------------------------------------------------------------------------------------


def test_syn_sent_timer_rto():
    expect(fire(syn_sent(), Timer.RTO), State.SYN_SENT, sends=[(SYN, LOCAL, 0)], rule="timer.rto-syn")


def test_syn_rcvd_timer_rto():
    expect(
        fire(syn_received(), Timer.RTO), State.SYN_RCVD, sends=[(SYN | ACK, LOCAL, REMOTE + 1)], rule="timer.rto-synack"
    )


def test_established_timer_rto_resends_unacked_data():
    ep = call(call(established(), Call.SEND, nbytes=10).endpoint, Call.SEND, nbytes=5).endpoint
    expect(fire(ep, Timer.RTO), State.ESTABLISHED, sends=[(DATA, LOCAL + 1, REMOTE + 1, 15)], rule="timer.rto-data")


def test_last_ack_timer_rto():
    # §4.1 b: the last ACK was lost, the FIN is sent again.
    expect(
        fire(last_ack(), Timer.RTO),
        State.LAST_ACK,
        sends=[(FIN | ACK, LOCAL + 1, REMOTE + 2)],
        rule="timer.rto-fin-last-ack",
    )


def test_fin_wait_1_rto_resends_data_and_fin_together():
    ep = call(call(established(), Call.SEND, nbytes=10).endpoint, Call.CLOSE).endpoint
    expect(fire(ep, Timer.RTO), State.FIN_WAIT_1, sends=[(FIN | PSH | ACK, LOCAL + 1, REMOTE + 1, 10)])


def test_established_timer_rto_idle():
    illegal(fire(established(), Timer.RTO), "timer.rto-idle")


def test_time_wait_timer_2msl():
    ep = expect(fire(time_wait(), Timer.TWO_MSL), State.CLOSED, sends=[], rule="timewait.2msl-expired")
    assert ep.listening  # a server that closed first still listens


def test_established_timer_2msl_not_running():
    illegal(fire(established(), Timer.TWO_MSL), "timer.2msl-idle")


def test_syn_sent_timer_give_up():
    expect(fire(syn_sent(), Timer.GIVE_UP), State.CLOSED, rule="timer.give-up-synsent")


def test_syn_rcvd_timer_give_up_back_to_listen():
    # §4.4.2: the server drops the half-open connection; its listener stays.
    expect(fire(syn_received(), Timer.GIVE_UP), State.LISTEN, rule="timer.give-up-synrcvd")


def test_fin_wait_2_give_up_after_close():
    expect(fire(fin_wait_2(Call.CLOSE), Timer.GIVE_UP), State.CLOSED, rule="timer.fin-wait-2-timeout")
    illegal(fire(fin_wait_2(Call.SHUTDOWN), Timer.GIVE_UP), "timer.fin-wait-2-forever")  # no timer after shutdown()


def test_established_give_up_with_unacked_data():
    ep = call(established(), Call.SEND).endpoint
    expect(fire(ep, Timer.GIVE_UP), State.CLOSED, sends=[], rule="timer.give-up")


# -- host crash and restart (§4.4.4) ------------------------------------------------------------------


def test_established_crash_forgets_silently():
    res = crash(established())
    ep = expect(res, State.CLOSED, sends=[], rule="host.crash")
    assert ep.down and ep.listening and res.verdict is Verdict.CORRECT


def test_crashed_host_cannot_call():
    ep = crash(established()).endpoint
    illegal(call(ep, Call.CONNECT), "host.is-down")
    illegal(crash(ep), "host.is-down")


def test_restart_server_listens_again():
    ep = expect(restart(crash(established()).endpoint), State.LISTEN, rule="host.restart")
    assert not ep.down


def test_restart_client_comes_back_closed():
    ep = expect(restart(crash(syn_sent()).endpoint), State.CLOSED, rule="host.restart")
    assert not ep.down and not ep.listening


def test_restart_when_up_is_illegal():
    illegal(restart(established()), "host.not-down")


def test_restarted_server_resets_the_old_connection():
    ep = restart(crash(established()).endpoint).endpoint
    # The data carries an ACK, so the RST takes its number: <SEQ=SEG.ACK><CTL=RST>.
    expect(
        recv(ep, DATA, REMOTE + 1, LOCAL + 1, 10), State.LISTEN, sends=[(RST, LOCAL + 1, 0)], rule="rst.listen-unknown"
    )
