"""The bundled pack: the puzzles shipped inside the package (wheel) or beside it (checkout).

A wheel carries the top-level puzzles/ folder as tcptui/puzzles_data (see pyproject.toml); in a
checkout or an editable install the folder is read where it is. Either way through
importlib.resources-style Traversables, never by a path the caller must know.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .load import load_file
from .model import Chapter, Puzzle


def pack_dir():
    """The folder of the bundled puzzle files."""
    shipped = resources.files("tcptui").joinpath("puzzles_data")
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "puzzles"


@functools.lru_cache(maxsize=1)
def load_pack() -> tuple[Puzzle, ...]:
    """Every bundled puzzle, in list order (chapter, difficulty, id)."""
    files = [f for f in pack_dir().iterdir() if f.name.endswith(".toml")]
    return tuple(sorted((load_file(f) for f in files), key=lambda p: p.sort_key))


def get(puzzle_id: str) -> Puzzle:
    """One bundled puzzle by id; KeyError names it."""
    for puzzle in load_pack():
        if puzzle.id == puzzle_id:
            return puzzle
    raise KeyError(f"no bundled puzzle {puzzle_id!r}")


def chapters() -> dict[Chapter, tuple[Puzzle, ...]]:
    """The pack by chapter, chapters in order."""
    return {c: tuple(p for p in load_pack() if p.chapter is c) for c in Chapter}
