"""Wrapping prose that mixes Chinese and English.

Rich wraps at spaces, which suits English; Chinese has no spaces, so its lines broke at the odd
space before an English word ("ISN 为⏎y") and ran ragged. Here a line may break between any two
Chinese characters, or at a space; an English word (SYN_RCVD, seq=x+1) is never split, closing
punctuation (，。：；）」…) never starts a line and opening punctuation never ends one.
`Prose` is the Rich renderable that does it at the width it is given.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # CJK, full-width forms, CJK punctuation
_NO_LINE_START = set("，。、：；！？）》」』】〉,.;:!?)]}…%")
_NO_LINE_END = set("（《「『【〈([{")


def cells(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@functools.cache
def _token() -> re.Pattern:
    """Spaces, one wide character, or a run of anything else; compiled on first use, not at
    start-up (compiling the wide ranges costs the first frame a couple of milliseconds)."""
    return re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")


def _units(text: str) -> list[str]:
    """Tokens glued so that no line can start with closing or end with opening punctuation."""
    units: list[str] = []
    for token in _token().findall(text):
        if units and not token.isspace() and (token[0] in _NO_LINE_START or units[-1][-1] in _NO_LINE_END):
            units[-1] += token
        else:
            units.append(token)
    return units


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` at most `width` columns wide (a unit wider than that gets a line alone)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for unit in _units(paragraph):
            size = cells(unit)
            if unit.isspace():
                if line:
                    line, used = line + " ", used + 1
                continue
            if line and used + size > width:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + unit, used + size
        lines.append(line.rstrip())
    return lines


class Prose:
    """A Rich renderable: `text` in `style`, wrapped as above to the width it is rendered at."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __rich_console__(self, console, options):
        from rich.text import Text

        for line in wrap(self.text, max(options.max_width, 1)):
            yield Text(line, style=self.style, no_wrap=True, overflow="fold")

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        longest = max((cells(line) for line in self.text.split("\n")), default=0)
        shortest = max((cells(unit) for unit in _units(self.text) if not unit.isspace()), default=0)
        return Measurement(min(shortest, options.max_width), min(longest, options.max_width))

    @property
    def plain(self) -> str:
        return self.text
