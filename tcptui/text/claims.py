"""What each rule text asserts about the moment it is shown, as checks over the engine's worlds.

A rule text is shown wherever its rule fires, so it must be true there: `timer.rto-fin` may not
speak of the peer's TIME_WAIT in FIN_WAIT_1; `timer.rto-syn` may not say "the SYN or its answer
was lost" while the SYN+ACK is still on its way. Each claim names what the text asserts (in the
words the linter prints) and checks it against the move that showed it: the deciding endpoint
before the move, the world before it, the outcome.

Two readers: the puzzle linter, which fails a puzzle whose lesson path shows a text that is false
there, or that tells the story wrong (STORY: a retransmission with nothing lost; tcptui check), and
tests/text/test_claims.py, which drives every rule through every state that can produce it.
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
_ANY_ACK = (Kind.ACK, Kind.DATA, Kind.FIN, Kind.SYN_ACK)

# The states each text speaks of ("In SYN_SENT …", "FIN_WAIT_1 becomes …"): rules grouped by them.
_SHOWN_IN = (
    ((State.CLOSED,), "closed.rst-ignored rst.no-listener rst.no-connection app.listen app.connect send.syn"),
    (
        (State.SYN_SENT,),
        "synsent.bad-ack synsent.rst-bad-ack rst.refused synsent.rst-ignored handshake.synack "
        "handshake.simultaneous-open synsent.drop-other app.close-synsent timer.rto-syn timer.give-up-synsent "
        "send.ack-before-syn send.fin-before-established",
    ),
    (
        (State.SYN_RCVD,),
        "rst.synrcvd-passive rst.synrcvd-active synrcvd.syn-retransmit synrcvd.syn-passive handshake.ack "
        "handshake.simultaneous-ack synrcvd.bad-ack timer.rto-synack timer.give-up-synrcvd "
        "send.data-before-established",
    ),
    ((State.SYN_RCVD, State.ESTABLISHED), "close.fin-received send.fin"),
    ((State.ESTABLISHED,), "app.send send.data"),
    (
        (State.FIN_WAIT_1,),
        "close.fin-acked close.fin-not-acked close.fin-ack-shortcut close.simultaneous",
    ),
    ((State.FIN_WAIT_1, State.FIN_WAIT_2), "data.accept-half-closed"),
    ((State.FIN_WAIT_2,), "close.fin-wait-2-fin timer.fin-wait-2-timeout"),
    ((State.FIN_WAIT_1, State.CLOSING), "timer.rto-fin"),
    ((State.CLOSE_WAIT,), "app.send-close-wait app.close-passive send.data-close-wait send.fin-passive"),
    ((State.CLOSING,), "close.closing-acked"),
    ((State.CLOSING, State.LAST_ACK), "rst.closing"),
    ((State.LAST_ACK,), "close.last-ack timer.rto-fin-last-ack"),
    (
        (State.TIME_WAIT,),
        "timewait.fin-reack timewait.late-segment timewait.ack timewait.syn-reuse timewait.syn-accept-newer "
        "timewait.rst timewait.rst-rfc1337 timewait.rst-ignored timewait.2msl-expired app.listen-beside-timewait "
        "app.connect-timewait send.syn-timewait",
    ),
    ((State.LISTEN,), "app.connect-from-listen send.syn-from-listen"),
    ((State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT), "rst.reset"),
    ((State.SYN_SENT, State.SYN_RCVD), "app.send-queued"),
    ((State.ESTABLISHED, State.SYN_RCVD), "app.close app.shutdown"),
    ((State.SYN_RCVD, State.ESTABLISHED, State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT), "app.abort"),
    ((State.SYN_SENT, State.CLOSING, State.LAST_ACK, State.TIME_WAIT), "app.abort-silent"),
    ((State.SYN_RCVD, *_SYNCHRONIZED), "send.syn-synchronized"),
    # the interview pack's
    ((State.SYN_RCVD,), "listen.acceptq-full-drop listen.acceptq-full-rst handshake.ack-data app.crash-synrcvd"),
    ((State.SYN_RCVD, State.ESTABLISHED), "app.crash-fin"),
    ((State.CLOSE_WAIT,), "app.crash-fin-passive"),
    ((State.ESTABLISHED, State.CLOSE_WAIT, State.FIN_WAIT_2), "timer.keepalive timer.keepalive-dead"),
    ((State.FIN_WAIT_2,), "timer.fin-wait-2-forever"),
    ((State.SYN_SENT,), "app.crash-synsent"),
)


def _call(call: Call, says: str) -> Claim:
    return Claim(says, lambda seen: getattr(seen.outcome.move, "call", None) is call)


_FROM_LISTENER = Claim("the connection came from a listener", lambda seen: seen.before.passive)
_READ_CLOSED = Claim("the application called close()", lambda seen: App.READ_CLOSED in seen.before.app)

# What else the texts assert, beyond the state.
_MORE: dict[str, tuple[Claim, ...]] = {
    "rst.no-listener": (Claim("nobody listens on that port", lambda seen: not seen.before.listening),),
    "listen.rst-ignored": (_LISTENING,),
    "rst.listen-ack": (
        _LISTENING,
        Claim("the segment is a bare ACK", lambda seen: Kind.of(seen.outcome.segment.segment.flags) is Kind.ACK),
    ),
    "rst.listen-synack": (
        _LISTENING,
        Claim("the segment is a SYN+ACK", lambda seen: Kind.of(seen.outcome.segment.segment.flags) is Kind.SYN_ACK),
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
    "listen.synq-full": (_LISTENING,),
    "listen.syncookie": (_LISTENING,),
    "listen.cookie-ack": (_LISTENING,),
    "app.crash-listener": (_LISTENING,),
    "app.accept-not-listening": (Claim("no listener is open", lambda seen: App.LISTENING not in seen.before.app),),
    "listen.drop-other": (_LISTENING,),
    "rst.synrcvd-passive": (_FROM_LISTENER,),
    "synrcvd.syn-passive": (_FROM_LISTENER,),
    "rst.synrcvd-active": (Claim("no listener is behind it", lambda seen: not seen.before.passive),),
    "syn.challenge-ack": (
        Claim(
            "the connection already knows its peer's ISN",
            lambda seen: seen.state.synchronized or seen.state is State.SYN_RCVD,
        ),
    ),
    "data.after-close": (_READ_CLOSED, Claim("this side has sent its FIN", lambda seen: seen.state.fin_sent)),
    "data.after-fin": (Claim("the peer's FIN has arrived", lambda seen: seen.state.fin_received),),
    "data.late-accepted": (
        Claim(
            "the segment belongs to an earlier connection",
            lambda seen: seen.outcome.segment is not None and seen.outcome.segment.origin != seen.before.tcb.irs,
        ),
    ),
    "host.down": (Claim("the receiving host is down", lambda seen: seen.before.down),),
    "app.close": (_call(Call.CLOSE, "the application called close()"),),
    "app.shutdown": (_call(Call.SHUTDOWN, "the application called shutdown()"),),
    "app.close-after-shutdown": (Claim("shutdown() already sent the FIN", lambda seen: seen.state.fin_sent),),
    "timer.fin-wait-2-timeout": (_READ_CLOSED,),
}

# What a lesson path must not contradict, beyond what the texts assert: the texts of a
# retransmission say "lost or delayed" (a timer may fire early), but a puzzle's story that shows one
# does so after a loss — an RTO that fires while the answer is on its way teaches the wrong thing.
STORY: dict[str, tuple[Claim, ...]] = {
    "timer.rto-syn": (
        Claim(
            "no answer to the SYN is on its way (the SYN or its answer was lost)",
            lambda seen: (
                (
                    seen.world.endpoint(seen.side.peer).down  # a SYN travelling to a crashed host is as good as lost
                    or not seen.in_flight(seen.side, Kind.SYN)
                )
                and not seen.in_flight(seen.side.peer, Kind.SYN_ACK)
            ),
        ),
    ),
    "timer.rto-synack": (
        Claim(
            "no answer to the SYN+ACK is on its way (it or its ACK was lost)",
            lambda seen: not seen.in_flight(seen.side, Kind.SYN_ACK) and not seen.in_flight(seen.side.peer, *_ANY_ACK),
        ),
    ),
}

CLAIMS: dict[str, tuple[Claim, ...]] = {}
for _shown, _rules in _SHOWN_IN:
    for _rule in _rules.split():
        CLAIMS[_rule] = (_states(*_shown),)
for _rule, _claims in _MORE.items():
    CLAIMS[_rule] = CLAIMS.get(_rule, ()) + _claims
del _shown, _rules, _rule, _claims


def seen_rules(before_world, outcome):
    """Every rule a move showed, in context (the network's own moves decide nothing: none)."""
    side = outcome.side
    if side is None:
        return []
    before = before_world.endpoint(side)
    return [Seen(rule, before, before_world, outcome) for rule in dict.fromkeys((outcome.rule, *outcome.rules))]


def false_claims(seen: Seen, story: bool = False) -> list[str]:
    """What the shown rule's text asserts that is false at this move (empty: it is all true); with
    `story`, also what a lesson's path must not contradict (STORY)."""
    claims = CLAIMS.get(seen.rule, ()) + (STORY.get(seen.rule, ()) if story else ())
    return [claim.says for claim in claims if not claim.holds(seen)]


def contradictions(before_world, outcome, story: bool = True) -> list[tuple[str, str]]:
    """(rule, what it says) for each text this move shows that is false here (for a lesson path:
    with the STORY claims too)."""
    return [(seen.rule, says) for seen in seen_rules(before_world, outcome) for says in false_claims(seen, story)]
