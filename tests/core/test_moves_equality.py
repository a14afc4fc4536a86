"""Moves are equal only to moves of the same kind: a lost segment is not a delivered one."""

from tcptui.core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Flood, Reboot, Restart
from tcptui.core.states import Call, Side


def test_a_move_equals_only_its_own_kind():
    assert Drop(0) != Deliver(0) and Deliver(0) != Duplicate(0)
    assert Crash(Side.SERVER) != Restart(Side.SERVER)
    assert Deliver(0) == Deliver(0) and hash(Deliver(0)) == hash(Deliver(0))
    assert AppCall(Side.CLIENT, Call.CONNECT) == AppCall(Side.CLIENT, Call.CONNECT)


def test_moves_of_different_kinds_are_different_keys():
    seen = {Drop(1): "drop", Deliver(1): "deliver", Crash(Side.CLIENT): "crash", Restart(Side.CLIENT): "restart"}
    assert len(seen) == 4 and Deliver(1) in seen and Duplicate(1) not in seen


def test_the_packs_moves_too():
    """A reboot is not a crash, and a flood of one SYN is not a delivery."""
    assert Reboot(Side.SERVER) != Crash(Side.SERVER) and Reboot(Side.SERVER) != Restart(Side.SERVER)
    assert Flood(1) != Deliver(1) and Flood(1) != Drop(1) and Flood(3) == Flood(3)
    assert len({Reboot(Side.CLIENT), Crash(Side.CLIENT), Flood(0), Deliver(0)}) == 4
