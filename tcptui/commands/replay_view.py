"""The printed summary of `tcptui replay` (Rich): a table of connections, then what to look at.

Reads capture.summary.ConnSummary values; every explanation comes from tcptui.text by rule id.
Everything is built as Rich Text, never as markup: an IPv6 address ("[fd00::1]:443") or a path
with brackets prints as it is. The table fits the terminal: when the two ends of a connection do
not fit on one line beside the other columns (80 columns), they go on two.
"""

from __future__ import annotations

from collections import Counter

from ..core.rules import RULES
from ..core.states import Side
from ..text import explain, references, ui

MAX_ROWS = 200  # more connections than this: list only those with something to say
MAX_DETAILS = 12  # connections whose RSTs and notes are spelled out
MAX_RESETS = 5  # more RSTs than this: a table of their causes too
MAX_NOTES = 8  # notes per connection
NOTES_WIDTH = 18  # the notes column gets at least this much before the ends go on two lines
GAP = 2  # cells between two columns of the table
STATE_WIDTH = 11  # ESTABLISHED, the longest state name


def render(summaries, capture, lang: str) -> None:
    """Print the table and the details to stdout."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    packets = sum(s.packets for s in summaries)
    console.print(
        Text(
            ui("replay.title", lang, path=capture.path, conns=len(summaries), packets=packets),
            style="bold",
            overflow="fold",
        )
    )
    console.print(_table(summaries, lang, console.width))
    if len(summaries) > MAX_ROWS:
        console.print(_endings(summaries, lang))
    if sum(len(s.resets) for s in summaries) > MAX_RESETS:
        console.print(_causes(summaries, lang))
    noteworthy = [s for s in summaries if _noteworthy(s)]
    ended = {n.frame: (s.conn, n) for s in summaries for n in s.notes if n.kind == "ended"}
    for s in noteworthy[:MAX_DETAILS]:
        console.print(_details(s, lang, ended))
    if len(noteworthy) > MAX_DETAILS:
        console.print(
            ui("replay.more-details", lang, count=len(noteworthy) - MAX_DETAILS, conn=noteworthy[0].conn), markup=False
        )


def _noteworthy(s) -> bool:
    """A connection with a RST or a note deserves a row even among thousands."""
    return bool(s.resets or s.notes)


def _table(summaries, lang: str, width: int):
    """One row per connection (only the noteworthy ones when there are very many), `width` cells at most."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    noteworthy = summaries if len(summaries) <= MAX_ROWS else [s for s in summaries if _noteworthy(s)]
    rows = noteworthy[:MAX_ROWS]
    heads = [
        ui(f"replay.col.{key}", lang)
        for key in ("conn", "connection", "packets", "client-head", "server-head", "resets", "notes")
    ]
    narrow = [max(cell_len(line) for line in head.split("\n")) for head in heads]
    fixed = (
        max(narrow[0], len(str(rows[-1].conn)) if rows else 1)
        + max(narrow[2], 6)
        + 2 * max(narrow[3], narrow[4], STATE_WIDTH)
        + narrow[5]
        + GAP * (len(heads) - 1)
    )
    one_line = max((cell_len(f"{s.client} → {s.server}") for s in rows), default=0)
    stacked = fixed + one_line + NOTES_WIDTH > width  # client over "→ server"
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column(heads[0], justify="right", no_wrap=True)
    table.add_column(heads[1], overflow="fold")
    table.add_column(heads[2], justify="right", no_wrap=True)
    table.add_column(heads[3], no_wrap=True, min_width=STATE_WIDTH)
    table.add_column(heads[4], no_wrap=True, min_width=STATE_WIDTH)
    table.add_column(heads[5], justify="right", no_wrap=True)
    table.add_column(heads[6], min_width=NOTES_WIDTH, ratio=1)
    for s in rows:
        ends = f"{s.client}\n→ {s.server}" if stacked else f"{s.client} → {s.server}"
        notes = ", ".join(sorted({_note_label(n, lang) for n in s.notes}))
        table.add_row(
            Text(str(s.conn)),
            Text(ends),
            Text(str(s.packets)),
            _state(s.final[0]),
            _state(s.final[1]),
            Text(str(len(s.resets)) if s.resets else ""),
            Text(notes, style="yellow"),
        )
    if len(rows) < len(summaries):
        captions = (
            [ui("replay.more-noteworthy", lang, count=len(noteworthy) - len(rows))]
            if len(rows) < len(noteworthy)
            else []
        )
        captions.append(ui("replay.more", lang, count=len(summaries) - len(noteworthy)))
        table.caption = Text("\n".join(captions))
    return table


def _state(state):
    """A state in bold; the two that often mean a bug in yellow."""
    from rich.text import Text

    return Text(state.value, style="bold yellow" if state.value in ("CLOSE_WAIT", "FIN_WAIT_2") else "bold")


def _note_label(note, lang: str) -> str:
    """The few words the table shows for a note."""
    return ui(f"replay.note.{note.kind}", lang, **dict(note.params))


def _endings(summaries, lang: str):
    """How many connections ended in each pair of states."""
    from rich.table import Table

    table = Table(title=ui("replay.endings", lang), show_edge=False)
    table.add_column(ui("replay.col.client", lang))
    table.add_column(ui("replay.col.server", lang))
    table.add_column("", justify="right")
    for (client, server), count in Counter(s.final for s in summaries).most_common():
        table.add_row(client.value, server.value, str(count))
    return table


def _causes(summaries, lang: str):
    """Why the capture's RSTs were sent, most common first, each explained once."""
    from rich.table import Table

    table = Table(title=ui("replay.causes", lang), show_edge=False, show_lines=True)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column(ui("replay.why", lang))
    for cause, count in Counter(r.cause for s in summaries for r in s.resets).most_common():
        table.add_row(str(count), _why(cause, lang))
    return table


def _side(side: Side, lang: str) -> str:
    """'client' or 'server' in the language asked for."""
    return ui(f"replay.side.{side.value}", lang)


def _why(rule: str | None, lang: str, params=()):
    """'rule (§x, RFC …): explanation' for a rule id (empty for none)."""
    from rich.text import Text

    if rule is None or rule not in RULES:
        return Text("")
    ref = RULES[rule]
    rfc = references(ref.rfc, lang)
    where = f"§{ref.doc}, {rfc}" if ref.doc else rfc
    colon = ui("label", lang, name="")
    return Text.assemble((rule, "cyan"), " ", (f"({where})", "dim"), colon, explain(rule, lang, params))


def _details(s, lang: str, ended: dict):
    """A connection's RSTs (why, what they did, and an earlier connection's state they ended) and notes;
    `ended` maps a frame to the (connection, "ended" note) it closed."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    lines = []
    for r in s.resets:
        lines.append(Text(ui("replay.rst", lang, frame=r.frame, flags=r.label, side=_side(r.side, lang)), style="bold"))
        why = ui("label", lang, name=ui("replay.why", lang))  # 为什么：, not 为什么:
        lines.append(_Hang(Text(why).append_text(_why(r.cause, lang, r.params))))
        effect = ui("label", lang, name=ui("replay.effect", lang, side=_side(r.side.peer, lang)))
        lines.append(_Hang(Text(effect).append_text(_why(r.effect, lang))))
        if r.frame in ended and ended[r.frame][0] != s.conn:
            conn, note = ended[r.frame]
            words = ui("replay.ended-here", lang, **{**dict(note.params), "conn": conn})
            lines.append(_Hang(Text(words, style="bold")))
    for n in s.notes[:MAX_NOTES]:
        params = dict(n.params)
        if n.kind == "stuck":
            text = ui(f"replay.stuck.{params['state']}", lang, side=_side(n.side, lang))
        else:
            text = ui(f"replay.{n.kind}", lang, frame=n.frame, side=_side(n.side, lang), **params)
        lines.append(_Hang(Text(text, style="bold yellow"), 0))
        if n.rule:
            lines.append(_Hang(_why(n.rule, lang, n.params)))
    if len(s.notes) > MAX_NOTES:
        lines.append(Text(ui("replay.more-notes", lang, count=len(s.notes) - MAX_NOTES)))
    title = Text(f"#{s.conn}  {s.client} → {s.server}", style="bold")
    return Panel(Group(*lines), title=title, title_align="left", expand=False)


def _Hang(text, first: int = 2):
    """Text indented by `first` cells, its wrapped lines by `first` + 2 (a hanging indent); Chinese
    breaks between characters (tcptui.text.wrap)."""
    from ..text.wrap import Prose

    return Prose(text, first=first, hang=first + 2)
