"""The glossary on its own: every term, zh ↔ en with the RFC's name and one line about it, one key
(G) away on every screen. The help screen lists the same table after the keys and the diagram."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text import ui
from ..widgets.glossary import glossary_table


class GlossaryScreen(ModalScreen):
    """↑↓ PgUp PgDn scroll; Escape, q or G closes it."""

    BINDINGS = [Binding("escape,q,G", "close", "Close")]

    def compose(self) -> ComposeResult:
        lang = self.app.prefs.lang
        with VerticalScroll(classes="dialog help", id="glossary-dialog"):
            yield Static(ui("help.glossary", lang), classes="dialog-title")
            yield Static(glossary_table(lang), id="glossary")
            yield Static(ui("glossary.close", lang), classes="dialog-footer")

    def on_mount(self) -> None:
        self.query_one("#glossary-dialog").focus()

    def action_close(self) -> None:
        self.dismiss()
