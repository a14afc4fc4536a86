"""The study map: every topic has its texts and something that covers it; the pack's topics are the
exam's; progress is counted per topic; every explain example is one the command answers."""

import shlex
from types import SimpleNamespace

import pytest

from tcptui.exam.items import pool
from tcptui.exam.topics import NOTES, PACK, label, matches, order, parse_topic
from tcptui.puzzle.pack import load_pack
from tcptui.study import study_map, topic, topics


def test_every_topic_of_the_notes_and_of_the_pack_is_on_the_map_in_order():
    ids = [t.id for t in topics()]
    assert ids == list(NOTES + PACK)
    assert sorted(ids, key=order) == ids


def test_every_topic_has_a_title_and_questions_in_both_languages():
    for t in topics():
        assert t.title.en.strip() and t.title.zh.strip(), t.id
        assert t.asks, t.id
        for ask in t.asks:
            assert ask.en.strip() and ask.zh.strip(), t.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in ask.zh), (t.id, ask.zh)


def test_every_pack_topic_is_covered_by_exam_items_and_explain_examples():
    rows = {r.topic.id: r for r in study_map(load_pack(), pool())}
    for tid in PACK:
        assert rows[tid].items, f"{tid}: no exam item"
        assert rows[tid].topic.explain, f"{tid}: no explain example"


def test_every_pack_topic_has_a_puzzle_and_every_also_is_a_puzzle_elsewhere():
    """A student lands in a puzzle from every pack topic; `also` names puzzles of other sections."""
    puzzles = {p.id: p for p in load_pack()}
    rows = {r.topic.id: r for r in study_map(puzzles.values(), pool())}
    for tid in PACK:
        assert rows[tid].puzzles, f"{tid}: no puzzle"
        for pid in rows[tid].topic.also:
            assert pid in puzzles and puzzles[pid].section != tid, (tid, pid)
    errno = [p.id for p in rows["interview.errno"].puzzles]
    assert errno[0] == "rst-no-listener" and "interview-connect-gives-up" in errno


@pytest.mark.parametrize("example", [e for t in topics() for e in t.explain])
def test_every_explain_example_is_answered(example):
    from tcptui.cli import parse
    from tcptui.commands.explain import answer_dict, profile_from
    from tcptui.commands.probe import probe

    args = parse(["explain", *shlex.split(example), "--json"])
    data = answer_dict(probe(args.state, args.event, profile_from(args)), "en")
    assert data["rule"] and data["explanation"]


def test_progress_is_counted_per_topic():
    puzzles = load_pack()
    first = next(p for p in puzzles if p.section == "2")
    best = {first.id: SimpleNamespace(stars=2), "no-such-puzzle": SimpleNamespace(stars=3)}
    rows = {r.topic.id: r for r in study_map(puzzles, pool(), best, {"2": (3, 5)})}
    assert (rows["2"].solved, rows["2"].stars, rows["2"].right, rows["2"].answered) == (1, 2, 3, 5)
    assert rows["2"].next_puzzle(best).id != first.id  # the next unsolved one
    assert (rows["4.1"].solved, rows["4.1"].answered) == (0, 0)


def test_pack_topics_parse_by_short_name_and_as_a_group():
    assert parse_topic("queues") == "interview.queues"
    assert parse_topic("§4.2") == "4.2"
    assert matches("interview.keepalive", (parse_topic("interview"),))
    assert not matches("4.2", (parse_topic("interview"),))
    assert label("interview.errno") == "errno" and label("4.4.1") == "§4.4.1"
    with pytest.raises(ValueError, match="queues"):
        parse_topic("queue")


def test_topic_lookup():
    assert topic("4.2").title.en
    with pytest.raises(KeyError):
        topic("5")
