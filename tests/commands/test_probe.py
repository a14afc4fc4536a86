"""The whole (state × event) product: every pair is decided, referenced and explained."""

import pytest

from tcptui.core import PROFILES, Call, State, Timer
from tcptui.commands.probe import EventKind, all_events, event_text, parse_event, probe
from tcptui.core.rules import RULES
from tcptui.text import LANGS, explain

PAIRS = [(state, event) for state in State for event in all_events()]


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=lambda p: p.name.value)
def test_every_state_event_pair_is_decided_and_explained(profile):
    for state, event in PAIRS:
        answer = probe(state, event, profile)
        assert answer.rule in RULES, (state, event_text(event), answer.rule)
        assert isinstance(answer.next_state, State)
        assert isinstance(answer.legal, bool)
        for lang in LANGS:
            assert explain(answer.rule, lang, answer.params).strip(), (answer.rule, lang)
        if event.kind is EventKind.SEND:
            assert answer.segment is not None  # a player's send always leaves, legal or not
        if not answer.legal:
            assert answer.sent == ()


def test_the_product_is_large():
    assert len(PAIRS) == 11 * (8 * 10 + 8 + len(Call) + 2 + len(Timer))  # app:close:unread, app:crash:unread too


@pytest.mark.parametrize(
    "text",
    [
        "recv:SYN+ACK:oldack",
        "SYN",
        "send:DATA",
        "app:close",
        "timer:2msl",
        "RST+ACK",
        "recv:FIN:old",
        "recv:DATA:inwindow",
    ],
)
def test_event_text_round_trip(text):
    event = parse_event(text)
    assert parse_event(event_text(event)) == event


@pytest.mark.parametrize(
    "text", ["", "recv:", "recv:SYN:nope", "app:dance", "timer:soon", "recv:SYN:ok:more", "XYZ", "send:SYN:ok"]
)
def test_bad_events_are_value_errors(text):
    with pytest.raises(ValueError):
        parse_event(text)


def test_every_assumption_is_worded_and_asks_a_parseable_event():
    """Every default `explain` may name has words in both languages, and its other case is an
    EVENT the command line accepts (so the line it prints can be pasted)."""
    from tcptui.commands.probe import all_events, assumptions, event_text, parse_event
    from tcptui.core.states import State
    from tcptui.text import catalogue

    seen = set()
    for state in State:
        for event in all_events():
            for assumption in assumptions(state, event):
                seen.add(assumption.key)
                if assumption.instead is not None:
                    assert parse_event(event_text(assumption.instead)) == assumption.instead
                    assert f"{assumption.key}.other" in catalogue("zh").UI
                for lang in ("en", "zh"):
                    assert assumption.key in catalogue(lang).UI
    assert {"assume.fin-ack", "assume.ack-all", "assume.fin-again", "assume.new-isn", "assume.shutdown"} <= seen
