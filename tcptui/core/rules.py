"""Every decision tcptui makes has a stable rule id. This table maps each id to its references,
and each rule that changes an endpoint's state to where it leads: the transition table.

- doc: the section of the notes (../shared/seed/SECTIONS.md) whose reasoning explains it, or None
  when the notes do not reach that far (simultaneous open, challenge ACKs …).
- rfc: the RFC section that decides it.
- simplifies: the notes say something simpler here; the explanation says so, kindly.
- move: for a rule that changes the state, its `Transition`: from which states, on which event,
  to which state, sending what. The engine's `Step.goto(rule)` takes the target from here (a
  rule leads to one place: a rule that could lead to two is two rules), and everything that draws
  or lists transitions reads this table — `tcptui diagram`, the help screen, `tcptui explain`,
  the exam — as h11 draws its diagrams from EVENT_TRIGGERED_TRANSITIONS. tests/core/
  test_transitions.py drives the engine through every (state × event) pair of every profile and
  checks each state change against the row of the rule that made it.

The explanations themselves live in tcptui/text/<lang>.py, one catalogue per language, keyed by
these ids. The tests fail if an id lacks a reference or a language.
"""

from __future__ import annotations

import enum
from collections import namedtuple

from .profile import TimewaitSyn
from .states import Call, Reaction, State, Timer, Verdict


class Trigger(enum.Enum):
    """What kind of event a transition answers."""

    RECV = "recv"  # a segment arrives (RFC 9293 §3.10.7)
    CALL = "app"  # the application calls (§3.10.1–3.10.5); a player's send stands for one
    TIMER = "timer"  # a timer fires (§3.10.8)
    HOST = "host"  # the host crashes or restarts (§3.5.1)
    QUEUED = "queued"  # a call made earlier takes effect now (a close() queued behind the handshake)


class On(namedtuple("On", "trigger names detail")):
    """The event of a transition: its kind; the segment's label (recv), the Calls' values (app, the
    first named in diagrams), the Timer's value, or 'crash'/'restart'; and a condition ('' for
    none) that the diagrams spell out (text key diagram.<trigger>.<detail>)."""

    __slots__ = ()


class Group(enum.Enum):
    """The parts of RFC 793's Figure 6 (RFC 9293's Figure 5), plus the resets the figure leaves out."""

    OPEN = "open"
    DATA = "data"
    ACTIVE_CLOSE = "active-close"
    PASSIVE_CLOSE = "passive-close"
    RESET = "reset"


class Transition(namedtuple("Transition", "sources on target sends group needs alt")):
    """Where a state-changing rule leads.

    - sources: the states it leaves (LISTEN stands also for CLOSED beside an open listener: the
      listener takes the segment or the call); target: the State it enters.
    - on: its event (On); sends: the label of the segment it sends ('' for none).
    - group: where it belongs in the diagram; needs: (profile attribute, value) pairs the rule
      exists under (() for every profile); alt: (attribute, value, label) when a profile sends
      another segment (Linux aborts with RST+ACK).
    """

    __slots__ = ()

    def exists_under(self, profile) -> bool:
        """Can this transition happen under `profile`?"""
        return all(getattr(profile, name) == value for name, value in self.needs)

    def sends_under(self, profile) -> str:
        """What it sends under `profile`."""
        if self.alt is not None and getattr(profile, self.alt[0]) == self.alt[1]:
            return self.alt[2]
        return self.sends


class Rule(namedtuple("Rule", "id doc rfc simplifies move", defaults=(False, None))):
    """One rule's references, and its Transition when it changes the state (else None)."""

    __slots__ = ()


def _rcv(label: str, detail: str = "") -> On:
    return On(Trigger.RECV, (label,), detail)


def _app(*calls: Call, detail: str = "") -> On:
    return On(Trigger.CALL, tuple(c.value for c in calls), detail)


def _timer(timer: Timer, detail: str = "") -> On:
    return On(Trigger.TIMER, (timer.value,), detail)


def _go(sources, target: State, on: On, sends: str = "", *, group: Group, needs=(), alt=None) -> Transition:
    return Transition(tuple(sources), on, target, sends, group, tuple(needs), alt)


CLOSED, LISTEN, SYN_SENT, SYN_RCVD = State.CLOSED, State.LISTEN, State.SYN_SENT, State.SYN_RCVD
ESTABLISHED, CLOSE_WAIT, LAST_ACK = State.ESTABLISHED, State.CLOSE_WAIT, State.LAST_ACK
FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT = State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSING, State.TIME_WAIT
OPEN, DATA, ACTIVE, PASSIVE, RESET = Group.OPEN, Group.DATA, Group.ACTIVE_CLOSE, Group.PASSIVE_CLOSE, Group.RESET
CLOSE, SHUTDOWN, ABORT = Call.CLOSE, Call.SHUTDOWN, Call.ABORT
_T = True

RULES = {
    r.id: r
    for r in (
        # -- segment arrives: CLOSED (§3.10.7.1) ------------------------------------------------
        Rule("closed.rst-ignored", "4.3", "RFC 9293 §3.10.7.1", False),
        Rule("rst.no-listener", "4.4.1", "RFC 9293 §3.10.7.1", False),
        Rule("rst.no-connection", "4.4.4", "RFC 9293 §3.10.7.1", False),
        # -- LISTEN (§3.10.7.2) -----------------------------------------------------------------
        Rule("listen.rst-ignored", "4.3", "RFC 9293 §3.10.7.2", _T),
        Rule("rst.listen-ack", "4.4.2", "RFC 9293 §3.10.7.2", False),
        Rule("rst.listen-unknown", "4.4.4", "RFC 9293 §3.10.7.2", False),
        Rule("rst.listen-synack", "4.4.4", "RFC 9293 §3.10.7.2", False),
        Rule(
            "handshake.syn-received",
            "2",
            "RFC 9293 §3.10.7.2",
            move=_go([LISTEN], SYN_RCVD, _rcv("SYN"), "SYN+ACK", group=OPEN),
        ),
        Rule("listen.drop-other", None, "RFC 9293 §3.10.7.2", False),
        Rule("listen.syn-fin-dropped", None, "Linux tcp_rcv_state_process(); RFC 9293 §3.10.7.2", False),
        # -- SYN_SENT (§3.10.7.3) ---------------------------------------------------------------
        Rule("synsent.bad-ack", "4.2", "RFC 9293 §3.10.7.3", False),
        Rule("synsent.rst-bad-ack", "4.3", "RFC 9293 §3.10.7.3", _T),
        Rule(
            "rst.refused",
            "4.4.1",
            "RFC 9293 §3.10.7.3",
            move=_go([SYN_SENT], CLOSED, _rcv("RST+ACK", "acks-syn"), group=RESET),
        ),
        Rule("synsent.rst-ignored", "4.3", "RFC 9293 §3.10.7.3; RFC 5961 §3", _T),
        Rule(
            "handshake.synack",
            "2",
            "RFC 9293 §3.10.7.3",
            move=_go([SYN_SENT], ESTABLISHED, _rcv("SYN+ACK"), "ACK", group=OPEN),
        ),
        Rule(
            "handshake.simultaneous-open",
            None,
            "RFC 9293 §3.10.7.3, §3.5 (Figure 7)",
            move=_go([SYN_SENT], SYN_RCVD, _rcv("SYN"), "SYN+ACK", group=OPEN),
        ),
        Rule("synsent.drop-other", None, "RFC 9293 §3.10.7.3", False),
        # -- the other states (§3.10.7.4): sequence number, RST, SYN -----------------------------
        Rule("seq.old-duplicate", None, "RFC 9293 §3.10.7.4 (first)", False),
        Rule("seq.out-of-window", None, "RFC 9293 §3.10.7.4 (first)", False),
        Rule("seq.keepalive", None, "RFC 1122 §4.2.3.6; RFC 9293 §3.8.4, §3.10.7.4 (first)", False),
        Rule("seq.window-probe", None, "RFC 9293 §3.8.6.1, §3.10.7.4 (first)", False),
        Rule("seq.paws", None, "RFC 7323 §5.3 (R1); Linux tcp_validate_incoming(), tcp_paws_discard()", False),
        Rule(
            "rst.at-fin",
            "4.3",
            "Linux tcp_reset_check(); RFC 9293 §3.10.7.4 (first)",
            move=_go(
                [CLOSE_WAIT, LAST_ACK, CLOSING],
                CLOSED,
                _rcv("RST", "at-fin"),
                group=RESET,
                needs=[("reset_at_fin", True)],
            ),
        ),
        Rule(
            "rst.synrcvd-request",
            "4.3",
            "Linux tcp_check_req(); RFC 9293 §3.10.7.4 (second); RFC 5961 §3.2",
            move=_go([SYN_RCVD], LISTEN, _rcv("RST", "in-window"), group=RESET, needs=[("request_sock", True)]),
        ),
        Rule("rst.out-of-window", "4.3", "RFC 9293 §3.10.7.4; RFC 5961 §3.2", _T),
        Rule("rst.challenge-ack", "4.3", "RFC 9293 §3.10.7.4 (second); RFC 5961 §3.2", _T),
        Rule(
            "rst.synrcvd-passive",
            "4.3",
            "RFC 9293 §3.10.7.4 (second)",
            _T,
            _go([SYN_RCVD], LISTEN, _rcv("RST", "passive"), group=RESET),
        ),
        Rule(
            "rst.synrcvd-active",
            "4.3",
            "RFC 9293 §3.10.7.4 (second)",
            move=_go([SYN_RCVD], CLOSED, _rcv("RST", "active"), group=RESET),
        ),
        Rule(
            "rst.reset",
            "4.3",
            "RFC 9293 §3.10.7.4 (second)",
            move=_go([ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT], CLOSED, _rcv("RST", "exact"), group=RESET),
        ),
        Rule(
            "rst.closing",
            "4.3",
            "RFC 9293 §3.10.7.4 (second)",
            move=_go([CLOSING, LAST_ACK], CLOSED, _rcv("RST", "exact"), group=RESET),
        ),
        Rule("synrcvd.syn-retransmit", "2", "RFC 9293 §3.10.7.4; §3.8.1", False),
        Rule(
            "synrcvd.syn-passive",
            None,
            "RFC 9293 §3.10.7.4 (fourth)",
            move=_go([SYN_RCVD], LISTEN, _rcv("SYN", "in-window"), group=RESET, needs=[("request_sock", False)]),
        ),
        Rule(
            "synrcvd.syn-reset",
            None,
            "Linux tcp_check_req(); RFC 9293 §3.10.7.4 (fourth)",
            move=_go(
                [SYN_RCVD], LISTEN, _rcv("SYN", "in-window"), "RST+ACK", group=RESET, needs=[("request_sock", True)]
            ),
        ),
        Rule(
            "synrcvd.synack-reset",
            None,
            "Linux tcp_check_req(); RFC 9293 §3.10.7.4 (fourth)",
            move=_go(
                [SYN_RCVD], LISTEN, _rcv("SYN+ACK", "in-window"), "RST", group=RESET, needs=[("request_sock", True)]
            ),
        ),
        Rule("syn.challenge-ack", "4.2", "RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2", False),
        # -- ACK ------------------------------------------------------------------------------------
        Rule("ack.missing", None, "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule(
            "handshake.ack",
            "2",
            "RFC 9293 §3.10.7.4 (fifth)",
            move=_go([SYN_RCVD], ESTABLISHED, _rcv("ACK", "of-syn"), group=OPEN),
        ),
        Rule(
            "handshake.simultaneous-ack",
            None,
            "RFC 9293 §3.5 (Figure 7)",
            move=_go([SYN_RCVD], ESTABLISHED, _rcv("SYN+ACK", "simultaneous"), group=OPEN),
        ),
        Rule("synrcvd.bad-ack", "4.4.4", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("ack.future", None, "RFC 9293 §3.10.7.4 (fifth); RFC 5961 §5.2", False),
        Rule("ack.too-old", None, "RFC 5961 §5.2", False),
        Rule("ack.accept", "1", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("ack.duplicate", None, "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("ack.window-update", None, "RFC 9293 §3.10.7.4 (fifth), §3.8.6", False),
        Rule(
            "close.fin-acked",
            "3.2",
            "RFC 9293 §3.10.7.4 (fifth), §3.6",
            move=_go([FIN_WAIT_1], FIN_WAIT_2, _rcv("ACK", "of-fin"), group=ACTIVE),
        ),
        Rule("close.fin-not-acked", "3.2", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule(
            "close.closing-acked",
            None,
            "RFC 9293 §3.10.7.4 (fifth), §3.6 (Figure 13)",
            move=_go([CLOSING], TIME_WAIT, _rcv("ACK", "of-fin"), group=ACTIVE),
        ),
        Rule(
            "close.last-ack",
            "3.4",
            "RFC 9293 §3.10.7.4 (fifth)",
            move=_go([LAST_ACK], CLOSED, _rcv("ACK", "of-fin"), group=PASSIVE),
        ),
        # -- text and FIN ---------------------------------------------------------------------------
        Rule("data.accept", "1", "RFC 9293 §3.10.7.4 (seventh)", False),
        Rule("data.accept-half-closed", "3.2", "RFC 9293 §3.10.7.4 (seventh), §3.6.1", False),
        Rule("data.out-of-order", None, "RFC 9293 §3.10.7.4 (seventh), §3.4", False),
        Rule("data.hole-filled", None, "RFC 9293 §3.10.7.4 (seventh); RFC 5681 §4.2", False),
        Rule("data.syn-held", "2", "RFC 9293 §3.10.7.2; Linux tcp_conn_request()", False),
        Rule("data.syn-fastopen", "2", "RFC 7413 §4.2.2; RFC 9293 §3.10.7.2", False),
        Rule(
            "data.after-close",
            "3.2",
            "RFC 1122 §4.2.2.13; RFC 9293 §3.6.1",
            _T,
            _go([FIN_WAIT_1, FIN_WAIT_2], CLOSED, _rcv("DATA", "after-close"), "RST", group=RESET),
        ),
        Rule("data.after-fin", "3.2", "RFC 9293 §3.10.7.4 (seventh)", False),
        Rule("data.late-accepted", "4.1", "RFC 9293 §3.4.3, §3.6.1", False),
        Rule(
            "close.fin-received",
            "3.2",
            "RFC 9293 §3.10.7.4 (eighth)",
            move=_go([ESTABLISHED], CLOSE_WAIT, _rcv("FIN"), "ACK", group=PASSIVE),
        ),
        Rule(
            "close.fin-ack-shortcut",
            "3.4",
            "RFC 9293 §3.10.7.4 (fifth, eighth)",
            move=_go([FIN_WAIT_1], TIME_WAIT, _rcv("FIN+ACK", "of-fin"), "ACK", group=ACTIVE),
        ),
        Rule(
            "close.simultaneous",
            None,
            "RFC 9293 §3.10.7.4 (eighth), §3.6 (Figure 13)",
            move=_go([FIN_WAIT_1], CLOSING, _rcv("FIN"), "ACK", group=ACTIVE),
        ),
        Rule(
            "close.fin-wait-2-fin",
            "3.4",
            "RFC 9293 §3.10.7.4 (eighth)",
            move=_go([FIN_WAIT_2], TIME_WAIT, _rcv("FIN"), "ACK", group=ACTIVE),
        ),
        # -- TIME_WAIT --------------------------------------------------------------------------------
        Rule("timewait.fin-reack", "4.1", "RFC 9293 §3.10.7.4 (eighth, TIME-WAIT)", False),
        Rule("timewait.late-segment", "4.1", "RFC 9293 §3.10.7.4 (first)", False),
        Rule("timewait.ack", "4.1", "RFC 9293 §3.10.7.4 (fifth, TIME-WAIT)", False),
        Rule("timewait.ack-restart", "4.1", "Linux tcp_timewait_state_process(); RFC 9293 §3.10.7.4", False),
        Rule("timewait.syn-reuse", "4.2", "RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2", False),
        Rule("timewait.syn-paws", "4.2", "RFC 7323 §5.3; RFC 6191 §2; Linux tcp_timewait_state_process()", False),
        Rule(
            "timewait.syn-accept-newer",
            "4.2",
            "RFC 6191 §2; RFC 1122 §4.2.2.13",
            _T,
            _go(
                [TIME_WAIT],
                SYN_RCVD,
                _rcv("SYN", "newer"),
                "SYN+ACK",
                group=OPEN,
                needs=[("timewait_syn", TimewaitSyn.ACCEPT_NEWER)],
            ),
        ),
        Rule(
            "timewait.rst",
            "4.2",
            "RFC 9293 §3.10.7.4 (second); RFC 1337",
            move=_go([TIME_WAIT], CLOSED, _rcv("RST", "exact"), group=RESET, needs=[("rfc1337", False)]),
        ),
        Rule("timewait.rst-rfc1337", "4.2", "RFC 1337 §3", _T),
        Rule("timewait.rst-ignored", "4.3", "RFC 5961 §3.2; Linux tcp_timewait_state_process()", _T),
        Rule(
            "timewait.2msl-expired",
            "3.4",
            "RFC 9293 §3.10.8, §3.4.2",
            _T,
            _go([TIME_WAIT], CLOSED, _timer(Timer.TWO_MSL), group=ACTIVE),
        ),
        # -- application calls (§3.10.1–3.10.5) --------------------------------------------------
        Rule("app.listen", "2", "RFC 9293 §3.10.1", move=_go([CLOSED], LISTEN, _app(Call.LISTEN), group=OPEN)),
        Rule("app.listen-beside-timewait", "4.2", "RFC 9293 §3.10.1", False),
        Rule("app.listen-exists", None, "RFC 9293 §3.10.1", False),
        Rule(
            "app.connect", "2", "RFC 9293 §3.10.1", _T, _go([CLOSED], SYN_SENT, _app(Call.CONNECT), "SYN", group=OPEN)
        ),
        Rule(
            "app.connect-from-listen",
            None,
            "RFC 9293 §3.10.1",
            move=_go([LISTEN], SYN_SENT, _app(Call.CONNECT), "SYN", group=OPEN),
        ),
        Rule("app.connect-exists", None, "RFC 9293 §3.10.1", False),
        Rule("app.connect-timewait", "4.1", "RFC 9293 §3.4.2, §3.10.1", False),
        Rule(
            "app.connect-tw-reuse",
            "4.2",
            "Linux tcp_twsk_unique(); RFC 6191 §2",
            move=_go(
                [TIME_WAIT], SYN_SENT, _app(Call.CONNECT, detail="tw-reuse"), "SYN", group=OPEN, needs=[("tw_reuse", 1)]
            ),
        ),
        Rule("app.send", "1", "RFC 9293 §3.10.2", False),
        Rule("app.send-close-wait", "3.2", "RFC 9293 §3.10.2, §3.6.1", False),
        Rule("app.send-queued", "3.1", "RFC 9293 §3.10.2", False),
        Rule("app.send-closing", "3.1", "RFC 9293 §3.10.2", False),
        Rule("app.send-no-connection", None, "RFC 9293 §3.10.2", False),
        Rule("app.send-size", None, "RFC 9293 §3.10.2; RFC 791 §3.1 (Total Length)", False),
        Rule("app.read", "3.2", "RFC 9293 §3.10.3, §3.8.6.2.2", False),
        Rule("app.read-no-connection", None, "RFC 9293 §3.10.3", False),
        Rule(
            "app.close",
            "3.1",
            "RFC 9293 §3.10.4",
            move=_go([SYN_RCVD, ESTABLISHED], FIN_WAIT_1, _app(CLOSE), "FIN+ACK", group=ACTIVE),
        ),
        # shutdown(SHUT_WR) is RFC 9293's CLOSE too, but a half-close: the application still reads
        Rule(
            "app.shutdown",
            "3.2",
            "RFC 9293 §3.10.4, §3.6.1",
            move=_go([SYN_RCVD, ESTABLISHED], FIN_WAIT_1, _app(SHUTDOWN), "FIN+ACK", group=ACTIVE),
        ),
        Rule(
            "app.close-passive",
            "3.3",
            "RFC 9293 §3.10.4",
            move=_go([CLOSE_WAIT], LAST_ACK, _app(CLOSE, SHUTDOWN), "FIN+ACK", group=PASSIVE),
        ),
        Rule("app.close-queued", "3.1", "RFC 9293 §3.10.4", False),
        Rule(
            "app.close-queued-fin",
            "3.1",
            "RFC 9293 §3.10.4",
            move=_go([ESTABLISHED], FIN_WAIT_1, On(Trigger.QUEUED, ("close",), ""), "FIN+ACK", group=ACTIVE),
        ),
        Rule(
            "app.close-synsent",
            None,
            "RFC 9293 §3.10.4",
            move=_go([SYN_SENT], CLOSED, _app(CLOSE, SHUTDOWN), group=OPEN),
        ),
        Rule("app.close-listen", None, "RFC 9293 §3.10.4", move=_go([LISTEN], CLOSED, _app(CLOSE, ABORT), group=OPEN)),
        Rule("app.close-after-shutdown", "3.2", "RFC 1122 §4.2.2.13; RFC 9293 §3.6.1", False),
        Rule(
            "app.close-unread",
            "4.3",
            "RFC 9293 §3.6.1; RFC 1122 §4.2.2.13; RFC 2525 §2.17; Linux __tcp_close()",
            move=_go(
                [SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK],
                CLOSED,
                _app(CLOSE, detail="unread"),
                "RST",
                group=RESET,
                alt=("abort_with_ack", True, "RST+ACK"),
            ),
        ),
        Rule("app.close-closing", "3.1", "RFC 9293 §3.10.4", False),
        Rule("app.close-no-connection", None, "RFC 9293 §3.10.4", False),
        Rule("app.shutdown-listen", None, "RFC 9293 §3.10.4", False),
        Rule(
            "app.abort",
            "4.4.3",
            "RFC 9293 §3.10.5",
            move=_go(
                [SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT],
                CLOSED,
                _app(ABORT),
                "RST",
                group=RESET,
                alt=("abort_with_ack", True, "RST+ACK"),
            ),
        ),
        Rule(
            "app.abort-silent",
            "4.4.3",
            "RFC 9293 §3.10.5",
            move=_go([SYN_SENT, CLOSING, LAST_ACK, TIME_WAIT], CLOSED, _app(ABORT), group=RESET),
        ),
        # -- timers (§3.10.8) -------------------------------------------------------------------------
        Rule("timer.rto-syn", "2", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-synack", "2", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-data", "1", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-fin", "3.1", "RFC 9293 §3.8.1, §3.10.8", False),  # FIN_WAIT_1, CLOSING
        Rule("timer.rto-fin-last-ack", "4.1", "RFC 9293 §3.8.1, §3.10.8", False),  # why TIME_WAIT waits (§4.1 b)
        Rule("timer.rto-idle", None, "RFC 9293 §3.8.1", False),
        Rule("timer.2msl-idle", "3.4", "RFC 9293 §3.10.8", False),
        Rule(
            "timer.give-up-synsent",
            "2",
            "RFC 9293 §3.8.3",
            move=_go([SYN_SENT], CLOSED, _timer(Timer.GIVE_UP), group=RESET),
        ),
        Rule(
            "timer.give-up-synrcvd",
            "4.4.2",
            "RFC 9293 §3.8.3",
            move=_go([SYN_RCVD], LISTEN, _timer(Timer.GIVE_UP, "passive"), group=RESET),
        ),
        Rule(
            "timer.give-up-synrcvd-active",
            None,
            "RFC 9293 §3.8.3",
            move=_go([SYN_RCVD], CLOSED, _timer(Timer.GIVE_UP, "active"), group=RESET),
        ),
        Rule(
            "timer.give-up",
            None,
            "RFC 9293 §3.8.3",
            move=_go(
                [ESTABLISHED, FIN_WAIT_1, CLOSE_WAIT, CLOSING, LAST_ACK], CLOSED, _timer(Timer.GIVE_UP), group=DATA
            ),
        ),
        Rule(
            "timer.fin-wait-2-timeout",
            "3.2",
            "RFC 9293 §3.6; Linux tcp_fin_timeout",
            move=_go([FIN_WAIT_2], CLOSED, _timer(Timer.GIVE_UP, "after-close"), group=ACTIVE),
        ),
        Rule("timer.give-up-idle", None, "RFC 9293 §3.8.3", False),
        # -- hosts ----------------------------------------------------------------------------------
        Rule(
            "host.crash",
            "4.4.4",
            "RFC 9293 §3.5.1",
            move=_go(
                [s for s in State if s is not CLOSED], CLOSED, On(Trigger.HOST, ("crash", "reboot"), ""), group=RESET
            ),
        ),
        Rule(
            "host.restart",
            "4.4.4",
            "RFC 9293 §3.5.1, §3.4.2",
            move=_go([CLOSED], LISTEN, On(Trigger.HOST, ("restart", "reboot"), "listener"), group=RESET),
        ),
        Rule("host.down", "4.4.4", "RFC 9293 §3.5.1", False),
        Rule("host.is-down", "4.4.4", "RFC 9293 §3.5.1", False),
        Rule("host.not-down", None, "RFC 9293 §3.5.1", False),
        # -- the network ------------------------------------------------------------------------------
        Rule("net.drop", "1", "RFC 9293 §3.8.1", False),
        Rule("net.duplicate", "4.1", "RFC 9293 §3.4", False),
        Rule("net.no-such-segment", None, "RFC 9293 §3.8", False),
        Rule("net.no-answer", "4.4.1", "RFC 9293 §3.8.1, §3.8.3", False),
        # -- the player's sends (validator) ----------------------------------------------------------
        Rule("send.reply", None, "RFC 9293 §3.10.7", False),
        Rule("send.not-the-reply", None, "RFC 9293 §3.10.7", False),
        Rule("send.wrong-numbers", "2", "RFC 9293 §3.4, §3.10.7", False),
        Rule("send.syn", "2", "RFC 9293 §3.10.1", _T),
        Rule("send.syn-from-listen", None, "RFC 9293 §3.10.1", False),
        Rule("send.data", "1", "RFC 9293 §3.10.2", False),
        Rule("send.data-close-wait", "3.2", "RFC 9293 §3.10.2, §3.6.1", False),
        Rule("send.fin", "3.1", "RFC 9293 §3.10.4", False),
        Rule("send.fin-passive", "3.3", "RFC 9293 §3.10.4", False),
        Rule("send.retransmit", None, "RFC 9293 §3.8.1", False),
        Rule("send.fast-retransmit", None, "RFC 5681 §3.2; RFC 9293 §3.8.1", False),
        Rule("send.retransmit-spurious", None, "RFC 9293 §3.8.1; RFC 5682", False),
        Rule("send.keepalive", None, "RFC 1122 §4.2.3.6; RFC 9293 §3.8.4", False),
        Rule("send.window-probe", None, "RFC 9293 §3.8.6.1; Linux tcp_xmit_probe_skb()", False),
        Rule("send.window-update", None, "RFC 9293 §3.8.6.2.2", False),
        Rule("send.syn-data", "2", "RFC 9293 §3.10.1; RFC 7413 §3", False),
        Rule("send.ack-needless", None, "RFC 9293 §3.8.6.3", False),
        Rule("send.rst-abort", "4.4.3", "RFC 9293 §3.10.5", False),
        Rule("send.rst-unprompted", "4.3", "RFC 9293 §3.5.2", False),
        Rule("send.rst-ack-nothing", "4.3", "RFC 9293 §3.5.2, §3.10.7.1", False),
        Rule("send.syn-synchronized", "2", "RFC 9293 §3.10.1, §3.10.7.4 (fourth)", False),
        Rule("send.syn-timewait", "4.1", "RFC 9293 §3.4.2", False),
        Rule("send.synack-without-syn", "2", "RFC 9293 §3.5", False),
        Rule("send.ack-before-syn", "2", "RFC 9293 §3.5", False),
        Rule("send.data-before-established", "2", "RFC 9293 §3.10.2", False),
        Rule("send.fin-before-established", "2", "RFC 9293 §3.10.4", False),
        Rule("send.data-after-fin", "3.1", "RFC 9293 §3.10.2", False),
        Rule("send.fin-after-fin", "3.1", "RFC 9293 §3.10.4", False),
        Rule("send.fin-before-data", "3.1", "RFC 9293 §3.10.4", False),
        Rule("send.no-connection", "4.4.4", "RFC 9293 §3.10.2", False),
        Rule("send.no-such-segment", None, "RFC 9293 §3.1", False),
        Rule("send.impossible-length", None, "RFC 9293 §3.1; RFC 791 §3.1 (Total Length)", False),
        # -- the interview pack (issue 13): a listener's queues, SYN cookies ----------------------------
        Rule("listen.synq-full", None, "RFC 4987 §3.1; Linux tcp_conn_request()", False),
        Rule("listen.syncookie", None, "RFC 4987 §3.6; Linux cookie_v4_init_sequence()", False),
        Rule(
            "listen.cookie-ack",
            None,
            "RFC 4987 §3.6; Linux cookie_v4_check()",
            move=_go([LISTEN], ESTABLISHED, _rcv("ACK", "cookie"), group=OPEN, needs=[("syncookies", True)]),
        ),
        Rule("listen.cookie-acceptq-full", None, "Linux tcp_get_cookie_sock(), tcp_v4_syn_recv_sock()", False),
        Rule("listen.acceptq-full-syn", None, "Linux tcp_conn_request() (sk_acceptq_is_full)", False),
        Rule("listen.acceptq-full-drop", None, "Linux tcp_check_req() (tcp_abort_on_overflow = 0)", False),
        Rule(
            "listen.acceptq-full-rst",
            None,
            "Linux tcp_check_req() (tcp_abort_on_overflow = 1)",
            move=_go(
                [SYN_RCVD],
                LISTEN,
                _rcv("ACK", "acceptq-full"),
                "RST",
                group=RESET,
                needs=[("abort_on_overflow", True)],
            ),
        ),
        Rule("flood.queued", None, "RFC 4987 §2", False),
        Rule("flood.cookies", None, "RFC 4987 §2, §3.6", False),
        Rule("flood.dropped", None, "RFC 4987 §2; Linux tcp_conn_request()", False),
        Rule("flood.acceptq-full", None, "Linux tcp_conn_request() (sk_acceptq_is_full)", False),
        Rule("flood.no-listener", "4.4.1", "RFC 9293 §3.10.7.1", False),
        Rule("timer.synq-expired", "4.4.2", "RFC 4987 §2; Linux tcp_synack_retries", False),
        Rule("app.accept", None, "Linux inet_csk_accept(); POSIX accept()", False),
        Rule("app.accept-other", None, "Linux inet_csk_accept(); POSIX accept()", False),
        Rule("app.accept-wait", None, "Linux inet_csk_wait_for_connect(); POSIX accept()", False),
        Rule("app.accept-not-listening", None, "Linux inet_accept() (EINVAL); POSIX accept()", False),
        Rule("app.not-accepted", None, "Linux inet_csk_accept(); POSIX accept()", False),
        # -- the handshake's why: data on the third segment, the two-segment TCP that does not exist ------
        Rule(
            "handshake.ack-data",
            "2",
            "RFC 9293 §3.10.7.4 (fifth, seventh)",
            move=_go([SYN_RCVD], ESTABLISHED, _rcv("DATA", "of-syn"), group=OPEN),
        ),
        Rule(
            "handshake.two-way",
            "2",
            "RFC 9293 §3.5 (Figure 8)",
            move=_go([LISTEN], ESTABLISHED, _rcv("SYN", "two-way"), "SYN+ACK", group=OPEN, needs=[("two_way", True)]),
        ),
        Rule("timer.rto-handshake-ack", "2", "RFC 9293 §3.8.1, §3.10.7.4", False),
        # -- a process crash, a host reboot ----------------------------------------------------------
        Rule(
            "app.crash-fin",
            "3.1",
            "RFC 9293 §3.10.4; Linux tcp_close()",
            move=_go([SYN_RCVD, ESTABLISHED], FIN_WAIT_1, _app(Call.CRASH), "FIN+ACK", group=ACTIVE),
        ),
        Rule(
            "app.crash-fin-passive",
            "3.3",
            "RFC 9293 §3.10.4; Linux tcp_close()",
            move=_go([CLOSE_WAIT], LAST_ACK, _app(Call.CRASH), "FIN+ACK", group=PASSIVE),
        ),
        Rule(
            "app.crash-listener",
            None,
            "RFC 9293 §3.10.4; Linux inet_csk_listen_stop()",
            move=_go([LISTEN], CLOSED, _app(Call.CRASH), group=OPEN),
        ),
        Rule(
            "app.crash-unread",
            "4.3",
            "RFC 1122 §4.2.2.13; RFC 2525 §2.17; Linux tcp_close() (data_was_unread)",
            move=_go(
                [SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK],
                CLOSED,
                _app(Call.CRASH, detail="unread"),
                "RST",
                group=RESET,
                alt=("abort_with_ack", True, "RST+ACK"),
            ),
        ),
        Rule(
            "app.crash-unaccepted",
            "4.3",
            "Linux inet_csk_listen_stop(), tcp_disconnect()",
            move=_go(
                [ESTABLISHED, CLOSE_WAIT],
                CLOSED,
                _app(Call.CRASH, detail="unaccepted"),
                "RST",
                group=RESET,
                alt=("abort_with_ack", True, "RST+ACK"),
            ),
        ),
        Rule(
            "app.crash-synrcvd",
            "4.4.4",
            "Linux inet_csk_listen_stop()",
            move=_go([SYN_RCVD], CLOSED, _app(Call.CRASH, detail="queued"), group=RESET),
        ),
        Rule(
            "app.crash-synsent",
            None,
            "RFC 9293 §3.10.4; Linux tcp_close()",
            move=_go([SYN_SENT], CLOSED, _app(Call.CRASH), group=OPEN),
        ),
        Rule("app.crash-orphan", "3.1", "RFC 9293 §3.10.4; Linux tcp_close()", False),
        Rule("app.crash-nothing", None, "RFC 9293 §3.10.4", False),
        Rule("host.reboot", "4.4.4", "RFC 9293 §3.5.1, §3.4.2", False),  # a crash, then a restart: their rows
        # -- SO_REUSEADDR and bind() --------------------------------------------------------------------
        Rule("app.reuseaddr", "4.1", "Linux sk_reuse; POSIX setsockopt(SO_REUSEADDR)", False),
        Rule("app.reuseaddr-bound", "4.1", "Linux inet_csk_bind_conflict(); POSIX setsockopt(SO_REUSEADDR)", False),
        Rule("app.bind-in-use", "4.1", "Linux inet_csk_bind_conflict(); POSIX bind() (EADDRINUSE)", False),
        Rule("app.listen-beside", None, "Linux inet_csk_bind_conflict() (SO_REUSEADDR)", False),
        # -- keep-alive, and FIN_WAIT_2 without a timer ----------------------------------------------------
        Rule("timer.keepalive", None, "RFC 9293 §3.8.4; RFC 1122 §4.2.3.6", False),
        Rule("timer.keepalive-busy", None, "RFC 1122 §4.2.3.6; Linux tcp_keepalive_timer()", False),
        Rule("timer.keepalive-none", None, "RFC 1122 §4.2.3.6", False),
        Rule(
            "timer.keepalive-dead",
            None,
            "RFC 1122 §4.2.3.6; Linux tcp_keepalive_timer()",
            move=_go(
                [ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2],
                CLOSED,
                On(Trigger.TIMER, (Timer.KEEPALIVE.value, Timer.GIVE_UP.value), "dead"),
                "RST",
                group=RESET,
                alt=("abort_with_ack", True, "RST+ACK"),
            ),
        ),
        Rule("timer.fin-wait-2-forever", "3.2", "RFC 9293 §3.6; Linux tcp_fin_timeout (orphans only)", False),
    )
}

_VERDICT_POINTS = {
    Verdict.CORRECT: 10,
    Verdict.LEGAL: 0,
    Verdict.ILLEGAL: -10,
    Verdict.WRONG_NUMBERS: -5,
    Verdict.NEUTRAL: 0,
}


def points_for(verdict: Verdict, reaction: Reaction | None = None) -> int:
    """Points a verdict earns: right moves score, impossible ones cost; the network's moves are free."""
    return _VERDICT_POINTS[verdict]


TARGETS = {r.id: r.move.target for r in RULES.values() if r.move is not None}  # Step.goto's lookup


def transitions(profile=None) -> list[tuple[Rule, State]]:
    """Every (rule, source state) edge of the diagram, in the table's order; only those that can
    happen under `profile` when one is given."""
    return [
        (r, source)
        for r in RULES.values()
        if r.move is not None and (profile is None or r.move.exists_under(profile))
        for source in r.move.sources
    ]


def rule(rule_id: str) -> Rule:
    """The references of `rule_id`; KeyError names the unknown id."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule id {rule_id!r}") from None
