"""The file formats as libpcap and Wireshark read them: every pcapng interface with its own link
type, Simple and obsolete Packet Blocks, sections, FCS bits, IP fragments; and the reproductions
of issue 9 (files cut short, absurd records, FIFOs) through the command line."""

import os
import struct
import subprocess
import sys
import threading
import time

import pytest

from tcptui.capture.read import Capture, CaptureError
from tcptui.capture.replay import replay
from tcptui.core import PROFILES, ProfileName

from ..conftest import ROOT
from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]
STATES = F.CLOSE_STATES


def states(path):
    with Capture(path) as capture:
        rows = list(replay(capture, LINUX))
    return [(r.record.client.value, r.record.server.value) for r in rows], rows, capture


def tcptui(*args, env=None, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "tcptui", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "TCPTUI_REPLAY_WORKERS": "1", **(env or {})},
    )


# -- pcapng as Wireshark writes it ----------------------------------------------------------------


def test_every_interface_has_its_own_link_type_and_time_resolution(tmp_path):
    eth, raw = F.frames("ethernet"), [F.segment(*step) for step in F.CLOSE]
    blocks = [F.shb(), F.idb(1, 65535, 9), F.idb(101, 65535), F.nrb()]
    for i in range(9):
        on_eth = F.epb(0, 1_700_000_000_000_000_000 + i, eth[i])  # nanoseconds
        blocks.append(on_eth if i % 2 else F.epb(1, 1_700_000_000_000_000 + i, raw[i]))
    path = tmp_path / "two.pcapng"
    path.write_bytes(b"".join(blocks))
    got, rows, capture = states(path)
    assert got == STATES and capture.skipped() == ()
    assert rows[1].ts == pytest.approx(1_700_000_000.000000001) and rows[2].ts == pytest.approx(1_700_000_000.000002)


def test_simple_and_obsolete_packet_blocks_are_packets(tmp_path):
    eth = F.frames("ethernet")
    blocks = [F.shb(), F.idb(1)] + [F.spb(f) for f in eth[:5]] + [F.opb(0, 9, f) for f in eth[5:]]
    path = tmp_path / "spb.pcapng"
    path.write_bytes(b"".join(blocks))
    got, rows, _ = states(path)
    assert got == STATES and [r.frame for r in rows] == list(range(1, 10))


def test_a_new_section_brings_its_own_byte_order_and_interfaces(tmp_path):
    eth, raw = F.frames("ethernet"), [F.segment(*step) for step in F.CLOSE]
    first = [F.shb(), F.idb(1)] + [F.epb(0, i, f) for i, f in enumerate(eth[:4])]
    second = [F.shb(">"), F.idb(101, order=">")] + [F.epb(0, i, p, order=">") for i, p in enumerate(raw[4:])]
    path = tmp_path / "sections.pcapng"
    path.write_bytes(b"".join(first + second))
    assert states(path)[0] == STATES


def test_an_unsupported_interface_is_counted_beside_supported_ones(tmp_path):
    eth = F.frames("ethernet")
    blocks = [F.shb(), F.idb(1), F.idb(105)] + [F.epb(0, i, f) for i, f in enumerate(eth)] + [F.epb(1, 0, b"\x00" * 40)]
    path = tmp_path / "wifi.pcapng"
    path.write_bytes(b"".join(blocks))
    got, _, capture = states(path)
    assert got == STATES and capture.skipped() == (("replay.other-link", {"count": 1, "linktype": 105}),)
    only = tmp_path / "only-wifi.pcapng"
    only.write_bytes(b"".join([F.shb(), F.idb(105), F.epb(0, 0, b"\x00" * 40)]))
    with pytest.raises(CaptureError, match="unsupported link type 105"):
        states(only)


def test_a_packet_on_an_interface_never_described_is_corrupt(tmp_path):
    path = tmp_path / "x.pcapng"
    path.write_bytes(b"".join([F.shb(), F.idb(1), F.epb(0, 0, F.frames("ethernet")[0]), F.epb(3, 0, b"\x00" * 60)]))
    with pytest.raises(CaptureError, match="frame 2 is on interface 3, never described"):
        states(path)


def test_fcs_bits_of_the_link_type_are_masked_as_libpcap_does(tmp_path):
    path = tmp_path / "fcs.pcap"
    frames = [f + b"\xde\xad\xbe\xef" for f in F.frames("ethernet")]  # each frame ends with its FCS
    F.write(path, frames, linktype=1 | 0x04000000 | (2 << 28))  # FCS present, 2 × 16 bits
    got, rows, _ = states(path)
    assert got == STATES and rows[3].length == 10


# -- IP fragments ---------------------------------------------------------------------------------


def _fragmented(v6: bool, order=lambda parts: parts):
    """The close conversation with its data segment (100 bytes) sent as IP fragments."""
    steps = list(F.CLOSE)
    steps[3] = (True, F.PSH | F.ACK, F.X + 1, F.Y + 1, 100)
    steps[4:] = [(c, f, s + (90 if c else 0), a + (90 if not c else 0), n) for c, f, s, a, n in steps[4:]]
    items = []
    for i, step in enumerate(steps):
        packet = F.segment(*step, v6=v6)
        if i == 3:
            items += order((F.fragments6 if v6 else F.fragments)(packet, 48))
        else:
            items.append(packet)
    return items


@pytest.mark.parametrize("v6", [False, True], ids=["v4", "v6"])
def test_fragments_are_reassembled_into_one_segment_at_the_frame_that_completes_it(tmp_path, v6):
    path = tmp_path / "frag.pcap"
    items = _fragmented(v6, lambda parts: parts[::-1])  # out of order, as they may arrive
    F.write(path, items, 101)
    got, rows, capture = states(path)
    assert got == STATES and capture.skipped() == ()
    assert rows[3].length == 100 and rows[3].frame == 6 and rows[4].frame == 7 and capture.fragments == 2


@pytest.mark.parametrize("v6", [False, True], ids=["v4", "v6"])
def test_a_datagram_missing_a_fragment_is_skipped_and_counted(tmp_path, v6):
    path = tmp_path / "frag.pcap"
    F.write(path, _fragmented(v6, lambda parts: parts[:1] + parts[2:]), 101)
    _, rows, capture = states(path)
    assert [r.length for r in rows if r.flags == "PA"] == []  # never replayed as a whole segment
    assert capture.skipped() == (("replay.fragments", {"count": 2}),)


def test_fragment_bookkeeping_is_bounded(tmp_path):
    packet = F.segment(True, F.PSH | F.ACK, 1, 1, 100)
    first = F.fragments(packet, 48)[0]
    items = [first[:4] + struct.pack(">H", i) + first[6:] for i in range(2000)]  # 2,000 datagrams, none complete
    path = tmp_path / "many.pcap"
    F.write(path, items, 101)
    _, rows, capture = states(path)
    assert rows == [] and capture.unreassembled == 2000


# -- issue 9's reproductions, through the command line --------------------------------------------


def test_a_pcapng_cut_four_bytes_into_a_block_header_replays_what_it_has_then_says_so(tmp_path):
    path = tmp_path / "cut.pcapng"
    F.write(path, F.frames("ethernet"), fmt="pcapng")
    whole = path.read_bytes()
    path.write_bytes(whole + F.epb(0, 0, F.frames("ethernet")[0])[:4])
    out = tcptui("replay", path, "--json")
    assert out.returncode == 2 and len(out.stdout.splitlines()) == 9
    assert out.stderr.count("\n") == 1 and "cut short in a block header after frame 9" in out.stderr


def test_a_pcap_cut_right_after_a_record_header(tmp_path):
    path = tmp_path / "cut.pcap"
    F.write(path, F.frames("ethernet"))
    data = path.read_bytes()
    path.write_bytes(data + struct.pack("<IIII", 1, 2, 60, 60))
    for extra in (["--json"], ["--summary"]):
        out = tcptui("replay", path, *extra)
        assert out.returncode == 2 and "cut short in the middle of frame 10" in out.stderr, out.stderr


def test_a_record_of_exactly_two_to_the_24_bytes_is_corrupt(tmp_path):
    path = tmp_path / "big.pcap"
    F.write(path, [])
    path.write_bytes(path.read_bytes() + struct.pack("<IIII", 1, 2, 1 << 24, 1 << 24) + b"\x00" * 100)
    out = tcptui("replay", path, "--json")
    assert out.returncode == 2
    assert out.stderr.strip().endswith("frame 1 claims 16777216 bytes (no capture holds more than 262144)")


@pytest.mark.parametrize("record", [b"", struct.pack("<IIII", 0, 0, 16 << 20, 16 << 20)], ids=["empty", "16MiB"])
def test_two_gibibytes_of_empty_or_huge_zero_records_end_at_once(tmp_path, record):
    path = tmp_path / "huge.pcap"
    F.write(path, [])
    with open(path, "r+b") as f:
        f.seek(24)
        f.write(record)
        f.truncate(2 << 30)  # sparse: 2 GiB of zeros after the header
    start = time.monotonic()
    out = tcptui("replay", path, "--json", timeout=30)
    assert out.returncode == 2 and "corrupt capture: frame 1" in out.stderr and out.stderr.count("\n") == 1
    assert time.monotonic() - start < 25  # a bound on the work, not a benchmark: it used to never end


def test_a_fifo_with_no_writer_is_one_line_not_a_hang(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = tcptui("replay", fifo, "--json", env={"TCPTUI_FIFO_WAIT": "0.3"}, timeout=30)
    assert out.returncode == 2 and "nothing was written to within 0.3 s" in out.stderr and out.stderr.count("\n") == 1


def test_a_fifo_is_read_as_a_stream(tmp_path):
    fifo, source = tmp_path / "fifo", tmp_path / "x.pcap"
    os.mkfifo(fifo)
    F.write(source, F.frames("ethernet"))
    data = source.read_bytes()

    def writer():
        with open(fifo, "wb") as f:
            for i in range(0, len(data), 100):  # in pieces, as tcpdump -U writes
                f.write(data[i : i + 100])
                f.flush()

    thread = threading.Thread(target=writer)
    thread.start()
    out = tcptui("replay", fifo, "--json", timeout=30)
    thread.join()
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 9


@pytest.mark.parametrize("extra", [0x20, 0x40, 0x80, 0x100])
def test_summary_of_a_rst_with_urg_ece_cwr_or_ns(tmp_path, extra):
    steps = F.CLOSE[:3] + [(True, F.RST | F.ACK, F.X + 1, F.Y + 1, 0)]
    items = [F.link("ethernet", F.segment(*step)) for step in steps]
    last = bytearray(items[-1])
    last[14 + 20 + 12] |= extra >> 8
    last[14 + 20 + 13] |= extra & 0xFF
    items[-1] = bytes(last)
    path = tmp_path / "rst.pcap"
    F.write(path, items)
    out = tcptui("replay", path, "--summary")
    assert out.returncode == 0 and "Traceback" not in out.stderr and "RST+ACK" in out.stdout
