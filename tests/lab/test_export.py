"""A lab session written down: the report, the pcap, the moves file and the packetdrill script."""

import json
import os
import shutil
import subprocess

import pytest

import sys
from tcptui.core.profile import PROFILES, ProfileName
from tcptui.core.states import Side, State
from tcptui.core.world import World
from tcptui.lab import export, parse_lab_moves
from tcptui.lab.export import moves_text, packetdrill_script

from .test_scenarios import FOUR_WAY, REUSE


def play(lab, script):
    for move in parse_lab_moves("; ".join(move for move, _, _ in script)):
        lab.play(move)


def test_report_lines(lab, tmp_path):
    play(lab, FOUR_WAY)
    path = tmp_path / "session.jsonl"
    assert export.write_report(lab, path) == len(FOUR_WAY)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0]["kind"] == "session" and lines[0]["sysctls"]["net.ipv4.tcp_timestamps"] == "0"
    assert lines[0]["differences"] == 0
    third = lines[3]
    assert third["move"] == "deliver 1" and third["client"]["kernel"]["state"] == "SYN_SENT"
    assert third["server"] == {"kernel": third["server"]["kernel"], "engine": "SYN_RCVD"}
    assert third["server"]["kernel"]["timer"] == "on"
    assert [s["text"] for s in third["actual"]] == ["SYN+ACK seq=y ack=x+1"] == [s["text"] for s in third["predicted"]]
    assert third["agree"] is True and third["differences"] == []


def test_pcap_replays_to_the_kernels_states(lab, tmp_path):
    play(lab, REUSE)
    path = tmp_path / "session.pcap"
    assert export.write_pcap(lab, path) == len(lab.delivered) == 13
    done = subprocess.run(
        [sys.executable, "-m", "tcptui", "replay", str(path), "--json"], capture_output=True, text=True, check=True
    )
    last = json.loads(done.stdout.splitlines()[-1])
    assert (last["client"], last["server"]) == ("ESTABLISHED", "ESTABLISHED")


def test_moves_file_replays_in_the_engine(lab):
    play(lab, REUSE)
    text = moves_text(lab, seed=0)
    world = World.new(profile=PROFILES[ProfileName.LINUX])
    for move in parse_lab_moves(text):
        world = world.apply(move).world
    assert (world.client.state, world.server.state) == (State.ESTABLISHED, State.ESTABLISHED)
    assert "client sends SYN seq=" in text  # the crafted SYN, at x+1 of the sandbox's ISN


def test_packetdrill_script_shape(lab):
    play(lab, FOUR_WAY)
    script = packetdrill_script(lab, Side.SERVER).splitlines()
    events = [line.split(None, 1)[1] for line in script if line.strip() and line.lstrip()[0] in "0+"]
    assert events[:8] == [
        "socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
        "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
        "bind(3, ..., ...) = 0",
        "listen(3, 8) = 0",
        "< S 0:0(0) win 64240",
        "> S. 0:0(0) ack 1 <...>",
        "< . 1:1(0) ack 1 win " + events[6].rsplit(" ", 1)[1],
        "accept(3, ..., ...) = 4",
    ]
    assert "< F. 1:1(0) ack 1 win" in "\n".join(events)
    assert events[-3:][0].startswith("close(4) = 0")


def _packetdrill() -> str:
    found = os.environ.get("TCPTUI_PACKETDRILL") or shutil.which("packetdrill")
    if not found or not shutil.which("unshare"):
        pytest.skip("packetdrill is not installed (set TCPTUI_PACKETDRILL to a built binary)")
    return found


@pytest.mark.parametrize(
    "script, side",
    [(FOUR_WAY, Side.CLIENT), (FOUR_WAY, Side.SERVER), (REUSE, Side.CLIENT)],
    ids=["four-way-client", "four-way-server", "reuse-client"],
)
def test_packetdrill_runs_the_script(lab, tmp_path, script, side):
    binary = _packetdrill()
    play(lab, script)
    path = tmp_path / "lab.pkt"
    export.write_packetdrill(lab, path, side)
    # a loaded machine (the suite runs beside it) answers later than packetdrill's 4 ms by default
    command = ["unshare", "-n", binary, "--tolerance_usecs=100000", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_the_report_names_numbers_after_their_own_isn(lab):
    """A segment's SEQ after its sender's ISN, its ACK after its receiver's (tcptui.numbers): the
    §4.2 dance's old ACK is y+2/x+2 and the RST x+2, as the notes write them, whatever the ISNs."""
    play(lab, REUSE)
    texts = [segment["text"] for line in export.report(lab)[1:] for segment in line["actual"]]
    assert "ACK seq=y+2 ack=x+2" in texts and "RST seq=x+2" in texts
    assert "SYN+ACK seq=y' ack=x'+1" in texts and "ACK seq=x'+1 ack=y'+1" in texts
