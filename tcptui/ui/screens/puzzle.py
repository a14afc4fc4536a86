"""The puzzle screen: the play screen over a puzzle attempt — the story, the goal, moves against par,
hints, the author's written hints, and the solution played back one move per key press.

It is the sandbox (PlayScreen) with the game replaced by the Attempt's: the same panels, wire,
ladder and verdicts. The puzzle decides which moves are on offer (the keys and menus show only
those, illegal ones included: trying one is part of the lesson, and is counted); the Attempt
refuses forbidden moves, counts, and says when the goal is met. Nothing here decides what TCP does.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from ...core.available import candidates
from ...core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send
from ...core.states import Side
from ...core.segment import ACK, SYN, Segment
from ...core.validate import Kind
from ...puzzle.attempt import Attempt
from ...numbers import describe
from ...text import ui
from .. import saved
from ..look import difficulty_text, flow
from ..sections import section_text
from ..widgets.goal import GoalPane, goal_items, render_items
from .choice import Choice
from .message import MessageScreen
from .play import _CALL_KEYS, _KIND_KEYS, _TIMER_KEYS, Original, PlayScreen
from .result import NEXT_KEY, RETRY_KEY

if TYPE_CHECKING:
    from ...core.world import World
    from ...puzzle.scoring import Result

_NETWORK: dict[str, type] = {"deliver": Deliver, "drop": Drop, "duplicate": Duplicate, "flood": Flood}
_SIDE_MOVES: dict[str, type | tuple[type, ...]] = {
    "call": AppCall,
    "send": Send,
    "timer": Fire,
    "crash": (Crash, Restart, Reboot),
}
_READING = {"history", "history_now", "verdict_more", "verdict_back"}  # reading never changes the game
_AUTO = {"autoplay_pause", "autoplay_faster", "autoplay_slower"}  # the solution plays itself back
_WHILE_PLAYBACK = {"step", "stop", "back", "lang", "help", "story", "whatif"} | _READING | _AUTO
_WHEN_FINISHED = {"next_puzzle", "retry", "back", "lang", "help", "story", "export", "settings"} | _READING
_SPARE_KEYS = "123456789"
# Move families the sandbox keeps off its crowded key bar; a puzzle shows them when it offers them
# (check_action hides every family it does not), so that each move it offers is reachable from the bar.
_SHOWN_WHEN_OFFERED = {"duplicate", "crash", "flood"}


class PuzzleScreen(PlayScreen):
    """One puzzle: make the goal hold within the move limit, in as few moves as par."""

    keeps_game = False  # the attempt's result is what is kept

    BINDINGS = (
        [
            Binding("enter", "step", "Next step", key_display="⏎", priority=True),  # before Deliver: playback
        ]
        + [dataclasses.replace(b, show=True) if b.action in _SHOWN_WHEN_OFFERED else b for b in PlayScreen.BINDINGS]
        + [
            Binding("h", "hint", "Hint"),
            Binding("H", "clue", "Written hint", show=False),
            Binding("v", "solution", "Solution", show=False),
            Binding("i", "story", "Story", show=False),
            Binding(NEXT_KEY, "next_puzzle", "Next puzzle"),
            Binding(RETRY_KEY, "retry", "Retry"),  # after Restart: shown once the puzzle is finished (as in the result)
            Binding("escape", "stop", "Stop"),
        ]
    )

    def __init__(self, puzzle, **kwargs) -> None:
        super().__init__(puzzle.start, title_key="puzzle.title", **kwargs)
        self.puzzle = puzzle
        pack = _pack()
        self.number = next((i for i, p in enumerate(pack, 1) if p.id == puzzle.id), None)
        self.next = pack[self.number] if self.number is not None and self.number < len(pack) else None
        self._begin()

    def _begin(self) -> None:
        """A fresh attempt (at the start, and on Retry)."""
        self.attempt = Attempt(self.puzzle)
        self.game = self.attempt.game  # the play screen renders and undoes the attempt's game
        self.set_reactive(
            PlayScreen.side, self.puzzle.moves.offer.sides[0] if self.puzzle.moves.offer.sides else Side.CLIENT
        )
        self.playback: list | None = None  # moves of the solution still to show, during playback
        self.playback_total = 0
        self.finished: Result | None = None  # once the goal is met
        self.clues: list = []  # the written hints shown so far
        self.note = ""
        self.alert: tuple = ()  # the puzzle's message of the moment, (key, params): atop the goal until a move
        self._allowed_in: World | None = None  # the world `allowed` was computed for

    # -- what the puzzle offers -------------------------------------------------------------------

    @property
    def allowed(self) -> list:
        """Every move the puzzle offers in the world now (not judged: illegal ones are offered too)."""
        world = self.game.world
        if self._allowed_in is not world:
            spec = self.puzzle.moves
            moves = candidates(world, spec.offer)
            self._allowed = moves + [m for m in spec.extra if m not in moves]
            self._allowed_in = world
        return self._allowed

    def _side_moves(self, family, side: Side) -> list:
        return [m for m in self.allowed if isinstance(m, family) and m.side is side]

    def _acting_side(self, family) -> Side | None:
        """The selected side if it has moves of this family, else the other one (which becomes selected)."""
        for side in (self.side, self.side.peer):
            if self._side_moves(family, side):
                if side is not self.side:
                    self.side = side
                    self.render_game()
                return side
        return None

    # -- hooks of the play screen ---------------------------------------------------------------

    def offered_moves(self) -> list:
        """The palette lists what the puzzle offers (nothing while its solution plays or once it is solved)."""
        return list(self.allowed) if self.playback is None and self.finished is None else []

    def extra_panes(self) -> ComposeResult:
        yield GoalPane(id="goal")

    @property
    def as_symbols(self) -> bool:
        """The puzzle says how its numbers are written."""
        return self.puzzle.numbers.value == "symbolic"

    def welcome(self, lang: str) -> Text:
        """Before the first move: the story (i shows it again later)."""
        return Text(flow(self.puzzle.story.get(lang), lang))  # (the verdict pane wraps it as Prose)

    def topbar(self, lang: str) -> str:
        """'3/33 You are the stack · §2 ●●○○○ │ textbook · replies: you answer': the puzzle's own rules."""
        p, world = self.puzzle, self.game.world
        place = f"{self.number}/{len(_pack())} " if self.number else ""  # a file of the player's own has none
        head = f"{place}{p.title.get(lang)} · {section_text(p.section, lang)} {difficulty_text(p.difficulty)}"
        return f"{head}   │ {world.profile.name.value} · {ui(f'top.replies.{world.replies.value}', lang)}"

    def render_game(self, outcome=None) -> None:
        """The play screen's panes, then the goal and the counts."""
        super().render_game(outcome)
        lang, a = self.app.prefs.lang, self.attempt
        counts = ui(
            "puzzle.counts" if not a.undone else "puzzle.counts-undone",
            lang,
            moves=a.made,
            undone=a.undone,
            par=self.puzzle.par,
            limit=self.puzzle.move_limit,
            illegal=a.illegal,
            hints=a.hints,
        )
        alert = ui(self.alert[0], lang, **self.alert[1]) if self.alert else ""
        if not alert and a.moves > self.puzzle.move_limit:
            alert = ui("puzzle.over-limit", lang)
        elif not alert and not a.moves and self.finished is None and self.playback is None:
            alert = ui("puzzle.welcome.keys", lang)  # the puzzle's own keys, until the first move
        self.query_one(GoalPane).show(goal_items(a, lang), counts, lang, alert)

    def apply_prefs(self) -> None:
        """Language and look change at once; the rules stay the puzzle's."""
        self.render_game()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Only what the puzzle offers, and only what makes sense now (a menu open, playing back, finished)."""
        if self.menu is not None:
            return super().check_action(action, parameters)
        if self.finished is not None:
            if action not in _WHEN_FINISHED or (action == "next_puzzle" and self.next is None):
                return False
            return super().check_action(action, parameters) if action in _READING else True
        if self.playback is not None:
            if action not in _WHILE_PLAYBACK:
                return False
            if action in _AUTO:
                return self.autoplaying
            return super().check_action(action, parameters) if action in _READING or action == "whatif" else True
        if action in ("step", "stop", "next_puzzle", "retry", "playback"):
            return False
        if action in _NETWORK:
            return any(isinstance(m, _NETWORK[action]) for m in self.allowed)
        if action in _SIDE_MOVES:
            return any(isinstance(m, _SIDE_MOVES[action]) for m in self.allowed)
        if action in ("switch_side", "side"):
            return all(any(getattr(m, "side", None) is s for m in self.allowed) for s in Side)
        if action == "clue":
            return len(self.clues) < len(self.puzzle.hints)
        return super().check_action(action, parameters)

    # -- moves ----------------------------------------------------------------------------------

    def play(self, move, alert: tuple = ()) -> None:
        """Make a move through the attempt: refused if the puzzle does not offer or forbids it."""
        if move not in self.allowed:
            self.say("puzzle.not-offered", move=move)
            return
        played = self.attempt.apply(move)
        if played.forbidden:
            self.say("puzzle.forbidden-move", move=move)
            return
        self.alert = alert
        self.moved(played.outcome)
        if played.solved and not played.over_limit:
            self._finish()

    def say(self, key: str = "", **params) -> None:
        """Show a message of the puzzle's (atop the goal, in the language of the moment) until the next move."""
        self.alert = (key, params) if key else ()
        self.render_game()

    def action_undo(self) -> None:
        """Take the last move back: the board goes back, the move still counts (see Attempt)."""
        self.alert = ()
        if self.attempt.undo() is not None:
            self.note = ""
            self.render_game()

    def action_redo(self) -> None:
        self.alert = ()
        if self.attempt.redo() is not None:
            self.render_game()

    def action_restart(self) -> None:
        """Back to the start of the puzzle; what was counted stays counted."""
        self.alert = ()
        self.attempt.restart()
        self.render_game()

    def _menu(self, family, title_key: str, choice_of) -> None:
        """A menu (in the key bar, as in the sandbox) of the puzzle's moves of one family for the acting
        side; a choice plays it."""
        side = self._acting_side(family)
        if side is None:
            return
        lang, used, choices = self.app.prefs.lang, set(), []
        for move in self._side_moves(family, side):
            key, label = choice_of(move, lang)
            if key in used:
                key = next(k for k in _SPARE_KEYS if k not in used)
            used.add(key)
            choices.append(Choice(key, label, move))
        title = ui(title_key, lang, side=ui(f"side.{side.value}", lang))
        self.open_menu(title, choices, lambda move: None if move is None else self.play(move))

    def action_call(self) -> None:
        """What the puzzle lets the acting side's application do."""
        self._menu(AppCall, "call.title", lambda m, lang: (_CALL_KEYS[m.call], ui(f"menu.{m.call.value}", lang)))

    def action_send(self, edit: bool = False) -> None:
        """The segments the puzzle lets the acting side send (wrong ones too: they are judged and counted)."""
        self._menu(
            Send, "send.title", lambda m, lang: (_KIND_KEYS.get(Kind.of(m.flags, m.length), "9"), self._label(m))
        )

    def _label(self, move: Send) -> str:
        """'SYN seq=x'': a send the puzzle spells out, in the puzzle's numbers as the ladder will
        show it once sent (a SYN's seq is its own ISN); the engine's numbers otherwise ('SYN')."""
        if move.seq is None:
            return str(move).partition(" sends ")[2]
        seg = Segment(move.flags, move.seq, move.ack or 0, move.length)
        origin = move.seq if SYN in move.flags and ACK not in move.flags else None
        return describe(seg, self.game.world.symbols, self.as_symbols, move.side, origin)

    def action_timer(self) -> None:
        """The timers the puzzle lets fire."""
        self._menu(Fire, "timer.title", lambda m, lang: (_TIMER_KEYS[m.timer], ui(f"menu.{m.timer.value}", lang)))

    def host_moves(self, side: Side) -> list:
        """What the puzzle lets happen to this host."""
        return self._side_moves((Crash, Restart, Reboot), side)

    def acting_side(self, family) -> Side | None:
        return self._acting_side(family)

    def flood_moves(self) -> list:
        """The SYN floods the puzzle offers (most offer none)."""
        return [m for m in self.allowed if isinstance(m, Flood)]

    # -- hints, the story, the solution -----------------------------------------------------------

    def action_hint(self) -> None:
        """The next move of a shortest solution from here, explained (counted); ⏎ in the dialog makes it."""
        lang = self.app.prefs.lang
        hint = self.attempt.hint()
        if hint is None:
            self.say("puzzle.hint.none")
            return
        body = Text(hint.explain(lang, self.as_symbols))
        body.append("\n\n" + ui("puzzle.hint.remaining", lang, n=hint.remaining), style="dim")
        if not hint.within_limit:
            body.append("\n" + ui("puzzle.hint.over-limit", lang), style="bold")
        self.render_game()  # the count of hints changed
        self.app.push_screen(
            MessageScreen(ui("puzzle.hint", lang, move=hint.move), body, ui("puzzle.hint.footer", lang)),
            lambda yes: self.play(hint.move) if yes else None,
        )

    def action_clue(self) -> None:
        """The author's next written hint (counted)."""
        lang = self.app.prefs.lang
        clue = self.attempt.text_hint()
        if clue is None:
            self.say("puzzle.clue.none")
            return
        self.clues.append(clue)
        self.render_game()
        title = ui("puzzle.clue.title", lang, n=len(self.clues), total=len(self.puzzle.hints))
        self.app.push_screen(MessageScreen(title, clue.get(lang), ui("puzzle.clue.footer", lang)))

    def action_story(self) -> None:
        """The story, the goal and the written hints taken, in a dialog."""
        lang, p = self.app.prefs.lang, self.puzzle
        body = Text(flow(p.story.get(lang), lang) + "\n\n")
        body.append(ui("puzzle.goal", lang) + ": ", style="bold")
        body.append_text(render_items(goal_items(self.attempt, lang)))
        if self.clues:
            body.append("\n\n" + ui("puzzle.story.hints", lang), style="bold")
            for clue in self.clues:
                body.append("\n• " + clue.get(lang))
        title = f"{p.title.get(lang)} · {section_text(p.section, lang)} · {difficulty_text(p.difficulty)}"
        self.app.push_screen(MessageScreen(title, body, ui("puzzle.story.footer", lang)))

    def action_solution(self) -> None:
        """Ask first (a shown solution earns no stars), then play it back from the start, one move per ⏎."""
        lang = self.app.prefs.lang
        self.app.push_screen(
            MessageScreen(
                ui("puzzle.solution", lang), ui("puzzle.solution.ask", lang), ui("puzzle.solution.footer", lang)
            ),
            lambda yes: self._start_playback() if yes else None,
        )

    def _start_playback(self) -> None:
        """The solution from the start, to be played a move per ⏎, or by itself at the auto-play
        speed once space starts it (space pauses again, +/− the speed; ⏎ pauses it and steps by
        hand; Esc stops and plays on from there)."""
        moves = self.attempt.solution()
        self.attempt.restart()
        self.playback, self.playback_total = list(moves), len(moves)
        self.say("puzzle.playback.start", n=len(moves))
        self.start_autoplay(paused=True)

    def autoplay_step(self) -> bool:
        """The solution's next move, while it plays itself."""
        if not self.playback:
            return False
        self._step()
        return True

    def open_branch(self, made) -> None:
        """What if, in this attempt or the solution shown: the branch is played in a sandbox of its
        own, this puzzle's timeline beside it; leaving it comes back here."""
        lang = self.app.prefs.lang
        self.stop_autoplay()
        title = self.branch_title(made, lang)
        sandbox = PlayScreen(game=made.game, original=Original(self.rows, title, None), title_key="whatif.screen")
        sandbox.keeps_game = False  # the player's own sandbox game stays kept
        sandbox.note = ui("whatif.opened", lang, what=title)
        self.app.play_under(made.game.world.profile, made.game.world.replies)  # the branch's rules, this session
        self.app.push_screen(sandbox)

    def action_step(self) -> None:
        """Play the next move of the solution being shown (a step by hand pauses the auto-play)."""
        if self.autoplaying and not self.autoplay_paused:
            self.action_autoplay_pause()
        self._step()

    def _step(self) -> None:
        if not self.playback:
            return
        move = self.playback.pop(0)
        n = self.playback_total - len(self.playback)
        if not self.playback:
            self.playback = None
        self.play(move, ("puzzle.playback.step", {"n": n, "total": self.playback_total, "move": move}))

    def action_stop(self) -> None:
        """Stop the playback and play on from here."""
        self.stop_autoplay()
        self.playback = None
        self.say("puzzle.playback.stopped")

    # -- the end of an attempt ---------------------------------------------------------------------

    def _finish(self) -> None:
        """The goal holds: keep the result (one transaction), then show it."""
        from .result import ResultScreen

        result = self.attempt.result()
        old = saved.best_results(self.app).get(self.puzzle.id)
        saved.record_result(self.app, result)
        self.finished, self.playback = result, None
        self.say()
        result_screen = ResultScreen(self.puzzle, result, old, self.next, self.app.prefs.lang, self._back_to())
        self.app.push_screen(result_screen, self._after_result)

    def _back_to(self) -> str:
        """Where leaving goes (app.leave): the screen beneath, or the home screen — as the result
        dialog names it ('list', 'map', 'home', or 'back')."""
        from .home import HomeScreen
        from .puzzles import PuzzleListScreen
        from .topics import TopicsScreen

        stack = self.app.screen_stack
        beneath = stack[-2] if len(stack) > 2 and stack[-1] is self else None
        if beneath is None or isinstance(beneath, HomeScreen):
            return "home"
        places: dict[type, str] = {PuzzleListScreen: "list", TopicsScreen: "map"}
        return places.get(type(beneath), "back")

    def _after_result(self, choice: str | None) -> None:
        if choice == "next":
            self.action_next_puzzle()
        elif choice == "retry":
            self.action_retry()
        elif choice == "list":
            self.action_back()

    def action_next_puzzle(self) -> None:
        """On to the next puzzle of the pack."""
        if self.next is not None:
            self.app.switch_screen(PuzzleScreen(self.next))

    def action_retry(self) -> None:
        """A new attempt at this puzzle (the result kept stays kept)."""
        self._begin()
        self.render_game()


def _pack() -> tuple:
    from ...puzzle.pack import load_pack

    return load_pack()
