"""A sandbox game as a moves file: written atomically, read back to the same game, read by export too."""

import pytest

from tcptui.capture.export import parse_moves
from tcptui.core.game import Game
from tcptui.core.profile import Profile, TimewaitSyn
from tcptui.core.states import Replies, State
from tcptui.core.world import World
from tcptui.games import game_text, last_game_path, parse_game, read_game, write_game

DANCE = "server listen; client connect; deliver 1; deliver 1; deliver 1; server close; deliver 1; deliver 1"


def game_of(moves: str, **world) -> Game:
    game = Game(World.new(**world))
    for move in parse_moves(moves):
        game.apply(move)
    return game


def test_a_game_comes_back_as_it_was_with_its_rules(tmp_path):
    profile = Profile.named("linux").with_options(timewait_syn=TimewaitSyn.CHALLENGE_ACK, rfc1337=True)
    game = game_of(DANCE + "; client sends RST seq=7 ack=9", profile=profile, replies=Replies.MANUAL, seed=7)
    path = tmp_path / "g.moves"
    write_game(path, game)
    again = read_game(path).game()
    assert again.world == game.world and [o.move for o in again.history] == [o.move for o in game.history]
    assert again.world.profile == profile and again.world.replies is Replies.MANUAL


def test_export_reads_the_file_as_it_is():
    game = game_of(DANCE)
    assert parse_moves(game_text(game)) == [o.move for o in game.history]


def test_undone_moves_are_not_kept():
    game = game_of(DANCE)
    game.undo()
    assert len(parse_game(game_text(game)).moves) == len(game.history)


def test_the_write_replaces_the_old_file_whole(tmp_path):
    path = tmp_path / "deep" / "last-game.moves"
    write_game(path, game_of("server listen"))
    write_game(path, game_of(DANCE))
    assert read_game(path).game().world.server.state is State.FIN_WAIT_2
    assert [p.name for p in path.parent.iterdir()] == ["last-game.moves"]  # no temporary file left


@pytest.mark.parametrize(
    "text, words",
    [
        ("# profile=nosuch\nserver listen\n", "unknown profile"),
        ("# profile=textbook seed=x\n", "rules line"),
        ("# profile=textbook colour=red\n", "expected profile=…"),
        ("server listen\nserver dances\n", "move 2"),
    ],
)
def test_a_bad_file_is_one_clear_error(tmp_path, text, words):
    path = tmp_path / "bad.moves"
    path.write_text(text)
    with pytest.raises(ValueError, match=words) as error:
        read_game(path)
    assert str(path) in str(error.value)


def test_the_last_game_is_kept_beside_the_progress_store(tmp_path, monkeypatch):
    monkeypatch.setenv("TCPTUI_DATA_DIR", str(tmp_path))
    assert last_game_path() == tmp_path / "last-game.moves"
    assert last_game_path(tmp_path / "other") == tmp_path / "other" / "last-game.moves"
