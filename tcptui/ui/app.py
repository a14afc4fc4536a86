"""The Textual application: screens, the player's preferences, language, the command palette.

One app factory (`make_app`) serves the command line, the tests and the snapshot scripts.
"""

from __future__ import annotations

import os
from collections import namedtuple

from textual.binding import Binding
from textual.screen import Screen

from ..text import ui
from . import textual_fixes  # noqa: F401 - applied on import
from .prefs import Prefs, save_prefs
from .typeahead import TypeAhead


class TcptuiApp(TypeAhead):
    """tcptui: a game and trainer for the TCP state machine."""

    CSS_PATH = "tcptui.tcss"
    TITLE = "tcptui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {lambda: _palette_commands()}  # every action, in the player's language (imported when opened)
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("G", "glossary", "Glossary", show=False),  # on every screen (a text field types it)
    ]
    SECTIONS = ("puzzles", "exam", "topics", "replay", "lab")  # home's sections, opened by open_<name> (or `start=`)

    def __init__(
        self,
        prefs: Prefs,
        start: str = "home",
        seed: int = 0,
        persist: bool = True,
        data_dir: str | None = None,
        exam=None,
        capture=None,
        resume=None,
        saved_prefs: Prefs | None = None,
        opening=None,
        lab=None,
        **kwargs,
    ) -> None:
        # NO_COLOR: plain ANSI, so Textual strips colours and keeps bold, reverse and underline
        # (its grey "monochrome" would make red text dark grey on black).
        kwargs.setdefault("ansi_color", True if "NO_COLOR" in os.environ else None)
        super().__init__(**kwargs)
        self.prefs = prefs  # this session's: the saved ones with the command line's options over them
        self.saved_prefs = saved_prefs or prefs  # what is on disk; a change the player makes is saved into it
        self.start = start
        self.seed = seed
        self.persist = persist  # tests and screenshots do not write the player's settings
        self.data_dir = data_dir  # where progress is kept (None: $TCPTUI_DATA_DIR, else the user data dir)
        self.exam_options = exam  # `tcptui exam`'s --minutes, --topic, --seed (an ExamOptions), if given
        self.capture = capture  # `tcptui replay CAPTURE`'s (capture.browse.Loaded, --conn), if given
        self.resume = resume  # `tcptui play --resume` or `--moves FILE`: the game to reopen (games.GameFile)
        self.opening = opening or Opening()  # what `tcptui play` opens besides (a scenario, a puzzle, the tutorial)
        self.lab_options = lab  # `tcptui lab`'s settings and outputs (screens.lab.LabOptions), if given
        self.lab_errors: list[str] = []  # what the lab could not write when it was left (said after the app)

    def on_mount(self) -> None:
        from .terminal import watch_terminal

        watch_terminal(self)
        if self.opening.tutorial:
            self.open_tutorial()  # the first run: the guided handshake (the home screen comes after)
        elif self.start == "play" and self.opening.puzzle is not None:
            self.open_puzzle(self.opening.puzzle)
        elif self.start == "play":
            # the home screen is built only if the player goes back to it
            self.open_play(self.resume, scenario=self.opening.scenario, auto=self.opening.auto)
        elif self.start in self.SECTIONS:
            self.open_section(self.start)
        else:
            self.open_home()

    def open_home(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())

    # -- navigation ----------------------------------------------------------------------------

    def open_play(self, game=None, *, scenario=None, auto: bool = False) -> None:
        """Open the sandbox: a new game, `game` (a tcptui.games.GameFile) played again to where it was
        (with `auto`, from its start, a move a step), or a scenario (puzzle.scenario.Scenario)."""
        from .screens.play import PlayScreen, new_world

        if scenario is not None:
            self.play_under(scenario.start.profile, scenario.start.replies)
            self.push_screen(PlayScreen(scenario=scenario))
            return
        if game is None:
            self.push_screen(PlayScreen(new_world(self.prefs, self.seed)))
            return
        self.play_under(game.profile, game.replies)
        self.push_screen(PlayScreen(game=game.game(), auto=auto))

    def play_under(self, rules, replies) -> None:
        """This session plays under these rules (a kept game's, a scenario's); none of it is saved."""
        from ..core.profile import Profile

        usual = Profile.named(rules.name)
        self.prefs = self.prefs._replace(
            profile=rules.name.value,
            timewait_syn=None if rules.timewait_syn is usual.timewait_syn else rules.timewait_syn.value,
            rfc1337=None if rules.rfc1337 == usual.rfc1337 else rules.rfc1337,
            replies=replies.value,
        )

    def open_puzzle(self, puzzle) -> None:
        """One puzzle (a file of the player's own: `tcptui play --puzzle FILE`)."""
        from .screens.puzzle import PuzzleScreen

        self.push_screen(PuzzleScreen(puzzle))

    def open_tutorial(self) -> None:
        """The guided first run (again from the home screen any time); it counts as seen once opened."""
        from . import saved
        from .screens.tutorial import TutorialScreen

        self.opening = self.opening._replace(tutorial=False)
        saved.set_tutorial_seen(self)
        self.push_screen(TutorialScreen())

    def open_scenarios(self) -> None:
        """The scenarios: the bundled ones, then the player's own."""
        from .screens.scenarios import ScenarioListScreen

        self.push_screen(ScenarioListScreen())

    def action_glossary(self) -> None:
        """The glossary, one key (G) away on every screen."""
        from .screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def open_section(self, name: str) -> None:
        """Puzzles, Exam, Replay: each opens its own screen (`open_<name>`; a notice until it exists)."""
        opener = getattr(self, f"open_{name}", None)
        if opener is not None:
            opener()
        else:
            self.notify(ui(f"home.{name}.hint", self.prefs.lang), title=ui(f"home.{name}", self.prefs.lang))

    def open_puzzles(self) -> None:
        """The puzzle list: chapters, stars, what is new."""
        from .screens.puzzles import PuzzleListScreen

        self.push_screen(PuzzleListScreen())

    def open_topics(self) -> None:
        """The study map: every topic, what covers it, and the way into its puzzle."""
        from .screens.topics import TopicsScreen

        self.push_screen(TopicsScreen())

    def open_exam(self) -> None:
        """The exam's start screen (questions, time, topics, exam date)."""
        from .screens.exam_start import ExamOptions, ExamStartScreen

        self.push_screen(ExamStartScreen(self.exam_options or ExamOptions()))

    def open_replay(self) -> None:
        """Replay a capture: the one named on the command line, else ask for one."""
        from .screens.replay_open import ask_capture, show_capture

        if self.capture is not None:
            (loaded, conn), self.capture = self.capture, None
            show_capture(self, loaded, conn)
        else:
            ask_capture(self)

    def open_lab(self) -> None:
        """Two real Linux kernels and the player as the wire between them (screens/lab.py)."""
        from .screens.lab import open_lab

        open_lab(self, self.lab_options)

    def leave(self, screen: Screen) -> None:
        """Back from a screen: to the one beneath it, to the home screen, or out from the home screen."""
        from .screens.home import HomeScreen

        if isinstance(screen, HomeScreen):
            self.exit()
        elif len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    def screen_takes_key(self, key: str) -> bool:
        """A screen may refuse keys before any widget sees them (FitScreen behind its 'enlarge' message)."""
        takes = getattr(self.screen, "takes_key", None)
        return takes is None or takes(key)

    def screen_holds_keys(self) -> bool:
        """A screen may hold the keys typed ahead while it waits (the lab, for a kernel's timer)."""
        holds = getattr(self.screen, "holds_keys", None)
        return holds is not None and holds()

    def screen_interrupts(self, key: str) -> bool:
        interrupts = getattr(self.screen, "interrupts", None)
        return interrupts is not None and interrupts(key)

    # -- preferences -----------------------------------------------------------------------------

    def set_prefs(self, prefs: Prefs) -> None:
        """Apply new preferences to every open screen, and keep for the next start what the player
        changed — only that: an option given on the command line holds for this session alone."""
        changed = {
            field: value
            for field, value in zip(Prefs._fields, prefs, strict=True)
            if getattr(self.prefs, field) != value
        }
        self.prefs = prefs
        if changed:
            self.saved_prefs = self.saved_prefs._replace(**changed)
            if self.persist:
                save_prefs(self.saved_prefs)
        for screen in self.screen_stack:
            if hasattr(screen, "apply_prefs"):
                screen.apply_prefs()

    def toggle_lang(self) -> None:
        """Switch between Chinese and English without losing anything."""
        self.set_prefs(self.prefs._replace(lang="en" if self.prefs.lang == "zh" else "zh"))

    def open_settings(self) -> None:
        from .screens.settings import SettingsScreen

        def chosen(prefs: Prefs | None) -> None:
            if prefs is not None:  # saved (Escape: None)
                self.set_prefs(prefs)

        self.push_screen(SettingsScreen(self.prefs, self.saved_prefs), chosen)

    # -- the command palette reaches every action of the current screen (ui/palette.py) ------------

    def action_command_palette(self) -> None:
        """Textual's palette (closed once only), its prompt in the player's language."""
        from textual.command import CommandPalette

        from .palette import Palette

        # (is_open takes an App[object], and App is invariant in its result: ours is App[None])
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = ui("palette.placeholder", self.prefs.lang)
            self.push_screen(Palette(placeholder=placeholder, id="--command-palette"))

    def key_settle_delay(self) -> float:
        """The palette searches in a worker: keys typed ahead into it are given it 50 ms apart."""
        from textual.command import CommandPalette

        return 0.05 if isinstance(self.screen, CommandPalette) else 0.0


class Opening(namedtuple("Opening", "scenario puzzle auto tutorial", defaults=(None, None, False, False))):
    """What `tcptui` or `tcptui play` opens besides the usual: a scenario, a puzzle file, a game played
    back from its start (`auto`), or the tutorial (the first run)."""

    __slots__ = ()


def _palette_commands():
    """The palette's provider (ui/palette.py), imported when the palette first opens: textual.command
    costs the first frame a few milliseconds."""
    from .palette import Commands

    return Commands


def make_app(
    prefs: Prefs,
    start: str = "home",
    seed: int = 0,
    persist: bool = True,
    data_dir: str | None = None,
    exam=None,
    capture=None,
    resume=None,
    saved_prefs: Prefs | None = None,
    opening: Opening | None = None,
    lab=None,
) -> TcptuiApp:
    """The app, as the command line, the tests and the screenshot script make it."""
    return TcptuiApp(
        prefs,
        start=start,
        seed=seed,
        persist=persist,
        data_dir=data_dir,
        exam=exam,
        capture=capture,
        resume=resume,
        saved_prefs=saved_prefs,
        opening=opening,
        lab=lab,
    )
