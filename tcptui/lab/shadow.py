"""The engine beside the kernels: what tcptui's core predicts for every move the lab makes.

The shadow follows the real packets with the capture feeder (tcptui/capture/feed.py), split in
its two halves because the lab's network holds segments: a kernel's segment is judged as *sent*
when it is captured (`Feed.sent`: the sender's engine endpoint moves, or a story explains it) and
processed as *arrived* when the player delivers it (`Feed.arrived`: the receiver's engine
endpoint moves and owes its replies — the engine's predicted reply). Application calls and
timers are the core's own functions on the engine's endpoint (`calls.on_call`, `on_timer`), with
the ISN the kernel chose: ISNs are random in Linux and injected in the core, so the engine is told
them, never asked.

After each move the replies the kernel did not send are forgiven (recorded as a difference by the
lab, not carried on), so one disagreement does not poison the next prediction.
"""

from __future__ import annotations

from ..capture.feed import Feed, Record, Sent
from ..capture.stories import PLACEHOLDER_ISN
from ..core.arrive import Arrival, on_segment
from ..core.calls import on_call, on_timer
from ..core.endpoint import Endpoint, Result, closed_endpoint
from ..core.profile import Profile
from ..core.segment import Segment
from ..core.states import Call, Side, State, Timer
from ..core.validate import judge_send


def view_state(ep: Endpoint) -> State:
    """The engine's endpoint as the kernel view shows a side: no connection is LISTEN or CLOSED."""
    if not ep.state.has_tcb:
        return State.LISTEN if ep.listening else State.CLOSED
    return ep.state


class Shadow:
    """Two engine endpoints that follow the lab's kernels (profile: the rules Linux follows)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.feed = Feed(profile, client=closed_endpoint(), server=closed_endpoint())

    def endpoint(self, side: Side) -> Endpoint:
        return self.feed.endpoint(side)

    def sent(self, src: Side, seg: Segment) -> Sent:
        """A kernel sent `seg`: judge it (and move the engine's sender) as the feeder does."""
        return self.feed.sent(src, seg)

    def crafted(self, src: Side, seg: Segment) -> Sent:
        """The player injected `seg` as if from `src`: judged, but `src`'s kernel knows nothing of
        it, so the engine's endpoint does not move either."""
        ep = self.endpoint(src)
        return Sent(judge_send(ep, seg.flags, self.profile, seg.seq, seg.seq, seg.ack, seg.length), "crafted", None)

    def foresee(self, src: Side, seg: Segment) -> Result:
        """What the engine predicts `src`'s peer would do with `seg` were it delivered now (nothing
        moves): how the lab explains a segment the player injected."""
        return on_segment(self.endpoint(src.peer), seg, Arrival(self.profile, PLACEHOLDER_ISN))

    def arrived(self, src: Side, seg: Segment, sent: Sent, isn: int | None = None) -> Record:
        """`src`'s segment reached its peer. isn: the ISN the peer's kernel took if the segment
        opened a connection (seen in its SYN+ACK), so the predicted SYN+ACK has the real numbers."""
        if isn is not None:
            mine = self.feed.sides[src.peer]
            known = [*mine.isns[: mine.opens]]
            known += [PLACEHOLDER_ISN + len(known)] * (mine.opens - len(known))
            mine.isns = [*known, isn]
            mine.opened(mine.opens)
        return self.feed.arrived(src, seg, sent)

    def call(self, side: Side, call: Call, nbytes: int, isn: int) -> Result:
        """The application on `side` calls `call`: the engine's answer, which becomes its endpoint."""
        res = on_call(self.endpoint(side), call, self.profile, isn, nbytes)
        self._set(side, res.endpoint)
        return res

    def fire(self, side: Side, timer: Timer) -> Result:
        """A timer of `side` fires: the engine's answer, which becomes its endpoint."""
        res = on_timer(self.endpoint(side), timer, self.profile)
        self._set(side, res.endpoint)
        return res

    def retransmitted(self, side: Side) -> Result:
        """`side`'s kernel re-sent a segment on its own: the engine's RTO fires. Where the engine
        would give up instead (its retries exhausted: timer.give-up-*), that is its prediction —
        the lab shows the kernel's segment as a difference — but its endpoint follows the kernel,
        which is still there with one retry more: otherwise the engine would hold a closed
        endpoint, take the kernel's next retransmission for a new connection's first SYN and
        count its retries from 1 again. The engine gives up when the kernel's connection goes."""
        before = self.endpoint(side)
        res = self.fire(side, Timer.RTO)
        if res.rule is not None and res.rule.startswith("timer.give-up"):
            self._set(side, before._replace(retries=before.retries + 1))
        return res

    def forgive(self) -> None:
        """Forget the replies still owed: the kernels had their chance to send them."""
        for side in Side:
            ep = self.endpoint(side)
            if ep.owed:
                self._set(side, ep._replace(owed=()))

    def _set(self, side: Side, ep: Endpoint) -> None:
        """The engine's endpoint is now `ep`; its history for the feeder's stories starts here."""
        mine = self.feed.sides[side]
        mine.now = ep
        mine.settle()
