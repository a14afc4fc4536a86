"""The lab's move notation: the engine's, plus wait, accept, read and symbolic numbers."""

import pytest

from tcptui.core.moves import AppCall, Deliver, Send
from tcptui.core.segment import SYN, Flags
from tcptui.core.states import Call, Side
from tcptui.lab.moves import Accept, Inject, Read, Wait, parse_lab_move, parse_lab_moves


def test_engine_moves_read_as_the_engine_reads_them():
    assert parse_lab_move("client connect") == AppCall(Side.CLIENT, Call.CONNECT)
    assert parse_lab_move("deliver 2") == Deliver(1)
    assert parse_lab_move("client sends SYN seq=5") == Send(Side.CLIENT, SYN, 5, None, 0)


def test_lab_moves():
    assert parse_lab_moves("wait 1.5; server accept\nclient read # a comment") == [
        Wait(1.5),
        Accept(Side.SERVER),
        Read(Side.CLIENT),
    ]
    assert str(Wait(2.0)) == "wait 2" and str(Accept(Side.SERVER)) == "server accept"


def test_symbolic_numbers_wait_for_the_isns():
    move = parse_lab_move("client sends SYN seq=x'+1")
    assert isinstance(move, Inject)
    symbols = ((1000, "x"), (5000, "y"), (7000, "x'"))
    assert move.resolve(symbols) == Send(Side.CLIENT, SYN, 7001, None, 0)
    assert parse_lab_move("server sends ACK seq=y+1 ack=x-2").resolve(symbols) == Send(
        Side.SERVER, Flags.ACK, 5001, 998, 0
    )
    with pytest.raises(ValueError, match="no ISS called y' has been seen yet"):
        parse_lab_move("server sends SYN seq=y'").resolve(symbols)


@pytest.mark.parametrize(
    "text, message",
    [
        ("wait", "expected 'wait SECONDS'"),
        ("wait -1", "expected 'wait SECONDS'"),
        ("client sends SYN seq=z", "seq=z is neither a number nor x, y"),
        ("client sends BOGUS seq=x", "unknown flag"),
        ("client dance", "unknown move"),
    ],
)
def test_bad_moves_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_lab_move(text).resolve(((1, "x"),)) if "seq=z" in text else parse_lab_move(text)


def test_a_bad_move_is_named_by_its_number():
    with pytest.raises(ValueError, match=r"move 2 \('client dance'\)"):
        parse_lab_moves("server listen; client dance")
