"""Stars: moves against par, illegal moves and hints used. Pure functions over frozen values.

3 stars  solved in par moves or fewer, no illegal move, no hint
each of these costs one star (never below 1 for a solve):
  more moves than par · more than par + slack (slack = max(2, par // 2)) · any illegal move ·
  each hint
0 stars  the solution was shown (the puzzle counts as seen, not solved)
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_STARS = 3


@dataclass(frozen=True)
class Result:
    """One finished attempt at a puzzle."""

    puzzle_id: str
    moves: int
    par: int
    illegal: int = 0
    hints: int = 0
    shown: bool = False  # the player asked for the solution

    @property
    def stars(self) -> int:
        return stars(self.par, self.moves, self.illegal, self.hints, self.shown)

    @property
    def rank(self) -> tuple:
        """Higher is better: stars, then fewer moves, illegal moves and hints."""
        return (self.stars, -self.moves, -self.illegal, -self.hints)


def stars(par: int, moves: int, illegal: int = 0, hints: int = 0, shown: bool = False) -> int:
    """0–3 stars for one attempt."""
    if shown:
        return 0
    slack = max(2, par // 2)
    penalty = (moves > par) + (moves > par + slack) + (illegal > 0) + hints
    return max(1, MAX_STARS - penalty)


def best(old: Result | None, new: Result) -> Result:
    """The result to keep: the better of the two (the older one on a tie)."""
    if old is None or new.rank > old.rank:
        return new
    return old
