"""The eleven connection states of RFC 9293 §3.3.2, the two sides, and the moves' vocabulary.

States are an enum, never strings: strings are parsed once, at the edge (`State.parse`).
The value of each member is the underscore spelling the notes and `ss` use; `State.parse` also
takes the RFC's and the notes' other spellings (the notes write SYN_SEND for SYN-SENT).
"""

from __future__ import annotations

import enum


class State(enum.Enum):
    """A TCP connection state (RFC 9293 §3.3.2, Figure 6)."""

    CLOSED = "CLOSED"
    LISTEN = "LISTEN"
    SYN_SENT = "SYN_SENT"
    SYN_RCVD = "SYN_RCVD"
    ESTABLISHED = "ESTABLISHED"
    FIN_WAIT_1 = "FIN_WAIT_1"
    FIN_WAIT_2 = "FIN_WAIT_2"
    CLOSE_WAIT = "CLOSE_WAIT"
    CLOSING = "CLOSING"
    LAST_ACK = "LAST_ACK"
    TIME_WAIT = "TIME_WAIT"

    # Members are singletons compared by identity: hash them by identity too, in C (Enum's own
    # __hash__ hashes the name in Python, and tables keyed by state, side or verdict are asked
    # for every packet of a replay).
    __hash__ = object.__hash__

    # Set on each member below (plain attributes: the engine asks them on every segment).
    has_tcb: bool  # a connection exists: every state but CLOSED and LISTEN (RFC 9293 §3.3.2)
    synchronized: bool  # both ISNs are known (RFC 9293 §3.10.7.4 "synchronized states")
    fin_sent: bool  # reached by sending our FIN: no more data may follow it
    fin_received: bool  # reached by receiving the peer's FIN

    @classmethod
    def parse(cls, text: str) -> State:
        """Parse 'syn-sent', 'SYN_SENT', 'SYN-RECEIVED', the notes' 'SYN_SEND' …; ValueError if unknown."""
        key = text.strip().upper().replace("-", "_")
        key = _ALIASES.get(key, key)
        try:
            return cls[key]
        except KeyError:
            names = " ".join(s.value for s in cls)
            raise ValueError(f"unknown state {text!r}; expected one of: {names}") from None


_ALIASES = {
    "SYN_SEND": "SYN_SENT",
    "SYN_RECEIVED": "SYN_RCVD",
    "SYN_RECV": "SYN_RCVD",
    "ESTAB": "ESTABLISHED",
    "FIN_WAIT1": "FIN_WAIT_1",
    "FIN_WAIT2": "FIN_WAIT_2",
    "TIMEWAIT": "TIME_WAIT",
    "CLOSEWAIT": "CLOSE_WAIT",
    "LASTACK": "LAST_ACK",
}

SYNCHRONIZED = frozenset(
    {
        State.ESTABLISHED,
        State.FIN_WAIT_1,
        State.FIN_WAIT_2,
        State.CLOSE_WAIT,
        State.CLOSING,
        State.LAST_ACK,
        State.TIME_WAIT,
    }
)
FIN_SENT = frozenset({State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSING, State.LAST_ACK, State.TIME_WAIT})
FIN_RECEIVED = frozenset({State.CLOSE_WAIT, State.CLOSING, State.LAST_ACK, State.TIME_WAIT})
for _state in State:
    _state.has_tcb = _state is not State.CLOSED and _state is not State.LISTEN
    _state.synchronized = _state in SYNCHRONIZED
    _state.fin_sent = _state in FIN_SENT
    _state.fin_received = _state in FIN_RECEIVED
del _state


class Side(enum.Enum):
    """Which endpoint: the one that (usually) opens actively, or the one that listens."""

    CLIENT = "client"
    SERVER = "server"

    __hash__ = object.__hash__  # see State

    @property
    def peer(self) -> Side:
        """The other endpoint."""
        return Side.SERVER if self is Side.CLIENT else Side.CLIENT

    @classmethod
    def parse(cls, text: str) -> Side:
        """'client'/'c'/'a' or 'server'/'s'/'b'."""
        key = text.strip().lower()
        if key in ("client", "c", "a"):
            return cls.CLIENT
        if key in ("server", "s", "b"):
            return cls.SERVER
        raise ValueError(f"unknown side {text!r}; expected client or server")


class Call(enum.Enum):
    """What an application can ask of its TCP (RFC 9293 §3.10.1–3.10.5, in socket words)."""

    LISTEN = "listen"
    CONNECT = "connect"
    SEND = "send"
    SHUTDOWN = "shutdown"  # shutdown(SHUT_WR): half-close, the read side stays open (§3.2)
    CLOSE = "close"  # close(): no more reading either; later data is answered with RST
    ABORT = "abort"  # close() with SO_LINGER {on, 0}: RST, §4.4.3
    READ = "read"  # read(): take what waits in the receive buffer (a window closed by it reopens)
    ACCEPT = "accept"  # accept(): take a completed connection from the listener's accept queue
    CRASH = "crash"  # the process dies (kill -9): its kernel closes its sockets, as close() would
    REUSEADDR = "reuseaddr"  # setsockopt(SO_REUSEADDR) before bind(): listen beside a TIME_WAIT


# The calls every puzzle offers unless it names its own. READ matters only where an application
# holds data unread, which a puzzle or the probe sets up; ACCEPT, CRASH and REUSEADDR are the
# interview pack's, offered where a puzzle or the player asks for them.
CLASSIC_CALLS = (Call.LISTEN, Call.CONNECT, Call.SEND, Call.SHUTDOWN, Call.CLOSE, Call.ABORT)


class Timer(enum.Enum):
    """The timers a player may fire: time is a move (sans-IO)."""

    RTO = "rto"  # retransmission timeout: resend what is unacknowledged
    TWO_MSL = "2msl"  # TIME_WAIT's 2MSL expiry (§3.4)
    GIVE_UP = "give-up"  # retries exhausted (handshake or data), or FIN_WAIT_2 timeout
    KEEPALIVE = "keepalive"  # SO_KEEPALIVE on an idle connection: send a probe (RFC 9293 §3.8.4)


CLASSIC_TIMERS = (Timer.RTO, Timer.TWO_MSL, Timer.GIVE_UP)


class Errno(enum.StrEnum):
    """What the application sees when an event ends or refuses its connection (the sockets API's errno,
    as Linux and the BSDs report it): a fact of the outcome, shown beside the event that produced it."""

    ECONNREFUSED = "ECONNREFUSED"  # a RST answered our SYN: nobody listens (§4.4.1)
    ETIMEDOUT = "ETIMEDOUT"  # retransmissions or keep-alive probes went unanswered
    ECONNRESET = "ECONNRESET"  # a RST reset an established connection (§4.3)
    EPIPE = "EPIPE"  # writing where the connection can no longer send (and SIGPIPE)
    EADDRINUSE = "EADDRINUSE"  # bind(): the port is held (a TIME_WAIT, without SO_REUSEADDR)
    EADDRNOTAVAIL = "EADDRNOTAVAIL"  # connect(): the 4-tuple is still held by TIME_WAIT
    EINVAL = "EINVAL"  # accept() on a socket that is not listening


class Replies(enum.Enum):
    """Who sends the receiving stack's replies: the engine, or the player (who is judged)."""

    AUTO = "auto"
    MANUAL = "manual"


class Verdict(enum.Enum):
    """How a player's choice is judged."""

    CORRECT = "correct"  # what a correct TCP does now
    LEGAL = "legal"  # allowed, but not what TCP does now (a needless RST, a stray ACK)
    ILLEGAL = "illegal"  # impossible for a correct TCP in this state
    WRONG_NUMBERS = "wrong-numbers"  # the right segment with the wrong seq/ack
    NEUTRAL = "neutral"  # not a TCP decision: the network delivered, lost or copied a segment

    __hash__ = object.__hash__  # see State


class Reaction(enum.Enum):
    """What a receiver did with a delivered segment."""

    ACCEPTED = "accepted"  # processed: state, TCB or data moved on
    DROPPED = "dropped"  # discarded (unacceptable, ignored, or host down), perhaps with an ACK
    CHALLENGED = "challenged"  # answered by an RFC 5961 challenge ACK
    REFUSED = "refused"  # answered by RST: no such connection, or an impossible ACK
    RESET = "reset"  # this RST (or the data after close) tore the receiver's connection down

    __hash__ = object.__hash__  # see State
