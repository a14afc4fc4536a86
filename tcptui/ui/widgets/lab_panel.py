"""One endpoint in the lab: its kernel's state, the engine's prediction beneath, the kernel's timer.

The sandbox's EndpointPanel shows the engine's endpoint. In the lab the endpoint is a real Linux
socket, so the banner is what its kernel says (sock_diag, tcptui.lab.kernel), and the line under
it is the engine's state for the same moment — marked ≠ when they differ. Then the kernel's
pending timer as `ss -tanoi` shows it (the retransmission timer is RFC 9293's RTO; a TIME_WAIT's
is the 2MSL timer, 60 s on Linux), counting down, and the kernel's numbers (SND.UNA, SND.NXT and
RCV.NXT from tcp_info, named after the ISNs as the notes name them; '–' where the kernel does
not say, as in TIME_WAIT).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ...core.states import Side, State
from ...lab.shadow import view_state
from ...numbers import number
from ...text import ui
from ..look import STATE_ICON, STATE_STYLE, set_titles
from .endpoint import EndpointPanel

# The kernel's timer (idiag_timer, as ss names it) in the engine's words.
_TIMER_NAMES = {"on": "RTO", "keepalive": "keepalive", "persist": "persist"}


def seconds_text(seconds: float) -> str:
    """'0.8s', '59s': how long until a timer fires (tenths under ten seconds)."""
    seconds = max(seconds, 0.0)
    return f"{seconds:.1f}s" if seconds < 10 else f"{seconds:.0f}s"


def timer_text(view, age: float, lang: str) -> str:
    """The kernel's pending timer, `age` seconds after it was read: 'timer RTO 0.8s ×1'."""
    if view.timer == "off":
        return ui("lab.timer.off", lang)
    if view.timer == "timewait":
        name = "2MSL" if view.state is State.TIME_WAIT else "fin_timeout"  # an orphan FIN_WAIT_2's
    else:
        name = _TIMER_NAMES.get(view.timer, view.timer)
    text = ui("lab.timer", lang, timer=name, seconds=seconds_text(view.expires_ms / 1000 - age))
    return text + (ui("lab.timer.fired", lang, n=view.retrans) if view.timer == "on" and view.retrans else "")


class LabPanel(EndpointPanel):
    """Renders one side of the lab: a kernel view (tcptui.lab.kernel.KernelView) and the engine's
    endpoint for the same moment; clicking it selects that side."""

    def show_lab(
        self, view, engine, iss: int | None, symbols: tuple, as_symbols: bool, lang: str, selected: bool, age: float
    ) -> None:
        """Draw `view` (read `age` seconds ago) beside `engine` (a core Endpoint); unchanged lines are
        not repainted (the timer's line changes as it counts down)."""
        self.set_class(selected, "-selected")
        predicted = view_state(engine)
        self.set_class(predicted is not view.state, "-differs")
        title = ("▶ " if selected else "") + ui(f"side.{self.side.value}", lang) + " · " + ui("lab.kernel", lang)
        beside = view.listening and view.state is not State.LISTEN
        subtitle = ui("app.listener-open", lang) if beside else ui("panel.selected", lang) if selected else ""
        set_titles(self, title, subtitle)
        parts = (
            _banner(view.state),
            _engine_line(predicted, view.state, lang),
            Text(timer_text(view, age, lang), style="bold" if view.timer != "off" else "dim", no_wrap=True),
            _numbers(view, iss, symbols, as_symbols, self.side),
        )
        shown = tuple((part.plain, tuple(part.spans)) for part in parts)
        if shown != self._shown:
            self._shown = shown
            self.set(Group(*parts))


def _banner(state: State) -> Text:
    """The kernel's state, as the sandbox's banner draws a state: icon and name in reverse video."""
    text = Text(justify="center", no_wrap=True, overflow="ellipsis")
    text.append(f" {STATE_ICON[state]} {state.value} ", style=STATE_STYLE[state])
    return text


def _engine_line(predicted: State, kernel: State, lang: str) -> Text:
    """'engine SYN_RCVD ✓', or '… ≠' in reverse video when the engine predicted another state."""
    same = predicted is kernel
    text = Text(no_wrap=True, overflow="ellipsis", justify="center")
    text.append(ui("lab.engine", lang, state=predicted.value) + (" ✓" if same else " ≠"))
    text.stylize("dim" if same else "bold reverse red")
    return text


def _numbers(view, iss: int | None, symbols: tuple, as_symbols: bool, side: Side) -> Text:
    """ISS, SND.UNA, SND.NXT, RCV.NXT as the kernel has them ('–' where it does not say)."""
    connected = view.state.has_tcb
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (name, value, owner) in enumerate(
        (
            ("ISS", iss if connected else None, side),
            ("SND.UNA", view.snd_una, side),
            ("SND.NXT", view.snd_nxt, side),
            ("RCV.NXT", view.rcv_nxt, side.peer),  # the peer's sequence space: named after its ISN
        )
    ):
        text.append(("\n" if i else "") + name.ljust(8), style="dim")
        text.append("–" if value is None else number(value, symbols, as_symbols, owner))
    return text
