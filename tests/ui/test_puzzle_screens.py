"""The puzzle list, the puzzle screen and the result, played through keys as a player would."""

import pytest
from textual.widgets import OptionList, Static

from tcptui.core import State
from tcptui.core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Reboot, Restart, Send
from tcptui.progress.store import Store
from tcptui.puzzle.attempt import Attempt
from tcptui.puzzle.load import load_text
from tcptui.puzzle.pack import get, load_pack
from tcptui.ui.screens.choice import ChoiceScreen
from tcptui.ui.screens.puzzle import PuzzleScreen
from tcptui.ui.widgets.goal import GoalPane, goal_items
from tcptui.ui.widgets.keybar import binding_label

from .helpers import app_for, keybar, keys, plain, verdict

# handshake-first: server listen; client connect; the three segments delivered
FIRST = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")


def screen(app) -> str:
    return type(app.screen).__name__


def listing(app) -> list[str]:
    options = app.screen.query_one("#puzzle-list", OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def goal(app) -> str:
    pane = app.screen.query_one(GoalPane)
    return (pane.border_title + "\n" + plain(pane.content, width=200)).replace("\u00a0", " ")


def dialog(app) -> str:
    """Everything a dialog says: its texts and its choices."""
    parts = [plain(w.content) if not isinstance(w.content, str) else w.content for w in app.screen.query(Static)]
    for options in app.screen.query(OptionList):
        parts += [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
    return "\n".join(parts)


async def open_puzzle(pilot, app, puzzle_id: str) -> None:
    app.push_screen(PuzzleScreen(get(puzzle_id)))
    await pilot.pause()


async def test_home_opens_the_puzzle_list_by_chapter():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "z")
        assert screen(app) == "PuzzleListScreen"
        lines = listing(app)
        assert lines[0].startswith("Handshake (§2)") and "0 / 4 solved" in lines[0]
        assert "Three segments" in lines[1] and "§2" in lines[1] and "●○○○○" in lines[1] and "new" in lines[1]
        options = app.screen.query_one(OptionList)
        assert sum(options.get_option_at_index(i).disabled for i in range(options.option_count)) == 7  # chapters
        assert len([line for line in lines if " new " in line + " "]) == len(load_pack())
        assert "Two hosts, nothing open yet" in app.screen.query_one("#puzzle-preview").text


async def test_list_keys_jump_to_chapters_and_unsolved_puzzles():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        time_wait = [p.id for p in load_pack() if p.chapter.value == "time-wait"]
        await keys(pilot, "3")
        assert app.screen.highlighted.id == time_wait[0]
        await keys(pilot, "n")  # nothing solved yet: simply the next one
        assert app.screen.highlighted.id == time_wait[1]
        await keys(pilot, "1", "down", "enter")
        assert screen(app) == "PuzzleScreen" and app.screen.puzzle.id == load_pack()[1].id


async def test_a_click_plays_a_puzzle():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#puzzle-list", offset=(10, 2))  # line 0: the chapter; line 2: its second puzzle
        await pilot.pause()
        assert screen(app) == "PuzzleScreen" and app.screen.puzzle.id == load_pack()[1].id


async def test_a_puzzle_from_start_to_stars():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        assert screen(app) == "PuzzleScreen" and "Two hosts, nothing open yet" in verdict(app)
        assert "h hint (next move)" in goal(app)  # the puzzle's keys, until the first move
        assert "○ client in ESTABLISHED" in goal(app) and "moves 0 / par 5 (limit 8)" in goal(app)
        await keys(pilot, *FIRST)
        assert isinstance(app.screen, ChoiceScreen) and "★★★" in dialog(app) and "3 of 3 stars" in dialog(app)
        assert "Next puzzle: The SYN that never arrived" in dialog(app)
        with Store.open() as store:
            kept = store.best_results()["handshake-first"]
        assert (kept.stars, kept.moves, kept.hints) == (3, 5, 0)
        await keys(pilot, "q")  # back to the list
        assert screen(app) == "PuzzleListScreen"
        line = next(line for line in listing(app) if "Three segments" in line)
        assert "★★★" in line and "new" not in line
        assert f"solved 1 / {len(load_pack())}" in str(app.screen.query_one("#topbar").content)


async def test_stars_are_kept_across_restarts():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", *FIRST)
    again = app_for(start="puzzles")
    async with again.run_test(size=(80, 24)):
        line = next(line for line in listing(again) if "Three segments" in line)
        assert "★★★" in line and "new" not in line


async def test_only_the_moves_the_puzzle_offers():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", "a")  # the client's application: connect() only, in the key bar
        choices, _ = app.screen.menu
        assert [c.value for c in choices] == [get("handshake-first").moves.extra[1]]
        assert "connect" in keybar(app) and "listen" not in keybar(app)
        await keys(pilot, "escape")
        bar = keybar(app)
        assert "App" in bar and "Hint" in bar
        assert "Send" not in bar and "Timer" not in bar and "Drop" not in bar
        app.screen.play(Drop(0))  # not offered: refused, not counted
        await pilot.pause()
        assert "does not offer" in goal(app) and app.screen.attempt.illegal == 0


FORBIDDING = """
id = "no-abort"
chapter = "rst"
section = "4.4.3"
difficulty = 1
move_limit = 6
par = 3
title = { en = "No abort", zh = "不许 abort" }
story = { en = "Close without abort.", zh = "不用 abort 关闭。" }
hints = [{ en = "close()", zh = "close()" }]
[client]
state = "ESTABLISHED"
tcb = { iss = 1000, irs = 5000 }
[server]
state = "ESTABLISHED"
app = ["listening"]
tcb = { iss = 5000, irs = 1000 }
[moves]
allow = ["deliver"]
extra = ["server close", "server abort"]
forbid = ["server abort"]
[goal]
server = "FIN_WAIT_2"
"""


async def test_a_forbidden_move_is_refused_with_the_reason_and_counted():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PuzzleScreen(load_text(FORBIDDING, "no-abort.toml")))
        await pilot.pause()
        await keys(pilot, "s", "a")
        assert [c.label for c in app.screen.menu[0]] == ["close", "abort"]
        await keys(pilot, "a")  # abort
        assert "does not allow that move: server abort" in goal(app)
        assert app.screen.attempt.illegal == 1 and not app.screen.game.history
        assert "illegal 1" in goal(app)


async def test_a_hint_explains_the_next_move_and_can_make_it():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", "h")
        text = dialog(app)
        assert "Hint: server listen" in text and "5 move(s) to the goal" in text and "LISTEN" in text
        await keys(pilot, "enter")  # make it
        assert app.screen.game.world.server.state is State.LISTEN
        assert app.screen.attempt.hints == 1 and "hints 1" in goal(app)
        await keys(pilot, "c", "a", "c", "enter", "enter", "enter")
        assert "★★☆" in dialog(app) and "hints 1" in dialog(app)


async def test_a_written_hint_costs_a_star_too():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", "H")
        assert get("handshake-first").hints[0].en in dialog(app) and "Written hint 1 of 2" in dialog(app)
        await keys(pilot, "escape", "i")  # the story dialog lists the hints taken
        assert "Two hosts" in dialog(app) and get("handshake-first").hints[0].en in dialog(app)
        await keys(pilot, "escape")
        assert app.screen.attempt.hints == 1


async def test_the_solution_is_played_back_one_move_per_key():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_puzzle(pilot, app, "close-shortcut")
        await keys(pilot, "c", "a", "f")  # a move of our own first: playback starts from the start
        await keys(pilot, "v")
        assert "no stars" in dialog(app)
        await keys(pilot, "enter")
        assert not app.screen.game.history and "5 moves" in goal(app) and "Next step" in keybar(app)
        assert "App" not in keybar(app)
        for n in range(1, 5):
            await keys(pilot, "enter")
            assert len(app.screen.game.history) == n and f"move {n} of 5" in goal(app)
        assert str(app.screen.game.history[-1].move) == "deliver 2"
        await keys(pilot, "L")  # the step's message follows the language
        assert "答案第 4 / 5 步" in goal(app)
        await keys(pilot, "L")
        await keys(pilot, "enter")
        assert "☆☆☆" in dialog(app) and "solution shown" in dialog(app)
        with Store.open() as store:
            kept = store.best_results()["close-shortcut"]
        assert kept.shown and kept.stars == 0


async def test_playback_can_be_stopped():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_puzzle(pilot, app, "close-shortcut")
        await keys(pilot, "v", "enter", "enter", "escape")
        assert app.screen.playback is None and len(app.screen.game.history) == 1
        assert "App" in keybar(app) and "Playback stopped" in goal(app)


async def test_the_goal_pane_shows_what_is_done_and_what_must_never_happen():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_puzzle(pilot, app, "close-shortcut")
        assert "○ client in TIME_WAIT" in goal(app) and "○ server in CLOSED or LISTEN" in goal(app)
        assert "✓ never: client reaches FIN_WAIT_2" in goal(app)
        await keys(pilot, "c", "a", "f", "enter", "enter")  # the plain ACK arrives: FIN_WAIT_2
        assert "✗ never: client reaches FIN_WAIT_2" in goal(app)
        await keys(pilot, "u")
        assert "✓ never" in goal(app)


def test_goal_items_name_every_part_the_attempt_says_is_missing():
    for puzzle in load_pack():
        attempt = Attempt(puzzle)
        notations = {item.notation for item in goal_items(attempt, "en")}
        assert set(attempt.missing()) <= notations, puzzle.id
        assert all(item.text for item in goal_items(attempt, "zh"))


async def test_result_offers_retry_and_the_next_puzzle():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", *FIRST)
        assert " R   Retry" in dialog(app) and "Try again" not in dialog(app)
        await keys(pilot, "R")
        assert screen(app) == "PuzzleScreen" and app.screen.attempt.moves == 0 and app.screen.finished is None
        await keys(pilot, *FIRST, "escape")  # look at the board: moves are over, n/R/q remain
        assert "Next puzzle" in keybar(app) and " R Retry" in keybar(app) and "App" not in keybar(app)
        await keys(pilot, "n")
        assert app.screen.puzzle.id == "handshake-lost-syn"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_result_and_the_key_bar_name_each_choice_alike(lang):
    """The dialog's keys and words are the board's: what it offers, the key bar offers the same way."""
    app = app_for(start="puzzles", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", *FIRST)
        offered = {c.key: (c.value, c.label) for c in app.screen.choices}
        await keys(pilot, "escape")
        shown = {b.key: b for b in (a.binding for a in app.screen.active_bindings.values()) if b.show}
        action = {"next": "next_puzzle", "retry": "retry"}
        for key, (value, label) in offered.items():
            if value in action:
                assert shown[key].action == action[value]
                if value == "retry":
                    assert binding_label(shown[key], lang) == label


def families(moves) -> set[str]:
    """The key-bar actions that reach these moves."""
    names = {
        Deliver: "deliver",
        Drop: "drop",
        Duplicate: "duplicate",
        AppCall: "call",
        Send: "send",
        Fire: "timer",
        Crash: "crash",
        Restart: "crash",
        Reboot: "crash",
    }
    return {names[type(m)] for m in moves}


async def test_every_move_a_puzzle_offers_is_reachable_from_its_key_bar():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        for puzzle in load_pack():
            board = PuzzleScreen(puzzle)
            app.push_screen(board)
            await pilot.pause()
            for move in (None,) + tuple(Attempt(puzzle).solution()):
                if move is not None:
                    board.play(move)
                    await pilot.pause()
                    if board.finished is not None:
                        break
                shown = {a.binding.action for a in board.active_bindings.values() if a.binding.show and a.enabled}
                missing = families(board.allowed) - shown
                assert not missing, (puzzle.id, str(move), missing)
            while screen(app) != "HomeScreen":
                app.pop_screen()
                await pilot.pause()


async def test_puzzle_26_shows_crash_and_restart_on_its_key_bar():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_puzzle(pilot, app, "rst-server-restarted")
        assert "! Crash/restart" in keybar(app)
        await keys(pilot, "exclamation_mark")
        assert app.screen.game.world.server.down


async def test_goals_speak_in_words_and_end_conditions_wait_for_a_move():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_puzzle(pilot, app, "rst-server-restarted")
        assert "the server restarts, forgetting the connection" in goal(app) and "host.restart" not in goal(app)
        app.pop_screen()
        await open_puzzle(pilot, app, "handshake-first")
        assert "○ wire empty" in goal(app)  # nothing played yet: an empty wire is not an achievement
        await keys(pilot, "s", "a", "l")
        assert "✓ wire empty" in goal(app)  # after a move: where the game stands now
        await keys(pilot, "u")
        assert "○ wire empty" in goal(app)


async def test_a_section_past_the_notes_is_named_in_words():
    for lang, words in (("en", "beyond the notes"), ("zh", "笔记之外")):
        app = app_for(start="puzzles", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            beyond = [line for line in listing(app) if "29" in line[:5]]
            assert beyond and words in beyond[0] and "§beyond" not in beyond[0]
            await open_puzzle(pilot, app, "beyond-blind-rst")
            top = str(app.screen.query_one("#topbar").content)
            assert words in top and "§beyond" not in top


async def test_language_switch_keeps_the_attempt():
    app = app_for(start="puzzles")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "L")
        assert listing(app)[0].startswith("三次握手") and "新" in listing(app)[1]
        await keys(pilot, "enter", "s", "a", "l", "L")
        assert app.prefs.lang == "en" and app.screen.attempt.moves == 1
        await keys(pilot, "L")
        assert "目标" in goal(app) and "三个报文段" in str(app.screen.query_one("#topbar").content)
        assert "客户端处于 ESTABLISHED" in goal(app) and app.screen.attempt.moves == 1
        await keys(pilot, "c", "a", "c", "enter", "enter", "enter")
        assert "3 颗星" in dialog(app)


@pytest.mark.parametrize("size", [(79, 24), (80, 23)])
async def test_too_small_says_so(size):
    app = app_for(start="puzzles")
    async with app.run_test(size=size) as pilot:
        assert app.screen.has_class("-too-small")
        await keys(pilot, "enter")
        assert app.screen.has_class("-too-small") and "80×24" in str(app.screen.query_one("#too-small").content)


async def test_help_and_the_command_palette_list_the_puzzle_keys():
    app = app_for(start="puzzles")
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "enter")
        from tcptui.ui.palette import entries_for

        titles = {entry.title for entry in entries_for(app.screen, "en")}
        assert {"Hint", "Written hint", "Solution", "Story", "server listen()"} <= titles
        await keys(pilot, "question_mark")
        text = dialog(app)
        for words in ("the next move of a shortest solution", "Written hint", "one move per ⏎", "Deliver"):
            assert words in text, words


def test_a_rule_event_without_words_shows_its_rule_and_section():
    from tcptui.puzzle.goal import parse_event
    from tcptui.ui.widgets.goal import event_text

    assert event_text(parse_event("server rule host.restart"), "en") == "server: host.restart (§4.4.4)"
    assert event_text(parse_event("server rule host.restart"), "zh") == "服务器：host.restart（§4.4.4）"
    assert event_text(parse_event("rule close.simultaneous"), "en") == "close.simultaneous (beyond the notes)"
    assert event_text(parse_event("client reaches TIME_WAIT"), "en") == "client reaches TIME_WAIT"
