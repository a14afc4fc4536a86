"""The pcap and pcapng file formats, read as a stream of records: (timestamp, interface, frame bytes).

Written here rather than taken from dpkt, whose readers stop at what this replay needs: dpkt's
pcapng reader knows only the first interface's link type and skips Simple Packet Blocks, and
neither reader tells a file cut inside a record from one that ends cleanly. The rules follow
libpcap and Wireshark's wiretap, the references for these formats:

- pcap (micro- or nanosecond, either byte order, and the "modified" pcap of some Linux patches):
  the link type's upper bits carry FCS information and are masked off as libpcap's
  LT_LINKTYPE() does (`& 0x03FFFFFF`).
- pcapng: every section (its own byte order), every interface with its own link type, snap
  length and timestamp resolution (if_tsresol) and offset (if_tsoffset); Enhanced, Simple and
  the obsolete Packet Blocks carry frames; every other block is skipped.
- A record or packet block claiming more than `MAX_SNAPLEN` bytes, a frame of 0 bytes, a block
  length that is not a multiple of 4 or does not match its trailer, a packet on an interface
  the file never described: the file is corrupt. A file that ends inside a record or a block is
  cut short. Both are CaptureError, raised after every frame before them was yielded.
- The file is read in large chunks, never whole, so memory stays bounded whatever the file
  claims; a FIFO is read as a stream (the same code: nothing seeks).
"""

from __future__ import annotations

import os
import select
import stat
import struct

MAX_SNAPLEN = 262144  # libpcap's MAXIMUM_SNAPLEN, Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD
MAX_BLOCK = 16 << 20  # a pcapng block that is not a packet may be this large (names, secrets …)
CHUNK = 1 << 20
FIFO_WAIT = 10.0  # seconds to wait for a writer to open a FIFO ($TCPTUI_FIFO_WAIT)
LINKTYPE_MASK = 0x03FFFFFF  # libpcap's LT_LINKTYPE(): the upper bits say whether frames end with an FCS

_PCAP_MAGIC = {  # magic as read little-endian → (byte order, fraction of a second, record header size)
    0xA1B2C3D4: ("<", 1e-6, 16),
    0xD4C3B2A1: (">", 1e-6, 16),
    0xA1B23C4D: ("<", 1e-9, 16),
    0x4D3CB2A1: (">", 1e-9, 16),
    0xA1B2CD34: ("<", 1e-6, 24),  # Alexey Kuznetzov's modified pcap: 8 more bytes per record
    0x34CDB2A1: (">", 1e-6, 24),
}
_PCAPNG = b"\x0a\x0d\x0d\x0a"
_SHB, _IDB, _OPB, _SPB, _EPB = 0x0A0D0D0A, 1, 2, 3, 6


class FormatError(Exception):
    """The bytes are not a capture, or stop being one: the message is one line, without the path."""


class Interface:
    """Where frames come from: a link type, a snap length and how its timestamps count."""

    __slots__ = ("linktype", "snaplen", "scale", "offset", "link")

    def __init__(self, linktype: int, snaplen: int, scale: float = 1e-6, offset: int = 0) -> None:
        self.linktype, self.snaplen, self.scale, self.offset = linktype, snaplen, scale, offset
        self.link = None  # filled in by the reader: the link-layer decoder, or None when unsupported


class Stream:
    """A file (or FIFO) read in chunks; counts what was consumed for a progress bar."""

    __slots__ = ("f", "name", "size", "pos", "tee")

    def __init__(self, path, tee=None) -> None:
        self.name, self.tee = str(path), tee
        try:
            fd = _open(self.name)
        except OSError as e:
            raise FormatError(e.strerror or str(e)) from None
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # open() takes a folder for reading; read() would fail
            os.close(fd)
            raise FormatError("a folder, not a capture file")
        self.f = os.fdopen(fd, "rb", buffering=0)
        self.size = info.st_size if stat.S_ISREG(info.st_mode) else 0
        self.pos = 0

    @property
    def regular(self) -> bool:
        """A regular file (it can be read again); else a FIFO, a pipe or a device."""
        return stat.S_ISREG(os.fstat(self.f.fileno()).st_mode)

    def more(self, rest: bytes, want: int) -> bytes:
        """`rest` followed by more of the file, at least `want` bytes in all unless the file ends."""
        parts = [rest]
        have = len(rest)
        while have < want:
            data = self.f.read(max(CHUNK, want - have))
            if not data:
                break
            if self.tee is not None:
                self.tee.write(data)
            parts.append(data)
            have += len(data)
            self.pos += len(data)
        return b"".join(parts) if len(parts) > 1 else rest

    def close(self) -> None:
        self.f.close()


def _open(path: str) -> int:
    """Open for reading; a FIFO without waiting forever for its writer (see `FIFO_WAIT`)."""
    try:
        is_fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        is_fifo = False
    if not is_fifo:
        return os.open(path, os.O_RDONLY)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO's open() blocks until a writer comes
    try:
        wait = float(os.environ.get("TCPTUI_FIFO_WAIT", FIFO_WAIT))
    except ValueError:
        wait = FIFO_WAIT
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(max(0.0, wait) * 1000):
        os.close(fd)
        raise OSError(0, f"a FIFO nothing was written to within {wait:g} s (no writer?)")
    os.set_blocking(fd, True)  # a writer is there: from now on wait for its packets like any reader
    return fd


def records(stream: Stream, links: dict):
    """Yield (timestamp in s, Interface, frame bytes) for every frame; FormatError where the file
    is not a capture or breaks. `links` maps a link type to its decoder (Interface.link; None
    when unsupported). The first value yielded is the list of interfaces, which grows as a pcapng
    file describes more (pcap: its one interface), once the file's header has been read."""
    head = stream.more(b"", 28)
    if len(head) < 4:
        raise FormatError("empty or not a capture file")
    if head[:4] == _PCAPNG:
        yield from _pcapng(stream, head, links)
    else:
        yield from _pcap(stream, head, links)


def _pcap(stream: Stream, buf: bytes, links: dict):
    magic = struct.unpack_from("<I", buf)[0]
    if magic not in _PCAP_MAGIC:
        raise FormatError("not a pcap or pcapng capture (unknown magic number)")
    order, scale, size = _PCAP_MAGIC[magic]
    if len(buf) < 24:
        raise FormatError("cut short in the file header")
    _, _, _, _, snaplen, linktype = struct.unpack_from(order + "HHiIII", buf, 4)
    iface = Interface(linktype & LINKTYPE_MASK, snaplen, scale)
    iface.link = links.get(iface.linktype)
    interfaces = [iface]
    yield interfaces
    unpack = struct.Struct(order + "IIII").unpack_from
    pos, frame = 24, 0
    end = len(buf)
    while True:
        if end - pos < size:
            buf = stream.more(buf[pos:], size)
            pos, end = 0, len(buf)
            if end == 0:
                return
            if end < size:
                raise FormatError(f"cut short in the record header of frame {frame + 1}")
        sec, frac, caplen, origlen = unpack(buf, pos)
        frame += 1
        if caplen > MAX_SNAPLEN or not caplen:
            raise FormatError(_bad_length(frame, caplen))
        start = pos + size
        pos = start + caplen
        if pos > end:
            buf = stream.more(buf[start:], caplen)
            start, pos, end = 0, caplen, len(buf)
            if pos > end:
                raise FormatError(f"cut short in the middle of frame {frame}")
        yield sec + frac * scale, iface, buf[start:pos]


def _bad_length(frame: int, length: int) -> str:
    if not length:
        return f"corrupt capture: frame {frame} holds 0 bytes"
    return f"corrupt capture: frame {frame} claims {length} bytes (no capture holds more than {MAX_SNAPLEN})"


def _pcapng(stream: Stream, buf: bytes, links: dict):
    if len(buf) < 12 or buf[8:12] not in (b"\x4d\x3c\x2b\x1a", b"\x1a\x2b\x3c\x4d"):
        raise FormatError("not a pcap or pcapng capture (a pcapng section header without its byte-order magic)")
    interfaces: list[Interface] = []
    yield interfaces
    pos, frame, order, last_ts = 0, 0, "<", 0.0
    end = len(buf)
    while True:
        if end - pos < 12:
            buf = stream.more(buf[pos:], 12)
            pos, end = 0, len(buf)
            if end == 0:
                return
            if end < 12:
                raise FormatError(f"cut short in a block header after frame {frame}")
        kind = struct.unpack_from(order + "I", buf, pos)[0]
        if kind == _SHB:
            magic = buf[pos + 8 : pos + 12]
            if magic == b"\x4d\x3c\x2b\x1a":
                order = "<"
            elif magic == b"\x1a\x2b\x3c\x4d":
                order = ">"
            else:
                raise FormatError(_where(frame, "a section header with an unknown byte-order magic"))
        total = struct.unpack_from(order + "I", buf, pos + 4)[0]
        if total < 12 or total % 4 or total > MAX_BLOCK:
            raise FormatError(_where(frame, f"a block claims {total} bytes"))
        if kind in (_EPB, _SPB, _OPB) and total > MAX_SNAPLEN + 64 + (1 << 16):
            raise FormatError(_bad_length(frame + 1, total))
        if end - pos < total:
            buf = stream.more(buf[pos:], total)
            pos, end = 0, len(buf)
            if end < total:
                raise FormatError(
                    f"cut short in the middle of frame {frame + 1}"
                    if kind in (_EPB, _SPB, _OPB)
                    else f"cut short in a block after frame {frame}"
                )
        if struct.unpack_from(order + "I", buf, pos + total - 4)[0] != total:
            raise FormatError(_where(frame, "a block's trailing length differs from its leading one"))
        body, stop = pos + 8, pos + total - 4
        pos += total
        if kind == _EPB or kind == _OPB:
            if stop - body < 20:
                raise FormatError(_where(frame, "a packet block too short for its header"))
            if kind == _EPB:
                index, high, low, caplen, origlen = struct.unpack_from(order + "IIIII", buf, body)
            else:
                index, _, high, low, caplen, origlen = struct.unpack_from(order + "HHIIII", buf, body)
            frame += 1
            if index >= len(interfaces):
                raise FormatError(f"corrupt capture: frame {frame} is on interface {index}, never described")
            if caplen > MAX_SNAPLEN or not caplen:
                raise FormatError(_bad_length(frame, caplen))
            if body + 20 + caplen > stop:
                raise FormatError(f"corrupt capture: frame {frame} claims more bytes than its block holds")
            iface = interfaces[index]
            last_ts = ((high << 32) | low) * iface.scale + iface.offset
            yield last_ts, iface, buf[body + 20 : body + 20 + caplen]
        elif kind == _SPB:
            frame += 1
            if not interfaces:
                raise FormatError(f"corrupt capture: frame {frame} comes before any interface is described")
            iface = interfaces[0]
            origlen = struct.unpack_from(order + "I", buf, body)[0]
            caplen = min(origlen, stop - body - 4, iface.snaplen or MAX_SNAPLEN)
            if caplen > MAX_SNAPLEN or not caplen:
                raise FormatError(_bad_length(frame, caplen))
            yield last_ts, iface, buf[body + 4 : body + 4 + caplen]  # a Simple Packet Block has no time
        elif kind == _IDB:
            if stop - body < 8:
                raise FormatError(_where(frame, "an interface description too short"))
            linktype, _, snaplen = struct.unpack_from(order + "HHI", buf, body)
            iface = Interface(linktype, snaplen)
            iface.link = links.get(linktype)
            _idb_options(iface, buf, body + 8, stop, order)
            interfaces.append(iface)
        elif kind == _SHB:
            major = struct.unpack_from(order + "H", buf, body + 4)[0] if stop - body >= 16 else 0
            if major != 1:
                raise FormatError(_where(frame, f"a section header of pcapng version {major}, not 1"))
            interfaces.clear()  # each section describes its own interfaces, numbered from 0
        # every other block (names, statistics, secrets, custom) is skipped


def _where(frame: int, what: str) -> str:
    return f"corrupt capture after frame {frame}: {what}"


def _idb_options(iface: Interface, buf: bytes, at: int, stop: int, order: str) -> None:
    """if_tsresol (9) and if_tsoffset (14); any other option, or a broken list, is ignored."""
    while at + 4 <= stop:
        code, length = struct.unpack_from(order + "HH", buf, at)
        value = at + 4
        if code == 0 or value + length > stop:
            return
        if code == 9 and length >= 1:
            resol = buf[value]
            exponent = resol & 0x7F
            iface.scale = (2.0 if resol & 0x80 else 10.0) ** -exponent if exponent < 64 else 1e-6
        elif code == 14 and length >= 8:
            iface.offset = struct.unpack_from(order + "q", buf, value)[0]
        at = value + length + (-length % 4)
