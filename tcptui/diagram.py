"""The TCP state diagram, drawn from the core's transition table (rules.RULES' `move`).

Nothing here knows TCP: the edges are the table's rows, one per (rule, source state), grouped as
RFC 793's Figure 6 (RFC 9293's Figure 5) is laid out — opening, data transfer, active close,
passive close — plus the resets, timeouts and crashes the figure leaves out. Words come from the
text catalogues, so the diagram speaks Chinese or English. Three forms: text (fits 80 columns in
both languages), Mermaid (stateDiagram-v2) and Graphviz DOT. `tcptui diagram` prints them; the
help screen draws the text form with the endpoints' current states highlighted.
"""

from __future__ import annotations

import unicodedata
from collections import namedtuple

from .core.rules import Group, Trigger, transitions
from .core.states import State
from .text import ui

FORMATS = ("text", "mermaid", "dot")
GROUPS = tuple(Group)
_STATE_WIDTH = max(len(s.value) for s in State)


class Edge(namedtuple("Edge", "group source target rule event sends")):
    """One arrow: from `source` to `target` by `rule`, on `event` (words), sending `sends` (a label or '')."""

    __slots__ = ()

    def label(self, lang: str) -> str:
        """'rcv SYN / snd SYN+ACK': the event, and what is sent if anything."""
        if not self.sends:
            return self.event
        return ui("diagram.sends", lang, event=self.event, segment=self.sends)


def event_words(on, lang: str) -> str:
    """A transition's event in words: 'rcv ACK of our FIN', 'close()', '2MSL timeout' …"""
    if on.trigger is Trigger.RECV:
        key = f"diagram.recv.{on.detail}" if on.detail else "diagram.recv"
        return ui(key, lang, segment=on.names[0])
    if on.trigger is Trigger.CALL:
        special = f"diagram.app.{on.names[0]}" + (f".{on.detail}" if on.detail else "")
        words = ui(special, lang)  # a call that is no function call (the process dies) has words of its own
        if words != special:
            return words
        return ui(f"diagram.app.{on.detail}" if on.detail else "diagram.app", lang, call=on.names[0])
    key = f"diagram.{on.trigger.value}.{on.names[0]}"
    return ui(f"{key}.{on.detail}" if on.detail else key, lang)


def edges(profile, lang: str) -> list[Edge]:
    """Every transition that can happen under `profile`, by group, then by source state (in RFC
    order), then in the table's order."""
    order = {state: i for i, state in enumerate(State)}
    rows = [
        Edge(r.move.group, source, r.move.target, r.id, event_words(r.move.on, lang), r.move.sends_under(profile))
        for r, source in transitions(profile)
    ]
    return sorted(rows, key=lambda e: (GROUPS.index(e.group), order[e.source]))  # sorted() is stable


def cells(text: str) -> int:
    """Terminal columns (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def title(profile, lang: str, count: int) -> str:
    return ui("diagram.title", lang, profile=profile.name.value, count=count)


class Line(namedtuple("Line", "group sources target event")):
    """One line of the text form: a rule's sources (several share a line), its target, its words."""

    __slots__ = ()


def lines(profile, lang: str) -> list[Line]:
    """The text form's arrows: one per rule, its sources together, ordered as `edges`."""
    out: dict = {}
    for edge in edges(profile, lang):
        key = (edge.group, edge.rule)
        if key in out:
            out[key] = out[key]._replace(sources=out[key].sources + (edge.source,))
        else:
            out[key] = Line(edge.group, (edge.source,), edge.target, edge.label(lang))
    return list(out.values())


def text(profile, lang: str) -> str:
    """The text form: a title, the eleven states, then each group's arrows. A rule from several
    states writes them on a line of their own above its arrow; every line fits 80 columns."""
    rows = lines(profile, lang)
    count = sum(len(r.sources) for r in rows)
    out = [title(profile, lang, count), ui("diagram.states", lang), "  " + " ".join(s.value for s in list(State)[:6])]
    out.append("  " + " ".join(s.value for s in list(State)[6:]))
    for group in GROUPS:
        out += ["", ui(f"diagram.group.{group.value}", lang)]
        for row in rows:
            if row.group is group:
                out += text_line(row, lang)
    return "\n".join(out) + "\n"


def sources_text(row: Line, lang: str) -> str:
    """The sources of a line: one state, several, or 'every other state'."""
    if len(row.sources) == 1:
        return row.sources[0].value
    if set(row.sources) | {row.target} == set(State):
        return ui("diagram.any", lang)
    return ", ".join(s.value for s in row.sources)


def text_line(row: Line, lang: str) -> list[str]:
    """'  LISTEN      → SYN_RCVD     rcv SYN / snd SYN+ACK' (two lines for several sources)."""
    arrow = f"→ {row.target.value:<{_STATE_WIDTH}}  {row.event}"
    if len(row.sources) == 1:
        return [f"  {row.sources[0].value:<{_STATE_WIDTH}} {arrow}"]
    return [f"  {sources_text(row, lang)}", f"  {'':<{_STATE_WIDTH}} {arrow}"]


def mermaid(profile, lang: str) -> str:
    """A Mermaid stateDiagram-v2: state ids are the underscore names, labels avoid Mermaid's
    special characters (; # : { } < > and --)."""
    rows = edges(profile, lang)
    out = ["---", f"title: {_dot_string(title(profile, lang, len(rows)))}", "---", "stateDiagram-v2"]
    out += [f"    {s.value}" for s in State]  # every state, even one no arrow of this profile reaches
    out.append("    [*] --> CLOSED")
    for group in GROUPS:
        out.append(f"    %% {ui(f'diagram.group.{group.value}', lang)}")
        pairs: dict = {}  # one arrow per (source, target) in the group, its events a line each
        for e in rows:
            if e.group is group:
                pairs.setdefault((e.source, e.target), []).append(_mermaid_safe(e.label(lang)))
        out += [f"    {a.value} --> {b.value} : {'<br/>'.join(labels)}" for (a, b), labels in pairs.items()]
    return "\n".join(out) + "\n"


def _mermaid_safe(label: str) -> str:
    """Mermaid ends a statement at ';', starts an entity at '#', reads ':' after the first as text but
    some renderers do not, and '<', '>', '{', '}' as markup: spell them as look-alikes."""
    for bad, good in ((";", ","), ("#", "no."), (":", "꞉"), ("<", "‹"), (">", "›"), ("{", "("), ("}", ")")):
        label = label.replace(bad, good)
    return label.replace("--", "–")


def dot(profile, lang: str) -> str:
    """A Graphviz digraph, one cluster-free group of edges per part of the figure."""
    rows = edges(profile, lang)
    out = [
        "digraph tcp {",
        f"    label={_dot_string(title(profile, lang, len(rows)))};",
        "    labelloc=t;",
        "    node [shape=box, style=rounded];",
    ]
    out += [f"    {s.value};" for s in State]
    for group in GROUPS:
        out.append(f"    // {ui(f'diagram.group.{group.value}', lang)}")
        out += [
            f"    {e.source.value} -> {e.target.value} [label={_dot_string(e.label(lang))}];"
            for e in rows
            if e.group is group
        ]
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_string(text: str) -> str:
    """A double-quoted string, as DOT and YAML (Mermaid's front matter) both read it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(fmt: str, profile, lang: str) -> str:
    """The diagram in `fmt` (one of FORMATS)."""
    return {"text": text, "mermaid": mermaid, "dot": dot}[fmt](profile, lang)
