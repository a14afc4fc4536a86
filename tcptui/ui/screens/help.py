"""Help: every key of the play screen, the state diagram drawn from the core's transition table
(the same arrows as `tcptui diagram`) with the endpoints' current states highlighted, and the glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.states import State
from ...diagram import GROUPS, lines, sources_text
from ...text import ui
from ...text.wrap import Prose
from ..look import STATE_STYLE
from ..widgets.glossary import glossary_table
from ..widgets.keybar import binding_label

if TYPE_CHECKING:
    from textual import getters

    from ..app import TcptuiApp


class HelpScreen(ModalScreen[None]):
    """Keys first, then the transitions; Escape, q or ? closes it."""

    if TYPE_CHECKING:  # self.app as the checker sees it (as screens/base.py FitScreen)
        app = getters.app(TcptuiApp)

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, screen, states: tuple[State, State] | None = None) -> None:
        """`screen`: whose keys to list; `states`: the client's and the server's state now, if any."""
        super().__init__()
        self.for_screen = screen
        self.states = states

    def compose(self) -> ComposeResult:
        lang = self.app.prefs.lang
        with VerticalScroll(classes="dialog help"):
            yield Static(ui("help.title", lang), classes="dialog-title")
            yield Static(self._keys(lang))
            yield Static(ui("help.diagram", lang), classes="dialog-title")
            yield Static(self._diagram(lang), id="diagram")
            yield Static(ui("help.glossary", lang), classes="dialog-title")
            yield Static(glossary_table(lang), id="glossary")
            yield Static(ui("help.close", lang), classes="dialog-footer")

    def action_close(self) -> None:
        self.dismiss()

    def _keys(self, lang: str) -> Table:
        """The play screen's bindings, with what each does."""
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        seen = set()
        for binding in self.for_screen.BINDINGS:
            if binding.action.startswith("pick"):
                if "pick" not in seen:
                    seen.add("pick")
                    pick = Prose(ui("help.pick", lang))
                    table.add_row(Text(" 1…9 ", style="bold reverse"), ui("key.pick", lang), pick)
                continue
            action = binding.action
            if ui(f"help.{action}", lang) == f"help.{action}":  # history(-1), history(1): one row, one text
                action = action.partition("(")[0]
            if action in seen:
                continue
            seen.add(action)
            if action == binding.action:
                key, label = binding.key_display or self.app.get_key_display(binding), binding_label(binding, lang)
            else:  # every key of the family, under the family's label
                family = [b for b in self.for_screen.BINDINGS if b.action.partition("(")[0] == action]
                key = " ".join(b.key_display or self.app.get_key_display(b) for b in family)
                label = ui(f"key.{action}", lang)
            table.add_row(
                Text(f" {key} ", style="bold reverse"),
                label,
                Prose(ui(f"help.{action}", lang)),  # Chinese wraps between characters
            )
        table.add_row(Text(" ctrl+p ", style="bold reverse"), ui("key.palette", lang), Prose(ui("help.palette", lang)))
        table.add_row(Text(" G ", style="bold reverse"), ui("key.glossary", lang), Prose(ui("help.glossary_key", lang)))
        return table

    def _diagram(self, lang: str) -> Group:
        """The transition table's arrows by group: sources, → target, the event and what is sent.
        The endpoints' states are highlighted, and the arrows leaving them are bold."""
        now = set(self.states or ())
        parts: list[RenderableType] = []
        if self.states:
            client, server = (s.value for s in self.states)
            parts.append(Text(ui("help.you-are", lang, client=client, server=server), style="italic"))
        rows = lines(self.app.prefs.rules, lang)
        for group in GROUPS:
            parts += [Text(""), Text(ui(f"diagram.group.{group.value}", lang), style="bold underline")]
            table = Table.grid(padding=(0, 1))
            table.add_column(width=_WIDTH)  # the sources, one a line ("every other state" wraps)
            table.add_column(no_wrap=True)
            table.add_column()
            for row in rows:
                if row.group is not group:
                    continue
                out = bool(now & set(row.sources))
                names = sources_text(row, lang)
                if names == ui("diagram.any", lang):
                    sources = Text(names, style="bold")
                else:
                    sources = Text("\n").join(_state(state, now) for state in row.sources)
                target = Text("→ ").append(_state(row.target, now))
                table.add_row(sources, target, Text(row.event, style="bold" if out else "dim"))
            parts.append(table)
        return Group(*parts)


_WIDTH = max(len(s.value) for s in State)


def _state(state: State, now: set) -> Text:
    """A state's name, highlighted when an endpoint is in it."""
    return Text(state.value, style=STATE_STYLE[state] if state in now else "bold")
