"""Helpers for Pilot tests: start the app as the command line does, and read what widgets show."""

from __future__ import annotations

import io

from rich.console import Console

from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.widgets.endpoint import EndpointPanel
from tcptui.ui.widgets.ladder import LadderView
from tcptui.ui.widgets.verdict import VerdictPane
from tcptui.ui.widgets.wire import WireList


def app_for(start: str = "play", seed: int = 1, **prefs):
    """The app in a known state: default preferences but those given, nothing saved."""
    return make_app(DEFAULT_PREFS._replace(**prefs), start=start, seed=seed, persist=False)


def plain(renderable, width: int = 100) -> str:
    """What a Rich renderable says, without styles."""
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


def keybar(app) -> str:
    return plain(app.screen.query_one("#keys").content)


def panel(app, side: str) -> str:
    return app.screen.query_one(f"#{side}", EndpointPanel).text


def verdict(app) -> str:
    return app.screen.query_one(VerdictPane).text


def ladder(app) -> str:
    return app.screen.query_one(LadderView).text


def wire(app) -> list[str]:
    """The segments in flight as the wire shows them, without the highlight marker."""
    lines = app.screen.query_one(WireList).text.splitlines()
    return [line.lstrip("▸ ").strip() for line in lines if line.strip()]  # one line per segment at these sizes


async def keys(pilot, *names: str) -> None:
    """Press keys one by one, letting the app settle after each (menus open as modal screens)."""
    for name in names:
        await pilot.press(name)
        await settle(pilot)


async def settle(pilot) -> None:
    """Pause until the app has applied every key it holds (tcptui.ui.typeahead) and gone quiet."""
    app = pilot.app
    await pilot.pause()
    for _ in range(500):
        if not getattr(app, "_held", None) and getattr(app, "_typing", None) is None:
            break
        await pilot.pause(0.005)
    await pilot.pause()


def reviews_due(directory, wrong=lambda i: True) -> list:
    """Answer four exam questions an hour ago in the store at `directory` (those `wrong(i)` says,
    wrong): the misses are due for review now. Returns the questions."""
    import datetime as dt

    from tcptui.exam.answers import check
    from tcptui.exam.build import generate_exam
    from tcptui.exam.schedule import record
    from tcptui.progress.store import Store, now_utc

    exam = generate_exam(8, count=4)
    with Store.open(directory) as store:
        for i, q in enumerate(exam.questions):
            record(store, exam, check(q, "zzz" if wrong(i) else q.expected_input), now_utc() - dt.timedelta(hours=1))
    return exam.questions
