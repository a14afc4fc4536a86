"""Work-arounds for Textual bugs that random keys found, each guarded and explained; remove one
when the Textual release the project requires has the fix.

- OptionList PgUp/PgDn before the list is laid out (Textual 8.2: `_move_page` reads
  `_index_to_line`, empty until the first layout): KeyError — reached through the command palette
  (ctrl+p then PgDn in one burst), and through any list whose screen shows the 'enlarge' message.
  The key now does nothing, as it would on an empty list.
- Screen.dismiss from a screen that is no longer on top, or a second time (Textual 8.2 calls the
  result callback again — `InvalidStateError` on its finished future — and pops whatever screen is
  on top instead): 20,000 random keys with resizes found it through a menu's key arriving after
  the menu had chosen. Only the active screen dismisses itself, once; a late key does nothing.
- OptionList ignores `reverse` in its highlighted row's text-style (Textual 8.2: Widget.get_visual_style
  builds its style from bold, dim, italic, underline and strike only). Without colour (NO_COLOR,
  tcptui.tcss) reverse video is what marks the highlighted row; the row is drawn reversed when the
  style asks for it.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import OptionList


def _patch_option_list_paging() -> None:
    original = getattr(OptionList, "_move_page", None)
    if original is None or original.__module__ == __name__:  # gone from Textual, or patched already
        return

    def _move_page(self: OptionList, direction: int) -> None:
        try:
            original(self, direction)
        except KeyError:  # no lines yet: nothing to page through
            pass

    OptionList._move_page = _move_page  # type: ignore[method-assign]  # the patch itself (see above)


def _patch_screen_dismiss() -> None:
    original = Screen.dismiss
    if original.__module__ == __name__:  # patched already
        return

    def dismiss(self: Screen[Any], result: Any = None) -> AwaitComplete:
        if not self.is_active:  # not on top (a dismissed screen left the stack at once): a late key
            return AwaitComplete.nothing()
        return original(self, result)

    Screen.dismiss = dismiss  # type: ignore[method-assign]  # the patch itself (see above)


def _patch_option_list_reverse() -> None:
    original = OptionList.render_line
    if original.__module__ == __name__:  # patched already
        return
    from rich.style import Style

    reverse = Style(reverse=True)

    def render_line(self: OptionList, y: int) -> Strip:
        strip = original(self, y)
        try:
            index = self._lines[round(self.scroll_offset.y) + y][0]
        except (AttributeError, IndexError):  # Textual's lines changed shape, or a blank line
            return strip
        if index == self.highlighted:
            style = self.get_component_styles("option-list--option-highlighted").text_style
            if style.reverse:
                return strip.apply_style(reverse)
        return strip

    OptionList.render_line = render_line  # type: ignore[method-assign]  # the patch itself (see above)


_patch_option_list_paging()
_patch_screen_dismiss()
_patch_option_list_reverse()
