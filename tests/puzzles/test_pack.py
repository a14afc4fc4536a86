"""The bundled pack: every puzzle loads, is solvable, its par is the solver's, and the solutions play."""

import pytest

from tcptui.core.states import Verdict
from tcptui.puzzle import Chapter, chapters, check_files, get, load_pack, solve
from tcptui.puzzle.goal import EventKind
from tcptui.puzzle.model import section_order
from tcptui.puzzle.pack import pack_dir
from tcptui.puzzle.solver import replay

PACK = load_pack()
IDS = [p.id for p in PACK]


def test_the_pack_has_at_least_24_puzzles_in_every_chapter():
    assert len(PACK) >= 24
    assert len(set(IDS)) == len(IDS)
    for chapter, puzzles in chapters().items():
        assert len(puzzles) >= 2, chapter


def test_every_section_of_the_notes_that_the_issue_names_has_two_puzzles():
    sections = [p.section for p in PACK]
    for section in ("2", "4.1", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3", "4.4.4", "beyond"):
        assert sections.count(section) >= 2, section
    assert sum(s.startswith("3") for s in sections) >= 2
    assert {"3.2", "3.4"} <= set(sections)  # half-close data in CLOSE_WAIT, the §3.4 shortcut


def test_every_rule_event_of_the_pack_is_worded_in_both_languages():
    """A rule id means little to a player: the goal panel shows the puzzle's words for it."""
    for puzzle in PACK:
        for event in puzzle.goal.must + puzzle.goal.must_not:
            if event.kind is EventKind.RULE:
                assert event.text and event.text.en and event.text.zh, (puzzle.id, event.describe())


def test_difficulty_rises_within_each_section_of_a_chapter():
    for puzzles in chapters().values():
        for section in {p.section for p in puzzles}:
            levels = [p.difficulty for p in puzzles if p.section == section]
            assert levels == sorted(levels)


def test_the_list_order_follows_the_notes():
    """Chapters in the notes' order; within one, by the notes' section, then difficulty (the RST
    chapter opens with §4.3, not with an easy §4.4.3 puzzle)."""
    assert [p.chapter for p in PACK] == sorted((p.chapter for p in PACK), key=lambda c: c.order)
    assert PACK[0].chapter is Chapter.HANDSHAKE
    for puzzles in chapters().values():
        sections = [section_order(p.section) for p in puzzles]
        assert sections == sorted(sections)
    rst = chapters()[Chapter.RST]
    assert [p.section for p in rst][:2] == ["4.3", "4.3"] and rst[-1].section == "4.4.4"


def test_check_is_clean_on_the_pack():
    count, problems = check_files([pack_dir()])
    assert problems == [] and count == len(PACK)


@pytest.mark.parametrize("puzzle", PACK, ids=IDS)
def test_solver_solution_replayed_through_the_engine_meets_the_goal(puzzle):
    found = solve(puzzle)
    assert found is not None and found.length == puzzle.par <= puzzle.move_limit
    outcomes, track = replay(puzzle, found.moves)
    assert all(o.verdict is not Verdict.ILLEGAL for o in outcomes)
    assert puzzle.goal.met(outcomes[-1].world, track)


@pytest.mark.parametrize("puzzle", PACK, ids=IDS)
def test_texts_are_there_in_both_languages(puzzle):
    for text in (puzzle.title, puzzle.story, *puzzle.hints):
        assert text.en and text.zh and text.en != text.zh


def test_get_names_an_unknown_id():
    with pytest.raises(KeyError, match="no-such-puzzle"):
        get("no-such-puzzle")


def test_hints_and_the_shown_solution_follow_the_lesson():
    """02's first hint is the written one's "drop the SYN first", not a delivery that leads to a needless RTO."""
    from tcptui.puzzle import Attempt
    from tcptui.puzzle.lesson import lesson_path

    attempt = Attempt(get("handshake-lost-syn"))
    assert attempt.hint().notation == "drop 1"
    assert [str(m) for m in attempt.solution()] == [str(m) for m in get("handshake-lost-syn").solution]
    # off the reference path, the hints still teach the lesson where they can
    attempt = Attempt(get("timewait-protects"))
    attempt.apply(attempt.hint().move)  # deliver the old segment
    assert attempt.hint().notation == "drop 1"  # not the ACK to the listener, whose RST would kill TIME_WAIT
    for puzzle in PACK:
        path = lesson_path(puzzle)
        outcomes, track = replay(puzzle, path.moves)
        assert puzzle.goal.met(outcomes[-1].world, track), puzzle.id
        assert path.length == puzzle.par, puzzle.id
