"""The key bar: the keys that make sense right now, labelled in the player's language.

Like Textual's Footer it follows the screen's active bindings (so `check_action` hides keys that
do nothing now), but labels come from the text catalogue by action name, so they switch language
with the game. Each key is clickable.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from ...text import ui


def binding_label(binding, lang: str) -> str:
    """A binding's label in the player's language (the catalogue's key.<action>, else its description)."""
    label = ui(f"key.{binding.action}", lang)
    return binding.description if label == f"key.{binding.action}" else label


class KeyBar(Static):
    """Renders the active, shown bindings of its screen."""

    def __init__(self, lang: str = "en", **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._draw()

    def _changed(self, _screen) -> None:
        self._draw()

    def _draw(self) -> None:
        parts, seen = [], set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            label = binding_label(binding, self.lang)
            display = binding.key_display or self.app.get_key_display(binding)
            click = Style.from_meta({"@click": f"screen.{binding.action}"})
            parts.append(Content.assemble((f" {display} ", "bold reverse"), f" {label} ").stylize(click))
        self.update(Content(" ").join(parts) if parts else Content(""))
