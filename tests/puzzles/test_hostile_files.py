"""Puzzle files attacked: deeply nested values, mutated copies of the pack, searches too large to
finish, ids with a trailing newline. `check` and `solve` answer each with one line (issue 9)."""

from __future__ import annotations

import contextlib
import random
import re
import signal
from pathlib import Path

import pytest

from tcptui.errors import PuzzleError
from tcptui.puzzle.linter import check_files, lint
from tcptui.puzzle.load import load_text

from ..attack import Tally, cases, run_tcptui
from ..conftest import ROOT

PACK = sorted((ROOT / "puzzles").glob("*.toml"))
BROKEN = sorted((Path(__file__).parent / "broken").glob("*.toml"))
SHORTCUT = (ROOT / "puzzles" / "09-close-shortcut.toml").read_text(encoding="utf-8")


def nested(kind: str, depth: int) -> str:
    """A TOML value nested `depth` deep: arrays, inline tables, or both by turns."""
    if kind == "array":
        return "[" * depth + "1" + "]" * depth
    if kind == "table":
        return "{a = " * depth + "1" + "}" * depth
    opening, closing = [], []
    for i in range(depth):
        opening.append("[" if i % 2 else "{a = ")
        closing.append("]" if i % 2 else "}")
    return "".join(opening) + "1" + "".join(reversed(closing))


DEEP = [
    (kind, depth, where)
    for kind in ("array", "table", "mixed")
    for depth in (1_000, 5_000, 100_000)
    for where in ("hints", "unknown", "goal")
]


def deep_file(kind: str, depth: int, where: str) -> str:
    value = nested(kind, depth)
    if where == "hints":
        return re.sub(r"(?ms)^hints = \[.*?^\]", f"hints = {value}", SHORTCUT)
    if where == "goal":
        return SHORTCUT.replace('client = "TIME_WAIT"', f"client = {value}")
    return f"deep = {value}\n" + SHORTCUT


@contextlib.contextmanager
def deadline(seconds: int):
    """Raise TimeoutError in this process after `seconds` (a hang is a failure, not a stuck suite)."""

    def expire(*_):
        raise TimeoutError(f"no answer after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def load_and_lint(text: str, name: str = "attack.toml") -> list[str]:
    """What is wrong with how tcptui answered this file (empty: it answered cleanly)."""
    try:
        with deadline(60):
            try:
                puzzle = load_text(text, name)
            except PuzzleError as e:
                return [] if "\n" not in str(e) and str(e) else [f"a bad error line: {str(e)[:200]!r}"]
            for problem in lint(puzzle):
                if "\n" in str(problem):
                    return [f"a problem of more than one line: {str(problem)[:200]!r}"]
    except BaseException as e:  # noqa: BLE001 - anything but a PuzzleError is the failure counted
        return [f"{type(e).__name__}: {str(e)[:200]}"]
    return []


def test_deeply_nested_values_are_one_line_in_process():
    with Tally("puzzle files: deep nesting (in process)") as tally:
        for kind, depth, where in DEEP:
            tally.record(f"{kind} {depth} in {where}", load_and_lint(deep_file(kind, depth, where)))


@pytest.mark.parametrize("command", ["check", "solve"])
def test_deeply_nested_values_are_one_line_from_the_command_line(tmp_path, command):
    """The issue's reproduction: 1,000-deep nested inline tables or arrays."""
    with Tally(f"puzzle files: deep nesting ({command})") as tally:
        for kind in ("array", "table", "mixed"):
            path = tmp_path / f"{kind}.toml"
            path.write_text(deep_file(kind, 1_000, "hints"), encoding="utf-8")
            done = run_tcptui(command, path)
            also = [] if done.returncode == 2 and "nest" in done.stderr + done.stdout else ["not said: too deep"]
            tally.check(kind, done, also=also)


def mutate(text: str, rng: random.Random) -> str:
    """Break a puzzle file the ways authors and disks do: lines lost, doubled or swapped, values
    replaced by odd ones, characters flipped, the file cut short."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.randrange(10)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[i])
        elif action == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:  # a number replaced by an odd one
            odd = rng.choice(["0", "-1", "40", "41", "65536", "4294967296", "99999999999999999999", "1e9", "nan"])
            lines[i] = re.sub(r"\d+", odd, lines[i], count=1)
        elif action == 4:  # a string replaced
            odd = rng.choice(
                ['""', '"\\n"', '"x\\n"', '"SYN+ACK+RST+FIN"', '"duplicate 1"', '"deliver 99"', "[]", "{}"]
            )
            lines[i] = re.sub(r'"[^"]*"', odd, lines[i], count=1)
        elif action == 5:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice("[]{}=\"'#.,\\\n\x00é中") + lines[i][pos:]
        elif action == 6:
            del lines[i:]
        elif action == 7:  # more moves on offer: a search that grows
            lines.append(rng.choice(["[moves]", ""]))
            lines.append('allow = ["deliver", "drop", "duplicate", "call", "send", "timer", "crash", "restart"]')
        elif action == 8:
            lines[i] = re.sub(r"move_limit = \d+", f"move_limit = {rng.randint(1, 40)}", lines[i])
        else:
            lines.insert(i, "setup = [" + ", ".join(['"duplicate 1"'] * rng.randint(1, 50)) + "]")
    return "\n".join(lines) + "\n"


def test_mutated_puzzle_files_are_answered_in_one_line():
    rng = random.Random(406)
    bases = [p.read_text(encoding="utf-8") for p in PACK + BROKEN]
    with Tally("puzzle files: mutated (in process)") as tally:
        for i in range(cases(150, 2000)):
            text = mutate(rng.choice(bases), rng)
            tally.record(f"mutant {i}", load_and_lint(text, f"mutant-{i}.toml"))


def test_mutated_puzzle_files_through_the_command_line(tmp_path):
    rng = random.Random(4060)
    bases = [p.read_text(encoding="utf-8") for p in PACK]
    with Tally("puzzle files: mutated (check, solve)") as tally:
        for i in range(cases(6, 200)):
            path = tmp_path / f"mutant-{i}.toml"
            path.write_text(mutate(rng.choice(bases), rng), encoding="utf-8")
            for command in ("check", "solve"):
                tally.check(f"{command} mutant {i}", run_tcptui(command, path), max_stderr_lines=1)


# Both ends in TIME_WAIT without either passing CLOSING cannot happen: the solver must search
# every world within 12 moves, and duplicates make those countless.
TOO_LARGE = re.sub(
    r"(?ms)^\[moves\].*",
    '[moves]\nallow = ["deliver", "drop", "duplicate", "call", "timer"]\n\n[goal]\nclient = "TIME_WAIT"\n'
    'server = "TIME_WAIT"\nmust_not = ["client reaches CLOSING", "server reaches CLOSING"]\n',
    SHORTCUT,
).replace("move_limit = 8", "move_limit = 12")


ONE_SECOND = "import tcptui.puzzle.solver as s; s.DEFAULT_BUDGET = s.Budget(seconds=1)"  # 10 s by default


def test_a_search_too_large_stops_and_says_what_to_change(tmp_path):
    """The issue's reproduction: a puzzle whose search grows without end."""
    path = tmp_path / "huge.toml"
    path.write_text(TOO_LARGE, encoding="utf-8")
    with Tally("puzzle files: search too large") as tally:
        for command in ("check", "solve"):
            done = run_tcptui(command, path, timeout=120, prelude=ONE_SECOND)
            said = done.stdout + done.stderr
            wanted = ["move_limit 12", "duplicate"]
            also = [f"does not say {w!r}: {said.strip()[:300]!r}" for w in wanted if w not in said]
            tally.check(command, done, also=also)


def test_the_solver_gives_up_on_its_time_and_memory_budget():
    from tcptui.puzzle.solver import Budget, SearchTooLarge, solve

    puzzle = load_text(TOO_LARGE, "huge.toml")
    for budget in (Budget(worlds=10**9, seconds=0.01), Budget(worlds=10**9, memory=1)):
        with pytest.raises(SearchTooLarge) as caught:
            solve(puzzle, budget=budget)
        message = str(caught.value)
        assert "move_limit 12 with duplicates allowed is too large to prove par" in message, message
        assert "lower it or forbid duplicate" in message


@pytest.mark.parametrize("pid", ["close-shortcut\n", "close-shortcut\r", " close-shortcut", "close\nshortcut"])
def test_an_id_with_a_newline_or_space_is_refused(tmp_path, pid):
    path = tmp_path / "nl.toml"
    escaped = pid.replace("\n", "\\n").replace("\r", "\\r")
    path.write_text(SHORTCUT.replace('id = "close-shortcut"', f'id = "{escaped}"'), encoding="utf-8")
    count, problems = check_files([path])
    assert count == 1 and len(problems) == 1 and ": id: " in str(problems[0]), problems


def test_duplicate_ids_are_found_whatever_their_case_or_form(tmp_path):
    from tcptui.puzzle.linter import same_id

    assert same_id("close-shortcut", "close-shortcut\n") and same_id("close-shortcut", "Close-Shortcut")
    path = tmp_path / "copy.toml"
    path.write_text(SHORTCUT, encoding="utf-8")
    count, problems = check_files([ROOT / "puzzles" / "09-close-shortcut.toml", path])
    assert count == 2 and any("also the id of" in str(p) for p in problems)
