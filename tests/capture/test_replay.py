"""Whole captures through the replay: the kernel's checkpoints, and which packets make a connection."""

import json

import pytest

from tcptui.capture.read import Capture
from tcptui.capture.replay import Replay, replay
from tcptui.capture.summary import summarize
from tcptui.core import PROFILES, ProfileName

from ..conftest import KERNEL_CAPTURES
from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]
CAPTURES = sorted(KERNEL_CAPTURES.glob("*.pcap"))
# See tests/capture/test_feed.py: this one checkpoint is an emulated client's bookkeeping, not a kernel's.
EMULATED_NOT_KERNEL = {("timewait_syn_reuse_doc_path", 12, "client")}


def rows_of(path, profile=LINUX):
    with Capture(path) as capture:
        return list(replay(capture, profile))


def states(rows):
    return [(r.record.client.value, r.record.server.value) for r in rows]


@pytest.mark.parametrize("pcap", CAPTURES, ids=lambda p: p.stem)
def test_shared_capture_reaches_every_checkpoint(pcap):
    meta = json.loads(pcap.with_suffix(".json").read_text(encoding="utf-8"))
    profile = LINUX.with_options(rfc1337=bool(meta["kernel"]["sysctls"]["tcp_rfc1337"]))
    rows = rows_of(pcap, profile)
    assert len(rows) == len(meta["packets"])
    assert [r.flags for r in rows] == [p["flags"] for p in meta["packets"]]
    assert [r.dir for r in rows] == [p["dir"] for p in meta["packets"]]
    for cp in meta["checkpoints"]:
        k = cp["after_packets"]
        if not k:
            continue
        view = cp.get("capture_view") or {}
        for side in ("client", "server"):
            got = getattr(rows[k - 1].record, side).value
            if (meta["scenario"], k, side) in EMULATED_NOT_KERNEL:
                assert got == "ESTABLISHED"
                continue
            assert got in [view.get(side, cp[side])] + (cp.get("also_ok") or {}).get(side, []), (side, k)


def test_timewait_reuse_is_a_second_connection_facing_the_old_time_wait():
    rows = rows_of(KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap")
    assert [r.conn for r in rows] == [0] * 7 + [1] * 6
    assert states(rows)[7] == ("SYN_SENT", "TIME_WAIT") and rows[7].record.rule == "timewait.syn-reuse"
    assert rows[10].record.story == "plain" and rows[10].conn == 1  # the retried SYN (same ISN) is not new


def write(tmp_path, steps, name="x.pcap", **kw):
    path = tmp_path / name
    F.write(path, [F.link("ethernet", F.segment(*step, **kw)) for step in steps])
    return path


def test_capture_starting_mid_connection(tmp_path):
    rows = rows_of(write(tmp_path, F.CLOSE[3:]))
    assert states(rows) == F.CLOSE_STATES[3:]
    assert rows[0].dir == "c2s" and rows[0].src == "10.9.0.1:40001"


def test_mid_connection_the_higher_port_is_the_client(tmp_path):
    rows = rows_of(write(tmp_path, F.CLOSE[4:]))  # the first packet comes from the server (port 5001)
    assert rows[0].dir == "s2c" and rows[0].dst == "10.9.0.1:40001"
    assert states(rows) == F.CLOSE_STATES[4:]


def test_synack_first_the_client_is_its_receiver(tmp_path):
    rows = rows_of(write(tmp_path, F.CLOSE[1:]))
    assert rows[0].dir == "s2c" and states(rows) == F.CLOSE_STATES[1:]


def test_synack_written_before_its_syn_is_put_back_in_order(tmp_path):
    # Two capture points merged, or one timestamped late: the SYN+ACK comes first in the file.
    steps = [F.CLOSE[1], F.CLOSE[0]] + F.CLOSE[2:5]
    rows = rows_of(write(tmp_path, steps))
    assert [r.frame for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].dir == "s2c" and rows[1].dir == "c2s" and {r.conn for r in rows} == {0}
    assert rows[1].record.rule == "handshake.syn-received"
    assert states(rows)[-1] == ("ESTABLISHED", "ESTABLISHED")
    (summary,) = summarize(rows)
    assert not [n for n in summary.notes if n.kind in ("unexpected", "missing")]


def test_a_closed_ports_reset_with_any_sequence_number_is_no_listener(tmp_path):
    # RFC 9293 §3.10.7.1: the RST answering a SYN in CLOSED carries SEQ=0 — but some stacks
    # and middleboxes put anything there; the ACK field is what makes it acceptable.
    steps = [(True, F.SYN, 100, 0, 0), (False, F.RST | F.ACK, 123456, 101, 0)]
    rows = rows_of(write(tmp_path, steps))
    (summary,) = summarize(rows)
    assert [r.cause for r in summary.resets] == ["rst.no-listener"]
    assert not [n for n in summary.notes if n.kind == "unexpected"]
    assert states(rows)[-1] == ("CLOSED", "CLOSED")


@pytest.mark.parametrize("answered", [True, False], ids=["synack-captured", "synack-not-captured"])
def test_a_half_open_scan_leaves_the_scanner_closed(tmp_path, answered):
    # nmap -sS: a SYN from a raw socket; the scanner's kernel resets the SYN+ACK (SEQ = its ACK).
    # Never a RST that leaves its sender in SYN_SENT, even when the SYN+ACK was not captured.
    steps = [(True, F.SYN, 100, 0, 0)] + [(False, F.SYN | F.ACK, 900, 101, 0)] * answered + [(True, F.RST, 101, 0, 0)]
    rows = rows_of(write(tmp_path, steps))
    assert states(rows)[-1] == ("CLOSED", "LISTEN") and rows[-1].record.send_verdict.value == "correct"
    (summary,) = summarize(rows)
    assert not [n for n in summary.notes if n.kind in ("unexpected", "missing")]


def test_reuse_after_a_refused_syn_is_a_new_connection(tmp_path):
    steps = [
        (True, F.SYN, 100, 0, 0),
        (False, F.RST | F.ACK, 0, 101, 0),
        (True, F.SYN, 100, 0, 0),
        (False, F.RST | F.ACK, 0, 101, 0),
        (True, F.SYN, 7000, 0, 0),
        (False, F.SYN | F.ACK, 900, 7001, 0),
        (True, F.ACK, 7001, 901, 0),
    ]
    rows = rows_of(write(tmp_path, steps))
    assert [r.conn for r in rows] == [0, 0, 0, 0, 1, 1, 1]  # the same ISN again is a retry, not a new connection
    assert states(rows)[1] == ("CLOSED", "CLOSED") and states(rows)[-1] == ("ESTABLISHED", "ESTABLISHED")


def test_simultaneous_open_is_one_connection(tmp_path):
    steps = [
        (True, F.SYN, 100, 0, 0),
        (False, F.SYN, 900, 0, 0),
        (True, F.SYN | F.ACK, 100, 901, 0),
        (False, F.SYN | F.ACK, 900, 101, 0),
    ]
    rows = rows_of(write(tmp_path, steps))
    assert [r.conn for r in rows] == [0, 0, 0, 0]
    assert states(rows)[-1] == ("ESTABLISHED", "ESTABLISHED")


def test_the_other_end_opening_the_same_ports_is_a_new_connection_with_its_own_client(tmp_path):
    steps = F.CLOSE + [(False, F.SYN, 80000, 0, 0)]
    rows = rows_of(write(tmp_path, steps))
    assert rows[-1].conn == 1 and rows[-1].dir == "c2s" and rows[-1].src == "10.9.0.2:5001"
    assert states(rows)[-1] == ("SYN_SENT", "TIME_WAIT")  # its client is 10.9.0.2 now; 10.9.0.1 still waits


def test_connections_are_numbered_by_first_appearance(tmp_path):
    a = [F.link("ethernet", F.segment(*step, ports=(40001, 80))) for step in F.CLOSE]
    b = [F.link("ethernet", F.segment(*step, ports=(40002, 80))) for step in F.CLOSE]
    path = tmp_path / "two.pcap"
    F.write(path, [b[0], a[0], b[1], a[1], b[2], a[2]])
    rows = rows_of(path)
    assert [r.conn for r in rows] == [0, 1, 0, 1, 0, 1]
    assert rows[0].src.endswith(":40002") and rows[1].src.endswith(":40001")


# the server closes first: S SA A, then FIN from the server; the server ends in TIME_WAIT
SERVER_CLOSES = F.CLOSE[:3] + [
    (False, F.FIN | F.ACK, F.Y + 1, F.X + 1, 0),
    (True, F.ACK, F.X + 1, F.Y + 2, 0),
    (True, F.FIN | F.ACK, F.X + 1, F.Y + 2, 0),
    (False, F.ACK, F.Y + 2, F.X + 2, 0),
]


def test_linux_accepts_a_newer_syn_in_time_wait(tmp_path):
    steps = SERVER_CLOSES + [(True, F.SYN, F.X + 100_000, 0, 0), (False, F.SYN | F.ACK, 77, F.X + 100_001, 0)]
    rows = rows_of(write(tmp_path, steps))
    assert states(rows)[-2] == ("SYN_SENT", "SYN_RCVD") and rows[-2].record.rule == "timewait.syn-accept-newer"
    assert states(rows)[-1] == ("ESTABLISHED", "SYN_RCVD")
    textbook = rows_of(tmp_path / "x.pcap", PROFILES[ProfileName.TEXTBOOK])
    assert states(textbook)[-2] == ("SYN_SENT", "TIME_WAIT") and textbook[-2].record.rule == "timewait.syn-reuse"


def test_replay_push_takes_wires_one_at_a_time(tmp_path):
    with Capture(write(tmp_path, F.CLOSE)) as capture:
        engine = Replay(LINUX)
        for wire in capture:
            engine.push(wire)
    engine.finish()
    assert engine.count == 1 and states(engine.ready) == F.CLOSE_STATES


# -- anything at all on the wire ------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tcptui.capture.read import Wire  # noqa: E402

_FLAGS = st.one_of(st.sampled_from([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14, 0x01, 0x00]), st.integers(0, 0x1FF))
_NEAR = st.one_of(st.integers(-3, 3), st.integers(-5000, 5000), st.integers(0, 2**32 - 1))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(list(ProfileName)),
    st.integers(0, 2**32 - 1),
    st.integers(0, 2**32 - 1),
    st.lists(st.tuples(st.booleans(), _FLAGS, _NEAR, _NEAR, st.sampled_from([0, 0, 1, 100, 1460])), max_size=40),
)
def test_any_segments_at_all_replay_without_error(profile, x, y, steps):
    engine, rows = Replay(PROFILES[profile]), []
    a, b = b"\x0a\x00\x00\x01", b"\x0a\x00\x00\x02"
    for frame, (from_a, flags, dseq, dack, length) in enumerate(steps, 1):
        seq, ack = ((x if from_a else y) + dseq) % 2**32, ((y if from_a else x) + dack) % 2**32
        ends = (a, 40000, b, 80) if from_a else (b, 80, a, 40000)
        wire = Wire(frame, 0.0, ends[0], ends[1], ends[2], ends[3], flags, seq, ack, length, 512)
        engine.push(wire)
    engine.finish()
    rows = list(engine.ready)
    assert [r.frame for r in rows] == list(range(1, len(steps) + 1))
    for summary in summarize(rows):
        assert summary.packets >= 1
