"""Finding one's way as a new user does, at 80×24, in en and zh: a number in a list highlights and
⏎ opens (never both from one key), keys typed at once land in order (Esc then a key too), the
replay follows its packet, the tutorial hands its game to the sandbox, the study map and the puzzle
list say where things are. Keys go in one burst (Pilot) or one write (a pty)."""

import pytest
from textual.widgets import OptionList

from tcptui.capture.browse import load
from tcptui.core import PROFILES, ProfileName, State
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam import ExamScreen
from tcptui.ui.screens.exam_start import ExamOptions, ExamStartScreen
from tcptui.ui.screens.play import PlayScreen
from tcptui.ui.screens.replay import ReplayScreen
from tcptui.ui.screens.replay_pick import ReplayPickScreen
from tcptui.ui.screens.scenarios import ScenarioListScreen

from ..conftest import KERNEL_CAPTURES
from .helpers import app_for, settle
from .test_e2e import ENVIRONMENTS, TCPTUI
from .test_e2e import terminal as terminal  # the fixture

LANGS = pytest.mark.parametrize("lang", ["en", "zh"])
REUSE = KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap"


async def burst(pilot, *names: str) -> None:
    """Keys as one burst (typed ahead), then wait until every one has been applied."""
    await pilot.press(*names)
    await settle(pilot)


# -- 1. a number highlights, ⏎ opens ------------------------------------------------------------


@LANGS
async def test_a_scenario_number_then_enter_opens_it_without_playing_a_move(lang):
    app = app_for(start="home", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "n", "2")
        assert isinstance(app.screen, ScenarioListScreen)  # the number only highlights
        assert app.screen.query_one(OptionList).highlighted == 1
        assert {"en": "1…9 Choose", "zh": "1…9 选择"}[lang] in app.screen.query_one("#keys").content.plain
        await burst(pilot, "escape", "n", "2", "enter")
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.scenario.id == "time-wait" and not app.screen.game.history  # the lesson is whole


async def test_a_connection_number_in_the_replay_list_only_highlights():
    capture = (load(REUSE, PROFILES[ProfileName.LINUX]), None)
    app = make_app(DEFAULT_PREFS, start="replay", persist=False, capture=capture)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "1")
        assert isinstance(app.screen, ReplayPickScreen) and app.screen.query_one(OptionList).highlighted == 1
        await burst(pilot, "0", "enter")
        assert isinstance(app.screen, ReplayScreen) and app.screen.summary.conn == 0


@LANGS
async def test_a_topic_number_in_the_exam_menu_highlights_and_enter_chooses_it(lang):
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start="exam", persist=False, exam=ExamOptions(10, (), 8))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "t", "4", "enter")  # the menu chooses §4.2; the exam has not started
        assert isinstance(app.screen, ExamStartScreen) and app.screen.topics
        await burst(pilot, "enter")
        assert isinstance(app.screen, ExamScreen)


# -- 2. the replay shows its current packet -------------------------------------------------------


def ladder_on_screen(app) -> str:
    """The ladder's lines as the terminal shows them (its scrolled window, not its whole text)."""
    from tcptui.ui.widgets.ladder import SteppedLadder

    ladder = app.screen.query_one(SteppedLadder)
    return "\n".join(ladder.render_line(y).text for y in range(ladder.size.height))


@LANGS
async def test_the_replay_opens_with_its_current_packet_on_the_ladder(lang):
    capture = (load(REUSE, PROFILES[ProfileName.LINUX]), None)
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start="replay", persist=False, capture=capture)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and "#8 SYN" in ladder_on_screen(app)
        await burst(pilot, "end")
        assert "#13 ACK" in ladder_on_screen(app)
        await burst(pilot, "home")
        assert "#8 SYN" in ladder_on_screen(app)


@LANGS
async def test_the_replay_list_header_is_not_cut_at_80_columns(lang):
    capture = (load(REUSE, PROFILES[ProfileName.LINUX]), None)
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start="replay", persist=False, capture=capture)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "1")  # a typed number shows in the header too
        bar = app.screen.query_one("#topbar")
        shown = "\n".join(bar.render_line(y).text for y in range(bar.size.height))
        assert "…" not in shown and "linux" in shown and "timewait_syn_reuse_doc_path.pcap" in shown, shown
        assert app.screen.query_one(OptionList).highlighted == 1


# -- 3. the tutorial hands its game to the sandbox ------------------------------------------------

TUTORIAL = ("s", "a", "l", "c", "a", "c", "enter", "x", "s", "t", "r", "enter", "enter")
CLOSE = ("c", "a", "f", "enter", "enter", "s", "a", "f", "enter", "enter")  # both FINs, both ACKs


@LANGS
async def test_the_tutorial_gets_out_of_the_way_and_its_game_stays_for_continue(lang, tmp_path):
    from tcptui.ui.app import Opening
    from tcptui.ui.screens.home import HomeScreen
    from tcptui.ui.screens.tutorial import TutorialScreen

    prefs = DEFAULT_PREFS._replace(lang=lang)
    app = make_app(prefs, start="home", data_dir=str(tmp_path), opening=Opening(tutorial=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *TUTORIAL)
        pane = app.screen.query_one("#tutorial")
        assert isinstance(app.screen, TutorialScreen) and app.screen.handed_over and pane.size.height >= 3
        await burst(pilot, *CLOSE[:3])  # the student's own first move: one line left
        assert pane.display and pane.size.height == 1
        await burst(pilot, *CLOSE[3:])
        assert app.screen.game.world.client.state is State.TIME_WAIT and not pane.display  # the close is done
        made = [outcome.move for outcome in app.screen.game.history]
        await burst(pilot, "escape")  # no question: nothing is lost
        assert isinstance(app.screen, HomeScreen) and app.screen.kept is not None
        assert list(app.screen.kept.moves) == made and len(made) == 13
        await burst(pilot, "c")  # Continue: the game the tutorial ended with
        assert isinstance(app.screen, PlayScreen) and app.screen.game.world.client.state is State.TIME_WAIT


# -- 4. Esc and the key after it, read as one sequence --------------------------------------------

APP_MENU = {"en": "CLIENT app ▸", "zh": "客户端应用 ▸"}


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_esc_then_a_key_in_one_write_is_both_keys(terminal, where):
    env, lang = ENVIRONMENTS[where]
    t = terminal("play", "--lang", lang, env=env)
    t.wait_for("CLIENT" if lang == "en" else "客户端")
    closes = {"en": "Glossary: the words", "zh": "术语表：用词"}[lang]  # the glossary's title
    t.burst("G")
    t.wait_for(closes)
    screen = t.burst("\x1ba")  # what `tmux send-keys Escape a` writes: the terminal's Alt+a
    assert closes not in screen  # Esc closed the glossary …
    assert APP_MENU[lang] in screen, screen  # … and a opened the client's application menu


async def test_an_alt_key_nothing_binds_is_esc_then_the_key():
    from textual import events

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        escape, key = app.split_alt(events.Key("alt+shift+a", "A"))
        assert (escape.key, key.key, key.character) == ("escape", "A", "A")
        assert app.split_alt(events.Key("a", "a")) is None
        await burst(pilot, "a")
        assert app.screen.menu is not None


# -- 5. R asks first ----------------------------------------------------------------------------

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")


def dialog_text(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.content) for w in app.screen.query(Static))


@LANGS
async def test_restart_asks_first_when_the_game_has_moves(lang):
    from tcptui.ui.screens.message import MessageScreen

    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "R")  # nothing to lose: nothing asked, nothing done
        assert isinstance(app.screen, PlayScreen)
        await burst(pilot, *HANDSHAKE, "R")
        assert isinstance(app.screen, MessageScreen) and "5 " in dialog_text(app)
        await burst(pilot, "escape")
        play = app.screen
        assert isinstance(play, PlayScreen) and len(play.game.history) == 5
        await burst(pilot, "R", "enter")
        assert app.screen is play and not play.game.history and play.game.can_redo


async def test_one_move_is_said_in_the_singular():
    from tcptui.ui.screens.message import MessageScreen

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "s", "a", "l", "q")
        assert isinstance(app.screen, MessageScreen) and "Your game (1 move) is kept" in dialog_text(app)
        await burst(pilot, "escape", "R")
        assert "Your game (1 move) goes back" in dialog_text(app)


# -- 6. the study map counts, clears its notes, and the result says where q goes ----------------


@LANGS
async def test_the_study_map_counts_each_puzzle_once_as_the_puzzle_list_does(lang):
    from tcptui.puzzle.pack import load_pack

    app = app_for(start="home", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "t")
        top = str(app.screen.query_one("#topbar").content)
        assert f"0 / {len(load_pack())}" in top, top


@LANGS
async def test_a_note_about_one_topic_goes_when_another_is_highlighted(lang):
    app = app_for(start="home", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "t", "enter")  # §1 has no puzzle: a note says so
        assert app.screen.highlighted.topic.id == "1" and not app.screen.highlighted.puzzles
        assert app._notifications
        await burst(pilot, "down")
        assert not app._notifications  # it would cover the next topic's `tcptui explain` lines


@LANGS
async def test_a_puzzle_from_the_study_map_says_q_goes_back_to_the_map(lang):
    app = app_for(start="home", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "t", "down", "enter")  # §2: the handshake's first puzzle
        assert type(app.screen).__name__ == "PuzzleScreen" and app.screen.puzzle.id == "handshake-first"
        await burst(pilot, *HANDSHAKE)
        said = dialog_text(app) + "\n".join(str(o.prompt) for o in app.screen.query_one(OptionList)._options)
        assert {"en": "Back to the study map", "zh": "回到学习地图"}[lang] in said, said
        await burst(pilot, "q")
        assert type(app.screen).__name__ == "TopicsScreen"


# -- 7. NO_COLOR still shows which row is highlighted ---------------------------------------------


def reversed_rows(listing) -> list[int]:
    """The lines of a list drawn wholly in reverse video (a badge such as NEW in reverse is not a row)."""
    return [
        y
        for y in range(listing.size.height)
        if (cells := [s for s in listing.render_line(y) if s.text.strip()])
        and all(s.style and s.style.reverse for s in cells)
    ]


@pytest.mark.parametrize("start", ["puzzles", "home", "topics"])
async def test_the_highlighted_row_is_in_reverse_video_without_colour(monkeypatch, start):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "down")
        listing = app.screen.query(OptionList).first()
        assert reversed_rows(listing) == [listing.highlighted - round(listing.scroll_offset.y)]


async def test_with_colour_the_highlight_stays_as_it_was():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "down")
        assert reversed_rows(app.screen.query(OptionList).first()) == []


# -- 8. a story longer than the pane says so, and PgDn shows the rest -----------------------------


def pane_lines(pane) -> str:
    return "\n".join(pane.render_line(y).text for y in range(pane.size.height))


@LANGS
async def test_a_long_puzzle_story_is_marked_and_pages(lang):
    from tcptui.ui.widgets.preview import Preview

    app = app_for(start="puzzles", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        puzzle = [p for p in screen.rows if p is not None][33]  # #34: its story is longer than the pane
        screen.highlight(puzzle)
        await settle(pilot)
        pane = screen.query_one(Preview)
        assert "▼" in pane_lines(pane) and "PgDn" in pane_lines(pane)
        assert "PgDn" in screen.query_one("#keys").content.plain  # the key bar says so too
        listing = screen.query_one(OptionList)
        at = listing.highlighted
        await burst(pilot, "pagedown")
        assert pane.more_above and listing.highlighted == at  # the story moved, not the list
        await burst(pilot, "up")  # another puzzle: its story from its top
        assert not pane.more_above


async def test_pgdn_pages_the_list_when_the_story_fits():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one(OptionList)
        at = listing.highlighted
        assert not app.screen.paged_pane().more_below
        await burst(pilot, "pagedown")
        assert listing.highlighted > at
