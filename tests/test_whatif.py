"""What-if branches: lost, delivered later, a RST instead — made of ordinary moves, the original untouched."""

import pytest

from tcptui.core.game import Game
from tcptui.core.moves import Deliver, Drop, parse_move
from tcptui.core.segment import ACK, RST
from tcptui.core.states import State
from tcptui.core.world import World
from tcptui.whatif import WhatIf, branch, segment_of


def game_of(*moves):
    game = Game(World.new())
    for text in moves:
        game.apply(parse_move(text))
    return game


HANDSHAKE = ("server listen", "client connect", "deliver 1", "deliver 1", "deliver 1")


def test_the_segment_of_a_move_is_what_it_delivered_or_sent():
    game = game_of(*HANDSHAKE)
    history = game.history
    assert segment_of(history, 0) is None  # listen sends nothing
    assert segment_of(history, 1).segment.label == "SYN"
    assert segment_of(history, 2).segment.label == "SYN"  # the delivery of the SYN
    assert segment_of(history, 3).segment.label == "SYN+ACK"


def test_lost_drops_it_where_the_original_delivered_it():
    game = game_of(*HANDSHAKE)
    lost = branch(game.start, game.history, 3, WhatIf.LOST)
    moves = [o.move for o in lost.game.history]
    assert moves[:3] == [o.move for o in game.history[:3]] and moves[3] == Drop(0) and lost.at == 3
    assert (lost.game.world.client.state, lost.game.world.server.state) == (State.SYN_SENT, State.SYN_RCVD)
    assert len(game.history) == 5 and game.world.client.state is State.ESTABLISHED  # the original is untouched
    from_the_send = branch(game.start, game.history, 1, WhatIf.LOST)  # asked at the connect(): the same SYN
    assert from_the_send.at == 2 and from_the_send.game.history[-1].rule == "net.drop"


def test_lost_on_a_segment_still_in_flight_drops_it_now():
    game = game_of("server listen", "client connect")
    lost = branch(game.start, game.history, 1, WhatIf.LOST)
    assert lost.at == 2 and not lost.game.world.wire


def test_later_reorders_the_deliveries_that_do_not_need_it():
    game = game_of(*HANDSHAKE, "client send-data 100", "client send-data 50", "deliver 1", "deliver 1")
    later = branch(game.start, game.history, 7, WhatIf.LATER)
    world = later.game.world
    assert later.at == 7 and world.wire[0].segment.length == 100  # the first waits …
    assert later.game.history[-1].segment.segment.length == 50  # … the second arrived first, out of order
    assert world.wire[-1].segment.label == "ACK"  # and is answered with the ACK of what is still missing


def test_later_stops_where_the_original_needed_it():
    game = game_of(*HANDSHAKE)
    later = branch(game.start, game.history, 2, WhatIf.LATER)  # the SYN
    assert len(later.game.history) == 2 and later.game.world.wire[0].segment.label == "SYN"


def test_a_rst_instead_of_the_synack_refuses_the_connection():
    game = game_of(*HANDSHAKE)
    rst = branch(game.start, game.history, 3, WhatIf.RST)
    history = rst.game.history
    assert rst.at == 3 and isinstance(history[3].move, Drop)
    sent = history[4].sent[0].segment
    assert RST in sent.flags and ACK in sent.flags  # in place of a segment that carried an ACK
    rst.game.apply(Deliver(0))
    assert rst.game.world.client.state is State.CLOSED


def test_a_rst_instead_of_a_fin_is_an_abort():
    game = game_of(*HANDSHAKE, "client close", "deliver 1")
    rst = branch(game.start, game.history, 6, WhatIf.RST)
    assert rst.game.history[-1].rule == "send.rst-abort" and rst.game.world.client.state is State.CLOSED


@pytest.mark.parametrize(
    "moves, index, what, message",
    [
        (HANDSHAKE, 0, WhatIf.LOST, "put no segment"),
        (("server listen", "client connect"), 1, WhatIf.LATER, "never delivered"),
        (("server listen", "client connect", "drop 1"), 1, WhatIf.LOST, "lost already"),
        (("client connect", "deliver 1", "deliver 1"), 2, WhatIf.RST, "a RST already"),
        (HANDSHAKE, 9, WhatIf.LOST, "no move 10"),
    ],
)
def test_what_cannot_branch_says_why(moves, index, what, message):
    game = game_of(*moves)
    with pytest.raises(ValueError, match=message):
        branch(game.start, game.history, index, what)


def test_a_segment_in_flight_at_the_start_has_no_sender_here():
    from tcptui.puzzle.scenario import find

    game = Game(find("reuse").start)
    game.apply(Deliver(0))
    with pytest.raises(ValueError, match="before the game began"):
        branch(game.start, game.history, 0, WhatIf.RST)
    assert branch(game.start, game.history, 0, WhatIf.LOST).game.world.server.state is State.TIME_WAIT
