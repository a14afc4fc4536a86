"""The feeder's other readings of a capture, for a send its sender's state does not explain.

Each story says how the capture may really have happened; the feeder (feed.py) re-plays the
sender's recent history that way and takes the first story in which the send is what a correct
TCP sends. Most likely first:

- `isn`: a SYN+ACK reveals the ISN its passive open chose (the engine had to pick a placeholder);
- `arrived`: the sender had already received packets still in flight to it that the segment
  does not acknowledge (a RST it answers, a SYN it answers with a challenge);
- `crossed`: the segment was sent before the last receptions arrived (FINs or data crossed);
- `no-listener`: a RST shows nobody was listening where the model assumed a listener;
- `listener`: a SYN+ACK shows somebody listens where the model had found nobody;
- `missed`: the capture did not show some bytes in order (lost at the capture point, reordered):
  a segment starts beyond what its sender had sent — the bytes between were sent first — or an
  ACK acknowledges bytes the engine had to drop — they were delivered first;
- `forgot`: a RST numbered like the answer to "no such connection" (§4.4.4): the host had lost
  the connection (crashed and restarted) before the last segment reached it;
- `new`: a SYN from an endpoint that had a connection: the host started a new one from scratch.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.endpoint import NO_TCB, App, Endpoint, closed_endpoint
from ..core.arrive import is_reset_for
from ..core.segment import ACK, DEFAULT_WINDOW, FIN, PSH, RST, SYN, Segment, seq_add, seq_gt, seq_le, seq_sub
from ..core.states import State

PLACEHOLDER_ISN = 0x5EED0000  # until the capture shows the ISN an endpoint chose
LOOKBACK = 4  # how many receptions a send may have overtaken in flight
MAX_GAP = 1 << 30  # bytes a capture may miss in one gap (beyond, the numbers are not this connection's)


class Story(namedtuple("Story", "name keep ep opens cause steps at isns took")):
    """Keep the sender's first `keep` events, then run `steps` ((sent?, segment, feed.Slot or
    None) triples; sent is None for "the host crashed and came back here", with the App flags it
    keeps in place of the segment) from (ep, opens, cause) with these passive-open ISNs;
    steps[at] is the send being explained; the first `took` packets in flight to the sender
    are among the steps."""

    __slots__ = ()


def stories(side, peer, seg: Segment, slot):
    """Every story for `side` (a feed._Endpoint) sending `seg` (captured as `slot`), most likely first."""
    send = (True, seg, slot)
    yield from _isn(side, send)
    yield from _arrived(side, send)
    yield from _crossed(side, send)
    yield from _listeners(side, send)
    yield from _missing(side, peer, send)
    yield from _restarts(side, send)


def _arrived(side, send):
    """Packets in flight to the sender had reached it (through the first RST, or all of them)."""
    inbox = list(side.inbox)
    if not inbox:
        return
    first_rst = next((i + 1 for i, got in enumerate(inbox) if RST in got.seg.flags), None)
    for took in dict.fromkeys(n for n in (first_rst, len(inbox)) if n):
        steps = [(False, got.seg, got) for got in inbox[:took]] + [send]
        yield Story("arrived", len(side.events), side.now, side.opens, side.cause, steps, took, side.isns, took)


def _isn(side, send):
    """The SYN+ACK shows the ISN the endpoint's last passive open took."""
    seg = send[1]
    if (
        SYN in seg.flags
        and ACK in seg.flags
        and PLACEHOLDER_ISN <= side.now.tcb.iss < PLACEHOLDER_ISN + 1000
        and side.base_opens <= len(side.isns) == side.opens - 1
    ):
        steps = _steps(side.events)
        yield Story("isn", 0, side.base, side.base_opens, None, steps + [send], len(steps), side.isns + [seg.seq], 0)


def _crossed(side, send):
    """The segment left before one of the last receptions arrived."""
    events, steps = side.events, _steps(side.events)
    received = [i for i, e in enumerate(events) if e.sent is False]
    for i in reversed(received[-LOOKBACK:]):
        e = events[i]
        yield Story("crossed", i, e.before, e.opens, e.cause, [send] + steps[i:], 0, side.isns, 0)


def _listeners(side, send):
    """Nobody was listening (a RST says so), or somebody was (a SYN+ACK says so)."""
    events, steps, seg = side.events, _steps(side.events), send[1]
    if RST in seg.flags and side.base.listening and not side.isns:
        yield Story(
            "no-listener", 0, closed_endpoint(), side.base_opens, None, steps + [send], len(steps), side.isns, 0
        )
    if SYN in seg.flags and ACK in seg.flags:
        for i in reversed([i for i, e in enumerate(events) if e.sent is False][-LOOKBACK:]):
            e = events[i]
            if (
                SYN in e.segment.flags
                and ACK not in e.segment.flags
                and e.before.state is State.CLOSED
                and not e.before.listening
                and len(side.isns) >= e.opens
            ):
                yield Story(
                    "listener",
                    i,
                    closed_endpoint(App.LISTENING),
                    e.opens,
                    e.cause,
                    steps[i:] + [send],
                    len(steps) - i,
                    side.isns[: e.opens] + [seg.seq],
                    0,
                )
                return


def _missing(side, peer, send):
    """Bytes the capture did not show in order: sent before this segment, or received before this ACK."""
    now, seg = side.now, send[1]
    received = _missed(now, peer.now, seg)
    if received is not None:
        steps = [(False, received, None), send]
        yield Story("missed", len(side.events), now, side.opens, side.cause, steps, 1, side.isns, 0)
    sent = _skipped(now, seg)
    if sent is not None:
        steps = [(True, sent, None), send]
        yield Story("missed", len(side.events), now, side.opens, side.cause, steps, 1, side.isns, 0)


def _restarts(side, send):
    """The host had forgotten the connection (a RST says so), or starts a new one (a SYN says so)."""
    events, now, seg = side.events, side.now, send[1]
    flags = seg.flags
    if RST in flags and now.tcb is not NO_TCB:  # the segment it answers may still be in flight to it
        inbox = list(side.inbox)
        for took in range(len(inbox), 0, -1):
            if is_reset_for(seg, inbox[took - 1].seg):
                got = inbox[took - 1]
                steps = [(False, s.seg, s) for s in inbox[: took - 1]]
                steps += [(None, listening_app(side), None), (False, got.seg, got), send]
                yield Story("forgot", len(events), now, side.opens, side.cause, steps, len(steps) - 1, side.isns, took)
                break
    if (
        RST in flags
        and events
        and events[-1].sent is False
        and now.tcb is not NO_TCB
        and is_reset_for(seg, events[-1].segment)
    ):
        last = events[-1]
        yield Story(
            "forgot",
            len(events) - 1,
            closed_endpoint(listening_app(side)),
            last.opens,
            last.cause,
            [(False, last.segment, last.slot), send],
            1,
            side.isns,
            0,
        )
    if SYN in flags and ACK not in flags:
        start = closed_endpoint(listening_app(side))
        yield Story("new", len(events), start, side.opens, side.cause, [send], 0, side.isns, 0)


def _steps(events) -> list:
    """The (sent?, segment, slot) triples of an endpoint's history."""
    return [(e.sent, e.segment, e.slot) for e in events]


def listening_app(side) -> App:
    """A host that listened (or took a connection from a listener) still listens after starting over."""
    now = side.now
    return App.LISTENING if now.passive or App.LISTENING in now.app or side.base.listening else App.NONE


def _missed(ep: Endpoint, peer: Endpoint, seg: Segment) -> Segment | None:
    """The bytes (and FIN) an ACK shows its sender had, beyond what the engine let it take."""
    if ACK not in seg.flags or not ep.state.synchronized or ep.state.fin_received or not peer.state.synchronized:
        return None
    rcv_nxt, peer_nxt = ep.tcb.rcv_nxt, peer.tcb.snd_nxt
    if not (seq_gt(seg.ack, rcv_nxt) and seq_le(seg.ack, peer_nxt)):
        return None
    fin = peer.state.fin_sent and seg.ack == peer_nxt
    length = seq_sub(seg.ack, seq_add(rcv_nxt, fin))
    flags = ACK | (FIN if fin else PSH if length else ACK)
    return Segment(flags, rcv_nxt, ep.tcb.snd_una, length, DEFAULT_WINDOW)


def _skipped(ep: Endpoint, seg: Segment) -> Segment | None:
    """The bytes a sender must have sent before this segment, which the capture does not show."""
    if not ep.state.synchronized or ep.state.fin_sent or not (seg.length or FIN in seg.flags):
        return None
    gap = seq_sub(seg.seq, ep.tcb.snd_nxt)
    if not 0 < gap < MAX_GAP:
        return None
    return Segment(PSH | ACK, ep.tcb.snd_nxt, ep.tcb.rcv_nxt, gap, DEFAULT_WINDOW)
