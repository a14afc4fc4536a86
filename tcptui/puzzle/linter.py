"""The linter: what the loader cannot see, proven by the solver and the engine.

- the goal is not met before the first move, and is reachable within the move limit;
- par equals the length of a shortest solution;
- the author's solution, if given, is playable (no forbidden or illegal move) and meets the goal;
- the lesson (puzzle.lesson): the goal cannot be met within par without it, its path takes par
  moves, and no rule text shown along that path is false where it is shown (text/claims.py);
- ids are unique across the files checked together.
Each problem is one PuzzleError (one line).
"""

from __future__ import annotations

from pathlib import Path

from ..core.states import Verdict
from ..errors import PuzzleError
from ..text.claims import contradictions
from .goal import START
from .lesson import Taught, Untaught, lesson_path, missing
from .load import line_of, load_file
from .model import Puzzle
from .scenario import is_scenario_file, scenario_problems
from .solver import SearchTooLarge, replay, solve


def _error(puzzle: Puzzle, key: str, message: str) -> PuzzleError:
    return PuzzleError(puzzle.path, key, message, line_of(puzzle.path, key))


def lint(puzzle: Puzzle) -> list[PuzzleError]:
    """Every problem of one loaded puzzle (empty: it is good)."""
    if puzzle.goal.met(puzzle.start, START):
        return [_error(puzzle, "goal", "is already met at the start; expected a goal that takes moves")]
    try:
        best = solve(puzzle)
    except SearchTooLarge as e:
        return [_error(puzzle, "move_limit", str(e))]
    if best is None:  # the author's solution cannot reach it either: one problem, said once
        return [
            _error(
                puzzle,
                "goal",
                f"is unreachable within move_limit = {puzzle.move_limit}; expected a goal the solver can reach",
            )
        ]
    problems = []
    if best.length != puzzle.par:
        problems.append(
            _error(
                puzzle,
                "par",
                f"is {puzzle.par} but the shortest solution takes {best.length} "
                f"moves ({'; '.join(best.notation())}); expected par = {best.length}",
            )
        )
    if puzzle.solution is not None:
        problem = _check_solution(puzzle)
        if problem:
            problems.append(_error(puzzle, "solution", problem))
    return problems + lesson_problems(puzzle, best)


def lesson_problems(puzzle: Puzzle, best) -> list[PuzzleError]:
    """The lesson's checks (puzzle.lesson): the goal cannot be met within par without the lesson;
    the lesson path takes par moves; the reference solution follows the lesson; and no rule text
    shown along the lesson path (or the author's solution) is false there (text/claims.py)."""
    lesson, problems = puzzle.lesson, []
    try:
        if lesson.pinned:
            problems += _untaught(puzzle)
        path = lesson_path(puzzle) if lesson.pinned else best
    except SearchTooLarge as e:
        return [_error(puzzle, "lesson", str(e))]  # the message says what to change
    if path is None:
        return problems + [
            _error(
                puzzle, "lesson", "cannot be followed to the goal within move_limit; expected a lesson the goal allows"
            )
        ]
    if lesson.pinned and not lesson.solution and path.length != puzzle.par:
        problems.append(
            _error(
                puzzle,
                "lesson",
                f"its shortest path takes {path.length} moves ({'; '.join(path.notation())}) but par is "
                f"{puzzle.par}; expected a lesson on a shortest path",
            )
        )
    if lesson.solution:
        outcomes, track = replay(puzzle, path.moves, Taught(puzzle.goal, lesson))
        world = outcomes[-1].world if outcomes else puzzle.start
        if not Taught(puzzle.goal, lesson).met(world, track):
            what = "; ".join(missing(lesson, track)) or "the goal"
            problems.append(_error(puzzle, "solution", f"does not follow the lesson (missing: {what})"))
    problems += _false_texts(puzzle, path.moves, "lesson" if lesson.pinned else "goal")
    if puzzle.solution is not None and tuple(puzzle.solution) != tuple(path.moves):
        problems += _false_texts(puzzle, puzzle.solution, "solution")
    return problems


def _untaught(puzzle: Puzzle) -> list[PuzzleError]:
    """A way to meet the goal within par that skips the lesson (or does what it forbids)."""
    goal = Untaught(puzzle.goal, puzzle.lesson)
    found = solve(puzzle, limit=puzzle.par, goal=goal)
    if found is None:
        return []
    outcomes, track = replay(puzzle, found.moves, goal)
    return [
        _error(
            puzzle,
            "goal",
            f"is met in {found.length} moves without the lesson ({'; '.join(found.notation())}; missing: "
            f"{'; '.join(missing(puzzle.lesson, track))}); "
            "expected a goal or moves that only the lesson meets within par",
        )
    ]


def _false_texts(puzzle: Puzzle, moves, key: str) -> list[PuzzleError]:
    """Each rule text shown along `moves` that is false where it is shown: one problem per move."""
    problems, world = [], puzzle.start
    for i, move in enumerate(moves, 1):
        outcome = world.apply(move)
        for rule, says in contradictions(world, outcome):
            problems.append(
                _error(
                    puzzle,
                    key,
                    f"move {i} ({move}) shows rule {rule}, whose text says {says}, which is false here; "
                    "expected a path on which every text shown is true",
                )
            )
        world = outcome.world
    return problems


def _check_solution(puzzle: Puzzle) -> str | None:
    """Why the author's solution fails, or None."""
    moves = puzzle.solution or ()
    for i, move in enumerate(moves, 1):
        if not puzzle.moves.allows(move):
            return f"move {i} ({move}) is forbidden by moves.forbid; expected allowed moves only"
    outcomes, track = replay(puzzle, moves)
    for i, outcome in enumerate(outcomes, 1):
        if outcome.verdict is Verdict.ILLEGAL:
            return f"move {i} ({outcome.move}) is illegal (rule {outcome.rule}); expected legal moves only"
    if len(moves) > puzzle.move_limit:
        return f"takes {len(moves)} moves, more than move_limit = {puzzle.move_limit}"
    world = outcomes[-1].world if outcomes else puzzle.start
    if not puzzle.goal.met(world, track):
        what = "a must_not event happens" if track.broken else "; ".join(puzzle.goal.missing(world, track))
        return f"does not reach the goal (missing: {what}); expected moves that meet the goal"
    return None


def puzzle_files(paths) -> list[Path]:
    """The .toml files named, and those under the folders named, sorted; FileNotFoundError for a bad path."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.toml") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(str(raw))
    return found


def _id_key(pid: str) -> str:
    """An id as the duplicate check compares it: Unicode-normalised (NFKC), trimmed, case-folded."""
    import unicodedata

    return unicodedata.normalize("NFKC", pid).strip().casefold()


def same_id(a: str, b: str) -> bool:
    """Two ids a player could not tell apart (a trailing newline, another case, a full-width letter)."""
    return _id_key(a) == _id_key(b)


def check_files(paths) -> tuple[int, list[PuzzleError]]:
    """Load and lint every file: how many were checked, and every problem found."""
    files, problems, ids = puzzle_files(paths), [], {}  # type: list[Path], list[PuzzleError], dict[str, str]
    for path in files:
        if is_scenario_file(path):  # a scenario (a start with no goal): loaded, its first moves tried
            problems += scenario_problems(path)
            continue
        try:
            puzzle = load_file(path)
        except PuzzleError as e:
            problems.append(e)
            continue
        key = _id_key(puzzle.id)
        if key in ids:
            problems.append(_error(puzzle, "id", f"{puzzle.id!r} is also the id of {ids[key]}; expected a unique id"))
        ids.setdefault(key, str(path))
        problems += lint(puzzle)
    return len(files), problems
