"""`summarizer batch` as a user runs it: real subprocesses, SIGKILL and Ctrl-C mid-run, then the same command again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .openai_server import Reply
from .seed_replies import valid_reply
from .test_batch import article_of, assert_complete, calls_per_article, valid, write_articles

SECRET = "sk-never-print-me-456"


def command(server, tmp_path: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", str(tmp_path / "in"), "--out", str(tmp_path / "results.jsonl"),
            "--base-url", server.url, "--model", "scripted", "--api-key", SECRET, *more]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}


def run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=environment(), timeout=120, check=False)


def rows(db: Path, status: str) -> set[str]:
    conn = sqlite3.connect(db, timeout=5)
    try:
        return {r[0] for r in conn.execute("SELECT article_id FROM results WHERE status = ?", (status,))}
    except sqlite3.OperationalError:  # not created yet
        return set()
    finally:
        conn.close()


def start_and_wait(args: list[str], db: Path, finished: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
    deadline = time.monotonic() + 60
    while len(rows(db, "ok") if db.exists() else ()) < finished:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.02)
    return proc


def test_sigkill_at_any_moment_loses_no_finished_result_and_writes_no_duplicate(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(delay=0.16 / CALLS))  # about 0.16 s per article
    ids = write_articles(tmp_path / "in", 24)
    db = tmp_path / "results.jsonl.sqlite"
    args = command(server, tmp_path, "--concurrency", "4")
    proc = start_and_wait(args, db, finished=6)
    proc.kill()  # SIGKILL: no handler runs, no export, the in-flight articles are lost
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.3)  # let the server finish reading whatever the dead process had already sent
    finished = rows(db, "ok")
    assert 6 <= len(finished) < 24
    before = len(server.requests)

    again = run_cli(args)
    assert again.returncode == 0, again.stderr
    assert_complete(tmp_path / "results.jsonl", db, ids)
    redone = Counter(f"a{article_of(r):03d}" for r in server.requests[before:])
    assert not set(redone) & finished  # nothing finished was asked again
    assert sum(redone.values()) == CALLS * (24 - len(finished))  # and the rest exactly once, in full
    assert f"{len(finished)} cached" in again.stdout and f"{24 - len(finished)} summarised" in again.stdout


def test_sigkill_while_waiting_for_a_batch_then_the_same_command_collects_it(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(), batch_delay=0.25)
    ids = write_articles(tmp_path / "in", 4)
    db = tmp_path / "results.jsonl.sqlite"
    args = command(server, tmp_path, "--via", "openai-batch", "--poll-interval", "0.05")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
    deadline = time.monotonic() + 60
    while not any(m == "GET" and p.startswith("/v1/batches/") for m, p in server.calls):  # polling
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=30)

    again = run_cli(args)
    assert again.returncode == 0, again.stderr
    assert_complete(tmp_path / "results.jsonl", db, ids)
    lines = [line for data in server.files.values() if b'"custom_id"' in data and b'"method"' in data
             for line in data.splitlines() if line.strip()]
    assert len(lines) == 4 * CALLS  # the batch submitted before the kill was collected, not paid twice
    assert len(server.requests) == 4 * CALLS


def test_ctrl_c_stops_after_the_requests_in_flight_and_says_how_to_resume(scripted_server, tmp_path):
    CALLS = calls_per_article()
    server = scripted_server(valid(delay=0.3 / CALLS))  # about 0.3 s per article
    ids = write_articles(tmp_path / "in", 12)
    db = tmp_path / "results.jsonl.sqlite"
    args = command(server, tmp_path, "--concurrency", "3")
    proc = start_and_wait(args, db, finished=3)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and SECRET not in stdout + stderr
    assert "stopping: waiting for" in stderr and "re-run the same command to resume" in stderr
    assert "batch interrupted" in stdout and "not started" in stdout
    finished = rows(db, "ok")
    assert rows(db, "pending") == set()  # every article in flight was finished, not abandoned
    assert len(server.requests) == CALLS * len(finished)  # and no request was wasted
    assert_complete(tmp_path / "results.jsonl", db, [i for i in ids if i in finished])  # partial export, no gaps

    again = run_cli(args)
    assert again.returncode == 0, again.stderr
    assert len(server.requests) == CALLS * 12
    assert_complete(tmp_path / "results.jsonl", db, ids)


def test_cli_output_is_one_summary_line_off_a_terminal_with_failures_and_exit_status(scripted_server, tmp_path):
    def answer(request):
        if article_of(request) == 1:
            return Reply(status=401, content=f"bad key {SECRET}")
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    ids = write_articles(tmp_path / "in", 3)
    proc = run_cli(command(server, tmp_path, "--events-csv", str(tmp_path / "events.csv"), "--db",
                           str(tmp_path / "store.db"), "--price-input", "1", "--price-output", "2"))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith("batch completed: 3 articles, 2 summarised")
    assert "$0.0" in proc.stdout and "1 failed (1 TransportError)" in proc.stdout
    assert "failed: [a001] TransportError" in proc.stderr and "HTTP 401" in proc.stderr
    assert "--retry-failed" in proc.stderr and SECRET not in proc.stdout + proc.stderr
    assert "━" not in proc.stderr  # no progress bar in a log
    assert_complete(tmp_path / "results.jsonl", tmp_path / "store.db", [i for i in ids if i != "a001"])
    assert (tmp_path / "events.csv").read_text(encoding="utf-8-sig").startswith("article_id,")
    assert not (tmp_path / "results.jsonl.sqlite").exists()
    record = json.loads((tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert SECRET not in json.dumps(record)


def test_cli_configuration_errors_exit_2_without_traceback(scripted_server, tmp_path):
    from typer.testing import CliRunner

    from summarizer.cli import app

    server = scripted_server(valid())
    write_articles(tmp_path / "in", 1)
    endpoint = ["--out", str(tmp_path / "r.jsonl"), "--base-url", server.url, "--model", "m"]
    cases = [
        (["batch", str(tmp_path / "in")], "--out"),
        (["batch", str(tmp_path / "missing"), *endpoint], "not a folder"),
        (["batch", str(tmp_path / "in"), *endpoint, "--max-cost", "3"], "needs token prices"),
        (["batch", str(tmp_path / "in"), *endpoint, "--via", "carrier-pigeon"], "--via"),
        (["batch", str(tmp_path / "in"), *endpoint, "--price-input", "-1"], "negative"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(app, args, env={"SUMMARIZER_CONFIG": str(tmp_path / "none.toml")})
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and "Traceback" not in result.stderr
    assert server.requests == []
