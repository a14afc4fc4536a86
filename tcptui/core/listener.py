"""A listening socket's two queues, as Linux keeps them (net/ipv4/inet_connection_sock.c, tcp_input.c).

A SYN that a listener takes makes a 半连接 (a connection in SYN_RCVD) in its SYN queue; the handshake's
last ACK moves the connection to the accept queue, where it waits until the application's accept()
takes it. The game follows one connection in full (the endpoint's own state and TCB); every other
entry — the spoofed SYNs of a flood, other clients' connections — is *counted*, not played, so that a
flood of a thousand SYNs is one move and one line on the screen, never a thousand segments.

`Listener` is a value, like everything in the core:

- syn_max / accept_max: how many entries each queue holds. (Linux: listen(fd, backlog) bounds both by
  min(backlog, net.core.somaxconn); the SYN queue is full at that many entries, the accept queue one
  later — sk_acceptq_is_full() tests '>'. A puzzle gives the sizes the queues hold.)
- half_open: other entries of the SYN queue (a flood's forged SYNs, which never complete).
- accept_q: the accept queue, oldest first: False for another client's connection, True for the
  endpoint's own.
- accepting: what the application is doing about accept(): LOOP (most servers: every completed
  connection is handed over at once), WAITING (blocked in one accept(): the next one is), or BUSY
  (not calling it: completed connections wait in the accept queue, which fills).
- overflowed: the SYN queue overflowed and cookies were sent (Linux checks a cookie only then:
  tcp_synq_no_recent_overflow()).

An endpoint with no modelled listener (None) behaves as a server looping in accept() with queues that
never fill: the engine's behaviour before queues existed, and every puzzle's that does not ask for them.
"""

from __future__ import annotations

from collections import namedtuple

from .segment import seq_add

BUSY, WAITING, LOOP = 0, 1, 2  # the application: not in accept(); blocked in one accept(); looping on it
_MASK64 = (1 << 64) - 1
_COOKIE_SECRET = 0x5EC0_C00C_1E5E_C2E7  # the listener's secret (a real one is random per boot)


class Listener(namedtuple("Listener", "syn_max accept_max half_open accept_q accepting overflowed")):
    """A listener's queues (see the module's docstring)."""

    __slots__ = ()

    @property
    def syn_full(self) -> bool:
        """inet_csk_reqsk_queue_is_full(): no room for one more 半连接."""
        return self.half_open >= self.syn_max

    @property
    def accept_full(self) -> bool:
        """sk_acceptq_is_full(): no room for one more completed connection."""
        return len(self.accept_q) >= self.accept_max

    @property
    def holds_ours(self) -> bool:
        """The endpoint's own connection waits in the accept queue (the application has not accepted it)."""
        return True in self.accept_q


def listener(
    syn_max: int, accept_max: int | None = None, *, half_open: int = 0, queued: int = 0, accepting: int = BUSY
) -> Listener:
    """A listener with queues of the given sizes, `half_open` forged entries and `queued` other connections."""
    accept_max = syn_max if accept_max is None else accept_max
    return Listener(syn_max, accept_max, half_open, (False,) * queued, accepting, False)


def default_listener(profile) -> Listener:
    """The queues of a listen() that names no sizes: the profile's backlog, an application looping on accept()."""
    return Listener(profile.backlog, profile.backlog, 0, (), LOOP, False)


def enqueue(queues: Listener) -> tuple[Listener, bool]:
    """The endpoint's connection completed its handshake: (the queues after, whether the application
    took it at once — it was waiting in accept())."""
    if queues.accepting == LOOP:
        return queues, True
    if queues.accepting == WAITING:
        return queues._replace(accepting=BUSY), True
    return queues._replace(accept_q=queues.accept_q + (True,)), False


def accept(queues: Listener) -> tuple[Listener, bool | None]:
    """accept(): (the queues after, what it took — True the endpoint's connection, False another's,
    None nothing: the application now waits in accept() for the next one)."""
    if not queues.accept_q:
        return queues._replace(accepting=max(queues.accepting, WAITING)), None
    return queues._replace(accept_q=queues.accept_q[1:]), queues.accept_q[0]


def forget(queues: Listener | None) -> Listener | None:
    """The host crashed or rebooted: the same listener (if its program starts again) with empty queues."""
    return queues if queues is None else queues._replace(half_open=0, accept_q=(), overflowed=False)


def syn_cookie(irs: int) -> int:
    """The ISN a listener answers a SYN with when its SYN queue is full: a keyed hash of what the SYN
    carried (here its ISN; Linux hashes the addresses, ports, the ISN, a 64-second counter and the MSS,
    cookie_v4_init_sequence()). Stateless: the cookie's ACK is checked by computing it again."""
    z = (irs * 0x9E3779B97F4A7C15 + _COOKIE_SECRET) & _MASK64
    z = ((z ^ (z >> 31)) * 0xBF58476D1CE4E5B9) & _MASK64
    return (z ^ (z >> 29)) & 0xFFFFFFFF


def is_cookie_ack(seq: int, ack: int) -> bool:
    """Does an ACK (SEG.SEQ, SEG.ACK) acknowledge a cookie we sent? SEG.SEQ - 1 is the client's ISN
    and SEG.ACK - 1 must be its cookie (cookie_v4_check())."""
    return seq_add(ack, -1) == syn_cookie(seq_add(seq, -1))


__all__ = [
    "BUSY",
    "WAITING",
    "LOOP",
    "Listener",
    "listener",
    "default_listener",
    "enqueue",
    "accept",
    "forget",
    "syn_cookie",
    "is_cookie_ack",
]
