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
