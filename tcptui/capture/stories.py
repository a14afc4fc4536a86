"""The feeder's other readings of a capture, for a send its sender's state does not explain.

Each story says how the capture may really have happened; the feeder (feed.py) re-plays the
sender's recent history that way and takes the first story in which the send is what a correct
TCP sends. Most likely first:

- `isn`: a SYN+ACK reveals the ISN its passive open chose (the engine had to pick a placeholder);
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


class Story(namedtuple("Story", "name keep ep opens cause steps at isns")):
    """Keep the sender's first `keep` events, then run `steps` ((sent?, segment) pairs) from
    (ep, opens, cause) with these passive-open ISNs; steps[at] is the send being explained."""

    __slots__ = ()


def stories(side, peer, seg: Segment):
    """Every story for `side` (a feed._Endpoint) sending `seg`, most likely first."""
    yield from _isn(side, seg)
    yield from _crossed(side, seg)
    yield from _listeners(side, seg)
    yield from _missing(side, peer, seg)
    yield from _restarts(side, seg)


def _isn(side, seg: Segment):
    """The SYN+ACK shows the ISN the endpoint's last passive open took."""
    if (
        SYN in seg.flags
        and ACK in seg.flags
        and PLACEHOLDER_ISN <= side.now.tcb.iss < PLACEHOLDER_ISN + 1000
        and side.base_opens <= len(side.isns) == side.opens - 1
    ):
        steps = _steps(side.events)
        yield Story(
            "isn", 0, side.base, side.base_opens, None, steps + [(True, seg)], len(steps), side.isns + [seg.seq]
        )


def _crossed(side, seg: Segment):
    """The segment left before one of the last receptions arrived."""
    events, steps = side.events, _steps(side.events)
    received = [i for i, e in enumerate(events) if not e.sent]
    for i in reversed(received[-LOOKBACK:]):
        e = events[i]
        yield Story("crossed", i, e.before, e.opens, e.cause, [(True, seg)] + steps[i:], 0, side.isns)


def _listeners(side, seg: Segment):
    """Nobody was listening (a RST says so), or somebody was (a SYN+ACK says so)."""
    events, steps = side.events, _steps(side.events)
    if RST in seg.flags and side.base.listening and not side.isns:
        yield Story(
            "no-listener", 0, closed_endpoint(), side.base_opens, None, steps + [(True, seg)], len(steps), side.isns
        )
    if SYN in seg.flags and ACK in seg.flags:
        for i in reversed([i for i, e in enumerate(events) if not e.sent][-LOOKBACK:]):
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
                    steps[i:] + [(True, seg)],
                    len(steps) - i,
                    side.isns[: e.opens] + [seg.seq],
                )
                return


def _missing(side, peer, seg: Segment):
    """Bytes the capture did not show in order: sent before this segment, or received before this ACK."""
    now = side.now
    received = _missed(now, peer.now, seg)
    if received is not None:
        yield Story(
            "missed", len(side.events), now, side.opens, side.cause, [(False, received), (True, seg)], 1, side.isns
        )
    sent = _skipped(now, seg)
    if sent is not None:
        yield Story("missed", len(side.events), now, side.opens, side.cause, [(True, sent), (True, seg)], 1, side.isns)


def _restarts(side, seg: Segment):
    """The host had forgotten the connection (a RST says so), or starts a new one (a SYN says so)."""
    events, now, flags = side.events, side.now, seg.flags
    if (
        RST in flags
        and events
        and not events[-1].sent
        and now.tcb is not NO_TCB
        and is_reset_for(seg, events[-1].segment)
    ):
        last = events[-1]
        yield Story(
            "forgot",
            len(events) - 1,
            closed_endpoint(_listening(side)),
            last.opens,
            last.cause,
            [(False, last.segment), (True, seg)],
            1,
            side.isns,
        )
    if SYN in flags and ACK not in flags:
        yield Story(
            "new", len(events), closed_endpoint(_listening(side)), side.opens, side.cause, [(True, seg)], 0, side.isns
        )


def _steps(events) -> list:
    """The (sent?, segment) pairs of an endpoint's history."""
    return [(e.sent, e.segment) for e in events]


def _listening(side) -> App:
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
