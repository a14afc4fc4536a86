"""The wire: segments in flight between the two endpoints. It knows nothing of TCP.

The wire is a tuple of `InFlight`, oldest first. Any of them may be delivered next (the network
reorders), dropped (lost) or duplicated (a copy arrives later). Each carries the sender's ISS at
the time it was sent (`origin`), so that a late segment of an earlier connection on the same
ports can be recognised when a newer connection takes it for its own (§4.1 a).
"""

from __future__ import annotations

from collections import namedtuple

from .segment import Segment
from .states import Side


class InFlight(namedtuple("InFlight", "serial src segment origin")):
    """A segment on the wire: a serial number for the ladder, who sent it, the segment itself,
    and the sender's ISS when it was sent (None for a segment crafted outside any connection)."""

    __slots__ = ()

    @property
    def dst(self) -> Side:
        """The endpoint it travels to."""
        return self.src.peer


Wire = tuple  # tuple[InFlight, ...]


def put(
    wire: Wire, serial: int, src: Side, segments: tuple[Segment, ...] | list[Segment], origin: int | None
) -> tuple[Wire, tuple[InFlight, ...], int]:
    """Send segments: returns the new wire, the entries added, and the next serial number."""
    added = tuple([tuple.__new__(InFlight, (serial + i, src, seg, origin)) for i, seg in enumerate(segments)])
    return wire + added, added, serial + len(added)


def take(wire: Wire, index: int) -> tuple[InFlight, Wire]:
    """Remove the entry at `index` (to deliver or lose it)."""
    return wire[index], wire[:index] + wire[index + 1 :]


def copy(wire: Wire, index: int, serial: int) -> tuple[Wire, InFlight]:
    """Duplicate the entry at `index`: the copy travels behind everything now in flight."""
    twin = wire[index]._replace(serial=serial)
    return wire + (twin,), twin
