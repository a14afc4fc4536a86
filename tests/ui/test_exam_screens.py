"""The exam through keys: the start screen, questions answered right and wrong, the report, the exam
date, the clock, and the `tcptui exam` entry point."""

import dataclasses
import datetime as dt

from textual.widgets import Input, OptionList, Static

from tcptui.exam.build import generate_exam
from tcptui.exam.model import Form
from tcptui.progress.settings import load_settings
from tcptui.progress.store import Store
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam import ExamScreen
from tcptui.ui.screens.exam_start import ExamOptions

from .helpers import keys, plain

SEED = next(s for s in range(1, 100) if any(q.form is Form.TYPED for q in generate_exam(s, minutes=5).questions[:4]))
SHAPED = next(
    s
    for s in range(100)
    if [q.form for q in generate_exam(s, minutes=5).questions[:3]] == [Form.CHOICE, Form.TYPED, Form.CHOICE]
)  # a choice, a typed answer, a choice


def exam_app(seed: int = SEED, minutes: float = 5, topics=(), **prefs):
    """`tcptui exam --minutes M --seed S` as the command line starts it, nothing saved to settings."""
    return make_app(
        DEFAULT_PREFS._replace(**prefs), start="exam", persist=False, exam=ExamOptions(minutes, topics, seed)
    )


def text_of(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content if isinstance(content, str) else plain(content, width=120)


def wrong_choice(question) -> str:
    return next(c.id for c in question.choices if c.id != question.answer)


async def answer(pilot, app, question, right: bool) -> None:
    """Answer as a player: a choice's key, or type into the field and press ⏎."""
    if question.form is Form.CHOICE:
        await keys(pilot, question.answer if right else wrong_choice(question))
    else:
        field = app.screen.query_one(Input)
        assert field.has_focus
        await keys(pilot, "x")  # a key typed goes into the field …
        field.value = question.expected_input if right else "nonsense"  # … the rest, quicker
        await keys(pilot, "enter")


async def test_an_exam_to_its_report():
    app = exam_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "7 questions · 5 minutes" in text_of(app, "#exam-intro")
        await keys(pilot, "enter")
        exam = app.screen.exam
        assert exam == generate_exam(SEED, minutes=5)  # nothing seen before: the seed decides
        assert "⏱ 5 min left" in text_of(app, "#exam-clock") and "Question 1 of 7" in text_of(app, "#topbar")
        assert any(q.form is Form.TYPED for q in exam.questions[:4])  # both kinds of answer below
        missed = []
        for i, question in enumerate(exam.questions[:4]):
            right = i % 2 == 0
            await answer(pilot, app, question, right)
            feedback = text_of(app, "#exam-feedback")
            if right:  # a right answer is told why, in one line
                assert "✓ Right." in feedback and question.summary("en")[:30] in feedback
            else:
                missed.append(question)
                assert "✗ Not quite" in feedback and question.explanation("en")[:40] in feedback
            await keys(pilot, "enter")
        assert "Question 5 of 7" in text_of(app, "#topbar")
        await keys(pilot, "escape")  # end early: asks first
        assert "End the exam now?" in text_of(app, ".dialog-title")
        await keys(pilot, "enter")
        assert type(app.screen).__name__ == "ExamReportScreen"
        body = text_of(app, "#report-body")
        assert "Exam report" in text_of(app, "#topbar")
        assert "2 of 4 answered right (50%) · 3 not answered" in text_of(app, "#topbar")
        assert "What to review (2)" in body and "Not answered (3)" in body and "By topic" in body
        for question in missed:
            assert question.explanation("en")[:40] in body.replace("\n    ", " ")
        review, left = body.split("Not answered (3)")
        for n, question in enumerate(exam.questions[4:], 5):  # each one with its right answer, no verdict
            assert f"· {n} · " in left and "the answer: " + question.correct_text("en")[:20] in left
            assert f"✗ {n} · " not in review
        assert "no answer" not in body and "your answer" not in left
        await keys(pilot, "q")
        assert type(app.screen).__name__ == "ExamStartScreen"
    with Store.open() as store:
        assert store.answer_count() == 4 and len(store.reviews()) == 4
        totals = store.topic_totals()
    assert sum(right for right, _ in totals.values()) == 2


async def test_arrows_enter_and_clicks_choose_an_answer():
    app = exam_app(seed=SHAPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        question = app.screen.exam.questions[0]
        assert question.form is Form.CHOICE
        options = app.screen.query_one("#exam-choices", OptionList)
        await keys(pilot, "down", "enter")  # ↓ then ⏎ answers with the second choice
        assert app.screen.answers[question.id] == question.choices[1].id
        lines = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        assert any("✓" in line for line in lines)
        await keys(pilot, "enter")
        await keys(pilot, "enter")  # the typed question: ⏎ with nothing typed does nothing
        assert app.screen.index == 1 and app.screen.checked is None
        app.screen.query_one(Input).value = "x"
        await keys(pilot, "enter", "enter")
        third = app.screen.exam.questions[2]
        assert app.screen.index == 2 and third.form is Form.CHOICE
        await pilot.click("#exam-choices", offset=(6, 1))  # a click on the first choice answers with it
        await pilot.pause()
        assert app.screen.answers[third.id] == third.choices[0].id


async def test_time_up_ends_the_exam():
    app = exam_app()
    async with app.run_test(size=(80, 24)) as pilot:
        exam = dataclasses.replace(generate_exam(1, count=3), seconds=1)
        app.push_screen(ExamScreen(exam))
        await pilot.pause()
        assert "⏱ 1 min left" in text_of(app, "#exam-clock")
        await pilot.pause(1.5)
        assert type(app.screen).__name__ == "ExamReportScreen"
        assert "nothing answered · 3 not answered" in text_of(app, "#topbar")


async def test_the_exam_date_is_set_on_the_start_screen():
    app = exam_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Exam date: not set" in text_of(app, "#exam-intro")
        await keys(pilot, "d")
        field = app.screen.query_one(Input)
        field.value = "2001-01-01"  # in the past: refused
        await keys(pilot, "enter")
        assert "Expected a date" in text_of(app, "#ask-error")
        when = dt.date.today() + dt.timedelta(days=30)
        field.value = when.isoformat()
        await keys(pilot, "enter")
        assert f"Exam date: {when.isoformat()}, in 30 days" in text_of(app, "#exam-intro")
        assert load_settings().exam_date == when
        await keys(pilot, "d")
        app.screen.query_one(Input).value = ""
        await keys(pilot, "enter")  # empty: no date
        assert load_settings().exam_date is None


async def test_time_and_topics_change_the_exam():
    app = exam_app(minutes=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "plus")
        assert "15 minutes" in text_of(app, "#exam-intro")
        await keys(pilot, "minus", "minus")
        assert "5 minutes" in text_of(app, "#exam-intro")
        await keys(pilot, "t", "4", "enter")  # port reuse (§4.2): the number highlights it, ⏎ chooses
        assert "Topics: §4.2" in text_of(app, "#exam-intro")
        await keys(pilot, "enter")
        assert {q.topic for q in app.screen.exam.questions} == {"4.2"}


async def test_language_switch_on_the_exam_screens():
    app = exam_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "L")
        assert "道题" in text_of(app, "#exam-intro")
        await keys(pilot, "enter")
        question = app.screen.exam.questions[0]
        assert question.form is Form.CHOICE
        await keys(pilot, wrong_choice(question), "L")  # the answer stays; the words change
        assert app.prefs.lang == "en" and "Not quite" in text_of(app, "#exam-feedback")
        await keys(pilot, "L")
        assert question.prompt.zh[:10] in text_of(app, "#exam-prompt") and "剩余" in text_of(app, "#exam-clock")
        assert "不对" in text_of(app, "#exam-feedback")
        await keys(pilot, "escape", "enter")
        assert "已答 1 题，答对 0 题（0%） · 6 题未作答" in text_of(app, "#topbar") and "需要复习的内容" in text_of(
            app, "#report-body"
        )
        await keys(pilot, "L")
        assert "What to review" in text_of(app, "#report-body")


async def test_home_opens_the_exam():
    app = make_app(DEFAULT_PREFS, start="home", persist=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "e")
        assert type(app.screen).__name__ == "ExamStartScreen"
        await keys(pilot, "q")
        assert type(app.screen).__name__ == "HomeScreen"


def test_tcptui_exam_starts_the_exam_screen(monkeypatch):
    from tcptui.cli import build_parser
    from tcptui.ui import launch
    from tcptui.ui.app import TcptuiApp

    argv = ["exam", "--minutes", "3", "--topic", "§4.2", "--seed", "9", "--data-dir", "somewhere"]
    args = build_parser(argv).parse_args(argv)
    args.explicit_lang, args.lang = None, "en"
    started = []
    monkeypatch.setattr(TcptuiApp, "run", lambda self: started.append(self))
    monkeypatch.setattr(launch, "need_terminal", lambda command, lang: None)  # the tests have no terminal
    assert args.run == "tcptui.ui.launch:run_exam" and launch.run_exam(args) == 0
    app = started[0]
    assert (app.start, app.data_dir, app.exam_options) == ("exam", "somewhere", ExamOptions(3, ("4.2",), 9))


async def test_the_exam_screens_ask_for_80x24():
    app = exam_app()
    async with app.run_test(size=(79, 24)) as pilot:
        assert app.screen.has_class("-too-small")
        assert "80×24" in str(app.screen.query_one("#too-small").content)
        await keys(pilot, "enter")  # behind the message no key acts unseen
        assert type(app.screen).__name__ == "ExamStartScreen"
        await pilot.resize_terminal(80, 24)
        await keys(pilot, "enter")
        assert type(app.screen).__name__ == "ExamScreen" and not app.screen.has_class("-too-small")


def one_question_exam(*ids):
    from tcptui.exam import pool
    from tcptui.exam.model import Exam

    by_id = {q.id: q for q in pool()}
    return Exam("exam-test", 0, tuple(by_id[i] for i in ids), 600)


async def test_a_long_choice_wraps_under_its_own_words():
    app = exam_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExamScreen(one_question_exam("why-timewait-reasons")))
        await pilot.pause()
        options = app.screen.query_one("#exam-choices", OptionList)
        width = options.content_size.width
        longest = max(
            (options.get_option_at_index(i).prompt for i in range(options.option_count)),
            key=lambda prompt: len(prompt.plain),
        )
        first, *rest = plain(longest, width=width).rstrip("\n").split("\n")
        assert rest, "the longest choice needs more than one line at 80 columns"
        indent = 3 + len(first[3:]) - len(first[3:].lstrip())  # where its words start, after ' c '
        assert indent > 3 and all(line[:indent].isspace() and line[indent] != " " for line in rest)


async def test_ladders_and_sections_in_the_language_chosen():
    app = exam_app(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ExamScreen(one_question_exam("state-after:handshake:2:client", "why-challenge-ack")))
        await pilot.pause()
        ladder = text_of(app, "#exam-ladder")
        assert "服务器  listen()" in ladder and "客户端  connect()" in ladder and "server" not in ladder
        await keys(pilot, "a", "enter")
        assert "笔记之外" in text_of(app, "#topbar") and "§beyond" not in text_of(app, "#topbar")
