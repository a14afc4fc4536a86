"""The validator: is "this endpoint sends this segment now" what a correct TCP does?

A player may put any segment on the wire — an illegal one is the lesson, not a crash. This
module judges it in four grades (Verdict): CORRECT (what TCP sends now: an owed reply, or what
an application call would send), LEGAL (allowed but not what TCP does now: a needless RST, a
stray ACK), ILLEGAL (no correct TCP sends it in this state: data from FIN_WAIT_2, an ACK from
CLOSED, a SYN from ESTABLISHED, a FIN after FIN) and WRONG_NUMBERS. A legal send moves the
sender the way the matching application call would (a SYN from CLOSED is a connect()).

The table below is the whole decision, one row per state, one column per kind of segment —
like picoTCP's state table. The help screen and the tests read it too.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from . import calls
from .endpoint import Endpoint, Result, Step, Tcb
from .profile import Profile
from .segment import (
    ACK,
    DEFAULT_DATA,
    DEFAULT_WINDOW,
    FIN,
    MAX_PAYLOAD,
    RST,
    SYN,
    Flags,
    Segment,
    label_of,
    seq_add,
    seq_gt,
    seq_le,
    seq_lt,
    seq_sub,
)
from .states import Call, State, Verdict


class Kind(enum.Enum):
    """The segment kinds of the game's palette."""

    SYN = "SYN"
    SYN_ACK = "SYN+ACK"
    ACK = "ACK"
    DATA = "DATA"
    FIN = "FIN+ACK"
    RST = "RST"
    RST_ACK = "RST+ACK"
    OTHER = "OTHER"  # no TCP sends it: SYN+FIN, a bare FIN in a synchronized state …

    __hash__ = object.__hash__  # as State's

    @property
    def flags(self) -> Flags:
        """The control bits a segment of this kind carries."""
        return _KIND_FLAGS[self]

    @classmethod
    def of(cls, flags: Flags, length: int = 0) -> Kind:
        """Classify a segment."""
        if RST in flags:
            return cls.RST_ACK if ACK in flags else cls.RST
        if SYN in flags:
            if FIN in flags:
                return cls.OTHER
            return cls.SYN_ACK if ACK in flags else cls.SYN
        if ACK not in flags:
            return cls.OTHER
        if FIN in flags:
            return cls.FIN
        return cls.DATA if length else cls.ACK


_KIND_FLAGS = {
    Kind.SYN: SYN,
    Kind.SYN_ACK: SYN | ACK,
    Kind.ACK: ACK,
    Kind.DATA: Flags.PSH | ACK,
    Kind.FIN: FIN | ACK,
    Kind.RST: RST,
    Kind.RST_ACK: RST | ACK,
    Kind.OTHER: FIN,
}

PALETTE = (Kind.SYN, Kind.SYN_ACK, Kind.ACK, Kind.DATA, Kind.FIN, Kind.RST, Kind.RST_ACK)


class Effect(enum.Enum):
    """What a legal send does to its sender: the application call it stands for."""

    NONE = None
    CONNECT = Call.CONNECT
    DATA = Call.SEND
    FIN = Call.SHUTDOWN
    ABORT = Call.ABORT


Row = namedtuple("Row", "verdict rule effect")
_C, _L, _I = Verdict.CORRECT, Verdict.LEGAL, Verdict.ILLEGAL
_N = Effect.NONE


def _row(syn, syn_ack, ack, data, fin, rst):
    """One state's row; RST and RST+ACK share a cell."""
    return {
        Kind.SYN: Row(*syn),
        Kind.SYN_ACK: Row(*syn_ack),
        Kind.ACK: Row(*ack),
        Kind.DATA: Row(*data),
        Kind.FIN: Row(*fin),
        Kind.RST: Row(*rst),
        Kind.RST_ACK: Row(*rst),
    }


_NO_SYN = (_I, "send.syn-synchronized", _N)  # RFC 9293: a SYN in a synchronized state is an error
_NO_SYNACK = (_I, "send.synack-without-syn", _N)
_NEEDLESS_ACK = (_L, "send.ack-needless", _N)
_ABORT = (_L, "send.rst-abort", Effect.ABORT)  # a RST from a live connection is an abort (§4.4.3)
_STRAY_RST = (_L, "send.rst-unprompted", _N)  # TCP sends RST only in answer to a segment
_AFTER_FIN_DATA = (_I, "send.data-after-fin", _N)  # §3.1: the FIN said "no more data"
_AFTER_FIN_FIN = (_I, "send.fin-after-fin", _N)
_NO_CONN = (_I, "send.no-connection", _N)

SEND_TABLE = {
    # columns, in _row order: SYN, SYN+ACK, ACK, DATA, FIN+ACK, RST (and RST+ACK)
    State.CLOSED: _row((_C, "send.syn", Effect.CONNECT), _NO_SYNACK, _NO_CONN, _NO_CONN, _NO_CONN, _STRAY_RST),
    State.LISTEN: _row(
        (_C, "send.syn-from-listen", Effect.CONNECT), _NO_SYNACK, _NO_CONN, _NO_CONN, _NO_CONN, _STRAY_RST
    ),
    State.SYN_SENT: _row(
        (_L, "send.retransmit", _N),
        _NO_SYNACK,
        (_I, "send.ack-before-syn", _N),
        (_I, "send.ack-before-syn", _N),
        (_I, "send.fin-before-established", _N),
        _STRAY_RST,
    ),
    State.SYN_RCVD: _row(
        _NO_SYN,
        (_L, "send.retransmit", _N),
        _NEEDLESS_ACK,
        (_I, "send.data-before-established", _N),
        (_C, "send.fin", Effect.FIN),
        _ABORT,
    ),
    State.ESTABLISHED: _row(
        _NO_SYN, _NO_SYNACK, _NEEDLESS_ACK, (_C, "send.data", Effect.DATA), (_C, "send.fin", Effect.FIN), _ABORT
    ),
    State.FIN_WAIT_1: _row(_NO_SYN, _NO_SYNACK, _NEEDLESS_ACK, _AFTER_FIN_DATA, _AFTER_FIN_FIN, _ABORT),
    State.FIN_WAIT_2: _row(_NO_SYN, _NO_SYNACK, _NEEDLESS_ACK, _AFTER_FIN_DATA, _AFTER_FIN_FIN, _ABORT),
    State.CLOSE_WAIT: _row(
        _NO_SYN,
        _NO_SYNACK,
        _NEEDLESS_ACK,
        (_C, "send.data-close-wait", Effect.DATA),
        (_C, "send.fin-passive", Effect.FIN),
        _ABORT,
    ),
    State.CLOSING: _row(_NO_SYN, _NO_SYNACK, _NEEDLESS_ACK, _AFTER_FIN_DATA, _AFTER_FIN_FIN, _STRAY_RST),
    State.LAST_ACK: _row(_NO_SYN, _NO_SYNACK, _NEEDLESS_ACK, _AFTER_FIN_DATA, _AFTER_FIN_FIN, _STRAY_RST),
    State.TIME_WAIT: _row(
        (_I, "send.syn-timewait", _N), _NO_SYNACK, _NEEDLESS_ACK, _AFTER_FIN_DATA, _AFTER_FIN_FIN, _STRAY_RST
    ),
}


def expected_segment(ep: Endpoint, kind: Kind, isn: int, length: int = 0) -> Segment:
    """The numbers a segment of this kind gets: an owed reply's, else the TCB's."""
    owed = owed_reply(ep, kind)
    if owed is not None:
        return owed
    tcb = ep.tcb
    if kind is Kind.SYN:
        return Segment(SYN, tcb.iss if ep.state.has_tcb else isn)
    if kind is Kind.SYN_ACK:
        return Segment(kind.flags, tcb.iss, tcb.rcv_nxt)
    if kind is Kind.FIN and ep.state.fin_sent:
        return Segment(kind.flags, seq_add(tcb.snd_nxt, -1), tcb.rcv_nxt)  # our FIN, again
    if kind is Kind.RST:
        return Segment(RST, tcb.snd_nxt)  # <SEQ=SND.NXT><CTL=RST>, as an abort sends it
    return Segment(kind.flags, tcb.snd_nxt, tcb.rcv_nxt, length if kind is Kind.DATA else 0)


def owed_reply(ep: Endpoint, kind: Kind) -> Segment | None:
    """The owed reply (manual mode) of this kind. A RST is not a RST+ACK here: §3.10.7.1 (and Linux,
    tcp_v4_send_reset) answer a segment that carries an ACK with <SEQ=SEG.ACK><CTL=RST> and one
    without with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; the other kind would acknowledge
    nothing (a RST+ACK with ACK=0) or be ignored by a SYN_SENT peer (a RST without ACK)."""
    for owed in ep.owed:
        if Kind.of(owed.flags, owed.length) is kind:
            return owed
    return None


def judge_send(
    ep: Endpoint,
    flags: Flags,
    profile: Profile,
    isn: int,
    seq: int | None = None,
    ack: int | None = None,
    length: int = 0,
    window: int | None = None,
) -> Result:
    """Judge and perform "this endpoint sends this segment"; numbers left None come from the TCB.

    The Result's `sent` holds the one segment that goes on the wire (whatever the verdict), its
    `endpoint` is the sender afterwards, and `params` say what was expected when it differs.
    `window`: the window the segment advertises when it is known (a capture's): it becomes the
    sender's RCV.WND (RFC 9293 §3.8.6: the window a TCP advertises is its receive window).
    """
    if not 0 <= length <= MAX_PAYLOAD:
        return _impossible_length(ep, length)
    res = _quick(ep, flags, seq, ack, length, window)
    if res is not None:
        return res
    res = judge_in_full(ep, flags, profile, isn, seq, ack, length, window)
    if window is not None:
        after = res.endpoint
        if after.state.has_tcb and after.tcb.rcv_wnd != window:
            tcb = after.tcb
            tcb = _new(Tcb, (*tcb[:6], window, *tcb[7:]))
            res = _new(Result, (_new(Endpoint, (after.state, tcb, *after[2:])), *res[1:]))
    return res


# Sends the data path explains, which the table cannot see (their numbers are checked where they
# are recognised, in _row_for): retransmissions of every kind, keep-alive and window probes.
_DATA_PATH = frozenset(
    {"send.retransmit", "send.fast-retransmit", "send.retransmit-spurious", "send.keepalive", "send.window-probe"}
)
FAST_RETRANSMIT_DUPACKS = 3  # RFC 5681 §3.2: "the third duplicate ACK"


def _impossible_length(ep: Endpoint, length: int) -> Result:
    """A segment carries 0 to 65,535 bytes: any other count is no segment at all. ILLEGAL, and
    nothing goes on the wire (the sender's TCB stays as it is)."""
    step = Step(ep)
    step.params = (("length", length), ("most", MAX_PAYLOAD))
    step.decide("send.impossible-length")
    return step.done(Verdict.ILLEGAL)


def judge_in_full(
    ep: Endpoint,
    flags: Flags,
    profile: Profile,
    isn: int,
    seq: int | None = None,
    ack: int | None = None,
    length: int = 0,
    window: int | None = None,
) -> Result:
    """judge_send without its shortcuts: the table, the owed replies, the numbers, the effect."""
    kind = Kind.of(flags, length)
    owed = owed_reply(ep, kind)
    if owed is not None and kind is Kind.DATA and seq is None and ack is None:
        length = owed.length  # a palette DATA sends what is owed: the bytes the application queued
    want = expected_segment(ep, kind, isn, length)
    seg = Segment(
        flags,
        want.seq if seq is None else seq,
        (want.ack if ack is None else ack) if ACK in flags else 0,
        length,
        ep.tcb.rcv_wnd or want.window,
    )
    if owed is not None:
        return _reply(ep, seg, owed)
    row = _row_for(ep, kind, seg)
    params: tuple = ()
    if row.verdict is not _I:
        tcb = ep.tcb
        if ep.owed and not any(_paid_by(o, seg) for o in ep.owed):
            params = (("expected", ep.owed[0].label),)
            row = Row(_L, "send.not-the-reply", row.effect)
        elif row.rule in _DATA_PATH and ep.state.synchronized:
            if ACK in flags and seg.ack != tcb.rcv_nxt:  # a resend or a probe carries the ACK of now
                params = _number_params(seg, seg._replace(ack=tcb.rcv_nxt))
                row = Row(Verdict.WRONG_NUMBERS, "send.wrong-numbers", row.effect)
        elif row.effect is not Effect.CONNECT and _numbers_differ(seg, want):
            params = _number_params(seg, want)
            row = Row(Verdict.WRONG_NUMBERS, "send.wrong-numbers", row.effect)
        elif row.rule == "send.ack-needless" and window is not None and window > tcb.rcv_wnd and ep.state.synchronized:
            # Nothing new to acknowledge, but more room to offer: the application read and the
            # window opened; TCP says so at once (RFC 9293 §3.8.6.2.2, receiver's SWS avoidance).
            row = Row(_L, "send.window-update", _N)
    return _finish(ep, seg, row, params, profile, isn)


_new = tuple.__new__
_NOT_DATA = SYN | FIN | RST
_MOD = 1 << 32


def judge_usual(ep: Endpoint, flags: Flags, seq: int, ack: int, length: int, window: int) -> Result | None:
    """judge_send of a captured segment (all its numbers known) when it is one of the two commonest
    sends (see `_quick`); None when it needs the full judgement. A capture's replay asks this first."""
    return _quick(ep, flags, seq, ack, length, window) if length <= MAX_PAYLOAD else None


def _quick(
    ep: Endpoint, flags: Flags, seq: int | None, ack: int | None, length: int, advertised: int | None = None
) -> Result | None:
    """The two commonest sends, answered without the table — exactly as judge_send answers them
    (tests/core/test_validate.py checks it on random games): the reply the endpoint owes first, sent
    as owed; and new data at SND.NXT acknowledging RCV.NXT from ESTABLISHED or CLOSE_WAIT. A replay
    of a capture is mostly these; elsewhere they simply cost less. `advertised`: judge_send's
    `window`, the sender's RCV.WND from now on."""
    owed, tcb = ep.owed, ep.tcb
    window = tcb.rcv_wnd or DEFAULT_WINDOW
    if owed:
        first = owed[0]
        if (
            first.flags == flags
            and first.length == length
            and (seq is None or seq == first.seq)
            and (ack is None or ack == first.ack)
        ):
            seg = _new(Segment, (flags, first.seq, first.ack, length, window))
            if advertised is None or advertised == tcb.rcv_wnd or not ep.state.has_tcb:
                after = _new(Endpoint, ep[:5] + (owed[1:],) + ep[6:])
            else:
                tcb = _new(Tcb, (*tcb[:6], advertised, *tcb[7:]))
                after = _new(Endpoint, (ep.state, tcb, ep.passive, ep.app, ep.pending, owed[1:], *ep[6:]))
            return _new(
                Result,
                (
                    after,
                    (seg,),
                    "send.reply",
                    ("send.reply",),
                    (),
                    Verdict.CORRECT,
                    None,
                    (("expected", first.label),),
                    False,
                ),
            )
    state = ep.state  # (identity tests: an enum's hash is a Python call, and this runs per packet)
    rule = "send.data" if state is State.ESTABLISHED else "send.data-close-wait" if state is State.CLOSE_WAIT else None
    if rule is None or not length or flags & _NOT_DATA or ACK not in flags:
        return None
    if (seq is not None and seq != tcb.snd_nxt) or (ack is not None and ack != tcb.rcv_nxt):
        return None
    if owed:
        if any(o.length or o.flags != ACK for o in owed):
            return None
        owed = tuple(o for o in owed if o.ack != tcb.rcv_nxt)
        if len(owed) == len(ep.owed):
            return None  # an ACK is owed and this does not carry it: the full judgement says why
    seg = _new(Segment, (flags, tcb.snd_nxt, tcb.rcv_nxt, length, window))
    rcv_wnd = tcb.rcv_wnd if advertised is None else advertised
    nxt = (tcb.snd_nxt + length) % _MOD
    tcb = _new(Tcb, (tcb.iss, tcb.irs, tcb.snd_una, nxt, tcb.snd_wnd, tcb.rcv_nxt, rcv_wnd, *tcb[7:]))
    return _new(
        Result,
        (
            _new(Endpoint, (ep.state, tcb, ep.passive, ep.app, ep.pending, owed, ep.listener, ep.retries)),
            (seg,),
            rule,
            (rule,),
            (),
            Verdict.CORRECT,
            None,
            (),
            False,
        ),
    )


def _row_for(ep: Endpoint, kind: Kind, seg: Segment) -> Row:
    """The table's cell, after the cases the table cannot see: no such segment, a dead host,
    and a retransmission of bytes already sent."""
    if kind is Kind.OTHER:
        return Row(_I, "send.no-such-segment", _N)
    if ep.down:
        return Row(_I, "host.is-down", _N)
    if kind is Kind.FIN and ep.pending:
        return Row(_I, "send.fin-before-data", _N)  # §3.1: the FIN goes behind the data still waiting
    if kind is Kind.RST_ACK and ep.state in (State.CLOSED, State.LISTEN, State.SYN_SENT):
        return Row(_I, "send.rst-ack-nothing", _N)  # unprompted, it would acknowledge bytes never received
    if ep.state.synchronized:
        data_path = _data_path(ep, kind, seg)
        if data_path is not None:
            return data_path
    return SEND_TABLE[ep.state][kind]


def _data_path(ep: Endpoint, kind: Kind, seg: Segment) -> Row | None:
    """What the retransmission queue and the timers send in a synchronized state, by its numbers:

    - a resend of any part of SND.UNA..SND.NXT — what was sent and not yet acknowledged (the
      retransmission queue): at SND.UNA after three duplicate ACKs it is a fast retransmit (RFC
      5681 §3.2, CORRECT: TCP sends it now), otherwise the retransmission timer's or a SACK
      recovery's (RFC 9293 §3.8.1, RFC 6675: ordinary);
    - a resend of bytes already acknowledged: a spurious retransmission (the ACK was still on its
      way, or the timer fired early — RFC 5682), ordinary too;
    - SEQ = SND.UNA − 1 with nothing outstanding, no data or one byte: a keep-alive probe (RFC 1122
      §4.2.3.6) — or, with the peer's window closed, the zero-window probe Linux sends in the
      same shape (tcp_xmit_probe_skb()).
    """
    tcb = ep.tcb
    una = tcb.snd_una
    if kind is Kind.ACK or (kind is Kind.DATA and seg.length == 1):
        if seg.seq == seq_add(una, -1) and una == tcb.snd_nxt:
            return Row(_L, "send.window-probe" if tcb.snd_wnd == 0 else "send.keepalive", _N)
    if kind is not Kind.DATA and kind is not Kind.FIN:
        return None
    ahead = seq_sub(seg.seq, una)
    if ep.unacked and ahead < ep.unacked:
        if ahead == 0 and tcb.dupacks >= FAST_RETRANSMIT_DUPACKS:
            return Row(_C, "send.fast-retransmit", _N)
        return Row(_L, "send.retransmit", _N)  # bytes (or the FIN) sent before and not yet ACKed
    if seq_lt(seg.seq, una) and seq_gt(seg.seq, tcb.iss):
        if seq_le(seg.end_seq, una):
            return Row(_L, "send.retransmit-spurious", _N)
        return Row(_L, "send.retransmit", _N)  # its first bytes were acknowledged meanwhile
    return None


def _numbers_differ(seg: Segment, want: Segment) -> bool:
    """SEG.SEQ, SEG.ACK when the ACK bit is on, or the amount of data is not what the TCB says."""
    return (
        seg.seq != want.seq or (ACK in seg.flags and seg.ack != want.ack) or (want.length and seg.length != want.length)
    )


def _reply(ep: Endpoint, seg: Segment, owed: Segment) -> Result:
    """The player sent the reply the stack owed: correct if the numbers agree."""
    step = Step(_new(Endpoint, (*ep[:5], tuple(o for o in ep.owed if o is not owed), *ep[6:])))
    step.sent.append(seg)
    differ = _numbers_differ(seg, owed)
    if differ and owed.flags == RST | ACK and owed.seq == 0 and seg.flags == owed.flags and seg.ack == owed.ack:
        # <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> answers a segment without ACK (§3.10.7.1); its
        # receiver, in SYN_SENT, checks only the ACK (§3.10.7.3), so a stack that puts another SEQ
        # there (a port scanner's target often does) is understood all the same.
        differ = False
    if differ:
        step.params = _number_params(seg, owed)
        step.decide("send.wrong-numbers")
        return step.done(Verdict.WRONG_NUMBERS)
    step.params = (("expected", owed.label),)
    step.decide("send.reply")
    return step.done(Verdict.CORRECT)


def _number_params(seg: Segment, want: Segment) -> tuple:
    """What the explanation needs to say which number was wrong."""
    return (
        ("seq", seg.seq),
        ("want_seq", want.seq),
        ("ack", seg.ack),
        ("want_ack", want.ack),
        ("expected", label_of(want.flags, want.length)),
    )


def _paid_by(owed: Segment, seg: Segment) -> bool:
    """An owed pure ACK is paid by any segment carrying the same acknowledgment (piggybacking)."""
    return owed.flags == ACK and ACK in seg.flags and owed.ack == seg.ack


def _finish(ep: Endpoint, seg: Segment, row: Row, params: tuple, profile: Profile, isn: int) -> Result:
    """Move the sender as the call this send stands for would, and put the segment out."""
    step = Step(ep)
    step.params = params
    if row.verdict is not _I and row.effect is not Effect.NONE:
        todo = [Call.SEND, Call.SHUTDOWN] if row.effect is Effect.FIN and seg.length else [row.effect.value]
        for call in todo:
            moved = calls.on_call(
                step.ep, call, profile, seg.seq if call is Call.CONNECT else isn, seg.length or DEFAULT_DATA
            )
            step.ep = moved.endpoint
            step.changes.extend(moved.changes)
            step.used_isn = step.used_isn or moved.used_isn
    rule = row.rule
    if row.effect is Effect.CONNECT and seg.length and row.verdict is not _I:
        # Data on the SYN (RFC 9293 allows it; TCP Fast Open, RFC 7413, uses it): it takes sequence
        # space after the SYN's, so SND.NXT = ISS + 1 + N.
        step.tcb(snd_nxt=seq_add(step.ep.tcb.snd_nxt, seg.length))
        rule = "send.syn-data"
    elif rule in _DATA_PATH and ep.state.synchronized and seq_gt(seg.end_seq, step.ep.tcb.snd_nxt):
        step.tcb(snd_nxt=seg.end_seq)  # a resend that carries new bytes after the old ones
    after = step.ep
    if after.owed:
        step.ep = _new(Endpoint, (*after[:5], tuple(o for o in after.owed if not _paid_by(o, seg)), *after[6:]))
    step.sent.append(seg)
    step.decide(rule)
    step.main = rule
    return step.done(row.verdict)


# LEGAL sends a correct stack makes on its own (a timer, the application): a retransmission, an ACK
# nobody needed, an abort. A capture's reader takes them as normal; any other LEGAL send is odd.
ORDINARY_LEGAL = frozenset(
    {
        "send.retransmit",
        "send.retransmit-spurious",
        "send.ack-needless",
        "send.rst-abort",
        "send.keepalive",
        "send.window-probe",
        "send.window-update",
    }
)


def is_ordinary(res: Result) -> bool:
    """Would a correct stack send this now: what it must (CORRECT), or what it may on its own?"""
    return res.verdict is Verdict.CORRECT or (res.verdict is Verdict.LEGAL and res.rule in ORDINARY_LEGAL)


def is_legal(verdict: Verdict) -> bool:
    """The `legal` of `tcptui explain`: anything a TCP may put on the wire, numbers aside."""
    return verdict is not Verdict.ILLEGAL
