"""The lab on the play screen: two real Linux kernels are the endpoints, the player is the wire.

`LabScreen` is the sandbox's PlayScreen playing a LabGame (tcptui/lab/game.py) instead of a core
Game: the same wire, ladder, verdicts, menus, palette, history cursor and keys typed ahead. What
differs is what a real kernel makes different:
- each panel (widgets/lab_panel.py) shows its kernel's state as sock_diag reads it, the engine's
  predicted state beneath it (≠ when they differ), the kernel's pending timer counting down, and
  the kernel's numbers;
- the verdict pane begins by saying whether Linux did what the engine predicted, and if not, each
  difference (the report records it);
- the send menu injects a crafted segment, its numbers always editable (as the notes write them:
  x+1), as packetdrill injects its packets;
- time is the kernels': `w` waits until a kernel timer fires; keys typed meanwhile wait their
  turn (TypeAhead's hold), Escape stops waiting. What the kernels do while the player thinks
  comes from the lab's watch thread as `KernelMoved` messages;
- no undo, no redo, no crash, no timer menu: the kernels are real.
The top bar shows the route's rto_min and the namespaces' sysctls that decide what the kernels do.
Leaving the screen writes what `tcptui lab --report …` asked for and closes the lab: its
namespaces, devices and connections vanish.
"""

from __future__ import annotations

import time
from collections import namedtuple
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer

from ...core.moves import AppCall, Deliver, Drop, Duplicate, Send
from ...core.segment import ACK, DEFAULT_DATA
from ...core.states import CLASSIC_CALLS, Side
from ...core.validate import Kind
from ...lab.game import LabGame
from ...lab.kernel import NOTHING
from ...numbers import symbolic
from ...text import ui
from ..autoplay import AUTOPLAY_BINDINGS
from ..widgets.lab_panel import LabPanel, seconds_text
from .numbers import NumbersScreen
from .play import PlayScreen

if TYPE_CHECKING:
    from textual import getters

    from ..app import TcptuiApp

# A real kernel has none of these: no undo, no crash or flood on demand, no timer fired at will, no
# branch or playback (nor playback's keys) of a game that cannot be played again.
_SANDBOX_ONLY = frozenset(
    {"timer", "undo", "redo", "restart", "crash", "flood", "whatif", "playback"}
    | {binding.action for binding in AUTOPLAY_BINDINGS}
)
# (name, as the top bar writes it: short enough for 80 columns in Chinese — `ts` as `ss -i` says)
_TOP_SYSCTLS = (
    ("net.ipv4.tcp_timestamps", "ts"),
    ("net.ipv4.tcp_rfc1337", "rfc1337"),
    ("net.ipv4.tcp_tw_reuse", "tw_reuse"),
    ("net.ipv4.tcp_syncookies", "syncookies"),
    ("net.ipv4.tcp_syn_linear_timeouts", "syn_linear"),
)
# The export menu: (key, text, kind) — the lab's session, then the screen's ladder and picture.
_EXPORTS = (
    ("r", "lab.export.report", "report"),
    ("p", "lab.export.pcap", "pcap"),
    ("g", "lab.export.moves", "moves"),
    ("c", "lab.export.packetdrill-client", "packetdrill-client"),
    ("s", "lab.export.packetdrill-server", "packetdrill-server"),
    ("t", "export.text", "text"),
    ("v", "export.svg", "svg"),
)
_TICK = 1.0  # seconds between redraws of a pending timer's countdown
_GRACE = 1.0  # a wait goes on this long past the timer's expiry (the watch thread looks every 0.1 s)


class LabOptions(namedtuple("LabOptions", "sysctls rto_min_ms outputs")):
    """How `tcptui lab` set the lab up: sysctls for both namespaces, the route's rto_min, and the
    command's arguments naming the files to write when the lab is left (None: none)."""

    __slots__ = ()


def open_lab(app, options: LabOptions | None) -> None:
    """Set a lab up and show it; where that fails, say why in one line (the home screen beneath)."""
    from ...lab.session import Lab
    from ...lab.support import unavailable

    lang = app.prefs.lang
    problem = unavailable(lang)
    lab = None
    if problem is None:
        options = options or LabOptions({}, 1000, None)
        try:
            lab = Lab(sysctls=options.sysctls, rto_min_ms=options.rto_min_ms)
        except (OSError, ValueError) as error:
            problem = ui("lab.cli.setup-failed", lang, error=error)
    if lab is None:
        if len(app.screen_stack) <= 1:
            app.open_home()
        app.notify(problem, severity="error")
        return
    app.push_screen(LabScreen(lab, options.outputs if options else None))


class LabScreen(PlayScreen):
    """The play screen over a Lab: every move is played against the kernels and predicted by the engine."""

    keeps_game = False
    PANEL = LabPanel
    game: LabGame
    if TYPE_CHECKING:  # self.app as the checker sees it (as FitScreen will say for every screen)
        app = getters.app(TcptuiApp)

    BINDINGS = [
        Binding("a", "lab_call", "App…") if b.action == "call" else b  # (its help names the lab's calls)
        for b in PlayScreen.BINDINGS
        if b.action not in _SANDBOX_ONLY
    ] + [
        Binding("w", "wait", "Wait"),
        Binding("escape", "stop_wait", "Stop waiting", show=False),
    ]

    class KernelMoved(Message):
        """The kernels did something on their own (posted by the lab's watch thread)."""

    def __init__(self, lab, outputs=None, **kwargs) -> None:
        super().__init__(game=LabGame(lab), title_key="lab.title", **kwargs)
        self.lab = lab
        self.outputs = outputs  # `tcptui lab`'s arguments: --report and the other files to write
        self.waiting: tuple[float, int] | None = None  # (until, moves in the history then) while w waits
        self._wait_timer: Timer | None = None
        self._finished = False

    def on_mount(self) -> None:  # (PlayScreen.on_mount runs too: Textual calls each class's handler)
        self.lab.watch(lambda step: self.post_message(self.KernelMoved()))
        self.set_interval(_TICK, self._tick)

    def on_unmount(self) -> None:
        self.finish()

    def finish(self) -> None:
        """Write the files `tcptui lab` was asked for, then close the lab (once)."""
        if self._finished:
            return
        self._finished = True
        if self.outputs is not None:
            from ...commands.lab import write_outputs

            try:
                write_outputs(self.lab, self.outputs)
            except OSError as error:
                self.app.lab_errors.append(f"{error.filename}: {error.strerror or error}")
        self.lab.close()

    # -- hooks of the play screen -----------------------------------------------------------------

    def topbar(self, lang: str) -> str:
        """'tcptui lab │ rto_min=1s ts=0 rfc1337=0 tw_reuse=2 syncookies=1 syn_linear=0'."""
        sysctl, route = self.lab.sysctls.get, self.lab.route
        parts = [f"rto_min={route['rto_min_ms'] / 1000:g}s"]
        parts += [f"{short}={sysctl(name)}" for name, short in _TOP_SYSCTLS if sysctl(name) is not None]
        return ui(self.title_key, lang) + " │ " + " ".join(parts)

    def welcome(self, lang: str) -> str:
        return ui("lab.welcome", lang)

    def render_panels(self) -> None:
        """Each side: its kernel's view after the last Step (the timer aged since) and the engine's endpoint."""
        steps, world, lang = self.game.steps, self.game.world, self.app.prefs.lang
        step = steps[-1] if steps else None
        views = step.kernel if step is not None else dict.fromkeys(Side, NOTHING)
        age = self.lab.clock() - step.time if step is not None else 0.0
        for panel in self.query(LabPanel):
            side = panel.side
            panel.show_lab(
                views[side], world.endpoint(side), self.lab.iss(side), world.symbols, self.as_symbols, lang,
                side is self.side, age,
            )  # fmt: skip

    def verdict_lead(self, index: int, lang: str) -> Text | None:
        """Whether Linux did what the engine predicted (each difference if not), whose kernel moved
        on its own, what a call answered; and, while `w` waits, that it waits."""
        lines = []
        if self.waiting is not None:
            left = seconds_text(self.waiting[0] - _GRACE - time.monotonic())
            lines.append(Text(ui("lab.waiting", lang, seconds=left), style="bold reverse"))
        steps = self.game.steps
        if 0 <= index < len(steps):
            step = steps[index]
            if step.source == "kernel" and step.side is not None:
                lines.append(Text(ui("lab.on-its-own", lang, side=ui(f"who.{step.side.value}", lang)), style="italic"))
            if isinstance(self.game.history[index].move, Send) and step.side is not None:  # an injection
                side, receiver = (ui(f"who.{end.value}", lang) for end in (step.side, step.side.peer))
                lines.append(Text(ui("lab.injected", lang, side=side, receiver=receiver), style="italic"))
            if step.answer not in (None, "ok"):
                lines.append(Text(ui("lab.answered", lang, answer=step.answer), style="bold"))
            if step.differences:
                lines.append(Text(ui("lab.differs", lang), style="bold red"))
                lines += [Text("  " + difference.text(lang), style="red") for difference in step.differences]
            else:
                lines.append(Text(ui("lab.agrees", lang), style="green"))
        return Text("\n").join(lines) if lines else None

    @property
    def edits_numbers(self) -> bool:
        """A crafted segment's numbers can always be set by hand (x+1, as the notes write them)."""
        return True

    def call_keys(self) -> dict:
        """The classic socket calls (the applications accept and read on their own)."""
        return {call: key for call, key in super().call_keys().items() if call in CLASSIC_CALLS}

    def action_lab_call(self) -> None:
        """`a`: the sandbox's call menu, with the calls the lab makes on its real sockets."""
        self.action_call()

    def offered_moves(self) -> list:
        """The palette offers what the lab plays: calls, crafted segments and the network's moves."""
        return [m for m in super().offered_moves() if isinstance(m, (AppCall, Send, Deliver, Drop, Duplicate))]

    def play(self, move) -> None:
        """Play the move against the kernels; a move the lab cannot make is said in the verdict pane."""
        from ...lab.session import LabError

        try:
            outcome = self.game.apply(move)
        except LabError as error:
            self.note = error.text(self.app.prefs.lang)
            self.render_game()
            return
        self.moved(outcome)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        allowed = super().check_action(action, parameters)
        if allowed is False or action in _SANDBOX_ONLY:
            return False
        if self.waiting is not None:
            return action == "stop_wait"
        if action == "stop_wait":
            return False
        if action == "wait":
            return self._next_timer() is not None
        return allowed

    # -- time: the kernels' own ---------------------------------------------------------------------

    def _next_timer(self) -> float | None:
        """Seconds until the first pending kernel timer fires (as last read), or None if none runs."""
        steps = self.game.steps
        if not steps:
            return None
        step = steps[-1]
        age = self.lab.clock() - step.time
        left = [view.expires_ms / 1000 - age for view in step.kernel.values() if view.timer != "off"]
        return max(0.0, min(left)) if left else None

    def action_wait(self) -> None:
        """Let time pass until a kernel timer fires: what it sends comes on the wire (KernelMoved)."""
        left = self._next_timer()
        if left is None:
            return
        self.waiting = (time.monotonic() + left + _GRACE, len(self.game.history))
        self._wait_timer = self.set_timer(left + _GRACE, self._waited)
        self.note = ""
        self.render_verdict()
        self.refresh_bindings()

    def action_stop_wait(self) -> None:
        self._stop_waiting()

    def holds_keys(self) -> bool:
        """While `w` waits, keys typed meanwhile wait too (TypeAhead): they act on what the timer did."""
        return self.waiting is not None

    def interrupts(self, key: str) -> bool:
        return self.waiting is not None and key == "escape"

    def _waited(self) -> None:
        """The wait's time is up and no kernel moved: say so."""
        if self.waiting is not None:
            self.note = ui("lab.waited", self.app.prefs.lang, seconds=seconds_text(self.lab.clock() - self._began()))
            self._stop_waiting()

    def _began(self) -> float:
        steps = self.game.steps
        return steps[-1].time if steps else 0.0

    def _stop_waiting(self) -> None:
        if self.waiting is None:
            return
        self.waiting = None
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None
        self.render_game()
        self.app.release_keys()

    def on_lab_screen_kernel_moved(self, message: KernelMoved) -> None:
        """The kernels moved on their own: draw it (the verdict read stays where the player is); a
        wait ends there."""
        message.stop()
        reading = self.reading
        if self.waiting is not None and len(self.game.history) > self.waiting[1]:
            self._stop_waiting()  # (it draws)
        else:
            self.render_game()
        if reading is not None:
            self.reading = reading

    def _tick(self) -> None:
        """A pending timer counts down in the panels (and in the verdict pane while `w` waits)."""
        if self.waiting is not None:
            self.render_panels()
            self.render_verdict()
        elif self._next_timer() is not None:
            self.render_panels()

    # -- crafted segments: numbers as the notes write them --------------------------------------------

    def _edit_numbers(self, kind: Kind) -> None:
        """Ask for the numbers of a crafted segment, starting from what the engine's TCB would use."""
        side, lang = self.side, self.app.prefs.lang
        length = DEFAULT_DATA if kind is Kind.DATA else 0
        want = self.lab.crafted(side, kind.flags, length)
        title = ui("send.title", lang, side=ui(f"side.{side.value}", lang)) + f" {kind.value}"

        def send(numbers) -> None:
            if numbers is not None:
                self.play(Send(side, kind.flags, numbers[0], numbers[1], length))

        ack = want.ack if ACK in kind.flags else None
        screen = LabNumbersScreen(title, want.seq, ack, lang, side, self.game.world.symbols, self.as_symbols)
        self.app.push_screen(screen, send)

    # -- export and leaving -------------------------------------------------------------------------

    def action_export(self) -> None:
        """The lab's session (report, pcap, moves, packetdrill) or the screen's (ladder, SVG)."""
        from .choice import Choice, ChoiceScreen
        from .export import _export

        lang = self.app.prefs.lang
        choices = [Choice(key, ui(text, lang), kind) for key, text, kind in _EXPORTS]

        def chosen(kind: str | None) -> None:
            if kind:
                _export(self, kind, _write_export)

        self.app.push_screen(ChoiceScreen(ui("export.title", lang), choices), chosen)

    def action_back(self) -> None:
        """Back; with moves made, asked first (the kernels and their connections go away)."""
        if not self.game.history:
            self.app.leave(self)
            return
        from .message import MessageScreen

        lang = self.app.prefs.lang
        self.app.push_screen(
            MessageScreen(
                ui("lab.leave.title", lang),
                ui("lab.leave.body", lang, n=len(self.game.history)),
                ui("leave.footer", lang),
            ),
            lambda yes: self.app.leave(self) if yes else None,
        )


def _write_export(screen: LabScreen, kind: str):
    """One export of the lab's session into the current directory; the file written."""
    from ...core.states import Side
    from ...lab import export
    from .export import _name, export_game

    lab = screen.lab
    if kind == "report":
        path = _name("lab", ".jsonl")
        export.write_report(lab, path)
    elif kind == "pcap":
        path = _name("lab", ".pcap")
        export.write_pcap(lab, path)
    elif kind == "moves":
        path = _name("lab", ".moves")
        export.write_moves(lab, path)
    elif kind.startswith("packetdrill-"):
        side = Side(kind.partition("-")[2])
        path = _name(f"lab-{side.value}", ".pkt")
        export.write_packetdrill(lab, path, side)
    else:
        path = export_game(screen, kind)
    return path


class LabNumbersScreen(NumbersScreen):
    """The send menu's numbers for a crafted segment: written as the notes write them (x+1, y')
    or as 32-bit numbers; SEG.SEQ counts in the sender's sequence space, SEG.ACK in its peer's."""

    INPUT_TYPE = "text"

    def __init__(self, title, seq, ack, lang, side: Side, symbols: tuple, as_symbols: bool) -> None:
        super().__init__(title, seq, ack, lang)
        self.side, self.symbols, self.as_symbols = side, symbols, as_symbols

    def shown(self, value: int, field: str) -> str:
        if not self.as_symbols:
            return str(value)
        return symbolic(value, self.symbols, self.side if field == "seq" else self.side.peer)

    def parsed(self, text: str, field: str) -> int:
        from ...lab.moves import number_of

        return number_of(text, self.symbols)

    def footer(self) -> str:
        return ui("lab.numbers.footer", self.lang)

    def invalid(self, error: ValueError) -> str:
        return ui("lab.numbers.invalid", self.lang, error=error)
