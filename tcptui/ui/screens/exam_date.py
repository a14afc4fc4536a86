"""Set the exam date: one field, YYYY-MM-DD; empty clears it. Reviews are pulled in before it."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...text import ui


class ExamDateScreen(ModalScreen):
    """Dismisses with (date,) — (None,) clears it — or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: dt.date | None, lang: str) -> None:
        super().__init__()
        self.current, self.lang = current, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(ui("exam.date.title", self.lang), classes="dialog-title")
            yield Static(ui("exam.date.prompt", self.lang))
            yield Input(self.current.isoformat() if self.current else "", placeholder="YYYY-MM-DD", id="exam-date")
            yield Static(id="exam-date-error")
            yield Static(ui("exam.date.footer", self.lang), classes="dialog-footer")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False  # an idle screen writes nothing
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss((None,))
            return
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = None
        if date is None or date < dt.date.today():
            self.query_one("#exam-date-error", Static).update(ui("exam.date.invalid", self.lang))
            return
        self.dismiss((date,))

    def action_cancel(self) -> None:
        self.dismiss(None)
