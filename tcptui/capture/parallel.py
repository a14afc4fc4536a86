"""Replay a large capture as JSON Lines on several cores: one process per shard of 4-tuples.

Connections on different 4-tuples share nothing, so each worker (a fork of this process) reads the
whole file, numbers every connection exactly as a single process would, feeds only the 4-tuples
of its shard through the engine, and writes their JSON lines to a pipe; this process merges the
lines back into file order by frame number. The output is byte for byte the one-process output
(tests/capture/test_parallel.py). Linux only (fork); elsewhere, and for small files, the replay
runs in one process. $TCPTUI_REPLAY_WORKERS sets the number of processes.
"""

from __future__ import annotations

import heapq
import json
import os
import queue
import sys
import threading

from .read import Capture, CaptureError
from .replay import replay_lines

LARGE = 1 << 20  # bytes: smaller files are replayed in one process
MAX_WORKERS = 8
_BATCH = 2048
_LAST = 1 << 62  # a trailer sorts after every frame


def workers_for(size: int) -> int:
    """How many processes to replay a file of `size` bytes with."""
    wanted = os.environ.get("TCPTUI_REPLAY_WORKERS", "")
    if wanted.isdigit():
        return max(1, min(int(wanted), MAX_WORKERS)) if hasattr(os, "fork") else 1
    if not sys.platform.startswith("linux") or size < LARGE:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


def json_lines(path, profile, conn: int | None, workers: int, write) -> tuple[bool, tuple, str | None]:
    """Write the replay's JSON lines (bytes, to `write`) in file order; returns (any written,
    what was skipped (read.Capture.skipped()), the error that ended the file or None)."""
    sys.stdout.flush()
    sys.stderr.flush()
    fds: list[int] = []
    pids: list[int] = []
    for k in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            os.close(read_end)
            for fd in fds:
                os.close(fd)
            _worker(path, profile, conn, (k, workers), write_end)
        os.close(write_end)
        fds.append(read_end)
        pids.append(pid)
    try:
        seen, trailers = _merge(fds, write)
    finally:
        for pid in pids:
            os.waitpid(pid, 0)
    if len(trailers) < workers:
        return seen, (), "a replay worker stopped unexpectedly (TCPTUI_REPLAY_WORKERS=1 replays in one process)"
    first = trailers[0]
    skipped = tuple((key, params) for key, params in first["skipped"])
    return seen, skipped, next((t["error"] for t in trailers if t["error"]), None)


def _frame(line: bytes) -> int:
    """The frame number a JSON line starts with (b'{"frame": 12, …'); trailers (b'#…') last."""
    return int(line[10 : line.index(b",", 10)]) if line[:1] == b"{" else _LAST


def _drain(fd: int, batches: queue.SimpleQueue) -> None:
    """Read a worker's pipe as fast as it writes (so that no worker ever waits for another)."""
    rest = b""
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while chunk := pipe.read(1 << 20):
            *lines, rest = (rest + chunk).split(b"\n")
            batches.put(lines)
    batches.put(None)


def _lines(batches: queue.SimpleQueue):
    """The lines a drain thread hands over, one at a time, until the worker is done."""
    while (batch := batches.get()) is not None:
        yield from batch


def _merge(fds: list[int], write) -> tuple[bool, list[dict]]:
    """Interleave the workers' lines by frame; collect their trailers."""
    streams = []
    for fd in fds:
        batches: queue.SimpleQueue[list[bytes] | None] = queue.SimpleQueue()
        threading.Thread(target=_drain, args=(fd, batches), daemon=True).start()
        streams.append(_lines(batches))
    lines, trailers, seen = [], [], False
    for line in heapq.merge(*streams, key=_frame):
        if line[:1] == b"#":
            trailers.append(json.loads(line[1:]))
            continue
        lines.append(line)
        if len(lines) >= _BATCH:
            write(b"\n".join(lines) + b"\n")
            lines, seen = [], True
    if lines:
        write(b"\n".join(lines) + b"\n")
        seen = True
    return seen, trailers


def _worker(path, profile, conn: int | None, shard: tuple[int, int], fd: int) -> None:
    """Replay one shard into the pipe, then a trailer line; leave without running the parent's exit code."""
    code = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", buffering=1 << 16) as out:
            out.write(_shard_lines(path, profile, conn, shard, out.write))
    except BaseException:  # noqa: BLE001 - a worker must never print a traceback; the parent reports it
        code = 1
    finally:
        os._exit(code)


def _shard_lines(path, profile, conn: int | None, shard: tuple[int, int], write) -> str:
    """Write the shard's lines; return its trailer line."""
    error, capture = None, None
    try:
        capture = Capture(path)
        with capture:
            for chunk in replay_lines(capture, profile, shard, conn):
                write(chunk)
    except CaptureError as e:
        error = str(e)
    skipped = capture.skipped() if capture else ()
    return "#" + json.dumps({"error": error, "skipped": skipped}) + "\n"
