"""llama-cpp-python's own OpenAI-compatible server (`python -m llama_cpp.server`) as a managed subprocess.

For tests of the --base-url path against a server this project did not write. The server listens on
a free loopback port; `start()` returns once `/v1/models` answers (the model is loaded before the
server listens), or stops the process and raises `ServerFailed` with the end of its log. `stop()`
ends it (SIGTERM, then SIGKILL) and reaps it; on Linux the server is also killed when the process that
started it dies, so a test run killed outright leaves no server behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx2 as httpx

__all__ = ["ManagedServer", "ServerFailed", "free_port", "llama_cpp_server"]


class ServerFailed(RuntimeError):
    """The server exited or did not become healthy in time; the message ends with its log."""


def free_port() -> int:
    """A loopback port free now (the server binds it a moment later; nothing else here races for it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Resolved here, in the parent: loading a library in a child forked from a threaded process can deadlock.
_PRCTL = ctypes.CDLL(None).prctl if sys.platform == "linux" else None
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGKILL it when the parent dies.

    SIGKILL, not SIGTERM: on SIGTERM uvicorn shuts down gracefully, i.e. only once the request in
    flight is answered, which for a model in mid-generation can take minutes. (Linux sends it when the
    *thread* that started the server ends: start servers from a thread that outlives them, as tests do.)
    """
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


class ManagedServer:
    """A server subprocess with a health check, a clean shutdown and no orphan on failure."""

    def __init__(
        self, argv: Sequence[str], *, port: int, log: Path, startup_timeout: float = 300.0, stop_grace: float = 15.0
    ) -> None:
        self.argv = list(argv)
        self.port = port
        self.url = f"http://127.0.0.1:{port}/v1"
        self.log = log
        self.startup_timeout = startup_timeout
        self.stop_grace = stop_grace  # seconds between SIGTERM and SIGKILL
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> ManagedServer:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() reaches anything it starts
                preexec_fn=_die_with_parent,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if (code := self.process.poll()) is not None:
                raise ServerFailed(f"{self.argv[2:4]} exited with status {code} before answering:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/models", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.25)
        raise ServerFailed(f"no answer from {self.url}/models within {self.startup_timeout:g} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM the process group, SIGKILL it after `stop_grace` seconds, and reap the process."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        for sig, wait in ((signal.SIGTERM, self.stop_grace), (signal.SIGKILL, 30.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> ManagedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def llama_cpp_server(model: Path, *, n_ctx: int, n_threads: int, log: Path, startup_timeout: float = 300.0) -> ManagedServer:
    """llama-cpp-python's server on `model`, loaded as `local_model.load_llama` loads it.

    The server's own defaults differ from `llama_cpp.Llama`'s where it matters to a comparison: a
    2048-token context, half the cores, logits kept for every token, the model locked in memory.
    """
    port = free_port()
    argv = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(n_ctx), "--n_threads", str(n_threads), "--n_threads_batch", str(os.cpu_count() or 1),
        "--logits_all", "False", "--use_mlock", "False",
    ]
    return ManagedServer(argv, port=port, log=log, startup_timeout=startup_timeout)
