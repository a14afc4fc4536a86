"""What every full screen shares: an 'enlarge to 80×24' message instead of a broken layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static

from ...text import ui

if TYPE_CHECKING:
    from textual import getters

    from ..app import TcptuiApp
    from ..widgets.lines import PagedLines

MIN_WIDTH, MIN_HEIGHT = 80, 24


class FitScreen(Screen[None]):
    """Shows its `.body` only when the terminal is at least 80×24. A screen with a pane of long text
    (a verdict) names it in `paged_pane`; PgDn and PgUp (actions verdict_more, verdict_back) page it
    and show in the key bar only while they do something."""

    if TYPE_CHECKING:  # self.app as the checker sees it: tcptui's app (Textual types its own the same way)
        app = getters.app(TcptuiApp)

    def paged_pane(self) -> PagedLines | None:
        """Hook: the PagedLines widget that PgDn and PgUp page, if any."""
        return None

    def action_verdict_more(self) -> None:
        """The rest of a long explanation."""
        if (pane := self.paged_pane()) is not None:
            pane.scroll_more(1)

    def action_verdict_back(self) -> None:
        """Back up a long explanation."""
        if (pane := self.paged_pane()) is not None:
            pane.scroll_more(-1)

    def too_small_message(self) -> Static:
        """The message shown in place of the layout (compose it last)."""
        return Static(id="too-small")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Behind the 'enlarge' message no key does anything unseen (quitting still works)."""
        if self.has_class("-too-small") and action not in ("quit", "back") and parameters != ("quit",):
            return False
        if action in ("verdict_more", "verdict_back"):
            pane = self.paged_pane()
            return pane is not None and bool(pane.more_below if action == "verdict_more" else pane.more_above)
        return super().check_action(action, parameters)

    def takes_key(self, key: str) -> bool:
        """Behind the 'enlarge' message only the screen's and the app's own keys (going back, quitting)
        get through: the widgets beneath were never laid out, and theirs (PgDn in a list) would fail."""
        if not self.has_class("-too-small"):
            return True
        active = self.active_bindings.get(key)
        return active is not None and active.enabled and active.node in (self, self.app)

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        if small:
            message = ui("screen.too-small", self.app.prefs.lang, width=event.size.width, height=event.size.height)
            self.query_one("#too-small", Static).update(message)


class ListScreen(FitScreen):
    """A list to choose from (the puzzles, the study map's topics), what the highlighted item holds
    below it, and the key bar; `reload()` draws it on mount and whenever the screen comes back (a
    puzzle solved, an exam taken: what the list shows may have changed). While the text below goes
    on past its pane, PgDn and PgUp page it (and say so); otherwise they page the list."""

    LIST_ID = "list"
    PREVIEW_ID = "preview"
    BINDINGS = [
        Binding("pagedown", "verdict_more", "More", key_display="PgDn", priority=True),
        Binding("pageup", "verdict_back", "Back up", key_display="PgUp", show=False, priority=True),
    ]

    def paged_pane(self) -> PagedLines | None:
        from ..widgets.preview import Preview

        return self.query_one(Preview)

    def compose(self) -> ComposeResult:
        from ..widgets.keybar import KeyBar
        from ..widgets.preview import Preview

        with Vertical(classes="body"):
            yield Static(id="topbar")
            yield OptionList(id=self.LIST_ID)
            yield Preview(id=self.PREVIEW_ID)
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.query_one(OptionList).option_count:
            self.reload()

    def reload(self) -> None:
        """Read what the list shows and draw it."""
