"""Stars from moves against par, illegal moves and hints; the best result is kept."""

from hypothesis import given
from hypothesis import strategies as st

from tcptui.puzzle.scoring import Result, best, stars


def test_the_table():
    assert stars(5, 5) == 3
    assert stars(5, 4) == 3
    assert stars(5, 6) == 2
    assert stars(5, 8) == 1  # beyond par + slack (2)
    assert stars(5, 5, illegal=1) == 2
    assert stars(5, 5, hints=2) == 1
    assert stars(5, 30, illegal=3, hints=5) == 1  # a solve is never worth less than one star
    assert stars(5, 5, shown=True) == 0


counts = st.integers(0, 20)


@given(par=st.integers(1, 15), moves=st.integers(1, 40), illegal=counts, hints=counts)
def test_stars_never_rise_with_more_moves_illegal_moves_or_hints(par, moves, illegal, hints):
    here = stars(par, moves, illegal, hints)
    assert 1 <= here <= 3
    assert stars(par, moves + 1, illegal, hints) <= here
    assert stars(par, moves, illegal + 1, hints) <= here
    assert stars(par, moves, illegal, hints + 1) <= here


results = st.builds(Result, st.just("p"), st.integers(1, 30), st.just(5), counts, counts, st.booleans())


@given(a=results, b=results, c=results)
def test_best_keeps_the_better_and_order_does_not_matter(a, b, c):
    kept = best(best(best(None, a), b), c)
    assert kept.rank == max(a.rank, b.rank, c.rank)
    assert best(a, b).rank == best(b, a).rank
    assert best(a, a) is a


def test_an_undone_move_still_counts_against_the_stars():
    from tcptui.core.moves import parse_move
    from tcptui.puzzle.attempt import Attempt
    from tcptui.puzzle.pack import load_pack

    puzzle = next(p for p in load_pack() if p.id == "reuse-dance")
    attempt = Attempt(puzzle)
    attempt.apply(parse_move("client connect"))  # a try …
    attempt.undo()  # … taken back
    attempt.apply(parse_move("client connect"))
    attempt.undo()
    attempt.redo()  # a redo gives the taken-back move back: it is counted once
    assert (attempt.moves, attempt.undone, attempt.made) == (1, 1, 2)
    attempt.restart()
    assert (attempt.moves, attempt.made) == (0, 2)
    for move in puzzle.solution:
        played = attempt.apply(parse_move(move) if isinstance(move, str) else move)
    assert played.solved
    result = attempt.result()
    assert result.moves == puzzle.par + 2 and result.illegal == 0 and result.stars == 2  # 2 more made than par
