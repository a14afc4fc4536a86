"""`tcptui explain STATE EVENT`: the engine's answer for one endpoint and one event.

The interface is fixed by ../shared/conformance/README.md: with --json one object on stdout;
without it a short Rich card. Rich is imported only for the card, Textual never.
"""

from __future__ import annotations

import sys

from .probe import Answer, assumptions, event_text, probe
from ..core.profile import Profile, TimewaitSyn
from ..core.rules import RULES
from ..core.states import State
from ..text import explain, facts, references, ui


def answer_dict(answer: Answer, lang: str, profile: Profile | None = None) -> dict:
    """The JSON object of the conformance README (plus verdict, reaction, simplifies, the
    transition table's row for the state change, if any, and `assumed`, filled in by `run`)."""
    ref = RULES[answer.rule]
    return {
        "state": answer.state.value,
        "event": event_text(answer.event),
        "next_state": answer.next_state.value,
        "send": list(answer.sent),
        "legal": answer.legal,
        "rule": answer.rule,
        "doc_section": ref.doc,
        "rfc": ref.rfc,
        "explanation": explain(answer.rule, lang, answer.params),
        "verdict": answer.verdict.value if answer.verdict else None,
        "reaction": answer.reaction.value if answer.reaction else None,
        "simplifies": ref.simplifies,
        "transition": _transition(answer, lang, profile),
        "errno": _errno(answer.params),
        "facts": facts(answer.params, lang),
        "assumed": [],
    }


# The rule options a default fills in when the command line leaves them out: (attribute, option
# words for the default, the other choice as Profile.with_options keywords and as command-line words).
def _option_alternatives(profile: Profile) -> list[tuple[str, str, dict, str]]:
    twin = "accept-newer" if profile.timewait_syn is TimewaitSyn.CHALLENGE_ACK else "challenge-ack"
    cookies = "off" if profile.syncookies else "on"
    reuse = 1 if profile.tw_reuse != 1 else 0
    return [
        (
            "timewait_syn",
            f"--timewait-syn {profile.timewait_syn.value}",
            {"timewait_syn": TimewaitSyn(twin)},
            f"--timewait-syn {twin}",
        ),
        ("rfc1337", "RFC 1337 off", {"rfc1337": not profile.rfc1337}, "--rfc1337"),
        (
            "syncookies",
            f"--syncookies {'on' if profile.syncookies else 'off'}",
            {"syncookies": not profile.syncookies},
            f"--syncookies {cookies}",
        ),
        ("abort_on_overflow", "tcp_abort_on_overflow=0", {"abort_on_overflow": True}, "--abort-on-overflow"),
        ("tw_reuse", f"--tw-reuse {profile.tw_reuse}", {"tw_reuse": reuse}, f"--tw-reuse {reuse}"),
    ]


def _outcome(answer: Answer) -> tuple:
    return (answer.next_state, answer.sent, answer.legal, answer.rule)


def assumed(args, answer: Answer, profile: Profile) -> list[str]:
    """The defaults that decided this answer, each with the command that asks about the other case:
    a bare FIN taken as FIN+ACK covering our FIN, a SYN taken as a new connection's, a rule option
    left at the profile's choice. A default is named only where the other case answers otherwise
    (or no EVENT can ask about it), so the card says what it assumed exactly when it matters."""
    lang = args.lang
    given = [f"--profile {args.profile}"] if args.profile != "textbook" else []
    given += [
        f"--{name.replace('_', '-')}" + ("" if value is True else f" {value}")
        for name in ("rfc1337", "timewait_syn", "syncookies", "abort_on_overflow", "tw_reuse")
        if (value := getattr(args, name, None)) is not None
    ]
    state = args.state.value
    ours = ui("assume.ours", lang) if args.state in (State.FIN_WAIT_1, State.CLOSING, State.LAST_ACK) else ""
    lines = []
    for assumption in assumptions(args.state, args.event):
        what = ui(assumption.key, lang, ours=ours)
        if assumption.instead is None:
            lines.append(ui("assume.only", lang, what=what))
            continue
        other = probe(args.state, assumption.instead, profile)
        if _outcome(other) != _outcome(answer):
            command = " ".join(["tcptui explain", state, event_text(assumption.instead).removeprefix("recv:"), *given])
            lines.append(
                ui(
                    "assume.line",
                    lang,
                    what=what,
                    other=ui(f"{assumption.key}.other", lang),
                    outcome=other.next_state.value,
                    command=command,
                )
            )
    for name, words, change, option in _option_alternatives(profile):
        if getattr(args, name, None) is not None:
            continue  # the user chose it
        other = probe(args.state, args.event, profile.with_options(**change))
        if _outcome(other) != _outcome(answer):
            command = " ".join(["tcptui explain", state, event_text(args.event).removeprefix("recv:"), *given, option])
            what = ui("assume.option", lang, option=words)
            lines.append(
                ui(
                    "assume.line",
                    lang,
                    what=what,
                    other=ui("assume.option.other", lang, option=option),
                    outcome=other.next_state.value,
                    command=command,
                )
            )
    return lines


def _errno(params) -> str | None:
    """The errno the application sees because of this event, if any (a fact of the engine's outcome)."""
    return next((str(value) for name, value in params if name == "errno"), None)


def _transition(answer: Answer, lang: str, profile: Profile | None) -> dict | None:
    """The transition table's row of the rule that made the last state change: where the engine's
    answer sits in the diagram (`tcptui diagram`), in the same words."""
    if not answer.changes:
        return None
    from ..diagram import event_words

    change = answer.changes[-1]
    move = RULES[change.rule].move
    return {
        "rule": change.rule,
        "from": change.old.value,
        "to": move.target.value,
        "on": event_words(move.on, lang),
        "send": move.sends_under(profile) if profile is not None else move.sends,
        "group": move.group.value,
    }


def ways_out(state, profile: Profile, lang: str) -> list[tuple[str, str, str]]:
    """Every transition of the table that leaves `state` under `profile`: (rule, target, words)."""
    from ..core.rules import transitions
    from ..diagram import Edge, event_words

    out = []
    for rule, source in transitions(profile):
        if source is state:
            move = rule.move
            edge = Edge(move.group, source, move.target, rule.id, event_words(move.on, lang), move.sends_under(profile))
            out.append((rule.id, move.target.value, edge.label(lang)))
    return out


def profile_from(args) -> Profile:
    """The profile named by --profile, with --rfc1337, --timewait-syn, --syncookies, --abort-on-overflow
    and --tw-reuse on top (each absent from a command that does not offer it)."""
    syn = TimewaitSyn(args.timewait_syn) if args.timewait_syn else None
    cookies = getattr(args, "syncookies", None)
    return Profile.named(args.profile).with_options(
        rfc1337=args.rfc1337,
        timewait_syn=syn,
        syncookies=None if cookies is None else cookies == "on",
        abort_on_overflow=getattr(args, "abort_on_overflow", None),
        tw_reuse=getattr(args, "tw_reuse", None),
    )


def run(args) -> int:
    """Answer, as JSON or as a card."""
    profile = profile_from(args)
    answer = probe(args.state, args.event, profile)
    data = answer_dict(answer, args.lang, profile)
    data["assumed"] = assumed(args, answer, profile)
    if args.json:
        from ..output import encodable, json_text

        text = json_text(data)
        if not encodable(text):  # a terminal that cannot show Chinese still gets valid JSON
            text = json_text(data, ensure_ascii=True)
        sys.stdout.write(text + "\n")
        return 0
    _card(data, args.lang, ways_out(args.state, profile, args.lang))
    return 0


def _card(data: dict, lang: str, ways: list) -> None:
    """A readable answer: what happens, what is sent, the rule and its references, the why."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from ..text.wrap import Prose

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    moved = data["next_state"] != data["state"]
    change = Text(data["state"], style="bold")
    change.append("  →  " if moved else "  ⟲  ")
    change.append(data["next_state"], style="bold reverse" if moved else "bold")
    if not moved:
        change.append(f"  ({ui('explain.stays', lang)})", style="dim")
    elif data["transition"]:
        change.append(f"  {data['transition']['on']}", style="dim")
    grid.add_row(ui("explain.state", lang), change)
    kind = data["event"].split(":", 1)[0]
    if kind in ("send", "app"):  # a send may be illegal; a call may be refused (connect() in TIME_WAIT)
        word = {"send": ("explain.legal", "explain.illegal"), "app": ("explain.call-ok", "explain.call-refused")}[kind]
        legal = Text(
            ui(word[0] if data["legal"] else word[1], lang), style="bold green" if data["legal"] else "bold red"
        )
        grid.add_row(ui("explain.verdict", lang), legal)
    sends = ", ".join(data["send"]) if data["send"] else ui("explain.nothing", lang)
    grid.add_row(ui("explain.sends", lang), Text(sends, style="bold" if data["send"] else "dim"))
    grid.add_row(ui("explain.rule", lang), Text(data["rule"], style="cyan"))
    refs = Text(f"§{data['doc_section']}" if data["doc_section"] else "—", style="bold")
    refs.append(f"   {references(data['rfc'], lang)}", style="dim")  # the JSON keeps the RFC's words
    grid.add_row(ui("explain.refs", lang), refs)
    body = Table.grid()
    body.add_row(grid)
    body.add_row(Text(""))
    body.add_row(Prose(data["explanation"]))  # Chinese wraps between characters, not only at spaces
    for fact in data["facts"]:  # the errno the application sees, the retry's number, the queues
        body.add_row(Prose(f"• {fact}", style="bold"))
    for line in data["assumed"]:  # the defaults that decided it, and how to ask about the other case
        body.add_row(Prose(line, style="italic"))
    if data["simplifies"]:
        body.add_row(Text(ui("explain.simplifies", lang), style="italic yellow"))
    taken = data["transition"]["rule"] if data["transition"] else None
    others = [(rule, target, words) for rule, target, words in ways if rule != taken]
    if others:  # the rest of this state's row in the transition table (`tcptui diagram` draws it all)
        body.add_row(Text(""))
        body.add_row(Text(ui("explain.ways-out", lang, state=data["state"]), style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for _, target, words in others:
            table.add_row(Text(f"→ {target}", style="bold"), Text(words, style="dim"))
        body.add_row(table)
    title = Text(f"{data['state']}  ←  {data['event']}", style="bold")
    Console(highlight=False).print(Panel(body, title=title, title_align="left", expand=False, padding=(1, 2)))
