"""End to end: the installed `tcptui` command in a pseudo-terminal, driven as a user would — key by
key, and whole move sequences in ONE write (as SSH delivers keys typed ahead, or a paste) — with the
screen read back through a terminal emulator (pexpect + pyte), at 80×24, in English and Chinese,
with NO_COLOR and a C locale too."""

import os
import shutil
import subprocess
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

    def burst(self, keys: str, quiet: float = 0.6, timeout: float = 20.0) -> str:
        """Send `keys` in one write, then read until the screen has been quiet for `quiet` seconds."""
        self.child.send(keys)
        end, last = time.monotonic() + timeout, time.monotonic()
        while time.monotonic() < end and time.monotonic() - last < quiet:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
                last = time.monotonic()
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        return self.text()

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
    t.keys("q")  # the game has moves: asked first
    t.wait_for("Leave the sandbox?")
    t.keys("\r")  # back to the home screen
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


# The §2 handshake and the §4.2 port-reuse dance (puzzle 15's moves: the server closed first and
# waits in TIME_WAIT; the client's new SYN gets the old ACK, answers RST, the RST ends TIME_WAIT,
# the SYN is sent again and the handshake succeeds), as keys: s a l = server listen, and so on.
HANDSHAKE = "salcac\r\r\r"
DANCE = HANDSHAKE + "saf\r\rcaf\r\r" + "cac\r\r\r" + "ctr\r\r\r"

ENVIRONMENTS = {
    "en": ({}, "en"),
    "zh": ({}, "zh"),
    "en-no-color-C": ({"NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}, "en"),
    "zh-no-color-C": ({"NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}, "zh"),
}


def typed_in_one_write(terminal, where: str, keys: str) -> tuple[str, str]:
    """A sandbox in the environment `where`, `keys` sent in one write: (the screen after, its language)."""
    env, lang = ENVIRONMENTS[where]
    t = terminal("play", "--lang", lang, "--seed", "3", env=env)
    t.wait_for("CLIENT" if lang == "en" else "客户端")
    screen = t.burst(keys)
    assert screen.splitlines()[2].count("ESTABLISHED") == 2, screen  # both panels
    return screen, lang


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_the_handshake_typed_in_one_write_lands_every_key(terminal, where):
    screen, _ = typed_in_one_write(terminal, where, HANDSHAKE)
    assert "handshake.ack" in screen and "#3 ACK" in screen  # the verdict and the ladder's newest row


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_the_port_reuse_dance_typed_in_one_write_lands_every_key(terminal, where):
    screen, lang = typed_in_one_write(terminal, where, DANCE)
    assert "RST 1" in screen  # exactly one RST on the wire: the client's, which ended TIME_WAIT
    assert "#13 ACK seq=x'+1 ack=y'+1" in screen  # the new handshake's last segment, on the ladder
    assert ("nothing in flight" if lang == "en" else "线路上没有报文段") in screen


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_a_menu_key_sent_with_its_prefix_is_taken(terminal):
    """The reproduction of issue 8: `s a l` in one write used to leave the menu open."""
    t = terminal("play", "--lang", "en")
    t.wait_for("CLIENT")
    screen = t.burst("sal")
    assert "LISTEN" in screen.splitlines()[2] and "app ▸" not in screen


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_a_screen_key_then_enter_keep_their_order(terminal):
    """d (a screen binding) then ⏎ (a priority one) in one write: the copy is made before the delivery."""
    t = terminal("play", "--lang", "en", "--seed", "3")
    t.wait_for("CLIENT")
    assert "#1 duplicated → #2" in t.burst("salcacd\r")


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_enter_after_the_numbers_dialog_delivers(terminal):
    """p e 1 ⏎ sends a SYN with the numbers as offered; the ⏎ typed right after delivers it."""
    t = terminal("play", "--lang", "en", "--seed", "3", "--numbers", "real")
    t.wait_for("CLIENT")
    assert "SYN_RCVD" in t.burst("salcpe1\r\r").splitlines()[2]


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
def test_leaving_keeps_the_game_and_resume_reopens_it(terminal):
    t = terminal("play", "--lang", "en", "--seed", "3")
    t.wait_for("CLIENT")
    t.burst(HANDSHAKE + "q")
    t.wait_for("Leave the sandbox?")
    t.burst("\rq")  # leave, then quit from the home screen
    t.child.expect(pexpect.EOF, timeout=10)
    again = terminal("play", "--resume", "--lang", "en")
    screen = again.wait_for("#3 ACK")  # the ladder's last row: the game is back as it was left
    assert screen.splitlines()[2].count("ESTABLISHED") == 2


@pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
@pytest.mark.parametrize("command", [[], ["play"], ["exam"]])
def test_without_a_terminal_it_says_so_and_exits_2(command, tmp_path):
    out = tmp_path / "out.txt"
    with open(out, "w") as stdout:
        done = subprocess.run(
            [TCPTUI, *command, "--lang", "en"],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and "needs a terminal" in done.stderr.decode()
