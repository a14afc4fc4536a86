"""The progress store: migrations, one transaction per write, corrupt files moved aside, kill -9."""

import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tcptui.errors import StoreError
from tcptui.progress.store import FILE_NAME, MIGRATIONS, SCHEMA_VERSION, Answer, CorruptStoreWarning, Store, data_dir
from tcptui.puzzle.scoring import Result


def test_a_fresh_store_has_the_current_schema(tmp_path):
    with Store.open(tmp_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.best_results() == {} and store.recovered is None


def test_results_are_kept_and_the_best_one_wins(tmp_path):
    with Store.open(tmp_path) as store:
        store.record_result(Result("p", moves=9, par=5))
        store.record_result(Result("p", moves=5, par=5, hints=1))
        store.record_result(Result("p", moves=7, par=5))
        store.record_result(Result("q", moves=3, par=3, shown=True))
    with Store.open(tmp_path) as store:  # across a restart
        best = store.best_results()
        assert best["p"] == Result("p", moves=5, par=5, hints=1) and best["p"].stars == 2
        assert best["q"].stars == 0 and store.attempts() == 4


def test_an_old_schema_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    db.execute(
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('old', 4, 4, 0, 0, 0, 3, '2026-01-01T00:00:00+00:00')"
    )
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.best_results()["old"].stars == 3
        assert store.reviews() == {}


def test_a_newer_schema_is_refused_not_destroyed(tmp_path):
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(tmp_path)
    assert path.exists()


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000, b""])
def test_a_corrupt_file_is_moved_aside_with_a_warning(tmp_path, content):
    (tmp_path / FILE_NAME).write_bytes(content)
    if not content:  # an empty file is a valid empty database: nothing to recover
        with Store.open(tmp_path) as store:
            assert store.recovered is None
        return
    with pytest.warns(CorruptStoreWarning):
        store = Store.open(tmp_path)
    with store:
        assert store.recovered is not None and store.recovered.read_bytes() == content
        store.record_result(Result("p", 5, 5))
        assert store.attempts() == 1


def test_a_database_missing_tables_is_refused_not_moved(tmp_path):
    """SQLite reads it fine, so it is nobody's damaged store: tcptui says so and leaves it be."""
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="missing tables") as caught:
        Store.open(tmp_path)
    assert "\n" not in str(caught.value)
    assert (tmp_path / FILE_NAME).exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_answers_and_reviews_commit_together(tmp_path):
    when = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    with Store.open(tmp_path) as store:
        store.record_answer(Answer("e1", "item", "4.2", True, "a"), ("{}", when), when)
        store.record_answer(Answer("e1", "other", "4.2", False, "b"), None, when)
        assert store.topic_totals() == {"4.2": (1, 2)}
        assert store.reviews() == {"item": ("{}", when)}
        store.reset()
        assert store.answer_count() == 0 and store.reviews() == {}


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    with Store.open(tmp_path) as store:
        with pytest.raises(ZeroDivisionError):
            with store.transaction() as db:
                db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
                raise ZeroDivisionError
        assert store.get_setting("x") is None


def test_data_dir_override_and_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TCPTUI_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("TCPTUI_DATA_DIR")
    assert "tcptui" in str(data_dir())


WRITER = textwrap.dedent("""
    import sys
    from tcptui.progress.store import Store
    from tcptui.puzzle.scoring import Result
    store = Store.open(sys.argv[1])
    i = 0
    while True:
        store.record_result(Result(f"p{i}", moves=5, par=5))
        print(i, flush=True)
        i += 1
        if i == 40:  # then sit inside an open transaction until killed
            store.db.execute("BEGIN IMMEDIATE")
            store.db.execute("INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, "
                             "finished_at) VALUES ('uncommitted', 1, 1, 0, 0, 0, 3, 'now')")
            print("in-transaction", flush=True)
            sys.stdin.read()
""")


def test_a_writer_killed_mid_game_loses_nothing_committed(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == "in-transaction":
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(tmp_path) as store:
        kept = store.best_results()
        assert store.recovered is None
        assert {f"p{i}" for i in range(40)} <= set(kept)  # every commit the writer reported
        assert "uncommitted" not in kept  # the transaction in progress is gone, and only it
