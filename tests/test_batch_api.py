"""`via="openai-batch"`: stage rounds through /v1/files + /v1/batches of the scripted server, the same
validation as the live path, failures re-asked live, and resumption without paying twice."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections import Counter
from typing import Any

import openai
import pytest

from summarizer import ConfigurationError, Settings, TransportError
from summarizer.batch import BatchOptions, BatchReport, BatchRun, Prices, run_batch

from .openai_server import Reply, ScriptedServer
from .seed_replies import stage_of, valid_reply
from .test_batch import article_of, assert_complete, calls_per_article, settings_for, valid, write_articles


def via_batch(tmp_path, name: str = "results", **more: Any) -> BatchOptions:
    return BatchOptions(**{"out": tmp_path / f"{name}.jsonl", "via": "openai-batch", "poll_interval": 0.01,
                           "progress": False, **more})


def chat_posts(server) -> int:
    return server.calls.count(("POST", "/v1/chat/completions"))


def batch_lines(server) -> list[list[dict[str, Any]]]:
    """The request lines of every batch input file uploaded, in order."""
    files = [data for data in server.files.values() if b'"custom_id"' in data and b'"method"' in data]
    return [[json.loads(line) for line in data.splitlines() if line.strip()] for data in files]


def test_rounds_follow_the_stages_and_give_the_live_results_at_the_batch_price(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 5)
    prices = Prices(input_per_mtok=1.0, output_per_mtok=2.0, batch_discount=0.5)
    report = run_batch([tmp_path / "in"], via_batch(tmp_path, prices=prices), settings_for(server))
    assert (report.status, report.done, report.failed, report.calls) == ("completed", 5, 0, 5 * CALLS)
    assert chat_posts(server) == 0  # every stage call was answered by a batch
    rounds = batch_lines(server)
    assert len(report.batches) == len(rounds) == server.calls.count(("POST", "/v1/batches"))
    assert 2 <= len(rounds) <= CALLS  # one round per step of the stages (sequential steps here)
    for lines in rounds:  # a round holds the same step of every article
        assert sorted(article_of(line["body"]) for line in lines) == [0, 1, 2, 3, 4]
        assert len({stage_of(line["body"]) for line in lines}) == 1
        assert all(line["method"] == "POST" and line["url"] == "/v1/chat/completions" for line in lines)
        assert all(line["body"]["response_format"]["type"] == "json_schema" for line in lines)
    assert sum(len(lines) for lines in rounds) == 5 * CALLS
    batched = assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    assert all(s.provenance.calls == CALLS and s.provenance.retries == 0 for s in batched)

    live = run_batch([tmp_path / "in"], BatchOptions(out=tmp_path / "live.jsonl", prices=prices, progress=False),
                     settings_for(server))
    lived = assert_complete(tmp_path / "live.jsonl", tmp_path / "live.jsonl.sqlite", ids)
    assert [s.model_dump(exclude={"provenance"}) for s in batched] == [s.model_dump(exclude={"provenance"}) for s in lived]
    assert report.cost == live.cost * 0.5 > 0

    again = run_batch([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
    assert (again.calls, again.cached, again.batches) == (0, 5, [])
    assert len(batch_lines(server)) == len(rounds)


def test_invalid_replies_and_error_lines_in_a_batch_go_through_the_live_path(scripted_server, tmp_path):
    CALLS = calls_per_article()
    seen: Counter[int | None] = Counter()
    lock = threading.Lock()

    def answer(request: dict[str, Any]) -> Reply:
        article = article_of(request)
        with lock:
            seen[article] += 1
            first = seen[article] == 1
        if first and article == 1:
            return Reply(content="{}")  # valid JSON, invalid for every stage
        if first and article == 2:
            return Reply(status=500, content="the batch worker fell over")
        if first and article == 3:
            return Reply(fault="malformed")
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 5)
    report = run_batch([tmp_path / "in"], via_batch(tmp_path, concurrency=2), settings_for(server))
    assert (report.done, report.failed) == (5, 0)
    summaries = {s.article_id: s for s in assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)}
    # The invalid reply was re-asked live with its validation errors, as the live path does.
    assert chat_posts(server) == 3
    reask = next(r for r in server.requests if article_of(r) == 1 and len(r["messages"]) > 2)
    assert reask["messages"][-2] == {"role": "assistant", "content": "{}"}
    assert "required" in reask["messages"][-1]["content"].lower()
    assert summaries["a001"].provenance.retries == 1 and summaries["a001"].provenance.calls == CALLS + 1
    assert summaries["a001"].model_dump(exclude={"provenance", "article_id"}) == summaries["a000"].model_dump(
        exclude={"provenance", "article_id"})
    # A 5xx line is a failed call, retried live by the transport; a broken line was never an answer.
    assert summaries["a002"].provenance.calls == CALLS + 1 and summaries["a002"].provenance.transport_retries == 1
    assert summaries["a003"].provenance.calls == CALLS and summaries["a003"].provenance.transport_retries == 0
    assert summaries["a000"].provenance.calls == CALLS


def test_batches_cancelled_at_the_provider_are_answered_live(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(), batch_delay=60)
    ids = write_articles(tmp_path / "in", 3)
    stop = threading.Event()

    def cancel_every_batch() -> None:
        client = openai.OpenAI(base_url=server.url, api_key="sk-test", max_retries=0)
        cancelled: set[str] = set()
        while not stop.is_set():
            for batch in client.batches.list().data:
                if batch.id not in cancelled and batch.status in ("validating", "in_progress"):
                    client.batches.cancel(batch.id)
                    cancelled.add(batch.id)
            time.sleep(0.01)

    watcher = threading.Thread(target=cancel_every_batch)
    watcher.start()
    try:
        report = run_batch([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
    finally:
        stop.set()
        watcher.join()
    assert (report.done, report.failed) == (3, 0)
    assert chat_posts(server) == 3 * CALLS
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)


def test_a_stopped_run_collects_its_submitted_batch_next_time_instead_of_paying_twice(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(), batch_delay=0.6)
    ids = write_articles(tmp_path / "in", 4)
    run = BatchRun([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
    result: list[BatchReport] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(run.run())))
    thread.start()
    deadline = time.monotonic() + 20
    while ("POST", "/v1/batches") not in server.calls:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.005)
    run.stop()
    thread.join(20)
    [report] = result
    assert report.status == "interrupted" and report.done == 0 and report.not_started == 4
    assert len(report.batches) == 1 and "keep running at the provider" in report.resume_hint()
    first_batch = report.batches[0]

    calls = len(server.calls)
    again = run_batch([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
    assert (again.status, again.done) == ("completed", 4)
    assert first_batch not in again.batches  # collected, not submitted again
    assert ("GET", f"/v1/batches/{first_batch}") in server.calls[calls:]
    assert sum(len(lines) for lines in batch_lines(server)) == 4 * CALLS  # no request submitted twice
    assert len(server.requests) == 4 * CALLS and chat_posts(server) == 0
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    # A finished run drops the downloaded replies it no longer needs.
    conn = sqlite3.connect(tmp_path / "results.jsonl.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM batch_replies").fetchone()[0] == 0


def test_batch_size_splits_the_input_into_chunks(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 5)
    report = run_batch([tmp_path / "in"], via_batch(tmp_path, batch_size=2), settings_for(server))
    assert report.done == 5
    per_batch = [len({article_of(line["body"]) for line in lines}) for lines in batch_lines(server)]
    assert max(per_batch) == 2 and sorted(set(per_batch)) == [1, 2]  # chunks of 2, 2 and 1 article(s)
    assert len(per_batch) % 3 == 0  # the same number of rounds for each of the 3 chunks
    assert sum(len(lines) for lines in batch_lines(server)) == 5 * CALLS
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)


def test_batch_api_needs_an_endpoint(tmp_path):
    write_articles(tmp_path / "in", 1)
    with pytest.raises(ConfigurationError, match="needs an OpenAI-compatible endpoint"):
        run_batch([tmp_path / "in"], via_batch(tmp_path), Settings.load(provider="embedded"))



def test_a_batch_the_provider_fails_stops_the_run_with_its_reason_instead_of_going_live(tmp_path):
    class FailingBatches(ScriptedServer):
        def _create_batch(self, body: dict) -> dict:
            batch = super()._create_batch(body)
            with self._lock:
                state = self._batches[batch["id"]]
                state["done_at"] = None
                state["obj"].update(status="failed", errors={"object": "list", "data": [
                    {"code": "token_limit_exceeded", "message": "Enqueued token limit reached", "param": None,
                     "line": None}]})
            return batch

    ids = write_articles(tmp_path / "in", 3)
    with FailingBatches(valid()) as server:
        with pytest.raises(TransportError, match="Enqueued token limit reached.*--batch-size"):
            run_batch([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
        assert chat_posts(server) == 0  # nothing was sent live at full price
        # The next run submits again (the failed batch answered nothing), and finishes.
    with ScriptedServer(valid()) as server:
        report = run_batch([tmp_path / "in"], via_batch(tmp_path), settings_for(server))
        assert (report.status, report.done) == ("completed", 3)
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
