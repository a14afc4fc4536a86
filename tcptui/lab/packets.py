"""IPv4 packets as the TUN devices carry them, and the core's Segments they stand for.

`read` turns a packet a kernel sent into (sender, Segment); `craft` builds a packet with the
numbers a player chose, with correct IPv4 and TCP checksums (dpkt computes them), as packetdrill
injects its inbound packets. Held segments keep their real bytes, so a delivery writes exactly
what the kernel sent and the pcap export holds the real packets.
"""

from __future__ import annotations

import socket
from collections import namedtuple

from ..core.segment import Flags, Segment
from ..core.states import Side

_CORE_BITS = 0x1F  # FIN SYN RST PSH ACK: the bits the engine reasons about (ECE/CWR/URG are not)
_PAYLOAD = b"tcptui lab. "


class Wired(namedtuple("Wired", "serial src segment raw time crafted origin", defaults=(None,))):
    """A segment on the lab's wire: serial (for the ladder), the sending Side, the core Segment,
    the IPv4 packet's bytes, when it was captured (time.monotonic), whether the player crafted it
    (injected) rather than a kernel sending it, and its origin: the sender's ISS when it was sent
    (None for a crafted one), as the core's InFlight has it — its numbers are named after it."""

    __slots__ = ()

    @property
    def dst(self) -> Side:
        return self.src.peer


class Addresses(namedtuple("Addresses", "client server")):
    """(ip, port) of each end of the lab's one 4-tuple."""

    __slots__ = ()

    def of(self, side: Side) -> tuple[str, int]:
        return self.client if side is Side.CLIENT else self.server


def read(raw: bytes, ends: Addresses) -> tuple[Side, Segment] | None:
    """The sender and the Segment of a packet on the 4-tuple; None for anything else."""
    from dpkt import ip

    try:
        packet = ip.IP(raw)
    except Exception:  # dpkt raises its own errors, and struct's, on a short or odd packet
        return None
    tcp = packet.data
    if packet.p != ip.IP_PROTO_TCP or isinstance(tcp, bytes):
        return None
    src = (socket.inet_ntoa(packet.src), tcp.sport)
    if src == ends.client:
        side = Side.CLIENT
    elif src == ends.server:
        side = Side.SERVER
    else:
        return None
    if (socket.inet_ntoa(packet.dst), tcp.dport) != ends.of(side.peer):
        return None
    flags = Flags(tcp.flags & _CORE_BITS)
    ack = tcp.ack if Flags.ACK in flags else 0
    return side, Segment(flags, tcp.seq, ack, len(tcp.data), tcp.win)


def craft(src: Side, seg: Segment, ends: Addresses, ident: int = 0) -> bytes:
    """An IPv4 packet carrying `seg` from `src` to its peer, with correct checksums."""
    from dpkt import ip, tcp

    payload = (_PAYLOAD * (seg.length // len(_PAYLOAD) + 1))[: seg.length]
    (saddr, sport), (daddr, dport) = ends.of(src), ends.of(src.peer)
    segment = tcp.TCP(
        sport=sport,
        dport=dport,
        seq=seg.seq,
        ack=seg.ack,
        flags=seg.flags.value,
        win=min(seg.window, 0xFFFF),
        data=payload,
    )
    packet = ip.IP(
        src=socket.inet_aton(saddr),
        dst=socket.inet_aton(daddr),
        p=ip.IP_PROTO_TCP,
        ttl=64,
        id=ident & 0xFFFF,
        df=1,
        data=segment,
    )
    packet.len = 20 + len(bytes(segment))
    return bytes(packet)


def payload(nbytes: int) -> bytes:
    """What the lab's applications write: `nbytes` of a recognisable text."""
    return (_PAYLOAD * (nbytes // len(_PAYLOAD) + 1))[:nbytes]
