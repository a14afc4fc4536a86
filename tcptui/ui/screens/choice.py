"""A small modal menu: pick one item with its key, the arrows and Enter, or the mouse."""

from __future__ import annotations

from collections import namedtuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class Choice(namedtuple("Choice", "key label value hint")):
    """One item: the key that picks it, what it says, what it returns, a dim hint after it."""

    __slots__ = ()

    def __new__(cls, key: str, label: str, value, hint: str = "") -> Choice:
        return tuple.__new__(cls, (key, label, value, hint))


class ChoiceScreen(ModalScreen):
    """Dismisses with the chosen value, or None on Escape. A menu of numbered items (`numbered`)
    takes its numbers as every list does: a number highlights its item and ⏎ chooses it, so that
    `2 ⏎` typed at once chooses item 2 and leaves the ⏎ to nobody else (the screen beneath)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, choices: list[Choice], footer: str = "", body=None, numbered: bool = False, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.numbered = numbered
        self.title_text = title
        self.choices = choices
        self.footer_text = footer
        self.body = body  # an optional renderable between the title and the choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.body is not None:
                yield Static(self.body, classes="dialog-body")
            options = []
            for choice in self.choices:
                prompt = Text.assemble((f" {choice.key} ", "bold reverse"), f"  {choice.label}")
                if choice.hint:
                    prompt.append(f"   {choice.hint}", style="dim")
                options.append(Option(prompt))
            yield OptionList(*options, id="choices")
            if self.footer_text:
                yield Static(self.footer_text, classes="dialog-footer")

    def on_key(self, event) -> None:
        """A choice's own key picks it at once (in a numbered menu: highlights it)."""
        for index, choice in enumerate(self.choices):
            if event.key == choice.key or (event.character and event.character == choice.key):
                event.stop()
                if self.numbered:
                    self.query_one(OptionList).highlighted = index
                else:
                    self.dismiss(choice.value)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)
