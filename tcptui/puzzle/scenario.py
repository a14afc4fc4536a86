"""Scenarios: a sandbox game that starts somewhere worth starting — in ESTABLISHED, in TIME_WAIT,
at the moment of the §4.2 reuse, with a late segment on the wire. `tcptui play --scenario NAME`.

A scenario file is a puzzle file without a goal: the same TOML family (`[options]`, `[client]`,
`[server]`, `[[wire]]`, `[symbols]`, `setup`), read by the puzzle loader's own start-state code
(load._Reader.start), with an id, a title, a story, the notes' section, and `try`: first moves to
suggest, each with what it shows (the sandbox names their keys). The bundled ones live in the
top-level scenarios/ folder (shipped as tcptui/scenarios_data); a teacher's own go in the
`scenarios` folder of the data directory, or are opened by path. Errors are the loader's
one-line `FILE:LINE: KEY: what is wrong` (PuzzleError). Format: scenarios/README.md.
"""

from __future__ import annotations

import functools
from typing import cast
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..core.states import Verdict
from ..errors import PuzzleError
from .load import load_file, load_text, not_a_file
from .model import Numbers, Text

TOP_KEYS = {"id", "title", "story", "section", "try", "setup", "options", "client", "server", "wire", "symbols"}
REQUIRED = ("id", "title", "story")
TRY_KEYS = {"move", "en", "zh"}
USER_FOLDER = "scenarios"  # in the data directory: a teacher's own scenarios


@dataclass(frozen=True)
class Suggestion:
    """A first move worth trying, and what it shows."""

    move: object  # a core move
    text: Text


@dataclass(frozen=True)
class Scenario:
    """A sandbox start: the world, how numbers are shown, the story, the moves worth trying."""

    id: str
    title: Text
    story: Text
    section: str  # the notes' §, or "" when the file names none
    start: object  # tcptui.core.World
    numbers: Numbers
    suggestions: tuple[Suggestion, ...] = ()
    path: str = ""


def _build(reader, data: dict) -> Scenario:
    """A scenario from a file's data, checked key by key (the start by the puzzle loader)."""
    if "goal" in data:
        reader.fail("goal", "a scenario has no goal; expected a puzzle file for a goal (see puzzles/README.md)")
    reader.table(data, "", TOP_KEYS, REQUIRED)
    sid = reader.ident(data["id"])
    section = reader.section(data["section"]) if "section" in data else ""
    start, numbers, _ = reader.start(data)
    tries = data.get("try", [])
    reader.typed(tries, "try", list, "a list of { move, en, zh } tables")
    suggestions = []
    for i, entry in enumerate(tries, 1):
        key = f"try[{i}]"
        reader.table(entry, key, TRY_KEYS, ("move", "en", "zh"))
        move = reader.move(entry["move"], f"{key}.move")
        text = reader.text({"en": entry["en"], "zh": entry["zh"]}, key)
        if start.apply(move).verdict is Verdict.ILLEGAL:
            reader.fail(f"{key}.move", f"{entry['move']!r} is illegal at the start; expected a move worth trying")
        suggestions.append(Suggestion(move, text))
    return Scenario(
        sid,
        reader.text(data["title"], "title"),
        reader.text(data["story"], "story"),
        section,
        start,
        numbers,
        tuple(suggestions),
        reader.name,
    )


def load_scenario_file(path) -> Scenario:
    """One scenario file (a Path or a Traversable); PuzzleError says what is wrong, and where."""
    return cast(Scenario, load_file(path, _build))


def load_scenario_text(text: str, name: str) -> Scenario:
    """A scenario from TOML text; `name` is what errors call the file."""
    return cast(Scenario, load_text(text, name, _build))


def is_scenario_file(path) -> bool:
    """Is this TOML file a scenario (an id, and none of a puzzle's own keys: goal, par, chapter)?
    A file that does not parse is left to the puzzle loader, which says where it breaks."""
    import tomllib

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return "id" in data and not {"goal", "par", "chapter"} & data.keys()


def scenario_problems(path) -> list[PuzzleError]:
    """The problem of a scenario file (loading checks everything: the start, the moves to try)."""
    try:
        load_scenario_file(Path(path))
    except PuzzleError as e:
        return [e]
    return []


def bundled_dir():
    """The folder of the bundled scenario files."""
    shipped = resources.files("tcptui").joinpath("scenarios_data")
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "scenarios"


ORDER = ("established", "time-wait", "time-wait-server", "reuse", "late-segment", "simultaneous-open", "after-crash")


@functools.lru_cache(maxsize=1)
def bundled() -> tuple[Scenario, ...]:
    """The bundled scenarios, in the order of the notes (the list's order)."""
    found = [load_scenario_file(f) for f in bundled_dir().iterdir() if f.name.endswith(".toml")]
    return tuple(sorted(found, key=lambda s: (ORDER.index(s.id) if s.id in ORDER else len(ORDER), s.id)))


def user_scenarios(directory=None) -> tuple[list[Scenario], list[PuzzleError]]:
    """A teacher's scenarios in the data directory's `scenarios` folder (sorted by file name), and
    the errors of those that do not load."""
    from ..progress.store import data_dir

    folder = data_dir(directory) / USER_FOLDER
    good, bad = [], []
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                good.append(load_scenario_file(path))
            except PuzzleError as e:
                bad.append(e)
    return good, bad


def find(name: str, directory=None) -> Scenario:
    """A scenario by id (bundled first, then the teacher's) or by path (a name ending in .toml or
    holding a '/'). KeyError names what is missing; PuzzleError a file that does not load."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise KeyError(not_a_file(name, "scenario"))
        return load_scenario_file(path)
    for scenario in bundled():
        if scenario.id == name:
            return scenario
    mine, _ = user_scenarios(directory)
    for scenario in mine:
        if scenario.id == name:
            return scenario
    known = ", ".join(s.id for s in (*bundled(), *mine))
    raise KeyError(f"no scenario {name!r}; expected one of: {known}")
