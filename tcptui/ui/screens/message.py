"""A message in a dialog: a title, a text, and Enter (yes / go on) or Escape (no / back)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text.wrap import prose


class MessageScreen(ModalScreen[bool]):
    """Dismisses with True on Enter, False on Escape (or q)."""

    BINDINGS = [Binding("enter", "answer(True)", "OK", priority=True), Binding("escape,q", "answer(False)", "Back")]

    def __init__(self, title: str, body, footer: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text, self.body, self.footer_text = title, body, footer

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog message"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(prose(self.body), classes="dialog-body")
            if self.footer_text:
                yield Static(self.footer_text, classes="dialog-footer")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with the player's answer."""
        self.dismiss(yes)
