"""Helpers that make core tests read like packet traces (in the manner of smoltcp's tests).

    ep = established()
    res = recv(ep, FIN | ACK, seq=REMOTE + 1, ack=LOCAL + 1)
    expect(res, State.CLOSE_WAIT, sends=[(ACK, LOCAL + 1, REMOTE + 2)], rule="close.fin-received")

Each state's fixture is built from the previous one by the engine itself, so a broken
handshake breaks every later state's tests loudly.
"""

from __future__ import annotations

from tcptui.core.arrive import Arrival, on_segment
from tcptui.core.calls import on_call, on_timer
from tcptui.core.endpoint import Endpoint, Tcb, closed_endpoint
from tcptui.core.profile import PROFILES, ProfileName
from tcptui.core.segment import ACK, FIN, MOD, SYN, Segment
from tcptui.core.states import Call, State

LOCAL = 10_000  # the ISS of the endpoint under test
REMOTE = 50_000  # its peer's ISS
NEW = 90_000  # the ISS it would pick for a new connection
TEXTBOOK = PROFILES[ProfileName.TEXTBOOK]
RFC9293 = PROFILES[ProfileName.RFC9293]
LINUX = PROFILES[ProfileName.LINUX]


def recv(ep, flags, seq, ack=0, length=0, *, profile=TEXTBOOK, isn=NEW, window=65535):
    """Deliver one segment to `ep`."""
    return on_segment(ep, Segment(flags, seq % MOD, ack % MOD, length, window), Arrival(profile, isn))


def call(ep, what: Call, *, profile=TEXTBOOK, isn=LOCAL, nbytes=100):
    """The application on `ep` calls `what`."""
    return on_call(ep, what, profile, isn, nbytes)


def fire(ep, timer, *, profile=TEXTBOOK):
    return on_timer(ep, timer, profile)


def assert_whole(ep: Endpoint) -> None:
    """Every field there: the engine builds Endpoints and Tcbs positionally (tuple.__new__), which
    never checks the count, so a builder written for fewer fields would make a short tuple that
    only fails, far away, where a missing field is read (ep.listener, ep.retries)."""
    assert type(ep) is Endpoint and len(ep) == len(Endpoint._fields), ep
    assert type(ep.tcb) is Tcb and len(ep.tcb) == len(Tcb._fields), ep.tcb


def expect(res, state, sends=None, rule=None, reaction=None):
    """Assert the state after, the segments sent as (flags, seq, ack[, length]), and the rule."""
    assert_whole(res.endpoint)
    assert res.endpoint.state is state, f"state {res.endpoint.state.value}, expected {state.value} ({res.rule})"
    if sends is not None:
        got = [(s.flags, s.seq, s.ack) + ((s.length,) if s.length else ()) for s in res.sent]
        want = [(f, seq % MOD, ack % MOD) + tuple(rest) for f, seq, ack, *rest in sends]
        assert got == want, f"sent {[s.label for s in res.sent]} {got}, expected {want}"
    if rule is not None:
        assert res.rule == rule, f"rule {res.rule}, expected {rule}"
    if reaction is not None:
        assert res.reaction is reaction, f"reaction {res.reaction}, expected {reaction}"
    return res.endpoint


# -- each state, reached by the engine from the one before -------------------------------------


def closed():
    return closed_endpoint()


def listen():
    return call(closed(), Call.LISTEN).endpoint


def syn_sent():
    return call(closed(), Call.CONNECT, isn=LOCAL).endpoint


def syn_received():
    """LISTEN + SYN(seq=REMOTE) → SYN_RCVD, having sent SYN+ACK(seq=LOCAL, ack=REMOTE+1)."""
    return recv(listen(), SYN, REMOTE, isn=LOCAL).endpoint


def established():
    return recv(syn_received(), ACK, REMOTE + 1, LOCAL + 1).endpoint


def established_active():
    """Reached the other way: SYN_SENT + SYN+ACK."""
    return recv(syn_sent(), SYN | ACK, REMOTE, LOCAL + 1).endpoint


def fin_wait_1(close=Call.CLOSE):
    """We closed first: our FIN is LOCAL+1."""
    return call(established(), close).endpoint


def fin_wait_2(close=Call.CLOSE):
    return recv(fin_wait_1(close), ACK, REMOTE + 1, LOCAL + 2).endpoint


def close_wait():
    return recv(established(), FIN | ACK, REMOTE + 1, LOCAL + 1).endpoint


def last_ack():
    return call(close_wait(), Call.CLOSE).endpoint


def closing():
    return recv(fin_wait_1(), FIN | ACK, REMOTE + 1, LOCAL + 1).endpoint


def time_wait():
    return recv(fin_wait_2(), FIN | ACK, REMOTE + 1, LOCAL + 2).endpoint


FIXTURES = {
    State.CLOSED: closed,
    State.LISTEN: listen,
    State.SYN_SENT: syn_sent,
    State.SYN_RCVD: syn_received,
    State.ESTABLISHED: established,
    State.FIN_WAIT_1: fin_wait_1,
    State.FIN_WAIT_2: fin_wait_2,
    State.CLOSE_WAIT: close_wait,
    State.CLOSING: closing,
    State.LAST_ACK: last_ack,
    State.TIME_WAIT: time_wait,
}
