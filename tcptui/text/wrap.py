"""Wrapping prose that mixes Chinese and English.

Rich (like textwrap and wcwidth.wrap) breaks lines only at spaces, which suits English; Chinese has
no spaces, so its lines broke at the odd space before an English word ("ISN 为⏎y") and ran ragged.
Here a line may break between any two Chinese characters, or at a space; an English word
(SYN_RCVD, seq=x+1) is never split; closing punctuation (，。：；）」…) never starts a line and
opening punctuation never ends one — the CJK rules of UAX #14 (classes ID, CL, OP), kept short.
Widths are terminal cells as Rich counts them (`rich.cells.cell_len`: wide characters take two).

Why not a UAX #14 library: uniseg implements the whole algorithm but took 70 ms to import and about
60 ms per 300-character explanation here — too slow for a verdict drawn on every move; Rich and
wcwidth (`wcwidth.wrap`) measure cells correctly but still break only at spaces.

`wrap` gives the lines of a string; `wrap_text` those of a styled Rich Text (styles kept); `Prose`
is the Rich renderable that wraps either at the width it is rendered at.
"""

from __future__ import annotations

import functools
import re

from rich.cells import cell_len

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # CJK, full-width forms, CJK punctuation
_NO_LINE_START = set("，。、：；！？）》」』】〉,.;:!?)]}…%")
_NO_LINE_END = set("（《「『【〈([{")


def cells(text: str) -> int:
    """Terminal columns, as Rich counts them: East Asian wide and full-width characters take two."""
    return cell_len(text)


@functools.cache
def _token() -> re.Pattern:
    """Spaces, one wide character, or a run of anything else; compiled on first use, not at
    start-up (compiling the wide ranges costs the first frame a couple of milliseconds)."""
    return re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of the unbreakable units of one paragraph: tokens glued so that no line can start
    with closing or end with opening punctuation."""
    units: list[tuple[int, int]] = []
    for match in _token().finditer(text):
        start, end = match.span()
        token = match.group()
        if units and not token.isspace():
            last = text[units[-1][0] : units[-1][1]]
            if not last.isspace() and (token[0] in _NO_LINE_START or last[-1] in _NO_LINE_END):
                units[-1] = (units[-1][0], end)
                continue
        units.append((start, end))
    return units


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of each line at most `width` cells wide (spaces at a break are
    dropped; a unit wider than `width` gets a line alone; each newline starts a line)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start: int | None = None
        end = used = 0  # (end is read only while start is set)
        for unit_start, unit_end in _units(paragraph):
            unit = paragraph[unit_start:unit_end]
            if unit.isspace():
                if start is not None:
                    used += cells(unit)
                continue
            size = cells(unit)
            if start is not None and used + size > width:
                spans.append((offset + start, offset + end))
                start = None
            if start is None:
                start, used = unit_start, 0
            end = unit_end
            used = cells(paragraph[start:end])
        spans.append((offset + start, offset + end) if start is not None else (offset, offset))
        offset += len(paragraph) + 1
    return spans


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` at most `width` columns wide (a unit wider than that gets a line alone)."""
    return [text[start:end] for start, end in line_spans(text, width)]


def wrap_text(text, width: int) -> list:
    """The lines of a Rich Text, wrapped as above, each a Text with its part of the styles."""
    lines = []
    for start, end in line_spans(text.plain, width):
        line = text[start:end]
        line.end = ""
        lines.append(line)
    return lines


class Prose:
    """A Rich renderable: `text` (a string, shown in `style`, or a styled Rich Text) wrapped as above
    to the width it is rendered at. `label` (a Text) or `first` spaces come before the first line;
    the other lines are indented by `hang` cells (default: as far as the first line's text starts),
    so a long exam choice wraps under its own words, a note under its own first word."""

    def __init__(self, text, style: str = "", *, label=None, first: int = 0, hang: int | None = None) -> None:
        self.text, self.style, self.label, self.first = text, style, label, first
        self.hang = hang if hang is not None else (label.cell_len if label is not None else first)

    @property
    def plain(self) -> str:
        body = self.text if isinstance(self.text, str) else self.text.plain
        return (self.label.plain if self.label is not None else "") + body

    def __str__(self) -> str:
        return self.plain

    def _lead(self) -> int:
        return self.label.cell_len if self.label is not None else self.first

    def __rich_console__(self, console, options):
        from rich.text import Text

        text = Text(self.text, style=self.style) if isinstance(self.text, str) else self.text
        lead, hang = self._lead(), self.hang
        width = max(options.max_width - max(lead, hang), 1)
        for i, line in enumerate(wrap_text(text, width)):
            if i == 0:
                head = self.label.copy() if self.label is not None else Text(" " * lead)
            else:
                head = Text(" " * hang)
            out = head.append_text(line) if (lead or hang) else line
            out.no_wrap, out.overflow, out.end = True, "fold", "\n"
            yield out

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        plain = self.text if isinstance(self.text, str) else self.text.plain
        longest = max((cells(line) for line in plain.split("\n")), default=0)
        shortest = max(
            (cells(plain[s:e]) for p in plain.split("\n") for s, e in _units(p) if not p[s:e].isspace()), default=0
        )
        indent = max(self._lead(), self.hang)
        return Measurement(min(indent + shortest, options.max_width), min(self._lead() + longest, options.max_width))


def prose(renderable):
    """A string or Rich Text as Prose; any other renderable (a table, Prose already) as it is."""
    from rich.text import Text

    return Prose(renderable) if isinstance(renderable, (str, Text)) else renderable
