"""The ways into the game and the daily habit, through keys (Pilot, 80×24, en and zh): the tutorial,
scenarios, auto-play (sandbox, puzzle solution, capture), what-if branches (sandbox, puzzle,
capture), review sessions and practise my misses, the forecast, the glossary on every screen."""

import pytest
from textual.widgets import OptionList, Static

from tcptui.capture.browse import load
from tcptui.core import PROFILES, ProfileName, State
from tcptui.exam.build import generate_exam
from tcptui.puzzle.scenario import find
from tcptui.ui.app import Opening, make_app
from tcptui.ui.autoplay import DEFAULT_SPEED
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam import ExamScreen
from tcptui.ui.screens.exam_start import ExamOptions
from tcptui.ui.screens.glossary import GlossaryScreen
from tcptui.ui.screens.play import PlayScreen
from tcptui.ui.screens.puzzle import PuzzleScreen
from tcptui.ui.screens.replay import ReplayScreen
from tcptui.ui.screens.scenarios import ScenarioListScreen
from tcptui.ui.screens.tutorial import TutorialScreen
from tcptui.ui.widgets.keybar import KeyBar
from tcptui.ui.widgets.ladder import HistoryLadder, LadderView

from ..conftest import KERNEL_CAPTURES
from .helpers import app_for, keys, ladder, plain, reviews_due, verdict

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
LANGS = pytest.mark.parametrize("lang", ["en", "zh"])


def text_of(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content if isinstance(content, str) else plain(content, width=120)


def states(app):
    world = app.screen.game.world
    return world.client.state, world.server.state


def replay_app(name: str):
    """`tcptui replay CAPTURE --conn 0` on a kernel capture, as the command line opens it."""
    return make_app(
        DEFAULT_PREFS,
        start="replay",
        persist=False,
        capture=(load(KERNEL_CAPTURES / name, PROFILES[ProfileName.LINUX]), 0),
    )


def keybar(app) -> str:
    return app.screen.query_one(KeyBar).content.plain


# -- the tutorial --------------------------------------------------------------------------------


@LANGS
async def test_the_tutorial_walks_the_handshake_with_a_loss(lang):
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start="home", persist=False, opening=Opening(tutorial=True))
    step = {"en": "step {} of 8", "zh": "第 {} 步，共 8 步"}[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TutorialScreen) and step.format(1) in text_of(app, "#tutorial")
        assert screen.query_one("#server").has_class("-tutorial-focus")
        await keys(pilot, "w", "P", "u")  # no branch, playback or undo in the middle of the script
        assert screen.step == 0 and screen.menu is None and not screen.autoplaying
        await keys(pilot, "c", "a", "c")  # not what step 1 asks: named, not made
        assert step.format(1) in text_of(app, "#tutorial") and states(app) == (State.CLOSED, State.CLOSED)
        assert {"en": "that would be", "zh": "你这一步是："}[lang] in text_of(app, "#tutorial")
        await keys(pilot, "s", "a", "l")
        assert step.format(2) in text_of(app, "#tutorial") and screen.query_one("#client").has_class("-tutorial-focus")
        await keys(pilot, "c", "a", "c", "enter")
        assert step.format(4) in text_of(app, "#tutorial") and screen.query_one("#wire").has_class("-tutorial-focus")
        await keys(pilot, "x")  # the SYN+ACK is lost
        assert "✗" in ladder(app) and screen.query_one("#ladder").has_class("-tutorial-focus")
        await keys(pilot, "s", "t", "r", "enter", "enter")
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)
        assert step.format(8) in text_of(app, "#tutorial") and " c   a   f " in text_of(app, "#tutorial")
        await keys(pilot, "c", "a", "f")  # handed over: the sandbox is the player's
        assert states(app)[0] is State.FIN_WAIT_1
        await keys(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_home_screen_opens_the_tutorial_again():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "u")
        assert isinstance(app.screen, TutorialScreen)


# -- scenarios -------------------------------------------------------------------------------------


@LANGS
async def test_a_scenario_opens_with_its_story_and_the_keys_of_a_first_move(lang):
    app = make_app(
        DEFAULT_PREFS._replace(lang=lang), start="play", persist=False, opening=Opening(scenario=find("reuse"))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        assert states(app) == (State.SYN_SENT, State.TIME_WAIT)
        said = verdict(app)
        assert find("reuse").title.get(lang) in said and {"en": "Try:", "zh": "试试："}[lang] in said
        assert " 1   ⏎ " in said
        await keys(pilot, "enter")
        assert "timewait.syn-reuse" in verdict(app)


@LANGS
async def test_the_plain_sandbox_names_the_keys_of_a_first_move(lang):
    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)):
        said = verdict(app)
        assert " s   a   l " in said and " c   a   c " in said
        assert {"en": "the server listens", "zh": "服务器监听"}[lang] in said


async def test_the_scenario_list_opens_each_scenario():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "n")
        assert isinstance(app.screen, ScenarioListScreen)
        assert app.screen.query_one(OptionList).option_count == 7
        await keys(pilot, "down", "down", "down")
        preview = app.screen.query_one("#puzzle-preview").text
        assert find("reuse").title.en in preview or "TIME_WAIT" in preview
        await keys(pilot, "4")  # the number highlights, ⏎ opens
        assert isinstance(app.screen, ScenarioListScreen)
        await keys(pilot, "enter")
        assert isinstance(app.screen, PlayScreen) and states(app) == (State.SYN_SENT, State.TIME_WAIT)
        await keys(pilot, "q", "enter")  # back (asked first: no move made, so nothing is asked)
        assert isinstance(app.screen, (ScenarioListScreen, PlayScreen))


# -- auto-play -------------------------------------------------------------------------------------


async def test_the_sandbox_plays_its_game_back_a_move_a_step():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE)
        screen = app.screen
        await keys(pilot, "P")  # from the start again
        assert screen.autoplaying and not screen.game.history and "▶" in text_of(app, "#topbar")
        assert "Pause" in keybar(app)
        screen._autoplay_tick()  # what the timer does
        screen._autoplay_tick()
        assert len(screen.game.history) == 2
        await keys(pilot, "space")
        assert screen.autoplay_paused and "⏸" in text_of(app, "#topbar")
        screen._autoplay_tick()
        assert len(screen.game.history) == 2  # paused: nothing moves
        await keys(pilot, "plus", "plus", "minus")
        assert screen.autoplay_speed == DEFAULT_SPEED + 1
        await keys(pilot, "space")
        for _ in range(10):
            screen._autoplay_tick()
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED) and not screen.autoplaying
        await pilot.pause()
        assert "Pause" not in keybar(app)


async def test_a_move_of_the_players_stops_the_playback():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "P")
        screen = app.screen
        screen._autoplay_tick()
        await keys(pilot, "c", "a", "f")
        assert not screen.autoplaying and screen.game.history[-1].move.call.value == "close"
        assert not screen.game.can_redo  # a move of its own forgets the rest of the playback


async def test_a_moves_file_opens_at_its_start_and_plays_itself(tmp_path):
    from tcptui.games import read_game

    path = tmp_path / "game.moves"
    path.write_text("server listen\nclient connect\ndeliver 1\ndeliver 1\ndeliver 1\n", encoding="utf-8")
    app = make_app(DEFAULT_PREFS, start="play", persist=False, resume=read_game(path), opening=Opening(auto=True))
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert screen.autoplaying and not screen.game.history and screen.game.can_redo
        for _ in range(6):
            screen._autoplay_tick()
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)


async def test_a_puzzle_solution_plays_itself_back():
    from tcptui.puzzle.pack import get

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PuzzleScreen(get("close-shortcut")))
        await pilot.pause()
        await keys(pilot, "v", "enter")  # show the solution (asked first): it waits for ⏎ or space
        screen = app.screen
        assert screen.playback is not None and screen.autoplaying and screen.autoplay_paused
        await keys(pilot, "space")  # it plays itself
        assert not screen.autoplay_paused
        screen._autoplay_tick()
        assert len(screen.game.history) == 1
        await keys(pilot, "enter")  # a step by hand pauses it
        assert screen.autoplay_paused and len(screen.game.history) == 2
        await keys(pilot, "space")
        while screen.playback:
            screen._autoplay_tick()
            await pilot.pause()
        assert screen.finished is not None or screen.attempt.solved


async def test_a_capture_plays_itself_packet_by_packet():
    app = replay_app("active_close_client.pcap")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await keys(pilot, "P")
        screen._autoplay_tick()
        assert screen.index == 1
        await keys(pilot, "space")  # pauses (space is "next packet" only when nothing plays)
        assert screen.autoplay_paused and screen.index == 1
        await keys(pilot, "P", "space")  # stopped: space steps again
        assert not screen.autoplaying and screen.index == 2


# -- what if? -------------------------------------------------------------------------------------


@LANGS
async def test_a_branch_in_the_sandbox_shows_the_original_beside_it(lang):
    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "left")  # read the SYN+ACK's delivery again
        await keys(pilot, "w", "1")  # what if it had been lost?
        screen = app.screen
        assert screen.original is not None and states(app) == (State.SYN_SENT, State.SYN_RCVD)
        assert screen.has_class("-branched") and screen.query_one("#original-ladder").display
        mine = screen.query_one(HistoryLadder).border_title
        theirs = screen.query_one("#original-ladder", LadderView).border_title
        assert {"en": "WHAT IF", "zh": "如果"}[lang] in str(mine) and str(theirs)
        assert "✗" in ladder(app) and "#3 ACK" in screen.query_one("#original-ladder", LadderView).text
        await keys(pilot, "s", "t", "r", "enter", "enter")  # the branch plays on
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)
        await keys(pilot, "w", "x")  # drop the branch: back to the original
        assert screen.original is None and not screen.has_class("-branched")
        assert len(screen.game.history) == 5


async def test_a_branch_that_cannot_be_says_why():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "w", "1")  # listen() sends nothing
        assert "put no segment" in verdict(app) and app.screen.original is None


async def test_a_rst_instead_and_later_in_the_sandbox():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *HANDSHAKE, "left", "w", "3")  # a RST instead of the SYN+ACK
        assert app.screen.game.history[-1].sent[0].segment.label == "RST+ACK"
        await keys(pilot, "enter")
        assert states(app)[0] is State.CLOSED
        await keys(pilot, "w", "x", "left", "left", "w", "2")  # the SYN delivered later
        assert app.screen.game.world.wire[0].segment.label == "SYN"


async def test_a_branch_of_a_puzzle_is_a_sandbox_of_its_own():
    from tcptui.puzzle.pack import get

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PuzzleScreen(get("close-shortcut")))
        await pilot.pause()
        puzzle = app.screen
        await keys(pilot, "v", "enter", "enter", "enter")  # two moves of the solution
        await keys(pilot, "w", "1")  # what if the FIN had been lost?
        sandbox = app.screen
        assert isinstance(sandbox, PlayScreen) and not isinstance(sandbox, PuzzleScreen)
        assert sandbox.original is not None and sandbox.game.history[-1].rule == "net.drop"
        assert not puzzle.autoplaying
        await keys(pilot, "q", "enter")
        assert app.screen is puzzle


async def test_a_branch_of_a_capture_is_played_in_the_sandbox():
    app = replay_app("active_close_client.pcap")
    async with app.run_test(size=(80, 24)) as pilot:
        replay = app.screen
        await keys(pilot, "right", "right", "right")  # frame 4: the client's FIN
        await keys(pilot, "w", "1")  # … lost
        sandbox = app.screen
        assert isinstance(sandbox, PlayScreen) and sandbox.game.history[-1].rule == "net.drop"
        assert states(app) == (State.FIN_WAIT_1, State.ESTABLISHED)
        assert "FIN" in sandbox.query_one("#original-ladder", LadderView).text  # the capture beside it
        await keys(pilot, "c", "t", "r", "enter")  # the FIN again, delivered this time
        assert states(app) == (State.FIN_WAIT_1, State.CLOSE_WAIT)
        await keys(pilot, "q", "enter")
        assert app.screen is replay


# -- review sessions, practise my misses, the forecast --------------------------------------------


@LANGS
async def test_a_review_session_is_untimed_and_explains_every_answer(lang, tmp_path):
    reviews_due(tmp_path, wrong=lambda i: i % 2)
    app = make_app(
        DEFAULT_PREFS._replace(lang=lang), start="exam", persist=False, data_dir=str(tmp_path), exam=ExamOptions()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        intro = text_of(app, "#exam-intro")
        assert {"en": "Reviews due", "zh": "到期复习"}[lang] in intro  # the forecast
        await keys(pilot, "v")
        screen = app.screen
        assert isinstance(screen, ExamScreen) and not screen.exam.timed
        assert text_of(app, "#exam-clock") == {"en": "no timer", "zh": "不计时"}[lang]
        q = screen.question
        await keys(pilot, q.answer if q.answer else "a") if q.form.value == "choice" else None
        if q.form.value == "choice":
            feedback = text_of(app, "#exam-feedback")
            assert q.explanation(lang).split("。")[0].split(".")[0][:20] in feedback.replace("\n", "")


async def test_tcptui_exam_review_starts_the_session(tmp_path):
    reviews_due(tmp_path, wrong=lambda i: i % 2)
    app = make_app(DEFAULT_PREFS, start="exam", persist=False, data_dir=str(tmp_path), exam=ExamOptions(review=True))
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, ExamScreen) and not app.screen.exam.timed


@LANGS
async def test_esc_in_a_review_ends_the_review_not_an_exam(lang, tmp_path):
    reviews_due(tmp_path, wrong=lambda i: i % 2)
    prefs = DEFAULT_PREFS._replace(lang=lang)
    app = make_app(prefs, start="exam", persist=False, data_dir=str(tmp_path), exam=ExamOptions(review=True))
    async with app.run_test(size=(80, 24)) as pilot:
        bar = keybar(app)
        assert {"en": "End review", "zh": "结束复习"}[lang] in bar
        assert {"en": "End exam", "zh": "结束考试"}[lang] not in bar
        await keys(pilot, "escape")
        assert app.screen.title_text == {"en": "End the review now?", "zh": "现在结束复习？"}[lang]


async def test_nothing_due_says_so(tmp_path):
    app = make_app(DEFAULT_PREFS, start="exam", persist=False, data_dir=str(tmp_path), exam=ExamOptions())
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Review due" not in keybar(app)
        await keys(pilot, "v")
        assert not isinstance(app.screen, ExamScreen)


async def test_practise_my_misses_after_an_exam(tmp_path):
    app = make_app(DEFAULT_PREFS, start="exam", persist=False, data_dir=str(tmp_path), exam=ExamOptions(3, (), 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        exam = app.screen.exam
        await keys(pilot, "escape", "enter")  # end at once: every question unanswered
        assert "Practise my misses" in keybar(app)
        await keys(pilot, "m")
        screen = app.screen
        assert isinstance(screen, ExamScreen) and not screen.exam.timed
        assert {q.id for q in screen.exam.questions} == {q.id for q in exam.questions}


# -- the glossary, one key away -------------------------------------------------------------------


@pytest.mark.parametrize("start", ["home", "play", "puzzles", "exam"])
async def test_the_glossary_is_one_key_away(start, tmp_path):
    app = make_app(DEFAULT_PREFS, start=start, persist=False, data_dir=str(tmp_path), exam=ExamOptions())
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.screen
        await keys(pilot, "G")
        assert isinstance(app.screen, GlossaryScreen) and "SND.UNA" in plain(
            app.screen.query_one("#glossary", Static).content
        )
        await keys(pilot, "G")
        assert app.screen is before


async def test_the_glossary_key_types_into_a_text_field():
    from textual.widgets import Input

    seed = next(s for s in range(200) if generate_exam(s, minutes=5).questions[0].form.value == "typed")
    app = make_app(DEFAULT_PREFS, start="exam", persist=False, exam=ExamOptions(5, (), seed))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        assert app.screen.question.form.value == "typed"
        await keys(pilot, "G")
        assert isinstance(app.screen, ExamScreen) and app.screen.query_one(Input).value == "G"


# -- a capture made into a puzzle, solved by a player ----------------------------------------------

# The capture's close as keys: the client's close(), delivered; the server's ACK sent by hand (manual
# replies) and delivered; the server's close(), delivered; the client's last ACK, delivered.
CAPTURE_CLOSE = "caf" + "\r" + "sp3" + "\r" + "saf" + "\r" + "cp3" + "\r"


async def test_a_puzzle_made_from_a_capture_is_solved_with_keys(tmp_path):
    from tcptui.capture.puzzle import make_puzzle

    made = make_puzzle(str(KERNEL_CAPTURES / "active_close_client.pcap"), PROFILES[ProfileName.LINUX], 0)
    app = make_app(DEFAULT_PREFS, start="play", persist=False, opening=Opening(puzzle=made.puzzle))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PuzzleScreen) and "seq=?" in verdict(app)
        await keys(pilot, *[{"\r": "enter"}.get(k, k) for k in CAPTURE_CLOSE])
        assert screen.finished is not None and screen.finished.stars == 3
