"""Ask for one line (a capture's path, a frame number) and check it before closing.

`check(text)` returns (value, "") to dismiss with value, or (None, message) to stay and say why.
A slow check (reading a capture) runs in a thread while the dialog says what it is doing, so the
screen stays responsive and never animates.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskScreen(ModalScreen):
    """Dismisses with the checked value, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        prompt: str,
        footer: str,
        check,
        *,
        value: str = "",
        placeholder: str = "",
        suggester=None,
        busy=None,
    ) -> None:
        super().__init__()
        self.title_text, self.prompt, self.footer = title, prompt, footer
        self.check, self.busy = check, busy  # busy(text): what to say while a slow check runs (None: it is quick)
        self.value, self.placeholder, self.suggester = value, placeholder, suggester

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.prompt)
            yield Input(self.value, placeholder=self.placeholder, suggester=self.suggester, id="ask-input")
            yield Static(id="ask-error")
            yield Static(self.footer, classes="dialog-footer")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False  # an idle screen writes nothing
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.busy is None:
            self.checked(self.check(text))
            return
        self.query_one("#ask-error", Static).update(self.busy(text))
        self.query_one(Input).disabled = True
        self._check_in_thread(text)

    @work(thread=True, exclusive=True)
    def _check_in_thread(self, text: str) -> None:
        """Run a slow check off the event loop; its answer comes back on it."""
        result = self.check(text)
        self.app.call_from_thread(self.checked, result)

    def checked(self, result: tuple) -> None:
        """Close with the value, or say what is wrong and let the player try again."""
        if self is not self.app.screen:
            return  # cancelled while the check ran
        value, error = result
        if not error:
            self.dismiss(value)
            return
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        self.query_one("#ask-error", Static).update(error)

    def action_cancel(self) -> None:
        self.dismiss(None)
