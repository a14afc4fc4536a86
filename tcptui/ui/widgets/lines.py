"""A widget that shows Rich renderables and, when they change, repaints only the lines that did.

Textual repaints a Static's whole region on every update; over SSH every repainted line costs
bytes. The panels of the play screen change one or two lines per move (RCV.NXT, the state), so
they lay their content out to strips, compare with what is on screen, and refresh just those.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


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
