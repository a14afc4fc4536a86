"""Read pcap and pcapng files one TCP packet at a time, never the whole file.

dpkt reads the file formats: pcap (micro- and nanosecond, either byte order) and pcapng, with
their record framing and timestamps. The link-layer, IP and TCP headers are then unpacked with
struct on dpkt's own header layouts (`dpkt.ip.IP.__hdr_fmt__`, `dpkt.tcp.TCP.__hdr_fmt__`) and
constants: building dpkt objects costs about 6 µs a packet, a third of the replay's whole budget.
A test decodes mutated packets both ways and checks they agree.

Link types: Ethernet (with 802.1Q/802.1ad tags), Linux cooked SLL and SLL2, raw IP (101, and the
12/14 some BSDs write, 228 IPv4, 229 IPv6), BSD loopback (NULL, in either byte order, and
OpenBSD's LOOP). IPv4 and IPv6 (skipping hop-by-hop, routing, destination-option and AH
extension headers). Anything else in a frame — ARP, UDP, a later IP fragment — is counted as
not TCP; a frame whose headers do not hold together is counted as malformed. A file that is not
a capture, has an unknown link type, or is cut short or corrupt ends with CaptureError: one line.
"""

from __future__ import annotations

import os
import struct
from collections import namedtuple

MAX_RECORD = 1 << 24  # a longer record is a corrupt length field, not a packet

_HOPOPTS, _ROUTING, _FRAGMENT, _AH, _DSTOPTS, _TCP = 0, 43, 44, 51, 60, 6
_V6_SKIP = frozenset({_HOPOPTS, _ROUTING, _DSTOPTS})


class CaptureError(Exception):
    """The capture cannot be read (or read further); the message is one line for the user."""


class Wire(namedtuple("Wire", "frame ts src sport dst dport flags seq ack length window")):
    """One TCP segment as captured: 1-based frame number, timestamp (s), addresses as packed
    bytes (4 or 16), ports, the TCP flag bits (9 bits, NS included), SEG.SEQ, the raw ACK field,
    payload bytes (from the IP lengths, so a short snaplen does not shorten it) and SEG.WND."""

    __slots__ = ()


class _Tracked:
    """A file wrapper that counts bytes (for the progress bar) and notices short and absurd reads."""

    __slots__ = ("f", "pos", "short")

    def __init__(self, f) -> None:
        self.f, self.pos, self.short = f, 0, False

    def read(self, n: int = -1) -> bytes:
        """file.read, refusing a length no capture record has."""
        if n < 0 or n > MAX_RECORD:
            raise CaptureError(f"{self.f.name}: corrupt capture: a record claims {n} bytes")
        data = self.f.read(n)
        self.pos += len(data)
        if 0 < len(data) < n:
            self.short = True
        return data

    def seek(self, *args):
        """file.seek (the format sniffing rewinds)."""
        self.pos = self.f.seek(*args)
        self.short = False
        return self.pos

    def tell(self) -> int:
        """file.tell."""
        return self.f.tell()

    @property
    def name(self) -> str:
        """The file's name, for messages."""
        return self.f.name


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


def open_capture(path):
    """Open `path` as pcap or pcapng: (dpkt reader, tracked file, link decoder, file size)."""
    import dpkt

    try:
        f = open(path, "rb")  # noqa: SIM115 - closed by read_capture
    except OSError as e:
        raise CaptureError(f"{path}: {e.strerror or e}") from None
    tracked = _Tracked(f)
    try:
        size = os.fstat(f.fileno()).st_size
        reader = _reader(tracked, dpkt)
        linktype = reader.datalink()
    except CaptureError:
        f.close()
        raise
    except (ValueError, EOFError, struct.error, dpkt.Error, IndexError, TypeError) as e:
        f.close()
        raise CaptureError(f"{path}: not a pcap or pcapng capture ({_why(e)})") from None
    link = _links().get(linktype)
    if link is None:
        f.close()
        raise CaptureError(
            f"{path}: unsupported link type {linktype} (supported: Ethernet, Linux cooked "
            "SLL/SLL2, raw IP, BSD loopback)"
        )
    return reader, tracked, link, size


def _reader(tracked: _Tracked, dpkt):
    """pcap by its magic number, else pcapng by its section header."""
    from dpkt import pcap, pcapng

    head = tracked.read(4)
    tracked.seek(0)
    if len(head) < 4:
        raise CaptureError(f"{tracked.name}: empty or not a capture file")
    if head == b"\x0a\x0d\x0d\x0a":
        return pcapng.Reader(tracked)
    return pcap.Reader(tracked)


def _why(e: BaseException) -> str:
    """A short reason from a library exception."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]


class Capture:
    """The TCP packets of one file, streamed. Counts what it skipped; `pos`/`size` for progress."""

    def __init__(self, path) -> None:
        self.path = str(path)
        self.reader, self.file, self.link, self.size = open_capture(path)
        self.frames = self.not_tcp = self.malformed = 0

    @property
    def pos(self) -> int:
        """Bytes read so far."""
        return self.file.pos

    def close(self) -> None:
        """Close the file."""
        self.file.f.close()

    def __enter__(self) -> Capture:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __iter__(self):
        """Yield a Wire per TCP packet; raise CaptureError (one line) where the file breaks."""
        import dpkt

        decode, tracked = _decoder(self.link), self.file
        frame = 0
        try:
            for ts, buf in self.reader:
                frame += 1
                if tracked.short:
                    raise CaptureError(f"{self.path}: cut short in the middle of frame {frame}")
                wire = decode(frame, ts, buf)
                if wire.__class__ is Wire:
                    yield wire
                elif wire:
                    self.malformed += 1
                else:
                    self.not_tcp += 1
        except CaptureError:
            raise
        except (ValueError, EOFError, struct.error, dpkt.Error, IndexError, TypeError, OverflowError) as e:
            raise CaptureError(f"{self.path}: corrupt or cut short after frame {frame} ({_why(e)})") from None
        finally:
            self.frames = frame


def _unpacker(header):
    """struct's unpack_from for a dpkt header class, in network byte order."""
    return struct.Struct(">" + header.__hdr_fmt__.lstrip("<>!=@")).unpack_from


def _v6_tcp(buf: bytes, t: int, nxt: int) -> int:
    """Where TCP starts after IPv6's extension headers, or -1 when the packet carries something else."""
    while nxt != _TCP:
        if nxt in _V6_SKIP:
            nxt, t = buf[t], t + (buf[t + 1] + 1) * 8
        elif nxt == _AH:
            nxt, t = buf[t], t + (buf[t + 1] + 2) * 4
        elif nxt == _FRAGMENT and not (buf[t + 2] << 8 | buf[t + 3]) & 0xFFF8:
            nxt, t = buf[t], t + 8  # the first fragment holds the TCP header
        else:
            return -1
    return t


def _decoder(link):
    """A function: frame, ts, bytes → Wire, or True (malformed), or False (not TCP)."""
    from dpkt import ip, ip6, tcp

    v4, v6, th = _unpacker(ip.IP), _unpacker(ip6.IP6), _unpacker(tcp.TCP)
    new = tuple.__new__

    def decode(frame, ts, buf):
        try:
            off = link(buf)
            if off < 0:
                return False
            version = buf[off] >> 4
            if version == 4:
                v_hl, _, total, _, frag, _, proto, _, src, dst = v4(buf, off)
                if proto != _TCP or frag & 0x1FFF:
                    return False  # not TCP, or a later fragment without a TCP header
                if v_hl & 15 < 5:
                    return True
                t, end = off + (v_hl & 15) * 4, off + total if total else len(buf)  # 0: TSO, as Wireshark presumes
            elif version == 6:
                _, plen, nxt, _, src, dst = v6(buf, off)
                t, end = _v6_tcp(buf, off + 40, nxt), off + 40 + plen if plen else len(buf)
                if t < 0:
                    return False
            else:
                return True
            sport, dport, seq, ack, off_flags, win, _, _ = th(buf, t)
        except (IndexError, struct.error):
            return True
        length = end - t - (off_flags >> 12) * 4
        if off_flags >> 12 < 5 or length < 0:
            return True
        return new(Wire, (frame, ts, src, sport, dst, dport, off_flags & 0x1FF, seq, ack, length, win))

    return decode
