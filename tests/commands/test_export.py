"""`tcptui export`, end to end: moves in, a pcap out that replays to the game's states."""

import json
import os
import subprocess
import sys

import pytest

from ..conftest import ROOT

GAME = "server listen; client connect; deliver 1; deliver 1; deliver 1; client close; deliver 1; deliver 1"


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        env={**os.environ, "NO_COLOR": "1", "TCPTUI_LANG": "en"},
        timeout=120,
    )


def replayed(path, *extra):
    out = run("replay", path, "--json", *extra)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_moves_option(tmp_path):
    path = tmp_path / "g.pcap"
    out = run("export", "--moves", GAME, "-o", path)
    assert out.returncode == 0 and "wrote 5 packets (8 moves)" in out.stdout, out.stderr
    records = replayed(path, "--profile", "textbook")
    assert [r["flags"] for r in records] == ["S", "SA", "A", "FA", "A"]
    assert (records[-1]["client"], records[-1]["server"]) == ("FIN_WAIT_2", "CLOSE_WAIT")


def test_moves_file_and_stdin(tmp_path):
    moves = tmp_path / "game.txt"
    moves.write_text("# the handshake\n" + GAME.replace("; ", "\n") + "\n", encoding="utf-8")
    for source, stdin in ((moves, None), ("-", moves.read_text(encoding="utf-8"))):
        path = tmp_path / "g.pcap"
        assert run("export", source, "-o", path, stdin=stdin).returncode == 0
        assert len(replayed(path)) == 5


def test_addresses_seed_and_profile(tmp_path):
    path = tmp_path / "g6.pcap"
    out = run(
        "export",
        "--moves",
        GAME,
        "-o",
        path,
        "--client",
        "[fd00::1]:50000",
        "--server",
        "[fd00::2]:443",
        "--seed",
        "9",
        "--profile",
        "linux",
    )
    assert out.returncode == 0, out.stderr
    first = replayed(path)[0]
    assert first["src"] == "[fd00::1]:50000" and first["dst"] == "[fd00::2]:443"
    other = tmp_path / "other.pcap"
    run("export", "--moves", GAME, "-o", other, "--seed", "10")
    assert replayed(other)[0]["seq"] != first["seq"]


@pytest.mark.parametrize(
    "args,words",
    [
        (("--moves", "client dances"), "move 1"),
        ((), "no moves"),
        (("--moves", GAME, "--client", "nowhere"), "IP:PORT"),
        (("--moves", GAME, "--client", "10.0.0.1:1", "--server", "[fd00::2]:2"), "IPv4 or both IPv6"),
        (("no-such-file.txt",), "No such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, words):
    out = run("export", *args, "-o", tmp_path / "x.pcap")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and words in out.stderr, out.stderr


def test_unwritable_output(tmp_path):
    out = run("export", "--moves", GAME, "-o", tmp_path / "no" / "dir" / "x.pcap")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_a_bad_move_in_a_file_is_file_line_and_exit_2(tmp_path):
    """A moves file's error names the file and the line (comments and blank lines counted), an error
    in --moves says --moves."""
    import subprocess
    import sys

    moves = tmp_path / "game.moves"
    moves.write_text("server listen\n# the client now\n\nclient conect\n", encoding="utf-8")
    for extra, where in (([], f"{moves}:4: move 2 ('client conect')"), (["--moves", "deliver 1"], f"{moves}:4:")):
        done = subprocess.run(
            [sys.executable, "-m", "tcptui", "export", str(moves), *extra, "-o", str(tmp_path / "x.pcap")],
            capture_output=True,
            text=True,
        )
        assert (
            done.returncode == 2 and done.stderr.startswith(f"tcptui export: {where}") and done.stderr.count("\n") == 1
        )
    moves.write_text("server listen\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tcptui",
            "export",
            str(moves),
            "--moves",
            "deliver 1; drop x",
            "-o",
            str(tmp_path / "x.pcap"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stderr.startswith("tcptui export: --moves: move 3 ('drop x')")


def test_a_bad_moves_file_for_play_is_file_line_before_any_screen(tmp_path):
    """`tcptui play --moves FILE` reads the file before it needs a terminal: FILE:LINE and exit 2."""
    import subprocess
    import sys

    moves = tmp_path / "game.moves"
    moves.write_text("server listen\n# the client now\nclient conect\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tcptui", "play", "--moves", str(moves)], capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stderr.startswith(f"tcptui play: {moves}:3: move 2 ('client conect')")
    assert done.stderr.count("\n") == 1
    moves.write_text("# profile=martian\nserver listen\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tcptui", "play", "--moves", str(moves)], capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stderr.startswith(f"tcptui play: {moves}:1: rules line:")
