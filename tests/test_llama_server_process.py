"""The managed server subprocess (tests/llama_server.py): a failed start or a stop leaves no process behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .llama_server import ManagedServer, ServerFailed, free_port, llama_cpp_server


def gone(pid: int) -> bool:
    """Whether the process has ended: no such process, or a zombie left for its parent (or init) to reap."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_server_that_exits_at_start_is_a_failure_with_its_log(tmp_path):
    server = ManagedServer(python("import sys; print('cannot load'); sys.exit(3)"), port=free_port(), log=tmp_path / "log")
    with pytest.raises(ServerFailed, match=r"exited with status 3[\s\S]*cannot load"):
        server.start()
    assert server.process is not None and gone(server.process.pid)


def test_a_server_that_never_answers_is_stopped_when_the_wait_runs_out(tmp_path):
    server = ManagedServer(python("import time; time.sleep(120)"), port=free_port(), log=tmp_path / "log",
                           startup_timeout=1)
    started = time.monotonic()
    with pytest.raises(ServerFailed, match="no answer from"):
        server.start()
    assert time.monotonic() - started < 20
    assert server.process is not None and gone(server.process.pid)


def test_a_server_that_ignores_sigterm_is_killed_and_so_is_what_it_started(tmp_path):
    # The child ignores SIGTERM and starts a grandchild in its process group; both must go.
    port = free_port()
    code = (
        "import signal, subprocess, sys, http.server as h; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']); print(g.pid, flush=True); "
        "H = type('H', (h.BaseHTTPRequestHandler,), {'do_GET': lambda s: (s.send_response(200), s.end_headers()), "
        "'log_message': lambda *a: None}); "
        f"h.HTTPServer(('127.0.0.1', {port}), H).serve_forever()"
    )
    server = ManagedServer(python(code), port=port, log=tmp_path / "log", startup_timeout=30, stop_grace=0.5)
    with server:
        time.sleep(0.2)
        grandchild = int(server.log.read_text().split()[0])
        assert not gone(grandchild)
    server.stop()  # stopping twice is harmless
    assert server.process.returncode == -9 and gone(server.process.pid)  # reaped, after SIGKILL
    for _ in range(50):  # the grandchild is not ours to reap: its parent's exit hands it to init
        if gone(grandchild):
            break
        time.sleep(0.1)
    assert gone(grandchild)


def test_the_llama_cpp_server_command_line_is_accepted(tmp_path):
    """Every option we pass exists: a missing model is the only complaint (no model is loaded here)."""
    server = llama_cpp_server(tmp_path / "missing.gguf", n_ctx=4096, n_threads=1, log=tmp_path / "log", startup_timeout=120)
    with pytest.raises(ServerFailed, match="Model path does not exist"):
        server.start()
    assert "unrecognized arguments" not in server.log_tail() and gone(server.process.pid)


# A server that, like uvicorn in mid-request, does not end on SIGTERM.
HTTP_SERVER = (
    "import signal, http.server as h; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "H = type('H', (h.BaseHTTPRequestHandler,), {{'do_GET': lambda s: (s.send_response(200), "
    "s.end_headers()), 'log_message': lambda *a: None}}); h.HTTPServer(('127.0.0.1', {port}), H).serve_forever()"
)


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_a_test_run_killed_outright_leaves_no_server(tmp_path):
    # A parent (the "test run") starts a server, says its pid, and is then SIGKILLed: no stop() runs.
    port = free_port()
    parent = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); from tests.llama_server import ManagedServer; "
        f"s = ManagedServer([sys.executable, '-c', {HTTP_SERVER.format(port=port)!r}], port={port}, "
        f"log=__import__('pathlib').Path({str(tmp_path / 'log')!r})).start(); "
        "print(s.process.pid, flush=True); time.sleep(120)"
    )
    root = str(Path(__file__).resolve().parent.parent)
    proc = subprocess.Popen([sys.executable, "-c", parent, root], stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(proc.stdout.readline())
        assert not gone(server_pid)
    finally:
        proc.kill()
        proc.wait(10)
    for _ in range(100):
        if gone(server_pid):
            break
        time.sleep(0.1)
    assert gone(server_pid)
