"""The lab: tcptui as the network between two real Linux TCP stacks, with the engine beside them.

`Lab` is a small object with methods that return values, so that a command prints them and a
Textual screen shows them: every move (`play`, or `call`, `deliver`, `drop`, `duplicate`,
`inject`, `fire`, `wait`, `accept`, `read`) returns a `Step` — the kernels' states after it, the
engine's, what the engine predicted the moving side would send, what the kernel sent, and the
differences. `watch(callback)` starts a thread that reports what the kernels do on their own while
the player thinks (a retransmission, TIME_WAIT ending) as Steps; a screen posts them as messages.

Timing. A delivery is a write() to the receiver's TUN device: the kernel processes the packet in
that very system call (tun_get_user → tun_rx_batched → netif_receive_skb, bottom halves off, then
TCP's reply through the device's queue) and its replies are queued on its own TUN device before
write() returns; delayed ACKs are off on the route (`quickack`); a socket call (connect, close, the
applications' recv and accept) sends what it sends within the call too. So after a move the lab
reads what is there and waits for nothing more (`quiet`, 0 s by default: 2 ms, phase 1's margin,
found no straggler in the suite's scenarios and cost two thirds of a delivery). What comes later
is a timer's: one about to fire belongs to the move (Linux re-sends a SYN 2 jiffies after answering
a bad ACK), and `_finish` waits for it. Retransmissions wait at least `rto_min` (1 s by default,
on the route; a SYN's first one comes after 1 s whatever it says), so the kernels do not
retransmit while a move is being made — but a player who thinks longer sees the kernel's timer
fire, as a kernel move.

The applications read what arrives and accept what connects on their own (`auto=True`), as the
engine's applications do: Linux answers a close() with unread data by RST (RFC 2525 §2.17), which
the engine's model of close() does not have.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import struct
import threading
import time
from collections import namedtuple

from ..capture.feed import Sent
from ..core.moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Flood, Reboot, Restart, Send
from ..core.world import remember
from ..numbers import describe
from ..text import ui
from ..core.profile import PROFILES, ProfileName
from ..core.segment import ACK, DEFAULT_WINDOW, PSH, SYN, Segment
from ..core.states import CLASSIC_CALLS, CLASSIC_TIMERS, Call, Side, State, Timer, Verdict
from ..core.validate import Kind, expected_segment
from .kernel import KernelView, view as kernel_view
from .differ import Difference
from .moves import Accept, Inject, Read, Wait
from .netns import Namespace
from .packets import Addresses, Wired, craft, payload, read
from .shadow import Shadow, view_state

CLIENT_ADDRESS = ("10.9.0.1", 40001)
SERVER_ADDRESS = ("10.9.0.2", 5001)
# Set in both namespaces. Timestamps off: the engine reasons with sequence numbers only, and with
# timestamps Linux also decides TIME_WAIT's SYNs and old segments by TSval (PAWS, RFC 7323/6191).
DEFAULT_SYSCTLS = {"net.ipv4.tcp_timestamps": "0"}
# Set in both namespaces where the kernel has them. Linux ≥ 6.x (net.ipv4.tcp_syn_linear_timeouts,
# default 4) re-sends a SYN four times 1 s apart before backing off; the engine models RFC 6298
# §5.5's classic doubling (1, 2, 4 … s: connect() fails after 127 s), as the notes teach it, so the
# lab asks the kernels for that (0: no linear timeouts).
OPTIONAL_SYSCTLS = {"net.ipv4.tcp_syn_linear_timeouts": "0"}
# Shown beside the states (the top bar): the settings that decide what the kernels do.
SHOWN_SYSCTLS = (
    "net.ipv4.tcp_timestamps",
    "net.ipv4.tcp_rfc1337",
    "net.ipv4.tcp_tw_reuse",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.tcp_syn_retries",
    "net.ipv4.tcp_syn_linear_timeouts",
    "net.ipv4.tcp_synack_retries",
    "net.ipv4.tcp_fin_timeout",
)
_RTAX_RTO_MIN = 13  # include/uapi/linux/rtnetlink.h
_LETTER = {Side.CLIENT: "x", Side.SERVER: "y"}
_SO_LINGER_ABORT = struct.pack("ii", 1, 0)
_TCP_STATE_CLOSE = 7
_STRAGGLERS = 1.0  # the longest a settle may take, however busy the kernels are
_IMMINENT_MS = 20  # a kernel timer this close to firing belongs to the move that armed it
_TIMER_GRAIN = 0.2  # sooner than this after the kernels were read, only an imminent timer can have ended a connection


class LabError(ValueError):
    """A move the lab cannot make (no such segment, a host crash): one line for the user, in the
    player's language with `text(lang)` (str() is English). `key`: a catalogue key (lab.error.*)
    and its facts, or the message itself (a move's parse error, which the core words)."""

    def __init__(self, key: str, **params) -> None:
        super().__init__(ui(key, "en", **params))
        self.key, self.params = key, params

    def text(self, lang: str = "en") -> str:
        return ui(self.key, lang, **self.params)


class Step(
    namedtuple(
        "Step",
        "n move source kernel engine predicted actual answer rule verdict differences auto time segment side "
        "reaction params",
        defaults=(None, None, ()),
    )
):
    """One move and what it did.

    - n: 1-based; move: the move in the engine's notation; source: "player", or "kernel" for
      what a kernel did on its own while time passed (a retransmission, TIME_WAIT ending).
    - kernel: {Side: KernelView} after the move; engine: {Side: State}, the engine's.
    - predicted: Segments the engine says the moving side sends now; actual: the Wired segments
      its kernel sent.
    - answer: for an application call, "ok" or the kernel's error (errno name); for a timer the
      kernel had not armed, "no timer"; else None.
    - rule, verdict: the engine's deciding rule id and verdict (for a delivery, the receiver's).
    - differences: one differ.Difference per disagreement between the kernel and the engine
      (empty: they agree).
    - auto: what the applications did on their own: ("server", "accept", 0), ("client", "read", 100).
    - time: seconds since the lab started; segment: the Wired a network move or an injection
      concerned (None for other moves).
    - side: the endpoint that acted (a call, a timer, the sender of a crafted segment) or received
      (a delivery); None for the network's other moves.
    - reaction, params: how the receiver took a delivered segment (the core's Reaction) and the
      facts of the engine's explanation (the core's params), as the sandbox's Outcome has them.
    """

    __slots__ = ()

    @property
    def agrees(self) -> bool:
        return not self.differences


class Lab:
    """Two network namespaces, one Linux TCP stack each, and tcptui as the wire between them."""

    def __init__(
        self,
        *,
        sysctls: dict[str, str] | None = None,
        rto_min_ms: int = 1000,
        quickack: bool = True,
        quiet: float = 0.0,
        auto: bool = True,
        max_wait: float = 180.0,
    ) -> None:
        self.ends = Addresses(CLIENT_ADDRESS, SERVER_ADDRESS)
        self.quiet, self.auto, self.max_wait = quiet, auto, max_wait
        wanted = {**DEFAULT_SYSCTLS, **(sysctls or {})}
        # rto_min is obeyed only when locked (tcp_rto_min(): dst_metric_locked), as `ip route …
        # rto_min lock 1s` sets it; quickack 1 turns delayed ACKs off, so replies leave at once.
        metrics = {"rto_min": int(rto_min_ms), "quickack": int(quickack), "lock": 1 << _RTAX_RTO_MIN}
        self.route = {"rto_min_ms": int(rto_min_ms), "quickack": bool(quickack)}
        self.hosts: dict[Side, Namespace] = {}
        self._lock = threading.RLock()
        self._watching: threading.Event | None = None  # (close() reads them if a namespace fails)
        try:
            for side in Side:
                me, peer = self.ends.of(side)[0], self.ends.of(side.peer)[0]
                optional = {k: v for k, v in OPTIONAL_SYSCTLS.items() if k not in wanted}
                self.hosts[side] = Namespace(side.value, me, peer, wanted, metrics, optional)
        except BaseException:
            self.close()
            raise
        read = self.hosts[Side.SERVER].sysctl
        shown = {name: read(name) for name in (*SHOWN_SYSCTLS, *wanted)}
        self.sysctls = {name: value for name, value in shown.items() if value is not None}  # (what this kernel has)
        profile = PROFILES[ProfileName.LINUX]
        sysctl = self.sysctls.get
        self.profile = profile.with_options(
            rfc1337=sysctl("net.ipv4.tcp_rfc1337") == "1",
            syncookies=sysctl("net.ipv4.tcp_syncookies", "1") != "0",
            abort_on_overflow=sysctl("net.ipv4.tcp_abort_on_overflow", "0") == "1",
        )._replace(  # the kernels' retry counts, so that the engine gives up when they do
            syn_retries=int(sysctl("net.ipv4.tcp_syn_retries", profile.syn_retries)),
            synack_retries=int(sysctl("net.ipv4.tcp_synack_retries", profile.synack_retries)),
        )
        self.shadow = Shadow(self.profile)
        self.wire: list[Wired] = []
        self.steps: list[Step] = []
        self.delivered: list[tuple[float, Wired]] = []  # (time, segment): what the network delivered
        self.captured: list[Wired] = []  # everything either kernel sent, in order
        self.ignored = 0  # packets on the devices that were not the 4-tuple's
        self.symbols: tuple = ()  # (iss, name): x, y, x' … as the notes write them
        self._judged: dict[int, Sent] = {}
        self._numbers = {side: [None, None, False] for side in Side}  # iss, irs, active
        self._listener: dict[Side, socket.socket | None] = dict.fromkeys(Side)
        self._conn: dict[Side, socket.socket | None] = dict.fromkeys(Side)
        self._serial = 1
        self._start = time.monotonic()
        self._observers: list = []
        self._read_at = self._start  # when the kernels' states were last read and compared (time.monotonic)

    # -- the public face ----------------------------------------------------------------------

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop watching, close every socket and both namespaces (they vanish with them). Under the
        lock: a poll of the watch thread still running finishes first, and one after finds no hosts
        (it would select on closed descriptors)."""
        if self._watching is not None:
            self._watching.set()
        with self._lock:
            for table in (getattr(self, "_conn", {}), getattr(self, "_listener", {})):
                for side, sock in list(table.items()):
                    if sock is not None:
                        sock.close()
                        table[side] = None
            for host in self.hosts.values():
                host.close()
            self.hosts = {}

    def kernel(self, side: Side) -> KernelView:
        """What `side`'s kernel says about its end of the 4-tuple now."""
        return self._view(side, self.hosts[side].diag())

    def kernels(self) -> dict[Side, KernelView]:
        """Both kernels' views."""
        views = {side: self._view(side, self.hosts[side].diag()) for side in Side}
        self._read_at = time.monotonic()
        return views

    def _view(self, side: Side, rows) -> KernelView:
        iss, irs, active = self._numbers[side]
        numbers = (iss, irs, active) if iss is not None else None
        return kernel_view(rows, self.ends.of(side), self.ends.of(side.peer), numbers)

    def engine(self, side: Side) -> State:
        """The engine's state for `side` now (as the kernel view names it)."""
        return view_state(self.shadow.endpoint(side))

    def describe(self, seg: Segment, src: Side | None = None, origin: int | None = None) -> str:
        """'SYN+ACK seq=y ack=x+1': numbers named after the ISSs, as the notes write them — the
        SEQ after its sender's (`src`, and `origin`: its ISS when it sent it), the ACK after its
        receiver's (tcptui.numbers)."""
        return describe(seg, self.symbols, True, src, origin)

    def describe_wired(self, item: Wired) -> str:
        """A segment on the wire, as `describe` writes it."""
        return describe(item.segment, self.symbols, True, item.src, item.origin)

    def clock(self) -> float:
        """Seconds since the lab started (the time of a Step is on this clock)."""
        return time.monotonic() - self._start

    def iss(self, side: Side) -> int | None:
        """The ISS of `side`'s current connection as seen on the wire (None before its first SYN)."""
        return self._numbers[side][0]

    def observe(self, callback) -> None:
        """Call `callback(step)` for every Step as it is recorded — on the thread that made it (the
        caller's, or the watch thread's), with the lab's lock held: the engine's endpoints and the
        wire are as the Step left them (tcptui.lab.game reads them there)."""
        self._observers.append(callback)

    def play(self, move) -> Step:
        """Make one move: a core move (tcptui.core.moves) or a lab move (tcptui.lab.moves).
        What the kernels did on their own since the last move is recorded first (kernel Steps)."""
        with self._lock:
            idle = time.monotonic() - self._read_at  # (the watch thread reads them ten times a second)
            self._kernel_moves(self._collect(quiet=0), states=idle > _TIMER_GRAIN)
            if isinstance(move, AppCall) and move.call not in CLASSIC_CALLS:
                raise LabError("lab.error.call", move=str(move))
            if isinstance(move, Fire) and move.timer not in CLASSIC_TIMERS:
                raise LabError("lab.error.keepalive", move=str(move))
            if isinstance(move, AppCall):
                return self.call(move.side, move.call, move.nbytes)
            if isinstance(move, Deliver):
                return self.deliver(move.index)
            if isinstance(move, Drop):
                return self.drop(move.index)
            if isinstance(move, Duplicate):
                return self.duplicate(move.index)
            if isinstance(move, Inject):
                try:
                    move = move.resolve(self.symbols)
                except ValueError as e:
                    raise LabError(str(e)) from None
            if isinstance(move, Send):
                return self.inject(move.side, move.flags, move.seq, move.ack, move.length)
            if isinstance(move, Fire):
                return self.fire(move.side, move.timer)
            if isinstance(move, Wait):
                return self.wait(move.seconds)
            if isinstance(move, Accept):
                return self.accept(move.side)
            if isinstance(move, Read):
                return self.read(move.side)
            if isinstance(move, (Crash, Restart, Reboot)):
                raise LabError("lab.error.crash", move=str(move))
            if isinstance(move, Flood):
                raise LabError("lab.error.flood", move=str(move))
            raise LabError("lab.error.unknown", move=str(move))

    def call(self, side: Side, call: Call, nbytes: int = 100) -> Step:
        """The application on `side` makes a real socket call; the engine makes the same call."""
        with self._lock:
            before = self.shadow.endpoint(side)
            answer = self._kernel_call(side, call, nbytes)
            raw = self._collect()
            mine = [item for item in raw if item[0] is side and SYN in item[1].flags]
            isn = mine[0][1].seq if mine else before.tcb.iss
            res = self.shadow.call(side, call, nbytes, isn)
            wired = self._take(raw, made_by=(side, res))
            move = str(AppCall(side, call, nbytes))
            diffs = []
            if (answer == "ok") is (res.verdict is Verdict.ILLEGAL):
                engine = "refuses" if res.verdict is Verdict.ILLEGAL else "accepts"
                diffs.append(Difference("call", side, call.value, answer, engine, res.rule))
            return self._finish(move, side, res.sent, wired, answer, res.rule, res.verdict, diffs, params=res.params)

    def deliver(self, index: int) -> Step:
        """The network delivers the held segment at `index` (0 = oldest) to its receiver."""
        with self._lock:
            item = self._take_from_wire(index, "deliver")
            receiver = item.dst
            os.write(self.hosts[receiver].tun, item.raw)
            self.delivered.append((time.time(), item))
            if SYN in item.segment.flags:
                self._numbers[receiver][1] = item.segment.seq
            raw = self._collect()
            synack = next((s for src, s, *_ in raw if src is receiver and s.flags == SYN | ACK), None)
            isn = synack.seq if synack is not None else None
            record = self.shadow.arrived(item.src, item.segment, self._judged[item.serial], isn)
            predicted = record.owed
            wired = self._take(raw)
            move = f"deliver {index + 1}"
            return self._finish(
                move, receiver, predicted, wired, None, record.rule, None, [], segment=item,
                reaction=record.reaction, params=record.params,
            )  # fmt: skip

    def drop(self, index: int) -> Step:
        """The network loses the held segment at `index`."""
        with self._lock:
            item = self._take_from_wire(index, "drop")
            wired = self._take(self._collect())
            return self._finish(f"drop {index + 1}", None, (), wired, None, "net.drop", None, [], segment=item)

    def duplicate(self, index: int) -> Step:
        """The network copies the held segment at `index`; the copy waits behind the others."""
        with self._lock:
            if not 0 <= index < len(self.wire):
                raise self._no_such(index, "duplicate")
            item = self.wire[index]
            twin = item._replace(serial=self._next_serial())
            self._judged[twin.serial] = self._judged[item.serial]
            self.wire.append(twin)
            move = f"duplicate {index + 1}"
            return self._finish(move, None, (), (), None, "net.duplicate", None, [], segment=twin)

    def crafted(self, side: Side, flags, length: int = 0, seq: int | None = None, ack: int | None = None) -> Segment:
        """The segment `inject` would put on the wire: numbers left None are the engine's for
        `side` now, as the sandbox fills them in (a play screen offers them for editing)."""
        ep = self.shadow.endpoint(side)
        want = expected_segment(ep, Kind.of(flags, length), self._numbers[side][0] or 0, length)
        seq = want.seq if seq is None else seq
        ack = (want.ack if ack is None else ack) if ACK in flags else 0
        return Segment(flags, seq, ack, length, DEFAULT_WINDOW)

    def inject(self, side: Side, flags, seq: int | None = None, ack: int | None = None, length: int = 0) -> Step:
        """A crafted segment, as if from `side` (its kernel knows nothing of it), goes on the wire."""
        with self._lock:
            seg = self.crafted(side, flags, length, seq, ack)
            seq, ack = seg.seq, seg.ack
            serial = self._next_serial()
            item = Wired(serial, side, seg, craft(side, seg, self.ends, serial), time.monotonic(), True)
            sent = self.shadow.crafted(side, seg)
            self._judged[serial] = sent
            self.wire.append(item)
            self.captured.append(item)
            move = str(Send(side, flags, seq, ack if ACK in flags else None, length))
            # The network (the player, as packetdrill does) put it there, not `side`'s TCP: not a send
            # to judge (no score), but what the engine predicts its receiver will do with it.
            res = self.shadow.foresee(side, seg)
            return self._finish(
                move, None, (), (), None, res.rule, Verdict.NEUTRAL, [], segment=item, side=side, params=res.params
            )

    def accept(self, side: Side) -> Step:
        """The application on `side` accepts a connection (the engine has no such call: it
        predicts nothing changes)."""
        with self._lock:
            answer = self._accept(side)
            return self._finish(f"{side.value} accept", side, (), self._take(self._collect()), answer, None, None, [])

    def read(self, side: Side) -> Step:
        """The application on `side` reads what has arrived (nothing changes for the engine)."""
        with self._lock:
            conn = self._conn[side]
            answer = "ok" if conn is not None else "EBADF"
            if conn is not None:
                answer = f"ok ({self._drain(conn)} bytes)"
            return self._finish(f"{side.value} read", side, (), self._take(self._collect()), answer, None, None, [])

    def wait(self, seconds: float) -> Step:
        """Let time pass: the kernels' timers run; what they do comes first, as kernel Steps."""
        with self._lock:
            self._pass_time(time.monotonic() + seconds)
            return self._finish(f"wait {seconds:g}", None, (), (), None, None, None, [])

    def fire(self, side: Side, timer: Timer) -> Step:
        """Wait until `side`'s kernel timer of this kind fires, then compare with the engine's."""
        with self._lock:
            view = self.kernel(side)
            armed = {
                Timer.RTO: view.timer == "on",
                Timer.TWO_MSL: view.state is State.TIME_WAIT,
                Timer.GIVE_UP: view.state.has_tcb and view.state is not State.TIME_WAIT,
            }[timer]
            answer, raw = "no timer", []
            if armed:
                answer = "ok"
                raw = self._await_timer(side, timer, view)
            res = self.shadow.retransmitted(side) if timer is Timer.RTO and raw else self.shadow.fire(side, timer)
            wired = self._take(raw, made_by=(side, res))
            diffs = []
            if armed is (res.verdict is Verdict.ILLEGAL):
                engine = "no-timer" if res.verdict is Verdict.ILLEGAL else "fires"
                diffs.append(Difference("timer", side, timer.value, answer, engine, res.rule))
            move = str(Fire(side, timer))
            return self._finish(move, side, res.sent, wired, answer, res.rule, res.verdict, diffs, params=res.params)

    def poll(self) -> list[Step]:
        """What the kernels did on their own since the last move (no waiting): kernel Steps."""
        with self._lock:
            if not self.hosts:  # closed
                return []
            before = len(self.steps)
            self._kernel_moves(self._collect(quiet=0))
            return self.steps[before:]

    def watch(self, callback, interval: float = 0.1) -> None:
        """Call `callback(step)` from a background thread for everything a kernel does on its own
        (a Textual screen passes a function that posts a message with `call_from_thread`)."""
        if self._watching is not None:
            return
        stop = self._watching = threading.Event()

        def loop() -> None:
            while not stop.wait(interval):
                for step in self.poll():
                    callback(step)

        threading.Thread(target=loop, name="tcptui-lab-watch", daemon=True).start()

    # -- the kernels' side of a move ----------------------------------------------------------

    def _kernel_call(self, side: Side, call: Call, nbytes: int) -> str:
        """Make the call on the real socket; "ok" or the errno's name."""
        try:
            if call is Call.LISTEN:
                listener = self._listener[side]
                if listener is None:
                    listener = self._listener[side] = self._bound(side)
                listener.listen(8)
            elif call is Call.CONNECT:
                conn = self._conn[side]
                if conn is None:
                    conn = self._bound(side)
                    conn.setblocking(False)
                    self._conn[side] = conn
                code = conn.connect_ex(self.ends.of(side.peer))
                if code not in (0, errno.EINPROGRESS):
                    if conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] == _TCP_STATE_CLOSE:
                        conn.close()
                        self._conn[side] = None
                    return errno.errorcode.get(code, str(code))
            elif call is Call.SEND:
                self._conn_of(side).send(payload(nbytes), socket.MSG_NOSIGNAL | socket.MSG_DONTWAIT)
            elif call is Call.SHUTDOWN:
                self._conn_of(side).shutdown(socket.SHUT_WR)
            elif call in (Call.CLOSE, Call.ABORT):
                closing = self._conn[side] or self._listener[side]
                if closing is None:
                    return "EBADF"
                if call is Call.ABORT:
                    closing.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _SO_LINGER_ABORT)
                elif self.auto and closing is self._conn[side]:
                    self._drain(closing)
                closing.close()
                if closing is self._conn[side]:
                    self._conn[side] = None
                else:
                    self._listener[side] = None
        except OSError as e:
            return errno.errorcode.get(e.errno, str(e)) if e.errno else str(e)
        return "ok"

    def _bound(self, side: Side) -> socket.socket:
        sock = self.hosts[side].socket()
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(self.ends.of(side))
        except OSError:
            sock.close()
            raise
        return sock

    def _conn_of(self, side: Side) -> socket.socket:
        conn = self._conn[side]
        if conn is None:
            raise OSError(errno.ENOTCONN, "no connection")
        return conn

    def _accept(self, side: Side) -> str:
        listener = self._listener[side]
        if listener is None:
            return "EINVAL"
        try:
            conn, _ = listener.accept()
        except BlockingIOError:
            return "EAGAIN"
        except OSError as e:
            return errno.errorcode.get(e.errno or 0, str(e))
        conn.setblocking(False)
        if (old := self._conn[side]) is not None:
            old.close()
        self._conn[side] = conn
        return "ok"

    @staticmethod
    def _drain(sock: socket.socket) -> int:
        total = 0
        while True:
            try:
                data = sock.recv(65536, socket.MSG_DONTWAIT)
            except (BlockingIOError, OSError):
                return total
            if not data:
                return total
            total += len(data)

    def _auto(self) -> list:
        """The applications accept what connected, read what arrived, and let go of a socket
        the kernel has closed (reset, or timed out) so that the next call opens a new one."""
        done = []
        for side in Side:
            listener = self._listener[side]
            if listener is not None and self._conn[side] is None:
                listener.setblocking(False)
                if self._accept(side) == "ok":
                    done.append((side.value, "accept", 0))
            conn = self._conn[side]
            if conn is None:
                continue
            got = self._drain(conn)
            if got:
                done.append((side.value, "read", got))
            if conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] == _TCP_STATE_CLOSE:
                conn.close()
                self._conn[side] = None
                done.append((side.value, "close", 0))
        return done

    # -- the wire -----------------------------------------------------------------------------

    def _collect(self, quiet: float | None = None) -> list:
        """Read what the kernels sent, until nothing more comes for `quiet` seconds.
        Returns (src, Segment, raw, time) for each packet of the 4-tuple, in capture order."""
        quiet = self.quiet if quiet is None else quiet
        fds = {self.hosts[side].tun: side for side in Side}
        out: list = []
        give_up = time.monotonic() + _STRAGGLERS
        while True:
            ready, _, _ = select.select(list(fds), [], [], quiet)
            if not ready:
                return out
            for fd in ready:
                while True:
                    try:
                        raw = os.read(fd, 65535)
                    except BlockingIOError:
                        break
                    parsed = read(raw, self.ends)
                    if parsed is None or parsed[0] is not fds[fd]:
                        self.ignored += 1
                        continue
                    out.append((parsed[0], parsed[1], raw, time.monotonic()))
            if time.monotonic() > give_up:
                return out

    def _take(self, raw: list, made_by=None) -> tuple[Wired, ...]:
        """Put captured packets on the wire, judged by the engine as sends. made_by: (side,
        Result) of an application call or timer, whose own segments are judged by it."""
        mover, expected = (made_by[0], list(made_by[1].sent)) if made_by else (None, [])
        out = []
        for src, seg, data, when in raw:
            serial = self._next_serial()
            if SYN in seg.flags:
                numbers = self._numbers[src]
                if ACK not in seg.flags and seg.seq != numbers[0]:
                    numbers[1] = None  # a new active open: the old connection's IRS is not this one's
                numbers[0], numbers[2] = seg.seq, ACK not in seg.flags
                self.symbols = remember(self.symbols, seg.seq, _LETTER[src])
            item = Wired(serial, src, seg, data, when, False, self._numbers[src][0])
            match = next((e for e in expected if _key(e) == _key(seg)), None) if src is mover else None
            if match is not None:
                expected.remove(match)  # the call's (or timer's) own segment: judged by it
                self._judged[serial] = Sent(made_by[1], "plain", None)
            else:
                self._judged[serial] = self.shadow.sent(src, seg)
            self.wire.append(item)
            self.captured.append(item)
            out.append(item)
        return tuple(out)

    def _take_from_wire(self, index: int, verb: str) -> Wired:
        if not 0 <= index < len(self.wire):
            raise self._no_such(index, verb)
        return self.wire.pop(index)

    def _no_such(self, index: int, verb: str) -> LabError:
        held = len(self.wire)
        key = "lab.error.no-such-segment" if held != 1 else "lab.error.no-such-segment-1"
        return LabError(key, move=f"{verb} {index + 1}", held=held)

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial - 1

    # -- time ---------------------------------------------------------------------------------

    def _pass_time(self, until: float) -> None:
        """Sleep until `until`, turning what the kernels do meanwhile into kernel Steps."""
        while True:
            left = until - time.monotonic()
            if left <= 0:
                break
            raw = self._collect(quiet=min(left, 0.05))
            if raw:
                self._kernel_moves(raw)
        self._kernel_moves(self._collect(quiet=0))

    def _await_timer(self, side: Side, timer: Timer, view) -> list:
        """Wait for `side`'s timer: until its kernel retransmits (RTO: returns what it sent, not
        yet taken) or its connection ends (what the kernels sent meanwhile are kernel Steps)."""
        deadline = time.monotonic() + min(self.max_wait, view.expires_ms / 1000 + 1.0)
        if timer is Timer.GIVE_UP:
            deadline = time.monotonic() + self.max_wait
        while time.monotonic() < deadline:
            raw = self._collect(quiet=0.05)
            mine = [r for r in raw if r[0] is side]
            if timer is Timer.RTO and mine:
                self._kernel_moves([r for r in raw if r[0] is not side], states=False)
                return mine
            if raw:
                self._kernel_moves(raw, states=False)
            if timer is not Timer.RTO and not self.kernel(side).state.has_tcb:
                return []
        return []

    def _kernel_moves(self, raw: list, states: bool = True) -> None:
        """What a kernel did on its own, as the engine's moves: each segment a timer sent is that
        side's `timer rto`; a connection that vanished since the last Step is `timer 2msl` (from
        TIME_WAIT) or `timer give-up`."""
        for item in raw:
            side = item[0]
            res = self.shadow.retransmitted(side)
            wired = self._take([item], made_by=(side, res))
            move = str(Fire(side, Timer.RTO))
            self._finish(move, side, res.sent, wired, "ok", res.rule, res.verdict, [], "kernel", params=res.params)
        views = self.kernels() if states and self.steps else {}
        for side, view in views.items():
            engine, was = self.engine(side), self.steps[-1].kernel[side].state
            if not engine.has_tcb or not was.has_tcb or view.state.has_tcb:
                continue  # only a connection that was there and has gone on its own
            timer = Timer.TWO_MSL if engine is State.TIME_WAIT else Timer.GIVE_UP
            res = self.shadow.fire(side, timer)
            move = str(Fire(side, timer))
            self._finish(move, side, res.sent, (), "ok", res.rule, res.verdict, [], "kernel", params=res.params)

    # -- the record ---------------------------------------------------------------------------

    def _finish(
        self, move, mover, predicted, actual, answer, rule, verdict, diffs, source="player", segment=None,
        side=None, reaction=None, params=(),
    ) -> Step:  # fmt: skip
        """Let the applications act, read both kernels, compare with the engine, record the Step
        (mover: whose sends are compared with `predicted`; side: the Step's side, the mover's by
        default) and tell the observers."""
        auto = []
        if self.auto:
            auto = self._auto()
            if auto:
                actual = tuple(actual) + self._take(self._collect())
        views = self.kernels()
        for _ in range(3):  # a timer about to fire belongs to this move (Linux re-sends a SYN 2 jiffies
            soon = [v.expires_ms for v in views.values() if v.timer == "on" and v.expires_ms <= _IMMINENT_MS]
            if soon:  # after answering a bad ACK with RST: TCP_TIMEOUT_MIN, not at once) …
                time.sleep(min(soon) / 1000)
            late = self._collect(quiet=max(self.quiet, 0.002) if soon else 0)
            if not late and not soon:
                break  # … and what it sent while the kernels were being asked, too
            actual = tuple(actual) + self._take(late)
            views = self.kernels()
        engine = {end: self.engine(end) for end in Side}
        for end in Side:
            if views[end].state is not engine[end]:
                diffs.append(Difference("state", end, "", views[end].state, engine[end], None))
        if mover is not None:
            sent = [w for w in actual if w.src is mover]
            if sorted(_key(w.segment) for w in sent) != sorted(map(_key, predicted)):
                kernel = tuple(self.describe_wired(w) for w in sent)
                origin = self._numbers[mover][0]
                engine_sent = tuple(self.describe(seg, mover, origin) for seg in predicted)
                diffs.append(Difference("sends", mover, "", kernel, engine_sent, None))
        self.shadow.forgive()
        step = Step(
            len(self.steps) + 1, move, source, views, engine, tuple(predicted), tuple(actual), answer, rule,
            verdict, tuple(diffs), tuple(auto), round(time.monotonic() - self._start, 6), segment,
            mover if side is None else side, reaction, tuple(params),
        )  # fmt: skip
        self.steps.append(step)
        for observer in self._observers:
            observer(step)
        return step


def _key(seg: Segment) -> tuple:
    """What must agree between the engine's segment and the kernel's: the control bits (PSH
    aside: it is a hint to the receiver, not a state-machine matter), SEQ, ACK, and length."""
    return ((seg.flags & ~PSH).value, seg.seq, seg.ack, seg.length)
