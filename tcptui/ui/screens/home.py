"""The home screen: Play, Puzzles, Exam, Replay a capture, Settings, Language, Quit."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from .base import FitScreen

ITEMS = (
    ("play", "p"),
    ("puzzles", "z"),
    ("exam", "e"),
    ("replay", "r"),
    ("settings", "s"),
    ("lang", "L"),
    ("quit", "q"),
)

LOGO = r"""
 _            _         _
| |_ ___ _ __| |_ _   _(_)
| __/ __| '_ \ __| | | | |
| || (__| |_) | |_| |_| | |
 \__\___| .__/ \__|\__,_|_|
        |_|
"""


class HomeScreen(FitScreen):
    """A menu; each item also has a letter key."""

    BINDINGS = [Binding(key, f"open('{name}')", name, show=False) for name, key in ITEMS] + [
        Binding("l", "open('lang')", "lang", show=False)
    ]  # L everywhere else; l here too

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            with Center():
                yield Static(Text(LOGO.strip("\n"), style="bold"), id="logo")
            with Center():
                yield Static(id="tagline")
            with Center():
                yield OptionList(id="menu")
            with Center():
                yield Static(id="home-footer")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.apply_prefs()
        self.query_one(OptionList).focus()

    def apply_prefs(self) -> None:
        """Draw the menu in the current language."""
        lang = self.app.prefs.lang
        self.query_one("#tagline", Static).update(ui("home.tagline", lang))
        self.query_one("#home-footer", Static).update(ui("home.footer", lang))
        menu = self.query_one(OptionList)
        keep = menu.highlighted or 0
        menu.clear_options()
        for name, key in ITEMS:
            label = ui(f"home.{name}", lang)
            label += " " * max(0, 18 - cell_len(label))  # hints in one column, CJK-wide labels too
            menu.add_option(
                Option(
                    Text.assemble((f" {key} ", "bold reverse"), f"  {label}", (ui(f"home.{name}.hint", lang), "dim"))
                )
            )
        menu.highlighted = keep

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(ITEMS[event.option_index][0])

    def action_open(self, name: str) -> None:
        """Go where the item says."""
        app = self.app
        if name == "play":
            app.open_play()
        elif name == "settings":
            app.open_settings()
        elif name == "lang":
            app.toggle_lang()
        elif name == "quit":
            app.exit()
        else:
            app.open_section(name)
