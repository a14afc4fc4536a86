"""Every command that prints, on a terminal that cannot show Chinese (or anything past ASCII):
the output falls back to escapes with one warning line, never a UnicodeEncodeError (issue 9)."""

from __future__ import annotations

import json
import os

import pytest

from ..attack import Tally, run_tcptui
from ..capture import frames as F

ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None, "PYTHONCOERCECLOCALE": "0"},
    "LANG=C": {"LANG": "C", "LC_ALL": None, "LC_CTYPE": None, "PYTHONUTF8": "0", "PYTHONIOENCODING": None},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
}
GAME = "server listen; client connect; deliver 1; deliver 1; deliver 1; client close; deliver 1"


def commands(tmp_path) -> dict[str, tuple[list, str | None]]:
    """name → (arguments, stdin) of every command that prints (the TUI aside)."""
    capture = tmp_path / "c.pcap"
    F.write(capture, F.frames("ethernet"))
    bad_puzzle = tmp_path / "坏.toml"
    bad_puzzle.write_text('id = "坏"\n', encoding="utf-8")
    out = tmp_path / "出.pcap"
    return {
        "explain zh": (["explain", "TIME_WAIT", "SYN", "--lang", "zh"], None),
        "explain en": (["explain", "TIME_WAIT", "SYN", "--lang", "en"], None),
        "explain --json zh": (["explain", "TIME_WAIT", "SYN", "--json", "--lang", "zh"], None),
        "explain bad state zh": (["explain", "状态", "SYN", "--lang", "zh"], None),
        "export zh": (["export", "--moves", GAME, "-o", out, "--lang", "zh"], None),
        "export bad move": (["export", "--moves", "客户端 connect", "-o", out], None),
        "progress zh": (["progress", "--lang", "zh", "--data-dir", tmp_path / "data"], None),
        "progress en": (["progress", "--lang", "en", "--data-dir", tmp_path / "data"], None),
        "progress --reset zh": (["progress", "--reset", "--lang", "zh", "--data-dir", tmp_path / "data"], "y\n"),
        "check a bad file": (["check", bad_puzzle], None),
        "check a missing path": (["check", tmp_path / "没有.toml"], None),
        "solve": (["solve", "close-shortcut"], None),
        "replay --summary zh": (["replay", capture, "--summary", "--lang", "zh"], None),
        "replay --json": (["replay", capture, "--json"], None),
        "--help": (["--help"], None),
        "explain --help": (["explain", "--help"], None),
    }


def test_every_command_survives_a_narrow_encoding(tmp_path):
    """The issue's reproduction: PYTHONIOENCODING=ascii/latin-1 or a C locale made `explain --lang
    zh`, `export` and `progress --lang zh` die with UnicodeEncodeError."""
    with Tally("commands: narrow encodings") as tally:
        for env_name, env in ENCODINGS.items():
            for name, (args, stdin) in commands(tmp_path).items():
                done = run_tcptui(*args, env=env, stdin=stdin)
                also = []
                if "UnicodeEncodeError" in done.stderr:
                    also.append("UnicodeEncodeError")
                if (
                    done.returncode == 0
                    and "\\u" in done.stdout
                    and "warning" not in done.stderr
                    and "json" not in name
                ):
                    also.append("escaped without the warning")
                if name == "explain --json zh" and done.returncode == 0:
                    try:
                        json.loads(done.stdout)
                    except ValueError:
                        also.append("not JSON any more")
                tally.check(f"{env_name}: {name}", done, max_stderr_lines=2, also=also)


def test_the_warning_is_one_line_and_the_text_is_escaped_not_lost():
    done = run_tcptui("explain", "TIME_WAIT", "SYN", "--lang", "zh", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert "\\u" in done.stdout  # the Chinese is escaped, not dropped
    assert len(done.stderr.splitlines()) == 1 and "UTF-8" in done.stderr


def test_plain_utf8_output_has_no_warning():
    done = run_tcptui("explain", "TIME_WAIT", "SYN", "--lang", "zh", env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0 and not done.stderr and "TIME_WAIT" in done.stdout


@pytest.mark.skipif(os.name != "posix", reason="undecodable file names are a POSIX thing")
def test_an_undecodable_file_name_is_escaped_not_a_traceback(tmp_path):
    name = os.fsdecode(b"\xff\xfe-bad.toml")
    path = tmp_path / name
    path.write_text('id = "x"\n', encoding="utf-8")
    done = run_tcptui("check", path, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2 and "Traceback" not in done.stderr and "UnicodeEncodeError" not in done.stderr
