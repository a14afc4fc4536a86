"""A lab session written down: a JSON Lines report, a pcap, a moves file, a packetdrill script.

- The report: one object per Step (the kernels' states beside the engine's, what each predicted
  and sent, the differences), after a first object describing the session (sysctls, route).
- The pcap: the real packets, as the network delivered them (a segment lost never appears, a
  duplicated one appears each time), with their delivery times — the convention of tcptui's
  captures, so `tcptui replay` reads the states back.
- The moves file: the session in the engine's notation for `tcptui export` and the sandbox
  (--profile linux). Crafted numbers are rewritten from the kernels' ISNs to the sandbox's (x, y
  of `World.new(seed=…)`); a kernel's own timer becomes `timer rto|2msl|give-up`; lab-only moves
  stay as comments. It replays exactly where the engine agrees with the kernel (the report says
  where it does not).
- The packetdrill script: one kernel's part (packetdrill tests one stack and plays the other
  side): its socket calls, the segments delivered to it as inbound packets, everything it sent
  as expected outbound packets, numbers relative to the ISNs as packetdrill writes them.
"""

from __future__ import annotations

import json
import re

from ..core.moves import Send, parse_move
from ..numbers import symbolic
from ..core.segment import ACK, FIN, PSH, RST, SYN, Segment, seq_add, seq_sub
from ..core.states import Side
from ..core.world import isn_for

_MAC = {Side.CLIENT: b"\x02\x00\x00\x00\x00\x01", Side.SERVER: b"\x02\x00\x00\x00\x00\x02"}
_ETHERTYPE_IPV4 = b"\x08\x00"
_NAME = re.compile(r"^([xy])('*|\d+)?([+-]\d+)?$")


def report(lab) -> list[dict]:
    """The session as JSON-ready objects: the session first, then one per Step."""
    head = {
        "kind": "session",
        "client": "{}:{}".format(*lab.ends.client),
        "server": "{}:{}".format(*lab.ends.server),
        "sysctls": lab.sysctls,
        "route": lab.route,
        "profile": lab.profile.name.value,
        "steps": len(lab.steps),
        "differences": sum(1 for step in lab.steps if step.differences),
    }
    return [head] + [step_record(lab, step) for step in lab.steps]


def step_record(lab, step) -> dict:
    def segment(seg: Segment, text: str) -> dict:
        return {"flags": seg.flags.letters, "seq": seg.seq, "ack": seg.ack, "len": seg.length, "text": text}

    sides = {}
    for side in Side:
        view = step.kernel[side]
        sides[side.value] = {
            "kernel": {
                "state": view.state.value,
                "listening": view.listening,
                "timer": view.timer,
                "expires_ms": view.expires_ms,
                "retrans": view.retrans,
                "snd_una": view.snd_una,
                "snd_nxt": view.snd_nxt,
                "rcv_nxt": view.rcv_nxt,
                "rto_ms": view.rto_ms,
            },
            "engine": step.engine[side].value,
        }
    return {
        "kind": "step",
        "n": step.n,
        "move": step.move,
        "source": step.source,
        "time": step.time,
        **sides,
        "answer": step.answer,
        "rule": step.rule,
        "verdict": step.verdict.value if step.verdict is not None else None,
        "predicted": [segment(seg, lab.describe(seg, step.side)) for seg in step.predicted],
        "actual": [dict(segment(w.segment, lab.describe_wired(w)), src=w.src.value) for w in step.actual],
        "auto": [list(item) for item in step.auto],
        "agree": step.agrees,
        "differences": [str(difference) for difference in step.differences],
    }


def write_report(lab, path) -> int:
    """Write the report as JSON Lines; returns the number of Steps."""
    lines = report(lab)
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(lines) - 1


def write_pcap(lab, path) -> int:
    """The delivered packets (real bytes, behind an Ethernet header) at their delivery times."""
    from dpkt import pcap

    with open(path, "wb") as f:
        writer = pcap.Writer(f, snaplen=65535, linktype=pcap.DLT_EN10MB)
        for when, item in lab.delivered:
            writer.writepkt(_MAC[item.dst] + _MAC[item.src] + _ETHERTYPE_IPV4 + item.raw, ts=when)
    return len(lab.delivered)


def moves_text(lab, seed: int = 0) -> str:
    """The session as a moves file for `tcptui export --profile linux` and the sandbox."""
    lines = [
        "# A tcptui lab session, in the engine's notation (tcptui/core/moves.py).",
        f"# Replay: tcptui export --profile linux --seed {seed} THIS_FILE -o session.pcap",
        f"# Numbers are the sandbox's (seed {seed}); the kernels' own timers are written as timer moves.",
    ]
    for step in lab.steps:
        move = step.move
        if move.startswith("wait ") or move.endswith((" accept", " read")):
            lines.append(f"# {move}  (lab only: the sandbox has no clock and no accept/read)")
            continue
        parsed = parse_move(move)
        if isinstance(parsed, Send):
            parsed = Send(
                parsed.side,
                parsed.flags,
                _sandbox_number(parsed.seq, lab.symbols, seed),
                None if parsed.ack is None else _sandbox_number(parsed.ack, lab.symbols, seed),
                parsed.length,
            )
        note = "  # the kernel, on its own" if step.source == "kernel" else ""
        lines.append(f"{parsed}{note}")
    return "\n".join(lines) + "\n"


def _sandbox_number(value: int | None, symbols: tuple, seed: int) -> int | None:
    """A kernel's number (near one of its ISSs) as the same distance from the sandbox's ISS."""
    if value is None:
        return None
    parts = _NAME.match(symbolic(value, symbols))
    if parts is None:
        return value  # far from every ISS: kept as it is
    letter, marks, offset = parts.groups()
    index = int(marks) if marks and marks.isdigit() else len(marks or "")
    side = Side.CLIENT if letter == "x" else Side.SERVER
    return seq_add(isn_for(seed, side, index), int(offset or 0))


def write_moves(lab, path, seed: int = 0) -> int:
    """Write the moves file; returns the number of Steps."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(moves_text(lab, seed))
    return len(lab.steps)


# -- packetdrill ---------------------------------------------------------------------------------


def packetdrill_script(lab, side: Side) -> str:
    """`side`'s kernel as packetdrill tests it: its calls, what reached it, what it sent."""
    return _Script(lab, side).text()


def write_packetdrill(lab, path, side: Side) -> int:
    """Write the script; returns the number of lines that are events (calls and packets)."""
    text = packetdrill_script(lab, side)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return sum(1 for line in text.splitlines() if line and not line.startswith(("//", "`")))


_SYSCALLS = {
    "listen": ("socket", "setsockopt", "bind", "listen"),
    "connect": ("socket", "setsockopt", "bind", "fcntl", "connect"),
}


class _Script:
    """Builds one script line by line; fds as the kernel numbers them (lowest free from 3)."""

    def __init__(self, lab, side: Side) -> None:
        self.lab, self.me = lab, side
        self.lines: list[str] = []
        self.fds: dict[str, int] = {}  # "listener", "conn" → script fd
        self.local_iss: int | None = None
        self.remote_base: int | None = None
        self.last_time: float | None = None

    def text(self) -> str:
        lab, me = self.lab, self.me
        head = [
            f"// The {me.value}'s kernel in a tcptui lab session, as a packetdrill script.",
            "// Run as root in a network namespace of its own: unshare -n packetdrill THIS_FILE",
            f"// packetdrill plays the {me.peer.value}; numbers are relative to the ISNs, as packetdrill writes them.",
        ]
        settings = " ".join(f"{name}={value}" for name, value in lab.sysctls.items() if value is not None)
        head.append(f"`sysctl -q {settings}`")
        for step in lab.steps:
            self._step(step)
        return "\n".join(head + [""] + self.lines) + "\n"

    def _emit(self, step, text: str, late: float = 0.0) -> None:
        """One event line. Player moves come at once (+0); a packet the kernel sent `late`
        seconds after the one before it (a timer: Linux re-sends a SYN 2 jiffies after answering
        a bad ACK) gets a time range around that delay, as packetdrill's own scripts write it."""
        if self.last_time is None:
            stamp = "0"
        elif step.source == "kernel":
            gap = max(step.time - self.last_time, 0)
            stamp = f"+{gap * 0.5:.3f}~+{gap * 1.5 + 0.05:.3f}"
        elif late > 0.003:
            stamp = f"+0~+{late * 3 + 0.05:.3f}"
        else:
            stamp = "+0"
        self.last_time = step.time
        self.lines.append(f"{stamp:>7} {text}")

    def _step(self, step) -> None:
        me = self.me
        words = step.move.split()
        if words[0] == me.value and step.source == "player" and len(words) >= 2 and words[1] != "sends":
            self._call(step, words[1], words[2] if len(words) > 2 else None)
        if words[0] == "deliver" and step.segment is not None and step.segment.dst is me:
            self._packet(step, "<", step.segment.segment)
        before = None
        for item in step.actual:
            if item.src is me and not item.crafted:
                if item.segment.flags == SYN | ACK and self.local_iss is not None and me is Side.SERVER:
                    self.lines.append("// a second passive open: packetdrill maps one ISN per socket, so the")
                    self.lines.append("// numbers of this connection's segments are the kernel's, not relative")
                late = item.time - before if before is not None else 0.0
                self._packet(step, ">", item.segment, late)
            before = item.time
        for side, action, value in step.auto:
            if side == me.value:
                self._auto(step, action, value)

    def _call(self, step, verb: str, arg: str | None) -> None:
        if step.answer is not None and not step.answer.startswith("ok"):
            self.lines.append(f"// {step.move}: the kernel answered {step.answer}")
            return
        if verb == "listen":
            fd = self.fds["listener"] = self._new_fd()
            self._open(step, fd)
            self._emit(step, f"listen({fd}, 8) = 0")
        elif verb == "connect":
            fd = self.fds["conn"] = self._new_fd()
            self._open(step, fd)
            self._emit(step, f"fcntl({fd}, F_SETFL, O_RDWR|O_NONBLOCK) = 0")
            self._emit(step, f"connect({fd}, ..., ...) = -1 EINPROGRESS (Operation now in progress)")
        elif verb == "send-data":
            self._emit(step, f"write({self.fds['conn']}, ..., {arg}) = {arg}")
        elif verb == "shutdown":
            self._emit(step, f"shutdown({self.fds['conn']}, SHUT_WR) = 0")
        elif verb in ("close", "abort"):
            key = "conn" if "conn" in self.fds else "listener"
            fd = self.fds.pop(key)
            if verb == "abort":
                self._emit(step, f"setsockopt({fd}, SOL_SOCKET, SO_LINGER, {{onoff=1, linger=0}}, 8) = 0")
            self._emit(step, f"close({fd}) = 0")
        elif verb == "accept":
            self._auto(step, "accept", 0)
        elif verb == "read":
            self._auto(step, "read", int(step.answer.split("(")[1].split()[0]) if "(" in step.answer else 0)

    def _open(self, step, fd: int) -> None:
        self._emit(step, f"socket(..., SOCK_STREAM, IPPROTO_TCP) = {fd}")
        self._emit(step, f"setsockopt({fd}, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0")
        self._emit(step, f"bind({fd}, ..., ...) = 0")

    def _auto(self, step, action: str, value: int) -> None:
        if action == "accept" and "listener" in self.fds:
            self.fds["conn"] = self._new_fd()
            self._emit(step, f"accept({self.fds['listener']}, ..., ...) = {self.fds['conn']}")
        elif action == "read" and "conn" in self.fds and value:
            self._emit(step, f"read({self.fds['conn']}, ..., 65536) = {value}")
        elif action == "close" and "conn" in self.fds:
            self._emit(step, f"close({self.fds.pop('conn')}) = 0")

    def _new_fd(self) -> int:
        fd = 3
        while fd in self.fds.values():
            fd += 1
        return fd

    def _packet(self, step, direction: str, seg: Segment, late: float = 0.0) -> None:
        outbound = direction == ">"
        if SYN in seg.flags:  # packetdrill learns the remote ISN from a listener's first SYN, or
            if outbound:  # from the SYN+ACK that answers a connecting socket (each connect is a new one)
                self.local_iss = seg.seq
            elif self.remote_base is None or ACK in seg.flags:
                self.remote_base = seg.seq
        if not outbound and self.remote_base is None:
            self.remote_base = seg.seq  # a connection seen from its middle
        local, remote = self.local_iss or 0, self.remote_base or 0
        seq = seq_sub(seg.seq, local if outbound else remote)
        text = f"{direction} {_flags(seg)} {seq}:{seq_add(seq, seg.length)}({seg.length})"
        if ACK in seg.flags:
            text += f" ack {seq_sub(seg.ack, remote if outbound else local)}"
        text += " <...>" if outbound else f" win {seg.window}"
        self._emit(step, text, late)


def _flags(seg: Segment) -> str:
    """packetdrill's flags: F S R P, then '.' for ACK."""
    out = "".join(letter for letter, bit in (("F", FIN), ("S", SYN), ("R", RST), ("P", PSH)) if bit in seg.flags)
    return out + ("." if ACK in seg.flags else "")
