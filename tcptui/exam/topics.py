"""The exam's topics: the notes' sections, then the interview pack's topics (issue 13); `--topic §4.2`
(or 4.2, or §4 for all of §4, or `queues`, or `interview` for the whole pack) parsed once, here.

Kept free of imports: the command line validates --topic with it before anything heavy loads.
The topics' titles, the questions students ask and the explain examples are in
tcptui/study/topics.toml.
"""

from __future__ import annotations

NOTES = ("1", "2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3", "4.4.4", "beyond")
PACK_PREFIX = "interview"
PACK = tuple(
    f"{PACK_PREFIX}.{name}"
    for name in (
        "queues",
        "synflood",
        "timewait-many",
        "closewait",
        "keepalive",
        "crash",
        "close-unread",
        "isn",
        "three-way",
        "not-four",
        "third-data",
        "retries",
        "finwait2",
        "errno",
    )
)
SECTIONS = NOTES + PACK


def parse_topic(text: str) -> str:
    """'§4.2' → '4.2'; '§4' → '4' (a prefix of 4.1 …); 'queues' → 'interview.queues'; 'interview' →
    the whole pack; ValueError names the topics."""
    topic = text.strip().lstrip("§").strip().lower()
    if f"{PACK_PREFIX}.{topic}" in PACK:
        return f"{PACK_PREFIX}.{topic}"
    if not any(matches(s, (topic,)) for s in SECTIONS):
        names = ", ".join(["§" + s for s in NOTES] + [s.split(".", 1)[1] for s in PACK] + [PACK_PREFIX])
        raise ValueError(f"unknown topic {text!r}; expected one of: {names}")
    return topic


def matches(topic: str, wanted) -> bool:
    """Is `topic` one of `wanted`, or under one of them (4.4.1 is under 4.4 and 4)? No filter: yes."""
    if not wanted:
        return True
    return any(topic == w or topic.startswith(w + ".") for w in wanted)


def order(topic: str) -> tuple:
    """Sort key: the notes' order, "beyond", then the pack's topics in their order."""
    if topic[:1].isdigit():
        return tuple(int(p) for p in topic.split("."))
    if topic in PACK:
        return (100 + PACK.index(topic),)
    return (99,)


def is_pack(topic: str) -> bool:
    """A topic of the interview pack (named, not numbered: the notes do not reach it)."""
    return topic.startswith(PACK_PREFIX + ".")


def label(topic: str) -> str:
    """How a report names a topic: '§4.2', 'beyond', or the pack topic's short name ('queues')."""
    if topic[:1].isdigit():
        return "§" + topic
    return topic.split(".", 1)[1] if is_pack(topic) else topic
