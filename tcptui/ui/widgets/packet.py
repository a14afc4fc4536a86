"""The packet being shown, between the two endpoints: its frame, time, direction and numbers."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ...numbers import number
from ...core.segment import ACK, label_of
from ...ladder import flags_of
from ...text import ui
from ...text.wrap import Prose
from .lines import LineWidget

MAX_ARROW = 24  # cells of dashes at most, both sides together


class PacketBox(LineWidget):
    """Renders one replay.Row: 'frame 10 · 3 of 6 · +0.001 s', an arrow with its flags, its numbers."""

    can_focus = False  # the screen's keys step the replay; nothing here takes them

    _shown = None

    def show(self, row, n: int, total: int, t0: float, symbols: tuple, as_symbols: bool, lang: str) -> None:
        """Draw packet `n` of `total` (1-based); times count from `t0`, the connection's first packet."""
        shown = (row, n, total, t0, symbols, as_symbols, lang)
        if shown == self._shown:
            return
        self._shown = shown
        head = Text(
            ui("replay.ui.packet", lang, frame=row.frame, n=n, total=total, seconds=row.ts - t0),
            justify="center",
            no_wrap=True,
            overflow="ellipsis",
        )
        flags = flags_of(row.flags)
        arrow = _Arrow(
            f" {row.flags} · {label_of(flags, row.length)} ",
            row.dir == "c2s",
            "bold red" if "R" in row.flags else "bold",
        )
        words = numbers_line(row, symbols, as_symbols, lang)
        self.set(Group(head, arrow, Prose(words)))  # 32-bit numbers wrap to a second line, len included


def numbers_line(row, symbols: tuple, as_symbols: bool, lang: str) -> str:
    """'seq x+1 · ack y+1 · len 0'; with real numbers, the timestamps option too when the packet
    carried one (TSval, TSecr: what PAWS and a SYN meeting TIME_WAIT compare, RFC 7323, RFC 6191)."""
    ack = number(row.ack, symbols, as_symbols, row.side.peer) if ACK in flags_of(row.flags) else "–"
    seq = number(row.seq, symbols, as_symbols, row.side)
    words = ui("replay.ui.numbers", lang, seq=seq, ack=ack, length=row.length)
    if not as_symbols and row.tsopt is not None:
        words += " · " + ui("replay.ui.timestamps", lang, tsval=row.tsopt[0], tsecr=row.tsopt[1])
    return words


class _Arrow:
    """'────── R · RST ──────▶' (or leftwards), as wide as the box it is drawn in."""

    def __init__(self, label: str, rightwards: bool, style: str) -> None:
        self.label, self.rightwards, self.style = label, rightwards, style

    def __rich_console__(self, console, options):
        room = min(MAX_ARROW, max(2, options.max_width - len(self.label) - 1))
        left, right = "─" * (room // 2), "─" * (room - room // 2)
        body = f"{left}{self.label}{right}"
        yield Text(
            body + "▶" if self.rightwards else "◀" + body,
            style=self.style,
            justify="center",
            no_wrap=True,
            overflow="ellipsis",
        )
