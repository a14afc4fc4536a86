"""How core values look on screen: state families, icons, styles for the ladder's tags.

Colour is never the only signal: every state has an icon and is written out, verdicts have a
symbol, and RST/illegal/lost arrows carry ✗ or their flag name — so NO_COLOR terminals (Textual
turns the screen monochrome) still tell them apart.
"""

from __future__ import annotations

from ..core.states import Reaction, State, Verdict
from ..text import ui

STATE_ICON = {
    State.CLOSED: "○",
    State.LISTEN: "◎",
    State.SYN_SENT: "◔",
    State.SYN_RCVD: "◑",
    State.ESTABLISHED: "●",
    State.FIN_WAIT_1: "◕",
    State.FIN_WAIT_2: "◕",
    State.CLOSE_WAIT: "◒",
    State.CLOSING: "◕",
    State.LAST_ACK: "◒",
    State.TIME_WAIT: "⧗",
}

STATE_STYLE = {
    State.CLOSED: "bold reverse",
    State.LISTEN: "bold reverse blue",
    State.SYN_SENT: "bold reverse yellow",
    State.SYN_RCVD: "bold reverse yellow",
    State.ESTABLISHED: "bold reverse green",
    State.FIN_WAIT_1: "bold reverse magenta",
    State.FIN_WAIT_2: "bold reverse magenta",
    State.CLOSE_WAIT: "bold reverse magenta",
    State.CLOSING: "bold reverse magenta",
    State.LAST_ACK: "bold reverse magenta",
    State.TIME_WAIT: "bold reverse cyan",
}

VERDICT_ICON = {
    Verdict.CORRECT: "✓",
    Verdict.LEGAL: "•",
    Verdict.ILLEGAL: "✗",
    Verdict.WRONG_NUMBERS: "≠",
    Verdict.NEUTRAL: "→",
}
VERDICT_STYLE = {
    Verdict.CORRECT: "bold green",
    Verdict.LEGAL: "bold yellow",
    Verdict.ILLEGAL: "bold red",
    Verdict.WRONG_NUMBERS: "bold red",
    Verdict.NEUTRAL: "bold",
}
REACTION_STYLE = {
    Reaction.ACCEPTED: "green",
    Reaction.DROPPED: "yellow",
    Reaction.CHALLENGED: "yellow",
    Reaction.REFUSED: "bold red",
    Reaction.RESET: "bold red",
}

TAG_STYLE = {
    "state": "bold",
    "line": "dim",
    "arrow": "",
    "note": "italic",
    "rst": "bold red",
    "illegal": "bold red reverse",
    "lost": "dim",
    "late": "bold yellow",
    "": "",
}


def counted(key: str, lang: str, n: int, **params) -> str:
    """The text `key` said of n things: its `.one` form when n is 1 and the language has one
    (English says "1 move", Chinese counts alike), else the text itself."""
    from ..text import catalogue

    one = f"{key}.one"
    return ui(one if n == 1 and one in catalogue(lang).UI else key, lang, n=n, **params)


def set_titles(widget, title: str, subtitle: str | None = None) -> None:
    """Set border titles only when they change: every assignment repaints the border."""
    if (widget.border_title or "") != title:
        widget.border_title = title
    if subtitle is not None and (widget.border_subtitle or "") != subtitle:
        widget.border_subtitle = subtitle


def stars_text(stars: int, most: int = 3) -> str:
    """'★★☆': stars earned, as symbols (NO_COLOR terminals see them too)."""
    return "★" * stars + "☆" * (most - stars)


def difficulty_text(level: int, most: int = 5) -> str:
    """'●●●○○': a puzzle's difficulty, 1 … 5."""
    return "●" * level + "○" * (most - level)


def flow(text: str, lang: str) -> str:
    """Text hard-wrapped in a file, re-flowed to the width it is shown at: lines of a paragraph joined
    (with a space in English, without in Chinese), paragraphs kept apart."""
    glue = "" if lang == "zh" else " "
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "\n".join(glue.join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


def describe_move(move, lang: str, serial: int | None = None) -> str:
    """A move in the player's language ('client connect()', '客户端发送 SYN', 'deliver #3' …). A network
    move names its segment by the segment's own number (`serial`, as the wire and the ladder do);
    without it, by its position in flight."""
    from ..core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Send
    from ..core.segment import label_of
    from ..core.states import Call

    if isinstance(move, (Deliver, Drop, Duplicate)):
        if serial is None:
            return ui(f"move.{type(move).__name__.lower()}-at", lang, n=move.index + 1)
        return ui(f"move.{type(move).__name__.lower()}", lang, n=serial)
    if isinstance(move, Flood):
        return ui("move.flood", lang, n=move.count)
    side = ui(f"who.{move.side.value}", lang)
    if isinstance(move, AppCall) and move.call is Call.CRASH:
        return ui("move.kill", lang, side=side)
    if isinstance(move, AppCall):
        what = f"send() {move.nbytes} B" if move.call is Call.SEND else f"{move.call.value}()"
        return ui("move.call", lang, side=side, call=what)
    if isinstance(move, Send):
        return ui("move.send", lang, side=side, segment=label_of(move.flags, move.length))
    if isinstance(move, Fire):
        return ui("move.timer", lang, side=side, timer=ui(f"menu.{move.timer.value}", lang))
    if isinstance(move, Reboot):
        return ui("move.reboot", lang, side=side)
    return ui("move.crash" if isinstance(move, Crash) else "move.restart", lang, side=side)
