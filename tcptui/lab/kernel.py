"""What a kernel says about its end of the 4-tuple: socket diagnostics read as the engine's words.

sock_diag (through pyroute2) gives, per socket, the state, the pending timer and its remaining
time (as `ss -tanoi` shows them) and tcp_info. A side's *view* is its connection on the lab's
4-tuple if there is one, else LISTEN when a listener is open on its port, else CLOSED — the
same convention as the kernel-agreement captures (a reset passive open is CLOSED with a
listener beside it, which the engine calls LISTEN).

tcp_info has no sequence numbers, only byte counters since the handshake. With the ISS and IRS
the lab saw on the wire they give RFC 9293's variables (checked against the wire in the tests):
SND.UNA = ISS + 1 + bytes_acked (an active opener's counter includes its SYN), RCV.NXT = IRS + 1 +
bytes_received (a received FIN counts one), SND.NXT = ISS + 1 + bytes_sent - bytes_retrans, plus
one once our FIN is out.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.segment import seq_add
from ..core.states import State

# include/net/tcp_states.h; sock_diag reports a request socket (NEW_SYN_RECV) as SYN_RECV.
_STATES = {
    1: State.ESTABLISHED,
    2: State.SYN_SENT,
    3: State.SYN_RCVD,
    4: State.FIN_WAIT_1,
    5: State.FIN_WAIT_2,
    6: State.TIME_WAIT,
    7: State.CLOSED,
    8: State.CLOSE_WAIT,
    9: State.LAST_ACK,
    10: State.LISTEN,
    11: State.CLOSING,
    12: State.SYN_RCVD,
}
# idiag_timer, as ss names it: the retransmission timer ("on"), keepalive, TIME_WAIT, zero-window probe.
TIMERS = {0: "off", 1: "on", 2: "keepalive", 3: "timewait", 4: "persist"}
_PREFERENCE = {State.CLOSED: 2, State.TIME_WAIT: 1}  # a live connection first, then TIME_WAIT


class KernelView(namedtuple("KernelView", "state listening timer expires_ms retrans snd_una snd_nxt rcv_nxt rto_ms")):
    """One side as its kernel reports it.

    - state: State of the 4-tuple's connection, else LISTEN (a listener is open) or CLOSED;
      listening: a listener is open on this side's port (with or without a connection).
    - timer, expires_ms, retrans: the pending timer ("on", "timewait", "keepalive", "persist",
      "off"), the milliseconds left, and how many times it has fired.
    - snd_una, snd_nxt, rcv_nxt: from tcp_info and the ISS/IRS seen on the wire (None where the
      kernel does not say: TIME_WAIT, a request socket, no connection); rto_ms: the current RTO.
    """

    __slots__ = ()

    def timer_text(self) -> str:
        """Like ss -o: 'on (0.996s/0)', 'timewait (59.8s)', 'off'."""
        if self.timer == "off":
            return "off"
        seconds = f"{self.expires_ms / 1000:.3g}s"
        return f"{self.timer} ({seconds}/{self.retrans})" if self.timer == "on" else f"{self.timer} ({seconds})"


NOTHING = KernelView(State.CLOSED, False, "off", 0, 0, None, None, None, None)


def view(rows, local: tuple[str, int], remote: tuple[str, int], numbers=None) -> KernelView:
    """The side whose address is `local`, from its namespace's sock_diag rows.

    numbers: (iss, irs, active) of the current connection as seen on the wire (irs None before
    the peer's SYN arrived), or None.
    """
    conn, listening = None, False
    for row in rows:
        if (row["idiag_src"], row["idiag_sport"]) != local and not (
            row["idiag_sport"] == local[1] and row["idiag_src"] == "0.0.0.0"
        ):
            continue
        state = _STATES.get(row["idiag_state"], State.CLOSED)
        if state is State.LISTEN:
            listening = True
        elif (row["idiag_dst"], row["idiag_dport"]) == remote:
            if conn is None or _PREFERENCE.get(state, 0) < _PREFERENCE.get(conn[0], 0):
                conn = (state, row)
    if conn is None or conn[0] is State.CLOSED:
        return NOTHING._replace(state=State.LISTEN if listening else State.CLOSED, listening=listening)
    state, row = conn
    timer = TIMERS.get(row["idiag_timer"], "off")
    snd_una = snd_nxt = rcv_nxt = rto = None
    info = row.get_attr("INET_DIAG_INFO") if state is not State.TIME_WAIT else None
    if info is not None and state is not State.SYN_RCVD:
        rto = info["tcpi_rto"] // 1000
        if numbers is not None:
            iss, irs, active = numbers
            snd_una = seq_add(iss, 1 + info["tcpi_bytes_acked"] - (1 if active else 0))
            snd_nxt = seq_add(iss, 1 + info["tcpi_bytes_sent"] - info["tcpi_bytes_retrans"] + state.fin_sent)
            if irs is not None and state is not State.SYN_SENT:  # SYN_SENT has no RCV.NXT yet (RFC 9293 §3.3.1)
                rcv_nxt = seq_add(irs, 1 + info["tcpi_bytes_received"])
    return KernelView(
        state, listening, timer, row["idiag_expires"] if timer != "off" else 0, row["idiag_retrans"],
        snd_una, snd_nxt, rcv_nxt, rto,
    )  # fmt: skip
