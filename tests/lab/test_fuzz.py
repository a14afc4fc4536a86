"""Seeded random keys and resizes on the lab's screen against real kernels (tests/ui/test_fuzz.py's
keys and sizes): nothing raises, the app stays up, and at 80×24 the screen comes back whole.
TCPTUI_SLOW=1 sends 20,000 keys; TCPTUI_FUZZ_SEED chooses the seed."""

from ..ui.test_fuzz import random_keys
from .test_screen import lab_app


async def test_random_keys_and_resizes_never_raise(lab_support, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports land here
    await random_keys("lab", lambda: lab_app(rto_min_ms=1000))
