"""Shortest solutions, by breadth-first search over the engine's worlds.

A search node is a world plus the goal's track (which `must` events have happened); nodes are
deduplicated by `World.key()` (see world_key) and the track. A branch where a `must_not` event happens is
cut at once. The moves tried are the puzzle's offer (core.available), its extra moves, less its
forbidden ones; a move the engine judges ILLEGAL is never part of a solution, nor one with wrong
numbers unless the puzzle offers it explicitly.

The search is bounded by a Budget — worlds visited, seconds, memory — and past it SearchTooLarge
says which limit was hit and what the author can change (a lower move_limit, no duplicates).

Used for par (the linter), for hints (the next move of a shortest solution from where the player
stands) and for "show solution".
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any

from ..core.available import MoveKind, candidates
from ..core.states import Verdict
from .goal import Track
from .model import among

MAX_NODES = 200_000  # a puzzle whose search grows past this must offer fewer moves
_CHECK_EVERY = 512  # worlds between two looks at the clock and the memory


@dataclass(frozen=True)
class Budget:
    """How much a search may take before it gives up: worlds visited, seconds, and bytes of memory
    grown (the process's peak resident size, as the OS counts it; not checked where it cannot be)."""

    worlds: int = MAX_NODES
    seconds: float = 10.0
    memory: int = 256 << 20


DEFAULT_BUDGET = Budget()


class SearchTooLarge(Exception):
    """The search went past its Budget: the puzzle offers too many moves. The message says which
    limit was hit and what the author can change."""

    def __init__(self, nodes: int, why: str = "", puzzle=None) -> None:
        self.nodes = nodes
        why = why or f"{nodes} worlds"
        if puzzle is None:
            super().__init__(f"the solver gave up after {why}")
            return
        duplicates = MoveKind.DUPLICATE in puzzle.moves.offer.kinds
        what = f"move_limit {puzzle.move_limit}" + (" with duplicates allowed" if duplicates else "")
        change = "lower it or forbid duplicate" if duplicates else "lower it or allow fewer kinds of moves"
        super().__init__(f"{what} is too large to prove par (the solver gave up after {why}); {change}")


def _memory_now() -> int | None:
    """The process's peak resident size in bytes, or None where the OS does not say."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KiB


class _Meter:
    """Watches one search against its budget."""

    def __init__(self, budget: Budget, puzzle) -> None:
        self.budget, self.puzzle = budget, puzzle
        self.deadline = time.monotonic() + budget.seconds
        start = _memory_now()
        self.memory_cap = None if start is None else start + budget.memory
        self.next_check = _CHECK_EVERY

    def check(self, nodes: int) -> None:
        """SearchTooLarge once `nodes` worlds, the time or the memory go past the budget."""
        if nodes > self.budget.worlds:
            raise SearchTooLarge(nodes, f"{nodes} worlds", self.puzzle)
        if nodes < self.next_check:
            return
        self.next_check = nodes + _CHECK_EVERY
        if time.monotonic() > self.deadline:
            raise SearchTooLarge(nodes, f"{self.budget.seconds:g} s and {nodes} worlds", self.puzzle)
        if self.memory_cap is not None and (_memory_now() or 0) > self.memory_cap:
            raise SearchTooLarge(nodes, f"{self.budget.memory >> 20} MiB and {nodes} worlds", self.puzzle)


@dataclass(frozen=True)
class Solution:
    """A shortest sequence of moves, and how many worlds the search looked at."""

    moves: tuple
    nodes: int

    @property
    def length(self) -> int:
        return len(self.moves)

    def notation(self) -> list[str]:
        """The moves in the game's one-line notation."""
        return [str(move) for move in self.moves]


def world_key(world) -> tuple:
    """World.key(), but orderable: World.key() sorts InFlight tuples whose first field is a Flags
    (not orderable), so it raises once two segments from one side are in flight."""
    wire = tuple(
        sorted((item.src.value, item.segment.flags.value, item.segment[1:], item.origin or 0) for item in world.wire)
    )
    return (world.client, world.server, wire)  # every field of both endpoints (owed replies, queues, retries)


def successors(puzzle, world):
    """(move, outcome) pairs the solver may take from `world`."""
    spec = puzzle.moves
    for move in candidates(world, spec.offer) + list(spec.extra):
        if not spec.allows(move):
            continue
        outcome = world.apply(move)
        verdict = outcome.verdict
        if verdict is Verdict.ILLEGAL or (verdict is Verdict.WRONG_NUMBERS and not among(move, spec.extra)):
            continue
        yield move, outcome


def solve(
    puzzle,
    world=None,
    track: Track | None = None,
    limit: int | None = None,
    max_nodes: int | None = None,
    goal=None,
    budget: Budget | None = None,
) -> Solution | None:
    """A shortest solution from `world` (default: the start) within `limit` moves, or None.
    SearchTooLarge when the search goes past `budget` (default: DEFAULT_BUDGET; `max_nodes` sets its worlds).

    `goal` (default: the puzzle's) is anything with `start`, `advance`, `met` and `dead`: the
    puzzle's Goal, or lesson.Taught (the goal reached the lesson's way) and lesson.Untaught (the
    goal reached without it, which the linter must not find within par)."""
    goal = puzzle.goal if goal is None else goal
    track = goal.start if track is None else track
    world = puzzle.start if world is None else world
    limit = puzzle.move_limit if limit is None else limit
    budget = budget or DEFAULT_BUDGET
    if max_nodes is not None:
        budget = Budget(max_nodes, budget.seconds, budget.memory)
    meter = _Meter(budget, puzzle)
    if goal.dead(world, track):
        return None
    if goal.met(world, track):
        return Solution((), 1)
    seen = {(world_key(world), track)}
    frontier: list = [(world, track, None)]
    for _ in range(limit):
        following = []
        for here, where, path in frontier:
            for move, outcome in successors(puzzle, here):
                after = goal.advance(where, outcome)
                if goal.dead(outcome.world, after):
                    continue
                node = (world_key(outcome.world), after)
                if node in seen:
                    continue
                seen.add(node)
                step = (move, path)
                if goal.met(outcome.world, after):
                    return Solution(_unwind(step), len(seen))
                following.append((outcome.world, after, step))
            meter.check(len(seen))
        frontier = following
        if not frontier:
            break
    return None


def _unwind(step) -> tuple:
    """The moves of a linked path (move, parent), oldest first."""
    moves = []
    while step is not None:
        moves.append(step[0])
        step = step[1]
    return tuple(reversed(moves))


def replay(puzzle, moves, goal=None) -> tuple[list, Any]:
    """Play `moves` from the start: the outcomes and the goal's track after them."""
    goal = puzzle.goal if goal is None else goal
    world, track, outcomes = puzzle.start, goal.start, []
    for move in moves:
        outcome = world.apply(move)
        outcomes.append(outcome)
        track = goal.advance(track, outcome)
        world = outcome.world
    return outcomes, track
