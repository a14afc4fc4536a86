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

    _menu: tuple = (None, ())

    def show_menu(self, title: str | None, choices) -> None:
        """Show an open menu's choices instead of the screen's keys (title None: back to the keys)."""
        self._menu = (title, tuple(choices))
        self._draw()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def set_lang(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self._draw()

    def _changed(self, _screen) -> None:
        self._draw()

    def _draw(self) -> None:
        title, choices = self._menu
        if title is not None:
            self._set(_menu_content(title, choices, self.lang))
            return
        parts, seen = [], set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            label = binding_label(binding, self.lang)
            display = binding.key_display or self.app.get_key_display(binding)
            click = Style.from_meta({"@click": f"screen.{binding.action}"})
            parts.append(Content.assemble((f" {display} ", "bold reverse"), f" {label}").stylize(click))
        self._set(Content(" ").join(parts) if parts else Content(""))

    def _set(self, content: Content) -> None:
        if content.plain != getattr(self, "_shown", None):  # a repaint only when the keys changed
            self._shown = content.plain
            self.update(content)


def _menu_content(title: str, choices, lang: str) -> Content:
    """'client sends ▸ 1 SYN 2 SYN+ACK …', each choice clickable; it fits 80 columns (Escape, which
    closes every menu, is in the help rather than on the bar)."""
    parts = [Content.styled(f"{title} ▸", "bold")]
    for index, choice in enumerate(choices):
        click = Style.from_meta({"@click": f"screen.menu_pick({index})"})
        parts.append(Content.assemble((choice.key, "bold reverse"), f" {choice.label}").stylize(click))
    return Content("  ").join(parts)
