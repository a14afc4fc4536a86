"""The key bar: the keys that make sense right now, labelled in the player's language.

Like Textual's Footer it follows the screen's active bindings (so `check_action` hides keys that
do nothing now), but labels come from the text catalogue by action name, so they switch language
with the game. Each key is clickable. Help, back and quit are pinned to the right end, so that
every screen says how to leave, however many keys crowd the left (cut with '…' if they must be).
"""

from __future__ import annotations

from rich.cells import cell_len
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
    PINNED = ("help", "back")  # shown at the right end, before the app's quit key

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

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        title, choices = self._menu
        if title is not None:
            self._set(_menu_content(title, choices, self.size.width or 80))
            return
        left: list[Content] = []
        right: list[Content] = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            pinned = binding.action in self.PINNED
            if not (binding.show or pinned) or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            display = binding.key_display or self.app.get_key_display(binding)
            part = _key(display, binding_label(binding, self.lang), f"screen.{binding.action}")
            (right if pinned else left).append(part)
        right.sort(key=lambda part: part.plain.startswith(" ?") is False)  # help, then back
        right.append(_key("^q", ui("key.quit", self.lang), "app.quit"))
        at_right = Content(" ").join(right)
        if cell_len(at_right.plain[-1:]) > 1:  # '退出': a wide character never ends the line, see _set
            at_right += " "
        width = self.size.width or 80
        while left and Content(" ").join(left).cell_length > width - at_right.cell_length - 1:
            left.pop()  # whole keys only; the help lists them all
        keys = Content(" ").join(left)
        self._set(keys + " " * max(1, width - keys.cell_length - at_right.cell_length) + at_right)

    def _set(self, content: Content) -> None:
        """Show `content`. A wide character in the screen's last column was left half-drawn in tmux at
        80×24 ('^q 退' for '^q 退出': the widget's lines were whole, Textual's repaint of the bottom
        line was not), so `_draw` keeps that column blank after one."""
        if content.plain != getattr(self, "_shown", None):  # a repaint only when the keys changed
            self._shown = content.plain
            self.update(content)


def _key(display: str, label: str, action: str) -> Content:
    """' q  Back', the key in reverse video; a click runs `action`."""
    click = Style.from_meta({"@click": action})
    return Content.assemble((f" {display} ", "bold reverse"), f"{label}").stylize(click)


def _menu_content(title: str, choices, width: int) -> Content:
    """'client sends ▸ 1 SYN 2 SYN+ACK …', each choice clickable, on as many lines as `width` needs
    (two for the send menu with `e numbers…` at 80 columns; a choice never breaks). Escape, which
    closes every menu, is in the help rather than on the bar."""
    parts = [Content.styled(f"{title} ▸", "bold")]
    for index, choice in enumerate(choices):
        click = Style.from_meta({"@click": f"screen.menu_pick({index})"})
        parts.append(Content.assemble((choice.key, "bold reverse"), f" {choice.label}").stylize(click))
    lines: list[list[Content]] = [[]]
    for part in parts:
        if lines[-1] and Content("  ").join([*lines[-1], part]).cell_length > width:
            lines.append([])
        lines[-1].append(part)
    return Content("\n").join(Content("  ").join(line) for line in lines)
