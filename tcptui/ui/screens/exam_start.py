"""The exam's start screen: how many questions in how long, on which topics, the reviews due, the
exam date; ⏎ starts a timed exam. `tcptui exam` and Home → Exam open it."""

from __future__ import annotations

import datetime as dt
import time
from collections import namedtuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...text import ui
from .. import saved
from ..sections import section_text
from ..widgets.keybar import KeyBar
from .base import FitScreen
from ...text.wrap import Prose

MINUTE_STEPS = (3, 5, 10, 15, 20, 30, 45, 60, 90, 120)
# The topic menu: the puzzle chapters' names, each with the notes' sections it covers.
TOPIC_GROUPS = (
    ("handshake", ("2",)),
    ("close", ("3",)),
    ("time-wait", ("4.1",)),
    ("port-reuse", ("4.2",)),
    ("rst", ("4.3", "4.4")),
    ("beyond", ("beyond",)),
    ("interview", ("interview",)),
)


class ExamOptions(namedtuple("ExamOptions", "minutes topics seed review")):
    """`tcptui exam`'s options: minutes, topics (parsed sections), seed (None: from the clock), and
    review (--review: a review session of the items due, at once)."""

    __slots__ = ()

    def __new__(
        cls, minutes: float = 10, topics: tuple = (), seed: int | None = None, review: bool = False
    ) -> ExamOptions:
        return tuple.__new__(cls, (minutes, tuple(topics), seed, review))


def topics_text(topics: tuple, lang: str) -> str:
    """'§4.2, §4.4' or 'every section of the notes'."""
    if not topics:
        return ui("exam.start.all-topics", lang)
    return ", ".join(section_text(t, lang) for t in topics)


class ExamStartScreen(FitScreen):
    """⏎ starts; + and - change the time; t the topics; d the exam date."""

    BINDINGS = [
        Binding("enter", "start", "Start", key_display="⏎", priority=True),
        Binding("plus,equals_sign", "more_time", "Time", key_display="+/-"),
        Binding("minus", "less_time", "Less time", show=False),
        Binding("t", "topics", "Topics…"),
        Binding("d", "date", "Exam date…"),
        Binding("v", "review", "Review due"),
        Binding("L", "lang", "中文/EN"),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, options: ExamOptions, **kwargs) -> None:
        super().__init__(**kwargs)
        self.minutes, self.topics = options.minutes, options.topics
        self.seed = options.seed if options.seed is not None else int(time.time())
        self.taken = 0  # exams started from this screen: each gets the next seed
        self.exam_date: dt.date | None = None
        self.due = self.seen = 0
        self.review_first = options.review
        self.days: list = []  # the forecast: reviews due per day until the exam's eve

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(id="topbar")
            yield Static(id="exam-intro")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.reload()
        if self.review_first:  # tcptui exam --review
            self.review_first = False
            self.action_review()

    def on_screen_resume(self) -> None:
        """Back from an exam: reviews and answers have changed."""
        if self.taken:
            self.reload()

    def reload(self) -> None:
        """Read the reviews and the exam date, then draw."""
        from ...progress.store import now_utc

        from ...exam.review import due_today, forecast

        reviews = saved.reviews(self.app)
        now = now_utc()
        self.seen = len(reviews)
        self.due = due_today(reviews, now).now  # what `v` asks now
        self.exam_date = saved.exam_date(self.app)
        self.days = forecast(reviews, now, self.exam_date) if reviews else []
        self.draw()

    def apply_prefs(self) -> None:
        self.draw()

    def draw(self) -> None:
        from ...exam.build import question_count
        from ...exam.items import pool
        from ...exam.topics import matches

        lang = self.app.prefs.lang
        items = sum(1 for q in pool() if matches(q.topic, self.topics))
        count = min(question_count(self.minutes), items)
        text = Text.assemble((ui("exam.title", lang), "bold"))
        text.append("\n\n" + ui("exam.start.plan", lang, count=count, minutes=f"{self.minutes:g}"), style="bold")
        text.append("\n" + ui("exam.start.topics", lang, topics=topics_text(self.topics, lang)))
        text.append("\n" + ui("exam.start.reviews", lang, due=self.due, seen=self.seen, total=len(pool())))
        if self.exam_date is None:
            text.append("\n" + ui("exam.start.no-date", lang))
        else:
            days = (self.exam_date - dt.date.today()).days
            text.append("\n" + ui("exam.start.date", lang, date=self.exam_date.isoformat(), days=days))
        if self.days:
            text.append("\n" + self._forecast(lang))
        text.append("\n\n" + ui("exam.start.how", lang), style="dim")
        self.query_one("#exam-intro", Static).update(Prose(text))
        self.query_one("#topbar", Static).update(
            ui("exam.start.title", lang) + "   │ " + ("中文" if lang == "zh" else "EN")
        )
        self.query_one(KeyBar).set_lang(lang)

    def _forecast(self, lang: str) -> str:
        """'Reviews ahead (14 days): ▅▁ ▂   ▁ · 9 in all', one bar a day (by week past three weeks)."""
        from ...exam.review import Day, sparkline, weeks

        days = self.days
        key = "exam.start.forecast-weeks" if len(days) > 21 else "exam.start.forecast"
        if len(days) > 21:
            days = [Day(first, count) for first, _, count in weeks(days)]
        until = "exam.start.until-exam" if self.exam_date is not None else "exam.start.next-days"
        return ui(
            key,
            lang,
            until=ui(until, lang, days=len(self.days)),
            bars=sparkline(days[:40]),
            total=sum(d.count for d in days),
        )

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "review":
            return self.due > 0
        return super().check_action(action, parameters)

    def action_review(self) -> None:
        """A review session: the items due now, no timer, every answer explained."""
        from ...exam.review import due_session
        from ...progress.store import now_utc
        from .exam import ExamScreen

        session = due_session(self.seed + self.taken, saved.reviews(self.app), now_utc(), topics=self.topics)
        if session is None:
            self.notify(ui("exam.review.none", self.app.prefs.lang))
            return
        self.taken += 1
        self.app.push_screen(ExamScreen(session, self.exam_date))

    def action_start(self) -> None:
        """Generate an exam (reviews due first) and begin it."""
        from ...exam.build import generate_exam
        from ...progress.store import now_utc
        from .exam import ExamScreen

        try:
            exam = generate_exam(
                self.seed + self.taken,
                minutes=self.minutes,
                topics=self.topics,
                reviews=saved.reviews(self.app),
                now=now_utc(),
            )
        except ValueError as error:
            self.notify(str(error), severity="error")
            return
        self.taken += 1
        self.app.push_screen(ExamScreen(exam, self.exam_date))

    def action_more_time(self) -> None:
        """The next longer exam."""
        self.minutes = next((m for m in MINUTE_STEPS if m > self.minutes), self.minutes)
        self.draw()

    def action_less_time(self) -> None:
        """The next shorter exam."""
        self.minutes = next((m for m in reversed(MINUTE_STEPS) if m < self.minutes), self.minutes)
        self.draw()

    def action_topics(self) -> None:
        """Every section, or one chapter's."""
        from .choice import Choice, ChoiceScreen

        lang = self.app.prefs.lang
        choices = [Choice("0", ui("exam.topics.all", lang), ())]
        choices += [
            Choice(str(i), ui(f"puzzle.chapter.{name}", lang), topics)
            for i, (name, topics) in enumerate(TOPIC_GROUPS, 1)
        ]
        menu = ChoiceScreen(ui("exam.topics.title", lang), choices, ui("exam.topics.keys", lang), numbered=True)
        self.app.push_screen(menu, self._topics_chosen)

    def _topics_chosen(self, topics: tuple | None) -> None:
        if topics is not None:
            self.topics = topics
            self.draw()

    def action_date(self) -> None:
        """Set or clear the exam date: reviews are then pulled in before it."""
        from .exam_date import exam_date_dialog

        self.app.push_screen(exam_date_dialog(self.exam_date, self.app.prefs.lang), self._date_chosen)

    def _date_chosen(self, chosen: tuple | None) -> None:
        if chosen is not None:
            saved.set_exam_date(self.app, chosen[0])
            self.reload()

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)
