"""`tcptui progress [--reset [--yes]]`: a summary of saved progress as Rich tables.

A store that cannot be used (locked past the busy timeout, a full disk for --reset, not a file)
is one line on stderr and exit status 2; a read-only store is shown with a one-line warning, and
rows that cannot be read are skipped with one.
"""

from __future__ import annotations

import sys
import warnings


def run(args) -> int:
    """Print the summary, or reset after asking (exit 2 if the store cannot be used)."""
    from ..errors import StoreError
    from ..progress.store import CorruptStoreWarning, Store
    from ..text import ui

    lang = args.lang
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorruptStoreWarning)  # said below, in the user's language
            store = Store.open(args.data_dir)
        with store:
            if store.recovered is not None:
                _warn(ui("progress.recovered", lang, path=store.recovered))
            if args.reset:
                return _reset(store, lang, args.yes)
            if store.read_only is not None:
                _warn(ui("progress.read-only", lang, reason=store.read_only))
            _summary(store, lang)
            if store.skipped:
                _warn(ui("progress.skipped", lang, count=sum(store.skipped.values()), path=store.path))
    except StoreError as e:
        sys.stderr.write(f"tcptui progress: {e}\n")
        return 2
    return 0


def _warn(text: str) -> None:
    sys.stderr.write(f"tcptui progress: {text}\n")


def _reset(store, lang: str, yes: bool) -> int:
    """Forget progress once the user says yes (a closed stdin is a no)."""
    from ..text import ui

    if not yes:
        try:
            answer = input(ui("progress.reset-ask", lang, path=store.path))
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "是"):
            sys.stdout.write(ui("progress.reset-kept", lang) + "\n")
            return 1
    store.reset()
    sys.stdout.write(ui("progress.reset-done", lang) + "\n")
    return 0


def _summary(store, lang: str) -> None:
    """Puzzles per chapter, answers per topic, reviews due, the exam date."""
    from rich.console import Console
    from rich.table import Table

    from ..exam.topics import order
    from ..ui.sections import section_text
    from ..progress.settings import read_settings
    from ..progress.store import now_utc
    from ..puzzle.pack import chapters
    from ..text import ui

    console = Console(highlight=False)
    best = store.best_results()
    table = Table(title=ui("progress.title", lang), title_justify="left")
    for key in ("progress.chapter", "progress.solved", "progress.stars"):
        table.add_column(ui(key, lang), justify="left" if key == "progress.chapter" else "right")
    for chapter, puzzles in chapters().items():
        solved = [best[p.id] for p in puzzles if p.id in best and best[p.id].stars > 0]
        table.add_row(
            ui(f"puzzle.chapter.{chapter.value}", lang),
            f"{len(solved)} / {len(puzzles)}",
            f"{sum(r.stars for r in solved)} / {3 * len(puzzles)}",
        )
    console.print(table)
    totals = store.topic_totals()
    if totals:
        topics = Table()
        for key in ("progress.topic", "progress.answers", "progress.right"):
            topics.add_column(ui(key, lang), justify="left" if key == "progress.topic" else "right")
        for topic in sorted(totals, key=order):
            right, total = totals[topic]
            name = section_text(topic, lang)
            topics.add_row(name, str(total), f"{right} ({round(100 * right / total)}%)")
        console.print(topics)
    from ..exam.review import due_today

    now, reviews = now_utc(), store.reviews()
    due = due_today(reviews, now)  # the forecast's first row is due.now + due.later
    if due.now or due.later:
        line = ui("progress.due", lang, count=due.now)
        console.print(line + (ui("progress.due-later", lang, count=due.later) if due.later else ""))
    exam_date = read_settings(store).exam_date
    if exam_date:
        console.print(ui("progress.exam-date", lang, date=exam_date.isoformat()))
    if reviews:
        _forecast(console, reviews, now, exam_date, lang)
    if not best and not totals:
        console.print(ui("progress.empty", lang))
    console.print(ui("progress.where", lang, path=store.path), style="dim")


def _forecast(console, reviews: dict, now, exam_date, lang: str) -> None:
    """Reviews due per day until the eve of the exam (two weeks without one), each with a bar; by
    week when the exam is more than three weeks away."""
    from rich.table import Table

    from ..exam.review import forecast, weeks
    from ..text import ui

    days = forecast(reviews, now, exam_date)
    ahead = exam_date is not None and exam_date > now.date()
    rows = (
        [
            (ui("progress.forecast.week", lang, start=a.strftime("%m-%d"), end=b.strftime("%m-%d")), n)
            for a, b, n in weeks(days)
        ]
        if len(days) > 21
        else [
            (f"{ui('progress.weekdays', lang).split()[d.date.weekday()]} {d.date.strftime('%m-%d')}", d.count)
            for d in days
        ]
    )
    title = "progress.forecast.exam" if ahead else "progress.forecast.days"
    table = Table(title=ui(title, lang, days=len(days)), title_justify="left", box=None, show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    table.add_column(justify="left", style="cyan")
    top = max(n for _, n in rows) or 1
    for label, count in rows:
        table.add_row(label, str(count), "█" * round(count * 40 / top) if count else "·")
    console.print(table)
