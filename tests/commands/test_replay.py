"""`tcptui replay`, end to end: the JSON Lines format, the summary, --conn, and bad input."""

import json
import os
import subprocess
import sys

import pytest

from ..capture import frames as F
from ..conftest import KERNEL_CAPTURES, ROOT

KEYS = ["frame", "conn", "src", "dst", "dir", "flags", "seq", "ack", "len", "client", "server", "rule"]


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", "replay", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})},
        timeout=120,
    )


@pytest.fixture
def capture(tmp_path):
    """The whole S … A connection, with an ARP and a UDP frame in it."""
    items = F.frames("ethernet")
    items[2:2] = [F.arp_frame(), F.link("ethernet", F.udp_packet())]
    path = tmp_path / "x.pcap"
    F.write(path, items)
    return path


def test_json_lines_exactly_as_the_issue_says(capture):
    out = run(capture, "--json")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 9 and all(list(r) == KEYS for r in records)
    first, third = records[0], records[2]
    assert first == {
        "frame": 1,
        "conn": 0,
        "src": "10.9.0.1:40001",
        "dst": "10.9.0.2:5001",
        "dir": "c2s",
        "flags": "S",
        "seq": F.X,
        "ack": 0,
        "len": 0,
        "client": "SYN_SENT",
        "server": "SYN_RCVD",
        "rule": "handshake.syn-received",
    }
    assert third["frame"] == 5 and third["flags"] == "A" and third["client"] == third["server"] == "ESTABLISHED"
    assert [(r["client"], r["server"]) for r in records] == F.CLOSE_STATES
    assert "2 frames skipped: not TCP" in out.stderr


def test_json_on_the_kernel_capture():
    out = run(KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap", "--json", "--profile", "linux")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["conn"] for r in records] == [0] * 7 + [1] * 6
    assert (records[7]["client"], records[7]["server"]) == ("SYN_SENT", "TIME_WAIT")
    assert out.stderr == ""


def test_conn_selects_one_connection():
    path = KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap"
    records = [json.loads(line) for line in run(path, "--json", "--conn", "1").stdout.splitlines()]
    assert [r["frame"] for r in records] == list(range(8, 14))
    out = run(path, "--json", "--conn", "7")
    assert out.returncode == 2 and out.stdout == "" and "no connection 7" in out.stderr


def test_rule_options_change_the_replay(tmp_path):
    path = tmp_path / "rst.pcap"
    steps = F.CLOSE[:3] + [
        (True, F.FIN | F.ACK, F.X + 1, F.Y + 1, 0),
        (False, F.FIN | F.ACK, F.Y + 1, F.X + 2, 0),
        (True, F.ACK, F.X + 2, F.Y + 2, 0),
        (False, F.RST, F.Y + 2, 0, 0),
    ]
    F.write(path, [F.link("ethernet", F.segment(*s)) for s in steps])
    last = [json.loads(line) for line in run(path, "--json").stdout.splitlines()][-1]
    protected = [json.loads(line) for line in run(path, "--json", "--rfc1337").stdout.splitlines()][-1]
    assert (last["client"], last["rule"]) == ("CLOSED", "timewait.rst")
    assert (protected["client"], protected["rule"]) == ("TIME_WAIT", "timewait.rst-rfc1337")


def test_summary_table():
    out = run(KERNEL_CAPTURES / "rst_no_listener.pcap")
    assert out.returncode == 0, out.stderr
    assert "10.9.0.1:40001" in out.stdout and "rst.no-listener" in out.stdout and "rst.refused" in out.stdout
    assert "§4.4.1" in out.stdout


def test_a_rst_numbered_wrongly_says_its_numbers_in_its_why_line(tmp_path):
    path = tmp_path / "rst.pcap"
    F.write(path, F.frames("ethernet", F.CLOSE[:3] + [(True, F.RST, F.X + 500, 0, 0)]))
    out = run(path, env={"COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    (why,) = [line for line in out.stdout.splitlines() if "send.wrong-numbers" in line and "why" in line]
    assert "seq=1500" in why and "seq=1001" in why and "{" not in why


def test_summary_in_chinese_flags_stuck_connections(tmp_path):
    path = tmp_path / "stuck.pcap"
    F.write(path, F.frames("ethernet", F.CLOSE[:7]))
    out = run(path, "--lang", "zh")
    assert out.returncode == 0 and "CLOSE_WAIT" in out.stdout and "停在" in out.stdout


@pytest.mark.parametrize("content,words", [(None, "No such file"), (b"", "empty"), (b"GIF89a" * 10, "not a pcap")])
def test_bad_files_are_one_line_and_exit_2(tmp_path, content, words):
    path = tmp_path / "bad.pcap"
    if content is not None:
        path.write_bytes(content)
    for extra in (["--json"], []):
        out = run(path, *extra)
        assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
        assert len(out.stderr.splitlines()) == 1 and words in out.stderr


def test_a_cut_file_prints_what_it_could_then_fails(capture):
    capture.write_bytes(capture.read_bytes()[:-10])
    out = run(capture, "--json")
    assert out.returncode == 2 and len(out.stdout.splitlines()) == 8
    assert "cut short" in out.stderr and "Traceback" not in out.stderr
    summary = run(capture)
    assert summary.returncode == 2 and "10.9.0.1:40001" in summary.stdout and "cut short" in summary.stderr


@pytest.mark.parametrize("args", [("--conn", "x"), ("--profile", "bsd"), ("--timewait-syn", "maybe"), ()])
def test_bad_options_are_one_line(capture, args):
    out = run(*([capture] if args else []), *args)
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_replay_json_never_imports_textual_or_rich(capture):
    code = (
        "import sys, io, contextlib\nfrom tcptui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['replay', {str(capture)!r}, '--json'])\n"
        "print('textual' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_fits_80_columns_and_says_where_timewait_ended(lang):
    from rich.cells import cell_len

    out = run(KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap", "--summary", "--lang", lang, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert lines[1] == ("2 connections, 13 TCP packets" if lang == "en" else "2 条连接，13 个 TCP 报文段")
    rows = [line for line in lines if line[:3] in ("0  ", "1  ")]
    first = rows[0].split()
    assert first[:5] == ["0", "10.9.0.1:40001", "7", "CLOSED", "CLOSED"]  # both ends of #0 closed …
    words = {
        "en": ("TIME_WAIT ended in", "frame 10: RST from the client", "this ends the TIME_WAIT left by #0"),
        "zh": ("TIME_WAIT 于 #1 结束", "第 10 帧：客户端发出的 RST", "由此结束了 #0 留下的 TIME_WAIT"),
    }[lang]
    assert words[0] in rows[0]  # … because #1 ended the server's TIME_WAIT, as the RST card below says
    text = out.stdout.replace("│", "")
    assert words[1] in text and words[2] in text and "from the client R" not in text


def test_ipv6_addresses_print_as_they_are(tmp_path):
    path = tmp_path / "v6.pcap"
    F.write(path, F.frames("ethernet", F.CLOSE[:7], v6=True))
    out = run(path, "--summary", env={"COLUMNS": "80"})
    assert out.returncode == 0 and "[fd00::1]:40001" in out.stdout and "→ [fd00::2]:5001" in out.stdout
