"""Spaced repetition with FSRS (the `fsrs` package): a missed item comes back sooner, a known one
later; with an exam date set, nothing is scheduled past the eve of the exam."""

from __future__ import annotations

import datetime as dt
import zlib

DAY = dt.timedelta(days=1)


def _scheduler():
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False)  # deterministic: the same answers, the same schedule


def review(
    item_id: str, card_json: str | None, correct: bool, now: dt.datetime, exam_date: dt.date | None = None
) -> tuple[str, dt.datetime]:
    """The item's card after this answer (as JSON) and when it is next due."""
    from fsrs import Card, Rating

    card = None
    if card_json:
        try:
            card = Card.from_json(card_json)
        except (KeyError, TypeError, ValueError, AttributeError):  # a card edited by hand: start it afresh
            card = None
    if card is None:
        card = Card(card_id=zlib.crc32(item_id.encode()) or 1)
    card, _ = _scheduler().review_card(card, Rating.Good if correct else Rating.Again, now)
    return card.to_json(), before_exam(card.due, now, exam_date)


def before_exam(due: dt.datetime, now: dt.datetime, exam_date: dt.date | None) -> dt.datetime:
    """Pull a review that would fall on or after the exam date back to the day before it."""
    if exam_date is None or now.date() >= exam_date:
        return due
    eve = dt.datetime.combine(exam_date - DAY, dt.time(0, 0), tzinfo=dt.UTC)
    return min(due, max(eve, now))


def record(store, exam, checked, now: dt.datetime | None = None, exam_date: dt.date | None = None) -> None:
    """Keep one answer and its new review card, in one transaction."""
    from ..progress.store import Answer, now_utc

    now = now or now_utc()
    question = checked.question
    card = store.reviews().get(question.id, (None, None))[0]
    store.record_answer(
        Answer(exam.id, question.id, question.topic, checked.correct, checked.given),
        review(question.id, card, checked.correct, now, exam_date),
        now,
    )
