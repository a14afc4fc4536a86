"""One endpoint, one event: the question `tcptui explain STATE EVENT` asks of the engine.

An endpoint is set up in the requested state with round numbers (its ISS 1000, its peer's 5000,
100 bytes in flight where a state has data outstanding) by the core's checked constructor
`endpoint_in`, the event's segment is built from the qualifier against that TCB, and the engine
answers. The answer is a value; the command line adds the words. This is the command's
presentation of the engine (its fixtures and its EVENT language), so it lives beside the command,
not in the core.

Fixtures, per state: CLOSED has no listener; LISTEN, SYN_RCVD and TIME_WAIT belong to a server
whose listening socket is open (TIME_WAIT: the server closed first); FIN_WAIT_1/2 half-closed
with shutdown() (after close() data would be answered with RST — see rule data.after-close).
Where the peer's FIN has already arrived, `recv:FIN` means that FIN again (its ACK was lost): the
default the classic questions ask about (`explain TIME_WAIT FIN`).

Some events shape the fixture (../shared/conformance/README.md, second part): the qualifiers
`synq-full` and `acceptq-full` give the endpoint a listener (4 places in each queue) whose SYN
queue, or accept queue, is full — the probed SYN_RCVD is then the 半连接 whose last ACK arrives;
`app:accept` finds an ESTABLISHED or CLOSE_WAIT connection waiting in its listener's accept queue;
`timer:keepalive` an idle connection (nothing in flight).
"""

from __future__ import annotations

import enum
from collections import namedtuple

from ..core.endpoint import App, Endpoint, endpoint_in
from ..core.listener import listener
from ..core.profile import Profile
from ..core.segment import ACK, DEFAULT_DATA, FIN, PSH, SYN, Flags, Segment, seq_add
from ..core.states import Call, State, Timer

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import Any

ISS = 1000  # the probed endpoint's ISS (x)
PEER_ISS = 5000  # its peer's (y)
NEW_ISN = 9000  # an ISN the probed endpoint would pick for a new connection
IN_FLIGHT = 100  # bytes sent and not yet acknowledged, in ESTABLISHED
FAR = 1 << 24  # how far "lowseq"/"highseq" lie from RCV.NXT


class Qualifier(enum.Enum):
    """How an arriving segment's numbers relate to the receiver's TCB."""

    OK = "ok"
    OLDACK = "oldack"
    BADACK = "badack"
    OLD = "old"
    INWINDOW = "inwindow"
    OUTWINDOW = "outwindow"
    LOWSEQ = "lowseq"
    HIGHSEQ = "highseq"
    SYNQ_FULL = "synq-full"  # the listener's SYN queue is full (the numbers are those of `ok`)
    ACCEPTQ_FULL = "acceptq-full"  # the listener's accept queue is full


QUEUE_PLACES = 4  # each queue of a probed listener


class EventKind(enum.Enum):
    """recv:, send:, app: or timer:."""

    RECV = "recv"
    SEND = "send"
    APP = "app"
    TIMER = "timer"


class Event(namedtuple("Event", "kind flags qualifier call timer unread", defaults=(False,))):
    """A parsed EVENT: flags and qualifier for recv/send, a Call for app, a Timer for timer;
    unread: the call meets received data the application has not read (app:close:unread, and
    app:crash:unread: the process dies without reading it)."""

    __slots__ = ()


class Answer(namedtuple("Answer", "state event next_state sent legal rule verdict reaction params segment changes")):
    """What the engine says: the state it ends in, what it sends, whether the move is legal, and why
    (changes: the core's Change values, each with the rule that made it)."""

    __slots__ = ()


# The fixtures' shapes: what differs from "a client with nothing in flight" (endpoint_in's defaults).
_FIXTURES: dict[State, dict[str, Any]] = {  # endpoint_in's keywords
    State.LISTEN: {},
    State.SYN_RCVD: {"app": App.LISTENING},  # a server's passive open
    State.ESTABLISHED: {"snd_nxt": seq_add(ISS, 1 + IN_FLIGHT), "snd_una": seq_add(ISS, 1)},
    State.LAST_ACK: {"app": App.LISTENING},  # the server closed second
    State.TIME_WAIT: {"app": App.LISTENING},  # the server closed first
}


def fixture(state: State) -> Endpoint:
    """The endpoint `explain` probes, in `state`, with round numbers."""
    if not state.has_tcb:
        return endpoint_in(state)
    irs = None if state is State.SYN_SENT else PEER_ISS
    return endpoint_in(state, iss=ISS, irs=irs, **_FIXTURES.get(state, {}))


def arriving(ep: Endpoint, flags: Flags, qualifier: Qualifier) -> Segment:
    """The segment for recv:FLAGS:QUALIFIER, numbered against `ep`'s TCB."""
    tcb, state = ep.tcb, ep.state
    if flags == FIN and state.has_tcb and state is not State.SYN_SENT:
        flags = FIN | ACK  # a bare FIN in a synchronized state means FIN+ACK, as every stack sends it
    length = DEFAULT_DATA if PSH in flags else 0
    opening = state in (State.CLOSED, State.LISTEN, State.SYN_SENT)
    seq = PEER_ISS if opening else tcb.rcv_nxt
    ack = tcb.snd_nxt if state.has_tcb else 4242
    if SYN in flags and not opening and ACK not in flags:
        # A SYN for a new connection: its ISN is fresh, so usually ahead of the old one's numbers.
        seq = seq_add(tcb.rcv_nxt, FAR)
    if FIN in flags and state.fin_received and qualifier is Qualifier.OK:
        # The peer's FIN already arrived (CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT): a FIN now is that
        # FIN again, its ACK lost (§4.1 b) — the classic question, not a segment no peer can send.
        qualifier = Qualifier.OLD
    if qualifier is Qualifier.OLDACK:
        ack = tcb.snd_una
    elif qualifier is Qualifier.BADACK:
        ack = seq_add(tcb.snd_nxt, 1000)
    elif qualifier is Qualifier.OLD:
        span = length + (SYN in flags) + (FIN in flags)
        seq = seq_add(tcb.rcv_nxt, -(span or 1))
    elif qualifier is Qualifier.INWINDOW:
        seq = seq_add(tcb.rcv_nxt, tcb.rcv_wnd // 2)
    elif qualifier is Qualifier.OUTWINDOW:
        seq = seq_add(tcb.rcv_nxt, tcb.rcv_wnd + 1000)
    elif qualifier is Qualifier.LOWSEQ:
        seq = seq_add(tcb.rcv_nxt, -FAR)
    elif qualifier is Qualifier.HIGHSEQ:
        seq = seq_add(tcb.rcv_nxt, FAR)
    return Segment(flags, seq, ack if ACK in flags else 0, length)


def fixture_for(state: State, event: Event) -> Endpoint:
    """The fixture of `state`, shaped as `event` needs it (see the module's docstring)."""
    ep = fixture(state)
    if event.qualifier is Qualifier.SYNQ_FULL:
        full = listener(QUEUE_PLACES, half_open=QUEUE_PLACES)
        return ep._replace(app=ep.app | App.LISTENING, listener=full)
    if event.qualifier is Qualifier.ACCEPTQ_FULL:
        full = listener(QUEUE_PLACES, queued=QUEUE_PLACES)
        return ep._replace(app=ep.app | App.LISTENING, listener=full)
    if event.call is Call.ACCEPT and state in (State.ESTABLISHED, State.CLOSE_WAIT):
        waiting = listener(QUEUE_PLACES)._replace(accept_q=(True,))
        return ep._replace(app=ep.app | App.LISTENING, listener=waiting, passive=True)
    if event.timer is Timer.KEEPALIVE and state.synchronized and ep.unacked:
        return ep._replace(tcb=ep.tcb._replace(snd_una=ep.tcb.snd_nxt))  # idle: everything acknowledged
    return ep


def probe(state: State, event: Event, profile: Profile) -> Answer:
    """Put an endpoint in `state`, let `event` happen, and report."""
    ep = fixture_for(state, event)
    if event.unread and ep.state.has_tcb:  # its application holds 100 received bytes it has not read
        ep = ep._replace(tcb=ep.tcb._replace(unread=DEFAULT_DATA), app=ep.app | App.HOLDING)
    segment = None
    # Each kind of event loads only the part of the engine it needs (explain starts as fast as it can).
    if event.kind is EventKind.RECV:
        from ..core.arrive import Arrival, on_segment

        segment = arriving(ep, event.flags, event.qualifier)
        res = on_segment(ep, segment, Arrival(profile=profile, isn=NEW_ISN))
        legal = True
    elif event.kind is EventKind.SEND:
        from ..core.validate import is_legal, judge_send

        length = DEFAULT_DATA if PSH in event.flags else 0
        flags = event.flags | ACK if event.flags == FIN and state.synchronized else event.flags
        res = judge_send(ep, flags, profile, NEW_ISN, length=length)
        segment = res.sent[0]
        legal = is_legal(res.verdict)
    elif event.kind is EventKind.APP:
        from ..core.calls import on_call
        from ..core.validate import is_legal

        res = on_call(ep, event.call, profile, NEW_ISN)
        legal = is_legal(res.verdict)  # the call is allowed now (connect() on a TIME_WAIT 4-tuple is not)
    else:
        from ..core.calls import on_timer

        res = on_timer(ep, event.timer, profile)
        legal = True
    sent = tuple(s.label for s in res.sent) if legal else ()
    return Answer(
        state=state,
        event=event,
        next_state=res.endpoint.state,
        sent=sent,
        legal=legal,
        rule=res.rule,
        verdict=res.verdict,
        reaction=res.reaction,
        params=res.params,
        segment=segment,
        changes=res.changes,
    )


class Assumption(namedtuple("Assumption", "key instead")):
    """A default `explain` fills in where the EVENT leaves it open: key names its words (`assume.*` in
    the catalogues), instead is the Event that asks about the other case (None if no EVENT can)."""

    __slots__ = ()


def assumptions(state: State, event: Event) -> list[Assumption]:
    """The defaults `arriving` and the fixtures fill in for `event` in `state` that may decide the
    answer. The caller shows one only where the answer depends on it (the other case answers otherwise,
    or there is no other case to ask about)."""
    if event.kind is not EventKind.RECV or not state.has_tcb or event.qualifier is not Qualifier.OK:
        return []
    out = []
    flags = event.flags
    bare_fin = flags == FIN and state is not State.SYN_SENT
    if FIN in flags and state.fin_received:
        # arriving() makes it the peer's FIN again; there is no other FIN to ask about.
        out.append(Assumption("assume.fin-again", None))
    elif (ACK in flags or bare_fin) and state not in (State.SYN_SENT, State.LISTEN):
        # SEG.ACK = SND.NXT: it acknowledges everything sent, our FIN included (conformance README).
        other = event._replace(flags=flags | ACK, qualifier=Qualifier.OLDACK)
        out.append(Assumption("assume.fin-ack" if bare_fin else "assume.ack-all", other))
    if SYN in flags and ACK not in flags and state.synchronized:
        # A new connection's ISN lies above the old RCV.NXT (RFC 6191's test in TIME_WAIT).
        out.append(Assumption("assume.new-isn", event._replace(qualifier=Qualifier.LOWSEQ)))
    if PSH in flags and state in (State.FIN_WAIT_1, State.FIN_WAIT_2):
        out.append(Assumption("assume.shutdown", None))  # the fixture half-closed; see data.after-close
    return out


def parse_event(text: str) -> Event:
    """'recv:SYN+ACK:oldack', 'SYN', 'send:DATA', 'app:close', 'timer:2msl'; ValueError if not."""
    parts = text.strip().split(":")
    head = parts[0].lower()
    if head in ("app", "timer"):
        words = [part.lower() for part in parts]
        unread = head == "app" and len(words) == 3 and words[1] in ("close", "crash") and words[2] == "unread"
        if len(parts) != 2 and not unread:
            raise ValueError(
                f"event {text!r}: expected {head}:NAME" + (" or app:close|crash:unread" if head == "app" else "")
            )
        if head == "app":
            calls = "|".join(c.value for c in Call)
            try:
                call = Call(parts[1].lower())
            except ValueError:
                raise ValueError(f"event {text!r}: expected app:{calls} or app:close|crash:unread") from None
            return Event(kind=EventKind.APP, flags=None, qualifier=None, call=call, timer=None, unread=unread)
        try:
            return Event(kind=EventKind.TIMER, flags=None, qualifier=None, call=None, timer=Timer(parts[1].lower()))
        except ValueError:
            raise ValueError(f"event {text!r}: expected timer:{'|'.join(t.value for t in Timer)}") from None
    kind = EventKind.RECV
    if head in ("recv", "send"):
        kind = EventKind(head)
        parts = parts[1:]
    if not parts or len(parts) > (2 if kind is EventKind.RECV else 1) or not parts[0]:
        raise ValueError(f"event {text!r}: expected recv:FLAGS[:QUALIFIER], send:FLAGS, app:CALL or timer:NAME")
    flags = Flags.parse(parts[0])
    if "DATA" in parts[0].upper():
        flags |= PSH | ACK
    qualifier = Qualifier.OK
    if len(parts) == 2:
        try:
            qualifier = Qualifier(parts[1].lower())
        except ValueError:
            names = "|".join(q.value for q in Qualifier)
            raise ValueError(f"event {text!r}: unknown qualifier {parts[1]!r}; expected {names}") from None
    return Event(kind=kind, flags=flags, qualifier=qualifier, call=None, timer=None)


def all_events() -> list[Event]:
    """Every event `explain` knows, for the state × event product test and the help screen."""
    kinds = ("SYN", "SYN+ACK", "ACK", "DATA", "FIN", "FIN+ACK", "RST", "RST+ACK")
    events = [parse_event(f"recv:{k}:{q.value}") for k in kinds for q in Qualifier]
    events += [parse_event(f"send:{k}") for k in kinds]
    events += [Event(kind=EventKind.APP, flags=None, qualifier=None, call=call, timer=None) for call in Call]
    events += [
        Event(kind=EventKind.APP, flags=None, qualifier=None, call=call, timer=None, unread=True)
        for call in (Call.CLOSE, Call.CRASH)
    ]
    events += [Event(kind=EventKind.TIMER, flags=None, qualifier=None, call=None, timer=timer) for timer in Timer]
    return events


def event_text(event: Event) -> str:
    """The EVENT as written on the command line."""
    from ..core.segment import label_of

    if event.kind is EventKind.APP:
        return f"app:{event.call.value}" + (":unread" if event.unread else "")
    if event.kind is EventKind.TIMER:
        return f"timer:{event.timer.value}"
    label = label_of(event.flags, DEFAULT_DATA if PSH in event.flags else 0)
    if event.kind is EventKind.SEND:
        return f"send:{label}"
    suffix = "" if event.qualifier is Qualifier.OK else f":{event.qualifier.value}"
    return f"recv:{label}{suffix}"


class Transition(namedtuple("Transition", "state event sent next_state rule")):
    """One edge of the state diagram: in `state`, `event` sends `sent` and leads to `next_state`."""

    __slots__ = ()


def transitions(profile: Profile) -> list[Transition]:
    """The state diagram, read off the engine itself: every event (with ordinary numbers) that
    moves an endpoint to another state. The help screen draws it; nobody writes it by hand."""
    edges = []
    for state in State:
        for event in all_events():
            if event.kind is EventKind.RECV and event.qualifier not in (Qualifier.OK, Qualifier.OLDACK):
                continue  # ordinary numbers, and an ACK that does not cover our FIN (FINs crossing)
            answer = probe(state, event, profile)
            if answer.next_state is not state and answer.legal:
                edges.append(Transition(state, event, answer.sent, answer.next_state, answer.rule))
    return edges
