"""Whole games played through keys, as a player would; assertions on what the widgets show."""

import pytest

from tcptui.core import State

from .helpers import app_for, keybar, keys, ladder, panel, plain, verdict, wire

# server listen; client connect; the three segments of the handshake delivered
HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")


def states(app):
    world = app.screen.game.world
    return world.client.state, world.server.state


async def test_handshake():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "c", "a", "c")
        assert "SYN_SENT" in panel(app, "client") and "LISTEN" in panel(app, "server")
        assert wire(app) == ["1 → #1 SYN seq=x"]
        await keys(pilot, "enter")
        assert "SYN_RCVD" in panel(app, "server") and "handshake.syn-received" in verdict(app)
        assert "#2 SYN+ACK seq=y ack=x+1" in wire(app)[0]
        await keys(pilot, "enter", "enter")
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)
        assert "ESTABLISHED" in panel(app, "client") and "ESTABLISHED" in panel(app, "server")
        text = ladder(app)
        assert "#1 SYN seq=x" in text and "#2 SYN+ACK seq=y ack=x+1" in text and "#3 ACK seq=x+1 ack=y+1" in text
        assert "handshake.ack" in verdict(app) and "§2" in verdict(app)


async def test_four_way_close():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "c", "a", "f", "enter")  # client close(): FIN delivered
        assert states(app) == (State.FIN_WAIT_1, State.CLOSE_WAIT) and "§3.2" in verdict(app)
        await keys(pilot, "enter")  # its ACK
        assert states(app) == (State.FIN_WAIT_2, State.CLOSE_WAIT)
        await keys(pilot, "s", "a", "f", "enter")  # server close(): FIN delivered
        assert states(app) == (State.TIME_WAIT, State.LAST_ACK)
        await keys(pilot, "enter")
        assert states(app) == (State.TIME_WAIT, State.CLOSED)
        assert "TIME_WAIT" in panel(app, "client") and "2MSL" in panel(app, "client")
        await keys(pilot, "c", "t", "m")  # the 2MSL timer
        assert states(app) == (State.CLOSED, State.CLOSED) and "timewait.2msl-expired" in verdict(app)


async def test_fin_ack_shortcut():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "c", "a", "f", "enter")  # the server's ACK of the FIN is in flight
        await keys(pilot, "x")  # …and lost
        assert "✗" in ladder(app)
        await keys(pilot, "s", "a", "f", "enter")  # the server's FIN carries the same ACK
        assert states(app) == (State.TIME_WAIT, State.LAST_ACK)
        assert "close.fin-ack-shortcut" in verdict(app) and "FIN_WAIT_1 → TIME_WAIT" in verdict(app)
        assert "FIN_WAIT_2" not in ladder(app)


async def test_port_reuse_dance():
    """§4.2: the server closed first and waits in TIME_WAIT; the client connects again at once."""
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *HANDSHAKE, "s", "a", "f", "enter", "enter", "c", "a", "f", "enter", "enter")
        assert states(app) == (State.CLOSED, State.TIME_WAIT)
        await keys(pilot, "a", "c", "enter")  # the new SYN meets TIME_WAIT: the old ACK comes back
        assert "timewait.syn-reuse" in verdict(app) and "§4.2" in verdict(app)
        await keys(pilot, "enter")  # the client answers RST
        assert "synsent.bad-ack" in verdict(app) and "RST" in wire(app)[0]
        await keys(pilot, "enter")  # the RST ends TIME_WAIT
        assert states(app) == (State.SYN_SENT, State.CLOSED) and "timewait.rst" in verdict(app)
        await keys(pilot, "t", "r", "enter", "enter", "enter")  # SYN again: a normal handshake
        assert states(app) == (State.ESTABLISHED, State.ESTABLISHED)


async def test_rst_to_a_closed_port():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "a", "c", "enter")
        assert "rst.no-listener" in verdict(app) and "§4.4.1" in verdict(app)
        assert "RST+ACK" in wire(app)[0]
        await keys(pilot, "enter")
        assert states(app) == (State.CLOSED, State.CLOSED) and "rst.refused" in verdict(app)
        assert "RST+ACK" in ladder(app)


async def test_manual_replies_wrong_then_right():
    app = app_for(replies="manual")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "c", "a", "c", "enter")
        server = app.screen.query_one("#server")
        assert wire(app) == ["nothing in flight"] and "owes 1" in server.border_subtitle
        assert "owes a reply" in verdict(app)
        await keys(pilot, "p", "3")  # the server "answers" with a bare ACK
        assert "send.not-the-reply" in verdict(app) and "SYN+ACK" in verdict(app)
        assert "owes SYN+ACK" in panel(app, "server")  # not "SYN+ACK sent": nothing was sent yet
        await keys(pilot, "p", "2")  # SYN+ACK: what a correct stack sends
        assert "send.reply" in verdict(app) and "correct" in verdict(app)
        assert "owes" not in (server.border_subtitle or "")
        assert "SYN+ACK sent" in panel(app, "server")


async def test_manual_replies_in_chinese_say_the_syn_ack_is_owed_not_sent():
    app = app_for(replies="manual", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "c", "a", "c", "enter")
        assert "欠 SYN+ACK" in panel(app, "server") and "已发" not in panel(app, "server")
        await keys(pilot, "p", "2")
        assert "已发 SYN+ACK" in panel(app, "server")


async def test_illegal_send_is_explained_and_still_sent():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "p", "3")  # an ACK from CLOSED
        assert "illegal" in verdict(app) and "send.no-connection" in verdict(app)
        assert len(wire(app)) == 1 and "ACK" in wire(app)[0]
        assert "illegal 1" in app.screen.query_one("#verdict").border_title


async def test_language_switches_without_losing_the_game():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE)
        history = app.screen.game.history
        await keys(pilot, "L")
        assert app.prefs.lang == "zh" and app.screen.game.history == history
        assert "客户端" in app.screen.query_one("#client").border_title
        assert "第三次握手" in verdict(app) or "握手" in verdict(app)


async def test_undo_redo_restart():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE)
        await keys(pilot, "u", "u")
        assert states(app) == (State.SYN_SENT, State.SYN_RCVD)
        await keys(pilot, "r")
        assert states(app) == (State.ESTABLISHED, State.SYN_RCVD)
        await keys(pilot, "R", "enter")  # asked first: the game has moves
        assert states(app) == (State.CLOSED, State.CLOSED) and app.screen.game.can_redo


async def test_crash_and_restart_a_host():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "s", "exclamation_mark")  # a menu: crash or reboot
        assert "! crash (power cut: silence)" in keybar(app) and "r reboot" in keybar(app)
        await keys(pilot, "exclamation_mark")
        assert "host DOWN" in panel(app, "server")
        await keys(pilot, "exclamation_mark")  # a host that is down only restarts
        assert states(app)[1] is State.LISTEN and "host.restart" in verdict(app)
        await keys(pilot, "c", "a", "d", "enter")  # the client's data meets the restarted server
        assert "rst.listen-unknown" in verdict(app) and "§4.4.4" in verdict(app)


async def test_reboot_answers_rst_and_the_errno_is_shown():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "s", "exclamation_mark", "r")  # the server reboots at once
        assert "host.reboot" in verdict(app) and "server host reboots" in verdict(app)
        await keys(pilot, "c", "a", "d", "enter", "enter")  # the client's data; the rebooted host's RST
        assert states(app)[0] is State.CLOSED
        assert "ECONNRESET" in verdict(app)  # what the client's application sees, on a line of its own


async def test_pack_moves_from_the_menus():
    """accept() and kill -9 in the App menu, keep-alive in the Timer menu, a SYN flood on F."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "s", "a")
        bar = keybar(app)
        assert all(choice in bar for choice in ("e accept", "k kill -9", "u SO_REUSEADDR")), bar
        await keys(pilot, "e")  # the server's application takes the connection
        assert "app.accept" in verdict(app) and "not accept()ed" not in panel(app, "server")
        await keys(pilot, "c", "t")
        assert "k keep-alive" in keybar(app)
        await keys(pilot, "k")
        assert "timer.keepalive" in verdict(app) and "ACK seq=x ack=y+1" in wire(app)[0]  # SEQ = SND.NXT − 1
        await keys(pilot, "enter", "s", "a", "k")  # the probe answered; then the server's process is killed
        assert "app.crash-fin" in verdict(app) and "server process killed (kill -9)" in verdict(app)
        assert states(app)[1] is State.FIN_WAIT_1


@pytest.mark.parametrize(("profile", "rule"), [("textbook", "flood.dropped"), ("linux", "flood.cookies")])
async def test_syn_flood_key_fills_the_listeners_queue(profile, rule):
    app = app_for(profile=profile)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "F")
        assert "1 10 SYNs" in keybar(app)
        await keys(pilot, "3")  # 1000 forged SYNs: more than the backlog of 128; the rest dropped, or cookies (linux)
        assert "1000 forged SYNs reach the server" in verdict(app) and "SYN queue: 128 of 128" in verdict(app)
        assert rule in verdict(app) and "SYN 128/128" in panel(app, "server")
        assert not app.screen.game.world.wire  # summarised: no segment of the flood travels on the wire


async def test_help_shows_keys_and_the_diagram():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "question_mark")
        from textual.widgets import Static

        text = "\n".join(str(w.content) if isinstance(w.content, str) else "" for w in app.screen.query(Static))
        assert "Keys" in text
        diagram = plain(app.screen.query_one("#diagram", Static).content, 120)
        assert "rcv FIN / snd ACK" in diagram and "→ CLOSING" in diagram  # FINs crossing lead there too
        assert "rcv RST+ACK of our SYN (refused)" in diagram  # §4.4.1, which the probe-drawn diagram missed
        await keys(pilot, "escape")
        assert app.screen.__class__.__name__ == "PlayScreen"


def _styled_states(renderable) -> dict:
    """State name → the styles it is drawn with, anywhere in the help's diagram."""
    from rich.table import Table
    from rich.text import Text

    found: dict = {}

    def text(t: Text) -> None:
        for state in State:
            if t.plain == state.value:
                found.setdefault(state, set()).add(str(t.style))
        for span in t.spans:
            name = t.plain[span.start : span.end]
            if name in {s.value for s in State}:
                found.setdefault(State(name), set()).add(str(span.style))

    for part in renderable.renderables:
        if isinstance(part, Table):
            for column in part.columns:
                for cell in column._cells:
                    if isinstance(cell, Text):
                        text(cell)
        elif isinstance(part, Text):
            text(part)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_help_highlights_both_endpoints_states_in_the_diagram(lang):
    from textual.widgets import Static

    from tcptui.ui.look import STATE_STYLE

    app = app_for(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "c", "a", "c", "enter", "enter", "enter")  # the handshake
        await keys(pilot, "c", "a", "f", "enter", "enter")  # the client closes; the server ACKs its FIN
        assert states(app) == (State.FIN_WAIT_2, State.CLOSE_WAIT)
        await keys(pilot, "question_mark")
        content = app.screen.query_one("#diagram", Static).content
        said = plain(content, 76)
        assert "FIN_WAIT_2" in said.splitlines()[0] and "CLOSE_WAIT" in said.splitlines()[0]  # the legend
        styles = _styled_states(content)
        for state in (State.FIN_WAIT_2, State.CLOSE_WAIT):
            assert STATE_STYLE[state] in styles[state], state
        for state in (State.LISTEN, State.SYN_SENT, State.TIME_WAIT):
            assert STATE_STYLE[state] not in styles[state], state
        assert max(len(line.rstrip()) for line in said.splitlines()) <= 76  # fits the 80-column dialog


async def test_settings_change_the_game_live():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "comma", "enter", "s")  # first setting: replies auto → manual; save
        assert app.prefs.replies == "manual"
        assert app.screen.game.world.replies.value == "manual"
        await keys(pilot, "comma", "down", "enter", "s")  # numbers → real
        assert app.prefs.numbers == "real"


async def test_export_ladder_and_svg(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *HANDSHAKE, "e", "t")
        await keys(pilot, "e", "m")
        await keys(pilot, "e", "v")
    text = next(tmp_path.glob("tcptui-ladder-*.txt")).read_text(encoding="utf-8")
    assert "#1 SYN seq=x" in text and "ESTABLISHED" in text
    assert next(tmp_path.glob("tcptui-ladder-*.mmd")).read_text(encoding="utf-8").startswith("sequenceDiagram")
    assert next(tmp_path.glob("tcptui-screen-*.svg")).read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("size", [(79, 24), (80, 23), (40, 10)])
async def test_too_small_says_so(size):
    app = app_for()
    async with app.run_test(size=size):
        assert app.screen.has_class("-too-small")
        assert "80×24" in str(app.screen.query_one("#too-small").content)


async def test_command_palette_reaches_every_move_and_action():
    from tcptui.ui.palette import entries_for

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "s", "a", "l", "c", "a", "c", "u")
        titles = {entry.title for entry in entries_for(app.screen, "en")}
        for label in (
            "server listen()",
            "client sends SYN",
            "client sends RST+ACK",
            "server timer: RTO",
            "client crashes",
            "client host reboots",
            "server accept()",
            "server process killed (kill -9)",
            "client timer: keep-alive",
            "1000 forged SYNs reach the server",
            "Undo",
            "Redo",
            "Export…",
            "Settings",
            "Help",
            "Restart game",
            "Quit",
        ):
            assert label in titles, label
        await keys(pilot, "r")  # the SYN is in flight again: the network's moves on it are listed
        titles = {entry.title for entry in entries_for(app.screen, "en")}
        assert {"deliver #1 SYN seq=x", "lose #1 SYN seq=x", "duplicate #1 SYN seq=x"} <= titles


async def test_home_screen_opens_play():
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.__class__.__name__ == "HomeScreen"
        await keys(pilot, "p")
        assert app.screen.__class__.__name__ == "PlayScreen"
        await keys(pilot, "q")
        assert app.screen.__class__.__name__ == "HomeScreen"
