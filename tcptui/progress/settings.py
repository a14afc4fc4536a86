"""The play screen's settings, kept beside progress (same database, table `settings`).

    settings = load_settings()                     # defaults when nothing was saved
    save_settings(replace(settings, lang="zh"))    # one transaction

A stored value that no longer parses (an old version, a hand edit) falls back to its default:
settings never stop tcptui from starting.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields

from ..core.profile import ProfileName, TimewaitSyn
from ..core.states import Replies
from ..numbers import Numbers
from .store import Store

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import Any

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Settings:
    """What the play screen remembers between runs."""

    lang: str | None = None  # None: from $TCPTUI_LANG or the locale
    replies: Replies = Replies.AUTO
    numbers: Numbers = Numbers.SYMBOLIC
    profile: ProfileName = ProfileName.TEXTBOOK
    rfc1337: bool | None = None  # None: the profile's choice
    timewait_syn: TimewaitSyn | None = None  # None: the profile's choice
    exam_date: dt.date | None = None  # reviews are pulled in before it


_ENUMS = {"replies": Replies, "numbers": Numbers, "profile": ProfileName, "timewait_syn": TimewaitSyn}


def _encode(name: str, value) -> str:
    if value is None:
        return "null"
    if name in _ENUMS:
        return json.dumps(value.value)
    if name == "exam_date":
        return json.dumps(value.isoformat())
    return json.dumps(value)


def _decode(name: str, text: str, default):
    """The stored value, or the default when it does not parse."""
    try:
        raw = json.loads(text)
        if raw is None:
            return None
        if name in _ENUMS:
            return _ENUMS[name](raw)
        if name == "exam_date":
            return dt.date.fromisoformat(raw)
        if name == "lang":
            return raw if raw in LANGS else default
        if name == "rfc1337":
            return raw if isinstance(raw, bool) else default
    except (ValueError, TypeError):
        pass
    return default


def read_settings(store: Store) -> Settings:
    """Settings from an open store."""
    values = {}
    for f in fields(Settings):
        text = store.get_setting(f.name)
        if text is not None:
            values[f.name] = _decode(f.name, text, f.default)
    return Settings(**values)


def coerce(settings) -> Settings:
    """A Settings from anything with some of its fields (e.g. the UI's preferences), strings
    turned into enums; ValueError names a value that is not one of the choices."""
    if isinstance(settings, Settings):
        return settings
    values: dict[str, Any] = {}  # each field's value, of its own type
    for f in fields(Settings):
        value = getattr(settings, f.name, None)
        if isinstance(value, str) and f.name in _ENUMS:
            value = _ENUMS[f.name](value)
        elif isinstance(value, str) and f.name == "exam_date":
            value = dt.date.fromisoformat(value)
        if value is not None or f.default is None:
            values[f.name] = value
    return Settings(**values)


def write_settings(store: Store, settings) -> None:
    """Every setting, in one transaction; fields `settings` lacks keep their saved value."""
    given = {f.name for f in fields(Settings) if hasattr(settings, f.name)}
    settings = coerce(settings)
    store.put_settings(
        {f.name: _encode(f.name, getattr(settings, f.name)) for f in fields(Settings) if f.name in given}
    )


def peek_settings(directory=None) -> Settings | None:
    """The saved settings read cheaply at start-up: the file opened read-only, no check and no
    migration (Store.open does both, which costs a start-up several milliseconds). None when that
    is not enough (no file yet, an old or odd file); the caller then uses load_settings."""
    from .location import saved_file

    path = saved_file(directory)
    if not path.is_file():
        return Settings()
    import sqlite3

    from .store import SCHEMA_VERSION

    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            rows = dict(db.execute("SELECT key, value FROM settings"))
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return Settings(**{f.name: _decode(f.name, rows[f.name], f.default) for f in fields(Settings) if f.name in rows})


def load_settings(directory=None) -> Settings:
    """The saved settings (defaults if none); `directory` as for Store.open."""
    with Store.open(directory) as store:
        return read_settings(store)


def save_settings(settings: object, directory=None) -> None:
    """Save the settings for the next run (a Settings, or any object with some of its fields)."""
    with Store.open(directory) as store:
        write_settings(store, settings)
