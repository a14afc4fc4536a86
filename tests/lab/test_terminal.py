"""`tcptui lab` in a pseudo-terminal at 80×24, as a player types: the §4.2 dance typed in ONE write
(every key lands, the crafted SYN's numbers typed into its dialog included), and w with keys typed
after it, which wait for the kernel's retransmission. English and Chinese, NO_COLOR and a C locale."""

import time

import pexpect
import pytest

from ..ui.test_e2e import TCPTUI, Terminal

# s a l: server listen … ; x drops the client's new SYN (Linux would take it: RFC 6191); p e 1 crafts
# a SYN with numbers, ^U clears SEG.SEQ, x+1 is the old-looking number; then six deliveries.
HANDSHAKE = "salcac\r\r\r"
DANCE = HANDSHAKE + "saf\r\rcaf\r\r" + "cacx" + "pe1\x15x+1\r" + "\r" * 6

ENVIRONMENTS = {
    "en": ({}, "en"),
    "zh-no-color-C": ({"NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}, "zh"),
}

pytestmark = pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")


@pytest.fixture
def lab_terminal(lab_support):
    opened = []

    def start(lang: str, env: dict) -> Terminal:
        opened.append(Terminal("lab", "--lang", lang, env=env))
        opened[-1].wait_for("tcptui lab" if lang == "en" else "tcptui 实验室")
        return opened[-1]

    yield start
    for t in opened:
        t.close()


def typed(t, keys: str, done, timeout: float = 20.0) -> str:
    """Send `keys` in one write; the screen once `done(rows)` holds (a pending kernel timer redraws
    its countdown every second, so the screen is never quiet for long)."""
    t.child.send(keys)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        t.pump(0.1)
        if done(t.text().splitlines()):
            t.pump(0.3)
            return t.text()
    raise AssertionError(f"the keys did not all land; the screen shows:\n{t.text()}")


def established(rows) -> bool:
    return rows[2].count("ESTABLISHED") == 2 and rows[3].count("ESTABLISHED ✓") == 2


@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_the_reuse_dance_typed_in_one_write(lab_terminal, where):
    env, lang = ENVIRONMENTS[where]
    t = lab_terminal(lang, env)
    screen = typed(t, DANCE, established)  # both kernels, and the engine beside each
    assert "seq=x+1" in screen  # the crafted SYN on the ladder
    assert ("✓ the kernels did what the engine predicted" if lang == "en" else "✓ 内核的做法与引擎的预测一致") in screen


def test_keys_typed_after_w_wait_for_the_kernel(lab_terminal):
    """The client's SYN is lost; w waits for its retransmission (1 s); the three ⏎ typed with it then
    deliver the retransmitted SYN, the SYN+ACK and the ACK."""
    t = lab_terminal("en", {})
    screen = typed(t, "salcacxw\r\r\r", established)
    assert "timer rto → #2 SYN seq=x" in screen  # the kernel's own move, on the ladder


def test_leaving(lab_terminal):
    t = lab_terminal("en", {})
    t.burst(HANDSHAKE + "q")
    t.wait_for("Leave the lab?")
    t.burst("\rq")  # leave (the kernels go away), then quit from the home screen
    t.child.expect(pexpect.EOF, timeout=10)
