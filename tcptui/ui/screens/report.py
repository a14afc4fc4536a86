"""The exam report: the score, the score per topic, every miss — the question, the answer given,
the right one, and why — and, apart, the questions left unanswered with their answers.
↑↓ and PgUp/PgDn scroll; q goes back to the exam's start screen."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...exam.answers import headline, report
from ...exam.model import Form
from ...text import ui
from ..sections import section_text
from ..widgets.keybar import KeyBar
from .base import FitScreen
from ...text.wrap import prose

BAR = 10  # cells of the per-topic bar


class ExamReportScreen(FitScreen):
    """Renders report(exam, answers); holds nothing else."""

    BINDINGS = [
        Binding("m", "misses", "Practise my misses"),
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
        self.query_one("#topbar", Static).update(headline(self.exam, r, lang))
        parts: list[RenderableType] = [
            Text(ui("exam.report.topics", lang), style="bold underline"),
            self._topics(lang),
            Text(""),
        ]
        number = {q.id: i for i, q in enumerate(self.exam.questions, 1)}
        if r.misses:
            parts.append(Text(f"{ui('exam.report.misses', lang)} ({len(r.misses)})", style="bold underline"))
            for miss in r.misses:
                parts += [self._miss(miss, number[miss.question.id], lang), Text("")]
        if r.unanswered:
            parts.append(Text(f"{ui('exam.report.not-answered', lang)} ({len(r.unanswered)})", style="bold underline"))
            for left in r.unanswered:
                parts += [self._unanswered(left, number[left.question.id], lang), Text("")]
        if r.misses:
            parts.append(Text(ui("exam.report.reviews", lang), style="dim"))
        elif not r.unanswered:
            parts.append(Text(ui("exam.report.perfect", lang), style="bold"))
        self.query_one("#report-body", Static).update(Group(*map(prose, parts)))
        self.query_one(KeyBar).set_lang(lang)

    def _topics(self, lang: str) -> Table:
        """'§4.2   ██████░░░░  3 / 5   1 not answered' for each topic asked: right out of answered."""
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True, style="dim")
        for t in self.report.topics:
            if t.answered:
                filled = round(BAR * t.right / t.answered)
                bar, score = "█" * filled + "░" * (BAR - filled), f"{t.right} / {t.answered}"
            else:
                bar, score = "·" * BAR, "–"
            left = ui("exam.report.unanswered", lang, count=t.unanswered) if t.unanswered else ""
            table.add_row(section_text(t.topic, lang), bar, score, left)
        return table

    def _head(self, mark: str, number: int, q, lang: str, style: str) -> Text:
        """'✗ 3 · §4.2  the question's prompt'."""
        where = f"{mark} {number} · {section_text(q.topic, lang)}  "
        return Text.assemble((where, style), (q.prompt.get(lang), "bold"))

    def _miss(self, miss, number: int, lang: str) -> Group:
        """The question, its ladder, the answer given, the right answer, and why (indented under it)."""
        q = miss.question
        given = choice_text(q, miss.given, lang) if miss.given else ui("exam.report.no-answer", lang)
        details = _ladder(q, lang) + [
            Text(ui("exam.report.your-answer", lang, given=given)),
            Text(ui("exam.report.correct", lang, answer=miss.expected(lang)), style="bold"),
            Text(miss.explain(lang)),
        ]
        return Group(prose(self._head("✗", number, q, lang, "bold red")), _indented(details))

    def _unanswered(self, left, number: int, lang: str) -> Group:
        """A question not answered: its prompt and the right answer, nothing to judge."""
        q = left.question
        answer = Text(ui("exam.report.correct", lang, answer=left.expected(lang)))
        return Group(prose(self._head("·", number, q, lang, "bold")), _indented(_ladder(q, lang) + [answer]))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "misses":
            return bool(self.report.misses or self.report.unanswered)
        return super().check_action(action, parameters)

    def action_misses(self) -> None:
        """Practise my misses: the missed and unanswered questions again, untimed, choices reshuffled,
        each answer explained (and saved, as any review)."""
        from ...exam.review import misses_session
        from .exam import ExamScreen

        session = misses_session(self.exam.seed + 1, self.report)
        if session is not None:
            from .. import saved

            self.app.switch_screen(ExamScreen(session, saved.exam_date(self.app)))

    def action_back(self) -> None:
        self.app.leave(self)

    def action_lang(self) -> None:
        self.app.toggle_lang()


def _ladder(question, lang: str) -> list:
    """The question's ladder, dim (nothing when it has none)."""
    lines = [line.get(lang) for line in question.ladder]
    return [Text("\n".join(lines), style="dim")] if lines else []


def _indented(parts: list) -> Table:
    """Renderables under a heading, four columns in."""
    indented = Table.grid()
    indented.add_column(width=4)
    indented.add_column(ratio=1, overflow="fold")  # a long run of Chinese folds, never ends in "…"
    indented.add_row("", Group(*map(prose, parts)))
    return indented


def choice_text(question, given: str, lang: str) -> str:
    """A choice as 'b) its words' ('3) server → client …' for an arrow); a typed answer as typed."""
    if question.form is Form.CHOICE:
        for choice in question.choices:
            if choice.id == given:
                return f"{choice.id}) {choice.text.get(lang)}"
    return given
