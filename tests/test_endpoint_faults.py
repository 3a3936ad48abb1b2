"""A failing endpoint, fault by fault, against the scripted server: every outcome is bounded in time,
counted, and either a valid summary or a typed error with its reason (one CLI line, no traceback).

Small timeouts make the bounds testable: timeout 0.5 s per call, max_wait 0.05 s between transport
retries, 2 transport retries. A fault that stops is absorbed by the transport's retries and counted
in provenance; one that does not stop ends as a typed error carrying the calls and tokens spent on
the article. Also: no secret in anything written, even at DEBUG; a batch under random faults loses
and duplicates nothing.
"""

from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import (
    ArticleSummary,
    ContextExceeded,
    InputError,
    OutputTruncated,
    Settings,
    Summarizer,
    TransportError,
    ValidationFailed,
)
from summarizer.batch import BatchOptions, run_batch
from summarizer.stages import MAX_TOKENS

from .hostile.reliability import record
from .openai_server import Reply
from .seed_replies import SEED, reply_json, stage_of, valid_reply
from .test_pipeline_http import make_summarizer, scripted

TEXT = SEED.read_text(encoding="utf-8")
FAST = {"timeout": 0.5, "max_wait": 0.05, "transport_retries": 2}
CALLS = 5  # calls of a clean run on the seed: summary, events, headline and two points in English
TOKENS = 150  # per answered call (the scripted server's usage)
KEY = "sk-live-SECRET-0123456789abcdef"

HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>"
# fault -> (reply, words of the typed error when it never stops)
FAULTS: dict[str, tuple[Reply, str]] = {
    "429 + Retry-After 0.05 s": (Reply(status=429, headers={"Retry-After": "0.05"}), "answered HTTP 429"),
    "429 + Retry-After 1 h": (Reply(status=429, headers={"Retry-After": "3600"}), "answered HTTP 429"),
    "500": (Reply(status=500), "answered HTTP 500"),
    "503": (Reply(status=503), "answered HTTP 503"),
    "hang past the timeout": (Reply(fault="hang"), "did not answer in time"),
    "connection closed": (Reply(fault="close"), "cannot reach the endpoint"),
    "malformed JSON (application/json)": (Reply(fault="malformed"), "HTTP 200 with a body that is not JSON (application/json"),
    "malformed body (text/html)": (
        Reply(fault="malformed", content=HTML, headers={"Content-Type": "text/html"}),
        "HTTP 200 with a body that is not JSON (text/html",
    ),
    "empty choices": (Reply(fault="empty_choices"), "HTTP 200 with a chat completion with no choices"),
}


# A retry comes at most the 0.5 s timeout plus the 0.05 s max_wait after the failed request arrived
# (a fast fault: sooner); the bound leaves room for a loaded machine and is far below an uncapped
# wait (a 1 h Retry-After) or the client's default timeout.
RETRY_GAP_BOUND = 1.5


def retry_gaps(server: Any, stage: str) -> list[float]:
    """Seconds between consecutive requests of one stage, as the server saw them arrive."""
    times = [t for body, t in zip(server.requests, server.arrivals, strict=True) if stage_of(body) == stage]
    return [later - earlier for earlier, later in zip(times, times[1:])]


def timed(fn: Callable[[], Any]) -> tuple[Any, Exception | None, float]:
    started = time.perf_counter()
    try:
        return fn(), None, time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - the test inspects what came out
        return None, exc, time.perf_counter() - started


def record_fault(fault: str, when: str, result: ArticleSummary | None, error: Exception | None, seconds: float,
                 bound: float | None) -> None:
    if result is not None:
        p = result.provenance
        outcome, calls, transport, retries = "valid summary", p.calls, p.transport_retries, p.retries
    else:
        outcome = f"{type(error).__name__}: {str(error).split(': ', 1)[-1][:90]}"
        calls, transport, retries = getattr(error, "attempts", "?"), "-", "-"
    record("faults", fault=fault, when=when, outcome=outcome, calls=calls, transport_retries=transport,
           retries=retries, seconds=seconds, bound=bound)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_that_stops_is_retried_counted_and_the_summary_is_valid(scripted_server, fault):
    reply, _ = FAULTS[fault]
    server = scripted_server(scripted({"events": [reply]}))  # the second stage's first call
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST).summarize(TEXT, article_id="seed"))
    record_fault(fault, "once", result, error, seconds, None)

    assert error is None, error
    p = result.provenance
    assert (p.calls, p.transport_retries, p.retries) == (CALLS + 1, 1, 0)
    assert len(server.requests) == CALLS + 1
    events = next(s for s in p.stages if s.stage == "events")
    assert (events.calls, events.transport_retries) == (2, 1)
    # tokens of every answered call (an empty-choices answer carries usage too)
    assert p.usage.total_tokens == TOKENS * (CALLS + (fault == "empty choices"))
    # the wait before the retry is the timeout (0.5 s) at most plus max_wait, even after a 1 h
    # Retry-After; measured between the two requests so that a loaded machine's slower stages do not count
    gaps = retry_gaps(server, stage="events")
    assert len(gaps) == 1 and max(gaps) < RETRY_GAP_BOUND, gaps


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_that_never_stops_is_a_typed_error_with_its_reason_and_spend(scripted_server, fault):
    reply, reason = FAULTS[fault]
    server = scripted_server(scripted({"events": [reply] * 20}))
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST).summarize(TEXT, article_id="seed"))
    record_fault(fault, "every call", result, error, seconds, None)

    assert isinstance(error, TransportError), error
    assert reason in str(error) and str(error).startswith("[seed] stage 'events': ")
    assert error.stage == "events" and error.exit_code == 4
    attempts = 1 + FAST["transport_retries"]
    assert error.attempts == 1 + attempts == len(server.requests)  # summary call + the retried one
    answered = 1 + (attempts if fault == "empty choices" else 0)
    assert error.usage.total_tokens == TOKENS * answered
    gaps = retry_gaps(server, stage="events")
    assert len(gaps) == attempts - 1 and max(gaps) < RETRY_GAP_BOUND, gaps


@pytest.fixture
def trickling_server() -> Iterator[str]:
    """An endpoint that answers 200 at once, then its body one byte every 0.1 s (about 8 s in all)."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    threads: list[threading.Thread] = []

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.recv(1 << 20)
            body = b" " * 80 + b"{}"
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
            for byte in body:
                if stop.wait(0.1):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=handle, args=(conn,), daemon=True)
            threads.append(thread)
            thread.start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    for thread in [server, *threads]:
        thread.join(2)
    listener.close()


def test_an_answer_trickled_byte_by_byte_is_cut_at_the_timeout(trickling_server):
    """httpx's timeout is per read: every byte arrives in time, yet the answer would take 8 s."""
    settings = Settings.load(base_url=trickling_server, model="m", api_key="sk-test", **{**FAST, "transport_retries": 1})
    result, error, seconds = timed(lambda: Summarizer(settings).summarize(TEXT, article_id="seed"))
    record_fault("body trickled 1 byte / 0.1 s", "every call", result, error, seconds, 4)
    assert isinstance(error, TransportError) and "did not answer in time" in str(error)
    assert error.attempts == 2
    assert seconds < 4  # 2 attempts x 0.5 s, not 2 x 8 s


def test_no_retries_configured_means_one_attempt(scripted_server):
    server = scripted_server(lambda request: Reply(status=503))
    result, error, seconds = timed(lambda: make_summarizer(server, **{**FAST, "transport_retries": 0}).summarize(TEXT))
    assert isinstance(error, TransportError) and error.attempts == 1 == len(server.requests)


def test_truncated_output_is_output_truncated_without_reasking(scripted_server):
    cut = reply_json("summarize_ar")[:60]
    server = scripted_server(scripted({"summarize_ar": [Reply(content=cut, finish_reason="length")] * 5}))
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST).summarize(TEXT, article_id="seed"))
    record_fault('finish_reason "length", truncated JSON', "every call", result, error, seconds, 5)
    assert isinstance(error, OutputTruncated) and error.exit_code == 4
    sent = server.requests[0]["max_tokens"]
    assert sent == MAX_TOKENS["summarize_ar"] and f"max_tokens={sent}" in str(error) and error.stage == "summarize_ar"
    assert error.attempts == 1 == len(server.requests)  # a longer answer will not come from asking again
    assert error.usage.total_tokens == TOKENS
    assert seconds < 5


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"error": {"message": "This model's maximum context length is 8192 tokens. However, you requested 9500 "
                    "tokens.", "type": "invalid_request_error", "code": "context_length_exceeded"}},
         "maximum context length is 8192 tokens"),
        ({"error": {"message": "Input length exceeds the context window (4096)", "type": "BadRequestError",
                    "code": 400}}, "context window (4096)"),
    ],
    ids=["openai", "vllm-style message"],
)
def test_context_overflow_is_an_input_error_naming_the_limit_and_not_retried(scripted_server, body, said):
    server = scripted_server(scripted({"events": [Reply(status=400, content=json.dumps(body))] * 5}))
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST).summarize(TEXT, article_id="seed"))
    record_fault("HTTP 400, context length exceeded", "every call", result, error, seconds, 5)
    assert isinstance(error, ContextExceeded) and isinstance(error, InputError) and error.exit_code == 3
    assert said in str(error) and "refused rather than silently truncated" in str(error) and error.stage == "events"
    assert [stage_of(r) for r in server.requests] == ["summarize_ar", "events"]  # not retried, not re-asked
    assert error.usage.total_tokens == TOKENS  # the first stage's spend is kept


def test_a_plain_400_stays_a_transport_error(scripted_server):
    server = scripted_server(scripted({"events": [Reply(status=400, content="unknown parameter: foo")] * 5}))
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST).summarize(TEXT, article_id="seed"))
    assert isinstance(error, TransportError) and not isinstance(error, InputError)
    assert "answered HTTP 400: unknown parameter: foo" in str(error)


def test_valid_json_that_never_validates_is_validation_failed_with_the_last_reply(scripted_server):
    # Nothing of it is valid: no point shares a word with the article, so none can be repaired.
    never = json.dumps({"headline": "عنوان", "points": [{"text": "عنوان"}]}, ensure_ascii=False)
    server = scripted_server(scripted({"summarize_ar": [Reply(content=never)] * 10}))
    result, error, seconds = timed(lambda: make_summarizer(server, **FAST, max_retries=2).summarize(TEXT, article_id="seed"))
    record_fault("valid JSON, never passes validation", "every call", result, error, seconds, 5)
    assert isinstance(error, ValidationFailed) and error.exit_code == 4
    assert "no valid output after 3 attempt(s)" in str(error)
    assert error.attempts == 3 == len(server.requests) and error.usage.total_tokens == 3 * TOKENS
    assert error.last_attempt == never and error.errors
    assert seconds < 5


def test_invalid_json_from_the_model_is_reasked_not_retried_by_the_transport(scripted_server):
    """A well-formed completion whose *content* is broken JSON is the model's mistake: re-asked."""
    server = scripted_server(scripted({"summarize_ar": [Reply(content='{"headline": "بدء خروج')]}))
    result = make_summarizer(server, **FAST).summarize(TEXT)
    p = result.provenance
    assert (p.calls, p.retries, p.transport_retries) == (CALLS + 1, 1, 0)


def test_text_plain_completion_is_read_as_json(scripted_server):
    """Some proxies label a good completion text/plain: the client would hand back a str."""
    server = scripted_server(lambda request: Reply(content=valid_reply(request), headers={"Content-Type": "text/plain"}))
    result = make_summarizer(server, **FAST).summarize(TEXT)
    assert result.provenance.calls == CALLS and result.provenance.transport_retries == 0


# ------------------------------------------------------------------------------ the CLI


def marked(code: str) -> str:
    """The seed with one sentence of its own (the server answers by it); every seed reply stays valid."""
    return f"{TEXT.rstrip()}\nوقال المحرر إن رمز النسخة {code}."


CODES = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def code_of(request: dict[str, Any]) -> str | None:
    content = request["messages"][1]["content"]
    at = content.find("رمز النسخة ")
    return content[at + len("رمز النسخة ") :].split(".")[0] if at >= 0 else None


def cli(args: list[str], env: dict[str, str], *, debug: bool = False) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    if debug:  # every library logger at DEBUG, instructor's included (main() would quiet it)
        command = [sys.executable, "-c",
                   "import logging, sys; logging.basicConfig(level=logging.DEBUG); "
                   "from summarizer.cli import app; sys.argv[0] = 'summarizer'; app()"]
    else:
        command = [sys.executable, "-m", "summarizer"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env={**base, **env}, timeout=120,
                          check=False)


def fast_config(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text("[summarizer]\ntimeout = 0.5\nmax_wait = 0.05\ntransport_retries = 1\n", encoding="utf-8")
    return {"SUMMARIZER_CONFIG": str(config)}


def test_cli_every_fault_that_never_stops_is_one_line_and_exit_4(scripted_server, tmp_path):
    cases = {
        **{name: reply for name, (reply, _) in FAULTS.items()},
        "length": Reply(content=reply_json("summarize_ar")[:60], finish_reason="length"),
        "never valid": Reply(content=json.dumps({"headline": "عنوان", "points": []}, ensure_ascii=False)),
    }
    codes = dict(zip(CODES, cases))  # article code -> fault
    server = scripted_server(lambda request: cases[codes[code_of(request)]])
    files = []
    for code in codes:
        path = tmp_path / f"article_{code}.txt"
        path.write_text(marked(code), encoding="utf-8")
        files.append(path)
    started = time.perf_counter()
    proc = cli(["summarize", *map(str, files), "--base-url", server.url, "--model", "m", "--api-key", KEY],
               fast_config(tmp_path))
    seconds = time.perf_counter() - started

    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(cases), proc.stderr
    reasons = {**{name: words for name, (_, words) in FAULTS.items()},
               "length": "before finishing its JSON", "never valid": "no valid output after 2 attempt(s)"}
    for line, (code, fault) in zip(lines, codes.items()):
        assert line.startswith(f"error: [article_{code}] stage 'summarize_ar': ") and reasons[fault] in line, line
    assert seconds < 60


def test_secret_key_never_appears_in_anything_written_even_at_debug(scripted_server, tmp_path):
    """Error bodies echo the key; so does a reply the model gets wrong. Search every byte written."""
    cases = {
        "ok": None,
        "401": Reply(status=401, content=f"Incorrect API key provided: {KEY}"),
        "500": Reply(status=500, content=f"internal error for key {KEY}"),
        "429": Reply(status=429, content=f"rate limited: {KEY}", headers={"Retry-After": "0"}),
        "html": Reply(fault="malformed", content=f"<html>proxy error, key={KEY}</html>", headers={"Content-Type": "text/html"}),
        "json": Reply(fault="malformed", content=f'{{"error": "{KEY}"'),
        "reply": Reply(content=json.dumps({"headline": KEY, "points": [{"text": KEY}]})),
    }
    codes = dict(zip(CODES, cases))

    def answer(request: dict[str, Any]) -> Reply:
        fault = cases[codes[code_of(request)]]
        return Reply(content=valid_reply(request)) if fault is None else fault

    server = scripted_server(answer)
    files = []
    for code in codes:
        path = tmp_path / "in" / f"article_{code}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(marked(code), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "out"
    env = {**fast_config(tmp_path), "OPENAI_LOG": "debug"}
    runs = [
        cli(["summarize", *files, "--out", str(out), "--base-url", server.url, "--model", "m", "--api-key", KEY],
            env, debug=True),
        cli(["summarize", *files, "--json", "--base-url", server.url, "--model", "m"], {**env, "OPENAI_API_KEY": KEY},
            debug=True),
    ]
    assert all(h.get("authorization") == f"Bearer {KEY}" for h in server.headers if "authorization" in h)
    written = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
    assert len(written) == 1  # the one good article
    for proc in runs:
        assert proc.returncode == 4
        assert "DEBUG" in proc.stderr and len(proc.stderr) > 10_000  # the libraries did talk
        text = proc.stdout + proc.stderr
        record("secrets", what="CLI stdout + stderr at DEBUG", leaks=KEY in text, bytes=len(text.encode()))
        assert KEY not in text, [line for line in text.splitlines() if KEY in line][:3]
        assert KEY[8:] not in text  # not even most of it
        assert "***" in proc.stderr  # the key was there to leak: the redaction replaced it
    for data in written:
        record("secrets", what="output file", leaks=KEY.encode() in data, bytes=len(data))
        assert KEY.encode() not in data


# ------------------------------------------------------------------------------ a batch under random faults


def test_batch_under_random_faults_loses_and_duplicates_nothing(scripted_server, tmp_path):
    """30 articles; 20% of requests fault (seeded, per article/stage/call, so the same whatever the
    interleaving): every input ends as a result or a recorded failure, exactly once."""
    n, rate = 30, 0.2
    kinds = [reply for reply, _ in FAULTS.values()] + [
        Reply(content=reply_json("summarize_ar")[:60], finish_reason="length"),
        Reply(content=json.dumps({"headline": "عنوان", "points": []}, ensure_ascii=False)),
    ]
    counts: Counter[tuple[str | None, str]] = Counter()
    faulted: list[int] = []

    def answer(request: dict[str, Any]) -> Reply:
        key = (code_of(request), stage_of(request))
        counts[key] += 1
        rng = random.Random(f"{key}-{counts[key]}")
        if rng.random() < rate:
            faulted.append(1)
            return rng.choice(kinds)
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    folder = tmp_path / "in"
    folder.mkdir()
    ids = []
    for i in range(n):
        code = CODES[i % len(CODES)] + CODES[i // len(CODES)]
        (folder / f"a{i:02d}.txt").write_text(marked(code), encoding="utf-8")
        ids.append(f"a{i:02d}")
    settings = Settings.load(base_url=server.url, model="scripted", api_key=KEY, **{**FAST, "timeout": 0.3})
    started = time.perf_counter()
    report = run_batch([folder], BatchOptions(out=tmp_path / "results.jsonl", concurrency=4, progress=False), settings)
    seconds = time.perf_counter() - started

    conn = sqlite3.connect(tmp_path / "results.jsonl.sqlite")
    try:
        rows = conn.execute("SELECT article_id, status, error_type FROM results").fetchall()
    finally:
        conn.close()
    per_id = Counter(r[0] for r in rows)
    lost = set(ids) - set(per_id)
    duplicated = {i for i, c in per_id.items() if c > 1}
    ok = sorted(r[0] for r in rows if r[1] == "ok")
    failed = sorted(r[0] for r in rows if r[1] == "failed")
    exported = [ArticleSummary.model_validate_json(line).article_id
                for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    record("batch", articles=n, requests=len(server.requests), faulted=len(faulted),
           fault_rate=len(faulted) / len(server.requests), kinds=f"{len(kinds)} kinds", ok=len(ok), failed=len(failed),
           lost=len(lost), duplicated=len(duplicated),
           failure_types=dict(Counter(r[2] for r in rows if r[1] == "failed")), seconds=seconds)

    assert not lost and not duplicated and set(per_id) == set(ids)
    assert {r[1] for r in rows} <= {"ok", "failed"}  # nothing left pending
    assert exported == ok  # the output holds exactly the successes, once each, in input order
    assert (report.done, report.failed, report.not_started) == (len(ok), len(failed), 0)
    assert faulted and 0.1 < len(faulted) / len(server.requests) < 0.3
    assert ok  # most articles survive: transport faults are retried
    assert seconds < 120
