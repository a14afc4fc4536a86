"""`tcptui export` attacked: odd numbers in the move notation, games that pile segments on the wire,
FIFOs and endless files where a moves file or the output belongs. One line and exit 2, or a pcap;
never a hang, never memory without bound (issue 9)."""

from __future__ import annotations

import os
import random
import threading

import pytest

from tcptui.core.moves import parse_move

from ..attack import SLOW, Tally, cases, run_tcptui

ODD_MOVES = [
    "client send-data -5",
    "client send-data 0",
    "client send-data 65536",
    "client send-data 1000000000",
    "client send-data 99999999999999999999999999",
    "client send-data ١٢٣",  # Arabic-Indic digits: str.isdigit() says yes
    "client send-data ²",
    "client send-data 1_000",
    "client sends DATA len=65536",
    "client sends DATA len=-1",
    "client sends DATA len=99999999999",
    "client sends SYN seq=4294967296",
    "client sends SYN seq=-1",
    "client sends SYN+ACK ack=99999999999999999999999",
    "deliver 0",
    "deliver -1",
    "deliver 99999999999999999999",
    "duplicate ٣",
    "drop 1e3",
    "client sends",
    "client sends BOGUS",
    "client sends SYN seq=",
    "client timer never",
    "nobody connect",
]


@pytest.mark.parametrize("text", ODD_MOVES)
def test_odd_numbers_are_refused_at_parse_time(text):
    with pytest.raises(ValueError) as caught:
        parse_move(text)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["client send-data 1", "client send-data 65535", "client sends DATA len=65535"])
def test_the_largest_honest_sizes_are_kept(text):
    assert str(parse_move(text)).startswith("client")


def test_odd_moves_through_export_are_one_line(tmp_path):
    """The issue's reproductions: `send-data -5` moved SND.NXT backwards, `send-data 1000000000`
    built a gigabyte payload before dpkt gave up."""
    with Tally("export: odd move notation") as tally:
        for text in ODD_MOVES:
            moves = f"server listen; client connect; deliver 1; deliver 1; deliver 1; {text}; deliver 1"
            done = run_tcptui("export", "--moves", moves, "-o", tmp_path / "x.pcap", memory=512 << 20)
            tally.check(text, done, also=[] if done.returncode == 2 else [f"exit {done.returncode}"])


def _random_move(rng: random.Random) -> str:
    words = [
        rng.choice(["client", "server", "deliver", "drop", "duplicate", "", "客户端"]),
        rng.choice(["connect", "listen", "send-data", "sends", "timer", "crash", "restart", "close", "1", "x"]),
    ]
    for _ in range(rng.randint(0, 3)):
        words.append(
            rng.choice(
                [
                    str(rng.randint(-10, 10**12)),
                    "SYN+ACK",
                    "DATA",
                    "RST+ACK",
                    f"seq={rng.randint(0, 2**40)}",
                    f"ack={rng.randint(-5, 2**33)}",
                    f"len={rng.randint(-5, 2**20)}",
                    "rto",
                    "2msl",
                    "give-up",
                ]
            )
        )
    return " ".join(w for w in words if w)


def test_random_move_notation_is_one_line_or_a_pcap(tmp_path):
    rng = random.Random(877)
    base = ["server listen", "client connect", "deliver 1", "deliver 1", "deliver 1"]
    with Tally("export: random moves") as tally:
        for i in range(cases(30, 1000)):
            moves = base + [
                _random_move(rng) if rng.random() < 0.3 else f"deliver {rng.randint(1, 3)}" for _ in range(12)
            ]
            done = run_tcptui("export", "--moves", "; ".join(moves), "-o", tmp_path / "x.pcap", memory=512 << 20)
            tally.check(f"game {i}: {'; '.join(moves[5:])}", done)


@pytest.mark.parametrize("count", [20_000, 50_000] if SLOW else [20_000])
def test_many_duplicates_take_linear_memory(tmp_path, count):
    """The issue's reproduction: 20,000 `duplicate 1` moves took 1.55 GiB; 50,000 never ended."""
    moves = tmp_path / "dups.txt"
    moves.write_text("server listen\nclient connect\n" + "duplicate 1\n" * count + "deliver 1\n" * 50, encoding="utf-8")
    with Tally(f"export: {count} duplicates") as tally:
        done = run_tcptui("export", moves, "-o", tmp_path / "d.pcap", memory=400 << 20, timeout=120)
        tally.check(f"{count} duplicates", done)


def test_a_fifo_output_with_no_reader_is_one_line(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    with Tally("export: FIFOs") as tally:
        done = run_tcptui("export", "--moves", "server listen", "-o", fifo, timeout=20)
        tally.check("-o FIFO with no reader", done, also=[] if done.returncode == 2 else [f"exit {done.returncode}"])
        moves = tmp_path / "moves.fifo"
        os.mkfifo(moves)
        done = run_tcptui("export", moves, "-o", tmp_path / "x.pcap", timeout=20)
        tally.check(
            "a moves FIFO with no writer", done, also=[] if done.returncode == 2 else [f"exit {done.returncode}"]
        )
        for endless in ("/dev/zero", "/dev/urandom"):
            done = run_tcptui("export", endless, "-o", tmp_path / "x.pcap", timeout=20, memory=512 << 20)
            tally.check(endless, done, also=[] if done.returncode == 2 else [f"exit {done.returncode}"])


def test_a_fifo_with_a_reader_or_a_writer_still_works(tmp_path):
    """A FIFO is a fine output when someone reads it (`-o >(tshark -r -)`), and a fine moves file
    when someone writes it."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))  # noqa: SIM115
    reader.start()
    done = run_tcptui("export", "--moves", "server listen; client connect; deliver 1", "-o", fifo, timeout=20)
    reader.join(timeout=20)
    assert done.returncode == 0, done.stderr
    assert got and got[0][:4] in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4")
    moves = tmp_path / "moves.fifo"
    os.mkfifo(moves)
    writer = threading.Thread(target=lambda: open(moves, "w").write("server listen\nclient connect\ndeliver 1\n"))  # noqa: SIM115
    writer.start()
    done = run_tcptui("export", moves, "-o", tmp_path / "y.pcap", timeout=20)
    writer.join(timeout=20)
    assert done.returncode == 0, done.stderr
