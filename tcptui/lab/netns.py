"""One private, anonymous network namespace: a Linux TCP stack of its own, reachable only through tcptui.

A namespace here is a thread. `Namespace` starts one worker thread that calls unshare(CLONE_NEWNET)
and stays in the new namespace for the lab's lifetime: everything that must happen *inside* —
writing /proc/sys/net, creating the TUN device, configuring it with pyroute2, creating sockets —
is submitted to that thread (`run`). Sockets and file descriptors keep the namespace they were
made in, so once made they are used from any thread: the sock_diag socket too, a plain netlink
socket made inside and asked from the caller's thread (`diag`), its messages encoded and decoded
by pyroute2's sock_diag classes. (pyroute2's own DiagSocket opens its socket in the thread that
first uses it, so it must be asked on the namespace's thread: a hop each way, which on a busy
machine cost a delivery more than everything else together.)

The namespace has no name (nothing in /run/netns, no `ip netns add`): it lives exactly as long as
something refers to it — the worker thread, the TUN descriptor, the sockets. All of them belong to
this process, so when the process dies, even by SIGKILL, the kernel closes them and destroys the
namespace with its device and its connections. Nothing is created in the host's namespace.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import itertools
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
NETLINK_SOCK_DIAG = 4  # include/uapi/linux/netlink.h
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
      optional: written too where this kernel has them (an older kernel lacks some).
    """

    def __init__(
        self, name: str, address: str, peer: str, sysctls: dict[str, str], route_metrics: dict,
        optional: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.name, self.address, self.peer = name, address, peer
        self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"tcptui-lab-{name}")
        self._diag: socket.socket | None = None
        self._diag_lock = threading.Lock()
        self._sequence = itertools.count(1)
        self.tun = -1
        try:
            self.run(unshare_net)  # the pool's only thread: from now on it lives in the namespace
            self.tun = self.run(self._setup, sysctls, route_metrics, optional or {})
        except BaseException:
            self.close()
            raise

    def run(self, fn, *args):
        """Call fn(*args) inside the namespace and return its result (or raise its error)."""
        return self.submit(fn, *args).result()

    def submit(self, fn, *args):
        """Start fn(*args) inside the namespace; a Future of its result (to ask both at once)."""
        return self._pool.submit(fn, *args)

    def socket(self) -> socket.socket:
        """A new TCP socket of this namespace's stack."""
        return self.run(socket.socket, socket.AF_INET, socket.SOCK_STREAM)

    def sysctl(self, name: str) -> str | None:
        """The namespace's value of a sysctl (None if this kernel has no such setting)."""
        return self.run(_read_sysctl, name)

    def diag(self) -> tuple:
        """Every IPv4 TCP socket of this stack with its tcp_info, as sock_diag reports it (pyroute2
        messages), asked from the calling thread."""
        from pyroute2.netlink import NLM_F_MATCH, NLM_F_REQUEST, NLM_F_ROOT, NLMSG_DONE
        from pyroute2.netlink.diag import SOCK_DIAG_BY_FAMILY, SS_ALL, MarshalDiag, inet_diag_req

        request = inet_diag_req()
        request["header"]["type"] = SOCK_DIAG_BY_FAMILY
        request["header"]["flags"] = NLM_F_REQUEST | NLM_F_ROOT | NLM_F_MATCH
        request["sdiag_family"], request["sdiag_protocol"] = socket.AF_INET, socket.IPPROTO_TCP
        request["idiag_states"], request["idiag_ext"] = SS_ALL, 1 << (INET_DIAG_INFO - 1)
        rows: list = []
        with self._diag_lock:
            if self._diag is None:
                raise OSError("the namespace is closed")
            request["header"]["sequence_number"] = next(self._sequence)
            request.encode()
            self._diag.send(request.data)
            marshal = MarshalDiag()
            while True:
                for message in marshal.parse(self._diag.recv(1 << 16)):
                    error = message["header"].get("error")
                    if error is not None:  # the kernel refused the request (pyroute2 decodes the errno)
                        raise OSError(getattr(error, "code", 0) or errno.EIO, f"sock_diag: {error}")
                    if message["header"]["type"] == NLMSG_DONE:
                        return tuple(rows)
                    rows.append(message)

    def close(self) -> None:
        """Close the device and the diag socket; the namespace goes when the last socket does."""
        if self.tun >= 0:
            os.close(self.tun)
            self.tun = -1
        with self._diag_lock:
            if self._diag is not None:
                self._diag.close()
                self._diag = None
        self._pool.shutdown(wait=True)

    # -- inside the namespace ---------------------------------------------------------------

    def _setup(self, sysctls: dict[str, str], route_metrics: dict, optional: dict[str, str]) -> int:
        """Runs in the namespace: sysctls, the TUN device, its address and route, a diag socket."""
        from pyroute2 import IPRoute

        for name, value in {"net.ipv6.conf.all.disable_ipv6": "1", **sysctls}.items():
            _write_sysctl(name, value)  # IPv6 off: no router solicitations on the wire
        for name, value in optional.items():
            if os.path.exists(_sysctl_path(name)):
                _write_sysctl(name, value)
        tun = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", DEVICE.encode(), IFF_TUN | IFF_NO_PI))
            with IPRoute() as ipr:
                ipr.link("set", index=ipr.link_lookup(ifname="lo")[0], state="up")
                index = ipr.link_lookup(ifname=DEVICE)[0]
                ipr.addr("add", index=index, address=self.address, prefixlen=32)
                ipr.link("set", index=index, state="up")
                ipr.route("add", dst=self.peer, dst_len=32, oif=index, metrics=route_metrics)
            self._diag = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW | socket.SOCK_CLOEXEC, NETLINK_SOCK_DIAG)
            self._diag.bind((0, 0))
        except BaseException:
            os.close(tun)
            raise
        return tun


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
