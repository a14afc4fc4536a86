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
