"""The guided first run: the §2 handshake played with the student, one move a step.

Each step names the move to make (the play screen shows its keys highlighted), the panel that
first matters for it (outlined on screen), and its words (tutorial.step.<id> in the catalogues).
The student loses the SYN+ACK on the way and sees the retransmission; the last step hands over
("now try the close"). The tutorial screen (ui/screens/tutorial.py) drives this script; this
module is only the script, so a test can play it through the core.
"""

from __future__ import annotations

from collections import namedtuple

from .core.moves import parse_move
from .core.world import World


class Step(namedtuple("Step", "id move target")):
    """One step: its text id, the move it asks for (None: the hand-over, nothing to make), and the
    panel it is about: client, server, wire, ladder or verdict."""

    __slots__ = ()


STEPS = (
    Step("listen", parse_move("server listen"), "server"),
    Step("connect", parse_move("client connect"), "client"),
    Step("deliver-syn", parse_move("deliver 1"), "wire"),
    Step("lose-synack", parse_move("drop 1"), "wire"),
    Step("retransmit", parse_move("server timer rto"), "ladder"),
    Step("deliver-synack", parse_move("deliver 1"), "client"),
    Step("deliver-ack", parse_move("deliver 1"), "verdict"),
    Step("hand-over", None, None),
)
SEED = 1  # the ISNs of the tutorial's game (numbers are shown as x and y anyway)


def start_world() -> World:
    """The tutorial's game: the notes' rules, automatic replies, nothing open."""
    return World.new(seed=SEED)
