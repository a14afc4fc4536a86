"""Exam questions as frozen values. A question knows its topic (the notes' §), its correct answer,
and how to explain a miss — from the engine's rule texts, or from the "why" data file."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ..puzzle.model import Text

_FIRST_SENTENCE = re.compile(r".+?(?:[.!?](?=\s)|[。！？]|$)", re.S)


class QuestionKind(enum.Enum):
    """Where a question comes from."""

    STATE_AFTER = "state-after"  # the state after this ladder
    SEGMENT_NOW = "segment-now"  # the segment this side must send now
    TIMEWAIT_SYN = "timewait-syn"  # what TIME_WAIT (and the SYN's sender) does with a SYN
    WRONG_ARROW = "wrong-arrow"  # find the wrong arrow in a ladder
    REACTION = "reaction"  # what an endpoint does with the segment that reaches it
    WHY = "why"  # reasoning on the notes' "why" topics


class Form(enum.Enum):
    """How it is answered."""

    CHOICE = "choice"
    TYPED = "typed"


class Match(enum.Enum):
    """How a typed answer is compared with the correct one."""

    STATE = "state"  # any spelling State.parse takes (syn-sent, SYN_SEND …)
    KIND = "kind"  # a segment kind, by its flags (SYN+ACK, ack+syn, SA …)
    TEXT = "text"  # one of the accepted words, case and spaces aside


@dataclass(frozen=True)
class Choice:
    """One option of a multiple-choice question."""

    id: str  # "a", "b", … as the player sees them
    text: Text


@dataclass(frozen=True)
class Question:
    """One question. `answer` is the id of the right choice (CHOICE), or the canonical text (TYPED)."""

    id: str  # stable across exams: the spaced-repetition item
    kind: QuestionKind
    form: Form
    topic: str  # the notes' section the question tests, e.g. "4.2"; "beyond" past the notes
    prompt: Text
    ladder: tuple[Text, ...] = ()  # the ladder diagram, line by line (numbered arrows for WRONG_ARROW)
    choices: tuple[Choice, ...] = ()
    answer: str = ""
    typed_answer: str = ""  # the canonical answer when the same item is asked as TYPED ("" = choice only)
    accepted: tuple[str, ...] = ()  # more accepted typed answers (Match.TEXT)
    match: Match = Match.TEXT
    rule: str | None = None  # the engine rule whose text explains it
    params: tuple = ()
    why: Text | None = None  # the explanation, when it is not a rule's

    @property
    def can_type(self) -> bool:
        return bool(self.typed_answer)

    @property
    def expected_input(self) -> str:
        """What a player types or picks to be right (the choice id, or the canonical typed answer)."""
        return self.typed_answer if self.form is Form.TYPED else self.answer

    def correct_text(self, lang: str = "en") -> str:
        """The right answer as the player would read it."""
        if self.form is Form.TYPED:
            return self.typed_answer
        for choice in self.choices:
            if choice.id == self.answer:
                return f"{choice.id}) {choice.text.get(lang)}"
        return self.answer

    def summary(self, lang: str = "en") -> str:
        """The explanation's first sentence: the one line a right answer is shown with."""
        text = self.explanation(lang)
        match = _FIRST_SENTENCE.match(text)
        return match.group(0).strip() if match else text

    def explanation(self, lang: str = "en") -> str:
        """Why the right answer is right (rule texts, or the data file's words)."""
        if self.why is not None:
            return self.why.get(lang)
        if self.rule is None:
            return ""
        from ..text import explain

        return explain(self.rule, lang, self.params)


@dataclass(frozen=True)
class Exam:
    """A generated exam: questions in order, a time limit, and how it was made."""

    id: str
    seed: int
    questions: tuple[Question, ...]
    seconds: int  # the time limit; 0 for a review session, which has none
    topics: tuple[str, ...] = ()  # the --topic filter, if any
    purpose: str = "exam"  # "exam", "review" (the items due) or "practice" (an exam's misses again)

    @property
    def timed(self) -> bool:
        """An exam has a clock; a review session (exam/review.py) has none."""
        return self.seconds > 0
