"""The screen follows the game, the history can be read again, nothing is lost on leaving, the
settings explain themselves and keep only what the player changed (Pilot, 80×24)."""

import pytest
from textual import events

from tcptui.core import State
from tcptui.games import last_game_path, read_game
from tcptui.progress.settings import load_settings
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.widgets.ladder import HistoryLadder
from tcptui.ui.widgets.verdict import VerdictPane
from tcptui.ui.widgets.wire import WireList

from .helpers import app_for, keys, settle, verdict

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
# §4.2 up to the client's RST answering TIME_WAIT's old ACK: a long explanation
SERVER_CLOSES = ("s", "a", "f", "enter", "enter")
CLIENT_CLOSES = ("c", "a", "f", "enter", "enter")
TO_BAD_ACK = HANDSHAKE + SERVER_CLOSES + CLIENT_CLOSES + ("c", "a", "c", "enter", "enter")


def states(app):
    world = app.screen.game.world
    return world.client.state, world.server.state


async def burst(pilot, *names: str) -> None:
    """Post every key at once, as a terminal does with keys typed ahead, then let the app settle."""
    chars = {"enter": "\r", "tab": "\t", "comma": ","}
    for name in names:
        pilot.app.post_message(events.Key(name, chars.get(name, name if len(name) == 1 else None)))
    await settle(pilot)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_keys_posted_at_once_are_applied_in_order(lang):
    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *TO_BAD_ACK, "enter", "c", "t", "r", "enter", "enter", "enter")
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)
        assert len(app.screen.game.history) == 19 and app.screen.menu is None


async def test_a_long_explanation_has_a_more_mark_and_pages():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *TO_BAD_ACK)
        pane = app.screen.query_one(VerdictPane)
        assert app.screen.game.history[-1].rule == "synsent.bad-ack"
        last = pane.render_line(pane.size.height - 1).text
        assert pane.more_below and "▼" in last and "PgDn" in last
        assert "once." not in pane.text.splitlines()[pane.size.height - 1]
        await keys(pilot, "pagedown")
        shown = [pane.render_line(y).text for y in range(pane.size.height)]
        assert shown[-1].strip() == "once." and not pane.more_below and "▼" not in shown[-1]
        await keys(pilot, "pageup")
        assert pane.scroll_offset.y == 0
        pane.post_message(events.MouseScrollDown(pane, 2, 2, 0, 1, 0, False, False, False))  # the wheel too
        await pilot.pause()
        assert pane.scroll_offset.y == 1


async def test_the_ladder_shows_the_move_just_made_the_first_time_it_overflows():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        ladder = app.screen.query_one(HistoryLadder)
        for key in (*HANDSHAKE, "c", "a", "d", "enter", "enter"):
            await keys(pilot, key)
            newest = len(ladder._strips) - 1
            assert ladder.scroll_offset.y <= newest < ladder.scroll_offset.y + ladder.size.height
            assert ladder.current == newest  # and it is the marked row


async def test_the_wire_keeps_the_highlighted_segment_in_view():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE)
        for _ in range(5):
            await keys(pilot, "c", "a", "d")
        wire = app.screen.query_one(WireList)
        assert len(app.screen.game.world.wire) == 5 and wire._starts[5] > wire.size.height  # not all in view
        await keys(pilot, "5")
        top = wire.scroll_offset.y
        assert top <= wire._starts[4] and wire._starts[5] <= top + wire.size.height
        await keys(pilot, "enter")
        assert "#8" in verdict(app)  # the fifth segment (#8) was delivered: the one in view


async def test_an_earlier_verdict_can_be_read_again_without_undoing():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE)
        game = app.screen.game
        await keys(pilot, "left")
        assert app.screen.reading == 3 and "handshake.synack" in verdict(app)
        assert len(game.history) == 5  # nothing undone
        ladder = app.screen.query_one(HistoryLadder)
        assert app.screen.rows[ladder.current].move == 3  # the row read is the marked one
        await keys(pilot, "left")
        assert "handshake.syn-received" in verdict(app)
        await keys(pilot, "end")
        assert app.screen.reading is None and "handshake.ack" in verdict(app)
        await pilot.click(HistoryLadder, offset=(30, 1))  # the row of the first move: server listen()
        assert app.screen.reading == 0 and "app.listen" in verdict(app)
        await keys(pilot, "down")  # the ladder has focus now: ↓ reads the next move
        assert app.screen.reading == 1 and "app.connect" in verdict(app)
        await keys(pilot, "c", "a", "d")  # a move goes back to the present
        assert app.screen.reading is None and "app.send" in verdict(app)


async def test_leaving_asks_and_keeps_the_game(tmp_path):
    app = make_app(DEFAULT_PREFS, start="home", seed=1, persist=True, data_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "p", *HANDSHAKE, "q")
        assert type(app.screen).__name__ == "MessageScreen"
        await keys(pilot, "escape")  # stay
        assert type(app.screen).__name__ == "PlayScreen"
        await keys(pilot, "q", "enter")
        assert type(app.screen).__name__ == "HomeScreen"
        kept = read_game(last_game_path(tmp_path))
        assert len(kept.moves) == 5
        await keys(pilot, "c")  # Continue
        assert type(app.screen).__name__ == "PlayScreen" and states(app) == (State.ESTABLISHED,) * 2


async def test_a_puzzle_or_an_empty_sandbox_leaves_at_once():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "p", "q")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_settings_explain_the_highlighted_option_and_keep_command_line_options_to_the_session(tmp_path):
    saved = DEFAULT_PREFS
    session = saved._replace(profile="linux")  # tcptui play --profile linux
    app = make_app(session, start="play", persist=True, saved_prefs=saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "comma")
        explain = str(app.screen.query_one("#settings-explain").content)
        assert "§2" in explain  # replies: what each side owes
        await keys(pilot, "down", "down")
        explain = str(app.screen.query_one("#settings-explain").content)
        assert "RFC 6191" in explain and "command line" in explain
        await keys(pilot, "up", "up", "enter", "s")  # replies → manual, saved; the profile untouched
    stored = load_settings()
    assert stored.replies.value == "manual" and stored.profile.value == "textbook"
    assert app.prefs.profile == "linux"  # still this session's


async def test_export_writes_a_moves_file_that_reopens(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "e", "g")
    path = next(tmp_path.glob("tcptui-game-*.moves"))
    assert read_game(path).game().world.server.state is State.ESTABLISHED
