"""The moves a player could make now: what the UI offers and what the puzzle solver searches.

Pure, like the rest of the core. `candidates` lists every move of the allowed kinds without
judging it (an impossible call is still a move a player may try, and is judged ILLEGAL);
`playable` applies each candidate and keeps those a correct stack or network could make, with
their outcomes, so a caller never has to apply a move twice.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from .moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Restart, send_of
from .states import CLASSIC_CALLS, Call, Side, Timer, Verdict
from .validate import PALETTE, Kind

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from .moves import _Move


class MoveKind(enum.Enum):
    """The families of moves; a puzzle may allow only some of them."""

    DELIVER = "deliver"
    DROP = "drop"
    DUPLICATE = "duplicate"
    CALL = "call"
    SEND = "send"
    TIMER = "timer"
    CRASH = "crash"
    RESTART = "restart"


SIDES = (Side.CLIENT, Side.SERVER)
ALL_CALLS = tuple(Call)  # what a puzzle may name; unless it names its calls it offers CLASSIC_CALLS
ALL_TIMERS = tuple(Timer)


class Offer(namedtuple("Offer", "kinds sides calls sends timers max_wire")):
    """Which moves are on offer.

    - kinds: frozenset of MoveKind; sides: the endpoints the player acts for (calls, sends,
      timers, crash and restart); calls / sends / timers: tuples of Call, Kind (palette kinds)
      and Timer; max_wire: no duplicate is offered once this many segments are in flight
      (it keeps the search finite: a copy of a copy of a copy …).
    """

    __slots__ = ()


EVERYTHING = Offer(frozenset(MoveKind), SIDES, CLASSIC_CALLS, PALETTE, ALL_TIMERS, 6)  # read() only where asked


def candidates(world, offer: Offer = EVERYTHING) -> list:
    """Every move of the offered kinds in this world, network moves first, unjudged."""
    kinds, n = offer.kinds, len(world.wire)
    moves: list[_Move] = []
    if MoveKind.DELIVER in kinds:
        moves += [Deliver(i) for i in range(n)]
    if MoveKind.DROP in kinds:
        moves += [Drop(i) for i in range(n)]
    if MoveKind.DUPLICATE in kinds and n < offer.max_wire:
        moves += [Duplicate(i) for i in range(n)]
    for side in offer.sides:
        moves += _side_moves(world.endpoint(side), side, offer)
    return moves


def _side_moves(ep, side: Side, offer: Offer) -> list:
    """The moves of one endpoint's application, stack, clock and host."""
    kinds = offer.kinds
    moves: list[_Move] = []
    if ep.down:
        return [Restart(side)] if MoveKind.RESTART in kinds else []
    if MoveKind.CALL in kinds:
        moves += [AppCall(side, call) for call in offer.calls]
    if MoveKind.SEND in kinds:
        moves += [send_of(side, kind.flags) for kind in offer.sends if kind is not Kind.OTHER]
    if MoveKind.TIMER in kinds:
        moves += [Fire(side, timer) for timer in offer.timers]
    if MoveKind.CRASH in kinds:
        moves.append(Crash(side))
    return moves


def playable(world, offer: Offer = EVERYTHING, extra: tuple = ()) -> list:
    """(move, outcome) for each candidate (and each extra move) that is not ILLEGAL."""
    found = []
    for move in list(candidates(world, offer)) + list(extra):
        outcome = world.apply(move)
        if outcome.verdict is not Verdict.ILLEGAL:
            found.append((move, outcome))
    return found


__all__ = ["MoveKind", "Offer", "EVERYTHING", "SIDES", "ALL_CALLS", "ALL_TIMERS", "candidates", "playable"]
