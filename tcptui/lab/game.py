"""The lab as the play screen's Game: the engine's world beside the kernels, one Outcome per Step.

The play screen (tcptui/ui/screens/play.py) draws a core Game: its world (the endpoints, the wire,
the ISS names), its history of Outcomes (the ladder, the verdicts) and its score. `LabGame` is
that Game for a Lab. Its world's endpoints are the engine's (the shadow's), its wire is the lab's
(the segments the kernels sent, held by tcptui), and every Step becomes the Outcome the sandbox
would have made of the move: the engine's rule, verdict, reaction and explanation facts, the state
changes of the engine's endpoints, the segments the kernels put on the wire. `steps[i]` is the
Step of `history[i]`: the kernels' states and the differences, which the lab screen shows beside.

A Step the watch thread records (a kernel's timer fired while the player thought) becomes its
Outcome on that thread, under the lab's lock (`Lab.observe`), so the world it holds is the one the
Step left. There is no undo: a kernel cannot take a segment back.
"""

from __future__ import annotations

from ..core.endpoint import Change
from ..core.game import Game
from ..core.moves import Deliver, Drop, Duplicate, Send
from ..core.network import InFlight
from ..core.rules import RULES
from ..core.states import Replies, Side, Verdict
from ..core.world import Outcome, World
from .moves import parse_lab_move


class LabGame(Game):
    """A Game whose moves are played against the kernels of `lab` (a tcptui.lab.Lab)."""

    def __init__(self, lab) -> None:
        self.lab = lab
        super().__init__(self._world())
        self.steps: list = []  # the Step of each Outcome in the history
        lab.observe(self._record)

    @property
    def can_undo(self) -> bool:
        return False

    @property
    def can_redo(self) -> bool:
        return False

    def apply(self, move) -> Outcome:
        """Play `move` against the kernels (tcptui.lab.LabError if the lab cannot); its Outcome.
        What the kernels did on their own just before comes first in the history."""
        self.lab.play(move)
        return self._outcomes[-1]

    def undo(self) -> Outcome | None:
        return None

    def redo(self) -> Outcome | None:
        return None

    def restart(self) -> None:
        """A lab cannot go back: the kernels' connections are real."""

    def retune(self, **fields) -> None:
        """The rules are the kernels': the settings screen does not change them."""

    # -- Steps into Outcomes (on the thread that made the Step, under the lab's lock) ----------

    def _world(self) -> World:
        lab = self.lab
        wire = tuple(InFlight(w.serial, w.src, w.segment, w.origin) for w in lab.wire)
        serial = max((w.serial for w in lab.wire), default=0) + 1
        client, server = (lab.shadow.endpoint(side) for side in Side)
        return World(client, server, wire, lab.profile, Replies.AUTO, 0, (0, 0), serial, lab.symbols)

    def _record(self, step) -> None:
        before, after = self._worlds[-1], self._world()
        move = parse_lab_move(step.move)
        sent = tuple(_flight(w) for w in step.actual)
        segment = _flight(step.segment) if step.segment is not None else None
        if isinstance(move, Duplicate) and segment is not None:
            sent, segment = (segment,), before.wire[move.index]
        elif isinstance(move, Send) and segment is not None:
            sent, segment = (segment,), None
        elif not isinstance(move, (Deliver, Drop)):
            segment = None
        rule = step.rule if step.rule in RULES else None  # accept() and read() have no rule of the engine's
        changes = tuple(
            (side, Change(before.endpoint(side).state, after.endpoint(side).state, rule))
            for side in Side
            if before.endpoint(side).state is not after.endpoint(side).state
        )
        outcome = Outcome(
            move=move,
            side=step.side,
            verdict=step.verdict if step.verdict is not None else Verdict.NEUTRAL,
            reaction=step.reaction,
            rule=rule,
            rules=(rule,) if rule else (),
            params=step.params,
            changes=changes,
            sent=sent,
            segment=segment,
            owed=(),
            world=after,
        )
        self.steps.append(step)
        self._outcomes.append(outcome)
        self._worlds.append(after)


def _flight(item) -> InFlight:
    return InFlight(item.serial, item.src, item.segment, item.origin)
