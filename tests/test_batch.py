"""Batch runs through the library, over HTTP against the scripted server: cache, failures, inputs, budget.

Every test also checks that no record is lost or duplicated (rows counted by article id).
"""

from __future__ import annotations

import csv
import functools
import json
import shutil
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer import ArticleSummary, ConfigurationError, Settings, Summarizer
from summarizer.batch import BatchOptions, BatchReport, BatchRun, Prices, count_inputs, iter_inputs, run_batch
from summarizer.prompts import Prompts, default_prompt_dir
from summarizer.stages import MAX_TOKENS

from .openai_server import Reply, ScriptedServer
from .seed_replies import SEED, stage_of, valid_reply

TEXT = SEED.read_text(encoding="utf-8")
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def code(i: int) -> str:
    """A letter code unique to article i (no digits: numbers in the article are checked against replies)."""
    letters = []
    for _ in range(3):
        i, r = divmod(i, len(_LETTERS))
        letters.append(_LETTERS[r])
    return "ظ" + "".join(letters)


def variant(i: int) -> str:
    """The seed article with one sentence of its own appended (every seed reply stays valid)."""
    return f"{TEXT.rstrip()}\nوقال المحرر إن رمز النسخة {code(i)}."


def article_of(request: dict[str, Any]) -> int | None:
    prompt = request["messages"][-1]["content"] if request["messages"] else ""
    for message in request["messages"]:
        if "رمز النسخة ظ" in message["content"]:
            prompt = message["content"]
            break
    at = prompt.find("رمز النسخة ظ")
    if at < 0:
        return None
    word = prompt[at + len("رمز النسخة ") :].split(".")[0].split()[0]
    value = 0
    for ch in reversed(word[1:]):
        value = value * len(_LETTERS) + _LETTERS.index(ch)
    return value


@functools.cache
def calls_per_article() -> int:
    """Model calls the pipeline makes for one synthetic article when every reply is valid."""
    with ScriptedServer(lambda request: Reply(content=valid_reply(request))) as server:
        Summarizer(Settings.load(base_url=server.url, model="scripted", api_key="sk-test")).summarize(variant(0))
        return len(server.requests)


def write_articles(folder: Path, n: int, start: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(start, start + n):
        (folder / f"a{i:03d}.txt").write_text(variant(i), encoding="utf-8")
        ids.append(f"a{i:03d}")
    return ids


def valid(delay: float = 0.0) -> Callable[[dict[str, Any]], Reply]:
    return lambda request: Reply(content=valid_reply(request), delay=delay)


def settings_for(server, **more: Any) -> Settings:
    return Settings.load(**{"base_url": server.url, "model": "scripted", "api_key": "sk-test", "max_wait": 0.2, **more})


def assert_complete(out: Path, db: Path, ids: list[str]) -> list[ArticleSummary]:
    """Each expected id exactly once in the output (valid summaries, input order) and in the store."""
    summaries = [ArticleSummary.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = [s.article_id for s in summaries]
    assert Counter(got) == Counter(ids), (sorted(set(got) ^ set(ids)), [k for k, v in Counter(got).items() if v > 1])
    assert got == ids  # input order
    conn = sqlite3.connect(db)
    try:
        per_article = conn.execute(
            "SELECT article_id, fingerprint, COUNT(*) FROM results GROUP BY article_id, fingerprint HAVING COUNT(*) > 1"
        ).fetchall()
        assert per_article == []
        ok = Counter(r[0] for r in conn.execute("SELECT article_id FROM results WHERE status = 'ok'"))
        assert set(ids) <= set(ok)
    finally:
        conn.close()
    return summaries


def options(tmp_path: Path, **more: Any) -> BatchOptions:
    return BatchOptions(**{"out": tmp_path / "results.jsonl", "concurrency": 4, "progress": False, **more})


def test_rerun_of_an_unchanged_batch_makes_no_model_call(scripted_server, tmp_path):
    CALLS = calls_per_article()
    TOKENS = 150 * CALLS  # the scripted server books 100 + 50 tokens per reply
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 12)
    first = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert (first.status, first.done, first.cached, first.failed, first.calls) == ("completed", 12, 0, 0, 12 * CALLS)
    assert len(server.requests) == 12 * CALLS and first.usage.total_tokens == 12 * TOKENS
    db = tmp_path / "results.jsonl.sqlite"  # the default store sits next to the output
    summaries = assert_complete(tmp_path / "results.jsonl", db, ids)
    assert all(s.provenance.calls == CALLS for s in summaries)
    assert first.ok and first.resume_hint() is None

    started = time.perf_counter()
    again = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert time.perf_counter() - started < 2
    assert (again.done, again.cached, again.calls, again.usage.total_tokens) == (0, 12, 0, 0)
    assert len(server.requests) == 12 * CALLS  # zero model calls
    assert assert_complete(tmp_path / "results.jsonl", db, ids) == summaries
    assert "12 cached" in again.summary_line() and "0 model calls" in again.summary_line()


def test_articles_whose_english_all_fails_are_counted_as_arabic_only(scripted_server, tmp_path):
    def no_english(request: dict[str, Any]) -> Reply:
        if stage_of(request) == "translate_en" and (article_of(request) or 0) % 2:
            return Reply(content=json.dumps({"text": "نص عربي"}, ensure_ascii=False))
        return Reply(content=valid_reply(request))

    ids = write_articles(tmp_path / "in", 4)
    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(scripted_server(no_english)))
    summaries = assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    assert [s.headline.en is None for s in summaries] == [False, True, False, True]
    assert (report.done, report.failed, report.arabic_only) == (4, 0, 2) and report.ok
    assert "4 summarised, 0 cached, 2 in Arabic only (no English passed the checks)" in report.summary_line()
    again = run_batch([tmp_path / "in"], options(tmp_path), settings_for(scripted_server(no_english)))
    assert (again.cached, again.arabic_only) == (4, 2)  # counted from the store, cached ones too


def test_a_changed_article_or_template_reruns_what_used_it_and_force_reruns_all(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 4)
    prompts_dir = tmp_path / "prompts"
    shutil.copytree(default_prompt_dir(), prompts_dir)
    run = lambda **kw: run_batch([tmp_path / "in"], options(tmp_path, **kw), settings_for(server),  # noqa: E731
                                 prompts=Prompts(prompts_dir))
    assert run().done == 4

    (tmp_path / "in" / "a002.txt").write_text(variant(2) + " ", encoding="utf-8")  # one article edited
    report = run()
    assert (report.done, report.cached, report.calls) == (1, 3, CALLS)

    template = prompts_dir / "translate_en.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nBe concise.\n", encoding="utf-8")
    report = run()
    assert (report.done, report.cached, report.calls) == (4, 0, 4 * CALLS)
    assert all("Be concise." in r["messages"][-1]["content"]
               for r in server.requests[-4 * CALLS:] if stage_of(r) == "translate_en")

    assert run().calls == 0
    report = run(force=True)
    assert (report.done, report.cached, report.calls) == (4, 0, 4 * CALLS)
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    conn = sqlite3.connect(tmp_path / "results.jsonl.sqlite")
    assert conn.execute("SELECT COUNT(DISTINCT fingerprint) FROM results").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM configs").fetchone()[0] == 2


def test_failures_are_recorded_skipped_on_rerun_and_retried_only_with_retry_failed(scripted_server, tmp_path):
    CALLS = calls_per_article()
    broken = {3}

    def answer(request: dict[str, Any]) -> Reply:
        if article_of(request) in broken:
            return Reply(status=400, content="this article makes the model unhappy")
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 6)
    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert (report.status, report.done, report.failed) == ("completed", 5, 1) and not report.ok
    [failure] = report.failures
    assert failure.article_id == "a003" and failure.error_type == "TransportError" and failure.attempts == 1
    assert "HTTP 400" in failure.message and failure.stage in MAX_TOKENS  # a stage of the pipeline
    assert report.failures_by_type == {"TransportError": 1} and "--retry-failed" in report.resume_hint()
    db = tmp_path / "results.jsonl.sqlite"
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT status, error_type, error_message, attempts FROM results WHERE article_id = 'a003'").fetchone()
    assert row[0] == "failed" and row[1] == "TransportError" and "HTTP 400" in row[2] and row[3] == 1
    good = [i for i in ids if i != "a003"]
    assert_complete(tmp_path / "results.jsonl", db, good)

    broken.clear()
    calls = len(server.requests)
    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert (report.calls, report.cached, report.failed_cached) == (0, 5, 1) and len(server.requests) == calls
    assert "1 failed (1 TransportError)" in report.summary_line()

    report = run_batch([tmp_path / "in"], options(tmp_path, retry_failed=True), settings_for(server))
    assert (report.calls, report.done, report.cached, report.failed_cached) == (CALLS, 1, 5, 0) and report.ok
    assert {article_of(r) for r in server.requests[calls:]} == {3}
    assert_complete(tmp_path / "results.jsonl", db, ids)


def test_jsonl_input_with_dates_bad_records_duplicate_text_and_ids(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid())
    lines = [
        json.dumps({"id": "x1", "text": variant(1), "published": "2018-03-24"}, ensure_ascii=False),
        json.dumps({"id": 7, "text": variant(2)}, ensure_ascii=False),
        json.dumps({"text": variant(3)}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "english", "text": "The central bank raised its main rate by 50 basis points."}),
        json.dumps({"id": "x1-copy", "text": variant(1), "published": "2018-03-24"}, ensure_ascii=False),
        json.dumps({"id": "bad-date", "text": variant(4), "published": "yesterday"}, ensure_ascii=False),
        "",
        json.dumps({"id": "7", "text": variant(5)}, ensure_ascii=False),  # the same id again: ignored
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # One at a time, so x1 is finished when its copy comes (a copy of an article still in flight is re-run).
    report = run_batch([source], options(tmp_path, concurrency=1), settings_for(server))

    # x1, 7, the record without id: summarised; x1-copy: copied from x1 without a call.
    assert (report.done, report.cached, report.duplicate_ids) == (3, 1, 1)
    assert report.calls == 3 * CALLS == len(server.requests)
    assert {article_of(r) for r in server.requests} == {1, 2, 3}
    assert report.failures_by_type == {"InputError": 4}
    failed = {f.article_id: f.message for f in report.failures}
    assert set(failed) == {"articles:4", "no-text", "english", "bad-date"}
    assert "not JSON" in failed["articles:4"] and "not in Arabic" in failed["english"]
    assert "published" in failed["bad-date"]
    summaries = {s.article_id: s for s in map(ArticleSummary.model_validate_json,
                                              (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines())}
    hashed = next(i for i in summaries if i.startswith("article-"))
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ["x1", "7", hashed, "x1-copy"])
    assert summaries["x1"].published.isoformat() == "2018-03-24"
    assert summaries["x1-copy"].model_dump(exclude={"article_id"}) == summaries["x1"].model_dump(exclude={"article_id"})
    assert "1 duplicate ids" in report.summary_line()

    again = run_batch([source], options(tmp_path), settings_for(server))
    assert (again.calls, again.failed_cached, again.cached, again.duplicate_ids) == (0, 4, 4, 1)
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ["x1", "7", hashed, "x1-copy"])


def test_folder_glob_and_files_are_read_lazily_in_order(tmp_path):
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "in" / "utf16.txt").write_bytes(variant(9).encode("utf-16"))
    items = iter_inputs([tmp_path / "in"])
    assert next(items).article_id == "a000"  # a generator: nothing else read yet
    assert [i.article_id for i in items] == ["a001", "a002", "utf16"]
    assert [i.article_id for i in iter_inputs([str(tmp_path / "in" / "a00[12].txt")])] == ["a001", "a002"]
    (tmp_path / "more.jsonl").write_text('{"id": "j", "text": "x"}\n\n{"id": "k"}\n', encoding="utf-8")
    both = [tmp_path / "in", tmp_path / "more.jsonl"]
    assert count_inputs(both) == len(list(iter_inputs(both))) == 6
    same = list(iter_inputs([tmp_path / "in" / "utf16.txt", tmp_path / "in" / "a000.txt"]))
    assert same[0].text == variant(9) and same[0].text_sha256 != same[1].text_sha256
    with pytest.raises(ConfigurationError, match="no file matches"):
        list(iter_inputs([str(tmp_path / "nothing*.txt")]))
    with pytest.raises(ConfigurationError, match="not a folder"):
        run_batch([tmp_path / "missing"], options(tmp_path), Settings.load(base_url="http://x.invalid/v1", model="m"))


def test_events_csv_has_one_flat_row_per_event(scripted_server, tmp_path):
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 3)
    report = run_batch([tmp_path / "in"], options(tmp_path, events_csv=tmp_path / "events.csv"), settings_for(server))
    summaries = assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    raw = (tmp_path / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read the Arabic as UTF-8
    with (tmp_path / "events.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert report.events_exported == len(rows) == sum(len(s.events) for s in summaries) > 0
    assert [r["article_id"] for r in rows] == [s.article_id for s in summaries for _ in s.events]
    first, event = rows[0], summaries[0].events[0]
    assert first["event_type"] == event.event_type and first["description_ar"] == event.description.ar
    assert first["location_en"] == (event.location.name.en if event.location else "")
    assert first["quantities"] == "; ".join(f"{q.value:g} {q.unit}" for q in event.quantities)


def test_token_budget_stops_cleanly_and_the_next_run_continues(scripted_server, tmp_path):
    CALLS = calls_per_article()
    TOKENS = 150 * CALLS  # the scripted server books 100 + 50 tokens per reply
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 8)
    budget = 4 * TOKENS
    report = run_batch([tmp_path / "in"], options(tmp_path, concurrency=1, max_tokens=budget), settings_for(server))
    assert report.status == "budget" and report.done == 4 and report.not_started == 4
    assert report.usage.total_tokens <= budget and report.exported == 4
    assert "larger --max-cost/--max-tokens" in report.resume_hint()
    db = tmp_path / "results.jsonl.sqlite"
    assert_complete(tmp_path / "results.jsonl", db, ids[:4])

    report = run_batch([tmp_path / "in"], options(tmp_path, concurrency=3), settings_for(server))
    assert (report.status, report.done, report.cached) == ("completed", 4, 4)
    assert len(server.requests) == 8 * CALLS
    assert_complete(tmp_path / "results.jsonl", db, ids)


def test_cost_budget_needs_prices_and_counts_prompt_and_completion_prices(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid())
    write_articles(tmp_path / "in", 6)
    with pytest.raises(ConfigurationError, match="needs token prices"):
        run_batch([tmp_path / "in"], options(tmp_path, max_cost=1.0), settings_for(server))
    prices = Prices(input_per_mtok=1000.0, output_per_mtok=2000.0)  # 0.1 + 0.1 USD per call
    per_article = CALLS * (100 * 1000.0 + 50 * 2000.0) / 1e6
    report = run_batch([tmp_path / "in"], options(tmp_path, concurrency=2, prices=prices, max_cost=2.5 * per_article),
                       settings_for(server))
    assert report.status == "budget" and report.cost <= 2.5 * per_article + 1e-9
    assert report.cost == pytest.approx(report.done * per_article) and 1 <= report.done <= 2
    conn = sqlite3.connect(tmp_path / "results.jsonl.sqlite")
    assert conn.execute("SELECT SUM(cost) FROM results").fetchone()[0] == pytest.approx(report.cost)
    assert f"${report.cost:.4f}" in report.summary_line()
    finished = sorted(r[0] for r in conn.execute("SELECT article_id FROM results WHERE status = 'ok'"))
    assert len(finished) == report.done == report.exported
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", finished)


def test_prices_come_from_arguments_environment_or_config(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[batch]\nprice_input = 1.5\nprice_output = 6\n[summarizer]\nmodel = \"m\"\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    monkeypatch.delenv("SUMMARIZER_PRICE_INPUT", raising=False)
    monkeypatch.setenv("SUMMARIZER_PRICE_OUTPUT", "8")
    prices = Prices.load(input_per_mtok=None, batch_discount=0.4)
    assert (prices.input_per_mtok, prices.output_per_mtok, prices.batch_discount) == (1.5, 8.0, 0.4)
    assert Prices.load(input_per_mtok=2.0).input_per_mtok == 2.0
    from summarizer.ledger import Usage

    usage = Usage(prompt_tokens=1_000_000, completion_tokens=500_000, total_tokens=1_500_000)
    assert prices.cost(usage) == pytest.approx(1.5 + 4.0)
    assert prices.cost(usage, usage) == pytest.approx((1.5 + 4.0) * 0.4)
    monkeypatch.setenv("SUMMARIZER_PRICE_OUTPUT", "cheap")
    with pytest.raises(ConfigurationError, match="invalid price"):
        Prices.load()


def test_concurrency_is_bounded_and_used(scripted_server, tmp_path):
    delay = 0.12
    arrivals: dict[int, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def answer(request: dict[str, Any]) -> Reply:
        with lock:
            arrivals[article_of(request)].append(time.monotonic())
        return Reply(content=valid_reply(request), delay=delay)

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 10)
    report = run_batch([tmp_path / "in"], options(tmp_path, concurrency=3), settings_for(server))
    assert report.done == 10
    spans = [(min(times), max(times) + delay) for times in arrivals.values()]
    overlap = max(sum(1 for a, z in spans if a <= t < z) for t, _ in spans)
    assert overlap == 3  # never more articles in flight than allowed, and the allowance is used
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)


def test_rate_limits_are_retried_after_the_time_the_server_asks(scripted_server, tmp_path):
    CALLS = calls_per_article()
    seen: dict[int, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def answer(request: dict[str, Any]) -> Reply:
        article = article_of(request)
        with lock:
            seen[article].append(time.monotonic())
            first = len(seen[article]) == 1
        if first:
            return Reply(status=429, headers={"Retry-After": "0.15"}, content="slow down")
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 4)
    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert report.done == 4 and report.calls == 4 * (CALLS + 1)
    summaries = assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    assert all(s.provenance.transport_retries == 1 for s in summaries)
    assert all(times[1] - times[0] >= 0.14 for times in seen.values())
    assert len(server.requests) == 4 * (CALLS + 1)


def test_an_attempt_that_timed_out_is_booked_once_in_store_report_and_provenance(scripted_server, tmp_path):
    CALLS = calls_per_article()
    hung: set[int] = set()
    lock = threading.Lock()

    def answer(request: dict[str, Any]) -> Reply:
        with lock:
            # Only article 0's first request hangs, whichever article's request arrives first.
            hang = article_of(request) == 0 and not hung
            if hang:
                hung.add(0)
        return Reply(fault="hang") if hang else Reply(content=valid_reply(request))

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 2)
    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server, timeout=1.0))
    summaries = assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)
    assert [(s.provenance.calls, s.provenance.transport_retries) for s in summaries] == [(CALLS + 1, 1), (CALLS, 0)]
    conn = sqlite3.connect(tmp_path / "results.jsonl.sqlite")
    attempts = dict(conn.execute("SELECT article_id, attempts FROM results").fetchall())
    conn.close()
    assert attempts == {"a000": CALLS + 1, "a001": CALLS} and report.calls == 2 * CALLS + 1


def test_stop_lets_articles_in_flight_finish_and_the_next_run_resumes(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(delay=0.2 / CALLS))  # about 0.2 s per article
    ids = write_articles(tmp_path / "in", 12)
    run = BatchRun([tmp_path / "in"], options(tmp_path, concurrency=2), settings_for(server))
    result: list[BatchReport] = []
    thread = threading.Thread(target=lambda: result.append(__import__("asyncio").run(run.run())))
    thread.start()
    db = tmp_path / "results.jsonl.sqlite"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if db.exists() and _ok_rows(db) >= 3:
            break
        time.sleep(0.01)
    run.stop()
    thread.join(20)
    [report] = result
    assert report.status == "interrupted" and 3 <= report.done < 12
    assert report.not_started == 12 - report.done
    assert len(server.requests) == CALLS * report.done  # every article started was finished, none wasted
    assert _ok_rows(db) == report.done == report.exported
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM results WHERE status = 'pending'").fetchone()[0] == 0
    assert "re-run the same command" in report.resume_hint()

    report = run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert report.status == "completed" and report.done + report.cached == 12
    assert len(server.requests) == 12 * CALLS
    assert_complete(tmp_path / "results.jsonl", db, ids)


def _ok_rows(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT COUNT(*) FROM results WHERE status = 'ok'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_progress_bar_only_when_asked_or_on_a_terminal(scripted_server, tmp_path, capsys):
    server = scripted_server(valid())
    ids = write_articles(tmp_path / "in", 3)
    run_batch([tmp_path / "in"], options(tmp_path, progress=None), settings_for(server))
    assert capsys.readouterr().err == ""  # not a terminal: quiet
    run_batch([tmp_path / "in"], options(tmp_path, progress=True, force=True), settings_for(server))
    err = capsys.readouterr().err
    assert "3/3" in err and "✓ 3" in err and "tok" in err
    assert_complete(tmp_path / "results.jsonl", tmp_path / "results.jsonl.sqlite", ids)


def test_a_store_in_use_is_refused(scripted_server, tmp_path):
    from summarizer.store import Store

    server = scripted_server(valid())
    write_articles(tmp_path / "in", 1)
    with Store(tmp_path / "results.jsonl.sqlite"):
        with pytest.raises(ConfigurationError, match="another batch run"):
            run_batch([tmp_path / "in"], options(tmp_path), settings_for(server))
    assert server.requests == []


def test_the_default_concurrency_fits_the_engine(tmp_path):
    # The embedded model serves one request per slot (one by default; llama-cpp-python has one);
    # an endpoint serves several.
    def concurrency(settings: Settings, **options: int) -> int:
        return BatchRun([tmp_path / "in"], BatchOptions(out=tmp_path / "a.jsonl", **options), settings).options.concurrency

    embedded = Settings(provider="embedded")
    assert concurrency(embedded) == 1
    assert concurrency(Settings(provider="embedded", slots=3)) == 3
    assert concurrency(Settings(provider="embedded", engine="llama-cpp-python", slots=3)) == 1
    assert concurrency(Settings(base_url="http://127.0.0.1:9/v1", model="m")) == 8
    assert concurrency(embedded, concurrency=3) == 3
