"""One catalogue per language; every rule id has a reference and a text in every language."""

import re

import pytest

from tcptui.core.rules import RULES
from tcptui.text import LANGS, catalogue, explain, ui

SECTIONS = {"1", "2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3", "4.4.4"}


def test_every_rule_has_references():
    for rule in RULES.values():
        assert rule.rfc and rule.rfc.startswith(("RFC", "Linux")), rule
        assert rule.doc is None or rule.doc in SECTIONS, rule


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_an_explanation(lang):
    texts = catalogue(lang).RULES
    assert set(texts) == set(RULES), set(texts) ^ set(RULES)
    for rule_id, text in texts.items():
        assert text.strip() and len(text) < 400, rule_id


@pytest.mark.parametrize("lang,word", [("en", "notes"), ("zh", "笔记")])
def test_where_the_notes_simplify_the_text_says_so(lang, word):
    for rule in RULES.values():
        if rule.simplifies:
            assert word in catalogue(lang).RULES[rule.id], rule.id


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_known(lang):
    known = {"expected", "seq", "want_seq", "ack", "want_ack", "count", "isn", "irs", "nbytes", "length", "most"}
    known |= {"unread"}
    known |= {"queued", "cookies", "dropped", "synq", "synmax", "idle", "probe", "probes", "interval", "after"}
    for rule_id, text in catalogue(lang).RULES.items():
        assert set(re.findall(r"{(\w+)}", text)) <= known, rule_id


def test_chinese_texts_are_chinese():
    for rule_id, text in catalogue("zh").RULES.items():
        assert re.search(r"[\u4e00-\u9fff]", text), rule_id


def test_missing_params_do_not_fail():
    assert "…" in explain("send.not-the-reply", "en") or explain("send.not-the-reply", "en")


def test_unknown_language():
    with pytest.raises(ValueError):
        catalogue("fr")


def test_ui_falls_back_to_english_then_the_key():
    assert ui("no.such.key", "zh") == "no.such.key"


def test_every_rule_id_used_in_the_code_is_in_the_table():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "tcptui"
    used = set()
    for path in list((root / "core").glob("*.py")) + [root / "capture" / "feed.py"]:
        used |= set(re.findall(r'"((?:[a-z0-9]+)\.(?:[a-z0-9-]+))"', path.read_text(encoding="utf-8")))
    used = {u for u in used if u.split(".")[0] in {r.split(".")[0] for r in RULES}}
    assert used <= set(RULES), used - set(RULES)


# -- Chinese typography -------------------------------------------------------------------------

_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # punctuation, ideographs, full-width forms
_ASCII_COLON_AFTER_CJK = re.compile(f"[{_CJK}]:(?=\\s|$)")  # '考题: 11' → '考题：11'
_DOUBLE_SPACE = re.compile(r"\S  +\S")  # '7  报文段'
_LATIN_TOUCHING_HAN = re.compile(r"[A-Za-z0-9][\u4e00-\u9fff]|[\u4e00-\u9fff][A-Za-z0-9]")  # 'TIME_WAIT中'
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sr]|%[sr]")  # filled in with words of their own

# (table, key) → why the rule does not hold there.
ZH_TYPOGRAPHY_EXCEPTIONS = {
    ("UI", "topics.screen-progress"): "a legend under the list: two spaces part its entries ('✓ 谜题  ✎ 考题答对')",
}


def _zh_texts():
    zh = catalogue("zh")
    for table in ("RULES", "UI", "CLI"):
        for key, text in getattr(zh, table).items():
            if isinstance(text, str) and (table, key) not in ZH_TYPOGRAPHY_EXCEPTIONS:
                yield table, key, text


def test_zh_catalogue_typography():
    """Chinese punctuation after Chinese (：not ': '), one space where a space is due, and a space
    between a Latin word or number and a Chinese character ('TIME_WAIT 中', '2 分钟'), as the rest of
    the catalogue writes them."""
    bad = []
    for table, key, text in _zh_texts():
        bare = _PLACEHOLDER.sub("", text)
        for pattern, what in (
            (_ASCII_COLON_AFTER_CJK, "ASCII colon after Chinese"),
            (_DOUBLE_SPACE, "two spaces"),
            (_LATIN_TOUCHING_HAN, "no space between Latin and Chinese"),
        ):
            for match in pattern.finditer(text if pattern is not _LATIN_TOUCHING_HAN else bare):
                bad.append(f"{table}[{key!r}]: {what}: …{match.string[max(match.start() - 8, 0) : match.end() + 8]}…")
    assert not bad, "\n".join(bad)


def test_the_checks_catch_what_they_say():
    assert _ASCII_COLON_AFTER_CJK.search("考题: 11 道题") and not _ASCII_COLON_AFTER_CJK.search("考题：11")
    assert _DOUBLE_SPACE.search("7  报文段") and not _DOUBLE_SPACE.search("7 报文段")
    assert _LATIN_TOUCHING_HAN.search("TIME_WAIT中") and not _LATIN_TOUCHING_HAN.search("TIME_WAIT 中")


def test_references_are_written_in_chinese_where_they_have_words():
    """'RFC 9293 §3.10.7.4 (fourth)' names the fourth of §3.10.7.4's steps: 第四步 in Chinese."""
    from tcptui.text import references

    assert references("RFC 9293 §3.10.7.4 (fourth)", "zh") == "RFC 9293 §3.10.7.4（第四步）"
    assert references("RFC 9293 §3.10.7.4 (fifth, eighth)", "zh") == "RFC 9293 §3.10.7.4（第五步、第八步）"
    assert references("Linux tcp_close() (data_was_unread)", "zh") == "Linux tcp_close()（data_was_unread）"
    words = re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|Figure)\b")
    for rule in RULES.values():
        assert not words.search(references(rule.rfc, "zh")), rule.id
        assert references(rule.rfc, "en") == rule.rfc
