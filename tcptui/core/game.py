"""A game: a world plus its history, with undo and redo and a running score.

The only mutable object of the core, and a thin one: every state it holds is an immutable World
or Outcome, so undo is moving a pointer, and redo re-plays nothing.
"""

from __future__ import annotations

from collections import namedtuple

from .segment import RST
from .states import Replies, Verdict
from .world import Outcome, World


class Score(namedtuple("Score", "points moves streak best_streak illegal resets")):
    """The running score: points, player moves judged, the current and best run of moves that
    were not wrong (with manual replies, a legal send that is not the reply TCP owes is wrong),
    illegal moves, and RSTs put on the wire."""

    __slots__ = ()


_JUDGED = frozenset({Verdict.CORRECT, Verdict.LEGAL, Verdict.ILLEGAL, Verdict.WRONG_NUMBERS})
_WRONG = frozenset({Verdict.ILLEGAL, Verdict.WRONG_NUMBERS})


class Game:
    """Apply moves to a world, remembering every step."""

    def __init__(self, world: World) -> None:
        self._worlds: list[World] = [world]
        self._outcomes: list[Outcome] = []
        self._undone: list[Outcome] = []

    @classmethod
    def of(cls, start: World, outcomes) -> Game:
        """The game whose history is `outcomes`, played from `start`: the same game as applying
        their moves again, without playing them (each outcome holds the world after it)."""
        game = cls(start)
        game._outcomes = list(outcomes)
        game._worlds += [outcome.world for outcome in outcomes]
        return game

    @property
    def world(self) -> World:
        """The world now."""
        return self._worlds[-1]

    @property
    def start(self) -> World:
        """The world the game started from."""
        return self._worlds[0]

    @property
    def history(self) -> tuple[Outcome, ...]:
        """Every outcome so far, oldest first (undone ones excluded)."""
        return tuple(self._outcomes)

    @property
    def can_undo(self) -> bool:
        return bool(self._outcomes)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(self, move) -> Outcome:
        """Make a move; a new move forgets what was undone."""
        outcome = self.world.apply(move)
        self._outcomes.append(outcome)
        self._worlds.append(outcome.world)
        self._undone.clear()
        return outcome

    def undo(self) -> Outcome | None:
        """Take back the last move; returns it, or None at the start."""
        if not self._outcomes:
            return None
        self._worlds.pop()
        outcome = self._outcomes.pop()
        self._undone.append(outcome)
        return outcome

    def redo(self) -> Outcome | None:
        """Make the last undone move again (the same outcome: worlds are values)."""
        if not self._undone:
            return None
        outcome = self._undone.pop()
        self._outcomes.append(outcome)
        self._worlds.append(outcome.world)
        return outcome

    def restart(self) -> None:
        """Back to the start; the moves can be redone."""
        while self.undo() is not None:
            pass

    def retune(self, **fields) -> None:
        """Change the rules (profile, replies) for every world of this game — the settings screen
        changes the game live, and undo or redo stays under the new rules."""
        self._worlds = [world._replace(**fields) for world in self._worlds]
        self._outcomes = [o._replace(world=o.world._replace(**fields)) for o in self._outcomes]
        self._undone = [o._replace(world=o.world._replace(**fields)) for o in self._undone]

    @property
    def score(self) -> Score:
        """Points, streaks, illegal moves and resets over the history."""
        points = moves = streak = best = illegal = resets = 0
        for outcome in self._outcomes:
            points += outcome.points
            resets += sum(1 for item in outcome.sent if RST in item.segment.flags)
            if outcome.verdict not in _JUDGED:
                continue
            moves += 1
            # with manual replies the player is the stack: "legal, but not what TCP does now" is a wrong reply
            if outcome.verdict in _WRONG or (
                outcome.verdict is Verdict.LEGAL and outcome.world.replies is Replies.MANUAL
            ):
                streak = 0
                illegal += outcome.verdict is Verdict.ILLEGAL
            else:
                streak += 1
                best = max(best, streak)
        return Score(points, moves, streak, best, illegal, resets)
