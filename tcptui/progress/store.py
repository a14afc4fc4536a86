"""Saved progress: one SQLite file in the user data directory, a versioned and migrated schema.

Each finished puzzle and each exam answer is committed in its own transaction, so a kill -9
loses at most the move in progress. A file that is not a usable database is moved aside (with a
warning) and a fresh one started: progress is worth less than never crashing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError

FILE_NAME = "progress.db"

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


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $TCPTUI_DATA_DIR, else the platform's user data directory."""
    chosen = override or os.environ.get("TCPTUI_DATA_DIR")
    if not chosen:
        import platformdirs

        chosen = platformdirs.user_data_dir("tcptui", appauthor=False)
    return Path(chosen).expanduser()


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
    """The progress database. Open with `Store.open(data_dir)`; every write is its own transaction."""

    def __init__(self, path: Path, db: sqlite3.Connection, recovered: Path | None = None) -> None:
        self.path, self.db, self.recovered = path, db, recovered

    @classmethod
    def open(cls, directory: str | os.PathLike | None = None) -> Store:
        """Open (or create) the store; a corrupt file is moved aside with a CorruptStoreWarning."""
        folder = data_dir(directory)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the data directory {folder}: {e.strerror}") from None
        path = folder / FILE_NAME
        try:
            return cls(path, _connect(path))
        except sqlite3.DatabaseError as e:
            aside = _move_aside(path)
            warnings.warn(
                f"{path} was not a usable progress database ({e}); moved it to {aside.name} and started afresh",
                CorruptStoreWarning,
                stacklevel=2,
            )
            try:
                return cls(path, _connect(path), aside)
            except sqlite3.DatabaseError as again:
                raise StoreError(f"cannot use {path}: {again}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self):
        """One write: committed whole, or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
        """puzzle id → the best Result kept (scoring.best over every attempt)."""
        from ..puzzle.scoring import Result, best

        kept: dict = {}
        rows = self.db.execute("SELECT puzzle_id, moves, par, illegal, hints, shown FROM puzzle_results ORDER BY id")
        for pid, moves, par, illegal, hints, shown in rows:
            kept[pid] = best(kept.get(pid), Result(pid, moves, par, illegal, hints, bool(shown)))
        return kept

    def attempts(self) -> int:
        return self.db.execute("SELECT count(*) FROM puzzle_results").fetchone()[0]

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
        """item id → (card json, due) for every item answered at least once."""
        rows = self.db.execute("SELECT item_id, card, due FROM reviews")
        return {item: (card, dt.datetime.fromisoformat(due)) for item, card, due in rows}

    def topic_totals(self) -> dict[str, tuple[int, int]]:
        """topic → (right, answered) over every exam."""
        rows = self.db.execute("SELECT topic, sum(correct), count(*) FROM answers GROUP BY topic ORDER BY topic")
        return {topic: (right, total) for topic, right, total in rows}

    def answer_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM answers").fetchone()[0]

    # -- settings (key → JSON text) --------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put_settings(self, values: dict[str, str]) -> None:
        """Write several settings in one transaction."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", values.items())

    def reset(self) -> None:
        """Forget all progress (results, answers, reviews); settings stay."""
        with self.transaction() as db:
            for table in ("puzzle_results", "answers", "reviews"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def _connect(path: Path) -> sqlite3.Connection:
    """Connect, check the file, migrate it to SCHEMA_VERSION; DatabaseError if it is unusable."""
    db = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("integrity check failed")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a killed process loses nothing committed
        _migrate(db)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not TABLES <= tables:
            raise sqlite3.DatabaseError(f"missing tables: {', '.join(sorted(TABLES - tables))}")
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """Apply each migration past the file's user_version, each in its own transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the progress file has schema version {version}, newer than this tcptui "
            f"({SCHEMA_VERSION}); upgrade tcptui or use --data-dir"
        )
    for number in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _move_aside(path: Path) -> Path:
    """Rename the unusable file (and its WAL companions) to progress.db.corrupt-TIMESTAMP."""
    stamp = now_utc().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{aside}{suffix}"))
    return aside
