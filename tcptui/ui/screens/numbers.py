"""Edit a segment's numbers before it is sent (with real numbers on): wrong numbers are a lesson too."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.segment import seq_wrap
from ...text import ui


class NumbersScreen(ModalScreen):
    """Two fields, SEG.SEQ and SEG.ACK, filled with what the TCB says; Enter sends, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, seq: int, ack: int | None, lang: str) -> None:
        super().__init__()
        self.title_text, self.seq, self.ack, self.lang = title, seq, ack, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static("SEG.SEQ")
            yield Input(str(self.seq), type="integer", id="seq")
            if self.ack is not None:
                yield Static("SEG.ACK")
                yield Input(str(self.ack), type="integer", id="ack")
            yield Static(ui("numbers.footer", self.lang), classes="dialog-footer")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False  # an idle screen writes nothing
        self.query_one("#seq", Input).focus()

    def on_input_submitted(self) -> None:
        try:
            seq = seq_wrap(int(self.query_one("#seq", Input).value))
            ack = seq_wrap(int(self.query_one("#ack", Input).value)) if self.ack is not None else None
        except ValueError:
            self.notify(ui("numbers.invalid", self.lang), severity="error")
            return
        self.dismiss((seq, ack))

    def action_cancel(self) -> None:
        self.dismiss(None)
