"""The glossary: one term per concept, in both languages, with the RFC's name (glossary.toml).

It is the reference the texts follow (tests/text/test_glossary.py fails when a catalogue, a puzzle
or an exam file uses a rejected Chinese variant), and the help screen lists it in the player's
language.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import namedtuple
from importlib import resources


class Term(namedtuple("Term", "term en zh rfc about reject help")):
    """One concept: its head (RFC abbreviation or English term), its words in each language, where
    the RFC defines it, one line about it per language, the rejected Chinese variants (compiled
    regular expressions), and whether the help screen lists it."""

    __slots__ = ()

    def text(self, lang: str) -> str:
        """The term in `lang`: 'initial send sequence number' or '初始发送序号'."""
        return self.zh if lang == "zh" else self.en

    def names(self, lang: str) -> list[str]:
        """The names shown beside the head in `lang`, none repeating it: the term in `lang`, and in
        Chinese the English one too ('半开连接', 'half-open connection' beside 'half-open connection'
        is only '半开连接'; in English 'half-open connection' beside itself is nothing)."""
        out: list[str] = []
        for name in (self.text(lang), self.en if lang == "zh" else None):
            if name and name != self.term and name not in out:
                out.append(name)
        return out

    def line(self, lang: str) -> str:
        """What the help screen says of it in `lang`."""
        return self.about["zh" if lang == "zh" else "en"]


@functools.lru_cache(maxsize=1)
def glossary() -> tuple[Term, ...]:
    """Every term, in the file's order."""
    data = tomllib.loads(resources.files(__package__).joinpath("glossary.toml").read_text(encoding="utf-8"))
    return tuple(
        Term(
            entry["term"],
            entry["en"],
            entry["zh"],
            entry["rfc"],
            dict(entry["about"]),
            tuple(re.compile(pattern) for pattern in entry.get("reject", ())),
            entry.get("help", True),
        )
        for entry in data["term"]
    )


def rejected_in(text: str) -> list[tuple[str, str]]:
    """(the variant found, the term to use instead) for each rejected variant in a Chinese text."""
    return [(m.group(0), term.zh) for term in glossary() for pattern in term.reject for m in pattern.finditer(text)]
