"""A capture becomes a puzzle: every kernel capture makes one that `tcptui check` accepts and its
solution solves; a connection too short or too odd says why; the CLI writes the file."""

import pathlib
import subprocess
import sys

import pytest

from tcptui.capture.puzzle import PuzzleRefused, make_puzzle, pinned_seed
from tcptui.cli import main
from tcptui.core.profile import Profile
from tcptui.core.states import Replies, Side
from tcptui.core.world import isn_for
from tcptui.puzzle.goal import trace
from tcptui.puzzle.linter import lint
from tcptui.puzzle.load import load_text
from tcptui.puzzle.solver import replay

from .frames import ACK, CLOSE, SYN, X, Y, frames, write

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL = sorted((ROOT / "tests" / "data" / "kernel").glob("*.pcap"))
LINUX = Profile.named("linux")


@pytest.mark.parametrize("capture", KERNEL, ids=lambda p: p.stem)
def test_every_kernel_capture_makes_a_puzzle_that_checks_and_solves(capture):
    made = make_puzzle(str(capture), LINUX, name="made.toml")
    puzzle = load_text(made.text, "made.toml")
    assert lint(puzzle) == []
    outcomes, track = replay(puzzle, puzzle.solution)
    assert puzzle.goal.met(outcomes[-1].world, track)
    assert trace(puzzle.goal, outcomes).mask == track.mask
    assert made.first <= made.last and puzzle.par <= len(puzzle.solution)
    assert "seq=?" in puzzle.story.en and "seq=?" in puzzle.story.zh  # the numbers are the student's to find


def test_the_lesson_keeps_the_captures_numbers():
    capture = str(ROOT / "tests" / "data" / "kernel" / "active_close_client.pcap")
    made = make_puzzle(capture, LINUX, 0)
    puzzle = made.puzzle
    assert puzzle.start.replies is Replies.MANUAL
    assert [str(m) for m in puzzle.solution] == [
        "client close",
        "deliver 1",
        "server sends ACK",
        "deliver 1",
        "server close",
        "deliver 1",
        "client sends ACK",
        "deliver 1",
    ]
    outcomes, _ = replay(puzzle, puzzle.solution)
    sent = [item.segment for o in outcomes for item in o.sent]
    assert [s.label for s in sent] == ["FIN+ACK", "ACK", "FIN+ACK", "ACK"]
    assert sent[0].seq == puzzle.start.client.tcb.snd_nxt  # the capture's own numbers, not the seed's
    assert {e.describe() for e in puzzle.goal.must} >= {"client reaches FIN_WAIT_2", "server reaches LAST_ACK"}


def test_a_later_connection_starts_where_the_earlier_left_the_ports():
    capture = str(ROOT / "tests" / "data" / "kernel" / "timewait_syn_reuse_doc_path.pcap")
    made = make_puzzle(capture, LINUX, 1)
    start = made.puzzle.start
    assert start.server.state.value == "TIME_WAIT" and made.puzzle.chapter.value == "port-reuse"
    outcomes, _ = replay(made.puzzle, made.puzzle.solution)
    opened = [o.world.server.tcb.iss for o in outcomes if o.world.server.state.value == "SYN_RCVD"]
    assert opened and opened[0] == 3694202049  # the listener's new ISN is the capture's (the pinned seed)


@pytest.mark.parametrize("side", list(Side))
@pytest.mark.parametrize("n,isn", [(0, 0), (0, 3694202049), (2, 0xFFFFFFFF), (5, 12345)])
def test_the_pinned_seed_gives_the_wanted_isn(side, n, isn):
    seed = pinned_seed(side, n, isn)
    assert 0 <= seed < 1 << 63 and isn_for(seed, side, n) == isn


def test_a_connection_of_one_packet_is_too_short(tmp_path):
    path = tmp_path / "one.pcap"
    write(path, frames("ethernet", CLOSE[:1]))
    with pytest.raises(PuzzleRefused, match="has 1 packet; a puzzle needs at least 2"):
        make_puzzle(str(path), LINUX, 0)


def test_a_connection_the_engine_cannot_rebuild_says_where(tmp_path):
    odd = [(True, SYN, X, 0, 0), (False, SYN | ACK, Y, X + 7, 0), (True, ACK, X + 1, Y + 1, 0)]
    path = tmp_path / "odd.pcap"
    write(path, frames("ethernet", odd))
    with pytest.raises(PuzzleRefused, match="frame 2: the engine would not send this SYN\\+ACK there"):
        make_puzzle(str(path), LINUX, 0)
    with pytest.raises(PuzzleRefused, match="no connection makes a puzzle"):
        make_puzzle(str(path), LINUX)


def test_a_small_capture_with_data_makes_a_close_puzzle(tmp_path):
    path = tmp_path / "close.pcap"
    write(path, frames("ethernet", CLOSE))
    made = make_puzzle(str(path), LINUX, 0)
    assert made.puzzle.chapter.value == "close" and made.first == 6  # from the first FIN


def test_the_command_writes_a_file_that_tcptui_check_accepts(tmp_path, capsys):
    capture = ROOT / "tests" / "data" / "kernel" / "fin_ack_shortcut.pcap"
    out = tmp_path / "p.toml"
    assert main(["replay", str(capture), "--puzzle", "-o", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"wrote {out}: puzzle capture-fin-ack-shortcut-0 from connection 0") and err.count("\n") == 1
    assert main(["check", str(out)]) == 0
    capsys.readouterr()
    assert main(["replay", str(capture), "--puzzle", "--conn", "0", "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    assert load_text(captured.out, "stdout").id == "capture-fin-ack-shortcut-0"
    assert "谜题" in captured.err


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--conn", "4"], "no connection 4"),
        (["--json"], "does not go with --json"),
        (["-o", "/no/such/dir/p.toml"], "/no/such/dir/p.toml"),
    ],
)
def test_the_command_fails_in_one_line(argv, message):
    capture = ROOT / "tests" / "data" / "kernel" / "handshake.pcap"
    done = subprocess.run(
        [sys.executable, "-m", "tcptui", "replay", str(capture), "--puzzle", *argv, "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_capture_puzzles_chinese_follows_the_glossary():
    from tcptui.text.glossary import rejected_in

    made = make_puzzle(str(ROOT / "tests" / "data" / "kernel" / "timewait_syn_reuse_doc_path.pcap"), LINUX, 1)
    for text in (made.puzzle.title, made.puzzle.story, *made.puzzle.hints):
        assert not rejected_in(text.zh)
