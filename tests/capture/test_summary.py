"""The per-connection summary: final states, RSTs with their causes and effects, and notes."""

from tcptui.capture.read import Capture
from tcptui.capture.replay import replay
from tcptui.capture.summary import summarize
from tcptui.core import PROFILES, ProfileName, Side, State

from ..conftest import SHARED
from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]


def summary_of(path):
    with Capture(path) as capture:
        return summarize(replay(capture, LINUX))


def write(tmp_path, steps):
    path = tmp_path / "x.pcap"
    F.write(path, [F.link("ethernet", F.segment(*step)) for step in steps])
    return path


def test_refused_syn(shared):
    (s,) = summary_of(SHARED / "captures" / "rst_no_listener.pcap")
    assert s.final == (State.CLOSED, State.CLOSED) and s.packets == 2 and (s.first, s.last) == (1, 2)
    (rst,) = s.resets
    assert (rst.frame, rst.side, rst.flags, rst.cause, rst.effect) == (2, Side.SERVER, "RA", "rst.no-listener",
                                                                       "rst.refused")
    assert s.notes == ()


def test_abort(shared):
    (s,) = summary_of(SHARED / "captures" / "rst_abort.pcap")
    (rst,) = s.resets
    assert rst.side is Side.CLIENT and rst.cause == "send.rst-abort"


def test_timewait_reuse_two_connections(shared):
    first, second = summary_of(SHARED / "captures" / "timewait_syn_reuse_doc_path.pcap")
    assert first.final == (State.CLOSED, State.TIME_WAIT) and not first.resets
    assert second.final == (State.ESTABLISHED, State.ESTABLISHED)
    (rst,) = second.resets
    assert (rst.cause, rst.effect) == ("synsent.bad-ack", "timewait.rst")
    assert second.client == "10.9.0.1:40001" and second.server == "10.9.0.2:5001"


def test_stuck_in_close_wait_and_fin_wait_2(tmp_path):
    (s,) = summary_of(write(tmp_path, F.CLOSE[:7]))
    assert s.final == (State.FIN_WAIT_2, State.CLOSE_WAIT)
    assert s.stuck == ((Side.CLIENT, State.FIN_WAIT_2), (Side.SERVER, State.CLOSE_WAIT))
    assert [(n.kind, n.side) for n in s.notes] == [("stuck", Side.CLIENT), ("stuck", Side.SERVER)]


def test_a_reply_still_owed_when_the_packets_end(tmp_path):
    (s,) = summary_of(write(tmp_path, F.CLOSE[:4]))  # the data is never acknowledged
    (note,) = s.notes
    assert (note.kind, note.side, note.rule, dict(note.params)) == ("missing", Side.SERVER, "data.accept",
                                                                     {"expected": "ACK"})


def test_an_unexpected_send(tmp_path):
    steps = F.CLOSE[:6] + [(True, F.PSH | F.ACK, F.X + 12, F.Y + 1, 5)]  # data after the client's own FIN
    (s,) = summary_of(write(tmp_path, steps))
    assert [(n.frame, n.kind, n.side, n.rule) for n in s.notes if n.kind == "unexpected"] == [
        (7, "unexpected", Side.CLIENT, "send.data-after-fin")]


def test_every_story_and_note_has_words_in_both_languages():
    import re

    from tcptui.capture import stories
    from tcptui.text import LANGS, catalogue

    names = {"plain"} | set(re.findall(r'Story\("([a-z-]+)"', open(stories.__file__, encoding="utf-8").read()))
    keys = {f"replay.story.{name}" for name in names} | {f"replay.note.{k}" for k in ("unexpected", "missing", "stuck")}
    keys |= {"replay.stuck.CLOSE_WAIT", "replay.stuck.FIN_WAIT_2", "replay.unexpected", "replay.missing"}
    for lang in LANGS:
        assert keys <= set(catalogue(lang).UI), keys - set(catalogue(lang).UI)
