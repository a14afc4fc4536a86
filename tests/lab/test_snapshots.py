"""What the lab looks like at 80×24, in English and Chinese, against two real kernels
(pytest-textual-snapshot). Update after an intended change of look:
.venv/bin/python -m pytest tests/lab/test_snapshots.py --snapshot-update

The kernels' clocks are masked so that a snapshot is the same on every run: the timers' seconds
are drawn as '…s', and the lab's watch thread is off (a SYN a slow machine let the kernel
retransmit would otherwise come on the wire while the picture is taken). ISNs are random, but
the screen names them x and y.
"""

import pytest

from tcptui.ui.app import make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.lab import LabOptions

from ..ui.helpers import keys, settle
from .test_screen import CLOSE, HANDSHAKE

PHASES = {
    "start": (),
    "handshake": HANDSHAKE,
    # send() in SYN_SENT: Linux answers EAGAIN, the engine queues the data — said with both
    "difference": ("s", "a", "l", "c", "a", "c", "a", "d"),
    "time-wait": HANDSHAKE + CLOSE,
    # the crafted SYN's numbers, as the notes write them (§4.2)
    "numbers": HANDSHAKE + CLOSE + ("c", "a", "c", "x", "p", "e", "1"),
    "help": ("question_mark",),
}


@pytest.fixture
def still_clocks(monkeypatch):
    from tcptui.lab.session import Lab
    from tcptui.ui.screens import lab as screen
    from tcptui.ui.widgets import lab_panel

    monkeypatch.setattr(Lab, "watch", lambda self, callback, interval=0.1: None)
    monkeypatch.setattr(lab_panel, "seconds_text", lambda seconds: "…s")
    monkeypatch.setattr(screen, "seconds_text", lambda seconds: "…s")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_phase(snap_compare, lab_support, still_clocks, phase, lang):
    app = make_app(DEFAULT_PREFS._replace(lang=lang), start="lab", persist=False, lab=LabOptions({}, 5000, None))

    async def play(pilot):
        await settle(pilot)
        await keys(pilot, *PHASES[phase])

    assert snap_compare(app, terminal_size=(80, 24), run_before=play)
