"""A kernel's own retransmissions against the engine's RTO (README: "tcptui lab").

The engine models RFC 6298 §5.5's doubling back-off (1, 2, 4 … s) and Linux's retry counts; the
lab sets net.ipv4.tcp_syn_linear_timeouts=0 where the kernel has it, so a kernel's SYN comes
when the engine says it does, and every retransmission is counted: 1 of 6, 2 of 6 …
"""

import os
import types

import pytest

from tcptui.core.states import Side, State
from tcptui.lab import parse_lab_move
from tcptui.lab.shadow import Shadow

LINEAR = "net.ipv4.tcp_syn_linear_timeouts"
REUSE = [  # §4.2: the server closed first and waits in TIME_WAIT; the client opens again
    "server listen", "client connect", "deliver 1", "deliver 1", "deliver 1",
    "server close", "deliver 1", "deliver 1", "client close", "deliver 1", "deliver 1",
    "client connect",
]  # fmt: skip


def play(lab, moves):
    return [lab.play(parse_lab_move(move)) for move in moves][-1]


@pytest.mark.skipif(not os.path.exists("/proc/sys/net/ipv4/tcp_syn_linear_timeouts"), reason=f"no {LINEAR} here")
def test_the_lab_turns_linear_syn_timeouts_off_and_says_so(lab):
    from rich.cells import cell_len

    from tcptui.commands.lab import header
    from tcptui.ui.screens.lab import LabScreen

    assert lab.sysctls[LINEAR] == "0"
    assert {lab.hosts[side].sysctl(LINEAR) for side in Side} == {"0"}
    assert "tcp_syn_linear_timeouts=0" in header(lab, "en")
    for lang in ("en", "zh"):  # the top bar, whole at 80 columns
        top = LabScreen.topbar(types.SimpleNamespace(lab=lab, title_key="lab.title"), lang)
        assert "syn_linear=0" in top and cell_len(top) <= 80, top


def test_a_kernels_syn_retransmissions_count_up_and_agree(lab):
    step = play(lab, REUSE)
    assert step.kernel[Side.CLIENT].state is State.SYN_SENT
    assert step.kernel[Side.CLIENT].rcv_nxt is None  # not the old connection's y+1: no SYN received yet
    step = lab.play(parse_lab_move("wait 3.5"))  # the SYN again after 1 s, then after 2 s more
    kernel = [s for s in lab.steps if s.source == "kernel"]
    assert [dict(s.params)["attempt"] for s in kernel] == [1, 2]
    assert [dict(s.params)["at"] for s in kernel] == [1, 3]
    assert all(s.agrees for s in kernel), [s.differences for s in kernel]
    assert lab.shadow.endpoint(Side.CLIENT).retries == 2


def test_a_retransmission_after_the_engines_give_up_differs_and_is_not_forgotten(lab_support):
    from tcptui.lab import Lab

    with Lab(sysctls={"net.ipv4.tcp_syn_retries": "2"}) as lab:
        assert lab.profile.syn_retries == 2  # the engine counts the kernel's retries
        lab.shadow = Shadow(lab.profile._replace(syn_retries=1))  # an engine that expects one fewer
        play(lab, ["client connect", "wait 3.5"])
        first, second = [s for s in lab.steps if s.source == "kernel"]
        assert first.agrees and dict(first.params)["attempt"] == 1
        assert second.rule == "timer.give-up-synsent"  # the engine would have given up …
        assert [d.what for d in second.differences] == ["sends"]  # … the kernel re-sent: never ✓
        assert lab.engine(Side.CLIENT) is State.SYN_SENT  # the engine follows the kernel
        assert lab.shadow.endpoint(Side.CLIENT).retries == 2
        step = lab.play(parse_lab_move("client timer give-up"))  # the kernel gives up at 1 + 2 + 4 s
        assert step.rule == "timer.give-up-synsent" and step.agrees, step.differences
        assert step.kernel[Side.CLIENT].state is State.CLOSED
