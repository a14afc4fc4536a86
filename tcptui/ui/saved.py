"""Saved progress as the screens use it: one short-lived store per read or write, never a crash.

Each function opens the store in the app's data directory (`--data-dir`, else $TCPTUI_DATA_DIR,
else the user data directory), does one thing — a write is one transaction — and closes it. A
store that cannot be used (locked, a full disk, read-only for a write) is a message on screen and
a default value; a damaged file moved aside, and rows skipped as unreadable, are warnings on screen.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import warnings

from ..text import ui


def _using(app, work, default=None):
    """Run `work(store)`; on any storage error say so on screen and return `default`."""
    from ..errors import StoreError
    from ..progress.store import CorruptStoreWarning, Store

    lang = app.prefs.lang
    try:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always", CorruptStoreWarning)
            store = Store.open(getattr(app, "data_dir", None))
        with store:
            if store.recovered is not None:
                app.notify(ui("progress.recovered", lang, path=store.recovered), severity="warning", timeout=10)
            done = work(store)
            if store.skipped:
                count = sum(store.skipped.values())
                app.notify(ui("progress.skipped", lang, count=count, path=store.path), severity="warning", timeout=10)
            return done
    except (StoreError, sqlite3.Error, OSError) as error:
        app.notify(ui("progress.unusable", lang, error=error), severity="error", timeout=10)
        return default


def best_results(app) -> dict:
    """puzzle id → the best Result kept."""
    return _using(app, lambda store: store.best_results(), {})


def topic_totals(app) -> dict:
    """topic → (right, answered) over every exam."""
    return _using(app, lambda store: store.topic_totals(), {})


def record_result(app, result) -> None:
    """Keep one finished puzzle (one transaction)."""
    _using(app, lambda store: store.record_result(result))


def reviews(app) -> dict:
    """item id → (card json, due) of every exam item answered before."""
    return _using(app, lambda store: store.reviews(), {})


def record_answer(app, exam, checked, exam_date: dt.date | None) -> None:
    """Keep one exam answer and its item's next review (one transaction)."""
    from ..exam.schedule import record

    _using(app, lambda store: record(store, exam, checked, exam_date=exam_date))


def exam_date(app) -> dt.date | None:
    """The exam date the player set, if any."""
    from ..progress.settings import read_settings

    return _using(app, lambda store: read_settings(store).exam_date)


def set_exam_date(app, date: dt.date | None) -> None:
    """Keep (or clear) the exam date; the other settings stay as they are."""
    from types import SimpleNamespace

    from ..progress.settings import write_settings

    _using(app, lambda store: write_settings(store, SimpleNamespace(exam_date=date)))


TUTORIAL_SEEN = "tutorial-seen"  # an empty file beside progress.db: the tutorial was opened once


def tutorial_seen(directory=None) -> bool:
    """Was the tutorial opened before? (A file's existence: nothing to open at start-up.)"""
    from ..progress.store import data_dir

    try:
        return (data_dir(directory) / TUTORIAL_SEEN).exists()
    except OSError:
        return True  # a data directory that cannot be looked at is no reason to insist


def set_tutorial_seen(app) -> None:
    """Remember that the tutorial was opened: the next start goes where it was asked to."""
    from ..progress.store import data_dir

    if not getattr(app, "persist", True):
        return
    try:
        folder = data_dir(getattr(app, "data_dir", None))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / TUTORIAL_SEEN).touch()
    except OSError:
        pass  # it will be offered again next time: no harm done


# -- the last sandbox game, a moves file beside the progress store (tcptui.games) -------------------


def keep_game(app, game) -> None:
    """Keep the sandbox game as the last one (after every move; a game with no moves keeps the one
    before). A failure is said once on screen and never stops the game."""
    from ..games import last_game_path, write_game

    if not getattr(app, "persist", True) or not game.history:
        return
    try:
        write_game(last_game_path(getattr(app, "data_dir", None)), game)
    except OSError as error:
        if not getattr(app, "_said_game_unkept", False):
            app._said_game_unkept = True
            app.notify(ui("game.unkept", app.prefs.lang, error=error.strerror or error), severity="warning", timeout=8)


def last_game(app):
    """The last sandbox game kept (a tcptui.games.GameFile), or None if there is none or it cannot be read."""
    from ..games import last_game_path, read_game

    try:
        return read_game(last_game_path(getattr(app, "data_dir", None)))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
