"""A puzzle's goal: a declarative predicate over both endpoints, the wire and the moves' outcomes.

The goal holds when, after a move,
- each side is in one of its target states (no targets: any state),
- the wire is empty if `wire_empty` says so,
- every `must` event has happened at some move, and no `must_not` event ever has.

So a goal has two kinds of parts. *Events* are milestones: once a `must` event has happened it stays
done (undo aside). *End conditions* — the target states and the empty wire — describe the position
the game must end in; they are judged after a move, never before the first one. Before any move
nothing has been played, so no end condition counts as met, even one the start happens to satisfy
(an empty wire, a side already in its target state): `missing(..., played=False)` lists them all.
After a move they show where the game stands now, and may come and go until the goal holds.

Events are matched against Outcomes: a rule id that fired, a segment a side put on the wire, a
state a side entered. Which `must` events have happened is a bitmask, so the solver can keep it
beside the world's key.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..core.states import Side, State
from ..core.validate import Kind
from .model import Text


class EventKind(enum.Enum):
    """What an event watches."""

    RULE = "rule"  # a rule id fired (e.g. data.late-accepted)
    SENDS = "sends"  # a side put a segment of this kind on the wire (RST matches RST+ACK too)
    REACHES = "reaches"  # a side entered this state


@dataclass(frozen=True)
class Event:
    """One event, optionally limited to one side (for RULE: the side that acted or received)."""

    kind: EventKind
    value: str | Kind | State  # a rule id, a Kind, or a State
    side: Side | None = None
    text: Text | None = field(default=None, compare=False)  # the puzzle's own words for it, if it gives them

    def happened(self, outcome) -> bool:
        """Did this move's outcome contain the event?"""
        side = self.side
        if self.kind is EventKind.RULE:
            return self.value in outcome.rules and (side is None or outcome.side is side)
        if self.kind is EventKind.SENDS:
            kind = self.value
            return isinstance(kind, Kind) and any(
                (side is None or item.src is side) and _kind_matches(kind, item.segment) for item in outcome.sent
            )
        return any(change.new is self.value and (side is None or s is side) for s, change in outcome.changes)

    def describe(self) -> str:
        """Notation as written in puzzle files: 'server sends RST', 'client reaches TIME_WAIT'."""
        value = self.value.value if isinstance(self.value, enum.Enum) else self.value
        who = f"{self.side.value} " if self.side else ""
        return f"{who}{self.kind.value} {value}"


def _kind_matches(kind: Kind, segment) -> bool:
    """RST stands for any reset; every other kind must match exactly."""
    got = Kind.of(segment.flags, segment.length)
    return got is kind or (kind is Kind.RST and got is Kind.RST_ACK)


@dataclass(frozen=True)
class Track:
    """Where a game stands against the goal: which `must` events happened, whether a forbidden one did."""

    mask: int = 0
    broken: bool = False


START = Track()


@dataclass(frozen=True)
class Goal:
    """Target states (empty: any), wire condition, events that must and must not happen (with
    `in_order`, the `must` events count only in the order listed: the second once the first has
    happened, and so on)."""

    client: frozenset = frozenset()
    server: frozenset = frozenset()
    wire_empty: bool = False
    must: tuple[Event, ...] = ()
    must_not: tuple[Event, ...] = ()
    in_order: bool = False

    @property
    def start(self) -> Track:
        """The track before the first move."""
        return START

    @property
    def full(self) -> int:
        """The mask with every `must` event done."""
        return (1 << len(self.must)) - 1

    def advance(self, track: Track, outcome) -> Track:
        """The track after one more move."""
        if track.broken:
            return track
        if any(event.happened(outcome) for event in self.must_not):
            return Track(track.mask, True)
        mask = track.mask
        if self.in_order:  # the next event in the list, then the one after it if the same move did it too
            i = mask.bit_length()
            while i < len(self.must) and self.must[i].happened(outcome):
                mask |= 1 << i
                i += 1
        else:
            for i, event in enumerate(self.must):
                if not mask >> i & 1 and event.happened(outcome):
                    mask |= 1 << i
        return track if mask == track.mask else Track(mask, False)

    def dead(self, world, track: Track) -> bool:
        """No move from here can meet the goal (the solver prunes it): a `must_not` event happened."""
        return track.broken

    def met(self, world, track: Track) -> bool:
        """Does the goal hold in `world` with this track?"""
        if track.broken or track.mask != self.full:
            return False
        if self.client and world.client.state not in self.client:
            return False
        if self.server and world.server.state not in self.server:
            return False
        return not (self.wire_empty and world.wire)

    def missing(self, world, track: Track, played: bool = True) -> tuple[str, ...]:
        """What still keeps the goal from holding, in puzzle-file notation (for the goal panel).
        Before the first move (`played` False) every end condition is missing: see the module docstring."""
        out = []
        for side, wanted, ep in (("client", self.client, world.client), ("server", self.server, world.server)):
            if wanted and (not played or ep.state not in wanted):
                out.append(f"{side} in {' or '.join(sorted(s.value for s in wanted))}")
        if self.wire_empty and (not played or world.wire):
            out.append("wire empty")
        out += [event.describe() for i, event in enumerate(self.must) if not track.mask >> i & 1]
        return tuple(out)


def trace(goal: Goal, outcomes) -> Track:
    """The track after a sequence of outcomes (a game's history)."""
    track = START
    for outcome in outcomes:
        track = goal.advance(track, outcome)
    return track


def parse_event(text: str) -> Event:
    """'[SIDE] sends KIND', '[SIDE] reaches STATE' or '[SIDE] rule RULE_ID'; ValueError says what is wrong."""
    from ..core.rules import RULES

    words = text.split()
    side = None
    if words and words[0].lower() in ("client", "server"):
        side = Side.parse(words.pop(0))
    if len(words) != 2 or words[0].lower() not in _EVENT_WORDS:
        raise ValueError(
            f"{text!r} is not an event; expected '[client|server] sends KIND', "
            f"'[client|server] reaches STATE' or '[client|server] rule RULE_ID'"
        )
    kind, value = _EVENT_WORDS[words[0].lower()], words[1]
    if kind is EventKind.SENDS:
        kinds = {k.value: k for k in Kind if k is not Kind.OTHER}
        if value.upper() not in kinds:
            raise ValueError(f"unknown segment kind {value!r}; expected one of: {', '.join(kinds)}")
        return Event(kind, kinds[value.upper()], side)
    if kind is EventKind.REACHES:
        return Event(kind, State.parse(value), side)
    if value not in RULES:
        raise ValueError(f"unknown rule id {value!r}; expected a rule id of tcptui.core.rules")
    return Event(kind, value, side)


_EVENT_WORDS = {"sends": EventKind.SENDS, "reaches": EventKind.REACHES, "rule": EventKind.RULE}
