"""The command line in the player's language: every help text of every command has its Chinese
translation (a text missing from zh.CLI would silently stay English under --lang zh), and the help
printed in Chinese fits 80 columns."""

import argparse
import os
import subprocess
import sys

import pytest
from rich.cells import cell_len

from tcptui import cli
from tcptui.text import catalogue


def _texts(parser: argparse.ArgumentParser, seen: set[int]) -> list[str]:
    """Every help text, command summary, description and epilog argparse would print for the tree."""
    texts = [t for t in (parser.description, parser.epilog) if t]
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            texts.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help for choice in action._choices_actions if choice.help]
            for sub in action.choices.values():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    texts += _texts(sub, seen)
    return texts


def test_every_help_text_has_its_chinese_translation():
    translations = catalogue("zh").CLI
    missing = sorted({t for t in _texts(cli.build_parser([]), set()) if t not in translations})
    assert not missing, missing


def _commands() -> list[str]:
    parser = cli.build_parser([])
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(subs.choices)


@pytest.mark.parametrize("command", ["", *_commands()])
def test_chinese_help_fits_80_columns(command):
    env = dict(os.environ, COLUMNS="80", TCPTUI_LANG="zh", PYTHONIOENCODING="utf-8")
    argv = [sys.executable, "-m", "tcptui", *([command] if command else []), "--help"]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=True).stdout
    assert out.startswith("用法："), out[:40]
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    # Full-width colons after Chinese headings ("选项：", as "用法："), and one word for exams (考试).
    assert not [line for line in out.splitlines() if line.endswith(":")], out
    assert "测验" not in out


def _stderr_of(argv, capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


def test_argparse_errors_speak_chinese(capsys):
    err = _stderr_of(["--lang", "zh", "bogus"], capsys)
    assert err.startswith("tcptui：错误：参数 COMMAND：无效的选择 'bogus'（可选：") and err.count("\n") == 1
    assert "invalid choice" not in err and "error" not in err
    err = _stderr_of(["--lang", "zh", "exam", "--minutes"], capsys)
    assert err == "tcptui exam：错误：参数 --minutes：需要一个值\n"
    err = _stderr_of(["--lang", "en", "bogus"], capsys)  # English stays argparse's
    assert err.startswith("tcptui: error: argument COMMAND: invalid choice: 'bogus'")


def test_data_dir_before_the_command(tmp_path, capsys, monkeypatch):
    """README: `--data-dir DIR` puts progress elsewhere — before the command, as --lang may be."""
    monkeypatch.delenv("TCPTUI_DATA_DIR", raising=False)
    for argv in (["--data-dir", str(tmp_path), "progress"], [f"--data-dir={tmp_path}", "--lang", "en", "progress"]):
        assert cli.main(argv) == 0
        assert f"{tmp_path}/progress.db" in capsys.readouterr().out.replace("\n", "")
    assert "TCPTUI_DATA_DIR" not in os.environ  # it held for that run only
    args = cli.parse(["--data-dir", str(tmp_path)])  # the home screen takes it too
    assert args.data_dir == str(tmp_path) and args.run.endswith("run_home")
    args = cli.parse(["--data-dir", str(tmp_path), "explain", "LISTEN", "SYN"])  # any command
    assert args.data_dir == str(tmp_path)
