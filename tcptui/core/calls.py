"""USER CALLS and TIMEOUTS: RFC 9293 §3.10.1–3.10.5 and §3.10.8, in socket words.

`on_call` is what the application asks (listen, connect, send, shutdown, close, abort, accept,
setsockopt(SO_REUSEADDR)) — or that its process dies (the kernel then closes its sockets);
`on_timer` is time passing (retransmission, 2MSL, giving up, keep-alive); `crash`, `restart` and
`reboot` are the host going away and coming back (§4.4.4). An impossible call is not an exception: it is a Result with
the ILLEGAL verdict, the endpoint unchanged, and the rule that says why ("connection does not
exist", "connection closing", …, RFC 9293's own error texts).
"""

from __future__ import annotations

from .endpoint import NO_TCB, App, Endpoint, Result, Step, new_tcb
from .listener import accept, forget
from .profile import Profile
from .segment import ACK, DEFAULT_DATA, DEFAULT_WINDOW, FIN, MAX_PAYLOAD, PSH, RST, SYN, SYN_ACK, seq_add
from .states import Call, Errno, State, Timer, Verdict

_ABORT_SENDS_RST = frozenset({State.SYN_RCVD, State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT})
_CLOSE_UNREAD = _ABORT_SENDS_RST | {State.CLOSING, State.LAST_ACK}  # where received data can wait unread
_ON_A_SOCKET = frozenset(
    {Call.SEND, Call.SHUTDOWN, Call.CLOSE, Call.ABORT, Call.READ}
)  # on the connection's own socket
_KEEPALIVE_STATES = (State.ESTABLISHED, State.CLOSE_WAIT, State.FIN_WAIT_2)  # Linux: not CLOSE/SYN_SENT/LISTEN


def on_call(ep: Endpoint, call: Call, profile: Profile, isn: int, nbytes: int = DEFAULT_DATA) -> Result:
    """The application's call on this endpoint; `isn` is offered in case a connection opens."""
    step = Step(ep)
    if ep.down:
        step.decide("host.is-down")
        return step.done(Verdict.ILLEGAL)
    if call in _ON_A_SOCKET and ep.unaccepted:
        step.decide("app.not-accepted")  # the connection waits in the accept queue: no socket to call on yet
        return step.done(Verdict.ILLEGAL)
    handler = _CALLS[call]
    ok = handler(step, profile, isn, nbytes)
    return step.done(Verdict.CORRECT if ok else Verdict.ILLEGAL)


def _listen(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """Passive OPEN (§3.10.1): CLOSED → LISTEN. Through sockets, bind() first: a port an old connection
    still holds is refused without SO_REUSEADDR (EADDRINUSE, "Address already in use")."""
    ep = step.ep
    if ep.state is State.CLOSED and App.LISTENING not in ep.app:
        step.ep = ep._replace(app=ep.app | App.LISTENING, listener=forget(ep.listener))
        step.goto("app.listen")  # → LISTEN
        return True
    if ep.state.has_tcb and App.LISTENING not in ep.app:
        if profile.bind_needs_reuseaddr and App.REUSEADDR not in ep.app:
            step.decide("app.bind-in-use")  # Linux inet_csk_bind_conflict(): the old socket holds the port
            step.errno(Errno.EADDRINUSE)
            return False
        if ep.state is State.TIME_WAIT:
            step.ep = ep._replace(app=ep.app | App.LISTENING, listener=forget(ep.listener))  # beside the 4-tuple
            step.decide("app.listen-beside-timewait")
            return True
        if profile.bind_needs_reuseaddr:  # SO_REUSEADDR on both sockets: any state but LISTEN may share the port
            step.ep = ep._replace(app=ep.app | App.LISTENING, listener=forget(ep.listener))
            step.decide("app.listen-beside")
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
        step.errno(Errno.EADDRNOTAVAIL)  # Linux __inet_check_established(): the bound 4-tuple is taken
        return False
    if ep.state.has_tcb:
        step.decide("app.connect-exists")  # "error: connection already exists"
        return False
    app = ep.app & (App.LISTENING | App.REUSEADDR)
    step.ep = Endpoint(ep.state, new_tcb(isn), False, app, 0, ep.owed, ep.listener, 0)
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
    step.errno(Errno.EPIPE)  # Linux tcp_sendmsg(): SEND_SHUTDOWN, or not connected: EPIPE (and SIGPIPE)
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


def _accept(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """accept(): take the oldest completed connection from the listener's accept queue; with none
    there, wait in accept() (a blocking socket: the next one completed is handed over at once)."""
    ep = step.ep
    if App.LISTENING not in ep.app:
        step.decide("app.accept-not-listening")  # accept() on a socket that never called listen()
        step.errno(Errno.EINVAL)
        return False
    if ep.listener is None:
        step.decide("app.accept-wait")  # a server looping on accept(): nothing is left waiting
        return True
    queues, took = accept(ep.listener)
    step.ep = ep._replace(listener=queues)
    step.decide("app.accept-wait" if took is None else "app.accept" if took else "app.accept-other")
    step.params = (("acceptq", len(queues.accept_q)), ("acceptmax", queues.accept_max))
    return True


def _reuseaddr(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """setsockopt(SO_REUSEADDR): only before bind(), i.e. before listen() or connect() (§4.1)."""
    ep = step.ep
    if ep.state is State.CLOSED and App.LISTENING not in ep.app:
        step.ep = ep._replace(app=ep.app | App.REUSEADDR)
        step.decide("app.reuseaddr")
        return True
    step.decide("app.reuseaddr-bound")  # the socket holding the port is bound already: too late for it
    return False


def _crash(step: Step, profile: Profile, isn: int, nbytes: int) -> bool:
    """The process dies (kill -9, a crash, exit()): its kernel closes every socket it held, as close()
    would — the host still runs and still answers (RFC 9293 §3.10.4; Linux tcp_close()). Its listener
    closes too: connections it never accepted are reset, its 半连接 forgotten (inet_csk_listen_stop()).
    A connection with received data still unread is reset instead of closed, exactly as close() would
    do it (tcp_close()'s data_was_unread, RFC 1122 §4.2.2.13): a crashed server that had not read
    its request sends RST, not FIN."""
    ep = step.ep
    state, listening = ep.state, App.LISTENING in ep.app
    unaccepted = ep.unaccepted
    step.ep = ep = ep._replace(app=ep.app & ~App.LISTENING, listener=forget(ep.listener))
    if state is State.LISTEN or (state is State.CLOSED and listening):
        step.goto("app.crash-listener")  # → CLOSED: the listening socket is closed, nothing is sent
    elif unaccepted:
        tcb = ep.tcb
        if profile.abort_with_ack:
            step.send(RST | ACK, tcb.snd_nxt, tcb.rcv_nxt)  # tcp_disconnect() → tcp_send_active_reset()
        else:
            step.send(RST, tcb.snd_nxt)
        step.goto("app.crash-unaccepted")  # → CLOSED: the application never had it
    elif ep.tcb.unread and state in _CLOSE_UNREAD:
        tcb = ep.tcb
        if profile.abort_with_ack:
            step.send(RST | ACK, tcb.snd_nxt, tcb.rcv_nxt)
        else:
            step.send(RST, tcb.snd_nxt)  # <SEQ=SND.NXT><CTL=RST>, as close() with data unread
        step.params = (("unread", tcb.unread),)
        step.goto("app.crash-unread")  # → CLOSED: the peer learns that data was lost
    elif state is State.SYN_RCVD and ep.passive and listening:
        step.goto("app.crash-synrcvd")  # → CLOSED: a 半连接 dies with its listener; its ACK will meet RST
    elif state in (State.ESTABLISHED, State.SYN_RCVD, State.CLOSE_WAIT) and not ep.pending:
        step.send_fin()  # the kernel's close(): FIN after anything still unsent (§3.1)
        step.goto("app.crash-fin-passive" if state is State.CLOSE_WAIT else "app.crash-fin")
        step.ep = step.ep._replace(app=step.ep.app | App.READ_CLOSED)
    elif state is State.SYN_SENT:
        step.goto("app.crash-synsent")  # → CLOSED: connect() in progress, nothing agreed yet
    elif state.has_tcb:
        # Already closing (or data queued before the FIN): the kernel keeps the orphaned connection.
        app = step.ep.app | App.READ_CLOSED | (App.CLOSE_PENDING if ep.pending else App.NONE)
        step.ep = step.ep._replace(app=app)
        step.decide("app.crash-orphan")
    else:
        step.decide("app.crash-nothing")  # a process with no socket here: nothing to close
    return True


_CALLS = {
    Call.LISTEN: _listen,
    Call.CONNECT: _connect,
    Call.SEND: _send,
    Call.SHUTDOWN: _shutdown,
    Call.CLOSE: _close,
    Call.ABORT: _abort,
    Call.READ: _read,
    Call.ACCEPT: _accept,
    Call.CRASH: _crash,
    Call.REUSEADDR: _reuseaddr,
}


def on_timer(ep: Endpoint, timer: Timer, profile: Profile) -> Result:
    """A timer of this endpoint fires (RFC 9293 §3.10.8). A timer that is not running is ILLEGAL."""
    step = Step(ep)
    if ep.down:
        step.decide("host.is-down")
        return step.done(Verdict.ILLEGAL)
    ok = _TIMERS[timer](step, ep, profile)
    return step.done(Verdict.CORRECT if ok else Verdict.ILLEGAL)


def _retry_limit(ep: Endpoint, profile: Profile) -> int | None:
    """How many times the handshake segment this state waits on is retransmitted before giving up
    (Linux tcp_syn_retries / tcp_synack_retries); None: no count, the player gives up."""
    if ep.state is State.SYN_SENT:
        return profile.syn_retries
    if ep.state is State.SYN_RCVD:
        return profile.synack_retries
    return None


def _rto(step: Step, ep: Endpoint, profile: Profile) -> bool:
    """Retransmission timeout: send again the oldest unacknowledged segment. The timeout doubles each
    time (RFC 6298 §5.5, from 1 s); a handshake's retries are counted, and the timer that fires after
    the last one gives up (Linux: connect() fails after 1 + 2 + … + 64 = 127 s)."""
    state, tcb = ep.state, ep.tcb
    limit = _retry_limit(ep, profile)
    if limit is not None and ep.retries >= limit:
        return _give_up(step, ep, profile)
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
    elif state is State.ESTABLISHED and not ep.passive and tcb.snd_nxt == seq_add(tcb.iss, 1):
        step.decide("timer.rto-handshake-ack")  # the third ACK is never retransmitted: ACKs are not acknowledged
        return False
    else:
        step.decide("timer.rto-idle")  # nothing is waiting for an acknowledgment
        return False
    attempt = ep.retries + 1
    step.ep = step.ep._replace(retries=attempt)
    step.params = (("attempt", attempt), ("limit", limit or "…"), ("at", (1 << attempt) - 1))  # sent at 1, 3, 7 … s
    return True


def _two_msl(step: Step, ep: Endpoint, profile: Profile) -> bool:
    """The TIME_WAIT timer: 2MSL without news, the 4-tuple is free (§3.4)."""
    if ep.state is not State.TIME_WAIT:
        step.decide("timer.2msl-idle")
        return False
    step.goto("timewait.2msl-expired")  # → CLOSED
    return True


def _give_up(step: Step, ep: Endpoint, profile: Profile) -> bool:
    """Retries exhausted (RFC 9293 §3.8.3 R2), keep-alive probes unanswered, an orphaned FIN_WAIT_2
    timing out (Linux), or the SYN queue's 半连接 expiring."""
    state = ep.state
    queues = ep.listener
    if queues is not None and queues.half_open:
        # The flood's entries were never answered either: their SYN+ACK retries ran out too (~63 s on Linux).
        step.ep = step.ep._replace(listener=queues._replace(half_open=0))
        step.decide("timer.synq-expired")
        step.params = (("count", queues.half_open),)
        if state is not State.SYN_RCVD:
            return True  # our own connection, if any, keeps its own timers
    limit = _retry_limit(ep, profile)
    if state is State.SYN_SENT:
        step.goto("timer.give-up-synsent")  # → CLOSED: connect() fails with ETIMEDOUT
        step.errno(Errno.ETIMEDOUT)
        step.params += (("retries", limit or "…"), ("after", (2 << limit) - 1 if limit else "…"))
    elif state is State.SYN_RCVD:
        # The half-open connection is dropped: → LISTEN, the listener stays (§4.4.2); an active open → CLOSED.
        step.goto("timer.give-up-synrcvd" if ep.passive else "timer.give-up-synrcvd-active")
        step.params += (("retries", limit or "…"), ("after", (2 << limit) - 1 if limit else "…"))
    elif state is State.FIN_WAIT_2 and App.READ_CLOSED in ep.app:
        step.goto("timer.fin-wait-2-timeout")  # → CLOSED: Linux tcp_fin_timeout, after close()
    elif state is State.FIN_WAIT_2 and not ep.unacked and not ep.retries:
        step.decide("timer.fin-wait-2-forever")  # after shutdown() the socket is not an orphan: no timer
        return False
    elif state.synchronized and state is not State.TIME_WAIT and ep.unacked:
        step.goto("timer.give-up")  # → CLOSED: no ACK after every retry, the connection is gone
        step.errno(Errno.ETIMEDOUT)
    elif state in _KEEPALIVE_STATES and ep.retries:
        _keepalive_dead(step, ep, profile)  # the probes left went unanswered too
    else:
        step.decide("timer.give-up-idle")
        return False
    return True


def _keepalive(step: Step, ep: Endpoint, profile: Profile) -> bool:
    """SO_KEEPALIVE on an idle connection (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6): after tcp_keepalive_time
    of silence, a probe <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> that a live peer must answer with an ACK;
    after tcp_keepalive_probes unanswered, the connection is dropped (Linux tcp_keepalive_timer())."""
    state = ep.state
    if state in (State.FIN_WAIT_1, State.CLOSING, State.LAST_ACK) or (state in _KEEPALIVE_STATES and ep.unacked):
        step.decide("timer.keepalive-busy")  # segments wait for their ACK: the retransmission timer runs
        return False
    if state not in _KEEPALIVE_STATES or App.READ_CLOSED in ep.app:
        step.decide("timer.keepalive-none")  # no idle connection the application keeps: nothing to probe
        return False
    idle, interval, probes = profile.keepalive
    if ep.retries >= probes:
        _keepalive_dead(step, ep, profile)
        return True
    tcb = ep.tcb
    step.send(ACK, seq_add(tcb.snd_nxt, -1), tcb.rcv_nxt)  # one below what the peer expects: it must ACK
    step.ep = step.ep._replace(retries=ep.retries + 1)
    step.decide("timer.keepalive")
    step.params = (("probe", ep.retries + 1), ("probes", probes), ("idle", idle), ("interval", interval))
    return True


def _keepalive_dead(step: Step, ep: Endpoint, profile: Profile) -> None:
    """The probes went unanswered: the connection is dropped with a RST, in case the peer lives after
    all (Linux tcp_send_active_reset(), then tcp_write_err(): ETIMEDOUT)."""
    tcb = ep.tcb
    if profile.abort_with_ack:
        step.send(RST | ACK, tcb.snd_nxt, tcb.rcv_nxt)
    else:
        step.send(RST, tcb.snd_nxt)
    step.goto("timer.keepalive-dead")  # → CLOSED
    step.errno(Errno.ETIMEDOUT)
    idle, interval, probes = profile.keepalive
    step.params += (("probes", probes), ("after", idle + probes * interval))


_TIMERS = {Timer.RTO: _rto, Timer.TWO_MSL: _two_msl, Timer.GIVE_UP: _give_up, Timer.KEEPALIVE: _keepalive}


_SURVIVES = App.LISTENING | App.REUSEADDR  # what the host's programs set up again when it comes back


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
    app = (ep.app & _SURVIVES) | App.DOWN  # a listener comes back with the host; until then nothing answers
    step.ep = Endpoint(State.CLOSED, NO_TCB, False, app, 0, (), forget(ep.listener), 0)
    return step.done(Verdict.CORRECT)


def restart(ep: Endpoint) -> Result:
    """The host comes back with no connections; a server's listener opens again."""
    step = Step(ep)
    if not ep.down:
        step.decide("host.not-down")
        return step.done(Verdict.ILLEGAL)
    app = ep.app & _SURVIVES
    step.ep = Endpoint(State.CLOSED, NO_TCB, False, app, 0, (), forget(ep.listener), 0)
    if App.LISTENING in ep.app:
        step.goto("host.restart")  # → LISTEN
    else:
        step.decide("host.restart")
    return step.done(Verdict.CORRECT)


def reboot(ep: Endpoint) -> Result:
    """The host reboots — a crash and a restart in one move (the table's two rows): every connection is
    forgotten, nothing is sent, and from now on the host answers again: a segment of an old connection
    gets RST (§4.4.4)."""
    step = Step(ep)  # (a host that crashed earlier simply comes back)
    if ep.state is not State.CLOSED:
        step.goto("host.crash")  # → CLOSED
    step.ep = Endpoint(State.CLOSED, NO_TCB, False, ep.app & _SURVIVES, 0, (), forget(ep.listener), 0)
    if App.LISTENING in ep.app:
        step.goto("host.restart")  # → LISTEN: the server's program listens again
    step.decide("host.reboot")
    step.main = "host.reboot"
    return step.done(Verdict.CORRECT)


__all__ = ["on_call", "on_timer", "crash", "restart", "reboot"]
