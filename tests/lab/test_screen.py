"""The play screen in lab mode, driven with Pilot against two real kernels: the §2 handshake and the
§4.2 dance key by key, each panel showing its kernel's state beside the engine's; a difference said
in the verdict pane; time passing with w while the keys typed after it wait; the report written
when the lab is left."""

import json
import types

import pytest

from tcptui.core.states import Side, State
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.lab import LabOptions, LabScreen

from ..ui.helpers import keys, panel, settle, verdict, wire
from .test_scenarios import listed_in_readme

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
# §4.2 (puzzles/15-reuse-dance.toml): the server closes first and waits in TIME_WAIT; the client's new
# SYN would be accepted (RFC 6191), so the network loses it and the player crafts an old-looking one,
# SYN seq=x+1; TIME_WAIT answers the old ACK, SYN_SENT answers RST and sends its SYN again, the RST
# ends TIME_WAIT, and the new handshake completes.
CLOSE = ("s", "a", "f", "enter", "enter", "c", "a", "f", "enter", "enter")
OLD_SYN = ("c", "a", "c", "x", "p", "e", "1", "ctrl+u", "x", "plus", "1", "enter")
DANCE = HANDSHAKE + CLOSE + OLD_SYN + ("enter",) * 6


def lab_app(lang: str = "en", rto_min_ms: int = 5000, outputs=None):
    """The lab's screen as `tcptui lab` opens it; a long minimum RTO, so that no kernel retransmits
    while a slow machine runs the keys."""
    prefs = DEFAULT_PREFS._replace(lang=lang)
    return make_app(prefs, start="lab", persist=False, lab=LabOptions({}, rto_min_ms, outputs))


async def typed(pilot, *names: str) -> None:
    """Keys typed ahead in one go (TypeAhead applies them in order), then settled."""
    await pilot.press(*names)
    await settle(pilot)


def kernel_and_engine(app, side: str) -> tuple[str, str]:
    """The panel's first two lines: the kernel's state, and the engine's line beneath it."""
    lines = panel(app, side).splitlines()
    return lines[0].strip().split()[-1], lines[1].strip()


async def test_the_handshake_against_the_kernels(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        assert "tcptui lab │ rto_min=5s ts=0 rfc1337=0" in str(app.screen.query_one("#topbar").render())
        await keys(pilot, "s", "a", "l")
        assert kernel_and_engine(app, "server") == ("LISTEN", "engine LISTEN ✓")
        await keys(pilot, "c", "a", "c")
        assert kernel_and_engine(app, "client") == ("SYN_SENT", "engine SYN_SENT ✓")
        assert "timer RTO" in panel(app, "client")
        assert wire(app) == ["1 → #1 SYN seq=x"]
        await keys(pilot, "enter")
        assert kernel_and_engine(app, "server") == ("SYN_RCVD", "engine SYN_RCVD ✓")
        assert wire(app) == ["1 ← #2 SYN+ACK seq=y ack=x+1"]
        await keys(pilot, "enter", "enter")
        for side in ("client", "server"):
            assert kernel_and_engine(app, side) == ("ESTABLISHED", "engine ESTABLISHED ✓")
        assert "RCV.NXT x+1" in panel(app, "server") and "RCV.NXT y+1" in panel(app, "client")
        assert verdict(app).startswith("✓ the kernels did what the engine predicted")
        lab = app.screen.lab
        assert [step.move for step in lab.steps] == ["server listen", "client connect"] + ["deliver 1"] * 3
        assert all(step.agrees for step in lab.steps)


async def test_the_reuse_dance_against_the_kernels(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, *HANDSHAKE, *CLOSE)
        assert kernel_and_engine(app, "server") == ("TIME_WAIT", "engine TIME_WAIT ✓")
        assert "timer 2MSL" in panel(app, "server")
        await typed(pilot, *OLD_SYN)
        # the crafted SYN, named after the old connection's ISN (beside the kernel's SYN retransmitted, if slow)
        assert [line for line in wire(app) if line.endswith(" SYN seq=x+1")]
        states = []
        # The network delivers what the notes' §4.2 delivers, whatever else is in flight: a slow machine
        # lets the client's kernel retransmit its SYN (after 1 s, whatever rto_min says), as a player sees.
        for wanted in ("→ SYN seq=x+1", "← ACK", "→ RST", "→ SYN seq=x'", "← SYN+ACK", "→ ACK"):
            await deliver(pilot, app, wanted)
            states.append((kernel_and_engine(app, "client")[0], kernel_and_engine(app, "server")[0]))
        assert states == [
            ("SYN_SENT", "TIME_WAIT"),  # TIME_WAIT answers with the old connection's ACK
            ("SYN_SENT", "TIME_WAIT"),  # SYN_SENT answers it with RST and sends its SYN again
            ("SYN_SENT", "LISTEN"),  # the RST ends TIME_WAIT (tcp_rfc1337=0)
            ("SYN_SENT", "SYN_RCVD"),
            ("ESTABLISHED", "SYN_RCVD"),
            ("ESTABLISHED", "ESTABLISHED"),
        ]
        lab = app.screen.lab
        differ = [(step.n, step.move, [str(d) for d in step.differences]) for step in lab.steps]
        unlisted = [(n, move, d) for n, move, ds in differ for d in ds if not listed_in_readme(d)]
        assert not unlisted  # (a slow machine sees one that README lists: the SYN already retransmitted)
        rules = [step.rule for step in lab.steps if step.move.startswith("deliver")]
        assert "timewait.syn-reuse" in rules and "timewait.rst" in rules


async def deliver(pilot, app, wanted: str) -> None:
    """Pick the first segment in flight that reads `wanted` ('← ACK': its direction, then its label
    and numbers, the serial aside) with its number key, and deliver it (⏎)."""
    for line in wire(app):
        position, arrow, _serial, segment = line.split(None, 3)
        if f"{arrow} {segment}".startswith(wanted):
            await keys(pilot, position, "enter")
            return
    raise AssertionError(f"{wanted!r} is not in flight: {wire(app)}")


async def test_a_difference_is_said_with_both(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "a", "l", "c", "a", "c", "a", "d")  # send() in SYN_SENT
        text = verdict(app)
        assert text.startswith("the kernel answered EAGAIN\n≠ Linux differs from the engine")
        assert "client send: kernel answers EAGAIN, engine accepts it (app.send-queued)" in text


async def test_chinese(lab_support):
    app = lab_app(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, *HANDSHAKE)
        assert kernel_and_engine(app, "client") == ("ESTABLISHED", "引擎 ESTABLISHED ✓")
        assert "客户端 · 内核" in app.screen.query_one("#client").border_title
        assert verdict(app).startswith("✓ 内核的做法与引擎的预测一致")


async def test_waiting_holds_the_keys_typed_after_it(lab_support):
    """x drops the SYN; w waits for the client's RTO (1 s): the retransmitted SYN comes on the wire,
    and only then does the ⏎ typed right after w deliver it."""
    app = lab_app(rto_min_ms=1000)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "a", "l", "c", "a", "c", "x")
        assert wire(app) == ["nothing in flight"]
        await pilot.press("w", "enter")
        assert app.screen.waiting is not None
        for _ in range(300):
            await pilot.pause(0.01)
            if app.screen.waiting is None:
                break
        await settle(pilot)
        lab = app.screen.lab
        kernel = [step for step in lab.steps if step.source == "kernel"]
        assert [step.move for step in kernel][:1] == ["client timer rto"]
        assert lab.steps[-1].move == "deliver 1"  # the ⏎ waited for the retransmission
        assert kernel_and_engine(app, "server")[0] == "SYN_RCVD"


async def test_escape_stops_a_wait(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "c", "a", "c", "x", "w")
        assert app.screen.waiting is not None and verdict(app).startswith("⏳ waiting for a kernel timer")
        await keys(pilot, "escape")
        assert app.screen.waiting is None


async def test_no_undo_no_crash_no_timer_menu(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "a", "l", "u", "exclamation_mark", "t")
        screen = app.screen
        assert [step.move for step in screen.lab.steps] == ["server listen"]
        bar = str(screen.query_one("#keys").render())
        assert "Undo" not in bar and "Timer" not in bar and "Wait" not in bar  # no timer runs yet
        await keys(pilot, "c", "a", "c")
        assert "w Wait" in str(screen.query_one("#keys").render())


async def test_leaving_writes_the_report_and_closes_the_lab(lab_support, tmp_path):
    report = tmp_path / "lab.jsonl"
    outputs = types.SimpleNamespace(report=str(report), pcap=None, moves_out=None, packetdrill=None)
    app = lab_app(outputs=outputs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, *HANDSHAKE)
        lab = app.screen.lab
        await keys(pilot, "q", "enter")  # asked first: the kernels go away
        assert not lab.hosts
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert lines[0]["kind"] == "session" and lines[0]["steps"] == 5 and lines[0]["differences"] == 0
    assert lines[-1]["client"]["kernel"]["state"] == "ESTABLISHED"


@pytest.mark.parametrize("kind", ["report", "pcap", "moves", "packetdrill-server"])
async def test_the_export_menu_writes_the_session(lab_support, tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, *HANDSHAKE, "e", {"report": "r", "pcap": "p", "moves": "g"}.get(kind, "s"))
        written = list(tmp_path.iterdir())
        assert len(written) == 1 and written[0].stat().st_size > 0
        assert written[0].name in verdict(app)


def test_the_game_holds_the_engines_endpoints(lab):
    """LabGame: each Step an Outcome, its world the engine's endpoints and the lab's wire."""
    from tcptui.lab import parse_lab_move
    from tcptui.lab.game import LabGame

    game = LabGame(lab)
    for move in ("server listen", "client connect", "deliver 1"):
        lab.play(parse_lab_move(move))
    assert len(game.history) == len(game.steps) == 3
    last = game.history[-1]
    assert last.world.endpoint(Side.SERVER).state is State.SYN_RCVD
    assert [item.serial for item in last.sent] == [2] and last.segment.serial == 1
    assert last.world.wire[0].origin == lab.iss(Side.SERVER)
    assert not game.can_undo and game.undo() is None


async def test_the_home_screens_lab_opens_and_closes_it(lab_support):
    from tcptui.ui.screens.home import HomeScreen

    from ..ui.helpers import app_for

    app = app_for(start="home", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "k")
        assert isinstance(app.screen, LabScreen)
        lab = app.screen.lab
        await keys(pilot, "s", "a", "l", "q", "enter")  # a move made: asked first
        assert isinstance(app.screen, HomeScreen) and not lab.hosts


async def test_the_palette_plays_a_lab_move(lab_support):
    app = lab_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        titles = [entry.title for entry in screen.palette_entries("en")]
        assert "server listen()" in titles and not any("timer" in title for title in titles)
        next(entry for entry in screen.palette_entries("en") if entry.title == "server listen()").run()
        await settle(pilot)
        assert [step.move for step in screen.lab.steps] == ["server listen"]


async def test_what_a_real_host_cannot_do_is_not_offered_or_is_refused(lab_support):
    """The `a` menu offers the classic six calls (the lab's applications accept and read on their
    own); F (flood) and P (playback) do nothing and w waits; a refused move (from the palette or a
    script) is one line in the verdict pane, in the player's language, and nothing is played."""
    from tcptui.core.moves import AppCall, Fire, Flood
    from tcptui.core.states import Call, Timer

    app = lab_app(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await keys(pilot, "s", "a")
        assert [choice.value for choice in screen.menu[0]] == [
            Call.LISTEN, Call.CONNECT, Call.SEND, Call.SHUTDOWN, Call.CLOSE, Call.ABORT
        ]  # fmt: skip
        await keys(pilot, "l", "F", "P")
        assert screen.menu is None and [step.move for step in screen.lab.steps] == ["server listen"]
        calls = {entry.title for entry in screen.palette_entries("en")}
        assert "server listen()" in calls and not any("accept" in title or "read" in title for title in calls)
        for move, said in (
            (Flood(100), "实验室不伪造来自其他地址的 SYN"),
            (AppCall(Side.SERVER, Call.ACCEPT, 0), "实验室不做这个调用"),
            (Fire(Side.CLIENT, Timer.KEEPALIVE), "实验室不能等内核的保活计时器两个小时"),
        ):
            screen.play(move)
            await settle(pilot)
            assert f"'{move}'：{said}" in verdict(app)
        assert [step.move for step in screen.lab.steps] == ["server listen"]
