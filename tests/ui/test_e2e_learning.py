"""The learning tools in a real terminal (pexpect + pyte, 80×24), keys sent as whole sequences in
ONE write, in English and Chinese, with NO_COLOR and a C locale too: the first run's tutorial,
scenarios, auto-play, what-if, review sessions, the glossary."""

import pytest


from ..conftest import KERNEL_CAPTURES
from .helpers import reviews_due
from .test_e2e import ENVIRONMENTS, HANDSHAKE, TCPTUI
from .test_e2e import terminal as terminal  # the fixture

pytestmark = pytest.mark.skipif(TCPTUI is None, reason="the tcptui command is not installed in this environment")
LEFT = "\x1b[D"
WORDS = {
    "step8": {"en": "step 8 of 8", "zh": "第 8 步，共 8 步"},
    "step1": {"en": "step 1 of 8", "zh": "第 1 步，共 8 步"},
    "whatif": {"en": "WHAT IF", "zh": "如果："},
    "original": {"en": "THE ORIGINAL", "zh": "原来的过程"},
    "untimed": {"en": "no timer", "zh": "不计时"},
    "glossary": {"en": "Glossary", "zh": "术语表"},
}


@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_the_first_run_is_the_tutorial_and_its_keys_land_in_one_write(terminal, where, tmp_path):
    env, lang = ENVIRONMENTS[where]
    t = terminal("--lang", lang, env={**env, "TCPTUI_DATA_DIR": str(tmp_path)})  # never run from here
    t.wait_for(WORDS["step1"][lang])
    screen = t.burst("sal" + "cac" + "\r" + "x" + "str" + "\r\r")
    assert WORDS["step8"][lang] in screen and screen.splitlines()[2].count("ESTABLISHED") == 2, screen
    screen = t.burst("\x1b")  # Esc leaves the tutorial: the home screen, the tutorial on its menu
    assert "tcptui" in screen or "|_|" in screen
    again = terminal("--lang", lang, env={**env, "TCPTUI_DATA_DIR": str(tmp_path)})
    screen = again.wait_for("|_|")  # the second run opens the home screen
    assert WORDS["step1"][lang] not in screen


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_scenario_opens_and_plays_in_one_write(terminal, lang):
    t = terminal("play", "--scenario", "reuse", "--lang", lang)
    t.wait_for(" 1   ⏎ ")  # the keys of a first move
    screen = t.burst("\r\r\r")  # the old ACK, the client's RST, the RST ending TIME_WAIT
    assert "timewait.rst" in screen and "SYN_SENT" in screen.splitlines()[2]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_moves_file_plays_itself_back(terminal, lang, tmp_path):
    moves = tmp_path / "game.moves"
    moves.write_text("server listen\nclient connect\ndeliver 1\ndeliver 1\ndeliver 1\n", encoding="utf-8")
    t = terminal("play", "--moves", str(moves), "--auto", "--lang", lang)
    t.wait_for("▶")
    t.burst("+++++")  # as fast as it goes
    screen = t.wait_for("handshake.ack", timeout=30)
    assert screen.splitlines()[2].count("ESTABLISHED") == 2


@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_a_what_if_branch_typed_in_one_write(terminal, where):
    env, lang = ENVIRONMENTS[where]
    t = terminal("play", "--lang", lang, "--seed", "3", env=env)
    t.wait_for("CLIENT" if lang == "en" else "客户端")
    screen = t.burst(HANDSHAKE + LEFT + "w1")  # what if the SYN+ACK had been lost?
    assert WORDS["whatif"][lang] in screen and WORDS["original"][lang] in screen, screen
    assert "SYN_SENT" in screen.splitlines()[2]
    screen = t.burst("wx")  # drop the branch
    assert WORDS["whatif"][lang] not in screen and screen.splitlines()[2].count("ESTABLISHED") == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_capture_plays_itself_and_branches(terminal, lang):
    t = terminal("replay", str(KERNEL_CAPTURES / "active_close_client.pcap"), "--conn", "0", "--lang", lang)
    t.wait_for("#0")
    screen = t.burst("P")
    assert "▶" in screen
    screen = t.burst("P\x1b[C\x1b[C\x1b[C" + "w1")  # stop; frame 4 (the FIN): what if it were lost?
    assert WORDS["whatif"][lang] in screen and "FIN_WAIT_1" in screen.splitlines()[2], screen


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_review_session_in_a_terminal(terminal, lang, tmp_path):
    reviews_due(tmp_path)
    t = terminal("exam", "--review", "--lang", lang, env={"TCPTUI_DATA_DIR": str(tmp_path)})
    screen = t.wait_for(WORDS["untimed"][lang])
    assert ("Review" if lang == "en" else "复习") in screen.splitlines()[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [[], ["play"], ["exam"]])
def test_the_glossary_is_one_key_away_in_a_terminal(terminal, lang, command):
    t = terminal(*command, "--lang", lang)
    t.wait_for("|_|" if not command else "^q")
    t.burst("G")
    screen = t.wait_for(WORDS["glossary"][lang])
    assert {"en": "initial sequence number", "zh": "初始序号"}[lang] in screen
    screen = t.burst("G")
    assert WORDS["glossary"][lang] not in screen


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_capture_made_into_a_puzzle_is_solved_in_one_write(terminal, lang, tmp_path):
    import subprocess

    from .test_learning import CAPTURE_CLOSE

    out = tmp_path / "close.toml"
    capture = KERNEL_CAPTURES / "active_close_client.pcap"
    made = subprocess.run([TCPTUI, "replay", str(capture), "--puzzle", "-o", str(out)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    t = terminal("play", "--puzzle", str(out), "--lang", lang)
    t.wait_for("seq=?")
    screen = t.burst(CAPTURE_CLOSE)
    assert "★★★" in screen, screen
