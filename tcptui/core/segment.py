"""Segments and 32-bit sequence arithmetic (RFC 9293 §3.4).

Sequence numbers live on a circle of 2**32 values; "a < b" means "b is ahead of a by less than
half the circle". Every comparison of sequence numbers in tcptui goes through these helpers.
The value types here are namedtuples: immutable, hashable, cheap to build, and light to import
(`tcptui explain` must start as fast as `import rich`).
"""

from __future__ import annotations

import enum
from collections import namedtuple

MOD = 1 << 32
HALF = 1 << 31
DEFAULT_WINDOW = 65535
DEFAULT_DATA = 100  # bytes in a DATA segment when the player does not say
MAX_PAYLOAD = 65535  # bytes one segment can carry: IPv4's total length and IPv6's payload length are 16 bits


def seq_add(a: int, n: int) -> int:
    """a + n on the sequence circle."""
    return (a + n) % MOD


def seq_sub(a: int, b: int) -> int:
    """a - b on the sequence circle, in [0, 2**32): how far a lies ahead of b."""
    return (a - b) % MOD


def seq_wrap(n: int) -> int:
    """Any integer taken onto the sequence circle (a number typed by a person, say)."""
    return n % MOD


def seq_diff(a: int, b: int) -> int:
    """The signed distance from b to a (a - b), in (-2**31, 2**31]."""
    d = (a - b) % MOD
    return d - MOD if d > HALF else d


def seq_lt(a: int, b: int) -> bool:
    """a < b on the circle (RFC 9293 §3.4 'a < b')."""
    return 0 < (b - a) % MOD < HALF


def seq_le(a: int, b: int) -> bool:
    """a =< b on the circle."""
    return (b - a) % MOD < HALF


def seq_gt(a: int, b: int) -> bool:
    """a > b on the circle."""
    return 0 < (a - b) % MOD < HALF


def seq_ge(a: int, b: int) -> bool:
    """a >= b on the circle."""
    return (a - b) % MOD < HALF


def in_window(x: int, start: int, size: int) -> bool:
    """start =< x < start + size: the receive-window test of RFC 9293 §3.10.7.4 (Table 6)."""
    return (x - start) % MOD < size


class Flags(enum.Flag):
    """TCP control bits (RFC 9293 §3.1). Only those the game reasons about."""

    FIN = 0x01
    SYN = 0x02
    RST = 0x04
    PSH = 0x08
    ACK = 0x10

    def __contains__(self, other: Flags) -> bool:
        """`SYN in flags`: Flag's own test, without its type check (the engine asks this constantly)."""
        return other._value_ & self._value_ == other._value_

    def __and__(self, other):
        """Flag's `&` looks its result up through the enum's constructor; here, straight in the
        enum's own table of values made so far (a replay combines flags for every segment)."""
        if other.__class__ is Flags:
            value = self._value_ & other._value_
            flags = _MADE.get(value)
            return flags if flags is not None else Flags(value)
        return enum.Flag.__and__(self, other)

    def __or__(self, other):
        """As `&`."""
        if other.__class__ is Flags:
            value = self._value_ | other._value_
            flags = _MADE.get(value)
            return flags if flags is not None else Flags(value)
        return enum.Flag.__or__(self, other)

    @classmethod
    def parse(cls, text: str) -> Flags:
        """'SYN+ACK', 'rst,ack', 'FA' (Wireshark-like letters) → Flags; DATA means ACK+PSH."""
        text = text.strip().upper()
        flags = cls(0)
        if text and "+" not in text and "," not in text and set(text) <= set("FSRPA") and text not in _WORDS:
            for letter in text:
                flags |= _LETTERS[letter]
            return flags
        for word in text.replace(",", "+").split("+"):
            word = word.strip()
            if word not in _WORDS:
                raise ValueError(f"unknown flag {word!r}; expected SYN, ACK, FIN, RST, PSH or DATA")
            flags |= _WORDS[word]
        return flags

    @property
    def letters(self) -> str:
        """Wireshark-like short form, in the order F S R P A: 'S', 'SA', 'FA', 'RA', 'PA'."""
        return "".join(letter for letter, flag in _LETTERS.items() if flag in self)


_MADE = Flags._value2member_map_  # value → member: the five bits, and each combination once made
_LETTERS = {"F": Flags.FIN, "S": Flags.SYN, "R": Flags.RST, "P": Flags.PSH, "A": Flags.ACK}
_WORDS = {
    "SYN": Flags.SYN,
    "ACK": Flags.ACK,
    "FIN": Flags.FIN,
    "RST": Flags.RST,
    "PSH": Flags.PSH,
    "DATA": Flags.ACK | Flags.PSH,
}

NONE = Flags(0)
SYN = Flags.SYN
ACK = Flags.ACK
FIN = Flags.FIN
RST = Flags.RST
PSH = Flags.PSH
SYN_ACK = SYN | ACK
FIN_ACK = FIN | ACK
RST_ACK = RST | ACK
DATA = PSH | ACK


class Segment(namedtuple("Segment", "flags seq ack length window")):
    """One TCP segment as it travels: control bits, SEG.SEQ, SEG.ACK, payload bytes, SEG.WND.

    `ack` is meaningful only with the ACK bit (it is 0 otherwise, as on the wire for a SYN).
    The payload itself is never modelled: only its length moves the sequence space.
    """

    __slots__ = ()

    def __new__(
        cls, flags: Flags, seq: int = 0, ack: int = 0, length: int = 0, window: int = DEFAULT_WINDOW
    ) -> Segment:
        return tuple.__new__(cls, (flags, seq % MOD, ack % MOD, length, window))

    @property
    def seg_len(self) -> int:
        """SEG.LEN: payload bytes plus one for SYN and one for FIN (RFC 9293 §3.4)."""
        flags = self.flags
        return self.length + (SYN in flags) + (FIN in flags)

    @property
    def end_seq(self) -> int:
        """SEG.SEQ + SEG.LEN: the first sequence number after this segment."""
        return (self.seq + self.seg_len) % MOD

    @property
    def label(self) -> str:
        """How the notes and the game name it: SYN, SYN+ACK, ACK, DATA, FIN+ACK, RST, RST+ACK …"""
        return label_of(self.flags, self.length)


def label_of(flags: Flags, length: int = 0) -> str:
    """Name a segment by its bits the way the notes do: DATA stands for payload with ACK. (Kept
    per bits and sign of the length: every owed reply a replay pays is labelled.)"""
    key = (flags._value_, length > 0, length < 0)
    label = _LABELS.get(key)
    if label is None:
        label = _LABELS[key] = _label(flags, length)
    return label


_LABELS: dict = {}


def _label(flags: Flags, length: int) -> str:
    words = [
        word
        for word, bit in (("SYN", SYN), ("DATA", None), ("FIN", FIN), ("RST", RST))
        if (length > 0 if bit is None else bit in flags)
    ]
    if ACK in flags and not length:
        words.append("ACK")
    elif length and ACK not in flags:
        words.append("noACK")
    return "+".join(words) if words else "NONE"
