"""The validator: "this side sends this segment now" judged against what a correct TCP does."""

import pytest

from tcptui.core.segment import ACK, FIN, PSH, RST, SYN, Flags
from tcptui.core.states import State, Verdict
from tcptui.core.validate import PALETTE, SEND_TABLE, Kind, judge_send

from .trace import (
    LOCAL,
    NEW,
    REMOTE,
    TEXTBOOK,
    close_wait,
    closed,
    established,
    fin_wait_1,
    fin_wait_2,
    listen,
    syn_received,
    syn_sent,
    time_wait,
)

DATA = PSH | ACK


def send(ep, flags, seq=None, ack=None, length=0):
    return judge_send(ep, flags, TEXTBOOK, NEW, seq, ack, length)


def test_table_covers_every_state_and_kind():
    for state in State:
        for kind in PALETTE:
            assert SEND_TABLE[state][kind].rule, (state, kind)


@pytest.mark.parametrize(
    "flags,length,kind",
    [
        (SYN, 0, Kind.SYN),
        (SYN | ACK, 0, Kind.SYN_ACK),
        (ACK, 0, Kind.ACK),
        (DATA, 10, Kind.DATA),
        (ACK, 10, Kind.DATA),
        (FIN | ACK, 0, Kind.FIN),
        (FIN | DATA, 5, Kind.FIN),
        (RST, 0, Kind.RST),
        (RST | ACK, 0, Kind.RST_ACK),
        (SYN | FIN, 0, Kind.OTHER),
        (FIN, 0, Kind.OTHER),
        (Flags(0), 0, Kind.OTHER),
    ],
)
def test_kind_of(flags, length, kind):
    assert Kind.of(flags, length) is kind


def test_closed_send_syn_is_connect():
    res = send(closed(), SYN)
    assert res.verdict is Verdict.CORRECT and res.rule == "send.syn"
    assert res.endpoint.state is State.SYN_SENT and res.sent[0].seq == NEW and res.endpoint.tcb.iss == NEW


def test_closed_send_syn_with_chosen_isn():
    res = send(closed(), SYN, seq=1234)
    assert res.verdict is Verdict.CORRECT and res.endpoint.tcb.iss == 1234


def test_closed_send_ack_is_illegal_but_goes_out():
    res = send(closed(), ACK)
    assert res.verdict is Verdict.ILLEGAL and res.rule == "send.no-connection"
    assert len(res.sent) == 1 and res.endpoint.state is State.CLOSED


def test_listen_send_synack_without_syn():
    assert send(listen(), SYN | ACK).rule == "send.synack-without-syn"


def test_established_send_syn_is_illegal():
    res = send(established(), SYN)
    assert res.verdict is Verdict.ILLEGAL and res.rule == "send.syn-synchronized"


def test_established_send_data():
    res = send(established(), DATA, length=100)
    assert res.verdict is Verdict.CORRECT and res.endpoint.tcb.snd_nxt == LOCAL + 101
    assert (res.sent[0].seq, res.sent[0].ack, res.sent[0].length) == (LOCAL + 1, REMOTE + 1, 100)


def test_established_send_fin_is_shutdown():
    res = send(established(), FIN | ACK)
    assert res.verdict is Verdict.CORRECT and res.endpoint.state is State.FIN_WAIT_1
    assert [(c.old, c.new) for c in res.changes] == [(State.ESTABLISHED, State.FIN_WAIT_1)]


def test_established_send_rst_is_an_abort():
    res = send(established(), RST)
    assert res.verdict is Verdict.LEGAL and res.rule == "send.rst-abort" and res.endpoint.state is State.CLOSED


def test_established_send_stray_ack_is_needless():
    res = send(established(), ACK)
    assert res.verdict is Verdict.LEGAL and res.rule == "send.ack-needless"


def test_fin_wait_2_send_data_is_illegal():
    res = send(fin_wait_2(), DATA, length=100)
    assert res.verdict is Verdict.ILLEGAL and res.rule == "send.data-after-fin"


def test_fin_wait_2_send_fin_after_fin():
    ep = fin_wait_2()
    assert send(ep, FIN | ACK, seq=ep.tcb.snd_nxt).rule == "send.fin-after-fin"  # a second FIN


def test_fin_wait_2_resending_the_acknowledged_fin_is_a_spurious_retransmission():
    res = send(fin_wait_2(), FIN | ACK)  # the palette's numbers: our FIN again
    assert res.verdict is Verdict.LEGAL and res.rule == "send.retransmit-spurious"


def test_fin_wait_1_resending_the_same_fin_is_a_retransmission():
    res = send(fin_wait_1(), FIN | ACK, seq=LOCAL + 1)
    assert res.verdict is Verdict.LEGAL and res.rule == "send.retransmit"


def test_close_wait_send_data_half_close():
    res = send(close_wait(), DATA, length=10)
    assert res.verdict is Verdict.CORRECT and res.rule == "send.data-close-wait"


def test_close_wait_send_fin():
    res = send(close_wait(), FIN | ACK)
    assert res.endpoint.state is State.LAST_ACK and res.rule == "send.fin-passive"


def test_time_wait_send_syn_port_busy():
    assert send(time_wait(), SYN).rule == "send.syn-timewait"


def test_syn_sent_send_ack_before_syn():
    assert send(syn_sent(), ACK).verdict is Verdict.ILLEGAL


def test_syn_sent_resend_syn_retransmission():
    res = send(syn_sent(), SYN)
    assert res.verdict is Verdict.LEGAL and res.rule == "send.retransmit" and res.sent[0].seq == LOCAL


def test_wrong_numbers():
    res = send(established(), DATA, seq=LOCAL + 50, length=100)
    assert res.verdict is Verdict.WRONG_NUMBERS and res.rule == "send.wrong-numbers"
    assert dict(res.params)["want_seq"] == LOCAL + 1


def test_other_kind_is_illegal():
    res = send(established(), SYN | FIN)
    assert res.verdict is Verdict.ILLEGAL and res.rule == "send.no-such-segment"


# -- manual replies: what the stack owes ----------------------------------------------------------------


def owing(ep, *segments):
    return ep._replace(owed=tuple(segments))


def test_owed_reply_sent_is_correct():
    from tcptui.core.segment import Segment

    ep = owing(syn_received(), Segment(SYN | ACK, LOCAL, REMOTE + 1))
    res = send(ep, SYN | ACK)
    assert res.verdict is Verdict.CORRECT and res.rule == "send.reply" and res.endpoint.owed == ()


def test_owed_reply_with_wrong_numbers():
    from tcptui.core.segment import Segment

    ep = owing(syn_received(), Segment(SYN | ACK, LOCAL, REMOTE + 1))
    res = send(ep, SYN | ACK, ack=REMOTE)
    assert res.verdict is Verdict.WRONG_NUMBERS and dict(res.params)["want_ack"] == REMOTE + 1


def test_not_the_owed_reply():
    from tcptui.core.segment import Segment

    ep = owing(syn_received(), Segment(SYN | ACK, LOCAL, REMOTE + 1))
    res = send(ep, ACK)
    assert res.verdict is Verdict.LEGAL and res.rule == "send.not-the-reply"
    assert dict(res.params)["expected"] == "SYN+ACK" and res.endpoint.owed  # still owed


def test_owed_ack_is_paid_by_piggybacked_data():
    from tcptui.core.segment import Segment

    ep = owing(established(), Segment(ACK, LOCAL + 1, REMOTE + 1))
    res = send(ep, DATA, length=10)
    assert res.verdict is Verdict.CORRECT and res.endpoint.owed == ()


def test_owed_rst_answered_by_rst_ack():
    from tcptui.core.segment import Segment

    ep = owing(closed(), Segment(RST | ACK, 0, REMOTE + 1))
    res = send(ep, RST | ACK)
    assert res.verdict is Verdict.CORRECT and (res.sent[0].seq, res.sent[0].ack) == (0, REMOTE + 1)


# -- judge_send's short paths answer exactly as the full judgement ----------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tcptui.core import PROFILES, Game, Replies, World  # noqa: E402
from tcptui.core.segment import Segment  # noqa: E402
from tcptui.core.validate import judge_in_full  # noqa: E402

from .test_properties import move_strategy  # noqa: E402

_SENDS = [ACK, PSH | ACK, FIN | ACK, RST, PSH, SYN | ACK]


def _candidates(ep, data):
    """Segments an endpoint might send: its owed replies, and segments near its TCB's numbers."""
    out = list(ep.owed)
    tcb = ep.tcb
    for _ in range(3):
        seq = (tcb.snd_nxt + data.draw(st.integers(-1, 1))) % 2**32
        ack = (tcb.rcv_nxt + data.draw(st.integers(-1, 1))) % 2**32
        out.append(Segment(data.draw(st.sampled_from(_SENDS)), seq, ack, data.draw(st.sampled_from([0, 1, 100]))))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_short_paths_answer_as_the_full_judgement(data):
    profile = data.draw(st.sampled_from(list(PROFILES.values())))
    replies = data.draw(st.sampled_from(list(Replies)))
    game = Game(World.new(profile=profile, replies=replies, seed=data.draw(st.integers(0, 99))))
    for _ in range(data.draw(st.integers(1, 40))):
        for ep in (game.world.client, game.world.server):
            for seg in _candidates(ep, data):
                for numbers in ((seg.seq, seg.ack), (None, None)):
                    fast = judge_send(ep, seg.flags, profile, 7, *numbers, seg.length)
                    full = judge_in_full(ep, seg.flags, profile, 7, *numbers, seg.length)
                    assert fast == full, (ep, seg, numbers)
        game.apply(data.draw(move_strategy(game.world)))


def test_rst_ack_with_nothing_to_acknowledge_is_illegal():
    for ep in (closed(), listen(), syn_sent()):
        res = send(ep, RST | ACK)
        assert res.verdict is Verdict.ILLEGAL and res.rule == "send.rst-ack-nothing"


def test_fin_before_queued_data_is_illegal():
    """§3.1: with data queued in SYN_RCVD, a FIN now would overtake it (found by Hypothesis)."""
    from tcptui.core.calls import on_call
    from tcptui.core.states import Call

    ep = on_call(syn_received(), Call.SEND, TEXTBOOK, NEW, 1).endpoint
    res = send(ep, FIN | ACK)
    assert res.verdict is Verdict.ILLEGAL and res.rule == "send.fin-before-data"
    assert res.endpoint.tcb == ep.tcb  # nothing was accounted for a FIN the stack did not send


def test_owed_data_must_be_the_queued_bytes():
    """Manual mode: data queued in SYN_SENT is owed once ESTABLISHED; a palette DATA sends exactly
    those bytes, and a segment of another length is wrong numbers (found by Hypothesis)."""
    from tcptui.core.segment import Segment

    owed = Segment(PSH | ACK, LOCAL + 1, REMOTE + 1, 1)
    ep = owing(established()._replace(tcb=established().tcb._replace(snd_nxt=LOCAL + 2)), owed)
    palette = send(ep, PSH | ACK, length=100)
    assert palette.verdict is Verdict.CORRECT and palette.sent[0].length == 1
    explicit = send(ep, PSH | ACK, seq=LOCAL + 1, ack=REMOTE + 1, length=100)
    assert explicit.verdict is Verdict.WRONG_NUMBERS
