"""Real Linux-kernel captures (../shared/captures/*.json) fed through the engine packet by packet:
each checkpoint's states must be those the kernel reported (ss), or what the capture can show."""

import json
import pathlib

import pytest

from tcptui.capture.feed import Feed, Packet
from tcptui.core import PROFILES, Flags, ProfileName, Side

from ..conftest import SHARED

CAPTURES = sorted((SHARED / "captures").glob("*.json")) if SHARED.is_dir() else []

# One checkpoint says what an emulated client would be, not what the kernel reported: after a
# valid SYN+ACK (ACK = its ISS + 1) a SYN_SENT endpoint is ESTABLISHED (RFC 9293 §3.10.7.3, fourth);
# the raw-socket script that played the client counted itself ESTABLISHED only once it sent its ACK.
EMULATED_NOT_KERNEL = {("timewait_syn_reuse_doc_path", 12, "client")}


def checkpoints():
    for path in CAPTURES:
        meta = json.loads(path.read_text(encoding="utf-8"))
        for cp in meta["checkpoints"]:
            if cp["after_packets"] > 0:
                yield pytest.param(path, cp, id=f"{meta['scenario']}-after-{cp['after_packets']}")


def feed(path: pathlib.Path):
    meta = json.loads(path.read_text(encoding="utf-8"))
    profile = PROFILES[ProfileName.LINUX].with_options(rfc1337=bool(meta["kernel"]["sysctls"]["tcp_rfc1337"]))
    engine = Feed(profile)
    return meta, [engine.push(Packet(Side.CLIENT if p["dir"] == "c2s" else Side.SERVER, Flags.parse(p["flags"]),
                                     p["seq"], p["ack"], p["len"], p["win"])) for p in meta["packets"]]


@pytest.mark.parametrize("path,cp", list(checkpoints()))
def test_capture_checkpoint(path, cp, shared):
    meta, records = feed(path)
    record = records[cp["after_packets"] - 1]
    view = cp.get("capture_view") or {}
    for side in ("client", "server"):
        want = [view.get(side, cp[side])] + (cp.get("also_ok") or {}).get(side, [])
        got = getattr(record, side).value
        if (meta["scenario"], cp["after_packets"], side) in EMULATED_NOT_KERNEL:
            assert got == "ESTABLISHED", "a valid SYN+ACK establishes SYN_SENT"
            assert cp["source"][side] == "emulated" and cp["kernel_client"] == "CLOSED"
            continue
        assert got in want, f"{side} {got}, kernel/capture says {want} ({cp.get('note')})"


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.stem)
def test_capture_sends_are_what_a_correct_stack_sends(path, shared):
    """Every captured segment is explained: an owed reply, a call's segment, a retransmission."""
    from tcptui.core.states import Verdict

    _, records = feed(path)
    assert all(r.send_verdict in (Verdict.CORRECT, Verdict.LEGAL) for r in records), \
        [(i, r.send_rule) for i, r in enumerate(records) if r.send_verdict not in (Verdict.CORRECT, Verdict.LEGAL)]
