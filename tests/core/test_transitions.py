"""The transition table (rules.RULES' `move`) and the engine agree.

Every (state × event) pair of every profile is driven through the engine by `tcptui explain`'s
probe; then the same events meet variants of each state the probe's fixtures leave out (after
close() rather than shutdown(), an active SYN_RCVD, data in flight, a close() queued behind the
handshake, CLOSED beside a listener, a crashed host), with a crash and a restart as events too;
and the interview pack's (a connection waiting in the accept queue, keep-alive probes sent, a
listener whose SYN queue overflowed meeting its cookie's ACK), with a crash, a restart and a reboot
as events too; then long seeded random games. Each state change must be the table's row of the rule
that made it — from one of its sources, to its target, on its kind of event — and every row of the
table must be reached.
"""

import random

import pytest

from tcptui.commands.probe import NEW_ISN, EventKind, Qualifier, all_events, arriving, fixture, probe
from tcptui.core import PROFILES, AppCall, Call, Crash, Deliver, Drop, Fire, Restart, Send, Side, State, Timer, World
from tcptui.core.arrive import Arrival, on_segment
from tcptui.core.calls import crash, on_call, on_timer, reboot, restart
from tcptui.core.endpoint import App, closed_endpoint, endpoint_in
from tcptui.core.listener import listener, syn_cookie
from tcptui.core.segment import ACK, Segment
from tcptui.core.moves import send_of
from tcptui.core.rules import RULES, TARGETS, Trigger, transitions
from tcptui.core.segment import Flags
from tcptui.core.validate import PALETTE, SEND_TABLE, Effect, Kind

PROFILE_LIST = list(PROFILES.values())
_EFFECT_CALL = {Effect.CONNECT: "connect", Effect.FIN: "shutdown", Effect.ABORT: "abort", Effect.DATA: "send"}


def _fits(row, kind: str, what) -> bool:
    """Does the event (kind: recv/app/timer/host; what: a Segment, a call's or timer's value, crash/restart)
    fit the row's event?"""
    on = row.on
    if on.trigger is Trigger.RECV:
        if kind != "recv":
            return False
        label = on.names[0]
        if label == "DATA":
            return what.length > 0
        if Flags.FIN in Flags.parse(label) and what.length > 0:
            return True  # data filling a hole delivers the FIN held in the out-of-order queue behind it
        return Flags.parse(label) in what.flags
    return on.trigger.value == kind and what in on.names


def check_changes(changes, before_listening: bool, profile, kind: str, what, seen: set, sent=None) -> None:
    """Each change against the table (and what the table says it sends against `sent`, the labels of
    what went out, when given); `seen` collects the (rule, source) edges reached."""
    reached_established = False
    for change in changes:
        rule = RULES[change.rule]
        row = rule.move
        assert row is not None, f"{change.rule} changed the state but has no transition in the table"
        assert change.new is row.target, (change, row.target)
        source = change.old
        if source not in row.sources:  # LISTEN stands also for CLOSED beside an open listener
            assert source is State.CLOSED and State.LISTEN in row.sources and before_listening, (change, row.sources)
            source = State.LISTEN
        assert row.exists_under(profile), (change.rule, profile.name)
        if row.on.trigger is Trigger.QUEUED:
            assert reached_established, f"{change.rule} must follow the handshake's end in the same event"
        else:
            assert _fits(row, kind, what), (change.rule, kind, what, row.on)
        if sent is not None and row.sends_under(profile):
            assert row.sends_under(profile) in sent, (change.rule, sent)
        reached_established = reached_established or change.new is State.ESTABLISHED
        seen.add((profile.name, change.rule, source))


def _probe_event(state: State, event, answer):
    """The (kind, what) of a probed event; a player's send stands for the call it performs."""
    if event.kind is EventKind.RECV:
        return "recv", answer.segment
    if event.kind is EventKind.APP:
        return "app", event.call.value
    if event.kind is EventKind.TIMER:
        return "timer", event.timer.value
    effect = SEND_TABLE[state].get(Kind.of(answer.segment.flags, answer.segment.length))
    return "app", _EFFECT_CALL.get(effect.effect) if effect else None


def probe_edges(profile) -> set:
    seen = set()
    for state in State:
        before = fixture(state)
        for event in all_events():
            answer = probe(state, event, profile)
            kind, what = _probe_event(state, event, answer)
            sent = answer.sent if event.kind is not EventKind.SEND else None  # a send is the segment itself
            check_changes(answer.changes, before.listening, profile, kind, what, seen, sent)
    return seen


def variants(state: State) -> list:
    """Endpoints in `state` the probe's fixtures do not show."""
    if not state.has_tcb:
        beside = closed_endpoint()._replace(app=App.LISTENING)  # a server's connection ended; it still listens
        down = [closed_endpoint(App.DOWN), closed_endpoint(App.DOWN | App.LISTENING)]
        flooded = closed_endpoint(App.LISTENING)._replace(
            listener=listener(4, 2, half_open=4)._replace(overflowed=True)
        )
        return [beside] + down if state is State.CLOSED else [closed_endpoint(App.LISTENING), flooded]
    irs = None if state is State.SYN_SENT else 5000
    out = []
    if state.fin_sent:
        out.append(endpoint_in(state, iss=1000, irs=irs, app=App.READ_CLOSED))  # close(), not shutdown()
    if state is State.SYN_RCVD:
        out.append(endpoint_in(state, iss=1000, irs=irs, passive=False))  # simultaneous open
        queued = App.CLOSE_PENDING | App.READ_CLOSED
        out.append(endpoint_in(state, iss=1000, irs=irs, pending=100, app=queued | App.LISTENING))
    if state is State.SYN_SENT:
        out.append(endpoint_in(state, iss=1000, pending=100))
    if state.synchronized and state is not State.TIME_WAIT and state is not State.FIN_WAIT_2:
        extra = 1 if state in (State.FIN_WAIT_1, State.CLOSING, State.LAST_ACK) else 0
        nxt = 1000 + 101 + extra + state.fin_sent
        out.append(endpoint_in(state, iss=1000, irs=irs, snd_una=1001, snd_nxt=nxt - extra))  # data in flight
    if state in (State.ESTABLISHED, State.CLOSE_WAIT, State.FIN_WAIT_2):
        for probes in (1, 9):  # keep-alive probes sent and unanswered: some, and all of Linux's nine
            out.append(endpoint_in(state, iss=1000, irs=irs)._replace(retries=probes))
    if state in (State.ESTABLISHED, State.CLOSE_WAIT):  # a connection the application has not accepted yet
        queues = listener(4, 2, queued=1)._replace(accept_q=(False, True))
        out.append(endpoint_in(state, iss=1000, irs=irs, app=App.LISTENING)._replace(listener=queues))
    if state is State.SYN_RCVD:  # a 半连接 whose listener's accept queue is full
        out.append(endpoint_in(state, iss=1000, irs=irs, app=App.LISTENING)._replace(listener=listener(4, 1, queued=1)))
    return out


def _cookie_ack(ep) -> Segment:
    """The ACK a client sends back to a SYN cookie (its ISN 5000)."""
    return Segment(ACK, 5001, (syn_cookie(5000) + 1) % (1 << 32))


def _labels(res) -> tuple:
    return tuple(seg.label for seg in res.sent)


def variant_edges(profile) -> set:
    """Every event on every variant, straight through the core."""
    seen = set()
    kinds = [Flags.parse(k) for k in ("SYN", "SYN+ACK", "ACK", "DATA", "FIN", "FIN+ACK", "RST", "RST+ACK")]
    for state in State:
        for ep in variants(state):
            for flags in kinds:
                for qualifier in Qualifier:
                    seg = arriving(ep, flags, qualifier)
                    res = on_segment(ep, seg, Arrival(profile, NEW_ISN))
                    check_changes(res.changes, ep.listening, profile, "recv", seg, seen, _labels(res))
            for call in Call:
                res = on_call(ep, call, profile, NEW_ISN)
                check_changes(res.changes, ep.listening, profile, "app", call.value, seen, _labels(res))
            for timer in Timer:
                res = on_timer(ep, timer, profile)
                check_changes(res.changes, ep.listening, profile, "timer", timer.value, seen, _labels(res))
            if ep.listener is not None and ep.listener.overflowed:
                seg = _cookie_ack(ep)
                res = on_segment(ep, seg, Arrival(profile, NEW_ISN))
                check_changes(res.changes, ep.listening, profile, "recv", seg, seen, _labels(res))
            for what, host in (("crash", crash), ("restart", restart), ("reboot", reboot)):
                check_changes(host(ep).changes, ep.listening, profile, "host", what, seen)
    for state in State:  # the probe's fixtures crash and reboot too
        ep = fixture(state)
        check_changes(crash(ep).changes, ep.listening, profile, "host", "crash", seen)
        for rebooting in (ep, ep._replace(app=ep.app | App.LISTENING)):  # a server's program listens again
            check_changes(reboot(rebooting).changes, rebooting.listening, profile, "host", "reboot", seen)
    return seen


def _random_move(rng: random.Random, world: World):
    if world.wire and rng.random() < 0.6:
        index = 0 if rng.random() < 0.7 else rng.randrange(len(world.wire))
        return Deliver(index) if rng.random() < 0.92 else Drop(index)
    side, roll = rng.choice((Side.CLIENT, Side.SERVER)), rng.random()
    if roll < 0.5:
        return AppCall(side, rng.choice(list(Call)))
    if roll < 0.75:
        return send_of(side, rng.choice(PALETTE).flags)
    if roll < 0.95:
        return Fire(side, rng.choice(list(Timer)))
    return Crash(side) if rng.random() < 0.5 else Restart(side)


def _move_event(world: World, move, outcome):
    if isinstance(move, Deliver):
        return "recv", outcome.segment.segment
    if isinstance(move, AppCall):
        return "app", move.call.value
    if isinstance(move, Fire):
        return "timer", move.timer.value
    if isinstance(move, (Crash, Restart)):
        return "host", "crash" if isinstance(move, Crash) else "restart"
    if isinstance(move, Send):
        ep = world.endpoint(move.side)
        cell = SEND_TABLE[ep.state].get(Kind.of(move.flags, move.length))
        return "app", _EFFECT_CALL.get(cell.effect) if cell else None
    return "none", None


def game_edges(profile, seed: int, moves: int) -> set:
    rng, seen = random.Random(seed), set()
    world = World.new(profile=profile, seed=seed)
    for _ in range(moves):
        move = _random_move(rng, world)
        outcome = world.apply(move)
        for side in Side:
            changes = [c for s, c in outcome.changes if s is side]
            if changes:
                kind, what = _move_event(world, move, outcome)
                check_changes(changes, world.endpoint(side).listening, profile, kind, what, seen)
        world = outcome.world
        if len(world.wire) > 12:
            world = world._replace(wire=world.wire[-4:])
    return seen


@pytest.mark.parametrize("profile", PROFILE_LIST, ids=lambda p: p.name.value)
def test_every_state_event_pair_agrees_with_the_table(profile):
    assert probe_edges(profile)


@pytest.mark.parametrize("profile", PROFILE_LIST, ids=lambda p: p.name.value)
def test_the_states_the_probe_leaves_out_agree_with_the_table(profile):
    assert variant_edges(profile)


@pytest.mark.parametrize("profile", PROFILE_LIST, ids=lambda p: p.name.value)
def test_random_games_agree_with_the_table(profile):
    assert game_edges(profile, seed=7, moves=6000)


def test_every_row_of_the_table_is_reached_by_the_engine():
    seen = set()
    for profile in PROFILE_LIST:
        seen |= probe_edges(profile) | variant_edges(profile)
    missing = [
        (profile.name.value, r.id, source.value)
        for profile in PROFILE_LIST
        for r, source in transitions(profile)
        if (profile.name, r.id, source) not in seen
    ]
    assert missing == []


def test_goto_takes_its_target_from_the_table_and_rules_lead_to_one_place():
    assert set(TARGETS) == {r.id for r in RULES.values() if r.move is not None}
    assert all(isinstance(t, State) for t in TARGETS.values())
    for r in RULES.values():
        if r.move is not None:
            assert r.move.sources and r.move.target not in r.move.sources, r.id  # a transition moves
