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
import sys

_HANDLER = "tcptui-escape"
_escaped = 0


def terminal_width(default: int = 80) -> int:
    """The columns to write in: $COLUMNS, else the terminal's width when stdout is one, else
    `default` (a pipe or a file), as shutil.get_terminal_size() decides but without importing it."""
    import os

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        stdout = sys.__stdout__  # (None without a console)
        if stdout is not None:
            return os.get_terminal_size(stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return default


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
    try:
        reconfigure(errors=_HANDLER)
    except (ValueError, OSError, AttributeError):
        pass


def warning() -> str | None:
    """The one line that says characters were escaped (None when none were)."""
    if not _escaped:
        return None
    encoding = getattr(sys.stdout, "encoding", None) or "unknown"
    return (
        f"tcptui: warning: {_escaped} character(s) could not be shown in this terminal's encoding "
        f"({encoding}) and were written as \\u escapes; use a UTF-8 locale (or PYTHONIOENCODING=utf-8)"
    )


class guarded:  # noqa: N801 - used as a function: `with guarded():`
    """Run a command with stdout and stderr escaping what they cannot encode; warn once at the end.
    (A class rather than contextlib.contextmanager: contextlib costs every start 0.6 ms.)"""

    def __enter__(self) -> None:
        global _escaped
        _escaped = 0
        codecs.register_error(_HANDLER, _escape)
        _guard(sys.stdout)
        _guard(sys.stderr)

    def __exit__(self, *exc) -> None:
        line = warning()
        if line is not None:
            try:
                sys.stdout.flush()
                sys.stderr.write(line + "\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass


def encodable(text: str, stream=None) -> bool:
    """Can `stream` (default: stdout) write `text` as it is?"""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def json_text(value, ensure_ascii: bool = False) -> str:
    """`json.dumps(value, ensure_ascii=ensure_ascii)`, for what a command prints at once (dicts with
    string keys, lists, strings, integers, booleans, None), without importing json: its decoder
    compiles regular expressions on import, a millisecond of `tcptui explain --json`'s whole
    start. Strings are escaped by json's own C encoder; any other value goes to json.dumps itself
    (tests/test_output.py compares the two)."""
    try:
        from _json import encode_basestring, encode_basestring_ascii
    except ImportError:  # a Python without json's C accelerator
        return _json_dumps(value, ensure_ascii)
    parts: list[str] = []
    if _encode(value, parts, encode_basestring_ascii if ensure_ascii else encode_basestring):
        return "".join(parts)
    return _json_dumps(value, ensure_ascii)


def _encode(value, out: list, string) -> bool:
    """Append the JSON text of `value`; False when it holds something json_text leaves to json."""
    kind = type(value)
    if kind is str:
        out.append(string(value))
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is list or kind is tuple:
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(", ")
            if not _encode(item, out, string):
                return False
        out.append("]")
    elif kind is dict:
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if type(key) is not str:
                return False
            if i:
                out.append(", ")
            out.append(string(key))
            out.append(": ")
            if not _encode(item, out, string):
                return False
        out.append("}")
    else:
        return False
    return True


def _json_dumps(value, ensure_ascii: bool) -> str:
    import json

    return json.dumps(value, ensure_ascii=ensure_ascii)
