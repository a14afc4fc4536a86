"""Words, one catalogue per language: tcptui/text/en.py and tcptui/text/zh.py.

Each catalogue is a plain module with dicts keyed by stable ids: RULES (rule id → one or two
sentences explaining the decision, in our own words, following the notes' reasoning) and UI
(interface strings). Explanations may name facts of the moment with {placeholders} that the
engine passes as `params` (e.g. {expected}); a missing one is shown as '…', never an error.
Only the catalogue asked for is imported.
"""

from __future__ import annotations

LANGS = ("en", "zh")
DEFAULT_LANG = "en"


def catalogue(lang: str):
    """The catalogue module for `lang` ('en' or 'zh'); ValueError for any other."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    return __import__(f"{__name__}.{lang}", fromlist=["RULES"])


class _Params(dict):
    """Fills unknown placeholders with an ellipsis instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"


# The ISN names a text may use: {isn} is the deciding endpoint's own ISN, {irs} its peer's. The
# screens pass the names they show (tcptui.numbers.outcome_params: x', y' for a second connection);
# without them, the notes' letters: the client's ISN is x, the server's y.
_SERVER_SIDE = frozenset({"handshake.syn-received", "handshake.ack"})


def explain(rule_id: str, lang: str = DEFAULT_LANG, params: tuple | dict = ()) -> str:
    """The explanation of `rule_id` in `lang`, with the moment's facts filled in."""
    template = catalogue(lang).RULES[rule_id]
    if "{" not in template:
        return template
    facts = _Params(params)
    own, peer = ("y", "x") if rule_id in _SERVER_SIDE else ("x", "y")
    facts.setdefault("isn", own)
    facts.setdefault("irs", peer)
    return template.format_map(facts)


def facts(params: tuple | dict, lang: str = DEFAULT_LANG) -> list[str]:
    """The facts of an outcome worth a line of their own beside its explanation: the errno the
    application sees, which retransmission this is, how full the listener's queues are."""
    given = dict(params)
    lines = []
    if "errno" in given:
        name = str(given["errno"])
        lines.append(ui("fact.errno", lang, errno=name, meaning=ui(f"errno.{name}", lang)))
    if "attempt" in given:
        key = "fact.attempt" if given.get("limit") not in (None, "…") else "fact.attempt-open"
        lines.append(ui(key, lang, **{k: given[k] for k in ("attempt", "limit", "at") if k in given}))
    if "synq" in given:
        lines.append(ui("fact.synq", lang, synq=given["synq"], synmax=given["synmax"]))
    if "acceptq" in given:
        lines.append(ui("fact.queues", lang, acceptq=given["acceptq"], acceptmax=given["acceptmax"]))
    return lines


_STEPS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_STEPS_ZH = dict(
    zip(_STEPS, ("第一步", "第二步", "第三步", "第四步", "第五步", "第六步", "第七步", "第八步"), strict=True)
)


def references(rfc: str, lang: str = DEFAULT_LANG) -> str:
    """A rule's references as shown in `lang`: 'RFC 9293 §3.10.7.4 (fourth)' is, in Chinese,
    'RFC 9293 §3.10.7.4（第四步）' — §3.10.7.4 checks an arriving segment in eight numbered steps
    ("first, check sequence number" …), and the parenthesis names which. Section numbers, RFC
    numbers, field names and Linux's function names stay as they are written."""
    if lang != "zh":
        return rfc
    import re

    def inner(match: re.Match) -> str:
        words = [w.strip() for w in match.group(1).split(",")]
        words = [_STEPS_ZH.get(w, w.replace("Figure ", "图 ")) for w in words]
        return "（" + "、".join(words) + "）"

    return re.sub(r" \(([^()]*)\)", inner, rfc)  # not a function's "()"


def ui(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """An interface string; falls back to English, then to the key itself."""
    text = catalogue(lang).UI.get(key) or catalogue(DEFAULT_LANG).UI.get(key, key)
    return text.format_map(_Params(params)) if params else text
