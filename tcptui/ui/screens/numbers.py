"""Edit a segment's numbers before it is sent (with real numbers on): wrong numbers are a lesson too."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.segment import seq_wrap
from ...text import ui


class NumbersScreen(ModalScreen[tuple[int, int | None]]):
    """Two fields, SEG.SEQ and SEG.ACK, filled with what the TCB says; Enter sends, Escape cancels."""

    # ⏎ sends at once, in the key's own turn: through the Input's Submitted message, a ⏎ typed right
    # after it (deliver) reached this dialog again before it was closed, and was lost.
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "send", "Send", priority=True)]
    # what the fields accept as they are typed (the lab's take x+1 too)
    INPUT_TYPE: Literal["integer", "number", "text"] = "integer"

    def __init__(self, title: str, seq: int, ack: int | None, lang: str) -> None:
        super().__init__()
        self.title_text, self.seq, self.ack, self.lang = title, seq, ack, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static("SEG.SEQ")
            yield Input(self.shown(self.seq, "seq"), type=self.INPUT_TYPE, id="seq")
            if self.ack is not None:
                yield Static("SEG.ACK")
                yield Input(self.shown(self.ack, "ack"), type=self.INPUT_TYPE, id="ack")
            yield Static(self.footer(), classes="dialog-footer")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False  # an idle screen writes nothing
        self.query_one("#seq", Input).focus()

    def shown(self, value: int, field: str) -> str:
        """Hook: a number as its field first shows it."""
        return str(value)

    def parsed(self, text: str, field: str) -> int:
        """Hook: what was typed, as a sequence number (ValueError: not one)."""
        return seq_wrap(int(text))

    def footer(self) -> str:
        return ui("numbers.footer", self.lang)

    def invalid(self, error: ValueError) -> str:
        """Hook: what to say when a field does not hold a number."""
        return ui("numbers.invalid", self.lang)

    def action_send(self) -> None:
        try:
            seq = self.parsed(self.query_one("#seq", Input).value, "seq")
            ack = self.parsed(self.query_one("#ack", Input).value, "ack") if self.ack is not None else None
        except ValueError as error:
            self.notify(self.invalid(error), severity="error")
            return
        self.dismiss((seq, ack))

    def action_cancel(self) -> None:
        self.dismiss(None)
