"""The game's running score: what breaks a streak."""

from tcptui.capture.export import parse_moves
from tcptui.core.game import Game
from tcptui.core.states import Replies
from tcptui.core.world import World


def play(moves: str, replies: Replies) -> Game:
    game = Game(World.new(replies=replies))
    for move in parse_moves(moves):
        game.apply(move)
    return game


def test_a_wrong_reply_in_manual_mode_breaks_the_streak():
    game = play("server listen; client connect; deliver 1; server sends ACK", Replies.MANUAL)
    assert game.history[-1].rule == "send.not-the-reply"  # legal, but not what TCP does now
    assert game.score.streak == 0 and game.score.best_streak == 2 and game.score.illegal == 0


def test_the_right_reply_in_manual_mode_keeps_it():
    game = play("server listen; client connect; deliver 1; server sends SYN+ACK", Replies.MANUAL)
    assert game.score.streak == 3


def test_with_automatic_replies_a_legal_send_keeps_the_streak():
    game = play("server listen; client connect; deliver 1; deliver 1; deliver 1; client sends ACK", Replies.AUTO)
    assert game.history[-1].verdict.value == "legal" and game.score.streak == 3
