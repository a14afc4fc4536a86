"""The replay's verdict pane: for the packet shown, how its receiver took it (the rule, its
explanation, the notes' § and the RFC section), why its sender sent it, and what the replay
flagged there. A sibling of VerdictPane, rendered from a capture.browse.Step's records alone."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ...core.rules import RULES
from ...core.states import Side, Verdict
from ...text import explain, ui
from ..look import REACTION_STYLE, VERDICT_ICON, VERDICT_STYLE, set_titles
from .lines import PagedLines
from .verdict import more_mark, references
from ...text.wrap import prose


class PacketVerdict(PagedLines):
    """Renders one Step: the sender's side, then the receiver's, then the flags."""

    can_focus = False  # the screen's keys step the replay; nothing here takes them

    _shown = None

    def show(self, step, lang: str) -> None:
        """Draw what the records say about this packet."""
        if (step, lang) == self._shown:
            return
        self._shown = (step, lang)
        set_titles(self, ui("verdict.title", lang))
        lines = _sent(step, lang) + _received(step, lang) + _flagged(step, lang)  # in the order they happened
        self.set(Group(*(prose(line) for line in lines if line.plain)))

    def more_mark(self, lines: int) -> str:
        return more_mark(lines, self._shown[1] if self._shown else "en")


def _side(side, lang: str) -> str:
    """CLIENT or SERVER, as the panels name them."""
    return ui(f"side.{side.value}", lang)


def _changes(step, lang: str) -> Text:
    """'  SYN_SENT → ESTABLISHED' for the receiver, then 'CLIENT …' for the sender, where this packet
    changed their states."""
    rec, text = step.row.record, Text()
    receiver = step.row.side.peer
    for side in (receiver, receiver.peer):
        i = 0 if side is Side.CLIENT else 1
        now, was = (rec.client, rec.server)[i], step.before[i] if step.before else None
        if was is not now:
            text.append(f"  {_side(side, lang)} " if side is not receiver else "  ", style="dim")
            text.append(f"{was.value} → {now.value}" if was else f"→ {now.value}", style="bold")
    return text


def _received(step, lang: str) -> list[Text]:
    """How the receiver took the packet: its reaction, the rule, the explanation."""
    row, rec = step.row, step.row.record
    receiver = row.side.peer
    head = Text(ui("replay.ui.receiver", lang, side=_side(receiver, lang)), style="bold")
    if rec.reaction is not None:
        head.append(ui(f"reaction.{rec.reaction.value}", lang), style=REACTION_STYLE[rec.reaction])
    head.append_text(_changes(step, lang))
    if rec.rule is None or rec.rule not in RULES:
        return [head, Text(ui("replay.ui.no-rule", lang, side=_side(receiver, lang)), style="dim")]
    return [head, references(rec.rule, lang), Text(explain(rec.rule, lang, rec.params))]


def _sent(step, lang: str) -> list[Text]:
    """Why the sender sent it (the arrival that made it owed), and how the send was judged."""
    row, rec = step.row, step.row.record
    sender = _side(row.side, lang)
    lines = []
    if rec.cause in RULES:
        lines.append(
            Text(ui("replay.ui.why-sent", lang, side=sender), style="bold")
            .append("  ")
            .append_text(references(rec.cause, lang))
        )
        if "R" in row.flags:  # a RST is only understood with its cause
            lines.append(Text(explain(rec.cause, lang)))
    verdict = rec.send_verdict
    if verdict is not None and verdict is not Verdict.CORRECT and rec.send_rule in RULES:
        word = f"{VERDICT_ICON[verdict]} {ui(f'verdict.{verdict.value}', lang)}"
        lines.append(
            Text(ui("replay.ui.send-judged", lang, side=sender, verdict=word), style=VERDICT_STYLE[verdict])
            .append("  ")
            .append_text(references(rec.send_rule, lang))
        )
        lines.append(Text(explain(rec.send_rule, lang, rec.send_params)))
    if rec.story not in (None, "plain"):
        story = ui(f"replay.story.{rec.story}", lang)
        lines.append(Text("⚑ " + ui("replay.ui.story", lang, story=story), style="italic"))
    return lines


def _flagged(step, lang: str) -> list[Text]:
    """The summary's notes at this frame: an unexpected send, a reply still owed, a stuck endpoint."""
    lines = []
    for note in step.notes:
        params = dict(note.params)
        side = ui(f"replay.side.{note.side.value}", lang)
        if note.kind == "stuck":
            text = ui(f"replay.stuck.{params['state']}", lang, side=side)
        else:
            text = ui(f"replay.{note.kind}", lang, frame=note.frame, side=side, **params)
        lines.append(Text("⚑ " + text, style="bold yellow"))
        if note.kind == "missing" and note.rule in RULES:
            lines.append(references(note.rule, lang))
    return lines
