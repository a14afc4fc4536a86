"""The ladder diagram of the whole game: the record of every segment, scrolled to the newest.

A ScrollView using Textual's line API: the rows are laid out once per change (tcptui.ladder) and
served line by line. Growing the ladder changes only its virtual size, never the screen's layout,
so a move repaints the ladder's own lines and nothing else.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...ladder import Row, render_lines
from ..look import TAG_STYLE

_STYLES = {tag: Style.parse(style) if style else Style() for tag, style in TAG_STYLE.items()}


class LadderView(ScrollView):
    """Renders ladder rows to fit its width; re-lays them out when resized."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self._strips: list[Strip] = []
        self._width = 0

    def show(self, rows: list[Row]) -> None:
        """Draw these rows and keep the newest in view (unchanged rows are not redrawn)."""
        if rows == self._rows:
            return
        self._rows = rows
        self._lay_out()

    @property
    def text(self) -> str:
        """The ladder as plain text (what the tests and a screen reader see)."""
        return "\n".join(strip.text for strip in self._strips)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._lay_out()
        else:
            self.keep_in_view()

    def keep_in_view(self) -> None:
        """Hook: after a change of height alone (a two-line menu in the key bar takes a row)."""

    def _lay_out(self) -> None:
        width = self.size.width - 1  # one column for the scrollbar
        if width < 1:
            return  # not laid out yet: on_resize does it
        self._width = self.size.width
        self._strips = [
            Strip([Segment(text, _STYLES.get(tag, _STYLES[""])) for text, tag in line])
            for line in render_lines(self._rows, width)
        ]
        if self.virtual_size != (size := Size(width, len(self._strips))):
            self.virtual_size = size
        # force: the first time the rows overflow, the scroll bar (and so vertical scrolling) is not
        # there yet; without it the newest row stayed hidden until the next move
        self.scroll_to(y=max(0, len(self._strips) - self.size.height), animate=False, immediate=True, force=True)
        self.refresh_lines(self.scroll_offset.y, self.size.height)  # the lines, not the border

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        if 0 <= index < len(self._strips):
            return self._strips[index].extend_cell_length(self.size.width, self.rich_style).apply_style(self.rich_style)
        return Strip.blank(self.size.width, self.rich_style)


_CURRENT = Style(reverse=True)


class SteppedLadder(LadderView):
    """A ladder walked row by row (the replay): the current row in reverse video, kept in view;
    a click on a row posts `Picked` with its index."""

    class Picked(Message):
        """The player clicked row `index`."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    can_focus = False  # the screen's arrow keys step through the rows; the wheel still scrolls
    current: int | None = None

    def step_to(self, index: int) -> None:
        """Highlight row `index` instead of the current one, scrolling only if it is out of view."""
        old, self.current = self.current, index
        top, height = self.scroll_offset.y, self.size.height
        if height and not top <= index < top + height:
            # force, as in _lay_out: when the replay opens, the rows have only just overflowed and the
            # scroll bar is not there yet; unforced, the scroll was dropped and the row stayed hidden
            self.scroll_to(y=max(0, index - height // 2), animate=False, immediate=True, force=True)
            self.refresh()
            return
        for row in (old, index):
            if row is not None and top <= row < top + height:
                self.refresh_lines(row)  # (ScrollView's lines are the virtual ones)

    def _lay_out(self) -> None:
        super()._lay_out()
        current = self.current
        if current is not None:  # the base keeps the newest row in view; keep the current one
            self.current = None
            self.step_to(current)

    def keep_in_view(self) -> None:
        """The marked row stays in view when the ladder grows shorter."""
        if self.current is not None:
            self.step_to(self.current)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        return strip.apply_style(_CURRENT) if y + self.scroll_offset.y == self.current else strip

    def on_click(self, event) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._strips):
            self.post_message(self.Picked(index))


class HistoryLadder(SteppedLadder, inherit_bindings=False):
    """The play screen's ladder: the row of the move whose verdict is shown is marked (the newest,
    until the player reads an older one). With focus (a click), ↑/↓ move the mark, as a click on a
    row does: each posts `Picked`, and the screen shows that move's verdict again."""

    BINDINGS = [Binding("up,k", "step(-1)", "Earlier", show=False), Binding("down,j", "step(1)", "Later", show=False)]
    can_focus = True

    def _lay_out(self) -> None:
        LadderView._lay_out(self)  # the newest row in view; the screen marks the row it shows next

    def step_to(self, index: int) -> None:
        """Mark row `index`, scrolling as little as keeps it in view (the newest row stays at the
        bottom, where a move just drew it: only the two marked lines are repainted)."""
        top, height = round(self.scroll_offset.y), self.size.height
        if height and not top <= index < top + height:
            old, self.current = self.current, index
            self.scroll_to(y=index if index < top else index - height + 1, animate=False, immediate=True, force=True)
            self.refresh()
            return
        old, self.current = self.current, index
        for row in (old, index):
            if row is not None and top <= row < top + height:
                self.refresh_lines(row)  # (ScrollView's lines are the virtual ones)

    def action_step(self, step: int) -> None:
        if self.current is not None and self._strips:
            self.post_message(self.Picked(max(0, min(len(self._strips) - 1, self.current + step))))
