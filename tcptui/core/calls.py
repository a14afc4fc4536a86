"""USER CALLS and TIMEOUTS: RFC 9293 §3.10.1–3.10.5 and §3.10.8, in socket words.

`on_call` is what the application asks (listen, connect, send, shutdown, close, abort);
`on_timer` is time passing (retransmission, 2MSL, giving up); `crash` and `restart` are the host
going away and coming back (§4.4.4). An impossible call is not an exception: it is a Result with
the ILLEGAL verdict, the endpoint unchanged, and the rule that says why ("connection does not
exist", "connection closing", …, RFC 9293's own error texts).
"""

from __future__ import annotations

from .endpoint import NO_TCB, App, Endpoint, Result, Step, new_tcb
from .profile import Profile
from .segment import ACK, DEFAULT_DATA, DEFAULT_WINDOW, FIN, MAX_PAYLOAD, PSH, RST, SYN, SYN_ACK, seq_add
from .states import Call, State, Timer, Verdict

_ABORT_SENDS_RST = frozenset({State.SYN_RCVD, State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT})
_CLOSE_UNREAD = _ABORT_SENDS_RST | {State.CLOSING, State.LAST_ACK}  # where received data can wait unread


def on_call(ep: Endpoint, call: Call, profile: Profile, isn: int, nbytes: int = DEFAULT_DATA) -> Result:
    """The application's call on this endpoint; `isn` is offered in case a connection opens."""
    step = Step(ep)
    if ep.down:
        step.decide("host.is-down")
        return step.done(Verdict.ILLEGAL)
    handler = _CALLS[call]
    ok = handler(step, profile, isn, nbytes)
    return step.done(Verdict.CORRECT if ok else Verdict.ILLEGAL)


def _listen(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """Passive OPEN (§3.10.1): CLOSED → LISTEN."""
    ep = step.ep
    if ep.state is State.CLOSED:
        step.ep = ep._replace(app=ep.app | App.LISTENING)
        step.goto("app.listen")  # → LISTEN
        return True
    if ep.state is State.TIME_WAIT and App.LISTENING not in ep.app:
        step.ep = ep._replace(app=ep.app | App.LISTENING)  # a listener beside the waiting 4-tuple
        step.decide("app.listen-beside-timewait")
        return True
    step.decide("app.listen-exists")  # "error: connection already exists"
    return False


TW_REUSE_GAP = 65535 + 2  # tcp_twsk_unique(): the new ISN is the old SND.NXT plus this


def _connect(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """Active OPEN (§3.10.1): send <SEQ=ISS><CTL=SYN>, enter SYN_SENT (§2)."""
    ep = step.ep
    if ep.state is State.TIME_WAIT:
        if profile.tw_reuse == 1:
            # Linux with tcp_tw_reuse = 1 (2: on loopback only, which the game's hosts are not):
            # tcp_twsk_unique() lets connect() take a 4-tuple whose TIME_WAIT is older than 1 s when
            # both ends use timestamps, with an ISN above anything the old connection sent
            # (SND.NXT + 65537), so that no old segment can be taken for the new connection's.
            iss = seq_add(ep.tcb.snd_nxt, TW_REUSE_GAP)
            step.ep = Endpoint(
                state=ep.state, tcb=new_tcb(iss), passive=False, app=ep.app & App.LISTENING, pending=0, owed=()
            )
            step.used_isn = True
            step.send(SYN, iss)
            step.goto("app.connect-tw-reuse")  # → SYN_SENT
            return True
        step.decide("app.connect-timewait")  # the 4-tuple is held for 2MSL (§4.1)
        return False
    if ep.state.has_tcb:
        step.decide("app.connect-exists")  # "error: connection already exists"
        return False
    step.ep = Endpoint(
        state=ep.state, tcb=new_tcb(isn), passive=False, app=ep.app & App.LISTENING, pending=0, owed=ep.owed
    )
    step.used_isn = True
    step.send(SYN, isn)
    step.goto("app.connect" if ep.state is State.CLOSED else "app.connect-from-listen")  # → SYN_SENT
    return True


def _send(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """SEND (§3.10.2): data goes out at once when synchronized, waits in SYN_SENT/SYN_RCVD."""
    state = step.ep.state
    if not 0 < nbytes <= MAX_PAYLOAD:
        # One send() is one segment here: 1 to 65,535 bytes. A count outside would move SND.NXT
        # backwards or past what a packet holds, so it is refused and the TCB stays as it is.
        step.params = (("nbytes", nbytes), ("most", MAX_PAYLOAD))
        step.decide("app.send-size")
        return False
    if state in (State.ESTABLISHED, State.CLOSE_WAIT):
        step.send_data(nbytes)
        step.decide("app.send" if state is State.ESTABLISHED else "app.send-close-wait")  # §3.2
        return True
    if state in (State.SYN_SENT, State.SYN_RCVD):
        step.ep = step.ep._replace(pending=step.ep.pending + nbytes)
        step.decide("app.send-queued")  # "queue the data for transmission after entering ESTABLISHED"
        return True
    if state.fin_sent or App.CLOSE_PENDING in step.ep.app:
        step.decide("app.send-closing")  # "error: connection closing" (§3.1: FIN means no more data)
    else:
        step.decide("app.send-no-connection")  # "error: connection does not exist"
    return False


def _shutdown(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """shutdown(SHUT_WR): RFC 9293's CLOSE — send FIN, keep receiving (§3.1, §3.2): a half-close."""
    return _fin(step, "app.shutdown")


def _fin(step: Step, rule: str) -> bool:
    """Send our FIN (or queue it behind data the handshake holds back); `rule` names the call that
    asked for it, close() or shutdown(), when it leads to FIN_WAIT_1."""
    ep = step.ep
    state = ep.state
    if state in (State.ESTABLISHED, State.CLOSE_WAIT, State.SYN_RCVD):
        if ep.pending:  # only SYN_RCVD can still hold data back (§3.10.4)
            step.ep = ep._replace(app=ep.app | App.CLOSE_PENDING)  # the FIN waits behind the data
            step.decide("app.close-queued")
            return True
        step.send_fin()
        step.goto("app.close-passive" if state is State.CLOSE_WAIT else rule)  # §3.3 / §3.1
        return True
    if state is State.SYN_SENT:
        step.goto("app.close-synsent")  # → CLOSED: "delete the TCB": nothing was agreed yet
        return True
    return _close_error(step)


def _close(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """close(): shutdown, and the application will read no more (RFC 1122 §4.2.2.13)."""
    ep = step.ep
    state = ep.state
    if ep.tcb.unread and state in _CLOSE_UNREAD:
        # Received data the application never read is lost: RFC 9293 §3.6.1 and RFC 1122
        # §4.2.2.13 ("SHOULD send a RST to show that data was lost"), RFC 2525 §2.17; Linux's
        # __tcp_close() counts data_was_unread, goes to CLOSE and sends tcp_send_active_reset().
        tcb = ep.tcb
        if profile.abort_with_ack:
            step.send(RST | ACK, tcb.snd_nxt, tcb.rcv_nxt)
        else:
            step.send(RST, tcb.snd_nxt)  # <SEQ=SND.NXT><CTL=RST>
        step.params = (("unread", tcb.unread),)
        step.goto("app.close-unread")  # → CLOSED
        return True
    if ep.listening:
        step.ep = ep._replace(app=ep.app & ~App.LISTENING)
        step.goto("app.close-listen")  # → CLOSED: the listener goes; nothing is sent
        return True
    if state.fin_sent and App.READ_CLOSED not in ep.app:
        step.ep = ep._replace(app=ep.app | App.READ_CLOSED)  # after shutdown(): now reading stops too
        step.decide("app.close-after-shutdown")
        return True
    if not _fin(step, "app.close"):
        return False
    if step.ep.state.has_tcb:
        step.ep = step.ep._replace(app=step.ep.app | App.READ_CLOSED)
    return True


def _close_error(step: Step) -> bool:
    """The errors RFC 9293 gives for CLOSE where there is nothing to close."""
    ep = step.ep
    if ep.state.fin_sent or App.CLOSE_PENDING in ep.app:
        step.decide("app.close-closing")  # "error: connection closing"
    elif ep.state is State.LISTEN:
        step.decide("app.shutdown-listen")  # a listener has no sending side to shut
    else:
        step.decide("app.close-no-connection")  # "error: connection does not exist"
    return False


def _abort(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """ABORT (§3.10.5), close() with SO_LINGER {on, 0}: RST where a peer is synchronized (§4.4.3)."""
    ep = step.ep
    state = ep.state
    if state in _ABORT_SENDS_RST:
        tcb = ep.tcb
        if profile.abort_with_ack:
            step.send(RST | ACK, tcb.snd_nxt, tcb.rcv_nxt)  # Linux: tcp_send_active_reset()
        else:
            step.send(RST, tcb.snd_nxt)  # <SEQ=SND.NXT><CTL=RST>
        step.goto("app.abort")  # → CLOSED
        return True
    if ep.listening:
        step.ep = ep._replace(app=ep.app & ~App.LISTENING)
        step.goto("app.close-listen")  # → CLOSED
        return True
    if state is State.CLOSED:
        step.decide("app.close-no-connection")
        return False
    step.goto("app.abort-silent")  # → CLOSED: SYN_SENT, CLOSING, LAST_ACK, TIME_WAIT: just forget
    return True


def _read(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """read() (RFC 9293 §3.10.3 RECEIVE): the application takes what waits in the receive buffer.
    The window it frees is announced at once when it had closed (a window update, §3.8.6.2.2)."""
    ep = step.ep
    if not ep.state.has_tcb:
        step.decide("app.read-no-connection")  # "error: connection does not exist"
        return False
    tcb = ep.tcb
    step.params = (("unread", tcb.unread),)
    step.ep = ep._replace(tcb=tcb._replace(unread=0))
    if tcb.rcv_wnd == 0 and ep.state.synchronized:
        step.tcb(rcv_wnd=DEFAULT_WINDOW)
        step.send_ack()
    step.decide("app.read")
    return True


_CALLS = {
    Call.LISTEN: _listen,
    Call.CONNECT: _connect,
    Call.SEND: _send,
    Call.SHUTDOWN: _shutdown,
    Call.CLOSE: _close,
    Call.ABORT: _abort,
    Call.READ: _read,
}


def on_timer(ep: Endpoint, timer: Timer, profile: Profile) -> Result:
    """A timer of this endpoint fires (RFC 9293 §3.10.8). A timer that is not running is ILLEGAL."""
    step = Step(ep)
    if ep.down:
        step.decide("host.is-down")
        return step.done(Verdict.ILLEGAL)
    ok = _TIMERS[timer](step, ep)
    return step.done(Verdict.CORRECT if ok else Verdict.ILLEGAL)


def _rto(step: Step, ep: Endpoint) -> bool:
    """Retransmission timeout: send again the oldest unacknowledged segment."""
    state, tcb = ep.state, ep.tcb
    if state is State.SYN_SENT:
        step.send(SYN, tcb.iss)
        step.decide("timer.rto-syn")  # the SYN or its answer was lost (§2)
    elif state is State.SYN_RCVD:
        step.send(SYN_ACK, tcb.iss, tcb.rcv_nxt)
        step.decide("timer.rto-synack")
    elif state.synchronized and ep.unacked:
        fin_unacked = state.fin_sent  # with anything unacknowledged, the FIN (last sent) is among it
        length = ep.unacked - (1 if fin_unacked else 0)
        if length > MAX_PAYLOAD:  # the oldest segment's worth; the FIN follows the rest later
            length, fin_unacked = MAX_PAYLOAD, False
        flags = ACK
        if length:
            flags |= PSH
        if fin_unacked:
            flags |= FIN
        step.send(flags, tcb.snd_una, tcb.rcv_nxt, length)
        if not fin_unacked:
            step.decide("timer.rto-data")
        elif state is State.LAST_ACK:  # the last ACK was lost: the peer's TIME_WAIT must ACK it again (§4.1 b)
            step.decide("timer.rto-fin-last-ack")
        else:
            step.decide("timer.rto-fin")  # FIN_WAIT_1, CLOSING
    else:
        step.decide("timer.rto-idle")  # nothing is waiting for an acknowledgment
        return False
    return True


def _two_msl(step: Step, ep: Endpoint) -> bool:
    """The TIME_WAIT timer: 2MSL without news, the 4-tuple is free (§3.4)."""
    if ep.state is not State.TIME_WAIT:
        step.decide("timer.2msl-idle")
        return False
    step.goto("timewait.2msl-expired")  # → CLOSED
    return True


def _give_up(step: Step, ep: Endpoint) -> bool:
    """Retries exhausted (RFC 9293 §3.8.3 R2), or an orphaned FIN_WAIT_2 timing out (Linux)."""
    state = ep.state
    if state is State.SYN_SENT:
        step.goto("timer.give-up-synsent")  # → CLOSED: connect() fails with ETIMEDOUT
    elif state is State.SYN_RCVD:
        # The half-open connection is dropped: → LISTEN, the listener stays (§4.4.2); an active open → CLOSED.
        step.goto("timer.give-up-synrcvd" if ep.passive else "timer.give-up-synrcvd-active")
    elif state is State.FIN_WAIT_2 and App.READ_CLOSED in ep.app:
        step.goto("timer.fin-wait-2-timeout")  # → CLOSED: Linux tcp_fin_timeout, after close()
    elif state.synchronized and state is not State.TIME_WAIT and ep.unacked:
        step.goto("timer.give-up")  # → CLOSED: no ACK after every retry, the connection is gone
    else:
        step.decide("timer.give-up-idle")
        return False
    return True


_TIMERS = {Timer.RTO: _rto, Timer.TWO_MSL: _two_msl, Timer.GIVE_UP: _give_up}


def crash(ep: Endpoint) -> Result:
    """The host crashes: every connection is forgotten and nothing is sent (§4.4.4)."""
    step = Step(ep)
    if ep.down:
        step.decide("host.is-down")
        return step.done(Verdict.ILLEGAL)
    if ep.state is State.CLOSED:
        step.decide("host.crash")
    else:
        step.goto("host.crash")  # → CLOSED
    app = (ep.app & App.LISTENING) | App.DOWN  # a listener comes back with the host; until then nothing answers
    step.ep = Endpoint(state=State.CLOSED, tcb=NO_TCB, passive=False, app=app, pending=0, owed=())
    return step.done(Verdict.CORRECT)


def restart(ep: Endpoint) -> Result:
    """The host comes back with no connections; a server's listener opens again."""
    step = Step(ep)
    if not ep.down:
        step.decide("host.not-down")
        return step.done(Verdict.ILLEGAL)
    app = ep.app & App.LISTENING
    step.ep = Endpoint(state=State.CLOSED, tcb=NO_TCB, passive=False, app=app, pending=0, owed=())
    if App.LISTENING in ep.app:
        step.goto("host.restart")  # → LISTEN
    else:
        step.decide("host.restart")
    return step.done(Verdict.CORRECT)


__all__ = ["on_call", "on_timer", "crash", "restart"]
