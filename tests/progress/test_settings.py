"""Settings persist across runs; bad stored values fall back to defaults; the UI's preferences save too."""

import datetime as dt
from collections import namedtuple
from dataclasses import replace

from tcptui.core.profile import ProfileName, TimewaitSyn
from tcptui.core.states import Replies
from tcptui.progress import Settings, Store, load_settings, save_settings
from tcptui.progress.settings import peek_settings
from tcptui.puzzle.model import Numbers


def test_defaults_when_nothing_was_saved(tmp_path):
    assert load_settings(tmp_path) == Settings()


def test_settings_round_trip(tmp_path):
    chosen = Settings(
        "zh", Replies.MANUAL, Numbers.REAL, ProfileName.LINUX, True, TimewaitSyn.ACCEPT_NEWER, dt.date(2026, 12, 24)
    )
    save_settings(chosen, tmp_path)
    assert load_settings(tmp_path) == chosen
    save_settings(replace(chosen, rfc1337=None, timewait_syn=None), tmp_path)
    assert load_settings(tmp_path).timewait_syn is None


def test_a_bad_stored_value_falls_back_to_its_default(tmp_path):
    with Store.open(tmp_path) as store:
        store.put_settings({"replies": '"sometimes"', "lang": '"fr"', "profile": "not json", "exam_date": '"soon"'})
    assert load_settings(tmp_path) == Settings()


def test_an_object_with_some_fields_and_strings_saves_those_fields(tmp_path):
    save_settings(replace(Settings(), exam_date=dt.date(2027, 1, 5)), tmp_path)
    Prefs = namedtuple("Prefs", "lang replies numbers profile timewait_syn rfc1337")
    save_settings(Prefs("zh", "manual", "real", "rfc9293", "challenge-ack", None), tmp_path)
    got = load_settings(tmp_path)
    assert (got.lang, got.replies, got.numbers, got.profile) == (
        "zh",
        Replies.MANUAL,
        Numbers.REAL,
        ProfileName.RFC9293,
    )
    assert got.timewait_syn is TimewaitSyn.CHALLENGE_ACK and got.exam_date == dt.date(2027, 1, 5)


def test_the_start_up_peek_reads_what_was_saved_without_opening_the_store_for_writing(tmp_path):
    assert peek_settings(tmp_path) == Settings()  # no file yet: the defaults, and no file is made
    assert not any(tmp_path.iterdir())
    chosen = Settings(
        "zh", Replies.MANUAL, Numbers.REAL, ProfileName.LINUX, False, TimewaitSyn.CHALLENGE_ACK, dt.date(2026, 12, 24)
    )
    save_settings(chosen, tmp_path)
    assert peek_settings(tmp_path) == load_settings(tmp_path) == chosen


def test_the_peek_leaves_an_old_or_broken_file_to_the_full_open(tmp_path):
    with Store.open(tmp_path) as store:
        store.db.execute("PRAGMA user_version = 0")  # as if written by a version before the migrations
    assert peek_settings(tmp_path) is None
    (tmp_path / "progress.db").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"progress.db{suffix}").unlink(missing_ok=True)
    assert peek_settings(tmp_path) is None  # Store.open, which moves such a file aside, does the rest


def test_preferences_with_nothing_saved_are_read_without_sqlite(tmp_path):
    """A first start (no progress file) reads its preferences without importing SQLite or the store."""
    import subprocess
    import sys

    code = (
        "import sys; from tcptui.ui.prefs import load_prefs; p = load_prefs(); "
        "print(p.lang, p.replies, p.profile, 'sqlite3' in sys.modules, 'tcptui.progress.store' in sys.modules)"
    )
    env = {"TCPTUI_DATA_DIR": str(tmp_path), "TCPTUI_LANG": "zh", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.split() == ["zh", "auto", "textbook", "False", "False"], out.stderr
    save_settings(Settings(None, Replies.MANUAL, Numbers.REAL, ProfileName.LINUX), tmp_path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.split() == ["zh", "manual", "linux", "True", "True"], out.stderr
