"""tcptui check, solve, exam and progress at the command line: exit codes, one-line errors, output."""

import json
import pathlib
import subprocess
import sys

import pytest

from tcptui.cli import build_parser, main

ROOT = pathlib.Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "puzzles" / "broken"


def run(*argv, stdin=None, env=None):
    """The installed command line, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "tcptui", *argv], capture_output=True, text=True, cwd=ROOT, input=stdin, env=env
    )


def test_check_is_clean_on_the_pack(capsys):
    assert main(["check", str(ROOT / "puzzles")]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("all good")


def test_check_prints_one_line_per_problem_and_exits_2(capsys):
    files = [str(BROKEN / "par-wrong.toml"), str(BROKEN / "unknown-state.toml"), str(ROOT / "puzzles")]
    assert main(["check", *files]) == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and "par-wrong.toml:6: par:" in lines[0] and "client.state" in lines[1]


def test_check_a_missing_path_is_one_line_on_stderr():
    done = run("check", "no/such/dir")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_solve_json(capsys):
    assert main(["solve", str(ROOT / "puzzles" / "09-close-shortcut.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "id": "close-shortcut",
        "length": 5,
        "moves": ["client close", "deliver 1", "server close", "deliver 2", "deliver 2"],
    }


def test_solve_by_id_and_errors(capsys):
    assert main(["solve", "rst-abort"]) == 0
    assert "2 moves (par 2)" in capsys.readouterr().out
    assert main(["solve", "no-such-puzzle"]) == 2
    assert main(["solve", str(BROKEN / "goal-unknown-rule.toml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "no-such-puzzle" in err[0] and "handshake.magic" in err[1]


@pytest.mark.parametrize(
    "puzzle,moves",
    [
        ("handshake-lost-syn", ["drop 1", "client timer rto", "deliver 1", "deliver 1", "deliver 1"]),
        (
            "timewait-protects",
            ["deliver 1", "drop 1", "client timer 2msl", "client connect", "deliver 1", "deliver 1", "deliver 1"],
        ),
        ("rst-synrcvd-listen", ["client close", "deliver 1", "deliver 1"]),
    ],
)
def test_solve_follows_the_lesson(capsys, puzzle, moves):
    """02 loses the SYN first (no needless RTO); 14 lets TIME_WAIT run out (no RST kills it); 18 is a
    client giving up connect() before the SYN+ACK arrives, which then draws the RST."""
    assert main(["solve", puzzle, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["moves"] == moves


def test_solve_ladder_names_numbers_after_their_own_isn(capsys):
    assert main(["solve", "reuse-linux-newer", "--ladder", "--numbers", "symbolic", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reuse-linux-newer · Linux 的做法 · §4.2\n")
    assert "SYN seq=x'" in out and "SYN+ACK seq=y' ack=x'+1" in out and "timewait.syn-accept-newer" in out
    assert main(["solve", "reuse-linux-newer", "--ladder"]) == 0  # the puzzle's own numbers: real
    out = capsys.readouterr().out
    assert "SYN seq=900000" in out and "seq=x'" not in out


def test_exam_is_registered_with_its_run_target():
    args = build_parser(["exam"]).parse_args(["exam", "--minutes", "5", "--topic", "§4.2", "--topic", "4.4"])
    assert args.run == "tcptui.ui.launch:run_exam" and args.minutes == 5 and args.topic == ["4.2", "4.4"]


@pytest.mark.parametrize("bad", [["--topic", "§9"], ["--minutes", "0"], ["--minutes", "soon"]])
def test_exam_bad_options_are_one_line(bad):
    done = run("exam", *bad)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_progress_summary_and_reset(tmp_path):
    done = run("progress", "--data-dir", str(tmp_path), "--lang", "en")
    assert done.returncode == 0 and "Handshake (§2)" in done.stdout and "No progress saved yet" in done.stdout
    declined = run("progress", "--data-dir", str(tmp_path), "--reset", stdin="n\n")
    assert declined.returncode == 1 and "Nothing was reset" in declined.stdout
    done = run("progress", "--data-dir", str(tmp_path), "--reset", "--yes")
    assert done.returncode == 0 and "forgotten" in done.stdout


def test_progress_recovers_from_a_corrupt_file(tmp_path):
    (tmp_path / "progress.db").write_bytes(b"garbage" * 200)
    done = run("progress", "--data-dir", str(tmp_path))
    assert done.returncode == 0 and "damaged" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.glob("progress.db.corrupt-*"))


def test_progress_respects_the_environment(tmp_path):
    import os

    env = dict(os.environ, TCPTUI_DATA_DIR=str(tmp_path / "env"))
    done = run("progress", env=env)
    assert done.returncode == 0 and (tmp_path / "env" / "progress.db").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_solve_ladder_fits_the_terminal_in_its_language(capsys, monkeypatch, lang):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["solve", "handshake-lost-syn", "--ladder", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    head = out.splitlines()[2]
    if lang == "zh":
        assert head.startswith("客户端") and head.endswith("服务器") and "CLIENT" not in out
        ladder = out.split("\n  1. ")[0]  # the moves below keep the moves' notation (client timer rto)
        assert "计时器 rto → #2 SYN seq=x" in ladder and "timer rto" not in ladder
    else:
        assert head.startswith("CLIENT") and head.endswith("SERVER")
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["solve", "handshake-lost-syn", "--ladder", "--lang", lang]) == 0
    assert max(cell_len(line) for line in capsys.readouterr().out.splitlines()) > 80  # it follows $COLUMNS
