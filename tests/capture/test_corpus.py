"""The corpus (tests/capture/corpus/README.md): real TCP — bulk transfers with losses and
reordering, keep-alives, a gap, a one-sided capture, TCP Fast Open, aborts, a scan, a zero
window, and tcpdump's own test captures — replays with nothing flagged, and says what it sees.
Fresh captures are made in network namespaces when this machine allows (root, tcpdump)."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from tcptui.capture.read import Capture
from tcptui.capture.replay import replay
from tcptui.capture.summary import summarize
from tcptui.core import PROFILES, ProfileName

CORPUS = pathlib.Path(__file__).parent / "corpus"
LINUX = PROFILES[ProfileName.LINUX]
ALL = sorted(CORPUS.glob("*/*.pcap"))


def replayed(path):
    with Capture(path) as capture:
        rows = list(replay(capture, LINUX))
    return rows, summarize(rows)


def notes(summaries, kind):
    return [n for s in summaries for n in s.notes if n.kind == kind]


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_nothing_a_correct_tcp_sends_is_flagged(path):
    rows, summaries = replayed(path)
    assert rows and not notes(summaries, "unexpected"), [(n.frame, n.rule) for n in notes(summaries, "unexpected")]


def rules_of(rows) -> set:
    return {r.record.rule for r in rows} | {r.record.send_rule for r in rows}


def test_losses_are_retransmissions_and_holes_are_held():
    rows, _ = replayed(CORPUS / "linux" / "bulk-loss.pcap")
    assert {"send.retransmit", "send.fast-retransmit", "data.hole-filled"} <= rules_of(rows)
    rows, _ = replayed(CORPUS / "linux" / "bulk-reorder.pcap")
    assert {"data.out-of-order", "data.hole-filled"} <= rules_of(rows)


def test_keepalive_probes_and_zero_windows():
    rows, _ = replayed(CORPUS / "linux" / "keepalive.pcap")
    assert [r.record.send_rule for r in rows].count("send.keepalive") == 3
    assert {"seq.keepalive"} <= rules_of(rows)
    rows, _ = replayed(CORPUS / "linux" / "zero-window.pcap")
    # Linux probes a zero window in the keep-alive's shape (SND.UNA - 1, tcp_xmit_probe_skb())
    assert {"send.window-probe", "seq.keepalive", "send.window-update", "ack.window-update"} <= rules_of(rows)


def test_a_gap_is_noted_once():
    _, summaries = replayed(CORPUS / "linux" / "gap.pcap")
    gaps = notes(summaries, "gap")
    assert len(gaps) == 1 and dict(gaps[0].params)["bytes"] > 0


def test_a_one_sided_capture_is_recognised():
    _, summaries = replayed(CORPUS / "linux" / "one-sided.pcap")
    (only,) = notes(summaries, "one-sided")
    assert only.side.value == "client" and not notes(summaries, "missing")
    assert [(s.final[0].value, s.final[1].value) for s in summaries] == [("TIME_WAIT", "CLOSED")]


@pytest.mark.parametrize("name", ["linux/tfo", "tcpdump/tfo-5c1fa7f9ae91"])
def test_fast_open(name):
    rows, _ = replayed(CORPUS / f"{name}.pcap")
    assert "send.syn-data" in rules_of(rows)


def test_a_scan_meets_closed_ports_and_a_silent_host():
    _, summaries = replayed(CORPUS / "linux" / "scan.pcap")
    assert len(notes(summaries, "no-answer")) == 3 and not notes(summaries, "missing")
    assert sum(len(s.resets) for s in summaries) == 5
    assert all(r.cause == "rst.no-listener" for s in summaries for r in s.resets)


@pytest.mark.parametrize("name", ["abort", "close-unread"])
def test_aborts_are_not_suspicious(name):
    _, summaries = replayed(CORPUS / "linux" / f"{name}.pcap")
    closer = "client" if name == "abort" else "server"
    causes = {r.cause for s in summaries for r in s.resets if r.side.value == closer}
    # the abort, then the answers of a host with no connection to what was still in flight (§4.4.4)
    assert "send.rst-abort" in causes and causes <= {"send.rst-abort", "rst.no-connection"}
    assert not notes(summaries, "unexpected")


# -- fresh captures, where this machine can make them ------------------------------------------------

CAN_MAKE = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("tcpdump") and shutil.which("ip")
SLOW = os.environ.get("TCPTUI_SLOW") == "1"


@pytest.mark.skipif(not CAN_MAKE, reason="making captures needs root, ip and tcpdump")
@pytest.mark.parametrize(
    "scenario",
    ["gap", "one-sided", "abort"]
    + (["bulk-loss", "keepalive", "tfo", "scan", "zero-window", "bulk-reorder"] if SLOW else []),
)
def test_fresh_captures_from_real_kernels_flag_nothing(tmp_path, scenario):
    make = CORPUS / "make.py"
    out = subprocess.run(
        [sys.executable, str(make), "--out", str(tmp_path), scenario], capture_output=True, text=True, timeout=180
    )
    if out.returncode and "Operation not permitted" in out.stderr:
        pytest.skip("no network namespaces here")
    assert out.returncode == 0, out.stderr[-2000:]
    rows, summaries = replayed(tmp_path / f"{scenario}.pcap")
    assert rows and not notes(summaries, "unexpected")
