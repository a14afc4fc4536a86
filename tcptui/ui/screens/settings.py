"""Settings: replies, numbers, rule profile, TIME_WAIT options, language — they change the game live."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from ..prefs import Prefs, cycle

_FIELDS = ("replies", "numbers", "profile", "timewait_syn", "rfc1337", "lang")


class SettingsScreen(ModalScreen):
    """Enter (or space, or a click) steps a setting to its next value; s saves, Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("s", "save", "Save"),
        Binding("space", "step", "Next value", show=False),
    ]

    def __init__(self, prefs: Prefs) -> None:
        super().__init__()
        self.prefs = prefs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="settings-title", classes="dialog-title")
            yield OptionList(id="settings")
            yield Static(id="settings-footer", classes="dialog-footer")

    def on_mount(self) -> None:
        self._draw()
        self.query_one(OptionList).focus()

    def _draw(self) -> None:
        lang = self.prefs.lang
        self.query_one("#settings-title", Static).update(ui("settings.title", lang))
        self.query_one("#settings-footer", Static).update(ui("settings.footer", lang))
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        for field in _FIELDS:
            value = getattr(self.prefs, field)
            label = ui(f"settings.{field}", lang)
            line = Text(label + " " * max(2, 34 - cell_len(label)), style="bold")  # one column of values
            line.append(_value_text(field, value, lang))
            options.add_option(Option(line))
        options.highlighted = keep

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.prefs = cycle(self.prefs, _FIELDS[event.option_index])
        self._draw()

    def action_step(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.prefs = cycle(self.prefs, _FIELDS[index])
            self._draw()

    def action_save(self) -> None:
        self.dismiss(self.prefs)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _value_text(field: str, value, lang: str) -> str:
    if value is None:
        return ui("settings.profile-default", lang)
    if isinstance(value, bool):
        return ui("settings.on" if value else "settings.off", lang)
    return ui(f"settings.{field}.{value}", lang) if field in ("replies", "numbers", "lang") else str(value)
