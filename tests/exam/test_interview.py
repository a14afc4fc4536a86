"""The interview pack's exam items: engine-answered and reasoning questions on every pack topic, both
languages, right answers the engine gives, typed answers in the words students use."""

from collections import Counter

import pytest

from tcptui.exam.answers import check
from tcptui.exam.interview import _play, cases, engine_items, interview_items
from tcptui.exam.items import pool
from tcptui.exam.model import Form
from tcptui.exam.topics import PACK

ENGINE = engine_items()


def test_at_least_forty_items_and_every_pack_topic_has_both_kinds_or_reasoning():
    items = interview_items()
    assert len(items) >= 40
    by_topic = Counter(q.topic for q in items)
    assert set(by_topic) == set(PACK)
    engine_topics = {q.topic for q in ENGINE}
    behaviour = set(PACK) - {"interview.isn", "interview.not-four"}
    assert behaviour <= engine_topics, behaviour - engine_topics  # behaviour is asked of the engine


def test_ids_are_unique_in_the_whole_pool():
    ids = [q.id for q in pool()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", ENGINE, ids=lambda q: q.id)
def test_each_engine_item_reads_in_both_languages_and_its_choices_differ(question):
    assert question.prompt.en.strip() and any("\u4e00" <= c <= "\u9fff" for c in question.prompt.zh)
    assert "…" not in question.prompt.en + question.prompt.zh
    texts = [c.text.en for c in question.choices]
    assert len(texts) == 4 and len(set(texts)) == 4
    assert question.explanation("en") and question.explanation("zh")


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_the_right_answer_is_the_engines(case):
    question = next(q for q in ENGINE if q.id == f"interview:{case.id}")
    before, _, outcome = _play(case)
    right = question.correct_text("en")
    if case.ask == "state":
        assert outcome.world.endpoint(case.side).state.value in right
    elif case.ask == "errno":
        assert str(dict(outcome.params)["errno"]) in right
    elif case.ask == "outcome":
        sent = [item.segment.label for item in outcome.sent if item.src is case.side]
        assert all(label in right for label in sent) and (sent or "nothing" in right)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_a_profile_that_would_answer_otherwise_is_named(case):
    """Distractors come from other profiles' answers: where the RFC and Linux differ, the situation
    says whose behaviour is asked (else the other one's right answer would be marked wrong)."""
    from tcptui.exam.interview import LINUX, TEXTBOOK, _outcome_text

    if case.ask not in ("outcome", "probe"):
        return
    texts = {_outcome_text(*_play(case, p)[::2], case.side).en for p in (TEXTBOOK, LINUX)}
    if len(texts) > 1:
        assert "RFC 9293" in case.prompt.en or "Linux" in case.prompt.en, case.id
        assert "RFC 9293" in case.prompt.zh or "Linux" in case.prompt.zh, case.id


@pytest.mark.parametrize(
    "item_id, typed",
    [
        ("interview:reset", "connection reset by peer"),
        ("interview:refused", "ECONNREFUSED"),
        ("interview:syn-count", "7"),
        ("interview:simultaneous-count", "4"),
        ("interview:flood-count", "4个"),
        ("interview:acceptq-client", "established"),
        ("why-somaxconn", "somaxconn"),
        ("why-keepalive-time", "2小时"),
        ("why-stale-synack-answer", "rst"),
    ],
)
def test_typed_answers_in_the_words_students_use(item_id, typed):
    import dataclasses

    question = next(q for q in pool() if q.id == item_id)
    if question.form is Form.CHOICE:
        question = dataclasses.replace(question, form=Form.TYPED)
    assert check(question, typed).correct
