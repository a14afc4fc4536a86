"""The scenarios: sandbox starts worth starting from (tcptui play --scenario NAME), the bundled ones
in the notes' order, then the player's own from the data directory; the highlighted one's story
below. ⏎ opens it in the sandbox; its number only highlights it (`2 ⏎` typed at once must open
scenario 2, not open it and hand the ⏎ to its first move)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from ...text.wrap import Prose
from ..look import flow, set_titles
from ..sections import section_text
from ..widgets.keybar import KeyBar
from ..widgets.preview import Preview
from .base import ListScreen


class ScenarioListScreen(ListScreen):
    """↑↓ or the scenario's number highlight a scenario; ⏎ (or a click) opens it."""

    LIST_ID, PREVIEW_ID = "puzzle-list", "puzzle-preview"  # styled as the puzzle list
    BINDINGS = [
        Binding("enter", "open", "Open", key_display="⏎", priority=True),
        Binding("1", "select_at(1)", "Choose", key_display="1…9"),
        *[Binding(str(n), f"select_at({n})", "Choose", show=False) for n in range(2, 10)],
        Binding("L", "lang", "中文/EN"),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenarios: list = []

    def reload(self) -> None:
        """The bundled scenarios, then the player's own (a file that does not load is said, and left out)."""
        from ...puzzle.scenario import bundled, user_scenarios

        mine, broken = user_scenarios(getattr(self.app, "data_dir", None))
        if not self.scenarios:
            for error in broken:
                self.notify(str(error), severity="warning", timeout=10)
        self.scenarios = [*bundled(), *mine]
        self.apply_prefs()

    def apply_prefs(self) -> None:
        lang = self.app.prefs.lang
        width = max(cell_len(s.title.get(lang)) for s in self.scenarios)
        sections = [section_text(s.section, lang) if s.section else "" for s in self.scenarios]
        where = max(cell_len(section) for section in sections)
        listing = self.query_one(OptionList)
        keep = listing.highlighted or 0
        listing.clear_options()
        for n, (scenario, section) in enumerate(zip(self.scenarios, sections, strict=True), 1):
            line = Text.assemble((f"{n:>2}  ", "bold"), scenario.title.get(lang))
            line.append(" " * (width - cell_len(scenario.title.get(lang)) + 2))
            line.append(section + " " * (where - cell_len(section) + 2), style="dim")
            line.append(scenario.id, style="dim italic")
            listing.add_option(Option(line))
        listing.highlighted = min(keep, len(self.scenarios) - 1)
        self.query_one("#topbar", Static).update(
            ui("scenario.list.screen", lang) + "   │ " + ui("scenario.list.cli", lang)
        )
        self.query_one(KeyBar).set_lang(lang)
        self._preview(listing.highlighted or 0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    def _preview(self, index: int) -> None:
        """The highlighted scenario's story, under the list."""
        if not 0 <= index < len(self.scenarios):
            return
        lang, scenario = self.app.prefs.lang, self.scenarios[index]
        preview = self.query_one(Preview)
        set_titles(preview, scenario.title.get(lang))
        preview.update(Prose(flow(scenario.story.get(lang), lang)), lang)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted scenario in the sandbox."""
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.scenarios):
            self.app.open_play(scenario=self.scenarios[index])

    def action_select_at(self, n: int) -> None:
        """Highlight the n-th scenario (⏎ then opens it)."""
        if n <= len(self.scenarios):
            listing = self.query_one(OptionList)
            listing.highlighted = n - 1
            listing.scroll_to_highlight()

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)
