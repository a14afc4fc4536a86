"""One endpoint's panel: its state, large and written out; its TCB; what its application has done."""

from __future__ import annotations

from rich.console import Group
from rich.text import Span, Text
from textual.message import Message

from ...core.endpoint import App, Endpoint
from ...core.segment import SYN
from ...numbers import number
from ...core.states import Side, State
from ...text import ui
from ..look import STATE_ICON, STATE_STYLE, set_titles
from .lines import LineWidget


class EndpointPanel(LineWidget):
    """Renders an Endpoint it is given; clicking it selects that side."""

    class Picked(Message):
        """The player clicked this endpoint."""

        def __init__(self, side: Side) -> None:
            self.side = side
            super().__init__()

    def __init__(self, side: Side, **kwargs) -> None:
        super().__init__(**kwargs)
        self.side = side
        self._shown: tuple[tuple[str, tuple[Span, ...]], ...] | None = None  # what is drawn, to skip a repaint

    def show(self, ep: Endpoint, symbols: tuple, as_symbols: bool, lang: str, selected: bool) -> None:
        """Draw `ep` (the panel is marked when its side is the one the player acts for). An unchanged
        panel is not redrawn: a move writes only what it changed to the terminal."""
        self.set_class(selected, "-selected")
        self.set_class(ep.down, "-down")
        marker = "▶ " if selected else ""
        # the bottom border says what matters most: a reply the stack owes (manual mode), else who acts
        subtitle = ui("app.owes", lang, n=len(ep.owed)) if ep.owed else ui("panel.selected", lang) if selected else ""
        set_titles(self, marker + ui(f"side.{self.side.value}", lang), subtitle)
        self.set_class(bool(ep.owed), "-owes")
        parts = (
            state_banner(ep.state, lang, _owes_its_own(ep)),
            _tcb_table(ep, symbols, as_symbols, self.side),
            _app_line(ep, lang),
        )
        shown = tuple((part.plain, tuple(part.spans)) for part in parts)
        if shown != self._shown:  # e.g. a new ISS name elsewhere need not repaint this panel
            self._shown = shown
            self.set(Group(*parts))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.side))


def state_banner(state: State, lang: str, owes: bool = False) -> Text:
    """The state, unmistakable: icon and name in reverse video, and what it is waiting for — or, with
    manual replies, the segment it owes when the state's usual words would say it was sent."""
    text = Text(justify="center", no_wrap=True, overflow="ellipsis")
    text.append(f" {STATE_ICON[state]} {state.value} ", style=STATE_STYLE[state])
    text.append("\n")
    text.append(ui(f"state.{state.value}" + (".owed" if owes else ""), lang), style="italic dim")
    return text


def _owes_its_own(ep: Endpoint) -> bool:
    """SYN_RCVD still owing its SYN+ACK (the player replies by hand): the state is entered when the
    SYN arrives, and "SYN+ACK sent" is not true until the player sends it."""
    return ep.state is State.SYN_RCVD and any(SYN in seg.flags for seg in ep.owed)


def _tcb_table(ep: Endpoint, symbols: tuple, as_symbols: bool, side: Side) -> Text:
    """ISS, SND.UNA, SND.NXT, RCV.NXT as RFC 9293 names them ('–' where there is no TCB)."""
    tcb = ep.tcb
    has_tcb = ep.state.has_tcb
    knows_peer = has_tcb and ep.state is not State.SYN_SENT
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (name, value, known, owner) in enumerate(
        (
            ("ISS", tcb.iss, has_tcb, side),
            ("SND.UNA", tcb.snd_una, has_tcb, side),
            ("SND.NXT", tcb.snd_nxt, has_tcb, side),
            ("RCV.NXT", tcb.rcv_nxt, knows_peer, side.peer),  # the peer's sequence space: named after its ISN
        )
    ):
        text.append(("\n" if i else "") + name.ljust(8), style="dim")
        text.append(number(value, symbols, as_symbols, owner) if known else "–")
    return text


def _app_line(ep: Endpoint, lang: str) -> Text:
    """What the application (or the host) has done, most telling first, on one line."""
    words = []
    if ep.down:
        words.append(ui("app.down", lang))
    queues = ep.listener
    if queues is not None and App.LISTENING in ep.app:  # the listener's queues, when they are modelled
        syn = queues.half_open + (ep.state is State.SYN_RCVD and ep.passive)
        words.append(
            ui("app.queues", lang, syn=syn, synmax=queues.syn_max, acc=len(queues.accept_q), accmax=queues.accept_max)
        )
    if ep.unaccepted:
        words.append(ui("app.unaccepted", lang))
    if ep.tcb.unread:  # received, acknowledged, and not read by the application (yet)
        words.append(ui("app.unread", lang, n=ep.tcb.unread))
    if ep.pending:
        words.append(ui("app.pending", lang, n=ep.pending))
    if App.CLOSE_PENDING in ep.app:
        words.append(ui("app.close-pending", lang))
    if App.READ_CLOSED in ep.app:
        words.append(ui("app.closed", lang))
    elif ep.state.fin_sent:
        words.append(ui("app.shut", lang))
    if App.LISTENING in ep.app and ep.state is not State.LISTEN and queues is None:  # (the queues say it)
        words.append(ui("app.listener-open", lang))
    return Text(" · ".join(words), style="italic", no_wrap=True, overflow="ellipsis")
