"""The tutorial's script: every step's move is legal where it comes, the handshake completes with
the SYN+ACK lost and retransmitted, and every step has its words in both languages."""

from tcptui.core.game import Game
from tcptui.core.states import State, Verdict
from tcptui.text import LANGS, catalogue
from tcptui.tutorial import STEPS, start_world


def test_the_script_plays_the_handshake_with_a_loss():
    game = Game(start_world())
    rules = []
    for step in STEPS:
        if step.move is None:
            continue
        outcome = game.apply(step.move)
        assert outcome.verdict is not Verdict.ILLEGAL, step.id
        rules.append(outcome.rule)
    assert (game.world.client.state, game.world.server.state) == (State.ESTABLISHED, State.ESTABLISHED)
    assert "net.drop" in rules and not game.world.wire
    assert STEPS[-1].move is None  # the hand-over asks for nothing


def test_every_step_has_its_words():
    for lang in LANGS:
        for step in STEPS:
            assert catalogue(lang).UI.get(f"tutorial.step.{step.id}"), (lang, step.id)
            assert catalogue(lang).UI.get(f"tutorial.do.{step.id}"), (lang, step.id)
