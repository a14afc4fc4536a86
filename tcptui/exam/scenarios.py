"""The notes' scenarios as move scripts, played through the engine, and ladders drawn from games.

A ladder line is a Text in both languages: the segments as the notes write them, the words around
them (who acts, lost, timer …) in the player's language, the first column padded to one width:

    client  connect()  → SYN seq=x                客户端  connect()  → SYN seq=x
    server  ← SYN seq=x  → SYN+ACK seq=y ack=x+1  服务器  ← SYN seq=x  → SYN+ACK seq=y ack=x+1
    ✗ lost  ACK seq=x+1 ack=y+1                   ✗ 丢失  ACK seq=x+1 ack=y+1
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..core.endpoint import App, endpoint_in
from ..core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send, parse_move
from ..numbers import describe_item
from ..core.profile import DEFAULT_PROFILE
from ..core.states import Call, Replies, Side, State
from ..core.world import World
from ..puzzle.model import Text

ISS_CLIENT, ISS_SERVER = 1000, 5000


def established_world(replies: Replies = Replies.AUTO, profile=DEFAULT_PROFILE) -> World:
    """Both ends ESTABLISHED (client ISN x = 1000, server ISN y = 5000), the server listening."""
    client = endpoint_in(State.ESTABLISHED, iss=ISS_CLIENT, irs=ISS_SERVER)
    server = endpoint_in(State.ESTABLISHED, iss=ISS_SERVER, irs=ISS_CLIENT, app=App.LISTENING)
    return World.new(client=client, server=server, replies=replies, profile=profile, seed=3)


def fresh_world(replies: Replies = Replies.AUTO, profile=DEFAULT_PROFILE) -> World:
    """Nothing open yet."""
    return World.new(replies=replies, profile=profile, seed=3)


@dataclass(frozen=True)
class Scenario:
    """A named script of moves from a starting situation, and the notes' § it illustrates."""

    name: str
    section: str
    established: bool  # starts ESTABLISHED (else with nothing open)
    script: tuple[str, ...]

    def start(self, replies: Replies = Replies.AUTO) -> World:
        return established_world(replies) if self.established else fresh_world(replies)

    def moves(self) -> list:
        return [parse_move(m) for m in self.script]


SCENARIOS = (
    Scenario(
        "data",
        "1",
        True,
        (
            "client send-data 100",
            "deliver 1",
            "deliver 1",
            "client send-data 100",
            "drop 1",
            "client timer rto",
            "deliver 1",
            "deliver 1",
        ),
    ),
    Scenario("handshake", "2", False, ("server listen", "client connect", "deliver 1", "deliver 1", "deliver 1")),
    Scenario(
        "close",
        "3.1",
        True,
        ("client close", "deliver 1", "deliver 1", "server close", "deliver 1", "deliver 1", "client timer 2msl"),
    ),
    Scenario(
        "half-close",
        "3.2",
        True,
        (
            "client shutdown",
            "deliver 1",
            "deliver 1",
            "server send-data 100",
            "deliver 1",
            "deliver 1",
            "server close",
            "deliver 1",
            "deliver 1",
        ),
    ),
    Scenario(
        "passive-close",
        "3.3",
        True,
        ("server close", "deliver 1", "deliver 1", "client close", "deliver 1", "deliver 1"),
    ),
    Scenario(
        "shortcut", "3.4", True, ("client close", "deliver 1", "drop 1", "server close", "deliver 1", "deliver 1")
    ),
    Scenario(
        "lost-final-ack",
        "4.1",
        True,
        (
            "client close",
            "deliver 1",
            "deliver 1",
            "server close",
            "deliver 1",
            "drop 1",
            "server timer rto",
            "deliver 1",
            "deliver 1",
        ),
    ),
    Scenario(
        "port-reuse",
        "4.2",
        True,
        (
            "server close",
            "deliver 1",
            "deliver 1",
            "client close",
            "deliver 1",
            "deliver 1",
            "client connect",
            "deliver 1",
            "deliver 1",
            "deliver 1",
            "client timer rto",
            "deliver 1",
            "deliver 1",
            "deliver 1",
        ),
    ),
    Scenario("no-listener", "4.4.1", False, ("client connect", "deliver 1", "deliver 1")),
    Scenario(
        "handshake-timeout",
        "4.4.2",
        False,
        ("server listen", "client connect", "deliver 1", "deliver 1", "server timer give-up", "deliver 1", "deliver 1"),
    ),
    Scenario("abort", "4.4.3", True, ("client send-data 100", "server abort", "deliver 2", "deliver 1")),
    Scenario(
        "abort-close-wait", "4.4.3", True, ("client close", "deliver 1", "deliver 1", "server abort", "deliver 1")
    ),
    Scenario(
        "server-restart",
        "4.4.4",
        True,
        ("server crash", "server restart", "client send-data 100", "deliver 1", "deliver 1"),
    ),
    Scenario(
        "simultaneous-close",
        "beyond",
        True,
        ("client close", "server close", "deliver 1", "deliver 1", "deliver 1", "deliver 1"),
    ),
    Scenario(
        "simultaneous-open",
        "beyond",
        False,
        ("client connect", "server connect", "deliver 1", "deliver 1", "deliver 1", "deliver 1"),
    ),
)


def play(world: World, moves) -> list:
    """Apply moves; the outcomes, in order."""
    outcomes = []
    for move in moves:
        outcome = world.apply(move)
        outcomes.append(outcome)
        world = outcome.world
    return outcomes


def seg_text(item, symbols) -> str:
    """One in-flight segment as the notes write it."""
    return describe_item(item, symbols, True)


WHO = ("client", "server", "lost", "copy")  # the words of a ladder's first column


def _words(key: str, lang: str, **params) -> str:
    from ..text import ui

    return ui(f"exam.ladder.{key}", lang, **params)


def _cells(text: str) -> int:
    """Terminal columns (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _who(key: str, lang: str) -> str:
    """The first column of a ladder line, padded to the widest of its words in `lang`."""
    word = _words(key, lang)
    width = max(_cells(_words(k, lang)) for k in WHO)
    return word + " " * (width - _cells(word))


def _line(lang: str, move, who: str, segment: str, sent: str) -> str:
    """One ladder line in `lang`."""
    if isinstance(move, (Deliver, Drop, Duplicate)):
        return f"{_who(who, lang)}  {segment}" + (f"  {sent}" if sent else "")
    if isinstance(move, AppCall):
        what = _words("kill", lang) if move.call is Call.CRASH else f"{move.call.value}()"
    elif isinstance(move, Fire):
        what = _words("timer", lang, timer=move.timer.value)
    elif isinstance(move, (Crash, Restart)):
        what = _words("crash" if isinstance(move, Crash) else "restart", lang)
    elif isinstance(move, Send):
        what = _words("sends", lang)
    elif isinstance(move, Reboot):
        what = _words("reboot", lang)
    elif isinstance(move, Flood):
        what = _words("flood", lang, count=move.count)
    else:
        what = str(move)
    return f"{_who(who, lang)}  {what}" + (f"  {sent}" if sent else "")


def ladder_line(outcome) -> Text:
    """One move of a game as a ladder line, in both languages."""
    move, symbols = outcome.move, outcome.world.symbols
    sent = "  ".join(f"→ {seg_text(item, symbols)}" for item in outcome.sent)
    segment, who = "", getattr(move, "side", None) or outcome.side  # a flood has no side: its target
    if isinstance(move, Deliver):
        segment, who = f"← {seg_text(outcome.segment, symbols)}", outcome.side
    elif isinstance(move, (Drop, Duplicate)):
        segment, who = seg_text(outcome.segment, symbols), "lost" if isinstance(move, Drop) else "copy"
    key = who.value if isinstance(who, Side) else who
    return Text(*(_line(lang, move, key, segment, sent) for lang in ("en", "zh")))


def ladder(outcomes) -> tuple[Text, ...]:
    """A game's history as ladder lines."""
    return tuple(ladder_line(o) for o in outcomes)


def arrow_lines(outcomes) -> list:
    """(outcome, InFlight, Text) for each segment put on the wire, in order: who sent it and why
    ('server  ← 1  → SYN+ACK seq=y ack=x+1': the answer to arrow 1), with every event since the
    arrow before it in front ('✗ 4 lost · server  timer rto  → FIN+ACK …'), so that a ladder of
    numbered arrows hides no loss, call, timer or crash behind them."""
    number: dict[int, int] = {}  # serial → arrow number
    out: list = []
    pending: dict[str, list[str]] = {"en": [], "zh": []}
    for outcome in outcomes:
        symbols = outcome.world.symbols
        for lang in ("en", "zh"):
            event = _event(outcome, lang, number)
            if event and not outcome.sent:
                pending[lang].append(event)
        for item in outcome.sent:
            number[item.serial] = len(out) + 1
            texts = []
            for lang in ("en", "zh"):
                cause = _event(outcome, lang, number)
                line = f"{cause}  → {seg_text(item, symbols)}"
                texts.append(" · ".join(pending[lang] + [line]))
            pending = {"en": [], "zh": []}
            out.append((outcome, item, Text(*texts)))
    return out


def _event(outcome, lang: str, number: dict) -> str:
    """What a move did, in `lang`, arrows named by their numbers: 'client  connect()', 'server  ← 1',
    '✗ 4', 'server  timer rto'."""
    move = outcome.move
    if isinstance(move, Deliver):
        return f"{_words(str(outcome.side.value), lang)}  ← {number.get(outcome.segment.serial, '?')}"
    if isinstance(move, (Drop, Duplicate)):
        key = "lost" if isinstance(move, Drop) else "copy"
        return f"{_words(key, lang)} {number.get(outcome.segment.serial, '?')}"
    return _line(lang, move, str(move.side.value), "", "").rstrip()
