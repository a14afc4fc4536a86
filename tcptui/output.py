"""Printing on any terminal: a character the output's encoding cannot show never stops a command.

A student's terminal may be ASCII (`LANG=C` over SSH, `PYTHONIOENCODING=ascii`) or Latin-1, and
file names may hold bytes that are not UTF-8. Every command runs inside `guarded()`: stdout and
stderr escape what they cannot encode (`\\u4e2d`, as Python's "backslashreplace" does) instead of
raising UnicodeEncodeError, and once the command is done one warning line on stderr says how
many characters were escaped and how to see them. The warning is plain ASCII English: a terminal
that cannot show Chinese could not show a Chinese warning either.
"""

from __future__ import annotations

import codecs
import contextlib
import sys

_HANDLER = "tcptui-escape"
_escaped = 0


def _escape(error: UnicodeError):
    """backslashreplace, counted."""
    global _escaped
    if isinstance(error, UnicodeEncodeError):
        _escaped += error.end - error.start
    return codecs.backslashreplace_errors(error)


def _guard(stream) -> None:
    reconfigure = getattr(stream, "reconfigure", None)  # a TextIOWrapper; a test's capture may not be
    if reconfigure is None:
        return
    with contextlib.suppress(ValueError, OSError, AttributeError):
        reconfigure(errors=_HANDLER)


def warning() -> str | None:
    """The one line that says characters were escaped (None when none were)."""
    if not _escaped:
        return None
    encoding = getattr(sys.stdout, "encoding", None) or "unknown"
    return (
        f"tcptui: warning: {_escaped} character(s) could not be shown in this terminal's encoding "
        f"({encoding}) and were written as \\u escapes; use a UTF-8 locale (or PYTHONIOENCODING=utf-8)"
    )


@contextlib.contextmanager
def guarded():
    """Run a command with stdout and stderr escaping what they cannot encode; warn once at the end."""
    global _escaped
    _escaped = 0
    codecs.register_error(_HANDLER, _escape)
    _guard(sys.stdout)
    _guard(sys.stderr)
    try:
        yield
    finally:
        line = warning()
        if line is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.flush()
                sys.stderr.write(line + "\n")
                sys.stderr.flush()


def encodable(text: str, stream=None) -> bool:
    """Can `stream` (default: stdout) write `text` as it is?"""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
