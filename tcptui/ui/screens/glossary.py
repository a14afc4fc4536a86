"""The glossary on its own: every term, zh ↔ en with the RFC's name and one line about it, one key
(G) away on every screen. The help screen lists the same table after the keys and the diagram."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...text import ui
from ..widgets.glossary import glossary_table

if TYPE_CHECKING:
    from textual import getters

    from ..app import TcptuiApp


class GlossaryScreen(ModalScreen[None]):
    """↑↓ PgUp PgDn scroll; Escape, q or G closes it."""

    if TYPE_CHECKING:  # self.app as the checker sees it (as screens/base.py FitScreen)
        app = getters.app(TcptuiApp)

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
