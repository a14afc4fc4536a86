"""The ladder (sequence) diagram of a game: time flows down, one line per endpoint.

A pure presentation model shared by the Textual ladder widget and the exports: `ladder_rows`
turns a game's history into rows (an arrow per segment that arrived or was lost, a note per
call, send, timer or crash, the new state beside each line when it changes), `render_lines`
lays them out in a given width as runs of (text, tag), and `to_text` / `to_mermaid` write them
out. Tags are semantic ("rst", "illegal", "lost" …); the widget maps them to styles.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from .core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send
from .numbers import describe, describe_item
from .core.segment import ACK, RST, Flags, Segment
from .core.states import Call, Reaction, Side, Verdict
from .text import ui
from rich.cells import cell_len as cells, set_cell_size


class Kind(enum.Enum):
    """What a row shows."""

    START = "start"  # the states the game starts in
    ARROW = "arrow"  # a segment that arrived, or was lost on the way
    NOTE = "note"  # something one endpoint did: a call, a send, a timer, a crash


class Row(namedtuple("Row", "kind side text marks client server rule move", defaults=(None,))):
    """One line of the ladder.

    - side: for an arrow, its sender; for a note, the endpoint that acted (None: the network).
    - text: the arrow's label ('#1 SYN seq=x') or the note.
    - marks: frozenset of tags — rst, illegal, wrong, lost, late, challenge, refused, reset, old.
    - client / server: the endpoint's new state name when it changed on this row, else None.
    - move: the index in the game's history of the move this row shows (None: the start, a capture).
    """

    __slots__ = ()


_CALL_TEXT = {
    Call.LISTEN: "listen()",
    Call.CONNECT: "connect()",
    Call.SEND: "send()",
    Call.SHUTDOWN: "shutdown()",
    Call.CLOSE: "close()",
    Call.ABORT: "abort",  # + ladder.linger's words
    Call.READ: "read()",
    Call.ACCEPT: "accept()",
    Call.CRASH: "kill -9",
    Call.REUSEADDR: "SO_REUSEADDR",
}
_REACTION_MARKS = {
    Reaction.CHALLENGED: "challenge",
    Reaction.REFUSED: "refused",
    Reaction.RESET: "reset",
    Reaction.DROPPED: "dropped",
}


def _states(outcome) -> tuple:
    """The new state of each endpoint that changed in this outcome (None where it did not)."""
    new = {side: change.new for side, change in outcome.changes}
    client, server = new.get(Side.CLIENT), new.get(Side.SERVER)
    return (client.value if client else None, server.value if server else None)


def _label(item, symbols, as_symbols: bool) -> str:
    return f"#{item.serial} {describe_item(item, symbols, as_symbols)}"


def _note_text(outcome, symbols, as_symbols: bool, lang: str = "en") -> str:
    """What a note says, in `lang`: the move, then the segments it put on the wire."""
    move = outcome.move
    if isinstance(move, AppCall):
        text = _CALL_TEXT[move.call] + (f" {move.nbytes} B" if move.call is Call.SEND else "")
        if move.call is Call.ABORT:
            text += ui("ladder.linger", lang)
    elif isinstance(move, Send):
        return " ".join([ui("ladder.sends", lang)] + [_label(item, symbols, as_symbols) for item in outcome.sent])
    elif isinstance(move, Fire):
        text = ui("ladder.timer", lang, timer=move.timer.value)
    elif isinstance(move, Crash):
        text = ui("ladder.crash", lang)
    elif isinstance(move, Restart):
        text = ui("ladder.restart", lang)
    elif isinstance(move, Reboot):
        text = ui("ladder.reboot", lang)
    elif isinstance(move, Flood):
        text = ui("ladder.flood", lang, count=move.count)
    else:
        text = str(move)
    sent = ", ".join(_label(item, symbols, as_symbols) for item in outcome.sent)
    return f"{text} → {sent}" if sent else text


def _marks(outcome, sent_verdicts: dict) -> frozenset:
    """Tags for a row: what was unusual about it."""
    marks = set()
    if outcome.verdict is Verdict.ILLEGAL:
        marks.add("illegal")
    elif outcome.verdict is Verdict.WRONG_NUMBERS:
        marks.add("wrong")
    if outcome.reaction in _REACTION_MARKS:
        marks.add(_REACTION_MARKS[outcome.reaction])
    if outcome.rule == "data.late-accepted":
        marks.add("late")
    items = list(outcome.sent) + ([outcome.segment] if outcome.segment is not None else [])
    if any(RST in item.segment.flags for item in items):
        marks.add("rst")
    if outcome.segment is not None and sent_verdicts.get(outcome.segment.serial) is Verdict.ILLEGAL:
        marks.add("illegal")
    return frozenset(marks)


def ladder_rows(start, history, *, as_symbols: bool = True, lang: str = "en") -> list[Row]:
    """The rows of a game that began in world `start` and went through `history` (outcomes), their
    notes in `lang` (segments keep the protocol's notation)."""
    rows = [Row(Kind.START, None, "", frozenset(), start.client.state.value, start.server.state.value, None)]
    sent_verdicts: dict[int, Verdict] = {}
    for index, outcome in enumerate(history):
        symbols = outcome.world.symbols
        move = outcome.move
        for item in outcome.sent:
            sent_verdicts[item.serial] = outcome.verdict
        client, server = _states(outcome)
        marks = _marks(outcome, sent_verdicts)
        if isinstance(move, (Deliver, Drop)) and outcome.segment is not None:
            if isinstance(move, Drop):
                marks |= {"lost"}
            text = _label(outcome.segment, symbols, as_symbols)
            rows.append(Row(Kind.ARROW, outcome.segment.src, text, marks, client, server, outcome.rule, index))
        elif isinstance(move, Duplicate) and outcome.segment is not None:
            text = ui("ladder.duplicated", lang, copy=outcome.segment.serial, serial=outcome.sent[0].serial)
            rows.append(Row(Kind.NOTE, None, text, marks, client, server, outcome.rule, index))
        elif outcome.side is not None:
            text = _note_text(outcome, symbols, as_symbols, lang)
            rows.append(Row(Kind.NOTE, outcome.side, text, marks, client, server, outcome.rule, index))
    return rows


def capture_rows(rows, symbols: tuple = (), *, as_symbols: bool = True) -> list[Row]:
    """The rows of a replayed connection (capture.replay.Row values, one connection's): an arrow per
    packet labelled with its frame number, the states beside the lines where they changed (both on
    the first row), marked from the records as a game's rows are."""
    out, last = [], (None, None)
    for row in rows:
        rec = row.record
        flags = flags_of(row.flags)
        seg = Segment(flags, row.seq, row.ack if ACK in flags else 0, row.length, row.window)
        client = rec.client.value if rec.client is not last[0] else None
        server = rec.server.value if rec.server is not last[1] else None
        marks = {_REACTION_MARKS[rec.reaction]} if rec.reaction in _REACTION_MARKS else set()
        if RST in flags:
            marks.add("rst")
        if rec.send_verdict in _SEND_MARKS:
            marks.add(_SEND_MARKS[rec.send_verdict])
        text = f"#{row.frame} {describe(seg, symbols, as_symbols, row.side)}"
        out.append(Row(Kind.ARROW, row.side, text, frozenset(marks), client, server, rec.rule))
        last = (rec.client, rec.server)
    return out


_SEND_MARKS = {Verdict.ILLEGAL: "illegal", Verdict.WRONG_NUMBERS: "wrong"}


def flags_of(letters: str) -> Flags:
    """Wireshark-like letters → the core's Flags (U, E, C and N are not modelled: left out)."""
    known = "".join(letter for letter in letters if letter in "FSRPA")
    return Flags.parse(known) if known else Flags(0)


# -- layout ---------------------------------------------------------------------------------------

LABEL = 12  # columns for the state names beside each line ("ESTABLISHED" and a space)
MIN_WIDTH = 40


def _fit(text: str, width: int) -> str:
    """`text` in `width` terminal cells (a Chinese character takes two), cut with '…' if longer."""
    if cells(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…"


def _pad(text: str, width: int) -> str:
    """`text` filled with spaces to `width` cells (str.ljust counts characters, not cells)."""
    return text + " " * (width - cells(text))


def _fit_note(text: str, width: int) -> str:
    """A note in `width` columns: whole if it fits, else the segments it sent by number and kind
    ('send() 100 B → #4 DATA': the arrow below spells the numbers out), else cut."""
    if cells(text) <= width or " → " not in text:
        return _fit(text, width)
    head, _, sent = text.partition(" → ")
    serials = ", ".join(" ".join(part.split()[:2]) for part in sent.split(", "))
    return _fit(f"{head} → {serials}", width)


def _arrow(row: Row, span: int) -> list[tuple[str, str]]:
    """The part between the two lifelines: an arrow with its label, or a note."""
    tag = next((mark for mark in ("illegal", "rst", "late") if mark in row.marks), "arrow")
    if row.kind is Kind.NOTE:
        text = _fit_note(("✗ " if "illegal" in row.marks else "") + row.text, span - 2)
        size = cells(text)
        if row.side is Side.SERVER:
            return [(" " * (span - size - 1) + text + " ", "illegal" if "illegal" in row.marks else "note")]
        if row.side is None:
            pad = span - size
            return [(" " * (pad // 2) + text + " " * (pad - pad // 2), "note")]
        return [(" " + text + " " * (span - size - 1), "illegal" if "illegal" in row.marks else "note")]
    label = _fit(f" {row.text} ", span - 3)  # a dash each side and the head: real numbers fit at 80 columns
    if "lost" in row.marks:  # the arrow stops short, where the network lost it
        reach = max(cells(label) + 4, span * 2 // 3)
        dashes = "─" * (reach - cells(label) - 3)
        if row.side is Side.CLIENT:
            return [("──" + label + dashes + "✗", "lost"), (" " * (span - reach), "")]
        return [(" " * (span - reach), ""), ("✗" + dashes + label + "──", "lost")]
    left = (span - cells(label) - 1) // 2
    right = span - cells(label) - 1 - left
    if row.side is Side.CLIENT:
        return [("─" * left + label + "─" * right + "▶", tag)]
    return [("◀" + "─" * left + label + "─" * right, tag)]


def render_lines(rows: list[Row], width: int) -> list[list[tuple[str, str]]]:
    """Lay the rows out in `width` columns: [client state][│][arrow or note][│][server state]."""
    width = max(width, MIN_WIDTH)
    span = width - 2 * LABEL - 2
    lines = []
    for row in rows:
        client = _fit(row.client or "", LABEL - 1).ljust(LABEL)
        server = _fit(row.server or "", LABEL - 1).rjust(LABEL)
        if row.kind is Kind.START:
            middle = [(" " * span, "")]
        else:
            middle = _arrow(row, span)
        lines.append(
            [
                (client, "state" if row.client else ""),
                ("│", "line"),
                *middle,
                ("│", "line"),
                (server, "state" if row.server else ""),
            ]
        )
    return lines


# -- exports ------------------------------------------------------------------------------------


def to_text(rows: list[Row], width: int = 100, title: str = "", lang: str = "en") -> str:
    """The ladder as plain text in `width` cells, with a heading naming both ends in `lang`."""
    width = max(width, MIN_WIDTH)
    client, server = ui("ladder.client", lang), ui("ladder.server", lang)
    head = _pad(client, LABEL) + " " * (width - 2 * LABEL) + " " * (LABEL - cells(server)) + server
    body = ["".join(text for text, _ in line).rstrip() for line in render_lines(rows, width)]
    return "\n".join(([title, ""] if title else []) + [head.rstrip()] + body) + "\n"


def to_mermaid(rows: list[Row]) -> str:
    """The ladder as a Mermaid sequence diagram (paste it into any Markdown that renders Mermaid)."""
    out = ["sequenceDiagram", "    participant C as Client", "    participant S as Server"]
    for row in rows:
        if row.kind is Kind.ARROW:
            src, dst = ("C", "S") if row.side is Side.CLIENT else ("S", "C")
            arrow = "-x" if "lost" in row.marks else "->>"
            extra = "".join(f" [{mark}]" for mark in sorted(row.marks & {"rst", "illegal", "late", "challenge"}))
            out.append(f"    {src}{arrow}{dst}: {_mermaid_safe(row.text)}{extra}")
        elif row.kind is Kind.NOTE:
            where = "C" if row.side is Side.CLIENT else ("S" if row.side is Side.SERVER else "C,S")
            prefix = "✗ " if "illegal" in row.marks else ""
            out.append(f"    Note over {where}: {prefix}{_mermaid_safe(row.text)}")
        for side, state in (("C", row.client), ("S", row.server)):
            if state:
                out.append(f"    Note over {side}: {state}")
    return "\n".join(out) + "\n"


def _mermaid_safe(text: str) -> str:
    """Mermaid reads ';' and '#' specially in messages."""
    return text.replace(";", ",").replace("#", "no. ")
