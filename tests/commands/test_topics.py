"""`tcptui topics`: the study map on the command line, as text and as JSON, with the saved progress."""

import json

from tcptui.cli import main
from tcptui.exam.topics import PACK


def test_json_lists_every_topic_with_its_coverage(capsys):
    assert main(["topics", "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [t["id"] for t in data["topics"]]
    assert ids[0] == "1" and ids[-len(PACK) :] == list(PACK)
    handshake = next(t for t in data["topics"] if t["id"] == "2")
    assert handshake["puzzles"] and handshake["exam_items"] > 0
    assert handshake["explain"][0].startswith("tcptui explain ")
    assert handshake["progress"] == {
        "solved": 0,
        "puzzles": len(handshake["puzzles"]),
        "stars": 0,
        "right": 0,
        "answered": 0,
    }


def test_progress_comes_from_the_store(capsys):
    from tcptui.progress.store import Store
    from tcptui.puzzle.scoring import Result

    with Store.open() as store:
        store.record_result(Result("handshake-first", 5, 5, 0, 0, False))
    assert main(["topics", "--json", "--topic", "§2"]) == 0
    (only,) = json.loads(capsys.readouterr().out)["topics"]
    assert only["progress"]["solved"] == 1 and only["progress"]["stars"] == 3
    assert next(p for p in only["puzzles"] if p["id"] == "handshake-first")["stars"] == 3


def test_text_in_both_languages(capsys):
    assert main(["topics", "--topic", "queues", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "半连接队列" in out and "tcptui explain" in out
    assert main(["topics", "--topic", "queues", "--lang", "en"]) == 0
    assert "accept queue" in capsys.readouterr().out


def test_an_unknown_topic_is_one_line_and_exit_2(capsys):
    try:
        code = main(["topics", "--topic", "nonsense"])
    except SystemExit as e:
        code = e.code
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown topic" in err[0]
