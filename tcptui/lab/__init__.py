"""The lab: tcptui as the network between two real Linux TCP stacks, with the engine beside them.

Design. Each endpoint is a real Linux TCP stack in a private, anonymous network namespace
(netns.py): a worker thread calls unshare(CLONE_NEWNET) and stays there, so the namespace has no
name and lives only as long as this process holds its descriptors — after a crash, even
`kill -9`, the kernel destroys both namespaces with their devices and connections, and nothing
was ever created in the host's namespace. In each namespace one TUN device `tcptui0` carries the
route to the other host (10.9.0.1:40001 is the client, 10.9.0.2:5001 the server), and only
tcptui reads and writes it: every segment a kernel sends is read from its device and held;
delivering it is writing the same bytes into the other device (packets.py). Two namespaces
rather than one with two devices: in one namespace both addresses would be local and the kernel
would route between them over loopback, never through tcptui.

A TUN device rather than a veth pair bridged with raw sockets: a TUN device hands over whole IP
packets as they leave the stack (checksums complete, no ARP, no link layer), and what tcptui
writes enters the stack as if it came from the network, synchronously, in the write() itself.

Beside every kernel move, the engine's prediction (shadow.py) built on the capture feeder; the
session (session.py: `Lab`) records both and their differences as `Step`s; export.py writes a
session as JSON Lines, a pcap, a moves file and a packetdrill script. This package is an IO
adapter beside the sans-IO core: the core never imports it.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "Lab": "session",
    "LabError": "session",
    "Step": "session",
    "KernelView": "kernel",
    "parse_lab_move": "moves",
    "parse_lab_moves": "moves",
    "unavailable": "support",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
