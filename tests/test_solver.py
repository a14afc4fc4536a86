"""The solver: shortest solutions by BFS over worlds, hints from anywhere, the move generator."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcptui.core import World, parse_move
from tcptui.core.available import EVERYTHING, MoveKind, Offer, candidates, playable
from tcptui.core.states import Side, Verdict
from tcptui.puzzle import Attempt, get, load_pack, solve
from tcptui.puzzle.goal import START, trace
from tcptui.puzzle.solver import SearchTooLarge, replay, world_key

PACK = load_pack()


def test_candidates_offer_network_moves_per_segment_and_respect_the_offer():
    world = World.new()
    for move in ("server listen", "client connect", "client send-data 100"):
        world = world.apply(parse_move(move)).world
    assert len(world.wire) == 1
    moves = [str(m) for m in candidates(world)]
    assert {"deliver 1", "drop 1", "duplicate 1", "client timer rto", "server crash", "client sends RST"} <= set(moves)
    only = Offer(frozenset({MoveKind.DELIVER}), (Side.CLIENT,), (), (), (), 6)
    assert [str(m) for m in candidates(world, only)] == ["deliver 1"]
    full = Offer(EVERYTHING.kinds, EVERYTHING.sides, EVERYTHING.calls, EVERYTHING.sends, EVERYTHING.timers, 1)
    assert not any(m.startswith("duplicate") for m in map(str, candidates(world, full)))


def test_playable_keeps_only_what_the_engine_allows():
    world = World.new()
    found = dict((str(m), o) for m, o in playable(world))
    assert "client connect" in found and "server listen" in found
    assert "client close" not in found and "client timer rto" not in found
    assert all(o.verdict is not Verdict.ILLEGAL for o in found.values())


def test_world_key_is_orderable_with_two_segments_from_one_side():
    world = World.new()
    for move in ("server listen", "client connect", "duplicate 1"):
        world = world.apply(parse_move(move)).world
    assert world_key(world) == world_key(world._replace(wire=tuple(reversed(world.wire))))


@pytest.mark.parametrize("puzzle", PACK, ids=[p.id for p in PACK])
def test_every_hint_from_the_start_leads_to_the_goal_in_par_moves(puzzle):
    attempt = Attempt(puzzle)
    while not attempt.solved:
        hint = attempt.hint()
        assert hint is not None and hint.within_limit and hint.remaining == puzzle.par - attempt.moves
        assert hint.explain("en") and hint.explain("zh")
        attempt.apply(hint.move)
    assert attempt.moves == puzzle.par and attempt.result().stars == 1  # hints cost stars


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_hint_from_any_reachable_world_is_the_start_of_a_shortest_solution(data):
    puzzle = data.draw(st.sampled_from(PACK))
    attempt = Attempt(puzzle)
    for _ in range(data.draw(st.integers(0, 3))):
        offered = attempt.offered()
        if not offered or attempt.solved:
            break
        attempt.apply(data.draw(st.sampled_from(offered))[0])
    if attempt.solved:
        return
    found = solve(puzzle, attempt.world, attempt.track, puzzle.move_limit)
    hint = attempt.hint()
    if found is None:
        assert hint is None or not hint.within_limit
        return
    assert hint is not None and hint.remaining == found.length
    rest = solve(puzzle, hint.outcome.world, puzzle.goal.advance(attempt.track, hint.outcome), puzzle.move_limit)
    assert rest is not None and rest.length == found.length - 1


def test_a_broken_track_has_no_solution_and_no_hint():
    puzzle = get("close-shortcut")
    attempt = Attempt(puzzle)
    for move in ("client close", "deliver 1", "deliver 1"):  # the client reaches FIN_WAIT_2: forbidden event
        attempt.apply(parse_move(move))
    assert attempt.track.broken and attempt.hint() is None
    assert solve(puzzle, attempt.world, attempt.track) is None


def test_forbidden_moves_are_refused_and_counted():
    puzzle = get("close-shortcut")
    attempt = Attempt(puzzle)
    played = attempt.apply(parse_move("server abort"))  # not offered: the engine would allow it, the puzzle not
    assert not played.forbidden  # only moves listed in forbid are refused
    puzzle = get("handshake-first")
    from dataclasses import replace

    strict = replace(puzzle, moves=replace(puzzle.moves, forbid=(parse_move("client connect"),)))
    attempt = Attempt(strict)
    assert attempt.apply(parse_move("client connect")).forbidden and attempt.illegal == 1 and attempt.moves == 0
    assert solve(strict) is None


def test_solution_playback_reaches_the_goal_and_scores_zero_stars():
    attempt = Attempt(get("reuse-dance"))
    moves = attempt.solution()
    for move in moves:
        played = attempt.apply(move)
    assert played.solved and attempt.result().stars == 0 and len(moves) == attempt.puzzle.par


def test_illegal_moves_are_counted_and_undo_keeps_the_count():
    attempt = Attempt(get("handshake-first"))
    assert attempt.apply(parse_move("client close")).outcome.verdict is Verdict.ILLEGAL
    attempt.undo()
    assert attempt.illegal == 1 and attempt.moves == 0


def test_the_search_gives_up_past_its_node_budget():
    puzzle = get("beyond-syn-challenge")
    with pytest.raises(SearchTooLarge):
        solve(puzzle, max_nodes=10)


def test_replay_reports_the_goal_track():
    puzzle = get("timewait-lost-ack")
    outcomes, track = replay(puzzle, solve(puzzle).moves)
    assert track == trace(puzzle.goal, outcomes) and track.mask == puzzle.goal.full and track != START


def test_a_forbidden_drop_does_not_forbid_the_delivery_of_the_same_segment():
    """Moves are namedtuples: Drop(0) == Deliver(0) as tuples. The puzzle compares kinds too."""
    from tcptui.core.moves import Deliver, Drop
    from tcptui.puzzle.model import among

    puzzle = get("handshake-lost-syn")
    moves = puzzle.moves.__class__(puzzle.moves.offer, (), (Drop(0),))
    assert not moves.allows(Drop(0)) and moves.allows(Deliver(0))
    assert among(Drop(0), (Drop(0),)) and not among(Deliver(0), (Drop(0),))
