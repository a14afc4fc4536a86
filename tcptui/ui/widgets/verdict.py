"""The verdict pane: the last move's verdict, its explanation, its rule and references; the score."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ...core.game import Score
from ...numbers import describe_item, outcome_params
from ...core.rules import RULES
from ...core.states import Verdict
from ...text import explain, facts, ui
from ...text import references as refs
from ...core.moves import Send
from ...text.wrap import Prose, prose
from ..look import REACTION_STYLE, VERDICT_ICON, VERDICT_STYLE, describe_move, set_titles
from .lines import PagedLines


def more_mark(lines: int, lang: str) -> str:
    """The mark on a pane's last line while its text goes on: '▼ 3 more lines · PgDn'."""
    return ui("pager.more", lang, n=lines)


class VerdictPane(PagedLines):
    """Renders an Outcome (or a welcome text) and a Score."""

    _shown = None

    def show(
        self,
        outcome,
        score: Score,
        lang: str,
        as_symbols: bool,
        note: str = "",
        welcome: str | Text = "",
        reading: str = "",
        lead: Text | None = None,
    ) -> None:
        """Draw an outcome; `note` is a one-off message (a file saved, a hint); `welcome` is said
        before the first move (the sandbox's own text when empty); `reading` says which earlier move
        this is, when it is not the last one ('move 3 of 9'); `lead`, lines said before the rest
        (the lab's kernel beside the engine)."""
        shown = (outcome, score, lang, as_symbols, note, welcome if outcome is None else "", reading, lead)
        if shown == self._shown:
            return
        self._shown = shown
        set_titles(
            self,
            ui("verdict.title", lang)
            + (f" · {reading}" if reading else "")
            + " · "
            + ui(
                "verdict.score",
                lang,
                points=score.points,
                streak=score.streak,
                illegal=score.illegal,
                resets=score.resets,
            ),
        )
        if outcome is None:
            lines = [welcome if isinstance(welcome, Text) else Prose(welcome or ui("verdict.welcome", lang))]
        else:
            lines = [
                _headline(outcome, lang),
                _replies(outcome, lang, as_symbols),
                *(Text(fact, style="bold") for fact in facts(outcome.params, lang)),  # the errno the application sees …
                references(outcome.rule, lang),
                Prose(explain(outcome.rule, lang, outcome_params(outcome, as_symbols))),
            ]
        if note:
            lines.append(Text(note, style="bold reverse"))
        if lead is not None:
            lines.insert(0, lead)
        self.set(Group(*(prose(line) for line in lines if line.plain)))

    def more_mark(self, lines: int) -> str:
        return more_mark(lines, self._shown[2] if self._shown else "en")


def _headline(outcome, lang: str) -> Text:
    """'✓ client connect → SYN_SENT' or '→ deliver 1: server accepted (SYN_RCVD)'."""
    verdict = outcome.verdict
    text = Text(f"{VERDICT_ICON[verdict]} ", style=VERDICT_STYLE[verdict])
    if verdict is not Verdict.NEUTRAL:
        # a send is correct or not; a call, a timer or a crash that may happen simply happened
        word = "done" if verdict is Verdict.CORRECT and not isinstance(outcome.move, Send) else verdict.value
        text.append(ui(f"verdict.{word}", lang), style=VERDICT_STYLE[verdict])
        text.append("  ")
    serial = outcome.segment.serial if outcome.segment is not None else None
    text.append(describe_move(outcome.move, lang, serial), style="bold")
    if outcome.reaction is not None and outcome.side is not None:
        text.append("  " + ui("verdict.reaction", lang, side=ui("who." + outcome.side.value, lang)))
        text.append(ui(f"reaction.{outcome.reaction.value}", lang), style=REACTION_STYLE[outcome.reaction])
    for side, change in outcome.changes[-1:]:
        first = next(c for s, c in outcome.changes if s is side)
        text.append(f"  {first.old.value} → {change.new.value}", style="bold")
    return text


def references(rule_id: str, lang: str) -> Text:
    """rule id · notes § · RFC section."""
    ref = RULES[rule_id]
    text = Text(rule_id, style="cyan")
    text.append(f"  · {ui('verdict.notes', lang)} §{ref.doc}" if ref.doc else "", style="bold")
    text.append(f"  · {refs(ref.rfc, lang)}", style="dim")
    if ref.simplifies:
        text.append(f"  {ui('explain.simplifies', lang)}", style="italic yellow")
    return text


def _replies(outcome, lang: str, as_symbols: bool) -> Text:
    """What went on the wire because of this move, or what the stack now owes."""
    symbols = outcome.world.symbols
    if outcome.owed:
        return Text(ui("verdict.owes", lang, side=ui("who." + outcome.side.value, lang)), style="bold reverse")
    if outcome.sent and outcome.segment is not None:  # a delivery's automatic replies
        sent = ", ".join(f"#{i.serial} {describe_item(i, symbols, as_symbols)}" for i in outcome.sent)
        return Text(ui("verdict.replied", lang, segments=sent), style="dim")
    return Text("")
