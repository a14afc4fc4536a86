"""A puzzle being played: the Game, the goal's track, and what scoring counts.

The puzzle screen holds one Attempt; it never keeps game state of its own. Every move goes
through `apply`, which refuses forbidden moves (counted like illegal ones) and tells whether the
goal is met. Hints are the next move of the lesson's path from where the player stands (see
puzzle.lesson), with the engine's explanation of what it will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.available import playable
from ..core.game import Game
from ..core.states import Verdict
from .goal import Track, trace
from .lesson import lesson_path, next_on_path
from .model import Puzzle, Text
from .scoring import Result
from .solver import solve

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from ..core.world import Outcome


@dataclass(frozen=True)
class Played:
    """What one move did in a puzzle: the engine's outcome (None if the puzzle refused the move)."""

    outcome: object
    forbidden: bool = False
    solved: bool = False
    over_limit: bool = False


@dataclass(frozen=True)
class Hint:
    """The next move of a shortest solution from the current world, and what it will do."""

    move: object
    outcome: Outcome  # the engine's outcome of that move, for its explanation
    remaining: int  # moves to the goal from here, this one included
    within_limit: bool  # False: the goal is still reachable, but not within the move limit

    @property
    def notation(self) -> str:
        return str(self.move)

    @property
    def rule(self) -> str:
        return self.outcome.rule

    def explain(self, lang: str = "en", as_symbols: bool = True) -> str:
        """Why this move: the explanation of the rule it will fire (ISNs named as the screen shows them)."""
        from ..numbers import outcome_params
        from ..text import explain

        return explain(self.outcome.rule, lang, outcome_params(self.outcome, as_symbols))


class Attempt:
    """One try at a puzzle, with undo; counters survive undo (an illegal move was still made, and
    an undone move still counts against the stars: trial and error is not a solve in par)."""

    def __init__(self, puzzle: Puzzle) -> None:
        self.puzzle = puzzle
        self.game = Game(puzzle.start)
        self.undone = 0  # moves taken back (and not redone): they count as moves made
        self.illegal = 0
        self.hints = 0
        self.shown = False
        self._text_hints = 0

    @property
    def world(self):
        return self.game.world

    @property
    def moves(self) -> int:
        """Moves made so far (undone ones excluded)."""
        return len(self.game.history)

    @property
    def track(self) -> Track:
        """The goal's track over the current history."""
        return trace(self.puzzle.goal, self.game.history)

    @property
    def solved(self) -> bool:
        return self.puzzle.goal.met(self.world, self.track)

    def missing(self) -> tuple[str, ...]:
        """What keeps the goal from holding now (for the goal panel); before the first move, every end
        condition (see puzzle.goal)."""
        return self.puzzle.goal.missing(self.world, self.track, played=self.moves > 0)

    def offered(self) -> list:
        """(move, outcome) for every move the puzzle offers now that the engine does not judge ILLEGAL."""
        spec = self.puzzle.moves
        return [(m, o) for m, o in playable(self.world, spec.offer, spec.extra) if spec.allows(m)]

    def apply(self, move) -> Played:
        """Make a move; a forbidden one is refused and counted."""
        if not self.puzzle.moves.allows(move):
            self.illegal += 1
            return Played(None, forbidden=True)
        outcome = self.game.apply(move)
        if outcome.verdict is Verdict.ILLEGAL:
            self.illegal += 1
        return Played(outcome, solved=self.solved, over_limit=self.moves > self.puzzle.move_limit)

    @property
    def made(self) -> int:
        """Moves made: those on the board and those taken back."""
        return self.moves + self.undone

    def undo(self):
        outcome = self.game.undo()
        self.undone += outcome is not None
        return outcome

    def redo(self):
        outcome = self.game.redo()
        self.undone -= outcome is not None
        return outcome

    def restart(self) -> None:
        self.undone += self.moves
        self.game.restart()

    def hint(self) -> Hint | None:
        """The next move of the lesson's path from here (counted): the author's solution while the
        player follows it, else a shortest way that still teaches the lesson, else a shortest
        solution (see puzzle.lesson); None if none is left."""
        track = self.track
        left = self.puzzle.move_limit - self.moves
        found = next_on_path(self.puzzle, self.game.history, self.world, left)
        if found is None and left > 0:
            found = solve(self.puzzle, self.world, track, left)
        within = found is not None
        if found is None:
            found = solve(self.puzzle, self.world, track, self.puzzle.move_limit)
        if not found or not found.moves:
            return None
        self.hints += 1
        move = found.moves[0]
        return Hint(move, self.world.apply(move), found.length, within)

    def text_hint(self) -> Text | None:
        """The author's next written hint (counted), or None when all have been shown."""
        if self._text_hints >= len(self.puzzle.hints):
            return None
        self._text_hints += 1
        self.hints += 1
        return self.puzzle.hints[self._text_hints - 1]

    def solution(self) -> tuple:
        """The lesson's path from the start, for playback; the attempt then counts as shown."""
        self.shown = True
        found = lesson_path(self.puzzle)
        return found.moves if found else ()

    def result(self) -> Result:
        """The attempt as scoring sees it: every move made counts, undone ones too."""
        return Result(self.puzzle.id, self.made, self.puzzle.par, self.illegal, self.hints, self.shown)
