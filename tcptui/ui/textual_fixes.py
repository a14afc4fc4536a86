"""Work-arounds for Textual bugs that random keys found, each guarded and explained; remove one
when the Textual release the project requires has the fix.

- OptionList PgUp/PgDn before the list is laid out (Textual 8.2: `_move_page` reads
  `_index_to_line`, empty until the first layout): KeyError — reached through the command palette
  (ctrl+p then PgDn in one burst), and through any list whose screen shows the 'enlarge' message.
  The key now does nothing, as it would on an empty list.
"""

from __future__ import annotations

from textual.widgets import OptionList


def _patch_option_list_paging() -> None:
    original = getattr(OptionList, "_move_page", None)
    if original is None or getattr(original, "_tcptui_guarded", False):
        return

    def _move_page(self, direction) -> None:
        try:
            original(self, direction)
        except KeyError:  # no lines yet: nothing to page through
            pass

    _move_page._tcptui_guarded = True
    OptionList._move_page = _move_page


_patch_option_list_paging()
