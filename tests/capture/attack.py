"""Seeded attacks on `tcptui replay`: mutated captures, each replayed the way the command line does it.

Each case runs `tcptui replay FILE --json` (or `--summary`, `--summary --json`) in a forked child
of this process (no interpreter start-up per case), with an alarm, a cap on its address space and
its peak memory measured; a case fails when the child exits with anything but 0 or 2, prints a
traceback, says more than one line of error, hangs, runs out of memory, exits 0 on a file that is
cut inside a record or block, or writes a line that is not JSON.

Used by tests/capture/test_fuzz.py (a few hundred cases; thousands with TCPTUI_SLOW=1) and on its
own, to count failures of any tcptui on the path (the figures of issue 9):

    python tests/capture/attack.py --cases 3000 [--seed 1]
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import signal
import struct
import sys
import tempfile
from collections import Counter, namedtuple

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 20  # seconds a case may take before it counts as a hang
MEMORY = 512 << 20  # bytes of address space a case may add to this process's
SKIPPED = ("frames skipped", "帧")  # the count lines the replay prints before any error


class Mutant(namedtuple("Mutant", "name data cut")):
    """A capture to attack with: how it was made, its bytes, and whether it is known to be cut
    inside a record or block (True), known whole (False) or unknown (None)."""

    __slots__ = ()


class Outcome(namedtuple("Outcome", "code stdout stderr peak hung")):
    """What a child did: exit status (None if killed), its output, peak RSS growth in bytes, hung?"""

    __slots__ = ()


def _frames():
    sys.path.insert(0, HERE)
    try:
        import frames
    finally:
        sys.path.remove(HERE)
    return frames


def bases(tmp: str) -> list[tuple[str, bytes, list[int]]]:
    """Well-formed captures of every kind: (name, bytes, offsets where a record or block ends)."""
    F = _frames()
    made = []
    for kind, v6, fmt in [
        ("ethernet", False, "pcap"),
        ("sll2", True, "pcapng"),
        ("raw", False, "pcapng"),
        ("null-le", True, "pcap"),
        ("vlan", False, "pcap"),
        ("sll", False, "pcap"),
    ]:
        path = os.path.join(tmp, f"{kind}.{fmt}")
        F.write(path, F.frames(kind, v6=v6) + [F.arp_frame()] * (kind == "ethernet"), F.LINKTYPES[kind], fmt)
        with open(path, "rb") as f:
            data = f.read()
        made.append((f"{kind}.{fmt}", data, _pcap_ends(data) if fmt == "pcap" else _pcapng_ends(data)))
    frames_ = F.frames("ethernet")
    blocks = [F.shb(), F.idb(1, 65535, 9), F.idb(101), F.nrb()]
    blocks += [F.epb(0, 1_700_000_000_000_000_000 + i, f) for i, f in enumerate(frames_[:4])]
    blocks += [F.epb(1, 5, F.segment(*step)) for step in F.CLOSE[4:6]]
    blocks += [F.spb(f) for f in frames_[6:]] + [F.opb(0, 7, frames_[-1])]
    data = b"".join(blocks)
    made.append(("multi.pcapng", data, _pcapng_ends(data)))
    frags = [F.link("raw", p) for p in F.fragments(F.segment(True, F.PSH | F.ACK, 1001, 5001, 100), 24)]
    path = os.path.join(tmp, "frag.pcap")
    F.write(path, frags + F.frames("raw")[:3], 101)
    with open(path, "rb") as f:
        data = f.read()
    made.append(("frag.pcap", data, _pcap_ends(data)))
    return made


def _pcap_ends(data: bytes) -> list[int]:
    """Offsets where the file header or a record ends (little-endian pcap, as dpkt writes it)."""
    ends, at = [24], 24
    while at + 16 <= len(data):
        at += 16 + struct.unpack_from("<I", data, at + 8)[0]
        ends.append(at)
    return ends


def _pcapng_ends(data: bytes) -> list[int]:
    """Offsets where a block ends (little-endian pcapng)."""
    ends, at = [], 0
    while at + 12 <= len(data):
        at += struct.unpack_from("<I", data, at + 4)[0]
        ends.append(at)
    return ends


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, cut, insert, repeat or zero bytes; mostly in the headers, sometimes anywhere."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(buf)) if rng.random() < 0.5 else rng.randrange(min(len(buf), 120))
        action = rng.randrange(6)
        if action == 0:
            buf[where] ^= 1 << rng.randrange(8)
        elif action == 1:
            buf[where] = rng.randrange(256)
        elif action == 2:
            del buf[where:]
        elif action == 3:
            buf[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif action == 4:
            end = min(len(buf), where + rng.randint(1, 64))
            buf[where:where] = buf[where:end]
        else:
            end = min(len(buf), where + rng.randint(1, 8))
            buf[where:end] = bytes(end - where)
        if not buf:
            break
    return bytes(buf)


def _lengths(data: bytes, ends: list[int], rng: random.Random) -> tuple[bytes, bool | None]:
    """A record's or block's length field set to something absurd (or exactly 2**24); whether
    the file is then certainly corrupt (a length no capture has)."""
    buf = bytearray(data)
    at = rng.choice(ends[:-1]) if len(ends) > 1 else 0
    value = rng.choice([0, 1, 2**24, 2**24 + 1, 2**31 - 1, 2**32 - 1, 262145, rng.randrange(2**32)])
    pcapng = data[:4] == b"\x0a\x0d\x0d\x0a"
    field = at + (4 if pcapng else 8)
    if field + 4 > len(buf):
        return data, False
    buf[field : field + 4] = struct.pack("<I", value)
    return bytes(buf), value > 262144 + 64 or (pcapng and value < 12) or None


_PORTS = (b"\x9c\x41\x13\x89", b"\x13\x89\x9c\x41")  # 40001 → 5001 and back, as frames.py writes them


def _flags(data: bytes, rng: random.Random) -> bytes:
    """Extra TCP flag bits (URG, ECE, CWR, NS, or any) on a few segments."""
    buf = bytearray(data)
    spots = [i for ports in _PORTS for i in _find_all(data, ports)]
    for at in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        if at + 14 <= len(buf):
            buf[at + 13] |= rng.choice([0x20, 0x40, 0x80, 0xE0, rng.randrange(256)])
            buf[at + 12] |= rng.choice([0, 1])
    return bytes(buf)


def _find_all(data: bytes, needle: bytes) -> list[int]:
    at, found = data.find(needle), []
    while at >= 0:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


def mutants(base: tuple[str, bytes, list[int]], rng: random.Random, count: int):
    """`count` Mutants of one base: a third cut at random (inside a record or block, or just at its
    end), a sixth with an absurd length field, a tenth with odd TCP flags, the rest mutated at random."""
    name, data, ends = base
    for _ in range(count):
        roll = rng.random()
        if roll < 1 / 3:
            at = rng.randrange(1, len(data))
            yield Mutant(f"{name} cut at {at}", data[:at], at not in ends)
        elif roll < 1 / 2:
            yield Mutant(f"{name} length", *_lengths(data, ends, rng))
        elif roll < 0.6:
            yield Mutant(f"{name} flags", _flags(data, rng), False)
        else:
            yield Mutant(f"{name} mutated", mutate(data, rng), None)


def run(path: str, args: list[str], timeout: int = TIMEOUT) -> Outcome:
    """`tcptui replay PATH ARGS` in a forked child; its exit status, output and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(path, args, out.fileno(), err.fileno(), timeout)
        _, status, usage = os.wait4(pid, 0)
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        hung = code == -signal.SIGALRM
        peak = max(0, usage.ru_maxrss - before) * 1024
        return Outcome(None if code < 0 else code, out.read(), err.read().decode("utf-8", "replace"), peak, hung)


def _child(path: str, args: list[str], out: int, err: int, timeout: int) -> None:
    code = 70
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8")
        os.environ["TCPTUI_REPLAY_WORKERS"] = "1"
        os.environ["NO_COLOR"] = "1"
        os.environ["COLUMNS"] = "100"
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY, hard))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(timeout)
        from tcptui.cli import main

        try:
            code = main(["replay", path, *args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    except BaseException:  # noqa: BLE001 - the test is that nothing escapes: print it as the CLI would
        import traceback

        traceback.print_exc()
        code = 71
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code or 0)


def failure(outcome: Outcome, cut: bool | None, json_out: bool) -> str | None:
    """Why a case failed, or None."""
    if outcome.hung:
        return "hang"
    if outcome.code is None:
        return "killed"
    if "Traceback" in outcome.stderr or "MemoryError" in outcome.stderr:
        return "traceback"
    if outcome.code not in (0, 2):
        return f"exit {outcome.code}"
    errors = [line for line in outcome.stderr.splitlines() if not any(word in line for word in SKIPPED)]
    if outcome.code == 2 and len(errors) != 1:
        return "not one line"
    if outcome.code == 0 and errors and json_out:
        return "noise on stderr"
    if cut and outcome.code == 0:
        return "cut short or corrupt, exit 0"
    if cut is False and outcome.code == 2 and any(word in outcome.stderr for word in ("cut", "corrupt")):
        return "whole file called cut or corrupt"
    if outcome.peak > MEMORY // 2:
        return "memory"
    if json_out:
        for line in outcome.stdout.splitlines():
            try:
                json.loads(line)
            except ValueError:
                return "not JSON"
    return None


MODES = (["--json"], ["--summary"], ["--summary", "--json"])


def attack(cases: int, seed: int, modes=MODES) -> tuple[int, Counter, list[str]]:
    """Run `cases` mutants (spread over the bases and the modes); (tried, failures by reason, examples)."""
    rng = random.Random(seed)
    failed, examples, tried = Counter(), [], 0
    with tempfile.TemporaryDirectory(prefix="tcptui-attack-") as tmp:
        made = bases(tmp)
        path = os.path.join(tmp, "mutant")
        per_base = -(-cases // len(made))
        for base in made:
            for mutant in mutants(base, rng, per_base):
                if tried >= cases:
                    break
                with open(path, "wb") as f:
                    f.write(mutant.data)
                args = modes[tried % len(modes)]
                if args == ["--summary", "--json"] and not _has_summary_json():
                    args = ["--summary"]
                tried += 1
                why = failure(run(path, args), mutant.cut, "--json" in args)
                if why:
                    failed[why] += 1
                    if len(examples) < 20:
                        examples.append(f"{why}: {mutant.name} {' '.join(args)}")
    return tried, failed, examples


def _has_summary_json() -> bool:
    """Does this tcptui write the summary as JSON Lines (it did not before issue 12)?"""
    from tcptui.capture import summary

    return hasattr(summary, "json_lines")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tried, failed, examples = attack(args.cases, args.seed)
    print(f"tried {tried}, failed {sum(failed.values())}: {dict(failed)}")
    for line in examples:
        print("  " + line)


if __name__ == "__main__":
    main()
