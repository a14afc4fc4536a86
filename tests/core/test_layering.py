"""The core is sans-IO and light: importing it loads neither Textual nor Rich, and no heavy modules."""

import subprocess
import sys

CHECK = """
import sys
import tcptui.core, tcptui.commands.probe, tcptui.capture.feed
heavy = [m for m in ("textual", "rich", "dataclasses", "asyncio", "sqlite3", "socket") if m in sys.modules]
print(",".join(heavy))
"""


def test_importing_the_core_leaves_textual_and_rich_out():
    # A fresh interpreter, with -I so that site hooks of this machine do not preload anything.
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(_root())!r})\n" + CHECK],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "", f"tcptui.core imported {out}"


def test_core_modules_import_nothing_from_the_ui_side():
    """No UI, no files, no clocks, no randomness, no printing anywhere in tcptui/core."""
    import re

    forbidden = re.compile(r"^\s*(?:import|from)\s+(textual|rich|random|time|datetime|os|pathlib|io|sys)\b", re.M)
    for path in (_root() / "tcptui" / "core").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not forbidden.search(text), f"{path.name}: {forbidden.search(text).group(0)}"
        assert "print(" not in text and "open(" not in text, path.name


def _root():
    import pathlib

    return pathlib.Path(__file__).resolve().parents[2]
