"""Set the exam date: one field, YYYY-MM-DD; empty clears it. Reviews are pulled in before it."""

from __future__ import annotations

import datetime as dt

from ...text import ui
from .ask import AskScreen


def exam_date_dialog(current: dt.date | None, lang: str) -> AskScreen:
    """The dialog; it dismisses with (date,) — (None,) clears the date — or None on Escape."""

    def check(text: str) -> tuple:
        if not text:
            return (None,), ""
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = None
        if date is None or date < dt.date.today():
            return None, ui("exam.date.invalid", lang)
        return (date,), ""

    return AskScreen(
        ui("exam.date.title", lang),
        ui("exam.date.prompt", lang),
        ui("exam.date.footer", lang),
        check,
        value=current.isoformat() if current else "",
        placeholder="YYYY-MM-DD",
    )
