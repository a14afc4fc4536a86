"""Every decision tcptui makes has a stable rule id. This table maps each id to its references.

- doc: the section of the notes (../shared/seed/SECTIONS.md) whose reasoning explains it, or None
  when the notes do not reach that far (simultaneous open, challenge ACKs …).
- rfc: the RFC section that decides it.
- simplifies: the notes say something simpler here; the explanation says so, kindly.

The explanations themselves live in tcptui/text/<lang>.py, one catalogue per language, keyed by
these ids. The tests fail if an id lacks a reference or a language.
"""

from __future__ import annotations

from collections import namedtuple

from .states import Reaction, Verdict


class Rule(namedtuple("Rule", "id doc rfc simplifies")):
    """One rule's references."""

    __slots__ = ()


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
        Rule("handshake.syn-received", "2", "RFC 9293 §3.10.7.2", False),
        Rule("listen.drop-other", None, "RFC 9293 §3.10.7.2", False),
        # -- SYN_SENT (§3.10.7.3) ---------------------------------------------------------------
        Rule("synsent.bad-ack", "4.2", "RFC 9293 §3.10.7.3", False),
        Rule("synsent.rst-bad-ack", "4.3", "RFC 9293 §3.10.7.3", _T),
        Rule("rst.refused", "4.4.1", "RFC 9293 §3.10.7.3", False),
        Rule("synsent.rst-ignored", "4.3", "RFC 9293 §3.10.7.3; RFC 5961 §3", _T),
        Rule("handshake.synack", "2", "RFC 9293 §3.10.7.3", False),
        Rule("handshake.simultaneous-open", None, "RFC 9293 §3.10.7.3, §3.5 (Figure 7)", False),
        Rule("synsent.drop-other", None, "RFC 9293 §3.10.7.3", False),
        # -- the other states (§3.10.7.4): sequence number, RST, SYN -----------------------------
        Rule("seq.old-duplicate", None, "RFC 9293 §3.10.7.4 (first)", False),
        Rule("seq.out-of-window", None, "RFC 9293 §3.10.7.4 (first)", False),
        Rule("rst.out-of-window", "4.3", "RFC 9293 §3.10.7.4; RFC 5961 §3.2", _T),
        Rule("rst.challenge-ack", "4.3", "RFC 9293 §3.10.7.4 (second); RFC 5961 §3.2", _T),
        Rule("rst.synrcvd-passive", "4.3", "RFC 9293 §3.10.7.4 (second)", _T),
        Rule("rst.synrcvd-active", "4.3", "RFC 9293 §3.10.7.4 (second)", False),
        Rule("rst.reset", "4.3", "RFC 9293 §3.10.7.4 (second)", False),
        Rule("rst.closing", "4.3", "RFC 9293 §3.10.7.4 (second)", False),
        Rule("synrcvd.syn-retransmit", "2", "RFC 9293 §3.10.7.4; §3.8.1", False),
        Rule("synrcvd.syn-passive", None, "RFC 9293 §3.10.7.4 (fourth)", False),
        Rule("syn.challenge-ack", "4.2", "RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2", False),
        # -- ACK ------------------------------------------------------------------------------------
        Rule("ack.missing", None, "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("handshake.ack", "2", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("handshake.simultaneous-ack", None, "RFC 9293 §3.5 (Figure 7)", False),
        Rule("synrcvd.bad-ack", "4.4.4", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("ack.future", None, "RFC 9293 §3.10.7.4 (fifth); RFC 5961 §5.2", False),
        Rule("ack.too-old", None, "RFC 5961 §5.2", False),
        Rule("ack.accept", "1", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("ack.duplicate", None, "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("close.fin-acked", "3.2", "RFC 9293 §3.10.7.4 (fifth), §3.6", False),
        Rule("close.fin-not-acked", "3.2", "RFC 9293 §3.10.7.4 (fifth)", False),
        Rule("close.closing-acked", None, "RFC 9293 §3.10.7.4 (fifth), §3.6 (Figure 13)", False),
        Rule("close.last-ack", "3.4", "RFC 9293 §3.10.7.4 (fifth)", False),
        # -- text and FIN ---------------------------------------------------------------------------
        Rule("data.accept", "1", "RFC 9293 §3.10.7.4 (seventh)", False),
        Rule("data.accept-half-closed", "3.2", "RFC 9293 §3.10.7.4 (seventh), §3.6.1", False),
        Rule("data.out-of-order", None, "RFC 9293 §3.10.7.4 (seventh), §3.4", False),
        Rule("data.after-close", "3.2", "RFC 1122 §4.2.2.13; RFC 9293 §3.6.1", _T),
        Rule("data.after-fin", "3.2", "RFC 9293 §3.10.7.4 (seventh)", False),
        Rule("data.late-accepted", "4.1", "RFC 9293 §3.4.3, §3.6.1", False),
        Rule("close.fin-received", "3.2", "RFC 9293 §3.10.7.4 (eighth)", False),
        Rule("close.fin-ack-shortcut", "3.4", "RFC 9293 §3.10.7.4 (fifth, eighth)", False),
        Rule("close.simultaneous", None, "RFC 9293 §3.10.7.4 (eighth), §3.6 (Figure 13)", False),
        Rule("close.fin-wait-2-fin", "3.4", "RFC 9293 §3.10.7.4 (eighth)", False),
        # -- TIME_WAIT --------------------------------------------------------------------------------
        Rule("timewait.fin-reack", "4.1", "RFC 9293 §3.10.7.4 (eighth, TIME-WAIT)", False),
        Rule("timewait.late-segment", "4.1", "RFC 9293 §3.10.7.4 (first)", False),
        Rule("timewait.ack", "4.1", "RFC 9293 §3.10.7.4 (fifth, TIME-WAIT)", False),
        Rule("timewait.syn-reuse", "4.2", "RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2", False),
        Rule("timewait.syn-accept-newer", "4.2", "RFC 6191 §2; RFC 1122 §4.2.2.13", _T),
        Rule("timewait.rst", "4.2", "RFC 9293 §3.10.7.4 (second); RFC 1337", False),
        Rule("timewait.rst-rfc1337", "4.2", "RFC 1337 §3", _T),
        Rule("timewait.rst-ignored", "4.3", "RFC 5961 §3.2; Linux tcp_timewait_state_process()", _T),
        Rule("timewait.2msl-expired", "3.4", "RFC 9293 §3.10.8, §3.4.2", _T),
        # -- application calls (§3.10.1–3.10.5) --------------------------------------------------
        Rule("app.listen", "2", "RFC 9293 §3.10.1", False),
        Rule("app.listen-beside-timewait", "4.2", "RFC 9293 §3.10.1", False),
        Rule("app.listen-exists", None, "RFC 9293 §3.10.1", False),
        Rule("app.connect", "2", "RFC 9293 §3.10.1", _T),
        Rule("app.connect-from-listen", None, "RFC 9293 §3.10.1", False),
        Rule("app.connect-exists", None, "RFC 9293 §3.10.1", False),
        Rule("app.connect-timewait", "4.1", "RFC 9293 §3.4.2, §3.10.1", False),
        Rule("app.send", "1", "RFC 9293 §3.10.2", False),
        Rule("app.send-close-wait", "3.2", "RFC 9293 §3.10.2, §3.6.1", False),
        Rule("app.send-queued", "3.1", "RFC 9293 §3.10.2", False),
        Rule("app.send-closing", "3.1", "RFC 9293 §3.10.2", False),
        Rule("app.send-no-connection", None, "RFC 9293 §3.10.2", False),
        Rule("app.close", "3.1", "RFC 9293 §3.10.4", False),
        Rule("app.close-passive", "3.3", "RFC 9293 §3.10.4", False),
        Rule("app.close-queued", "3.1", "RFC 9293 §3.10.4", False),
        Rule("app.close-queued-fin", "3.1", "RFC 9293 §3.10.4", False),
        Rule("app.close-synsent", None, "RFC 9293 §3.10.4", False),
        Rule("app.close-listen", None, "RFC 9293 §3.10.4", False),
        Rule("app.close-after-shutdown", "3.2", "RFC 1122 §4.2.2.13; RFC 9293 §3.6.1", False),
        Rule("app.close-closing", "3.1", "RFC 9293 §3.10.4", False),
        Rule("app.close-no-connection", None, "RFC 9293 §3.10.4", False),
        Rule("app.shutdown-listen", None, "RFC 9293 §3.10.4", False),
        Rule("app.abort", "4.4.3", "RFC 9293 §3.10.5", False),
        Rule("app.abort-silent", "4.4.3", "RFC 9293 §3.10.5", False),
        # -- timers (§3.10.8) -------------------------------------------------------------------------
        Rule("timer.rto-syn", "2", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-synack", "2", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-data", "1", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-fin", "4.1", "RFC 9293 §3.8.1, §3.10.8", False),
        Rule("timer.rto-idle", None, "RFC 9293 §3.8.1", False),
        Rule("timer.2msl-idle", "3.4", "RFC 9293 §3.10.8", False),
        Rule("timer.give-up-synsent", "2", "RFC 9293 §3.8.3", False),
        Rule("timer.give-up-synrcvd", "4.4.2", "RFC 9293 §3.8.3", False),
        Rule("timer.give-up", None, "RFC 9293 §3.8.3", False),
        Rule("timer.fin-wait-2-timeout", "3.2", "RFC 9293 §3.6; Linux tcp_fin_timeout", False),
        Rule("timer.give-up-idle", None, "RFC 9293 §3.8.3", False),
        # -- hosts ----------------------------------------------------------------------------------
        Rule("host.crash", "4.4.4", "RFC 9293 §3.5.1", False),
        Rule("host.restart", "4.4.4", "RFC 9293 §3.5.1, §3.4.2", False),
        Rule("host.down", "4.4.4", "RFC 9293 §3.5.1", False),
        Rule("host.is-down", "4.4.4", "RFC 9293 §3.5.1", False),
        Rule("host.not-down", None, "RFC 9293 §3.5.1", False),
        # -- the network ------------------------------------------------------------------------------
        Rule("net.drop", "1", "RFC 9293 §3.8.1", False),
        Rule("net.duplicate", "4.1", "RFC 9293 §3.4", False),
        Rule("net.no-such-segment", None, "RFC 9293 §3.8", False),
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


def rule(rule_id: str) -> Rule:
    """The references of `rule_id`; KeyError names the unknown id."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule id {rule_id!r}") from None
