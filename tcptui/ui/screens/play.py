"""The play screen: both endpoints, the wire between them, the ladder of the game, the verdicts.

The screen owns one core `Game` and the player's selection (which side acts, which segment in
flight). Every key becomes a core move; the core's Outcome is rendered by the widgets. Nothing
here decides what TCP does.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Static

from ...core.game import Game
from ...core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send, send_of
from ...core.segment import DEFAULT_DATA
from ...core.states import Call, Side, Timer
from ...core.validate import PALETTE, Kind
from ...core.world import World
from ...ladder import ladder_rows
from ...text import ui
from ..look import set_titles
from ..widgets.endpoint import EndpointPanel
from ..widgets.keybar import KeyBar
from ..autoplay import AUTOPLAY_BINDINGS, AutoPlay
from ..widgets.ladder import HistoryLadder, LadderView
from ..widgets.verdict import VerdictPane
from ..widgets.wire import WireList
from .base import FitScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from .choice import Choice

_KIND_KEYS = dict(zip(PALETTE, "1234567", strict=True))
_CALL_KEYS = {
    Call.LISTEN: "l",
    Call.CONNECT: "c",
    Call.SEND: "d",
    Call.SHUTDOWN: "s",
    Call.CLOSE: "f",
    Call.ABORT: "a",
    Call.READ: "r",
    Call.ACCEPT: "e",
    Call.CRASH: "k",
    Call.REUSEADDR: "u",
}
_TIMER_KEYS = {Timer.RTO: "r", Timer.TWO_MSL: "m", Timer.GIVE_UP: "g", Timer.KEEPALIVE: "k"}
_HOST_KEYS = {Crash: "!", Reboot: "r"}  # in the `!` menu (a host that is down only restarts)
# The sandbox's SYN floods: a few, about the default backlog, and far more (each a single move).
FLOODS = (Flood(10), Flood(100), Flood(1000), Flood(100_000))


def move_keys(move) -> str:
    """The keys that make `move` on the play screen: 's a l' (the server listens), '1 ⏎' (deliver
    segment 1), 'c p 3' (the client sends ACK) — as the palette, the tutorial and scenarios name them."""
    if isinstance(move, (Deliver, Drop, Duplicate)):
        return f"{move.index + 1} " + {Deliver: "⏎", Drop: "x", Duplicate: "d"}[type(move)]
    side = "c" if move.side is Side.CLIENT else "s"
    if isinstance(move, AppCall):
        return f"{side} a {_CALL_KEYS[move.call]}"
    if isinstance(move, Send):
        return f"{side} p {_KIND_KEYS.get(Kind.of(move.flags, move.length), '…')}"
    if isinstance(move, Fire):
        return f"{side} t {_TIMER_KEYS[move.timer]}"
    return f"{side} !"


def keycaps(keys: str) -> Text:
    """Keys as the key bar draws them: each in reverse video."""
    text = Text()
    for i, key in enumerate(keys.split()):
        text.append(" " if i else "")
        text.append(f" {key} ", style="bold reverse")
    return text


class Original(namedtuple("Original", "rows title game")):
    """The timeline a what-if branch left: its ladder rows (drawn beside the branch's), what the
    branch asks ('what if #3 SYN+ACK were lost'), and the sandbox Game to go back to when the branch
    is dropped (None when it came from a puzzle or a capture: dropping it leaves the screen)."""

    __slots__ = ()


def new_world(prefs, seed: int = 0) -> World:
    """A fresh sandbox: both hosts up, nothing open, the player's rules and reply mode."""
    return World.new(profile=prefs.rules, replies=prefs.reply_mode, seed=seed)


class PlayScreen(AutoPlay, FitScreen):
    """The sandbox: play both endpoints and the network.

    Reactive state: `side` (who the player acts for; the panels and menus follow it) and `reading`
    (the move whose verdict is read again: None for the last one, -1 for the start; the ladder marks
    its row). The game itself is a core Game, drawn by `render_game` after every change."""

    keeps_game = True  # the sandbox keeps its game for next time (a puzzle does not)
    PANEL = EndpointPanel  # each endpoint's widget (the lab's shows its kernel beside the engine)
    # vars: their watchers redraw just what depends on them (a reactive would repaint the whole screen)
    side: var[Side] = var(Side.CLIENT, init=False)
    reading: var[int | None] = var(None, init=False)

    # Binding objects only, and typed so: the screens built on this one (puzzle, tutorial, lab) read their
    # actions. Textual types BINDINGS as list[BindingType], which a list[Binding] cannot match (lists are
    # invariant), though Textual only ever reads it.
    BINDINGS: ClassVar[list[Binding]] = [  # type: ignore[assignment]
        *AUTOPLAY_BINDINGS,
        Binding("tab", "switch_side", "Side"),
        Binding("enter", "deliver", "Deliver", key_display="⏎", priority=True),
        Binding("x", "drop", "Drop"),
        Binding("p", "send", "Send…"),
        Binding("a", "call", "App…"),
        Binding("t", "timer", "Timer…"),
        Binding("u", "undo", "Undo"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("pagedown", "verdict_more", "More", key_display="PgDn"),
        Binding("pageup", "verdict_back", "Back up", show=False, key_display="PgUp"),
        Binding("left", "history(-1)", "Earlier move", show=False, key_display="←"),
        Binding("right", "history(1)", "Later move", show=False, key_display="→"),
        Binding("end", "history_now", "Last move", key_display="End"),  # in the bar only while reading
        Binding("d", "duplicate", "Duplicate", show=False),
        Binding("c", "side('client')", "Client", show=False),
        Binding("s", "side('server')", "Server", show=False),
        Binding("exclamation_mark", "crash", "Crash/restart", show=False, key_display="!"),
        Binding("F", "flood", "SYN flood", show=False),
        Binding("r", "redo", "Redo", show=False),
        Binding("R", "restart", "Restart", show=False),
        Binding("e", "export", "Export…", show=False),
        Binding("w", "whatif", "What if…", show=False),
        Binding("P", "playback", "Play back", show=False),
        Binding("comma", "settings", "Settings", show=False, key_display=","),
        Binding("L", "lang", "中文/EN", show=False),
        Binding("q", "back", "Back", show=False),
        *(Binding(str(n), f"pick({n})", f"Segment {n}", show=False) for n in range(1, 10)),
    ]

    def __init__(
        self,
        world: World | None = None,
        *,
        title_key: str = "play.title",
        game: Game | None = None,
        scenario=None,
        original: Original | None = None,
        auto: bool = False,
        **kwargs,
    ) -> None:
        """`scenario` (puzzle.scenario.Scenario): where the game starts and what its first screen says;
        `original`: a timeline this game branched from, drawn beside its ladder (what-if); `auto`: the
        game's moves are played back from its start at once."""
        super().__init__(**kwargs)
        if scenario is not None and world is None and game is None:
            world = scenario.start
        self.game = game if game is not None else Game(world if world is not None else new_world(self.app.prefs))
        self.title_key = title_key
        self.scenario = scenario
        self.original = original
        self.autoplay_at_start = auto
        self.set_reactive(PlayScreen.side, Side.CLIENT)
        self.rows: list = []  # the ladder's rows, as drawn
        self.note = ""
        self.menu: tuple[list[Choice], Callable[[Any], None]] | None = None  # while an inline menu is open

    # -- layout and rendering ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(id="topbar")
            with Horizontal(id="top"):
                yield self.PANEL(Side.CLIENT, id="client", classes="endpoint")
                yield WireList(id="wire")
                yield self.PANEL(Side.SERVER, id="server", classes="endpoint")
            yield from self.extra_panes()
            with Horizontal(id="ladders"):
                yield HistoryLadder(id="ladder")
                yield LadderView(id="original-ladder")
            yield VerdictPane(id="verdict")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def extra_panes(self) -> ComposeResult:
        """Hook: panes a subclass shows between the endpoints and the ladder (the puzzle's goal)."""
        return ()

    def on_mount(self) -> None:
        self.query_one(WireList).focus()
        self.render_game()
        if self.autoplay_at_start:
            self.action_playback()

    @property
    def as_symbols(self) -> bool:
        """Hook: numbers as the notes write them (x, y+1) or as 32-bit values; the player's choice here
        (a scenario's own, when it sets them)."""
        if self.scenario is not None:
            return self.scenario.numbers.value == "symbolic"
        return self.app.prefs.as_symbols

    def welcome(self, lang: str) -> str | Text:
        """Hook: what the verdict pane says before the first move — a scenario's story and the moves
        worth trying, else how to play and the keys of a first move."""
        if self.scenario is not None:
            from ..look import flow

            text = Text(self.scenario.title.get(lang), style="bold")
            if self.scenario.suggestions:  # the keys first: the story may run past the pane
                text.append("\n" + ui("scenario.try", lang))
                for i, suggestion in enumerate(self.scenario.suggestions):
                    text.append(" · " if i else " ")
                    text.append_text(keycaps(move_keys(suggestion.move)))
                    text.append(" " + suggestion.text.get(lang))
            text.append("\n" + flow(self.scenario.story.get(lang), lang))
            return text
        text = Text(ui("verdict.welcome", lang) + "\n")
        text.append(ui("verdict.first", lang) + " ")
        text.append_text(keycaps(move_keys(AppCall(Side.SERVER, Call.LISTEN))))
        text.append(" " + ui("verdict.first.listen", lang) + " · ")
        text.append_text(keycaps(move_keys(AppCall(Side.CLIENT, Call.CONNECT))))
        text.append(" " + ui("verdict.first.connect", lang))
        return text

    def render_game(self, outcome=None) -> None:
        """Draw everything from the game (after a move, an undo, a setting or a language change);
        the verdict pane goes back to the last move."""
        world = self.game.world
        lang, as_symbols = self.app.prefs.lang, self.as_symbols
        topbar = self.query_one("#topbar", Static)
        if topbar.content != (top := self.topbar(lang)):
            topbar.update(top)
        self.render_panels()
        wire = self.query_one(WireList)
        set_titles(wire, ui("wire.title", lang, n=len(world.wire)))
        wire.show(world, as_symbols, lang)
        self.rows = ladder_rows(self.game.start, self.game.history, as_symbols=as_symbols, lang=lang)
        self.query_one(HistoryLadder).show(self.rows)
        self.render_original(lang)
        self.set_reactive(PlayScreen.reading, None)
        self.render_verdict(outcome)
        self.query_one(KeyBar).set_lang(lang)
        self.refresh_bindings()

    def render_original(self, lang: str) -> None:
        """While the game is a what-if branch: the original's ladder beside the branch's, both titled."""
        original = self.original
        self.set_class(original is not None, "-branched")
        if original is None:
            return
        mine, theirs = self.query_one(HistoryLadder), self.query_one("#original-ladder", LadderView)
        set_titles(mine, ui("whatif.branch", lang, what=original.title))
        set_titles(theirs, ui("whatif.original", lang))
        theirs.show(original.rows)

    def render_panels(self) -> None:
        """Both endpoints, the one the player acts for marked."""
        world = self.game.world
        for panel in self.query(EndpointPanel):
            panel.show(
                world.endpoint(panel.side), world.symbols, self.as_symbols, self.app.prefs.lang, panel.side is self.side
            )

    def render_verdict(self, outcome=None) -> None:
        """The verdict of the move being read (the last one unless the player went back), its row
        marked on the ladder."""
        lang, history = self.app.prefs.lang, self.game.history
        reading = self.reading
        if reading is None:
            shown = outcome if outcome is not None else (history[-1] if history else None)
            index = len(history) - 1 if shown is not None else -1
        else:
            shown, index = (history[reading] if reading >= 0 else None), reading
        pane = self.query_one(VerdictPane)
        where = "" if reading is None else ui("verdict.reading", lang, n=reading + 1, total=len(history))
        note = self.note if reading is None else ""
        lead = self.verdict_lead(index, lang)
        pane.show(shown, self.game.score, lang, self.as_symbols, note, self.welcome(lang), where, lead)
        row = next((i for i, r in enumerate(self.rows) if r.move == index), 0 if index < 0 else None)
        ladder = self.query_one(HistoryLadder)
        if row is not None and row != ladder.current:
            ladder.step_to(row)

    def verdict_lead(self, index: int, lang: str):
        """Hook: lines above the verdict of move `index` (-1: the start), or None (the lab says there
        whether Linux did what the engine predicted)."""
        return None

    def watch_side(self) -> None:
        self.render_panels()
        self.refresh_bindings()

    def watch_reading(self) -> None:
        self.render_verdict()
        self.refresh_bindings()

    def topbar(self, lang: str) -> str:
        """Hook: the line above the panels — the screen's title, then the rules in force."""
        prefs = self.app.prefs
        parts = [
            ui("top.rules", lang, profile=prefs.profile),
            ui(f"top.replies.{prefs.replies}", lang),
            ui(f"top.numbers.{prefs.numbers}", lang),
            "中文" if lang == "zh" else "EN",
        ]
        status = self.autoplay_status(lang)
        title = ui(self.title_key, lang)
        if self.scenario is not None:
            title = ui("scenario.top", lang, id=self.scenario.id)
        return title + (f" {status}" if status else "") + "  │ " + " · ".join(parts)

    # -- moves ----------------------------------------------------------------------------------

    def play(self, move) -> None:
        """Make one move in the core and show what it did (a move of the player's stops auto-play)."""
        self.stop_autoplay()
        self.moved(self.game.apply(move))

    def moved(self, outcome, note: str = "") -> None:
        """Hook: show a move's outcome (a subclass that makes its moves another way calls this)."""
        self.note = note
        if outcome.owed and outcome.side is not None:
            self.set_reactive(PlayScreen.side, outcome.side)  # in manual mode the receiver must answer: act for it next
        self.render_game(outcome)
        self.keep()

    def keep(self) -> None:
        """Keep the game for next time, once the screen shows the move (the disk never delays a frame)."""
        if self.keeps_game:
            from .. import saved

            self.call_after_refresh(saved.keep_game, self.app, self.game)

    def paged_pane(self) -> VerdictPane:
        return self.query_one(VerdictPane)

    @property
    def selected(self) -> int | None:
        """The position of the highlighted segment in flight, if any."""
        wire = self.query_one(WireList)
        if not self.game.world.wire or wire.highlighted is None:
            return None
        return wire.highlighted

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys appear in the key bar only when they would do something now."""
        if super().check_action(action, parameters) is False:  # the terminal is too small
            return False
        if self.menu is not None:
            return action == "menu_pick"
        if (auto := self.autoplay_allows(action)) is not None:
            return auto
        if action == "whatif":
            return bool(self.game.history) or self.original is not None
        if action == "playback":
            return bool(self.game.history) or self.game.can_redo
        if action in ("deliver", "drop", "duplicate"):
            return bool(self.game.world.wire)
        if action == "history":
            last = len(self.game.history) - 1
            now = last if self.reading is None else self.reading
            return last >= 0 and (now > -1 if parameters[0] < 0 else self.reading is not None)
        if action == "history_now":
            return self.reading is not None
        if action == "undo":
            return self.game.can_undo
        if action == "redo":
            return self.game.can_redo
        if action == "pick":
            return parameters[0] <= len(self.game.world.wire)
        return True

    def action_deliver(self) -> None:
        """The network delivers the highlighted segment to its receiver."""
        if self.selected is not None:
            self.play(Deliver(self.selected))

    def on_wire_list_chosen(self, event: WireList.Chosen) -> None:
        """A second click on a segment in flight delivers it."""
        event.stop()
        self.action_deliver()

    def action_drop(self) -> None:
        """The network loses the highlighted segment."""
        if self.selected is not None:
            self.play(Drop(self.selected))

    def action_duplicate(self) -> None:
        """The network copies the highlighted segment; the copy arrives later."""
        if self.selected is not None:
            self.play(Duplicate(self.selected))

    def action_pick(self, n: int) -> None:
        """Highlight segment n in flight."""
        if n <= len(self.game.world.wire):
            self.query_one(WireList).select(n - 1)

    def action_side(self, side: str) -> None:
        """Act for the client or the server."""
        self.side = Side(side)

    def action_switch_side(self) -> None:
        """Act for the other endpoint."""
        self.side = self.side.peer

    def on_endpoint_panel_picked(self, message: EndpointPanel.Picked) -> None:
        self.side = message.side

    # -- the history: any move's verdict read again, nothing undone -------------------------------

    def action_history(self, step: int) -> None:
        """The verdict of the move before (or after) the one shown."""
        last = len(self.game.history) - 1
        now = last if self.reading is None else self.reading
        self.reading = None if now + step >= last else max(-1, now + step)

    def action_history_now(self) -> None:
        """Back to the last move's verdict."""
        self.reading = None

    def on_stepped_ladder_picked(self, message: HistoryLadder.Picked) -> None:
        """A click (or ↑/↓ on the focused ladder) on a row: that move's verdict."""
        message.stop()
        if 0 <= message.index < len(self.rows):
            move = self.rows[message.index].move
            move = -1 if move is None else move
            self.reading = None if move >= len(self.game.history) - 1 else move

    # -- inline menus: the key bar lists the choices, the next key picks one ----------------------

    def open_menu(self, title: str, choices: list[Choice], chosen: Callable[[Any], None]) -> None:
        """Offer choices in the key bar (no dialog: the board stays in view and is not repainted)."""
        self.menu = (choices, chosen)
        self.query_one(KeyBar).show_menu(title, choices)
        self.refresh_bindings()

    def close_menu(self) -> None:
        self.menu = None
        self.query_one(KeyBar).show_menu(None, ())
        self.refresh_bindings()

    def on_key(self, event) -> None:
        """While a menu is open, keys choose from it (Escape closes it) and nothing else."""
        if self.menu is None:
            return
        event.stop()
        event.prevent_default()
        choices, chosen = self.menu
        for choice in choices:
            if event.key == choice.key or event.character == choice.key:
                self.close_menu()
                chosen(choice.value)
                return
        if event.key == "escape":
            self.close_menu()

    def action_menu_pick(self, index: int) -> None:
        """A click on a choice in the key bar."""
        if self.menu is not None:
            choices, chosen = self.menu
            self.close_menu()
            chosen(choices[index].value)

    def action_send(self, edit: bool = False) -> None:
        """Choose a segment for the selected side to send — illegal ones too: that is the lesson.
        With real numbers on, `e` first lets the player set SEG.SEQ and SEG.ACK by hand."""
        from .choice import Choice

        lang = self.app.prefs.lang
        choices = [Choice(_KIND_KEYS[kind], kind.value, kind) for kind in PALETTE]
        if self.edits_numbers and not edit:
            choices.append(Choice("e", ui("send.edit", lang), "edit"))
        title = ui("send.title-edit" if edit else "send.title", lang, side=ui(f"side.{self.side.value}", lang))
        self.open_menu(title, choices, lambda kind: self._sent(kind, edit))

    @property
    def edits_numbers(self) -> bool:
        """Hook: the send menu offers `e` to set the numbers by hand (here with real numbers on)."""
        return self.app.prefs.numbers == "real"

    def _sent(self, kind, edit: bool) -> None:
        if kind == "edit":
            self.action_send(edit=True)
        elif kind is not None and edit:
            self._edit_numbers(kind)
        elif kind is not None:
            self.play(send_of(self.side, kind.flags, DEFAULT_DATA if kind is Kind.DATA else 0))

    def _edit_numbers(self, kind: Kind) -> None:
        """Ask for the numbers, starting from what the sender's TCB would use."""
        from ...core.segment import ACK
        from ...core.validate import expected_segment
        from .numbers import NumbersScreen

        world, lang = self.game.world, self.app.prefs.lang
        length = DEFAULT_DATA if kind is Kind.DATA else 0
        want = expected_segment(world.endpoint(self.side), kind, world.next_isn(self.side), length)
        title = ui("send.title", lang, side=ui(f"side.{self.side.value}", lang)) + f" {kind.value}"

        def send(numbers) -> None:
            if numbers is not None:
                self.play(Send(self.side, kind.flags, numbers[0], numbers[1], length))

        self.app.push_screen(NumbersScreen(title, want.seq, want.ack if ACK in kind.flags else None, lang), send)

    def action_call(self) -> None:
        """Choose what the selected side's application does (accept(), kill -9 and SO_REUSEADDR too)."""
        from .choice import Choice

        lang = self.app.prefs.lang
        choices = [Choice(key, ui(f"menu.{call.value}", lang), call) for call, key in self.call_keys().items()]
        title = ui("call.title", lang, side=ui(f"side.{self.side.value}", lang))
        self.open_menu(title, choices, self._called)

    def call_keys(self) -> dict:
        """Hook: the application calls the `a` menu offers, with their keys (the lab: the classic six)."""
        return _CALL_KEYS

    def _called(self, call: Call | None) -> None:
        if call is not None:
            self.play(AppCall(self.side, call, DEFAULT_DATA))

    def action_timer(self) -> None:
        """Let time pass for the selected side: a timer fires (keep-alive too)."""
        from .choice import Choice

        lang = self.app.prefs.lang
        choices = [Choice(key, ui(f"menu.{timer.value}", lang), timer) for timer, key in _TIMER_KEYS.items()]
        title = ui("timer.title", lang, side=ui(f"side.{self.side.value}", lang))
        self.open_menu(title, choices, self._fired)

    def _fired(self, timer: Timer | None) -> None:
        if timer is not None:
            self.play(Fire(self.side, timer))

    def host_moves(self, side: Side) -> list:
        """Hook: what can happen to a host — it crashes or reboots; one that is down restarts (§4.4.4)."""
        if self.game.world.endpoint(side).down:
            return [Restart(side)]
        return [Crash(side), Reboot(side)]

    def acting_side(self, family) -> Side | None:
        """Hook: the side a menu of this move family is for (the puzzle may switch to the other)."""
        return self.side

    def action_crash(self) -> None:
        """The selected host: crash (a power cut, then silence) or reboot (it comes back knowing no
        connection, and answers RST); restart it if it is down (§4.4.4)."""
        from .choice import Choice

        side = self.acting_side((Crash, Restart, Reboot))
        if side is None:
            return
        moves = self.host_moves(side)
        restart = next((m for m in moves if isinstance(m, Restart)), None)
        if self.game.world.endpoint(side).down or not moves:
            if restart is not None:
                self.play(restart)
            return
        lang = self.app.prefs.lang
        choices = [
            Choice(_HOST_KEYS[type(m)], ui(f"menu.host-{type(m).__name__.lower()}", lang), m)
            for m in moves
            if type(m) in _HOST_KEYS
        ]
        if len(choices) == 1:
            self.play(choices[0].value)
            return
        title = ui("host.title", lang, side=ui(f"side.{side.value}", lang))
        self.open_menu(title, choices, lambda move: None if move is None else self.play(move))

    def flood_moves(self) -> list:
        """Hook: the SYN floods on offer (the sandbox's few sizes; a puzzle's own)."""
        return list(FLOODS)

    def action_flood(self) -> None:
        """The network brings the server a SYN flood from forged addresses (counted, not drawn)."""
        from .choice import Choice

        lang = self.app.prefs.lang
        choices = [Choice(str(i), ui("menu.flood", lang, n=m.count), m) for i, m in enumerate(self.flood_moves(), 1)]
        if choices:
            self.open_menu(ui("flood.title", lang), choices, lambda move: None if move is None else self.play(move))

    def action_undo(self) -> None:
        self.stop_autoplay()
        if self.game.undo() is not None:
            self.note = ""
            self.render_game()
            self.keep()

    def action_redo(self) -> None:
        self.stop_autoplay()
        if self.game.redo() is not None:
            self.render_game()
            self.keep()

    def action_restart(self) -> None:
        """Back to the start of this game (the moves can be redone); a game with moves asks first, as
        leaving does (R is one key away from r, redo)."""
        self.stop_autoplay()
        if not self.game.history:
            return
        from ..look import counted
        from .message import MessageScreen

        lang = self.app.prefs.lang
        body = counted("restart.body", lang, len(self.game.history))
        self.app.push_screen(
            MessageScreen(ui("restart.title", lang), body, ui("restart.footer", lang)),
            lambda yes: self._restart() if yes else None,
        )

    def _restart(self) -> None:
        self.game.restart()
        self.render_game()

    # -- auto-play: the game played back from its start, a move a step ---------------------------

    def action_playback(self) -> None:
        """Play the game back, a move a step (its moves undone after the current one, or from its
        start when there are none); P again stops."""
        if self.autoplaying:
            self.stop_autoplay()
            return
        if not self.game.can_redo:
            if not self.game.history:
                return
            self.game.restart()
            self.note = ""
            self.render_game()
        self.start_autoplay()

    def autoplay_step(self) -> bool:
        """The next move of the game played back."""
        outcome = self.game.redo()
        if outcome is None:
            return False
        self.moved(outcome)
        return True

    def autoplay_changed(self) -> None:
        self.query_one("#topbar", Static).update(self.topbar(self.app.prefs.lang))

    # -- what if? a branch at any move, the original beside it -------------------------------------

    def whatif_index(self) -> int:
        """The move a branch starts from: the one whose verdict is read, else the last one."""
        return self.reading if self.reading is not None and self.reading >= 0 else len(self.game.history) - 1

    def action_whatif(self) -> None:
        """What if this move's segment had been lost, delivered later, or a RST instead? (x: drop the branch)."""
        from ...whatif import WhatIf
        from .choice import Choice

        lang, choices = self.app.prefs.lang, []
        if self.game.history:
            choices = [Choice(str(i), ui(f"whatif.{w.value}", lang), w) for i, w in enumerate(WhatIf, 1)]
        if self.original is not None:
            choices.append(Choice("x", ui("whatif.drop", lang), "drop"))
        self.open_menu(ui("whatif.title", lang, n=self.whatif_index() + 1), choices, self._whatif_chosen)

    def _whatif_chosen(self, what) -> None:
        from ...whatif import branch

        if what is None:
            return
        if what == "drop":
            self.drop_branch()
            return
        try:
            made = branch(self.game.start, self.game.history, self.whatif_index(), what)
        except ValueError as e:
            self.note = ui("whatif.cannot", self.app.prefs.lang, why=e)
            self.render_verdict()
            return
        self.open_branch(made)

    def branch_title(self, made, lang: str) -> str:
        """'#3 SYN+ACK lost'."""
        return ui(
            f"whatif.what.{made.what.value}", lang, segment=f"#{made.segment.serial} {made.segment.segment.label}"
        )

    def open_branch(self, made) -> None:
        """Hook: play the branch here, the original's ladder beside it (a puzzle opens a sandbox instead)."""
        lang = self.app.prefs.lang
        title = self.branch_title(made, lang)
        self.original = (self.original or Original(self.rows, title, self.game))._replace(title=title)
        self.stop_autoplay()
        self.game = made.game
        self.note = ui("whatif.opened", lang, what=title)
        self.render_game()
        self.keep()

    def drop_branch(self) -> None:
        """Back to the original timeline (or out, when the original is a puzzle's or a capture's)."""
        original, self.original = self.original, None
        if original is None:
            return
        if original.game is None:
            self.app.pop_screen()
            return
        self.stop_autoplay()
        self.game, self.note = original.game, ""
        self.render_game()
        self.keep()

    # -- the command palette: every move, by name and description -------------------------------

    def offered_moves(self) -> list:
        """Hook: the moves the palette lists — in the sandbox every move of both sides, and the network's."""
        world = self.game.world
        moves: list = []
        for side in Side:
            moves += [AppCall(side, call, DEFAULT_DATA) for call in self.call_keys()]
            moves += [send_of(side, kind.flags, DEFAULT_DATA if kind is Kind.DATA else 0) for kind in PALETTE]
            moves += [Fire(side, timer) for timer in _TIMER_KEYS]
            moves += self.host_moves(side)
        for index in range(len(world.wire)):
            moves += [Deliver(index), Drop(index), Duplicate(index)]
        return moves + self.flood_moves()

    def palette_entries(self, lang: str) -> list:
        """The moves on offer, then the screen's other actions."""
        from ..palette import binding_entries

        entries = [self._move_entry(move, lang) for move in self.offered_moves()]
        moves = ("p", "a", "t", "⏎", "x", "d", "!", "F")
        return entries + [e for e in binding_entries(self, lang) if e.keys not in moves]

    def _move_entry(self, move, lang: str):
        """A move as a palette entry: 'server listen()' · what it does · 's a l'."""
        from ...numbers import describe_item
        from ..look import describe_move
        from ..palette import Entry

        world = self.game.world
        if isinstance(move, (Deliver, Drop, Duplicate)):
            item = world.wire[move.index]
            name = type(move).__name__.lower()
            segment = describe_item(item, world.symbols, self.as_symbols)
            title = ui(f"palette.{name}", lang, serial=item.serial, segment=segment)
            return Entry(title, ui(f"palette.help.{name}", lang), move_keys(move), lambda: self.play(move))
        if isinstance(move, Flood):
            keys = f"F {self.flood_moves().index(move) + 1}"
            return Entry(describe_move(move, lang), ui("palette.help.flood", lang), keys, lambda: self.play(move))
        keys = move_keys(move)
        if isinstance(move, AppCall):
            helptext = ui(f"palette.help.call.{move.call.value}", lang)
        elif isinstance(move, Send):
            helptext = ui("palette.help.send", lang, segment=Kind.of(move.flags, move.length).value)
        elif isinstance(move, Fire):
            helptext = ui(f"palette.help.timer.{move.timer.value}", lang)
        else:
            helptext = ui(f"palette.help.{type(move).__name__.lower()}", lang)
            if sum(type(m) in _HOST_KEYS for m in self.host_moves(move.side)) > 1:  # a menu opens: its key
                keys += f" {_HOST_KEYS[type(move)]}"

        def run() -> None:
            self.side = move.side
            self.play(move)

        return Entry(describe_move(move, lang), helptext, keys, run)

    # -- the rest: help, settings, export, language ----------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        world = self.game.world
        self.app.push_screen(HelpScreen(self, states=(world.client.state, world.server.state)))

    def action_settings(self) -> None:
        self.app.open_settings()

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_export(self) -> None:
        from .export import export_menu

        export_menu(self)

    def action_back(self) -> None:
        """Back (to the home screen, or out); a sandbox with moves asks first, and says where the game is kept."""
        if not (self.keeps_game and self.game.history):
            self.app.leave(self)
            return
        from ..look import counted
        from .message import MessageScreen

        lang = self.app.prefs.lang
        self.app.push_screen(
            MessageScreen(
                ui("leave.title", lang), counted("leave.body", lang, len(self.game.history)), ui("leave.footer", lang)
            ),
            lambda yes: self.app.leave(self) if yes else None,
        )

    def apply_prefs(self) -> None:
        """New settings take effect now: the rules and reply mode for the next moves, the look at once."""
        prefs, world = self.app.prefs, self.game.world
        if (world.profile, world.replies) != (prefs.rules, prefs.reply_mode):
            self.game.retune(profile=prefs.rules, replies=prefs.reply_mode)
        self.render_game()
