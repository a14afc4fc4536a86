"""One term per concept: no catalogue, puzzle or exam file uses a Chinese variant the glossary rejects."""

import re
import tomllib

import pytest

from tcptui.core.rules import RULES
from tcptui.core.states import State
from tcptui.puzzle import load_pack
from tcptui.puzzle.pack import pack_dir
from tcptui.text import LANGS, catalogue
from tcptui.text.glossary import glossary, rejected_in

PACKAGE = __import__("pathlib").Path(__file__).resolve().parents[2] / "tcptui"
DATA = sorted(PACKAGE.glob("exam/*.toml")) + [PACKAGE / "study" / "topics.toml"]  # why, the pack's items, the map


def _zh_strings(value, key=""):
    """Every Chinese string of a TOML document, with where it is (typed answers accepted aside:
    a player may type the notes' own words)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "accepted":
                yield from _zh_strings(v, f"{key}.{k}" if key else k)
    elif isinstance(value, list):
        for i, v in enumerate(value, 1):
            yield from _zh_strings(v, f"{key}[{i}]")
    elif isinstance(value, str) and re.search(r"[\u4e00-\u9fff]", value):
        yield key, value


def _texts():
    """(where, Chinese text) for the catalogue, every puzzle file, the exam's data files and the study map."""
    zh = catalogue("zh")
    for table in ("RULES", "UI"):
        for key, text in getattr(zh, table).items():
            yield f"zh.py {table}[{key}]", text
    for path in sorted(pack_dir().iterdir()):
        if path.name.endswith(".toml"):
            for key, text in _zh_strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                yield f"{path.name} {key}", text
    for path in DATA:
        for key, text in _zh_strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            yield f"{path.name} {key}", text


def test_the_glossary_is_complete_and_consistent():
    terms = glossary()
    assert {"ISS", "SND.UNA", "SND.NXT", "RCV.NXT", "MSL", "RTO", "challenge ACK"} <= {t.term for t in terms}
    for term in terms:
        assert term.en and term.zh and term.rfc.startswith("RFC") and term.line("en") and term.line("zh")
        assert not rejected_in(term.zh), term  # a chosen term is never one of the rejected variants
    chosen = {t.zh for t in terms}
    assert {"序号", "确认号", "报文段", "计时器", "静默丢弃", "服务器", "崩溃", "半连接", "半开连接"} <= chosen


@pytest.mark.parametrize("where,text", list(_texts()), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_no_rejected_variant(where, text):
    found = rejected_in(text)
    assert not found, f"{where}: {', '.join(f'{bad} → {good}' for bad, good in found)}"


def test_a_rejected_variant_is_found():
    assert rejected_in("收到一个报文，序列号不对，定时器超时，服务端宕机") == [
        ("序列号", "序号"),
        ("报文", "报文段"),
        ("服务端", "服务器"),
        ("宕机", "崩溃"),
        ("定时器", "计时器"),
    ] or {bad for bad, _ in rejected_in("收到一个报文，序列号不对，定时器超时，服务端宕机")} == {
        "序列号",
        "报文",
        "服务端",
        "宕机",
        "定时器",
    }


def test_half_open_means_a_crashed_peer_never_syn_rcvd():
    """RFC 9293 §3.5.1: a half-open connection is one whose peer lost it; SYN_RCVD is 半连接."""
    for lang, word in (("en", "half-open"), ("zh", "半开连接")):
        for key, text in catalogue(lang).RULES.items():
            if word in text:
                assert "SYN_RCVD" not in text and "handshake" not in text and "握手" not in text, key
    assert "半连接" in catalogue("zh").RULES["rst.synrcvd-passive"]
    # Rules that only ever happen to a connection in SYN_RCVD (the transition table says where each
    # leads from) speak of an incomplete connection / 半连接, whatever other words they use.
    for rule in RULES.values():
        if rule.move is not None and set(rule.move.sources) == {State.SYN_RCVD}:
            assert "half-open" not in catalogue("en").RULES[rule.id], rule.id
            assert "半开连接" not in catalogue("zh").RULES[rule.id], rule.id
    for puzzle in load_pack():  # a puzzle's story: the same two checks as the rule texts
        for text in (puzzle.title, puzzle.story, *puzzle.hints):
            for lang, word in (("en", text.en), ("zh", text.zh)):
                if ("half-open" in word or "半开连接" in word) and ("handshake" in word or "握手" in word):
                    raise AssertionError(f"{puzzle.id} ({lang}) calls a connection in its handshake half-open")
    assert "half-open" in catalogue("en").RULES["host.crash"] and "半开连接" in catalogue("zh").RULES["host.crash"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_has_its_own_label(lang):
    labels = [catalogue(lang).UI[f"state.{s.value}"] for s in State]
    assert len(set(labels)) == len(labels), labels


def test_the_pack_titles_and_stories_follow_the_glossary_too():
    for puzzle in load_pack():
        for text in (puzzle.title, puzzle.story, *puzzle.hints):
            assert not rejected_in(text.zh), (puzzle.id, rejected_in(text.zh))


def test_a_term_is_never_shown_twice_beside_itself():
    from tcptui.text.glossary import glossary

    terms = {t.term: t for t in glossary()}
    assert any(t.term == t.en for t in terms.values())  # such terms exist
    for term in terms.values():
        for lang in ("en", "zh"):
            assert term.term not in term.names(lang)
    half = next(t for t in terms.values() if t.term == t.en)
    assert half.names("en") == [] and half.names("zh") == [half.zh]


def test_msl_and_2msl_say_the_rfcs_figures():
    """RFC 9293 §3.4.2: MSL is 2 minutes, so TIME_WAIT's 2MSL is 4 minutes (Linux: 60 s)."""
    from tcptui.text.glossary import glossary

    terms = {t.term: t for t in glossary()}
    msl, two = terms["MSL"], terms["2MSL"]
    assert "2 minutes" in msl.line("en") and "2 分钟" in msl.line("zh")
    assert "MSL is 2 minutes, so 4 minutes" in two.line("en")
    assert "MSL 为 2 分钟，2MSL 即 4 分钟" in two.line("zh")
    assert "§3.4.2" in two.rfc
