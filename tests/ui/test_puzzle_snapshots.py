"""What the puzzle and exam screens look like at 80×24, in English and Chinese (pytest-textual-snapshot).

Update after an intended change of look:
.venv/bin/python -m pytest tests/ui/test_puzzle_snapshots.py --snapshot-update
"""

import pytest

from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam_start import ExamOptions

from .helpers import keys

FIRST = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")  # handshake-first, solved in par
PHASES = {
    "puzzle-list": ("puzzles", ()),
    "puzzle": ("puzzles", ("enter", "s", "a", "l", "c", "a", "c")),
    "puzzle-hint": ("puzzles", ("enter", "h")),
    "result": ("puzzles", ("enter",) + FIRST),
    "exam-start": ("exam", ()),
    "exam-question": ("exam", ("enter",)),
    "exam-answered": ("exam", ("enter", "2")),
    "exam-report": ("exam", ("enter", "2", "enter", "escape", "enter")),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_phase(snap_compare, phase, lang):
    start, presses = PHASES[phase]
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start=start, persist=False, exam=ExamOptions(5, (), 3))

    async def play(pilot):
        await keys(pilot, *presses)

    assert snap_compare(app, terminal_size=(80, 24), run_before=play)
