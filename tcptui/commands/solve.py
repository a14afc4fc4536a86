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
    """Print the lesson's path (one move a line, one JSON object, or its ladder); exit 2 if there is none."""
    from ..errors import PuzzleError
    from ..puzzle.lesson import lesson_path
    from ..puzzle.solver import SearchTooLarge

    try:
        puzzle = _puzzle(args.puzzle)
        found = lesson_path(puzzle)
    except (PuzzleError, LookupError, SearchTooLarge) as e:
        sys.stderr.write(f"tcptui solve: {str(e).strip(chr(39))}\n")
        return 2
    if found is None:
        sys.stderr.write(f"tcptui solve: {puzzle.id}: no solution within move_limit = {puzzle.move_limit}\n")
        return 2
    moves = found.notation()
    if getattr(args, "ladder", False):
        numbers = getattr(args, "numbers", None) or puzzle.numbers.value
        from ..output import terminal_width

        lang = args.lang or "en"
        sys.stdout.write(ladder_text(puzzle, found.moves, numbers == "symbolic", lang, terminal_width()))
        return 0
    if args.json:
        sys.stdout.write(json.dumps({"id": puzzle.id, "moves": moves, "length": found.length}) + "\n")
        return 0
    for i, move in enumerate(moves, 1):
        sys.stdout.write(f"{i:3}. {move}\n")
    sys.stdout.write(f"{found.length} moves (par {puzzle.par})\n")
    return 0


def ladder_text(puzzle, moves, as_symbols: bool, lang: str, width: int = 80) -> str:
    """The path as a ladder diagram in `width` cells (the terminal's), then each move with the rule it
    fired and that rule's text, in `lang`."""
    from ..ladder import ladder_rows, to_text
    from ..numbers import outcome_params
    from ..text import explain
    from ..text.wrap import wrap
    from ..ui.sections import section_text

    world, history = puzzle.start, []
    for move in moves:
        outcome = world.apply(move)
        history.append(outcome)
        world = outcome.world
    title = f"{puzzle.id} · {puzzle.title.get(lang)} · {section_text(puzzle.section, lang)}"
    out = [to_text(ladder_rows(puzzle.start, history, as_symbols=as_symbols, lang=lang), width, title, lang)]
    for i, outcome in enumerate(history, 1):
        text = explain(outcome.rule, lang, outcome_params(outcome, as_symbols))
        lines = wrap(f"{outcome.move} — {outcome.rule}: {text}", max(width - 5, 20))  # Chinese wraps anywhere
        out.append("".join(f"{f'{i:3}.' if n == 0 else '':4} {line}\n" for n, line in enumerate(lines)))
    return "".join(out)
