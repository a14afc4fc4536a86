"""`tcptui topics [--topic T] [--json] [--lang zh|en]`: the study map — every topic of the notes and of
the interview pack, what covers it (puzzles, exam items, explain examples) and the student's progress.

Progress comes from the progress store when it can be opened; without it the map is still printed
(progress shows as none), and the reason is one line on stderr.
"""

from __future__ import annotations

import json
import sys
import warnings


def _progress(data_dir) -> tuple[dict, dict]:
    """(best puzzle results, exam totals per topic) from the store; empty ones if it cannot be read."""
    from ..errors import StoreError
    from ..progress.store import CorruptStoreWarning, Store

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorruptStoreWarning)
            store = Store.open(data_dir)
    except StoreError as e:
        sys.stderr.write(f"tcptui topics: progress not shown: {e}\n")
        return {}, {}
    with store:
        return store.best_results(), store.topic_totals()


def rows(args):
    """The map's rows (tcptui.study.Coverage), one topic when --topic names it."""
    from ..exam.items import pool
    from ..puzzle.pack import load_pack
    from ..study import study_map

    best, totals = _progress(args.data_dir)
    found = study_map(load_pack(), pool(), best, totals)
    if args.topic:
        found = [row for row in found if row.topic.id == args.topic]
    return found, best


def run(args) -> int:
    """Print the map as text, or as one JSON object."""
    found, best = rows(args)
    lang = args.lang
    if args.json:
        data = {"topics": [_row_dict(row, best, lang) for row in found]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return 0
    _print(found, best, lang)
    return 0


def _row_dict(row, best, lang: str) -> dict:
    t = row.topic
    return {
        "id": t.id,
        "title": t.title.get(lang),
        "asks": [a.get(lang) for a in t.asks],
        "puzzles": [{"id": p.id, "title": p.title.get(lang), "stars": _stars(best, p.id)} for p in row.puzzles],
        "exam_items": len(row.items),
        "explain": [f"tcptui explain {e}" for e in t.explain],
        "progress": {
            "solved": row.solved,
            "puzzles": len(row.puzzles),
            "stars": row.stars,
            "right": row.right,
            "answered": row.answered,
        },
    }


def _stars(best, puzzle_id: str) -> int:
    result = best.get(puzzle_id)
    return result.stars if result is not None else 0


def _print(found, best, lang: str) -> None:
    """One block per topic: its name and progress, then what students ask, puzzles, exam, explain."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..exam.topics import label
    from ..text import ui
    from ..text.wrap import Prose

    console = Console(highlight=False)
    console.print(Text(ui("topics.title", lang), style="bold"))
    console.print(Text(ui("topics.intro", lang), style="dim"))
    for row in found:
        t = row.topic
        head = Text(f"\n{label(t.id)}  ", style="bold cyan")
        head.append(t.title.get(lang), style="bold")
        console.print(head)
        lines = [(ui("topics.asks", lang), " · ".join(a.get(lang) for a in t.asks))]
        if row.puzzles:
            marks = ", ".join(f"{p.id} {'★' * _stars(best, p.id) or '☆'}" for p in row.puzzles)
            lines.append((ui("topics.puzzles", lang), f"{marks}  ({row.solved}/{len(row.puzzles)})"))
        if row.items:
            key = "topics.exam-items" if row.answered else "topics.exam-items-none"
            count = ui(key, lang, n=len(row.items), right=row.right, answered=row.answered)
            lines.append((ui("topics.exam", lang), count))
        if t.explain:
            lines.append((ui("topics.explain", lang), "\n".join(f"tcptui explain {e}" for e in t.explain)))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2)
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for name, value in lines:
            grid.add_row("", name, Prose(value))
        console.print(grid)
