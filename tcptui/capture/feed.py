"""Feed one connection's captured packets through the engine: sent when seen, received when the
receiver shows it had them.

A capture shows segments, not states, and it shows them at one point of the path. A packet was
sent by its sender when captured (or just before); its receiver got it at some time after, which
the capture shows only through the receiver's own packets: a receiver's ACK says which bytes it
had when it sent it, and every packet it sends comes after what it had received. So each packet
is judged as its sender's send at once (`judge_send`), and put in flight to its receiver; the
receiver takes it (`on_segment`) just before its own next packet that acknowledges it — or, when
it sends nothing that does, at the latest `horizon` frames later, or when the capture ends. Data
crossing data, ACKs lagging a whole window behind, FINs crossing: all are then simply what
happened, at any distance.

A captured packet is a `Slot` until the replay is sure of it: its sender's verdict and state,
and its receiver's reaction and state, are revised while later packets explain it better, then
frozen into a `Record`. When a packet is not what its sender's state explains, the feeder re-plays
that endpoint's recent history (the last `_KEEP` events; older ones are folded into its starting
point) under the first of the `stories` in which the send is what a correct TCP sends: the FINs
crossed, the SYN+ACK shows the passive open's ISN, nobody was listening, the capture missed some
bytes, the host had forgotten the connection (§4.4.4), or started a new one — and the records of
the packets that story re-plays are revised with it. Bytes a receiver acknowledges that the
capture never showed were sent all the same: the capture missed them (a gap, or a capture of one
direction only); they are received as such ("ghosts"), and each gap is counted once.

A connection seen from its middle starts from `midstream()`: see its docstring.
"""

from __future__ import annotations

from collections import deque, namedtuple

from ..core.arrive import Arrival, general, on_segment, predicted, unanswered
from ..core.endpoint import App, Endpoint, Result, closed_endpoint, endpoint_in, owe
from ..core.profile import Profile
from ..core.segment import (
    ACK,
    DEFAULT_WINDOW,
    FIN,
    PSH,
    RST,
    SYN,
    SYN_ACK,
    Segment,
    seq_add,
    seq_gt,
    seq_le,
    seq_sub,
)
from ..core.states import Side, State, Verdict
from ..core.validate import ORDINARY_LEGAL, is_ordinary, judge_send, judge_usual
from .stories import PLACEHOLDER_ISN, Story, listening_app, stories

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import Any

    from .read import Wire

_KEEP = 32  # events kept for re-plays; the history is folded when it reaches twice this
_FOLD = 2 * _KEEP
_CLIENT = Side.CLIENT
_new = tuple.__new__
_CORRECT, _LEGAL = Verdict.CORRECT, Verdict.LEGAL
_ESTABLISHED = State.ESTABLISHED
_ACK, _DATA = ACK, PSH | ACK
_MOD = 1 << 32
_HALF = 1 << 31
MAX_GHOST = 1 << 30  # bytes a capture may miss at once (beyond, the numbers are not this connection's)
_CAN_CLOSE = frozenset({State.SYN_RCVD, State.ESTABLISHED, State.CLOSE_WAIT})  # may send a FIN


class Packet(namedtuple("Packet", "src flags seq ack length window")):
    """One captured TCP segment of a connection, and which endpoint sent it."""

    __slots__ = ()

    @property
    def segment(self) -> Segment:
        """The core's Segment (SEG.ACK only with the ACK bit, as the core keeps it)."""
        return Segment(self.flags, self.seq, self.ack if ACK in self.flags else 0, self.length, self.window)


class Record(
    namedtuple(
        "Record",
        "client server rule send_rule send_verdict owed reaction params send_params cause story sender_owed gap",
    )
):
    """The two endpoints' states after one packet — its sender's after sending it, its receiver's
    after receiving it — and why.

    - rule, reaction, params: how the receiver took it (rule id, Reaction, explanation facts);
      rule is None when the core decided nothing.
    - send_rule, send_verdict, send_params: how the send itself was judged.
    - cause: for a send that was an owed reply, the rule of the arrival that made it owed
      (a RST's "why": rst.no-listener, synsent.bad-ack …); else None.
    - story: how the send was explained: 'plain', or the name of one of capture.stories.
    - owed, sender_owed: replies the receiver and the sender now owe (what a correct stack sends).
    - gap: bytes of the peer's the receiver had, just before this packet, that the capture never
      showed (0 almost always).
    """

    __slots__ = ()


class Slot:
    """One captured packet while its record may still change.

    `frame` orders it in the capture; `wire` and `conn` are the caller's (capture.replay keeps the
    read.Wire and the connection). The rest is the feeder's: the send's Result, the reception's
    Result (None until the receiver took it), the two endpoints' entries in their timelines
    ([frame it happened at, endpoint after]), how the send was explained, the arrival that made
    it owed, and the bytes a gap held before it."""

    __slots__ = (
        "side",
        "seg",
        "frame",
        "wire",
        "conn",
        "span",
        "end",
        "rst",
        "send",
        "sent_at",
        "story",
        "cause",
        "recv",
        "got_at",
        "gap",
        "final",
        "ts",
    )

    side: Side
    seg: Segment
    frame: int
    wire: Wire | None
    conn: Any  # capture.replay's Conn (or whatever the caller keeps)
    span: int
    end: int
    rst: int
    send: Result | None
    sent_at: list | None  # [frame, endpoint after] in the sender's timeline
    story: str  # set with `send`
    cause: str | None
    recv: Result | None
    got_at: list | None  # [frame, endpoint after] in the receiver's timeline
    gap: int
    final: bool
    ts: tuple[int, int] | None

    def __init__(self, side: Side, seg: Segment, frame: int, wire: Wire | None = None, conn: Any = None) -> None:
        self.side, self.seg, self.frame, self.wire, self.conn = side, seg, frame, wire, conn
        self.ts = None if wire is None else wire.tsopt  # its timestamps option (TSval, TSecr), if any
        bits = seg.flags._value_
        self.span = seg.length + (bits & 2) // 2 + (bits & 1)  # SEG.LEN: the data, a SYN, a FIN
        self.end = (seg.seq + self.span) % _MOD
        self.rst = bits & 4  # a RST: held back where a later segment's ACK does not prove it
        self.send = self.sent_at = self.recv = self.got_at = self.cause = None
        self.gap = 0
        self.final = False

    def record(self, client: Endpoint, server: Endpoint) -> Record:
        """The record of this packet, given both endpoints as they stood once it had been sent and
        received (Feed.at); call it once the receiver has taken it."""
        rec, send = self.recv, self.send
        assert rec is not None and send is not None, "a record of a packet sent and received"
        sender, receiver = (client, server) if self.side is _CLIENT else (server, client)
        rule = rec.rule
        return _new(
            Record,
            (
                client.state,
                server.state,
                None if rule == "none" else rule,
                send.rule,
                send.verdict,
                receiver.owed,
                rec.reaction,
                rec.params,
                send.params,
                self.cause,
                self.story,
                sender.owed,
                self.gap,
            ),
        )


class Sent(namedtuple("Sent", "result story cause")):
    """How a send was judged: the core's Result, the story that explains it, and its cause."""

    __slots__ = ()


class _Event(namedtuple("_Event", "sent segment before opens cause slot")):
    """One thing an endpoint did, with what it was just before (for re-plays from here), and the
    captured packet it was (None for what the capture did not show)."""

    __slots__ = ()


class _Endpoint:
    """One endpoint's story: where its history starts, what it did since, where it is now, and
    what is in flight to it."""

    __slots__ = (
        "profile",
        "base",
        "base_opens",
        "events",
        "isns",
        "now",
        "opens",
        "cause",
        "arrival",
        "inbox",
        "timeline",
        "sent_frame",
        "ordered",
        "fastopen",
    )

    def __init__(self, profile: Profile, start: Endpoint, isns: list[int] | None = None) -> None:
        self.profile, self.base, self.base_opens = profile, start, 0
        self.events: list[_Event] = []
        self.isns = isns or []  # ISNs of its passive opens, as the capture revealed them
        self.now, self.opens, self.cause = start, 0, None
        self.fastopen = False  # it takes data on a SYN at once (TCP Fast Open): its SYN+ACK showed it
        self.arrival = Arrival(profile, _isn(self.isns, 0))  # what the next arrival may need
        self.inbox: deque[Slot] = deque()  # the peer's packets in flight to it, in capture order
        self.timeline: deque[list] = deque([[-1, start]])  # [frame, endpoint after] per packet, in order
        self.sent_frame = -1  # the frame of its last send
        self.ordered = True  # the inbox holds its data in sequence order (no retransmission among it)

    def mark(self, frame: int, ep: Endpoint) -> list:
        """A packet of its happened at `frame` and left it as `ep`: its entry in the timeline."""
        entry = [frame, ep]
        self.timeline.append(entry)
        return entry

    def at(self, frame: int) -> Endpoint:
        """The endpoint as it stood at `frame` (asked in increasing frames: earlier entries go)."""
        timeline = self.timeline
        while len(timeline) > 1 and timeline[1][0] <= frame:
            timeline.popleft()
        return timeline[0][1]

    def arrival_for(self, slot: Slot) -> Arrival:
        """What the arrival of `slot` needs: its timestamps option besides the endpoint's context."""
        ts = slot.ts
        return self.arrival if ts is None else _new(Arrival, (*self.arrival[:3], ts))

    def opened(self, opens: int) -> None:
        """Its passive opens so far: the next one takes the next ISN."""
        self.opens = opens
        self.arrival = Arrival(self.profile, _isn(self.isns, opens), self.fastopen)

    def fold(self) -> None:
        """Forget the oldest events: re-plays reach back only `_KEEP` events."""
        first = self.events[-_KEEP]
        self.base, self.base_opens, self.events = first.before, first.opens, self.events[-_KEEP:]

    def settle(self) -> None:
        """Its history can explain nothing more (the records it could revise are final): start
        afresh from here, and keep only the last entry of the timeline."""
        self.base, self.base_opens, self.events = self.now, self.opens, []
        if len(self.timeline) > 1:
            self.timeline = deque([self.timeline[-1]])


def _isn(isns: list[int], opens: int) -> int:
    """The ISN of the `opens`-th passive open: as the capture showed it, else a placeholder."""
    return isns[opens] if opens < len(isns) else PLACEHOLDER_ISN + opens


def _run(isns: list[int], ep: Endpoint, opens: int, cause, steps, profile: Profile, fastopen: bool = False):
    """Fold steps through the core; returns (endpoint, opens, cause, last result, events, results),
    results holding (Result, endpoint after, cause) per step."""
    res: Result | None = None
    events: list[_Event] = []
    results: list[tuple[Result | None, Endpoint, str | None]] = []
    for sent, seg, slot in steps:
        events.append(_new(_Event, (sent, seg, ep, opens, cause, slot)))
        if sent is None:  # the host crashed and came back: it forgot the connection (§4.4.4)
            ep = closed_endpoint(seg)
            results.append((None, ep, None))
        elif sent:
            res = judge_send(ep, seg.flags, profile, seg.seq, seg.seq, seg.ack, seg.length, seg.window)
            ep = res.endpoint
            results.append((res, ep, cause if res.rule == "send.reply" else None))
        else:
            ts = None if slot is None else slot.ts
            res = on_segment(ep, seg, Arrival(profile, _isn(isns, opens), fastopen, ts))
            opens += res.used_isn
            ep = _owing(res)
            if res.sent:
                cause = res.rule
            results.append((res, ep, None))
    return ep, opens, cause, res, events, results


def _owing(res) -> Endpoint:
    """The receiver after an arrival: owing what it would send (a closed one owes nothing)."""
    now = res.endpoint
    if res.sent:
        return owe(now, res.sent)
    if now.owed and not now.state.has_tcb:
        return owe(now, ())
    return now


def _rank(res) -> int:
    """How well a send is explained: correct, an ordinary retransmission or abort, legal, neither."""
    verdict = res.verdict
    if verdict is _CORRECT:
        return 3
    if verdict is _LEGAL:
        return 2 if res.rule in ORDINARY_LEGAL else 1
    return 0


_explained = is_ordinary  # would a correct stack have sent this now (or is it an ordinary retransmission or abort)?


class Feed:
    """One connection (or successive ones on a 4-tuple). `push(slot)` judges a captured packet's
    send and puts it in flight; `deliver(slot)` makes its receiver take it (with everything in
    flight before it) if it has not yet; `flush()` delivers everything in flight."""

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
        self.ticks = 0  # the lab's segments, numbered as they are sent and arrive
        self.live = 0  # packets pushed whose records are not final yet

    def state(self, side: Side) -> State:
        """The endpoint's state as it stands."""
        return self.sides[side].now.state

    def endpoint(self, side: Side) -> Endpoint:
        """The endpoint as it stands (to carry it into the next connection on the 4-tuple)."""
        return self.sides[side].now

    def replay(self, packets) -> list[Record]:
        """Push every Packet, deliver everything, and return their records (for tests and tools)."""
        slots = [Slot(p.src, p.segment, frame) for frame, p in enumerate(packets, 1)]
        for slot in slots:
            self.push(slot)
        self.flush()
        return [self.record(slot) for slot in slots]

    def sent(self, src: Side, seg: Segment) -> Sent:
        """For a network that holds segments and says when they arrive (the lab): `src` sent `seg`
        now, judged as a captured packet is; it arrives later with `arrived`, or never."""
        sender, receiver = (self.client, self.server) if src is _CLIENT else (self.server, self.client)
        slot = Slot(src, seg, self._tick())
        self._send(sender, receiver, seg, slot)
        return _new(Sent, (slot.send, slot.story, slot.cause))

    def arrived(self, src: Side, seg: Segment, sent: Sent) -> Record:
        """The other half: `src`'s segment (judged `sent` when it was sent) reaches its receiver now."""
        receiver = self.server if src is _CLIENT else self.client
        slot = Slot(src, seg, self._tick())
        slot.send, slot.story, slot.cause = sent
        self._receive(receiver, slot)
        frame = slot.frame
        return slot.record(self.client.at(frame), self.server.at(frame))

    def _tick(self) -> int:
        """A frame number for a segment no capture numbered (the lab's): one after the last."""
        self.ticks += 1
        return self.ticks

    def record(self, slot: Slot, went_on: bool = False) -> Record:
        """The final record of a packet (in frame order: the timelines before it are forgotten).
        went_on: the capture has packets after this one (so silence after it means something).
        When it was the last record still open, the histories are let go (memory stays bounded
        over a capture of many connections)."""
        return slot.record(*self.ends(slot, went_on))

    def ends(self, slot: Slot, went_on: bool = False) -> tuple[Endpoint, Endpoint]:
        """`record` without building the Record: the client and the server its record shows (the
        JSON Lines need no more than their states and the receiver's rule, slot.recv.rule)."""
        if slot.recv is None:
            receiver = self.server if slot.side is _CLIENT else self.client
            if went_on and receiver.sent_frame < 0 and slot.seg.flags == SYN and receiver.inbox[0] is slot:
                receiver.inbox.popleft()  # a SYN to a host that never answered anything on these ports
                slot.recv = unanswered(receiver.now)
                slot.got_at = receiver.mark(slot.frame, receiver.now)
            else:
                self.deliver(slot)
        slot.final = True
        # The sender as it stood at this frame (its send, and what it had taken by then); the
        # receiver as this packet left it (its reaction, however much later it came).
        got_at = slot.got_at
        assert got_at is not None, "delivered above"
        frame, got = slot.frame, got_at[1]
        if slot.side is _CLIENT:
            self.server.at(frame)
            ends = (self.client.at(frame), got)
        else:
            self.client.at(frame)
            ends = (got, self.server.at(frame))
        self.live -= 1
        if self.live <= 0 and not self.client.inbox and not self.server.inbox:
            self.client.settle()
            self.server.settle()
        return ends

    def push(self, slot: Slot) -> None:
        """The sender sent it (after taking what it had received); it is now in flight."""
        sender, receiver = (self.client, self.server) if slot.side is _CLIENT else (self.server, self.client)
        seg = slot.seg
        self.live += 1
        if self._steady(sender, receiver, seg, slot):
            return
        if seg.flags is SYN_ACK and self._revealed(sender, receiver, seg, slot):
            return
        if sender.inbox:
            if seg.flags == SYN_ACK and not sender.fastopen:
                self._fast_open(sender, seg)
            self._take(sender, seg)
        if ACK in seg.flags:
            state = sender.now.state
            if state.synchronized:
                self._ghosts(sender, receiver, seg, slot)
            elif state is State.SYN_SENT and SYN not in seg.flags and receiver.inbox:
                self._ghost_handshake(sender, receiver, seg, slot)
        elif seg.flags == RST and receiver.inbox and not sender.inbox and sender.now.state is State.SYN_SENT:
            if seg.seq == sender.now.tcb.snd_nxt:
                self._ghost_handshake(sender, receiver, seg, slot, forgot=True)
        plain = self._take_more(sender, seg) if sender.inbox else None
        self._send(sender, receiver, seg, slot, plain)
        _in_flight(receiver, slot)

    def _steady(self, sender: _Endpoint, receiver: _Endpoint, seg: Segment, slot: Slot) -> bool:
        """The fast lane of `push` for the steady state, where most of a capture's packets are: an
        ACK or data from ESTABLISHED whose ACK proves the sender had everything in flight to it
        (in sequence order, nothing missed), and which is the reply the sender owes or new data
        at SND.NXT. It does exactly what `push` does for such a packet, written out in one place
        (tests/capture/test_feed.py compares the two lanes). False, with at most the first part
        of `_take` done (which `push` then finds done), when the packet needs the general path."""
        flags = seg.flags
        if flags is not _ACK and flags is not _DATA:
            return False
        inbox = sender.inbox
        if inbox:  # _take's common case: an ordered inbox, wholly below SEG.ACK
            if not sender.ordered:
                return False
            ack = seg.ack
            while inbox:
                head = inbox[0]
                if head.rst or ((ack - head.end) if head.span else (ack - head.seg.seq)) % _MOD >= _HALF:
                    return False
                now = sender.now
                if now.state.synchronized:
                    got, tcb = head.seg, now.tcb
                    if (head.span and 0 < (got.seq - tcb.rcv_nxt) % _MOD < _HALF) or (
                        got.flags._value_ & 0x10 and 0 < (got.ack - tcb.snd_nxt) % _MOD < _HALF
                    ):
                        return False  # bytes the capture missed (see _taken): the general path
                self._receive(sender, inbox.popleft())
            sender.ordered = True
        now = sender.now
        if now.state is not _ESTABLISHED:
            return False
        tcb = now.tcb
        if 0 < (seg.ack - tcb.rcv_nxt) % _MOD < _HALF:
            return False  # it acknowledges bytes it was not seen to receive: _ghosts
        res = judge_usual(now, flags, seg.seq, seg.ack, seg.length, seg.window)
        if res is None:
            return False
        # _send's plain case
        events = sender.events
        events.append(_new(_Event, (True, seg, now, sender.opens, sender.cause, slot)))
        after = sender.now = res.endpoint
        frame = slot.frame
        entry = [frame, after]
        sender.timeline.append(entry)
        slot.sent_at = entry
        sender.sent_frame = frame
        slot.send, slot.story = res, "plain"
        slot.cause = sender.cause if res.rule == "send.reply" else None
        if len(events) >= _FOLD:
            sender.fold()
        _in_flight(receiver, slot)
        return True

    def _revealed(self, side: _Endpoint, peer: _Endpoint, seg: Segment, slot: Slot) -> bool:
        """The fast lane of `push` for a listener's first SYN+ACK: the SYN in flight to it is all
        its history, so the story every such SYN+ACK gets ("isn": it shows the ISN the passive
        open chose, stories.py) is the SYN taken with that ISN, then the SYN+ACK sent as owed.
        Told here at once, exactly as `_send` would find and commit it after judging the send
        with the placeholder ISN and re-playing the history (tests/capture/test_lanes.py compares
        the two). False, having changed nothing, when anything else may have happened."""
        inbox, now, opens = side.inbox, side.now, side.opens
        if (
            len(inbox) != 1
            or side.events
            or side.base is not now
            or now.state is not State.LISTEN
            or side.fastopen
            or len(side.isns) != opens
            or side.base_opens != opens
            or opens >= 1000  # stories._isn: the placeholders it recognises
        ):
            return False
        syn = inbox[0]
        got = syn.seg
        if got.flags is not SYN or got.length or (seg.ack - syn.end) % _MOD >= _HALF:
            return False
        if seg.seq == PLACEHOLDER_ISN + opens:
            return False  # the placeholder itself: the plain judgement is right
        res = general(now, got, Arrival(self.profile, seg.seq, False, syn.ts))
        if not res.used_isn or not res.sent:
            return False
        ep, cause = owe(res.endpoint, res.sent), res.rule
        sent = judge_usual(ep, seg.flags, seg.seq, seg.ack, seg.length, seg.window)
        if sent is None:
            return False
        inbox.popleft()
        side.ordered = True
        side.events = [
            _new(_Event, (False, got, now, opens, None, syn)),
            _new(_Event, (True, seg, ep, opens + 1, cause, slot)),
        ]
        syn.recv = res
        syn.got_at = side.mark(max(syn.frame, side.sent_frame), ep)
        after = sent.endpoint
        slot.send, slot.cause, slot.story = sent, cause if sent.rule == "send.reply" else None, "isn"
        slot.sent_at = side.mark(slot.frame, after)
        side.sent_frame = max(side.sent_frame, slot.frame)
        side.isns = [*side.isns, seg.seq]
        side.now, side.cause = after, cause
        side.opened(opens + 1)
        _in_flight(peer, slot)
        return True

    def deliver(self, slot: Slot) -> None:
        """Make the packet's receiver take it now, if it has not (everything before it first)."""
        receiver = self.server if slot.side is _CLIENT else self.client
        inbox = receiver.inbox
        while slot.recv is None and inbox:
            self._receive(receiver, inbox.popleft())

    def flush(self) -> None:
        """Deliver everything still in flight, in capture order across both directions."""
        client, server = self.client.inbox, self.server.inbox
        while client or server:
            take_client = not server or (client and client[0].frame < server[0].frame)
            self._receive(self.client if take_client else self.server, (client if take_client else server).popleft())

    # -- receiving -------------------------------------------------------------------------------

    def _fast_open(self, side: _Endpoint, seg: Segment) -> None:
        """A SYN+ACK that acknowledges the data on the SYN it answers: the listener took that data
        at once — TCP Fast Open with a valid cookie (RFC 7413 §4.2.2)."""
        for slot in side.inbox:
            got = slot.seg
            if SYN in got.flags and ACK not in got.flags and got.length and seg.ack == got.end_seq:
                side.fastopen = True
                side.opened(side.opens)
                return

    def _take(self, side: _Endpoint, seg: Segment) -> None:
        """Before `side` sends `seg`: it takes what it must have received by then. Its ACK proves
        that the bytes below it arrived: every SYN, FIN or data segment in flight to it that lies
        wholly below SEG.ACK arrived (or a copy of it did), and so did the bare ACKs and RSTs sent
        before the last of them, and the bare ACKs this ACK covers after it. Segments not wholly
        below it stay in flight — lost on the way, or not there yet — and so does a RST after the
        last of them: it would have ended the connection, so a segment sent after it left before
        it came (see `_take_more`)."""
        if ACK not in seg.flags:
            return
        inbox, ack = side.inbox, seg.ack
        if side.ordered:  # the common case: in sequence order, what is proven is a prefix
            while inbox:
                head = inbox[0]
                if head.rst:
                    break  # a RST: let the general reading below decide
                if head.span:
                    if (ack - head.end) % _MOD >= _HALF:
                        return  # not wholly below SEG.ACK: it, and everything after it, stays
                elif (ack - head.seg.seq) % _MOD >= _HALF:
                    return
                self._taken(side, inbox.popleft())
            if not inbox:
                side.ordered = True
                return
        last = -1
        for i, slot in enumerate(inbox):
            if slot.span:
                if seq_le(slot.end, ack):
                    last = i
                elif side.ordered:
                    break  # in sequence order: nothing after it lies below SEG.ACK either
        taken: list[Slot] = []
        kept: deque[Slot] = deque()
        for i, slot in enumerate(inbox):
            if i <= last:
                proven = seq_le(slot.end, ack) if slot.span else True
            else:
                proven = not kept and not slot.span and not slot.rst and seq_le(slot.seg.seq, ack)
            (taken if proven else kept).append(slot)
            if i > last and not proven:
                kept.extend(list(inbox)[i + 1 :])
                break
        if not taken:
            return
        side.inbox = kept
        side.ordered = side.ordered or not kept
        for slot in taken:
            self._taken(side, slot)

    def _taken(self, side: _Endpoint, slot: Slot) -> None:
        """`side` takes a packet its own next packet proves it had (after any bytes the capture
        missed before it, or that it sent without the capture seeing them)."""
        now = side.now
        if now.state.synchronized:
            got = slot.seg
            if slot.span and seq_gt(got.seq, now.tcb.rcv_nxt):
                self._gap(side, now.tcb.rcv_nxt, got.seq, slot)
            if ACK in got.flags and seq_gt(got.ack, now.tcb.snd_nxt) and not now.state.fin_sent:
                self._unseen_send(side, got.ack)
        self._receive(side, slot)

    def _take_more(self, side: _Endpoint, seg: Segment):
        """Then, in capture order, each further packet in flight to `side` that it may have had
        before sending `seg` — one whose arrival leaves the send as well explained as before (a
        capture is mostly taken where packets arrive as they are seen). Stops at one the send
        shows it had not had: data it would acknowledge, a RST that would have ended it. Returns
        the send's judgement after what it took."""
        profile, inbox = self.profile, side.inbox
        flags, ack, now = seg.flags, seg.ack, side.now
        res = judge_send(now, flags, profile, seg.seq, seg.seq, ack, seg.length, seg.window)
        rank = _rank(res)
        while inbox:
            got = inbox[0].seg
            if ACK in flags and got.length and got.seq == now.tcb.rcv_nxt and seq_gt(got.end_seq, ack):
                break  # in order: it would be acknowledged, and the segment does not acknowledge it
            ep = _owing(on_segment(now, got, side.arrival_for(inbox[0])))
            trial = judge_send(ep, flags, profile, seg.seq, seg.seq, ack, seg.length, seg.window)
            if _rank(trial) < rank:
                break
            self._receive(side, inbox.popleft())
            now, res, rank = side.now, trial, _rank(trial)
        return res

    def _gap(self, side: _Endpoint, start: int, end: int, slot: Slot) -> None:
        """The receiver acknowledges bytes before `slot` that the capture never showed: it had them."""
        length = seq_sub(end, start)
        if not 0 < length < MAX_GHOST:
            return
        ghost = Segment(PSH | ACK, start, side.now.tcb.snd_nxt, length, DEFAULT_WINDOW)
        self._ghost_receive(side, ghost)
        slot.gap += length

    def _ghosts(self, side: _Endpoint, peer: _Endpoint, seg: Segment, slot: Slot) -> None:
        """`side` acknowledges more than it was seen to receive: the capture missed the peer's
        bytes (a gap, or only this direction was captured). The peer sent them — after taking what
        was in flight to it — and `side` had them; an acknowledgment one beyond the peer's data
        is its FIN."""
        tcb = side.now.tcb
        if side.inbox or not seq_gt(seg.ack, tcb.rcv_nxt) or side.now.state.fin_received:
            return
        length = seq_sub(seg.ack, tcb.rcv_nxt)
        if length >= MAX_GHOST:
            return
        other = peer.now
        unsent = seq_sub(seg.ack, other.tcb.snd_nxt) if other.state.has_tcb else 0
        if 0 < unsent < MAX_GHOST and not other.state.fin_sent:
            self._deliver_all(peer)
            other = peer.now
            fin = unsent == 1 and other.state in _CAN_CLOSE
            flags = FIN | ACK if fin else PSH | ACK
            self._ghost_send(peer, Segment(flags, other.tcb.snd_nxt, other.tcb.rcv_nxt, unsent - fin, DEFAULT_WINDOW))
        other = peer.now
        fin = other.state.fin_sent and seg.ack == other.tcb.snd_nxt
        ghost = Segment(FIN | ACK if fin else PSH | ACK, tcb.rcv_nxt, tcb.snd_nxt, length - fin, DEFAULT_WINDOW)
        self._ghost_receive(side, ghost)
        slot.gap += length

    def _ghost_handshake(self, side: _Endpoint, peer: _Endpoint, seg: Segment, slot: Slot, forgot=False) -> None:
        """`side`, in SYN_SENT, acknowledges a SYN the capture never showed: the peer's SYN+ACK went
        uncaptured (or only this direction was captured). The peer took the SYN in flight to it,
        chose the ISN this ACK reveals, and sent the SYN+ACK it owed; `side` had it.

        `forgot`: `side` sends a bare RST at SND.NXT instead — the answer <SEQ=SEG.ACK><CTL=RST>
        of a host with no connection for that SYN+ACK (RFC 9293 §3.10.7.1): its SYN came from no
        socket (a half-open scan, `nmap -sS`, sends SYNs from a raw socket and lets its kernel
        reset the answers). The peer's ISN stays unknown."""
        if side.inbox or not any(SYN in got.seg.flags and ACK not in got.seg.flags for got in peer.inbox):
            return
        if not forgot:
            known = peer.isns[: peer.opens]
            known += [PLACEHOLDER_ISN + len(known)] * (peer.opens - len(known))
            peer.isns = [*known, seq_add(seg.ack, -1)]
            peer.opened(peer.opens)
        self._deliver_all(peer)
        synack = next((o for o in peer.now.owed if o.flags == SYN_ACK), None)
        if synack is None:
            return  # nobody took it: the ACK is explained otherwise, or not at all
        self._ghost_send(peer, synack)
        if forgot:
            app = listening_app(side)
            side.events.append(_new(_Event, (None, app, side.now, side.opens, side.cause, None)))
            side.now = closed_endpoint(app)
        self._ghost_receive(side, synack)
        slot.gap += 1

    def _deliver_all(self, side: _Endpoint) -> None:
        """`side` takes everything in flight to it."""
        inbox = side.inbox
        while inbox:
            self._receive(side, inbox.popleft())

    def _ghost_send(self, side: _Endpoint, seg: Segment) -> None:
        """A send the capture did not show: `side` moves as the send moves it."""
        before = side.now
        res = judge_send(before, seg.flags, self.profile, seg.seq, seg.seq, seg.ack, seg.length)
        side.events.append(_new(_Event, (True, seg, before, side.opens, side.cause, None)))
        side.now = res.endpoint

    def _unseen_send(self, side: _Endpoint, upto: int) -> None:
        """A packet in flight to `side` acknowledges bytes `side` was never seen to send: it sent
        them (the capture missed them) before that acknowledgment came."""
        tcb = side.now.tcb
        length = (upto - tcb.snd_nxt) % _MOD
        if not 0 < length < 1 << 30:
            return
        seg = Segment(PSH | ACK, tcb.snd_nxt, tcb.rcv_nxt, length, DEFAULT_WINDOW)
        before = side.now
        res = judge_send(before, seg.flags, self.profile, seg.seq, seg.seq, seg.ack, length)
        side.events.append(_new(_Event, (True, seg, before, side.opens, side.cause, None)))
        side.now = res.endpoint

    def _ghost_receive(self, side: _Endpoint, seg: Segment) -> None:
        """A reception the capture did not show."""
        before = side.now
        res = on_segment(before, seg, side.arrival)
        side.events.append(_new(_Event, (False, seg, before, side.opens, side.cause, None)))
        if res.sent:
            side.cause = res.rule
        side.now = _owing(res)

    def _receive(self, side: _Endpoint, slot: Slot) -> None:
        """The endpoint takes a packet that was in flight to it. (on_segment, _owing and mark,
        written out: this runs for every packet.)"""
        seg, before = slot.seg, side.now
        res = predicted(before, seg, slot.ts) if before.state is _ESTABLISHED else None
        if res is None:
            res = general(before, seg, side.arrival_for(slot))
        events = side.events
        events.append(_new(_Event, (False, seg, before, side.opens, side.cause, slot)))
        if res.used_isn:
            side.opened(side.opens + 1)
        if res.sent:
            side.cause = res.rule
            now = owe(res.endpoint, res.sent)
        else:
            now = res.endpoint
            if now.owed and not now.state.has_tcb:
                now = owe(now, ())
        side.now = now
        slot.recv = res
        frame = slot.frame
        entry = [frame if frame > side.sent_frame else side.sent_frame, now]
        side.timeline.append(entry)
        slot.got_at = entry
        if len(events) >= _FOLD:
            side.fold()

    # -- sending ---------------------------------------------------------------------------------

    def _as_aborts(self, flags) -> bool:
        """Not a RST, or a RST as this profile's abort sends it (RST+ACK on Linux, RST in the RFC):
        a RST of the other form more likely answers a segment the host had no connection for."""
        return RST not in flags or (ACK in flags) is self.profile.abort_with_ack

    def _send(self, side: _Endpoint, peer: _Endpoint, seg: Segment, slot: Slot, plain=None) -> None:
        """Record a send, choosing the first story in which it is correct (else merely explained,
        else the plain one). `plain`: the send already judged as things stand."""
        now = side.now
        if plain is None:
            plain = judge_send(now, seg.flags, self.profile, seg.seq, seg.seq, seg.ack, seg.length, seg.window)
        if plain.verdict is _CORRECT or (_explained(plain) and self._as_aborts(seg.flags)):
            side.events.append(_new(_Event, (True, seg, now, side.opens, side.cause, slot)))
            side.now = plain.endpoint
            slot.sent_at = side.mark(slot.frame, side.now)
            side.sent_frame = slot.frame
            slot.send, slot.story = plain, "plain"
            slot.cause = side.cause if plain.rule == "send.reply" else None
            if len(side.events) >= _FOLD:
                side.fold()
            return
        best = None
        for story in stories(side, peer, seg, slot):
            ep, opens, cause, res, events, results = _run(
                story.isns, story.ep, story.opens, story.cause, story.steps[: story.at + 1], self.profile, side.fastopen
            )
            if res.verdict is _CORRECT or (best is None and _explained(res)):
                best = (story, ep, opens, cause, res, events, results)
                if res.verdict is _CORRECT:
                    break
        if best is None or (best[4].verdict is not _CORRECT and _explained(plain)):
            story = Story("plain", len(side.events), now, side.opens, side.cause, [(True, seg, slot)], 0, side.isns, 0)
            best = (story, now, side.opens, side.cause, plain, [], [])
        self._commit(side, *best)

    def _commit(self, side: _Endpoint, story: Story, ep, opens, cause, res, events, results) -> None:
        """Make the chosen story the endpoint's history, and revise the records it re-played."""
        send_slot = story.steps[story.at][2]
        if story.name == "plain":
            events = [_new(_Event, (True, story.steps[0][1], ep, opens, cause, send_slot))]
            results = [(res, res.endpoint, cause if res.rule == "send.reply" else None)]
            ep = res.endpoint
        else:
            ep, opens, cause, _, more, after = _run(
                story.isns, ep, opens, cause, story.steps[story.at + 1 :], self.profile, side.fastopen
            )
            events, results = events + more, results + after
        for _ in range(story.took):  # packets in flight that this story says had arrived
            side.inbox.popleft()
        for event, (result, after, why) in zip(events, results, strict=True):
            slot = event.slot
            if slot is None or slot.final or event.sent is None:
                continue
            if event.sent:
                slot.send, slot.cause = result, why
                if slot.sent_at is None:
                    slot.sent_at = side.mark(slot.frame, after)
                    side.sent_frame = max(side.sent_frame, slot.frame)
                else:
                    slot.sent_at[1] = after
                if slot is send_slot:
                    slot.story = story.name
            else:
                slot.recv = result
                if slot.got_at is None:
                    slot.got_at = side.mark(max(slot.frame, side.sent_frame), after)
                else:
                    slot.got_at[1] = after
        side.isns = story.isns
        side.events = side.events[: story.keep] + events
        side.now, side.cause = ep, cause
        side.opened(opens)
        if story.keep == 0:
            side.base, side.base_opens = story.ep, story.opens
        if len(side.events) >= _FOLD:
            side.fold()


def _in_flight(receiver: _Endpoint, slot: Slot) -> None:
    """The last part of `Feed.push`: the packet is in flight to its receiver (is its inbox still in
    sequence order?)."""
    inbox = receiver.inbox
    if not inbox:
        receiver.ordered = True
    elif slot.span and receiver.ordered and 0 < (inbox[-1].end - slot.seg.seq) % _MOD < _HALF:
        receiver.ordered = False
    inbox.append(slot)


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
