"""Hypothesis property tests over games: whatever the player and the network do, the engine never
raises, stays in valid states, keeps sequence numbers on the 32-bit circle, undoes and redoes
exactly; and over the games a correct stack and network can play (a state machine over the playable
moves), it never acknowledges bytes that were never sent, keeps every TCB in RFC 9293's order, and
changes states only along the transition table."""

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

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
    MoveKind,
    Offer,
    ProfileName,
    Replies,
    Restart,
    Send,
    Side,
    State,
    Timer,
    TimewaitSyn,
    Verdict,
    World,
    playable,
)
from tcptui.core.available import ALL_CALLS, ALL_TIMERS, SIDES
from tcptui.core.endpoint import NO_TCB, endpoint_in
from tcptui.core.moves import Flood, Reboot, parse_move, send_of
from tcptui.core.rules import RULES
from tcptui.core.segment import ACK, MOD, RST, SYN, seq_diff, seq_gt, seq_le
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


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**31 - 1))
def test_sequence_comparison_is_circular(a, n):
    from tcptui.core.segment import seq_add, seq_diff, seq_gt, seq_lt

    b = seq_add(a, n)
    assert seq_diff(b, a) == n or (n == 2**31 and seq_diff(b, a) == 2**31)
    if 0 < n < 2**31:
        assert seq_lt(a, b) and seq_gt(b, a) and not seq_lt(b, a)


# -- Reachable games: a state machine over the moves the core says are playable -------------------
#
# The random games above draw any move at all, and most of them are illegal or name no segment: in
# a run of them both endpoints share one synchronized connection in under 1 example in 100, so the
# invariants below almost never applied. This machine plays only what `available.playable` offers
# (every call, send, timer, crash and network move a correct stack or network could make now),
# weighted towards delivering what is in flight, so most games open a connection, move data, close
# it and reach TIME_WAIT — and every invariant is checked after every move.

# The families a move is drawn from, and their weights: network moves, then what a stack does of
# its own accord (a call, a CORRECT send: an owed reply, a SYN, data, a FIN), time, and the rarer
# moves that end connections (a needless RST or ACK, an abort, a killed process, a crashed host).
# Drawn as often as the rest, the enders tore down most openings (see the test's figures).
DELIVER, DROP, DUPLICATE, CALL, CLOSE, SEND, ODD_SEND, TIMER, ENDER, RESTART = range(10)
_WEIGHTS = {DELIVER: 20, CALL: 4, CLOSE: 2, SEND: 6, TIMER: 2, DROP: 1, DUPLICATE: 1, ODD_SEND: 1, ENDER: 1, RESTART: 4}
_ENDERS = (Call.ABORT, Call.CRASH)
_CLOSES = (Call.SHUTDOWN, Call.CLOSE)


def family(move, outcome) -> int:
    """Which family `move` (playable, with its `outcome`) is drawn from."""
    kind = type(move)
    if kind is Deliver:
        return DELIVER
    if kind is Drop:
        return DROP
    if kind is Duplicate:
        return DUPLICATE
    if kind is AppCall:
        return ENDER if move.call in _ENDERS else CLOSE if move.call in _CLOSES else CALL
    if kind is Send:
        return SEND if outcome.verdict is Verdict.CORRECT else ODD_SEND
    if kind is Fire:
        return TIMER
    return RESTART if kind is Restart else ENDER  # Crash, Reboot, Flood


# Every call and timer the engine knows (read(), accept(), kill, SO_REUSEADDR, keep-alive too).
_OFFER = Offer(frozenset(MoveKind), SIDES, ALL_CALLS, PALETTE, ALL_TIMERS, 4)
_EXTRA = (Reboot(Side.CLIENT), Reboot(Side.SERVER), Flood(1), Flood(200))
_PROFILES = [
    *PROFILES.values(),
    PROFILES[ProfileName.TEXTBOOK].with_options(rfc1337=True),
    PROFILES[ProfileName.TEXTBOOK].with_options(timewait_syn=TimewaitSyn.ACCEPT_NEWER),
    PROFILES[ProfileName.LINUX].with_options(tw_reuse=1, abort_on_overflow=True),
]
# How games start (the first is what shrinking tends to): the §2 handshake under way, a listener
# alone, simultaneous open, nothing at all. The machine opens connections by itself too (after a
# close, a reset or a crash), but from nothing half its moves go to CLOSED endpoints.
_OPENINGS = [
    ("server listen", "client connect"),
    ("server listen", "client connect"),
    ("server listen",),
    ("client connect", "server connect"),
    (),
]
_CLOSING = frozenset({State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT, State.CLOSING, State.LAST_ACK})


class Reach:
    """What the examples of one run reached: the share of them in which the synchronized-state
    invariants applied is the measure of this machine (and is asserted)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.examples = self.synchronized = self.established = self.closing = self.time_wait = 0

    def share(self, count: int) -> float:
        return count / self.examples if self.examples else 0.0


REACH = Reach()


def _knows(a, b) -> bool:
    """a has heard b's SYN on b's current connection: a's IRS is b's ISS (SYN_RCVD on)."""
    return a.state.has_tcb and a.state is not State.SYN_SENT and b.state.has_tcb and a.tcb.irs == b.tcb.iss


class ReachableGames(RuleBasedStateMachine):
    """Both endpoints and the network, playing only playable moves; invariants after each one."""

    def __init__(self) -> None:
        super().__init__()
        self.world: World | None = None
        self.tainted: set = set()  # (side, ISS, IRS) of connections that took a late segment (§4.1 a)
        self.owed_by: dict = {}  # (side, owed segment) → the ISS of the connection that came to owe it
        self.stale: set = set()  # serials of owed replies paid by a later connection than owed them
        self.reached: set = set()
        self.synchronized = False

    @initialize(
        profile=st.sampled_from(_PROFILES),
        replies=st.sampled_from([Replies.AUTO, Replies.AUTO, Replies.MANUAL]),
        seed=st.integers(0, 2**32 - 1),
        opening=st.sampled_from(_OPENINGS),
    )
    def start(self, profile, replies, seed, opening):
        self.world = World.new(profile=profile, replies=replies, seed=seed)
        note(f"# profile={profile.name.value} replies={replies.value} seed={seed}")
        for text in opening:
            note(text)
            self.world = self.world.apply(parse_move(text)).world

    @rule(data=st.data())
    def move(self, data):
        """One playable move, its family drawn by weight, then one of that family's moves."""
        world = self.world
        families: dict = {}
        for move, outcome in playable(world, _OFFER, _EXTRA):
            check_outcome(world, outcome)  # the moves not taken too: each is one more event judged
            for side in SIDES:
                if outcome.world.endpoint(side) is not world.endpoint(side):
                    check_endpoint(outcome.world.endpoint(side))
            families.setdefault(family(move, outcome), []).append((move, outcome))
        assert families, "no playable move: the game is stuck"  # restart, listen or connect always remain
        weighted = [kind for kind, weight in _WEIGHTS.items() if kind in families for _ in range(weight)]
        choices = families[data.draw(st.sampled_from(weighted), "family")]
        move, outcome = choices[data.draw(st.integers(0, len(choices) - 1), "which")]
        note(str(move))
        if outcome.rule == "data.late-accepted":  # §4.1 a: the accident TIME_WAIT exists to prevent
            ep = outcome.world.endpoint(outcome.side)
            self.tainted.add((outcome.side, ep.tcb.iss, ep.tcb.irs))
        self._follow_owed(outcome)
        self.world = outcome.world

    def _follow_owed(self, outcome) -> None:
        """Manual replies: a RST owed while CLOSED stays owed when the endpoint opens a connection,
        and goes on the wire tagged with the new connection's ISS; its ACK answers the old segment."""
        for item in outcome.sent:
            owner = self.owed_by.get((item.src, item.segment), item.origin)
            if (outcome.rule == "send.reply" and owner != item.origin) or outcome.segment in self.stale_items:
                self.stale.add(item.serial)
        for side in SIDES:
            ep = outcome.world.endpoint(side)
            for seg in ep.owed:
                self.owed_by.setdefault((side, seg), ep.tcb.iss if ep.state.has_tcb else None)

    @property
    def stale_items(self) -> list:
        return [item for item in self.world.wire if item.serial in self.stale]

    @invariant()
    def endpoints_are_consistent(self):
        if self.world is None:
            return
        for ep in (self.world.client, self.world.server):
            check_endpoint(ep)
            self.reached.add(ep.state)

    @invariant()
    def nobody_acknowledges_bytes_never_sent(self):
        """RFC 9293 §3.3.1 (and §3.10.7.4's acceptable ACK, SND.UNA < SEG.ACK =< SND.NXT): what one
        endpoint has received (RCV.NXT), and every ACK it has put on the wire, stays within what the
        other has sent (SND.NXT) — unless the §4.1 a accident fed it an older connection's bytes."""
        world = self.world
        if world is None:
            return
        for side in SIDES:
            a, b = world.endpoint(side), world.endpoint(side.peer)
            if not _knows(a, b) or (side, a.tcb.iss, a.tcb.irs) in self.tainted:
                continue
            assert seq_le(a.tcb.rcv_nxt, b.tcb.snd_nxt), (side, a, b)
            if a.state.synchronized and b.state.synchronized and _knows(b, a):
                self.synchronized = True
            for item in world.wire:
                seg = item.segment
                if item.src is side and item.origin == a.tcb.iss and ACK in seg.flags and item.serial not in self.stale:
                    assert seq_le(seg.ack, b.tcb.snd_nxt), (item, b)
            for seg in a.owed:  # manual replies: what the stack owes, not yet sent
                if ACK in seg.flags and self.owed_by.get((side, seg)) == a.tcb.iss:
                    assert seq_le(seg.ack, b.tcb.snd_nxt), (seg, b)

    def teardown(self):
        REACH.examples += 1
        REACH.synchronized += self.synchronized
        REACH.established += State.ESTABLISHED in self.reached
        REACH.closing += bool(self.reached & _CLOSING)
        REACH.time_wait += State.TIME_WAIT in self.reached
        event("both synchronized" if self.synchronized else "never both synchronized")


def check_endpoint(ep) -> None:
    """One endpoint against RFC 9293 §3.3.1–3.3.2 and the core's own checked constructor."""
    tcb = ep.tcb
    assert all(0 <= v < MOD for v in tcb[:7]), tcb
    assert tcb.unread >= 0 and tcb.dupacks >= 0 and ep.pending >= 0 and ep.retries >= 0, ep
    if not ep.state.has_tcb:
        # §3.3.2: CLOSED and LISTEN hold no TCB — nothing of a connection may linger.
        assert tcb == NO_TCB and not ep.passive and not ep.pending and not ep.retries, ep
        # Only a RST answers for a connection gone (§3.10.7.1) — and a listener whose SYN queue
        # overflowed answers a SYN with a SYN cookie, keeping no state (RFC 4987 §3.6).
        cookie = ep.listening and ep.listener is not None and ep.listener.overflowed
        assert all(RST in seg.flags or (cookie and seg.flags == SYN | ACK) for seg in ep.owed), ep
        return
    assert not ep.down, ep  # §4.4.4: a crashed host remembers no connection
    # §3.3.1: ISS =< SND.UNA =< SND.NXT, and the unacknowledged range is less than half the circle.
    assert seq_le(tcb.iss, tcb.snd_una) and seq_le(tcb.snd_una, tcb.snd_nxt), tcb
    assert seq_diff(tcb.snd_nxt, tcb.snd_una) < 2**31, tcb
    if ep.state is not State.SYN_SENT:
        assert seq_gt(tcb.rcv_nxt, tcb.irs), tcb  # the peer's SYN took IRS
    for start, end, _ in tcb.ooo:  # held beyond a hole: after RCV.NXT (§3.10.7.4 seventh)
        assert seq_gt(start, tcb.rcv_nxt) and seq_le(start, end), tcb
    # The core's checked constructor (endpoint.endpoint_in) accepts every endpoint the engine makes.
    endpoint_in(
        ep.state,
        iss=tcb.iss,
        irs=None if ep.state is State.SYN_SENT else tcb.irs,
        snd_una=tcb.snd_una,
        snd_nxt=tcb.snd_nxt,
        rcv_nxt=tcb.rcv_nxt,
        snd_wnd=tcb.snd_wnd,
        rcv_wnd=tcb.rcv_wnd,
        passive=ep.passive,
        app=ep.app,
        pending=ep.pending,
        owed=ep.owed,
    )


def check_outcome(world: World, outcome) -> None:
    """Every outcome names rules the table knows, with their references; every state change is a row
    of the transition table (rules.RULES' `move`), from the state the endpoint was in, in order."""
    move = str(outcome.move)
    assert outcome.rule in outcome.rules, (move, outcome.rule, outcome.rules)
    for rule_id in outcome.rules:
        assert rule_id in RULES and RULES[rule_id].rfc, (move, rule_id)
    after = outcome.world
    for side in SIDES:
        mine = [change for s, change in outcome.changes if s is side]
        was, now = world.endpoint(side).state, after.endpoint(side).state
        for change in mine:
            row = RULES[change.rule].move
            assert row is not None, f"{move}: {change.rule} changed the state but is no transition"
            assert change.old is was and change.new is row.target, (move, change, was, row.target)
            listening = change.old is State.CLOSED and State.LISTEN in row.sources  # CLOSED beside a listener
            assert change.old in row.sources or listening, (move, change, row.sources)
            assert row.exists_under(world.profile), (move, change.rule, world.profile.name)
            was = change.new
        assert now is was, (move, side, mine, now)  # no state changed without a rule that changed it


SETTINGS = settings(
    max_examples=150,
    stateful_step_count=50,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_reachable_games_keep_the_invariants():
    """The machine's games, and the share of them the synchronized-state invariants applied to.

    Measured (`pytest tests/core/test_properties.py -k reachable -s`; derandomized, so every run
    draws the same 151 games of up to 50 moves — an edit to the machine draws others): both endpoints
    synchronized on one connection in 74 % of the games (72–88 % in six runs of 150 random games, 80 %
    of 3,035), where the random games above and the test this one replaced reach under 1 % (one
    endpoint knowing the other's connection at all: 1–11 %); ESTABLISHED in 74 %, a closing state
    (FIN_WAIT_1 … LAST_ACK) in 86 %, TIME_WAIT in 14 % (14–47 %). While tuning: with aborts, kills
    and stray RSTs drawn as often as other calls and sends, 22–40 %; without the openings, 64–79 %."""
    REACH.reset()
    run_state_machine_as_test(ReachableGames, settings=SETTINGS)
    print(
        f"{REACH.examples} games: both synchronized {REACH.share(REACH.synchronized):.0%}, ESTABLISHED "
        f"{REACH.share(REACH.established):.0%}, closing {REACH.share(REACH.closing):.0%}, "
        f"TIME_WAIT {REACH.share(REACH.time_wait):.0%}"
    )
    assert REACH.share(REACH.synchronized) > 0.6, vars(REACH)
    assert REACH.share(REACH.time_wait) > 0.05, vars(REACH)
