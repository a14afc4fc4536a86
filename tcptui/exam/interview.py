"""The interview pack's exam items (issue 13): its reasoning questions (why_interview.toml) and the
questions the engine answers by playing the pack's situations — what a listener does with a SYN or an
ACK when its queues are full, what a keep-alive probe looks like and what it draws, what a killed
process, a crashed host and a rebooted one do, how many SYNs connect() sends, which errno the
application gets. Every right answer (and every distractor drawn from another profile's answer) is the
engine's, never written by hand; each item is tagged with the pack topic it tests."""

from __future__ import annotations

import functools
import tomllib
from collections import namedtuple
from importlib import resources

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
X, Y = 1000, 5000  # the client's and the server's ISN: x and y


class Case(namedtuple("Case", "id topic profile start setup move ask side prompt")):
    """One situation (interview.toml): a start (a function of the profile), moves before the one asked
    about, that move, what is asked ("outcome", "state", "errno", "count:KIND" — how many segments of
    KIND were sent in all — or "probe": the segment sent), of which side, and the situation in words."""

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


_STARTS = {
    "established": _established,
    "fresh": _fresh,
    "stale-syn": _stale,
    "forged-ack": _forged,
    "unanswered-synack": _unanswered,
    "half-open-full-accept": lambda p: _half_open(p, listener(4, 1, queued=1)),
    "listening-full-syn": lambda p: _listening(p, listener(4, 4, half_open=4)),
    "listening-full-accept": lambda p: _listening(p, listener(4, 1, queued=1)),
    "listening-4": lambda p: _listening(p, listener(4, 4)),
    "unaccepted": lambda p: _established(p, server_listener=listener(4, 4)._replace(accept_q=(True,))),
    "holding": lambda p: _established(p, server_app=App.LISTENING | App.HOLDING),  # its application not reading
}
_RULES = {
    "textbook": TEXTBOOK,
    "linux": LINUX,
    "linux-cookies-off": LINUX.with_options(syncookies=False),
    "linux-abort-on-overflow": LINUX.with_options(abort_on_overflow=True),
    "two-way": TEXTBOOK.with_options(two_way=True),
}


@functools.lru_cache(maxsize=1)
def cases() -> tuple[Case, ...]:
    """The situations of interview.toml, each ready to play."""
    data = tomllib.loads(resources.files(__package__).joinpath("interview.toml").read_text(encoding="utf-8"))
    return tuple(
        Case(
            entry["id"],
            entry["topic"],
            _RULES[entry["rules"]],
            _STARTS[entry["start"]],
            entry["setup"],
            entry["move"],
            entry["ask"],
            Side(entry["side"]),
            Text(**entry["prompt"]),
        )
        for entry in data["case"]
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
    return [_item(case) for case in cases()]


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
    setup = case.prompt
    ask = case.ask
    side_words = Text(*(_side(case.side, lang) for lang in ("en", "zh")))
    accepted: tuple[str, ...]  # other answers a typed reply may give
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
        near_n = sorted({max(0, n + d) for d in (-2, -1, 1, 2)} - {n})[:3]
        choices, answer = _choices(_same(str(n)), [_same(str(w)) for w in near_n], rng)
        question = _ui(f"exam.q.iv-count-{ask.split(':', 1)[1].lower()}")
        typed, match, accepted = str(n), Match.TEXT, (f"{n}个", f"{n} 个")
    elif ask == "probe":
        symbols = outcome.world.symbols
        said = describe(outcome.sent[0].segment, symbols, True, case.side)
        seg = outcome.sent[0].segment
        near = [
            seg._replace(seq=(seg.seq + 1) % (1 << 32)),
            seg._replace(flags=SYN_ACK),
            seg._replace(flags=RST, ack=0),
        ]
        wrong = [_same(describe(s, symbols, True, case.side)) for s in near]
        choices, answer = _choices(_same(said), wrong, rng)
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


__all__ = ["Case", "cases", "engine_items", "interview_items"]
