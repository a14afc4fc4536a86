"""What the main phases look like, at 80×24 and 120×40, in English and Chinese (pytest-textual-snapshot).

Update after an intended change of look: .venv/bin/python -m pytest tests/ui/test_snapshots.py --snapshot-update
"""

import pytest

from .helpers import app_for, keys

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
PHASES = {
    "home": ("home", (), {}),
    "start": ("play", (), {}),
    "handshake": ("play", HANDSHAKE, {}),
    "closing": ("play", HANDSHAKE + ("c", "a", "f", "enter", "enter", "s", "a", "f", "enter"), {}),
    "refused": ("play", ("a", "c", "enter"), {}),
    "manual-owes": ("play", ("s", "a", "l", "c", "a", "c", "enter"), {"replies": "manual"}),
    "real-numbers": ("play", HANDSHAKE, {"numbers": "real"}),
    "help": ("play", ("question_mark",), {}),
    # the diagram in the help, both endpoints' states highlighted (client FIN_WAIT_2, server CLOSE_WAIT)
    "help-diagram": (
        "play",
        HANDSHAKE + ("c", "a", "f", "enter", "enter", "question_mark", "pagedown", "pagedown"),
        {},
    ),
    # the longest texts of the sandbox: a verdict longer than its pane (its "more" mark), the send
    # menu with real numbers (two lines at 80 columns), an earlier verdict read again, the settings
    # with their explanation line, the question before leaving
    "long-verdict": (
        "play",
        HANDSHAKE + ("s", "a", "f", "enter", "enter", "c", "a", "f", "enter", "enter", "c", "a", "c", "enter", "enter"),
        {},
    ),
    "send-menu-real": ("play", HANDSHAKE + ("p",), {"numbers": "real"}),
    "history": ("play", HANDSHAKE + ("left", "left"), {}),
    "settings": ("play", ("comma", "down", "down"), {}),
    "leave": ("play", HANDSHAKE + ("q",), {}),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_phase(snap_compare, phase, lang, size, monkeypatch):
    start, presses, prefs = PHASES[phase]
    monkeypatch.setattr("tcptui.lab.support.missing", lambda: None)  # the home's Lab, as where it runs

    async def play(pilot):
        await keys(pilot, *presses)

    assert snap_compare(app_for(start=start, lang=lang, **prefs), terminal_size=size, run_before=play)


# The picture at the top of README.md is this snapshot: the §4.2 port-reuse dance at 120×40, just
# after the client's RST ended the server's TIME_WAIT. It is regenerated with --snapshot-update and
# checked on every run, so the README never shows a screen the game no longer draws.
README_GAME = HANDSHAKE + (
    "s",
    "a",
    "f",
    "enter",
    "enter",
    "c",
    "a",
    "f",
    "enter",
    "enter",
    "a",
    "c",
    "enter",
    "enter",
    "enter",
)


def test_readme_screenshot(snap_compare):
    async def play(pilot):
        await keys(pilot, *README_GAME)

    assert snap_compare(app_for(lang="en"), terminal_size=(120, 40), run_before=play)
