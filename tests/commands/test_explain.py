"""`tcptui explain`, end to end: the conformance table, both output forms, bad input, light start."""

import json
import os
import subprocess
import sys

import pytest

from ..conftest import ROOT


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})},
        timeout=60,
    )


def test_conformance_table_passes(shared):
    tool = shared / "tools" / "conformance"
    out = subprocess.run(
        [sys.executable, str(tool)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**os.environ, "TCPTUI": f"{sys.executable} -m tcptui"},
    )
    last = out.stdout.strip().splitlines()[-1]
    assert out.returncode == 0 and last.endswith(" 0 failed"), out.stdout[-2000:]


def test_json_answer():
    out = run("explain", "time-wait", "recv:SYN", "--json", "--lang", "en")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["state"] == "TIME_WAIT" and data["next_state"] == "TIME_WAIT" and data["send"] == ["ACK"]
    assert data["rule"] == "timewait.syn-reuse" and data["doc_section"] == "4.2" and data["legal"] is True
    assert data["rfc"].startswith("RFC") and data["explanation"]


def test_json_in_chinese():
    data = json.loads(run("explain", "TIME_WAIT", "SYN", "--json", "--lang", "zh").stdout)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in data["explanation"])


def test_options_change_the_answer():
    accept = json.loads(run("explain", "TIME_WAIT", "SYN:highseq", "--json", "--timewait-syn", "accept-newer").stdout)
    assert accept["next_state"] == "SYN_RCVD" and accept["send"] == ["SYN+ACK"]
    protected = json.loads(run("explain", "TIME_WAIT", "RST", "--json", "--rfc1337").stdout)
    assert protected["next_state"] == "TIME_WAIT"
    linux = json.loads(run("explain", "ESTABLISHED", "app:abort", "--json", "--profile", "linux").stdout)
    assert linux["send"] == ["RST+ACK"]


def test_readable_card():
    out = run("explain", "TIME_WAIT", "SYN", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    assert "timewait.syn-reuse" in out.stdout and "§4.2" in out.stdout and "RFC 9293" in out.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "NOPE", "SYN"),
        ("explain", "LISTEN", "recv:SYN:sideways"),
        ("explain", "LISTEN", "app:dance"),
        ("explain", "LISTEN", "SYN", "--lang", "fr"),
        ("explain", "LISTEN", "SYN", "--timewait-syn", "maybe"),
        ("explain", "LISTEN"),
        ("explain", "LISTEN", "SYN", "--bogus"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args):
    out = run(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, out.stderr


def test_explain_never_imports_textual():
    code = (
        "import sys, io, contextlib\nfrom tcptui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['explain', 'TIME_WAIT', 'SYN', '--json']); main(['explain', 'LISTEN', 'SYN'])\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_json_explain_does_not_even_import_rich():
    code = (
        "import sys, io, contextlib\nfrom tcptui.cli import main\n"
        "main(['explain', 'TIME_WAIT', 'SYN', '--json'])\n"
        "print('rich' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + code],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_the_answer_carries_its_row_of_the_transition_table():
    out = run("explain", "SYN_SENT", "RST+ACK", "--json")
    data = json.loads(out.stdout)
    assert data["next_state"] == "CLOSED"
    assert data["transition"] == {
        "rule": "rst.refused",
        "from": "SYN_SENT",
        "to": "CLOSED",
        "on": "rcv RST+ACK of our SYN (refused)",
        "send": "",
        "group": "reset",
    }
    assert json.loads(run("explain", "TIME_WAIT", "SYN", "--json").stdout)["transition"] is None  # stays


def test_the_card_lists_the_other_ways_out_from_the_table():
    out = run("explain", "FIN_WAIT_2", "FIN", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "Other ways out of FIN_WAIT_2" in out.stdout
    assert "FIN_WAIT_2 timeout after close()" in out.stdout and "rcv DATA after close()" in out.stdout


def test_card_says_what_it_assumed_and_how_to_ask_the_other_case():
    """A bare FIN in FIN_WAIT_1 is taken as FIN+ACK covering our FIN (the conformance README): the
    answer (TIME_WAIT) depends on it, so the card says so and names the simultaneous close."""
    for lang, word in (("en", "assumed:"), ("zh", "假定：")):
        data = json.loads(run("explain", "FIN_WAIT_1", "FIN", "--json", "--lang", lang).stdout)
        assert data["next_state"] == "TIME_WAIT" and data["rule"] == "close.fin-ack-shortcut"
        (line,) = data["assumed"]
        assert line.startswith(word) and "CLOSING" in line
        assert line.endswith("tcptui explain FIN_WAIT_1 FIN+ACK:oldack")
        card = run("explain", "FIN_WAIT_1", "FIN", "--lang", lang).stdout
        assert word in card and "FIN+ACK:oldack" in card
    # The other case really answers otherwise.
    other = json.loads(run("explain", "FIN_WAIT_1", "FIN+ACK:oldack", "--json").stdout)
    assert other["next_state"] == "CLOSING"


def test_defaults_that_do_not_decide_are_not_named():
    data = json.loads(run("explain", "ESTABLISHED", "FIN", "--json").stdout)
    assert data["assumed"] == []  # an ACK short of SND.NXT still ends in CLOSE_WAIT


def test_option_defaults_that_decide_are_named():
    data = json.loads(run("explain", "TIME_WAIT", "SYN", "--json").stdout)
    assert any(line.endswith("--timewait-syn accept-newer") for line in data["assumed"])
    chosen = json.loads(run("explain", "TIME_WAIT", "SYN", "--json", "--timewait-syn", "challenge-ack").stdout)
    assert chosen["assumed"] == []  # the user chose it: nothing was assumed
