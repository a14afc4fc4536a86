"""The notes' scenarios played move by move against two real Linux kernels.

Each row is (move, client's kernel state, server's kernel state) after the move. Every step must
also agree with the engine's prediction (state and segments sent), or be one of the differences
README.md lists under "What the engine and Linux disagree on" (checked by its marker there).
"""

import pathlib

import pytest

from tcptui.core.segment import seq_add
from tcptui.core.states import Side, State
from tcptui.lab import parse_lab_move

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
C, L, SS, SR, E = State.CLOSED, State.LISTEN, State.SYN_SENT, State.SYN_RCVD, State.ESTABLISHED
FW1, FW2, CW, LA, TW = State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT, State.LAST_ACK, State.TIME_WAIT

HANDSHAKE = [  # §2
    ("server listen", C, L),
    ("client connect", SS, L),
    ("deliver 1", SS, SR),
    ("deliver 1", E, SR),
    ("deliver 1", E, E),
]
FOUR_WAY = HANDSHAKE + [  # §3: the client closes first
    ("client close", FW1, E),
    ("deliver 1", FW1, CW),
    ("deliver 1", FW2, CW),
    ("server close", FW2, LA),
    ("deliver 1", TW, LA),
    ("deliver 1", TW, L),
]
REUSE = HANDSHAKE + [  # §4.2, puzzles/15-reuse-dance.toml: the server closed first and waits in TIME_WAIT
    ("server close", E, FW1),
    ("deliver 1", CW, FW1),
    ("deliver 1", CW, FW2),
    ("client close", LA, FW2),
    ("deliver 1", LA, TW),
    ("deliver 1", C, TW),
    ("client connect", SS, TW),  # a SYN that looks new: Linux would accept it at once (RFC 6191) …
    ("drop 1", SS, TW),  # … so the network loses it, and an old-looking one comes instead:
    ("client sends SYN seq=x+1", SS, TW),
    ("deliver 1", SS, TW),  # TIME_WAIT answers with the old connection's ACK
    ("deliver 1", SS, TW),  # SYN_SENT answers that ACK with RST, and re-sends its SYN
    ("deliver 1", SS, L),  # the RST ends TIME_WAIT (tcp_rfc1337=0)
    ("deliver 1", SS, SR),
    ("deliver 1", E, SR),
    ("deliver 1", E, E),
]
ABORT = HANDSHAKE + [  # §4.4.3: close() with SO_LINGER {1, 0}
    ("client send-data 100", E, E),
    ("deliver 1", E, E),
    ("deliver 1", E, E),
    ("client abort", C, E),
    ("deliver 1", C, L),
]
DATA_AFTER_CLOSE = HANDSHAKE + [  # RFC 1122 §4.2.2.13: data after close() is answered by RST
    ("server close", E, FW1),
    ("deliver 1", CW, FW1),
    ("deliver 1", CW, FW2),
    ("client send-data 100", CW, FW2),
    ("deliver 1", CW, L),
    ("deliver 1", C, L),
]


def listed_in_readme(difference) -> bool:
    """A difference the README lists: its section quotes the first words of the step's line."""
    text = README.read_text(encoding="utf-8")
    return str(difference).split(":")[0] in text and "What the engine and Linux disagree on" in text


@pytest.mark.parametrize(
    "script",
    [HANDSHAKE, FOUR_WAY, REUSE, ABORT, DATA_AFTER_CLOSE],
    ids=["handshake", "four-way-close", "reuse-dance", "abort", "data-after-close"],
)
def test_scenario_against_the_kernel(lab, script):
    for number, (move, client, server) in enumerate(script, 1):
        step = lab.play(parse_lab_move(move))
        states = (step.kernel[Side.CLIENT].state, step.kernel[Side.SERVER].state)
        assert states == (client, server), f"move {number} ({move}): kernel {states}"
        assert step.source == "player"
        unlisted = [d for d in step.differences if not listed_in_readme(d)]
        assert not unlisted, f"move {number} ({move}): {unlisted}"
    assert all(step.agrees for step in lab.steps), [step.differences for step in lab.steps]


def test_the_reuse_dance_follows_the_notes(lab):
    """The segments of §4.2: the old ACK, the RST with SEQ = that ACK, the SYN again."""
    for move, _, _ in REUSE:
        lab.play(parse_lab_move(move))
    old_ack = lab.steps[14].actual[0].segment
    assert lab.steps[14].rule == "timewait.syn-reuse" and old_ack.label == "ACK"
    answers = [w.segment for w in lab.steps[15].actual]
    assert [s.label for s in answers] == ["RST", "SYN"]
    assert answers[0].seq == old_ack.ack
    assert lab.steps[16].rule == "timewait.rst"


def test_kernel_numbers_match_the_wire(lab):
    """SND.UNA, SND.NXT and RCV.NXT read from tcp_info agree with the segments on the wire."""
    for move in ("server listen", "client connect", "deliver 1", "deliver 1", "deliver 1", "client send-data 100"):
        lab.play(parse_lab_move(move))
    data = lab.wire[0].segment
    client = lab.kernel(Side.CLIENT)
    assert (client.snd_una, client.snd_nxt) == (data.seq, seq_add(data.seq, 100))
    assert client.rcv_nxt == data.ack
    step = lab.play(parse_lab_move("deliver 1"))
    server = step.kernel[Side.SERVER]
    assert server.rcv_nxt == seq_add(data.seq, 100)
    assert step.actual[0].segment.ack == server.rcv_nxt


def test_a_pending_timer_is_shown_as_ss_shows_it(lab):
    for move in ("server listen", "client connect"):
        step = lab.play(parse_lab_move(move))
    client = step.kernel[Side.CLIENT]
    assert client.timer == "on" and 0 < client.expires_ms <= 1000
    assert client.timer_text().startswith("on (")
    assert lab.sysctls["net.ipv4.tcp_timestamps"] == "0"
    assert lab.route == {"rto_min_ms": 1000, "quickack": True}


def test_the_kernel_retransmits_when_time_passes(lab):
    """The SYN's RTO (1 s) fires while the player waits: a kernel move, and the engine's
    `client timer rto` sends the same SYN."""
    lab.play(parse_lab_move("client connect"))
    lab.play(parse_lab_move("drop 1"))
    lab.play(parse_lab_move("wait 1.3"))
    kernel_steps = [step for step in lab.steps if step.source == "kernel"]
    assert [step.move for step in kernel_steps] == ["client timer rto"]
    assert kernel_steps[0].agrees, kernel_steps[0].differences
    assert [w.segment.label for w in lab.wire] == ["SYN"]


def test_a_wrong_index_is_one_line(lab):
    from tcptui.lab import LabError

    with pytest.raises(LabError, match="0 segments held"):
        lab.play(parse_lab_move("deliver 1"))


@pytest.mark.parametrize(
    "move, english, chinese",
    [
        ("flood 100", "the lab does not forge SYNs from other addresses", "实验室不伪造来自其他地址的 SYN"),
        ("client kill", "not a call the lab makes", "实验室不做这个调用"),
        ("server reuseaddr", "not a call the lab makes", "实验室不做这个调用"),
        ("client timer keepalive", "cannot wait two hours for a kernel's keep-alive timer", "保活计时器"),
        ("server reboot", "a real host cannot crash on demand", "不能按需崩溃"),
    ],
)
def test_what_a_real_host_cannot_do_is_refused_in_one_line(lab, move, english, chinese):
    """A SYN flood, the calls beyond the classic six, keep-alive and a crash are the sandbox's: the
    lab refuses each with one line in the player's language, and nothing is played."""
    from tcptui.lab import LabError

    lab.play(parse_lab_move("server listen"))
    with pytest.raises(LabError) as refused:
        lab.play(parse_lab_move(move))
    assert str(refused.value).startswith(f"'{move}': ") and english in str(refused.value)
    assert chinese in refused.value.text("zh") and "\n" not in refused.value.text("zh")
    assert [step.move for step in lab.steps] == ["server listen"]
