"""What the player chose: language, who answers for the stack, how numbers look, which rules.

A small value; the app keeps the current one, the settings screen returns a new one, and it is
saved for the next start. `world_options` turns it into what the core needs.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.profile import Profile, TimewaitSyn
from ..core.states import Replies


class Prefs(namedtuple("Prefs", "lang replies numbers profile timewait_syn rfc1337")):
    """lang 'zh'|'en'; replies 'auto'|'manual'; numbers 'symbolic'|'real'; profile 'textbook'|'rfc9293'|
    'linux'; timewait_syn None (the profile's) or 'challenge-ack'|'accept-newer'; rfc1337 None|bool."""

    __slots__ = ()

    @property
    def as_symbols(self) -> bool:
        return self.numbers == "symbolic"

    @property
    def rules(self) -> Profile:
        """The core profile these preferences ask for."""
        syn = TimewaitSyn(self.timewait_syn) if self.timewait_syn else None
        return Profile.named(self.profile).with_options(timewait_syn=syn, rfc1337=self.rfc1337)

    @property
    def reply_mode(self) -> Replies:
        return Replies(self.replies)

    def merged(self, **overrides) -> Prefs:
        """These preferences with the non-None overrides (command-line options) applied."""
        return self._replace(**{k: v for k, v in overrides.items() if v is not None})


DEFAULT_PREFS = Prefs("en", "auto", "symbolic", "textbook", None, None)
CHOICES = {
    "lang": ("en", "zh"),
    "replies": ("auto", "manual"),
    "numbers": ("symbolic", "real"),
    "profile": ("textbook", "rfc9293", "linux"),
    "timewait_syn": (None, "challenge-ack", "accept-newer"),
    "rfc1337": (None, True, False),
}


def cycle(prefs: Prefs, field: str) -> Prefs:
    """The next choice of one field (the settings screen steps through them with a key)."""
    options = CHOICES[field]
    current = getattr(prefs, field)
    return prefs._replace(**{field: options[(options.index(current) + 1) % len(options)]})


def load_prefs() -> Prefs:
    """The saved preferences, else the defaults with the language of the locale."""
    from ..cli import default_lang

    base = DEFAULT_PREFS._replace(lang=default_lang())
    try:
        from ..progress.location import saved_file

        if not saved_file().is_file():
            return base  # nothing saved yet: no need to load SQLite and the store (milliseconds of every start)
        from ..progress.settings import load_settings, peek_settings
    except ImportError:
        return base
    except Exception:  # noqa: BLE001 - as below: a broken store never stops the game
        return base
    try:
        saved = peek_settings() or load_settings()
    except Exception:  # noqa: BLE001 - a broken store never stops the game
        return base
    return base.merged(**{f: _plain(getattr(saved, f, None)) for f in Prefs._fields})


def _plain(value):
    """The store keeps enums; the preferences keep their values."""
    return getattr(value, "value", value)


def save_prefs(prefs: Prefs) -> None:
    """Keep the preferences for the next start (silently skipped if the store is unavailable)."""
    try:
        from ..progress.settings import save_settings
    except ImportError:
        return
    try:
        save_settings(prefs)
    except Exception:  # noqa: BLE001 - failing to save a preference never stops the game
        return
