"""A real connection becomes a puzzle: `tcptui replay CAPTURE --puzzle [--conn N] [-o FILE.toml]`.

The puzzle starts where the capture stood just before the lesson: both endpoints built from the
capture's own numbers (ISS, IRS, SND.UNA, SND.NXT, RCV.NXT as the packets show them) in the
states the replay gave them. The student then plays what the capture shows next, with manual
replies and the capture's real numbers: every reply is theirs to send. The goal is taken from
what happened: the states each endpoint went through and ended in, and every RST sent. The story
shows the packets before the cut in full and the packets after it with the states and the
numbers blanked ("seq=? ack=?") — what the student must find; the hints reveal them one by one.

How the packets after the cut become moves: each is explained as the one move of its sender that
puts exactly that segment (kind, SEQ, ACK, length) on the wire in the engine — an owed reply sent,
an application call (connect, send, shutdown, close, abort), a retransmission timer — then
delivered. A passive open takes its ISN from the world's seed (core.world.isn_for), so the
puzzle's seed is chosen so that the listener picks the capture's ISN (`pinned_seed`). Where the
engine cannot reproduce a packet, or ends in another state than the capture's, the lesson stops
before it; a connection that leaves too little, or cannot be rebuilt at all, is refused with
one line saying why (PuzzleRefused). The result is loaded and linted as `tcptui check` would
before it is returned: the file always passes `tcptui check` and can be solved.
"""

from __future__ import annotations

import json
import re
from collections import namedtuple
from pathlib import Path

from ..core.endpoint import App, endpoint_in
from ..core.moves import AppCall, Deliver, Fire, Send, send_of
from ..numbers import describe
from ..core.profile import Profile
from ..core.rules import RULES
from ..core.segment import ACK, FIN, RST, SYN, Flags, Segment, seq_gt
from ..core.states import Call, Replies, Side, State, Timer, Verdict
from ..core.validate import Kind
from ..core.world import World

MIN_TAIL = 2  # packets the student must play, at least
LONG_TAIL = 3  # a cut before the first FIN or RST reaches back to leave this many
MAX_TAIL = 8  # packets, at most (the solver must prove par quickly)
SEARCH_BUDGET = 12_000  # worlds: past this, manual replies give way to automatic ones (a few seconds)
_MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_STEP = 0xBF58476D1CE4E5B9
_MIX = 0x94D049BB133111EB


class PuzzleRefused(Exception):
    """The connection cannot become a puzzle; the message (one line) says why."""


class Packet(namedtuple("Packet", "frame side seg")):
    """One captured packet of the 4-tuple: its frame, its sender, its Segment."""

    __slots__ = ()


# -- reading ------------------------------------------------------------------------------------


def read_rows(path: str, profile: Profile) -> list:
    """Every TCP packet of the capture as replay rows (frame, conn, src, dst, dir, flags, numbers)."""
    from .read import Capture
    from .replay import replay

    with Capture(path) as capture:
        return list(replay(capture, profile))


def connection_packets(rows: list, conn: int) -> tuple[list[Packet], int, str]:
    """The packets of connection `conn`'s 4-tuple from its first connection through `conn` (earlier
    connections on the same ports leave the endpoints where `conn` starts), the index of `conn`'s
    first packet among them, and the connection's description ('client → server')."""
    mine = next((row for row in rows if row.conn == conn), None)
    if mine is None:
        raise PuzzleRefused(f"the capture has no connection {conn}")
    ends, first, found = {mine.src, mine.dst}, 0, False
    packets: list[Packet] = []
    for row in rows:
        if {row.src, row.dst} != ends or row.conn > conn:
            continue
        if row.conn == conn and not found:
            first, found = len(packets), True
        seg = Segment(Flags(_flag_bits(row.flags)), row.seq, row.ack if "A" in row.flags else 0, row.length)
        packets.append(Packet(row.frame, row.side, seg))
    who = f"{mine.src} → {mine.dst}" if mine.dir == "c2s" else f"{mine.dst} → {mine.src}"
    return packets, first, who


def _flag_bits(letters: str) -> int:
    """Wireshark-like letters to the bits the core models (F S R P A; U E C N are left out)."""
    return sum(bit for letter, bit in (("F", 1), ("S", 2), ("R", 4), ("P", 8), ("A", 16)) if letter in letters)


def starts(packets: list[Packet], profile: Profile, replies: Replies = Replies.MANUAL) -> list[World]:
    """Where the 4-tuple's first connection may have started, likeliest first: a client about to
    connect to a listening server (or to a port where nobody listens, §4.4.1); for a capture begun
    mid-connection, the endpoints the replay assumes (capture.feed.midstream)."""
    first = packets[0]
    if first.seg.flags == SYN:
        client = endpoint_in(State.CLOSED)
        return [
            _world(profile, replies, {first.side: client, first.side.peer: endpoint_in(State.LISTEN)}),
            _world(profile, replies, {first.side: client, first.side.peer: endpoint_in(State.CLOSED)}),
        ]
    from .feed import midstream

    return [_world(profile, replies, midstream(first.side, first.seg))]


def _world(profile: Profile, replies: Replies, ends: dict) -> World:
    return World.new(profile=profile, replies=replies, client=ends[Side.CLIENT], server=ends[Side.SERVER])


# -- the packets as moves -------------------------------------------------------------------------


def _same(seg: Segment, got: Segment) -> bool:
    """The engine's segment is the captured one: kind, numbers and length."""
    if Kind.of(seg.flags, seg.length) is not Kind.of(got.flags, got.length):
        return False
    return seg.seq == got.seq and seg.length == got.length and (ACK not in seg.flags or seg.ack == got.ack)


def _candidates(world: World, side: Side, seg: Segment) -> list:
    """Moves of `side` that might put `seg` on the wire, the likeliest first."""
    kind = Kind.of(seg.flags, seg.length)
    moves: list = []
    if world.endpoint(side).owed:
        moves.append(Send(side, kind.flags, None, None, seg.length))
    calls = {
        Kind.SYN: (Call.CONNECT,),
        Kind.DATA: (Call.SEND,),
        Kind.FIN: (Call.CLOSE, Call.SHUTDOWN),
        Kind.RST: (Call.ABORT,),
        Kind.RST_ACK: (Call.ABORT,),
    }.get(kind, ())
    moves += [AppCall(side, call, seg.length) if call is Call.SEND else AppCall(side, call) for call in calls]
    moves.append(Fire(side, Timer.RTO))
    moves.append(Send(side, kind.flags, seg.seq, seg.ack if ACK in seg.flags else None, seg.length))
    return moves


class Rebuilt(namedtuple("Rebuilt", "moves outcomes before done stopped sent_by")):
    """Packets played in the engine: the moves and their outcomes, the world before each packet's
    turn (before[i], with the index of its first move: for cutting there), how many packets were
    reproduced, why it stopped short (None: it did not), and for each packet reproduced the move
    that put it on the wire with its serial there (what a what-if branch at that packet needs)."""

    __slots__ = ()


def rebuild(world: World, packets: list[Packet], repin: bool = True, pins: list | None = None) -> Rebuilt:
    """Play the packets in the engine, in capture order. A packet is its sender's move. A bare ACK
    or a RST arrives at once (after anything sent before it); a SYN, a FIN or data arrives just
    before its receiver's next packet that acknowledges it, else when the capture ends — so FINs
    and data that crossed stay in flight while the other side sends. With `repin`, each passive open takes the ISN the
    capture shows (the world's seed is re-chosen before it, and added to `pins`); without, the
    world's seed stands."""
    pins = [] if pins is None else pins
    moves: list = []
    outcomes: list = []
    before: list = []
    sent_by: list[tuple[int, int]] = []
    stopped = None
    done = 0
    for i, packet in enumerate(packets):
        before.append((world, len(moves)))
        world = _arrive(world, packet, packets[i:], moves, outcomes, repin, pins)
        step = _send(world, packet)
        if step is None:
            stopped = f"frame {packet.frame}: the engine would not send this {packet.seg.label} there"
            break
        move, outcome = step
        if move is not None:
            moves.append(move)
            outcomes.append(outcome)
            world = outcome.world
        sent_by.append(_sender(outcomes, packet))
        done += 1
        if packet.seg.seg_len == 0:  # a bare ACK or a RST: it arrives at once, unless it is queued behind
            index = next(i for i, item in enumerate(world.wire) if item.src is packet.side)
            if _same(world.wire[index].segment, packet.seg):
                world = _deliver(world, index, packets[i + 1 :], moves, outcomes, repin, pins)
    before.append((world, len(moves)))
    while world.wire:  # the capture ends: what is still in flight arrives
        world = _deliver(world, 0, (), moves, outcomes, repin, pins)
    return Rebuilt(tuple(moves), tuple(outcomes), tuple(before), done, stopped, tuple(sent_by))


def _sender(outcomes: list, packet: Packet) -> tuple[int, int]:
    """(index, serial): the latest outcome that put `packet` on the wire, and its serial there."""
    for index in range(len(outcomes) - 1, -1, -1):
        for item in outcomes[index].sent:
            if item.src is packet.side and _same(item.segment, packet.seg):
                return index, item.serial
    raise AssertionError("a reproduced packet was sent by some move")  # pragma: no cover - _send saw it


class Built(namedtuple("Built", "start rebuilt first stopped")):
    """A capture's connection as an engine game: the start World, the Rebuilt moves, the index of
    the connection's first packet among the 4-tuple's, and why the engine stops short (or None)."""

    __slots__ = ()

    def sender(self, packet: int) -> tuple[int, int] | None:
        """(move index, serial) of the connection's `packet`-th packet (0-based), or None past what
        the engine reproduced."""
        index = self.first + packet
        return self.rebuilt.sent_by[index] if index < len(self.rebuilt.sent_by) else None


def connection_game(rows: list, conn: int, profile: Profile, replies: Replies = Replies.AUTO) -> Built:
    """Connection `conn` (with the earlier connections on its 4-tuple, from the replay's rows) played
    in the engine as the lesson of a puzzle is: the game a what-if branch of a capture starts from."""
    packets, first, _ = connection_packets(rows, conn)
    whole = max((rebuild(world, packets) for world in starts(packets, profile, replies)), key=_fidelity)
    return Built(whole.before[0][0], whole, first, whole.stopped)


def _arrive(world: World, packet: Packet, later, moves: list, outcomes: list, repin: bool, pins: list) -> World:
    """Before `packet` leaves its sender: what was in flight to it and arrived by then."""
    side, seg = packet.side, packet.seg
    while True:
        index = next((i for i, item in enumerate(world.wire) if item.src is not side), None)
        if index is None:
            return world
        got = world.wire[index].segment
        covered = got.seg_len == 0 or (ACK in seg.flags and not seq_gt(got.end_seq, seg.ack))
        if not covered:
            return world
        world = _deliver(world, index, later, moves, outcomes, repin, pins)


def _deliver(world: World, index: int, later, moves: list, outcomes: list, repin: bool, pins: list) -> World:
    """Deliver wire[index]; a passive open first gets the seed that gives it the capture's ISN."""
    item = world.wire[index]
    receiver = item.src.peer
    if repin and SYN in item.segment.flags and ACK not in item.segment.flags:
        isn = next((p.seg.seq for p in later if p.side is receiver and SYN in p.seg.flags), None)
        if isn is not None:
            pins.append(pinned_seed(receiver, world.isns[receiver is Side.SERVER], isn))
            world = world._replace(seed=pins[-1])
    outcome = world.apply(Deliver(index))
    moves.append(Deliver(index))
    outcomes.append(outcome)
    return outcome.world


def _send(world: World, packet: Packet):
    """(move, outcome) that put `packet` on the wire — (None, None) when it is in flight already
    (sent with an earlier packet) — or None when no move of its sender does."""
    if any(_same(item.segment, packet.seg) and item.src is packet.side for item in world.wire):
        return None, None
    for move in _candidates(world, packet.side, packet.seg):
        outcome = world.apply(move)
        if outcome.verdict in (Verdict.ILLEGAL, Verdict.WRONG_NUMBERS):
            continue
        if any(_same(item.segment, packet.seg) for item in outcome.sent):
            return move, outcome
    return None


# -- the seed that makes a listener pick the capture's ISN ---------------------------------------


def _unmix(z: int) -> int:
    """The inverse of splitmix64's finalizer (core.world.isn_for mixes with it)."""
    z ^= (z >> 31) ^ (z >> 62)
    z = (z * pow(_MIX, -1, 1 << 64)) & _MASK64
    z ^= (z >> 27) ^ (z >> 54)
    z = (z * pow(_STEP, -1, 1 << 64)) & _MASK64
    z ^= (z >> 30) ^ (z >> 60)
    return z


def pinned_seed(side: Side, n: int, isn: int) -> int:
    """A seed (below 2**63, as puzzle files take) whose n-th ISN for `side` is `isn`: isn_for keeps
    the low 32 bits of an invertible mix, so any high half will do; the first that gives a seed in
    range is taken."""
    k = 2 * n + (side is Side.SERVER) + 1
    for high in range(1 << 16):
        z = _unmix((high << 32) | isn)
        seed = ((z - k * _STEP) * pow(_GOLDEN, -1, 1 << 64)) & _MASK64
        if seed < 1 << 63:
            return seed
    raise AssertionError("no seed in range")  # pragma: no cover - half of all high halves qualify


class Made(namedtuple("Made", "text puzzle first last conn")):
    """A puzzle made from a capture: the TOML text, the loaded and linted Puzzle, the frames of the
    lesson's first and last packets, and the connection."""

    __slots__ = ()


def make_puzzle(path: str, profile: Profile, conn: int | None = None, name: str = "capture.toml") -> Made:
    """The puzzle of connection `conn` (default: the first connection that makes one), checked as
    the file `name` will be; PuzzleRefused says why it cannot be made."""
    rows = read_rows(path, profile)
    if conn is not None:
        return _make(path, rows, profile, conn, name)
    reasons = []
    for index in range(max((row.conn for row in rows), default=-1) + 1):
        try:
            return _make(path, rows, profile, index, name)
        except PuzzleRefused as e:
            reasons.append(str(e))
    raise PuzzleRefused("no connection makes a puzzle (" + "; ".join(reasons or ["no TCP connection"]) + ")")


def _make(path: str, rows: list, profile: Profile, conn: int, name: str) -> Made:
    """Rebuild the 4-tuple in the engine, then try the cuts from the most telling to the earliest."""
    packets, first, who = connection_packets(rows, conn)
    mine = len(packets) - first
    if mine < MIN_TAIL:
        raise PuzzleRefused(
            f"connection {conn} has {mine} packet{'s' if mine != 1 else ''}; a puzzle needs at least {MIN_TAIL}"
        )
    whole = max((rebuild(world, packets) for world in starts(packets, profile)), key=_fidelity)
    if whole.done - first < MIN_TAIL:
        raise PuzzleRefused(f"connection {conn}: {whole.stopped}")
    last = None
    for cut in _cuts(packets, first, whole.done):
        try:
            return _build(path, profile, conn, packets, cut, who, whole.before[cut][0], name)
        except PuzzleRefused as e:
            last = e
    raise PuzzleRefused(f"connection {conn}: {last}")


def _fidelity(rebuilt: Rebuilt) -> tuple[int, int]:
    """How well a rebuild tells the capture: packets reproduced, then sends judged CORRECT (a
    refusal answered by a port without a listener beats a listener aborting its half-open one)."""
    return rebuilt.done, sum(o.verdict is Verdict.CORRECT for o in rebuilt.outcomes)


def _cuts(packets: list[Packet], first: int, done: int) -> list[int]:
    """Where the lesson may start: at a later connection's first packet (it meets what the earlier
    one left: §4.2), before the connection's first FIN or RST (reaching back to leave LONG_TAIL
    packets), at its first packet, then later; always within the packets the engine reproduced,
    leaving at most MAX_TAIL of them."""
    ends = [i for i in range(first, done) if packets[i].seg.flags & (FIN | RST)]
    cuts = [first] if first else []  # a later connection on the same ports: all of it is the lesson
    cuts += [max(first, min(ends[0], done - LONG_TAIL))] if ends else []
    cuts += list(range(first, done - MIN_TAIL + 1))
    out: list[int] = []
    for cut in cuts:
        cut = max(cut, done - MAX_TAIL)
        if cut not in out and done - cut >= MIN_TAIL:
            out.append(cut)
    return out


def _build(path: str, profile: Profile, conn: int, packets: list[Packet], cut: int, who: str, at: World, name) -> Made:
    """The puzzle whose lesson starts from `at` (the world before packets[cut]): with manual replies
    when the solver proves it within SEARCH_BUDGET worlds, else with automatic ones (the engine
    answers; the student decides what is called and delivered when). PuzzleRefused when neither."""
    frame = packets[cut].frame
    if at.client.owed or at.server.owed:
        raise PuzzleRefused(f"before frame {frame} an endpoint owes a reply the capture does not show")
    wire = tuple(item._replace(serial=n) for n, item in enumerate(at.wire, 1))
    tail, reason = packets[cut:], ""
    for replies in (Replies.MANUAL, Replies.AUTO):
        start = World.new(profile=profile, replies=replies, client=at.client, server=at.server, wire=wire)
        pins: list[int] = []
        rebuild(start, tail, repin=True, pins=pins)
        start = start._replace(seed=pins[0] if pins else 0)  # a puzzle has one seed: the first open's
        lesson = rebuild(start, tail, repin=False)
        if lesson.done < MIN_TAIL:
            raise PuzzleRefused(lesson.stopped or "too few packets after the cut")
        try:
            return _checked(path, profile, conn, packets[:cut], tail[: lesson.done], who, start, lesson, name)
        except _TooLarge as e:
            reason = str(e)
    raise PuzzleRefused(reason)


class _TooLarge(PuzzleRefused):
    """The solver could not prove the lesson within SEARCH_BUDGET worlds."""


def _checked(path, profile, conn, shown, played, who, start: World, lesson: Rebuilt, name: str) -> Made:
    """The file with par from the solver, loaded and linted as `tcptui check` does."""
    from ..errors import PuzzleError
    from ..puzzle.linter import lint
    from ..puzzle.load import load_text
    from ..puzzle.solver import SearchTooLarge, solve

    draft = _toml(path, profile, conn, shown, played, who, start, lesson, par=1)
    try:
        best = solve(load_text(draft, name), limit=min(40, len(lesson.moves)), max_nodes=SEARCH_BUDGET)
    except SearchTooLarge as e:
        raise _TooLarge(f"{e} for a lesson of {len(lesson.moves)} moves") from None
    except PuzzleError as e:  # pragma: no cover - the writer and the loader agree (tests load every kernel capture)
        raise PuzzleRefused(str(e)) from None
    if best is None:  # pragma: no cover - the lesson's own moves reach it
        raise PuzzleRefused("the solver cannot reach the capture's ending")
    text = _toml(path, profile, conn, shown, played, who, start, lesson, par=best.length)
    puzzle = load_text(text, name)
    problems = lint(puzzle)
    if problems:
        raise PuzzleRefused(str(problems[0]))
    return Made(text, puzzle, played[0].frame, played[-1].frame, conn)


def _toml(path, profile, conn, shown, played, who, start: World, lesson: Rebuilt, par: int) -> str:
    """The puzzle file (see puzzles/README.md), commented for a teacher who edits it."""
    from ..exam.topics import order

    capture = Path(path).name
    stem = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-") or "capture"
    final = lesson.outcomes[-1].world
    sections = {RULES[o.rule].doc for o in lesson.outcomes if o.rule in RULES and RULES[o.rule].doc}
    section = max(sections, key=order) if sections else "beyond"
    used = [m for m in lesson.moves if not isinstance(m, Deliver)]
    calls = sorted({m.call.value for m in used if isinstance(m, AppCall)})
    kinds = {(m.side, Kind.of(m.flags, m.length)) for m in used if isinstance(m, Send)}
    sends = sorted({kind.value for _, kind in kinds})
    # a side never sends a kind the capture shows only the other side sending: the search stays small
    forbid = [
        str(send_of(side, kind.flags))
        for kind in Kind
        for side in Side
        if kind.value in sends and (side, kind) not in kinds
    ]
    timers = sorted({m.timer.value for m in used if isinstance(m, Fire)})
    allow = ["deliver", "send"] + (["call"] if calls else []) + (["timer"] if timers else [])
    extra = [str(m) for m in used if _explicit(m)]
    must = _must(start, lesson)
    manual = start.replies is Replies.MANUAL
    en, zh = _story(capture, conn, shown, played, who, start)
    lines = [
        f"# Made by `tcptui replay {capture} --puzzle --conn {conn}` from frames {played[0].frame}–"
        f"{played[-1].frame}; `tcptui check` proves it.",
        f"id = {_q(f'capture-{stem}-{conn}')}",
        f'chapter = "{_chapter(section)}"',
        f'section = "{section}"',
        f"difficulty = {min(5, 1 + par // 4)}",
        f"move_limit = {min(40, par + max(4, par // 2))}",
        f"par = {par}",
        f"title = {{ en = {_q(f'A real connection: {capture} #{conn}')}, zh = {_q(f'真实连接：{capture} #{conn}')} }}",
        f"story.en = {_ml(en)}",
        f"story.zh = {_ml(zh)}",
        "hints = [",
        *[f"  {{ en = {_q(en)}, zh = {_q(zh)} }}," for en, zh in (_hint(p, start.symbols) for p in played[:3])],
        "]",
        "solution = [" + ", ".join(_q(str(m)) for m in lesson.moves) + "]",
        "",
        "[options]",
        f'profile = "{profile.name.value}"',
        *_overrides(profile),
        f'replies = "{start.replies.value}"'
        + ("  # every reply is the student's to send" if manual else "  # the engine answers for each side"),
        'numbers = "real"  # the capture\'s own numbers',
        f"seed = {start.seed}" + ("  # chosen so that a listener's new ISN is the capture's" if start.seed else ""),
        "",
        "[symbols]",
        *[f"{_q(sym)} = {value}" for value, sym in start.symbols],
        "",
        *_endpoint_toml("client", start.client),
        "",
        *_endpoint_toml("server", start.server),
        *_wire_toml(start),
        "",
        "[moves]",
        "allow = [" + ", ".join(_q(a) for a in allow) + "]",
        *(["calls = [" + ", ".join(_q(c) for c in calls) + "]"] if calls else []),
        "sends = [" + ", ".join(_q(s) for s in sends) + "]",
        *(["timers = [" + ", ".join(_q(t) for t in timers) + "]"] if timers else []),
        *(["extra = [" + ", ".join(_q(e) for e in extra) + "]"] if extra else []),
        *(["forbid = [" + ", ".join(_q(f) for f in forbid) + "]"] if forbid else []),
        "",
        "[goal]  # what the capture shows happened",
        f'client = "{final.client.state.value}"',
        f'server = "{final.server.state.value}"',
        *(["must = [" + ", ".join(_q(m) for m in must) + "]"] if must else []),
    ]
    return "\n".join(lines) + "\n"


def _explicit(move) -> bool:
    """A move the palette does not offer as it is: numbers given, or a byte count of its own."""
    if isinstance(move, Send):
        return move.seq is not None or move.ack is not None
    return move.call is Call.SEND and move.nbytes != AppCall(Side.CLIENT, Call.SEND).nbytes


def _must(start: World, lesson: Rebuilt) -> list[str]:
    """Each state each side went through (in order, its start left out), and every RST sent."""
    must, seen = [], {(Side.CLIENT, start.client.state), (Side.SERVER, start.server.state)}
    for outcome in lesson.outcomes:
        for side in (Side.CLIENT, Side.SERVER):
            state = outcome.world.endpoint(side).state
            if (side, state) not in seen:
                seen.add((side, state))
                must.append(f"{side.value} reaches {state.value}")
        for item in outcome.sent:
            if RST in item.segment.flags and f"{item.src.value} sends RST" not in must:
                must.append(f"{item.src.value} sends RST")
    return must


def _chapter(section: str) -> str:
    """The pack's chapter of a notes' section."""
    if section == "2":
        return "handshake"
    if section.startswith("3"):
        return "close"
    if section == "4.1":
        return "time-wait"
    if section == "4.2":
        return "port-reuse"
    if section.startswith("4"):
        return "rst"
    return "beyond" if section == "beyond" else "handshake"


def _overrides(profile: Profile) -> list[str]:
    """The profile's options that differ from its name's (--rfc1337, --timewait-syn)."""
    usual, lines = Profile.named(profile.name.value), []
    if profile.timewait_syn is not usual.timewait_syn:
        lines.append(f'timewait_syn = "{profile.timewait_syn.value}"')
    if profile.rfc1337 != usual.rfc1337:
        lines.append(f"rfc1337 = {'true' if profile.rfc1337 else 'false'}")
    return lines


def _endpoint_toml(name: str, ep) -> list[str]:
    """An endpoint's table: state, application flags, the TCB's numbers."""
    lines = [f"[{name}]", f'state = "{ep.state.value}"']
    words = [w for w, flag in (("listening", App.LISTENING), ("read-closed", App.READ_CLOSED)) if flag in ep.app]
    if words:
        lines.append("app = [" + ", ".join(_q(w) for w in words) + "]")
    if ep.state.has_tcb:
        tcb = ep.tcb
        fields = [("iss", tcb.iss)] + ([] if ep.state is State.SYN_SENT else [("irs", tcb.irs)])
        fields += [("snd_una", tcb.snd_una), ("snd_nxt", tcb.snd_nxt)]
        if ep.state is not State.SYN_SENT:
            fields.append(("rcv_nxt", tcb.rcv_nxt))
        lines.append("tcb = { " + ", ".join(f"{k} = {v}" for k, v in fields) + " }")
        if ep.passive and App.LISTENING not in ep.app:
            lines.append("passive = true")
    return lines


def _story(capture: str, conn: int, shown, played, who: str, start: World) -> tuple[str, str]:
    """The story in both languages: the connection in one line, what to play — the lesson's packets
    with their numbers blanked — then the last packets before them in full, then how to play. Each
    line is a paragraph (the screen re-flows paragraphs and keeps them apart); what to play comes
    first, so that it is on the first page of the verdict pane."""
    symbols = start.symbols
    names = ", ".join(f"{sym} = {value}" for value, sym in symbols)
    en = [f"A real connection: {capture} #{conn}, {who} ({names}). Play what the capture shows next:"]
    zh = [f"真实连接：{capture} #{conn}，{who}（{names}）。请走出抓包里接下来的过程："]
    for p in played:
        kind = Kind.of(p.seg.flags, p.seg.length).value
        blank = "seq=?" + (" ack=?" if ACK in p.seg.flags else "") + (f" len={p.seg.length}" if p.seg.length else "")
        en.append(f"#{p.frame} {p.side.value} → {kind} {blank}")
        zh.append(f"#{p.frame} {_who_zh(p.side)} → {kind} {blank}")
    if start.replies is Replies.MANUAL:
        en.append(
            "Every reply is yours to send (manual replies), with the numbers a correct TCP uses (p e edits them). "
            "Which states does each side pass through? The goal is where the capture went."
        )
        zh.append(
            "每个回复都由你发送（手动回复），用正确的 TCP 会用的序号（p e 可修改）。"
            "两端各经过哪些状态？目标就是抓包里实际走到的地方。"
        )
    else:
        en.append(
            "Each side answers as its stack must; you decide what the applications call and what the network "
            "delivers when. Which states does each side pass through? The goal is where the capture went."
        )
        zh.append(
            "两端的协议栈会自动回复；由你决定应用何时调用、网络何时送达。两端各经过哪些状态？目标就是抓包里实际走到的地方。"
        )
    if shown:
        en.append("Before that, the capture shows:")
        zh.append("在此之前，抓包里是：")
        for p in shown[-3:]:
            seg = describe(p.seg, symbols, True, p.side)
            en.append(f"#{p.frame} {p.side.value} → {seg}")
            zh.append(f"#{p.frame} {_who_zh(p.side)} → {seg}")
    return "\n\n".join(en), "\n\n".join(zh)


def _hint(packet: Packet, symbols: tuple) -> tuple[str, str]:
    """A hint that fills one line's blanks."""
    text = describe(packet.seg, symbols, True, packet.side)
    return (
        f"Frame {packet.frame}: the {packet.side.value} sends {text}.",
        f"第 {packet.frame} 帧：{_who_zh(packet.side)}发送 {text}。",
    )


def _wire_toml(world: World) -> list[str]:
    """The segments in flight at the start, oldest first."""
    lines = []
    for item in world.wire:
        seg = item.segment
        lines += ["", "[[wire]]", f'from = "{item.src.value}"', f'flags = "{Kind.of(seg.flags, seg.length).value}"']
        lines += [f"seq = {seg.seq}", f"ack = {seg.ack}", f"len = {seg.length}"]
        if item.origin is not None:
            lines.append(f"origin = {item.origin}")
    return lines


def _who_zh(side: Side) -> str:
    return "客户端" if side is Side.CLIENT else "服务器"


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _ml(text: str) -> str:
    """A TOML multi-line basic string."""
    return '"""\n' + text.replace("\\", "\\\\").replace('"""', '""\\"') + '\n"""'


__all__ = ["Made", "PuzzleRefused", "make_puzzle", "pinned_seed"]
