"""Random games with hostile moves: crafted segments with random flags and numbers, odd byte
counts, calls and timers at any time, crashes. Whatever is played, no endpoint's TCB is corrupted:
the invariants below hold after every move (issue 9; seeded, so every run plays the same games).

- SND.UNA =< SND.NXT (modular): nobody has had acknowledged what it never sent;
- SND.UNA never moves backwards within a connection;
- bytes waiting for ESTABLISHED are never negative, and only SYN_SENT / SYN_RCVD hold any;
- CLOSED and LISTEN have no TCB and owe no reply of a connection they no longer have (only RSTs,
  answers to segments that arrived there);
- a send from CLOSED or LISTEN is judged CORRECT only when it opens a connection or is an owed RST;
- a RST+ACK is never judged the owed bare RST when its ACK field says nothing (ACK = 0);
- every number stays on the 32-bit circle (the out-of-order queue's too), unread bytes and
  duplicate ACKs are never negative, every length within 0..65535 (byte counts outside it,
  negative or past 65,535, are refused, never played).

TCPTUI_SLOW=1 plays 10,000 games; CI plays a few hundred.
"""

from __future__ import annotations

import random

from tcptui.core import PROFILES, Replies, State, Verdict, World
from tcptui.core.endpoint import NO_TCB
from tcptui.core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Restart, Send, send_of
from tcptui.core.segment import ACK, FIN, HALF, MOD, RST, SYN, Flags
from tcptui.core.states import Call, Side, Timer
from tcptui.core.validate import PALETTE

from ..attack import Tally, cases

MOVES_PER_GAME = 60
_CALLS, _TIMERS, _SIDES = list(Call), list(Timer), list(Side)
_PROFILES = list(PROFILES.values())


def _number(rng: random.Random, world: World, side: Side) -> int:
    """A sequence or acknowledgment number an attacker would try: random, or near a real one."""
    me, peer = world.endpoint(side), world.endpoint(side.peer)
    near = [me.tcb.snd_nxt, me.tcb.snd_una, me.tcb.rcv_nxt, me.tcb.iss, peer.tcb.snd_nxt, peer.tcb.rcv_nxt, 0]
    roll = rng.random()
    if roll < 0.3:
        return rng.randrange(MOD)
    base = rng.choice(near)
    delta = rng.choice([0, 1, -1, 2, 100, -100, 65535, HALF, HALF - 1, -HALF])
    return (base + delta) % MOD


def hostile_move(rng: random.Random, world: World):
    """Any move at all; a third of them crafted segments."""
    side = rng.choice(_SIDES)
    n = len(world.wire)
    roll = rng.random()
    if roll < 0.3 and n:
        return Deliver(rng.randrange(n))
    if roll < 0.35:
        return Drop(rng.randrange(n + 1))
    if roll < 0.4:
        return Duplicate(rng.randrange(n + 1))
    if roll < 0.5:
        nbytes = rng.choice([1, 100, 1460, 65535, rng.randint(1, 65535), 0, -5, 65536, 10**9])
        return AppCall(side, rng.choice(_CALLS), nbytes)
    if roll < 0.6:
        return send_of(side, rng.choice(PALETTE).flags)
    if roll < 0.9:
        flags = Flags(rng.randrange(32))
        seq = _number(rng, world, side) if rng.random() < 0.8 else None
        ack = _number(rng, world, side) if rng.random() < 0.8 else None
        length = rng.choice([0, 0, 1, 100, 1000, 65535, -1, 65536, 10**9])
        return Send(side, flags, seq, ack, length)
    if roll < 0.97:
        return Fire(side, rng.choice(_TIMERS))
    return Crash(side) if rng.random() < 0.5 else Restart(side)


def broken_invariants(before: World, outcome) -> list[str]:
    """Which invariants the move broke (empty: none)."""
    after, broken = outcome.world, []
    for side in _SIDES:
        ep, old = after.endpoint(side), before.endpoint(side)
        name = side.value
        tcb = ep.tcb
        held = [v for start, end, _fin in tcb.ooo for v in (start, end)]
        if not all(0 <= v < MOD for v in (*tcb[:7], *held)):
            broken.append(f"{name}: a TCB number off the 32-bit circle")
        if tcb.unread < 0 or tcb.dupacks < 0:
            broken.append(f"{name}: unread {tcb.unread}, duplicate ACKs {tcb.dupacks}")
        if ep.state in (State.CLOSED, State.LISTEN):
            if tcb != NO_TCB:
                broken.append(f"{name}: {ep.state.value} with a TCB")
            if any(RST not in seg.flags for seg in ep.owed):
                broken.append(f"{name}: {ep.state.value} owes {[s.label for s in ep.owed]}")
        elif (tcb.snd_nxt - tcb.snd_una) % MOD >= HALF:
            broken.append(f"{name}: SND.UNA passed SND.NXT in {ep.state.value}")
        elif (
            old.state not in (State.CLOSED, State.LISTEN)
            and old.tcb.iss == tcb.iss
            and 0 < (old.tcb.snd_una - tcb.snd_una) % MOD < HALF
        ):
            broken.append(f"{name}: SND.UNA moved backwards in {ep.state.value}")
        if ep.pending < 0:
            broken.append(f"{name}: pending bytes {ep.pending}")
        elif ep.pending and ep.state not in (State.SYN_SENT, State.SYN_RCVD):
            broken.append(f"{name}: {ep.pending} bytes pending in {ep.state.value}")
    for item in after.wire:
        seg = item.segment
        if not (0 <= seg.seq < MOD and 0 <= seg.ack < MOD and 0 <= seg.length <= 65535):
            broken.append(f"a segment on the wire out of range: {seg}")
    move = outcome.move
    if isinstance(move, Send) and outcome.verdict is Verdict.CORRECT:
        sender = before.endpoint(move.side)
        sent = outcome.sent[0].segment if outcome.sent else None
        if sender.state in (State.CLOSED, State.LISTEN) and sent is not None:
            opens = sent.flags & (SYN | ACK | FIN | RST) == SYN  # a connect()
            owed_rst = RST in sent.flags and any(RST in o.flags for o in sender.owed)
            if not (opens or owed_rst):
                broken.append(f"{sent.label} from {sender.state.value} judged correct")
        if sent is not None and sent.flags == RST | ACK and sent.ack == 0:
            if not any(o.flags == RST | ACK and o.ack == 0 for o in sender.owed):
                broken.append("a RST+ACK with ACK=0 judged the owed reply")
    return broken


def opened(world: World, rng: random.Random) -> tuple[World, list[str]]:
    """The world after an honest handshake (and maybe some data each way), replies paid as owed:
    most hostile moves then meet ESTABLISHED and the states after it, where SND.UNA moves."""
    played = []

    def make(move) -> None:
        nonlocal world
        played.append(str(move))
        world = world.apply(move).world

    make(AppCall(Side.SERVER, Call.LISTEN))
    make(AppCall(Side.CLIENT, Call.CONNECT))
    for step in range(16):
        for side in _SIDES:
            for seg in world.endpoint(side).owed:
                make(Send(side, seg.flags, seg.seq, seg.ack, seg.length))
        if world.wire:
            make(Deliver(0))
        elif step < 8 and rng.random() < 0.5:
            make(AppCall(rng.choice(_SIDES), Call.SEND, rng.choice([1, 100, 65535])))
        else:
            break
    return world, played


def play(seed: int, moves: int = MOVES_PER_GAME) -> list[str]:
    """One seeded game (three in four open a connection honestly first); the first broken
    invariants, with the moves that led there."""
    rng = random.Random(seed)
    world = World.new(profile=rng.choice(_PROFILES), replies=rng.choice(list(Replies)), seed=rng.randrange(2**32))
    played = []
    if rng.random() < 0.75:
        world, played = opened(world, rng)
    for _ in range(moves):
        move = hostile_move(rng, world)
        played.append(str(move))
        try:
            outcome = world.apply(move)
        except Exception as e:  # noqa: BLE001 - the engine must never raise on a move
            return [f"{type(e).__name__}: {e} after {'; '.join(played)}"]
        broken = broken_invariants(world, outcome)
        if broken:
            return [f"{broken[0]} after {'; '.join(played[-8:])}"]
        world = outcome.world
        if world.client.state in _SYNCHRONIZED or world.server.state in _SYNCHRONIZED:
            reached.add(seed)
    return []


_SYNCHRONIZED = (State.ESTABLISHED, State.CLOSE_WAIT)
reached: set[int] = set()  # games that reached ESTABLISHED or CLOSE_WAIT, where SND.UNA moves


def tally_invariants(games: int) -> tuple[int, dict[str, int]]:
    """For the figures: how many games broke any invariant, and per invariant in how many games it
    broke at least once (the games go on after a break, unlike `play`)."""
    import re

    counts: dict[str, int] = {}
    failed = 0
    for seed in range(games):
        rng = random.Random(seed)
        world = World.new(profile=rng.choice(_PROFILES), replies=rng.choice(list(Replies)), seed=rng.randrange(2**32))
        if rng.random() < 0.75:
            world, _ = opened(world, rng)
        seen = set()
        for _ in range(MOVES_PER_GAME):
            try:
                outcome = world.apply(hostile_move(rng, world))
            except Exception as e:  # noqa: BLE001 - counted like any broken invariant
                seen.add(f"raises {type(e).__name__}")
                break
            for broken in broken_invariants(world, outcome):
                broken = re.sub(r"^(client|server): ", "", broken)
                broken = re.sub(r"owes \[.*\]", "owes a reply of its past", broken)
                broken = re.sub(r"^(CLOSED|LISTEN) ", "CLOSED/LISTEN ", broken)
                broken = re.sub(r"^\S+ from (CLOSED|LISTEN)", "a send from CLOSED/LISTEN", broken)
                broken = re.sub(r"Segment\(.*\)|(?<= )in [A-Z_0-9]+$", "", broken)
                seen.add(re.sub(r"-?\d+", "N", broken).strip(": "))
            world = outcome.world
        for name in seen:
            counts[name] = counts.get(name, 0) + 1
        failed += bool(seen)
    return failed, counts


if __name__ == "__main__":  # python -m tests.core.test_hostile_games [GAMES]
    import sys

    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    failed, counts = tally_invariants(total)
    print(f"{total} hostile games, {failed} broke an invariant")
    for name, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{count:7}  {name}")


def test_hostile_games_keep_the_engine_s_invariants():
    games = cases(400, 10_000)
    with Tally("engine: hostile games") as tally:
        for seed in range(games):
            tally.record(f"game {seed}", play(seed))
    share = len(reached & set(range(games))) / games
    assert share > 0.6, f"only {share:.0%} of the games reached ESTABLISHED or CLOSE_WAIT"


# -- the reproductions ------------------------------------------------------------------------


def _established(replies: Replies = Replies.AUTO) -> World:
    world = World.new(replies=replies)
    for move in (AppCall(Side.SERVER, Call.LISTEN), AppCall(Side.CLIENT, Call.CONNECT)):
        world = world.apply(move).world
    for _ in range(3):
        for side in _SIDES:
            for seg in world.endpoint(side).owed:
                world = world.apply(Send(side, seg.flags, seg.seq, seg.ack, seg.length)).world
        world = world.apply(Deliver(0)).world
    assert world.client.state is State.ESTABLISHED and world.server.state is State.ESTABLISHED
    return world


def test_a_negative_or_oversized_send_is_refused_and_the_tcb_kept():
    """`client send-data -5` moved SND.NXT backwards (then SND.UNA passed it); sizes above 65,535
    built payloads no packet can carry."""
    world = _established()
    for nbytes in (-5, 0, 65536, 10**9):
        outcome = world.apply(AppCall(Side.CLIENT, Call.SEND, nbytes))
        assert outcome.verdict is Verdict.ILLEGAL and outcome.rule == "app.send-size", nbytes
        assert outcome.world == world  # nothing changed, nothing sent


def test_a_negative_send_while_connecting_is_refused_not_a_negative_pending_count():
    world = World.new().apply(AppCall(Side.CLIENT, Call.CONNECT)).world
    outcome = world.apply(AppCall(Side.CLIENT, Call.SEND, -5))
    assert outcome.verdict is Verdict.ILLEGAL and outcome.world.client.pending == 0


def test_a_crafted_segment_of_impossible_length_is_refused_and_sends_nothing():
    world = _established()
    for length in (-1, 65536, 10**9):
        outcome = world.apply(Send(Side.CLIENT, Flags.PSH | ACK, None, None, length))
        assert outcome.verdict is Verdict.ILLEGAL and outcome.rule == "send.impossible-length"
        assert outcome.world == world


def test_queued_data_and_retransmissions_go_out_in_segments_a_packet_can_carry():
    world = World.new()
    for move in (
        AppCall(Side.SERVER, Call.LISTEN),
        AppCall(Side.CLIENT, Call.CONNECT),
        *[AppCall(Side.CLIENT, Call.SEND, 65535)] * 3,  # queued in SYN_SENT: 196,605 bytes
        Deliver(0),
        Deliver(0),
    ):
        world = world.apply(move).world
    assert world.client.state is State.ESTABLISHED
    assert [item.segment.length for item in world.wire if item.src is Side.CLIENT] == [0, 65535, 65535, 65535]
    rto = world.apply(Fire(Side.CLIENT, Timer.RTO))
    assert [item.segment.length for item in rto.sent] == [65535]


def test_a_call_or_timer_that_closes_the_endpoint_drops_the_replies_it_owed():
    """An endpoint taken to CLOSED kept its owed ACK, and sending it from CLOSED was judged correct."""
    world = _established(Replies.MANUAL)
    world = world.apply(AppCall(Side.CLIENT, Call.SEND, 100)).world
    world = world.apply(Deliver(0)).world
    assert [seg.label for seg in world.server.owed] == ["ACK"]
    for closing in (AppCall(Side.SERVER, Call.ABORT), Crash(Side.SERVER)):
        after = world.apply(closing).world
        assert after.server.state is State.CLOSED and after.server.owed == ()
        sent = after.apply(send_of(Side.SERVER, ACK))
        assert sent.verdict is not Verdict.CORRECT


def test_a_rst_ack_is_not_the_owed_bare_rst():
    """A RST+ACK with ACK=0 was accepted as the owed <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1)."""
    world = World.new(replies=Replies.MANUAL)
    world = world.apply(Send(Side.CLIENT, ACK, 1000, 2000)).world  # to a host with no connection
    world = world.apply(Deliver(0)).world
    assert [seg.label for seg in world.server.owed] == ["RST"]
    wrong = world.apply(send_of(Side.SERVER, RST | ACK))
    assert wrong.verdict is not Verdict.CORRECT and [s.label for s in wrong.world.server.owed] == ["RST"]
    right = world.apply(send_of(Side.SERVER, RST))
    assert right.verdict is Verdict.CORRECT and right.sent[0].segment.seq == 2000 and right.world.server.owed == ()
