"""Scenarios: the bundled ones load and their first moves are legal; a broken file is one line
FILE:LINE: KEY: what is wrong; `tcptui play --scenario` lists them (and a teacher's own);
`tcptui check` checks scenario files beside puzzles."""

import pathlib
import subprocess
import sys

import pytest

from tcptui.cli import main
from tcptui.core.states import State, Verdict
from tcptui.errors import PuzzleError
from tcptui.puzzle.linter import check_files
from tcptui.puzzle.scenario import ORDER, bundled, find, is_scenario_file, load_scenario_text

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOOD = """id = "mine"
title = { en = "Mine", zh = "我的" }
story = { en = "A start.", zh = "一个起点。" }
try = [{ move = "client close", en = "close", zh = "关闭" }]

[client]
state = "ESTABLISHED"
tcb = { iss = 1000, irs = 5000 }

[server]
state = "ESTABLISHED"
app = ["listening"]
tcb = { iss = 5000, irs = 1000 }
"""


def test_the_bundled_scenarios_are_the_issues_and_load():
    ids = [s.id for s in bundled()]
    assert ids == list(ORDER)
    for scenario in bundled():
        assert (ROOT / "scenarios" / f"{scenario.id}.toml").is_file()
        assert scenario.title.en and scenario.title.zh and scenario.story.en and scenario.story.zh
        assert scenario.suggestions, scenario.id
        for suggestion in scenario.suggestions:
            assert scenario.start.apply(suggestion.move).verdict is not Verdict.ILLEGAL


@pytest.mark.parametrize(
    "name, client, server, wire",
    [
        ("established", State.ESTABLISHED, State.ESTABLISHED, 0),
        ("time-wait", State.TIME_WAIT, State.LAST_ACK, 1),
        ("time-wait-server", State.CLOSED, State.TIME_WAIT, 0),
        ("reuse", State.SYN_SENT, State.TIME_WAIT, 1),
        ("late-segment", State.ESTABLISHED, State.ESTABLISHED, 1),
        ("simultaneous-open", State.SYN_SENT, State.SYN_SENT, 2),
        ("after-crash", State.ESTABLISHED, State.CLOSED, 0),
    ],
)
def test_each_scenario_starts_where_its_name_says(name, client, server, wire):
    start = find(name).start
    assert (start.client.state, start.server.state, len(start.wire)) == (client, server, wire)


def test_the_reuse_and_late_segment_scenarios_teach_their_section():
    reuse = find("reuse")
    assert reuse.start.apply(reuse.suggestions[0].move).rule == "timewait.syn-reuse"  # the old ACK, §4.2
    late = find("late-segment")
    assert late.start.apply(late.suggestions[0].move).rule == "data.late-accepted"  # §4.1 a


@pytest.mark.parametrize(
    "change, expected",
    [
        (('id = "mine"', 'id = "Mine!"'), "t.toml:1: id: 'Mine!' is not a valid id"),
        (("[client]", 'color = "red"\n[client]'), "t.toml:6: color: unknown key"),
        (
            ('try = [{ move = "client close"', 'try = [{ move = "client closes"'),
            "t.toml:4: try[1].move: 'client closes'",
        ),
        (
            ('try = [{ move = "client close"', 'try = [{ move = "server listen"'),
            "t.toml:4: try[1].move: 'server listen' is illegal",
        ),
        (
            ('state = "ESTABLISHED"\ntcb = { iss = 1000, irs = 5000 }', 'state = "ESTABLISHED"'),
            "t.toml:6: client.tcb: missing",
        ),
        (('title = { en = "Mine", zh = "我的" }\n', ""), "t.toml: title: missing; this key is required"),
        (("[client]", '[goal]\nclient = "CLOSED"\n[client]'), "t.toml:6: goal: a scenario has no goal"),
        (("[client]", "[client\n"), "t.toml:6: not valid TOML"),
    ],
)
def test_a_broken_scenario_is_one_line_with_its_line(change, expected):
    with pytest.raises(PuzzleError) as caught:
        load_scenario_text(GOOD.replace(*change, 1), "t.toml")
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)


def test_check_tells_scenarios_from_puzzles(tmp_path):
    assert check_files([ROOT / "scenarios"]) == (7, [])
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.toml").write_text(GOOD.replace("client close", "client closes"), encoding="utf-8")
    assert is_scenario_file(tmp_path / "mine.toml") and not is_scenario_file(
        ROOT / "puzzles" / "09-close-shortcut.toml"
    )
    count, problems = check_files([tmp_path])
    assert count == 2 and [p.path for p in problems] == [str(tmp_path / "broken.toml")]


def run(*argv, env=None):
    import os

    return subprocess.run(
        [sys.executable, "-m", "tcptui", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
    )


@pytest.mark.parametrize("lang, title", [("en", "Scenarios"), ("zh", "场景")])
def test_play_scenario_alone_lists_them(lang, title, tmp_path):
    done = run("play", "--scenario", "--lang", lang, env={"TCPTUI_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith(title) and all(len(line) <= 80 for line in lines)
    assert [line.split()[0] for line in lines[1:8]] == list(ORDER)


def test_a_teachers_own_scenarios_are_listed_and_opened_by_name(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD, encoding="utf-8")
    (folder / "broken.toml").write_text(GOOD.replace('id = "mine"', 'id = "broken"\nwhat = 1'), encoding="utf-8")
    monkeypatch.setenv("TCPTUI_DATA_DIR", str(tmp_path))
    assert main(["play", "--scenario", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "  mine " in out and str(folder) in out
    assert err.strip() == f"tcptui play: {folder / 'broken.toml'}:2: what: unknown key; expected one of: " + ", ".join(
        sorted({"id", "title", "story", "section", "try", "setup", "options", "client", "server", "wire", "symbols"})
    )
    assert find("mine").path == str(folder / "mine.toml")
    assert find(str(folder / "mine.toml")).id == "mine"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--scenario", "nope"], "tcptui play: no scenario 'nope'; expected one of: established,"),
        (["--scenario", "no/such.toml"], "tcptui play: no/such.toml: no such file"),
        (["--scenario", "tests/"], "tcptui play: tests/: a folder, not a scenario file"),
        (["--puzzle", "tests"], "tcptui play: tests: a folder, not a puzzle file"),
        (["--scenario", "reuse", "--puzzle", "x.toml"], "not allowed with argument --scenario"),
        (
            ["--puzzle", "tests/puzzles/broken/unknown-state.toml"],
            "tcptui play: tests/puzzles/broken/unknown-state.toml:",
        ),
    ],
)
def test_play_refuses_a_bad_start_in_one_line(argv, message, tmp_path):
    done = run("play", *argv, "--lang", "en", env={"TCPTUI_DATA_DIR": str(tmp_path)})
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1


def test_a_broken_scenario_file_is_file_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace("iss = 5000, irs = 1000", "iss = 5000"), encoding="utf-8")
    done = run("play", "--scenario", str(path))
    assert (
        done.returncode == 2
        and done.stderr
        == f"tcptui play: {path}:13: server.tcb: missing; this key is required\n".replace(
            "server.tcb: missing; this key is required", "server.tcb.irs: missing; this key is required"
        )
    )


def test_scenario_texts_follow_the_glossary():
    from tcptui.text.glossary import rejected_in

    for scenario in bundled():
        for text in (scenario.title, scenario.story, *(s.text for s in scenario.suggestions)):
            assert not rejected_in(text.zh), (scenario.id, rejected_in(text.zh))
