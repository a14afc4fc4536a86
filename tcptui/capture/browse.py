"""A capture read for browsing one connection at a time: the interactive `tcptui replay`.

`load` reads the file once and keeps only the per-connection summaries (a large capture is never
held in memory); `connection_rows` reads it again up to the last packet of the connection asked
for, keeping that connection's rows and those of the earlier connections on its 4-tuple (their
ISNs name the numbers a reused 4-tuple still carries, §4.2). `steps` pairs each packet with the
states just before it and what the summary flagged at it; `isn_symbols` names the ISNs as the
notes do (x for the client's, y for the server's). Pure: no Textual, no Rich.
"""

from __future__ import annotations

import atexit
import os
import socket
import stat
import tempfile
from collections import namedtuple

from ..core.segment import seq_add
from ..core.world import remember
from .read import Capture, CaptureError
from .replay import replay, shard_of
from .summary import Summarizer

SHARDS = 4096  # re-reading a capture for one connection feeds the engine only 1/SHARDS of its 4-tuples


class Loaded(namedtuple("Loaded", "path profile summaries skipped failure")):
    """A capture read once: its path, the rule Profile, a ConnSummary per connection (by index),
    what was skipped (read.Capture.skipped()), and the message of a read that failed part-way (or None)."""

    __slots__ = ()


class Step(namedtuple("Step", "row before notes")):
    """One packet of the connection browsed: the replay Row, the (client, server) states just
    before it (None when the capture shows nothing before it) and the summary's Notes at its frame."""

    __slots__ = ()


def load(path, profile, wrap=None) -> Loaded:
    """Summarise every connection of the capture. CaptureError when the file cannot be opened;
    a file cut short or corrupt part-way keeps what was read, with the message in `failure`.
    `wrap(rows, capture)` may pass the rows through a progress display. A FIFO (or any stream)
    is kept in a temporary file as it is read, so that a connection can be read again from it."""
    acc, failure = Summarizer(), None
    spool = None if _regular(path) else _spool()
    with Capture(path, tee=spool) as capture:
        rows = replay(capture, profile)
        if wrap is not None:
            rows = wrap(rows, capture)
        try:
            for row in rows:
                acc.add(row)
        except CaptureError as e:
            failure = str(e)
        if spool is not None:
            spool.close()
        return Loaded(spool.name if spool else str(path), profile, acc.result(), capture.skipped(), failure)


def _regular(path) -> bool:
    """A regular file (it can be read twice), or a name the capture reader will refuse anyway."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _spool():
    """A temporary file for a stream's bytes, removed when the program ends."""
    spool = tempfile.NamedTemporaryFile(prefix="tcptui-replay-", suffix=".pcap", delete=False)  # noqa: SIM115
    atexit.register(_remove, spool.name)
    return spool


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _same_ends(a, b) -> bool:
    """Do two connections join the same two endpoints (a 4-tuple reused)?"""
    return {a.client, a.server} == {b.client, b.server}


def connection_rows(loaded: Loaded, conn: int) -> list:
    """The rows of connection `conn` and of the earlier connections on its 4-tuple, in file order
    (read again up to its last packet, feeding the engine only the 4-tuples of its shard)."""
    chosen = loaded.summaries[conn]
    wanted = {s.conn for s in loaded.summaries[: conn + 1] if _same_ends(s, chosen)}
    shard = (shard_of(_endpoint(chosen.client) + _endpoint(chosen.server), SHARDS), SHARDS)
    rows = []
    try:
        with Capture(loaded.path) as capture:
            for row in replay(capture, loaded.profile, shard):
                if row.conn in wanted:
                    rows.append(row)
                if row.frame >= chosen.last:
                    break
    except CaptureError:
        pass  # the summary already said where the file went wrong; the rows read so far stand
    return rows


def _endpoint(text: str) -> tuple[bytes, int]:
    """'10.9.0.1:40001' or '[fd00::1]:443' → (packed address, port), as the replay keys 4-tuples."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    return socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host), int(port)


def steps(rows, summary) -> list[Step]:
    """The packets of `summary`'s connection, each with the states before it and its notes."""
    notes: dict[int, list] = {}
    for note in summary.notes:
        notes.setdefault(note.frame, []).append(note)
    out, before = [], None
    for row in rows:
        if row.conn == summary.conn:
            out.append(Step(row, before, tuple(notes.get(row.frame, ()))))
        before = _ends(row, summary.client)
    return out


def _ends(row, client: str) -> tuple:
    """The states after `row` of the endpoint `client` and of its peer (an earlier connection on
    the 4-tuple may have had its client on the other end)."""
    rec = row.record
    own_client = row.src if row.dir == "c2s" else row.dst
    return (rec.client, rec.server) if own_client == client else (rec.server, rec.client)


def isn_symbols(rows, client: str) -> tuple:
    """(iss, name) pairs for tcptui.numbers: each SYN's sequence number named x, x', x'' … when the
    endpoint `client` ("ip:port") sent it, y, y' … when its peer did; a SYN+ACK whose SYN the
    capture missed names the acknowledged ISN too."""
    symbols: tuple[tuple[int, str], ...] = ()  # (ISN, its name), as world.remember keeps them
    for row in rows:
        if "S" not in row.flags:
            continue
        mine = "x" if row.src == client else "y"
        symbols = remember(symbols, row.seq, mine)
        peer = "y" if mine == "x" else "x"
        if "A" in row.flags and not any(name[0] == peer for _, name in symbols):
            symbols = remember(symbols, seq_add(row.ack, -1), peer)
    return symbols
