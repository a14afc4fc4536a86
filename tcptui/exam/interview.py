"""The interview pack's exam items (issue 13): its reasoning questions (why_interview.toml) and the
questions the engine generates by playing the pack's scenarios — what a listener does with a SYN
when its queues are full, what a keep-alive probe is answered with, which errno the application
sees — each tagged with the pack topic it tests (tcptui/exam/topics.py)."""

from __future__ import annotations

from .model import Question


def interview_items() -> list[Question]:
    """Every item of the pack, in a fixed order."""
    from .items import why_items

    return why_items("why_interview.toml")
