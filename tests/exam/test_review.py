"""Review sessions (due items, untimed, choices shuffled anew), practise my misses, and the forecast."""

import datetime as dt

from tcptui.exam import check, due_session, forecast, generate_exam, misses_session, record, report
from tcptui.exam.model import Form
from tcptui.exam.review import Day, due_items, sparkline, weeks
from tcptui.progress import Store

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def _answered(tmp_path, wrong=(0,), count=6):
    """An exam of `count` questions answered (the indexes in `wrong` missed), and the store's reviews."""
    exam = generate_exam(5, count=count)
    with Store.open(tmp_path) as store:
        for i, q in enumerate(exam.questions):
            record(store, exam, check(q, "wrong" if i in wrong else q.expected_input), NOW)
        return exam, store.reviews()


def test_nothing_due_is_no_session(tmp_path):
    assert due_session(1, {}, NOW) is None
    _, reviews = _answered(tmp_path, wrong=())
    assert due_session(1, reviews, NOW + dt.timedelta(minutes=5)) is None  # hits come back later


def test_a_session_asks_exactly_the_due_items_untimed(tmp_path):
    exam, reviews = _answered(tmp_path, wrong=(0, 2))
    later = NOW + dt.timedelta(minutes=5)  # the misses are due (1 min), the hits not yet (10 min)
    session = due_session(3, reviews, later)
    assert session is not None and not session.timed and session.seconds == 0
    missed = {exam.questions[0].id, exam.questions[2].id}
    assert {q.id for q in session.questions} == missed
    assert [q.id for q in due_items(reviews, later)] == sorted(missed, key=lambda i: (reviews[i][1], i))


def test_a_session_shuffles_choices_and_keeps_the_right_answer_right(tmp_path):
    items = [q for q in generate_exam(9, count=40).questions if q.form is Form.CHOICE and len(q.choices) >= 3]
    reviews = {q.id: ("", NOW - dt.timedelta(days=1)) for q in items}
    moved = 0
    for seed in range(4):
        session = due_session(seed, reviews, NOW, limit=len(items))
        by_id = {q.id: q for q in items}
        for q in session.questions:
            assert check(q, q.answer).correct  # the answer's letter follows its text
            right = next(c.text for c in q.choices if c.id == q.answer)
            original = by_id[q.id]
            assert right == next(c.text for c in original.choices if c.id == original.answer)
            moved += q.choices != original.choices
    assert moved  # some came back in another order


def test_a_session_is_limited_and_deterministic(tmp_path):
    items = generate_exam(2, count=30).questions
    reviews = {q.id: ("", NOW - dt.timedelta(hours=n)) for n, q in enumerate(items)}
    one, two = due_session(4, reviews, NOW, limit=5), due_session(4, reviews, NOW, limit=5)
    assert one == two and len(one.questions) == 5
    most_overdue = {q.id for q in sorted(items, key=lambda q: reviews[q.id][1])[:5]}
    assert {q.id for q in one.questions} == most_overdue


def test_practise_my_misses_asks_the_missed_and_unanswered_questions():
    exam = generate_exam(21, count=5)
    answers = {q.id: q.expected_input for q in exam.questions[2:]}
    answers[exam.questions[2].id] = "zzz"  # a miss; 0 and 1 are unanswered
    final = report(exam, answers)
    session = misses_session(7, final)
    assert session is not None and not session.timed
    assert {q.id for q in session.questions} == {q.id for q in exam.questions[:3]}
    for q in session.questions:
        assert check(q, q.expected_input).correct
    perfect = report(exam, {q.id: q.expected_input for q in exam.questions})
    assert misses_session(7, perfect) is None


def test_the_forecast_counts_reviews_per_day_until_the_exams_eve():
    reviews = {
        "overdue": ("", NOW - dt.timedelta(days=3)),
        "today": ("", NOW + dt.timedelta(hours=2)),
        "tomorrow": ("", NOW + dt.timedelta(days=1)),
        "in-three": ("", NOW + dt.timedelta(days=3, hours=1)),
        "after": ("", NOW + dt.timedelta(days=30)),
    }
    days = forecast(reviews, NOW, dt.date(2026, 6, 6))
    assert [d.date for d in days] == [dt.date(2026, 6, n) for n in range(1, 6)]  # the 6th is the exam
    assert [d.count for d in days] == [2, 1, 0, 1, 0]
    free = forecast(reviews, NOW)
    assert len(free) == 14 and free[0] == Day(dt.date(2026, 6, 1), 2)
    assert sum(d.count for d in free) == 4  # 30 days out is past the window
    assert len(forecast(reviews, NOW, dt.date(2026, 5, 1))) == 14  # an exam past: the usual window


def test_sparkline_and_weeks_draw_the_forecast():
    days = [Day(dt.date(2026, 6, 1) + dt.timedelta(days=n), c) for n, c in enumerate([0, 1, 4, 8, 0, 2, 0, 3])]
    line = sparkline(days)
    assert len(line) == 8 and line[0] == " " and line[3] == "█" and line[1] != " "
    assert sparkline(days[:1]) == " "
    assert weeks(days) == [
        (dt.date(2026, 6, 1), dt.date(2026, 6, 7), 15),
        (dt.date(2026, 6, 8), dt.date(2026, 6, 8), 3),
    ]


def test_the_report_scores_answered_questions_and_names_the_session():
    """Unanswered questions are not misses: the score is right out of answered, and the count of the
    unanswered stands apart; a practice of misses (or a review) is not called an exam report."""
    from tcptui.exam import generate_exam
    from tcptui.exam.answers import headline, report
    from tcptui.exam.review import misses_session

    exam = generate_exam(3, count=5)
    first, second, third = exam.questions[:3]
    wrong = next(c.id for c in first.choices if c.id != first.answer) if first.choices else "nonsense"
    answers = {first.id: wrong, second.id: second.expected_input, third.id: third.expected_input}
    result = report(exam, answers)
    assert (result.right, result.answered, result.percent, len(result.unanswered)) == (2, 3, 67, 2)
    assert headline(exam, result, "en") == "Exam report   │ 2 of 3 answered right (67%) · 2 not answered"
    assert headline(exam, result, "zh") == "考试报告   │ 已答 3 题，答对 2 题（67%） · 2 题未作答"
    practice = misses_session(4, result)
    again = report(practice, {})
    assert headline(practice, again, "en").startswith("Practice report (my misses)")
    assert headline(practice, again, "zh").startswith("错题练习报告")
    assert again.percent == 0 and "nothing answered" in headline(practice, again, "en")
