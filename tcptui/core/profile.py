"""Rule profiles: the choices RFC 9293 leaves open, grouped as the notes, the RFC and Linux make them.

The engine's rules are the same in every profile (RFC 9293 §3.10 with RFC 5961); a profile only
fixes the options where real stacks differ. `Profile.with_options` overrides single options, as
`tcptui explain --rfc1337 --timewait-syn accept-newer` does.
"""

from __future__ import annotations

import enum
from collections import namedtuple


class TimewaitSyn(enum.Enum):
    """What TIME_WAIT does with a SYN for the same 4-tuple."""

    CHALLENGE_ACK = "challenge-ack"  # answer with the old connection's ACK (the notes' §4.2; RFC 9293/5961)
    ACCEPT_NEWER = "accept-newer"  # a SYN with a newer sequence number opens the new connection (RFC 6191, Linux)


class ProfileName(enum.Enum):
    """The three named profiles."""

    TEXTBOOK = "textbook"
    RFC9293 = "rfc9293"
    LINUX = "linux"


class Profile(
    namedtuple(
        "Profile",
        "name timewait_syn rfc1337 msl_seconds timewait_seconds abort_with_ack timewait_rst_challenge synsent_resyn "
        "request_sock reset_at_fin timewait_ack_restarts listen_drops_syn_fin tw_reuse paws_linux "
        "syncookies abort_on_overflow backlog syn_retries synack_retries keepalive two_way bind_needs_reuseaddr",
        defaults=(False, False, False, False, 0, False, False, False, 128, None, None, (7200, 75, 9), False, False),
    )
):
    """One consistent set of choices.

    - timewait_syn: TimewaitSyn; rfc1337: TIME_WAIT ignores RST (RFC 1337 §3).
    - msl_seconds / timewait_seconds: MSL, and how long TIME_WAIT lasts: 2MSL, or Linux's fixed
      60 s (Linux has no MSL setting: msl_seconds is None).
    - abort_with_ack: an abort sends RST+ACK (Linux) rather than a bare RST (RFC 9293 §3.10.5).
    - timewait_rst_challenge: an in-window RST that is not exactly RCV.NXT draws a challenge ACK in
      TIME_WAIT (RFC 5961 §3.2 read for every synchronized state); Linux drops it silently.
    - synsent_resyn: after answering an impossible ACK with RST, SYN_SENT re-sends its SYN at once
      (Linux) instead of waiting for its retransmission timer.
    - request_sock: a passive SYN_RCVD is a request, not yet a connection (Linux's request socket,
      tcp_check_req()): any RST in its window drops it with no RFC 5961 challenge ACK, and an
      in-window SYN that is not the retransmitted one is answered with RST and drops it.
    - reset_at_fin: CLOSE_WAIT, LAST_ACK and CLOSING take a RST numbered at the peer's FIN,
      RCV.NXT − 1 (Linux's tcp_reset_check()); RFC 9293 finds it out of the window.
    - timewait_ack_restarts: a bare ACK at RCV.NXT restarts TIME_WAIT's timer (Linux,
      tcp_timewait_state_process()); RFC 9293 restarts it only for the peer's FIN again.
    - listen_drops_syn_fin: a listener drops a SYN+FIN (Linux, tcp_rcv_state_process()).
    - tw_reuse: Linux's net.ipv4.tcp_tw_reuse: 0 never, 1 always, 2 (its default) only on loopback
      — a connect() may take a 4-tuple whose TIME_WAIT is older than 1 s when both ends use
      timestamps (tcp_twsk_unique()). The game's hosts are not on loopback, so 2 acts as 0.
    - paws_linux: PAWS (RFC 7323 §5.3) as Linux's tcp_paws_discard() applies it: a timestamp
      one below TS.Recent still passes (TCP_PAWS_WINDOW), and so does a duplicate ACK whose
      timestamp is older (tcp_disordered_ack(): ACKs overtaking each other). The RFC rejects
      any timestamp below TS.Recent.
    - syncookies: a SYN that finds the SYN queue full is answered with a SYN cookie (Linux's
      tcp_syncookies = 1, its default; RFC 4987 §3.6) instead of being dropped.
    - abort_on_overflow: a handshake's last ACK that finds the accept queue full is answered with RST
      (Linux's tcp_abort_on_overflow = 1; default 0: dropped).
    - backlog: the queues' size when listen() gives none (128, SOMAXCONN of old; Linux bounds it by
      net.core.somaxconn, 4096 since 5.4).
    - syn_retries / synack_retries: how often an unanswered SYN / SYN+ACK is retransmitted before the
      endpoint gives up (Linux: tcp_syn_retries 6, tcp_synack_retries 5); None: the RFC sets no
      count (RFC 9293 §3.8.3: R2 for a SYN at least 3 minutes) and only `timer give-up` ends it.
    - keepalive: (idle seconds, seconds between probes, probes) — Linux's tcp_keepalive_time,
      _intvl, _probes, also RFC 1122 §4.2.3.6's "no less than two hours".
    - bind_needs_reuseaddr: a listener cannot bind a port a connection still holds (a TIME_WAIT
      included) unless SO_REUSEADDR was set on both (the sockets API: EADDRINUSE, "Address already
      in use"); RFC 9293's passive OPEN knows no such rule, so the textbook profiles allow it.
    - two_way: a TCP that does not exist — a listener opens the connection on the SYN alone —
      to show why the handshake takes three segments (RFC 9293 §3.5, Figure 8). Off everywhere.
    """

    __slots__ = ()

    @classmethod
    def named(cls, name: ProfileName | str) -> Profile:
        """The profile called `name` ('textbook', 'rfc9293', 'linux')."""
        try:
            return PROFILES[ProfileName(name) if isinstance(name, str) else name]
        except ValueError:
            raise ValueError(f"unknown profile {name!r}; expected textbook, rfc9293 or linux") from None

    def with_options(
        self,
        *,
        timewait_syn: TimewaitSyn | None = None,
        rfc1337: bool | None = None,
        tw_reuse: int | None = None,
        syncookies: bool | None = None,
        abort_on_overflow: bool | None = None,
        two_way: bool | None = None,
    ) -> Profile:
        """This profile with some options overridden (None keeps the profile's choice)."""
        given = {
            "timewait_syn": timewait_syn,
            "rfc1337": rfc1337,
            "tw_reuse": tw_reuse,
            "syncookies": syncookies,
            "abort_on_overflow": abort_on_overflow,
            "two_way": two_way,
        }
        changes = {name: value for name, value in given.items() if value is not None}
        return self._replace(**changes) if changes else self


# The notes: "2MSL (2min/MSL)"; a SYN meeting TIME_WAIT gets the old ACK (§4.2).
_TEXTBOOK = Profile(
    name=ProfileName.TEXTBOOK,
    timewait_syn=TimewaitSyn.CHALLENGE_ACK,
    rfc1337=False,
    msl_seconds=120,
    timewait_seconds=240,
    abort_with_ack=False,
    timewait_rst_challenge=True,
    synsent_resyn=False,
)

PROFILES = {
    ProfileName.TEXTBOOK: _TEXTBOOK,
    # RFC 9293 makes the same open choices as the notes; RFC 6191 is an optional improvement there.
    ProfileName.RFC9293: _TEXTBOOK._replace(name=ProfileName.RFC9293),
    # Linux 6.x: tcp_timewait_state_process() accepts a newer SYN; TCP_TIMEWAIT_LEN is 60 s;
    # tcp_send_active_reset() sets ACK; tcp_rfc1337 defaults to 0.
    ProfileName.LINUX: Profile(
        name=ProfileName.LINUX,
        timewait_syn=TimewaitSyn.ACCEPT_NEWER,
        rfc1337=False,
        msl_seconds=None,
        timewait_seconds=60,
        abort_with_ack=True,
        timewait_rst_challenge=False,
        synsent_resyn=True,
        # tcp_check_req() (request sockets), tcp_reset_check(), tcp_timewait_state_process(),
        # tcp_rcv_state_process() in LISTEN; tcp_tw_reuse defaults to 2 (loopback only).
        request_sock=True,
        reset_at_fin=True,
        timewait_ack_restarts=True,
        listen_drops_syn_fin=True,
        tw_reuse=2,
        paws_linux=True,  # tcp_paws_discard(): TCP_PAWS_WINDOW, tcp_disordered_ack()
        # tcp_syncookies=1, tcp_abort_on_overflow=0, tcp_syn_retries=6, tcp_synack_retries=5,
        # tcp_keepalive_time/intvl/probes = 7200/75/9 (Documentation/networking/ip-sysctl.rst).
        syncookies=True,
        syn_retries=6,
        synack_retries=5,
        bind_needs_reuseaddr=True,
    ),
}

DEFAULT_PROFILE = PROFILES[ProfileName.TEXTBOOK]
