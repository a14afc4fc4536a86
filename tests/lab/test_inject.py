"""A crafted segment is the network injecting a packet (as packetdrill does), not its sender's send:
the README's §4.2 recipe (`p e 1`, SEG.SEQ `x+1`) is judged as an injection — no points lost, no
streak broken — and explained by what the engine predicts its receiver will do with it."""

import types

from tcptui.core.states import Verdict
from tcptui.lab import parse_lab_move
from tcptui.lab.game import LabGame
from tcptui.text import ui

REUSE = [  # §4.2: the server closed first and waits in TIME_WAIT; the client's new SYN is lost
    "server listen", "client connect", "deliver 1", "deliver 1", "deliver 1",
    "server close", "deliver 1", "deliver 1", "client close", "deliver 1", "deliver 1",
    "client connect", "drop 1",
]  # fmt: skip


def test_an_old_looking_syn_is_injected_not_judged_as_the_clients_send(lab):
    from tcptui.ui.screens.lab import LabScreen

    game = LabGame(lab)
    for move in REUSE:
        game.apply(parse_lab_move(move))
    before = game.score
    outcome = game.apply(parse_lab_move("client sends SYN seq=x+1"))
    assert outcome.verdict is Verdict.NEUTRAL
    assert (game.score.points, game.score.streak) == (before.points, before.streak)
    assert outcome.rule == "timewait.syn-reuse"  # what TIME_WAIT will do with it: the old ACK (§4.2)
    screen = types.SimpleNamespace(game=game, waiting=None)
    for lang in ("en", "zh"):
        lead = LabScreen.verdict_lead(screen, len(game.history) - 1, lang).plain
        who = ui("who.client", lang), ui("who.server", lang)
        assert ui("lab.injected", lang, side=who[0], receiver=who[1]) in lead
    step = game.apply(parse_lab_move("deliver 1"))  # and so it goes: TIME_WAIT answers with its old ACK
    assert game.steps[-1].agrees and step.rule == "timewait.syn-reuse"
