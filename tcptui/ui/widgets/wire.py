"""The wire: every segment in flight, numbered, with flags and numbers; the highlighted one is acted on.

A line widget: when a segment leaves or arrives only the lines that changed are repainted.
↑/↓ (or k/j) move the highlight, a click highlights, a click on the highlighted one delivers it.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message

from ...numbers import describe_item
from ...core.segment import RST
from ...core.states import Side
from ...core.world import World, from_older_connection
from ...text import ui
from .lines import LineWidget


class WireList(LineWidget, can_focus=True, inherit_bindings=False):
    """Renders the world's wire and keeps which segment is highlighted. Only ↑/↓ are its own keys: a
    scroll view's PgDn, PgUp, Home and End belong to the screen (the verdict pane's PgDn)."""

    BINDINGS = [Binding("up,k", "move(-1)", "Up", show=False), Binding("down,j", "move(1)", "Down", show=False)]

    class Chosen(Message):
        """The highlighted segment was clicked again: deliver it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.highlighted: int | None = None
        self._view: tuple[World, bool, str] | None = None  # what show() was given: drawn again on a resize
        self._count = 0
        self._starts = [0]

    def show(self, world: World, as_symbols: bool, lang: str) -> None:
        """Draw the segments in flight, keeping the highlight on the same position if it still exists."""
        self._count = len(world.wire)
        if not world.wire:
            self.highlighted = None
        else:
            self.highlighted = min(self.highlighted or 0, self._count - 1)
        self._view = (world, as_symbols, lang)
        self._draw()

    def _draw(self) -> None:
        if self._view is None:  # not shown yet
            return
        world, as_symbols, lang = self._view
        if not world.wire:
            self.set(Text(ui("wire.empty", lang), style="dim italic"))
            return
        items = [
            _line(position, item, world, as_symbols, lang, position - 1 == self.highlighted)
            for position, item in enumerate(world.wire, start=1)
        ]
        width = max(self.scrollable_content_region.width, 1)
        heights = [len(item.wrap(self.app.console, width)) for item in items]
        self._starts = [sum(heights[:i]) for i in range(len(heights) + 1)]  # first line of each segment
        self.set(Group(*items))
        self._follow()

    def _follow(self) -> None:
        """Scroll so that the highlighted segment is in view, all of its lines if they fit: the
        segment that ⏎ delivers is always one the player can see."""
        if self.highlighted is None or self.size.height < 1:
            return
        first, end = self._starts[self.highlighted], self._starts[self.highlighted + 1]
        top, height = round(self.scroll_offset.y), self.size.height
        if first < top:
            top = first
        elif end > top + height:
            top = min(first, end - height)
        if top != round(self.scroll_offset.y):
            # force: a wire that just began to overflow has no scroll bar yet to scroll with
            self.scroll_to(y=top, animate=False, immediate=True, force=True)

    def on_resize(self) -> None:  # (LineWidget.on_resize runs too: Textual calls each class's handler)
        if self._view is not None:
            self._draw()  # the segments wrap differently at another width

    def action_move(self, step: int) -> None:
        """Highlight the segment above or below."""
        if self._count:
            self.select(max(0, min(self._count - 1, (self.highlighted or 0) + step)))

    def select(self, index: int) -> None:
        """Highlight segment `index` (0 = oldest), scrolled into view."""
        if 0 <= index < self._count:
            self.highlighted = index
            self._draw()

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        index = next((i for i in range(self._count) if self._starts[i] <= line < self._starts[i + 1]), None)
        if index is not None:
            if index == self.highlighted:
                self.post_message(self.Chosen())
            else:
                self.select(index)


def _line(position: int, item, world, as_symbols: bool, lang: str, highlighted: bool) -> Text:
    """'▸1 → #3 SYN seq=x' — position (the key that picks it), direction, serial, segment; wraps."""
    arrow = "→" if item.src is Side.CLIENT else "←"  # the client is on the left, the server on the right
    text = Text(style="reverse" if highlighted else "")
    text.append(f"{'▸' if highlighted else ' '}{position} ", style="bold")
    text.append(f"{arrow} ", style="bold")
    style = "bold red" if RST in item.segment.flags else ""
    text.append(f"#{item.serial} {describe_item(item, world.symbols, as_symbols)}", style=style)
    if from_older_connection(item, world.endpoint(item.src)):
        text.append(f" {ui('wire.old', lang)}", style="bold yellow")
    return text
