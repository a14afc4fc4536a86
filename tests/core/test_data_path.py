"""The data path: the retransmission queue, the out-of-order queue, probes and window updates,
data on a SYN, the receive buffer and close() with unread data; and where the `linux` profile
follows the kernel rather than the RFC. Table-driven, per state."""

import pytest

from tcptui.capture.export import outcomes_of, parse_moves
from tcptui.commands.probe import fixture
from tcptui.core import PROFILES, ProfileName, Replies, World
from tcptui.core.arrive import Arrival, on_segment
from tcptui.core.calls import on_call
from tcptui.core.endpoint import App, endpoint_in
from tcptui.core.segment import ACK, DATA, FIN, RST, SYN, Segment, seq_add
from tcptui.core.states import Call, Reaction, State, Verdict
from tcptui.core.validate import ORDINARY_LEGAL, judge_send

TEXTBOOK, LINUX = PROFILES[ProfileName.TEXTBOOK], PROFILES[ProfileName.LINUX]
ALL = list(PROFILES.values())
ISS, IRS = 1000, 5000


def established(**tcb):
    """ESTABLISHED, 100 bytes sent and not yet acknowledged unless told otherwise."""
    fields = {"iss": ISS, "irs": IRS, "snd_una": ISS + 1, "snd_nxt": ISS + 101} | tcb
    return endpoint_in(State.ESTABLISHED, **fields)


def arrive(ep, seg, profile=TEXTBOOK, **ctx):
    return on_segment(ep, seg, Arrival(profile, 9000, **ctx))


def send(ep, flags, seq, ack, length=0, profile=TEXTBOOK, window=None):
    return judge_send(ep, flags, profile, 9000, seq, ack, length, window)


# -- the out-of-order queue (RFC 9293 §3.10.7.4 seventh) -------------------------------------------


def test_out_of_order_data_is_held_and_answered_with_a_duplicate_ack():
    ep = established()
    res = arrive(ep, Segment(DATA, IRS + 101, ISS + 101, 100))
    assert res.rule == "data.out-of-order" and res.reaction is Reaction.ACCEPTED
    assert res.endpoint.tcb.rcv_nxt == IRS + 1 and res.endpoint.tcb.ooo == ((IRS + 101, IRS + 201, False),)
    assert [(s.flags, s.ack) for s in res.sent] == [(ACK, IRS + 1)]


def test_filling_the_hole_takes_everything_held_at_once():
    ep = established()
    for start in (IRS + 201, IRS + 101):  # two segments beyond the hole, the later one first
        ep = arrive(ep, Segment(DATA, start, ISS + 101, 100)).endpoint
    res = arrive(ep, Segment(DATA, IRS + 1, ISS + 101, 100))
    assert res.rule == "data.hole-filled" and res.endpoint.tcb.rcv_nxt == IRS + 301 and res.endpoint.tcb.ooo == ()
    assert [s.ack for s in res.sent] == [IRS + 301]


def test_a_fin_held_beyond_the_hole_closes_when_the_hole_fills():
    ep = arrive(established(), Segment(FIN | ACK, IRS + 101, ISS + 101, 100)).endpoint
    assert ep.state is State.ESTABLISHED
    res = arrive(ep, Segment(DATA, IRS + 1, ISS + 101, 100))
    assert res.endpoint.state is State.CLOSE_WAIT and res.endpoint.tcb.rcv_nxt == IRS + 202


# -- the retransmission queue ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "seq,length,rule,verdict",
    [
        (ISS + 1, 100, "send.retransmit", Verdict.LEGAL),  # all of SND.UNA..SND.NXT
        (ISS + 51, 50, "send.retransmit", Verdict.LEGAL),  # any part of it
        (ISS + 51, 100, "send.retransmit", Verdict.LEGAL),  # part of it, and new bytes after it
        (ISS + 101, 100, "send.data", Verdict.CORRECT),  # new data
    ],
)
def test_a_resend_of_any_unacknowledged_range_is_a_retransmission(seq, length, rule, verdict):
    res = send(established(), DATA, seq, IRS + 1, length)
    assert (res.rule, res.verdict) == (rule, verdict)
    assert res.endpoint.tcb.snd_nxt == max(ISS + 101, seq + length)


def test_a_retransmission_carries_the_ack_of_now():
    res = send(established(), DATA, ISS + 1, IRS, 100)
    assert res.verdict is Verdict.WRONG_NUMBERS and dict(res.params)["want_ack"] == IRS + 1


def test_three_duplicate_acks_make_the_resend_a_fast_retransmit():
    ep = established()
    dup = Segment(ACK, IRS + 1, ISS + 1, 0)
    for count in (1, 2, 3):
        res = arrive(ep, dup)
        ep = res.endpoint
        assert res.rule == "ack.duplicate" and ep.tcb.dupacks == count
    res = send(ep, DATA, ISS + 1, IRS + 1, 100)
    assert (res.rule, res.verdict) == ("send.fast-retransmit", Verdict.CORRECT)
    assert arrive(ep, Segment(ACK, IRS + 1, ISS + 101, 0)).endpoint.tcb.dupacks == 0  # new data acknowledged


def test_resending_acknowledged_bytes_is_a_spurious_retransmission():
    ep = established(snd_una=ISS + 101)
    res = send(ep, DATA, ISS + 1, IRS + 1, 100)
    assert (res.rule, res.verdict) == ("send.retransmit-spurious", Verdict.LEGAL)
    assert "send.retransmit-spurious" in ORDINARY_LEGAL


# -- probes and window updates ----------------------------------------------------------------------


@pytest.mark.parametrize("length", [0, 1])
def test_a_keepalive_probe_and_its_ack(length):
    ep = established(snd_una=ISS + 101)
    res = send(ep, DATA if length else ACK, ISS + 100, IRS + 1, length)
    assert (res.rule, res.verdict) == ("send.keepalive", Verdict.LEGAL)
    peer = endpoint_in(State.ESTABLISHED, iss=IRS, irs=ISS, snd_una=IRS + 1, rcv_nxt=ISS + 101)
    got = arrive(peer, res.sent[0])
    assert got.rule == "seq.keepalive" and [(s.flags, s.seq, s.ack) for s in got.sent] == [(ACK, IRS + 1, ISS + 101)]


def test_a_zero_window_probe_and_its_ack():
    ep = established(snd_una=ISS + 101, snd_wnd=0)
    assert send(ep, ACK, ISS + 100, IRS + 1).rule == "send.window-probe"
    closed = endpoint_in(State.ESTABLISHED, iss=IRS, irs=ISS, snd_una=IRS + 1, rcv_nxt=ISS + 101, rcv_wnd=0)
    got = arrive(closed, Segment(DATA, ISS + 101, IRS + 1, 1))
    assert got.rule == "seq.window-probe" and [s.ack for s in got.sent] == [ISS + 101]


def test_a_window_update_is_sent_and_taken():
    ep = established(snd_una=ISS + 101, rcv_wnd=0)
    res = send(ep, ACK, ISS + 101, IRS + 1, window=65535)
    assert (res.rule, res.verdict) == ("send.window-update", Verdict.LEGAL) and res.endpoint.tcb.rcv_wnd == 65535
    peer = endpoint_in(State.ESTABLISHED, iss=IRS, irs=ISS, snd_una=IRS + 1, rcv_nxt=ISS + 101, snd_wnd=0)
    got = arrive(peer, res.sent[0])
    assert got.rule == "ack.window-update" and got.endpoint.tcb.snd_wnd == 65535


def test_the_game_sends_probes_through_the_move_notation():
    # the player crafts a keep-alive probe (SEQ = SND.NXT - 1): judged as one, and answered as one
    world = World.new(profile=LINUX, replies=Replies("auto"), seed=3)
    setup = "server listen; client connect; deliver 1; deliver 1; deliver 1; client send-data 100; deliver 1; deliver 1"
    world = outcomes_of(parse_moves(setup), world)[-1].world
    nxt, rcv = world.client.tcb.snd_nxt, world.client.tcb.rcv_nxt
    outcomes = outcomes_of(parse_moves(f"client sends ACK seq={nxt - 1} ack={rcv}; deliver 1; deliver 1"), world)
    assert [(o.rule, o.verdict) for o in outcomes] == [
        ("send.keepalive", Verdict.LEGAL),
        ("seq.keepalive", Verdict.NEUTRAL),
        ("ack.duplicate", Verdict.NEUTRAL),
    ]
    assert [(s.segment.seq, s.segment.ack) for s in outcomes[1].sent] == [(rcv, nxt)]


# -- data on the SYN (TCP Fast Open) ----------------------------------------------------------------


def test_data_on_a_syn_takes_sequence_space():
    res = send(fixture(State.CLOSED), SYN, ISS, 0, 200)
    assert res.rule == "send.syn-data" and res.endpoint.state is State.SYN_SENT
    assert res.endpoint.tcb.snd_nxt == ISS + 1 + 200


@pytest.mark.parametrize(
    "fastopen,ack,rule", [(True, ISS + 201, "data.syn-fastopen"), (False, ISS + 1, "data.syn-held")]
)
def test_a_listener_takes_syn_data_only_with_fast_open(fastopen, ack, rule):
    res = arrive(fixture(State.LISTEN), Segment(SYN, ISS, 0, 200), fastopen=fastopen)
    assert rule in res.rules and res.endpoint.state is State.SYN_RCVD and res.sent[0].ack == ack


@pytest.mark.parametrize("ack", [ISS + 1, ISS + 201])
def test_syn_sent_with_data_takes_a_synack_for_the_syn_or_for_all(ack):
    client = send(fixture(State.CLOSED), SYN, ISS, 0, 200).endpoint
    res = arrive(client, Segment(SYN | ACK, IRS, ack, 0))
    assert res.endpoint.state is State.ESTABLISHED and res.endpoint.tcb.snd_una == ack


# -- the receive buffer, read() and close() with unread data ----------------------------------------

UNREAD_STATES = [State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT, State.CLOSING, State.LAST_ACK]


@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name.value)
@pytest.mark.parametrize("state", UNREAD_STATES + [State.SYN_RCVD], ids=lambda s: s.value)
def test_close_with_unread_data_resets_in_every_profile(profile, state):
    ep = fixture(state)
    ep = ep._replace(tcb=ep.tcb._replace(unread=10), app=ep.app | App.HOLDING)
    res = on_call(ep, Call.CLOSE, profile, 9000)
    assert res.rule == "app.close-unread" and res.endpoint.state is State.CLOSED
    assert [s.label for s in res.sent] == (["RST+ACK"] if profile.abort_with_ack else ["RST"])
    assert res.sent[0].seq == ep.tcb.snd_nxt


def test_a_holding_application_counts_what_it_has_not_read_and_read_empties_it():
    ep = established()._replace(app=App.HOLDING)
    ep = arrive(ep, Segment(DATA, IRS + 1, ISS + 101, 100)).endpoint
    assert ep.tcb.unread == 100
    res = on_call(ep, Call.READ, TEXTBOOK, 9000)
    assert res.rule == "app.read" and res.endpoint.tcb.unread == 0 and res.sent == ()
    assert on_call(res.endpoint, Call.CLOSE, TEXTBOOK, 9000).rule == "app.close"  # nothing unread: a FIN


def test_read_reopens_a_closed_window_with_an_update():
    ep = established(rcv_wnd=0)._replace(app=App.HOLDING)
    res = on_call(ep, Call.READ, TEXTBOOK, 9000)
    assert [(s.flags, s.window) for s in res.sent] == [(ACK, 65535)]


def test_read_without_a_connection_is_refused():
    assert on_call(fixture(State.CLOSED), Call.READ, TEXTBOOK, 9000).verdict is Verdict.ILLEGAL


# -- Linux as it is ---------------------------------------------------------------------------------


def synrcvd():
    return fixture(State.SYN_RCVD)


@pytest.mark.parametrize(
    "profile,rule,state,sent",
    [(TEXTBOOK, "synrcvd.syn-passive", State.LISTEN, []), (LINUX, "synrcvd.syn-reset", State.LISTEN, ["RST+ACK"])],
)
def test_synrcvd_in_window_new_syn(profile, rule, state, sent):
    ep = synrcvd()
    res = arrive(ep, Segment(SYN, seq_add(ep.tcb.rcv_nxt, 100)), profile)
    assert (res.rule, res.endpoint.state, [s.label for s in res.sent]) == (rule, state, sent)


@pytest.mark.parametrize(
    "profile,rule,state,sent",
    [
        (TEXTBOOK, "rst.challenge-ack", State.SYN_RCVD, ["ACK"]),
        (LINUX, "rst.synrcvd-request", State.LISTEN, []),
    ],
)
def test_synrcvd_in_window_rst(profile, rule, state, sent):
    ep = synrcvd()
    res = arrive(ep, Segment(RST, seq_add(ep.tcb.rcv_nxt, 100)), profile)
    assert (res.rule, res.endpoint.state, [s.label for s in res.sent]) == (rule, state, sent)


@pytest.mark.parametrize("profile,rule", [(TEXTBOOK, "timewait.ack"), (LINUX, "timewait.ack-restart")])
def test_timewait_bare_ack_at_rcv_nxt(profile, rule):
    ep = fixture(State.TIME_WAIT)
    res = arrive(ep, Segment(ACK, ep.tcb.rcv_nxt, ep.tcb.snd_nxt), profile)
    assert res.rule == rule and res.endpoint.state is State.TIME_WAIT and res.sent == ()


@pytest.mark.parametrize("state", [State.CLOSE_WAIT, State.LAST_ACK, State.CLOSING], ids=lambda s: s.value)
@pytest.mark.parametrize(
    "profile,rule,after", [(TEXTBOOK, "rst.out-of-window", None), (LINUX, "rst.at-fin", State.CLOSED)]
)
def test_rst_at_the_peers_fin(state, profile, rule, after):
    ep = fixture(state)
    res = arrive(ep, Segment(RST, seq_add(ep.tcb.rcv_nxt, -1)), profile)
    assert res.rule == rule and res.endpoint.state is (after or state)


@pytest.mark.parametrize(
    "profile,rule,state",
    [(TEXTBOOK, "handshake.syn-received", State.SYN_RCVD), (LINUX, "listen.syn-fin-dropped", State.LISTEN)],
)
def test_listen_syn_fin(profile, rule, state):
    res = arrive(fixture(State.LISTEN), Segment(SYN | FIN, IRS), profile)
    assert res.rule == rule and res.endpoint.state is state


@pytest.mark.parametrize(
    "reuse,rule,state",
    [
        (0, "app.connect-timewait", State.TIME_WAIT),
        (2, "app.connect-timewait", State.TIME_WAIT),
        (1, "app.connect-tw-reuse", State.SYN_SENT),
    ],
)
def test_tw_reuse(reuse, rule, state):
    ep = fixture(State.TIME_WAIT)
    res = on_call(ep, Call.CONNECT, LINUX.with_options(tw_reuse=reuse), 9000)
    assert res.rule == rule and res.endpoint.state is state
    if state is State.SYN_SENT:
        assert res.sent[0].seq == seq_add(ep.tcb.snd_nxt, 65537)  # above anything the old connection sent


def test_an_ack_for_bytes_never_sent_says_older_kernels_stayed_silent():
    from tcptui.text import explain

    assert "older kernels" in explain("ack.future", "en") and "更早的内核" in explain("ack.future", "zh")


# -- TCP timestamps: TS.Recent, PAWS (RFC 7323 §4.3, §5.3) and RFC 6191 in TIME_WAIT ----------------

SYNCHRONIZED = [s for s in State if s.synchronized or s is State.SYN_RCVD]
RECENT = 1000  # TS.Recent of the fixtures below


def with_recent(state):
    ep = fixture(state)
    return ep._replace(tcb=ep.tcb._replace(ts_recent=RECENT))


def at_rcv_nxt(ep, flags=ACK, length=0):
    return Segment(flags, ep.tcb.rcv_nxt, ep.tcb.snd_nxt, length)


@pytest.mark.parametrize("state", SYNCHRONIZED, ids=lambda s: s.value)
@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name.value)
def test_paws_drops_an_older_timestamp_and_acks_in_every_synchronized_state(state, profile):
    ep = with_recent(state)
    res = arrive(ep, at_rcv_nxt(ep, DATA, 10), profile, ts=(RECENT - 50, 0))
    assert res.rule == "seq.paws" and res.endpoint == ep
    assert [(s.flags, s.seq, s.ack) for s in res.sent] == [(ACK, ep.tcb.snd_nxt, ep.tcb.rcv_nxt)]


@pytest.mark.parametrize("state", SYNCHRONIZED, ids=lambda s: s.value)
def test_a_rst_is_exempt_from_paws(state):
    ep = with_recent(state)
    res = arrive(ep, Segment(RST, ep.tcb.rcv_nxt), LINUX, ts=(RECENT - 50, 0))
    assert res.rule == arrive(ep, Segment(RST, ep.tcb.rcv_nxt), LINUX).rule != "seq.paws"


@pytest.mark.parametrize("state", [State.ESTABLISHED, State.CLOSE_WAIT, State.FIN_WAIT_2], ids=lambda s: s.value)
def test_an_acceptable_segment_in_order_moves_ts_recent_forward_only(state):
    ep = with_recent(state)
    newer = arrive(ep, at_rcv_nxt(ep), TEXTBOOK, ts=(RECENT + 7, 0))
    assert newer.rule != "seq.paws" and newer.endpoint.tcb.ts_recent == RECENT + 7
    beyond = Segment(DATA, seq_add(ep.tcb.rcv_nxt, 500), ep.tcb.snd_nxt, 100)  # out of order: not taken
    if not state.fin_received:
        assert arrive(ep, beyond, TEXTBOOK, ts=(RECENT + 9, 0)).endpoint.tcb.ts_recent == RECENT


@pytest.mark.parametrize(
    "profile,behind,rule", [(TEXTBOOK, 1, "seq.paws"), (LINUX, 1, "data.accept"), (LINUX, 2, "seq.paws")]
)
def test_linux_lets_one_tick_pass(profile, behind, rule):
    ep = with_recent(State.ESTABLISHED)
    seg = Segment(DATA, ep.tcb.rcv_nxt, ep.tcb.snd_una, 10)  # data: not a duplicate ACK
    assert arrive(ep, seg, profile, ts=(RECENT - behind, 0)).rule == rule


@pytest.mark.parametrize("profile,rule", [(TEXTBOOK, "seq.paws"), (LINUX, "ack.duplicate")])
def test_an_overtaken_duplicate_ack_passes_on_linux(profile, rule):
    ep = with_recent(State.ESTABLISHED)
    dup = Segment(ACK, ep.tcb.rcv_nxt, ep.tcb.snd_una, 0, ep.tcb.snd_wnd)
    assert arrive(ep, dup, profile, ts=(RECENT - 100, 0)).rule == rule


@pytest.mark.parametrize("state", [State.LISTEN, State.SYN_SENT], ids=lambda s: s.value)
def test_the_peers_syn_sets_ts_recent(state):
    ep = fixture(state)
    seg = Segment(SYN, IRS) if state is State.LISTEN else Segment(SYN | ACK, IRS, ep.tcb.snd_nxt)
    assert arrive(ep, seg, LINUX, ts=(4242, 0)).endpoint.tcb.ts_recent == 4242
    assert arrive(ep, seg, LINUX).endpoint.tcb.ts_recent is None  # no option: none kept


@pytest.mark.parametrize(
    "profile,tsval,rule,state",
    [
        (LINUX, RECENT + 1, "timewait.syn-accept-newer", State.SYN_RCVD),  # RFC 6191 §2
        (LINUX, RECENT - 1, "timewait.syn-paws", State.TIME_WAIT),  # tcp_paws_reject(): no tick of grace
        (TEXTBOOK, RECENT + 1, "timewait.syn-reuse", State.TIME_WAIT),
        (TEXTBOOK, RECENT - 1, "timewait.syn-paws", State.TIME_WAIT),
        (LINUX, None, "timewait.syn-reuse", State.TIME_WAIT),  # no timestamps: the sequence number decides
    ],
)
def test_a_syn_with_an_older_isn_in_time_wait_is_judged_by_its_timestamp(profile, tsval, rule, state):
    ep = with_recent(State.TIME_WAIT)._replace(app=App.LISTENING)
    syn = Segment(SYN, seq_add(ep.tcb.rcv_nxt, -1000))  # below RCV.NXT: by its number, an old SYN
    res = arrive(ep, syn, profile, ts=None if tsval is None else (tsval, 0))
    assert (res.rule, res.endpoint.state) == (rule, state)
    if state is State.TIME_WAIT:
        assert [s.flags for s in res.sent] == [ACK]
