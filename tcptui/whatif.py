"""What if? A branch of a game at one of its moves: this segment lost, delivered later, or a RST
sent instead — as Packet Tracer lets a student edit a PDU and replay, and Learn Git Branching
lets one try a command on a copy of the tree.

    branch(start, history, index, WhatIf.LOST)  ->  Branch(game, at, what, segment)

A branch is a new core Game: the original's moves up to the branching point, then the what-if
move(s); the sandbox plays on from there while the original stays as it was (its ladder shown
beside). The segment of a move is the one it delivered (or lost, or copied), else the first it
sent. Every branch is made of ordinary moves, so the engine judges it as any game:

- lost: the network loses it where the original delivered it (or now, if it is still in flight);
- later: it stays in flight where the original delivered it, and the original's next deliveries
  that do not need it are played (reordering); the student delivers it when they like;
- a RST instead: once its sender has sent it, it is taken off the wire (drawn as lost) and the
  sender sends a RST in its place — an abort from a live connection (§4.4.3).

Pure: no Textual, no files. ValueError says, in one line, why a move cannot branch that way.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from .core.game import Game
from .core.moves import Deliver, Drop, Duplicate, send_of
from .core.segment import ACK, RST


class WhatIf(enum.Enum):
    """The three questions."""

    LOST = "lost"
    LATER = "later"
    RST = "rst"


class Branch(namedtuple("Branch", "game at what segment")):
    """A branch: its Game, the original move it branches at (an index into the original's history;
    the branch keeps the moves before it), the question, and the segment (an InFlight) it is about."""

    __slots__ = ()


_NETWORK = (Deliver, Drop, Duplicate)


def segment_of(history, index: int):
    """The segment move `index` is about: the one it delivered, lost or copied, else the first it
    sent; None when it is about none (a call or timer that sent nothing)."""
    outcome = history[index]
    if isinstance(outcome.move, _NETWORK) and outcome.segment is not None:
        return outcome.segment
    return outcome.sent[0] if outcome.sent else None


def _taken_at(history, serial: int, after: int) -> int | None:
    """The move (after `after`) that took segment `serial` off the wire: delivered it, or lost it."""
    for i in range(after + 1, len(history)):
        outcome = history[i]
        if (
            isinstance(outcome.move, (Deliver, Drop))
            and outcome.segment is not None
            and outcome.segment.serial == serial
        ):
            return i
    return None


def _sent_at(history, serial: int) -> int | None:
    """The move that put segment `serial` on the wire (None: it was there at the start)."""
    for i, outcome in enumerate(history):
        if any(item.serial == serial for item in outcome.sent):
            return i
    return None


def _index(world, serial: int) -> int:
    """Where segment `serial` is in flight."""
    return next(i for i, item in enumerate(world.wire) if item.serial == serial)


def branch(start, history, index: int, what: WhatIf, serial: int | None = None) -> Branch:
    """The branch of the game (its start World and history of Outcomes) at move `index`, about the
    segment `serial` when given (a move may send two), else the move's own (segment_of)."""
    if not 0 <= index < len(history):
        raise ValueError(f"no move {index + 1}: the game has {len(history)}")
    item = segment_of(history, index)
    if serial is not None:
        outcome = history[index]
        item = next((i for i in (*outcome.sent, outcome.segment) if i is not None and i.serial == serial), item)
    if item is None:
        raise ValueError("this move put no segment on the wire")
    sent = _sent_at(history, item.serial)
    taken = _taken_at(history, item.serial, -1 if sent is None else sent)
    if what is WhatIf.RST:
        if sent is None:
            raise ValueError("it was in flight before the game began: nobody sent it here")
        if RST in item.segment.flags:
            raise ValueError("it is a RST already")
        game = _replayed(start, history, sent + 1)
        game.apply(Drop(_index(game.world, item.serial)))
        kind = RST | (item.segment.flags & ACK)  # RST+ACK in place of a segment that carried an ACK
        game.apply(send_of(item.src, kind))
        return Branch(game, sent + 1, what, item)
    if taken is not None and isinstance(history[taken].move, Drop):
        raise ValueError("it was lost already")
    if what is WhatIf.LATER:
        if taken is None:
            raise ValueError("it was never delivered: it is still in flight, deliver it when you like")
        game = _replayed(start, history, taken)
        _deliveries_without(game, history[taken + 1 :], item.serial)
        return Branch(game, taken, what, item)
    point = len(history) if taken is None else taken
    game = _replayed(start, history, point)
    game.apply(Drop(_index(game.world, item.serial)))
    return Branch(game, point, what, item)


def _replayed(start, history, count: int) -> Game:
    """A new Game of the first `count` moves (the same outcomes: worlds are values)."""
    return Game.of(start, history[:count])


def _deliveries_without(game: Game, later, serial: int) -> None:
    """Play the original's next network moves for as long as each concerns a segment still in
    flight in the branch (found by its serial), other than the one held back."""
    for outcome in later:
        if not isinstance(outcome.move, _NETWORK) or outcome.segment is None:
            return
        wanted = outcome.segment.serial
        if wanted == serial or all(item.serial != wanted for item in game.world.wire):
            return
        game.apply(type(outcome.move)(_index(game.world, wanted)))
