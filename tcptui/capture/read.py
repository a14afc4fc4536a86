"""Read pcap and pcapng files one TCP packet at a time, never the whole file.

capture/formats.py reads the file formats (pcap in all its variants, pcapng with every
interface's own link type, Simple Packet Blocks, FIFOs as streams, bounded records). The
link-layer, IP and TCP headers are then unpacked with struct on dpkt's own header layouts
(`dpkt.ip.IP.__hdr_fmt__`, `dpkt.tcp.TCP.__hdr_fmt__`) and constants: building dpkt objects
costs about 6 µs a packet, a third of the replay's whole budget. A test decodes mutated packets
both ways and checks they agree.

Link types: Ethernet (with 802.1Q/802.1ad tags), Linux cooked SLL and SLL2, raw IP (101, and the
12/14 some BSDs write, 228 IPv4, 229 IPv6), BSD loopback (NULL, in either byte order, and
OpenBSD's LOOP). IPv4 and IPv6 (skipping hop-by-hop, routing, destination-option and AH
extension headers). IP fragments are reassembled as far as the replay needs (the TCP header and
the datagram's length) and become one packet at the frame that completes them, as Wireshark
shows them; fragments whose datagram never completes are counted. Anything else in a frame —
ARP, UDP — is counted as not TCP; a frame whose headers do not hold together is counted as
malformed; a frame on a pcapng interface of an unsupported link type is counted by link type. A
file that is not a capture, has an unknown link type, or is cut short or corrupt ends with
CaptureError: one line.
"""

from __future__ import annotations

import struct
from collections import Counter, OrderedDict, namedtuple

from .formats import FormatError, Stream, records

_HOPOPTS, _ROUTING, _FRAGMENT, _AH, _DSTOPTS, _TCP = 0, 43, 44, 51, 60, 6
_V6_SKIP = frozenset({_HOPOPTS, _ROUTING, _DSTOPTS})
MAX_DATAGRAMS = 256  # IP datagrams being reassembled at once; the oldest is given up beyond
_HEAD = 160  # bytes of a fragmented datagram's payload kept: IPv6 extension headers and the TCP header


class CaptureError(Exception):
    """The capture cannot be read (or read further); the message is one line for the user."""


class Wire(
    namedtuple("Wire", "frame ts src sport dst dport flags seq ack length window wscale tsopt", defaults=(-1, None))
):
    """One TCP segment as captured: 1-based frame number, timestamp (s), addresses as packed
    bytes (4 or 16), ports, the TCP flag bits (9 bits, NS included), SEG.SEQ, the raw ACK field,
    payload bytes (from the IP lengths, so a short snaplen does not shorten it), SEG.WND as
    sent, on a SYN its window scale option's shift (RFC 7323 §2; -1: none, or not a SYN), and
    its timestamps option (TSval, TSecr) (RFC 7323 §3; None: none, or not captured)."""

    __slots__ = ()


SUPPORTED = "Ethernet, Linux cooked SLL/SLL2, raw IP, BSD loopback"


def _links():
    """Link type → function(frame) → offset of the IP header, or -1 when the frame is not IP."""
    from dpkt import ethernet, pcap, sll, sll2

    ip_types = (ethernet.ETH_TYPE_IP, ethernet.ETH_TYPE_IP6)
    tags = (ethernet.ETH_TYPE_8021Q, ethernet.ETH_TYPE_8021AD, 0x9100, 0x9200)
    eth_len, sll_len, sll2_len = ethernet.ETH_HDR_LEN, sll.SLL.__hdr_len__, sll2.SLL2.__hdr_len__

    def en10mb(buf):
        off, etype = eth_len, buf[12] << 8 | buf[13]
        while etype in tags:
            etype, off = buf[off + 2] << 8 | buf[off + 3], off + 4
        return off if etype in ip_types else -1

    def linux_sll(buf):
        return sll_len if (buf[14] << 8 | buf[15]) in ip_types else -1

    def linux_sll2(buf):
        return sll2_len if (buf[0] << 8 | buf[1]) in ip_types else -1

    def null(buf):  # the host's AF_ value, in the byte order of the host that wrote the file
        family = buf[0] | buf[1] << 8 | buf[2] << 16 | buf[3] << 24
        if family > 0xFFFF:
            family = buf[3] | buf[2] << 8
        return 4 if family in (2, 10, 24, 28, 30) else -1

    def loop(buf):  # OpenBSD: network byte order
        return 4 if (buf[2] << 8 | buf[3]) in (2, 24, 28, 30) else -1

    def raw(buf):
        return 0

    return {
        pcap.DLT_EN10MB: en10mb,
        pcap.DLT_LINUX_SLL: linux_sll,
        pcap.DLT_LINUX_SLL2: linux_sll2,
        pcap.DLT_NULL: null,
        pcap.DLT_LOOP: loop,
        101: raw,
        12: raw,
        14: raw,
        228: raw,
        229: raw,
    }


class Capture:
    """The TCP packets of one file, streamed. Counts what it skipped; `pos`/`size` for progress.

    `tee`, a writable binary file, receives every byte read (a FIFO kept for a second reading)."""

    def __init__(self, path, tee=None) -> None:
        self.path = str(path)
        self.frames = self.not_tcp = self.malformed = self.fragments = self.unreassembled = 0
        self.other_links: Counter = Counter()  # link type → frames on interfaces of that type
        try:
            self.stream = Stream(path, tee)
        except FormatError as e:
            raise CaptureError(f"{path}: {e}") from None
        self.size = self.stream.size
        self._records = records(self.stream, _links())
        try:
            self.interfaces = next(self._records)
        except FormatError as e:
            self.stream.close()
            raise CaptureError(f"{path}: {e}") from None
        if self.interfaces and not any(i.link for i in self.interfaces):
            self.stream.close()
            raise CaptureError(_unsupported(self.path, self.interfaces[0].linktype))

    @property
    def pos(self) -> int:
        """Bytes read so far."""
        return self.stream.pos

    @property
    def regular(self) -> bool:
        """Can the file be read again (not a FIFO)?"""
        return self.stream.regular

    def close(self) -> None:
        """Close the file."""
        self.stream.close()

    def __enter__(self) -> Capture:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __iter__(self):
        """Yield a Wire per TCP packet; raise CaptureError (one line) where the file breaks."""
        fragments = _Fragments()
        decode = _decoder(fragments)
        frame = 0
        try:
            for ts, iface, buf in self._records:
                frame += 1
                link = iface.link
                if link is None:
                    self._other_link(iface)
                    continue
                wire = decode(frame, ts, buf, link)
                if wire.__class__ is Wire:
                    yield wire
                elif wire is None:
                    self.fragments += 1
                elif wire:
                    self.malformed += 1
                else:
                    self.not_tcp += 1
        except FormatError as e:
            raise CaptureError(f"{self.path}: {e}") from None
        finally:
            self.frames = frame
            self.unreassembled = fragments.lost + fragments.held()
            self.fragments -= self.unreassembled

    def skipped(self) -> tuple:
        """What was not replayed, as (text key, params) pairs for tcptui.text.ui, in a fixed order."""
        out = [
            (key, {"count": count})
            for key, count in (
                ("replay.not-tcp", self.not_tcp),
                ("replay.malformed", self.malformed),
                ("replay.fragments", self.unreassembled),
            )
            if count
        ]
        out += [("replay.other-link", {"count": n, "linktype": t}) for t, n in sorted(self.other_links.items())]
        return tuple(out)

    def _other_link(self, iface) -> None:
        """A frame on an interface whose link type is not supported (others in the file are)."""
        if not any(i.link for i in self.interfaces):
            raise CaptureError(_unsupported(self.path, iface.linktype))
        self.other_links[iface.linktype] += 1


def _unsupported(path: str, linktype: int) -> str:
    return f"{path}: unsupported link type {linktype} (supported: {SUPPORTED})"


def _unpacker(header):
    """struct's unpack_from for a dpkt header class, in network byte order."""
    return struct.Struct(">" + header.__hdr_fmt__.lstrip("<>!=@")).unpack_from


def _v6_tcp(buf, t: int, nxt: int) -> int:
    """Where TCP starts after IPv6's extension headers; -1 when the packet carries something else,
    -2 - t when a fragment header starts at t."""
    while nxt != _TCP:
        if nxt in _V6_SKIP:
            nxt, t = buf[t], t + (buf[t + 1] + 1) * 8
        elif nxt == _AH:
            nxt, t = buf[t], t + (buf[t + 1] + 2) * 4
        elif nxt == _FRAGMENT:
            return -2 - t
        else:
            return -1
    return t


class _Datagram:
    """A fragmented IP datagram while its fragments come in: which payload bytes have arrived,
    the first `_HEAD` of them, the total length once the last fragment says it, its frames."""

    __slots__ = ("have", "head", "total", "frames", "nxt")

    def __init__(self) -> None:
        self.have: list[list[int]] = []  # merged [start, end) ranges of payload received
        self.head = bytearray(_HEAD)
        self.total: int | None = None  # the datagram's length, once its last fragment came
        self.frames = 0
        self.nxt = _TCP  # IPv6: the header after the fragment header (from the first fragment)

    def add(self, off: int, data, more: bool) -> bool:
        """One fragment's payload at `off`; True once the whole datagram is there."""
        end = off + len(data)
        self.frames += 1
        if off < _HEAD:
            take = min(end, _HEAD) - off
            self.head[off : off + take] = data[:take]
        if not more:
            self.total = end
        ranges = sorted(self.have + [[off, end]])
        merged = [ranges[0]]
        for start, stop in ranges[1:]:
            if start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], stop)
            else:
                merged.append([start, stop])
        self.have = merged
        return self.total is not None and merged[0][0] == 0 and merged[0][1] >= self.total


class _Fragments:
    """Datagrams being reassembled, keyed by (source, destination, identification); at most
    `MAX_DATAGRAMS` at once (the oldest is given up and its frames counted as lost)."""

    __slots__ = ("pending", "lost")

    def __init__(self) -> None:
        self.pending: OrderedDict = OrderedDict()
        self.lost = 0

    def add(self, key, off: int, data, more: bool, nxt: int | None = None):
        """A fragment; returns the completed _Datagram, else None (held) or True (malformed)."""
        dgram = self.pending.get(key)
        if dgram is None:
            dgram = self.pending[key] = _Datagram()
            if len(self.pending) > MAX_DATAGRAMS:
                self.lost += self.pending.popitem(last=False)[1].frames
        if off == 0 and nxt is not None:
            dgram.nxt = nxt
        if off + len(data) > 65535:  # no IP datagram is that long
            del self.pending[key]
            self.lost += dgram.frames
            return True
        if not dgram.add(off, data, more):
            return None
        del self.pending[key]
        return dgram

    def held(self) -> int:
        """Frames of datagrams still incomplete."""
        return sum(d.frames for d in self.pending.values())


def _decoder(fragments: _Fragments):
    """A function: frame, ts, bytes, link → Wire, or True (malformed), False (not TCP) or None (a
    fragment held until its datagram completes)."""
    from dpkt import ip, ip6, tcp

    v4, v6, th = _unpacker(ip.IP), _unpacker(ip6.IP6), _unpacker(tcp.TCP)
    new = tuple.__new__

    def decode(frame, ts, buf, link):
        try:
            off = link(buf)
            if off < 0:
                return False
            version = buf[off] >> 4
            if version == 4:
                v_hl, _, total, ident, frag, _, proto, _, src, dst = v4(buf, off)
                if proto != _TCP:
                    return False
                if v_hl & 15 < 5:
                    return True
                t, end = off + (v_hl & 15) * 4, off + total if total else len(buf)  # 0: TSO, as Wireshark presumes
                if frag & 0x3FFF:  # more fragments, or not the first: reassemble
                    if not total or end > len(buf) or end < t:
                        return True
                    dgram = fragments.add((src, dst, ident, 4), (frag & 0x1FFF) * 8, buf[t:end], bool(frag & 0x2000))
                    if dgram is None or dgram is True:
                        return dgram
                    buf, t, end = bytes(dgram.head), 0, dgram.total
            elif version == 6:
                _, plen, nxt, _, src, dst = v6(buf, off)
                t, end = off + 40, off + 40 + plen if plen else len(buf)
                if nxt != _TCP:
                    t = _v6_tcp(buf, t, nxt)
                    if t == -1:
                        return False
                    if t < -1:
                        dgram = _v6_fragment(fragments, buf, -2 - t, end, src, dst)
                        if dgram is None or dgram is True:
                            return dgram
                        buf, end = bytes(dgram.head), dgram.total
                        t = _v6_tcp(buf, 0, dgram.nxt)
                        if t == -1:
                            return False
                        if t < -1:
                            return True  # a fragment inside a fragment
            else:
                return True
            sport, dport, seq, ack, off_flags, win, _, _ = th(buf, t)
        except (IndexError, struct.error):
            return True
        length = end - t - (off_flags >> 12) * 4
        if off_flags >> 12 < 5 or length < 0:
            return True
        wscale, tsopt = -1, None
        if off_flags >> 12 > 5:
            if buf[t + 20 : t + 24] == _NOP_NOP_TS:  # how Linux lays them out on every segment but a SYN
                tsopt = ts_words(buf, t + 24) if len(buf) >= t + 32 else None
            else:
                wscale, tsopt = _options(buf, t + 20, t + (off_flags >> 12) * 4)
                if not off_flags & 2:
                    wscale = -1
        return new(Wire, (frame, ts, src, sport, dst, dport, off_flags & 0x1FF, seq, ack, length, win, wscale, tsopt))

    return decode


_NOP_NOP_TS = b"\x01\x01\x08\x0a"  # NOP, NOP, then kind 8 length 10: the timestamps option
ts_words = struct.Struct(">II").unpack_from


def _options(buf, at: int, end: int) -> tuple[int, tuple | None]:
    """Among a segment's options: the window scale option's shift (kind 3, RFC 7323 §2.2; -1:
    none) and the timestamps option's (TSval, TSecr) (kind 8, §3.2; None: none). A malformed
    list ends the search (what was found before it stands)."""
    end, wscale, tsopt = min(end, len(buf)), -1, None
    while at < end:
        kind = buf[at]
        if kind == 0:
            break
        if kind == 1:
            at += 1
            continue
        if at + 1 >= end or buf[at + 1] < 2:
            break
        size = buf[at + 1]
        if kind == 3 and size == 3 and at + 2 < end:
            wscale = min(buf[at + 2], 14)  # RFC 7323 §2.3: a larger shift is taken as 14
        elif kind == 8 and size == 10 and at + 10 <= end:
            tsopt = ts_words(buf, at + 2)
        at += size
    return wscale, tsopt


def _v6_fragment(fragments: _Fragments, buf, at: int, end: int, src: bytes, dst: bytes):
    """An IPv6 fragment header at `at`: add its payload to its datagram (see _Fragments.add)."""
    if end > len(buf) or end < at + 8:
        return True
    nxt, _, off_more, ident = struct.unpack_from(">BBHI", buf, at)
    return fragments.add((src, dst, ident, 6), off_more & 0xFFF8, buf[at + 8 : end], bool(off_more & 1), nxt)
