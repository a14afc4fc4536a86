"""Keys typed ahead, applied one at a time in the order they were typed.

Textual reads a burst of keys (a paste, or keys typed ahead over a slow SSH link) in one read and
sends each on its way at once: to the focused widget, up through the screen, and back to the app,
where the (non-priority) bindings are looked up. So key k+1 reached the screen before key k's
binding had run: the inline menu that `a` opens did not exist yet when `l` came by, and `l` was
lost (`tmux send-keys s a l`); a priority binding (⏎ on the play screen) ran before the keys typed
before it; a key typed after one that opens a dialog went to the screen beneath.

`TypeAhead` (the app's base class) holds each key until the one before it is done — run by a
priority binding, taken and stopped by a widget on its way (an Input typing it), or back at the app
with its bindings run — so every key meets the screen that the keys before it left, once that
screen is mounted (its widgets composed, its focus set). A key that
never comes back (its widget was removed under it) holds the others for at most `LOST_AFTER`.

Esc and the key typed right after it arrive as one sequence ("\x1ba"), which the terminal protocol
cannot tell from Alt+a: Textual reads `alt+a`, and both keys were lost. tcptui binds no Alt key, so
an `alt+X` that nothing on the screen binds is taken apart again into Esc, then X (`split_alt`).
"""

from __future__ import annotations

import sys
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.keys import _character_to_key

if TYPE_CHECKING:
    from textual.message import Message
    from textual.screen import Screen
    from textual.timer import Timer

LOST_AFTER = 0.5  # seconds: a key not back by then is taken as lost, and the next one goes


class _Settling:
    """In place of a key: the last one is done, what it started is still being shown."""


_SETTLING = _Settling()
URGENT = frozenset({"ctrl+c", "ctrl+q"})  # quitting waits for no key before it


class TypedKey(events.Key):
    """A key on its way; tells the gate when a widget stops it (the widget took it)."""

    def __init__(self, key: str, character: str | None, gate: TypeAhead) -> None:
        super().__init__(key, character)
        self.gate = gate

    def stop(self, stop: bool = True) -> Message:
        result = super().stop(stop)
        # Textual stops a key itself where it reaches the screen from the app (MessagePump._on_message:
        # "parent is sender") and then bubbles it to the app all the same: that is no widget taking
        # it, and the key is not done until it is back at the app (on a screen with nothing focused,
        # the next key otherwise went before this one's binding had run: `t 2` on the exam's start
        # screen lost the 2 to the topic menu that t opens).
        if stop and sys._getframe(1).f_code.co_name != "_on_message":
            self.gate.key_done(self)
        return result


TypedKey.handler_name = events.Key.handler_name  # handled as any key (on_key), not as on_typed_key


class TypeAhead(App[None]):
    """An App that takes its keys one at a time, in order."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._held: deque[events.Key] = deque()
        self._typing: TypedKey | _Settling | None = None  # the key on its way, _SETTLING, or None
        self._typing_since = 0.0
        self._lost_timer: Timer | None = None
        self._screen_seen: Screen[Any] | None = None  # the screen the last key went to

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key):
            await super().on_event(event)
        elif not event.is_forwarded and (keys := self.split_alt(event)) is not None:
            for key in keys:
                await self.on_event(key)
        elif event.key in URGENT and not event.is_forwarded:
            self._held.clear()
            await super().on_event(event)
        elif not event.is_forwarded and self.screen_interrupts(event.key):  # Escape stops a wait at once
            await super().on_event(event)
        elif not event.is_forwarded:  # read from the terminal (or posted by a test): wait its turn
            self._held.append(event)
            if self._typing is None:
                await self._next_key()
            elif self._lost_timer is None:
                self._lost_timer = self.set_timer(LOST_AFTER, self._check_lost)
        else:  # back at the app, the bindings still to run
            await super().on_event(event)
            if event is self._typing:
                self._settle()

    def split_alt(self, key: events.Key) -> tuple[events.Key, events.Key] | None:
        """An `alt+X` read from the terminal that no active binding takes, as the two keys it was
        typed as (Esc, then X); None for any other key."""
        if not key.key.startswith("alt+") or not key.character or key.key in self.screen.active_bindings:
            return None
        character = key.character[-1:]
        keys = (events.Key("escape", "\x1b"), events.Key(_character_to_key(character), character))
        for split in keys:
            split.set_sender(None)  # type: ignore[arg-type]  # from no one, as the driver's keys (see _next_key)
        return keys

    def key_done(self, key: TypedKey) -> None:
        """A widget took `key` (it stopped it): the next one goes once that has settled."""
        if key is self._typing:
            self._settle()

    def _settle(self) -> None:
        """The key in flight is done; the next one goes after what it posted to the app (a screen it
        opened goes on to be mounted and focused before a key reaches it: see _next_key), and on a
        screen that works on in the background (the palette's search) after `key_settle_delay`."""
        self._typing, self._typing_since = _SETTLING, time.monotonic()
        delay = self.key_settle_delay()
        if delay:
            self.set_timer(delay, lambda: self.call_after_refresh(self._settled))
        else:
            self.call_later(self._settled)  # after what the key posted to the app (a focus, a pushed screen)

    async def _settled(self) -> None:
        if self._typing is _SETTLING:
            self._typing = None
        await self._next_key()

    async def _next_key(self) -> None:
        """Send the held keys on their way, one at a time."""
        while self._typing is None and self._held:
            if self.screen_holds_keys():  # the screen waits (the lab's kernel timer): keys wait too
                return
            if not self.screen.is_mounted:  # a screen just opened: its widgets come first
                self.call_after_refresh(self._next_key)
                return
            if self.screen is not self._screen_seen:  # … and then the focus it sets when mounted
                self._screen_seen = self.screen
                self.call_later(self._next_key)
                return
            read = self._held.popleft()
            if not self.screen_takes_key(read.key):
                continue
            key = TypedKey(read.key, read.character, self)
            # From no one, as the driver's keys are: a key whose sender is the app is stopped by
            # Textual as it bubbles from the screen to the app ("parent is sender"), which read as
            # taken, so the next key went before this one's screen binding ran (d ⏎ delivered first).
            key.set_sender(None)  # type: ignore[arg-type]  # (Textual types it MessagePump, its field MessagePump | None)
            self._typing, self._typing_since = key, time.monotonic()
            await super().on_event(key)  # a priority binding runs now; anything else is forwarded
            if not key.is_forwarded and self._typing is key:
                self._settle()

    async def _check_lost(self) -> None:
        self._lost_timer = None
        if self._typing is not None and time.monotonic() - self._typing_since >= LOST_AFTER:
            self._typing = None  # lost on its way (or a repaint that never came): go on
        if self._typing is None:
            await self._next_key()
        elif self._held:
            self._lost_timer = self.set_timer(LOST_AFTER, self._check_lost)

    def release_keys(self) -> None:
        """The screen holds keys no longer (see `screen_holds_keys`): the held ones go on, in order."""
        self.call_later(self._next_key)

    def screen_holds_keys(self) -> bool:
        """Hook: True while the screen waits for something outside the keyboard (the lab waits for
        a kernel's timer): keys typed meanwhile are held, in order, until it calls release_keys()."""
        return False

    def screen_interrupts(self, key: str) -> bool:
        """Hook: True for a key that must not wait behind held keys (Escape, to stop that wait)."""
        return False

    def key_settle_delay(self) -> float:
        """Hook: seconds more to wait between keys on the current screen (a screen whose key
        handling runs on in workers and chains of messages, as Textual's command palette)."""
        return 0.0

    def screen_takes_key(self, key: str) -> bool:
        """Hook: False drops the key before any widget sees it (the screen shows no layout)."""
        return True
