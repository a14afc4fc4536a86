"""What each rule text asserts about the moment it is shown, as checks over the engine's worlds.

A rule text is shown wherever its rule fires, so it must be true there: `timer.rto-fin` may not
speak of the peer's TIME_WAIT in FIN_WAIT_1; `timer.rto-syn` may not say "the SYN or its answer
was lost" while the SYN+ACK is still on its way. Each claim names what the text asserts (in the
words the linter prints) and checks it against the move that showed it: the deciding endpoint
before the move, the world before it, the outcome.

Two readers: the puzzle linter, which fails a puzzle whose lesson path shows a text that is false
there (tcptui check), and tests/text/test_claims.py, which drives every rule through every state
that can produce it.
"""

from __future__ import annotations

from collections import namedtuple

from ..core.endpoint import App
from ..core.states import Call, State
from ..core.validate import Kind


class Seen(namedtuple("Seen", "rule before world outcome")):
    """One rule shown: the deciding endpoint before the move, the world before it, the outcome."""

    __slots__ = ()

    @property
    def state(self) -> State:
        return self.before.state

    @property
    def side(self):
        return self.outcome.side

    def in_flight(self, src, *kinds: Kind) -> list:
        """Segments on the wire before the move, from `src`, of these kinds."""
        return [
            item
            for item in self.world.wire
            if item.src is src and Kind.of(item.segment.flags, item.segment.length) in kinds
        ]


class Claim(namedtuple("Claim", "says holds")):
    """What a text asserts (`says`), and a check of it (`holds(seen) -> bool`)."""

    __slots__ = ()


def _states(*states: State) -> Claim:
    return Claim("it is shown in " + " or ".join(s.value for s in states), lambda seen: seen.state in states)


_SYNCHRONIZED = tuple(s for s in State if s.synchronized)
_LISTENING = Claim("a listener is open", lambda seen: seen.before.listening)
_CLOSED_NO_TCB = Claim("the host has no connection", lambda seen: seen.state is State.CLOSED)
_ANY_ACK = (Kind.ACK, Kind.DATA, Kind.FIN, Kind.SYN_ACK)

CLAIMS: dict[str, tuple[Claim, ...]] = {
    # -- arrivals ------------------------------------------------------------------------------
    "closed.rst-ignored": (_CLOSED_NO_TCB,),
    "rst.no-listener": (_CLOSED_NO_TCB, Claim("nobody listens on that port", lambda seen: not seen.before.listening)),
    "rst.no-connection": (_CLOSED_NO_TCB,),
    "listen.rst-ignored": (_LISTENING,),
    "rst.listen-ack": (
        _LISTENING,
        Claim("the segment is a bare ACK", lambda seen: Kind.of(seen.outcome.segment.segment.flags) is Kind.ACK),
    ),
    "rst.listen-unknown": (
        _LISTENING,
        Claim(
            "the segment carries data or a FIN",
            lambda seen: (
                Kind.of(seen.outcome.segment.segment.flags, seen.outcome.segment.segment.length)
                in (Kind.DATA, Kind.FIN)
            ),
        ),
    ),
    "handshake.syn-received": (_LISTENING,),
    "listen.drop-other": (_LISTENING,),
    "synsent.bad-ack": (_states(State.SYN_SENT),),
    "synsent.rst-bad-ack": (_states(State.SYN_SENT),),
    "rst.refused": (_states(State.SYN_SENT),),
    "synsent.rst-ignored": (_states(State.SYN_SENT),),
    "handshake.synack": (_states(State.SYN_SENT),),
    "handshake.simultaneous-open": (_states(State.SYN_SENT),),
    "synsent.drop-other": (_states(State.SYN_SENT),),
    "rst.synrcvd-passive": (
        _states(State.SYN_RCVD),
        Claim("the connection came from a listener", lambda seen: seen.before.passive),
    ),
    "rst.synrcvd-active": (
        _states(State.SYN_RCVD),
        Claim("no listener is behind it", lambda seen: not seen.before.passive),
    ),
    "rst.reset": (_states(State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT),),
    "rst.closing": (_states(State.CLOSING, State.LAST_ACK),),
    "synrcvd.syn-retransmit": (_states(State.SYN_RCVD),),
    "synrcvd.syn-passive": (
        _states(State.SYN_RCVD),
        Claim("the connection came from a listener", lambda seen: seen.before.passive),
    ),
    "syn.challenge-ack": (
        Claim(
            "the connection already knows its peer's ISN",
            lambda seen: seen.state.synchronized or seen.state is State.SYN_RCVD,
        ),
    ),
    "handshake.ack": (_states(State.SYN_RCVD),),
    "handshake.simultaneous-ack": (_states(State.SYN_RCVD),),
    "synrcvd.bad-ack": (_states(State.SYN_RCVD),),
    "close.fin-acked": (_states(State.FIN_WAIT_1),),
    "close.fin-not-acked": (_states(State.FIN_WAIT_1),),
    "close.closing-acked": (_states(State.CLOSING),),
    "close.last-ack": (_states(State.LAST_ACK),),
    "data.accept-half-closed": (_states(State.FIN_WAIT_1, State.FIN_WAIT_2),),
    "data.after-close": (
        Claim("the application called close()", lambda seen: App.READ_CLOSED in seen.before.app),
        Claim("this side has sent its FIN", lambda seen: seen.state.fin_sent),
    ),
    "data.after-fin": (Claim("the peer's FIN has arrived", lambda seen: seen.state.fin_received),),
    "close.fin-received": (_states(State.SYN_RCVD, State.ESTABLISHED),),
    "close.fin-ack-shortcut": (_states(State.FIN_WAIT_1),),
    "close.simultaneous": (_states(State.FIN_WAIT_1),),
    "close.fin-wait-2-fin": (_states(State.FIN_WAIT_2),),
    "timewait.fin-reack": (_states(State.TIME_WAIT),),
    "timewait.late-segment": (_states(State.TIME_WAIT),),
    "timewait.ack": (_states(State.TIME_WAIT),),
    "timewait.syn-reuse": (_states(State.TIME_WAIT),),
    "timewait.syn-accept-newer": (_states(State.TIME_WAIT),),
    "timewait.rst": (_states(State.TIME_WAIT),),
    "timewait.rst-rfc1337": (_states(State.TIME_WAIT),),
    "timewait.rst-ignored": (_states(State.TIME_WAIT),),
    "timewait.2msl-expired": (_states(State.TIME_WAIT),),
    "data.late-accepted": (
        Claim(
            "the segment belongs to an earlier connection",
            lambda seen: seen.outcome.segment is not None and seen.outcome.segment.origin != seen.before.tcb.irs,
        ),
    ),
    "host.down": (Claim("the receiving host is down", lambda seen: seen.before.down),),
    # -- application calls ---------------------------------------------------------------------
    "app.listen": (_states(State.CLOSED),),
    "app.listen-beside-timewait": (_states(State.TIME_WAIT),),
    "app.connect": (_states(State.CLOSED),),
    "app.connect-from-listen": (_states(State.LISTEN),),
    "app.connect-timewait": (_states(State.TIME_WAIT),),
    "app.send": (_states(State.ESTABLISHED),),
    "app.send-close-wait": (_states(State.CLOSE_WAIT),),
    "app.send-queued": (_states(State.SYN_SENT, State.SYN_RCVD),),
    "app.close": (
        _states(State.ESTABLISHED, State.SYN_RCVD),
        Claim("the application called close()", lambda seen: getattr(seen.outcome.move, "call", None) is Call.CLOSE),
    ),
    "app.shutdown": (
        _states(State.ESTABLISHED, State.SYN_RCVD),
        Claim(
            "the application called shutdown()", lambda seen: getattr(seen.outcome.move, "call", None) is Call.SHUTDOWN
        ),
    ),
    "app.close-passive": (_states(State.CLOSE_WAIT),),
    "app.close-synsent": (_states(State.SYN_SENT),),
    "app.close-after-shutdown": (Claim("shutdown() already sent the FIN", lambda seen: seen.state.fin_sent),),
    "app.abort": (_states(State.SYN_RCVD, State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT),),
    "app.abort-silent": (_states(State.SYN_SENT, State.CLOSING, State.LAST_ACK, State.TIME_WAIT),),
    # -- timers --------------------------------------------------------------------------------
    "timer.rto-syn": (
        _states(State.SYN_SENT),
        Claim(
            "no answer to the SYN is on its way (the SYN or its answer was lost)",
            lambda seen: not seen.in_flight(seen.side, Kind.SYN) and not seen.in_flight(seen.side.peer, Kind.SYN_ACK),
        ),
    ),
    "timer.rto-synack": (
        _states(State.SYN_RCVD),
        Claim(
            "no answer to the SYN+ACK is on its way (it or its ACK was lost)",
            lambda seen: not seen.in_flight(seen.side, Kind.SYN_ACK) and not seen.in_flight(seen.side.peer, *_ANY_ACK),
        ),
    ),
    "timer.rto-fin": (_states(State.FIN_WAIT_1, State.CLOSING),),
    "timer.rto-fin-last-ack": (_states(State.LAST_ACK),),
    "timer.give-up-synsent": (_states(State.SYN_SENT),),
    "timer.give-up-synrcvd": (_states(State.SYN_RCVD),),
    "timer.fin-wait-2-timeout": (
        _states(State.FIN_WAIT_2),
        Claim("the application called close()", lambda seen: App.READ_CLOSED in seen.before.app),
    ),
    # -- the player's sends --------------------------------------------------------------------
    "send.syn": (_states(State.CLOSED),),
    "send.syn-from-listen": (_states(State.LISTEN),),
    "send.data": (_states(State.ESTABLISHED),),
    "send.data-close-wait": (_states(State.CLOSE_WAIT),),
    "send.fin": (_states(State.SYN_RCVD, State.ESTABLISHED),),
    "send.fin-passive": (_states(State.CLOSE_WAIT),),
    "send.syn-timewait": (_states(State.TIME_WAIT),),
    "send.ack-before-syn": (_states(State.SYN_SENT),),
    "send.data-before-established": (_states(State.SYN_RCVD),),
    "send.fin-before-established": (_states(State.SYN_SENT),),
    "send.syn-synchronized": (_states(State.SYN_RCVD, *_SYNCHRONIZED),),
}


def seen_rules(before_world, outcome):
    """Every rule a move showed, in context (the network's own moves decide nothing: none)."""
    side = outcome.side
    if side is None:
        return []
    before = before_world.endpoint(side)
    return [Seen(rule, before, before_world, outcome) for rule in dict.fromkeys((outcome.rule, *outcome.rules))]


def false_claims(seen: Seen) -> list[str]:
    """What the shown rule's text asserts that is false at this move (empty: it is all true)."""
    return [claim.says for claim in CLAIMS.get(seen.rule, ()) if not claim.holds(seen)]


def contradictions(before_world, outcome) -> list[tuple[str, str]]:
    """(rule, what its text says) for each text this move shows that is false here."""
    return [(seen.rule, says) for seen in seen_rules(before_world, outcome) for says in false_claims(seen)]
