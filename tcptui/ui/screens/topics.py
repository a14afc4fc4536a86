"""The study map: every topic of the notes and of the interview pack, the student's progress on each,
and for the highlighted one the questions students ask about it, its puzzles, exam items and
`tcptui explain` examples. ⏎ lands in the topic's next unsolved puzzle; e starts an exam on it."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...text import ui
from .. import saved
from ..look import flow, set_titles
from ..sections import section_text
from ..widgets.keybar import KeyBar
from ..widgets.preview import Preview
from .base import ListScreen


LABEL = 7  # cells for '§4.4.1'
WIDTH = 74  # cells of a line in an 80-column terminal (the list's padding and scroll bar aside)


class TopicsScreen(ListScreen):
    """↑↓ choose a topic; ⏎ plays its puzzle; e an exam on it."""

    LIST_ID, PREVIEW_ID = "topic-list", "topic-preview"
    BINDINGS = [
        Binding("enter", "play", "Play", key_display="⏎", priority=True),
        Binding("e", "exam", "Exam"),
        Binding("L", "lang", "中文/EN"),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list = []  # tcptui.study.Coverage on each line of the list (None for a heading)
        self.best: dict = {}
        self.coverage: list = []  # every topic's Coverage, in the map's order

    def reload(self) -> None:
        """Read the progress kept and draw the map, the same topic highlighted."""
        from ...exam.items import pool
        from ...puzzle.pack import load_pack
        from ...study import study_map

        self.best = saved.best_results(self.app)
        keep = self.query_one(OptionList).highlighted or 1
        self.coverage = study_map(load_pack(), pool(), self.best, saved.topic_totals(self.app))
        self.draw()
        listing = self.query_one(OptionList)
        listing.highlighted = min(keep, len(self.rows) - 1)
        listing.scroll_to_highlight()

    def apply_prefs(self) -> None:
        """The map in the new language."""
        keep = self.query_one(OptionList).highlighted or 1
        self.draw()
        self.query_one(OptionList).highlighted = keep

    def draw(self) -> None:
        """The notes' topics, then the pack's, each under its heading."""
        from ...exam.topics import is_pack

        lang = self.app.prefs.lang
        options, self.rows = [], []
        for heading, rows in (
            ("topics.notes", [r for r in self.coverage if not is_pack(r.topic.id)]),
            ("puzzle.chapter.interview", [r for r in self.coverage if is_pack(r.topic.id)]),
        ):
            options.append(Option(Text(ui(heading, lang), style="bold underline"), disabled=True))
            self.rows.append(None)
            for row in rows:
                options.append(Option(self._line(row, lang)))
                self.rows.append(row)
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        # each puzzle once, as the puzzle list counts them (a puzzle may cover several topics)
        puzzles = {p.id: p for row in self.coverage for p in row.puzzles}
        solved = sum(1 for pid in puzzles if pid in self.best and self.best[pid].stars > 0)
        total = len(puzzles)
        self.query_one("#topbar", Static).update(
            ui("topics.screen", lang) + "   │ " + ui("topics.screen-progress", lang, solved=solved, total=total)
        )
        self.query_one(KeyBar).set_lang(lang)

    def _line(self, row, lang: str) -> Text:
        """'§4.2    Reusing the port while TIME_WAIT lasts     ✓1/3  ✎4/5' (a pack topic: its title alone)."""
        name = row.topic.id
        name = f"§{name}" if name[:1].isdigit() else ("—" if name == "beyond" else "•")
        text = Text.assemble((name.ljust(LABEL), "bold"))
        mark = f"✓{row.solved}/{len(row.puzzles)}" if row.puzzles else ""
        score = f"✎{row.right}/{row.answered}" if row.answered else ""
        tail = f"  {mark:>5} {score:>7}"
        title = Text(row.topic.title.get(lang), no_wrap=True, overflow="ellipsis")
        title.truncate(WIDTH - LABEL - cell_len(tail), overflow="ellipsis", pad=True)
        text.append_text(title)
        text.append(tail, style="dim")
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """What covers the highlighted topic, under the list (a note about the topic left before, as
        "no puzzle on this topic", goes: it would cover this one's lines)."""
        self.app.clear_notifications()
        row = self.rows[event.option_index] if event.option_index < len(self.rows) else None
        if row is None:
            return
        lang = self.app.prefs.lang
        preview = self.query_one(Preview)
        set_titles(preview, f"{section_text(row.topic.id, lang)} · {row.topic.title.get(lang)}")
        lines = [f"? {ask.get(lang)}" for ask in row.topic.asks]
        if row.puzzles:
            names = ", ".join(p.title.get(lang) for p in row.puzzles)
            lines.append(ui("topics.line", lang, name=ui("topics.puzzles", lang), value=names))
        if row.items:
            count = ui("topics.exam-count", lang, n=len(row.items))
            lines.append(ui("topics.line", lang, name=ui("topics.exam", lang), value=count))
        lines += [f"$ tcptui explain {e}" for e in row.topic.explain[:2]]
        preview.update(flow("\n\n".join(lines), lang), lang)

    @property
    def highlighted(self):
        index = self.query_one(OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a topic plays its puzzle."""
        self.action_play()

    def action_play(self) -> None:
        """Land in the topic's next unsolved puzzle."""
        from .puzzle import PuzzleScreen

        row = self.highlighted
        if row is None:
            return
        puzzle = row.next_puzzle(self.best)
        if puzzle is None:
            self.notify(ui("topics.no-puzzle", self.app.prefs.lang))
            return
        self.app.push_screen(PuzzleScreen(puzzle))

    def action_exam(self) -> None:
        """An exam on the highlighted topic."""
        from .exam_start import ExamOptions, ExamStartScreen

        row = self.highlighted
        if row is None:
            return
        if not row.items:
            self.notify(ui("topics.no-exam", self.app.prefs.lang))
            return
        self.app.push_screen(ExamStartScreen(ExamOptions(topics=(row.topic.id,))))

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)
