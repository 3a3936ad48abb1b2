"""The SQLite result store: schema, upserts, grouped marks, export order, locking."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from summarizer import ConfigurationError
from summarizer.ledger import Usage
from summarizer.store import SCHEMA_VERSION, Store

FP = "f" * 64


def pending(store: Store, article_id: str, *, run: int, seq: int, key: str = "k") -> None:
    store.put_pending(article_id, FP, text_sha256="t", published=None, cache_key=key, run_id=run, seq=seq)


def test_schema_is_created_in_wal_mode(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"configs", "runs", "results", "batch_jobs", "batch_requests", "batch_replies"} <= tables


def test_one_row_per_article_and_fingerprint_whatever_happens(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        run = store.start_run(FP, {})
        for attempt in range(3):
            pending(store, "a", run=run, seq=0, key=f"k{attempt}")
            store.put_result("a", FP, summary_json='{"article_id": "a"}', usage=Usage(total_tokens=5), attempts=3,
                             cost=0.1, via="live", seconds=1.0)
        pending(store, "b", run=run, seq=1)
        store.put_result("b", FP, summary_json=None, usage=Usage(), attempts=2, cost=0.0, via="live", seconds=0.5,
                         error=("ValidationFailed", "translate_en", "no valid output"))
        rows = store.conn.execute("SELECT article_id FROM results").fetchall()
        assert Counter(r[0] for r in rows) == {"a": 1, "b": 1}
        cached = store.lookup("a", FP)
        assert (cached.status, cached.cache_key, cached.seen_run) == ("ok", "k2", run)
        assert store.lookup("a", "other") is None
        assert store.ok_summary_by_key("k2") == '{"article_id": "a"}'
        assert store.ok_summary_by_key("k0") is None
        [failure] = store.iter_failures(FP, run)
        assert (failure.article_id, failure.error_type, failure.stage, failure.attempts) == (
            "b", "ValidationFailed", "translate_en", 2)
        assert store.run_counts(FP, run) == {"ok": 1, "failed": 1}


def test_export_follows_input_order_of_the_run_and_skips_other_runs(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        first = store.start_run(FP, {})
        for seq, article_id in enumerate(["c", "a", "b"]):
            pending(store, article_id, run=first, seq=seq)
            store.put_result(article_id, FP, summary_json=f'"{article_id}"', usage=Usage(), attempts=1, cost=0,
                             via="live", seconds=0)
        second = store.start_run(FP, {})
        store.mark_seen("b", FP, second, 0)
        store.mark_seen("c", FP, second, 1)
        assert list(store.iter_summaries(FP, first)) == ['"a"']  # b and c now belong to the second run
        assert list(store.iter_summaries(FP, second)) == ['"b"', '"c"']


def test_marks_are_grouped_but_never_lost_on_close(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        run = store.start_run(FP, {})
        pending(store, "a", run=run, seq=0)
        later = store.start_run(FP, {})
        store.mark_seen("a", FP, later, 7)
        assert store.conn.in_transaction  # grouped, not yet committed
    with Store(path) as store:
        assert store.lookup("a", FP).seen_run == later


def test_uncommitted_marks_are_lost_but_results_are_not(tmp_path):
    path = tmp_path / "s.sqlite"
    store = Store(path, lock=False)
    run = store.start_run(FP, {})
    pending(store, "a", run=run, seq=0)
    store.put_result("a", FP, summary_json='"a"', usage=Usage(), attempts=1, cost=0, via="live", seconds=0)
    store.mark_seen("a", FP, run + 1, 3)
    # Another connection sees every committed write while the transaction of marks is open.
    other = sqlite3.connect(path)
    assert other.execute("SELECT status, seen_run FROM results").fetchall() == [("ok", run)]
    other.close()
    store.conn.execute("ROLLBACK")  # what a crash does to the open group
    store.close()


def test_second_run_on_the_same_store_is_refused_until_the_first_closes(tmp_path):
    path = tmp_path / "s.sqlite"
    first = Store(path)
    with pytest.raises(ConfigurationError, match="another batch run"):
        Store(path)
    first.close()
    Store(path).close()


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ConfigurationError, match="newer summarizer"):
        Store(path)


def test_not_a_database_is_a_configuration_error(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigurationError, match="cannot open the store"):
        Store(path)


def test_batch_bookkeeping_round_trip_and_purge(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.record_batch("batch_1", "file_1", "validating", {"h1": "c1", "h2": "c2"})
        assert store.submitted("h1") == ("batch_1", "c1") and store.submitted("h3") is None
        assert store.batch_status("batch_1") == "validating"
        store.save_replies([("h1", 200, '{"x": 1}'), ("h2", 500, None)])
        assert store.reply("h1") == (200, '{"x": 1}') and store.reply("h2") == (500, None)
        store.update_batch("batch_1", "completed", "file_out", None)
        store.record_batch("batch_2", "file_2", "in_progress", {"h9": "c9"})
        store.purge_batch_data()
        assert store.reply("h1") is None and store.submitted("h1") is None
        assert store.submitted("h9") == ("batch_2", "c9")  # a batch still running keeps its map
