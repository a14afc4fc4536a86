"""Export the game into the current directory: the ladder as text or Mermaid, the screen as SVG,
the game as a moves file (`tcptui play --moves FILE` reopens it, `tcptui export FILE` reads it) and
(when the capture writer is installed) as a pcap for Wireshark."""

from __future__ import annotations

import datetime
import pathlib

from ...ladder import ladder_rows, to_mermaid, to_text
from ...text import ui
from .choice import Choice, ChoiceScreen


def _name(kind: str, suffix: str) -> pathlib.Path:
    """A fresh file name in the current directory: tcptui-ladder-20261125-101500.txt."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = pathlib.Path.cwd() / f"tcptui-{kind}-{stamp}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = pathlib.Path.cwd() / f"tcptui-{kind}-{stamp}-{n}{suffix}"
    return path


def export_menu(screen) -> None:
    """Ask what to export, then write it and say where."""
    lang = screen.app.prefs.lang
    choices = [
        Choice("t", ui("export.text", lang), "text"),
        Choice("m", ui("export.mermaid", lang), "mermaid"),
        Choice("v", ui("export.svg", lang), "svg"),
        Choice("g", ui("export.moves", lang), "moves"),
    ]
    if _pcap_writer() is not None:
        choices.append(Choice("p", ui("export.pcap", lang), "pcap"))
    screen.app.push_screen(
        ChoiceScreen(ui("export.title", lang), choices), lambda kind: _export(screen, kind) if kind else None
    )


def export_game(screen, kind: str) -> pathlib.Path:
    """Write one export of the screen's game; returns the file written."""
    game, prefs = screen.game, screen.app.prefs
    rows = ladder_rows(game.start, game.history, as_symbols=prefs.as_symbols, lang=prefs.lang)
    if kind == "text":
        path = _name("ladder", ".txt")
        path.write_text(to_text(rows, 100, title=f"tcptui — {prefs.profile}", lang=prefs.lang), encoding="utf-8")
    elif kind == "mermaid":
        path = _name("ladder", ".mmd")
        path.write_text(to_mermaid(rows), encoding="utf-8")
    elif kind == "moves":
        from ...games import write_game

        path = _name("game", ".moves")
        write_game(path, game)
    elif kind == "svg":
        path = _name("screen", ".svg")
        screen.app.save_screenshot(filename=path.name, path=str(path.parent))
    else:
        path = _name("game", ".pcap")
        _pcap_writer()(game.history, path)
    return path


def _export(screen, kind: str, write=export_game) -> None:
    """Write one export (`write(screen, kind)` returns the file) and say where, or why not."""
    try:
        path = write(screen, kind)
    except OSError as error:
        screen.note = ui("export.failed", screen.app.prefs.lang, error=error.strerror or str(error))
    else:
        screen.note = ui("export.saved", screen.app.prefs.lang, path=path.name)
    screen.render_game()


def _pcap_writer():
    """The capture writer of `tcptui export`, if this installation has it."""
    try:
        from ...capture.export import game_to_pcap
    except ImportError:
        return None
    return game_to_pcap
