"""The lab's moves: the engine's notation (tcptui/core/moves.py), plus what only real hosts have.

wait 1.5                  let time pass: the kernels' timers run
server accept             the application accepts a connection (the lab does it on its own too)
client read               the application reads what arrived (the lab does it on its own too)
client sends SYN seq=x+1  a crafted segment; numbers may be written as the notes write them:
                          x, y are the client's and server's first ISS, x', y' the next ones,
                          resolved when the move is played (the kernels choose ISNs at random)
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..core.moves import Send, parse_move
from ..core.segment import seq_add, seq_wrap
from ..core.states import Side

_SYMBOL = re.compile(r"^([xy](?:'{1,2}|\d+)?)([+-]\d+)?$")
_NUMBER = re.compile(r"\b(seq|ack)=(\S+)")


class Wait(namedtuple("Wait", "seconds")):
    """Time passes for `seconds`."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"wait {self.seconds:g}"


class Accept(namedtuple("Accept", "side")):
    """accept() on `side`'s listening socket."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} accept"


class Read(namedtuple("Read", "side")):
    """read() on `side`'s connected socket, everything that has arrived."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.side.value} read"


class Inject(namedtuple("Inject", "text")):
    """A crafted segment whose numbers name ISSs (x+1, y'): a Send once the lab knows them."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.text

    def resolve(self, symbols: tuple) -> Send:
        """The Send with every symbolic number replaced by its value; ValueError if unknown."""

        def value(match: re.Match) -> str:
            key, text = match.group(1), match.group(2)
            if text.isdigit():
                return match.group(0)  # parse_move checks its range
            try:
                return f"{key}={number_of(text, symbols)}"
            except ValueError as e:
                raise ValueError(f"{self.text!r}: {key}={e}") from None

        return parse_move(_NUMBER.sub(value, self.text))


def number_of(text: str, symbols: tuple) -> int:
    """A sequence number written as a number or as the notes write it (x, y+1, x'-2), its names
    resolved from (iss, name) pairs; ValueError says what is wrong."""
    text = text.strip()
    if text.isdigit():
        return seq_wrap(int(text))
    parts = _SYMBOL.match(text)
    if parts is None:
        raise ValueError(f"{text} is neither a number nor x, y, x', y+1 …")
    name, offset = parts.group(1), int(parts.group(2) or 0)
    named = {name: base for base, name in symbols}
    if name not in named:
        raise ValueError(f"{text}: no ISS called {name} has been seen yet")
    return seq_add(named[name], offset)


def parse_lab_move(text: str):
    """One move: the engine's notation or a lab move above; ValueError says what is wrong."""
    words = text.split()
    if words and words[0].lower() == "wait":
        try:
            seconds = float(words[1]) if len(words) == 2 else -1
        except ValueError:
            seconds = -1
        if not 0 <= seconds <= 3600:
            raise ValueError(f"{text!r}: expected 'wait SECONDS' with SECONDS from 0 to 3600")
        return Wait(seconds)
    if len(words) == 2 and words[1].lower() in ("accept", "read"):
        side = Side.parse(words[0])
        return Accept(side) if words[1].lower() == "accept" else Read(side)
    if len(words) >= 3 and words[1].lower() == "sends" and any(_symbolic(m) for m in _NUMBER.finditer(text)):
        parse_move(_NUMBER.sub(lambda m: f"{m.group(1)}=0", text))  # the rest must read as a Send
        return Inject(" ".join(words))
    return parse_move(text)


def _symbolic(match: re.Match) -> bool:
    return not match.group(2).isdigit()


def parse_lab_moves(text: str) -> list:
    """Moves one a line or separated by ';' ('#' starts a comment); ValueError names the move."""
    from ..capture.export import parse_moves

    return parse_moves(text, parse_lab_move)
