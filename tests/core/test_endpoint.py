"""The core's checked constructor: an endpoint in any state, with a TCB that agrees with it."""

import pytest

from tcptui.core import World, parse_move
from tcptui.core.endpoint import App, ImpossibleEndpoint, endpoint_in
from tcptui.core.segment import seq_add
from tcptui.core.states import State


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_every_state_can_be_built_from_iss_and_irs(state):
    if not state.has_tcb:
        ep = endpoint_in(state)
        assert ep.state is state and ep.tcb.iss == 0
        return
    irs = None if state is State.SYN_SENT else 5000
    ep = endpoint_in(state, iss=1000, irs=irs)
    tcb = ep.tcb
    assert ep.state is state
    assert tcb.snd_nxt == 1001 + state.fin_sent  # the SYN, and our FIN once sent
    assert ep.fin_acked is (state in (State.FIN_WAIT_2, State.TIME_WAIT))
    if state.synchronized:
        assert tcb.rcv_nxt == 5001 + state.fin_received


def test_has_tcb_is_every_state_but_closed_and_listen():
    assert {s for s in State if not s.has_tcb} == {State.CLOSED, State.LISTEN}


def test_the_numbers_wrap_around_the_circle():
    ep = endpoint_in(State.ESTABLISHED, iss=0xFFFFFFFF, irs=5000)
    assert ep.tcb.snd_una == ep.tcb.snd_nxt == 0


@pytest.mark.parametrize(
    "state, fields, field, words",
    [
        (State.CLOSED, {"iss": 1}, "tcb", "has no TCB"),
        (State.LISTEN, {"pending": 10}, "pending", "no connection"),
        (State.ESTABLISHED, {"irs": 5000}, "tcb", "needs its ISS"),
        (State.ESTABLISHED, {"iss": 1000}, "tcb", "needs IRS"),
        (State.SYN_SENT, {"iss": 1000, "irs": 5000}, "tcb", "knows no IRS"),
        (State.SYN_SENT, {"iss": 1000, "passive": True}, "passive", "active open"),
        (State.SYN_RCVD, {"iss": 1000, "irs": 5000, "snd_nxt": 1101}, "tcb", "only its SYN"),
        (State.ESTABLISHED, {"iss": 1000, "irs": 5000, "snd_una": 1000}, "tcb", "ISS < SND.UNA"),
        (State.FIN_WAIT_1, {"iss": 1000, "irs": 5000, "snd_una": 1002}, "tcb", "SND.UNA < SND.NXT"),
        (State.FIN_WAIT_2, {"iss": 1000, "irs": 5000, "snd_una": 1001}, "tcb", "SND.UNA = SND.NXT"),
        (State.LAST_ACK, {"iss": 1000, "irs": 5000, "rcv_nxt": 5001}, "tcb", "peer's FIN"),
        (State.ESTABLISHED, {"iss": 1000, "irs": 5000, "pending": 5}, "pending", "only in SYN_SENT"),
        (State.ESTABLISHED, {"iss": 1000, "irs": 5000, "app": App.DOWN}, "app", "crashed host"),
        (State.ESTABLISHED, {"iss": 1000, "irs": 5000, "app": App.READ_CLOSED}, "app", "reading side"),
        (State.SYN_RCVD, {"iss": 1000, "irs": 5000, "app": App.CLOSE_PENDING}, "app", "queued data"),
    ],
)
def test_impossible_endpoints_are_refused_with_the_field_to_blame(state, fields, field, words):
    with pytest.raises(ImpossibleEndpoint, match=words) as caught:
        endpoint_in(state, **fields)
    assert caught.value.field == field


def test_listen_always_listens_and_passive_follows_the_listener():
    assert App.LISTENING in endpoint_in(State.LISTEN).app
    assert endpoint_in(State.SYN_RCVD, iss=1, irs=2, app=App.LISTENING).passive
    assert not endpoint_in(State.SYN_RCVD, iss=1, irs=2).passive
    closing = endpoint_in(State.FIN_WAIT_1, iss=1000, irs=5000, snd_una=1001, snd_nxt=seq_add(1000, 102))
    assert closing.unacked == 101  # 100 bytes and the FIN


def test_fin_wait_1_may_still_wait_for_the_ack_of_its_syn():
    """close() in SYN_RCVD sends the FIN at once (RFC 9293 §3.10.4): FIN_WAIT_1 with SND.UNA = ISS is
    an endpoint the engine makes, so the checked constructor accepts it (found by the state machine
    in tests/core/test_properties.py)."""
    world = World.new()
    for move in ("server listen", "client connect", "deliver 1", "server close"):
        world = world.apply(parse_move(move)).world
    ep = world.server
    assert ep.state is State.FIN_WAIT_1 and ep.tcb.snd_una == ep.tcb.iss
    rebuilt = endpoint_in(
        State.FIN_WAIT_1, iss=ep.tcb.iss, irs=ep.tcb.irs, snd_una=ep.tcb.snd_una, snd_nxt=ep.tcb.snd_nxt, app=ep.app
    )
    assert rebuilt.tcb[:7] == ep.tcb[:7]
    with pytest.raises(ImpossibleEndpoint, match="ISS < SND.UNA"):  # only FIN_WAIT_1: CLOSING has had its SYN acked
        endpoint_in(State.CLOSING, iss=1000, irs=5000, snd_una=1000, snd_nxt=1002)
