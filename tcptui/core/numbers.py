"""Sequence numbers shown two ways: the real 32-bit value, or symbolically as the notes write them.

The notes call the client's ISN x and the server's y, and write the handshake as SYN(seq=x),
SYN+ACK(seq=y, ack=x+1), ACK(ack=y+1). A world remembers each ISS it has seen with a name
(x, y; then x', y' for a later connection on the same ports), and `symbolic` names any number
by its nearest ISS below it.
"""

from __future__ import annotations

import enum

from .segment import ACK, MOD, Segment

NEAR = 1 << 24  # further than this from every ISS, a number is shown as it is


class Numbers(enum.Enum):
    """How sequence numbers are shown: as the notes write them, or as 32-bit values."""

    SYMBOLIC = "symbolic"
    REAL = "real"


def symbolic(value: int, symbols: tuple) -> str:
    """Name `value` as 'x', 'y+1', "x'+101" … from (iss, name) pairs; fall back to the number."""
    best = None
    for base, name in symbols:
        ahead = (value - base) % MOD
        behind = (base - value) % MOD
        if ahead < NEAR and (best is None or ahead < best[0]):
            best = (ahead, f"{name}+{ahead}" if ahead else name)
        elif behind < NEAR and (best is None or behind < best[0]):
            best = (behind, f"{name}-{behind}")
    return best[1] if best else str(value)


def number(value: int, symbols: tuple, as_symbols: bool) -> str:
    """One number, in the chosen style."""
    return symbolic(value, symbols) if as_symbols else str(value)


def describe(seg: Segment, symbols: tuple, as_symbols: bool) -> str:
    """'SYN+ACK seq=y ack=x+1', 'DATA seq=x+1 ack=y+1 len=100', 'RST seq=x+1'."""
    parts = [seg.label, f"seq={number(seg.seq, symbols, as_symbols)}"]
    if ACK in seg.flags:
        parts.append(f"ack={number(seg.ack, symbols, as_symbols)}")
    if seg.length:
        parts.append(f"len={seg.length}")
    return " ".join(parts)


KEEP = 3  # ISSs remembered per side: the current connection and a couple of older ones


def _index(name: str) -> int:
    """x → 0, x' → 1, x'' → 2, x3 → 3 …"""
    tail = name[1:]
    return int(tail) if tail.isdigit() else len(tail)


def remember(symbols: tuple, value: int, letter: str) -> tuple:
    """Name a new ISS of the side whose first ISS is `letter` (x, x', x'', x3 …), keeping a few."""
    if any(base == value for base, _ in symbols):
        return symbols
    mine = [entry for entry in symbols if entry[1][0] == letter]
    k = _index(mine[-1][1]) + 1 if mine else 0
    name = letter + ("'" * k if k < 3 else str(k))
    if len(mine) >= KEEP:
        symbols = tuple(entry for entry in symbols if entry is not mine[0])
    return symbols + ((value, name),)
