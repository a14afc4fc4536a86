"""The interview pack's exam items (issue 13): its reasoning questions (why_interview.toml) and the
questions the engine answers by playing the pack's situations — what a listener does with a SYN or an
ACK when its queues are full, what a keep-alive probe looks like and what it draws, what a killed
process, a crashed host and a rebooted one do, how many SYNs connect() sends, which errno the
application gets. Every right answer (and every distractor drawn from another profile's answer) is the
engine's, never written by hand; each item is tagged with the pack topic it tests."""

from __future__ import annotations

from collections import namedtuple

from ..core.endpoint import App, endpoint_in
from ..core.listener import listener
from ..core.moves import parse_move
from ..core.network import InFlight
from ..core.profile import PROFILES, ProfileName
from ..core.segment import ACK, RST, SYN, SYN_ACK, Segment
from ..core.states import Errno, Side, State
from ..core.world import World
from ..numbers import describe, outcome_params
from ..puzzle.model import Text
from .model import Form, Match, Question, QuestionKind

TEXTBOOK, LINUX = PROFILES[ProfileName.TEXTBOOK], PROFILES[ProfileName.LINUX]
COOKIES_OFF = LINUX.with_options(syncookies=False)
ABORT = LINUX.with_options(abort_on_overflow=True)
X, Y = 1000, 5000  # the client's and the server's ISN: x and y


class Case(namedtuple("Case", "id topic profile start setup move ask side")):
    """One situation: a start (a function of the profile), moves before the one asked about, that move,
    what is asked ("outcome", "state", "errno", "count:KIND" — how many segments of KIND were sent in
    all — or "probe": the segment sent) and of which side."""

    __slots__ = ()


def _world(profile, client, server, wire=()) -> World:
    return World.new(profile=profile, client=client, server=server, wire=wire, seed=3)


def _established(profile, server_app=App.LISTENING, server_listener=None) -> World:
    """Both ESTABLISHED (x = 1000, y = 5000), the server's listener open."""
    client = endpoint_in(State.ESTABLISHED, iss=X, irs=Y)
    server = endpoint_in(State.ESTABLISHED, iss=Y, irs=X, app=server_app)._replace(listener=server_listener)
    return _world(profile, client, server)


def _half_open(profile, queues) -> World:
    """The client in SYN_SENT, the server's SYN+ACK on its way from a 半连接 whose listener has `queues`."""
    client = endpoint_in(State.SYN_SENT, iss=X)
    server = endpoint_in(State.SYN_RCVD, iss=Y, irs=X, app=App.LISTENING)._replace(listener=queues)
    wire = (InFlight(1, Side.SERVER, Segment(SYN_ACK, Y, X + 1), Y),)
    return _world(profile, client, server, wire)


def _listening(profile, queues=None) -> World:
    return _world(profile, endpoint_in(State.CLOSED), endpoint_in(State.LISTEN)._replace(listener=queues))


def _fresh(profile) -> World:
    return _world(profile, endpoint_in(State.CLOSED), endpoint_in(State.CLOSED))


def _stale(profile) -> World:
    """A client connecting again (x' = 9000) while an old duplicate of an earlier SYN (seq 700) is still
    in the network, ahead of the new one: RFC 9293's Figure 8."""
    wire = (
        InFlight(1, Side.CLIENT, Segment(SYN, 700), 700),
        InFlight(2, Side.CLIENT, Segment(SYN, 9000), 9000),
    )
    return _world(profile, endpoint_in(State.SYN_SENT, iss=9000), endpoint_in(State.LISTEN), wire)


def _forged(profile) -> World:
    """A server whose ISN was predicted (1064000) answers a SYN forged in a silenced host's name: the
    attacker's ACK guesses wrong (ack = 1000001)."""
    server = endpoint_in(State.SYN_RCVD, iss=1064000, irs=4000, app=App.LISTENING)
    wire = (InFlight(1, Side.CLIENT, Segment(ACK, 4001, 1000001), 4000),)
    return _world(profile, endpoint_in(State.CLOSED, app=App.DOWN), server, wire)


def _unanswered(profile) -> World:
    """A 半连接 whose client went silent (its host crashed): the server's SYN+ACK retransmissions wait."""
    server = endpoint_in(State.SYN_RCVD, iss=Y, irs=X, app=App.LISTENING)
    return _world(profile, endpoint_in(State.CLOSED, app=App.DOWN), server)


_FULL_ACCEPT = listener(4, 1, queued=1)
_FULL_SYN = listener(4, 4, half_open=4)
_UNACCEPTED = listener(4, 4)._replace(accept_q=(True,))

CASES = (
    # -- the SYN queue and the accept queue --------------------------------------------------------
    Case(
        "acceptq-drop",
        "queues",
        LINUX,
        lambda p: _half_open(p, _FULL_ACCEPT),
        "deliver 1",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "acceptq-client",
        "queues",
        LINUX,
        lambda p: _half_open(p, _FULL_ACCEPT),
        "deliver 1",
        "deliver 1",
        "state",
        Side.CLIENT,
    ),
    Case(
        "acceptq-rst",
        "queues",
        ABORT,
        lambda p: _half_open(p, _FULL_ACCEPT),
        "deliver 1",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "acceptq-rst-errno",
        "queues",
        ABORT,
        lambda p: _half_open(p, _FULL_ACCEPT),
        "deliver 1; deliver 1",
        "deliver 1",
        "errno",
        Side.CLIENT,
    ),
    Case(
        "acceptq-full-syn",
        "queues",
        LINUX,
        lambda p: _listening(p, listener(4, 1, queued=1)),
        "client connect",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "accept-takes",
        "queues",
        LINUX,
        lambda p: _established(p, server_listener=_UNACCEPTED),
        "",
        "server accept",
        "outcome",
        Side.SERVER,
    ),
    # -- SYN flood and cookies -------------------------------------------------------------------------
    Case(
        "synq-cookie",
        "synflood",
        LINUX,
        lambda p: _listening(p, _FULL_SYN),
        "client connect",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "synq-drop",
        "synflood",
        COOKIES_OFF,
        lambda p: _listening(p, _FULL_SYN),
        "client connect",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "cookie-ack",
        "synflood",
        LINUX,
        lambda p: _listening(p, _FULL_SYN),
        "client connect; deliver 1; deliver 1",
        "deliver 1",
        "state",
        Side.SERVER,
    ),
    Case(
        "flood-count",
        "synflood",
        COOKIES_OFF,
        lambda p: _listening(p, listener(4, 4)),
        "",
        "flood 10",
        "count:queued",
        Side.SERVER,
    ),
    # -- too many TIME_WAITs ---------------------------------------------------------------------------
    Case(
        "server-first",
        "timewait-many",
        LINUX,
        _established,
        "server close; deliver 1; deliver 1; client close",
        "deliver 1",
        "state",
        Side.SERVER,
    ),
    Case(
        "bind-in-use",
        "timewait-many",
        LINUX,
        _established,
        "server kill; deliver 1; deliver 1; client close; deliver 1",
        "server listen",
        "errno",
        Side.SERVER,
    ),
    Case(
        "connect-timewait",
        "timewait-many",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1; server close; deliver 1",
        "client connect",
        "errno",
        Side.CLIENT,
    ),
    Case("linger-zero", "timewait-many", LINUX, _established, "", "server abort", "outcome", Side.SERVER),
    # -- too many CLOSE_WAITs --------------------------------------------------------------------------
    Case(
        "closewait-data",
        "closewait",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1; client timer give-up; server send-data 100",
        "deliver 1",
        "outcome",
        Side.CLIENT,
    ),
    Case(
        "closewait-epipe",
        "closewait",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1; client timer give-up; server send-data 100; deliver 1",
        "deliver 1",
        "errno",
        Side.SERVER,
    ),
    Case(
        "closewait-stays",
        "closewait",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1",
        "client timer give-up",
        "state",
        Side.SERVER,
    ),
    # -- keep-alive ---------------------------------------------------------------------------------------
    Case("keepalive-probe", "keepalive", LINUX, _established, "", "server timer keepalive", "probe", Side.SERVER),
    Case(
        "keepalive-live",
        "keepalive",
        LINUX,
        _established,
        "server timer keepalive",
        "deliver 1",
        "outcome",
        Side.CLIENT,
    ),
    Case(
        "keepalive-reboot",
        "keepalive",
        LINUX,
        _established,
        "client reboot; server timer keepalive",
        "deliver 1",
        "outcome",
        Side.CLIENT,
    ),
    Case(
        "keepalive-reboot-errno",
        "keepalive",
        LINUX,
        _established,
        "client reboot; server timer keepalive; deliver 1",
        "deliver 1",
        "errno",
        Side.SERVER,
    ),
    Case(
        "keepalive-dead",
        "keepalive",
        LINUX,
        _established,
        "client crash" + "; server timer keepalive" * 9,
        "server timer keepalive",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "keepalive-dead-errno",
        "keepalive",
        LINUX,
        _established,
        "client crash" + "; server timer keepalive" * 9,
        "server timer keepalive",
        "errno",
        Side.SERVER,
    ),
    # -- crashes ----------------------------------------------------------------------------------------
    Case("kill", "crash", LINUX, _established, "", "server kill", "outcome", Side.SERVER),
    Case("kill-client-sees", "crash", LINUX, _established, "server kill", "deliver 1", "state", Side.CLIENT),
    Case(
        "host-crash",
        "crash",
        LINUX,
        _established,
        "server crash; client send-data 100",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "reboot-rst",
        "crash",
        LINUX,
        _established,
        "server reboot; client send-data 100",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "reboot-errno",
        "crash",
        LINUX,
        _established,
        "server reboot; client send-data 100; deliver 1",
        "deliver 1",
        "errno",
        Side.CLIENT,
    ),
    Case(
        "kill-unaccepted",
        "crash",
        LINUX,
        lambda p: _established(p, server_listener=_UNACCEPTED),
        "",
        "server kill",
        "outcome",
        Side.SERVER,
    ),
    # -- the handshake's why -----------------------------------------------------------------------------
    Case("stale-syn", "three-way", TEXTBOOK, _stale, "", "deliver 1", "outcome", Side.SERVER),
    Case("stale-synack", "three-way", TEXTBOOK, _stale, "deliver 1", "deliver 2", "outcome", Side.CLIENT),
    Case("stale-rst", "three-way", TEXTBOOK, _stale, "deliver 1; deliver 2", "deliver 2", "state", Side.SERVER),
    Case(
        "two-way",
        "three-way",
        TEXTBOOK.with_options(two_way=True),
        _fresh,
        "server listen; client connect; client close",
        "deliver 1",
        "state",
        Side.SERVER,
    ),
    Case("forged-ack", "isn", TEXTBOOK, _forged, "", "deliver 1", "outcome", Side.SERVER),
    Case(
        "simultaneous-count",
        "not-four",
        TEXTBOOK,
        _fresh,
        "client connect; server connect; deliver 1; deliver 1; deliver 1",
        "deliver 1",
        "count:all",
        Side.SERVER,
    ),
    Case(
        "third-data",
        "third-data",
        TEXTBOOK,
        _fresh,
        "server listen; client connect; deliver 1; deliver 1; drop 1; client send-data 100",
        "deliver 1",
        "outcome",
        Side.SERVER,
    ),
    Case(
        "third-rto",
        "third-data",
        TEXTBOOK,
        _fresh,
        "server listen; client connect; deliver 1; deliver 1; drop 1",
        "client timer rto",
        "outcome",
        Side.CLIENT,
    ),
    # -- retries ------------------------------------------------------------------------------------------
    Case(
        "syn-count",
        "retries",
        LINUX,
        _fresh,
        "server crash; client connect" + "; client timer rto" * 6,
        "client timer rto",
        "count:SYN",
        Side.CLIENT,
    ),
    Case(
        "syn-give-up",
        "retries",
        LINUX,
        _fresh,
        "server crash; client connect" + "; client timer rto" * 6,
        "client timer rto",
        "errno",
        Side.CLIENT,
    ),
    Case(
        "synack-give-up",
        "retries",
        LINUX,
        _unanswered,
        "; ".join(["server timer rto"] * 5),
        "server timer rto",
        "outcome",
        Side.SERVER,
    ),
    # -- FIN_WAIT_2 ---------------------------------------------------------------------------------------
    Case(
        "finwait2-shutdown",
        "finwait2",
        LINUX,
        _established,
        "client shutdown; deliver 1; deliver 1",
        "client timer give-up",
        "outcome",
        Side.CLIENT,
    ),
    Case(
        "finwait2-close",
        "finwait2",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1",
        "client timer give-up",
        "outcome",
        Side.CLIENT,
    ),
    Case(
        "finwait2-late-fin",
        "finwait2",
        LINUX,
        _established,
        "client close; deliver 1; deliver 1; client timer give-up; server close",
        "deliver 1",
        "outcome",
        Side.CLIENT,
    ),
    # -- errno --------------------------------------------------------------------------------------------
    Case("refused", "errno", TEXTBOOK, _fresh, "client connect; deliver 1", "deliver 1", "errno", Side.CLIENT),
    Case("reset", "errno", TEXTBOOK, _established, "server abort", "deliver 1", "errno", Side.CLIENT),
    Case(
        "send-after-shutdown",
        "errno",
        TEXTBOOK,
        _established,
        "client shutdown",
        "client send-data 100",
        "errno",
        Side.CLIENT,
    ),
    Case(
        "give-up-synsent",
        "errno",
        TEXTBOOK,
        _fresh,
        "server crash; client connect",
        "client timer give-up",
        "errno",
        Side.CLIENT,
    ),
)

ERRNOS = tuple(Errno)[:4]  # ECONNREFUSED ETIMEDOUT ECONNRESET EPIPE: the four every interview asks about
_ERRNO_WORDS = {  # what strerror() prints, also accepted when typed
    "ECONNREFUSED": ("connection refused",),
    "ETIMEDOUT": ("connection timed out", "timed out"),
    "ECONNRESET": ("connection reset by peer", "connection reset"),
    "EPIPE": ("broken pipe",),
    "EADDRINUSE": ("address already in use",),
    "EADDRNOTAVAIL": ("cannot assign requested address",),
}


def engine_items() -> list[Question]:
    """One question per case, answered by playing it through the engine."""
    return [_item(case) for case in CASES]


def _play(case: Case, profile=None):
    """(the world before the move, the outcomes that led there, the move's outcome) under `profile`
    (default: the case's)."""
    profile = case.profile if profile is None else profile
    world = case.start(profile)
    history = []
    for text in [t for t in case.setup.split("; ") if t]:
        outcome = world.apply(parse_move(text))
        history.append(outcome)
        world = outcome.world
    return world, tuple(history), world.apply(parse_move(case.move))


def _item(case: Case) -> Question:
    from .items import CONFUSABLE, _choices, _same, _ui, rng_for
    from .scenarios import ladder

    before, history, outcome = _play(case)
    qid, rng = f"interview:{case.id}", rng_for(f"interview:{case.id}")
    topic = f"interview.{case.topic}"
    setup = _ui(f"exam.iv.{case.id}")
    ask = case.ask
    side_words = Text(*(_side(case.side, lang) for lang in ("en", "zh")))
    if ask == "state":
        state = outcome.world.endpoint(case.side).state
        wrong = [_same(s.value) for s in CONFUSABLE[state][:3]]
        choices, answer = _choices(_same(state.value), wrong, rng)
        question = _ask("exam.q.state-after", side_words)
        typed, match, accepted = state.value, Match.STATE, ()
    elif ask == "errno":
        got = str(dict(outcome.params)["errno"])
        names = [e.value for e in ERRNOS if e.value != got]
        rng.shuffle(names)
        choices, answer = _choices(_same(got), [_same(n) for n in names[:3]], rng)
        question = _ask("exam.q.iv-errno", side_words)
        typed, match, accepted = got, Match.TEXT, _ERRNO_WORDS.get(got, ())
    elif ask.startswith("count:"):
        n = _count(history + (outcome,), ask.split(":", 1)[1])
        wrong = sorted({max(0, n + d) for d in (-2, -1, 1, 2)} - {n})[:3]
        choices, answer = _choices(_same(str(n)), [_same(str(w)) for w in wrong], rng)
        question = _ui(f"exam.q.iv-count-{ask.split(':', 1)[1].lower()}")
        typed, match, accepted = str(n), Match.TEXT, (f"{n}个", f"{n} 个")
    elif ask == "probe":
        symbols = outcome.world.symbols
        right = describe(outcome.sent[0].segment, symbols, True, case.side)
        seg = outcome.sent[0].segment
        near = [
            seg._replace(seq=(seg.seq + 1) % (1 << 32)),
            seg._replace(flags=SYN_ACK),
            seg._replace(flags=RST, ack=0),
        ]
        wrong = [_same(describe(s, symbols, True, case.side)) for s in near]
        choices, answer = _choices(_same(right), wrong, rng)
        question = _ask("exam.q.iv-probe", side_words)
        typed, match, accepted = "", Match.TEXT, ()
    else:
        right = _outcome_text(before, outcome, case.side)
        wrong = _outcome_distractors(case, before, right)
        choices, answer = _choices(right, wrong[:3], rng)
        question = _ask("exam.q.iv-outcome", side_words)
        typed, match, accepted = "", Match.TEXT, ()
    prompt = Text(*(f"{setup.get(lang)}{glue}{question.get(lang)}" for lang, glue in (("en", " "), ("zh", ""))))
    return Question(
        qid,
        QuestionKind.STATE_AFTER if ask == "state" else QuestionKind.REACTION,
        Form.CHOICE,
        topic,
        prompt,
        ladder(history + ((outcome,) if ask == "state" else ())),  # a state is asked after the whole ladder
        choices,
        answer,
        typed,
        accepted,
        match,
        outcome.rule,
        outcome_params(outcome),
    )


def _side(side: Side, lang: str) -> str:
    from ..text import ui

    return ui(f"exam.side.{side.value}", lang)


def _ask(key: str, side_words: Text) -> Text:
    from ..text import ui

    return Text(ui(key, "en", side=side_words.en), ui(key, "zh", side=side_words.zh))


def _count(outcomes, what: str) -> int:
    """Segments sent over the whole play: all of them, those of one kind, or the SYN queue's take."""
    if what == "queued":
        return dict(outcomes[-1].params)["queued"]
    sent = [item.segment for o in outcomes for item in o.sent]
    if what == "all":
        return len(sent)
    return sum(1 for seg in sent if seg.label == what)


def _outcome_text(before, outcome, side: Side) -> Text:
    """'It sends RST and goes to LISTEN' / 'It sends nothing and stays in SYN_RCVD', from the engine's outcome."""
    labels = tuple(item.segment.label for item in outcome.sent if item.src is side)
    return _say(labels, before.endpoint(side).state, outcome.world.endpoint(side).state)


def _say(labels: tuple, old: State, new: State) -> Text:
    from ..text import ui

    texts = []
    for lang in ("en", "zh"):
        sends = ui("exam.iv.sends", lang, segments=" + ".join(labels)) if labels else ui("exam.iv.silent", lang)
        where = ui("exam.iv.stays" if new is old else "exam.iv.goes", lang, state=new.value)
        texts.append(ui("exam.iv.outcome", lang, sends=sends, where=where))
    return Text(*texts)


def _outcome_distractors(case: Case, before, right: Text) -> list[Text]:
    """Wrong answers a student would give: what another profile's engine answers (cookies on or off,
    abort on overflow or not, the RFC or Linux), then the usual confusions."""
    old = before.endpoint(case.side).state
    seen, out = {right.en}, []
    for profile in (
        case.profile.with_options(syncookies=not case.profile.syncookies),
        case.profile.with_options(abort_on_overflow=not case.profile.abort_on_overflow),
        TEXTBOOK if case.profile.name is ProfileName.LINUX else LINUX,
    ):
        other_before, _, other = _play(case, profile)
        text = _outcome_text(other_before, other, case.side)
        if text.en not in seen:
            seen.add(text.en)
            out.append(text)
    usual = [
        ((), old),
        (("RST",), old),
        (("RST",), State.CLOSED),
        (("ACK",), old),
        (("SYN+ACK",), old),
        ((), State.CLOSED),
        (("FIN+ACK",), State.FIN_WAIT_1),
        ((), State.LISTEN),
        (("ACK",), State.ESTABLISHED),
    ]
    for labels, state in usual:
        text = _say(labels, old, state)
        if text.en not in seen:
            seen.add(text.en)
            out.append(text)
    return out


def interview_items() -> list[Question]:
    """Every item of the pack, in a fixed order: the engine's, then the reasoning questions."""
    from .items import why_items

    return engine_items() + why_items("why_interview.toml")


__all__ = ["CASES", "Case", "engine_items", "interview_items"]
