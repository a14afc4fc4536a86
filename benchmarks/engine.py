"""Engine benchmarks (they print numbers; nothing here asserts a time).

1. Deliveries per second on a long random game: a seeded random player plays both endpoints and
   the network for many thousands of moves; every delivery (world, move) is recorded, then the
   deliveries alone are re-applied and timed (best of 3).
2. `tcptui explain … --json` end to end against `python -c "import rich"`, both started the same
   number of times in this run, taking turns; the ratio of medians is the figure.

Run: .venv/bin/python benchmarks/engine.py [--deliveries N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

from tcptui.core import AppCall, Call, Deliver, Drop, Fire, Side, Timer, World
from tcptui.core.moves import send_of
from tcptui.core.validate import PALETTE


def random_game(deliveries: int, seed: int = 1) -> list:
    """Play a long random game; return the (world, move) pairs of its deliveries.

    The player mostly lets the network deliver (sometimes out of order, sometimes losing a
    segment), and otherwise makes application calls, palette sends and timer moves on either side.
    """
    rng = random.Random(seed)
    world, pairs = World.new(seed=seed), []
    calls, timers = list(Call), list(Timer)
    while len(pairs) < deliveries:
        if world.wire and rng.random() < 0.7:
            index = 0 if rng.random() < 0.8 else rng.randrange(len(world.wire))
            move = Deliver(index)
            pairs.append((world, move))
        elif world.wire and rng.random() < 0.1:
            move = Drop(rng.randrange(len(world.wire)))
        else:
            side, roll = rng.choice((Side.CLIENT, Side.SERVER)), rng.random()
            if roll < 0.6:
                move = AppCall(side, rng.choice(calls))
            elif roll < 0.85:
                move = send_of(side, rng.choice(PALETTE).flags)
            else:
                move = Fire(side, rng.choice(timers))
        world = world.apply(move).world
        if len(world.wire) > 32:  # a player would not let hundreds pile up
            world = world._replace(wire=world.wire[-8:])
    return pairs


def deliveries_per_second(pairs: list, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for world, move in pairs:
            world.apply(move)
        best = min(best, time.perf_counter() - start)
    return len(pairs) / best


def median_runs(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of starting each command `runs` times (after two warm-up rounds), the
    commands taking turns so that a busy machine slows them all alike."""
    times: list[list[float]] = [[] for _ in commands]
    env = {**os.environ, "NO_COLOR": "1"}
    for i in range(runs + 2):
        for argv, seen in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
            if i >= 2:
                seen.append(time.perf_counter() - start)
    return [statistics.median(seen) for seen in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    pairs = random_game(args.deliveries)
    rate = deliveries_per_second(pairs)
    print(
        f"engine: {len(pairs):,} deliveries of a random game: {rate:,.0f} deliveries/s on one core (target >= 100,000)"
    )

    tcptui = shutil.which("tcptui", path=os.path.dirname(sys.executable)) or shutil.which("tcptui")
    explain = (
        [tcptui, "explain", "TIME_WAIT", "SYN", "--json"]
        if tcptui
        else [sys.executable, "-m", "tcptui", "explain", "TIME_WAIT", "SYN", "--json"]
    )
    card = explain[:-1]
    baseline, json_time, card_time = median_runs([[sys.executable, "-c", "import rich"], explain, card], args.runs)
    print(f"startup: python -c 'import rich': {baseline * 1000:.1f} ms (median of {args.runs})")
    print(
        f"startup: {' '.join(os.path.basename(a) for a in explain)}: {json_time * 1000:.1f} ms "
        f"= {json_time / baseline:.2f}x the rich import (target <= 1.2x)"
    )
    print(
        f"startup: {' '.join(os.path.basename(a) for a in card)} (Rich card): {card_time * 1000:.1f} ms "
        f"= {card_time / baseline:.2f}x the rich import"
    )


if __name__ == "__main__":
    main()
