"""The pane under a list (the puzzles, the scenarios, the study map) that says what the highlighted
item holds. A story longer than the pane is not cut silently: as the verdict pane does, its last
line says how much more follows and that PgDn shows it (tcptui.ui.screens.base.ListScreen)."""

from __future__ import annotations

from rich.text import Text

from .lines import PagedLines
from .verdict import more_mark


class Preview(PagedLines):
    """Call `update(renderable, lang)` as on a Static; `.text` is what it shows."""

    shown = None  # what it was given last (all of it, the lines below the pane too)
    lang = "en"  # the mark's language

    def update(self, renderable, lang: str) -> None:
        self.lang = lang
        self.shown = Text(renderable) if isinstance(renderable, str) else renderable  # words, not markup
        self.set(self.shown)
        if self.is_mounted:
            self.screen.refresh_bindings()  # the key bar shows PgDn while there is more to read

    def more_mark(self, lines: int) -> str:
        return more_mark(lines, self.lang)
