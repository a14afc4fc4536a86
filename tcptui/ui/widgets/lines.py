"""A widget that shows Rich renderables and, when they change, repaints only the lines that did.

Textual repaints a Static's whole region on every update; over SSH every repainted line costs
bytes. The panels of the play screen change one or two lines per move (RCV.NXT, the state), so
they lay their content out to strips, compare with what is on screen, and refresh just those.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

_MARK_STYLE = Style(bold=True, reverse=True)


class LineWidget(ScrollView):
    """Call `set(renderable)`; read `.text` for what it shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._renderable = None
        self._footer = None
        self._strips: list[Strip] = []

    @property
    def text(self) -> str:
        """The lines shown, as plain text."""
        return "\n".join(strip.text.rstrip() for strip in self._strips)

    def set(self, renderable, footer=None) -> None:
        """Show `renderable`, repainting the lines that differ from what is shown now; `footer`
        (one line) stays pinned to the bottom line, whatever the length of the rest."""
        self._renderable = renderable
        self._footer = footer
        self._lay_out(everything=False)

    def on_resize(self) -> None:
        self._lay_out(everything=True)

    def _lay_out(self, everything: bool) -> None:
        width = self.scrollable_content_region.width
        if width < 1 or self._renderable is None:
            return  # not laid out yet: on_resize does it
        console = self.app.console
        lines = console.render_lines(self._renderable, console.options.update_width(width), pad=False)
        strips = [Strip(line).crop_extend(0, width, None) for line in lines]
        room = self.size.height - (1 if self._footer is not None else 0)
        if self._footer is not None:
            strips = strips[:room]
        if len(strips) < room:  # pad to the height: blank lines stay unchanged, unpainted
            strips += [Strip.blank(width)] * (room - len(strips))
        if self._footer is not None:
            footer = console.render_lines(self._footer, console.options.update_width(width), pad=False)[:1]
            strips += [Strip(line).crop_extend(0, width, None) for line in footer]
        old, self._strips = self._strips, strips
        if everything or len(old) != len(strips):
            if self.virtual_size != (size := Size(width, len(strips))):
                self.virtual_size = size
            self.refresh_lines(0, max(len(old), len(strips)))  # the lines, not the border
            return
        for y, (before, after) in enumerate(zip(old, strips, strict=True)):
            if before.text != after.text or list(before) != list(after):
                self.refresh_lines(y)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if 0 <= index < len(self._strips):
            return self._strips[index].crop_extend(0, width, self.rich_style).apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)


class PagedLines(LineWidget):
    """A LineWidget for text that may be longer than the pane (a verdict and its explanation): while
    more follows, a mark on its last line says how much and which key shows it; `scroll_more` pages
    (the screen binds PgDn/PgUp to it), and the mouse wheel scrolls it. Each new text starts at its top."""

    def more_mark(self, lines: int) -> str:
        """Hook: the mark's words ('▼ 3 more · PgDn'), in the player's language."""
        return f"▼ {lines} · PgDn"

    @property
    def more_below(self) -> int:
        """Lines of text below the pane."""
        return max(0, round(self.max_scroll_y - self.scroll_offset.y))

    @property
    def more_above(self) -> int:
        return max(0, round(self.scroll_offset.y))

    def set(self, renderable, footer=None) -> None:
        super().set(renderable, footer)
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def scroll_more(self, pages: int) -> None:
        """Scroll by `pages` of the pane's height (negative: back up); the last line of a page is the
        first of the next, so nothing read under the mark is missed."""
        self.scroll_lines(pages * max(1, self.size.height - 1))

    def scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + lines, animate=False, immediate=True, force=True)
        self.refresh()
        self.screen.refresh_bindings()  # the key bar shows PgDn / PgUp only while they do something

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self.more_below:
            event.prevent_default()
            event.stop()
            self.scroll_lines(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self.more_above:
            event.prevent_default()
            event.stop()
            self.scroll_lines(-1)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if y != self.size.height - 1 or not (below := self.more_below):
            return strip
        mark = f" {self.more_mark(below)} "
        width = strip.cell_length
        mark_strip = Strip([Segment(mark, _MARK_STYLE)]).crop(0, width)
        return Strip.join([strip.crop(0, width - mark_strip.cell_length), mark_strip])
