"""The exam: one question at a time — the prompt, its ladder, the choices or a field to type in —
the time left (redrawn once a minute), and after each answer whether it was right and why.

Each answer is checked by the exam engine and saved at once (one transaction, with its review).
When the last question is answered, the time is up or the player ends it, the report follows.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...exam.answers import check
from ...exam.model import Form, QuestionKind
from ...text import ui
from ...text.wrap import Prose
from .. import saved
from ..sections import section_text
from ..widgets.keybar import KeyBar
from .base import FitScreen
from .message import MessageScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from ...exam.answers import Checked


class ExamScreen(FitScreen):
    """Answer with a letter or number key (or ↑↓ ⏎), or type and ⏎; then ⏎ for the next question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next_question", "Next", key_display="⏎", priority=True),
        Binding("enter", "choose", "Answer", key_display="⏎", priority=True),
        Binding("escape", "end_exam", "End exam", key_display="Esc"),
        Binding("escape", "end_review", "End review", key_display="Esc"),
        Binding("pageup", "scroll_question(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_question(1)", "Scroll down", show=False, priority=True),
        Binding("L", "lang", "中文/EN", show=False),
        *(Binding(c, f"pick_answer('{c}')", c, show=False) for c in "abcdefgh"),
        *(Binding(str(n), f"pick_answer_at({n})", str(n), show=False) for n in range(1, 10)),
    ]

    def __init__(self, exam, exam_date=None, clock=time.monotonic, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam, self.exam_date, self.clock = exam, exam_date, clock
        self.index = 0
        self.answers: dict[str, str] = {}  # question id → what was given
        self.checked: Checked | None = None  # the current question's, once answered
        self.deadline = 0.0
        self._timer: Timer | None = None
        self.over = False

    @property
    def question(self):
        return self.exam.questions[self.index]

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            with Horizontal(id="exam-top"):
                yield Static(id="topbar")
                yield Static(id="exam-clock")
            with VerticalScroll(id="exam-question"):
                yield Static(id="exam-prompt")
                yield Static(id="exam-ladder")
            yield OptionList(id="exam-choices")
            yield Input(id="exam-input")
            yield Static(id="exam-feedback")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False  # an idle screen writes nothing
        self.query_one("#exam-question").can_focus = False
        self.deadline = self.clock() + self.exam.seconds
        self.show_question()
        if self.exam.timed:
            self._tick()
        else:  # a review session has no clock
            self._draw_clock()

    # -- drawing --------------------------------------------------------------------------------

    def apply_prefs(self) -> None:
        """The same question, answer and time, in the other language."""
        self.draw()
        self._draw_clock()

    def show_question(self) -> None:
        """A new question: clear the answer area, focus where the answer goes."""
        self.checked = None
        typed = self.question.form is Form.TYPED
        choices, field = self.query_one(OptionList), self.query_one(Input)
        choices.display, field.display = not typed, typed
        field.value, field.disabled = "", False
        self.draw()
        self.query_one("#exam-question").scroll_home(animate=False)
        (field if typed else choices).focus()
        if not typed:
            choices.highlighted = 0

    def draw(self) -> None:
        """Prompt, ladder, choices (marked once answered), feedback, the top line and the keys."""
        lang, q = self.app.prefs.lang, self.question
        total = len(self.exam.questions)
        self.query_one("#topbar", Static).update(
            f"{ui('exam.title' if self.exam.timed else 'exam.review.title', lang)} · "
            f"{ui('exam.question', lang, n=self.index + 1, total=total)} · "
            f"{section_text(q.topic, lang)}"
        )
        self.query_one("#exam-prompt", Static).update(Prose(q.prompt.get(lang), style="bold"))
        ladder = self.query_one("#exam-ladder", Static)
        ladder.display = bool(q.ladder) and q.kind is not QuestionKind.WRONG_ARROW  # its choices are the ladder
        ladder.update("\n".join(line.get(lang) for line in q.ladder))
        if q.form is Form.CHOICE:
            self._draw_choices(lang)
        else:
            self.query_one(Input).placeholder = ui("exam.type-answer", lang)
        self.query_one("#exam-feedback", Static).update(Prose(self._feedback(lang)))
        self.query_one("#exam-feedback").display = self.checked is not None
        self.query_one(KeyBar).set_lang(lang)
        self.refresh_bindings()

    def _draw_choices(self, lang: str) -> None:
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        for choice in self.question.choices:
            options.add_option(Option(self._choice_line(choice, lang)))
        options.highlighted = keep if keep is not None else 0

    def _choice_line(self, choice, lang: str) -> Prose:
        """' b   It answers with …', marked ✓ (the answer) or ✗ (the wrong pick) once answered; a long
        choice wraps under its own first word, not under its letter."""
        words = choice.text.get(lang)
        mark, style = "  ", ""
        if self.checked is not None:
            if choice.id == self.question.answer:
                mark, style = "✓ ", "bold green"
            elif choice.id == self.checked.given:
                mark, style = "✗ ", "bold red"
            else:
                style = "dim"
        return Prose(Text(words, style), label=Text.assemble((f" {choice.id} ", "bold reverse"), " ", (mark, style)))

    def _feedback(self, lang: str) -> Text:
        checked = self.checked
        if checked is None:
            return Text("")
        if checked.correct:
            text = Text.assemble(("✓ " + ui("exam.right", lang), "bold green"))
            # why it is right: one line in a timed exam, the whole explanation in a review
            text.append("\n" + (checked.summary(lang) if self.exam.timed else checked.explain(lang)))
        else:
            text = Text.assemble(("✗ " + ui("exam.wrong", lang, answer=checked.expected(lang)), "bold red"))
            text.append("\n" + checked.explain(lang))
        last = self.index + 1 == len(self.exam.questions)
        text.append("\n" + ui("exam.to-report" if last else "exam.to-next", lang), style="dim")
        return text

    # -- the clock: one small label, redrawn once a minute ------------------------------------------

    def _tick(self) -> None:
        if self.over:
            return
        left = self.deadline - self.clock()
        if left <= 0:
            self.notify(ui("exam.time-up", self.app.prefs.lang), severity="warning")
            self.finish()
            return
        self._draw_clock()
        minutes = math.ceil(left / 60)
        self._timer = self.set_timer(left - (minutes - 1) * 60, self._tick)

    def _draw_clock(self) -> None:
        if not self.exam.timed:
            self.query_one("#exam-clock", Static).update(ui("exam.review.untimed", self.app.prefs.lang))
            return
        left = max(0, self.deadline - self.clock())
        self.query_one("#exam-clock", Static).update(
            ui("exam.minutes-left", self.app.prefs.lang, minutes=math.ceil(left / 60))
        )

    # -- answering ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("end_exam", "end_review"):  # one Esc, named for what it ends
            return self.exam.timed == (action == "end_exam")
        if action == "next_question":
            return self.checked is not None
        if action == "choose":
            return self.checked is None
        if action in ("pick_answer", "pick_answer_at"):
            return (
                self.checked is None
                and self.question.form is Form.CHOICE
                and self._choice_id(action, parameters[0]) is not None
            )
        return True

    def _choice_id(self, action: str, key) -> str | None:
        ids = [c.id for c in self.question.choices]
        if action == "pick_answer":
            return key if key in ids else None
        return ids[key - 1] if key <= len(ids) else None

    def action_pick_answer(self, key: str) -> None:
        """Answer with a choice's letter."""
        self.answer(self._choice_id("pick_answer", key))

    def action_pick_answer_at(self, n: int) -> None:
        """Answer with the n-th choice."""
        self.answer(self._choice_id("pick_answer_at", n))

    def action_choose(self) -> None:
        """⏎: answer with the highlighted choice, or with what was typed."""
        if self.question.form is Form.TYPED:
            text = self.query_one(Input).value
            if text.strip():
                self.answer(text.strip())
            return
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.answer(self.question.choices[index].id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a choice answers with it."""
        if self.checked is None:
            self.answer(self.question.choices[event.option_index].id)

    def answer(self, given: str | None) -> None:
        """Check the answer, save it (one transaction, with its review), and say whether it was right."""
        if given is None or self.checked is not None or self.over:
            return
        self.checked = check(self.question, given)
        self.answers[self.question.id] = given
        saved.record_answer(self.app, self.exam, self.checked, self.exam_date)
        field = self.query_one(Input)
        if self.question.form is Form.TYPED:
            field.disabled = True
        self.draw()

    def action_next_question(self) -> None:
        """On to the next question, or to the report after the last one."""
        if self.index + 1 < len(self.exam.questions):
            self.index += 1
            self.show_question()
        else:
            self.finish()

    def action_scroll_question(self, direction: int) -> None:
        """Page through a long prompt and ladder."""
        area = self.query_one("#exam-question", VerticalScroll)
        (area.scroll_page_down if direction > 0 else area.scroll_page_up)(animate=False)

    def action_end_exam(self, what: str = "exam") -> None:
        """End now (asks first): what is not answered scores nothing and is reported apart."""
        lang = self.app.prefs.lang
        self.app.push_screen(
            MessageScreen(ui(f"{what}.end.title", lang), ui(f"{what}.end.body", lang), ui(f"{what}.end.footer", lang)),
            lambda yes: self.finish() if yes else None,
        )

    def action_end_review(self) -> None:
        """A review session ends the same way; what is not answered stays due."""
        self.action_end_exam("exam.review")

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def finish(self) -> None:
        """The report replaces the exam (a dialog still open over it goes first)."""
        from .report import ExamReportScreen

        if self.over:
            return
        self.over = True
        if self._timer is not None:
            self._timer.stop()
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.app.switch_screen(ExamReportScreen(self.exam, dict(self.answers)))
