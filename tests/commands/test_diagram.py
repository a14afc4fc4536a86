"""`tcptui diagram`: the state diagram from the transition table, in three formats and two languages.

The text form is a golden file (tests/commands/golden/; regenerate with
`python -m tcptui diagram --lang en > tests/commands/golden/diagram.textbook.en.txt` when the table
changes on purpose, and read the diff). Mermaid's syntax is checked here rule by rule; when the
Mermaid CLI is installed (`mmdc` on PATH, as in .ci), the output is also rendered.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from tcptui import diagram
from tcptui.core import PROFILES, ProfileName, State

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "commands" / "golden"
TEXTBOOK, LINUX = PROFILES[ProfileName.TEXTBOOK], PROFILES[ProfileName.LINUX]

# RFC 9293 Figure 5 (RFC 793 Figure 6): every arrow, as (from, to, event kind, segment or call).
FIGURE_5 = [
    ("CLOSED", "LISTEN", "listen()"),  # passive OPEN
    ("CLOSED", "SYN_SENT", "connect() / snd SYN"),  # active OPEN / snd SYN
    ("LISTEN", "CLOSED", "close()"),  # CLOSE / delete TCB
    ("LISTEN", "SYN_RCVD", "rcv SYN / snd SYN+ACK"),
    ("LISTEN", "SYN_SENT", "connect() / snd SYN"),  # SEND / snd SYN
    ("SYN_SENT", "CLOSED", "close()"),
    ("SYN_SENT", "SYN_RCVD", "rcv SYN / snd SYN+ACK"),
    ("SYN_SENT", "ESTABLISHED", "rcv SYN+ACK / snd ACK"),
    ("SYN_RCVD", "ESTABLISHED", "rcv ACK of our SYN"),
    ("SYN_RCVD", "FIN_WAIT_1", "close() / snd FIN+ACK"),
    ("ESTABLISHED", "FIN_WAIT_1", "close() / snd FIN+ACK"),
    ("ESTABLISHED", "CLOSE_WAIT", "rcv FIN / snd ACK"),
    ("FIN_WAIT_1", "FIN_WAIT_2", "rcv ACK of our FIN"),
    ("FIN_WAIT_1", "CLOSING", "rcv FIN / snd ACK"),
    ("FIN_WAIT_2", "TIME_WAIT", "rcv FIN / snd ACK"),
    ("CLOSING", "TIME_WAIT", "rcv ACK of our FIN"),
    ("TIME_WAIT", "CLOSED", "2MSL timeout"),
    ("CLOSE_WAIT", "LAST_ACK", "close() / snd FIN+ACK"),
    ("LAST_ACK", "CLOSED", "rcv ACK of our FIN"),
]
# What the figure leaves out and exams ask about (the notes' §, RFC 9293 §3.10.7, RFC 5961, Linux).
BEYOND = [
    ("SYN_SENT", "CLOSED", "rcv RST+ACK of our SYN (refused)"),  # §4.4.1 connection refused
    ("SYN_RCVD", "LISTEN", "rcv RST (passive open)"),  # §4.3, RFC 9293 §3.10.7.4
    ("SYN_RCVD", "LISTEN", "handshake timeout (passive open)"),  # §4.4.2
    ("FIN_WAIT_1", "TIME_WAIT", "rcv FIN+ACK of our FIN / snd ACK"),  # §3.4's shortcut
    ("FIN_WAIT_2", "CLOSED", "FIN_WAIT_2 timeout after close()"),  # Linux tcp_fin_timeout
    ("FIN_WAIT_2", "CLOSED", "rcv DATA after close() / snd RST"),  # RFC 1122 §4.2.2.13
    ("ESTABLISHED", "CLOSED", "rcv RST at RCV.NXT"),  # RFC 5961 §3.2: only the exact RST resets
    ("ESTABLISHED", "CLOSED", "abort() / snd RST"),  # §4.4.3
    ("TIME_WAIT", "CLOSED", "rcv RST at RCV.NXT"),  # §4.2, TIME-WAIT assassination
    ("ESTABLISHED", "CLOSED", "host crashes"),  # §4.4.4
    ("CLOSED", "LISTEN", "host restarts, its listener reopens"),  # §4.4.4
]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", "diagram", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )


def _arrows(profile, lang="en") -> set:
    return {(e.source.value, e.target.value, e.label(lang)) for e in diagram.edges(profile, lang)}


def test_every_arrow_of_rfc_9293_figure_5_is_drawn():
    arrows = _arrows(TEXTBOOK)
    assert [a for a in FIGURE_5 if a not in arrows] == []


def test_the_cases_beyond_the_figure_are_drawn_too():
    arrows = _arrows(TEXTBOOK)
    assert [a for a in BEYOND if a not in arrows] == []


def test_the_profile_decides_which_arrows_exist_and_what_they_send():
    newer = ("TIME_WAIT", "SYN_RCVD", "rcv SYN, newer ISN, listener open / snd SYN+ACK")  # RFC 6191
    assert newer in _arrows(LINUX) and newer not in _arrows(TEXTBOOK)
    assert ("ESTABLISHED", "CLOSED", "abort() / snd RST+ACK") in _arrows(LINUX)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_text_form_is_the_golden_file_and_fits_80_columns(lang):
    out = run("--lang", lang)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (GOLDEN / f"diagram.textbook.{lang}.txt").read_text(encoding="utf-8")
    for profile in PROFILES.values():
        lines = diagram.text(profile, lang).splitlines()
        assert max(diagram.cells(line) for line in lines) <= 80
        assert all(state.value in "\n".join(lines[:4]) for state in State)  # every state, named first


def test_the_mermaid_form_is_the_golden_file():
    out = run("--format", "mermaid")
    assert out.returncode == 0, out.stderr
    assert out.stdout == (GOLDEN / "diagram.textbook.en.mmd").read_text(encoding="utf-8")


_ID = r"[A-Z][A-Z0-9_]*"
_MERMAID_LINE = re.compile(
    rf"^(---|title: \"[^\"\n]*\"|stateDiagram-v2|    {_ID}|    \[\*\] --> {_ID}|    %% [^\n]*"
    rf"|    {_ID} --> {_ID} : [^;#:{{}}<>\n]+(<br/>[^;#:{{}}<>\n]+)*)$"
)


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=lambda p: p.name.value)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_mermaid_form_keeps_to_mermaids_syntax(profile, lang):
    text = diagram.mermaid(profile, lang)
    lines = text.splitlines()
    assert lines[:4] == ["---", lines[1], "---", "stateDiagram-v2"]  # front matter, then the diagram type
    assert [line for line in lines if not _MERMAID_LINE.match(line)] == []
    assert not any("--" in line.split(" : ", 1)[1] for line in lines if " : " in line)  # no arrow in a label
    arrows = [line for line in lines if " --> " in line and "[*]" not in line]
    labels = [part for line in arrows for part in line.split(" : ", 1)[1].split("<br/>")]
    assert len(labels) == len(diagram.edges(profile, lang))  # every transition, one line of a label each
    declared = {line.strip() for line in lines[4:] if re.fullmatch(rf"    {_ID}", line)}
    assert declared == {s.value for s in State}


@pytest.mark.skipif(shutil.which("mmdc") is None, reason="the Mermaid CLI (mmdc) is not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mermaid_renders_it(tmp_path, lang):
    source = tmp_path / "tcp.mmd"
    source.write_text(diagram.mermaid(LINUX, lang), encoding="utf-8")
    out = subprocess.run(
        ["mmdc", "-i", str(source), "-o", str(tmp_path / "tcp.svg")], capture_output=True, text=True, timeout=180
    )
    assert out.returncode == 0, out.stderr
    assert "SYN_RCVD" in (tmp_path / "tcp.svg").read_text(encoding="utf-8")


def test_the_dot_form_is_a_digraph_with_every_arrow():
    out = run("--format", "dot", "--profile", "linux", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "digraph tcp {" and lines[-1] == "}"
    arrows = [line for line in lines if " -> " in line]
    assert len(arrows) == len(diagram.edges(LINUX, "zh"))
    assert all(re.fullmatch(rf'    {_ID} -> {_ID} \[label="[^"\\]*"\];', line) for line in arrows)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_reads_it(tmp_path):
    out = subprocess.run(["dot", "-Tsvg"], input=diagram.dot(TEXTBOOK, "en"), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_bad_options_are_one_line_and_exit_2():
    out = run("--format", "png")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "invalid choice" in out.stderr
