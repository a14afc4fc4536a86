"""The study map (home → t): every topic with its progress, what covers the highlighted one, and the way
from an interview question into its puzzle or an exam on it, played through keys."""

from textual.widgets import OptionList

from tcptui.exam.topics import NOTES, PACK
from tcptui.progress.store import Store
from tcptui.puzzle.scoring import Result
from tcptui.ui.widgets.preview import Preview

from .helpers import app_for, keys


def listing(app) -> list[str]:
    options = app.screen.query_one("#topic-list", OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def preview(app) -> str:
    pane = app.screen.query_one("#topic-preview", Preview)
    return pane.border_title + "\n" + pane.shown.plain  # the whole text, not the pane's lines


async def test_home_opens_the_map_of_every_topic():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "t")
        assert type(app.screen).__name__ == "TopicsScreen"
        lines = listing(app)
        assert len(lines) == len(NOTES) + len(PACK) + 2  # two headings
        assert lines[0].startswith("The notes") and lines[1].startswith("§1")
        assert any("The SYN queue and the accept queue" in line for line in lines)
        assert "What does 'reliable' mean for TCP?" in preview(app)


async def test_enter_lands_in_the_topics_next_unsolved_puzzle():
    with Store.open() as store:
        store.record_result(Result("interview-accept-queue", 7, 7, 0, 0, False))
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "t", "end")
        lines = listing(app)
        queues = next(i for i, line in enumerate(lines) if "SYN queue and the accept queue" in line)
        app.screen.query_one(OptionList).highlighted = queues
        await pilot.pause()
        assert "✓1/2" in listing(app)[queues] and "accept queue is full" in preview(app)
        await keys(pilot, "enter")
        assert type(app.screen).__name__ == "PuzzleScreen"
        assert app.screen.puzzle.id == "interview-abort-on-overflow"  # the first is solved already


async def test_e_starts_an_exam_on_the_topic_and_the_map_speaks_chinese():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "t", "L")
        assert listing(app)[0].startswith("笔记") and "半连接队列与全连接队列" in "\n".join(listing(app))
        await keys(pilot, "L", "down", "e")
        assert type(app.screen).__name__ == "ExamStartScreen"
        assert app.screen.topics == ("2",)
