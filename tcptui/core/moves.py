"""Moves: everything a player (or a puzzle, a solver, a capture) can make happen.

Each move is a small immutable value with a one-line notation that `parse_move` reads back:

    client connect          server listen           client send-data 100
    client shutdown         client close            client abort
    client sends SYN        server sends SYN+ACK seq=5000 ack=1001
    deliver 1               drop 2                  duplicate 1      (1 = oldest in flight)
    server timer rto        client timer 2msl       server timer give-up
    server crash            server restart          server reboot
    server accept           server kill             server reuseaddr
    server timer keepalive  flood 100               (100 SYNs from forged addresses reach the server)

`kill` is the application's process dying (the kernel closes its sockets: Call.CRASH, explain's
app:crash); `crash` is the whole host going silent; `reboot` is a crash and a restart at once.
"""

from __future__ import annotations

from collections import namedtuple

from .segment import DEFAULT_DATA, MAX_PAYLOAD, MOD, Flags, label_of
from .states import Call, Side, Timer


class _Move(tuple):
    """What every move shares: equal only to a move of the same kind. Moves are namedtuples (small
    and fast to hash), and plain tuples would make Drop(0) == Deliver(0) and Crash(s) == Restart(s)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self))


class AppCall(_Move, namedtuple("AppCall", "side call nbytes")):
    """The application on `side` calls listen/connect/send/shutdown/close/abort."""

    __slots__ = ()

    def __new__(cls, side: Side, call: Call, nbytes: int = DEFAULT_DATA) -> AppCall:
        return tuple.__new__(cls, (side, call, nbytes))

    def __str__(self) -> str:
        if self.call is Call.SEND:
            return f"{self.side.value} send-data {self.nbytes}"
        return f"{self.side.value} {_WORD_OF_CALL.get(self.call, self.call.value)}"


class Send(_Move, namedtuple("Send", "side flags seq ack length")):
    """The player makes `side` send a segment; numbers left None are filled from its TCB."""

    __slots__ = ()

    def __new__(cls, side: Side, flags: Flags, seq: int | None = None, ack: int | None = None, length: int = 0) -> Send:
        return tuple.__new__(cls, (side, flags, seq, ack, length))

    def __str__(self) -> str:
        text = f"{self.side.value} sends {label_of(self.flags, self.length)}"
        if self.length and self.length != DEFAULT_DATA:
            text += f" len={self.length}"
        if self.seq is not None:
            text += f" seq={self.seq}"
        if self.ack is not None:
            text += f" ack={self.ack}"
        return text


class Deliver(_Move, namedtuple("Deliver", "index")):
    """The network delivers the in-flight segment at `index` (0 = oldest) to its receiver."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"deliver {self.index + 1}"


class Drop(_Move, namedtuple("Drop", "index")):
    """The network loses the in-flight segment at `index`."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"drop {self.index + 1}"


class Duplicate(_Move, namedtuple("Duplicate", "index")):
    """The network copies the in-flight segment at `index`; the copy arrives later."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"duplicate {self.index + 1}"


class Fire(_Move, namedtuple("Fire", "side timer")):
    """A timer of `side` fires: time is a move."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} timer {self.timer.value}"


class Crash(_Move, namedtuple("Crash", "side")):
    """The host on `side` crashes: it forgets every connection and answers nothing (§4.4.4)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} crash"


class Restart(_Move, namedtuple("Restart", "side")):
    """The crashed host on `side` comes back, with no connections; a server listens again."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} restart"


class Reboot(_Move, namedtuple("Reboot", "side")):
    """The host on `side` reboots: it forgets every connection and at once answers again (RST, §4.4.4)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} reboot"


class Flood(_Move, namedtuple("Flood", "count")):
    """`count` SYNs from forged source addresses reach the server's listener (a SYN flood): a move of
    the network, summarised — the listener's queues count them; no segment of theirs is on the wire."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"flood {self.count}"


MAX_FLOOD = 1_000_000
_NETWORK = {"deliver": Deliver, "drop": Drop, "duplicate": Duplicate}
_WORD_OF_CALL = {Call.SEND: "send-data", Call.CRASH: "kill"}  # 'crash' is the host's (Crash)
_CALL_WORDS = {_WORD_OF_CALL.get(c, c.value): c for c in Call}


def send_of(side: Side, flags: Flags, length: int | None = None) -> Send:
    """A palette send: DATA gets the default payload, everything else none."""
    if length is None:
        length = DEFAULT_DATA if flags == Flags.PSH | Flags.ACK else 0
    return Send(side, flags, None, None, length)


MAX_BYTES = MAX_PAYLOAD  # a send-data or a crafted segment carries one segment's payload at most
MAX_INDEX = 999_999  # segments in flight a move can name


def _number(word: str, low: int, high: int) -> int | None:
    """A plain decimal number (ASCII digits only) in [low, high], else None. Checked on the text,
    so that `send-data 1000000000` is refused before anything is built from it."""
    if not (word.isascii() and word.isdigit()) or len(word) > len(str(high)):
        return None
    value = int(word)
    return value if low <= value <= high else None


def parse_move(text: str):
    """Read a move written in the notation above; ValueError says what is wrong. Numbers are
    checked here: a byte count is 1..65535, a segment number 1..999999, seq and ack below 2**32."""
    words = text.split()
    if not words:
        raise ValueError("empty move")
    head = words[0].lower()
    if head == "flood":
        if len(words) != 2 or not words[1].isdigit() or not 1 <= int(words[1]) <= MAX_FLOOD:
            raise ValueError(f"{text!r}: expected 'flood N' with N from 1 to {MAX_FLOOD} SYNs")
        return Flood(int(words[1]))
    if head in _NETWORK:
        index = _number(words[1].lstrip("#"), 1, MAX_INDEX) if len(words) == 2 else None
        if index is None:
            raise ValueError(f"{text!r}: expected '{head} N' with N = 1 for the oldest segment in flight")
        return _NETWORK[head](index - 1)
    side = Side.parse(head)
    if len(words) < 2:
        raise ValueError(f"{text!r}: what does the {side.value} do?")
    verb, rest = words[1].lower(), words[2:]
    if verb in _CALL_WORDS and (not rest or (verb == "send-data" and len(rest) == 1)):
        nbytes = _number(rest[0], 1, MAX_BYTES) if rest else DEFAULT_DATA
        if nbytes is None:
            raise ValueError(f"{text!r}: expected 'send-data N' with N bytes from 1 to {MAX_BYTES}")
        return AppCall(side, _CALL_WORDS[verb], nbytes)
    if verb == "sends" and rest:
        return _parse_send(side, rest, text)
    if verb == "timer" and len(rest) == 1:
        return Fire(side, Timer(rest[0].lower()))
    if verb == "crash" and not rest:
        return Crash(side)
    if verb == "restart" and not rest:
        return Restart(side)
    if verb == "reboot" and not rest:
        return Reboot(side)
    raise ValueError(f"{text!r}: unknown move; see 'tcptui --help' for the move notation")


def _parse_send(side: Side, words: list[str], text: str) -> Send:
    """'SYN+ACK seq=1 ack=2 len=0'."""
    flags = Flags.parse(words[0])
    fields: dict[str, int] = {}
    for word in words[1:]:
        key, _, value = word.partition("=")
        high = MAX_BYTES if key == "len" else MOD - 1
        number = _number(value, 0, high) if key in ("seq", "ack", "len") else None
        if number is None:
            raise ValueError(
                f"{text!r}: expected seq=N or ack=N (0 to {MOD - 1}) or len=N (0 to {MAX_BYTES}), got {word!r}"
            )
        fields[key] = number
    length = fields.get("len")
    if length is None:
        length = DEFAULT_DATA if "DATA" in words[0].upper() else 0
    return Send(side, flags, fields.get("seq"), fields.get("ack"), length)
