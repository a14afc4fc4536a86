"""`tcptui play`: what the command line can settle before a screen opens.

`--scenario` alone lists the scenarios (bundled, then the teacher's own); `--scenario NAME` and
`--puzzle FILE` are loaded here, so that a file with errors is one line `FILE:LINE: KEY: what is
wrong` on stderr and exit status 2, before Textual loads. The sandbox itself is
tcptui.ui.launch.run_play, which gets what was loaded on `args`.
"""

from __future__ import annotations

import sys

from ..text import ui


def run(args) -> int:
    """List, or load what to open, then open the sandbox."""
    args.scenario_start = args.puzzle_start = args.game_file = None
    if getattr(args, "auto", False) and not (args.moves or args.resume):
        return _fail(ui("play.auto-needs-moves", args.lang))
    if args.moves or args.resume:
        from ..games import last_game_path, read_game

        path = args.moves or last_game_path()
        try:
            args.game_file = read_game(path)
        except FileNotFoundError:
            return _fail(ui("play.no-last-game", args.lang, path=path) if args.resume else f"{path}: no such file")
        except OSError as e:
            return _fail(f"{path}: {e.strerror}" if e.strerror else str(e))
        except ValueError as e:  # a move or the rules line that does not read: FILE:LINE: what is wrong
            return _fail(str(e))
    if getattr(args, "scenario", None) == "":
        return list_scenarios(args.lang)
    if getattr(args, "scenario", None):
        from ..errors import PuzzleError
        from ..puzzle.scenario import find

        try:
            args.scenario_start = find(args.scenario)
        except KeyError as e:
            return _fail(e.args[0])
        except PuzzleError as e:
            return _fail(str(e))
    if getattr(args, "puzzle", None):
        from ..errors import PuzzleError
        from ..puzzle.load import load_file, not_a_file
        from pathlib import Path

        path = Path(args.puzzle)
        if not path.is_file():
            return _fail(not_a_file(args.puzzle, "puzzle"))
        try:
            args.puzzle_start = load_file(path)
        except PuzzleError as e:
            return _fail(str(e))
    from ..ui.launch import run_play

    return run_play(args)


def list_scenarios(lang: str) -> int:
    """The scenarios, one a line: name, the notes' §, title; then the teacher's own, and the errors
    of those that do not load (on stderr)."""
    from ..progress.store import data_dir
    from ..puzzle.scenario import USER_FOLDER, bundled, user_scenarios

    mine, broken = user_scenarios()
    out = [ui("scenario.list.title", lang)]
    out += [_line(s, lang) for s in bundled()]
    if mine or broken:
        out.append(ui("scenario.list.yours", lang, path=data_dir() / USER_FOLDER))
        out += [_line(s, lang) for s in mine]
    from ..text.wrap import wrap

    out += wrap(ui("scenario.list.how", lang), 78)
    sys.stdout.write("\n".join(out) + "\n")
    for error in broken:
        sys.stderr.write(f"tcptui play: {error}\n")
    return 0


def _line(scenario, lang: str) -> str:
    from ..text.wrap import cells
    from ..ui.sections import section_text

    section = section_text(scenario.section, lang) if scenario.section else ""
    return f"  {scenario.id:<18} {section}{' ' * max(1, 8 - cells(section))}{scenario.title.get(lang)}"


def _fail(message: str) -> int:
    sys.stderr.write(f"tcptui play: {message}\n")
    return 2
