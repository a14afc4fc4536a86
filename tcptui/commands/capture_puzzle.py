"""`tcptui replay CAPTURE --puzzle [--conn N] [-o FILE.toml]`: a real connection as a puzzle file.

The puzzle is made (and proven, as `tcptui check` would) by tcptui.capture.puzzle; here it is
written to FILE (or stdout) and said in one line on stderr. A capture that cannot be read, or a
connection that makes no puzzle, is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..atomic import write_text
from ..text import ui
from .explain import profile_from


def run(args) -> int:
    """Make the puzzle, write it, say where."""
    from ..capture.puzzle import PuzzleRefused, make_puzzle
    from ..capture.read import CaptureError

    if args.json or args.summary:
        return _fail(ui("replay.puzzle.alone", args.lang))
    name = args.output or "-"
    try:
        made = make_puzzle(args.capture, profile_from(args), args.conn, name)
    except CaptureError as e:
        return _fail(str(e))
    except PuzzleRefused as e:
        return _fail(ui("replay.puzzle.refused", args.lang, reason=e))
    if args.output is None:
        sys.stdout.write(made.text)
    else:
        try:
            write_text(Path(args.output), made.text)
        except OSError as e:
            return _fail(f"{args.output}: {e.strerror or e}")
    p = made.puzzle
    sys.stderr.write(
        ui(
            "replay.puzzle.wrote",
            args.lang,
            path=name,
            id=p.id,
            conn=made.conn,
            first=made.first,
            last=made.last,
            par=p.par,
            replies=ui(f"replay.puzzle.{p.start.replies.value}", args.lang),
        )
        + "\n"
    )
    return 0


def _fail(message: str) -> int:
    sys.stderr.write(f"tcptui replay: {message}\n")
    return 2
