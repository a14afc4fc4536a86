"""Loading puzzle files: defaults that follow from the state, late segments, setup moves, the README example."""

import pathlib
import re

import pytest

from tcptui.core.moves import parse_move
from tcptui.core.states import Replies, Side, State
from tcptui.errors import PuzzleError
from tcptui.puzzle import Chapter, lint, load_text
from tcptui.puzzle.attempt import Attempt
from tcptui.puzzle.goal import EventKind, parse_event
from tcptui.puzzle.pack import get

ROOT = pathlib.Path(__file__).resolve().parents[2]
HEAD = """id = "t"
chapter = "close"
section = "3.4"
difficulty = 1
move_limit = 8
par = 1
title = { en = "T", zh = "题" }
story = { en = "S", zh = "事" }
hints = [{ en = "H", zh = "提" }]
"""


def test_the_readme_example_is_a_good_puzzle():
    text = (ROOT / "puzzles" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    puzzle = load_text(example, "README.md")
    assert puzzle.chapter is Chapter.CLOSE and puzzle.section == "3.4"
    assert lint(puzzle) == []


@pytest.mark.parametrize(
    "state, una, nxt, rcv",
    [
        ("ESTABLISHED", 1001, 1001, 5001),
        ("FIN_WAIT_1", 1001, 1002, 5001),
        ("FIN_WAIT_2", 1002, 1002, 5001),
        ("CLOSE_WAIT", 1001, 1001, 5002),
        ("CLOSING", 1001, 1002, 5002),
        ("LAST_ACK", 1001, 1002, 5002),
        ("TIME_WAIT", 1002, 1002, 5002),
        ("SYN_RCVD", 1000, 1001, 5001),
    ],
)
def test_tcb_fields_follow_from_iss_irs_and_the_state(state, una, nxt, rcv):
    text = HEAD + f'[client]\nstate = "{state}"\ntcb = {{ iss = 1000, irs = 5000 }}\n[goal]\nclient = "CLOSED"\n'
    tcb = load_text(text, "t.toml").start.client.tcb
    assert (tcb.snd_una, tcb.snd_nxt, tcb.rcv_nxt) == (una, nxt, rcv)


def test_a_late_segment_keeps_its_older_origin_and_the_symbols_name_it():
    puzzle = get("timewait-late-segment")
    (late,) = puzzle.start.wire
    assert late.src is Side.SERVER and late.origin == 915187974 != puzzle.start.client.tcb.irs + 1
    assert dict((name, value) for value, name in puzzle.start.symbols) == {"x": 1054057787, "y": 915187974}


def test_setup_moves_are_played_before_the_start():
    text = HEAD + 'setup = ["server listen", "client connect"]\n[goal]\nclient = "ESTABLISHED"\n'
    world = load_text(text, "t.toml").start
    assert (world.client.state, world.server.state, len(world.wire)) == (State.SYN_SENT, State.LISTEN, 1)


def test_manual_replies_and_listen_state():
    puzzle = get("handshake-manual")
    assert puzzle.start.replies is Replies.MANUAL and puzzle.start.server.listening


def test_events_parse_with_and_without_a_side():
    assert parse_event("server sends RST").side is Side.SERVER
    assert parse_event("reaches time-wait").value is State.TIME_WAIT
    assert parse_event("rule net.drop").kind is EventKind.RULE
    with pytest.raises(ValueError):
        parse_event("server sends")


def test_a_goal_event_may_say_itself_in_words():
    text = HEAD + (
        "[goal]\nmust = [\n"
        '  { event = "client rule rst.reset", en = "a RST resets it", zh = "RST 重置连接" },\n'
        '  "server sends RST",\n]\n'
    )
    worded, plain = load_text(text, "t.toml").goal.must
    assert (worded.text.en, worded.text.zh) == ("a RST resets it", "RST 重置连接") and plain.text is None
    assert worded == parse_event("client rule rst.reset")  # the words are for people: the event is the same


@pytest.mark.parametrize(
    "entry, key, message",
    [
        ('{ event = "client rule rst.reset", en = "x" }', "goal.must[1].zh", "missing"),
        ('{ event = "client rule rst.reset", en = "x", zh = "y", why = "z" }', "goal.must[1].why", "unknown key"),
        ('{ event = "client rule no.such", en = "x", zh = "y" }', "goal.must[1].event", "unknown rule id"),
        ('{ event = "client rule rst.reset", en = "", zh = "y" }', "goal.must[1].en", "is empty"),
        ("3", "goal.must[1]", "expected an event"),
    ],
)
def test_a_worded_event_names_what_is_wrong(entry, key, message):
    with pytest.raises(PuzzleError) as info:
        load_text(HEAD + f"[goal]\nmust = [{entry}]\n", "t.toml")
    assert info.value.key == key and message in str(info.value)


def test_end_conditions_are_not_met_before_the_first_move():
    attempt = Attempt(get("handshake-first"))  # starts with an empty wire; the goal wants one at the end
    assert "wire empty" in attempt.missing()
    attempt.apply(parse_move("server listen"))
    assert "wire empty" not in attempt.missing()  # after a move: judged on the world as it stands
    attempt.undo()
    assert "wire empty" in attempt.missing()


def test_an_error_names_file_key_and_line():
    text = HEAD + '[goal]\nclient = "NOWHERE"\n'
    with pytest.raises(PuzzleError) as info:
        load_text(text, "mine.toml")
    assert str(info.value).startswith("mine.toml:11: goal.client: unknown state 'NOWHERE'")
    assert info.value.line == 11 and info.value.key == "goal.client"


def test_nothing_in_a_file_is_executed():
    text = HEAD + "[goal]\nclient = \"__import__('os').system('false')\"\n"
    with pytest.raises(PuzzleError, match="unknown state"):
        load_text(text, "evil.toml")
