"""The batch result store: one embedded SQLite database (WAL) per output, safe to kill at any moment.

Every result and every failure is a row keyed by `(article_id, fingerprint)`, where the
fingerprint hashes everything that decides an output except the article (schema version, prompt
template hashes, the JSON Schemas requested from the model, provider, model, request form and
generation parameters; see `summarizer.batch.fingerprint`). A row also carries the article's
text hash and `cache_key = sha256(fingerprint, text hash, publication date)`: a row answers a
later run only when that key is unchanged.

Crash safety: each finished article is committed on its own, so a SIGKILL loses at most the
articles in flight; WAL with `synchronous=NORMAL` keeps every committed transaction across a
process crash (an OS crash or power loss may lose the last few; `durable=True` sets FULL).
A run holds an exclusive lock file next to the database, so two runs never share one store.

Schema (`PRAGMA user_version = 1`)::

    configs(fingerprint PK, spec JSON, created_at)
    runs(id PK, fingerprint, started_at, finished_at, status, options JSON, counts JSON)
    results(article_id, fingerprint, text_sha256, published, cache_key,
            status 'pending' | 'ok' | 'failed', summary JSON (ok),
            error_type, error_stage, error_message, attempts,
            prompt_tokens, completion_tokens, total_tokens, cost, via, seconds,
            run_id (run that wrote it), seen_run + seen_seq (last run whose input held it, and where),
            updated_at, PRIMARY KEY (article_id, fingerprint))
    batch_jobs(batch_id PK, input_file_id, status, requests, output_file_id, error_file_id, created_at, updated_at)
    batch_requests(body_sha256 PK, batch_id, custom_id)      -- which submitted batch holds a request
    batch_replies(body_sha256 PK, status_code, body)         -- downloaded replies, until used

Export streams rows of the current run in input order (`seen_run`, `seen_seq`), one per article.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigurationError
from .ledger import Usage

try:
    import fcntl
except ImportError:  # Windows: no run lock
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS configs (
    fingerprint TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    options TEXT,
    counts TEXT
);
CREATE TABLE IF NOT EXISTS results (
    article_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    published TEXT,
    cache_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
    summary TEXT,
    error_type TEXT,
    error_stage TEXT,
    error_message TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    cost REAL NOT NULL DEFAULT 0,
    via TEXT,
    seconds REAL,
    run_id INTEGER,
    seen_run INTEGER,
    seen_seq INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, fingerprint)
);
CREATE INDEX IF NOT EXISTS results_by_key ON results (cache_key) WHERE status = 'ok';
CREATE INDEX IF NOT EXISTS results_by_run ON results (fingerprint, seen_run, seen_seq);
CREATE TABLE IF NOT EXISTS batch_jobs (
    batch_id TEXT PRIMARY KEY,
    input_file_id TEXT,
    status TEXT NOT NULL,
    requests INTEGER NOT NULL,
    output_file_id TEXT,
    error_file_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_requests (
    body_sha256 TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL,
    custom_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batch_requests_by_batch ON batch_requests (batch_id);
CREATE TABLE IF NOT EXISTS batch_replies (
    body_sha256 TEXT PRIMARY KEY,
    status_code INTEGER NOT NULL,
    body TEXT
);
"""

# Batch statuses after which a batch will never produce more output.
BATCH_TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Cached:
    """What the store holds for one article under one fingerprint."""

    status: str  # 'pending' | 'ok' | 'failed'
    cache_key: str
    seen_run: int | None
    error_type: str | None


@dataclass(frozen=True)
class Failure:
    """One recorded failure, as reported at the end of a run."""

    article_id: str
    error_type: str
    stage: str | None
    message: str
    attempts: int


class Store:
    """The SQLite store of one batch output. Not thread-safe: use it from one thread (the event loop)."""

    # Skip marks are grouped into transactions of this many rows (a crash only loses marks).
    MARK_GROUP = 512

    def __init__(self, path: Path, *, durable: bool = False, lock: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd: int | None = None
        if lock and fcntl is not None:
            self._lock_fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(self._lock_fd)
                self._lock_fd = None
                raise ConfigurationError(
                    f"another batch run is using the store {self.path} (lock {self.path}.lock); "
                    "wait for it to finish, or give this run its own --db"
                ) from None
        try:
            # Autocommit: every statement outside an explicit BEGIN is its own transaction.
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self.conn.execute("PRAGMA foreign_keys=ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise ConfigurationError(
                    f"the store {self.path} was written by a newer summarizer (store schema {version}); "
                    "upgrade, or use another --db"
                )
            self.conn.executescript(_SCHEMA)
            self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise ConfigurationError(f"cannot open the store {self.path}: {exc}") from None
        self._marks = 0

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Commit pending marks and close the database (and release the run lock)."""
        conn = getattr(self, "conn", None)
        if conn is not None:
            try:
                self.flush()
                conn.close()
            finally:
                self.conn = None  # type: ignore[assignment]
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def flush(self) -> None:
        """Commit grouped skip marks."""
        if self.conn is not None and self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._marks = 0

    def _write(self, sql: str, params: Iterable[Any] = ()) -> None:
        """One write committed now, together with any grouped marks before it."""
        self.conn.execute(sql, tuple(params))
        self.flush()

    # ------------------------------------------------------------------ configs and runs

    def register_config(self, fingerprint: str, spec: dict[str, Any]) -> None:
        """Remember what a fingerprint stands for (so a user can see what changed between runs)."""
        self._write(
            "INSERT OR IGNORE INTO configs (fingerprint, spec, created_at) VALUES (?, ?, ?)",
            (fingerprint, json.dumps(spec, sort_keys=True, ensure_ascii=False), _now()),
        )

    def start_run(self, fingerprint: str, options: dict[str, Any]) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (fingerprint, started_at, options) VALUES (?, ?, ?)",
            (fingerprint, _now(), json.dumps(options, sort_keys=True, default=str)),
        )
        self.flush()
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        self._write(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
            (_now(), status, json.dumps(counts, sort_keys=True), run_id),
        )

    # ------------------------------------------------------------------ results

    def lookup(self, article_id: str, fingerprint: str) -> Cached | None:
        row = self.conn.execute(
            "SELECT status, cache_key, seen_run, error_type FROM results WHERE article_id = ? AND fingerprint = ?",
            (article_id, fingerprint),
        ).fetchone()
        return Cached(row["status"], row["cache_key"], row["seen_run"], row["error_type"]) if row else None

    def ok_summary_by_key(self, cache_key: str) -> str | None:
        """A finished summary of the same text, publication date and fingerprint (any article id)."""
        row = self.conn.execute(
            "SELECT summary FROM results WHERE cache_key = ? AND status = 'ok' LIMIT 1", (cache_key,)
        ).fetchone()
        return row["summary"] if row else None

    def mark_seen(self, article_id: str, fingerprint: str, run_id: int, seq: int) -> None:
        """Note that this run's input holds the article (its stored row answers it); grouped commits."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        self.conn.execute(
            "UPDATE results SET seen_run = ?, seen_seq = ? WHERE article_id = ? AND fingerprint = ?",
            (run_id, seq, article_id, fingerprint),
        )
        self._marks += 1
        if self._marks >= self.MARK_GROUP:
            self.flush()

    def put_pending(
        self, article_id: str, fingerprint: str, *, text_sha256: str, published: str | None, cache_key: str,
        run_id: int, seq: int,
    ) -> None:
        """Record that the article is being worked on (a crash leaves it 'pending': the next run redoes it)."""
        self._write(
            """INSERT INTO results (article_id, fingerprint, text_sha256, published, cache_key, status,
                                   run_id, seen_run, seen_seq, updated_at)
               VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
               ON CONFLICT (article_id, fingerprint) DO UPDATE SET
                   text_sha256 = excluded.text_sha256, published = excluded.published,
                   cache_key = excluded.cache_key, status = 'pending', summary = NULL,
                   error_type = NULL, error_stage = NULL, error_message = NULL, attempts = 0,
                   prompt_tokens = 0, completion_tokens = 0, total_tokens = 0, cost = 0, via = NULL,
                   seconds = NULL, run_id = excluded.run_id, seen_run = excluded.seen_run,
                   seen_seq = excluded.seen_seq, updated_at = excluded.updated_at""",
            (article_id, fingerprint, text_sha256, published, cache_key, run_id, run_id, seq, _now()),
        )

    def put_result(
        self, article_id: str, fingerprint: str, *, summary_json: str | None, usage: Usage, attempts: int,
        cost: float, via: str, seconds: float, error: tuple[str, str | None, str] | None = None,
    ) -> None:
        """Store a finished article (summary JSON) or its failure `(type, stage, message)`; committed now."""
        status = "ok" if error is None else "failed"
        error_type, stage, message = error or (None, None, None)
        cursor = self.conn.execute(
            """UPDATE results SET status = ?, summary = ?, error_type = ?, error_stage = ?, error_message = ?,
                   attempts = ?, prompt_tokens = ?, completion_tokens = ?, total_tokens = ?, cost = ?, via = ?,
                   seconds = ?, updated_at = ?
               WHERE article_id = ? AND fingerprint = ?""",
            (status, summary_json, error_type, stage, message, attempts, usage.prompt_tokens,
             usage.completion_tokens, usage.total_tokens, cost, via, round(seconds, 3), _now(),
             article_id, fingerprint),
        )
        self.flush()
        if cursor.rowcount != 1:
            raise RuntimeError(f"no pending row for article {article_id!r}: put_pending must come first")

    def iter_summaries(self, fingerprint: str, run_id: int) -> Iterator[str]:
        """Summary JSON of every finished article of a run's input, in input order (streamed)."""
        cursor = self.conn.execute(
            "SELECT summary FROM results WHERE fingerprint = ? AND seen_run = ? AND status = 'ok' ORDER BY seen_seq",
            (fingerprint, run_id),
        )
        for row in cursor:
            yield row[0]

    def count_arabic_only(self, fingerprint: str, run_id: int) -> int:
        """Finished articles of a run's input whose summary has no English (none passed the checks:
        the headline's English is null only then)."""
        row = self.conn.execute(
            """SELECT COUNT(*) FROM results WHERE fingerprint = ? AND seen_run = ? AND status = 'ok'
               AND json_extract(summary, '$.headline.en') IS NULL""",
            (fingerprint, run_id),
        ).fetchone()
        return int(row[0])

    def iter_failures(self, fingerprint: str, run_id: int) -> Iterator[Failure]:
        cursor = self.conn.execute(
            """SELECT article_id, error_type, error_stage, error_message, attempts FROM results
               WHERE fingerprint = ? AND seen_run = ? AND status = 'failed' ORDER BY seen_seq""",
            (fingerprint, run_id),
        )
        for row in cursor:
            yield Failure(row[0], row[1], row[2], row[3], row[4])

    def run_counts(self, fingerprint: str, run_id: int) -> dict[str, int]:
        """Rows of a run's input by status."""
        rows = self.conn.execute(
            "SELECT status, COUNT(*) FROM results WHERE fingerprint = ? AND seen_run = ? GROUP BY status",
            (fingerprint, run_id),
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    # ------------------------------------------------------------------ Batch API bookkeeping

    def record_batch(self, batch_id: str, input_file_id: str, status: str, requests: dict[str, str]) -> None:
        """A created batch and the requests it holds (body hash -> custom_id), in one transaction."""
        now = _now()
        self.flush()
        self.conn.execute("BEGIN")
        try:
            self.conn.execute(
                "INSERT OR REPLACE INTO batch_jobs (batch_id, input_file_id, status, requests, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (batch_id, input_file_id, status, len(requests), now, now),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO batch_requests (body_sha256, batch_id, custom_id) VALUES (?, ?, ?)",
                [(sha, batch_id, cid) for sha, cid in requests.items()],
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def update_batch(self, batch_id: str, status: str, output_file_id: str | None, error_file_id: str | None) -> None:
        self._write(
            "UPDATE batch_jobs SET status = ?, output_file_id = ?, error_file_id = ?, updated_at = ? WHERE batch_id = ?",
            (status, output_file_id, error_file_id, _now(), batch_id),
        )

    def batch_status(self, batch_id: str) -> str | None:
        row = self.conn.execute("SELECT status FROM batch_jobs WHERE batch_id = ?", (batch_id,)).fetchone()
        return row[0] if row else None

    def submitted(self, body_sha256: str) -> tuple[str, str] | None:
        """(batch_id, custom_id) of an earlier submission of the same request, if any."""
        row = self.conn.execute(
            "SELECT batch_id, custom_id FROM batch_requests WHERE body_sha256 = ?", (body_sha256,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def forget_submission(self, body_sha256: str) -> None:
        self._write("DELETE FROM batch_requests WHERE body_sha256 = ?", (body_sha256,))

    def save_replies(self, replies: Iterable[tuple[str, int, str | None]]) -> None:
        """Downloaded batch replies `(body hash, status code, body JSON)`, in one transaction."""
        self.flush()
        self.conn.execute("BEGIN")
        try:
            self.conn.executemany(
                "INSERT OR REPLACE INTO batch_replies (body_sha256, status_code, body) VALUES (?, ?, ?)", replies
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def reply(self, body_sha256: str) -> tuple[int, str | None] | None:
        row = self.conn.execute(
            "SELECT status_code, body FROM batch_replies WHERE body_sha256 = ?", (body_sha256,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def purge_batch_data(self) -> None:
        """Drop downloaded replies and finished batches' request maps (after a run that finished its input)."""
        self.flush()
        self.conn.execute("BEGIN")
        self.conn.execute("DELETE FROM batch_replies")
        placeholders = ",".join("?" * len(BATCH_TERMINAL))
        self.conn.execute(
            f"DELETE FROM batch_requests WHERE batch_id IN (SELECT batch_id FROM batch_jobs WHERE status IN ({placeholders}))",
            tuple(BATCH_TERMINAL),
        )
        self.conn.execute("COMMIT")
