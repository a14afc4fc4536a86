"""The Textual application: screens, the player's preferences, language, the command palette.

One app factory (`make_app`) serves the command line, the tests and the snapshot scripts.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..text import ui
from .prefs import Prefs, save_prefs
from .widgets.keybar import binding_label


class TcptuiApp(App):
    """tcptui: a game and trainer for the TCP state machine."""

    CSS_PATH = "tcptui.tcss"
    TITLE = "tcptui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, prefs: Prefs, start: str = "home", seed: int = 0, persist: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.prefs = prefs
        self.start = start
        self.seed = seed
        self.persist = persist  # tests and screenshots do not write the player's settings

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start == "play":
            self.open_play()

    # -- navigation ----------------------------------------------------------------------------

    def open_play(self) -> None:
        """Open the sandbox."""
        from .screens.play import PlayScreen, new_world

        self.push_screen(PlayScreen(new_world(self.prefs, self.seed)))

    def open_section(self, name: str) -> None:
        """Puzzles, Exam, Replay: each opens its own screen."""
        self.notify(ui(f"home.{name}.hint", self.prefs.lang), title=ui(f"home.{name}", self.prefs.lang))

    def leave(self, screen: Screen) -> None:
        """Back from a screen: to the home screen, or out if it is the last one."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.exit()

    # -- preferences -----------------------------------------------------------------------------

    def set_prefs(self, prefs: Prefs) -> None:
        """Apply new preferences to every open screen, and keep them for the next start."""
        self.prefs = prefs
        if self.persist:
            save_prefs(prefs)
        for screen in self.screen_stack:
            if hasattr(screen, "apply_prefs"):
                screen.apply_prefs()

    def toggle_lang(self) -> None:
        """Switch between Chinese and English without losing anything."""
        self.set_prefs(self.prefs._replace(lang="en" if self.prefs.lang == "zh" else "zh"))

    def open_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.prefs), lambda prefs: prefs and self.set_prefs(prefs))

    # -- the command palette reaches every action of the current screen ---------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.prefs.lang
        seen = set()
        for binding in getattr(screen, "BINDINGS", []):
            if binding.action in seen or binding.action.startswith("pick"):
                continue
            seen.add(binding.action)
            label = binding_label(binding, lang)
            helptext = ui(f"help.{binding.action}", lang)
            yield SystemCommand(label, "" if helptext.startswith("help.") else helptext,
                                lambda action=binding.action: screen.run_action(action))
        yield SystemCommand(ui("key.quit", lang), ui("help.quit", lang), self.action_quit)


def make_app(prefs: Prefs, start: str = "home", seed: int = 0, persist: bool = True) -> TcptuiApp:
    """The app, as the command line, the tests and the screenshot script make it."""
    return TcptuiApp(prefs, start=start, seed=seed, persist=persist)
