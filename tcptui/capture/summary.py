"""What a replay found, connection by connection — one pure function for the CLI's table and
the interactive replay screen alike.

Per connection: its endpoints, packets, final states, every RST with its cause (the rule that
made it owed, or the send's own rule such as an abort) and its effect on the receiver, and notes:
a send a correct stack would not make then ("unexpected"), a reply still owed when the
connection's packets end ("missing"), and an endpoint left in CLOSE_WAIT or FIN_WAIT_2 ("stuck").
Everything is rule ids and parameters; the words come from tcptui.text when it is shown.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.states import Side, State, Verdict
from .feed import _EXPLAINED_LEGAL

STUCK = (State.CLOSE_WAIT, State.FIN_WAIT_2)
_UNEXPECTED = frozenset({Verdict.ILLEGAL, Verdict.WRONG_NUMBERS})


class Reset(namedtuple("Reset", "frame side flags cause effect")):
    """A RST on the wire: its frame, its sender (Side), its flags, why it was sent (rule id: the
    arrival that made it owed, or the send's own rule) and what it did to its receiver (rule id)."""

    __slots__ = ()


class Note(namedtuple("Note", "frame kind side rule params")):
    """Something to look at: kind is "unexpected", "missing" or "stuck"; rule (may be None) and
    params explain it; for "stuck", params holds the state."""

    __slots__ = ()


class ConnSummary(namedtuple("ConnSummary", "conn client server first last packets final resets notes")):
    """One connection: index, client and server ("ip:port"), first and last frame, packet count,
    final states (client, server), Resets and Notes in frame order."""

    __slots__ = ()

    @property
    def stuck(self) -> tuple:
        """(Side, State) of each endpoint that ended in CLOSE_WAIT or FIN_WAIT_2."""
        pairs = zip((Side.CLIENT, Side.SERVER), self.final, strict=True)
        return tuple((side, state) for side, state in pairs if state in STUCK)


class _Acc:
    """A connection's summary while its rows come in."""

    __slots__ = ("conn", "client", "server", "first", "last", "packets", "final", "resets", "notes", "owed", "why")

    def __init__(self, row) -> None:
        self.conn, self.first, self.packets = row.conn, row.frame, 0
        self.client, self.server = (row.src, row.dst) if row.dir == "c2s" else (row.dst, row.src)
        self.resets, self.notes = [], []
        self.owed = {Side.CLIENT: (), Side.SERVER: ()}
        self.why = {Side.CLIENT: None, Side.SERVER: None}  # the arrival that made each side owe

    def add(self, row) -> None:
        """Count one row of this connection."""
        rec, side = row.record, row.side
        self.last, self.packets, self.final = row.frame, self.packets + 1, (rec.client, rec.server)
        if "R" in row.flags:
            self.resets.append(Reset(row.frame, side, row.flags, rec.cause or rec.send_rule, rec.rule))
        verdict = rec.send_verdict
        if verdict in _UNEXPECTED or (verdict is Verdict.LEGAL and rec.send_rule not in _EXPLAINED_LEGAL):
            self.notes.append(Note(row.frame, "unexpected", side, rec.send_rule, rec.send_params))
        self.owed[side], self.owed[side.peer] = rec.sender_owed, rec.owed
        if rec.owed:
            self.why[side.peer] = rec.rule

    def result(self) -> ConnSummary:
        """The summary so far, with the notes only the end can tell (missing replies, stuck states)."""
        notes = list(self.notes)
        for side in (Side.CLIENT, Side.SERVER):
            if self.owed[side]:
                expected = ", ".join(dict.fromkeys(seg.label for seg in self.owed[side]))
                notes.append(Note(self.last, "missing", side, self.why[side], (("expected", expected),)))
        for side, state in zip((Side.CLIENT, Side.SERVER), self.final, strict=True):
            if state in STUCK:
                notes.append(Note(self.last, "stuck", side, None, (("state", state.value),)))
        return ConnSummary(self.conn, self.client, self.server, self.first, self.last, self.packets, self.final,
                           tuple(self.resets), tuple(notes))


class Summarizer:
    """Accumulates rows (in any interleaving of connections); `result()` any time."""

    def __init__(self) -> None:
        self._conns: dict[int, _Acc] = {}

    def add(self, row) -> None:
        """One row, of whichever connection."""
        acc = self._conns.get(row.conn)
        if acc is None:
            acc = self._conns[row.conn] = _Acc(row)
        acc.add(row)

    def result(self) -> list[ConnSummary]:
        """One ConnSummary per connection, by index."""
        return [self._conns[i].result() for i in sorted(self._conns)]


def summarize(rows) -> list[ConnSummary]:
    """The per-connection summary of replay rows (any iterable of replay.Row)."""
    acc = Summarizer()
    for row in rows:
        acc.add(row)
    return acc.result()
