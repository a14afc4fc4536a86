"""One endpoint of a replayed capture: its state after the current packet, drawn as the play
screen's EndpointPanel draws it, its address, and the replies it still owes. A capture shows no
TCB, so the panel shows only what the replay's records say."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ...core.states import Side, State
from ...text import ui
from ..look import set_titles
from .endpoint import state_banner
from .lines import LineWidget


class StatePanel(LineWidget):
    """Renders one side's state; marked while its side sent the packet shown."""

    can_focus = False  # the screen's keys step the replay; nothing here takes them

    def __init__(self, side: Side, **kwargs) -> None:
        super().__init__(**kwargs)
        self.side = side
        self._shown: tuple[State, str, tuple[str, ...], bool, str] | None = None  # what is drawn

    def show(self, state: State, address: str, owed: tuple[str, ...], sender: bool, lang: str) -> None:
        """Draw `state`; `owed` are the segments a correct stack would now send (their labels)."""
        shown = (state, address, owed, sender, lang)
        if shown == self._shown:
            return
        self._shown = shown
        self.set_class(sender, "-selected")
        set_titles(self, ("▶ " if sender else "") + ui(f"side.{self.side.value}", lang), address)
        last = Text(no_wrap=True, overflow="ellipsis", justify="center")
        if owed:
            last.append(ui("replay.ui.owes", lang, segments=", ".join(owed)), style="bold reverse")
        elif sender:
            last.append(ui("replay.ui.sent", lang), style="italic")
        self.set(Group(state_banner(state, lang), last))
