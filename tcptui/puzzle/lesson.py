"""What a puzzle teaches, pinned down: its lesson, the path that shows it, and the hints that follow it.

The goal says when a puzzle is solved; the solver finds *a* shortest way there, which need not be
the story's (a needless RTO, a RST that kills TIME_WAIT under a title saying the opposite). A
puzzle pins its lesson in the `[lesson]` table of its file:

- `steps`: events that must happen, in this order (the next one counts once the one before it
  has happened; one move may do several);
- `never`: events that must not happen;
- `solution = true`: the author's `solution` is the reference path: hints follow it while the
  player does, and it is what "show solution" plays back.

The lesson path — what `v` plays back, what `tcptui solve` prints and what the hints lead along
— is the author's solution when it is the reference, else a shortest path that meets the goal
the lesson's way (`Taught`), else (no lesson) a shortest solution. The linter proves that the
goal cannot be met within par without the lesson (`Untaught`), that the lesson path takes par
moves, and that no rule text shown along it contradicts the story (text/claims.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .goal import START, Event, Goal, Track


@dataclass(frozen=True)
class Lesson:
    """Ordered steps, forbidden events, and whether the author's solution is the reference."""

    steps: tuple[Event, ...] = ()
    never: tuple[Event, ...] = ()
    solution: bool = False

    @property
    def pinned(self) -> bool:
        """The puzzle says what it teaches (otherwise any solution teaches it)."""
        return bool(self.steps or self.never or self.solution)


@dataclass(frozen=True)
class LessonTrack:
    """The goal's track, how many lesson steps have happened (in order), and whether a `never` did."""

    goal: Track = START
    step: int = 0
    strayed: bool = False

    @property
    def broken(self) -> bool:
        return self.goal.broken or self.strayed


def advance(lesson: Lesson, step: int, strayed: bool, outcome) -> tuple[int, bool]:
    """The lesson's part of a track after one more move."""
    if strayed or any(event.happened(outcome) for event in lesson.never):
        return step, True
    while step < len(lesson.steps) and lesson.steps[step].happened(outcome):
        step += 1
    return step, False


class _WithLesson:
    """A goal and a lesson, tracked together (the solver's `goal` protocol)."""

    start = LessonTrack()

    def __init__(self, goal: Goal, lesson: Lesson) -> None:
        self.goal, self.lesson = goal, lesson

    def advance(self, track: LessonTrack, outcome) -> LessonTrack:
        step, strayed = advance(self.lesson, track.step, track.strayed, outcome)
        return LessonTrack(self.goal.advance(track.goal, outcome), step, strayed)

    def taught(self, track: LessonTrack) -> bool:
        """Every step happened, in order, and no `never` event did."""
        return track.step == len(self.lesson.steps) and not track.strayed

    def solved(self, world, track: LessonTrack) -> bool:
        """The puzzle's own goal holds: the game ends here, lesson or not."""
        return self.goal.met(world, track.goal)


class Taught(_WithLesson):
    """The goal met the lesson's way. A game ends when the goal holds, so a path that meets the
    goal before the lesson is complete is a dead end, not a detour."""

    def met(self, world, track: LessonTrack) -> bool:
        return self.taught(track) and self.solved(world, track)

    def dead(self, world, track: LessonTrack) -> bool:
        return track.broken or (not self.taught(track) and self.solved(world, track))


class Untaught(_WithLesson):
    """The goal met without the lesson: a way the linter must not find within par."""

    def met(self, world, track: LessonTrack) -> bool:
        return not self.taught(track) and self.solved(world, track)

    def dead(self, world, track: LessonTrack) -> bool:
        return track.goal.broken or (self.taught(track) and self.solved(world, track))


def trace(goal, outcomes):
    """The track of any goal (Goal, Taught, Untaught) after a game's outcomes."""
    track = goal.start
    for outcome in outcomes:
        track = goal.advance(track, outcome)
    return track


def missing(lesson: Lesson, track: LessonTrack) -> list[str]:
    """What of the lesson did not happen, in puzzle-file notation (for the linter's messages)."""
    out = [f"never {event.describe()}" for event in lesson.never] if track.strayed else []
    out += [event.describe() for event in lesson.steps[track.step :]]
    return out


def lesson_path(puzzle):
    """The path the puzzle teaches, from its start (a solver.Solution, or None): the reference
    solution, else a shortest path the lesson's way, else a shortest solution."""
    from .solver import Solution, solve

    lesson = puzzle.lesson
    if lesson.solution and puzzle.solution is not None:
        return Solution(tuple(puzzle.solution), 0)
    if lesson.pinned:
        return solve(puzzle, goal=Taught(puzzle.goal, lesson))
    return solve(puzzle)


def next_on_path(puzzle, history, world, limit: int):
    """The lesson's continuation from where the player stands (a Solution), or None when the
    lesson cannot be followed any more from here (then the hints fall back to the goal alone).

    `history`: the outcomes played so far; `limit`: moves left."""
    from .solver import Solution, solve

    lesson = puzzle.lesson
    if not lesson.pinned or limit <= 0:
        return None
    if lesson.solution and puzzle.solution is not None:
        # compared by notation: moves are namedtuples, and Drop(0) == Deliver(0) as tuples
        played = tuple(str(outcome.move) for outcome in history)
        reference = tuple(puzzle.solution)
        if tuple(map(str, reference[: len(played)])) == played and len(played) < len(reference):
            return Solution(reference[len(played) :], 0)
    goal = Taught(puzzle.goal, lesson)
    track = trace(goal, history)
    if track.broken:
        return None
    return solve(puzzle, world, track, limit, goal=goal)
