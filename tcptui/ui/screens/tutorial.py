"""The guided first run: the §2 handshake played with the student, step by step (tcptui.tutorial).

The sandbox itself, with a pane of instructions above the ladder: each step says what it is about,
names the keys of the move to make (drawn as the key bar draws keys), and outlines the panel that
matters now. Only that move is made; any other is named and left unmade. The last step hands over
("now try the close") and the screen stays a sandbox: from then on the game is the sandbox's own,
kept as its last game (the home screen's Continue, `tcptui play --resume`), and the step's pane
shrinks to one line once the student moves, and goes once the close is done. Esc leaves at any
step; the home screen opens the tutorial again any time.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from ...core.moves import AppCall
from ...core.states import Call, Side, State
from ...text import ui
from ...text.wrap import Prose
from ...tutorial import STEPS, start_world
from ..look import describe_move
from .play import PlayScreen, keycaps, move_keys

_TARGETS = {"client": "#client", "server": "#server", "wire": "#wire", "ladder": "#ladder", "verdict": "#verdict"}
HAND_OVER = AppCall(Side.CLIENT, Call.CLOSE)  # what the last step suggests


def same_move(a, b) -> bool:
    """Moves are namedtuples, which compare as plain tuples (Drop(0) == Deliver(0)): the kind must match too."""
    return type(a) is type(b) and a == b


class TutorialScreen(PlayScreen):
    """The sandbox with a script."""

    BINDINGS = PlayScreen.BINDINGS + [Binding("escape", "back", "Leave", key_display="Esc")]

    def __init__(self, **kwargs) -> None:
        super().__init__(start_world(), title_key="tutorial.title", **kwargs)
        self.step = 0
        self.refused = None  # a move the current step did not ask for
        self.handed_at: int | None = None  # the moves made when the script handed over

    @property
    def handed_over(self) -> bool:
        return STEPS[self.step].move is None

    @property
    def keeps_game(self) -> bool:  # type: ignore[override]  # (a class attribute on the sandbox, a state here)
        """The script's game is not the player's own until it hands over; then it is the sandbox's."""
        return self.handed_over

    def extra_panes(self) -> ComposeResult:
        yield Static(id="tutorial")

    @property
    def as_symbols(self) -> bool:
        return True  # the notes' x and y

    def welcome(self, lang: str) -> str:
        return ui("tutorial.verdict", lang)

    def render_game(self, outcome=None) -> None:
        super().render_game(outcome)
        self.render_tutorial()

    def render_tutorial(self) -> None:
        """The step's words with its keys, and the panel it is about outlined."""
        lang, step = self.app.prefs.lang, STEPS[self.step]
        pane = self.query_one("#tutorial", Static)
        if self.handed_over and self.handed_at is not None and len(self.game.history) > self.handed_at:
            self._render_sandbox(pane, lang)  # the student has taken over: the ladder needs the room
            return
        keys = keycaps(move_keys(step.move if step.move is not None else HAND_OVER))
        text = Text(ui("tutorial.step", lang, n=self.step + 1, total=len(STEPS)) + " · ", style="bold")
        text.append(ui(f"tutorial.step.{step.id}", lang) + "\n")
        text.append("▶ ", style="bold")
        text.append_text(keys)
        text.append("  " + ui(f"tutorial.do.{step.id}", lang), style="bold")
        if self.refused is not None:
            text.append("   " + ui("tutorial.wrong", lang, move=describe_move(self.refused, lang)), style="italic")
        pane.update(Prose(text))  # Chinese wraps between characters, never in a word
        for name, selector in _TARGETS.items():
            self.query_one(selector).set_class(name == step.target, "-tutorial-focus")

    def _render_sandbox(self, pane: Static, lang: str) -> None:
        """After the hand-over, once the student moves: one line (Esc, and that the game is kept),
        and nothing once the close is done (each end CLOSED, LISTEN or in TIME_WAIT, nothing in flight)."""
        world = self.game.world
        done = not world.wire and all(
            not ep.state.has_tcb or ep.state is State.TIME_WAIT for ep in (world.client, world.server)
        )  # no end is still closing: no connection left, or only TIME_WAIT's wait
        pane.display = not done
        pane.update(Text(ui("tutorial.sandbox", lang), style="bold", no_wrap=True, overflow="ellipsis"))
        for selector in _TARGETS.values():
            self.query_one(selector).set_class(False, "-tutorial-focus")

    def action_back(self) -> None:
        """Esc ends the tutorial at once; after the hand-over its game stays as the sandbox's last one."""
        if self.keeps_game and self.game.history:
            from .. import saved

            saved.keep_game(self.app, self.game)
        self.app.leave(self)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Until the hand-over, the script's moves only: no branch, no playback, no undo."""
        if STEPS[self.step].move is not None and action in ("whatif", "playback", "undo", "redo", "restart"):
            return False
        return super().check_action(action, parameters)

    def play(self, move) -> None:
        """The step's move goes on to the next step; another is named, not made (after the hand-over,
        every move is the player's own)."""
        step = STEPS[self.step]
        if step.move is not None and not same_move(move, step.move):
            self.refused = move
            self.render_tutorial()
            return
        self.refused = None
        if step.move is not None:
            self.step += 1
        elif self.handed_at is None:
            self.handed_at = len(self.game.history)  # the first move of the student's own
        super().play(move)
