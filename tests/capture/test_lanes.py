"""The replay's fast lanes are shortcuts, not other rules: with each of them turned off, every record
of every capture is the same, field for field, and `replay_lines` writes `json_line` of every row.

The captures: the corpus, the kernel's, and seeded random ones made here — many connections
interleaved, with the benchmark's kinds of trouble (losses and retransmissions, reordering,
keep-alives, gaps, refused SYNs, aborts) and then random damage on top (packets dropped, repeated,
swapped, numbers off by a little, timestamps going back, a SYN+ACK before its SYN, ports reused).
"""

import random

import pytest

from tcptui.capture.feed import Feed
from tcptui.capture.read import Capture, Wire
from tcptui.capture.replay import LineReplay, Replay, json_line, replay_lines
from tcptui.core import PROFILES, ProfileName

from ..conftest import KERNEL_CAPTURES, ROOT
from ..core.trace import assert_whole

CORPUS = sorted((ROOT / "tests" / "capture" / "corpus").glob("*/*.pcap")) + sorted(KERNEL_CAPTURES.glob("*.pcap"))
SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08
MOD = 1 << 32
KINDS = ("normal", "normal", "normal", "lossy", "reorder", "keepalive", "gap", "refused", "abort", "synack-first")


def conversation(kind: str, rng: random.Random) -> list:
    """(from_client, flags, length, how) steps; how: "" plain, "lost" captured but not delivered,
    "unseen" delivered but not captured, "resend N" the data step N back again, "probe" a
    keep-alive, "later" captured after the next step."""
    if kind == "refused":
        return [(True, SYN, 0, ""), (False, RST | ACK, 0, "")]
    steps = [(True, SYN, 0, ""), (False, SYN | ACK, 0, ""), (True, ACK, 0, "")]
    if kind == "synack-first":
        steps = [(False, SYN | ACK, 0, "early"), (True, SYN, 0, ""), (True, ACK, 0, "")]
    if kind == "abort":
        return steps + [(True, PSH | ACK, 120, ""), (False, ACK, 0, ""), (True, RST | ACK, 0, "")]
    for i in range(rng.randrange(1, 5)):
        steps.append((True, PSH | ACK, rng.randrange(1, 400), ""))
        reply = rng.randrange(1, 1400)
        if kind == "lossy" and i == 1:
            steps += [(False, ACK, reply, "lost"), (False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
            steps += [(False, PSH | ACK, reply, "resend 3"), (True, ACK, 0, "")]
        elif kind == "reorder" and i == 0:
            steps += [(False, ACK, reply, "later"), (False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
        elif kind == "gap" and i == 0:
            steps += [(False, ACK, reply, "unseen"), (False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
        else:
            steps += [(False, PSH | ACK, reply, ""), (True, ACK, 0, "")]
    if kind == "keepalive":
        steps += [(True, ACK, 0, "probe"), (False, ACK, 0, "")]
    if rng.random() < 0.5:
        return steps + [(True, FIN | ACK, 0, ""), (False, ACK, 0, ""), (False, FIN | ACK, 0, ""), (True, ACK, 0, "")]
    return steps + [(False, FIN | ACK, 0, ""), (True, FIN | ACK, 0, ""), (False, ACK, 0, ""), (True, ACK, 0, "")]


def numbered(steps, rng: random.Random):
    """Real numbers for the steps: (from_client, flags, seq, ack, length), in capture order."""
    nxt = {True: rng.getrandbits(32), False: rng.getrandbits(32)}
    rcv = {True: 0, False: 0}
    sent, out, held = [], [], None
    for from_client, flags, length, how in steps:
        me, peer = from_client, not from_client
        seq = nxt[me]
        if how.startswith("resend"):
            _, seq, length = sent[-int(how.split()[1])]
        elif how == "probe":
            seq = (nxt[me] - 1) % MOD
        ack = rcv[me] if flags & ACK else 0
        if flags & RST and not from_client:
            seq, ack = 0, rcv[me]
        if flags & SYN and flags & ACK:
            ack = nxt[peer] if how != "early" else (nxt[peer] + 1) % MOD
        segment = (from_client, flags, seq % MOD, ack % MOD, length)
        sent.append((from_client, seq, length))
        if not how.startswith("resend") and how != "probe":
            nxt[me] = (nxt[me] + length + bool(flags & (SYN | FIN))) % MOD
        if flags & SYN:
            rcv[peer] = (seq + 1) % MOD
        elif how != "lost" and not flags & RST and (length or flags & FIN):
            if how.startswith("resend"):
                rcv[peer] = nxt[me]
            elif seq == rcv[peer]:
                rcv[peer] = (seq + length + bool(flags & FIN)) % MOD
        if how == "unseen":
            continue
        if how == "later":
            held = segment
            continue
        out.append(segment)
        if held is not None:
            out.append(held)
            held = None
    return out


def damaged(segments: list, rng: random.Random, rate: float) -> list:
    """Drop, repeat, swap or misnumber a few segments."""
    out = []
    for seg in segments:
        roll = rng.random()
        if roll < rate:
            continue
        if roll < 2 * rate:
            out += [seg, seg]
            continue
        if roll < 3 * rate:
            from_client, flags, seq, ack, length = seg
            seg = (
                from_client,
                flags,
                (seq + rng.choice([-1, 1, 100])) % MOD,
                (ack + rng.choice([-1, 1])) % MOD,
                length,
            )
        out.append(seg)
        if roll > 1 - rate and len(out) >= 2:
            out[-1], out[-2] = out[-2], out[-1]
    return out


def random_wires(seed: int, conns: int = 12, rate: float = 0.03) -> list[Wire]:
    """A capture of `conns` interleaved connections (some on ports used before), as Wires."""
    rng = random.Random(seed)
    stamps = rng.random() < 0.5  # every segment carries timestamps (sometimes one goes back)
    active, wires, frame, clock = [], [], 0, 1000
    pending = list(range(conns))
    while pending or active:
        while pending and len(active) < 4:
            i = pending.pop(0)
            port = 40000 + rng.choice([i, i, i, 0])  # now and then a 4-tuple used before
            steps = numbered(conversation(rng.choice(KINDS), rng), rng)
            active.append((port, iter(damaged(steps, rng, rate))))
        slot = rng.randrange(len(active))
        port, steps = active[slot]
        step = next(steps, None)
        if step is None:
            active.pop(slot)
            continue
        from_client, flags, seq, ack, length = step
        frame += 1
        clock += rng.choice([1, 1, 1, 0, -2])
        ends = (b"\x0a\x00\x00\x01", port, b"\x0a\x00\x00\x02", 80)
        src, sport, dst, dport = ends if from_client else (ends[2], ends[3], ends[0], ends[1])
        tsopt = (clock % MOD, (clock - 1) % MOD) if stamps else None
        wscale = rng.choice([-1, 7]) if flags & SYN else -1
        window = rng.choice([64240, 502, 0]) if rng.random() < 0.05 else 64240
        wires.append(Wire(frame, frame / 1000, src, sport, dst, dport, flags, seq, ack, length, window, wscale, tsopt))
    return wires


def replayed(wires, profile, engine=Replay) -> list:
    engine = engine(PROFILES[profile])
    for wire in wires:
        engine.push(wire)
    engine.finish()
    return list(engine.ready)


def without_lanes(monkeypatch) -> None:
    monkeypatch.setattr(Feed, "_steady", lambda *args: False)
    monkeypatch.setattr(Feed, "_revealed", lambda *args: False)


_ENDS = Feed.ends


def whole_ends(feed, slot, went_on=False):
    """Feed.ends, checking that the lanes built every endpoint with all its fields (a short tuple
    equals a short tuple, so comparing the records would not see it)."""
    ends = _ENDS(feed, slot, went_on)
    for ep in ends:
        assert_whole(ep)
    return ends


def corpus_wires(path) -> list[Wire]:
    with Capture(path) as capture:
        return list(capture)


CASES = [pytest.param(lambda seed=seed: random_wires(seed), id=f"random-{seed}") for seed in range(40)]
CASES += [pytest.param(lambda p=path: corpus_wires(p), id=path.stem) for path in CORPUS]


@pytest.mark.parametrize("wires", CASES)
@pytest.mark.parametrize("profile", [ProfileName.LINUX, ProfileName.TEXTBOOK])
def test_every_record_is_the_same_without_the_fast_lanes(wires, profile, monkeypatch):
    wires = wires()
    with monkeypatch.context() as m:
        m.setattr(Feed, "ends", whole_ends)
        fast = replayed(wires, profile)
    with monkeypatch.context() as m:
        without_lanes(m)
        slow = replayed(wires, profile)
    assert len(fast) == len(slow) == len(wires)
    for a, b in zip(fast, slow, strict=True):
        assert a == b, f"frame {a.frame}"


@pytest.mark.parametrize("wires", CASES[:10] + CASES[40:])
def test_the_line_replay_writes_json_line_of_every_row(wires):
    wires = wires()
    rows = replayed(wires, ProfileName.LINUX)
    lines = replayed(wires, ProfileName.LINUX, LineReplay)
    assert lines == [json_line(row) for row in rows]


def test_replay_lines_of_everything_and_of_one_connection():
    wires = random_wires(3, conns=100)  # (replay_lines reads any iterable of Wires)
    rows = replayed(wires, ProfileName.LINUX)
    assert "".join(replay_lines(wires, PROFILES[ProfileName.LINUX])) == "".join(map(json_line, rows))
    only = "".join(replay_lines(wires, PROFILES[ProfileName.LINUX], only=7))
    assert only == "".join(json_line(row) for row in rows if row.conn == 7) and only


def test_the_random_captures_take_every_lane_and_leave_it(monkeypatch):
    """The comparison above is worth something only if both lanes are taken — and declined."""
    taken = {"_steady": [0, 0], "_revealed": [0, 0]}
    for name in taken:
        original = getattr(Feed, name)

        def counted(self, *args, _original=original, _name=name):
            answer = _original(self, *args)
            taken[_name][answer] += 1
            return answer

        monkeypatch.setattr(Feed, name, counted)
    for seed in range(10):
        replayed(random_wires(seed), ProfileName.LINUX)
    assert all(declined and took for declined, took in taken.values()), taken
