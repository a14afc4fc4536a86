"""What a replay found, connection by connection — one pure function for the CLI's table and
the interactive replay screen alike.

Per connection: its endpoints, packets, final states, every RST with its cause (the rule that
made it owed, or the send's own rule such as an abort) and its effect on the receiver, and notes:
a send a correct stack would not make then ("unexpected"), a reply still owed when the
connection's packets end ("missing"), an endpoint left in CLOSE_WAIT or FIN_WAIT_2 ("stuck"), and
an endpoint whose state the next connection on the same ports ended ("ended").

"Ends in" means where each endpoint of the connection is left in the capture. That is usually its
state after the connection's last packet — but a new connection on the same 4-tuple (replay.py:
its SYN starts connection N+1) does not reset the endpoints: one still in TIME_WAIT, say, meets the
new SYN, and the packets that end that TIME_WAIT (the RST of the §4.2 dance, or a SYN accepted at
once) belong to connection N+1. So each end that connection N left open is followed into N+1's
packets until a packet closes it (CLOSED, LISTEN) or hands its ports to the new connection
(SYN_RCVD: the old one is then CLOSED); N's final state says so, and an "ended" note tells at
which frame, of which connection, by which rule. An end that itself opens the new connection
(its SYN) is not followed: what was left of the old one ran out unseen, and N's state stays the
last one its packets showed.

Everything is rule ids and parameters; the words come from tcptui.text when it is shown.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.segment import label_of
from ..core.states import Side, State, Verdict
from ..core.validate import ORDINARY_LEGAL

STUCK = (State.CLOSE_WAIT, State.FIN_WAIT_2)
_IDLE = frozenset(s for s in State if not s.has_tcb)  # an end with no TCB carries nothing into the next connection
_OPENING = (State.SYN_SENT, State.SYN_RCVD)  # an end that starts the new connection has left the old one
_UNEXPECTED = frozenset({Verdict.ILLEGAL, Verdict.WRONG_NUMBERS})


class Reset(namedtuple("Reset", "frame side flags cause effect")):
    """A RST on the wire: its frame, its sender (Side), its flags, why it was sent (rule id: the
    arrival that made it owed, or the send's own rule) and what it did to its receiver (rule id)."""

    __slots__ = ()

    @property
    def label(self) -> str:
        """The segment's kind as the notes name it: 'RST', 'RST+ACK' (flags holds the capture's letters,
        U, E, C and N among them, which the notes do not name)."""
        from ..ladder import flags_of

        return label_of(flags_of(self.flags))


class Note(namedtuple("Note", "frame kind side rule params")):
    """Something to look at: kind is "unexpected", "missing", "stuck" or "ended"; rule (may be None)
    and params explain it; for "stuck", params holds the state; for "ended", the state left
    ("state"), the one entered ("now") and the connection whose packet did it ("conn")."""

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

    __slots__ = (
        "conn",
        "client",
        "server",
        "first",
        "last",
        "packets",
        "final",
        "resets",
        "notes",
        "owed",
        "why",
        "carried",
        "ended",
    )

    def __init__(self, row, previous: _Acc | None = None) -> None:
        self.conn, self.first, self.packets = row.conn, row.frame, 0
        self.client, self.server = (row.src, row.dst) if row.dir == "c2s" else (row.dst, row.src)
        self.resets, self.notes, self.ended = [], [], []
        self.owed = {Side.CLIENT: (), Side.SERVER: ()}
        self.why = {Side.CLIENT: None, Side.SERVER: None}  # the arrival that made each side owe
        self.carried: dict = {}  # Side here → [previous _Acc, its Side there, its state]: an end still in it
        if previous is not None:
            for side, state in zip((Side.CLIENT, Side.SERVER), previous.final, strict=True):
                if state not in _IDLE:  # an end the previous connection left open (or was still carrying)
                    address = previous.client if side is Side.CLIENT else previous.server
                    here = Side.CLIENT if address == self.client else Side.SERVER
                    self.carried[here] = list(previous.carried.get(side, (previous, side, state)))

    def add(self, row) -> None:
        """Count one row of this connection."""
        rec, side = row.record, row.side
        self.last, self.packets, self.final = row.frame, self.packets + 1, (rec.client, rec.server)
        if "R" in row.flags:
            self.resets.append(Reset(row.frame, side, row.flags, rec.cause or rec.send_rule, rec.rule))
        verdict = rec.send_verdict
        if verdict in _UNEXPECTED or (verdict is Verdict.LEGAL and rec.send_rule not in ORDINARY_LEGAL):
            self.notes.append(Note(row.frame, "unexpected", side, rec.send_rule, rec.send_params))
        self.owed[side], self.owed[side.peer] = rec.sender_owed, rec.owed
        if rec.owed:
            self.why[side.peer] = rec.rule
        if self.carried:
            self._follow(row)

    def _follow(self, row) -> None:
        """Move the previous connection's ends that this packet moved on (see the module docstring)."""
        rec = row.record
        for side, carried in list(self.carried.items()):
            previous, there, state = carried
            now = rec.client if side is Side.CLIENT else rec.server
            if now is state:
                continue
            if row.side is side and now in _OPENING:  # it opened the new connection itself: whatever was
                del self.carried[side]  # left of the old one ran out unseen (a timer), not on the wire
                continue
            if now in _IDLE or now in _OPENING:
                rule = rec.send_rule if row.side is side else rec.rule
                params = (("state", state.value), ("now", now.value), ("conn", self.conn))
                previous.end(
                    there, now if now in _IDLE else State.CLOSED, Note(row.frame, "ended", there, rule, params)
                )
                del self.carried[side]
            else:  # still the previous connection's, in a later state of it
                previous.end(there, now)
                carried[2] = now

    def end(self, side: Side, state: State, note: Note | None = None) -> None:
        """An end of this connection moved on in a later connection's packets."""
        self.final = (state, self.final[1]) if side is Side.CLIENT else (self.final[0], state)
        if note is not None:
            self.ended.append(note)

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
        notes += self.ended
        return ConnSummary(
            self.conn,
            self.client,
            self.server,
            self.first,
            self.last,
            self.packets,
            self.final,
            tuple(self.resets),
            tuple(notes),
        )


class Summarizer:
    """Accumulates rows (in any interleaving of connections); `result()` any time.

    With `only=N`, the result is connection N's alone; it still follows the next connection on
    N's 4-tuple, whose packets may end what N left open.
    """

    def __init__(self, only: int | None = None) -> None:
        self.only = only
        self._conns: dict[int, _Acc] = {}
        self._latest: dict[frozenset, _Acc] = {}  # each 4-tuple's latest connection

    def add(self, row) -> None:
        """One row, of whichever connection."""
        acc = self._conns.get(row.conn)
        if acc is None:
            ends = frozenset((row.src, row.dst))
            previous = self._latest.get(ends)
            if self.only is not None and row.conn != self.only and (previous is None or previous.conn != self.only):
                return
            acc = self._conns[row.conn] = self._latest[ends] = _Acc(row, previous)
        acc.add(row)

    def result(self) -> list[ConnSummary]:
        """One ConnSummary per connection, by index (only connection `only`, if given)."""
        wanted = sorted(self._conns) if self.only is None else [self.only] if self.only in self._conns else []
        return [self._conns[i].result() for i in wanted]


def summarize(rows) -> list[ConnSummary]:
    """The per-connection summary of replay rows (any iterable of replay.Row)."""
    acc = Summarizer()
    for row in rows:
        acc.add(row)
    return acc.result()
