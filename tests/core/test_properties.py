"""Hypothesis property tests over random games: whatever the player and the network do, the engine
never raises, stays in valid states, keeps sequence numbers on the 32-bit circle, undoes and redoes
exactly, and never acknowledges bytes that were never sent."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcptui.core import (
    PROFILES,
    AppCall,
    Call,
    Crash,
    Deliver,
    Drop,
    Duplicate,
    Fire,
    Game,
    Replies,
    Restart,
    Side,
    State,
    Timer,
    Verdict,
    World,
)
from tcptui.core.endpoint import NO_TCB
from tcptui.core.moves import send_of
from tcptui.core.segment import MOD, seq_le
from tcptui.core.validate import PALETTE

from .trace import assert_whole

_CALLS, _TIMERS, _SIDES = list(Call), list(Timer), list(Side)
# One flat draw per move: (what, side, choice, index). Building one strategy per step is slow.
_RAW = st.tuples(st.integers(0, 11), st.integers(0, 1), st.integers(0, 6), st.integers(0, 7), st.integers(1, 300))


def to_move(raw, world: World):
    """Any move at all, legal or not, with a bias towards delivering what is in flight."""
    what, side, choice, index, nbytes = raw
    side = _SIDES[side]
    index = index % len(world.wire) if world.wire and index < 6 else index
    if what <= 3:
        return Deliver(index)
    if what == 4:
        return Drop(index)
    if what == 5:
        return Duplicate(index)
    if what == 6:
        return AppCall(side, _CALLS[choice % len(_CALLS)], nbytes)
    if what in (7, 8):
        return send_of(side, PALETTE[choice].flags)
    if what == 9:
        return Fire(side, _TIMERS[choice % len(_TIMERS)])
    return Crash(side) if what == 10 else Restart(side)


def move_strategy(world: World):
    return _RAW.map(lambda raw: to_move(raw, world))


def new_world(data) -> World:
    profile = data.draw(st.sampled_from(list(PROFILES.values())), "profile")
    replies = data.draw(st.sampled_from(list(Replies)), "replies")
    return World.new(profile=profile, replies=replies, seed=data.draw(st.integers(0, 2**32), "seed"))


def assert_valid(world: World) -> None:
    for ep in (world.client, world.server):
        assert_whole(ep)
        assert isinstance(ep.state, State)
        tcb = ep.tcb
        assert all(0 <= v < MOD for v in tcb[:7]) and tcb.unread >= 0 and tcb.dupacks >= 0, tcb
        assert all(0 <= s < MOD and 0 <= e < MOD for s, e, _ in tcb.ooo), tcb
        if ep.state in (State.CLOSED, State.LISTEN):
            assert ep.tcb == NO_TCB
        for seg in ep.owed:
            assert 0 <= seg.seq < MOD and 0 <= seg.ack < MOD
    for item in world.wire:
        assert 0 <= item.segment.seq < MOD and 0 <= item.segment.ack < MOD and item.segment.length >= 0


def same_connection(a, b) -> bool:
    """a has received from b's current connection (a knows b's ISS as its IRS)."""
    has = (State.CLOSED, State.LISTEN, State.SYN_SENT)
    return a.state not in has and b.state not in (State.CLOSED, State.LISTEN) and a.tcb.irs == b.tcb.iss


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_games_never_break(data):
    game = Game(new_world(data))
    for _ in range(data.draw(st.integers(1, 60), "length")):
        outcome = game.apply(data.draw(move_strategy(game.world)))
        assert outcome.rule and outcome.verdict in Verdict
        assert_valid(game.world)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_then_redo_gives_an_identical_world(data):
    game = Game(new_world(data))
    for _ in range(data.draw(st.integers(1, 40), "length")):
        game.apply(data.draw(move_strategy(game.world)))
    before, history = game.world, game.history
    k = data.draw(st.integers(0, len(history)), "undo")
    for _ in range(k):
        game.undo()
    assert game.world == (history[-k - 1].world if k < len(history) else game.start)
    for _ in range(k):
        game.redo()
    assert game.world == before and hash(game.world) == hash(before) and game.history == history


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_nobody_acknowledges_bytes_never_sent(data):
    """With the player sending only what a TCP may send, RCV.NXT never passes the peer's SND.NXT,
    and no segment on the wire acknowledges more than its receiver has sent."""
    world = new_world(data)
    for _ in range(data.draw(st.integers(1, 60), "length")):
        outcome = world.apply(data.draw(move_strategy(world)))
        if outcome.verdict in (Verdict.ILLEGAL, Verdict.WRONG_NUMBERS) or outcome.rule == "data.late-accepted":
            continue  # a forged segment, or the §4.1 a accident: not the stack's doing
        world = outcome.world
        for a, b in ((world.client, world.server), (world.server, world.client)):
            if same_connection(a, b):
                assert seq_le(a.tcb.rcv_nxt, b.tcb.snd_nxt), (a, b)
        for item in world.wire:
            receiver = world.endpoint(item.dst)
            sender = world.endpoint(item.src)
            if (
                item.origin is not None
                and sender.state is not State.CLOSED
                and item.origin == sender.tcb.iss
                and same_connection(sender, receiver)
                and item.segment.flags.ACK in item.segment.flags
            ):
                assert seq_le(item.segment.ack, receiver.tcb.snd_nxt), (item, receiver)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**31 - 1))
def test_sequence_comparison_is_circular(a, n):
    from tcptui.core.segment import seq_add, seq_diff, seq_gt, seq_lt

    b = seq_add(a, n)
    assert seq_diff(b, a) == n or (n == 2**31 and seq_diff(b, a) == 2**31)
    if 0 < n < 2**31:
        assert seq_lt(a, b) and seq_gt(b, a) and not seq_lt(b, a)
