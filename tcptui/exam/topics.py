"""The notes' sections as exam topics; `--topic §4.2` (or 4.2, or §4 for all of §4) parsed once, here.

Kept free of imports: the command line validates --topic with it before anything heavy loads.
"""

from __future__ import annotations

SECTIONS = ("1", "2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3", "4.4.4", "beyond")


def parse_topic(text: str) -> str:
    """'§4.2' → '4.2'; '§4' → '4' (a prefix of 4.1 …); ValueError names the sections."""
    topic = text.strip().lstrip("§").strip().lower()
    if not any(matches(s, (topic,)) for s in SECTIONS):
        raise ValueError(f"unknown topic {text!r}; expected one of: {', '.join('§' + s for s in SECTIONS)}")
    return topic


def matches(topic: str, wanted) -> bool:
    """Is `topic` one of `wanted`, or under one of them (4.4.1 is under 4.4 and 4)? No filter: yes."""
    if not wanted:
        return True
    return any(topic == w or topic.startswith(w + ".") for w in wanted)


def order(topic: str) -> tuple:
    """Sort key: the notes' order, "beyond" last."""
    return tuple(int(p) for p in topic.split(".")) if topic[0].isdigit() else (99,)
