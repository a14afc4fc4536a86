"""Seeded random keys and resizes on the lab's screen against real kernels (tests/ui/test_fuzz.py's
keys and sizes): nothing raises, the app stays up, and at 80×24 the screen comes back whole.
TCPTUI_SLOW=1 sends 20,000 keys; TCPTUI_FUZZ_SEED chooses the seed."""

import random

from textual import events

from ..ui.helpers import settle
from ..ui.test_fuzz import BURST, KEYS, KEYS_PER_SCREEN, SEED, _size
from .test_screen import lab_app


async def test_random_keys_and_resizes_never_raise(lab_support, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports land here
    rng = random.Random(f"lab-{SEED}")
    sent = 0
    while sent < KEYS_PER_SCREEN:
        app = lab_app(rto_min_ms=1000)
        async with app.run_test(size=(80, 24)) as pilot:
            while sent < KEYS_PER_SCREEN and app.is_running and app.return_code is None:
                if rng.random() < 0.1:
                    await pilot.resize_terminal(*_size(rng))
                for key, character in rng.choices(KEYS, k=BURST):
                    app.post_message(events.Key(key, character))
                sent += BURST
                await settle(pilot)
            if app.return_code is None:
                await pilot.resize_terminal(80, 24)
                await pilot.pause()
                assert not app.screen.has_class("-too-small")
        assert app.return_code in (None, 0), f"the app failed after {sent} keys"
