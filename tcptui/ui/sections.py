"""The notes' sections as the player reads them: '§4.2', or 'beyond the notes' for what the notes
do not cover (puzzles, exam topics and the report all name sections this way)."""

from __future__ import annotations

from ..text import ui


def section_text(section: str, lang: str) -> str:
    """'§4.4.1' for a section of the notes; 'beyond the notes' (in `lang`) past them."""
    return f"§{section}" if section[:1].isdigit() else ui("puzzle.section.beyond", lang)
