"""Group a capture's TCP packets into connections and feed each through the engine.

Which packets make a connection:
- Packets are grouped by 4-tuple (addresses and ports, either direction).
- The **client** is the endpoint that sent the first SYN (without ACK) of the connection. When a
  4-tuple first shows up with a SYN+ACK, the SYN was missed: the client is its receiver. When it
  first shows up with anything else, the capture started mid-connection: the client is the
  endpoint with the higher port (ephemeral ports are high; servers listen on low ones; on a tie,
  the first packet's sender), and both endpoints start ESTABLISHED with the numbers of that first
  packet (see `feed.midstream`) — an assumption the records cannot check.
- A **new connection** on the same 4-tuple starts with a SYN without ACK whose sequence number
  is not the ISN its sender already used in the current connection (a retransmitted SYN is not
  new), or — when that sender has sent no SYN in it — unless the current connection is still
  opening (only SYNs seen so far: that is a simultaneous open). The new connection's client is
  that SYN's sender.
- A new connection does not reset the endpoints: each end of the 4-tuple carries on from where
  the previous connection left it. So a new client in SYN_SENT may face a server still in
  TIME_WAIT (§4.2), and the records of the new connection say exactly that; the old
  connection's last records show where it ended.
- `conn` numbers connections 0, 1, 2 … in the order their first packet appears.

Rows come out in file order, each once the replay is sure of it: a packet's record may still
change while later packets of its connection explain it (feed.py: its receiver takes it only when
its own packets show it had it; a story may re-read what came before). A record is final when
`HORIZON` more frames have been read, or the file ends: the look-ahead is bounded, so memory is
too, and JSON Lines stream. Which rows are final depends only on frame numbers, so a replay
split over processes by 4-tuple (parallel.py) writes exactly what one process does.
"""

from __future__ import annotations

import socket
import zlib
from collections import namedtuple

from collections import deque

from ..core.profile import Profile
from ..core.segment import Flags, Segment, seq_add
from ..core.states import Side
from .feed import Feed, Record, Slot, midstream

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from .read import Wire

_FIN, _SYN, _RST, _ACK = 0x01, 0x02, 0x04, 0x10
_LETTERS = (
    (0x01, "F"),
    (0x02, "S"),
    (0x04, "R"),
    (0x08, "P"),
    (0x10, "A"),
    (0x20, "U"),
    (0x40, "E"),
    (0x80, "C"),
    (0x100, "N"),
)
LETTERS = tuple("".join(letter for bit, letter in _LETTERS if bits & bit) for bits in range(512))
_FLAGS = tuple(Flags(bits & 0x1F) for bits in range(512))
_CLIENT = Side.CLIENT
_new = tuple.__new__
HORIZON = 1 << 14  # frames of look-ahead before a record is final
UNKNOWN_SHIFT = 14  # a connection seen without its handshake: its windows may be scaled up to 2**14


class Row(namedtuple("Row", "frame ts conn src dst dir flags seq ack length window record tsopt", defaults=(None,))):
    """One TCP packet of the capture and the two endpoints after it.

    frame: 1-based frame number in the file; ts: capture time (s); conn: connection index;
    src, dst: "ip:port" ("[ip]:port" for IPv6); dir: "c2s" or "s2c"; flags: Wireshark-like
    letters (F S R P A, then U E C N when set); seq, ack: the absolute 32-bit fields; length:
    payload bytes; window: the raw window field; record: feed.Record (states, rules, verdicts);
    tsopt: the timestamps option (TSval, TSecr), or None (RFC 7323 §3).
    """

    __slots__ = ()

    @property
    def side(self) -> Side:
        """The endpoint that sent it."""
        return Side.CLIENT if self.dir == "c2s" else Side.SERVER


def address(ip: bytes, port: int) -> str:
    """'10.9.0.1:40001' or '[::1]:5001'."""
    if len(ip) == 4:
        return f"{socket.inet_ntop(socket.AF_INET, ip)}:{port}"
    return f"[{socket.inet_ntop(socket.AF_INET6, ip)}]:{port}"


class Conn:
    """One connection: its index, its feeder, who is client, and what its packets showed so far."""

    __slots__ = ("index", "feed", "client_key", "c2s", "s2c", "iss", "opening", "wscale", "shift", "held", "heads")

    def __init__(self, index: int, feed: Feed | None, client_key: tuple) -> None:
        self.index, self.client_key = index, client_key
        self.feed = feed  # None: a connection of another shard's (numbered and read, not fed)
        src, sport, dst, dport = client_key
        client, server = address(src, sport), address(dst, dport)
        self.c2s, self.s2c = (client, server, "c2s"), (server, client, "s2c")  # (src, dst, dir) of each direction
        self.iss: dict[Side, int | None] = {Side.CLIENT: None, Side.SERVER: None}  # the ISN each side used here
        self.opening = True  # only SYNs without ACK so far
        # each SYN's window scale option (-1: none)
        self.wscale: dict[Side, int | None] = {Side.CLIENT: None, Side.SERVER: None}
        self.held: Wire | None = None  # a first SYN+ACK, held until the next packet shows whether its SYN follows it
        self.shift = {Side.CLIENT: UNKNOWN_SHIFT, Side.SERVER: UNKNOWN_SHIFT}  # how each side's windows scale
        self.heads: tuple[str, ...] | None = None  # LineReplay's text of its JSON lines from "conn" to the flags

    def saw_syn(self, side: Side, wscale: int) -> None:
        """A SYN from `side`: once both SYNs are seen, windows scale only if both offered it."""
        self.wscale[side] = mine = wscale
        theirs = self.wscale[side.peer]
        if theirs is not None:
            both = mine >= 0 and theirs >= 0
            self.shift[side] = mine if both else 0
            self.shift[side.peer] = theirs if both else 0

    def starts_anew(self, side: Side, seq: int) -> bool:
        """Does a SYN (without ACK) with this sequence number from `side` open a new connection?"""
        iss = self.iss[side]
        return seq != iss if iss is not None else not self.opening


class Captured(Slot):
    """A Slot of a capture's: it always has its packet (a read.Wire) and its connection."""

    __slots__ = ()

    wire: Wire
    conn: Conn


class Replay:
    """Feed a capture's packets through the engine, connection by connection. `push(wire)` takes
    one TCP packet (a read.Wire) in file order; the rows that became final wait in `ready`, in
    file order; `finish()` makes the rest final (the file ended).

    With `shard=(k, n)`, only the 4-tuples of shard k of n are fed (every connection of a 4-tuple
    falls in the same shard); the others are still numbered and read: n processes, one per
    shard, together write what one would (see capture/parallel.py).
    """

    def __init__(self, profile: Profile, shard: tuple[int, int] | None = None, horizon: int = HORIZON) -> None:
        self.profile, self.shard, self.horizon = profile, shard, horizon
        self.tuples: dict[tuple, tuple[Conn, Side]] = {}  # (src, sport, dst, dport) → its connection, sender
        self.count = 0
        self.pending: deque[Captured] = deque()  # the slots not yet final, in file order
        self.waiting: deque[Conn] = deque()  # connections whose first packet, a SYN+ACK, is held
        self.last = 0  # the last frame pushed
        self.ready: deque[Row] = deque()  # final rows not yet taken

    def push(self, w) -> None:
        """One TCP packet (a read.Wire) in file order."""
        frame, _, src, sport, dst, dport, bits, seq, ack, length, window, _, _ = w
        pending, self.last = self.pending, frame
        if self.waiting:
            waiting = self.waiting
            while waiting:
                held = waiting[0].held  # (a waiting connection holds its SYN+ACK)
                if held is None or held.frame > frame - self.horizon:
                    break
                self._release(waiting.popleft())
        if pending and pending[0].wire.frame <= frame - self.horizon:
            self._final(frame - self.horizon)
        key = (src, sport, dst, dport)
        hit = self.tuples.get(key)
        if hit is None or bits & _SYN or hit[0].held is not None:
            self._opening(key, hit, w)
            return
        # The common case, _note and _push written out: a known connection, no SYN.
        conn, side = hit
        if conn.opening and (bits & (_ACK | _RST | _FIN) or length):
            conn.opening = False
        feed = conn.feed
        if feed is None:
            return
        seg = _new(Segment, (_FLAGS[bits], seq, ack if bits & _ACK else 0, length, window << conn.shift[side]))
        slot = Captured(side, seg, frame, w, conn)
        feed.push(slot)
        if not pending or pending[-1].wire.frame < frame:
            pending.append(slot)
        else:
            self._place(slot)

    def _opening(self, key: tuple, hit, w) -> None:
        """`push` of a packet that may open a connection: the first of its 4-tuple, a SYN, or the
        packet after a held SYN+ACK."""
        bits, seq = w.flags, w.seq
        if hit is None:
            conn, side = self._first(key, w)
            if conn.held is w:
                self._note(conn, side, w)
                self.waiting.append(conn)
                return
        else:
            conn, side = hit
            if conn.held is not None:  # the packet after a held SYN+ACK: is it the SYN it answers?
                self.waiting.remove(conn)
                if self._release(conn, w):
                    self._note(conn, side, w)
                    return
            if bits & (_SYN | _ACK) == _SYN and conn.starts_anew(side, seq):
                conn, side = self._again(conn, side, key)
        self._note(conn, side, w)
        if conn.feed is not None:
            self._push(conn, side, w)

    @staticmethod
    def _note(conn: Conn, side: Side, w) -> None:
        """What a packet tells about its connection beyond the engine: ISNs, window scaling, opening."""
        bits = w.flags
        if bits & _SYN:
            conn.iss[side] = w.seq
            conn.saw_syn(side, w.wscale)
            if bits & _ACK and conn.iss[side.peer] is None:
                conn.iss[side.peer] = seq_add(w.ack, -1)
        if bits & (_ACK | _RST | _FIN) or w.length:
            conn.opening = False

    def _push(self, conn: Conn, side: Side, w, frame: int | None = None) -> None:
        """Feed one packet of `conn`'s; `frame`: where it happened, if not where it was captured."""
        bits = w.flags
        window = w.window if bits & _SYN else w.window << conn.shift[side]
        seg = tuple.__new__(Segment, (_FLAGS[bits], w.seq, w.ack if bits & _ACK else 0, w.length, window))
        slot = Captured(side, seg, w.frame if frame is None else frame, w, conn)
        feed = conn.feed
        assert feed is not None, "only a connection of this shard's is fed"
        feed.push(slot)
        pending = self.pending
        if not pending or pending[-1].wire.frame < w.frame:
            pending.append(slot)
        else:
            self._place(slot)

    def _place(self, slot: Captured) -> None:
        """A packet fed late (a held SYN+ACK): its place in file order among the pending ones."""
        pending, frame = self.pending, slot.wire.frame
        at = len(pending)
        while at and pending[at - 1].wire.frame > frame:
            at -= 1
        pending.insert(at, slot)

    def _release(self, conn: Conn, w=None) -> bool:
        """Feed a held first SYN+ACK. When the next packet `w` is the SYN it answers (the capture
        showed them the other way round), the SYN is fed first, as having happened just before
        it; returns True then (`w` is fed). Otherwise the SYN was not captured: the connection
        starts from its middle (feed.midstream)."""
        held, conn.held = conn.held, None
        assert held is not None, "released once"
        syn = (
            w is not None
            and w.flags & (_SYN | _ACK | _RST | _FIN) == _SYN
            and (w.src, w.sport) == (held.dst, held.dport)
            and w.seq == seq_add(held.ack, -1)
        )
        if syn:
            conn.feed = Feed(self.profile)
            self._push(conn, Side.CLIENT, w, held.frame)
        else:
            seg = Segment(_FLAGS[held.flags], held.seq, held.ack, held.length, held.window)
            ends = midstream(Side.SERVER, seg)
            conn.feed = Feed(self.profile, client=ends[Side.CLIENT], server=ends[Side.SERVER])
        self._push(conn, Side.SERVER, held)
        return syn

    def finish(self) -> None:
        """The file ended: every record is final."""
        while self.waiting:
            self._release(self.waiting.popleft())
        self._final(None)

    def _final(self, upto: int | None) -> None:
        """Make the pending slots up to frame `upto` (all, for None) final, in file order."""
        pending, ready, last = self.pending, self.ready, self.last
        while pending and (upto is None or pending[0].wire.frame <= upto):
            slot = pending.popleft()
            feed = slot.conn.feed
            assert feed is not None, "a pending slot was fed"
            ready.append(_row(slot, feed.record(slot, upto is not None or slot.frame < last)))

    def _new(self, key: tuple, feed: Feed | None) -> Conn:
        """A connection whose client sends on `key`."""
        conn = Conn(self.count, feed, key)
        self.count += 1
        src, sport, dst, dport = key
        self.tuples[key] = (conn, Side.CLIENT)
        self.tuples[(dst, dport, src, sport)] = (conn, Side.SERVER)
        return conn

    def _first(self, key: tuple, w) -> tuple[Conn, Side]:
        """The first packet of a 4-tuple: who is the client, and where both endpoints start."""
        src, sport, dst, dport = key
        bits = w.flags
        mine = self.shard is None or shard_of(key, self.shard[1]) == self.shard[0]
        if bits & (_SYN | _ACK) == _SYN:
            return self._new(key, Feed(self.profile) if mine else None), Side.CLIENT
        client_sends = not bits & _SYN and sport >= dport
        side = Side.CLIENT if client_sends else Side.SERVER
        feed = None
        if mine and bits & _SYN:  # a SYN+ACK first: held until the next packet (its SYN may follow it)
            conn = self._new((dst, dport, src, sport), None)
            conn.held = w
            return conn, side
        if mine:
            ends = midstream(side, Segment(_FLAGS[bits], w.seq, w.ack if bits & _ACK else 0, w.length, w.window))
            feed = Feed(self.profile, client=ends[Side.CLIENT], server=ends[Side.SERVER])
        return self._new(key if client_sends else (dst, dport, src, sport), feed), side

    def _again(self, conn: Conn, side: Side, key: tuple) -> tuple[Conn, Side]:
        """A new connection on a used 4-tuple: its SYN's sender is the client; both ends carry on
        from where the old connection left them (everything in flight on it arrived first)."""
        old = conn.feed
        if old is not None:
            old.flush()
        feed = old and Feed(self.profile, client=old.endpoint(side), server=old.endpoint(side.peer))
        return self._new(key, feed), Side.CLIENT


def _row(slot: Captured, record: Record) -> Row:
    """The final row of a packet."""
    w, conn = slot.wire, slot.conn
    src, dst, direction = conn.c2s if slot.side is _CLIENT else conn.s2c
    return tuple.__new__(
        Row,
        (
            w.frame,
            w.ts,
            conn.index,
            src,
            dst,
            direction,
            LETTERS[w.flags],
            w.seq,
            w.ack,
            w.length,
            w.window,
            record,
            w.tsopt,
        ),
    )


def shard_of(key: tuple, shards: int) -> int:
    """Which of `shards` shards a 4-tuple falls in, the same in both directions."""
    src, sport, dst, dport = key
    a, b = sorted(((src, sport), (dst, dport)))
    return zlib.crc32(b"%b%b%d-%d" % (a[0], b[0], a[1], b[1])) % shards


class LineReplay(Replay):
    """A Replay whose `ready` holds the JSON Lines of the final rows (of connection `only`, if
    given) rather than the rows: `json_line` of each, written from the packet and its two
    endpoints without building the Row and its Record (tests/capture/test_replay.py checks that
    they are the same text)."""

    def __init__(self, profile: Profile, shard: tuple[int, int] | None = None, only: int | None = None) -> None:
        super().__init__(profile, shard)
        self.only = only
        self.ready: list[str] = []  # type: ignore[assignment]

    def _final(self, upto: int | None) -> None:
        pending, ready, last, only = self.pending, self.ready, self.last, self.only
        while pending and (upto is None or pending[0].wire.frame <= upto):
            slot = pending.popleft()
            conn, feed = slot.conn, slot.conn.feed
            assert feed is not None, "a pending slot was fed"
            client, server = feed.ends(slot, upto is not None or slot.frame < last)
            if only is not None and conn.index != only:
                continue
            heads = conn.heads
            if heads is None:
                heads = conn.heads = tuple(
                    f', "conn": {conn.index}, "src": "{src}", "dst": "{dst}", "dir": "{direction}", "flags": "'
                    for src, dst, direction in (conn.c2s, conn.s2c)
                )
            head = heads[0] if slot.side is _CLIENT else heads[1]
            recv = slot.recv
            assert recv is not None, "ends() has delivered it"
            key = (client.state._value_, server.state._value_, recv.rule)
            tail = _TAILS.get(key)
            if tail is None:
                tail = _TAILS[key] = _tail(*key)
            w = slot.wire
            ready.append(
                f'{{"frame": {w.frame}{head}{LETTERS[w.flags]}", "seq": {w.seq}, "ack": {w.ack}, '
                f'"len": {w.length}, {tail}'
            )


_TAILS: dict = {}  # (client state, server state, rule) → the line's text from "client" to its end


def _tail(client: str, server: str, rule: str) -> str:
    rule = "null" if rule == "none" else f'"{rule}"'
    return f'"client": "{client}", "server": "{server}", "rule": {rule}}}\n'


def replay_lines(capture, profile: Profile, shard: tuple[int, int] | None = None, only: int | None = None):
    """`replay`, as JSON Lines: chunks of text (each a whole number of lines, of connection `only`
    if given), in file order. When the file breaks (CaptureError), the lines of the packets read
    before it come first."""
    from .read import CaptureError

    engine = LineReplay(profile, shard, only)
    push, ready = engine.push, engine.ready
    try:
        for wire in capture:
            push(wire)
            if len(ready) >= _CHUNK:
                yield "".join(ready)
                ready.clear()
    except CaptureError:
        engine.finish()
        yield "".join(ready)
        raise
    engine.finish()
    yield "".join(ready)


_CHUNK = 2048  # lines


def json_line(row: Row) -> str:
    """The issue's JSON Lines record of one row (its keys, in its order), without json.dumps:
    every string in it is an address, a flag string, a state or a rule id — nothing to escape."""
    rec = row.record
    rule = "null" if rec.rule is None else f'"{rec.rule}"'
    return (
        f'{{"frame": {row.frame}, "conn": {row.conn}, "src": "{row.src}", "dst": "{row.dst}", '
        f'"dir": "{row.dir}", "flags": "{row.flags}", "seq": {row.seq}, "ack": {row.ack}, '
        f'"len": {row.length}, "client": "{rec.client.value}", "server": "{rec.server.value}", "rule": {rule}}}\n'
    )


def replay(capture, profile: Profile, shard: tuple[int, int] | None = None):
    """Rows for every TCP packet of an open read.Capture (of one shard's 4-tuples), in file order.
    When the file breaks (CaptureError), the rows of the packets read before it come first."""
    from .read import CaptureError

    engine = Replay(profile, shard)
    push, ready = engine.push, engine.ready
    try:
        for wire in capture:
            push(wire)
            while ready:
                yield ready.popleft()
    except CaptureError:
        engine.finish()
        yield from ready
        raise
    engine.finish()
    yield from ready


__all__ = ["Conn", "LETTERS", "LineReplay", "Record", "Replay", "Row", "address", "json_line", "replay", "replay_lines"]
