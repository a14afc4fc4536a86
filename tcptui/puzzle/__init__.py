"""Puzzles: TOML files into frozen values, a solver for par, hints and solutions, and scoring.

For the puzzle screens:

    from tcptui.puzzle import load_pack, chapters, get, Attempt, stars, best

    puzzle = get("close-shortcut")          # or load_file(path) for an author's own file
    attempt = Attempt(puzzle)               # the Game, the goal's track, the counters
    attempt.apply(move)                     # -> Played(outcome, forbidden, solved, over_limit)
    attempt.hint()                          # -> Hint(move, outcome, remaining, within_limit) | None
    attempt.solution()                      # -> moves from the start, to play back
    attempt.result()                        # -> Result(...).stars; keep best(old, new)
"""

from .attempt import Attempt, Hint, Played
from .goal import Event, EventKind, Goal, Track, parse_event
from .lint import check_files, lint
from .load import load_file, load_text
from .model import Chapter, Moves, Numbers, Puzzle, Text
from .pack import chapters, get, load_pack
from .scoring import Result, best, stars
from .solver import SearchTooLarge, Solution, solve

__all__ = ["Attempt", "Chapter", "Event", "EventKind", "Goal", "Hint", "Moves", "Numbers", "Played", "Puzzle",
           "Result", "SearchTooLarge", "Solution", "Text", "Track", "best", "chapters", "check_files", "get",
           "lint", "load_file", "load_pack", "load_text", "parse_event", "solve", "stars"]
