"""Making an exam: which items, in which order, asked how. Deterministic given the seed (and the
review schedule and the time, when those are passed).

Order: items due for review first (the most overdue first: missed items come back soonest),
then items never asked, then the rest by due date. Within each group the seed shuffles. An item
seen before comes back with its choices in a new order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from ..puzzle.model import Text
from .items import pool
from .model import Exam, Form
from .topics import matches

SECONDS_PER_QUESTION = 45
DEFAULT_COUNT = 10
TYPED_SHARE = 0.3  # of the items that can be typed, this share is asked as typed


def question_count(minutes: float | None) -> int:
    """Questions for a time limit: one per SECONDS_PER_QUESTION, at least 3."""
    if minutes is None:
        return DEFAULT_COUNT
    return max(3, round(minutes * 60 / SECONDS_PER_QUESTION))


def generate_exam(
    seed: int,
    *,
    minutes: float | None = None,
    count: int | None = None,
    topics=(),
    reviews: dict | None = None,
    now: dt.datetime | None = None,
) -> Exam:
    """An exam of `count` questions (default: from `minutes`) on `topics` (parsed, e.g. '4.2').

    `reviews` maps item id → (card json, due), as Store.reviews() returns it; `now` decides what is due.
    ValueError if no item matches the topics.
    """
    topics = tuple(topics or ())
    items = [q for q in pool() if matches(q.topic, topics)]
    if not items:
        raise ValueError(f"no questions on {', '.join('§' + t for t in topics)}")
    rng = random.Random(seed)
    reviews = reviews or {}
    chosen = _ordered(items, rng, reviews, now)[: count or question_count(minutes)]
    questions = tuple(_form(reshuffled(q, rng) if q.id in reviews else q, rng) for q in chosen)
    seconds = round((minutes or len(questions) * SECONDS_PER_QUESTION / 60) * 60)
    return Exam(f"exam-{seed}", seed, questions, seconds, topics)


def _ordered(items, rng: random.Random, reviews: dict, now: dt.datetime | None) -> list:
    """Due first (most overdue first), then unseen (shuffled), then the rest by due date."""
    due, unseen, later = [], [], []
    for q in items:
        if q.id not in reviews:
            unseen.append(q)
        elif now is not None and reviews[q.id][1] <= now:
            due.append(q)
        else:
            later.append(q)
    rng.shuffle(unseen)
    _spread(unseen)
    due.sort(key=lambda q: reviews[q.id][1])
    later.sort(key=lambda q: reviews[q.id][1])
    return due + unseen + later


def _spread(items: list) -> None:
    """Interleave kinds so that an exam is not ten questions of one sort (stable given the order)."""
    by_kind: dict = {}
    for q in items:
        by_kind.setdefault(q.kind, []).append(q)
    queues = list(by_kind.values())
    items.clear()
    while queues:
        for queue in list(queues):
            items.append(queue.pop(0))
            if not queue:
                queues.remove(queue)


def reshuffled(question, rng: random.Random):
    """An item back for review, its choices in a new order: the answer is remembered by its meaning,
    not by its letter. (A wrong-arrow item keeps its order: its choices are the ladder's arrows.)"""
    from .model import Choice, QuestionKind

    if question.form is not Form.CHOICE or question.kind is QuestionKind.WRONG_ARROW:
        return question
    texts = [choice.text for choice in question.choices]
    right = next(choice.text for choice in question.choices if choice.id == question.answer)
    rng.shuffle(texts)
    choices = tuple(Choice(choice.id, text) for choice, text in zip(question.choices, texts, strict=True))
    answer = next(choice.id for choice in choices if choice.text == right)
    return dataclasses.replace(question, choices=choices, answer=answer)


def _form(question, rng: random.Random):
    """Ask some typeable items as typed answers (the prompt then says what to type)."""
    if question.form is Form.CHOICE and question.can_type and rng.random() < TYPED_SHARE:
        from ..text import ui

        key = f"exam.type.{question.match.value}"
        prompt = Text(f"{question.prompt.en} {ui(key, 'en')}", f"{question.prompt.zh}{ui(key, 'zh')}")
        return dataclasses.replace(question, form=Form.TYPED, prompt=prompt)
    return question
