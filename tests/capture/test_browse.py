"""A capture read for browsing: summaries first, one connection's rows on demand, the steps and the
ISN names the interactive replay shows."""

from tcptui.capture.browse import connection_rows, isn_symbols, load, steps
from tcptui.capture.export import game_to_pcap
from tcptui.core import PROFILES, ProfileName, State
from tcptui.ladder import Kind, capture_rows, to_text

from ..conftest import KERNEL_CAPTURES
from . import frames as F

LINUX = PROFILES[ProfileName.LINUX]
REUSE = KERNEL_CAPTURES / "timewait_syn_reuse_doc_path.pcap"
FORGOT = (
    "server listen; client connect; deliver 1; deliver 1; deliver 1; server crash; server restart; "
    "client send-data; deliver 1; deliver 1"
).split("; ")


def test_load_keeps_summaries_and_counts(tmp_path):
    items = F.frames("ethernet")
    items[1:1] = [F.arp_frame()]
    path = tmp_path / "x.pcap"
    F.write(path, items)
    loaded = load(path, LINUX)
    assert [s.packets for s in loaded.summaries] == [9] and loaded.failure is None
    assert loaded.skipped == (("replay.not-tcp", {"count": 1}),)


def test_a_cut_file_keeps_what_was_read(tmp_path):
    path = tmp_path / "x.pcap"
    F.write(path, F.frames("ethernet"))
    path.write_bytes(path.read_bytes()[:-10])
    loaded = load(path, LINUX)
    assert loaded.summaries[0].packets == 8 and "cut short" in loaded.failure
    assert len(connection_rows(loaded, 0)) == 8


def test_a_reused_tuple_brings_the_earlier_connection_along():
    loaded = load(REUSE, LINUX)
    rows = connection_rows(loaded, 1)
    assert [r.frame for r in rows] == list(range(1, 14))
    walk = steps(rows, loaded.summaries[1])
    assert [s.row.frame for s in walk] == list(range(8, 14))
    assert walk[0].before == (State.CLOSED, State.TIME_WAIT)  # the old connection's last states
    assert walk[2].row.flags == "R" and walk[2].before == (State.SYN_SENT, State.TIME_WAIT)
    assert [s.row.frame for s in steps(connection_rows(loaded, 0), loaded.summaries[0])] == list(range(1, 8))


def test_isns_are_named_as_the_notes_do():
    loaded = load(REUSE, LINUX)
    rows = connection_rows(loaded, 1)
    names = [name for _, name in isn_symbols(rows, loaded.summaries[1].client)]
    assert names == ["x", "y", "x'", "y'"]
    text = to_text(capture_rows([r for r in rows if r.conn == 1], isn_symbols(rows, "10.9.0.1:40001")), 80)
    assert "#9 ACK seq=y+2 ack=x+2" in text and "#10 RST seq=x+2" in text and "#12 SYN+ACK seq=y' ack=x'+1" in text


def test_first_packet_has_no_before_and_the_ladder_shows_both_states(tmp_path):
    path = tmp_path / "forgot.pcap"
    game_to_pcap(FORGOT, path)
    loaded = load(path, LINUX)
    walk = steps(connection_rows(loaded, 0), loaded.summaries[0])
    assert walk[0].before is None and len(walk) == 5
    rows = capture_rows([s.row for s in walk])
    assert all(row.kind is Kind.ARROW for row in rows)
    assert (rows[0].client, rows[0].server) == ("SYN_SENT", "SYN_RCVD")
    assert (rows[2].client, rows[2].server) == (None, "ESTABLISHED")  # only what changed
    assert "rst" in rows[-1].marks and "reset" in rows[-1].marks
    assert walk[-1].row.record.story == "forgot"


def test_flags_noted_at_their_frame(tmp_path):
    path = tmp_path / "stuck.pcap"
    F.write(path, F.frames("ethernet", F.CLOSE[:7]))
    loaded = load(path, LINUX)
    walk = steps(connection_rows(loaded, 0), loaded.summaries[0])
    assert [n.kind for n in walk[-1].notes] == ["stuck", "stuck"] and not any(s.notes for s in walk[:-1])


def test_ipv6_connections_are_found_again(tmp_path):
    path = tmp_path / "v6.pcap"
    F.write(path, F.frames("ethernet", v6=True) + F.frames("ethernet", v6=True, ports=(40002, 5001)))
    loaded = load(path, LINUX)
    assert [s.client for s in loaded.summaries] == ["[fd00::1]:40001", "[fd00::1]:40002"]
    assert [r.frame for r in connection_rows(loaded, 1)] == list(range(10, 19))


def test_a_fifo_is_kept_so_that_a_connection_can_be_read_again(tmp_path):
    import os
    import threading

    fifo, source = tmp_path / "fifo", tmp_path / "x.pcap"
    os.mkfifo(fifo)
    F.write(source, F.frames("ethernet"))

    def writer():
        with open(fifo, "wb") as f:
            f.write(source.read_bytes())

    thread = threading.Thread(target=writer)
    thread.start()
    loaded = load(fifo, LINUX)
    thread.join()
    assert loaded.path != str(fifo) and [s.packets for s in loaded.summaries] == [9]
    assert len(connection_rows(loaded, 0)) == 9
