"""`tcptui solve FILE|ID [--json]`: a shortest solution of one puzzle, as the solver finds it."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _puzzle(name: str):
    """A puzzle file, or a bundled puzzle's id; PuzzleError or LookupError otherwise."""
    from ..puzzle import get, load_file

    path = Path(name)
    if path.is_file():
        return load_file(path)
    try:
        return get(name)
    except KeyError:
        raise LookupError(f"no such file or bundled puzzle: {name}") from None


def run(args) -> int:
    """Print the moves (one a line, or one JSON object); exit 2 if there is no solution."""
    from ..errors import PuzzleError
    from ..puzzle.solver import SearchTooLarge, solve

    try:
        puzzle = _puzzle(args.puzzle)
        found = solve(puzzle)
    except (PuzzleError, LookupError, SearchTooLarge) as e:
        sys.stderr.write(f"tcptui solve: {str(e).strip(chr(39))}\n")
        return 2
    if found is None:
        sys.stderr.write(f"tcptui solve: {puzzle.id}: no solution within move_limit = {puzzle.move_limit}\n")
        return 2
    moves = found.notation()
    if args.json:
        sys.stdout.write(json.dumps({"id": puzzle.id, "moves": moves, "length": found.length}) + "\n")
        return 0
    for i, move in enumerate(moves, 1):
        sys.stdout.write(f"{i:3}. {move}\n")
    sys.stdout.write(f"{found.length} moves (par {puzzle.par})\n")
    return 0
