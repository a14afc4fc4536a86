"""The puzzle list: the pack by chapter (in the order of the notes), each puzzle with its title,
section, difficulty, the stars earned and whether it is new; the highlighted one's story below."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from .. import saved
from ..look import difficulty_text, flow, set_titles, stars_text
from ..sections import section_text
from ..widgets.keybar import KeyBar
from ..widgets.preview import Preview
from ...text.wrap import Prose
from .base import ListScreen

TITLE_WIDTH = 36  # cells; longer titles are cut with an ellipsis


class PuzzleListScreen(ListScreen):
    """↑↓ and ⏎ (or a click) play a puzzle; 1…7 jump to a chapter; n to the next unsolved one."""

    LIST_ID, PREVIEW_ID = "puzzle-list", "puzzle-preview"
    BINDINGS = [
        Binding("enter", "play", "Play", key_display="⏎", priority=True),
        Binding("n", "next_new", "Next unsolved"),
        Binding("1", "pick_chapter(1)", "Chapter", key_display="1…7"),
        *[Binding(str(n), f"pick_chapter({n})", "Chapter", show=False) for n in range(2, 10)],
        Binding("L", "lang", "中文/EN"),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list = []  # the puzzle on each line of the list (None for a chapter's heading)
        self.best: dict = {}

    def reload(self) -> None:
        """Read the stars kept and draw the list, keeping the highlighted puzzle (or the first unsolved)."""
        self.best = saved.best_results(self.app)
        current = self.highlighted
        self.draw()
        if current is None:
            current = next((p for p in self.rows if p is not None and not self._solved(p)), self.rows[1])
        self.highlight(current)

    # -- drawing --------------------------------------------------------------------------------

    def apply_prefs(self) -> None:
        """The list in the new language, the same puzzle highlighted."""
        current = self.highlighted
        self.draw()
        if current is not None:
            self.highlight(current)

    def draw(self) -> None:
        from ...puzzle.pack import chapters

        lang = self.app.prefs.lang
        width = min(TITLE_WIDTH, max(cell_len(p.title.get(lang)) for p in _all()))
        where = max(cell_len(section_text(p.section, lang)) for p in _all())
        options, self.rows, number = [], [], 0
        for chapter, puzzles in chapters().items():
            if not puzzles:
                continue
            options.append(Option(self._heading(chapter, puzzles, lang), disabled=True))
            self.rows.append(None)
            for puzzle in puzzles:
                number += 1
                options.append(Option(self._line(number, puzzle, (width, where), lang)))
                self.rows.append(puzzle)
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        solved = [p for p in _all() if self._solved(p)]
        stars = sum(self.best[p.id].stars for p in solved)
        self.query_one("#topbar", Static).update(
            ui("puzzle.list.title", lang)
            + "   │ "
            + ui("puzzle.list.progress", lang, solved=len(solved), total=len(_all()), stars=stars, most=3 * len(_all()))
        )
        self.query_one(KeyBar).set_lang(lang)

    def _solved(self, puzzle) -> bool:
        return puzzle.id in self.best and self.best[puzzle.id].stars > 0

    def _heading(self, chapter, puzzles, lang: str) -> Text:
        """'Handshake (§2)   2 / 4 solved'."""
        text = Text.assemble((ui(f"puzzle.chapter.{chapter.value}", lang), "bold underline"))
        solved = sum(self._solved(p) for p in puzzles)
        text.append("   " + ui("puzzle.list.chapter", lang, solved=solved, total=len(puzzles)), style="italic")
        return text

    def _line(self, number: int, puzzle, widths: tuple[int, int], lang: str) -> Text:
        """' 3  Skip FIN_WAIT_2        §3.4    ●●●○○  ★★☆  new': the title and the section padded to `widths`."""
        width, where = widths
        title = Text(puzzle.title.get(lang), no_wrap=True, overflow="ellipsis")
        title.truncate(width, overflow="ellipsis", pad=True)
        text = Text.assemble((f"{number:>3}  ", "bold"))
        text.append_text(title)
        section = section_text(puzzle.section, lang)
        text.append("  " + section + " " * (where - cell_len(section) + 1), style="dim")
        text.append(difficulty_text(puzzle.difficulty))
        kept = self.best.get(puzzle.id)
        text.append("  " + (stars_text(kept.stars) if kept else "   ") + "  ")
        if kept is None:
            text.append(f" {ui('puzzle.new', lang)} ", style="bold reverse")
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The story of the highlighted puzzle, under the list."""
        puzzle = self.rows[event.option_index] if event.option_index < len(self.rows) else None
        if puzzle is None:
            return
        lang = self.app.prefs.lang
        preview = self.query_one(Preview)
        set_titles(preview, f"{puzzle.title.get(lang)} · {section_text(puzzle.section, lang)}")
        preview.update(Prose(flow(puzzle.story.get(lang), lang)), lang)

    # -- moving around --------------------------------------------------------------------------

    @property
    def highlighted(self):
        """The puzzle under the cursor, if any."""
        index = self.query_one(OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def highlight(self, puzzle) -> None:
        listing = self.query_one(OptionList)
        index = next(i for i, p in enumerate(self.rows) if p is not None and p.id == puzzle.id)
        listing.highlighted = index
        listing.scroll_to_highlight()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a puzzle plays it."""
        self.action_play()

    def action_play(self) -> None:
        """Play the highlighted puzzle."""
        from .puzzle import PuzzleScreen

        if self.highlighted is not None:
            self.app.push_screen(PuzzleScreen(self.highlighted))

    def action_next_new(self) -> None:
        """Jump to the next puzzle not solved yet (after the highlighted one, wrapping round)."""
        puzzles = [p for p in self.rows if p is not None]
        start = puzzles.index(self.highlighted) + 1 if self.highlighted in puzzles else 0
        for puzzle in puzzles[start:] + puzzles[:start]:
            if not self._solved(puzzle):
                self.highlight(puzzle)
                return

    def action_pick_chapter(self, n: int) -> None:
        """Jump to the first puzzle of the n-th chapter."""
        headings = [i for i, p in enumerate(self.rows) if p is None]
        if n <= len(headings):
            self.highlight(self.rows[headings[n - 1] + 1])

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "pick_chapter":
            return parameters[0] <= self.rows.count(None) if self.rows else True
        return super().check_action(action, parameters)

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)


def _all() -> tuple:
    from ...puzzle.pack import load_pack

    return load_pack()
