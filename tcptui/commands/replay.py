"""`tcptui replay CAPTURE`: a capture's packets through the engine, with both endpoints' states.

`--json` writes the JSON Lines of issue 5 (one object per TCP packet, in file order). Without it,
on a terminal (stdin and stdout), the interactive view: the capture is read here (a progress bar
on large files), then Textual opens on it (tcptui.ui.launch.run_replay). Piped, or with
`--summary`, a Rich summary per connection: final states, RSTs with their causes, connections left
in CLOSE_WAIT or FIN_WAIT_2, and sends a correct stack would not have made; a progress bar on large
files. Large files are replayed on several cores (capture/parallel.py). dpkt and Rich are imported
only here, Textual only for the interactive view. A capture that cannot be read (or is
cut short) ends with one line on stderr and exit status 2, after whatever could be replayed.
"""

from __future__ import annotations

import gc
import sys

from ..capture.parallel import json_lines, workers_for
from ..capture.read import Capture, CaptureError
from ..capture.replay import replay, replay_lines
from ..text import ui
from .explain import profile_from

EXIT_BAD_INPUT = 2
LARGE = 1 << 20  # bytes: a file this large gets a progress bar
_BATCH = 2048


def run(args) -> int:
    """Replay the capture; JSON Lines, the interactive view or a summary (or, with --puzzle, a puzzle)."""
    if getattr(args, "puzzle", False):
        from .capture_puzzle import run as run_puzzle

        return run_puzzle(args)
    summary = getattr(args, "summary", False)
    if not args.json and not summary and sys.stdout.isatty() and sys.stdin.isatty():
        return _interactive(args)
    try:
        capture = Capture(args.capture)
    except CaptureError as e:
        return _fail(str(e))
    profile, failure, workers = profile_from(args), None, 1
    gc.disable()  # millions of small acyclic tuples: the cyclic collector would only rescan them
    try:
        with capture:
            per_packet = args.json and not summary
            workers = workers_for(capture.size) if per_packet and capture.regular else 1
            if workers > 1:
                seen, skipped, failure = json_lines(args.capture, profile, args.conn, workers, _byte_writer())
            elif per_packet:
                seen = _json_lines(capture, profile, args.conn, args.lang)
            else:
                seen = _summary(capture, profile, args.conn, args.lang, as_json=args.json)
    except CaptureError as e:
        failure, seen = str(e), None
    finally:
        gc.enable()
    if workers <= 1:
        skipped = capture.skipped()
    _skipped(skipped, args.lang)
    if failure:
        return _fail(failure)
    if args.conn is not None and not seen:
        return _fail(ui("replay.no-conn", args.lang, conn=args.conn))
    return 0


def _interactive(args) -> int:
    """Read the capture (one line and exit 2 if it cannot be), then browse it in Textual."""
    from ..capture.browse import load

    def progress(rows, capture):
        return _with_progress(rows, capture, args.lang) if capture.size >= LARGE else rows

    gc.disable()
    try:
        loaded = load(args.capture, profile_from(args), progress)
    except CaptureError as e:
        return _fail(str(e))
    finally:
        gc.enable()
    if args.conn is not None and args.conn >= len(loaded.summaries):
        _skipped(loaded.skipped, args.lang)
        return _fail(loaded.failure or ui("replay.no-conn", args.lang, conn=args.conn))
    if loaded.summaries:
        from ..ui.launch import run_replay

        run_replay(args, loaded)
    elif not loaded.failure:
        sys.stderr.write(f"tcptui replay: {ui('replay.ui.open.empty', args.lang, path=args.capture)}\n")
    _skipped(loaded.skipped, args.lang)  # after the view: the screen is the terminal's again
    return _fail(loaded.failure) if loaded.failure else 0


def _byte_writer():
    """Where the merged JSON lines (bytes) go: stdout's buffer, or stdout itself when it has none."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    return buffer.write if buffer is not None else (lambda data: sys.stdout.write(data.decode("utf-8")))


def _fail(message: str) -> int:
    """One line on stderr; the exit status of bad input."""
    sys.stdout.flush()
    sys.stderr.write(f"tcptui replay: {message}\n")
    return EXIT_BAD_INPUT


def _skipped(skipped: tuple, lang: str) -> None:
    """Frames that were not replayed (not TCP, undecodable, lone fragments …): counted on stderr."""
    for key, params in skipped:
        sys.stderr.write(f"tcptui replay: {ui(key, lang, **params)}\n")


def _json_lines(capture: Capture, profile, conn: int | None, lang: str) -> bool:
    """Write the records (of one connection, with --conn); returns whether any was written."""
    write, seen = sys.stdout.write, False
    for chunk in replay_lines(capture, profile, only=conn):
        if chunk:
            write(chunk)
            seen = True
    return seen


def _summary(capture: Capture, profile, conn: int | None, lang: str, as_json: bool = False) -> bool:
    """Replay everything (with a progress bar on large files), then print the summary (as JSON
    Lines, one object per connection, with --json)."""
    from ..capture.summary import Summarizer

    acc, rows = Summarizer(only=conn), replay(capture, profile)  # with --conn, it follows the next one on its ports
    if capture.size >= LARGE:
        rows = _with_progress(rows, capture, lang)
    add, failure = acc.add, None
    try:
        for row in rows:
            add(row)
    except CaptureError as e:
        failure = e  # the summary of what could be read comes first
    summaries = acc.result()
    if summaries and as_json:
        from ..capture.summary import json_lines as summary_lines

        sys.stdout.write("".join(summary_lines(summaries)))
    elif summaries:
        from .replay_view import render

        render(summaries, capture, lang)
    if failure is not None:
        raise failure
    return bool(summaries)


def _with_progress(rows, capture: Capture, lang: str):
    """Pass rows through, advancing a transient Rich progress bar (on stderr) by bytes read."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(ui("replay.progress", lang)), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("replay", total=capture.size)
        for n, row in enumerate(rows):
            if not n % _BATCH:
                progress.update(task, completed=capture.pos)
            yield row
