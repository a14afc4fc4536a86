"""Write a game as a pcap that Wireshark and tshark open: the segments the network delivered.

A capture in tcptui means "every captured segment was delivered at its capture time" (see
../shared/captures/README.md), so a game becomes one packet per delivery, in delivery order:
lost segments never appear, a duplicated one appears each time a copy arrives. Replaying the
file therefore gives the game's states after each delivery (tests/capture/test_export.py).

dpkt builds real Ethernet + IPv4 (or IPv6) + TCP headers with correct checksums (an MSS option on
SYNs, as every stack sends). Time is a model, never the clock, so an export is reproducible: a
fixed start (`EPOCH_US`), then each move takes the time it plausibly takes — a delivery half a
millisecond, an application call 50 ms, a retransmission timeout 1 s, 2MSL the profile's TIME_WAIT.
"""

from __future__ import annotations

import ipaddress
import socket
from collections import namedtuple

from ..core.moves import AppCall, Crash, Deliver, Fire, Restart, Send, parse_move
from ..core.segment import SYN
from ..core.states import Side, Timer

DEFAULT_CLIENT = ("10.9.0.1", 40001)
DEFAULT_SERVER = ("10.9.0.2", 5001)
EPOCH_US = 1_700_000_000_000_000  # 2023-11-14 22:13:20 UTC, in µs: a fixed, plausible start
MSS_OPTION = b"\x02\x04\x05\xb4"  # kind 2, length 4, MSS 1460
_PAYLOAD = b"tcptui says hello; " * 4
_STEP_US: dict[type, int] = {Deliver: 500, Send: 100, AppCall: 50_000, Crash: 1_000_000, Restart: 5_000_000}
_TIMER_STEP_US = {Timer.RTO: 1_000_000, Timer.GIVE_UP: 30_000_000}


def _timer_step_us(timer: Timer, profile) -> int:
    """The modelled time before a timer fires; keep-alive waits its interval between probes."""
    if timer is Timer.KEEPALIVE:
        return profile.keepalive[1] * 1_000_000  # tcp_keepalive_intvl (the first waits tcp_keepalive_time)
    return _TIMER_STEP_US[timer]


class Frame(namedtuple("Frame", "ts src segment")):
    """One delivered segment: capture time (s since the epoch), sending Side, core Segment."""

    __slots__ = ()


def parse_address(text: str) -> tuple[str, int]:
    """'10.9.0.1:40001' or '[fd00::1]:40001' → (address, port); ValueError says what is wrong."""
    host, sep, port = text.strip().rpartition(":")
    bracketed = host.startswith("[") and host.endswith("]")
    host = host[1:-1] if bracketed else host
    if ":" in host and not bracketed:
        raise ValueError(f"write an IPv6 address in brackets, as [ADDR]:PORT, got {text!r}")
    try:
        ip = ipaddress.ip_address(host)
        number = int(port)
    except ValueError:
        raise ValueError(f"expected IP:PORT (IPv6 as [ADDR]:PORT), got {text!r}") from None
    if not sep or not 0 < number < 65536:
        raise ValueError(f"expected IP:PORT with a port from 1 to 65535, got {text!r}")
    return str(ip), number


class MovesError(ValueError):
    """A move that cannot be read. str() names the move (1-based) and says why; `line` is the line of
    the text it is on (1-based), for the `FILE:LINE: what is wrong` a file's reader prints."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line

    def located(self, name: str) -> str:
        """'FILE:LINE: move N ('…'): why'."""
        return f"{name}:{self.line}: {self}"


def parse_moves(text: str, parse=parse_move) -> list:
    """Moves in the core's notation (or `parse`'s: the lab adds its own), one a line or separated
    by ';' ('#' starts a comment). MovesError names the move (1-based) that could not be read, and its line."""
    moves = []
    for number, line in enumerate(text.splitlines(), 1):
        for part in line.split("#", 1)[0].split(";"):
            if part.strip():
                try:
                    moves.append(parse(part.strip()))
                except ValueError as e:
                    raise MovesError(number, f"move {len(moves) + 1} ({part.strip()!r}): {e}") from None
    return moves


def outcomes_of(source, world=None) -> list:
    """The outcomes of a Game, a list of Outcomes, or a list of moves (or move strings) played on
    `world` (default: a new World)."""
    return list(iter_outcomes(source, world))


def iter_outcomes(source, world=None):
    """outcomes_of, one at a time: a long game is never held whole (each outcome keeps its world,
    and each world its whole wire, so holding them all would grow as moves × segments in flight)."""
    from ..core.world import Outcome, World

    history = getattr(source, "history", None)
    if history is not None:
        yield from history
        return
    items = list(source)
    if all(isinstance(item, Outcome) for item in items):
        yield from items
        return
    world = world or World.new()
    for item in items:
        outcome = world.apply(parse_move(item) if isinstance(item, str) else item)
        world = outcome.world
        yield outcome


def frames(outcomes) -> list[Frame]:
    """The delivered segments of a game, with modelled capture times (kept in whole µs)."""
    clock, out = EPOCH_US, []
    for outcome in outcomes:
        move = outcome.move
        if isinstance(move, Fire):
            two_msl = outcome.world.profile.timewait_seconds * 1_000_000
            clock += two_msl if move.timer is Timer.TWO_MSL else _timer_step_us(move.timer, outcome.world.profile)
        else:
            clock += _STEP_US.get(type(move), 500)
        if isinstance(move, Deliver) and outcome.segment is not None and outcome.side is not None:
            out.append(Frame(clock / 1_000_000, outcome.segment.src, outcome.segment.segment))
    return out


def write_pcap(items, path, client: tuple[str, int] = DEFAULT_CLIENT, server: tuple[str, int] = DEFAULT_SERVER) -> int:
    """Write Frames as an Ethernet pcap; returns the number of packets written."""
    from dpkt import pcap

    ends = {
        Side.CLIENT: _End(*client, mac=b"\x02\x00\x00\x00\x00\x01"),
        Side.SERVER: _End(*server, mac=b"\x02\x00\x00\x00\x00\x02"),
    }
    if ends[Side.CLIENT].family != ends[Side.SERVER].family:
        raise ValueError("the client and server addresses must both be IPv4 or both IPv6")
    count = 0
    with open(path, "wb") as f:
        writer = pcap.Writer(f, snaplen=65535, linktype=pcap.DLT_EN10MB)
        for count, frame in enumerate(items, 1):
            writer.writepkt(_ethernet(frame, ends[frame.src], ends[frame.src.peer], count), ts=frame.ts)
    return count


def game_to_pcap(
    source, path, *, world=None, client: tuple[str, int] = DEFAULT_CLIENT, server: tuple[str, int] = DEFAULT_SERVER
) -> int:
    """A game (Game, Outcomes, or moves played on `world`) as a pcap at `path`; returns packets written."""
    return write_pcap(frames(iter_outcomes(source, world)), path, client, server)


class _End(namedtuple("_End", "ip port mac family packed")):
    """One endpoint's addresses on the wire."""

    __slots__ = ()

    def __new__(cls, ip: str, port: int, mac: bytes) -> _End:
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        return tuple.__new__(cls, (ip, port, mac, family, socket.inet_pton(family, ip)))


def _ethernet(frame: Frame, src: _End, dst: _End, ident: int) -> bytes:
    """Ethernet + IP + TCP for one segment; dpkt computes the checksums."""
    from dpkt import ethernet, ip, ip6, tcp

    seg = frame.segment
    opts = MSS_OPTION if SYN in seg.flags else b""
    payload = (_PAYLOAD * (seg.length // len(_PAYLOAD) + 1))[: seg.length]
    segment = tcp.TCP(
        sport=src.port,
        dport=dst.port,
        seq=seg.seq,
        ack=seg.ack,
        flags=seg.flags.value,
        win=min(seg.window, 0xFFFF),
        opts=opts,
        data=payload,
    )
    segment.off = 5 + len(opts) // 4
    if src.family == socket.AF_INET:
        packet = ip.IP(src=src.packed, dst=dst.packed, p=ip.IP_PROTO_TCP, ttl=64, id=ident & 0xFFFF, df=1, data=segment)
        kind = ethernet.ETH_TYPE_IP
    else:
        packet = ip6.IP6(src=src.packed, dst=dst.packed, nxt=ip.IP_PROTO_TCP, hlim=64, data=segment)
        packet.plen = len(segment)
        kind = ethernet.ETH_TYPE_IP6
    return bytes(ethernet.Ethernet(src=src.mac, dst=dst.mac, type=kind, data=packet))
