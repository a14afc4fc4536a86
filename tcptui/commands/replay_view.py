"""The printed summary of `tcptui replay` (Rich): a table of connections, then what to look at.

Reads capture.summary.ConnSummary values; every explanation comes from tcptui.text by rule id.
"""

from __future__ import annotations

from collections import Counter

from ..core.rules import RULES
from ..core.states import Side
from ..text import explain, ui

MAX_ROWS = 200  # more connections than this: list only those with something to say
MAX_DETAILS = 12  # connections whose RSTs and notes are spelled out
MAX_RESETS = 5  # more RSTs than this: a table of their causes too
MAX_NOTES = 8  # notes per connection


def render(summaries, capture, lang: str) -> None:
    """Print the table and the details to stdout."""
    from rich.console import Console

    console = Console(highlight=False)
    packets = sum(s.packets for s in summaries)
    console.print(ui("replay.title", lang, path=capture.path, conns=len(summaries), packets=packets), style="bold")
    console.print(_table(summaries, lang))
    if len(summaries) > MAX_ROWS:
        console.print(_endings(summaries, lang))
    if sum(len(s.resets) for s in summaries) > MAX_RESETS:
        console.print(_causes(summaries, lang))
    noteworthy = [s for s in summaries if _noteworthy(s)]
    for s in noteworthy[:MAX_DETAILS]:
        console.print(_details(s, lang))
    if len(noteworthy) > MAX_DETAILS:
        console.print(ui("replay.more-details", lang, count=len(noteworthy) - MAX_DETAILS, conn=noteworthy[0].conn))


def _noteworthy(s) -> bool:
    """A connection with a RST or a note deserves a row even among thousands."""
    return bool(s.resets or s.notes)


def _table(summaries, lang: str):
    """One row per connection (only the noteworthy ones when there are very many)."""
    from rich.table import Table

    noteworthy = summaries if len(summaries) <= MAX_ROWS else [s for s in summaries if _noteworthy(s)]
    rows = noteworthy[:MAX_ROWS]
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(ui("replay.col.conn", lang), justify="right", no_wrap=True,
                     min_width=len(str(rows[-1].conn)) if rows else 1)
    table.add_column(ui("replay.col.connection", lang), overflow="fold", ratio=3)
    table.add_column(ui("replay.col.packets", lang), justify="right", no_wrap=True)
    table.add_column(ui("replay.col.client", lang), no_wrap=True)
    table.add_column(ui("replay.col.server", lang), no_wrap=True)
    table.add_column(ui("replay.col.resets", lang), justify="right", no_wrap=True)
    table.add_column(ui("replay.col.notes", lang), ratio=2)
    for s in rows:
        notes = sorted({_note_label(n, lang) for n in s.notes})
        table.add_row(str(s.conn), f"{s.client} → {s.server}", str(s.packets), _state(s.final[0]),
                      _state(s.final[1]), str(len(s.resets)) if s.resets else "", ", ".join(notes))
    if len(rows) < len(summaries):
        captions = [ui("replay.more-noteworthy", lang, count=len(noteworthy) - len(rows))] \
            if len(rows) < len(noteworthy) else []
        captions.append(ui("replay.more", lang, count=len(summaries) - len(noteworthy)))
        table.caption = "\n".join(captions)
    return table


def _state(state) -> str:
    """A state in bold; the two that often mean a bug in yellow."""
    style = "bold yellow" if state.value in ("CLOSE_WAIT", "FIN_WAIT_2") else "bold"
    return f"[{style}]{state.value}[/]"


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


def _why(rule: str | None, lang: str, params=()) -> str:
    """'rule (§x, RFC …): explanation' for a rule id."""
    if rule is None or rule not in RULES:
        return ""
    ref = RULES[rule]
    where = f"§{ref.doc}, {ref.rfc}" if ref.doc else ref.rfc
    return f"[cyan]{rule}[/] [dim]({where})[/]: {explain(rule, lang, params)}"


def _details(s, lang: str):
    """A connection's RSTs (why, and what they did) and notes."""
    from rich.panel import Panel
    from rich.text import Text

    lines = []
    for r in s.resets:
        lines.append(f"[bold]{ui('replay.rst', lang, frame=r.frame, flags=r.flags, side=_side(r.side, lang))}[/]")
        lines.append(f"  {ui('replay.why', lang)}: {_why(r.cause, lang)}")
        lines.append(f"  {ui('replay.effect', lang, side=_side(r.side.peer, lang))}: {_why(r.effect, lang)}")
    for n in s.notes[:MAX_NOTES]:
        if n.kind == "stuck":
            text = ui(f"replay.stuck.{dict(n.params)['state']}", lang, side=_side(n.side, lang))
        else:
            text = ui(f"replay.{n.kind}", lang, frame=n.frame, side=_side(n.side, lang), **dict(n.params))
        lines.append(f"[bold yellow]{text}[/]")
        if n.rule:
            lines.append(f"  {_why(n.rule, lang, n.params)}")
    if len(s.notes) > MAX_NOTES:
        lines.append(ui("replay.more-notes", lang, count=len(s.notes) - MAX_NOTES))
    title = Text(f"#{s.conn}  {s.client} → {s.server}", style="bold")
    return Panel("\n".join(lines), title=title, title_align="left", expand=False)
