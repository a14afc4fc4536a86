"""The world: two endpoints, the wire between them, the rules in force. `apply(move) → Outcome`.

A World is a value (a namedtuple): applying a move returns a new world inside the Outcome and
leaves the old one untouched, so undo is keeping the old one and the solver can hash worlds.
Everything random is injected: ISNs come from `isn_for(seed, side, n)`, never from a clock.
"""

from __future__ import annotations

from collections import namedtuple

from . import calls
from .arrive import Arrival, flood, on_segment
from .endpoint import Change, Endpoint, closed_endpoint, owe
from .moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send
from .network import InFlight, copy, put, take
from .profile import DEFAULT_PROFILE, Profile
from .rules import points_for
from .segment import FIN
from .states import Reaction, Replies, Side, State, Verdict
from .validate import judge_send

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_MASK64 = (1 << 64) - 1
_new = tuple.__new__
_LETTER = {Side.CLIENT: "x", Side.SERVER: "y"}


def isn_for(seed: int, side: Side, n: int) -> int:
    """The n-th ISN of `side` in a game seeded with `seed` (splitmix64, cut to 32 bits)."""
    z = (seed * 0x9E3779B97F4A7C15 + (2 * n + (side is Side.SERVER) + 1) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return (z ^ (z >> 31)) & 0xFFFFFFFF


class Outcome(namedtuple("Outcome", "move side verdict reaction rule rules params changes sent segment owed world")):
    """What one move did.

    - side: the endpoint that acted (or, for a delivery, received); None for a lost segment.
    - verdict: how the move is judged (NEUTRAL for the network's own moves); reaction: for a
      delivery, what the receiver did.
    - rule: the deciding rule id (see rules.RULES for its references); rules: all that fired;
      params: facts for the explanation text.
    - changes: tuple of (Side, Change); sent: InFlight entries this move put on the wire;
      segment: the InFlight a network move concerned; owed: replies now owed (manual mode).
    - world: the world after the move.
    """

    __slots__ = ()

    @property
    def points(self) -> int:
        """Points for the UI and puzzles to score."""
        return points_for(self.verdict, self.reaction)


class World(namedtuple("World", "client server wire profile replies seed isns serial symbols")):
    """Two endpoints and the wire.

    - client, server: Endpoint; wire: tuple of InFlight, oldest first.
    - profile: Profile; replies: Replies (AUTO: the engine sends what a correct stack must;
      MANUAL: the player must, and is judged).
    - seed, isns: where ISNs come from, and how many each side has drawn (client, server).
    - serial: the next segment serial number; symbols: (iss, name) pairs for symbolic numbers.
    """

    __slots__ = ()

    @classmethod
    def new(
        cls,
        *,
        profile: Profile = DEFAULT_PROFILE,
        replies: Replies = Replies.AUTO,
        seed: int = 0,
        client: Endpoint | None = None,
        server: Endpoint | None = None,
        wire: tuple = (),
        symbols: tuple | None = None,
    ) -> World:
        """A world that starts anywhere: given endpoints (default: nothing open) and segments in flight."""
        client = client or closed_endpoint()
        server = server or closed_endpoint()
        if symbols is None:
            symbols = _start_symbols(client, server)
        serial = max((item.serial for item in wire), default=0) + 1
        return cls(client, server, tuple(wire), profile, replies, seed, (0, 0), serial, symbols)

    def endpoint(self, side: Side) -> Endpoint:
        """The endpoint on `side`."""
        return self.client if side is Side.CLIENT else self.server

    def next_isn(self, side: Side) -> int:
        """The ISN `side` would take if it opened a connection now."""
        return isn_for(self.seed, side, self.isns[side is Side.SERVER])

    def apply(self, move) -> Outcome:
        """Make `move` happen; never raises on protocol behaviour (an impossible move is ILLEGAL)."""
        return _HANDLERS[type(move)](self, move)

    def key(self) -> tuple:
        """What matters for "same situation" (the solver's visited set): no serials, no history."""
        wire = tuple(
            sorted(
                (item.src.value, item.segment.flags.value, *item.segment[1:], item.origin or 0) for item in self.wire
            )
        )  # a multiset: the order in flight does not matter
        return (self.client, self.server, wire, self.isns)  # every field of both endpoints, owed replies too

    # -- helpers for the handlers -----------------------------------------------------------

    def _moved(
        self, side: Side, before: Endpoint, after: Endpoint, segments=(), wire: tuple | None = None
    ) -> tuple[World, tuple]:
        """This world with `side` moved from `before` to `after` and its segments on the wire.

        Segments are tagged with the connection they belong to (the sender's ISS). A new ISS is
        counted (if it was the offered one) and named for symbolic numbers.
        """
        wire = self.wire if wire is None else wire
        serial, isns, symbols = self.serial, self.isns, self.symbols
        added: tuple[InFlight, ...] = ()
        if segments:
            origin = after.tcb.iss if after.state.has_tcb else (before.tcb.iss if before.state.has_tcb else None)
            wire, added, serial = put(wire, serial, side, segments, origin)
        new_iss = after.state.has_tcb and (not before.state.has_tcb or after.tcb.iss != before.tcb.iss)
        if after.tcb is not before.tcb and new_iss:
            if after.tcb.iss == self.next_isn(side):
                isns = (isns[0] + 1, isns[1]) if side is Side.CLIENT else (isns[0], isns[1] + 1)
            symbols = remember(symbols, after.tcb.iss, _LETTER[side])
        client, server = (after, self.server) if side is Side.CLIENT else (self.client, after)
        values = (client, server, wire, self.profile, self.replies, self.seed, isns, serial, symbols)
        return tuple.__new__(World, values), added  # World(*values), one Python call less per move


def from_older_connection(item: InFlight, sender: Endpoint) -> bool:
    """`item` was sent by an earlier connection of its sender on these ports: it carries another ISS
    than the sender's connection now. Such a late segment must not be taken for the new
    connection's (§4.1 a); the wire shows it as old."""
    return item.origin is not None and sender.state.has_tcb and item.origin != sender.tcb.iss


KEEP = 3  # ISSs remembered per side: the current connection and a couple of older ones


def _index(name: str) -> int:
    """x → 0, x' → 1, x'' → 2, x3 → 3 …"""
    tail = name[1:]
    return int(tail) if tail.isdigit() else len(tail)


def remember(symbols: tuple, value: int, letter: str) -> tuple:
    """Name a new ISS of the side whose first ISS is `letter` (x, x', x'', x3 …), keeping a few.

    The names are the notes' (x for the client's ISN, y for the server's); tcptui.numbers puts
    them on numbers. A later connection on the same ports gets the next name: x', then x''."""
    if any(base == value for base, _ in symbols):
        return symbols
    mine = [entry for entry in symbols if entry[1][0] == letter]
    k = _index(mine[-1][1]) + 1 if mine else 0
    name = letter + ("'" * k if k < 3 else str(k))
    if len(mine) >= KEEP:
        symbols = tuple(entry for entry in symbols if entry is not mine[0])
    return symbols + ((value, name),)


def _start_symbols(client: Endpoint, server: Endpoint) -> tuple:
    """Names for the ISNs a world starts with: each endpoint's ISS, and the peer's ISN it knows
    (its IRS) when the peer holds no connection any more — the old connection of a TIME_WAIT, so
    that a new client ISN is named x' and the old ACK's numbers x+2, as the notes tell it (§4.2).
    A puzzle that starts with two different connections names them itself ([symbols])."""
    symbols: tuple = ()
    pairs = ((Side.CLIENT, client, server), (Side.SERVER, server, client))
    for side, ep, peer in pairs:
        if ep.state.has_tcb and ep.state is not State.SYN_SENT and not peer.state.has_tcb:
            symbols = remember(symbols, ep.tcb.irs, _LETTER[side.peer])
    for side, ep, _ in pairs:
        if ep.state.has_tcb:
            symbols = remember(symbols, ep.tcb.iss, _LETTER[side])
    return symbols


def _changes(side: Side, changes: tuple[Change, ...]) -> tuple:
    return tuple([(side, change) for change in changes]) if changes else ()


def _endpoint_move(world: World, move, side: Side, res) -> Outcome:
    """Common tail of calls, sends, timers and host moves: the endpoint moves, its segments go out."""
    before = world.endpoint(side)
    if res.verdict is Verdict.ILLEGAL and not res.sent:
        new, changes, sent = world, (), ()
    else:
        new, sent = world._moved(side, before, res.endpoint, res.sent)
        changes = _changes(side, res.changes)
    return Outcome(
        move=move,
        side=side,
        verdict=res.verdict,
        reaction=None,
        rule=res.rule,
        rules=res.rules,
        params=res.params,
        changes=changes,
        sent=sent,
        segment=None,
        owed=(),
        world=new,
    )


def _app_call(world: World, move: AppCall) -> Outcome:
    side = move.side
    res = calls.on_call(world.endpoint(side), move.call, world.profile, world.next_isn(side), move.nbytes)
    return _endpoint_move(world, move, side, res)


def _player_send(world: World, move: Send) -> Outcome:
    side = move.side
    res = judge_send(
        world.endpoint(side), move.flags, world.profile, world.next_isn(side), move.seq, move.ack, move.length
    )
    return _endpoint_move(world, move, side, res)


def _fire(world: World, move: Fire) -> Outcome:
    res = calls.on_timer(world.endpoint(move.side), move.timer, world.profile)
    return _endpoint_move(world, move, move.side, res)


def _crash(world: World, move: Crash) -> Outcome:
    return _endpoint_move(world, move, move.side, calls.crash(world.endpoint(move.side)))


def _restart(world: World, move: Restart) -> Outcome:
    return _endpoint_move(world, move, move.side, calls.restart(world.endpoint(move.side)))


def _reboot(world: World, move: Reboot) -> Outcome:
    return _endpoint_move(world, move, move.side, calls.reboot(world.endpoint(move.side)))


def _flood(world: World, move: Flood) -> Outcome:
    """A SYN flood reaches the server: its listener's queues count the forged SYNs (the network's move)."""
    res = flood(world.server, move.count, world.profile)
    new, _ = world._moved(Side.SERVER, world.server, res.endpoint)
    return Outcome(
        move=move,
        side=Side.SERVER,
        verdict=Verdict.NEUTRAL,
        reaction=res.reaction,
        rule=res.rule,
        rules=res.rules,
        params=res.params,
        changes=(),
        sent=(),
        segment=None,
        owed=(),
        world=new,
    )


def _no_such_segment(world: World, move) -> Outcome:
    return _network(move, world, Verdict.ILLEGAL, "net.no-such-segment", None, (), world, (("count", len(world.wire)),))


def _deliver(world: World, move: Deliver) -> Outcome:
    """The receiver processes the segment (RFC 9293 §3.10.7); its replies go out, or are owed."""
    index, wire = move.index, world.wire
    if not 0 <= index < len(wire):
        return _no_such_segment(world, move)
    item, wire = wire[index], wire[:index] + wire[index + 1 :]
    side = Side.SERVER if item.src is Side.CLIENT else Side.CLIENT
    before = world.server if side is Side.SERVER else world.client
    state = before.state  # only a listener or TIME_WAIT may take a new ISN here
    opening = state is State.LISTEN or state is State.TIME_WAIT or (state is State.CLOSED and before.listening)
    res = on_segment(before, item.segment, Arrival(world.profile, world.next_isn(side) if opening else 0))
    rule, rules = res.rule, res.rules
    if res.reaction is Reaction.ACCEPTED and _late_taken(item, before):
        rule, rules = "data.late-accepted", rules + ("data.late-accepted",)  # §4.1 a
    if world.replies is Replies.MANUAL:  # the stack owes its replies; a connection that ended owes none
        owed = res.sent
        new, sent = world._moved(side, before, owe(res.endpoint, owed), (), wire)
    else:
        owed = ()
        new, sent = world._moved(side, before, res.endpoint, res.sent, wire)
    # Built positionally, in Outcome's field order: once per delivery, keywords cost ~5 % (benchmarks/engine.py).
    return _new(
        Outcome,
        (
            move,  # move
            side,  # side
            Verdict.NEUTRAL,  # verdict
            res.reaction,  # reaction
            rule,  # rule
            rules,  # rules
            res.params,  # params
            _changes(side, res.changes),  # changes
            sent,  # sent
            item,  # segment
            owed,  # owed
            new,  # world
        ),
    )


def _late_taken(item: InFlight, receiver: Endpoint) -> bool:
    """An accepted segment belonged to an older connection on the same ports (§4.1 a)."""
    seg = item.segment
    return (
        item.origin is not None
        and receiver.state.has_tcb
        and receiver.state is not State.SYN_SENT
        and bool(seg.length or FIN in seg.flags)
        and item.origin != receiver.tcb.irs
    )


def _drop(world: World, move: Drop) -> Outcome:
    if not 0 <= move.index < len(world.wire):
        return _no_such_segment(world, move)
    item, wire = take(world.wire, move.index)
    return _network(move, world, Verdict.NEUTRAL, "net.drop", item, (), world._replace(wire=wire))


def _duplicate(world: World, move: Duplicate) -> Outcome:
    if not 0 <= move.index < len(world.wire):
        return _no_such_segment(world, move)
    wire, twin = copy(world.wire, move.index, world.serial)
    new = world._replace(wire=wire, serial=world.serial + 1)
    return _network(move, world, Verdict.NEUTRAL, "net.duplicate", world.wire[move.index], (twin,), new)


def _network(move, world: World, verdict: Verdict, rule: str, segment, sent: tuple, new: World, params=()) -> Outcome:
    """The Outcome of a network move (or of one naming no segment): no endpoint acted."""
    return Outcome(
        move=move,
        side=None,
        verdict=verdict,
        reaction=None,
        rule=rule,
        rules=(rule,),
        params=params,
        changes=(),
        sent=sent,
        segment=segment,
        owed=(),
        world=new,
    )


_HANDLERS: dict[type, Callable[[World, Any], Outcome]] = {
    AppCall: _app_call,
    Send: _player_send,
    Deliver: _deliver,
    Drop: _drop,
    Duplicate: _duplicate,
    Fire: _fire,
    Crash: _crash,
    Restart: _restart,
    Reboot: _reboot,
    Flood: _flood,
}
