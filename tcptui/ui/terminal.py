"""The terminal the app runs in: needed before it starts, watched while it runs.

Without a terminal (stdin from /dev/null, stdout to a file) a full-screen app can neither read a
key nor show a frame, and Textual would wait forever: `need_terminal` says so in one line and the
command exits 2. When the terminal goes away while the app runs (an SSH link dropped, a tmux pane
killed) a hang-up arrives; under `nohup` (SIGHUP ignored) Textual's input thread would then read
end-of-file in a loop at 100 % CPU for ever. `watch_terminal` leaves on a hang-up, whatever the
disposition inherited, and checks once a second that the controlling terminal is still there.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

LOST = (errno.ENXIO, errno.EIO, errno.ENODEV)


def need_terminal(command: str, lang: str, key: str = "terminal.needed") -> int | None:
    """None when stdin and stdout are a terminal; else one line on stderr (the catalogue's `key`:
    what to do instead) and the exit status 2."""
    try:
        ok = sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (ValueError, OSError):  # a closed stream
        ok = False
    if ok:
        return None
    from ..text import ui

    sys.stderr.write(f"{command}: {ui(key, lang)}\n")
    return 2


def watch_terminal(app) -> None:
    """Leave when the terminal hangs up or disappears (a running, non-headless app only)."""
    if app.is_headless:
        return
    import asyncio

    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, app.exit)
    except (NotImplementedError, RuntimeError, ValueError, AttributeError):
        pass  # no SIGHUP here (Windows), or not the main thread: the check below still runs
    app.set_interval(1.0, lambda: _check(app), name="terminal-watch")


def _check(app) -> None:
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError as error:
        if error.errno in LOST:
            app.exit(return_code=1)
        return
    os.close(fd)
