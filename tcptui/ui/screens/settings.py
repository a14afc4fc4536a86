"""Settings: replies, numbers, rule profile, TIME_WAIT options, language — they change the game live.

A line under the list explains the highlighted setting (with the notes' § or the RFC it comes from);
a value given on the command line for this session only is marked, and saved only if changed here."""

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
from ...text.wrap import Prose
from ..prefs import Prefs, cycle

_FIELDS = ("replies", "numbers", "profile", "timewait_syn", "rfc1337", "lang")


class SettingsScreen(ModalScreen[Prefs]):
    """Enter (or space, or a click) steps a setting to its next value; s saves, Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("s", "save", "Save"),
        Binding("space", "step", "Next value", show=False),
    ]

    def __init__(self, prefs: Prefs, saved: Prefs | None = None) -> None:
        super().__init__()
        self.prefs = self.opened = prefs
        self.saved = saved or prefs  # what is saved: a value that differs came from the command line

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog settings"):
            yield Static(id="settings-title", classes="dialog-title")
            yield OptionList(id="settings")
            yield Static(id="settings-explain")
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
        column = max(cell_len(ui(f"settings.{field}", lang)) for field in _FIELDS) + 2  # one column of values
        for field in _FIELDS:
            value = getattr(self.prefs, field)
            label = ui(f"settings.{field}", lang)
            words = _value_text(field, value, lang)
            if self._session_only(field):
                words += " " + ui("settings.this-session", lang)
            options.add_option(
                Option(Prose(words, label=Text(label.ljust(column - cell_len(label) + len(label)), style="bold")))
            )
        options.highlighted = keep
        self._explain()

    def _session_only(self, field: str) -> bool:
        """The value came from the command line and was not changed here: it will not be saved."""
        return getattr(self.prefs, field) == getattr(self.opened, field) != getattr(self.saved, field)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._explain()

    def _explain(self) -> None:
        """One line (two at most) on the highlighted setting: what it changes, and where that comes from."""
        index = self.query_one(OptionList).highlighted
        field = _FIELDS[index] if index is not None else _FIELDS[0]
        lang = self.prefs.lang
        text = ui(f"settings.explain.{field}", lang)
        if self._session_only(field):
            text += " " + ui("settings.explain.this-session", lang)
        self.query_one("#settings-explain", Static).update(Prose(text, style="italic"))

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
