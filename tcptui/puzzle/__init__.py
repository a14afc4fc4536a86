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

from .._lazy import lazy_exports

# Each name is imported from its module on first use (start-up stays light).
_EXPORTS = {
    "Attempt": "attempt",
    "Chapter": "model",
    "Event": "goal",
    "EventKind": "goal",
    "Goal": "goal",
    "Hint": "attempt",
    "Moves": "model",
    "Numbers": "model",
    "Played": "attempt",
    "Puzzle": "model",
    "Result": "scoring",
    "SearchTooLarge": "solver",
    "Solution": "solver",
    "Text": "model",
    "Track": "goal",
    "best": "scoring",
    "chapters": "pack",
    "check_files": "linter",
    "get": "pack",
    "lint": "linter",
    "load_file": "load",
    "load_pack": "pack",
    "load_text": "load",
    "parse_event": "goal",
    "solve": "solver",
    "stars": "scoring",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
