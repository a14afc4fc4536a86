"""TCP timestamps (RFC 7323) in captures: read from every layout of the options, taken into
TS.Recent, PAWS dropping an old duplicate, RFC 6191's newer-timestamp SYN in TIME_WAIT, and the
real-number view showing them."""

import struct

import pytest

from tcptui.capture.browse import isn_symbols
from tcptui.capture.read import Capture
from tcptui.capture.replay import replay
from tcptui.capture.summary import summarize
from tcptui.core import PROFILES, ProfileName
from tcptui.ui.widgets.packet import numbers_line

from ..conftest import KERNEL_CAPTURES
from . import frames as F

LINUX, TEXTBOOK = PROFILES[ProfileName.LINUX], PROFILES[ProfileName.TEXTBOOK]


def capture(tmp_path, steps, name="ts.pcap"):
    """steps: (from_client, flags, seq, ack, length, (TSval, TSecr) or None)."""
    path = tmp_path / name
    F.write(path, [F.link("ethernet", F.segment(*step[:5], ts=step[5])) for step in steps])
    return path


def rows_of(path, profile=LINUX):
    with Capture(path) as cap:
        return list(replay(cap, profile))


def test_the_option_is_read_in_any_layout(tmp_path):
    path = tmp_path / "layouts.pcap"
    syn = F.segment(True, F.SYN, 100, 0, 0, ts=(7, 0))  # MSS first: the general walk over the options
    ack = F.segment(False, F.ACK, 900, 101, 0, ts=(8, 7))  # NOP NOP TS: the fast path
    # SACK permitted (kind 4), then the timestamps option without NOPs: the walk again
    raw = bytearray(F.segment(True, F.ACK, 101, 901, 0, ts=(9, 8)))
    at = 20 + 20  # IPv4 header, TCP header: the options begin
    raw[at : at + 12] = b"\x04\x02\x08\x0a" + struct.pack(">II", 9, 8)
    F.write(path, [F.link("ethernet", p) for p in (syn, ack, bytes(raw), F.segment(True, F.ACK, 101, 901, 0))])
    with Capture(path) as cap:
        assert [w.tsopt for w in cap] == [(7, 0), (8, 7), (9, 8), None]


def test_kernel_captures_carry_timestamps():
    with Capture(KERNEL_CAPTURES / "rst_no_listener.pcap") as cap:
        wires = list(cap)
    assert wires[0].tsopt is not None  # Linux sends the option on its SYN (net.ipv4.tcp_timestamps=1)


# the handshake with timestamps on (TSval 10, 20 … from the client; 500, 510 … from the server)
HANDSHAKE = [
    (True, F.SYN, 5000, 0, 0, (10, 0)),
    (False, F.SYN | F.ACK, 9000, 5001, 0, (500, 10)),
    (True, F.ACK, 5001, 9001, 0, (20, 500)),
]
# the server closes first: it ends in TIME_WAIT with TS.Recent = the client's 40
SERVER_CLOSES = HANDSHAKE + [
    (False, F.FIN | F.ACK, 9001, 5001, 0, (510, 20)),
    (True, F.ACK, 5001, 9002, 0, (30, 510)),
    (True, F.FIN | F.ACK, 5001, 9002, 0, (40, 510)),
    (False, F.ACK, 9002, 5002, 0, (520, 40)),
]


@pytest.mark.parametrize(
    "profile,tsval,rule,server",
    [
        # RFC 6191 §2: an older sequence number, but a newer timestamp: Linux takes the SYN
        (LINUX, 41, "timewait.syn-accept-newer", "SYN_RCVD"),
        # the notes' TIME_WAIT answers any SYN with the old ACK (§4.2)
        (TEXTBOOK, 41, "timewait.syn-reuse", "TIME_WAIT"),
        # an older timestamp: PAWS takes it for an old duplicate in every profile
        (LINUX, 39, "timewait.syn-paws", "TIME_WAIT"),
        (TEXTBOOK, 39, "timewait.syn-paws", "TIME_WAIT"),
    ],
)
def test_a_syn_meeting_time_wait_is_judged_by_its_timestamp(tmp_path, profile, tsval, rule, server):
    older_isn = 4000  # below the old connection's RCV.NXT (5002): by sequence number alone, an old SYN
    rows = rows_of(capture(tmp_path, SERVER_CLOSES + [(True, F.SYN, older_isn, 0, 0, (tsval, 0))]), profile)
    last = rows[-1]
    assert (last.record.rule, last.record.server.value) == (rule, server)


def test_paws_drops_an_old_duplicate_and_flags_nothing(tmp_path):
    steps = HANDSHAKE + [
        (True, F.PSH | F.ACK, 5001, 9001, 100, (30, 500)),
        (False, F.ACK, 9001, 5101, 0, (510, 30)),
        # an old duplicate of the next bytes, from long before (its timestamp is older): PAWS drops it
        (True, F.PSH | F.ACK, 5101, 9001, 100, (5, 500)),
        (False, F.ACK, 9001, 5101, 0, (520, 30)),
        (True, F.PSH | F.ACK, 5101, 9001, 100, (40, 520)),
        (False, F.ACK, 9001, 5201, 0, (530, 40)),
    ]
    for profile in (LINUX, TEXTBOOK):
        rows = rows_of(capture(tmp_path, steps), profile)
        assert rows[5].record.rule == "seq.paws" and rows[7].record.rule == "data.accept"
        (summary,) = summarize(rows)
        assert not [n for n in summary.notes if n.kind in ("unexpected", "missing")]


def test_linux_lets_one_tick_and_overtaken_acks_pass(tmp_path):
    steps = HANDSHAKE + [
        (False, F.PSH | F.ACK, 9001, 5001, 100, (510, 20)),
        (True, F.PSH | F.ACK, 5001, 9101, 100, (30, 510)),  # TS.Recent at the server: 30
        (True, F.ACK, 5101, 9101, 0, (29, 510)),  # one tick older: TCP_PAWS_WINDOW
        (True, F.ACK, 5101, 9101, 0, (25, 510)),  # a duplicate ACK that was overtaken: tcp_disordered_ack()
    ]
    rows = rows_of(capture(tmp_path, steps), LINUX)
    assert [r.record.rule for r in rows[5:]] == ["ack.duplicate", "ack.duplicate"]
    rows = rows_of(capture(tmp_path, steps), TEXTBOOK)
    assert [r.record.rule for r in rows[5:]] == ["seq.paws", "seq.paws"]


def test_real_numbers_show_the_timestamps(tmp_path):
    rows = rows_of(capture(tmp_path, SERVER_CLOSES[:2]))
    symbols = isn_symbols(rows, rows[0].src)
    assert numbers_line(rows[1], symbols, False, "en") == "seq 9000 · ack 5001 · len 0 · TSval 500 · TSecr 10"
    assert "TSval" not in numbers_line(rows[1], symbols, True, "en")
