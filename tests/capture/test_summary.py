"""The per-connection summary: final states, RSTs with their causes and effects, and notes."""

from tcptui.capture.read import Capture
from tcptui.capture.replay import replay
from tcptui.capture.summary import Summarizer, summarize
from tcptui.core import PROFILES, ProfileName, Side, State

from ..conftest import KERNEL_CAPTURES
from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]


def summary_of(path):
    with Capture(path) as capture:
        return summarize(replay(capture, LINUX))


def write(tmp_path, steps):
    path = tmp_path / "x.pcap"
    F.write(path, [F.link("ethernet", F.segment(*step)) for step in steps])
    return path


def test_refused_syn():
    (s,) = summary_of(KERNEL_CAPTURES / "rst_no_listener.pcap")
    assert s.final == (State.CLOSED, State.CLOSED) and s.packets == 2 and (s.first, s.last) == (1, 2)
    (rst,) = s.resets
    assert (rst.frame, rst.side, rst.flags, rst.cause, rst.effect) == (
        2,
        Side.SERVER,
        "RA",
        "rst.no-listener",
        "rst.refused",
    )
    assert s.notes == ()


def test_abort():
    (s,) = summary_of(KERNEL_CAPTURES / "rst_abort.pcap")
    (rst,) = s.resets
    assert rst.side is Side.CLIENT and rst.cause == "send.rst-abort"


def test_timewait_reuse_two_connections():
    first, second = summary_of(KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap")
    # connection 0's server was in TIME_WAIT after its last packet (frame 7); the client's RST of frame 10,
    # a packet of connection 1 (the reuse), ended that TIME_WAIT: connection 0 ends with both ends CLOSED
    assert first.final == (State.CLOSED, State.CLOSED) and not first.resets
    (ended,) = first.notes
    assert (ended.frame, ended.kind, ended.side, ended.rule) == (10, "ended", Side.SERVER, "timewait.rst")
    assert dict(ended.params) == {"state": "TIME_WAIT", "now": "CLOSED", "conn": 1}
    assert second.final == (State.ESTABLISHED, State.ESTABLISHED) and second.notes == ()
    (rst,) = second.resets
    assert (rst.frame, rst.cause, rst.effect, rst.label) == (10, "synsent.bad-ack", "timewait.rst", "RST")
    assert second.client == "10.9.0.1:40001" and second.server == "10.9.0.2:5001"


def test_one_connection_alone_still_follows_the_next_on_its_ports():
    path = KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap"
    both = summary_of(path)
    for conn in (0, 1):
        acc = Summarizer(only=conn)
        with Capture(path) as capture:
            for row in replay(capture, LINUX):
                acc.add(row)
        assert acc.result() == [both[conn]]


def test_a_newer_syn_taken_by_timewait_ends_the_old_connection(tmp_path):
    """Linux: the server closed first and waits in TIME_WAIT; a SYN numbered above the old one opens the
    new connection at once. That SYN (of connection 1) is where connection 0's TIME_WAIT ended."""
    steps = [
        *F.CLOSE[:3],
        (False, F.FIN | F.ACK, F.Y + 1, F.X + 1, 0),
        (True, F.ACK, F.X + 1, F.Y + 2, 0),
        (True, F.FIN | F.ACK, F.X + 1, F.Y + 2, 0),
        (False, F.ACK, F.Y + 2, F.X + 2, 0),
        (True, F.SYN, F.X + 1_000_000, 0, 0),
    ]
    first, second = summary_of(write(tmp_path, steps))
    assert first.final == (State.CLOSED, State.CLOSED)
    (ended,) = first.notes
    assert (ended.frame, ended.side, ended.rule) == (8, Side.SERVER, "timewait.syn-accept-newer")
    assert dict(ended.params) == {"state": "TIME_WAIT", "now": "SYN_RCVD", "conn": 1}
    assert second.final == (State.SYN_SENT, State.SYN_RCVD)


def test_an_end_that_opens_the_next_connection_itself_keeps_its_last_state(tmp_path):
    """The client, in TIME_WAIT after connection 0, sends the next SYN from the same port: its TIME_WAIT
    ran out unseen (a timer, not a packet), so connection 0 still ends as its packets showed."""
    steps = F.CLOSE + [(True, F.SYN, F.X + 100_000, 0, 0)]
    first, second = summary_of(write(tmp_path, steps))
    assert first.final == (State.TIME_WAIT, State.CLOSED) and first.notes == ()
    assert second.final[0] is State.SYN_SENT


def test_stuck_in_close_wait_and_fin_wait_2(tmp_path):
    (s,) = summary_of(write(tmp_path, F.CLOSE[:7]))
    assert s.final == (State.FIN_WAIT_2, State.CLOSE_WAIT)
    assert s.stuck == ((Side.CLIENT, State.FIN_WAIT_2), (Side.SERVER, State.CLOSE_WAIT))
    assert [(n.kind, n.side) for n in s.notes] == [("stuck", Side.CLIENT), ("stuck", Side.SERVER)]


def test_a_reply_still_owed_when_the_packets_end(tmp_path):
    (s,) = summary_of(write(tmp_path, F.CLOSE[:4]))  # the data is never acknowledged
    (note,) = s.notes
    assert (note.kind, note.side, note.rule, dict(note.params)) == (
        "missing",
        Side.SERVER,
        "data.accept",
        {"expected": "ACK"},
    )


def test_an_unexpected_send(tmp_path):
    steps = F.CLOSE[:6] + [(True, F.PSH | F.ACK, F.X + 12, F.Y + 1, 5)]  # data after the client's own FIN
    (s,) = summary_of(write(tmp_path, steps))
    assert [(n.frame, n.kind, n.side, n.rule) for n in s.notes if n.kind == "unexpected"] == [
        (7, "unexpected", Side.CLIENT, "send.data-after-fin")
    ]


def test_every_story_and_note_has_words_in_both_languages():
    import re

    from tcptui.capture import stories
    from tcptui.text import LANGS, catalogue

    names = {"plain"} | set(re.findall(r'Story\("([a-z-]+)"', open(stories.__file__, encoding="utf-8").read()))
    kinds = ("unexpected", "missing", "stuck", "ended")
    keys = {f"replay.story.{name}" for name in names} | {f"replay.note.{k}" for k in kinds}
    keys |= {"replay.ended", "replay.ended-here", "replay.col.client-head", "replay.col.server-head"}
    keys |= {"replay.stuck.CLOSE_WAIT", "replay.stuck.FIN_WAIT_2", "replay.unexpected", "replay.missing"}
    for lang in LANGS:
        assert keys <= set(catalogue(lang).UI), keys - set(catalogue(lang).UI)


def test_a_timewait_carried_through_two_reuses_is_ended_for_its_own_connection(tmp_path):
    """Two SYNs in a row meet the server's TIME_WAIT (connections 1 and 2); the RST of connection 2 ends
    it: that TIME_WAIT was connection 0's, whichever later connection's packet ended it."""
    steps = [
        *F.CLOSE[:3],
        (False, F.FIN | F.ACK, F.Y + 1, F.X + 1, 0),
        (True, F.ACK, F.X + 1, F.Y + 2, 0),
        (True, F.FIN | F.ACK, F.X + 1, F.Y + 2, 0),
        (False, F.ACK, F.Y + 2, F.X + 2, 0),
        (True, F.SYN, F.X - 500, 0, 0),
        (False, F.ACK, F.Y + 2, F.X + 2, 0),
        (True, F.SYN, F.X - 700, 0, 0),
        (False, F.ACK, F.Y + 2, F.X + 2, 0),
        (True, F.RST, F.X + 2, 0, 0),
    ]
    first, second, third = summary_of(write(tmp_path, steps))
    assert first.final == (State.CLOSED, State.CLOSED)
    assert [(n.frame, n.kind, dict(n.params)["conn"]) for n in first.notes] == [(12, "ended", 2)]
    assert not any(n.kind == "ended" for n in second.notes + third.notes)
