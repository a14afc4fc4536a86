"""The progress store attacked as users' machines attack it: locked by another process, on a full
disk, on a read-only folder or mount, two tcptuis at once on a fresh folder, kill -9 in the middle
of writes, rows with bad values, odd data directories. A student's progress is never abandoned
while it is intact, nothing committed is lost, and every run ends with status 0 or 2 and at most
one clear line on stderr (issue 9).

Mounts (a small tmpfs for a full disk, read-only bind mounts and remounts) need root; without it
those tests are skipped and say why.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from tcptui.progress.store import FILE_NAME, Store
from tcptui.puzzle.scoring import Result

from ..attack import SLOW, Tally, cases, run_tcptui
from ..conftest import ROOT

SHORT_WAIT = "import tcptui.progress.store as s; s.BUSY_TIMEOUT = 0.5"

# -- helpers ---------------------------------------------------------------------------------------


def seed_store(folder: Path, n: int = 5) -> set[str]:
    """A store with n finished puzzles p0 … p{n-1}; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(folder) as store:
        for i in range(n):
            store.record_result(Result(f"p{i}", moves=5, par=5))
    return {f"p{i}" for i in range(n)}


def kept_ids(folder: Path) -> set[str]:
    """The puzzle ids in the folder's progress.db, read with plain sqlite3 (no recovery, no moving);
    none when the file is gone (moved aside) or holds no progress."""
    if not (folder / FILE_NAME).exists():
        return set()
    for query in ("mode=ro", "mode=ro&immutable=1"):  # immutable: on a read-only mount
        db = sqlite3.connect(f"{(folder / FILE_NAME).as_uri()}?{query}", uri=True)
        try:
            return {row[0] for row in db.execute("SELECT puzzle_id FROM puzzle_results")}
        except sqlite3.OperationalError:
            continue
        finally:
            db.close()
    return set()  # a file without tcptui's tables (an old tcptui's fresh store on a full disk)


def moved_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{FILE_NAME}.corrupt-*"))


def progress(folder: Path, *extra, prelude: str | None = SHORT_WAIT, **kwargs):
    """`tcptui progress --data-dir FOLDER …`, with a short busy timeout unless told otherwise."""
    return run_tcptui("progress", "--data-dir", folder, *extra, prelude=prelude, **kwargs)


def _drop_dac() -> None:
    """In the child: give up root's power to ignore file permissions (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH leave the bounding set, so the exec'd python runs without them)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP


def as_unprivileged() -> dict:
    """run_tcptui keywords that make chmod count even for root."""
    return {"preexec": _drop_dac} if os.geteuid() == 0 else {}


@contextlib.contextmanager
def mounted(kind: str, *, size: str = "2m", source: Path | None = None):
    """A fresh mount point: a tmpfs of `size`, or a bind mount of `source`; skip without root."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting needs root (a full disk and read-only mounts are tested as root)")
    point = Path(tempfile.mkdtemp(prefix="tcptui-mnt-"))
    command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)]
    if kind == "bind":
        command = ["mount", "--bind", str(source), str(point)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        point.rmdir()
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
        point.rmdir()


def remount_read_only(point: Path, bind: bool = False) -> None:
    options = "remount,bind,ro" if bind else "remount,ro"
    subprocess.run(["mount", "-o", options, str(point)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system under `folder` to the last byte; returns the filler to delete."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * size)
    return filler


HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO settings (key, value) VALUES ('holder', '1')")
    if sys.argv[2] == "exclusive":
        db.execute("COMMIT")  # the exclusive lock stays after the commit
        db.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(float(sys.argv[3]))
    db.execute("ROLLBACK")
""")


@contextlib.contextmanager
def holding(folder: Path, mode: str = "write", seconds: float = 30):
    """Another process holding the store: a write transaction, or an exclusive lock."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder / FILE_NAME), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.kill()
        proc.wait()


# -- locked ------------------------------------------------------------------------------------------


def test_a_locked_store_is_waited_for_then_one_line_and_nothing_moved(tmp_path):
    with Tally("store: locked") as tally:
        ids = seed_store(tmp_path)
        with holding(tmp_path, "write"):
            shown = progress(tmp_path)  # WAL: readers are never blocked by a writer
            tally.check("show during a write", shown, also=[] if shown.returncode == 0 else ["not shown"])
            reset = progress(tmp_path, "--reset", "--yes")
            tally.check(
                "reset during a write",
                reset,
                also=[] if reset.returncode == 2 and "lock" in reset.stderr else [f"reset said {reset.stderr!r}"],
            )
        with holding(tmp_path, "exclusive"):
            shown = progress(tmp_path)
            tally.check(
                "show while exclusively locked",
                shown,
                also=[] if shown.returncode == 2 and "lock" in shown.stderr else [f"said {shown.stderr!r}"],
            )
        tally.record("nothing moved", [f"moved aside: {moved_aside(tmp_path)}"] if moved_aside(tmp_path) else [])
        tally.record("nothing lost", [] if kept_ids(tmp_path) == ids else [f"kept {kept_ids(tmp_path)}"])


def test_reset_during_another_process_s_short_write_waits_and_succeeds(tmp_path):
    """The issue's reproduction: `progress --reset --yes` while another process writes."""
    seed_store(tmp_path)
    with Tally("store: reset during a write") as tally:
        with holding(tmp_path, "write", seconds=1):
            done = progress(tmp_path, "--reset", "--yes", prelude=None)  # the default wait outlasts the write
        tally.check("reset", done, also=[] if done.returncode == 0 else ["not reset"])
        tally.record("reset done", [] if not kept_ids(tmp_path) else ["rows left"])


def test_the_store_api_says_locked_in_one_line(tmp_path, monkeypatch):
    from tcptui.errors import StoreError
    from tcptui.progress import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    ids = seed_store(tmp_path)
    with holding(tmp_path, "write"), Store.open(tmp_path) as store:
        assert set(store.best_results()) == ids
        with pytest.raises(StoreError, match="lock") as caught:
            store.record_result(Result("new", 5, 5))
        assert "\n" not in str(caught.value)
    assert kept_ids(tmp_path) == ids and not moved_aside(tmp_path)


# -- full disk ---------------------------------------------------------------------------------------


def test_a_full_disk_is_one_line_and_the_store_survives_it():
    with mounted("tmpfs", size="2m") as disk, Tally("store: full disk") as tally:
        folder = disk / "data"
        ids = seed_store(folder, 20)
        filler = fill(disk)
        shown = progress(folder)
        tally.check("show on a full disk", shown, also=[] if shown.returncode == 0 else [f"said {shown.stderr!r}"])
        reset = progress(folder, "--reset", "--yes")
        tally.check(
            "reset on a full disk",
            reset,
            also=[] if reset.returncode == 2 and "full" in reset.stderr else [reset.stderr],
        )
        fresh = disk / "fresh"
        first = progress(fresh)
        tally.check("a fresh store on a full disk", first)
        tally.record("nothing moved", [str(p) for p in moved_aside(folder) + moved_aside(fresh)])
        filler.unlink()  # space returns
        tally.record("nothing lost", [] if kept_ids(folder) == ids else [f"kept {sorted(kept_ids(folder))}"])
        for where in (folder, fresh):
            done = run_tcptui(
                "progress",
                "--data-dir",
                where,
                prelude="from tcptui.progress.store import Store; from tcptui.puzzle.scoring import Result;"
                f"Store.open({str(where)!r}).record_result(Result('after', 5, 5))",
            )
            tally.check(f"usable again: {where.name}", done)
            tally.record(f"written: {where.name}", [] if "after" in kept_ids(where) else ["the write after is missing"])


def test_a_write_on_a_full_disk_raises_store_error_and_keeps_everything():
    from tcptui.errors import StoreError

    with mounted("tmpfs", size="2m") as disk:
        folder = disk / "data"
        ids = seed_store(folder, 10)
        with Store.open(folder) as store:
            filler = fill(disk)
            with pytest.raises(StoreError, match="full") as caught:
                for i in range(2000):  # the WAL grows until the disk says no
                    store.record_result(Result(f"x{i}" * 50, 5, 5))
            assert "\n" not in str(caught.value)
            filler.unlink()
            store.record_result(Result("after", 5, 5))
        assert ids | {"after"} <= kept_ids(folder) and not moved_aside(folder)


# -- read-only ---------------------------------------------------------------------------------------


def _shows_with_a_warning(tally: Tally, name: str, done, ids: set[str]) -> None:
    also = []
    if done.returncode != 0:
        also.append(f"exit {done.returncode}")
    if ids and "Stars" not in done.stdout:
        also.append("progress not shown")
    if len(done.stderr.splitlines()) != 1 or "read-only" not in done.stderr:
        also.append(f"expected one warning line about read-only, got {done.stderr!r}")
    tally.check(name, done, also=also)


def _read_only_cases(tally: Tally, folder: Path, ids: set[str], **kwargs) -> None:
    _shows_with_a_warning(tally, "show", progress(folder, **kwargs), ids)
    reset = progress(folder, "--reset", "--yes", **kwargs)
    tally.check("reset", reset, also=[] if reset.returncode == 2 else [f"reset exit {reset.returncode}"])
    tally.record("nothing lost", [] if kept_ids(folder) == ids else ["rows lost"])
    tally.record("nothing moved", [str(p) for p in moved_aside(folder)])


def test_a_read_only_folder_by_chmod_shows_progress_and_saves_nothing(tmp_path):
    folder = tmp_path / "data"
    ids = seed_store(folder)
    (folder / FILE_NAME).chmod(0o444)
    folder.chmod(0o555)
    try:
        with Tally("store: read-only (chmod)") as tally:
            _read_only_cases(tally, folder, ids, **as_unprivileged())
            empty = tmp_path / "empty"
            empty.mkdir(mode=0o555)
            _shows_with_a_warning(tally, "a fresh store", progress(empty, **as_unprivileged()), set())
            missing = empty / "not-yet"
            done = progress(missing, **as_unprivileged())
            tally.check("a folder that cannot be made", done)
    finally:
        folder.chmod(0o755)
        (tmp_path / "empty").chmod(0o755)


@pytest.mark.parametrize("how", ["bind", "remount"])
def test_a_read_only_mount_shows_progress_and_saves_nothing(tmp_path, how):
    with contextlib.ExitStack() as stack:
        if how == "bind":
            source = tmp_path / "source"
            ids = seed_store(source)
            point = stack.enter_context(mounted("bind", source=source))
            remount_read_only(point, bind=True)
        else:
            point = stack.enter_context(mounted("tmpfs"))
            ids = seed_store(point)
            remount_read_only(point)
        with Tally(f"store: read-only ({how} mount)") as tally:
            _read_only_cases(tally, point, ids)
            done = progress(point / "not-yet")
            tally.check("a folder that cannot be made", done)


# -- two at once, kill -9 ----------------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from tcptui.progress.store import Store
    from tcptui.puzzle.scoring import Result
    name, count = sys.argv[2], int(sys.argv[3])
    with Store.open(sys.argv[1]) as store:
        for i in range(count):
            store.record_result(Result(f"{name}-{i}", moves=5, par=5))
            print(f"{name}-{i}", flush=True)
""")


def _writers(folder: Path, names: list[str], count: int) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), name, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in names
    ]


AT_ONCE = "import os, sys\nflag = sys.argv.pop()\nwhile not os.path.exists(flag): pass"  # start when the flag appears


def test_two_tcptuis_on_a_fresh_folder_both_work(tmp_path):
    """The issue's reproduction: two `tcptui progress` at once on a fresh data folder (17 of 40
    moved the first one's store aside). Here four start on the same instant (they wait for a flag
    file), which found SQLite's journal-mode change answering SQLITE_BUSY without waiting."""
    main = "import sys\nfrom tcptui.cli import main\nsys.exit(main(sys.argv[1:]))"
    with Tally("store: two at once on a fresh folder") as tally:
        for trial in range(cases(12, 60)):
            folder, flag = tmp_path / f"t{trial}", tmp_path / f"go{trial}"
            procs = [
                subprocess.Popen(
                    [sys.executable, "-c", f"{AT_ONCE}\n{main}", "progress", "--data-dir", str(folder), str(flag)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                    env={**os.environ, "NO_COLOR": "1"},
                )
                for _ in range(4)
            ]
            time.sleep(0.3)  # every process is up and waiting
            flag.touch()
            for i, proc in enumerate(procs):
                out, err = proc.communicate(timeout=60)
                also = [] if proc.returncode == 0 and not err else [f"exit {proc.returncode}: {err.strip()[-200:]!r}"]
                tally.record(f"trial {trial} process {i}", also)
            tally.record(f"trial {trial}: nothing moved", [str(p) for p in moved_aside(folder)])


def test_concurrent_writers_lose_nothing_committed(tmp_path):
    """The issue's reproduction: two writers on a fresh folder kept only half their answers."""
    with Tally("store: concurrent writers") as tally:
        for trial in range(cases(3, 20)):
            folder = tmp_path / f"t{trial}"
            procs = _writers(folder, ["a", "b", "c"], 30)
            committed = set()
            for proc in procs:
                out, err = proc.communicate(timeout=120)
                committed |= set(out.split())
                tally.record(f"trial {trial} writer", [] if proc.returncode == 0 else [err.strip()[-300:]])
            lost = committed - kept_ids(folder) if (folder / FILE_NAME).exists() else committed
            tally.record(f"trial {trial}: committed kept", [f"lost {len(lost)} of {len(committed)}"] if lost else [])
            tally.record(f"trial {trial}: nothing moved", [str(p) for p in moved_aside(folder)])


def test_kill_9_in_the_middle_of_writes_loses_nothing_committed(tmp_path):
    rng = random.Random(9)
    with Tally("store: kill -9 during writes") as tally:
        for trial in range(cases(8, 270)):
            folder = tmp_path / f"k{trial}"
            if trial % 2:
                seed_store(folder, 3)  # half on a fresh folder (killed during the migration too)
            before = kept_ids(folder) if (folder / FILE_NAME).exists() else set()
            procs = _writers(folder, ["w", "v"][: 1 + trial % 2], 10_000)
            time.sleep(rng.uniform(0.05, 0.6))
            for proc in procs:
                proc.send_signal(signal.SIGKILL)
            committed = set(before)
            for proc in procs:
                out, _ = proc.communicate()
                committed |= set(out.split())
            after = progress(folder)
            tally.check(f"trial {trial}: progress after the kill", after)
            kept = kept_ids(folder) if (folder / FILE_NAME).exists() else set()
            lost = committed - kept
            tally.record(f"trial {trial}: committed kept", [f"lost {sorted(lost)[:3]}"] if lost else [])
            tally.record(f"trial {trial}: nothing moved", [str(p) for p in moved_aside(folder)])


# -- bad rows and odd places -------------------------------------------------------------------------

_ANSWER = "INSERT INTO answers (exam_id, item_id, topic, correct, given, answered_at) VALUES "
BAD_ROWS = {
    "puzzle_results": [
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('bad-moves', 'many', 5, 0, 0, 0, 3, '2026-01-01')",
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('', 5, 5, 0, 0, 0, 3, '2026-01-01')",
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES (X'00ff', 5, 5, 0, 0, 0, 3, '2026-01-01')",
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('bad-par', 5, X'00ff', 0, 0, 0, 3, '2026-01-01')",
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('bad-hints', 5, 5, 0, 2.5, 0, 3, '2026-01-01')",
        "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at) "
        "VALUES ('huge', 5, 99999999999999999999, 0, 0, 0, 3, '2026-01-01')",
    ],
    "answers": [
        _ANSWER + "('e', 'i', '', 1, 'a', 'x')",
        _ANSWER + "('e', 'i', '4.2', 'yes', 'a', 'x')",
        _ANSWER + "('e', 'i', X'ff', 1, 'a', 'x')",
        _ANSWER + "('e', 'i', '4.2', 7, 'a', 'x')",
    ],
    "reviews": [
        "INSERT INTO reviews (item_id, card, due) VALUES ('bad-due', '{}', 'next tuesday')",
        "INSERT INTO reviews (item_id, card, due) VALUES ('bad-card', 'not json', '2026-01-01T00:00:00+00:00')",
        "INSERT INTO reviews (item_id, card, due) VALUES ('naive-due', '{}', '2026-01-01T00:00:00')",
        "INSERT INTO reviews (item_id, card, due) VALUES ('num-due', '{}', 12)",
        "INSERT INTO reviews (item_id, card, due) VALUES (CAST(X'c3' AS TEXT), '{}', '2026-01-01T00:00:00+00:00')",
    ],
    "settings": [
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('exam_date', '\"someday\"')",
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('lang', 'not json')",
    ],
}


def _store_with(folder: Path, statements: list[str]) -> None:
    seed_store(folder, 2)
    with Store.open(folder) as store:
        from tcptui.progress.store import Answer

        store.record_answer(Answer("e0", "good", "4.1", True, "a"))
    db = sqlite3.connect(folder / FILE_NAME)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_rows_with_bad_values_are_skipped_with_a_warning(tmp_path):
    with Tally("store: bad rows") as tally:
        for table, statements in BAD_ROWS.items():
            for i, statement in enumerate(statements):
                folder = tmp_path / f"{table}-{i}"
                _store_with(folder, [statement])
                for lang in ("en", "zh"):
                    done = progress(folder, "--lang", lang)
                    also = [] if done.returncode == 0 and "p0" not in done.stderr else [f"exit {done.returncode}"]
                    if table != "settings" and not done.stderr.strip():
                        also.append("no warning")
                    tally.check(f"{table} {i} {lang}", done, also=also)
        folder = tmp_path / "all"
        _store_with(folder, [s for statements in BAD_ROWS.values() for s in statements])
        done = progress(folder)
        tally.check("all of them", done, also=[] if done.returncode == 0 else ["not shown"])


def test_the_store_skips_bad_rows_and_counts_them(tmp_path):
    _store_with(tmp_path, [s for statements in BAD_ROWS.values() for s in statements])
    with Store.open(tmp_path) as store:
        assert set(store.best_results()) == {"p0", "p1"}
        assert store.topic_totals() == {"4.1": (1, 1)}
        assert store.reviews() == {}
        assert store.skipped == {"puzzle_results": 6, "answers": 4, "reviews": 5}


def test_the_home_screen_data_source_skips_bad_rows(tmp_path):
    from types import SimpleNamespace

    from tcptui.ui import saved

    _store_with(tmp_path, BAD_ROWS["puzzle_results"])
    notes = []
    app = SimpleNamespace(
        prefs=SimpleNamespace(lang="en"), data_dir=tmp_path, notify=lambda text, **kw: notes.append(text)
    )
    assert set(saved.best_results(app)) == {"p0", "p1"}
    assert len(notes) == 1 and "6" in notes[0]


def test_odd_data_directories_are_one_line(tmp_path):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "dir-db").mkdir()
    (tmp_path / "dir-db" / FILE_NAME).mkdir()
    (tmp_path / "fifo-db").mkdir()
    os.mkfifo(tmp_path / "fifo-db" / FILE_NAME)
    with Tally("store: odd data directories") as tally:
        for name, env, args in [
            ("~nosuchuser", {"TCPTUI_DATA_DIR": "~nosuchuser/x"}, []),
            ("--data-dir ~nosuchuser", {}, ["--data-dir", "~nosuchuser/x"]),
            ("a file", {}, ["--data-dir", tmp_path / "a-file"]),
            ("under a file", {}, ["--data-dir", tmp_path / "a-file" / "x"]),
            ("progress.db is a folder", {}, ["--data-dir", tmp_path / "dir-db"]),
            ("progress.db is a FIFO", {}, ["--data-dir", tmp_path / "fifo-db"]),
            ("/proc", {}, ["--data-dir", "/proc/tcptui"]),
        ]:
            done = run_tcptui("progress", *args, env=env, timeout=20)
            tally.check(name, done, also=[] if done.returncode == 2 else [f"exit {done.returncode}"])
        tally.record("the folder kept", [] if (tmp_path / "dir-db" / FILE_NAME).is_dir() else ["moved"])
        tally.record("the FIFO kept", [] if (tmp_path / "fifo-db" / FILE_NAME).exists() else ["moved"])


def _damage(data: bytearray, rng: random.Random) -> bytes:
    """Flip, zero or cut bytes of a database file, mostly past the header."""
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            data[where] ^= 1 << rng.randrange(8)
        elif action == 1:
            data[where : where + 64] = bytes(len(data[where : where + 64]))
        elif action == 2:
            data[where] = rng.randrange(256)
        else:
            del data[max(where, 100) :]
    return bytes(data)


def test_damaged_files_are_moved_aside_and_intact_ones_never(tmp_path):
    """Damaged stores: the file is moved aside only when SQLite says it is damaged; either way
    a run is clean."""
    source = tmp_path / "source"
    ids = seed_store(source, 60)
    with Store.open(source) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    good = (source / FILE_NAME).read_bytes()
    rng = random.Random(43)
    with Tally("store: damaged files") as tally:
        for trial in range(cases(30, 400)):
            folder = tmp_path / f"d{trial}"
            folder.mkdir()
            damaged = _damage(bytearray(good), rng)
            (folder / FILE_NAME).write_bytes(damaged)
            done = progress(folder)
            also = []
            if moved_aside(folder):
                check = sqlite3.connect(moved_aside(folder)[0])
                try:
                    verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
                    ids_there = {r[0] for r in check.execute("SELECT puzzle_id FROM puzzle_results")}
                except (sqlite3.DatabaseError, UnicodeDecodeError):
                    verdict, ids_there = "damaged", set()
                check.close()
                if verdict == "ok" and ids_there == ids:
                    also.append("an intact store was moved aside")
            tally.check(f"trial {trial}", done, also=also)


@pytest.mark.skipif(not SLOW, reason="TCPTUI_SLOW=1: the store attacks repeated")
def test_slow_repeat_locked_and_read_only(tmp_path):
    for i in range(10):
        test_a_locked_store_is_waited_for_then_one_line_and_nothing_moved(tmp_path / f"l{i}")
