"""The home screen: Play, Puzzles, Exam, Replay a capture, Lab, Settings, Language, Quit.

The Lab is greyed out where it cannot run, the one-line reason above the keys (tcptui.lab.support):
that is checked once, after the first frame (it tries a network namespace)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from ..look import counted
from .base import FitScreen

ITEMS = (
    ("tutorial", "u"),
    ("play", "p"),
    ("resume", "c"),  # shown only when a sandbox game is kept
    ("scenarios", "n"),
    ("puzzles", "z"),
    ("exam", "e"),
    ("topics", "t"),
    ("replay", "r"),
    ("lab", "k"),  # greyed out, with the reason, where the lab cannot run
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

    kept = None  # the last sandbox game (tcptui.games.GameFile), if one is kept
    lab_missing: tuple | None = None  # why the lab cannot run here (support.missing()), once checked

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"open('{name}')", name, show=False) for name, key in ITEMS),
        Binding("l", "open('lang')", "lang", show=False),  # L everywhere else; l here too
    ]

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
        self.call_after_refresh(self._check_lab)

    def _check_lab(self) -> None:
        from ...lab.support import missing

        self.lab_missing = missing()
        if self.lab_missing is not None:
            self.add_class("-lab-missing")  # the reason takes the footer's margin
            self.apply_prefs()

    def lab_problem(self, lang: str) -> str | None:
        """The one-line reason the lab cannot run here, in `lang` (None: it can, or not checked yet)."""
        if self.lab_missing is None:
            return None
        key, facts = self.lab_missing
        return ui(key, lang, **facts)

    def on_screen_resume(self) -> None:
        """Back from the sandbox: the kept game (Continue) may be new."""
        if self.is_mounted:
            self.apply_prefs()

    @property
    def items(self) -> list[tuple[str, str]]:
        """The menu's items now: Continue only when there is a game to continue."""
        return [(name, key) for name, key in ITEMS if name != "resume" or self.kept is not None]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if parameters == ("resume",) and self.kept is None:
            return False
        return super().check_action(action, parameters)

    def apply_prefs(self) -> None:
        """Draw the menu in the current language."""
        lang = self.app.prefs.lang
        self.query_one("#tagline", Static).update(ui("home.tagline", lang))
        footer = Text(ui("home.footer", lang))
        if (problem := self.lab_problem(lang)) is not None:  # the Lab's reason, above the keys
            footer = Text.assemble(("⚠ " + problem, "bold"), "\n", footer)
        self.query_one("#home-footer", Static).update(footer)
        from .. import saved

        self.kept = saved.last_game(self.app)
        menu = self.query_one(OptionList)
        keep = menu.highlighted or 0
        menu.clear_options()
        for name, key in self.items:
            label = ui(f"home.{name}", lang)
            label += " " * max(0, 18 - cell_len(label))  # hints in one column, CJK-wide labels too
            hint = counted(f"home.{name}.hint", lang, len(self.kept.moves) if self.kept else 0)
            missing = name == "lab" and self.lab_missing is not None
            hint = ui("home.lab.missing", lang) if missing else hint
            prompt = Text.assemble((f" {key} ", "bold reverse"), f"  {label}", (hint, "dim"))
            menu.add_option(Option(prompt, disabled=missing))
        menu.highlighted = min(keep, menu.option_count - 1)

    def palette_entries(self, lang: str) -> list:
        """The menu, as the palette lists it: each item's name, hint and key."""
        from ..palette import Entry

        return [
            Entry(
                ui(f"home.{name}", lang),
                ui(f"home.{name}.hint", lang, n=len(self.kept.moves) if self.kept else 0),
                key,
                lambda name=name: self.action_open(name),
            )
            for name, key in self.items
        ]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open(self.items[event.option_index][0])

    def action_open(self, name: str) -> None:
        """Go where the item says."""
        app = self.app
        if name == "play":
            app.open_play()
        elif name == "resume":
            if self.kept is not None:
                app.open_play(self.kept)
        elif name == "settings":
            app.open_settings()
        elif name == "lang":
            app.toggle_lang()
        elif name == "quit":
            app.exit()
        elif name == "lab" and (problem := self.lab_problem(app.prefs.lang)):
            self.notify(problem, severity="warning")
        else:
            app.open_section(name)
