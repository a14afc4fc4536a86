"""Replay benchmark (prints numbers; nothing here asserts a time).

Generates a capture of ≥ 200,000 packets over ≥ 10,000 connections (64 open at a time,
interleaved; most are request/response exchanges with a clean close, some meet no listener,
some are aborted) into a temporary directory, then times, in the same run and on the same file:

- `tcptui replay FILE --json` (every packet through the engine, JSON Lines to /dev/null), in one
  process and with the default number of processes (one per CPU for large files), and
- `tshark -r FILE -T fields -e tcp.flags` (when tshark is installed),

best of --runs each, and prints packets per second and the ratio.

Run: .venv/bin/python benchmarks/replay.py [--conns N] [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08


def conversation(kind: str, rng: random.Random):
    """(from_client, flags, payload) steps of one connection, numbers left to `numbered`."""
    if kind == "refused":
        return [(True, SYN, 0), (False, RST | ACK, 0)]
    steps = [(True, SYN, 0), (False, SYN | ACK, 0), (True, ACK, 0)]
    if kind == "abort":
        return steps + [(True, PSH | ACK, 120), (False, ACK, 0), (True, RST | ACK, 0)]
    for _ in range(5):
        steps += [
            (True, PSH | ACK, rng.randrange(50, 400)),
            (False, PSH | ACK, rng.randrange(200, 1400)),
            (True, ACK, 0),
        ]
    return steps + [(True, FIN | ACK, 0), (False, ACK, 0), (False, FIN | ACK, 0), (True, ACK, 0)]


def numbered(steps, rng: random.Random):
    """Give the steps real sequence and acknowledgment numbers."""
    nxt = {True: rng.getrandbits(32), False: rng.getrandbits(32)}
    for from_client, flags, length in steps:
        seq, ack = nxt[from_client], nxt[not from_client] if flags & ACK else 0
        if flags & RST and not from_client:  # no listener: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
            seq = 0
        yield from_client, flags, seq % (1 << 32), ack % (1 << 32), length
        nxt[from_client] = (nxt[from_client] + length + bool(flags & (SYN | FIN))) % (1 << 32)


def generate(path: str, conns: int, seed: int = 5) -> int:
    """Write the capture; returns its packet count."""
    from dpkt import ethernet, ip, pcap, tcp

    rng = random.Random(seed)
    kinds = ["normal"] * 18 + ["refused", "abort"]
    pending = list(range(conns))
    active: list = []
    count, ts = 0, 1_700_000_000.0
    with open(path, "wb") as f:
        writer = pcap.Writer(f, snaplen=65535)
        while pending or active:
            while pending and len(active) < 64:
                i = pending.pop(0)
                client = (bytes([10, 1, (i >> 8) & 255, i & 255]), 20000 + i % 40000)
                active.append((client, numbered(conversation(rng.choice(kinds), rng), rng)))
            slot = rng.randrange(len(active))
            client, steps = active[slot]
            step = next(steps, None)
            if step is None:
                active.pop(slot)
                continue
            from_client, flags, seq, ack, length = step
            a, b = (client, (b"\x0a\x09\x00\x02", 80)) if from_client else ((b"\x0a\x09\x00\x02", 80), client)
            seg = tcp.TCP(sport=a[1], dport=b[1], seq=seq, ack=ack, flags=flags, win=64240, data=b"x" * length)
            packet = ip.IP(src=a[0], dst=b[0], p=6, ttl=64, data=seg)
            frame = ethernet.Ethernet(src=b"\x02" * 6, dst=b"\x04" * 6, type=ethernet.ETH_TYPE_IP, data=packet)
            ts += 0.00001
            writer.writepkt(bytes(frame), ts=ts)
            count += 1
    return count


def best_time(command: list[str], runs: int, env: dict | None = None) -> float:
    """Best wall time of `runs` runs, output to /dev/null."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conns", type=int, default=10_500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", default=None, help="write the capture here and keep it")
    args = parser.parse_args()
    workdir = args.keep or tempfile.mkdtemp(prefix="tcptui-bench-")
    path = os.path.join(workdir, "bench.pcap")
    try:
        start = time.perf_counter()
        packets = generate(path, args.conns)
        print(
            f"capture: {packets} packets, {args.conns} connections, {os.path.getsize(path) / 1e6:.1f} MB "
            f"(generated in {time.perf_counter() - start:.1f} s)"
        )
        from tcptui.capture.parallel import workers_for

        replay = [sys.executable, "-m", "tcptui", "replay", path, "--json"]
        workers = workers_for(os.path.getsize(path))
        one = best_time(replay, args.runs, {"TCPTUI_REPLAY_WORKERS": "1"})
        print(f"tcptui replay --json, 1 process:     {one:6.2f} s  {packets / one:10,.0f} packets/s")
        ours = best_time(replay, args.runs) if workers > 1 else one
        if workers > 1:
            print(
                f"tcptui replay --json, {workers} processes:   {ours:6.2f} s  {packets / ours:10,.0f} packets/s "
                "(the default here)"
            )
        tshark = shutil.which("tshark")
        if tshark:
            theirs = best_time([tshark, "-r", path, "-T", "fields", "-e", "tcp.flags"], args.runs)
            print(f"tshark -T fields -e tcp.flags:       {theirs:6.2f} s  {packets / theirs:10,.0f} packets/s")
            print(
                f"ratio tcptui/tshark (packets per second): {theirs / ours:.2f} by default, {theirs / one:.2f} "
                "in one process (target ≥ 0.5)"
            )
        else:
            print("tshark not installed: no comparison")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
