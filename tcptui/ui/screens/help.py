"""Help: every key of the play screen, and the state diagram as the engine itself draws it."""

from __future__ import annotations

from itertools import groupby

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.states import State
from ...commands.probe import EventKind, Qualifier, event_text, transitions
from ...text import ui
from ..look import STATE_STYLE
from ..widgets.keybar import binding_label

_DIAGRAM_RECV = {"SYN", "SYN+ACK", "ACK", "FIN+ACK", "RST"}


class HelpScreen(ModalScreen):
    """Keys first, then the transitions; Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        lang = self.app.prefs.lang
        with VerticalScroll(classes="dialog help"):
            yield Static(ui("help.title", lang), classes="dialog-title")
            yield Static(self._keys(lang))
            yield Static(ui("help.diagram", lang), classes="dialog-title")
            yield Static(self._diagram())
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
                    table.add_row(Text(" 1…9 ", style="bold reverse"), ui("key.pick", lang), ui("help.pick", lang))
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or self.app.get_key_display(binding)
            table.add_row(
                Text(f" {key} ", style="bold reverse"), binding_label(binding, lang), ui(f"help.{binding.action}", lang)
            )
        table.add_row(Text(" ctrl+p ", style="bold reverse"), ui("key.palette", lang), ui("help.palette", lang))
        return table

    def _diagram(self) -> Group:
        """Every state change the engine makes on ordinary events, grouped by state: where to, then how."""
        parts = []
        edges = [t for t in transitions(self.app.prefs.rules) if _shown(t)]
        for state, group in groupby(edges, key=lambda t: t.state):
            parts.append(Text(f" {state.value} ", style=STATE_STYLE[state]))
            table = Table.grid(padding=(0, 1))
            table.add_column(no_wrap=True)
            table.add_column()
            by_target: dict = {}
            for edge in group:
                by_target.setdefault(edge.next_state, []).append(edge)
            for target, ways in by_target.items():
                events = " | ".join(dict.fromkeys(_event(e) for e in ways))
                table.add_row(Text(f"   ▶ {target.value}", style="bold"), Text(events, style="dim"))
            parts.append(table)
        return Group(*parts)


def _shown(edge) -> bool:
    """Keep the diagram readable: the main kinds of arrival (and FINs that cross), every call and timer."""
    event = edge.event
    if event.kind is EventKind.SEND:
        return False
    if event.kind is EventKind.RECV:
        label = event_text(event).removeprefix("recv:")
        if edge.state is State.SYN_RCVD and label.startswith("SYN+ACK"):
            return False  # the passive open's corner case (a SYN in the window resets it) hides the main path
        if event.qualifier is Qualifier.OLDACK:
            return label == "FIN+ACK:oldack" and edge.next_state is State.CLOSING
        return label in _DIAGRAM_RECV
    return True


def _event(edge) -> str:
    """'recv FIN+ACK / ACK' or 'app:close / FIN+ACK'."""
    event = edge.event
    name = event_text(event).replace("recv:", "recv ")
    sent = ",".join(edge.sent)
    return f"{name} / {sent}" if sent else name
