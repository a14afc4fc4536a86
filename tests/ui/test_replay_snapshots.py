"""What the interactive replay looks like at 80×24, in English and Chinese (pytest-textual-snapshot):
the connection list, and the reused 4-tuple's RST with its cause and effect.

Update after an intended change of look: .venv/bin/python -m pytest tests/ui/test_replay_snapshots.py --snapshot-update
"""

import pytest

from .helpers import keys
from .test_replay_screens import REUSE, replay_app

PHASES = {"list": (None, ()), "rst": (1, ("r",))}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_replay(snap_compare, phase, lang):
    conn, presses = PHASES[phase]

    async def step(pilot):
        await keys(pilot, *presses)

    assert snap_compare(replay_app(REUSE, conn, lang), terminal_size=(80, 24), run_before=step)
