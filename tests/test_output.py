"""tcptui/output.py: json_text writes what json.dumps writes; guarded() escapes and warns once."""

import io
import json
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tcptui.output import guarded, json_text

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(), st.sampled_from(["中文", 'a"b\\c\n\t\x00', ""])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES, st.booleans())
def test_json_text_is_json_dumps(value, ensure_ascii):
    assert json_text(value, ensure_ascii) == json.dumps(value, ensure_ascii=ensure_ascii)


def test_json_text_leaves_what_it_does_not_know_to_json():
    value = {"f": 1.5, "nan": float("nan"), 3: (1, 2), "t": (True, None)}
    assert json_text(value) == json.dumps(value, ensure_ascii=False)
    assert json_text({"a": [1, {"b": 2.0}]}) == json.dumps({"a": [1, {"b": 2.0}]})


def test_the_explain_answer_without_the_json_module():
    """`tcptui explain --json` must not import json (a millisecond of its start)."""
    import subprocess

    code = (
        "import sys; from tcptui.cli import main; main(['explain', 'TIME_WAIT', 'SYN', '--json']); "
        "print(sorted(m for m in sys.modules if m == 'json' or m.startswith('json.')), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stderr.strip() == "[]", out.stderr
    assert json.loads(out.stdout)["rule"] == "timewait.syn-reuse"


def test_guarded_escapes_what_the_terminal_cannot_show_and_warns_once(monkeypatch):
    raw, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with guarded():
        print("TIME_WAIT 时间等待")
    out.flush()
    assert raw.getvalue() == b"TIME_WAIT \\u65f6\\u95f4\\u7b49\\u5f85\n"
    assert err.getvalue().count("\n") == 1 and "4 character(s)" in err.getvalue()
