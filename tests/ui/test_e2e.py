"""End to end: the installed `tcptui` command in a pseudo-terminal, driven key by key as a user would,
with the screen read back through a terminal emulator (pexpect + pyte)."""

import os
import shutil
import sys
import time

import pexpect
import pyte
import pytest

from ..conftest import ROOT

TCPTUI = shutil.which("tcptui", path=os.path.dirname(sys.executable))


class Terminal:
    """A tcptui process in an 80×24 pty and what its screen shows."""

    def __init__(self, *args: str, cols: int = 80, rows: int = 24, env: dict | None = None) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
        self.child = pexpect.spawn(TCPTUI, list(args), dimensions=(rows, cols), env=environment, cwd=str(ROOT))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.2) -> None:
        """Read whatever the program wrote for a moment."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(0.3)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def terminal():
    opened = []

    def start(*args, **kwargs):
        opened.append(Terminal(*args, **kwargs))
        return opened[-1]

    yield start
    for t in opened:
        t.close()


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_play_a_handshake_in_a_real_terminal(terminal):
    t = terminal("play", "--lang", "en", "--seed", "3")
    t.wait_for("CLIENT")
    assert "nothing in flight" in t.text()
    t.keys("s", "a", "l")  # the server listens
    t.wait_for("LISTEN")
    t.keys("c", "a", "c")  # the client connects
    t.wait_for("#1 SYN seq=x")
    t.keys("\r")
    screen = t.wait_for("SYN_RCVD")
    assert "handshake.syn-received" in screen
    t.keys("\r", "\r")
    screen = t.wait_for("handshake.ack")
    assert screen.count("ESTABLISHED") >= 2
    t.keys("q")  # back to the home screen
    t.wait_for("Replay a capture")
    t.keys("q")  # and out
    t.child.expect(pexpect.EOF, timeout=10)


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_a_small_terminal_is_told_to_grow(terminal):
    t = terminal("play", "--lang", "zh", cols=70, rows=20)
    t.wait_for("80×24")
    assert "请把终端放大" in t.text()


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_no_color_still_shows_every_state_in_words(terminal):
    t = terminal("play", "--lang", "en", env={"NO_COLOR": "1"})
    t.wait_for("CLIENT")
    t.keys("a", "c", "\r")
    screen = t.wait_for("rst.no-listener")
    assert "SYN_SENT" in screen and "RST+ACK" in screen
