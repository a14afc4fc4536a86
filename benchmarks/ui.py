"""UI benchmarks, measured in a pseudo-terminal at 80×24 as a user sees them (they print numbers).

- start to first frame: from spawning the process to the first screen showing its marker;
- key to quiet screen: from a key press to the last byte written before 150 ms of silence;
- bytes written to the terminal per move;
- keys sent in bursts of 10, in one write each (as SSH delivers typed-ahead keys or a paste): how
  many bursts had every key applied (read back from the screen through a terminal emulator), and
  the time from the burst to a quiet screen.
Each is compared with a bare Textual app (header, two labels, a log, a footer; benchmarks/bare_app.py)
measured in the same run. Run: .venv/bin/python benchmarks/ui.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import pathlib
import shutil
import statistics
import sys
import time

import pexpect
import pyte

HERE = pathlib.Path(__file__).resolve().parent
QUIET = 0.15  # seconds of silence that mean "the screen is done"


def spawn(argv: list[str]) -> pexpect.spawn:
    data = pathlib.Path(os.environ.get("BENCH_DATA", "/tmp/tcptui-bench"))
    data.mkdir(parents=True, exist_ok=True)
    (data / "tutorial-seen").touch()  # the sandbox as it opens after the first run (not the tutorial)
    env = {**os.environ, "TERM": "xterm-256color", "TCPTUI_DATA_DIR": str(data)}
    return pexpect.spawn(argv[0], argv[1:], dimensions=(24, 80), env=env, cwd="/tmp")


def first_frame(argv: list[str], marker: bytes) -> float:
    """Seconds until the marker is on screen."""
    start = time.perf_counter()
    child = spawn(argv)
    seen = b""
    while marker not in seen:
        seen += child.read_nonblocking(65536, timeout=10)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def settle(child: pexpect.spawn) -> int:
    """Read until QUIET seconds pass without output; return the bytes read."""
    total = 0
    while True:
        try:
            total += len(child.read_nonblocking(65536, timeout=QUIET))
        except pexpect.TIMEOUT:
            return total


def key_to_quiet(child: pexpect.spawn, key: str) -> tuple[float, int]:
    """Seconds from sending `key` to the last byte before silence, and the bytes written."""
    start = time.perf_counter()
    child.send(key)
    total, last = 0, start
    while True:
        try:
            chunk = child.read_nonblocking(65536, timeout=QUIET)
        except pexpect.TIMEOUT:
            return last - start, total
        total += len(chunk)
        last = time.perf_counter()


def tcptui_moves(tcptui: str, rounds: int) -> tuple[list[float], list[int]]:
    """Open a connection, then time the moves of a data exchange, one key each: the key that
    completes an application send (after `a` opens its menu), the deliveries of the data and of
    its ACK, an undo, a redo, a switch of side."""
    child = spawn([tcptui, "play", "--lang", "en", "--seed", "1"])
    child.expect("CLIENT", timeout=20)
    settle(child)
    for key in ("s", "a", "l", "c", "a", "c", "\r", "\r", "\r"):  # the handshake, not timed
        child.send(key)
        settle(child)
    times, sizes = [], []
    for _ in range(rounds):
        child.send("a")  # opens the menu; the move is the next key
        settle(child)
        for key in ("d", "\r", "\r", "u", "r", "\t"):
            seconds, size = key_to_quiet(child, key)
            times.append(seconds)
            sizes.append(size)
    child.terminate(force=True)
    return times, sizes


class Screen:
    """What the child's terminal shows, read through pyte (a terminal emulator)."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child, self.screen = child, pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def burst(self, keys: str) -> tuple[float, str]:
        """Send `keys` in one write; seconds to the last byte before silence, and the screen then."""
        start = time.perf_counter()
        self.child.send(keys)
        last = start
        while True:
            try:
                chunk = self.child.read_nonblocking(65536, timeout=QUIET if keys else 10)
            except pexpect.TIMEOUT:
                return last - start, "\n".join(self.screen.display)
            self.stream.feed(chunk)
            last = time.perf_counter()


# One burst: the client sends data, it is delivered and ACKed; the server does the same: 10 keys,
# 6 moves, 4 segments — the newest segment's number shows whether every key landed.
BURST = "cad\r\rsad\r\r"
SEGMENTS_PER_BURST = 4


def newest_segment(shown: str) -> int:
    """The highest segment number on screen ('#7 ACK …' in the ladder)."""
    return max((int(n) for n in re.findall(r"#(\d+) ", shown)), default=0)


def tcptui_bursts(tcptui: str, bursts: int) -> tuple[int, list[float]]:
    """Bursts of 10 keys after a handshake typed as bursts too: (bursts fully applied, seconds each)."""
    child = spawn([tcptui, "play", "--lang", "en", "--seed", "1"])
    screen = Screen(child)
    screen.burst("")  # the first frame
    screen.burst("sal")
    _, shown = screen.burst("cac\r\r\r")
    applied, times = 0, []
    for _ in range(bursts):
        before = newest_segment(shown)
        seconds, shown = screen.burst(BURST)
        times.append(seconds)
        applied += newest_segment(shown) == before + SEGMENTS_PER_BURST and "nothing in flight" in shown
    child.terminate(force=True)
    return applied, times


def bare_bursts(bursts: int) -> tuple[int, list[float]]:
    """Bursts of 10 `a` to the bare app: (bursts fully applied, seconds each)."""
    child = spawn([sys.executable, str(HERE / "bare_app.py")])
    screen = Screen(child)
    screen.burst("")  # the first frame
    applied, times = 0, []
    for n in range(1, bursts + 1):
        seconds, shown = screen.burst("a" * 10)
        times.append(seconds)
        applied += re.search(rf"\bcount {n * 10}\b", shown) is not None
    child.terminate(force=True)
    return applied, times


def bare_moves(rounds: int) -> tuple[list[float], list[int]]:
    child = spawn([sys.executable, str(HERE / "bare_app.py")])
    child.expect("BARE-READY", timeout=20)
    settle(child)
    times, sizes = [], []
    for _ in range(rounds * 4):
        seconds, size = key_to_quiet(child, "a")
        times.append(seconds)
        sizes.append(size)
    child.terminate(force=True)
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tcptui = shutil.which("tcptui", path=os.path.dirname(sys.executable)) or shutil.which("tcptui")
    bare_argv = [sys.executable, str(HERE / "bare_app.py")]

    bare_start, our_start = [], []
    for _ in range(args.runs):  # interleaved, so that load on the machine hits both alike
        bare_start.append(first_frame(bare_argv, b"BARE-READY"))
        our_start.append(first_frame([tcptui, "play", "--lang", "en"], b"CLIENT"))
    b, o = statistics.median(bare_start), statistics.median(our_start)
    print(
        f"first frame: bare Textual app {b * 1000:.0f} ms, tcptui play {o * 1000:.0f} ms "
        f"= {o / b:.2f}x (target <= 1.2x; medians of {args.runs})"
    )

    bare_t, bare_b = bare_moves(args.runs)
    our_t, our_b = tcptui_moves(tcptui, args.runs)
    bt, ot = statistics.median(bare_t), statistics.median(our_t)
    print(
        f"key to quiet screen: bare app {bt * 1000:.1f} ms, tcptui move {ot * 1000:.1f} ms "
        f"= {ot / bt:.2f}x (target <= 1.3x; medians of {len(our_t)} moves)"
    )
    print(
        f"bytes per move: tcptui median {statistics.median(our_b):,.0f} B, max {max(our_b):,} B "
        f"(target <= 4 KB median); bare app {statistics.median(bare_b):,.0f} B"
    )

    bare_ok, bare_bt = bare_bursts(args.runs)
    our_ok, our_bt = tcptui_bursts(tcptui, args.runs)
    bb, ob = statistics.median(bare_bt), statistics.median(our_bt)
    print(
        f"bursts of 10 keys in one write, every key applied: tcptui {our_ok}/{args.runs} (target 100 %), "
        f"bare app {bare_ok}/{args.runs}; "
        f"burst to quiet screen: bare {bb * 1000:.1f} ms, tcptui {ob * 1000:.1f} ms = {ob / bb:.2f}x"
    )


if __name__ == "__main__":
    main()
