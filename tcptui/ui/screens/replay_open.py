"""Open a capture from the home screen: ask for its path (with completion), read it, then show
the connection list — or the connection itself when there is only one."""

from __future__ import annotations

import os

from textual.suggester import Suggester

from ...text import ui
from .ask import AskScreen

CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap")
HOME_PROFILE = "linux"  # as `tcptui replay`'s default: captures mostly come from Linux hosts


class CaptureSuggester(Suggester):
    """Completes a path: folders, and files named like captures (→ takes the suggestion)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """The first folder or capture in the typed folder whose name starts as typed."""
        folder, start = os.path.split(value)
        try:
            names = sorted(os.listdir(os.path.expanduser(folder) or "."))
        except OSError:
            return None
        for name in names:
            full = os.path.join(folder, name)
            wanted = name.endswith(CAPTURE_SUFFIXES) or os.path.isdir(os.path.expanduser(full))
            if name.startswith(start) and wanted and not (name.startswith(".") and not start.startswith(".")):
                return full + (os.sep if os.path.isdir(os.path.expanduser(full)) else "")
        return None


def ask_capture(app) -> None:
    """The path dialog; once a capture is read, its connections."""
    from ...core.profile import Profile

    lang, profile = app.prefs.lang, Profile.named(HOME_PROFILE)
    dialog = AskScreen(
        ui("replay.ui.open.title", lang),
        ui("replay.ui.open.prompt", lang),
        ui("replay.ui.open.footer", lang, profile=HOME_PROFILE),
        lambda text: read(text, profile, lang),
        placeholder="capture.pcap",
        suggester=CaptureSuggester(),
        busy=lambda text: ui("replay.ui.open.reading", lang, path=text),
    )
    app.push_screen(dialog, lambda loaded: None if loaded is None else show_capture(app, loaded))


def read(text: str, profile, lang: str) -> tuple:
    """(Loaded, "") for a capture with TCP in it, else (None, why not) — one line, never a traceback."""
    from ...capture.browse import load
    from ...capture.read import CaptureError

    if not text:
        return None, ui("replay.ui.open.prompt", lang)
    try:
        loaded = load(os.path.expanduser(text), profile)
    except CaptureError as e:
        return None, str(e)
    if not loaded.summaries:
        return None, loaded.failure or ui("replay.ui.open.empty", lang, path=text)
    return loaded, ""


def show_capture(app, loaded, conn: int | None = None) -> None:
    """Connection `conn` (or the only one) straight away; else the list to choose from. A file
    that could not be read to its end says so once."""
    if loaded.failure:
        app.notify(ui("replay.ui.failure", app.prefs.lang, error=loaded.failure), severity="warning", timeout=15)
    if conn is None and len(loaded.summaries) == 1:
        conn = 0
    if conn is not None:
        from .replay import ReplayScreen

        app.push_screen(ReplayScreen(loaded, conn))
    else:
        from .replay_pick import ReplayPickScreen

        app.push_screen(ReplayPickScreen(loaded))
