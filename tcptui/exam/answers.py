"""Checking answers and the report at the end: score per topic, and the explanation of every miss."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.segment import Flags
from ..core.states import State
from ..core.validate import Kind
from .model import Exam, Form, Match, Question
from .topics import order


@dataclass(frozen=True)
class Checked:
    """One answer, judged."""

    question: Question
    given: str  # as typed or chosen ("" when unanswered)
    correct: bool

    def expected(self, lang: str = "en") -> str:
        return self.question.correct_text(lang)

    def explain(self, lang: str = "en") -> str:
        """The explanation of the right answer (for a miss)."""
        return self.question.explanation(lang)

    def summary(self, lang: str = "en") -> str:
        """Its first sentence (shown beside a right answer)."""
        return self.question.summary(lang)


def normalize(text: str) -> str:
    """What a player typed, as compared: NFKC first, so that the full-width forms a Chinese input
    method gives (１, ｘ＋1, ＳＹＮ＋ＡＣＫ, ｂ) read as the ASCII ones; outer spaces dropped."""
    return unicodedata.normalize("NFKC", text or "").strip()


def check(question: Question, given: str | None) -> Checked:
    """Judge one answer: a choice by letter, number or position; a typed answer by meaning."""
    text = normalize(given or "")
    if not text:
        return Checked(question, "", False)
    if question.form is Form.CHOICE:
        return Checked(question, text, _choice_id(question, text) == question.answer)
    return Checked(question, text, _typed_ok(question, text))


def _choice_id(question: Question, text: str) -> str | None:
    """'b', 'B', 'b)' or the position '2' (when the choices are letters) → the choice id."""
    key = text.lower().rstrip(").")
    ids = [c.id for c in question.choices]
    if key in ids:
        return key
    if key.isdigit() and not ids[0].isdigit() and 1 <= int(key) <= len(ids):
        return ids[int(key) - 1]
    return None


def _typed_ok(question: Question, text: str) -> bool:
    if question.match is Match.STATE:
        state = _parse(State.parse, _STATE_GAPS.sub("_", text.strip()))  # 'time wait', 'FIN-WAIT 2'
        return state is not None and (state.value == question.typed_answer or state.value in question.accepted)
    if question.match is Match.KIND:
        return _kind(text) is not None and _kind(text) is _kind(question.typed_answer)
    wanted = {_norm(a) for a in (question.typed_answer,) + question.accepted}
    return _norm(text) in wanted


_STATE_GAPS = re.compile(r"[\s\-]+")
_FLAG_GAPS = re.compile(r"\s*[-/,&+]\s*|\s+")  # 'SYN-ACK', 'syn ack', 'SYN/ACK', 'SYN & ACK' → SYN+ACK


def _parse(parser, text: str):
    try:
        return parser(text)
    except ValueError:
        return None


def _kind(text: str) -> Kind | None:
    """A segment kind from its flags as typed: 'syn+ack', 'SYN-ACK', 'syn ack', 'SA', 'ack,syn', 'DATA'.
    Anything after the flags (numbers: 'ACK ack=x+1') is not part of the kind."""
    words = [w for w in _FLAG_GAPS.split(text.strip()) if w]
    flags = None
    while words and flags is None:  # the longest run of leading words that reads as flags
        flags = _parse(Flags.parse, "+".join(words))
        words = words[:-1] if flags is None else words
    if flags is None or not flags:
        return None
    return Kind.of(flags, 100 if "DATA" in text.upper() else 0)


def _norm(text: str) -> str:
    """Case, spaces and full-width forms aside."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@dataclass(frozen=True)
class TopicScore:
    """One section of the notes: right answers out of those answered, and the questions left unanswered."""

    topic: str
    right: int
    answered: int
    unanswered: int = 0

    @property
    def asked(self) -> int:
        """Every question on this topic, answered or not."""
        return self.answered + self.unanswered


@dataclass(frozen=True)
class Report:
    """The end of an exam: the score, per topic, every miss with its explanation, and what was left
    unanswered — apart from the misses: a question not reached says nothing of what the player knows."""

    exam_id: str
    right: int
    total: int
    topics: tuple[TopicScore, ...]
    misses: tuple[Checked, ...]  # answered, and wrong
    results: tuple[Checked, ...]
    unanswered: tuple[Checked, ...] = ()

    @property
    def answered(self) -> int:
        """The questions answered, right or wrong (the score counts only these)."""
        return self.total - len(self.unanswered)

    @property
    def percent(self) -> int:
        """Right answers out of those answered: a question left unanswered is not a miss (it is
        listed apart, and practised with the misses), as in the per-topic scores."""
        return round(100 * self.right / self.answered) if self.answered else 0


def headline(exam: Exam, result: Report, lang: str) -> str:
    """The report's top line: what the session was (an exam, a review, a practice of misses), the
    score out of the questions answered, and how many were left unanswered."""
    from ..text import ui

    title = ui(f"exam.report.title.{exam.purpose}", lang)
    if result.answered:
        score = ui("exam.report.score", lang, right=result.right, answered=result.answered, percent=result.percent)
    else:
        score = ui("exam.report.none-answered", lang)
    if result.unanswered:
        score += " · " + ui("exam.report.unanswered", lang, count=len(result.unanswered))
    return f"{title}   │ {score}"


def report(exam: Exam, answers: Mapping[str, str]) -> Report:
    """Judge every question and sum up per topic: wrong answers are misses, unanswered ones are counted
    apart (in the topic scores too)."""
    results = tuple(check(q, answers.get(q.id)) for q in exam.questions)
    per_topic: dict[str, list[int]] = {}
    for r in results:
        tally = per_topic.setdefault(r.question.topic, [0, 0, 0])
        tally[0] += r.correct
        tally[1 if r.given else 2] += 1
    topics = tuple(TopicScore(t, *tally) for t, tally in sorted(per_topic.items(), key=lambda kv: order(kv[0])))
    return Report(
        exam.id,
        sum(r.correct for r in results),
        len(results),
        topics,
        tuple(r for r in results if r.given and not r.correct),
        results,
        tuple(r for r in results if not r.given),
    )
