"""Solver benchmark (prints numbers; no timed assertions): time to solve each bundled puzzle, the
whole pack, and hint latency (a hint from every position along a shortest solution).

    .venv/bin/python benchmarks/solver.py

Targets (issue 4): <= 200 ms per puzzle, <= 2 s for the pack, a hint <= 100 ms.
"""

from __future__ import annotations

import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from tcptui.puzzle import Attempt, load_pack, solve  # noqa: E402

REPEAT = 5


def best_of(fn, repeat: int = REPEAT) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def hint_latencies(puzzle) -> list[float]:
    """Seconds per hint, asked at every position of a shortest solution."""
    attempt, latencies = Attempt(puzzle), []
    while not attempt.solved:
        start = time.perf_counter()
        hint = attempt.hint()
        latencies.append(time.perf_counter() - start)
        attempt.apply(hint.move)
    return latencies


def main() -> None:
    pack = load_pack()
    print(f"{'puzzle':32} {'par':>3} {'worlds':>7} {'solve ms':>9} {'hint ms (max)':>14}")
    all_hints = []
    for puzzle in pack:
        found = solve(puzzle)
        seconds = best_of(lambda p=puzzle: solve(p))
        hints = hint_latencies(puzzle)
        all_hints += hints
        print(f"{puzzle.id:32} {puzzle.par:3} {found.nodes:7} {seconds * 1000:9.2f} {max(hints) * 1000:14.2f}")
    pack_seconds = best_of(lambda: [solve(p) for p in pack], 3)
    slowest = max(best_of(lambda p=p: solve(p), 3) for p in pack)
    print()
    print(f"puzzles: {len(pack)}")
    print(f"slowest puzzle: {slowest * 1000:.1f} ms (target <= 200 ms)")
    print(f"whole pack: {pack_seconds * 1000:.1f} ms (target <= 2000 ms)")
    print(
        f"hints: {len(all_hints)}, median {statistics.median(all_hints) * 1000:.2f} ms, "
        f"max {max(all_hints) * 1000:.2f} ms (target <= 100 ms)"
    )


if __name__ == "__main__":
    main()
