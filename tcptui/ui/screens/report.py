"""The exam report: the score, the score per topic, and every miss — the question, the answer given,
the right one, and why. ↑↓ and PgUp/PgDn scroll; q goes back to the exam's start screen."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...exam.answers import report
from ...exam.model import Form, QuestionKind
from ...text import ui
from ..widgets.keybar import KeyBar
from .base import FitScreen

BAR = 10  # cells of the per-topic bar


class ExamReportScreen(FitScreen):
    """Renders report(exam, answers); holds nothing else."""

    BINDINGS = [
        Binding("q,escape", "back", "Back", key_display="q"),
        Binding("L", "lang", "中文/EN"),
    ]

    def __init__(self, exam, answers: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam = exam
        self.report = report(exam, answers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(id="topbar")
            with VerticalScroll(id="exam-report"):
                yield Static(id="report-body")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.draw()
        self.query_one("#exam-report").focus()

    def apply_prefs(self) -> None:
        self.draw()

    def draw(self) -> None:
        lang, r = self.app.prefs.lang, self.report
        score = ui("exam.report.score", lang, right=r.right, total=r.total, percent=r.percent)
        self.query_one("#topbar", Static).update(f"{ui('exam.report.title', lang)}   │ {score}")
        parts = [Text(ui("exam.report.topics", lang), style="bold underline"), self._topics(lang), Text("")]
        if r.misses:
            parts.append(Text(f"{ui('exam.report.misses', lang)} ({len(r.misses)})", style="bold underline"))
            number = {q.id: i for i, q in enumerate(self.exam.questions, 1)}
            for miss in r.misses:
                parts += [self._miss(miss, number[miss.question.id], lang), Text("")]
            parts.append(Text(ui("exam.report.reviews", lang), style="dim"))
        else:
            parts.append(Text(ui("exam.report.perfect", lang), style="bold"))
        self.query_one("#report-body", Static).update(Group(*parts))
        self.query_one(KeyBar).set_lang(lang)

    def _topics(self, lang: str) -> Table:
        """'§4.2   ██████░░░░  3 / 5' for each topic asked."""
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for t in self.report.topics:
            filled = round(BAR * t.right / t.total) if t.total else 0
            name = f"§{t.topic}" if t.topic[0].isdigit() else ui("puzzle.chapter.beyond", lang)
            table.add_row(name, "█" * filled + "░" * (BAR - filled), f"{t.right} / {t.total}")
        return table

    def _miss(self, miss, number: int, lang: str) -> Group:
        """The question, its ladder, the answer given, the right answer, and why (indented under it)."""
        q = miss.question
        topic = f"§{q.topic}" if q.topic[0].isdigit() else ui("puzzle.chapter.beyond", lang)
        head = Text.assemble((f"✗ {number} · {topic}  ", "bold red"), (q.prompt.get(lang), "bold"))
        lines = q.ladder if q.kind is not QuestionKind.WRONG_ARROW else tuple(c.text.get(lang) for c in q.choices)
        given = choice_text(q, miss.given, lang) if miss.given else ui("exam.report.no-answer", lang)
        details = [Text("\n".join(lines), style="dim")] if lines else []
        details += [Text(ui("exam.report.your-answer", lang, given=given)),
                    Text(ui("exam.report.correct", lang, answer=expected_text(miss, lang)), style="bold"),
                    Text(miss.explain(lang))]
        indented = Table.grid()
        indented.add_column(width=4)
        indented.add_column(ratio=1)
        indented.add_row("", Group(*details))
        return Group(head, indented)

    def action_back(self) -> None:
        self.app.leave(self)

    def action_lang(self) -> None:
        self.app.toggle_lang()


def choice_text(question, given: str, lang: str) -> str:
    """A choice as 'b) its words' (a ladder arrow, numbered already, as it is); a typed answer as typed."""
    if question.form is Form.CHOICE:
        for choice in question.choices:
            if choice.id == given:
                words = choice.text.get(lang)
                return words if words.startswith(f"{choice.id}. ") else f"{choice.id}) {words}"
    return given


def expected_text(checked, lang: str) -> str:
    """The right answer as the player reads it."""
    question = checked.question
    return choice_text(question, question.answer, lang) if question.form is Form.CHOICE else checked.expected(lang)
