"""Feed one connection's captured packets through the engine, as delivered when seen.

A capture shows segments, not states. Each packet is two facts: its sender sent it, and (at the
capture point, for a capture taken between the hosts or on loopback) its receiver got it. The
feeder keeps each endpoint as the core left it and moves it on with the core itself
(`judge_send` for the sender, `on_segment` for the receiver) in manual-replies mode, so it always
knows what a correct stack owed and whether the packet was it. In the common case that is one
call per side per packet, and nothing is re-played (the validator answers the two commonest
sends, an owed reply and new data, by a short path of its own).

When a packet is not what its sender's state explains, the feeder re-plays that
endpoint's recent history (the last `_KEEP` events; older ones are folded into its starting
point) under the first of the `stories` in which the send is what a correct TCP sends: the FINs
crossed, the SYN+ACK shows the passive open's ISN, nobody was listening, the capture missed some
bytes, the host had forgotten the connection (§4.4.4), or started a new one.

Records already written stay as they were: they say what the capture showed up to that packet.
A connection seen from its middle starts from `midstream()`: see its docstring.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.arrive import Arrival, on_segment
from ..core.endpoint import App, Endpoint, closed_endpoint, endpoint_in, owe
from ..core.profile import Profile
from ..core.segment import ACK, RST, SYN, SYN_ACK, Segment, seq_add
from ..core.states import Side, State, Verdict
from ..core.validate import is_ordinary, judge_send
from .stories import PLACEHOLDER_ISN, Story, stories

_KEEP = 32  # events kept for re-plays; the history is folded when it reaches twice this
_FOLD = 2 * _KEEP
_CLIENT = Side.CLIENT
_OVER = frozenset({State.CLOSED, State.LISTEN, State.TIME_WAIT})  # nothing left for a story to explain
_new = tuple.__new__
_CORRECT = Verdict.CORRECT


class Packet(namedtuple("Packet", "src flags seq ack length window")):
    """One captured TCP segment of a connection, and which endpoint sent it."""

    __slots__ = ()

    @property
    def segment(self) -> Segment:
        """The core's Segment (SEG.ACK only with the ACK bit, as the core keeps it)."""
        return Segment(self.flags, self.seq, self.ack if ACK in self.flags else 0, self.length, self.window)


class Record(
    namedtuple(
        "Record", "client server rule send_rule send_verdict owed reaction params send_params cause story sender_owed"
    )
):
    """The two endpoints' states after one packet, and why.

    - rule, reaction, params: how the receiver took it (rule id, Reaction, explanation facts);
      rule is None when the core decided nothing.
    - send_rule, send_verdict, send_params: how the send itself was judged.
    - cause: for a send that was an owed reply, the rule of the arrival that made it owed
      (a RST's "why": rst.no-listener, synsent.bad-ack …); else None.
    - story: how the send was explained: 'plain', or the name of one of capture.stories.
    - owed, sender_owed: replies the receiver and the sender now owe (what a correct stack sends).
    """

    __slots__ = ()


class Sent(namedtuple("Sent", "result story cause")):
    """How a send was judged: the core's Result, the story that explains it, and its cause."""

    __slots__ = ()


class _Event(namedtuple("_Event", "sent segment before opens cause")):
    """One thing an endpoint did, with what it was just before (for re-plays from here)."""

    __slots__ = ()


class _Endpoint:
    """One endpoint's story: where its history starts, what it did since, and where it is now."""

    __slots__ = ("profile", "base", "base_opens", "events", "isns", "now", "opens", "cause", "arrival")

    def __init__(self, profile: Profile, start: Endpoint, isns: list[int] | None = None) -> None:
        self.profile, self.base, self.base_opens, self.events = profile, start, 0, []
        self.isns = isns or []  # ISNs of its passive opens, as the capture revealed them
        self.now, self.opens, self.cause = start, 0, None
        self.arrival = Arrival(profile, _isn(self.isns, 0))  # what the next arrival may need

    def opened(self, opens: int) -> None:
        """Its passive opens so far: the next one takes the next ISN."""
        self.opens = opens
        self.arrival = Arrival(self.profile, _isn(self.isns, opens))

    def fold(self) -> None:
        """Forget the oldest events: re-plays reach back only `_KEEP` events."""
        first = self.events[-_KEEP]
        self.base, self.base_opens, self.events = first.before, first.opens, self.events[-_KEEP:]

    def settle(self) -> None:
        """The connection is over: its history can explain nothing more, start afresh from here."""
        self.base, self.base_opens, self.events = self.now, self.opens, []


def _isn(isns: list[int], opens: int) -> int:
    """The ISN of the `opens`-th passive open: as the capture showed it, else a placeholder."""
    return isns[opens] if opens < len(isns) else PLACEHOLDER_ISN + opens


def _run(isns: list[int], ep: Endpoint, opens: int, cause, steps, profile: Profile):
    """Fold steps through the core; returns (endpoint, opens, cause, last result, events)."""
    res, events = None, []
    for sent, seg in steps:
        events.append(_new(_Event, (sent, seg, ep, opens, cause)))
        if sent:
            res = judge_send(ep, seg.flags, profile, seg.seq, seg.seq, seg.ack, seg.length)
            ep = res.endpoint
        else:
            res = on_segment(ep, seg, Arrival(profile, _isn(isns, opens)))
            opens += res.used_isn
            ep = owe(res.endpoint, res.sent)
            if res.sent:
                cause = res.rule
    return ep, opens, cause, res, events


_explained = is_ordinary  # would a correct stack have sent this now (or is it an ordinary retransmission or abort)?


class Feed:
    """One connection (or successive ones on a 4-tuple). `push(packet)` returns the Record after it."""

    def __init__(
        self,
        profile: Profile,
        *,
        client: Endpoint | None = None,
        server: Endpoint | None = None,
        isns: dict | None = None,
    ) -> None:
        self.profile = profile
        isns = isns or {}
        self.client = _Endpoint(profile, client or closed_endpoint(), isns.get(Side.CLIENT))
        self.server = _Endpoint(profile, server or closed_endpoint(App.LISTENING), isns.get(Side.SERVER))
        self.sides = {Side.CLIENT: self.client, Side.SERVER: self.server}

    def state(self, side: Side) -> State:
        """The endpoint's state as it stands."""
        return self.sides[side].now.state

    def endpoint(self, side: Side) -> Endpoint:
        """The endpoint as it stands (to carry it into the next connection on the 4-tuple)."""
        return self.sides[side].now

    def push(self, packet: Packet) -> Record:
        """The sender sent it; then its receiver got it."""
        return self.push_segment(packet.src, packet.segment)

    def push_segment(self, src: Side, seg: Segment) -> Record:
        """`push` for a ready-made Segment (the replay's hot path: one core call per side)."""
        sender, receiver = (self.client, self.server) if src is _CLIENT else (self.server, self.client)
        return self._arrive(sender, receiver, seg, self._send(sender, receiver, seg))

    def sent(self, src: Side, seg: Segment) -> Sent:
        """The first half of `push_segment`, for a network that holds segments (the lab): `src`
        sent it now; it arrives later with `arrived`, or never."""
        sender, receiver = (self.client, self.server) if src is _CLIENT else (self.server, self.client)
        return self._send(sender, receiver, seg)

    def arrived(self, src: Side, seg: Segment, sent: Sent) -> Record:
        """The second half: `src`'s segment (judged `sent` when it was sent) reaches its receiver."""
        sender, receiver = (self.client, self.server) if src is _CLIENT else (self.server, self.client)
        return self._arrive(sender, receiver, seg, sent)

    def _arrive(self, sender: _Endpoint, receiver: _Endpoint, seg: Segment, sent: Sent) -> Record:
        send_res, story, cause = sent
        before = receiver.now
        res = on_segment(before, seg, receiver.arrival)
        receiver.events.append(_new(_Event, (False, seg, before, receiver.opens, receiver.cause)))
        if res.used_isn:
            receiver.opened(receiver.opens + 1)
        now = res.endpoint
        if res.sent:
            receiver.cause = res.rule
            now = owe(now, res.sent)
        elif now.owed and not now.state.has_tcb:
            now = owe(now, ())
        receiver.now = now
        if len(receiver.events) >= _FOLD:
            receiver.fold()
        if res.changes and now.state in _OVER and sender.now.state in _OVER:
            sender.settle()
            receiver.settle()
        rule = res.rule
        return _new(
            Record,
            (
                self.client.now.state,
                self.server.now.state,
                None if rule == "none" else rule,
                send_res.rule,
                send_res.verdict,
                now.owed,
                res.reaction,
                res.params,
                send_res.params,
                cause,
                story,
                sender.now.owed,
            ),
        )

    def _as_aborts(self, flags) -> bool:
        """Not a RST, or a RST as this profile's abort sends it (RST+ACK on Linux, RST in the RFC):
        a RST of the other form more likely answers a segment the host had no connection for."""
        return RST not in flags or (ACK in flags) is self.profile.abort_with_ack

    def _send(self, side: _Endpoint, peer: _Endpoint, seg: Segment):
        """Record a send, choosing the first story in which it is correct (else merely explained,
        else the plain one). Returns a Sent: the send's Result, the story's name and the send's cause."""
        now = side.now
        plain = judge_send(now, seg.flags, self.profile, seg.seq, seg.seq, seg.ack, seg.length)
        if plain.verdict is _CORRECT or (_explained(plain) and self._as_aborts(seg.flags)):
            side.events.append(_new(_Event, (True, seg, now, side.opens, side.cause)))
            side.now = plain.endpoint
            if len(side.events) >= _FOLD:
                side.fold()
            return _new(Sent, (plain, "plain", side.cause if plain.rule == "send.reply" else None))
        best = None
        for story in stories(side, peer, seg):
            ep, opens, cause, res, events = _run(
                story.isns, story.ep, story.opens, story.cause, story.steps[: story.at + 1], self.profile
            )
            if res.verdict is _CORRECT or (best is None and _explained(res)):
                best = (story, ep, opens, cause, res, events)
                if res.verdict is _CORRECT:
                    break
        if best is None or (best[4].verdict is not _CORRECT and _explained(plain)):
            story = Story("plain", len(side.events), now, side.opens, side.cause, [(True, seg)], 0, side.isns)
            ep, opens, cause, res, events = now, side.opens, side.cause, plain, []
        else:
            story, ep, opens, cause, res, events = best
        return _new(Sent, (res, story.name, self._commit(side, story, ep, opens, cause, res, events)))

    def _commit(self, side: _Endpoint, story: Story, ep, opens, cause, res, events):
        """Make the chosen story the endpoint's history; returns the send's cause."""
        send_cause = cause if res.rule == "send.reply" else None
        side.isns = story.isns
        rest = story.steps[story.at + 1 :]
        if story.name == "plain":
            events, ep = [_new(_Event, (True, story.steps[0][1], ep, opens, cause))], res.endpoint
        else:
            ep, opens, cause, _, more = _run(story.isns, ep, opens, cause, rest, self.profile)
            events = events + more
        side.events = side.events[: story.keep] + events
        side.now, side.cause = ep, cause
        side.opened(opens)
        if story.keep == 0:
            side.base, side.base_opens = story.ep, story.opens
        if len(side.events) >= _FOLD:
            side.fold()
        return send_cause


def midstream(src: Side, seg: Segment) -> dict[Side, Endpoint]:
    """Both endpoints for a connection whose capture starts after its first SYN.

    A SYN+ACK first: the SYN was missed; its sender is a passive opener in SYN_RCVD that owes
    exactly this SYN+ACK, its peer is in SYN_SENT with ISS = SEG.ACK - 1. Anything else first:
    nothing before it is known, so both endpoints are taken to be ESTABLISHED with the numbers
    this first packet shows (its sender's SND.NXT = SEG.SEQ and RCV.NXT = SEG.ACK; the receiver's
    the other way round); a first packet without ACK leaves the receiver's SND.NXT at 0 until it
    sends. The endpoint that is not the client is taken to be a server that listens.
    """
    dst = src.peer
    if SYN in seg.flags and ACK in seg.flags:
        irs = seq_add(seg.ack, -1)
        owed = (Segment(SYN_ACK, seg.seq, seg.ack, 0, seg.window),)
        passive = endpoint_in(State.SYN_RCVD, iss=seg.seq, irs=irs, snd_wnd=0, app=App.LISTENING, owed=owed)
        return {src: passive, dst: endpoint_in(State.SYN_SENT, iss=irs)}
    ack = seg.ack if ACK in seg.flags else 0
    seq = seg.seq
    mine = {"iss": seq_add(seq, -1), "irs": seq_add(ack, -1), "snd_nxt": seq, "rcv_nxt": ack}
    theirs = {"iss": seq_add(ack, -1), "irs": seq_add(seq, -1), "snd_nxt": ack, "rcv_nxt": seq, "snd_wnd": seg.window}
    return {
        side: endpoint_in(State.ESTABLISHED, app=App.LISTENING if side is Side.SERVER else App.NONE, **fields)
        for side, fields in ((src, mine), (dst, theirs))
    }
