"""Bad input never raises: random keys (posted ten at a time, as a terminal delivers keys typed
ahead) with the terminal resized to anything from 20×10 to 300×100 in the middle of every screen;
a too-small terminal shows its message and the screen comes back when it grows.

Seeded: a failure names its screen and seed and replays exactly. A few hundred keys per screen
here; TCPTUI_SLOW=1 sends 20,000 to each (TCPTUI_FUZZ_KEYS and TCPTUI_FUZZ_SEED choose others).
"""

from __future__ import annotations

import os
import random

import pytest
from textual import events

from tcptui.capture.browse import load
from tcptui.capture.export import game_to_pcap
from tcptui.core import PROFILES, ProfileName
from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam_start import ExamOptions

from .helpers import settle

SLOW = os.environ.get("TCPTUI_SLOW") == "1"
KEYS_PER_SCREEN = int(os.environ.get("TCPTUI_FUZZ_KEYS", 20_000 if SLOW else 300))
SEED = os.environ.get("TCPTUI_FUZZ_SEED", "8")
BURST = 10

# Every key the screens bind and then some; not the keys that quit (ctrl+c, ctrl+q, q on the home
# screen): a run that left the app would test nothing more. A run that does leave starts again.
_NAMED = {
    "enter": "\r",
    "escape": None,
    "tab": "\t",
    "space": " ",
    "backspace": None,
    "up": None,
    "down": None,
    "left": None,
    "right": None,
    "pageup": None,
    "pagedown": None,
    "home": None,
    "end": None,
    "ctrl+p": None,
    "question_mark": "?",
    "exclamation_mark": "!",
    "comma": ",",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "full_stop": ".",
}
KEYS = [(c, c) for c in "abcdefghijklmnoprstuvwxyzHLRS0123456789"] + list(_NAMED.items())
KEYS += [("enter", "\r")] * 8 + [("escape", None)] * 3 + [("down", None)] * 3  # reach deeper, come back out

FORGOT = (
    "server listen; client connect; deliver 1; deliver 1; deliver 1; server crash; server restart; "
    "client send-data; deliver 1; deliver 1"
).split("; ")


def _capture(tmp_path):
    path = tmp_path / "forgot.pcap"
    game_to_pcap(FORGOT, path)
    return load(path, PROFILES[ProfileName.LINUX])


SCREENS = {
    "home": lambda tmp: make_app(DEFAULT_PREFS, start="home", persist=False),
    "play": lambda tmp: make_app(DEFAULT_PREFS, start="play", persist=False),
    "play-zh-manual-real": lambda tmp: make_app(
        DEFAULT_PREFS._replace(lang="zh", replies="manual", numbers="real"), start="play", persist=False
    ),
    "puzzles": lambda tmp: make_app(DEFAULT_PREFS, start="puzzles", persist=False),
    "exam": lambda tmp: make_app(DEFAULT_PREFS, start="exam", persist=False, exam=ExamOptions(5, (), 3)),
    "replay": lambda tmp: make_app(DEFAULT_PREFS, start="replay", persist=False, capture=(_capture(tmp), None)),
}


def _size(rng: random.Random) -> tuple[int, int]:
    """Mostly usable sizes, often too small ones, sometimes huge ones."""
    roll = rng.random()
    if roll < 0.3:
        return rng.randint(20, 79), rng.randint(10, 23)
    if roll < 0.9:
        return rng.randint(80, 140), rng.randint(24, 50)
    return rng.randint(140, 300), rng.randint(50, 100)


@pytest.mark.parametrize("name", SCREENS)
async def test_random_keys_and_resizes_never_raise(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports land here
    runs = await random_keys(name, lambda: SCREENS[name](tmp_path))
    assert runs < KEYS_PER_SCREEN // BURST  # most keys landed in a running app


async def random_keys(name: str, make_app) -> int:
    """KEYS_PER_SCREEN seeded random keys and resizes, in bursts, to apps `make_app()` makes (a new
    one whenever a key quits it): nothing raises, and at 80×24 the screen comes back whole. The
    number of apps it took (tests/lab/test_fuzz.py plays the lab's screen with it too)."""
    rng = random.Random(f"{name}-{SEED}")
    sent, runs = 0, 0
    while sent < KEYS_PER_SCREEN:
        runs += 1
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            while sent < KEYS_PER_SCREEN and app.is_running and app.return_code is None:
                if rng.random() < 0.1:
                    await pilot.resize_terminal(*_size(rng))
                for key, character in rng.choices(KEYS, k=BURST):
                    app.post_message(events.Key(key, character))
                sent += BURST
                await settle(pilot)
            if app.return_code is None:  # still running: at 80×24 the screen comes back whole
                await pilot.resize_terminal(80, 24)
                await pilot.pause()
                assert not app.screen.has_class("-too-small")
        assert app.return_code in (None, 0), f"{name}: the app failed after {sent} keys"
    return runs


@pytest.mark.parametrize("name", ["home", "puzzles", "play"])
async def test_page_keys_behind_the_enlarge_message_do_nothing(name, tmp_path):
    """Issue 9: PgUp/PgDn reached a list that was never laid out (KeyError) behind the message."""
    app = SCREENS[name](tmp_path)
    async with app.run_test(size=(60, 15)) as pilot:
        assert app.screen.has_class("-too-small")
        for key in ("pageup", "pagedown", "home", "end", "up", "down", "enter", "tab"):
            await pilot.press(key)
        screen = type(app.screen).__name__
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert type(app.screen).__name__ == screen and not app.screen.has_class("-too-small")


async def test_a_late_key_of_a_menu_that_has_chosen_does_nothing():
    """20,000 random keys found it: a menu's key arriving after the menu had chosen (or with another
    screen above it) called the chosen callback again (InvalidStateError) and popped the screen on
    top instead. Only the screen on top dismisses itself (tcptui/ui/textual_fixes.py)."""
    from tcptui.ui.screens.choice import Choice, ChoiceScreen
    from tcptui.ui.screens.message import MessageScreen

    app = make_app(DEFAULT_PREFS, start="play", persist=False)
    chosen: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        play = app.screen
        menu = ChoiceScreen("menu", [Choice("1", "one", 1), Choice("2", "two", 2)])
        app.push_screen(menu, chosen.append)
        await pilot.pause()
        app.push_screen(MessageScreen("above", "a dialog over the menu"))
        await pilot.pause()
        above = app.screen
        menu.dismiss(2)  # the menu is not on top: its key comes too late
        await pilot.pause()
        assert app.screen is above and chosen == []
        above.dismiss()
        await pilot.pause()
        menu.dismiss(1)
        menu.dismiss(2)  # a second key for a menu that has chosen
        await pilot.pause()
        await pilot.pause()
        assert chosen == [1] and app.screen is play
