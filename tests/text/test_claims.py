"""Every rule text is true in every state where it is shown.

tcptui.text.claims records what each text asserts about the moment it is shown (the states it
speaks of, the call that was made, what is or is not still in flight). Here every rule is driven
through every state that can produce it — each state (with and without a listener, passive or
active, after close() or shutdown(), a crashed host) × every event `tcptui explain` knows × every
profile — and through the exam's scenarios and each puzzle's lesson path with every move offered
beside it; wherever a rule shows its text, the claims must hold. Then the texts themselves are read
for the claims encoded: each says what is true in those states, in both languages.
"""

import functools
import itertools

import pytest

from tcptui.commands.probe import EventKind, all_events, arriving, fixture
from tcptui.core.endpoint import App, endpoint_in
from tcptui.core.moves import AppCall, Deliver, Fire, Send
from tcptui.core.network import InFlight
from tcptui.core.profile import PROFILES
from tcptui.core.rules import RULES
from tcptui.core.segment import DEFAULT_DATA, PSH
from tcptui.core.states import Side, State
from tcptui.core.world import World
from tcptui.text import catalogue
from tcptui.text.claims import CLAIMS, false_claims, seen_rules

ISS, PEER = 1000, 5000


def _variants(state: State):
    """The endpoints a state can be met in: the probe's, and the other shapes that change a text."""
    yield fixture(state)
    if state is State.CLOSED:
        yield endpoint_in(State.CLOSED, app=App.LISTENING)  # a listener beside a finished connection
        yield endpoint_in(State.CLOSED, app=App.DOWN)  # a crashed host
        yield endpoint_in(State.CLOSED, app=App.DOWN | App.LISTENING)
    elif state is State.SYN_RCVD:
        yield endpoint_in(state, iss=ISS, irs=PEER, passive=False)  # simultaneous open
    elif state.has_tcb and state is not State.SYN_SENT:
        for app in (App.LISTENING, App.READ_CLOSED):
            try:
                yield endpoint_in(state, iss=ISS, irs=PEER, app=app)
            except ValueError:
                pass


def _move(ep, event):
    """The world with `ep` as the client, and the move that makes `event` happen to it."""
    if event.kind is EventKind.RECV:
        seg = arriving(ep, event.flags, event.qualifier)
        world = World.new(client=ep, wire=(InFlight(1, Side.SERVER, seg, None),))
        return world, Deliver(0)
    world = World.new(client=ep)
    if event.kind is EventKind.SEND:
        return world, Send(Side.CLIENT, event.flags, length=DEFAULT_DATA if PSH in event.flags else 0)
    if event.kind is EventKind.APP:
        return world, AppCall(Side.CLIENT, event.call)
    return world, Fire(Side.CLIENT, event.timer)


@functools.cache
def _shown() -> dict:
    """rule → [(where, what its claims found false)], over every way the engine can show it."""
    out: dict = {}

    def look(where, before, outcome):
        for seen in seen_rules(before, outcome):
            out.setdefault(seen.rule, []).append((where, seen.state, false_claims(seen)))

    for state, event, profile in itertools.product(State, all_events(), PROFILES.values()):
        for ep in _variants(state):
            world, move = _move(ep, event)
            world = world._replace(profile=profile)
            look(f"{state.value} {move} ({profile.name.value})", world, world.apply(move))
    from tcptui.exam.scenarios import SCENARIOS
    from tcptui.puzzle import load_pack
    from tcptui.puzzle.lesson import lesson_path
    from tcptui.puzzle.solver import successors

    for sc in SCENARIOS:
        world = sc.start()
        for move in sc.moves():
            outcome = world.apply(move)
            look(f"scenario {sc.name}: {move}", world, outcome)
            world = outcome.world
    for puzzle in load_pack():
        world = puzzle.start
        for move in lesson_path(puzzle).moves:
            for other, outcome in successors(puzzle, world):
                look(f"puzzle {puzzle.id}: {other}", world, outcome)
            world = world.apply(move).world
    return out


@pytest.mark.parametrize("rule", sorted(CLAIMS), ids=sorted(CLAIMS))
def test_the_text_is_true_wherever_the_rule_is_shown(rule):
    shown = _shown().get(rule, [])
    wrong = [f"{where}: says {', '.join(bad)}" for where, _, bad in shown if bad]
    assert not wrong, "\n".join(wrong[:5])


def test_the_claims_are_exercised():
    """A claim that is never checked proves nothing: nearly every rule with claims is met here."""
    shown = _shown()
    unmet = sorted(rule for rule in CLAIMS if rule not in shown)
    assert set(CLAIMS) <= set(RULES), set(CLAIMS) - set(RULES)
    assert len(unmet) <= 3, unmet
    for rule in ("timer.rto-fin", "timer.rto-fin-last-ack", "app.shutdown", "app.close", "rst.listen-synack"):
        assert rule in shown, rule


@pytest.mark.parametrize(
    "rule,states",
    [
        ("timer.rto-fin", {State.FIN_WAIT_1, State.CLOSING}),
        ("timer.rto-fin-last-ack", {State.LAST_ACK}),
        ("close.fin-received", {State.SYN_RCVD, State.ESTABLISHED}),
        ("app.shutdown", {State.SYN_RCVD, State.ESTABLISHED}),
        ("rst.synrcvd-passive", {State.SYN_RCVD}),
        ("timewait.rst-rfc1337", {State.TIME_WAIT}),
    ],
)
def test_the_states_a_rule_is_shown_in(rule, states):
    assert {state for _, state, _ in _shown()[rule]} == states


# What each text says in the states where it is shown (both languages), as the issue asks.
SAYS = {
    "timer.rto-fin": {"en": (), "zh": ()},  # FIN_WAIT_1, CLOSING: the peer may be anywhere
    "timer.rto-fin-last-ack": {"en": ("TIME_WAIT", "LAST_ACK"), "zh": ("TIME_WAIT", "LAST_ACK")},
    "send.retransmit": {"en": ("fast retransmit", "three duplicate ACKs"), "zh": ("快速重传", "三个重复 ACK")},
    "app.listen-beside-timewait": {
        "en": ("SO_REUSEADDR", "Address already in use"),
        "zh": ("SO_REUSEADDR", "Address already in use"),
    },
    "app.connect-timewait": {"en": ("tcp_tw_reuse",), "zh": ("tcp_tw_reuse",)},
    "rst.listen-unknown": {"en": ("Data (or a FIN)",), "zh": ("数据（或 FIN）",)},
    "rst.listen-synack": {"en": ("SYN+ACK",), "zh": ("SYN+ACK",)},
    "app.shutdown": {"en": ("shutdown(SHUT_WR)", "half-close"), "zh": ("shutdown(SHUT_WR)", "半关闭")},
    "app.close": {"en": ("close()",), "zh": ("close()",)},
    "close.fin-received": {"en": ("SYN_RCVD", "completes the handshake"), "zh": ("SYN_RCVD", "完成了握手")},
    "timewait.rst-rfc1337": {"en": ("Unless", "newer SYN"), "zh": ("除非", "更新的 SYN")},
    "app.connect": {"en": ("syn=x", "flag"), "zh": ("syn=x", "标志")},
    "handshake.syn-received": {"en": ("{isn}", "{irs}"), "zh": ("{isn}", "{irs}")},
}
NEVER = {  # what a text must not say, because it is false somewhere it is shown
    "timer.rto-fin": ("TIME_WAIT", "LAST_ACK"),
    "app.shutdown": ("close()",),
    "app.close": ("half-close", "半关闭", "shutdown"),
    "rst.listen-unknown": ("SYN+ACK",),
    "send.rst-unprompted": ("resets nothing", "什么也重置不了"),
    "timewait.rst-rfc1337": ("simply has to wait", "只能等下去"),
    "rst.synrcvd-passive": ("half-open", "半开"),
    "synrcvd.syn-passive": ("half-open", "半开"),
    "timer.give-up-synrcvd": ("half-open", "半开"),
    "timer.give-up-synrcvd-active": ("half-open", "半开"),
    "handshake.synack": ("ISN x", "ISN y", "ack=x", "ack=y"),
    "handshake.syn-received": ("ISN x", "ISN y", "ack=x", "seq=y"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("rule", sorted(set(SAYS) | set(NEVER)))
def test_each_text_says_what_is_true_where_it_is_shown(rule, lang):
    text = catalogue(lang).RULES[rule]
    for words in SAYS.get(rule, {}).get(lang, ()):
        assert words in text, (rule, lang, words)
    for words in NEVER.get(rule, ()):
        assert words not in text, (rule, lang, words)


def test_isn_names_follow_the_screen():
    """The handshake texts name the ISNs as the screen does: x', y' on a second connection."""
    from tcptui.puzzle import get
    from tcptui.puzzle.lesson import lesson_path
    from tcptui.numbers import outcome_params
    from tcptui.text import explain

    puzzle = get("reuse-linux-older")
    world, texts = puzzle.start, []
    for move in lesson_path(puzzle).moves:
        outcome = world.apply(move)
        texts.append(explain(outcome.rule, "en", outcome_params(outcome)))
        world = outcome.world
    received = next(t for t in texts if t.startswith("The listener takes the SYN"))
    assert "ISN x'" in received and "ISN y'" in received and "ack=x'+1" in received
    assert explain("handshake.syn-received", "en").count("ISN x") == 1  # the notes' letters by default
