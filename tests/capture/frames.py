"""Small captures written with dpkt for the tests: any link type, IPv4 or IPv6, pcap or pcapng.

`conversation()` is the shape of a connection as (from_client, flags, seq, ack, payload length);
`frames()` turns it into link-layer frames; `write()` stores them. Nothing here writes outside
the directory a test gives it.
"""

from __future__ import annotations

import struct

from dpkt import arp, ethernet, ip, ip6, pcap, pcapng, sll, sll2, tcp, udp

CLIENT4, SERVER4 = b"\x0a\x09\x00\x01", b"\x0a\x09\x00\x02"
CLIENT6 = bytes.fromhex("fd000000000000000000000000000001")
SERVER6 = bytes.fromhex("fd000000000000000000000000000002")
SYN, ACK, FIN, RST, PSH = 0x02, 0x10, 0x01, 0x04, 0x08

# S SA A PA A FA A FA A: a whole connection, client 40001 → server 5001
X, Y = 1000, 5000
CLOSE = [
    (True, SYN, X, 0, 0),
    (False, SYN | ACK, Y, X + 1, 0),
    (True, ACK, X + 1, Y + 1, 0),
    (True, PSH | ACK, X + 1, Y + 1, 10),
    (False, ACK, Y + 1, X + 11, 0),
    (True, FIN | ACK, X + 11, Y + 1, 0),
    (False, ACK, Y + 1, X + 12, 0),
    (False, FIN | ACK, Y + 1, X + 12, 0),
    (True, ACK, X + 12, Y + 2, 0),
]
CLOSE_STATES = [
    ("SYN_SENT", "SYN_RCVD"),
    ("ESTABLISHED", "SYN_RCVD"),
    ("ESTABLISHED", "ESTABLISHED"),
    ("ESTABLISHED", "ESTABLISHED"),
    ("ESTABLISHED", "ESTABLISHED"),
    ("FIN_WAIT_1", "CLOSE_WAIT"),
    ("FIN_WAIT_2", "CLOSE_WAIT"),
    ("TIME_WAIT", "LAST_ACK"),
    ("TIME_WAIT", "CLOSED"),
]


def segment(
    from_client: bool,
    flags: int,
    seq: int,
    ack: int,
    length: int,
    v6: bool = False,
    ports=(40001, 5001),
    ext: bytes = b"",
    ts: tuple[int, int] | None = None,
) -> bytes:
    """An IP packet carrying one TCP segment (IPv6 with optional extension headers `ext`; a
    timestamps option (TSval, TSecr) after two NOPs, as Linux lays it out, with `ts`)."""
    sport, dport = ports if from_client else ports[::-1]
    opts = b"\x02\x04\x05\xb4" if flags & SYN else b""
    if ts is not None:
        opts += b"\x01\x01\x08\x0a" + struct.pack(">II", *ts)
    seg = tcp.TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags, win=65535, opts=opts, data=b"d" * length)
    seg.off = 5 + len(opts) // 4
    if v6:
        src, dst = (CLIENT6, SERVER6) if from_client else (SERVER6, CLIENT6)
        body = bytes(seg)
        nxt = ip.IP_PROTO_TCP
        if ext:  # one hop-by-hop options header in front of TCP
            body, nxt = bytes([ip.IP_PROTO_TCP]) + ext + body, 0
        packet = ip6.IP6(src=src, dst=dst, nxt=nxt, hlim=64, plen=len(body))
        return (
            bytes(packet) + body
            if ext
            else bytes(ip6.IP6(src=src, dst=dst, nxt=nxt, hlim=64, plen=len(body), data=seg))
        )
    src, dst = (CLIENT4, SERVER4) if from_client else (SERVER4, CLIENT4)
    return bytes(ip.IP(src=src, dst=dst, p=ip.IP_PROTO_TCP, ttl=64, data=seg))


def udp_packet() -> bytes:
    return bytes(ip.IP(src=CLIENT4, dst=SERVER4, p=ip.IP_PROTO_UDP, data=udp.UDP(sport=53, dport=53, data=b"x")))


def link(kind: str, packet: bytes, v6: bool = False) -> bytes:
    """Wrap an IP packet in a link-layer header."""
    etype = ethernet.ETH_TYPE_IP6 if v6 else ethernet.ETH_TYPE_IP
    if kind == "ethernet":
        return bytes(ethernet.Ethernet(src=b"\x02" * 6, dst=b"\x04" * 6, type=etype)) + packet
    if kind == "vlan":
        return b"\x04" * 6 + b"\x02" * 6 + struct.pack(">HHH", 0x8100, 7, etype) + packet
    if kind == "sll":
        return bytes(sll.SLL(type=0, ethtype=etype)) + packet
    if kind == "sll2":
        return bytes(sll2.SLL2(ethtype=etype)) + packet
    if kind in ("raw", "ipv4", "ipv6"):
        return packet
    if kind == "null-le":
        return struct.pack("<I", 30 if v6 else 2) + packet
    if kind == "null-be":
        return struct.pack(">I", 30 if v6 else 2) + packet
    if kind == "loop":
        return struct.pack(">I", 24 if v6 else 2) + packet
    raise ValueError(kind)


LINKTYPES = {
    "ethernet": pcap.DLT_EN10MB,
    "vlan": pcap.DLT_EN10MB,
    "sll": pcap.DLT_LINUX_SLL,
    "sll2": pcap.DLT_LINUX_SLL2,
    "raw": 101,
    "ipv4": 228,
    "ipv6": 229,
    "null-le": pcap.DLT_NULL,
    "null-be": pcap.DLT_NULL,
    "loop": pcap.DLT_LOOP,
}


def arp_frame() -> bytes:
    return bytes(ethernet.Ethernet(src=b"\x02" * 6, dst=b"\xff" * 6, type=ethernet.ETH_TYPE_ARP, data=arp.ARP()))


def frames(kind: str, steps=CLOSE, v6: bool = False, ports=(40001, 5001)) -> list[bytes]:
    """The conversation's frames under one link type."""
    return [link(kind, segment(*step, v6=v6, ports=ports), v6) for step in steps]


def write(path, items: list[bytes], linktype: int = pcap.DLT_EN10MB, fmt: str = "pcap", nano: bool = False) -> None:
    """Store frames as pcap (micro- or nanosecond) or pcapng, 1 ms apart."""
    with open(path, "wb") as f:
        writer = (
            pcapng.Writer(f, snaplen=65535, linktype=linktype)
            if fmt == "pcapng"
            else pcap.Writer(f, snaplen=65535, linktype=linktype, nano=nano)
        )
        for i, frame in enumerate(items):
            writer.writepkt(frame, ts=1_700_000_000 + i / 1000)


# -- pcapng, block by block (dpkt's writer knows one interface and no Simple Packet Block) ------


def _block(kind: int, body: bytes, order: str = "<") -> bytes:
    """One pcapng block: type, total length, body padded to 32 bits, total length again."""
    body += b"\x00" * (-len(body) % 4)
    total = len(body) + 12
    return struct.pack(order + "II", kind, total) + body + struct.pack(order + "I", total)


def _option(code: int, value: bytes, order: str = "<") -> bytes:
    return struct.pack(order + "HH", code, len(value)) + value + b"\x00" * (-len(value) % 4)


def shb(order: str = "<") -> bytes:
    """A Section Header Block (no options, section length unknown)."""
    return _block(0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1), order)


def idb(linktype: int, snaplen: int = 65535, tsresol: int | None = None, order: str = "<") -> bytes:
    """An Interface Description Block; `tsresol` is the if_tsresol option's byte (6 = µs, 9 = ns)."""
    opts = b""
    if tsresol is not None:
        opts = _option(9, bytes([tsresol]), order) + _option(0, b"", order)
    return _block(1, struct.pack(order + "HHI", linktype, 0, snaplen) + opts, order)


def epb(iface: int, ticks: int, data: bytes, origlen: int | None = None, order: str = "<") -> bytes:
    """An Enhanced Packet Block on interface `iface`, timestamp `ticks` in that interface's units."""
    head = struct.pack(order + "IIIII", iface, ticks >> 32, ticks & 0xFFFFFFFF, len(data), origlen or len(data))
    return _block(6, head + data, order)


def spb(data: bytes, origlen: int | None = None, order: str = "<") -> bytes:
    """A Simple Packet Block (interface 0, no timestamp)."""
    return _block(3, struct.pack(order + "I", origlen or len(data)) + data, order)


def opb(iface: int, ticks: int, data: bytes, order: str = "<") -> bytes:
    """An obsolete Packet Block (type 2), as old Wireshark versions wrote."""
    head = struct.pack(order + "HHIIII", iface, 0, ticks >> 32, ticks & 0xFFFFFFFF, len(data), len(data))
    return _block(2, head + data, order)


def nrb(order: str = "<") -> bytes:
    """A Name Resolution Block with one IPv4 record (something to skip)."""
    record = struct.pack(order + "HH", 1, 13) + CLIENT4 + b"client\x00\x00\x00\x00"
    return _block(4, record[:17] + b"\x00" * 3 + struct.pack(order + "HH", 0, 0), order)


def _pieces(payload: bytes, size: int):
    """(offset, piece, more fragments follow) for a payload cut into `size`-byte pieces."""
    for off in range(0, len(payload), size):
        yield off, payload[off : off + size], off + size < len(payload)


def fragments(packet: bytes, size: int) -> list[bytes]:
    """An IPv4 packet cut into fragments of `size` payload bytes (a multiple of 8), in order."""
    header, out = packet[:20], []
    for off, part, more in _pieces(packet[20:], size):
        head = bytearray(header)
        head[2:4] = struct.pack(">H", 20 + len(part))
        head[4:6] = b"\x12\x34"
        head[6:8] = struct.pack(">H", (0x2000 if more else 0) | off // 8)
        head[10:12] = b"\x00\x00"
        out.append(bytes(head) + part)
    return out


def fragments6(packet: bytes, size: int) -> list[bytes]:
    """An IPv6 packet (no extension headers) cut into fragments of `size` payload bytes (a multiple of 8)."""
    header, out = packet[:40], []
    for off, part, more in _pieces(packet[40:], size):
        head = bytearray(header)
        head[4:6] = struct.pack(">H", 8 + len(part))
        head[6] = 44
        out.append(bytes(head) + struct.pack(">BBHI", header[6], 0, off | more, 0x5678) + part)
    return out
