"""A few thousand mutated captures: reading and replaying them never raises anything but the one
CaptureError (a one-line message), and the CLI never shows a traceback. A seeded mutator: every
run tries the same files."""

import json
import os
import random
import subprocess
import sys

import pytest

from tcptui.capture.read import Capture, CaptureError
from tcptui.capture.replay import replay
from tcptui.capture.summary import summarize
from tcptui.capture.replay import json_line
from tcptui.core import PROFILES, ProfileName

from ..conftest import KERNEL_CAPTURES, ROOT
from . import frames as F

MUTANTS_PER_BASE = 400


def bases(tmp_path) -> list[bytes]:
    """Well-formed captures of every kind to start from."""
    made = []
    for kind, v6, fmt in [
        ("ethernet", False, "pcap"),
        ("sll2", True, "pcapng"),
        ("raw", False, "pcapng"),
        ("null-le", True, "pcap"),
        ("vlan", False, "pcap"),
        ("sll", False, "pcap"),
    ]:
        path = tmp_path / f"{kind}.{fmt}"
        F.write(path, F.frames(kind, v6=v6) + [F.arp_frame()] * (kind == "ethernet"), F.LINKTYPES[kind], fmt)
        made.append(path.read_bytes())
    made += [p.read_bytes() for p in sorted(KERNEL_CAPTURES.glob("*.pcap"))[:3]]
    return made


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


def replay_all(path) -> int:
    """Everything the CLI does with a capture, in-process; returns the rows replayed."""
    rows = []
    try:
        with Capture(path) as capture:
            for row in replay(capture, PROFILES[ProfileName.LINUX]):
                rows.append(row)
                json.loads(json_line(row))
    except CaptureError as e:
        assert "\n" not in str(e) and str(e)
    summarize(rows)
    return len(rows)


def test_mutated_captures_never_raise(tmp_path):
    rng = random.Random(20240605)
    path = tmp_path / "mutant.pcap"
    tried = replayed = 0
    for base in bases(tmp_path):
        for _ in range(MUTANTS_PER_BASE):
            path.write_bytes(mutate(base, rng))
            replayed += replay_all(path) > 0
            tried += 1
    assert tried >= 2400 and replayed > tried // 4  # many mutants still hold packets worth replaying


@pytest.mark.parametrize("seed", range(8))
def test_mutated_captures_never_traceback_through_the_cli(tmp_path, seed):
    rng = random.Random(seed)
    sources = bases(tmp_path)
    for i in range(4):
        path = tmp_path / f"m{i}.pcap"
        path.write_bytes(mutate(rng.choice(sources), rng))
        for extra in (["--json"], []):
            out = subprocess.run(
                [sys.executable, "-m", "tcptui", "replay", str(path), *extra],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
                env={**os.environ, "NO_COLOR": "1"},
            )
            assert out.returncode in (0, 2), out.stderr
            assert "Traceback" not in out.stderr and len(out.stderr.splitlines()) <= 3, out.stderr
            if extra:
                for line in out.stdout.splitlines():
                    json.loads(line)
