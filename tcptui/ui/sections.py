"""The notes' sections as the player reads them: '§4.2', or 'beyond the notes' for what the notes
do not cover (puzzles, exam topics and the report all name sections this way)."""

from __future__ import annotations

from ..text import ui


def section_text(section: str, lang: str) -> str:
    """'§4.4.1' for a section of the notes; 'beyond the notes' (in `lang`) past them; an interview
    pack topic by its short name ('SYN and accept queues')."""
    if section[:1].isdigit():
        return f"§{section}"
    if section == "interview":
        return ui("puzzle.chapter.interview", lang)
    if section.startswith("interview."):
        return ui(f"topic.{section}", lang)
    return ui("puzzle.section.beyond", lang)
