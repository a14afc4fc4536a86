"""Feed one connection's captured packets through the engine, as delivered when seen.

A capture shows segments, not states. Each packet is two facts: its sender sent it, and (at the
capture point, for a capture taken between the hosts or on loopback) its receiver got it. The
feeder keeps, for each endpoint, the list of what it sent and received and re-plays that list
through the core (`judge_send`, `on_segment`) in manual-replies mode, so it always knows what a
correct stack owed and whether the packet was it.

When a packet cannot be explained from its sender's state — a FIN whose ACK number shows it was
sent before the peer's FIN arrived (the FINs crossed), a SYN+ACK with an ISN the engine could not
know, a RST where the model assumed a listener — the feeder looks for the explanation the capture
supports: the send happened before the last receptions, the passive open used that ISN, there
was no listener. It re-plays that endpoint with the better assumption. Records already written
stay as they were: they say what the capture showed up to that packet.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.arrive import Arrival, on_segment
from ..core.endpoint import App, Endpoint, closed_endpoint, owe
from ..core.profile import Profile
from ..core.segment import ACK, RST, SYN, Segment
from ..core.states import Side, State, Verdict
from ..core.validate import judge_send

PLACEHOLDER_ISN = 0x5EED0000  # until the capture shows the ISN an endpoint chose
_EXPLAINED_LEGAL = frozenset({"send.retransmit", "send.ack-needless", "send.rst-abort"})
_LOOKBACK = 4  # how many receptions a send may have overtaken in flight


class Packet(namedtuple("Packet", "src flags seq ack length window")):
    """One captured TCP segment of a connection, and which endpoint sent it."""

    __slots__ = ()

    @property
    def segment(self) -> Segment:
        return Segment(self.flags, self.seq, self.ack if ACK in self.flags else 0, self.length, self.window)


class Record(namedtuple("Record", "client server rule send_rule send_verdict owed")):
    """The two endpoints' states after one packet; the rule that decided the receiver's reaction;
    how the send itself was judged; and what the receiver now owes (replies a correct stack sends)."""

    __slots__ = ()


class _Endpoint:
    """One endpoint's story: where it started and what it sent and received, re-playable."""

    __slots__ = ("start", "events", "isns", "now")

    def __init__(self, start: Endpoint) -> None:
        self.start = start
        self.events: list[tuple[bool, Segment]] = []  # (sent?, segment)
        self.isns: list[int] = []  # ISNs of its passive opens, as the capture revealed them
        self.now = start


def _replay(start: Endpoint, events, isns, profile: Profile):
    """Fold a story through the core; returns the endpoint and the last event's result."""
    ep, res, opens = start, None, 0
    for sent, seg in events:
        if sent:
            res = judge_send(ep, seg.flags, profile, seg.seq, seg.seq, seg.ack, seg.length)
            ep = res.endpoint
        else:
            isn = isns[opens] if opens < len(isns) else PLACEHOLDER_ISN + opens
            res = on_segment(ep, seg, Arrival(profile, isn))
            opens += res.used_isn
            ep = owe(res.endpoint, res.sent)
    return ep, res


def _explained(res) -> bool:
    """Would a correct stack have sent this now (or is it an ordinary retransmission or abort)?"""
    return res.verdict is Verdict.CORRECT or (res.verdict is Verdict.LEGAL and res.rule in _EXPLAINED_LEGAL)


class Feed:
    """One connection. `push(packet)` returns the Record after it."""

    def __init__(self, profile: Profile, *, client: Endpoint | None = None, server: Endpoint | None = None) -> None:
        self.profile = profile
        self.sides = {Side.CLIENT: _Endpoint(client or closed_endpoint()),
                      Side.SERVER: _Endpoint(server or closed_endpoint(App.LISTENING))}

    def state(self, side: Side) -> State:
        return self.sides[side].now.state

    def push(self, packet: Packet) -> Record:
        """The sender sent it; then its receiver got it."""
        seg = packet.segment
        sender, receiver = self.sides[packet.src], self.sides[packet.src.peer]
        send_res = self._send(sender, seg)
        receiver.events.append((False, seg))
        receiver.now, recv_res = _replay(receiver.start, receiver.events, receiver.isns, self.profile)
        client, server = self.sides[Side.CLIENT].now, self.sides[Side.SERVER].now
        return Record(client.state, server.state, recv_res.rule, send_res.rule, send_res.verdict, receiver.now.owed)

    def _send(self, side: _Endpoint, seg: Segment):
        """Record a send, choosing the first story that explains it (else the plain one)."""
        chosen = None
        for start, events, isns, at in _stories(side, seg):
            res = _replay(start, events[: at + 1], isns, self.profile)[1]
            if chosen is None or _explained(res):
                chosen = (start, events, isns, res)
                if _explained(res):
                    break
        side.start, side.events, side.isns, res = chosen
        side.now = _replay(side.start, side.events, side.isns, self.profile)[0]
        return res


def _stories(side: _Endpoint, seg: Segment):
    """Ways the capture may have happened, most likely first: (start, events, isns, index of the send)."""
    sent = (True, seg)
    yield side.start, side.events + [sent], side.isns, len(side.events)
    received = [i for i, (was_sent, _) in enumerate(side.events) if not was_sent]
    for i in reversed(received[-_LOOKBACK:]):  # sent before these arrived: the segments crossed
        yield side.start, side.events[:i] + [sent] + side.events[i:], side.isns, i
    if SYN in seg.flags and ACK in seg.flags and PLACEHOLDER_ISN <= side.now.tcb.iss < PLACEHOLDER_ISN + 1000:
        yield side.start, side.events + [sent], side.isns + [seg.seq], len(side.events)  # the ISN it chose
    if RST in seg.flags and side.start.listening and not side.isns:
        yield closed_endpoint(), side.events + [sent], side.isns, len(side.events)  # nobody was listening
