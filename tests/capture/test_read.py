"""Reading captures: every link type and format the replay supports, what is skipped, what is an
error; and the fast header decoder checked against dpkt's own decoding."""

import struct

import pytest
from dpkt import ethernet, pcap
from hypothesis import given, settings
from hypothesis import strategies as st

from tcptui.capture.read import Capture, CaptureError, Wire, _decoder, _Fragments, _links
from tcptui.capture.replay import replay
from tcptui.core import PROFILES, ProfileName

from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]
CASES = [
    (kind, v6)
    for kind in F.LINKTYPES
    for v6 in (False, True)
    if not (kind == "ipv4" and v6) and not (kind == "ipv6" and not v6)
]


def rows_of(path):
    with Capture(path) as capture:
        return list(replay(capture, LINUX)), capture


@pytest.mark.parametrize("fmt", ["pcap", "pcapng"])
@pytest.mark.parametrize("kind,v6", CASES, ids=[f"{k}-{'v6' if v else 'v4'}" for k, v in CASES])
def test_every_link_type_and_format_replays_the_same(tmp_path, kind, v6, fmt):
    path = tmp_path / f"x.{fmt}"
    F.write(path, F.frames(kind, v6=v6), F.LINKTYPES[kind], fmt)
    rows, capture = rows_of(path)
    assert [(r.record.client.value, r.record.server.value) for r in rows] == F.CLOSE_STATES
    assert rows[0].src == ("[fd00::1]:40001" if v6 else "10.9.0.1:40001") and rows[0].dir == "c2s"
    assert [r.flags for r in rows] == ["S", "SA", "A", "PA", "A", "FA", "A", "FA", "A"]
    assert rows[3].length == 10 and capture.not_tcp == capture.malformed == 0


def test_nanosecond_and_big_endian_pcap(tmp_path):
    nano = tmp_path / "nano.pcap"
    F.write(nano, F.frames("ethernet"), nano=True)
    big = tmp_path / "big.pcap"
    body = bytes(pcap.FileHdr(linktype=pcap.DLT_EN10MB, snaplen=65535))  # dpkt's big-endian layout
    for i, frame in enumerate(F.frames("ethernet")):
        body += bytes(pcap.PktHdr(tv_sec=1_700_000_000, tv_usec=i, caplen=len(frame), len=len(frame))) + frame
    big.write_bytes(body)
    for path in (nano, big):
        rows, _ = rows_of(path)
        assert [(r.record.client.value, r.record.server.value) for r in rows] == F.CLOSE_STATES


def test_ipv6_extension_headers_are_skipped(tmp_path):
    hop_by_hop = b"\x00" + b"\x01\x04\x00\x00\x00\x00"  # header length 0 (8 bytes), a PadN option
    path = tmp_path / "ext.pcap"
    F.write(path, [F.segment(*step, v6=True, ext=hop_by_hop) for step in F.CLOSE], 229)
    rows, capture = rows_of(path)
    assert [(r.record.client.value, r.record.server.value) for r in rows] == F.CLOSE_STATES


def test_non_tcp_frames_are_counted_and_frame_numbers_kept(tmp_path):
    items = F.frames("ethernet")
    items[1:1] = [F.arp_frame(), F.link("ethernet", F.udp_packet())]
    path = tmp_path / "mixed.pcap"
    F.write(path, items)
    rows, capture = rows_of(path)
    assert len(rows) == 9 and capture.not_tcp == 2 and capture.frames == 11
    assert [r.frame for r in rows[:3]] == [1, 4, 5]


def test_a_lone_later_fragment_is_counted_and_broken_headers_are_malformed(tmp_path):
    good = F.segment(True, F.SYN, 1, 0, 0)
    fragment = good[:6] + b"\x00\x10" + good[8:]  # fragment offset 16 (×8 bytes)
    short_ihl = bytes([0x44]) + good[1:]  # IHL 4: less than an IPv4 header
    bad_offset = good[:32] + bytes([0x30]) + good[33:]  # TCP data offset 3
    version_7 = bytes([0x75]) + good[1:]
    path = tmp_path / "odd.pcap"
    F.write(path, [F.link("raw", p) for p in (fragment, short_ihl, bad_offset, version_7, good[:30])], 101)
    rows, capture = rows_of(path)
    assert rows == [] and capture.unreassembled == 1 and capture.malformed == 4 and capture.not_tcp == 0


@pytest.mark.parametrize(
    "content,words",
    [
        (b"", "empty"),
        (b"hello, this is not a capture at all", "not a pcap"),
        (b"\x0a\x0d\x0d\x0a" + b"\x00" * 20, "not a pcap"),
    ],
)
def test_not_a_capture(tmp_path, content, words):
    path = tmp_path / "x.pcap"
    path.write_bytes(content)
    with pytest.raises(CaptureError, match=words):
        Capture(path)


def test_missing_file_a_folder_and_unknown_link_type(tmp_path):
    with pytest.raises(CaptureError, match="No such file"):
        Capture(tmp_path / "nope.pcap")
    with pytest.raises(CaptureError, match="a folder, not a capture file"):  # typed in the replay dialog
        Capture(tmp_path)
    path = tmp_path / "wifi.pcap"
    F.write(path, [b"\x00" * 40], linktype=105)
    with pytest.raises(CaptureError, match="unsupported link type 105"):
        Capture(path)


def test_a_file_cut_short_replays_what_it_has_then_says_so(tmp_path):
    path = tmp_path / "cut.pcap"
    F.write(path, F.frames("ethernet"))
    path.write_bytes(path.read_bytes()[:-20])
    seen = []
    with pytest.raises(CaptureError, match="cut short in the middle of frame 9"):
        with Capture(path) as capture:
            for row in replay(capture, LINUX):
                seen.append(row)
    assert len(seen) == 8


def test_a_corrupt_record_length_is_an_error_not_a_huge_read(tmp_path):
    path = tmp_path / "corrupt.pcap"
    F.write(path, F.frames("ethernet"))
    data = bytearray(path.read_bytes())
    data[24 + 8 : 24 + 12] = struct.pack("<I" if data[0] == 0xD4 else ">I", 0x7FFFFFFF)  # first caplen
    path.write_bytes(bytes(data))
    with pytest.raises(CaptureError, match="corrupt"):
        with Capture(path) as capture:
            list(capture)


def test_pcapng_cut_in_a_block(tmp_path):
    path = tmp_path / "cut.pcapng"
    F.write(path, F.frames("ethernet"), fmt="pcapng")
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(CaptureError, match="frame"):
        with Capture(path) as capture:
            list(capture)


# -- the fast decoder agrees with dpkt ------------------------------------------------------------

_u32 = st.integers(0, 2**32 - 1)


def dpkt_ip(kind: str, frame: bytes, v6: bool):
    """dpkt's own decoding of the frame, down to the IP layer."""
    from dpkt import ip, ip6, loopback, sll, sll2

    layer = {
        "ethernet": ethernet.Ethernet,
        "vlan": ethernet.Ethernet,
        "sll": sll.SLL,
        "sll2": sll2.SLL2,
        "null-le": loopback.Loopback,
    }.get(kind)
    if layer is not None:
        return layer(frame).data
    return (ip6.IP6 if v6 else ip.IP)(frame[4:] if kind == "loop" else frame)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["ethernet", "vlan", "sll", "sll2", "raw", "null-le", "loop"]),
    st.booleans(),
    st.integers(0, 0x1FF),
    _u32,
    _u32,
    st.integers(1, 65535),
    st.integers(1, 65535),
    st.integers(0, 1500),
    st.integers(0, 65535),
)
def test_decoder_matches_dpkt(kind, v6, flags, seq, ack, sport, dport, length, window):
    from dpkt import ip, ip6, tcp

    seg = tcp.TCP(sport=sport, dport=dport, seq=seq, ack=ack, win=window, flags=flags, data=b"p" * length)
    if v6:
        packet = bytes(ip6.IP6(src=F.CLIENT6, dst=F.SERVER6, nxt=6, hlim=64, plen=20 + length, data=seg))
    else:
        packet = bytes(ip.IP(src=F.CLIENT4, dst=F.SERVER4, p=6, data=seg))
    frame = F.link(kind, packet, v6)
    wire = _decoder(_Fragments())(1, 0.0, frame, _links()[F.LINKTYPES[kind]])
    assert isinstance(wire, Wire)
    inner = dpkt_ip(kind, frame, v6)
    theirs = inner.data
    assert (wire.src, wire.dst) == (inner.src, inner.dst)
    assert (wire.sport, wire.dport, wire.seq, wire.ack, wire.window) == (
        theirs.sport,
        theirs.dport,
        theirs.seq,
        theirs.ack,
        theirs.win,
    )
    assert wire.flags == theirs.flags and wire.length == len(theirs.data) == length
