"""Sequence numbers shown two ways: the real 32-bit value, or symbolically as the notes write them.

The notes call the client's ISN x and the server's y, and write the handshake as SYN(seq=x),
SYN+ACK(seq=y, ack=x+1), ACK(ack=y+1). A world remembers each ISS it has seen with a name
(`core.world.remember`: x, y; then x', y' for a later connection on the same ports). Here those
names are put on numbers, and each number is named after the ISN it belongs to:

- a segment's SEQ counts in its sender's sequence space, its ACK in its receiver's: the client's
  numbers are named after x, x', x'' …, the server's after y, y' … (names of other letters, which
  a puzzle may choose, serve either side);
- within one side, a number belongs to the connection whose ISN is the nearest at or below it
  (a connection's numbers start at its ISN and only grow); the segment's own connection (its
  `origin`, the sender's ISS when it was sent) is asked first for its SEQ — except a RST's,
  which is often taken from the segment it answers (<SEQ=SEG.ACK>, RFC 9293 §3.10.7);
- a number no ISN of its side explains is shown as it is, never as an offset of the other side's
  ISN (`ack=y-3998` was the old connection's x+2).

Presentation only: the core never formats numbers (issue 10).
"""

from __future__ import annotations

import enum

from .core.segment import ACK, MOD, RST, Segment
from .core.states import Side

NEAR = 1 << 24  # further than this from every ISN of its side, a number is shown as it is


class Numbers(enum.Enum):
    """How sequence numbers are shown: as the notes write them, or as 32-bit values."""

    SYMBOLIC = "symbolic"
    REAL = "real"


def family(name: str) -> Side | None:
    """Whose ISN a name stands for: x, x', x3 … the client's; y … the server's; other letters: either."""
    head = name[:1]
    return Side.CLIENT if head == "x" else Side.SERVER if head == "y" else None


def symbolic(value: int, symbols: tuple, side: Side | None = None, base: int | None = None) -> str:
    """Name `value` as 'x', 'y+1', "x'+101" … from (iss, name) pairs; fall back to the number.

    `side`: whose sequence space the number is in (None: anyone's); `base`: the ISS it is known to
    count from (a segment's origin), used first when it has a name.
    """
    names = [(iss, name) for iss, name in symbols if side is None or family(name) in (side, None)]
    if base is not None:
        for iss, name in names:
            if iss == base:
                ahead, behind = (value - iss) % MOD, (iss - value) % MOD
                if ahead < NEAR:
                    return _offset(name, ahead)
                if behind < NEAR:
                    return f"{name}-{behind}"
    ahead = min((((value - iss) % MOD, name) for iss, name in names), default=None)
    if ahead is not None and ahead[0] < NEAR:
        return _offset(ahead[1], ahead[0])
    behind = min((((iss - value) % MOD, name) for iss, name in names), default=None)
    if behind is not None and behind[0] < NEAR:
        return f"{behind[1]}-{behind[0]}"
    return str(value)


def _offset(name: str, ahead: int) -> str:
    return f"{name}+{ahead}" if ahead else name


def number(value: int, symbols: tuple, as_symbols: bool, side: Side | None = None) -> str:
    """One number, in the chosen style; `side`: whose sequence space it is in."""
    return symbolic(value, symbols, side) if as_symbols else str(value)


def describe(seg: Segment, symbols: tuple, as_symbols: bool, src: Side | None = None, origin: int | None = None) -> str:
    """'SYN+ACK seq=y ack=x+1', 'DATA seq=x+1 ack=y+1 len=100', 'RST seq=x+1'.

    `src`: the sender (its SEQ is named after its ISNs, its ACK after the receiver's); `origin`:
    the sender's ISS when it sent it, if known."""
    if as_symbols:
        if RST in seg.flags:  # a RST's SEQ is often the arriving segment's ACK, not its sender's SND.NXT
            seq = "0" if seg.seq == 0 and origin is None else symbolic(seg.seq, symbols, src)  # <SEQ=0>: §3.10.7.1
        else:
            seq = symbolic(seg.seq, symbols, src, origin)
    else:
        seq = str(seg.seq)
    parts = [seg.label, f"seq={seq}"]
    if ACK in seg.flags:
        parts.append(f"ack={number(seg.ack, symbols, as_symbols, src.peer if src else None)}")
    if seg.length:
        parts.append(f"len={seg.length}")
    return " ".join(parts)


def describe_item(item, symbols: tuple, as_symbols: bool) -> str:
    """An InFlight (a segment on the wire, with its sender and origin), as `describe` writes it."""
    return describe(item.segment, symbols, as_symbols, item.src, item.origin)


def names(ep, symbols: tuple, side: Side) -> tuple:
    """The names of an endpoint's ISS and IRS, as explanation params ("isn", "irs"): the texts
    then say "ISN x'" when the screen does (see text.explain for the defaults)."""
    from .core.states import State

    if ep.state is State.CLOSED or ep.state is State.LISTEN:
        return ()
    out: tuple = (("isn", symbolic(ep.tcb.iss, symbols, side)),)
    if ep.state is not State.SYN_SENT:
        out += (("irs", symbolic(ep.tcb.irs, symbols, side.peer)),)
    return out


# A send judged for its numbers (send.wrong-numbers): SEQs count in the sender's space, ACKs in its peer's.
_SENT_NUMBERS = {"seq": False, "want_seq": False, "ack": True, "want_ack": True}


def outcome_params(outcome, as_symbols: bool = True) -> tuple:
    """An outcome's explanation params, with the ISN names of the endpoint that decided it
    (symbolic numbers only: with real numbers the texts keep the notes' letters), and the numbers
    of a send named as the screen names them (a SYN crafted with seq=x+1 is said to be x+1)."""
    if not as_symbols or outcome.side is None:
        return outcome.params
    side, symbols = outcome.side, outcome.world.symbols
    params = tuple(
        (key, symbolic(value, symbols, side.peer if _SENT_NUMBERS[key] else side))
        if key in _SENT_NUMBERS and isinstance(value, int) and not (value == 0 and _SENT_NUMBERS[key])
        else (key, value)
        for key, value in outcome.params
    )
    return params + names(outcome.world.endpoint(side), symbols, side)
