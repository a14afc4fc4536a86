"""Symbolic numbers tell the notes' story: every number is named after the ISN it belongs to.

The truth is worked out here from the engine's own rules, apart from tcptui.numbers: a segment
sent from a TCB counts its SEQ from the sender's ISS and its ACK from the sender's IRS; a RST
that answers a segment takes its numbers from that segment (<SEQ=SEG.ACK>, <ACK=SEG.SEQ+SEG.LEN>,
RFC 9293 §3.10.7), so it counts from whatever that segment's numbers counted from. Then every
name shown — along each puzzle's lesson path and one move off it, everywhere — must be the name of
that ISN (`ack=y-3998` for the old connection's x+2 was the bug).
"""

import re

import pytest

from tcptui.core.moves import Deliver
from tcptui.core.segment import ACK, RST
from tcptui.core.states import State
from tcptui.numbers import describe, describe_item, symbolic
from tcptui.puzzle import load_pack
from tcptui.puzzle.lesson import lesson_path
from tcptui.puzzle.solver import successors

PACK = load_pack()
NAME = re.compile(r"^([a-z](?:'{1,2}|\d)?)(?:[+-]\d+)?$")


def _bases_at_start(world) -> dict:
    """serial → (seq base, ack base) for the segments a puzzle starts with (None: not known)."""
    out = {}
    for item in world.wire:
        sender = world.endpoint(item.src)
        ack_base = sender.tcb.irs if sender.state.has_tcb and sender.state is not State.SYN_SENT else None
        out[item.serial] = (
            item.origin,
            ack_base if item.origin == (sender.tcb.iss if sender.state.has_tcb else None) else None,
        )
    return out


def _bases(before, outcome, known: dict) -> dict:
    """The bases of the segments this move put on the wire."""
    side = outcome.sent[0].src if outcome.sent else None
    if side is None:
        return {}
    ep_before, ep_after = before.endpoint(side), outcome.world.endpoint(side)
    tcb_ep = ep_after if ep_after.state.has_tcb else ep_before if ep_before.state.has_tcb else None
    answered = known.get(outcome.segment.serial, (None, None)) if isinstance(outcome.move, Deliver) else None
    out = {}
    for item in outcome.sent:
        seg = item.segment
        if RST in seg.flags and answered is not None:
            seq_base = answered[1] if seg.seq else None  # <SEQ=SEG.ACK> (or <SEQ=0>)
            ack_base = answered[0]  # <ACK=SEG.SEQ+SEG.LEN>
        elif tcb_ep is not None:
            seq_base = tcb_ep.tcb.iss
            ack_base = tcb_ep.tcb.irs if tcb_ep.state is not State.SYN_SENT else None
        else:
            seq_base = ack_base = None
        out[item.serial] = (seq_base, ack_base)
    return out


def _named(text: str, symbols: tuple):
    """The ISN value a symbolic number names ('x+2' → x's value), or None for a bare number."""
    match = NAME.match(text)
    if not match:
        return None
    return dict((name, value) for value, name in symbols)[match.group(1)]


def _check(item, bases, symbols, where):
    seq_base, ack_base = bases
    names = {value for value, _ in symbols}
    text = describe_item(item, symbols, True)
    fields = dict(part.split("=", 1) for part in text.split()[1:] if "=" in part)
    for field, base in (("seq", seq_base), ("ack", ack_base)):
        if field not in fields or base is None:
            continue
        named = _named(fields[field], symbols)
        if base in names:
            assert named == base, f"{where}: {text}: {field} counts from {base}, shown as {fields[field]}"
        else:
            assert named is None, f"{where}: {text}: {field} counts from an unnamed ISN, shown as {fields[field]}"


def _walk(puzzle):
    """(where, before, outcome) along the lesson path and for every move offered beside it."""
    world, path = puzzle.start, lesson_path(puzzle)
    for i, move in enumerate(path.moves):
        for other, outcome in successors(puzzle, world):
            yield f"{puzzle.id} move {i + 1} ({other})", world, outcome, other == move
        world = world.apply(move).world


@pytest.mark.parametrize("puzzle", PACK, ids=[p.id for p in PACK])
def test_no_symbolic_number_is_an_offset_of_the_wrong_isn(puzzle):
    known = _bases_at_start(puzzle.start)
    for item in puzzle.start.wire:
        _check(item, known[item.serial], puzzle.start.symbols, f"{puzzle.id} start")
    for where, before, outcome, on_path in _walk(puzzle):
        bases = _bases(before, outcome, known)
        for item in outcome.sent:
            _check(item, bases[item.serial], outcome.world.symbols, where)
        if on_path:
            known.update(bases)


def test_the_notes_story_of_section_4_2_reads_as_the_notes_tell_it():
    """Linux, an old-looking SYN: the old ACK acknowledges x+2, the RST carries x+2, the new ISN is x'."""
    from tcptui.commands.solve import ladder_text
    from tcptui.puzzle import get

    puzzle = get("reuse-linux-older")
    text = ladder_text(puzzle, lesson_path(puzzle).moves, True, "en")
    assert "SYN seq=x'" in text and "ACK seq=y+2 ack=x+2" in text and "RST seq=x+2" in text
    assert "SYN+ACK seq=y' ack=x'+1" in text
    assert "y-" not in text and "x+50" not in text


def test_a_number_of_one_side_is_never_named_after_the_other_sides_isn():
    symbols = ((1000, "x"), (5000, "y"))
    assert symbolic(1002, symbols) == "x+2"
    assert symbolic(1002, ((5000, "y"),), None) == "y-3998"  # no side given: the nearest ISN, whoever's
    assert symbolic(1002, ((5000, "y"),), describe.__globals__["Side"].CLIENT) == "1002"


def test_a_reset_from_a_host_with_no_connection_keeps_seq_0():
    from tcptui.core.segment import Segment
    from tcptui.core.states import Side

    seg = Segment(RST | ACK, 0, 1001)
    assert describe(seg, ((1000, "x"), (5000, "y")), True, Side.SERVER) == "RST+ACK seq=0 ack=x+1"
    assert ACK in seg.flags


def test_a_sends_wrong_numbers_are_named_as_the_screen_names_them():
    """send.wrong-numbers: SEQ in the sender's space, ACK in its peer's (the lab lets x+1 be typed)."""
    from tcptui.core.moves import parse_move
    from tcptui.core.states import Replies
    from tcptui.core.world import World
    from tcptui.numbers import outcome_params

    world = World.new(replies=Replies.MANUAL)
    for move in ("server listen", "client connect", "deliver 1"):
        world = world.apply(parse_move(move)).world
    y, x = world.server.tcb.iss, world.client.tcb.iss
    outcome = world.apply(parse_move(f"server sends SYN+ACK seq={y} ack={(x + 5) % (1 << 32)}"))
    assert outcome.rule == "send.wrong-numbers"
    params = dict(outcome_params(outcome))
    assert (params["seq"], params["want_seq"], params["ack"], params["want_ack"]) == ("y", "y", "x+5", "x+1")
    assert dict(outcome_params(outcome, as_symbols=False))["ack"] == (x + 5) % (1 << 32)
