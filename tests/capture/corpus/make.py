"""Make the replay's corpus: real Linux TCP captured between two network namespaces.

Each scenario runs real kernel sockets — a client in namespace A (10.9.0.1), a server in
namespace B (10.9.0.2), each with a TUN interface, and a relay in this process that carries the
IP packets between them (no offloads: the capture shows the segments the wire carries) — while
tcpdump captures on the client's interface, headers only (snap length 128). The relay loses,
delays and reorders packets where a scenario asks (seeded; this kernel has no netem); a few
scenarios edit the capture afterwards (a gap cut out, one direction only), as real captures are
often incomplete. Every scenario is ordinary TCP, so a correct replay flags nothing in it but
what the scenario says is an anomaly (README.md beside this file lists each).

Needs root (network namespaces, tc, tcpdump). Run from the project's root:

    sudo .venv/bin/python tests/capture/corpus/make.py [--out DIR] [SCENARIO ...]

tests/capture/test_corpus.py replays the committed files, and makes fresh ones when it can.
"""

from __future__ import annotations

import argparse
import fcntl
import heapq
import os
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import textwrap
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "linux")
CLIENT, SERVER, SILENT = "10.9.0.1", "10.9.0.2", "10.9.0.3"
PORT = 5001
SNAPLEN = 128

# -- what each side runs (Python, inside its namespace) -------------------------------------------

_COMMON = """
import socket, struct, sys, time
SERVER, PORT = "10.9.0.2", 5001
def listener(backlog=8, **opts):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    for (level, name), value in opts.items():
        s.setsockopt(level, name, value)
    s.bind(("0.0.0.0", PORT)); s.listen(backlog)
    print("ready", flush=True)
    return s
def connect(port=PORT, host=SERVER):
    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(("10.9.0.1", 40001)); c.connect((host, port)); return c
def read_all(s):
    n = 0
    while True:
        data = s.recv(65536)
        if not data: return n
        n += len(data)
"""

SCENARIOS = {}


def scenario(
    name: str, doc: str, server, client: str, impair=None, one_side=None, edit=None, sysctls=None, at="client"
):
    """Register a scenario: the server's and the client's code, impairments per direction (Pair),
    a capture filter keeping one direction ('client'), an edit of the finished file, sysctls, and
    the interface captured on ('client' or 'server')."""
    SCENARIOS[name] = dict(
        doc=doc, server=server, client=client, impair=impair or {}, one_side=one_side, edit=edit, sysctls=sysctls, at=at
    )


scenario(
    "bulk-loss",
    "300 kB each way over a lossy path (3% client→server, 2% back, 5 ms delay): fast "
    "retransmits after duplicate ACKs, SACK, a timeout or two, then an orderly close.",
    """
s = listener(); c, _ = s.accept()
n = 0
while n < 300000:
    data = c.recv(65536); n += len(data)
c.sendall(b"r" * 300000); c.shutdown(socket.SHUT_WR); read_all(c); c.close()
""",
    """
c = connect(); c.sendall(b"q" * 300000)
n = 0
while n < 300000:
    n += len(c.recv(65536))
read_all(c); c.close()
""",
    impair={"client": {"delay": 0.005, "loss": 0.03}, "server": {"delay": 0.005, "loss": 0.02}},
)

scenario(
    "bulk-reorder",
    "200 kB from the client with 25% of its segments overtaken by the next one, captured at "
    "the server: out-of-order data held by the receiver, duplicate ACKs, fast retransmissions.",
    """
s = listener(); c, _ = s.accept(); read_all(c); c.sendall(b"ok"); c.close()
""",
    """
c = connect(); c.sendall(b"q" * 200000); c.shutdown(socket.SHUT_WR); read_all(c); c.close()
""",
    impair={"client": {"delay": 0.002, "reorder": 0.25}},
    at="server",
)

scenario(
    "keepalive",
    "A request and a reply, then 3.5 s idle with SO_KEEPALIVE, TCP_KEEPIDLE 1, TCP_KEEPINTVL "
    "1: keep-alive probes (SEQ = SND.NXT − 1) and their ACKs, then an orderly close.",
    """
s = listener(); c, _ = s.accept(); c.recv(100); c.sendall(b"pong"); read_all(c); c.close()
""",
    """
c = connect()
c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
c.sendall(b"ping"); c.recv(100); time.sleep(3.5); c.close()
""",
)

scenario(
    "gap",
    "A 30 kB reply; the capture lost one of its segments (cut out of the file afterwards): "
    "what follows acknowledges bytes the capture never showed.",
    """
s = listener(); c, _ = s.accept(); c.recv(100); c.sendall(b"r" * 30000); c.close()
""",
    """
c = connect(); c.sendall(b"GET"); read_all(c); c.close()
""",
    edit="gap",
)

scenario(
    "one-sided",
    "Three request/reply exchanges and a close, captured in one direction only (tcpdump "
    "filter `src host 10.9.0.1`): only the client's side was captured.",
    """
s = listener(); c, _ = s.accept()
for _ in range(3):
    c.recv(100); c.sendall(b"r" * 3000)
read_all(c); c.close()
""",
    """
c = connect()
for _ in range(3):
    c.sendall(b"q" * 50)
    n = 0
    while n < 3000: n += len(c.recv(65536))
c.close()
""",
    one_side="client",
)

scenario(
    "tfo",
    "TCP Fast Open (net.ipv4.tcp_fastopen=3): a first connection fetches a cookie, the second "
    "sends its request on the SYN (SND.NXT = ISS + 1 + N) and the server answers at once.",
    """
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 5); s.bind(("0.0.0.0", PORT)); s.listen(8)
print("ready", flush=True)
for _ in range(2):
    c, _ = s.accept(); c.recv(100); c.sendall(b"hello, fast"); c.close()
""",
    """
for port in (40001, 40002):
    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(("10.9.0.1", port))
    c.sendto(b"GET /fast", socket.MSG_FASTOPEN, (SERVER, PORT))
    c.recv(100); read_all(c); c.close(); time.sleep(0.2)
""",
    sysctls={"net.ipv4.tcp_fastopen": "3"},
)

scenario(
    "close-unread",
    "The server close()s with the client's request still unread: Linux sends RST+ACK at once "
    "(RFC 9293 §3.6.1, RFC 2525 §2.17, tcp_close()).",
    """
s = listener(); c, _ = s.accept(); time.sleep(0.3); c.close(); time.sleep(0.5)
""",
    """
c = connect(); c.sendall(b"x" * 1000); time.sleep(0.6)
try:
    c.recv(100)
except OSError:
    pass
c.close()
""",
)

scenario(
    "abort",
    "SO_LINGER {1, 0}: the client aborts after an exchange, once idle and once with its data "
    "still in flight: RST+ACK, no FIN.",
    """
s = listener()
for _ in range(2):
    c, _ = s.accept(); c.recv(100)
    try:
        c.sendall(b"r" * 100); read_all(c)
    except OSError:
        pass
    c.close()
""",
    """
for port, wait in ((40001, True), (40002, False)):
    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.bind(("10.9.0.1", port)); c.connect((SERVER, PORT)); c.sendall(b"q" * 50)
    if wait:
        c.recv(100)
    else:
        c.sendall(b"more" * 1000)
    c.close(); time.sleep(0.2)
""",
    impair={"client": {"delay": 0.002}},
)

scenario(
    "scan",
    "A connect() scan: closed ports of 10.9.0.2 answer RST+ACK; 10.9.0.3 answers nothing (its "
    "SYNs are retransmitted, then the scanner gives up and moves on).",
    None,
    """
import socket, time
for host, ports in (("10.9.0.3", (22, 80, 443)), ("10.9.0.2", (21, 22, 23, 25, 80))):
    for port in ports:
        c = socket.socket(); c.settimeout(1.5)
        try:
            c.connect((host, port))
        except OSError:
            pass
        c.close()
time.sleep(0.3)
""",
)

scenario(
    "zero-window",
    "The server reads nothing for 2 s with a small receive buffer: the window closes, the "
    "client sends zero-window probes, then the server reads and its window update reopens it.",
    """
s = listener(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
c, _ = s.accept(); time.sleep(2.0); read_all(c); c.close()
""",
    """
c = connect(); c.sendall(b"z" * 60000); c.shutdown(socket.SHUT_WR); read_all(c); c.close()
""",
)


# -- the machinery -------------------------------------------------------------------------------


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=check, capture_output=True, text=True)


TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000


class Pair:
    """Two namespaces joined by a relay in this process: each has a TUN interface (10.9.0.1 and
    10.9.0.2; no offloads, no ARP), and a thread carries IP packets between them, losing, delaying
    and reordering them as `impair` says per direction ("client": what the client sends), seeded.
    Packets to 10.9.0.3 go nowhere (a silent host). Everything is removed on exit."""

    def __init__(self, impair: dict, sysctls: dict | None = None, seed: int = 7) -> None:
        tag = uuid.uuid4().hex[:6]
        self.a, self.b = f"tcptui-c-{tag}", f"tcptui-s-{tag}"
        self.ifa, self.ifb = f"tc{tag}", f"ts{tag}"
        self.impair, self.sysctls, self.seed = impair, sysctls or {}, seed
        self.stop = threading.Event()

    def __enter__(self) -> Pair:
        sh("ip", "netns", "add", self.a)
        sh("ip", "netns", "add", self.b)
        self.fds = {}
        for ns, dev, addr in ((self.a, self.ifa, CLIENT), (self.b, self.ifb, SERVER)):
            fd = os.open("/dev/net/tun", os.O_RDWR)
            fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", dev.encode(), IFF_TUN | IFF_NO_PI))
            self.fds[dev] = fd
            sh("ip", "link", "set", dev, "netns", ns)
            sh("ip", "-n", ns, "addr", "add", f"{addr}/24", "dev", dev)
            sh("ip", "-n", ns, "link", "set", dev, "up", "mtu", "1500")
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            for key, value in self.sysctls.items():
                sh("ip", "netns", "exec", ns, "sysctl", "-q", "-w", f"{key}={value}")
        self.thread = threading.Thread(target=self._relay, daemon=True)
        self.thread.start()
        return self

    def _relay(self) -> None:
        rng = random.Random(self.seed)
        a, b = self.fds[self.ifa], self.fds[self.ifb]
        later: list = []  # (release time, n, fd, packet)
        held = {a: None, b: None}  # a packet held back to be reordered behind the next one
        n = 0
        while not self.stop.is_set():
            wait = max(0.0, later[0][0] - time.monotonic()) if later else 0.05
            ready, _, _ = select.select([a, b], [], [], min(wait, 0.05))
            for fd in ready:
                packet = os.read(fd, 65536)
                side = "client" if fd == a else "server"
                rules = self.impair.get(side, {})
                if packet[16:20] == bytes(map(int, SILENT.split("."))) or rng.random() < rules.get("loss", 0):
                    continue
                due = time.monotonic() + rules.get("delay", 0)
                out = b if fd == a else a
                if held[fd] is not None:
                    n += 1
                    heapq.heappush(later, (due, n, out, packet))
                    n += 1
                    heapq.heappush(later, (due, n, out, held[fd]))  # after the one that overtook it
                    held[fd] = None
                elif rng.random() < rules.get("reorder", 0):
                    held[fd] = packet
                    n += 1
                    heapq.heappush(later, (due + 0.05, n, "release", fd))
                else:
                    n += 1
                    heapq.heappush(later, (due, n, out, packet))
            now = time.monotonic()
            while later and later[0][0] <= now:
                _, _, out, packet = heapq.heappop(later)
                if out == "release":  # nothing overtook a held packet in time: let it go
                    fd = packet
                    if held[fd] is not None:
                        os.write(b if fd == a else a, held[fd])
                        held[fd] = None
                    continue
                os.write(out, packet)

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        sh("ip", "netns", "del", self.a, check=False)
        sh("ip", "netns", "del", self.b, check=False)
        for fd in self.fds.values():
            os.close(fd)


def python(ns: str, code: str) -> subprocess.Popen:
    program = _COMMON + textwrap.dedent(code)
    return subprocess.Popen(
        ["ip", "netns", "exec", ns, sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def make(name: str, out: str) -> str:
    """Run one scenario; returns the capture's path."""
    spec = SCENARIOS[name]
    path = os.path.join(out, f"{name}.pcap")
    with Pair(spec["impair"], spec["sysctls"]) as pair:
        expr = f"tcp and src host {CLIENT}" if spec["one_side"] == "client" else "tcp"
        capture_at = (
            [pair.a, "tcpdump", "-i", pair.ifa] if spec["at"] == "client" else [pair.b, "tcpdump", "-i", pair.ifb]
        )
        dump = subprocess.Popen(
            ["ip", "netns", "exec", *capture_at, "-s", str(SNAPLEN), "-U", "-w", path, expr],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.8)
        server = python(pair.b, spec["server"]) if spec["server"] else None
        if server is not None:
            assert server.stdout.readline().strip() == "ready", server.stderr.read()
        client = python(pair.a, spec["client"])
        try:
            _, err = client.communicate(timeout=60)
            assert client.returncode == 0, err
            if server is not None:
                _, err = server.communicate(timeout=30)
                assert server.returncode == 0, err
        finally:
            for proc in (client, server):
                if proc is not None and proc.poll() is None:
                    proc.kill()
            settle(path)
            dump.send_signal(signal.SIGINT)
            _, err = dump.communicate(timeout=10)
            counts = re.findall(r"(\d+) packets? (captured|received by filter|dropped by kernel)", err)
            numbers = {what: int(n) for n, what in counts}
            if numbers.get("dropped by kernel") or numbers.get("captured") != numbers.get("received by filter"):
                raise RuntimeError(f"{name}: tcpdump lost packets: {' '.join(err.split())}")
    if spec["edit"] == "gap":
        cut_gap(path)
    return path


def settle(path: str, quiet: float = 1.0) -> None:
    """Wait until tcpdump has written everything (the file stops growing for `quiet` s)."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        now = os.path.getsize(path) if os.path.exists(path) else 0
        if now != size:
            size, since = now, time.monotonic()


def cut_gap(path: str, nth: int = 6) -> None:
    """Remove the `nth` data segment the server sent (the capture missed it)."""
    with open(path, "rb") as f:
        data = f.read()
    order = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    link = struct.unpack_from(order + "I", data, 20)[0]
    skip = 14 if link == 1 else 0  # Ethernet, or raw IP (what tcpdump writes for a TUN interface)
    out, at, seen = [data[:24]], 24, 0
    while at + 16 <= len(data):
        caplen = struct.unpack_from(order + "I", data, at + 8)[0]
        record = data[at : at + 16 + caplen]
        frame = record[16:]
        ip = frame[skip:]
        tcp = ip[(ip[0] & 15) * 4 :]
        total = struct.unpack_from(">H", ip, 2)[0]
        payload = total - (ip[0] & 15) * 4 - (tcp[12] >> 4) * 4
        from_server = ip[12:16] == bytes(map(int, SERVER.split(".")))
        if from_server and payload > 0:
            seen += 1
            if seen == nth:
                at += 16 + caplen
                continue
        out.append(record)
        at += 16 + caplen
    with open(path, "wb") as f:
        f.write(b"".join(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=OUT)
    parser.add_argument("names", nargs="*", default=sorted(SCENARIOS))
    args = parser.parse_args()
    if os.geteuid() != 0 or not shutil.which("tcpdump"):
        sys.exit("make.py: needs root and tcpdump")
    for name in args.names:
        path = make(name, args.out)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
