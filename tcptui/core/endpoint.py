"""One endpoint: its transmission control block, its state, and what its application has done.

An `Endpoint` is an immutable value. The functions that move it on (`arrive.on_segment`,
`calls.on_call`, `calls.on_timer`) build a `Step`, change the state only through `Step.goto`
(which records the rule that decided it), and return a frozen `Result`: the new endpoint, the
segments it sends, the rule ids, and the receiver's reaction or the call's verdict. They never
raise on protocol behaviour and never print.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from .rules import TARGETS
from .segment import (
    ACK,
    DEFAULT_WINDOW,
    FIN,
    MAX_PAYLOAD,
    PSH,
    RST,
    SYN_ACK,
    Segment,
    seq_add,
    seq_ge,
    seq_gt,
    seq_le,
    seq_sub,
)
from .states import Reaction, State, Verdict


class App(enum.Flag):
    """What the application (or the host) has done, beyond what the state says."""

    NONE = 0
    LISTENING = 1  # a listening socket is open on this port; it takes SYNs when no connection does
    READ_CLOSED = 2  # close(), not shutdown(): data arriving now is answered with RST (RFC 1122 §4.2.2.13)
    CLOSE_PENDING = 4  # close()/shutdown() called while data still waits: the FIN follows it (§3.1)
    DOWN = 8  # the host has crashed: it forgets everything and answers nothing (§4.4.4)
    REUSEADDR = 16  # the application sets SO_REUSEADDR before bind(): its listener may bind beside a TIME_WAIT
    HOLDING = 64  # the application is not reading: arriving data waits in the receive buffer until read()


class Tcb(
    namedtuple(
        "Tcb", "iss irs snd_una snd_nxt snd_wnd rcv_nxt rcv_wnd unread ooo dupacks ts_recent", defaults=(0, (), 0, None)
    )
):
    """Transmission control block variables, named as RFC 9293 §3.3.1 names them.

    iss/irs: initial send/receive sequence numbers; snd_una: oldest unacknowledged;
    snd_nxt: next to send; snd_wnd: the peer's advertised window; rcv_nxt: next expected;
    rcv_wnd: our receive window. The data path's bookkeeping:
    - unread: bytes in the receive buffer the application has not read (App.HOLDING);
    - ooo: the out-of-order queue, ((start, end, fin), …) in sequence order: bytes received
      beyond a hole, held until it fills (RFC 9293 §3.10.7.4 seventh, "SHOULD be held");
    - dupacks: duplicate ACKs received in a row for SND.UNA (RFC 5681 §2), which make a
      retransmission a fast retransmit;
    - ts_recent: TS.Recent (RFC 7323 §4.3), the peer's last timestamp value taken, or None while
      its segments carry no timestamps option (the game's never do; a capture's may): what
      PAWS compares an arriving timestamp with (§5.3), and TIME_WAIT a new SYN's (RFC 6191).
    The sent-and-unacknowledged range SND.UNA..SND.NXT is the retransmission queue: the game
    models lengths, not bytes, so that range is all there is to keep.
    """

    __slots__ = ()


NO_TCB = Tcb(iss=0, irs=0, snd_una=0, snd_nxt=0, snd_wnd=0, rcv_nxt=0, rcv_wnd=0)


class Endpoint(namedtuple("Endpoint", "state tcb passive app pending owed listener retries", defaults=(None, 0))):
    """A host's end of the 4-tuple.

    - state: State; tcb: Tcb (NO_TCB when CLOSED or LISTEN).
    - passive: this connection came from a listening socket (SYN_RCVD + RST → LISTEN, §3.10.7.4).
    - app: App flags; pending: bytes written by the application that wait for ESTABLISHED.
    - owed: in manual-replies mode, the segments a correct stack would have sent and the player
      has not sent yet (always empty in auto mode).
    - listener: the listening socket's queues (tcptui.core.listener.Listener) where they are
      modelled; None: a server that accepts at once, with queues that never fill.
    - retries: retransmissions (or keep-alive probes) sent since the peer last answered.
    """

    __slots__ = ()

    @property
    def listening(self) -> bool:
        """A SYN arriving now would be taken by a listener (LISTEN, or CLOSED beside an open listener)."""
        state = self.state
        return state is State.LISTEN or (
            state is State.CLOSED and self.app is not App.NONE and App.LISTENING in self.app
        )

    @property
    def unaccepted(self) -> bool:
        """The connection waits in its listener's accept queue: the application has no socket for it yet."""
        listener = self.listener
        return listener is not None and True in listener.accept_q

    @property
    def down(self) -> bool:
        """The host has crashed and not restarted."""
        return App.DOWN in self.app

    @property
    def fin_acked(self) -> bool:
        """Our FIN has been sent and acknowledged (the FIN is the last thing sent, so SND.UNA = SND.NXT)."""
        return self.state.fin_sent and self.tcb.snd_una == self.tcb.snd_nxt

    @property
    def unacked(self) -> int:
        """Sequence space sent and not yet acknowledged (SND.NXT - SND.UNA)."""
        return seq_sub(self.tcb.snd_nxt, self.tcb.snd_una)


def closed_endpoint(app: App = App.NONE) -> Endpoint:
    """An endpoint with no connection (LISTEN if a listener is open)."""
    state = State.LISTEN if App.LISTENING in app else State.CLOSED
    return _new_endpoint((state, NO_TCB, False, app, 0, (), None, 0))


class ImpossibleEndpoint(ValueError):
    """`endpoint_in` was asked for an endpoint no TCP can be in; `field` names the culprit
    ("tcb", "app", "passive" or "pending"), so that a puzzle file's error can point at its line."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


_HANDSHAKE = (State.SYN_SENT, State.SYN_RCVD)
_FIN_UNACKED = (State.FIN_WAIT_1, State.CLOSING, State.LAST_ACK)


def endpoint_in(
    state: State,
    *,
    iss: int | None = None,
    irs: int | None = None,
    snd_una: int | None = None,
    snd_nxt: int | None = None,
    rcv_nxt: int | None = None,
    snd_wnd: int | None = None,
    rcv_wnd: int = DEFAULT_WINDOW,
    passive: bool | None = None,
    app: App = App.NONE,
    pending: int = 0,
    owed: tuple = (),
) -> Endpoint:
    """An endpoint in `state` whose TCB and flags agree with the state; ValueError says what cannot be.

    CLOSED and LISTEN take no TCB (CLOSED with a listener open is LISTEN). Every other state needs
    ISS, and IRS once the peer's SYN is known (all but SYN_SENT). TCB variables left out follow from
    them with nothing in flight: SND.NXT = ISS + 1 (the SYN), + 1 more once our FIN is sent;
    SND.UNA = ISS before ESTABLISHED, else SND.NXT less the FIN while it waits for its ACK
    (FIN_WAIT_1, CLOSING, LAST_ACK); RCV.NXT = IRS + 1, + 1 once the peer's FIN arrived; SND.WND is
    unknown (0) in SYN_SENT. `passive` (the connection came from a listener) defaults to whether a
    listener is open. The probe of `tcptui explain`, the exam's scenarios, a capture seen from its
    middle and the puzzle files all build their endpoints here.
    """
    if App.LISTENING in app or state is State.LISTEN:
        app |= App.LISTENING
    if not state.has_tcb:
        if any(v is not None for v in (iss, irs, snd_una, snd_nxt, rcv_nxt)):
            raise ImpossibleEndpoint("tcb", f"an endpoint in {state.value} has no TCB")
        if pending:
            raise ImpossibleEndpoint("pending", f"an endpoint in {state.value} has no connection to queue data on")
        return closed_endpoint(app)._replace(owed=tuple(owed))
    if App.DOWN in app:
        raise ImpossibleEndpoint("app", f"a crashed host has no connection; expected CLOSED, not {state.value}")
    if iss is None:
        raise ImpossibleEndpoint("tcb", f"an endpoint in {state.value} needs its ISS")
    if state is State.SYN_SENT:
        if irs is not None:
            raise ImpossibleEndpoint("tcb", "SYN_SENT has not seen the peer's SYN: it knows no IRS")
        if passive:
            raise ImpossibleEndpoint("passive", "SYN_SENT is an active open: it cannot come from a listener")
        irs = 0
    elif irs is None:
        raise ImpossibleEndpoint("tcb", f"an endpoint in {state.value} needs IRS (the peer's ISN)")
    if passive is None:
        passive = App.LISTENING in app
    nxt = seq_add(iss, 2 if state.fin_sent else 1) if snd_nxt is None else snd_nxt
    if snd_una is None:
        snd_una = iss if state in _HANDSHAKE else seq_add(nxt, -1 if state in _FIN_UNACKED else 0)
    if rcv_nxt is None:
        rcv_nxt = 0 if state is State.SYN_SENT else seq_add(irs, 2 if state.fin_received else 1)
    if snd_wnd is None:
        snd_wnd = 0 if state is State.SYN_SENT else DEFAULT_WINDOW
    _check_tcb(state, iss, irs, snd_una, nxt, rcv_nxt)
    if pending and state not in _HANDSHAKE:
        raise ImpossibleEndpoint(
            "pending", f"data waits for ESTABLISHED only in SYN_SENT or SYN_RCVD, not in {state.value}"
        )
    if App.CLOSE_PENDING in app and not (pending and state is State.SYN_RCVD):
        raise ImpossibleEndpoint("app", "a FIN waits behind queued data only in SYN_RCVD with pending bytes")
    if App.READ_CLOSED in app and not (state.fin_sent or App.CLOSE_PENDING in app):
        raise ImpossibleEndpoint("app", f"close() sends a FIN: {state.value} cannot have closed its reading side")
    tcb = Tcb(iss=iss, irs=irs, snd_una=snd_una, snd_nxt=nxt, snd_wnd=snd_wnd, rcv_nxt=rcv_nxt, rcv_wnd=rcv_wnd)
    return Endpoint(state=state, tcb=tcb, passive=passive, app=app, pending=pending, owed=tuple(owed))


def _check_tcb(state: State, iss: int, irs: int, snd_una: int, snd_nxt: int, rcv_nxt: int) -> None:
    """RFC 9293 §3.3.1's order of the send and receive sequence spaces, as `state` has them."""
    name = state.value
    if state in _HANDSHAKE:
        if snd_una != iss or snd_nxt != seq_add(iss, 1):
            raise ImpossibleEndpoint(
                "tcb", f"{name} has sent only its SYN: expected SND.UNA = ISS and SND.NXT = ISS + 1"
            )
        return
    # close() in SYN_RCVD sends the FIN at once (RFC 9293 §3.10.4; Figure 5's SYN-RCVD → FIN-WAIT-1):
    # FIN_WAIT_1 alone may still wait for the ACK of its SYN, with SND.UNA = ISS.
    syn_unacked = state is State.FIN_WAIT_1 and snd_una == iss
    if not ((seq_gt(snd_una, iss) or syn_unacked) and seq_le(snd_una, snd_nxt)):
        raise ImpossibleEndpoint("tcb", f"{name} is synchronized: expected ISS < SND.UNA =< SND.NXT")
    if state.fin_sent and not seq_ge(snd_nxt, seq_add(iss, 2)):
        raise ImpossibleEndpoint("tcb", f"{name} has sent its FIN: expected SND.NXT >= ISS + 2")
    if state in _FIN_UNACKED and snd_una == snd_nxt:
        raise ImpossibleEndpoint("tcb", f"{name} waits for the ACK of its FIN: expected SND.UNA < SND.NXT")
    if state.fin_sent and state not in _FIN_UNACKED and snd_una != snd_nxt:
        raise ImpossibleEndpoint("tcb", f"{name} has its FIN acknowledged: expected SND.UNA = SND.NXT")
    if not seq_gt(rcv_nxt, irs):
        raise ImpossibleEndpoint("tcb", f"{name} has received the peer's SYN: expected RCV.NXT > IRS")
    if state.fin_received and not seq_ge(rcv_nxt, seq_add(irs, 2)):
        raise ImpossibleEndpoint("tcb", f"{name} has received the peer's FIN: expected RCV.NXT >= IRS + 2")


_TCB_FIELDS = Tcb._fields


def _new_tcb(values) -> Tcb:
    return tuple.__new__(Tcb, values)


def _new_endpoint(values) -> Endpoint:
    return tuple.__new__(Endpoint, values)


class Change(namedtuple("Change", "old new rule")):
    """One state change of one endpoint and the rule that decided it."""

    __slots__ = ()


class Result(namedtuple("Result", "endpoint sent rule rules changes verdict reaction params used_isn")):
    """What one endpoint did with one event.

    - endpoint: the new Endpoint; sent: the segments it sends, in order.
    - rule: the rule that decided the event (the last state change's, else the last decision's);
      rules: every rule that fired, in order; changes: tuple of Change.
    - verdict: for application calls and timers, CORRECT or ILLEGAL; None for arrivals.
    - reaction: for arrivals, what the receiver did; None otherwise.
    - params: extra facts for the explanation text (a tuple of (name, value) pairs).
    - used_isn: the offered initial sequence number was taken for a new connection.
    """

    __slots__ = ()


def _new_result(values) -> Result:
    return tuple.__new__(Result, values)


class Step:
    """Builds one Result. Local and short-lived: the only mutable thing in the core."""

    __slots__ = ("ep", "sent", "rules", "main", "changes", "verdict", "reaction", "params", "used_isn")

    def __init__(self, ep: Endpoint) -> None:
        self.ep = ep
        self.sent: list[Segment] = []
        self.rules: list[str] = []
        self.main: str | None = None
        self.changes: list[Change] = []
        self.verdict: Verdict | None = None
        self.reaction: Reaction | None = None
        self.params: tuple = ()
        self.used_isn = False

    def goto(self, rule: str) -> None:
        """The one place an endpoint's state changes: to where the transition table says `rule`
        leads (rules.RULES); records the rule that decided it."""
        old, state = self.ep.state, TARGETS[rule]
        if not state.has_tcb:
            # The connection is gone, and with it the replies it owed (an ACK, a FIN, data …): only
            # a RST still answers a segment that arrived (what CLOSED itself would send, §3.10.7.1).
            ep = self.ep
            app = ep.app & (App.LISTENING | App.DOWN | App.REUSEADDR)
            owed = tuple([seg for seg in ep.owed if RST in seg.flags]) if ep.owed else ()
            listener = ep.listener
            if listener is not None and True in listener.accept_q:  # the connection leaves the accept queue
                listener = listener._replace(accept_q=tuple(q for q in listener.accept_q if not q))
            self.ep = _new_endpoint((state, NO_TCB, False, app, 0, owed, listener, 0))
        else:
            self.ep = _new_endpoint((state,) + self.ep[1:])
        self.changes.append(Change(old, state, rule))  # positionally: goto runs for every transition
        self.rules.append(rule)
        self.main = rule

    def retract(self) -> None:
        """Take back the last state change of this step (the notes fold FIN_WAIT_1 → FIN_WAIT_2 →
        TIME_WAIT within one segment into one move, §3.4)."""
        change = self.changes.pop()
        self.rules.remove(change.rule)
        self.main = self.changes[-1].rule if self.changes else None
        self.ep = self.ep._replace(state=change.old)

    def decide(self, rule: str, reaction: Reaction | None = None) -> None:
        """Record a decision that does not change the state (and, for arrivals, the reaction)."""
        self.rules.append(rule)
        if reaction is not None:
            self.reaction = reaction

    def tcb(self, **fields: int | tuple | None) -> None:
        """Update TCB variables. Built by hand: namedtuple._replace was the engine's hottest cost."""
        ep = self.ep
        tcb = _new_tcb(map(fields.get, _TCB_FIELDS, ep.tcb))  # fields.get(name, old value)
        self.ep = _new_endpoint((ep.state, tcb, ep.passive, ep.app, ep.pending, ep.owed, ep.listener, ep.retries))

    def errno(self, errno) -> None:
        """The error the application sees because of this event (an Errno): a fact for the texts and the UI."""
        self.params = self.params + (("errno", errno),)

    def send(self, flags, seq: int, ack: int = 0, length: int = 0) -> None:
        """Queue a segment from this endpoint, advertising its receive window."""
        window = self.ep.tcb.rcv_wnd or DEFAULT_WINDOW
        self.sent.append(Segment(flags, seq, ack if ACK in flags else 0, length, window))

    def send_ack(self) -> None:
        """<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the ACK of RFC 9293, also the challenge ACK of RFC 5961."""
        tcb = self.ep.tcb
        self.send(ACK, tcb.snd_nxt, tcb.rcv_nxt)

    def send_fin(self) -> None:
        """Send our FIN after everything else: it takes one sequence number (§3.1)."""
        tcb = self.ep.tcb
        self.send(FIN | ACK, tcb.snd_nxt, tcb.rcv_nxt)
        self.tcb(snd_nxt=seq_add(tcb.snd_nxt, 1))

    def send_data(self, length: int) -> None:
        """Send `length` new bytes at SND.NXT."""
        tcb = self.ep.tcb
        self.send(PSH | ACK, tcb.snd_nxt, tcb.rcv_nxt, length)
        self.tcb(snd_nxt=seq_add(tcb.snd_nxt, length))

    def done(self, verdict: Verdict | None = None) -> Result:
        """Freeze into a Result."""
        rule = self.main if self.main is not None else (self.rules[-1] if self.rules else "none")
        # Built positionally, in Result's field order: once per event, keywords cost the engine ~5 %
        # (benchmarks/engine.py).
        return _new_result(
            (
                self.ep,  # endpoint
                tuple(self.sent),  # sent
                rule,  # rule
                tuple(self.rules),  # rules
                tuple(self.changes),  # changes
                verdict if verdict is not None else self.verdict,  # verdict
                self.reaction,  # reaction
                self.params,  # params
                self.used_isn,  # used_isn
            )
        )


def new_tcb(iss: int, irs: int | None = None, window: int = DEFAULT_WINDOW) -> Tcb:
    """A TCB for a new connection: SND.UNA = ISS, SND.NXT = ISS + 1 (the SYN), RCV.NXT = IRS + 1."""
    if irs is None:
        irs, rcv_nxt = 0, 0
    else:
        rcv_nxt = seq_add(irs, 1)
    # iss irs snd_una snd_nxt snd_wnd rcv_nxt rcv_wnd unread ooo dupacks ts_recent, positionally
    return _new_tcb((iss, irs, iss, seq_add(iss, 1), 0, rcv_nxt, window, 0, (), 0, None))


def flush(step: Step) -> None:
    """On reaching ESTABLISHED: send the data the application queued, then a queued FIN (§3.1)."""
    ep = step.ep
    left = ep.pending
    while left > 0:  # in segments one packet can carry
        step.send_data(min(left, MAX_PAYLOAD))
        left -= MAX_PAYLOAD
    if ep.pending:
        step.ep = step.ep._replace(pending=0)
    if App.CLOSE_PENDING in ep.app:
        step.ep = step.ep._replace(app=step.ep.app & ~App.CLOSE_PENDING)
        step.send_fin()
        step.goto("app.close-queued-fin")  # ESTABLISHED → FIN_WAIT_1 (§3.1)


def owe(ep: Endpoint, replies) -> Endpoint:
    """Manual replies: add what the stack would have sent to what it owes. A newer pure ACK replaces
    an older one (ACKs are cumulative); a connection that ended owes nothing of its past."""
    owed = ep.owed
    if len(replies) == 1 and ep.state.has_tcb and (not owed or (len(owed) == 1 and owed[0].flags == ACK)):
        seg = replies[0]  # the common case: one reply, where nothing or only an older ACK was owed
        if not owed or seg.flags == ACK:
            return ep if owed == replies else _new_endpoint((*ep[:5], replies, *ep[6:]))
    kept = list(owed) if ep.state.has_tcb else []
    if not ep.state.has_tcb:
        # The event ended the connection (data after close() answered with RST, §3.10.7.4): the data
        # and FIN it flushed on the way are not owed by CLOSED, which sends only RST (§3.10.7.1) —
        # nor by a listener, which sends a RST or a SYN cookie's SYN+ACK (RFC 4987 §3.6).
        replies = [seg for seg in replies if RST in seg.flags or (seg.flags == SYN_ACK and ep.listening)]
    for seg in replies:
        if seg.flags == ACK:
            kept = [o for o in kept if o.flags != ACK]
        if seg not in kept:  # the same reply owed twice is owed once (a SYN re-sent, a RST)
            kept.append(seg)
    owed = tuple(kept)
    return ep if owed == ep.owed else _new_endpoint((*ep[:5], owed, *ep[6:]))


def fin_seq(ep: Endpoint) -> int | None:
    """The sequence number our FIN occupies, once sent (it is always the last one sent)."""
    return seq_add(ep.tcb.snd_nxt, -1) if ep.state.fin_sent else None


__all__ = [
    "App",
    "Tcb",
    "NO_TCB",
    "Endpoint",
    "Change",
    "Result",
    "Step",
    "closed_endpoint",
    "endpoint_in",
    "ImpossibleEndpoint",
    "new_tcb",
    "flush",
    "fin_seq",
    "owe",
]
