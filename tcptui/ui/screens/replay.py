"""One connection of a capture, packet by packet: the ladder with the current packet highlighted,
both endpoints' states after it, the packet itself, and why each end did what it did.

Everything shown comes from the replay's records (capture.browse over capture.replay): the screen
only walks them. Nothing here decides what TCP does.
"""

from __future__ import annotations

import os
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...core.states import Side
from ...text import ui
from ..autoplay import AUTOPLAY_BINDINGS, AutoPlay
from ..widgets.keybar import KeyBar
from ..widgets.ladder import SteppedLadder
from ..widgets.packet import PacketBox
from ..widgets.replay_verdict import PacketVerdict
from ..widgets.states import StatePanel
from .base import FitScreen


class ReplayScreen(AutoPlay, FitScreen):
    """Step through connection `conn` of a loaded capture (capture.browse.Loaded); P plays it packet
    by packet (space pauses, +/− the speed); w branches at the packet shown (what if)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *AUTOPLAY_BINDINGS,
        Binding("right,space", "packet_next", "Next", key_display="→", priority=True),
        Binding("left", "packet_prev", "Previous", key_display="←", priority=True),
        Binding("home", "packet_first", "First", show=False, priority=True),
        Binding("end", "packet_last", "Last", show=False, priority=True),
        Binding("g", "packet_goto", "Go to…"),
        Binding("r", "next_rst", "Next RST"),
        Binding("n", "next_note", "Next flag"),
        Binding("P", "playback", "Play", show=False),
        Binding("w", "whatif", "What if…", show=False),
        Binding("pagedown", "verdict_more", "More", key_display="PgDn"),
        Binding("pageup", "verdict_back", "Back up", key_display="PgUp", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("L", "lang", "中文/EN", show=False),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, loaded, conn: int, **kwargs) -> None:
        from ...capture.browse import connection_rows, isn_symbols, steps

        super().__init__(**kwargs)
        self.loaded, self.summary = loaded, loaded.summaries[conn]
        rows = connection_rows(loaded, conn)
        self.rows = rows  # the 4-tuple's rows up to this connection's end: what a what-if rebuilds
        self.steps = steps(rows, self.summary)
        self.symbols = isn_symbols(rows, self.summary.client)
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(id="topbar")
            with Horizontal(id="replay-top"):
                yield StatePanel(Side.CLIENT, id="client", classes="endpoint")
                yield PacketBox(id="packet")
                yield StatePanel(Side.SERVER, id="server", classes="endpoint")
            yield SteppedLadder(id="ladder")
            yield PacketVerdict(id="replay-verdict")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.apply_prefs()

    def apply_prefs(self) -> None:
        """Draw everything in the current language and number style."""
        from ...ladder import capture_rows

        rows = capture_rows([step.row for step in self.steps], self.symbols, as_symbols=self.app.prefs.as_symbols)
        ladder = self.query_one(SteppedLadder)
        ladder.show(rows)
        self.query_one(KeyBar).set_lang(self.app.prefs.lang)
        self.render_step()

    def render_step(self) -> None:
        """Draw the current packet: its states, the packet, the verdict; highlight it on the ladder."""
        if not self.steps:
            return
        lang, step, summary = self.app.prefs.lang, self.steps[self.index], self.summary
        row, rec = step.row, step.row.record
        status = self.autoplay_status(lang)
        top = (
            ui("replay.ui.title", lang)
            + (f" {status}" if status else "")
            + "   │ "
            + ui(
                "replay.ui.conn-top",
                lang,
                file=os.path.basename(self.loaded.path),
                conn=summary.conn,
                profile=self.loaded.profile.name.value,
            )
        )
        self.query_one("#topbar", Static).update(Text(top, no_wrap=True, overflow="ellipsis"))
        for panel, state, address in (
            (Side.CLIENT, rec.client, summary.client),
            (Side.SERVER, rec.server, summary.server),
        ):
            owed = rec.owed if panel is row.side.peer else rec.sender_owed
            labels = tuple(dict.fromkeys(seg.label for seg in owed))
            self.query_one(f"#{panel.value}", StatePanel).show(state, address, labels, panel is row.side, lang)
        self.query_one(PacketBox).show(
            row, self.index + 1, len(self.steps), self.steps[0].row.ts, self.symbols, self.app.prefs.as_symbols, lang
        )
        self.query_one(PacketVerdict).show(step, lang)
        self.query_one(SteppedLadder).step_to(self.index)
        self.refresh_bindings()

    # -- moving --------------------------------------------------------------------------------

    def paged_pane(self) -> PacketVerdict:
        return self.query_one(PacketVerdict)

    def _go(self, index: int) -> None:
        """Show packet `index` (0-based within the connection)."""
        index = max(0, min(index, len(self.steps) - 1))
        if index != self.index:
            self.index = index
            self.render_step()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys appear in the key bar only when they would do something now."""
        if super().check_action(action, parameters) is False:  # the terminal is too small
            return False
        if (auto := self.autoplay_allows(action)) is not None:
            return auto
        if action in ("packet_next", "packet_last"):
            return self.index < len(self.steps) - 1
        if action in ("packet_prev", "packet_first"):
            return self.index > 0
        if action == "next_rst":
            return bool(self.summary.resets)
        if action == "next_note":
            return any(step.notes for step in self.steps)
        return True

    def go(self, index: int) -> None:
        """Show packet `index` as the player asks (their own step stops auto-play)."""
        self.stop_autoplay()
        self._go(index)

    def action_packet_next(self) -> None:
        self.go(self.index + 1)

    def action_packet_prev(self) -> None:
        self.go(self.index - 1)

    def action_packet_first(self) -> None:
        self.go(0)

    def action_packet_last(self) -> None:
        self.go(len(self.steps) - 1)

    def action_next_rst(self) -> None:
        """The next RST after the current packet (round to the first)."""
        self._next(lambda step: "R" in step.row.flags)

    def action_next_note(self) -> None:
        """The next packet the summary flagged (round to the first)."""
        self._next(lambda step: bool(step.notes))

    def _next(self, wanted) -> None:
        """Go to the first packet after the current one that `wanted(step)` accepts, wrapping round."""
        count = len(self.steps)
        for k in range(1, count + 1):
            if wanted(self.steps[(self.index + k) % count]):
                self.go((self.index + k) % count)
                return

    def on_stepped_ladder_picked(self, message: SteppedLadder.Picked) -> None:
        """A click on the ladder shows that packet."""
        self.go(message.index)

    def action_packet_goto(self) -> None:
        """Ask for a frame number of this connection, and show it."""
        from .ask import AskScreen

        lang, first, last = self.app.prefs.lang, self.summary.first, self.summary.last
        frames = {step.row.frame: i for i, step in enumerate(self.steps)}

        def check(text: str) -> tuple:
            index = frames.get(int(text)) if text.isdigit() else None
            if index is None:
                return None, ui("replay.ui.go.invalid", lang, frame=text, first=first, last=last)
            return index, ""

        self.app.push_screen(
            AskScreen(
                ui("replay.ui.go.title", lang),
                ui("replay.ui.go.prompt", lang, first=first, last=last),
                ui("replay.ui.go.footer", lang),
                check,
                placeholder=str(first),
            ),
            lambda index: None if index is None else self.go(index),
        )

    # -- auto-play: the packets one by one, as the capture has them --------------------------------

    def action_playback(self) -> None:
        """Play the connection packet by packet from here (from the first, at the last); P again stops."""
        if self.autoplaying:
            self.stop_autoplay()
            return
        if self.index >= len(self.steps) - 1:
            self._go(0)
        self.start_autoplay()

    def autoplay_step(self) -> bool:
        if self.index >= len(self.steps) - 1:
            return False
        self._go(self.index + 1)
        return True

    def autoplay_changed(self) -> None:
        self.render_step()

    # -- what if? the packet shown lost, later, or a RST instead, played in the sandbox -------------

    def action_whatif(self) -> None:
        """What if this packet had been lost, delivered later, or a RST instead?"""
        from ...whatif import WhatIf
        from .choice import Choice, ChoiceScreen

        lang = self.app.prefs.lang
        choices = [Choice(str(i), ui(f"whatif.{w.value}", lang), w) for i, w in enumerate(WhatIf, 1)]
        title = ui("whatif.replay.title", lang, frame=self.steps[self.index].row.frame)
        self.app.push_screen(ChoiceScreen(title, choices), self._whatif_chosen)

    def _whatif_chosen(self, what) -> None:
        """Rebuild the connection in the engine (as `--puzzle` does), branch at this packet, play it."""
        from ...capture.puzzle import connection_game
        from ...ladder import capture_rows
        from ...whatif import branch
        from .play import Original, PlayScreen

        if what is None:
            return
        lang = self.app.prefs.lang
        self.stop_autoplay()
        built = connection_game(self.rows, self.summary.conn, self.loaded.profile, self.app.prefs.reply_mode)
        sender = built.sender(self.index)
        frame = self.steps[self.index].row.frame
        if sender is None:
            self.notify(ui("whatif.replay.cannot", lang, frame=frame, why=built.stopped or ""), severity="warning")
            return
        try:
            made = branch(built.start, built.rebuilt.outcomes, sender[0], what, sender[1])
        except ValueError as e:
            self.notify(ui("whatif.cannot", lang, why=e), severity="warning")
            return
        rows = capture_rows([step.row for step in self.steps], self.symbols, as_symbols=self.app.prefs.as_symbols)
        title = ui(f"whatif.what.{what.value}", lang, segment=f"#{frame} {made.segment.segment.label}")
        sandbox = PlayScreen(game=made.game, original=Original(rows, title, None), title_key="whatif.screen")
        sandbox.keeps_game = False
        sandbox.note = ui("whatif.opened", lang, what=title)
        self.app.play_under(made.game.world.profile, made.game.world.replies)  # the branch's rules, this session
        self.app.push_screen(sandbox)

    # -- the rest --------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)
