"""Shared fixtures: where ../shared is (read-only; tests read it, never write into it), and a
private data directory so that no test touches the player's real progress or settings."""

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The real-kernel captures the suite needs, kept in the repository (a copy of ../shared/captures,
# see tests/data/kernel/README.md) so that the suite draws the same cases with or without ../shared.
KERNEL_CAPTURES = ROOT / "tests" / "data" / "kernel"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own TCPTUI_DATA_DIR, where the tutorial counts as seen (so that `tcptui`
    and `tcptui play` open as they do after the first run; the tutorial's tests start elsewhere)."""
    folder = tmp_path_factory.mktemp("tcptui-data")
    (folder / "tutorial-seen").touch()
    monkeypatch.setenv("TCPTUI_DATA_DIR", str(folder))


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    """../shared beside the checkout; tests that need it are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
