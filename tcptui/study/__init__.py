"""The study map: every topic — the notes' sections and the interview pack's — with what covers it
(puzzles, exam items, `tcptui explain` examples) and the student's progress on it.

Pure: the caller passes the puzzles, the exam pool and the progress it has (so `tcptui topics` and
the home screen's map read the same thing, and tests need no store). The topics themselves are data
(topics.toml beside this file).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from ..puzzle.model import Text


@dataclass(frozen=True)
class Topic:
    """One topic: its id (the notes' § or interview.NAME), title, the questions students ask about it,
    `tcptui explain` examples ("STATE EVENT [OPTIONS]"), and `also`: puzzles of other sections that
    play it too (the errno an application sees is met in puzzles about refusals, time-outs, resets)."""

    id: str
    title: Text
    asks: tuple[Text, ...]
    explain: tuple[str, ...]
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """A topic and what covers it, with the student's progress.

    - puzzles: the pack's puzzles on this topic (their `section`), in list order, then its `also`.
    - items: ids of the exam items on it; solved / stars: the student's puzzles solved and stars
      (of 3 each); right / answered: exam answers on it.
    """

    topic: Topic
    puzzles: tuple = ()
    items: tuple[str, ...] = ()
    solved: int = 0
    stars: int = 0
    right: int = 0
    answered: int = 0

    @property
    def covered(self) -> bool:
        """Something covers it: a puzzle, an exam item or an explain example."""
        return bool(self.puzzles or self.items or self.topic.explain)

    def next_puzzle(self, best: Mapping):
        """The first puzzle not yet solved (else the first): where a student lands from this topic."""
        for puzzle in self.puzzles:
            result = best.get(puzzle.id)
            if result is None or result.stars == 0:
                return puzzle
        return self.puzzles[0] if self.puzzles else None


@functools.lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """Every topic, in the map's order (the notes', then the pack's)."""
    data = tomllib.loads(resources.files(__package__).joinpath("topics.toml").read_text(encoding="utf-8"))
    found = []
    for entry in data["topic"]:
        asks = tuple(Text(en, zh) for en, zh in zip(entry["asks"]["en"], entry["asks"]["zh"], strict=True))
        explain, also = tuple(entry.get("explain", ())), tuple(entry.get("also", ()))
        found.append(Topic(entry["id"], Text(**entry["title"]), asks, explain, also))
    return tuple(found)


def topic(topic_id: str) -> Topic:
    """One topic by id; KeyError names it."""
    for t in topics():
        if t.id == topic_id:
            return t
    raise KeyError(f"no topic {topic_id!r}")


def study_map(puzzles, pool, best: Mapping | None = None, totals: Mapping | None = None) -> list[Coverage]:
    """Every topic with its coverage: `puzzles` (the pack), `pool` (the exam items), `best` (puzzle id →
    best result, from the progress store) and `totals` (topic → (right, answered))."""
    best, totals = best or {}, totals or {}
    rows = []
    for t in topics():
        by_id = {p.id: p for p in puzzles}
        mine = tuple(p for p in puzzles if p.section == t.id) + tuple(by_id[i] for i in t.also if i in by_id)
        results = [best[p.id] for p in mine if p.id in best and best[p.id].stars > 0]
        right, answered = totals.get(t.id, (0, 0))
        rows.append(
            Coverage(
                t,
                mine,
                tuple(q.id for q in pool if q.topic == t.id),
                len(results),
                sum(r.stars for r in results),
                right,
                answered,
            )
        )
    return rows


__all__ = ["Topic", "Coverage", "topics", "topic", "study_map"]
