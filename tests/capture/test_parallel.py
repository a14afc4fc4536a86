"""Several processes, one output: the sharded JSON Lines replay is byte for byte the one-process one."""

import os
import random
import subprocess
import sys

import pytest

from tcptui.capture.parallel import workers_for
from tcptui.capture.replay import shard_of

from ..conftest import ROOT
from . import frames as F


def busy_capture(path, conns: int = 60, seed: int = 4) -> None:
    """Many interleaved connections (some closed, some cut, a few port reuses), and some non-TCP frames."""
    rng = random.Random(seed)
    refused = [(True, F.SYN, 7, 0, 0), (False, F.RST | F.ACK, 0, 8, 0)]
    streams = []
    for i in range(conns):
        steps = F.CLOSE[: rng.choice([2, 5, 9, 9])] if i % 7 else refused
        port = 40000 + i % 45  # some 4-tuples are used twice
        streams.append([F.link("ethernet", F.segment(*step, ports=(port, 5001))) for step in steps])
    items = []
    while any(streams):
        stream = rng.choice([s for s in streams if s])
        items.append(stream.pop(0))
        if rng.random() < 0.05:
            items.append(F.arp_frame())
    F.write(path, items)


def run(path, workers, *extra):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", "replay", str(path), "--json", *extra],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TCPTUI_REPLAY_WORKERS": str(workers)},
    )


@pytest.mark.parametrize("extra", [(), ("--conn", "3"), ("--profile", "textbook")])
def test_shards_merge_into_the_same_output(tmp_path, extra):
    path = tmp_path / "busy.pcap"
    busy_capture(path)
    one = run(path, 1, *extra)
    assert one.returncode == 0 and one.stdout
    for workers in (2, 3):
        many = run(path, workers, *extra)
        assert (many.returncode, many.stdout, many.stderr) == (one.returncode, one.stdout, one.stderr)


def test_a_cut_file_fails_the_same_way(tmp_path):
    path = tmp_path / "cut.pcap"
    busy_capture(path)
    path.write_bytes(path.read_bytes()[:-7])
    one, many = run(path, 1), run(path, 3)
    assert one.returncode == many.returncode == 2
    assert many.stdout == one.stdout and many.stderr == one.stderr and b"Traceback" not in many.stderr


def test_shards_are_symmetric_and_spread():
    keys = [(b"\x0a\x00\x00\x01", 40000 + i, b"\x0a\x00\x00\x02", 80) for i in range(400)]
    for key in keys[:20]:
        src, sport, dst, dport = key
        assert shard_of(key, 4) == shard_of((dst, dport, src, sport), 4)
    counts = [sum(shard_of(k, 4) == s for k in keys) for s in range(4)]
    assert min(counts) > 50


def test_how_many_workers(monkeypatch):
    monkeypatch.setenv("TCPTUI_REPLAY_WORKERS", "3")
    assert workers_for(10) == (3 if hasattr(os, "fork") else 1)
    monkeypatch.setenv("TCPTUI_REPLAY_WORKERS", "")
    assert workers_for(10) == 1  # a small file: one process
