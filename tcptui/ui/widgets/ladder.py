"""The ladder diagram of the whole game: the record of every segment, scrolled to the newest."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...ladder import Row, render_lines
from ..look import TAG_STYLE


class LadderView(VerticalScroll):
    """Renders ladder rows to fit its width; re-renders when resized."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self._body = Static(id="ladder-body")

    def compose(self):
        yield self._body

    def show(self, rows: list[Row]) -> None:
        """Draw these rows and keep the newest in view."""
        self._rows = rows
        self._draw()
        self.call_after_refresh(self.scroll_end, animate=False)

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.size.width - 1  # one column for the scrollbar
        if width < 1:
            return  # not laid out yet: on_resize draws it
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, line in enumerate(render_lines(self._rows, width)):
            if i:
                text.append("\n")
            for part, tag in line:
                text.append(part, style=TAG_STYLE.get(tag, ""))
        self._body.update(text)
