"""Saved progress: one SQLite file in the user data directory, a versioned and migrated schema.

Each finished puzzle and each exam answer is committed in its own transaction (WAL, so a kill -9
loses at most the write in progress, and readers never wait for a writer). The store follows
what SQLite itself says about the file (its result codes, https://sqlite.org/rescode.html):

- SQLITE_NOTADB, SQLITE_CORRUPT or a failed `PRAGMA quick_check`: the file is not a usable
  database. Only then is it moved aside (`progress.db.corrupt-…`, with a warning) and a fresh
  one started.
- SQLITE_BUSY / SQLITE_LOCKED: another process holds the file. Wait up to BUSY_TIMEOUT (SQLite's
  busy timeout), then StoreError in one line; nothing is moved or changed.
- SQLITE_FULL: the disk is full. The write is rolled back whole (StoreError in one line); the
  file stays as it was and takes writes again once there is space.
- A read-only folder, file or mount (SQLITE_READONLY, or no write permission): progress is read
  (into memory, migrated there if the file is older) and shown; `read_only` says why nothing can
  be saved, and every write raises StoreError.
- Migrations run in one transaction (BEGIN IMMEDIATE) that reads `user_version` inside it, so
  two tcptuis starting on a fresh folder never both migrate.
- A row whose values are not what tcptui writes (a hand edit, another program) is skipped when
  read and counted in `skipped`; the callers warn.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sqlite3
import stat
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from .location import FILE_NAME, data_dir  # noqa: F401 - the store's names for them too

BUSY_TIMEOUT = 5.0  # seconds to wait for another process's write (SQLite's busy timeout)

# Each entry takes the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS = (
    """
    CREATE TABLE puzzle_results (
        id INTEGER PRIMARY KEY, puzzle_id TEXT NOT NULL, moves INTEGER NOT NULL, par INTEGER NOT NULL,
        illegal INTEGER NOT NULL, hints INTEGER NOT NULL, shown INTEGER NOT NULL, stars INTEGER NOT NULL,
        finished_at TEXT NOT NULL);
    CREATE INDEX puzzle_results_by_id ON puzzle_results (puzzle_id);
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY, exam_id TEXT NOT NULL, item_id TEXT NOT NULL, topic TEXT NOT NULL,
        correct INTEGER NOT NULL, given TEXT NOT NULL, answered_at TEXT NOT NULL);
    """,
    """
    CREATE TABLE reviews (item_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = {"puzzle_results", "answers", "reviews", "settings"}


class CorruptStoreWarning(UserWarning):
    """The progress file was unusable; it was moved aside and a fresh one started."""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Answer:
    """One answered exam question."""

    exam_id: str
    item_id: str
    topic: str
    correct: bool
    given: str


class Store:
    """The progress database. Open with `Store.open(data_dir)`; every write is its own transaction.

    - recovered: where a damaged file was moved (None when nothing was);
    - read_only: why nothing can be saved (None when the file is writable);
    - skipped: table → rows skipped so far because their values are unreadable.
    """

    def __init__(
        self, path: Path, db: sqlite3.Connection, recovered: Path | None = None, read_only: str | None = None
    ) -> None:
        self.path, self.db, self.recovered, self.read_only = path, db, recovered, read_only
        self._skipped: dict[str, set] = {}

    @classmethod
    def open(cls, directory: str | os.PathLike | None = None) -> Store:
        """Open (or create) the store; a damaged file is moved aside with a CorruptStoreWarning.
        StoreError (one line) when it cannot be used at all: locked, full, not a file, newer."""
        folder = data_dir(directory)
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise StoreError(f"the data directory {folder} is a file, not a folder") from None
        except OSError as e:
            if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):  # nothing was saved, nothing can be
                return cls(path, _in_memory(None, ()), read_only=f"cannot create {folder}: {e.strerror}")
            raise StoreError(f"cannot create the data directory {folder}: {e.strerror}") from None
        _check_regular(path)
        reason = _read_only_reason(folder, path)
        try:
            if reason is not None:
                return cls(path, _in_memory(path, READ_ONLY_WAYS), read_only=reason)
            return cls(path, _connect(path))
        except sqlite3.Error as e:
            kind = _kind(e)
            if kind == "read-only":  # SQLite knew better than the permission bits
                return cls._read_only_copy(path, READ_ONLY_WAYS, f"{path} is read-only")
            if kind == "full":  # no room for SQLite's shared-memory file: read it without one
                return cls._read_only_copy(path, FULL_DISK_WAYS, f"the disk holding {path} is full")
            if kind != "damaged":
                raise _store_error(e, path) from None
            damage = e
        aside = _move_aside(path)
        warnings.warn(
            f"{path} was not a usable progress database ({damage}); moved it to {aside.name} and started afresh",
            CorruptStoreWarning,
            stacklevel=2,
        )
        try:
            return cls(path, _connect(path), aside)
        except sqlite3.Error as again:
            raise _store_error(again, path) from None

    @classmethod
    def _read_only_copy(cls, path: Path, ways: tuple, reason: str) -> Store:
        try:
            return cls(path, _in_memory(path, ways), read_only=reason)
        except sqlite3.Error as e:
            raise _store_error(e, path) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self):
        """One write: committed whole, or not at all. StoreError (one line) when it cannot be made:
        the store is read-only, locked past the busy timeout, or the disk is full."""
        if self.read_only is not None:
            raise StoreError(f"{self.read_only}; nothing is saved")
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise _store_error(e, self.path) from None
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as e:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise _store_error(e, self.path) from None
            raise

    def _rows(self, sql: str) -> list:
        """Rows of a read; StoreError (one line) when the file cannot be read now."""
        try:
            return self.db.execute(sql).fetchall()
        except sqlite3.Error as e:
            raise _store_error(e, self.path) from None

    def _skip(self, table: str, rowid) -> None:
        self._skipped.setdefault(table, set()).add(rowid)

    @property
    def skipped(self) -> dict[str, int]:
        """table → how many of its rows were skipped as unreadable so far."""
        return {table: len(rows) for table, rows in self._skipped.items()}

    # -- puzzles --------------------------------------------------------------------------------

    def record_result(self, result, when: dt.datetime | None = None) -> None:
        """Keep one finished attempt (a tcptui.puzzle.scoring.Result)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO puzzle_results (puzzle_id, moves, par, illegal, hints, shown, stars, finished_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.puzzle_id,
                    result.moves,
                    result.par,
                    result.illegal,
                    result.hints,
                    int(result.shown),
                    result.stars,
                    (when or now_utc()).isoformat(),
                ),
            )

    def best_results(self) -> dict:
        """puzzle id → the best Result kept (scoring.best over every attempt); unreadable rows skipped."""
        from ..puzzle.scoring import Result, best

        kept: dict = {}
        rows = self._rows("SELECT id, puzzle_id, moves, par, illegal, hints, shown FROM puzzle_results ORDER BY id")
        for rowid, pid, moves, par, illegal, hints, shown in rows:
            if not (_text(pid) and _count(moves) and _count(par, 1) and _count(illegal) and _count(hints)) or (
                shown not in (0, 1)
            ):
                self._skip("puzzle_results", rowid)
                continue
            kept[pid] = best(kept.get(pid), Result(pid, moves, par, illegal, hints, bool(shown)))
        return kept

    def attempts(self) -> int:
        return self._rows("SELECT count(*) FROM puzzle_results")[0][0]

    # -- exam answers and reviews ---------------------------------------------------------------

    def record_answer(
        self, answer: Answer, review: tuple[str, dt.datetime] | None = None, when: dt.datetime | None = None
    ) -> None:
        """Keep one answer and, in the same transaction, its item's new review card (json, due)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO answers (exam_id, item_id, topic, correct, given, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    answer.exam_id,
                    answer.item_id,
                    answer.topic,
                    int(answer.correct),
                    answer.given,
                    (when or now_utc()).isoformat(),
                ),
            )
            if review is not None:
                db.execute(
                    "INSERT OR REPLACE INTO reviews (item_id, card, due) VALUES (?, ?, ?)",
                    (answer.item_id, review[0], review[1].isoformat()),
                )

    def reviews(self) -> dict[str, tuple[str, dt.datetime]]:
        """item id → (card json, due) for every item answered at least once; unreadable rows skipped."""
        kept = {}
        for rowid, item, card, due in self._rows("SELECT rowid, item_id, card, due FROM reviews"):
            when = _moment(due)
            if not _text(item) or when is None or not _json_object(card):
                self._skip("reviews", rowid)
                continue
            kept[item] = (card, when)
        return kept

    def topic_totals(self) -> dict[str, tuple[int, int]]:
        """topic → (right, answered) over every exam; unreadable rows skipped."""
        totals: dict[str, tuple[int, int]] = {}
        for rowid, topic, correct in self._rows("SELECT id, topic, correct FROM answers"):
            if not _text(topic) or correct not in (0, 1) or isinstance(correct, float):
                self._skip("answers", rowid)
                continue
            right, total = totals.get(topic, (0, 0))
            totals[topic] = (right + correct, total + 1)
        return dict(sorted(totals.items()))

    def answer_count(self) -> int:
        return self._rows("SELECT count(*) FROM answers")[0][0]

    # -- settings (key → JSON text) --------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as e:
            raise _store_error(e, self.path) from None
        return row[0] if row and isinstance(row[0], str) else None

    def put_settings(self, values: dict[str, str]) -> None:
        """Write several settings in one transaction."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", values.items())

    def reset(self) -> None:
        """Forget all progress (results, answers, reviews); settings stay."""
        with self.transaction() as db:
            for table in ("puzzle_results", "answers", "reviews"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


# -- reading rows that may have been written by someone else ------------------------------------------


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _count(value, low: int = 0) -> bool:
    """A whole number tcptui could have written (SQLite keeps whatever it is given)."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value < 1 << 31


def _moment(value) -> dt.datetime | None:
    """An ISO date-time with its time zone, as tcptui writes them; None otherwise."""
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _json_object(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


# -- what SQLite says -----------------------------------------------------------------------------------


def _kind(error: sqlite3.Error) -> str:
    """What an SQLite error means for the store: damaged, locked, full, read-only, or other."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or isinstance(error, _Damaged):
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "locked"
    if name.startswith("SQLITE_FULL") or name == "SQLITE_IOERR_SHMSIZE":  # the -shm cannot grow: disk full
        return "full"
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")):
        return "read-only"
    return "other"


def _store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """The one line a user reads for an SQLite error."""
    kind = _kind(error)
    if kind == "locked":
        return StoreError(
            f"{path} is locked by another program (waited {BUSY_TIMEOUT:g} s); nothing was changed: "
            "try again when it is done"
        )
    if kind == "full":
        return StoreError(f"the disk holding {path} is full; nothing was changed: free some space and try again")
    if kind == "read-only":
        return StoreError(f"{path} is read-only; nothing is saved")
    return StoreError(f"cannot use {path}: {error}")


class _Damaged(sqlite3.DatabaseError):
    """The file opened, but SQLite's own check says it is damaged."""


# Python cannot decode SQLite's error message when the message quotes bytes of the file that are
# not UTF-8: the schema SQLite parses on first use is garbage. tcptui and SQLite write only UTF-8
# there, so the file is damaged.
_UNDECODABLE = "SQLite reports a schema that is not text"


def _check_regular(path: Path) -> None:
    """A FIFO, a device or a folder where progress.db belongs is never opened (a FIFO would block)
    and never moved: StoreError."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise StoreError(f"cannot use {path}: {e.strerror}") from None
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a regular file; move it away or use --data-dir")


def _read_only_reason(folder: Path, path: Path) -> str | None:
    """Why the store cannot be written here (the folder or the file lacks write permission, or is on
    a read-only mount), or None. SQLite needs to write beside the file (its WAL), hence the folder."""
    if not os.access(folder, os.W_OK):
        return f"{folder} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only"
    return None


def _connect(path: Path) -> sqlite3.Connection:
    """Connect, check the file, migrate it to SCHEMA_VERSION; sqlite3.Error if it cannot be used
    (_kind tells why), StoreError if it is a database but not one this tcptui can use."""
    db = _connection(path)
    try:
        _use_wal(db)
        _check(db)
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a killed process loses nothing committed
        _migrate(db)
        _check_tables(db, path)
    except UnicodeDecodeError:
        db.close()
        raise _Damaged(_UNDECODABLE) from None
    except BaseException:
        db.close()
        raise
    return db


# Ways to open a file that cannot be written, tried in order. `immutable` reads without the
# -shm file SQLite would need to create beside it (and so without the WAL's uncheckpointed pages);
# `exclusive` keeps the WAL index in memory instead of in a -shm file (https://sqlite.org/wal.html).
READ_ONLY_WAYS = ("mode=ro", "mode=ro&immutable=1")
FULL_DISK_WAYS = ("exclusive", "mode=ro&immutable=1")


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode (readers never wait for a writer; a killed writer loses nothing
    committed). Changing the mode needs every other connection out of the way, and SQLite answers
    SQLITE_BUSY at once there — its busy handler is not called (two tcptuis starting on a fresh
    folder hit it one time in ten) — so the change is retried here, up to BUSY_TIMEOUT."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return  # the usual case: set once, kept in the file
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if _kind(e) != "locked" or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _in_memory(path: Path | None, ways: tuple) -> sqlite3.Connection:
    """A read-only store's working copy: the file's rows (if any) copied into memory and migrated
    there, so that everything reads as usual and nothing is written to the file."""
    memory = _connection(":memory:")
    try:
        if path is not None and path.exists():
            source = _open_to_read(path, ways)
            try:
                source.backup(memory)
            finally:
                source.close()
        _migrate(memory)
        _check_tables(memory, path)
    except BaseException:
        memory.close()
        raise
    return memory


def _open_to_read(path: Path, ways: tuple) -> sqlite3.Connection:
    """The first of `ways` that reads the file and passes SQLite's check."""
    error: sqlite3.Error | None = None
    for way in ways:
        if way == "exclusive":
            source = _connection(path)
            source.execute("PRAGMA locking_mode=EXCLUSIVE")
        else:
            source = _connection(f"{path.as_uri()}?{way}", uri=True)
        try:
            try:
                _check(source)
            except UnicodeDecodeError:
                raise _Damaged(_UNDECODABLE) from None
            return source
        except sqlite3.Error as e:
            source.close()
            if _kind(e) in ("damaged", "locked"):
                raise
            error = e
    raise error if error is not None else sqlite3.OperationalError("nothing to read")


def _connection(target, uri: bool = False) -> sqlite3.Connection:
    """An autocommit connection with the busy timeout; text that is not UTF-8 reads as None
    (the row is then skipped as unreadable, not a UnicodeDecodeError)."""
    db = sqlite3.connect(target, uri=uri, isolation_level=None, timeout=BUSY_TIMEOUT)
    db.text_factory = _decoded
    return db


def _decoded(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _check(db: sqlite3.Connection) -> None:
    """SQLite's own check of the whole file (quick_check: every page, without the index cross-checks)."""
    verdict = db.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise _Damaged(f"integrity check failed: {verdict}")


def _check_tables(db: sqlite3.Connection, path: Path | None) -> None:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not TABLES <= tables:
        raise StoreError(
            f"{path} is an SQLite database but not tcptui's progress (missing tables: "
            f"{', '.join(sorted(TABLES - tables))}); move it away or use --data-dir"
        )


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION in one transaction. `user_version` is read again inside
    it (BEGIN IMMEDIATE holds the write lock), so a second process starting at the same moment
    finds the work done instead of doing it twice."""
    if _version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    db.execute(statement)
        db.execute(f"PRAGMA user_version = {max(version, SCHEMA_VERSION)}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


def _version(db: sqlite3.Connection) -> int:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the progress file has schema version {version}, newer than this tcptui "
            f"({SCHEMA_VERSION}); upgrade tcptui or use --data-dir"
        )
    return version


def _move_aside(path: Path) -> Path:
    """Rename the damaged file (and its WAL companions) to progress.db.corrupt-TIMESTAMP."""
    stamp = now_utc().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{path}{suffix}")
            if part.exists():
                part.rename(Path(f"{aside}{suffix}"))
    except OSError as e:
        raise StoreError(f"{path} is damaged and cannot be moved aside ({e.strerror}); move it away yourself") from None
    return aside
