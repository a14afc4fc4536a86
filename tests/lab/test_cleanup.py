"""Nothing is left behind: the lab's namespaces, devices and connections go with its process,
even when that process is killed with SIGKILL and runs no cleanup at all."""

import os
import signal
import subprocess
import sys
import time

CHILD = r"""
import os, sys
from tcptui.lab import Lab, parse_lab_move
lab = Lab()
for move in ("server listen", "client connect", "deliver 1", "deliver 1", "deliver 1"):
    lab.play(parse_lab_move(move))
inodes = sorted({os.readlink(f"/proc/self/task/{t}/ns/net") for t in os.listdir("/proc/self/task")})
print(" ".join(inodes), flush=True)
sys.stdin.read()  # wait to be killed
"""


def _lines(*command: str) -> list[str]:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()


def _namespaces(before: float | None = None) -> set[str]:
    """Every network namespace some thread refers to, as net:[inode]; `before`: only threads that
    started before that moment (seconds since boot): an inode freed by the killed lab may be taken
    at once by a namespace that a test running beside this one makes (pytest -n 2)."""
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                if before is not None and _started(f"/proc/{pid}/task/{task}") >= before:
                    continue
                found.add(os.readlink(f"/proc/{pid}/task/{task}/ns/net"))
        except OSError:
            continue
    return found


def _started(task: str) -> float:
    """When a thread started, in seconds since boot (field 22 of its stat, in clock ticks)."""
    with open(f"{task}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return int(fields[19]) / os.sysconf("SC_CLK_TCK")


def _uptime() -> float:
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def test_kill_9_leaves_nothing_behind(lab_support):
    host_ns = os.readlink("/proc/self/ns/net")
    links, named = _lines("ip", "-o", "link"), _lines("ip", "netns", "list")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    try:
        inodes = set(child.stdout.readline().split())
        lab_ns = inodes - {host_ns}
        assert len(lab_ns) == 2, inodes  # the client's and the server's, each held by a thread
        assert lab_ns <= _namespaces()
        assert _lines("ip", "-o", "link") == links  # nothing was made in the host's namespace
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert not lab_ns & _namespaces(before=_uptime()), "a lab namespace outlived its process"
    assert _lines("ip", "netns", "list") == named
    assert _lines("ip", "-o", "link") == links
    assert not any("tcptui" in line for line in _lines("ip", "-o", "link"))


def test_a_lab_closed_normally_ends_its_threads(lab_support):
    import threading

    from tcptui.lab import Lab

    with Lab():
        assert any(t.name.startswith("tcptui-lab-") for t in threading.enumerate())
    deadline = time.monotonic() + 5
    while any(t.name.startswith("tcptui-lab-") for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(t.name.startswith("tcptui-lab-") for t in threading.enumerate())


def test_each_side_has_a_namespace_of_its_own(lab_support):
    from tcptui.core.states import Side
    from tcptui.lab import Lab

    with Lab() as made:
        inside = {side: made.hosts[side].run(os.readlink, "/proc/thread-self/ns/net") for side in Side}
    assert len(set(inside.values())) == 2
    assert os.readlink("/proc/self/ns/net") not in inside.values()


def test_closing_while_the_watch_thread_polls_is_quiet(lab_support):
    """The lab closed while its watch thread looks at the devices: the thread's poll after it finds
    no hosts (it selected on closed descriptors: EBADF, a traceback on the player's terminal)."""
    import threading

    from tcptui.lab import Lab, parse_lab_move

    failures: list = []
    previous = threading.excepthook
    threading.excepthook = failures.append
    try:
        for _ in range(5):
            lab = Lab()
            lab.watch(lambda step: None, interval=0.001)
            lab.play(parse_lab_move("client connect"))
            lab.close()
            assert lab.poll() == []
        time.sleep(0.05)
    finally:
        threading.excepthook = previous
    assert [args.exc_value for args in failures] == []


def test_a_namespace_that_cannot_be_made_is_the_error_raised(lab_support, monkeypatch):
    """Set-up failing half-way closes what was made and raises the failure itself."""
    import pytest

    from tcptui.lab import Lab, session

    made = []

    class Failing(session.Namespace):
        def __init__(self, *args, **kwargs) -> None:
            if made:
                raise OSError("no second namespace")
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(session, "Namespace", Failing)
    with pytest.raises(OSError, match="no second namespace"):
        Lab()
    assert made and made[0].tun == -1  # the first one closed
