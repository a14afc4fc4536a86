"""Puzzle files (TOML) into frozen Puzzles. Nothing in a file is executed: it is parsed, checked, built.

Every problem is one PuzzleError naming the file, the key (dotted, with list indexes from 1),
the line when it can be found, what is wrong and what was expected. Unknown keys are errors.
The format is documented in puzzles/README.md; the linter (lint.py) adds the checks that need
the solver.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib

from ..core.available import ALL_CALLS, ALL_TIMERS, SIDES, MoveKind, Offer
from ..core.listener import BUSY, LOOP, Listener, listener
from ..core.endpoint import App, Endpoint, ImpossibleEndpoint, Tcb, endpoint_in
from ..core.moves import parse_move
from ..core.network import InFlight
from ..core.profile import Profile, TimewaitSyn
from ..core.segment import DEFAULT_DATA, DEFAULT_WINDOW, Flags, Segment
from ..core.states import CLASSIC_CALLS, CLASSIC_TIMERS, Call, Replies, Side, State, Timer, Verdict
from ..core.validate import PALETTE, Kind
from ..core.world import World
from ..errors import PuzzleError
from ..exam.topics import PACK
from .goal import Goal, parse_event
from .lesson import Lesson
from .model import Chapter, Moves, Numbers, Puzzle, Text

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import NoReturn

TOP_KEYS = {
    "id",
    "title",
    "story",
    "chapter",
    "section",
    "difficulty",
    "move_limit",
    "par",
    "hints",
    "solution",
    "setup",
    "options",
    "client",
    "server",
    "wire",
    "symbols",
    "moves",
    "goal",
    "lesson",
}
REQUIRED = ("id", "title", "story", "chapter", "section", "difficulty", "move_limit", "par", "hints", "goal")
OPTION_KEYS = {
    "replies",
    "numbers",
    "profile",
    "rfc1337",
    "timewait_syn",
    "seed",
    "syncookies",
    "abort_on_overflow",
    "two_way",
}
BOOL_OPTIONS = ("rfc1337", "syncookies", "abort_on_overflow", "two_way")  # each overrides the profile's choice
ENDPOINT_KEYS = {"state", "passive", "app", "pending", "tcb", "listener"}
LISTENER_KEYS = {"syn", "accept", "half_open", "queued", "accepting"}
TCB_KEYS = set(Tcb._fields[:7])  # RFC 9293's variables; the data path's bookkeeping starts empty
WIRE_KEYS = {"from", "flags", "seq", "ack", "len", "window", "origin"}
MOVES_KEYS = {"allow", "sides", "calls", "sends", "timers", "max_wire", "extra", "forbid"}
GOAL_KEYS = {"client", "server", "wire_empty", "must", "must_not", "in_order"}
LESSON_KEYS = {"steps", "never", "solution"}
SECTIONS = (
    "1",
    "2",
    "3",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "4",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "4.4.1",
    "4.4.2",
    "4.4.3",
    "4.4.4",
    "beyond",
    *PACK,
)
APP_WORDS = {
    "listening": App.LISTENING,
    "read-closed": App.READ_CLOSED,
    "close-pending": App.CLOSE_PENDING,
    "down": App.DOWN,
    "reuseaddr": App.REUSEADDR,
    "holding": App.HOLDING,  # the application does not read: data waits in the receive buffer until read()
}
DEFAULT_ALLOW = (MoveKind.DELIVER, MoveKind.CALL)
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")  # matched whole (fullmatch): "$" would let a final "\n" in
MAX_FILE_BYTES = 1 << 20  # a puzzle is a page of text; anything larger is not one
MAX_SETUP = 100  # setup moves
MAX_WIRE = 64  # segments in flight at the start
MAX_NESTING = 32  # levels of [ ] and { } (tomllib recurses once per level: a deep file would exhaust the stack)


def not_a_file(name: str, kind: str) -> str:
    """Why a path given for a puzzle-family file (`kind`: puzzle, scenario) cannot be read as one,
    naming it as it was given."""
    return f"{name}: a folder, not a {kind} file" if os.path.isdir(name) else f"{name}: no such file"


def load_file(path, build=None) -> Puzzle:
    """Read and build one puzzle file (a pathlib.Path or an importlib.resources Traversable);
    `build(reader, data)` builds something else of the puzzle family (a scenario) instead."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise PuzzleError(str(path), "", f"cannot read the file ({e.__class__.__name__})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise PuzzleError(str(path), "", f"is larger than {MAX_FILE_BYTES >> 20} MiB; expected a puzzle file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise PuzzleError(str(path), "", f"cannot read the file ({e.__class__.__name__})") from None
    return load_text(text, str(path), build)


def load_text(text: str, name: str, build=None) -> Puzzle:
    """Build a puzzle (or what `build(reader, data)` builds) from TOML text; `name` is what errors call the file."""
    deep = _too_deep(text)
    if deep is not None:
        raise PuzzleError(name, "", f"values nested more than {MAX_NESTING} levels deep; expected flat values", deep)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"line (\d+)", str(e))
        raise PuzzleError(
            name, "", f"not valid TOML: {str(e).split(' (at')[0]}", int(line.group(1)) if line else None
        ) from None
    except RecursionError:  # nesting _too_deep could not see (it does not read TOML fully)
        raise PuzzleError(name, "", "values nested too deeply; expected flat values") from None
    reader = _Reader(name, text)
    return build(reader, data) if build is not None else reader.puzzle(data)


def _too_deep(text: str) -> int | None:
    """The line where [ ] and { } first nest past MAX_NESTING, or None. Checked before tomllib
    parses (tomllib recurses per level and would raise RecursionError on a deep enough file).
    Brackets in strings and comments are skipped; table headers ([x], [[x]]) close on their line."""
    depth, line, quote, i, n = 0, 1, "", 0, len(text)
    while i < n:
        c = text[i]
        if quote:
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            if c == "\\" and quote[0] == '"':
                i += 1
            elif c == "\n":
                line += 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            continue
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif c in "]}":
            depth = max(depth - 1, 0)
        elif c == "\n":
            line += 1
        i += 1
    return None


def line_of(path: str, key: str) -> int | None:
    """Best effort: the line of `key` in the file at `path` (None if it cannot be read or found)."""
    try:
        with open(path, encoding="utf-8") as f:
            return _Reader(path, f.read()).line_of(key)
    except OSError:
        return None


class _Reader:
    """Checks one file's data key by key; knows the text so that errors can name a line."""

    def __init__(self, name: str, text: str) -> None:
        self.name, self.lines = name, text.splitlines()

    # -- errors --------------------------------------------------------------------------------

    def fail(self, key: str, message: str) -> NoReturn:
        """Raise the one-line error for `key`."""
        raise PuzzleError(self.name, key, message, self.line_of(key))

    def line_of(self, key: str) -> int | None:
        """Best effort: the line where `key` (dotted, [[table]] indexes from 1) is written."""
        parts = [p for p in re.split(r"\.|\[(\d+)\]", key) if p]
        table: list[str] = []
        start = 0
        for i, part in enumerate(parts):
            header = self._find_header(".".join(table + [part]), parts[i + 1] if i + 1 < len(parts) else None)
            if header is not None:
                table.append(part)
                start = header
                continue
            found = self._find_key(part, start)
            return found if found is not None else (start or None)
        return start or None

    def _find_header(self, name: str, index: str | None) -> int | None:
        """Line (1-based) of `[name]`, or of the index-th `[[name]]`."""
        seen = 0
        for n, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped == f"[{name}]":
                return n
            if stripped == f"[[{name}]]":
                seen += 1
                if index is None or int(index) == seen:
                    return n
        return None

    def _find_key(self, key: str, start: int) -> int | None:
        """Line of `key = …` at or after line `start`, before the next table header."""
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for n, line in enumerate(self.lines[start:], start + 1):
            if line.startswith("["):
                return None
            if pattern.match(line):
                return n
        return None

    # -- shapes -----------------------------------------------------------------------------------

    def table(self, value, key: str, allowed: set, required=()) -> dict:
        """A table with only `allowed` keys and every `required` one."""
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {_kind_of(value)}")
        for k in value:
            if k not in allowed:
                where = f"{key}.{k}" if key else k
                self.fail(where, f"unknown key; expected one of: {', '.join(sorted(allowed))}")
        for k in required:
            if k not in value:
                self.fail(f"{key}.{k}" if key else k, "missing; this key is required")
        return value

    def typed(self, value, key: str, kind: type, what: str):
        """`value` if it is of `kind` (bool is not an int here), else an error."""
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(key, f"expected {what}, got {_kind_of(value)}")
        return value

    def number(self, value, key: str, low: int, high: int) -> int:
        """An integer in [low, high]."""
        self.typed(value, key, int, "an integer")
        if not low <= value <= high:
            self.fail(key, f"{value} is out of range; expected {low}..{high}")
        return value

    def strings(self, value, key: str) -> list[str]:
        """A list of strings (a single string counts as a list of one)."""
        if isinstance(value, str):
            return [value]
        self.typed(value, key, list, "a list of strings")
        for i, item in enumerate(value, 1):
            self.typed(item, f"{key}[{i}]", str, "a string")
        return value

    def choice(self, value, key: str, options: dict):
        """One of the names in `options` (a dict name → value)."""
        self.typed(value, key, str, "a string")
        if value not in options:
            self.fail(key, f"unknown value {value!r}; expected one of: {', '.join(options)}")
        return options[value]

    def text(self, value, key: str) -> Text:
        """A {en, zh} pair of non-empty strings."""
        self.table(value, key, {"en", "zh"}, ("en", "zh"))
        for lang in ("en", "zh"):
            if not self.typed(value[lang], f"{key}.{lang}", str, "a string").strip():
                self.fail(f"{key}.{lang}", "is empty; expected text")
        return Text(value["en"].strip(), value["zh"].strip())

    def move(self, value, key: str):
        """One move in the game's notation."""
        try:
            return parse_move(self.typed(value, key, str, "a move in the game's notation"))
        except ValueError as e:
            self.fail(key, str(e))

    # -- the puzzle ---------------------------------------------------------------------------

    def puzzle(self, data: dict) -> Puzzle:
        """Every section, in the order an author reads them."""
        self.table(data, "", TOP_KEYS, REQUIRED)
        pid = self.ident(data["id"])
        chapter = self.choice(data["chapter"], "chapter", {c.value: c for c in Chapter})
        section = self.section(data["section"])
        hints = tuple(self.text(h, f"hints[{i}]") for i, h in enumerate(self._list(data["hints"], "hints"), 1))
        if not hints:
            self.fail("hints", "is empty; expected at least one hint")
        start, numbers, replies = self.start(data)
        moves = self.moves(data.get("moves", {}), replies)
        limit = self.number(data["move_limit"], "move_limit", 1, 40)
        par = self.number(data["par"], "par", 1, 40)
        if par > limit:
            self.fail("par", f"{par} is more than move_limit ({limit}); expected par <= move_limit")
        solution = None
        if "solution" in data:
            solution = tuple(
                self.move(m, f"solution[{i}]") for i, m in enumerate(self.strings(data["solution"], "solution"), 1)
            )
        return Puzzle(
            pid,
            self.text(data["title"], "title"),
            self.text(data["story"], "story"),
            chapter,
            section,
            self.number(data["difficulty"], "difficulty", 1, 5),
            start,
            numbers,
            moves,
            self.goal(data["goal"]),
            limit,
            par,
            hints,
            solution,
            self.name,
            self.lesson(data.get("lesson", {}), solution),
        )

    def ident(self, value) -> str:
        """The file's id: lowercase letters, digits and '-' (puzzles and scenarios alike)."""
        ident = self.typed(value, "id", str, "a string")
        if not ID_PATTERN.fullmatch(ident):
            self.fail("id", f"{ident!r} is not a valid id; expected lowercase letters, digits and '-'")
        return ident

    def section(self, value) -> str:
        """A section of the notes ("4.1", "§4.1", "beyond")."""
        section = self.typed(value, "section", str, 'a string like "4.1"').lstrip("§")
        if section not in SECTIONS:
            self.fail("section", f"unknown section {section!r}; expected one of: {', '.join(SECTIONS)}")
        return section

    def _list(self, value, key: str) -> list:
        return self.typed(value, key, list, "a list")

    def _at_most(self, items: list, key: str, most: int) -> list:
        if len(items) > most:
            self.fail(key, f"has {len(items)} entries; expected at most {most}")
        return items

    def start(self, data: dict) -> tuple[World, Numbers, Replies]:
        """The starting world: options, endpoints, wire, symbols, then the setup moves."""
        opts = self.table(data.get("options", {}), "options", OPTION_KEYS)
        replies = self.choice(opts.get("replies", "auto"), "options.replies", {r.value: r for r in Replies})
        numbers = self.choice(opts.get("numbers", "symbolic"), "options.numbers", {n.value: n for n in Numbers})
        profile = self.profile(opts)
        seed = self.number(opts.get("seed", 0), "options.seed", 0, 2**63 - 1)
        client = self.endpoint(data.get("client", {}), "client")
        server = self.endpoint(data.get("server", {}), "server")
        wire = tuple(
            self.in_flight(item, f"wire[{i}]", i, client, server)
            for i, item in enumerate(self._at_most(self._list(data.get("wire", []), "wire"), "wire", MAX_WIRE), 1)
        )
        symbols = self.symbols(data["symbols"]) if "symbols" in data else None
        world = World.new(
            profile=profile, replies=replies, seed=seed, client=client, server=server, wire=wire, symbols=symbols
        )
        for i, text in enumerate(self._at_most(self.strings(data.get("setup", []), "setup"), "setup", MAX_SETUP), 1):
            move = self.move(text, f"setup[{i}]")
            outcome = world.apply(move)
            if outcome.verdict is Verdict.ILLEGAL:
                self.fail(f"setup[{i}]", f"{text!r} is illegal here (rule {outcome.rule}); expected a legal move")
            world = outcome.world
        return world, numbers, replies

    def profile(self, opts: dict) -> Profile:
        """The named profile with the file's overrides."""
        name = self.typed(opts.get("profile", "textbook"), "options.profile", str, "a string")
        try:
            profile = Profile.named(name)
        except ValueError as e:
            self.fail("options.profile", str(e))
        syn = None
        if "timewait_syn" in opts:
            syn = self.choice(opts["timewait_syn"], "options.timewait_syn", {t.value: t for t in TimewaitSyn})
        flags = {
            name: self.typed(opts[name], f"options.{name}", bool, "true or false")
            for name in BOOL_OPTIONS
            if name in opts
        }
        return profile.with_options(timewait_syn=syn, **flags)

    def endpoint(self, value, key: str) -> Endpoint:
        """One endpoint: state, app flags, passive, pending bytes, TCB — checked by the core."""
        value = self.table(value, key, ENDPOINT_KEYS)
        state = self.state(value.get("state", "CLOSED"), f"{key}.state")
        app = App.NONE
        for i, word in enumerate(self.strings(value.get("app", []), f"{key}.app"), 1):
            app |= self.choice(word, f"{key}.app[{i}]", APP_WORDS)
        pending = self.number(value.get("pending", 0), f"{key}.pending", 0, 1 << 20)
        if not state.has_tcb:
            if "tcb" in value:
                self.fail(f"{key}.tcb", f"an endpoint in {state.value} has no TCB; expected no tcb table")
            tcb = {}
        elif "tcb" not in value:
            self.fail(f"{key}.tcb", f"missing; an endpoint in {state.value} needs a TCB (at least iss and irs)")
        else:
            tcb = self.tcb(value["tcb"], f"{key}.tcb", state)
        passive = value.get("passive")
        if passive is not None:
            self.typed(passive, f"{key}.passive", bool, "true or false")
        try:
            ep = endpoint_in(state, passive=passive, app=app, pending=pending, **tcb)
        except ImpossibleEndpoint as e:
            self.fail(f"{key}.{e.field}", str(e))
        if "listener" in value:
            ep = ep._replace(listener=self.listener(value["listener"], f"{key}.listener", ep))
        return ep

    def listener(self, value, key: str, ep: Endpoint) -> Listener:
        """A listener's queues: {syn, accept, half_open, queued, accepting} (see puzzles/README.md)."""
        value = self.table(value, key, LISTENER_KEYS, ("syn",))
        if App.LISTENING not in ep.app:
            self.fail(key, 'queues belong to a listener; expected app = ["listening"] or state = "LISTEN"')
        syn = self.number(value["syn"], f"{key}.syn", 1, 1 << 16)
        accept = self.number(value.get("accept", syn), f"{key}.accept", 1, 1 << 16)
        half_open = self.number(value.get("half_open", 0), f"{key}.half_open", 0, syn)
        queued = self.number(value.get("queued", 0), f"{key}.queued", 0, accept)
        accepting = self.typed(value.get("accepting", True), f"{key}.accepting", bool, "true or false")
        if accepting and queued:
            self.fail(
                f"{key}.queued",
                "connections cannot wait for an application that accepts at once; expected accepting = false",
            )
        return listener(syn, accept, half_open=half_open, queued=queued, accepting=LOOP if accepting else BUSY)

    def state(self, value, key: str) -> State:
        self.typed(value, key, str, "a state name")
        try:
            return State.parse(value)
        except ValueError as e:
            self.fail(key, str(e))

    def tcb(self, value, key: str, state: State) -> dict:
        """The TCB fields the file gives (the core's `endpoint_in` derives the rest from iss, irs and
        the state: see puzzles/README.md)."""
        value = self.table(value, key, TCB_KEYS, ("iss",) if state is State.SYN_SENT else ("iss", "irs"))
        return {k: self.number(v, f"{key}.{k}", 0, 2**32 - 1) for k, v in value.items()}

    def in_flight(self, value, key: str, serial: int, client: Endpoint, server: Endpoint) -> InFlight:
        """A segment already on the wire; origin defaults to its sender's ISS."""
        value = self.table(value, key, WIRE_KEYS, ("from", "flags", "seq"))
        src = self.choice(value["from"], f"{key}.from", {s.value: s for s in Side})
        try:
            flags = Flags.parse(self.typed(value["flags"], f"{key}.flags", str, "flags like SYN+ACK"))
        except ValueError as e:
            self.fail(f"{key}.flags", str(e))
        length = self.number(
            value.get("len", DEFAULT_DATA if "DATA" in value["flags"].upper() else 0), f"{key}.len", 0, 65535
        )
        if Kind.of(flags, length) is Kind.OTHER:
            self.fail(
                f"{key}.flags",
                f"{value['flags']!r} is no segment a TCP sends; expected one of: {', '.join(k.value for k in PALETTE)}",
            )
        seq = self.number(value["seq"], f"{key}.seq", 0, 2**32 - 1)
        ack = self.number(value.get("ack", 0), f"{key}.ack", 0, 2**32 - 1)
        window = self.number(value.get("window", DEFAULT_WINDOW), f"{key}.window", 0, 65535)
        sender = client if src is Side.CLIENT else server
        origin = sender.tcb.iss if sender.state.has_tcb else None
        if "origin" in value:
            origin = self.number(value["origin"], f"{key}.origin", 0, 2**32 - 1)
        return InFlight(serial, src, Segment(flags, seq, ack, length, window), origin)

    def symbols(self, value) -> tuple:
        """Names for numbers: {x = 1000, "x'" = 700}."""
        self.typed(value, "symbols", dict, "a table of name = number")
        pairs = []
        for name, number in value.items():
            if not re.match(r"^[a-z]('{0,2}|\d)$", name):
                self.fail(f"symbols.{name}", "not a symbol name; expected a letter, then up to two ' or a digit")
            pairs.append((self.number(number, f"symbols.{name}", 0, 2**32 - 1), name))
        return tuple(pairs)

    def moves(self, value, replies: Replies) -> Moves:
        """The moves on offer."""
        value = self.table(value, "moves", MOVES_KEYS)
        kinds = frozenset(
            self.choice(w, f"moves.allow[{i}]", {k.value: k for k in MoveKind})
            for i, w in enumerate(self.strings(value.get("allow", [k.value for k in DEFAULT_ALLOW]), "moves.allow"), 1)
        )
        sides = self._subset(value, "sides", {s.value: s for s in Side}, SIDES)
        calls = self._subset(value, "calls", {c.value: c for c in Call}, ALL_CALLS, CLASSIC_CALLS)
        sends = self._subset(value, "sends", {k.value: k for k in PALETTE}, PALETTE)
        timers = self._subset(value, "timers", {t.value: t for t in Timer}, ALL_TIMERS, CLASSIC_TIMERS)
        max_wire = self.number(value.get("max_wire", 6), "moves.max_wire", 1, 12)
        extra = tuple(
            self.move(m, f"moves.extra[{i}]")
            for i, m in enumerate(self.strings(value.get("extra", []), "moves.extra"), 1)
        )
        forbid = tuple(
            self.move(m, f"moves.forbid[{i}]")
            for i, m in enumerate(self.strings(value.get("forbid", []), "moves.forbid"), 1)
        )
        if replies is Replies.MANUAL and MoveKind.SEND not in kinds:
            self.fail("moves.allow", 'manual replies need "send"; expected it in the list')
        return Moves(Offer(kinds, sides, calls, sends, timers, max_wire), extra, forbid)

    def _subset(self, value: dict, name: str, options: dict, universe: tuple, default: tuple | None = None) -> tuple:
        """The named subset of `universe` (in its order), or `default` (the universe) when not given."""
        if name not in value:
            return universe if default is None else default
        key = f"moves.{name}"
        chosen = {self.choice(w, f"{key}[{i}]", options) for i, w in enumerate(self.strings(value[name], key), 1)}
        return tuple(x for x in universe if x in chosen)

    def goal(self, value) -> Goal:
        """Target states, wire condition, events that must and must not happen."""
        value = self.table(value, "goal", GOAL_KEYS)
        ends = {}
        for side in ("client", "server"):
            names = self.strings(value.get(side, []), f"goal.{side}")
            ends[side] = frozenset(self.state(n, f"goal.{side}") for n in names)
        wire_empty = self.typed(value.get("wire_empty", False), "goal.wire_empty", bool, "true or false")
        events = {name: self.events(value.get(name, []), f"goal.{name}") for name in ("must", "must_not")}
        in_order = self.typed(value.get("in_order", False), "goal.in_order", bool, "true or false")
        goal = Goal(ends["client"], ends["server"], wire_empty, events["must"], events["must_not"], in_order)
        if not (goal.client or goal.server or goal.must):
            self.fail("goal", "says nothing; expected target states or events that must happen")
        return goal

    def events(self, value, key: str) -> tuple:
        """A list of events (or a single one)."""
        entries = [value] if isinstance(value, (str, dict)) else self.typed(value, key, list, "a list of events")
        return tuple(self.event(entry, f"{key}[{i}]") for i, entry in enumerate(entries, 1))

    def lesson(self, value, solution) -> Lesson:
        """What the puzzle teaches: ordered steps, events that must not happen, the reference solution."""
        value = self.table(value, "lesson", LESSON_KEYS)
        reference = self.typed(value.get("solution", False), "lesson.solution", bool, "true or false")
        if reference and solution is None:
            self.fail("lesson.solution", "is true but the file has no solution; expected a solution = [...] list")
        steps = self.events(value.get("steps", []), "lesson.steps")
        never = self.events(value.get("never", []), "lesson.never")
        return Lesson(steps, never, reference)

    def event(self, value, key: str):
        """'[SIDE] rule RULE_ID' (or sends, reaches), or a table {event, en, zh}: the event in the puzzle's
        own words, which the goal panel then shows instead of the notation."""
        text = None
        if isinstance(value, dict):
            self.table(value, key, {"event", "en", "zh"}, ("event", "en", "zh"))
            text = self.text({"en": value["en"], "zh": value["zh"]}, key)
            value = value["event"]
            key = f"{key}.event"
        self.typed(value, key, str, "an event ('[client|server] rule RULE_ID' …) or a table {event, en, zh}")
        try:
            event = parse_event(value)
        except ValueError as e:
            self.fail(key, str(e))
        return dataclasses.replace(event, text=text)


def _kind_of(value) -> str:
    """How an error names what it found instead."""
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
