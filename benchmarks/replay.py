"""Replay benchmark (prints numbers; nothing here asserts a time).

1. Speed and memory. Generates a capture of ≥ 200,000 packets over ≥ 10,000 connections (64 open
   at a time, interleaved): request/response exchanges with clean closes, and among them
   retransmissions after a loss, segments captured out of order, keep-alive probes, gaps the
   capture missed, refused SYNs and aborts. Then times, in the same run and on the same file:

   - `tcptui replay FILE --json` on one process (TCPTUI_REPLAY_WORKERS=1), and with the default
     number of processes; both outputs must be byte for byte the same;
   - `tshark -r FILE -T fields -e tcp.flags` (when tshark is installed);

   best of --runs each: packets per second, the ratio, and each one's peak memory (max RSS).

2. False alarms. Replays every capture of the corpus the project keeps
   (tests/capture/corpus/README.md) and prints the share of packets flagged as "a send a correct
   TCP would not make", listing each flagged packet with tshark's expert info for the same frame.

Run: .venv/bin/python benchmarks/replay.py [--conns N] [--runs N] [--keep DIR] [--corpus-only]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "capture", "corpus")
SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08
MOD = 1 << 32

# Each step: (from_client, flags, length, how) — how: "" sent and captured; "lost" sent, not
# delivered, but captured (the capture is at the sender); "unseen" sent and delivered, not
# captured (a gap); "resend N" retransmits the data step N steps back; "probe" a keep-alive
# (SEQ = SND.NXT - 1); "later" captured after the next step (reordered at the capture point).
KINDS = ["normal"] * 12 + ["lossy"] * 2 + ["reorder", "keepalive", "gap", "refused", "abort", "normal"]


def conversation(kind: str, rng: random.Random) -> list:
    """The steps of one connection."""
    if kind == "refused":
        return [(True, SYN, 0, ""), (False, RST | ACK, 0, "")]
    steps = [(True, SYN, 0, ""), (False, SYN | ACK, 0, ""), (True, ACK, 0, "")]
    if kind == "abort":
        return steps + [(True, PSH | ACK, 120, ""), (False, ACK, 0, ""), (True, RST | ACK, 0, "")]
    for i in range(5):
        request, reply = rng.randrange(50, 400), rng.randrange(200, 1400)
        steps.append((True, PSH | ACK, request, ""))
        if kind == "lossy" and i == 2:  # the reply's first half is lost, the second arrives: a
            steps += [(False, ACK, reply, "lost"), (False, PSH | ACK, reply, "")]  # duplicate ACK,
            steps += [(True, ACK, 0, "dup"), (False, PSH | ACK, reply, "resend 3"), (True, ACK, 0, "")]
            continue  # then the retransmission fills the hole
        if kind == "reorder" and i == 1:
            steps += [(False, ACK, reply, "later"), (False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
            continue
        if kind == "gap" and i == 3:
            steps += [(False, ACK, reply, "unseen"), (False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
            continue
        steps += [(False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
        if kind == "keepalive" and i == 4:
            steps += [(True, ACK, 0, "probe"), (False, ACK, 0, ""), (True, ACK, 0, "probe"), (False, ACK, 0, "")]
    return steps + [(True, FIN | ACK, 0, ""), (False, ACK, 0, ""), (False, FIN | ACK, 0, ""), (True, ACK, 0, "")]


def numbered(steps, rng: random.Random):
    """Give the steps real numbers: yields (from_client, flags, seq, ack, length, captured) in
    capture order."""
    nxt = {True: rng.getrandbits(32), False: rng.getrandbits(32)}
    rcv = {True: 0, False: 0}  # what each side has received in order: its ACK field
    sent: list = []  # (from_client, seq, length) of each step, for resends
    held = None
    for from_client, flags, length, how in steps:
        me, peer = from_client, not from_client
        seq = nxt[me]
        if how.startswith("resend"):
            back = int(how.split()[1])
            _, seq, length = sent[-back]
        elif how == "probe":
            seq = (nxt[me] - 1) % MOD
        ack = rcv[me] if flags & ACK else 0
        if flags & RST and not from_client:  # no listener: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
            seq, ack = 0, rcv[me]
        if flags & SYN and not from_client:
            ack = (nxt[peer]) % MOD
        out = (from_client, flags, seq % MOD, ack % MOD, length, how not in ("unseen",))
        sent.append((from_client, seq, length))
        if not how.startswith("resend") and how != "probe":
            nxt[me] = (nxt[me] + length + bool(flags & (SYN | FIN))) % MOD
        if flags & SYN:
            rcv[peer] = (seq + 1) % MOD
        elif how not in ("lost",) and not flags & RST and (length or flags & FIN):
            if how.startswith("resend"):  # fills the hole: everything sent so far has arrived
                rcv[peer] = nxt[me]
            elif seq == rcv[peer]:
                rcv[peer] = (seq + length + bool(flags & FIN)) % MOD
        if how == "later":
            held = out
            continue
        yield out
        if held is not None:
            yield held
            held = None


def generate(path: str, conns: int, seed: int = 5) -> int:
    """Write the capture; returns its packet count."""
    from dpkt import ethernet, ip, pcap, tcp

    rng = random.Random(seed)
    pending = list(range(conns))
    active: list = []
    count, ts = 0, 1_700_000_000.0
    server = (b"\x0a\x09\x00\x02", 80)
    with open(path, "wb") as f:
        writer = pcap.Writer(f, snaplen=65535)
        while pending or active:
            while pending and len(active) < 64:
                i = pending.pop(0)
                client = (bytes([10, 1, (i >> 8) & 255, i & 255]), 20000 + i % 40000)
                active.append((client, numbered(conversation(rng.choice(KINDS), rng), rng)))
            slot = rng.randrange(len(active))
            client, steps = active[slot]
            step = next(steps, None)
            if step is None:
                active.pop(slot)
                continue
            from_client, flags, seq, ack, length, captured = step
            if not captured:
                continue
            a, b = (client, server) if from_client else (server, client)
            seg = tcp.TCP(sport=a[1], dport=b[1], seq=seq, ack=ack, flags=flags, win=64240, data=b"x" * length)
            packet = ip.IP(src=a[0], dst=b[0], p=6, ttl=64, data=seg)
            frame = ethernet.Ethernet(src=b"\x02" * 6, dst=b"\x04" * 6, type=ethernet.ETH_TYPE_IP, data=packet)
            ts += 0.00001
            writer.writepkt(bytes(frame), ts=ts)
            count += 1
    return count


def measured(command: list[str], env: dict | None = None, out=subprocess.DEVNULL) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one run of `command`."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def best(command: list[str], runs: int, env: dict | None = None) -> tuple[float, int]:
    """Best wall time of `runs` runs, and the largest peak RSS seen."""
    times, peaks = zip(*(measured(command, env) for _ in range(runs)), strict=True)
    return min(times), max(peaks)


def digest(command: list[str], env: dict | None = None) -> str:
    """SHA-256 of what `command` writes."""
    with tempfile.TemporaryFile() as out:
        measured(command, env, out)
        out.seek(0)
        return hashlib.sha256(out.read()).hexdigest()


def _line(packets: int, seconds: float, rss_kb: int) -> str:
    return f"{seconds:6.2f} s {packets / seconds:10,.0f} packets/s  peak {rss_kb / 1024:6.0f} MB"


def speed(args) -> None:
    workdir = args.keep or tempfile.mkdtemp(prefix="tcptui-bench-")
    os.makedirs(workdir, exist_ok=True)
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
        one_env = {"TCPTUI_REPLAY_WORKERS": "1"}
        workers = workers_for(os.path.getsize(path))
        same = digest(replay, one_env) == digest(replay)
        print(f"output of 1 and {workers} processes: {'byte for byte the same' if same else 'DIFFERENT'}")
        one, one_rss = best(replay, args.runs, one_env)
        print(f"tcptui replay --json, 1 process:   {_line(packets, one, one_rss)}")
        if workers > 1:
            many, many_rss = best(replay, args.runs)
            print(f"tcptui replay --json, {workers} processes: {_line(packets, many, many_rss)} (per process)")
        tshark = shutil.which("tshark")
        if not tshark:
            print("tshark not installed: no comparison")
            return
        theirs, their_rss = best([tshark, "-r", path, "-T", "fields", "-e", "tcp.flags"], args.runs)
        print(f"tshark -T fields -e tcp.flags:     {_line(packets, theirs, their_rss)}")
        print(
            f"ratio tcptui/tshark, one process: {theirs / one:.2f} (target >= 1.5); "
            f"peak memory {one_rss / their_rss:.2f} of tshark's (target < 1)"
        )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def false_alarms() -> None:
    """The share of the corpus' packets flagged, each flagged packet beside tshark's expert info."""
    from tcptui.capture.read import Capture
    from tcptui.capture.replay import replay
    from tcptui.capture.summary import summarize
    from tcptui.core import PROFILES, ProfileName

    tshark = shutil.which("tshark")
    total = flagged = files = 0
    lines = []
    for folder in sorted(os.listdir(CORPUS)):
        directory = os.path.join(CORPUS, folder)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith((".pcap", ".pcapng")):
                continue
            path = os.path.join(directory, name)
            with Capture(path) as capture:
                rows = list(replay(capture, PROFILES[ProfileName.LINUX]))
            files += 1
            total += len(rows)
            notes = [n for s in summarize(rows) for n in s.notes if n.kind == "unexpected"]
            flagged += len(notes)
            expert = _expert(tshark, path) if notes and tshark else {}
            for n in notes:
                lines.append(
                    f"  {folder}/{name} frame {n.frame}: {n.side.value} {n.rule} | tshark: "
                    f"{'; '.join(expert.get(n.frame, [])) or 'nothing'}"
                )
    share = 100 * flagged / max(total, 1)
    print(f"false alarms: {flagged} of {total} packets flagged ({share:.2f} %, target < 0.5 %) in {files} captures")
    for line in lines:
        print(line)


def _expert(tshark: str, path: str) -> dict:
    out = subprocess.run(
        [tshark, "-r", path, "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message"],
        capture_output=True,
        text=True,
    ).stdout
    found: dict = {}
    for line in out.splitlines():
        frame, _, messages = line.partition("\t")
        if messages:
            found[int(frame)] = messages.split(",")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conns", type=int, default=9_700)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", default=None, help="write the capture here and keep it")
    parser.add_argument("--corpus-only", action="store_true", help="only the false-alarm measure")
    args = parser.parse_args()
    if not args.corpus_only:
        speed(args)
    false_alarms()


if __name__ == "__main__":
    main()
