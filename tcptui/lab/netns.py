"""One private, anonymous network namespace: a Linux TCP stack of its own, reachable only through tcptui.

A namespace here is a thread. `Namespace` starts one worker thread that calls unshare(CLONE_NEWNET)
and stays in the new namespace for the lab's lifetime: everything that must happen *inside* —
writing /proc/sys/net, creating the TUN device, configuring it with pyroute2, creating sockets,
asking sock_diag — is submitted to that thread (`run`). Sockets and file descriptors keep the
namespace they were made in, so once made they are used from any thread.

The namespace has no name (nothing in /run/netns, no `ip netns add`): it lives exactly as long as
something refers to it — the worker thread, the TUN descriptor, the sockets. All of them belong to
this process, so when the process dies, even by SIGKILL, the kernel closes them and destroys the
namespace with its device and its connections. Nothing is created in the host's namespace.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
import threading
from concurrent.futures import ThreadPoolExecutor

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA  # _IOW('T', 202, int)
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
DEVICE = "tcptui0"
INET_DIAG_INFO = 2  # the tcp_info extension of sock_diag
_libc = None


def unshare_net() -> None:
    """Move the calling thread (only it) into a new, empty network namespace."""
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    if _libc.unshare(CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"unshare(CLONE_NEWNET): {os.strerror(err)}")


class Namespace:
    """A network namespace with one TUN device `tcptui0` whose packets only tcptui reads and writes.

    - address: this host's IPv4 address; peer: the other host's, routed through the TUN device
      with `route_metrics` (pyroute2 names: rto_min in ms, quickack).
    - sysctls: {"net.ipv4.tcp_timestamps": "0", …} written on start; `sysctl(name)` reads any.
    """

    def __init__(self, name: str, address: str, peer: str, sysctls: dict[str, str], route_metrics: dict) -> None:
        self.name, self.address, self.peer = name, address, peer
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"tcptui-lab-{name}")
        self._local = threading.local()
        self.tun = -1
        try:
            self.run(unshare_net)  # the pool's only thread: from now on it lives in the namespace
            self.tun = self.run(self._setup, sysctls, route_metrics)
        except BaseException:
            self.close()
            raise

    def run(self, fn, *args):
        """Call fn(*args) inside the namespace and return its result (or raise its error)."""
        return self.submit(fn, *args).result()

    def submit(self, fn, *args):
        """Start fn(*args) inside the namespace; a Future of its result (to ask both at once)."""
        return self._pool.submit(fn, *args)

    def diag_later(self):
        """`diag`, started: a Future of the rows."""
        return self._pool.submit(self._diag)

    def socket(self) -> socket.socket:
        """A new TCP socket of this namespace's stack."""
        return self.run(socket.socket, socket.AF_INET, socket.SOCK_STREAM)

    def sysctl(self, name: str) -> str | None:
        """The namespace's value of a sysctl (None if this kernel has no such setting)."""
        return self.run(_read_sysctl, name)

    def diag(self) -> tuple:
        """Every IPv4 TCP socket of this stack, as sock_diag reports it (pyroute2 messages)."""
        return self.run(self._diag)

    def close(self) -> None:
        """Close the device and the diag socket; the namespace goes when the last socket does."""
        if self.tun >= 0:
            os.close(self.tun)
            self.tun = -1
        try:
            self.run(self._close_diag)
        except RuntimeError:
            pass  # the pool is already shut down
        self._pool.shutdown(wait=True)

    # -- inside the namespace ---------------------------------------------------------------

    def _setup(self, sysctls: dict[str, str], route_metrics: dict) -> int:
        """Runs in the namespace: sysctls, the TUN device, its address and route, a diag socket."""
        from pyroute2 import DiagSocket, IPRoute

        for name, value in {"net.ipv6.conf.all.disable_ipv6": "1", **sysctls}.items():
            _write_sysctl(name, value)  # IPv6 off: no router solicitations on the wire
        tun = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", DEVICE.encode(), IFF_TUN | IFF_NO_PI))
            with IPRoute() as ipr:
                ipr.link("set", index=ipr.link_lookup(ifname="lo")[0], state="up")
                index = ipr.link_lookup(ifname=DEVICE)[0]
                ipr.addr("add", index=index, address=self.address, prefixlen=32)
                ipr.link("set", index=index, state="up")
                ipr.route("add", dst=self.peer, dst_len=32, oif=index, metrics=route_metrics)
            self._local.diag = DiagSocket()  # pyroute2 sockets belong to the thread that made them
            self._local.diag.bind()
        except BaseException:
            os.close(tun)
            raise
        return tun

    def _diag(self) -> tuple:
        return self._local.diag.get_sock_stats(family=socket.AF_INET, extensions=1 << (INET_DIAG_INFO - 1))

    def _close_diag(self) -> None:
        diag = getattr(self._local, "diag", None)
        if diag is not None:
            diag.close()
            self._local.diag = None


def _sysctl_path(name: str) -> str:
    return "/proc/sys/" + name.replace(".", "/")


def _write_sysctl(name: str, value: str) -> None:
    try:
        with open(_sysctl_path(name), "w") as f:
            f.write(str(value))
    except FileNotFoundError:
        raise ValueError(f"this kernel has no sysctl {name}") from None


def _read_sysctl(name: str) -> str | None:
    try:
        with open(_sysctl_path(name)) as f:
            return " ".join(f.read().split())
    except OSError:
        return None
