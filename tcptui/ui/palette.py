"""The command palette (ctrl+p): every action of the screen beneath it, in the player's language,
found by its name or its description, with the keys that do the same shown beside it.

A screen may list its own entries (`palette_entries(lang)`: the sandbox lists every move for both
sides, the home screen its menu); otherwise its active bindings are listed. Textual's system
commands (English only, and a second Quit) are not used: one Quit, in the player's language, ends
every list. A query matches an entry fuzzily on its name, or as a plain substring of its
description or keys, so "listen" and "syn" find the moves that do it.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING, cast

from textual import on
from textual.command import CommandPalette, DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.widgets import Input

from ..text import ui
from .widgets.keybar import binding_label

if TYPE_CHECKING:
    from .app import TcptuiApp


class Entry(namedtuple("Entry", "title help keys run")):
    """One command: its name, what it does, the keys that do it ('s a l'), and a callable."""

    __slots__ = ()


def binding_entries(screen, lang: str) -> list[Entry]:
    """The screen's active, enabled bindings as entries (the keys of one action together)."""
    entries: dict[str, Entry] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not active.enabled or binding.action.startswith(("pick", "menu_pick")) or binding.system:
            continue
        display = binding.key_display or screen.app.get_key_display(binding)
        if binding.action in entries:
            continue
        helptext = ui(f"help.{binding.action}", lang)
        entries[binding.action] = Entry(
            binding_label(binding, lang),
            "" if helptext.startswith("help.") else helptext,
            display,
            lambda node=active.node, action=binding.action: node.run_action(action),
        )
    return list(entries.values())


def entries_for(screen, lang: str) -> list[Entry]:
    """What the palette lists over `screen`: its own entries or its bindings, then Quit (once)."""
    own = getattr(screen, "palette_entries", None)
    entries = own(lang) if own is not None else binding_entries(screen, lang)
    quit_title = ui("key.quit", lang)
    if not any(entry.title == quit_title for entry in entries):
        entries.append(Entry(quit_title, ui("help.quit", lang), "^q", screen.app.exit))
    return entries


class Commands(Provider):
    """The palette's one provider (TcptuiApp.COMMANDS)."""

    def _entries(self) -> list[Entry]:
        screen = self.screen

        def guarded(run):
            """Run only on the screen the palette was opened over, if it is still there and shown."""
            return lambda: run() if screen.is_attached and screen.is_mounted and screen.is_current else None

        lang = cast("TcptuiApp", self.app).prefs.lang  # Textual types a provider's app as the bare App
        return [entry._replace(run=guarded(entry.run)) for entry in entries_for(screen, lang)]

    @staticmethod
    def _display(entry: Entry, title: Content | str) -> Content:
        """The name, then the keys, dim."""
        return Content.assemble(title, (f"   {entry.keys}", "dim")) if entry.keys else Content(str(title))

    async def discover(self):
        for entry in self._entries():
            yield DiscoveryHit(self._display(entry, entry.title), entry.run, text=entry.title, help=entry.help or None)

    async def search(self, query: str):
        matcher = self.matcher(query)
        needle = query.strip().casefold()
        for entry in self._entries():
            score = matcher.match(entry.title)
            if not score and needle and needle in f"{entry.help} {entry.keys}".casefold():
                score = 0.3  # found in the description: below any match on the name
            if score > 0:
                title = matcher.highlight(entry.title)
                yield Hit(score, self._display(entry, title), entry.run, text=entry.title, help=entry.help or None)


class Palette(CommandPalette):
    """Textual's palette, closed once only: keys typed ahead (⏎ ⏎) could select twice, and the
    second dismissal popped the screen beneath it (Textual 8.2). TcptuiApp also spaces the keys it
    gives the palette (key_settle_delay): its search runs in a worker."""

    def dismiss(self, result=None):
        if getattr(self, "_closing_once", False) or not self.is_current:
            return None
        self._closing_once = True
        self.workers.cancel_group(self, self._GATHER_COMMANDS_GROUP)  # no search on a closed palette
        return super().dismiss(result)

    @on(Input.Changed)
    def _typed_while_closing(self, event: Input.Changed) -> None:
        """Text typed ahead after a choice closed the palette starts no search (its list is gone)."""
        if getattr(self, "_closing_once", False):
            event.prevent_default()
            event.stop()
