"""The goal pane of a puzzle: each part of the goal, done (✓) or still to do (○), and what must
never happen (✗ once it did); the move count against par in its title.

`goal_items` turns a puzzle attempt into words in the player's language; whether a part is
still missing comes from the attempt itself (`Attempt.missing()`, `Track.broken`), never from
the UI (so an end condition, such as an empty wire, is not ticked before the first move: see
tcptui.puzzle.goal). An event is shown in the puzzle's own words when its file gives them, else a
rule event by its id and the notes' §. `GoalPane` draws the items it is given.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ...core.rules import RULES
from ...puzzle.goal import EventKind
from ...text import ui
from ..look import set_titles
from ..sections import section_text
from ...text.wrap import Prose

MARK = {"todo": "○", "done": "✓", "kept": "✓", "broken": "✗"}
STYLE = {"todo": "bold", "done": "green", "kept": "", "broken": "bold red reverse"}


class GoalItem(namedtuple("GoalItem", "notation text status")):
    """One part of the goal: its puzzle-file notation, its words, and todo | done | kept | broken."""

    __slots__ = ()


def goal_items(attempt, lang: str) -> list[GoalItem]:
    """The goal of the attempt's puzzle, part by part, marked from `attempt.missing()`."""
    goal, missing = attempt.puzzle.goal, set(attempt.missing())
    items = []
    for side, wanted in (("client", goal.client), ("server", goal.server)):
        if wanted:
            states = sorted(state.value for state in wanted)
            notation = f"{side} in {' or '.join(states)}"  # as Goal.missing() writes it
            text = ui("puzzle.goal.state", lang, side=_side(side, lang), states=ui("puzzle.goal.or", lang).join(states))
            items.append(GoalItem(notation, text, "todo" if notation in missing else "done"))
    if goal.wire_empty:
        items.append(
            GoalItem("wire empty", ui("puzzle.goal.wire-empty", lang), "todo" if "wire empty" in missing else "done")
        )
    for event in goal.must:
        notation = event.describe()
        items.append(GoalItem(notation, event_text(event, lang), "todo" if notation in missing else "done"))
    broken = attempt.track.broken
    for event in goal.must_not:
        happened = broken and any(event.happened(outcome) for outcome in attempt.game.history)
        items.append(
            GoalItem(
                f"not {event.describe()}",
                ui("puzzle.goal.never", lang, what=event_text(event, lang)),
                "broken" if happened else "kept",
            )
        )
    return items


def event_text(event, lang: str) -> str:
    """The puzzle's words for the event, else 'client reaches FIN_WAIT_2', 'server: host.restart (§4.4.4)' …"""
    if event.text is not None:
        return event.text.get(lang)
    value = event.value.value if isinstance(event.value, enum.Enum) else event.value
    where = ""
    if event.kind is EventKind.RULE:
        doc = RULES[value].doc if value in RULES else None
        where = section_text(doc or "beyond", lang)
    if event.side is None:
        return ui(f"puzzle.goal.{event.kind.value}-any", lang, value=value, where=where)
    return ui(f"puzzle.goal.{event.kind.value}", lang, side=_side(event.side.value, lang), value=value, where=where)


def _side(side: str, lang: str) -> str:
    return ui(f"puzzle.side.{side}", lang)


def render_items(items: list[GoalItem]) -> Text:
    """The items on as few lines as they take: '○ the client in TIME_WAIT   ✓ never: …'."""
    text = Text()
    for i, item in enumerate(items):
        if i:
            text.append("   ")
        text.append(f"{MARK[item.status]}\u00a0{item.text}", style=STYLE[item.status])  # the mark stays with it
    return text


class GoalPane(Static):
    """Renders goal items, the move count (in its title) and, above them, an alert line (e.g. over the limit)."""

    _shown = None

    def show(self, items: list[GoalItem], counts: str, lang: str, alert: str = "") -> None:
        """Draw the goal (the counts in its title); unchanged, nothing is repainted."""
        set_titles(self, f"{ui('puzzle.goal', lang).upper()} · {counts}")
        shown = (tuple(items), alert)
        if shown == self._shown:
            return
        self._shown = shown
        goal = Prose(render_items(items))  # wrapped whole (Chinese between characters), never cut to "○ t…"
        self.update(Group(Prose(alert, style="bold reverse"), goal) if alert else goal)
