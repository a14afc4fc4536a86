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


class Reset(namedtuple("Reset", "frame side flags cause effect params", defaults=((),))):
    """A RST on the wire: its frame, its sender (Side), its flags, why it was sent (rule id: the
    arrival that made it owed, or the send's own rule), what it did to its receiver (rule id), and
    the facts the cause's explanation names (its numbers, for a RST numbered wrongly)."""

    __slots__ = ()

    @property
    def label(self) -> str:
        """The segment's kind as the notes name it: 'RST', 'RST+ACK' (flags holds the capture's letters,
        U, E, C and N among them, which the notes do not name)."""
        from ..ladder import flags_of

        return label_of(flags_of(self.flags))


class Note(namedtuple("Note", "frame kind side rule params")):
    """Something to look at: kind is "unexpected", "missing", "stuck", "ended", "no-answer",
    "gap" or "one-sided"; rule (may be None) and params explain it; for "unexpected", params
    holds the verdict too; for "stuck", the state; for "ended", the state left ("state"), the one
    entered ("now") and the connection whose packet did it ("conn"); for "gap", the bytes the
    capture did not show ("bytes") before this frame; "one-sided" names the side whose packets
    are the only ones captured (`side`)."""

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
        "sides",
        "gaps",
        "silent",
    )

    def __init__(self, row, previous: _Acc | None = None) -> None:
        self.conn, self.first, self.packets = row.conn, row.frame, 0
        self.client, self.server = (row.src, row.dst) if row.dir == "c2s" else (row.dst, row.src)
        self.resets: list[Reset] = []
        self.notes: list[Note] = []
        self.ended: list[Note] = []
        self.owed = {Side.CLIENT: (), Side.SERVER: ()}
        self.why = {Side.CLIENT: None, Side.SERVER: None}  # the arrival that made each side owe
        self.carried: dict = {}  # Side here → [previous _Acc, its Side there, its state]: an end still in it
        self.sides: set = set()  # who sent the packets captured
        self.gaps: list = []  # (frame, bytes) where the capture missed bytes before a packet
        self.silent = None  # the first frame whose SYN nobody answered
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
        self.sides.add(side)
        if "R" in row.flags:
            why = () if rec.cause else rec.send_params
            self.resets.append(Reset(row.frame, side, row.flags, rec.cause or rec.send_rule, rec.rule, why))
        verdict = rec.send_verdict
        if verdict in _UNEXPECTED or (verdict is Verdict.LEGAL and rec.send_rule not in ORDINARY_LEGAL):
            params = rec.send_params + (("verdict", verdict.value),)
            self.notes.append(Note(row.frame, "unexpected", side, rec.send_rule, params))
        if rec.gap:
            self.gaps.append((row.frame, side, rec.gap))
        if rec.rule == "net.no-answer" and self.silent is None:
            self.silent = row.frame
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
        if self.silent is not None:
            notes.append(Note(self.silent, "no-answer", Side.SERVER, "net.no-answer", ()))
        if self.gaps and len(self.sides) == 1:
            (side,) = self.sides
            notes.append(Note(self.first, "one-sided", side, None, ()))
        else:
            notes += [Note(frame, "gap", side, None, (("bytes", count),)) for frame, side, count in self.gaps]
        one_sided = len(self.sides) == 1 and bool(self.gaps)
        for side in (Side.CLIENT, Side.SERVER):
            if self.owed[side] and not (one_sided and side not in self.sides):
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


def json_lines(summaries) -> list[str]:
    """The summary as JSON Lines, one object per connection (`tcptui replay --summary --json`;
    README.md lists the keys): endpoints, packets, final states, RSTs with cause and effect,
    flagged sends with frame, rule id and verdict, replies owed at the end, stuck endpoints, the
    states a later connection ended, and what the capture could not show."""
    import json

    lines = []
    for s in summaries:
        by_kind: dict = {}
        for note in s.notes:
            by_kind.setdefault(note.kind, []).append(note)
        record = {
            "conn": s.conn,
            "client": s.client,
            "server": s.server,
            "first": s.first,
            "last": s.last,
            "packets": s.packets,
            "final": {"client": s.final[0].value, "server": s.final[1].value},
            "resets": [
                {"frame": r.frame, "from": r.side.value, "flags": r.flags, "cause": r.cause, "effect": r.effect}
                for r in s.resets
            ],
            "flagged": [
                {"frame": n.frame, "from": n.side.value, "rule": n.rule, "verdict": dict(n.params).get("verdict")}
                for n in by_kind.get("unexpected", ())
            ],
            "owed": [
                {"side": n.side.value, "expected": dict(n.params)["expected"], "because": n.rule}
                for n in by_kind.get("missing", ())
            ],
            "stuck": [{"side": n.side.value, "state": dict(n.params)["state"]} for n in by_kind.get("stuck", ())],
            "ended": [
                {"frame": n.frame, "side": n.side.value, "rule": n.rule, **dict(n.params)}
                for n in by_kind.get("ended", ())
            ],
            "unseen": [
                {"kind": n.kind, "frame": n.frame, "side": n.side.value, **dict(n.params)}
                for kind in ("no-answer", "gap", "one-sided")
                for n in by_kind.get(kind, ())
            ],
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return lines
