"""SEGMENT ARRIVES: RFC 9293 §3.10.7, in its order, with RFC 5961's challenge ACKs.

For CLOSED, LISTEN and SYN_SENT the RFC has one paragraph each (§3.10.7.1–3). Every other state
runs the same checks in the same order (§3.10.7.4): first the sequence number, then RST, SYN,
ACK, the segment text, and FIN. TIME_WAIT gets its own function because SYNs and RSTs meet it
with choices of their own (§4.2 of the notes, RFC 6191, RFC 1337) — as Linux does in
tcp_timewait_state_process(). Comments name the RFC section and, where it explains the rule,
the notes' § (see ../shared/seed/SECTIONS.md).
"""

from __future__ import annotations

from collections import namedtuple

from .endpoint import App, Endpoint, Result, Step, Tcb, flush, new_tcb
from .listener import default_listener, enqueue, is_cookie_ack, syn_cookie
from .profile import Profile, TimewaitSyn
from .segment import (
    ACK,
    DEFAULT_WINDOW,
    FIN,
    RST,
    SYN,
    SYN_ACK,
    Segment,
    in_window,
    seq_add,
    seq_diff,
    seq_gt,
    seq_le,
    seq_lt,
    seq_sub,
)
from .segment import DATA as _DATA
from .states import Errno, Reaction, State


class Arrival(namedtuple("Arrival", "profile isn fastopen ts", defaults=(False, None))):
    """What an arrival may need besides the endpoint: the rule profile, an ISN to offer should
    the segment open a new connection (ISNs are injected, never drawn from a clock), whether
    a listener takes data on a SYN at once (TCP Fast Open with a valid cookie, RFC 7413 §4.2.2 —
    a fact of the peer's cookie, known to a capture by the SYN+ACK that acknowledges the data),
    and the segment's timestamps option (TSval, TSecr) when it carried one (RFC 7323 §3: a
    capture's segments may; the game's never do, and then PAWS never applies)."""

    __slots__ = ()


def on_segment(ep: Endpoint, seg: Segment, ctx: Arrival) -> Result:
    """Process one arriving segment; return the new endpoint, its replies and the deciding rule."""
    if ep.state is _ESTABLISHED:
        predicted = _predicted(ep, seg, ctx.ts)
        if predicted is not None:
            return predicted
    return general(ep, seg, ctx)


def general(ep: Endpoint, seg: Segment, ctx: Arrival) -> Result:
    """`on_segment` without its shortcut: RFC 9293 §3.10.7 step by step."""
    step, state = Step(ep), ep.state
    if state is State.CLOSED:
        if ep.app is App.NONE:
            _closed(step, seg)  # the common case first: no listener, host up
        elif App.DOWN in ep.app:
            step.decide("host.down", Reaction.DROPPED)  # a crashed host hears nothing (§4.4.4)
        elif App.LISTENING in ep.app:
            _listen(step, seg, ctx)  # no connection, but the listening socket takes it
        else:
            _closed(step, seg)
    elif state is State.LISTEN:
        _listen(step, seg, ctx)
    elif state is State.SYN_SENT:
        _syn_sent(step, seg, ctx)
    elif state is State.TIME_WAIT:
        _time_wait(step, seg, ctx)
    else:
        _synchronized(step, seg, ctx)
    if step.ep.retries and step.reaction is Reaction.ACCEPTED:
        step.ep = step.ep._replace(retries=0)  # the peer answered: retransmissions and probes start over
    return step.done()


def flood(ep: Endpoint, count: int, profile: Profile) -> Result:
    """`count` SYNs from forged addresses reach this host (a SYN flood, RFC 4987 §2), summarised: each
    one the listener takes is a 半连接 counted in its SYN queue, answered with a SYN+ACK to a forged
    address that will never answer; once the queue is full the rest are dropped, or answered with SYN
    cookies that keep nothing (tcp_conn_request()). None of these segments travels on this game's wire."""
    step = Step(ep)
    if ep.down:
        step.decide("host.down", Reaction.DROPPED)
        return step.done()
    if App.LISTENING not in ep.app:
        step.decide("flood.no-listener", Reaction.REFUSED)  # each SYN answered with RST+ACK, nothing kept
        step.params = (("count", count),)
        return step.done()
    queues = ep.listener or default_listener(profile)
    ours = 1 if ep.state is State.SYN_RCVD and ep.passive else 0
    queued = cookies = 0
    if queues.accept_full:
        rule = "flood.acceptq-full"  # no SYN is taken while the accept queue is full, cookie or not
    else:
        queued = max(0, min(count, queues.syn_max - queues.half_open - ours))
        cookies = count - queued if profile.syncookies else 0
        queues = queues._replace(half_open=queues.half_open + queued, overflowed=queues.overflowed or cookies > 0)
        rule = "flood.cookies" if cookies else "flood.queued" if queued == count else "flood.dropped"
    step.ep = ep._replace(listener=queues)
    step.decide(rule, Reaction.ACCEPTED if queued or cookies else Reaction.DROPPED)
    step.params = (
        ("count", count),
        ("queued", queued),
        ("cookies", cookies),
        ("dropped", count - queued - cookies),
        ("synq", queues.half_open + ours),
        ("synmax", queues.syn_max),
    )
    return step.done()


_ESTABLISHED = State.ESTABLISHED
_new = tuple.__new__


def _predicted(ep: Endpoint, seg: Segment, ts=None) -> Result | None:
    """Header prediction (Van Jacobson's, as Linux's tcp_rcv_established() has it): in
    ESTABLISHED, the next segment in order, with only ACK (and PSH) set, an acceptable ACK and
    no older timestamp, is processed without the general checks of §3.10.7.4 — exactly as they
    would process it (tests/core/test_arrive.py compares the two on random segments). None:
    take the general path."""
    flags = seg.flags
    if flags is not ACK and flags is not _DATA:
        return None
    tcb = ep.tcb
    recent = tcb.ts_recent
    if ts is not None:
        if recent is not None and (ts[0] - recent) % _MOD >= _HALF:
            return None  # older than TS.Recent: PAWS decides (tcp_rcv_established() takes the slow path)
        recent = ts[0]  # in order, so SEG.SEQ =< Last.ACK.sent: TS.Recent takes it (RFC 7323 §4.3)
    ack, una, nxt = seg.ack, tcb.snd_una, tcb.snd_nxt
    length = seg.length
    if (
        seg.seq != tcb.rcv_nxt
        or tcb.ooo
        or not tcb.rcv_wnd
        or (ack - una) % _MOD > (nxt - una) % _MOD  # SND.UNA =< SEG.ACK =< SND.NXT
        or (length and ep.app is not App.NONE and App.READ_CLOSED in ep.app)
    ):
        return None
    window, dupacks, wnd = seg.window, tcb.dupacks, tcb.snd_wnd
    if ack != una:
        rule, una, wnd, dupacks = "ack.accept", ack, window, 0
    elif window != wnd:
        rule, wnd = "ack.window-update", window
    else:
        rule = "ack.duplicate"
        if not length and una != nxt:
            dupacks += 1
    rcv_nxt, unread = tcb.rcv_nxt, tcb.unread
    rules: tuple[str, ...]
    sent: tuple[Segment, ...]
    if length:
        rcv_nxt = (rcv_nxt + length) % _MOD
        if ep.app is not App.NONE and App.HOLDING in ep.app:
            unread += length
        rules = (rule, "data.accept")
        sent = (_new(Segment, (ACK, nxt, rcv_nxt, 0, tcb.rcv_wnd)),)
        rule = "data.accept"
    else:
        rules, sent = (rule,), ()
    tcb = _new(Tcb, (tcb.iss, tcb.irs, una, nxt, wnd, rcv_nxt, tcb.rcv_wnd, unread, tcb.ooo, dupacks, recent))
    # the peer answered: retransmissions and probes start over (retries 0), as on the general path
    after = _new(Endpoint, (_ESTABLISHED, tcb, ep.passive, ep.app, ep.pending, ep.owed, ep.listener, 0))
    return _new(Result, (after, sent, rule, rules, (), None, Reaction.ACCEPTED, (), False))


_MOD, _HALF = 1 << 32, 1 << 31
predicted = _predicted  # the shortcut alone, for a caller that tries it before building an Arrival (capture/feed.py)


def paws_rejects(tcb: Tcb, seg: Segment, ts, profile: Profile) -> bool:
    """RFC 7323 §5.3 R1 (PAWS): a segment whose timestamp is older than TS.Recent is an old
    duplicate — not acceptable, whatever its sequence number. A RST is exempt (§5.2: its
    cleanup takes precedence). Linux (tcp_paws_discard()) lets one tick pass (TCP_PAWS_WINDOW)
    and a duplicate ACK that merely overtook a later one (tcp_disordered_ack(): no data, SEQ =
    RCV.NXT, ACK = SND.UNA, no window update; its RTO bound is not modelled)."""
    recent = tcb.ts_recent
    if ts is None or recent is None or RST in seg.flags:
        return False
    behind = (recent - ts[0]) % _MOD
    if not 0 < behind < _HALF:
        return False
    if profile.paws_linux:
        if behind <= 1:
            return False
        if (
            ACK in seg.flags
            and not seg.length
            and not seg.flags & (SYN | FIN)
            and seg.seq == tcb.rcv_nxt
            and seg.ack == tcb.snd_una
            and 0 < seg.window <= tcb.snd_wnd
        ):
            return False
    return True


def _paws(step: Step, seg: Segment, ctx: Arrival) -> bool:
    """PAWS first (RFC 7323 §5.3 R1, before the sequence number check; Linux's
    tcp_validate_incoming() "H1. Apply PAWS check first"): drop an old duplicate, and ACK it as
    §3.10.7.4 answers an unacceptable segment (tcp_send_dupack()). True when it was dropped."""
    if ctx.ts is None or not paws_rejects(step.ep.tcb, seg, ctx.ts, ctx.profile):
        return False
    step.send_ack()
    step.decide("seq.paws", Reaction.DROPPED)
    return True


def _take_ts(step: Step, seg: Segment, ts) -> None:
    """RFC 7323 §4.3 (2), §5.3 R3: an acceptable segment with SEG.TSval >= TS.Recent and SEG.SEQ
    =< Last.ACK.sent (RCV.NXT: every segment is ACKed at once here) sets TS.Recent."""
    if ts is None:
        return
    tcb = step.ep.tcb
    recent, tsval = tcb.ts_recent, ts[0]
    if tsval != recent and seq_le(seg.seq, tcb.rcv_nxt) and (recent is None or (tsval - recent) % _MOD < _HALF):
        step.tcb(ts_recent=tsval)


def unanswered(ep: Endpoint) -> Result:
    """A SYN its receiver never answered while the capture went on: a firewall dropped it, or no
    host is there (a host with no listener would have answered RST, §4.4.1). Nothing changes,
    nothing is sent (RFC 9293 §3.8.1: its sender retransmits, then gives up, §3.8.3)."""
    step = Step(ep)
    step.decide("net.no-answer", Reaction.DROPPED)
    return step.done()


def reset_for(seg: Segment) -> Segment:
    """The RST that answers `seg` where no connection takes it (§3.10.7.1), numbered so that its
    sender will accept it: <SEQ=SEG.ACK><CTL=RST> for a segment with an ACK, else
    <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>."""
    if ACK in seg.flags:
        return Segment(RST, seg.ack)
    return Segment(RST | ACK, 0, seq_add(seg.seq, seg.seg_len))


def is_reset_for(rst: Segment, seg: Segment) -> bool:
    """Is `rst` numbered as `reset_for(seg)` is — the answer of a host with no connection for `seg`?
    (Its SEG.ACK is not compared: stacks differ in how much of the segment they acknowledge.)"""
    want = reset_for(seg)
    return (ACK in rst.flags) is (ACK in want.flags) and rst.seq == want.seq


def _closed(step: Step, seg: Segment) -> None:
    """§3.10.7.1: no TCB. Everything but a RST is answered with a RST the sender will accept."""
    flags = seg.flags
    if RST in flags:
        step.decide("closed.rst-ignored", Reaction.DROPPED)  # a RST is never answered
        return
    rst = reset_for(seg)
    step.send(rst.flags, rst.seq, rst.ack)
    if ACK in flags:
        step.decide("rst.no-connection", Reaction.REFUSED)  # §4.4.4: no record of this connection
    else:
        step.decide("rst.no-listener" if SYN in flags else "rst.no-connection", Reaction.REFUSED)  # §4.4.1


def _listen(step: Step, seg: Segment, ctx: Arrival) -> None:
    """§3.10.7.2: a listener takes SYNs; it ignores RSTs and refuses any ACK."""
    flags = seg.flags
    if RST in flags:
        step.decide("listen.rst-ignored", Reaction.DROPPED)  # first: an incoming RST is ignored
    elif ACK in flags:
        queues = step.ep.listener
        if queues is not None and queues.overflowed and ctx.profile.syncookies and is_cookie_ack(seg.seq, seg.ack):
            _cookie_ack(step, seg, ctx)  # not a stray ACK: the answer to a SYN cookie (RFC 4987 §3.6)
            return
        step.send(RST, seg.ack)  # second: any ACK is bad here — <SEQ=SEG.ACK><CTL=RST>
        # A bare ACK is typically the handshake's last one after the incomplete connection was
        # dropped (§4.4.2); data or a FIN belong to a connection the host has forgotten (§4.4.4);
        # a SYN+ACK answers a SYN this host never sent, or no longer remembers.
        if SYN in flags:
            rule = "rst.listen-synack"
        elif seg.length or FIN in flags:
            rule = "rst.listen-unknown"
        else:
            rule = "rst.listen-ack"
        step.decide(rule, Reaction.REFUSED)
    elif SYN in flags:
        if FIN in flags and ctx.profile.listen_drops_syn_fin:
            # Linux, tcp_rcv_state_process() in LISTEN: "if (th->fin) goto discard" — a SYN+FIN is
            # a scanner's probe, not an opening (RFC 9293 would take the SYN and the FIN after it).
            step.decide("listen.syn-fin-dropped", Reaction.DROPPED)
            return
        # third: SYN → SYN_RCVD (§2); a TCP that does not exist would open on the SYN alone (Figure 8)
        if _room_for_syn(step, seg, ctx.profile, timewait=False):
            _open_passive(step, seg, ctx, "handshake.two-way" if ctx.profile.two_way else "handshake.syn-received")
    else:
        step.decide("listen.drop-other", Reaction.DROPPED)  # fourth: anything else is dropped


def _room_for_syn(step: Step, seg: Segment, profile: Profile, timewait: bool) -> bool:
    """The listener's queues decide whether a SYN is taken (Linux tcp_conn_request()): a full SYN queue
    drops it or answers it with a cookie; a full accept queue drops it whatever the cookies. A SYN taken
    over from TIME_WAIT skips the SYN queue's limit ("TW buckets are converted to open requests without
    limitations": the peer is evidently a real one). False when the SYN was dealt with here."""
    queues = step.ep.listener
    if queues is None:
        return True
    cookie = False
    if queues.syn_full and not timewait:
        if not profile.syncookies:
            step.decide("listen.synq-full", Reaction.DROPPED)  # silently discarded: the client will retry
            return False
        cookie = True
    if queues.accept_full:
        step.decide("listen.acceptq-full-syn", Reaction.DROPPED)  # no room to accept it, cookie or not
        return False
    if cookie:
        # RFC 4987 §3.6: keep no state; the SYN+ACK's sequence number is the cookie, checked on the ACK.
        step.send(SYN_ACK, syn_cookie(seg.seq), seq_add(seg.seq, 1))
        step.ep = step.ep._replace(listener=queues._replace(overflowed=True))
        step.decide("listen.syncookie", Reaction.ACCEPTED)
        return False
    return True


def _cookie_ack(step: Step, seg: Segment, ctx: Arrival) -> None:
    """An ACK whose SEG.ACK - 1 is the cookie of SEG.SEQ - 1: the connection is rebuilt from it,
    straight into ESTABLISHED, and queued for accept() (Linux cookie_v4_check(), tcp_get_cookie_sock())."""
    ep = step.ep
    if ep.listener.accept_full:
        step.decide("listen.cookie-acceptq-full", Reaction.DROPPED)  # no room: dropped, the client retries
        return
    iss, irs = seq_add(seg.ack, -1), seq_add(seg.seq, -1)
    tcb = Tcb(iss, irs, seg.ack, seg.ack, seg.window, seg.seq, ep.tcb.rcv_wnd or DEFAULT_WINDOW)
    tcb = tcb._replace(ts_recent=ctx.ts[0] if ctx.ts else None)  # TS.Recent from the ACK (RFC 7323 §4.3)
    app = (ep.app & (App.DOWN | App.REUSEADDR)) | App.LISTENING
    step.ep = Endpoint(ep.state, tcb, True, app, 0, ep.owed, ep.listener, 0)
    step.goto("listen.cookie-ack")  # → ESTABLISHED: the listener never held a 半连接 for it
    step.reaction = Reaction.ACCEPTED
    _accepted(step)
    if seg.length or FIN in seg.flags:
        _text_and_fin(step, seg)


def _accepted(step: Step) -> None:
    """The handshake is complete: the connection joins the accept queue, or goes at once to an
    application waiting in accept()."""
    queues = step.ep.listener
    if queues is None:
        return
    queues, taken = enqueue(queues)
    step.ep = step.ep._replace(listener=queues)
    if taken:
        step.decide("app.accept")  # the accept() the application was blocked in returns it
    step.params = step.params + (("acceptq", len(queues.accept_q)), ("acceptmax", queues.accept_max))


def _open_passive(step: Step, seg: Segment, ctx: Arrival, rule: str) -> None:
    """Take a SYN on a listener: IRS = SEG.SEQ, pick ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.

    Data on the SYN: with Fast Open (RFC 7413 §4.2.2) it is taken at once and the SYN+ACK
    acknowledges it; otherwise it is not acknowledged — RFC 9293 §3.10.7.2 holds it until the
    connection is established, Linux without a valid cookie drops it (tcp_conn_request) — and the
    sender sends it again after the handshake."""
    tcb = new_tcb(ctx.isn, seg.seq)._replace(snd_wnd=seg.window, ts_recent=ctx.ts[0] if ctx.ts else None)
    ep = step.ep
    # a fresh connection: nothing of an old one's close; the listener's socket options are inherited
    app = (ep.app & (App.DOWN | App.HOLDING | App.REUSEADDR)) | App.LISTENING
    if seg.length and ctx.fastopen:
        tcb = tcb._replace(rcv_nxt=seq_add(tcb.rcv_nxt, seg.length), unread=seg.length if App.HOLDING in app else 0)
    step.ep = Endpoint(ep.state, tcb, True, app, 0, ep.owed, ep.listener, 0)
    step.used_isn = True
    step.send(SYN_ACK, tcb.iss, tcb.rcv_nxt)
    step.goto(rule)
    step.reaction = Reaction.ACCEPTED
    if seg.length:
        step.decide("data.syn-fastopen" if ctx.fastopen else "data.syn-held")
    if step.ep.state is State.ESTABLISHED:  # the two-segment TCP of the thought experiment
        _accepted(step)


def _syn_sent(step: Step, seg: Segment, ctx: Arrival) -> None:
    """§3.10.7.3: waiting for the peer's SYN; only an ACK of our SYN is acceptable."""
    flags, tcb = seg.flags, step.ep.tcb
    ack_ok = False
    if ACK in flags:  # first: check the ACK bit
        if seq_le(seg.ack, tcb.iss) or seq_gt(seg.ack, tcb.snd_nxt):
            if RST in flags:
                step.decide("synsent.rst-bad-ack", Reaction.DROPPED)
                return
            step.send(RST, seg.ack)  # <SEQ=SEG.ACK><CTL=RST>: not for our SYN (§4.2)
            if ctx.profile.synsent_resyn:
                step.send(SYN, tcb.iss)  # Linux re-sends its SYN at once
            step.decide("synsent.bad-ack", Reaction.REFUSED)
            return
        ack_ok = True
    if RST in flags:  # second: check the RST bit
        if ack_ok:
            step.goto("rst.refused")  # → CLOSED: "connection refused" (§4.4.1)
            step.reaction = Reaction.RESET
            step.errno(Errno.ECONNREFUSED)
        else:
            step.decide("synsent.rst-ignored", Reaction.DROPPED)  # a RST without ACK could be anyone's
        return
    if SYN not in flags:  # fifth: neither SYN nor RST
        step.decide("synsent.drop-other", Reaction.DROPPED)
        return
    # fourth: check the SYN bit
    step.tcb(irs=seg.seq, rcv_nxt=seq_add(seg.seq, 1), snd_wnd=seg.window)
    if ctx.ts is not None:
        step.tcb(ts_recent=ctx.ts[0])  # RFC 7323 §4.3 (1): TS.Recent from the SYN
    if ack_ok:
        step.tcb(snd_una=seg.ack)
        step.goto("handshake.synack")  # → ESTABLISHED: our SYN is acknowledged (§2)
        step.reaction = Reaction.ACCEPTED
        step.send_ack()
        flush(step)
        if seg.length or FIN in flags:
            _text_and_fin(step, seg, from_syn=True)
    else:
        step.goto("handshake.simultaneous-open")  # → SYN_RCVD: both sent SYN (simultaneous open)
        step.reaction = Reaction.ACCEPTED
        step.send(SYN_ACK, tcb.iss, step.ep.tcb.rcv_nxt)


def acceptable(ep: Endpoint, seg: Segment) -> bool:
    """RFC 9293 §3.10.7.4 first, Table 6: does any part of the segment fall in the receive window?"""
    tcb = ep.tcb
    seg_len, wnd, nxt = seg.seg_len, tcb.rcv_wnd, tcb.rcv_nxt
    if seg_len == 0:
        return seg.seq == nxt if wnd == 0 else in_window(seg.seq, nxt, wnd)
    if wnd == 0:
        return False
    return in_window(seg.seq, nxt, wnd) or in_window(seg.seq + seg_len - 1, nxt, wnd)


def _unacceptable(step: Step, seg: Segment) -> None:
    """Not in the window: drop it, and ACK (unless it is a RST) so the sender learns RCV.NXT.

    Two such segments are sent on purpose, and the ACK is what they ask for: a keep-alive probe,
    SEQ = RCV.NXT − 1 with no data or one byte (RFC 1122 §4.2.3.6, RFC 9293 §3.8.4); and a
    zero-window probe, data at RCV.NXT while our window is closed (RFC 9293 §3.8.6.1)."""
    if RST in seg.flags:
        step.decide("rst.out-of-window", Reaction.DROPPED)  # RFC 5961 §3.2 (1): silently dropped
        return
    step.send_ack()
    tcb = step.ep.tcb
    if seg.seq == seq_add(tcb.rcv_nxt, -1) and seg.length <= 1 and not seg.flags & (SYN | FIN):
        step.decide("seq.keepalive", Reaction.DROPPED)
    elif tcb.rcv_wnd == 0 and seg.seq == tcb.rcv_nxt and seg.length:
        step.decide("seq.window-probe", Reaction.DROPPED)
    else:
        below = seq_le(seg.end_seq, tcb.rcv_nxt)
        step.decide("seq.old-duplicate" if below else "seq.out-of-window", Reaction.DROPPED)


def _synchronized(step: Step, seg: Segment, ctx: Arrival) -> None:
    """§3.10.7.4 for SYN_RCVD and the synchronized states except TIME_WAIT."""
    ep, flags = step.ep, seg.flags
    state = ep.state
    if state is State.SYN_RCVD and SYN in flags and RST not in flags and seg.seq == ep.tcb.irs:
        tcb = ep.tcb
        if ACK not in flags:
            # The peer's SYN again: our SYN+ACK was lost. Linux answers it at once (tcp_check_req).
            step.send(SYN_ACK, tcb.iss, tcb.rcv_nxt)
            step.decide("synrcvd.syn-retransmit", Reaction.ACCEPTED)
            return
        if seq_lt(tcb.snd_una, seg.ack) and seq_le(seg.ack, tcb.snd_nxt):
            # Simultaneous open, RFC 9293 Figure 7 line 6: the peer's SYN+ACK repeats its SYN (one
            # below RCV.NXT) and acknowledges ours. Both SYNs are now ACKed (Linux lets it pass too).
            step.tcb(snd_una=seg.ack, snd_wnd=seg.window)
            step.goto("handshake.simultaneous-ack")  # → ESTABLISHED
            step.reaction = Reaction.ACCEPTED
            flush(step)
            return
    if SYN in flags and RST not in flags and state is not State.SYN_RCVD:
        # fourth, taken first: RFC 5961 §4.2 answers a SYN in a synchronized state "irrespective
        # of the sequence number" with a challenge ACK (Linux jumps to it from the first check too).
        step.send_ack()
        step.decide("syn.challenge-ack", Reaction.CHALLENGED)
        return
    profile = ctx.profile
    if ctx.ts is not None and _paws(step, seg, ctx):
        return
    if not acceptable(ep, seg):  # first: check the sequence number
        if RST in flags and profile.reset_at_fin and state.fin_received and seg.seq == seq_add(ep.tcb.rcv_nxt, -1):
            # Linux, tcp_reset_check(): in CLOSE_WAIT, LAST_ACK and CLOSING a RST numbered at the
            # peer's FIN (RCV.NXT − 1) is taken: the peer reset after its FIN. RFC 9293: out of window.
            step.goto("rst.at-fin")  # → CLOSED
            step.reaction = Reaction.RESET
            return
        _unacceptable(step, seg)
        return
    if ctx.ts is not None:
        _take_ts(step, seg, ctx.ts)
    if RST in flags:  # second: check the RST bit (RFC 5961 §3.2)
        if state is State.SYN_RCVD and ep.passive and profile.request_sock and seg.seq != ep.tcb.rcv_nxt:
            # Linux, tcp_check_req(): a half-open connection is only a request; any RST in its window
            # drops it ("embryonic reset"), with no RFC 5961 challenge ACK.
            step.goto("rst.synrcvd-request")  # → LISTEN
            step.reaction = Reaction.RESET
            return
        _rst(step, seg)
        return
    if SYN in flags:  # fourth: a SYN in SYN_RCVD, inside the window
        if ep.passive and profile.request_sock:
            # Linux, tcp_check_req(): an in-window SYN that is not the retransmitted one is an
            # "embryonic reset": answer RST (numbered for the segment) and drop the request.
            rst = reset_for(seg)
            step.send(rst.flags, rst.seq, rst.ack)
            step.goto("synrcvd.syn-reset" if ACK not in flags else "synrcvd.synack-reset")  # → LISTEN
            step.reaction = Reaction.RESET
        elif ep.passive:
            step.goto("synrcvd.syn-passive")  # → LISTEN, per RFC 9293
            step.reaction = Reaction.RESET
        else:
            step.send_ack()
            step.decide("syn.challenge-ack", Reaction.CHALLENGED)
        return
    if ACK not in flags:  # fifth: check the ACK field
        step.decide("ack.missing", Reaction.DROPPED)
        return
    if not _ack(step, seg, ctx.profile):
        return
    _text_and_fin(step, seg)


def _rst(step: Step, seg: Segment) -> None:
    """RST inside the window: reset only if SEG.SEQ = RCV.NXT exactly, else challenge (RFC 5961 §3.2)."""
    ep = step.ep
    if seg.seq != ep.tcb.rcv_nxt:
        step.send_ack()
        step.decide("rst.challenge-ack", Reaction.CHALLENGED)
        return
    state = ep.state
    if state is State.SYN_RCVD:
        if ep.passive:
            step.goto("rst.synrcvd-passive")  # → LISTEN: a passive open returns to LISTEN
        else:
            step.goto("rst.synrcvd-active")  # → CLOSED: "connection refused"
            step.errno(Errno.ECONNREFUSED)
    elif state in (State.CLOSING, State.LAST_ACK):
        step.goto("rst.closing")  # → CLOSED
    else:
        step.goto("rst.reset")  # → CLOSED: ESTABLISHED, FIN_WAIT_1/2, CLOSE_WAIT: "connection reset" (§4.3)
    step.reaction = Reaction.RESET
    if state is not State.SYN_RCVD and App.READ_CLOSED not in ep.app and not ep.unaccepted:
        # What the application still holding the socket hears (Linux tcp_reset(), as BSD): EPIPE in CLOSE_WAIT.
        step.errno(Errno.EPIPE if state is State.CLOSE_WAIT else Errno.ECONNRESET)


def _accept_overflow(step: Step, seg: Segment, profile: Profile) -> bool:
    """The handshake's last ACK finds the accept queue full (Linux tcp_check_req(), listen_overflow):
    dropped, the 半连接 kept (its SYN+ACK retransmission will bring the ACK again); or, with
    tcp_abort_on_overflow = 1, answered with RST and forgotten. Always False: processing stops."""
    if profile.abort_on_overflow:
        step.send(RST, seg.ack)  # <SEQ=SEG.ACK><CTL=RST>, tcp_v4_send_reset()
        step.goto("listen.acceptq-full-rst")  # → LISTEN
        step.reaction = Reaction.REFUSED
    else:
        step.decide("listen.acceptq-full-drop", Reaction.DROPPED)
    return False


def _ack(step: Step, seg: Segment, profile: Profile) -> bool:
    """Fifth: the ACK field. Returns False when processing stops here."""
    ep = step.ep
    tcb, state = ep.tcb, ep.state
    if state is State.SYN_RCVD:
        if seq_lt(tcb.snd_una, seg.ack) and seq_le(seg.ack, tcb.snd_nxt):
            queues = ep.listener
            if ep.passive and queues is not None and queues.accept_full:
                return _accept_overflow(step, seg, profile)
            step.tcb(snd_una=seg.ack, snd_wnd=seg.window)
            # → ESTABLISHED: the third segment of the handshake (§2). It may carry data: processing goes
            # on to the segment text (§3.10.7.4 seventh), as in Linux (tcp_check_req() then the child).
            step.goto("handshake.ack-data" if seg.length else "handshake.ack")
            step.reaction = Reaction.ACCEPTED
            if ep.passive:
                _accepted(step)
            flush(step)
            return True
        step.send(RST, seg.ack)  # <SEQ=SEG.ACK><CTL=RST>
        step.decide("synrcvd.bad-ack", Reaction.REFUSED)
        return False
    if seq_gt(seg.ack, tcb.snd_nxt):  # acknowledges something never sent: ACK and drop
        step.send_ack()
        step.decide("ack.future", Reaction.DROPPED)
        return False
    if seq_diff(tcb.snd_una, seg.ack) > max(tcb.snd_wnd, 1):  # RFC 5961 §5.2: older than SND.UNA - MAX.SND.WND
        step.send_ack()
        step.decide("ack.too-old", Reaction.DROPPED)
        return False
    if seq_gt(seg.ack, tcb.snd_una):
        step.tcb(snd_una=seg.ack, snd_wnd=seg.window, dupacks=0)
        rule = "ack.accept"
    elif seg.ack != tcb.snd_una:
        rule = "ack.duplicate"  # older than SND.UNA (within the window): nothing new
    elif seg.window != tcb.snd_wnd:
        step.tcb(snd_wnd=seg.window)  # SND.UNA =< SEG.ACK =< SND.NXT: "the send window should be updated"
        rule = "ack.window-update"
    else:
        rule = "ack.duplicate"
        if not seg.length and not flags_of_control(seg) and tcb.snd_una != tcb.snd_nxt:
            # RFC 5681 §2: a duplicate ACK — same ACK, same window, no data, with data outstanding;
            # the third in a row sets off a fast retransmit (§3.2).
            step.tcb(dupacks=tcb.dupacks + 1)
    ep = step.ep
    if state is State.FIN_WAIT_1 and ep.fin_acked:
        step.goto("close.fin-acked")  # → FIN_WAIT_2: our FIN is acknowledged (§3.2)
    elif state is State.FIN_WAIT_1:
        step.decide("close.fin-not-acked")  # the ACK does not cover our FIN yet
    elif state is State.CLOSING and ep.fin_acked:
        step.goto("close.closing-acked")  # → TIME_WAIT: simultaneous close ends in TIME_WAIT
    elif state is State.LAST_ACK and ep.fin_acked:
        step.goto("close.last-ack")  # → CLOSED: the passive closer is done (§3.4)
        step.reaction = Reaction.ACCEPTED
        return False
    else:
        step.decide(rule)
    step.reaction = Reaction.ACCEPTED
    return True


def flags_of_control(seg: Segment) -> bool:
    """Does the segment carry SYN or FIN (then it is no duplicate ACK)?"""
    return bool(seg.flags & (SYN | FIN))


def _text_and_fin(step: Step, seg: Segment, from_syn: bool = False) -> None:
    """Seventh and eighth: the segment text, then the FIN. One ACK answers both."""
    ep, flags = step.ep, seg.flags
    tcb = ep.tcb
    start = seq_add(seg.seq, 1) if from_syn else seg.seq
    data_end = seq_add(start, seg.length)
    if ep.state.fin_received:
        if seg.length:
            step.decide("data.after-fin", Reaction.DROPPED)  # "this should not occur": text ignored
        return
    if seq_gt(start, tcb.rcv_nxt) and (seg.length or FIN in flags):
        # A hole before it: RFC 9293 §3.10.7.4 (seventh) — "segments with higher beginning sequence
        # numbers SHOULD be held for later processing". Hold it, and ACK what we have at once: a
        # duplicate ACK that tells the sender where the hole is (RFC 5681 §3.2, §4.2).
        step.tcb(ooo=_hold(tcb.ooo, tcb.rcv_nxt, start, data_end, FIN in flags))
        step.send_ack()
        step.decide("data.out-of-order", Reaction.ACCEPTED)
        return
    must_ack, fin = False, FIN in flags
    if seg.length and seq_gt(data_end, tcb.rcv_nxt):
        if App.READ_CLOSED in ep.app:
            # RFC 1122 §4.2.2.13: after a full close() new data cannot be delivered: reset (Linux does).
            step.send(RST, seg.ack)
            step.goto("data.after-close")  # → CLOSED
            step.reaction = Reaction.RESET
            return
        new_end, rule = data_end, None
        if tcb.ooo:  # the hole is filled: what was held beyond it follows
            new_end, ooo, held_fin = _pull(tcb.ooo, data_end)
            if new_end != data_end or len(ooo) != len(tcb.ooo):
                rule, fin = "data.hole-filled", fin or held_fin
            step.tcb(ooo=ooo)
        fresh = seq_sub(new_end, tcb.rcv_nxt)
        step.tcb(rcv_nxt=new_end, unread=tcb.unread + fresh if App.HOLDING in ep.app else tcb.unread)
        data_end = new_end
        half_closed = ep.state is State.FIN_WAIT_1 or ep.state is State.FIN_WAIT_2
        rule = rule or ("data.accept-half-closed" if half_closed else "data.accept")
        step.decide(rule, Reaction.ACCEPTED)  # §3.2
        must_ack = True
    if fin:
        step.tcb(rcv_nxt=seq_add(data_end, 1), ooo=())  # the FIN takes one sequence number
        must_ack = True
        state = step.ep.state
        if state in (State.SYN_RCVD, State.ESTABLISHED):
            step.goto("close.fin-received")  # → CLOSE_WAIT: ACK it (§3.2)
        elif state is State.FIN_WAIT_1:
            step.goto("close.simultaneous")  # → CLOSING: the FINs crossed: ours is not ACKed yet
        elif state is State.FIN_WAIT_2 and step.changes and step.changes[-1].old is State.FIN_WAIT_1:
            step.retract()  # the ACK of our FIN came in this very segment:
            step.goto("close.fin-ack-shortcut")  # FIN_WAIT_1 → TIME_WAIT (§3.4)
        elif state is State.FIN_WAIT_2:
            step.goto("close.fin-wait-2-fin")  # → TIME_WAIT: §3.4
        step.reaction = Reaction.ACCEPTED
    if must_ack:
        step.send_ack()


MAX_HELD = 64  # out-of-order ranges held at once; beyond, the furthest are dropped (a bounded queue)


def _hold(ooo: tuple, rcv_nxt: int, start: int, end: int, fin: bool) -> tuple:
    """The out-of-order queue with [start, end) (and a FIN after it) added, ranges merged, in
    sequence order from RCV.NXT."""
    ranges = sorted([*ooo, (start, end, fin)], key=lambda r: seq_sub(r[0], rcv_nxt))
    merged: list = []
    for s, e, f in ranges:
        if merged and seq_le(s, merged[-1][1]):
            ps, pe, pf = merged[-1]
            merged[-1] = (ps, e if seq_gt(e, pe) else pe, f or pf)
        else:
            merged.append((s, e, f))
    return tuple(merged[:MAX_HELD])


def _pull(ooo: tuple, rcv_nxt: int) -> tuple:
    """Take from the out-of-order queue what now follows RCV.NXT: (new RCV.NXT, rest, FIN reached)."""
    rest, fin = list(ooo), False
    while rest and seq_le(rest[0][0], rcv_nxt):
        s, e, f = rest.pop(0)
        if seq_gt(e, rcv_nxt):
            rcv_nxt = e
        fin = fin or f
        if fin:
            break
    return rcv_nxt, tuple(rest), fin


def _time_wait(step: Step, seg: Segment, ctx: Arrival) -> None:
    """TIME_WAIT (§3.10.7.4 for TIME-WAIT; the notes' §4.1 and §4.2)."""
    ep, flags, profile = step.ep, seg.flags, ctx.profile
    tcb = ep.tcb
    if flags & (SYN | ACK | RST) == SYN:
        _time_wait_syn(step, seg, ctx, profile)
        return
    if ctx.ts is not None and _paws(step, seg, ctx):
        return  # tcp_timewait_state_process(): paws_reject → TCP_TW_ACK
    if not acceptable(ep, seg):  # first: check the sequence number
        if RST in flags:
            step.decide("rst.out-of-window", Reaction.DROPPED)
        elif FIN in flags and seg.end_seq == tcb.rcv_nxt:
            step.send_ack()  # the peer's FIN again: our last ACK was lost (§4.1 b); 2MSL restarts
            step.decide("timewait.fin-reack", Reaction.ACCEPTED)
        else:
            step.send_ack()  # a late segment of this connection dies here (§4.1 a)
            step.decide("timewait.late-segment", Reaction.DROPPED)
        return
    if ctx.ts is not None:
        _take_ts(step, seg, ctx.ts)
    if RST in flags:  # second: RST
        if seg.seq != tcb.rcv_nxt:
            if profile.timewait_rst_challenge:
                step.send_ack()
                step.decide("rst.challenge-ack", Reaction.CHALLENGED)
            else:
                step.decide("timewait.rst-ignored", Reaction.DROPPED)  # Linux: not exact, not taken
        elif profile.rfc1337:
            step.decide("timewait.rst-rfc1337", Reaction.DROPPED)  # RFC 1337: TIME_WAIT ignores RST
        else:
            step.goto("timewait.rst")  # → CLOSED: TIME-WAIT assassination (§4.2)
            step.reaction = Reaction.RESET
        return
    if SYN in flags:  # fourth: a SYN with other bits in a synchronized state
        step.send_ack()
        step.decide("syn.challenge-ack", Reaction.CHALLENGED)
        return
    if ACK not in flags:
        step.decide("ack.missing", Reaction.DROPPED)
    elif seg.length or FIN in flags:
        step.send_ack()  # text or a FIN beyond the peer's FIN cannot be new: ACK and ignore it
        step.decide("timewait.late-segment", Reaction.DROPPED)
    elif profile.timewait_ack_restarts and seg.seq == tcb.rcv_nxt:
        # Linux, tcp_timewait_state_process(): a bare ACK at RCV.NXT restarts the TIME_WAIT timer
        # (inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN)); RFC 9293 asks only that the FIN's be restarted.
        step.decide("timewait.ack-restart", Reaction.DROPPED)
    else:
        step.decide("timewait.ack", Reaction.DROPPED)  # an ACK in sequence: nothing to do


def _time_wait_syn(step: Step, seg: Segment, ctx: Arrival, profile: Profile) -> None:
    """A SYN for this 4-tuple while it waits: the old ACK (§4.2), or a new connection (RFC 6191)."""
    ep = step.ep
    tcb, ts = ep.tcb, ctx.ts
    recent = tcb.ts_recent if ts is not None else None
    if recent is not None and 0 < (recent - ts[0]) % _MOD < _HALF:
        # PAWS (RFC 7323 §5.3; tcp_timewait_state_process()'s tcp_paws_reject(), no tick of grace):
        # a timestamp older than the old connection's last is an old duplicate. ACK, as for any.
        step.send_ack()
        step.decide("timewait.syn-paws", Reaction.CHALLENGED)
        return
    newer = seq_gt(seg.seq, tcb.rcv_nxt) or (recent is not None and ts[0] != recent)
    if profile.timewait_syn is TimewaitSyn.ACCEPT_NEWER and newer and App.LISTENING in ep.app:
        # Its sequence number is past anything the old connection used — or, with timestamps, its
        # timestamp is newer than the old connection's last even if its sequence number is not
        # (RFC 6191 §2; tcp_timewait_state_process(): "(s32)(tw_ts_recent - rcv_tsval) < 0"): no
        # old segment can be mistaken for the new connection's, so TIME_WAIT ends and the
        # listener takes the SYN (its queues permitting).
        if _room_for_syn(step, seg, ctx.profile, timewait=True):
            _open_passive(step, seg, ctx, "timewait.syn-accept-newer")
        return
    step.send_ack()  # the old connection's last ACK: the SYN's sender must answer RST (§4.2)
    step.decide("timewait.syn-reuse", Reaction.CHALLENGED)
