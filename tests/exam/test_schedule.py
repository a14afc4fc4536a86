"""Spaced repetition with fsrs: a miss comes back sooner than a hit; nothing is due after the exam date."""

import datetime as dt

from tcptui.exam import check, generate_exam, record
from tcptui.exam.schedule import before_exam, review
from tcptui.progress import Store

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def test_a_miss_is_due_sooner_than_a_hit():
    _, due_hit = review("item", None, True, NOW)
    _, due_miss = review("item", None, False, NOW)
    assert NOW < due_miss < due_hit


def test_a_known_item_drifts_further_away():
    card, due = review("item", None, True, NOW)
    card, due2 = review("item", card, True, due)
    card, due3 = review("item", card, True, due2)
    assert due3 - due2 > due2 - due


def test_the_exam_date_pulls_reviews_before_it():
    exam_day = dt.date(2026, 6, 5)
    card, due = review("item", None, True, NOW)
    for _ in range(4):
        card, due = review("item", card, True, due)
    assert due.date() > exam_day
    _, clamped = review("item", card, True, NOW, exam_day)
    assert clamped.date() < exam_day
    assert before_exam(due, NOW, None) == due
    assert before_exam(due, dt.datetime(2026, 7, 1, tzinfo=dt.UTC), exam_day) == due  # exam is past


def test_recorded_answers_bring_the_missed_question_back_first(tmp_path):
    exam = generate_exam(11, count=4)
    with Store.open(tmp_path) as store:
        for i, q in enumerate(exam.questions):
            record(store, exam, check(q, q.expected_input if i else "wrong"), NOW)
        assert store.answer_count() == 4
        later = NOW + dt.timedelta(minutes=5)  # the miss (1 min) is due, the hits (10 min) not yet
        again = generate_exam(12, count=4, reviews=store.reviews(), now=later)
    assert again.questions[0].id == exam.questions[0].id


def test_a_card_that_does_not_read_starts_afresh():
    import datetime as dt

    from tcptui.exam.schedule import review

    now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    fresh = review("item", None, True, now)
    for broken in ("{}", '{"card_id": "x"}', "[]"):
        assert review("item", broken, True, now) == fresh
