"""The interactive replay, through keys: choose a connection, step to a RST and read why, step back,
go to a frame, switch language; open a capture from the home screen; and `tcptui replay` in a
real terminal (the view) or piped / with --summary (the printed summary)."""

import os
import subprocess
import sys

import pexpect
import pytest
from textual.widgets import Static

from tcptui.capture.browse import load
from tcptui.capture.export import game_to_pcap
from tcptui.core import PROFILES, ProfileName
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.replay import ReplayScreen
from tcptui.ui.screens.replay_pick import ReplayPickScreen
from tcptui.ui.widgets.keybar import KeyBar
from tcptui.ui.widgets.ladder import SteppedLadder
from tcptui.ui.widgets.packet import PacketBox
from tcptui.ui.widgets.replay_verdict import PacketVerdict
from tcptui.ui.widgets.states import StatePanel

from ..conftest import KERNEL_CAPTURES, ROOT
from .helpers import app_for, keys, plain
from .test_e2e import TCPTUI, Terminal

LINUX = PROFILES[ProfileName.LINUX]
REUSE = KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap"
FORGOT = (
    "server listen; client connect; deliver 1; deliver 1; deliver 1; server crash; server restart; "
    "client send-data; deliver 1; deliver 1"
).split("; ")


def replay_app(path, conn=None, lang="en"):
    """The app as `tcptui replay PATH [--conn N]` opens it on a terminal."""
    return make_app(DEFAULT_PREFS._replace(lang=lang), start="replay", persist=False, capture=(load(path, LINUX), conn))


@pytest.fixture
def forgot(tmp_path):
    """A game exported as pcap: the server crashes and restarts, the client's data meets a RST."""
    path = tmp_path / "forgot.pcap"
    game_to_pcap(FORGOT, path)
    return path


def shown(app) -> dict:
    """What the replay screen shows, widget by widget, as plain text."""
    screen = app.screen
    return {
        "client": screen.query_one("#client", StatePanel).text,
        "server": screen.query_one("#server", StatePanel).text,
        "packet": screen.query_one(PacketBox).text,
        "verdict": screen.query_one(PacketVerdict).text,
        "ladder": screen.query_one(SteppedLadder).text,
        "keys": screen.query_one(KeyBar).content.plain,
    }


async def test_choose_a_connection_step_to_the_rst_and_back():
    app = replay_app(REUSE)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReplayPickScreen)
        listing = app.screen.query_one("#replay-list")
        assert listing.option_count == 2
        first_entry = listing.get_option_at_index(0).prompt.plain
        assert "server ends in  ○ CLOSED" in first_entry and "⚑ TIME_WAIT ended in #1" in first_entry
        await keys(pilot, "1")
        assert listing.highlighted == 1
        preview = str(app.screen.query_one("#replay-preview").content)
        assert "synsent.bad-ack (§4.2)" in preview and "frame 10: RST from the client" in preview
        await keys(pilot, "enter")
        assert isinstance(app.screen, ReplayScreen) and app.screen.summary.conn == 1
        first = shown(app)
        assert "frame 8 · 1 of 6" in first["packet"]
        assert "SYN_SENT" in first["client"] and "TIME_WAIT" in first["server"]
        assert "timewait.syn-reuse" in first["verdict"] and "§4.2" in first["verdict"]
        await keys(pilot, "r")  # to the RST
        rst = shown(app)
        assert "frame 10" in rst["packet"] and "R · RST" in rst["packet"] and "CLOSED" in rst["server"]
        assert "why the CLIENT sent it:  synsent.bad-ack  · notes §4.2" in rst["verdict"]
        assert "timewait.rst" in rst["verdict"] and "TIME_WAIT → CLOSED" in rst["verdict"]
        assert "owes SYN" in rst["client"]  # Linux re-sends its SYN at once
        await keys(pilot, "left")
        back = shown(app)
        assert "frame 9" in back["packet"] and "synsent.bad-ack" in back["verdict"]
        assert "why the SERVER sent it:  timewait.syn-reuse" in back["verdict"]
        await keys(pilot, "L")
        zh = shown(app)
        assert "第 9 帧" in zh["packet"] and "服务器为什么发它" in zh["verdict"] and "上一个" in zh["keys"]
        await keys(pilot, "q")
        assert isinstance(app.screen, ReplayPickScreen) and "客户端结束于" in str(listing.get_option_at_index(0).prompt)


async def test_stepping_keys_and_their_limits():
    app = replay_app(REUSE, conn=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert "Previous" not in shown(app)["keys"] and "Next" in shown(app)["keys"]
        await keys(pilot, "left")  # nothing before the first packet
        assert screen.index == 0
        await keys(pilot, "space", "right")
        assert screen.index == 2
        await keys(pilot, "end")
        assert screen.index == 5 and "frame 13" in shown(app)["packet"] and "→  Next" not in shown(app)["keys"]
        await keys(pilot, "home")
        assert screen.index == 0
        ladder = screen.query_one(SteppedLadder)
        assert ladder.current == 0 and "#8 SYN seq=x'" in ladder.text and "#9 ACK seq=y+2 ack=x+2" in ladder.text
        await pilot.click(SteppedLadder, offset=(40, 4))  # the fifth arrow
        await pilot.pause()
        assert screen.index == 4 and ladder.current == 4


async def test_go_to_a_frame():
    app = replay_app(REUSE, conn=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "g", "3", "enter")
        assert "frame 3 is not in this connection (8–13)" in str(app.screen.query_one("#ask-error").content)
        await keys(pilot, "backspace", "1", "1", "enter")
        assert isinstance(app.screen, ReplayScreen) and app.screen.index == 3 and "frame 11" in shown(app)["packet"]
        await keys(pilot, "g", "escape")
        assert app.screen.index == 3


async def test_an_exported_game_explains_its_rst(forgot):
    app = replay_app(forgot)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReplayScreen)  # one connection: no list
        await keys(pilot, "r")
        rst = shown(app)
        assert "frame 5" in rst["packet"] and "rst.listen-unknown  · notes §4.4.4" in rst["verdict"]
        assert "crashed and" in rst["verdict"] and "restarted" in rst["verdict"]  # the story the replay took
        assert "PgDn" in rst["keys"]  # the rest of the explanation is one key away
        await keys(pilot, "pagedown")
        assert app.screen.query_one(PacketVerdict).scroll_offset.y > 0 and "PgDn" not in shown(app)["keys"]
        await keys(pilot, "question_mark")  # every key, with what it does
        assert any("the next RST, and why it was sent" in plain(static.content) for static in app.screen.query(Static))


async def test_home_opens_a_capture():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "r")
        field = app.screen.query_one("#ask-input")
        field.value = str(KERNEL_CAPTURES / "nothing-here.pcap")
        await keys(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No such file" in str(app.screen.query_one("#ask-error").content)
        field.value = str(REUSE)
        await keys(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReplayPickScreen)
        await keys(pilot, "enter")
        assert isinstance(app.screen, ReplayScreen) and app.screen.summary.conn == 0
        await keys(pilot, "q", "q")
        assert app.screen.__class__.__name__ == "HomeScreen"


async def test_too_small_says_so(forgot):
    app = replay_app(forgot)
    async with app.run_test(size=(70, 20)):
        assert app.screen.has_class("-too-small")


def test_piped_output_and_summary_flag_print_the_summary(forgot):
    for extra in ([], ["--summary"]):
        out = subprocess.run(
            [sys.executable, "-m", "tcptui", "replay", str(forgot), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
            timeout=60,
        )
        assert out.returncode == 0 and "rst.listen-unknown" in out.stdout and "client → server" in out.stdout


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_a_terminal_gets_the_view_and_summary_flag_the_table(forgot, tmp_path):
    env = {"TCPTUI_DATA_DIR": str(tmp_path)}
    t = Terminal("replay", str(forgot), "--lang", "en", env=env)
    try:
        t.wait_for("frame 1 · 1 of 5")
        t.keys("r")
        screen = t.wait_for("rst.listen-unknown")
        assert "§4.4.4" in screen and "#5 RST seq=y+1" in screen
        t.keys("q")
        t.wait_for("Replay a capture")
        t.keys("q")
        t.child.expect(pexpect.EOF, timeout=10)
    finally:
        t.close()
    t = Terminal("replay", str(forgot), "--summary", "--lang", "en", env=env)
    try:
        t.wait_for("rst.listen-unknown")
        t.child.expect(pexpect.EOF, timeout=10)
        assert "ends in" in t.text() and "rst.listen-unknown" in t.text()
    finally:
        t.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_key_is_labelled_and_explained(lang):
    from tcptui.text import catalogue

    strings = catalogue(lang).UI
    for screen in (ReplayScreen, ReplayPickScreen):
        for binding in screen.BINDINGS:
            if not binding.action.startswith("pick"):
                assert f"key.{binding.action}" in strings and f"help.{binding.action}" in strings, binding.action
