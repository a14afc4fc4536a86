"""`tcptui lab` as a user runs it: one line per state, exit 0; bad input is one line, exit 2."""

import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tcptui", "lab", *args], capture_output=True, text=True, timeout=60)


def test_handshake_prints_both_kernels_beside_the_engine(lab_support, tmp_path):
    report = tmp_path / "r.jsonl"
    done = run("--moves", "server listen; client connect; deliver 1; deliver 1; deliver 1", "--report", str(report))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("lab: client 10.9.0.1:40001, server 10.9.0.2:5001; rto_min 1000 ms, quickack")
    assert "tcp_timestamps=0" in lines[1] and "tcp_rfc1337=0" in lines[1]
    assert "  3 deliver 1" in lines
    assert "      sent: server SYN+ACK seq=y ack=x+1" in lines
    assert lines[-1] == "5 steps; the engine disagrees with the kernel on 0"
    assert len(report.read_text().splitlines()) == 6


def test_json_lines(lab_support):
    done = run("--moves", "server listen; client connect", "--json")
    assert done.returncode == 0, done.stderr
    steps = [json.loads(line) for line in done.stdout.splitlines()]
    assert [s["server"]["kernel"]["state"] for s in steps] == ["LISTEN", "LISTEN"]
    assert steps[1]["client"]["kernel"]["timer"] == "on"


def test_a_difference_is_shown(lab_support):
    done = run("--moves", "server listen; client connect; client send-data 100")
    assert done.returncode == 0
    assert "  3 client send-data 100 -> EAGAIN" in done.stdout
    assert "      DIFFERS: client send: kernel answers EAGAIN, engine accepts it (app.send-queued)" in done.stdout


def test_bad_input_is_one_line(lab_support):
    done = run("--moves", "server listen; client dance")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("tcptui lab: --moves: move 2 ('client dance'): 'client dance': unknown move;")
    assert done.stderr.count("\n") == 1
    done = run("--moves", "deliver 1")
    assert done.returncode == 2 and done.stderr == "tcptui lab: move 1: 'deliver 1': 0 segments held on the wire\n"
    done = run("--moves", "server crash")
    assert done.stderr == "tcptui lab: move 1: 'server crash': a real host cannot crash on demand in the lab\n"
    done = run("--moves", "server listen; flood 10", "--lang", "zh")
    assert (done.returncode, done.stderr) == (2, "tcptui lab: 第 2 步：'flood 10'：实验室不伪造来自其他地址的 SYN\n")
    done = run()  # the interactive lab, with no terminal to draw on
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "tcptui lab --moves" in done.stderr
    done = run("--json")
    assert done.returncode == 2 and "--json prints a session played from moves" in done.stderr
    done = run("--moves", " ")
    assert done.stderr == "tcptui lab: no moves in --moves\n"
    done = run("--moves", "server listen", "--sysctl", "bogus")
    assert done.returncode == 2 and "expected NAME=VALUE" in done.stderr
