"""Lab benchmark (prints numbers; nothing here asserts a time).

Plays the §4.2 reuse dance (the longest scenario of tests/lab: handshake, the server's close,
TIME_WAIT, an old-looking SYN, the RST, a new handshake) --rounds times, each in a fresh lab, and
times every "deliver" from the call to the Step that holds both kernels' states (written to the
receiver's TUN device, replies collected, the applications' accept/read, sock_diag of both
namespaces, the engine's prediction and the comparison). In the same run the same moves are
played in the sandbox engine (World.apply, linux profile) and timed the same way. Prints the
medians and their ratio (the issue's target: within 1.5× of the sandbox's move — that figure is
the sandbox *screen's* move, measured when the lab gets its screen; here it is the engine alone).

Needs what `tcptui lab` needs (root or CAP_NET_ADMIN, /dev/net/tun, pyroute2).

Run: .venv/bin/python benchmarks/lab.py [--rounds N] [--quiet SECONDS]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DANCE = (
    "server listen; client connect; deliver 1; deliver 1; deliver 1; server close; deliver 1; deliver 1; "
    "client close; deliver 1; deliver 1; client connect; drop 1; client sends SYN seq=x+1; deliver 1; "
    "deliver 1; deliver 1; deliver 1; deliver 1; deliver 1"
)


def lab_times(rounds: int, quiet: float) -> tuple[list[float], list[float], int]:
    """Per-deliver times in the lab, the lab's set-up times, and the Steps that differed."""
    from tcptui.lab import Lab, parse_lab_moves

    delivers, setups, differ = [], [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        with Lab(quiet=quiet) as lab:
            setups.append(time.perf_counter() - start)
            for move in parse_lab_moves(DANCE):
                start = time.perf_counter()
                lab.play(move)
                took = time.perf_counter() - start
                if str(move).startswith("deliver"):
                    delivers.append(took)
            differ += sum(1 for step in lab.steps if step.differences)
    return delivers, setups, differ


def sandbox_times(rounds: int) -> list[float]:
    """The same moves in the engine: World.apply for every deliver (the crafted SYN at x+1)."""
    from tcptui.core.moves import Send
    from tcptui.core.profile import PROFILES, ProfileName
    from tcptui.core.segment import SYN
    from tcptui.core.states import Side
    from tcptui.core.world import World
    from tcptui.lab import parse_lab_moves

    times = []
    for _ in range(rounds * 50):  # the engine is fast: more rounds for a steady median
        world = World.new(profile=PROFILES[ProfileName.LINUX])
        for move in parse_lab_moves(DANCE):
            if str(move).startswith("client sends"):
                move = Send(Side.CLIENT, SYN, (world.client.tcb.iss - 200) % (1 << 32))  # an old-looking SYN
            start = time.perf_counter()
            world = world.apply(move).world
            took = time.perf_counter() - start
            if str(move).startswith("deliver"):
                times.append(took)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="sessions to play (default: %(default)s)")
    parser.add_argument("--quiet", type=float, default=0.002, help="the lab's settle time, s (default: %(default)s)")
    args = parser.parse_args()
    from tcptui.lab import unavailable

    reason = unavailable()
    if reason:
        print(f"benchmarks/lab.py: {reason}", file=sys.stderr)
        return 2
    delivers, setups, differ = lab_times(args.rounds, args.quiet)
    sandbox = sandbox_times(args.rounds)
    lab_ms, engine_ms = statistics.median(delivers) * 1000, statistics.median(sandbox) * 1000
    print(f"lab set-up (two namespaces, devices, diag sockets): median {statistics.median(setups) * 1000:.1f} ms")
    print(f"lab deliver → both kernels' states read: median {lab_ms:.2f} ms over {len(delivers)} delivers")
    print(f"    (p90 {sorted(delivers)[int(len(delivers) * 0.9)] * 1000:.2f} ms; steps that differed: {differ})")
    print(f"sandbox engine deliver (World.apply): median {engine_ms * 1000:.1f} µs over {len(sandbox)} delivers")
    print(f"ratio lab / engine: {lab_ms / engine_ms:.0f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
