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
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_phase(snap_compare, phase, lang, size):
    start, presses, prefs = PHASES[phase]

    async def play(pilot):
        await keys(pilot, *presses)

    assert snap_compare(app_for(start=start, lang=lang, **prefs), terminal_size=size, run_before=play)
