"""A puzzle as frozen values: what the loader builds, the solver searches and the UI shows.

A puzzle is a starting World, the moves on offer, a goal (a predicate over both endpoints, the
wire and what happened on the way), a move limit and par. Nothing here reads files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.available import Offer
from ..numbers import Numbers  # noqa: F401 - part of the puzzle model's vocabulary

if TYPE_CHECKING:
    from ..core.world import World
    from .goal import Goal
    from .lesson import Lesson


class Chapter(enum.Enum):
    """The chapters of the pack, in the order of the notes."""

    HANDSHAKE = "handshake"  # §2
    CLOSE = "close"  # §3
    TIME_WAIT = "time-wait"  # §4.1
    PORT_REUSE = "port-reuse"  # §4.2
    RST = "rst"  # §4.3, §4.4
    BEYOND = "beyond"  # simultaneous open and close, challenge ACKs, where the notes simplify
    INTERVIEW = "interview"  # the interview pack: queues, floods, keep-alive, crashes, the handshake's why

    @property
    def order(self) -> int:
        """Position in the puzzle list."""
        return list(Chapter).index(self)


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """The text in `lang`, English for anything else."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Moves:
    """What the player may do: the offered kinds, extra moves written out, forbidden moves."""

    offer: Offer
    extra: tuple = ()  # explicit moves (e.g. a SYN with a chosen sequence number)
    forbid: tuple = ()  # moves the puzzle refuses (the UI says so; the solver never tries them)

    def allows(self, move) -> bool:
        """False for a forbidden move."""
        return not among(move, self.forbid)


def among(move, moves) -> bool:
    """Is `move` one of `moves`? (Moves are equal only to moves of the same kind.)"""
    return move in moves


@dataclass(frozen=True)
class Puzzle:
    """One puzzle, ready to play: `start` is the World the player begins from."""

    id: str
    title: Text
    story: Text
    chapter: Chapter
    section: str  # the notes' §, e.g. "4.1"
    difficulty: int  # 1 (first steps) … 5 (hard)
    start: World
    numbers: Numbers
    moves: Moves
    goal: Goal
    move_limit: int
    par: int
    hints: tuple[Text, ...] = ()
    solution: tuple | None = None  # the author's moves, if given
    path: str = ""
    lesson: Lesson = None  # type: ignore[assignment]  # what it teaches; None in: Lesson() (nothing pinned)

    def __post_init__(self) -> None:
        if self.lesson is None:
            from .lesson import Lesson

            object.__setattr__(self, "lesson", Lesson())

    @property
    def sort_key(self) -> tuple:
        """Chapter, then the notes' section, then difficulty, then id: the order of the list (a
        chapter on RST opens with §4.3 before §4.4.1 …, whatever their difficulty)."""
        return (self.chapter.order, section_order(self.section), self.difficulty, self.id)


def section_order(section: str) -> tuple:
    """Sort key of a notes' section: 2 < 3.1 < 3.2 < 4.4.1; "beyond", then the interview pack's topics
    in their order (tcptui/exam/topics.py)."""
    from ..exam.topics import order

    return order(section)
