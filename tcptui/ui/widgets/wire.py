"""The wire: every segment in flight, numbered, with flags and numbers; the selected one is acted on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.numbers import describe
from ...core.segment import RST
from ...core.states import Side
from ...text import ui


class WireList(OptionList):
    """Renders the world's wire; Enter on a segment delivers it (the screen decides)."""

    def show(self, world, as_symbols: bool, lang: str) -> None:
        """Draw the segments in flight, keeping the highlight on the same position if it still exists."""
        keep = self.highlighted
        self.clear_options()
        if not world.wire:
            self.add_option(Option(Text(ui("wire.empty", lang), style="dim italic"), disabled=True))
            return
        for position, item in enumerate(world.wire, start=1):
            self.add_option(Option(_line(position, item, world, as_symbols, lang)))
        self.highlighted = min(keep if keep is not None else 0, len(world.wire) - 1)


def _line(position: int, item, world, as_symbols: bool, lang: str) -> Text:
    """'1 c→s #3 SYN seq=x' — position (the key that picks it), direction, serial, segment."""
    arrow = "c→s" if item.src is Side.CLIENT else "s→c"
    text = Text(f"{position} ", style="bold")
    text.append(f"{arrow} ", style="dim")
    style = "bold red" if RST in item.segment.flags else ""
    text.append(f"#{item.serial} {describe(item.segment, world.symbols, as_symbols)}", style=style)
    sender = world.endpoint(item.src)
    if item.origin is not None and sender.state.value not in ("CLOSED", "LISTEN") and item.origin != sender.tcb.iss:
        text.append(f" {ui('wire.old', lang)}", style="bold yellow")
    return text
