"""Review sessions, as Anki keeps them: the items the FSRS schedule says are due, asked with no
timer and their choices shuffled anew; "practise my misses" after an exam; and the forecast of
reviews due per day until the exam date.

    exam = due_session(seed, store.reviews(), now)        # None: nothing is due
    exam = misses_session(seed, report)                   # None: the exam had no misses
    days = forecast(store.reviews(), now, exam_date)      # [Day(date, count), …]

A session is an Exam with `seconds = 0` (untimed, see Exam.timed): the exam screen asks it the
same way, records every answer with its review (schedule.record), and shows the explanation after
every answer, right ones too. Deterministic given the seed, the reviews and `now`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import namedtuple

from .build import reshuffled
from .items import pool
from .model import Exam
from .topics import matches

SESSION_LIMIT = 20  # questions in one review session at most (the rest stay due for the next)
FORECAST_DAYS = 14  # days forecast when no exam date is set


def due_items(reviews: dict, now: dt.datetime, topics=()) -> list:
    """The pool's items due at `now` (on `topics`), the most overdue first."""
    items = [q for q in pool() if q.id in reviews and reviews[q.id][1] <= now and matches(q.topic, topics)]
    items.sort(key=lambda q: (reviews[q.id][1], q.id))
    return items


def due_session(seed: int, reviews: dict, now: dt.datetime, *, topics=(), limit: int = SESSION_LIMIT) -> Exam | None:
    """An untimed session of the items due now (at most `limit`, the most overdue first), each with
    its choices in a new order; None when nothing is due."""
    items = due_items(reviews, now, topics)[:limit]
    if not items:
        return None
    return _session(f"review-{seed}", seed, items, tuple(topics), "review")


def misses_session(seed: int, report) -> Exam | None:
    """ "Practise my misses": an untimed session of the questions an exam's report counts as missed
    (unanswered ones too: they were not known), asked as they were (typed stays typed), their
    choices shuffled anew; None when there is nothing to practise."""
    questions, seen = [], set()
    for checked in (*report.misses, *report.unanswered):
        if checked.question.id not in seen:
            seen.add(checked.question.id)
            questions.append(checked.question)
    if not questions:
        return None
    return _session(f"misses-{report.exam_id}-{seed}", seed, questions, (), "practice")


def _session(exam_id: str, seed: int, questions, topics: tuple, purpose: str) -> Exam:
    """An untimed exam of `questions` in a seeded order, choices reshuffled."""
    rng = random.Random(seed)
    questions = list(questions)
    rng.shuffle(questions)
    return Exam(exam_id, seed, tuple(reshuffled(q, rng) for q in questions), 0, topics, purpose)


class Due(namedtuple("Due", "now later")):
    """Reviews due at `now`, the overdue included (what a review session asks now), and those falling
    due later the same day (UTC, as the forecast keeps its days): together, the forecast's first row."""

    __slots__ = ()


def due_today(reviews: dict, now: dt.datetime) -> Due:
    """One definition of "due" for every place that counts it (progress, the exam's start screen)."""
    today = now.astimezone(dt.UTC).date()
    waiting = [due for _, due in reviews.values() if due > now]
    return Due(len(reviews) - len(waiting), sum(1 for due in waiting if due.astimezone(dt.UTC).date() == today))


class Day(namedtuple("Day", "date count")):
    """Reviews falling due on one day (today's count holds every overdue one too)."""

    __slots__ = ()


def forecast(reviews: dict, now: dt.datetime, exam_date: dt.date | None = None, days: int = FORECAST_DAYS) -> list[Day]:
    """Reviews due per day from today (UTC, as the schedule keeps its dates) until the eve of the exam
    (or for `days` days without one), as the schedule stands: answering them moves them later, as in
    Anki's forecast. Reviews due after the last day are not counted; none are when the exam date
    is set, since nothing is scheduled past its eve (schedule.before_exam)."""
    today = now.astimezone(dt.UTC).date()
    last = exam_date - dt.timedelta(days=1) if exam_date is not None and exam_date > today else None
    if last is None:
        last = today + dt.timedelta(days=days - 1)
    counts = {today + dt.timedelta(days=n): 0 for n in range((last - today).days + 1)}
    for _, due in reviews.values():
        day = max(due.astimezone(dt.UTC).date(), today)
        if day in counts:
            counts[day] += 1
    return [Day(day, count) for day, count in counts.items()]


def weeks(days: list[Day]) -> list[tuple[dt.date, dt.date, int]]:
    """The forecast by week (first day, last day, reviews): for a long way to the exam."""
    out: list[tuple[dt.date, dt.date, int]] = []
    for i in range(0, len(days), 7):
        chunk = days[i : i + 7]
        out.append((chunk[0].date, chunk[-1].date, sum(d.count for d in chunk)))
    return out


BARS = " ▁▂▃▄▅▆▇█"


def sparkline(days: list[Day]) -> str:
    """One character a day, its height the day's reviews against the busiest day (blank: none)."""
    top = max((d.count for d in days), default=0)
    if not top:
        return " " * len(days)
    return "".join(BARS[0 if not d.count else max(1, round(d.count * (len(BARS) - 1) / top))] for d in days)
