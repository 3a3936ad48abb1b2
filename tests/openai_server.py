"""A real, local, OpenAI-compatible HTTP server with scripted replies, for tests.

Standard library only. The server binds 127.0.0.1 on a free port and serves from
background threads; point the official client at it::

    with ScriptedServer([Reply(content='{"summary": "hi"}')]) as server:
        client = openai.OpenAI(base_url=server.url, api_key="sk-test", max_retries=0)
        client.chat.completions.create(model="gpt-4o-mini", messages=[...])
        assert server.requests[0]["model"] == "gpt-4o-mini"

Endpoints
---------
* ``POST /v1/chat/completions``  -> next scripted :class:`Reply`
* ``GET  /v1/models``            -> one model (``ScriptedServer.model``)
* ``POST /v1/files`` (multipart), ``GET /v1/files``, ``GET /v1/files/{id}``,
  ``GET /v1/files/{id}/content``
* ``POST /v1/batches``, ``GET /v1/batches``, ``GET /v1/batches/{id}``,
  ``POST /v1/batches/{id}/cancel``
* anything else -> 404 with an OpenAI-style error body.

Replies
-------
Each chat-completions request (and each line of a batch input file) consumes the
next :class:`Reply` of the script, or asks the callable.  When an iterable script
is exhausted, ``default`` is used; without one the server answers 500 with
``code="script_exhausted"`` and records the problem in ``ScriptedServer.errors``.

Faults (``Reply.fault``):

* ``"hang"``:   read the request, never answer; the handler waits until the server
  stops (or 60 s).  The client's read timeout fires.
* ``"close"``:  read the request, close the connection without answering.
* ``"malformed"``: HTTP 200, ``Content-Type: application/json``, body not JSON
  (``Reply.content`` if given, else a truncated JSON fragment).  Override the
  content type via ``Reply.headers={"Content-Type": "text/html"}``.
* ``"empty_choices"``: a valid completion with ``choices: []``.

``status`` other than 2xx answers ``{"error": {"message", "type", "param", "code"}}``
with ``Reply.headers``.  ``Reply.content`` is then the error message, or, if it is a
JSON object with an ``"error"`` key, the whole body verbatim (e.g. to send
``code="insufficient_quota"``).

Batches
-------
On ``POST /v1/batches`` the input JSONL is validated (invalid lines -> batch status
``failed`` with ``errors``) and every line's ``body`` is run through the same reply
script *at creation time* (bodies are appended to ``requests``).  The create call
returns status ``validating``; later retrieves return ``in_progress`` until
``batch_delay`` seconds have passed, then ``completed`` with ``output_file_id``
(2xx lines), ``error_file_id`` (non-2xx / faulted lines) and ``request_counts``.
A ``"hang"`` reply in a batch keeps the batch ``in_progress`` forever (until
cancelled); ``"close"``/``"malformed"`` lines are failed with ``response: null`` and
an ``error`` object; ``delay`` is ignored in batches.
"""

from __future__ import annotations

import email.message
import itertools
import json
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import urlsplit

__all__ = ["Reply", "ScriptedServer"]

Fault = Literal[None, "hang", "close", "malformed", "empty_choices"]

HANG_LIMIT_S = 60.0
_STOP_JOIN_TIMEOUT_S = 5.0


@dataclass
class Reply:
    """One scripted answer to one ``POST /v1/chat/completions``."""

    content: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    usage: tuple[int, int] | None = (100, 50)  # (prompt, completion) tokens; None -> no usage
    fault: Fault = None
    delay: float = 0.0  # seconds to wait before answering (interrupted by stop())


# status -> (error type, error code), roughly what api.openai.com sends
_ERROR_KINDS: dict[int, tuple[str, str | None]] = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    409: ("invalid_request_error", "conflict"),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


def _error_body(message: str, *, status: int = 500, type_: str | None = None, code: str | None = None,
                param: str | None = None) -> dict[str, Any]:
    kind, kind_code = _ERROR_KINDS.get(status, ("server_error" if status >= 500 else "invalid_request_error", None))
    return {"error": {"message": message, "type": type_ or kind, "param": param, "code": code or kind_code}}


class _HTTPError(Exception):
    """Raised inside handlers to answer with an OpenAI-style error."""

    def __init__(self, status: int, message: str, code: str | None = None, param: str | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param


class _Drop(Exception):
    """Raised inside handlers to close the connection without answering."""


# --------------------------------------------------------------------------- HTTP plumbing


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # we join our own threads in ScriptedServer.stop()
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(self, owner: ScriptedServer):
        self.owner = owner
        self.conns: set[socket.socket] = set()
        self.conn_threads: list[threading.Thread] = []
        self.conn_lock = threading.Lock()
        self._conn_ids = itertools.count(1)
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request, client_address):  # runs on the serve thread
        name = f"ScriptedServer-{self.server_address[1]}-conn-{next(self._conn_ids)}"
        t = threading.Thread(target=self.process_request_thread, args=(request, client_address), name=name,
                             daemon=True)
        with self.conn_lock:
            self.conns.add(request)
            self.conn_threads = [x for x in self.conn_threads if x.is_alive()]
            self.conn_threads.append(t)
        t.start()

    def shutdown_request(self, request):
        with self.conn_lock:
            self.conns.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return  # client went away / server stopping: not interesting
        self.owner._record_error(f"unhandled {type(exc).__name__}: {exc}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API
    server_version = "ScriptedOpenAI/1.0"
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms delayed-ACK stalls
    timeout = 30  # backstop for idle keep-alive sockets; stop() shuts them down anyway
    server: _HTTPServer

    def log_message(self, format, *args):  # silence stderr access log
        pass

    def do_GET(self):
        self.server.owner._handle(self, "GET")

    def do_POST(self):
        self.server.owner._handle(self, "POST")

    def do_DELETE(self):
        self.server.owner._handle(self, "DELETE")

    # -- helpers

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, body: bytes, *, content_type: str = "application/json",
             headers: dict[str, str] | None = None, request_id: str | None = None) -> None:
        merged: dict[str, tuple[str, str]] = {}
        for k, v in {"Content-Type": content_type, "x-request-id": request_id or _new_id("req_")}.items():
            merged[k.lower()] = (k, v)
        for k, v in (headers or {}).items():  # case-insensitive override
            merged[k.lower()] = (k, str(v))
        merged.pop("content-length", None)
        self.send_response(status)
        for k, v in merged.values():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self.send(status, json.dumps(obj).encode(), headers=headers)


def _new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:24]


# --------------------------------------------------------------------------- the server


class ScriptedServer:
    """Local OpenAI-compatible server answering from a script of :class:`Reply`.

    Use as a context manager (``with ScriptedServer([...]) as s:``) or call
    ``start()`` / ``stop()``.  ``url`` is the ``base_url`` for ``openai.OpenAI``.
    """

    def __init__(
        self,
        replies: Iterable[Reply] | Callable[[dict], Reply] = (),
        *,
        default: Reply | None = None,
        batch_delay: float = 0.0,
        model: str = "gpt-4o-mini",
    ):
        if callable(replies) and not isinstance(replies, (list, tuple)):
            self._decide: Callable[[dict], Reply] | None = replies
            self._script: Iterator[Reply] | None = None
        else:
            self._decide = None
            self._script = iter(replies)
        self.default = default
        self.batch_delay = batch_delay
        self.model = model

        self.url: str = ""
        self.requests: list[dict] = []  # chat-completion bodies (HTTP and batch lines), in order
        self.arrivals: list[float] = []  # time.monotonic() when each of `requests` arrived
        self.headers: list[dict[str, str]] = []  # headers (lower-cased names) of every HTTP request, in order
        self.calls: list[tuple[str, str]] = []  # (method, path) of every HTTP request, in order
        self.errors: list[str] = []  # server-side problems (script exhausted, callable raised, ...)
        self.files: dict[str, bytes] = {}  # file id -> content (uploaded and batch output files)

        self._file_meta: dict[str, dict] = {}
        self._batches: dict[str, dict] = {}
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> ScriptedServer:
        if self._httpd is not None:
            raise RuntimeError("ScriptedServer already started (servers are single-use)")
        self._httpd = _HTTPServer(self)
        port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01},
                                        name=f"ScriptedServer-{port}-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end hanging/delayed handlers and idle keep-alive connections, join all threads."""
        httpd = self._httpd
        if httpd is None or self._stopping.is_set():
            return
        self._stopping.set()  # wakes "hang" and "delay" waits
        httpd.shutdown()  # serve_forever loop exits; no new connections are accepted
        with httpd.conn_lock:
            conns, threads = list(httpd.conns), list(httpd.conn_threads)
        for conn in conns:  # unblock handlers waiting for the next keep-alive request
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        httpd.server_close()
        deadline = time.monotonic() + _STOP_JOIN_TIMEOUT_S
        for t in [self._thread, *threads]:
            if t is not None:
                t.join(max(0.0, deadline - time.monotonic()))
        alive = [t.name for t in [self._thread, *threads] if t is not None and t.is_alive()]
        if alive:
            self._record_error(f"threads still alive after stop(): {alive}")

    @property
    def threads(self) -> list[threading.Thread]:
        """Server threads still alive (serve loop + connection handlers)."""
        if self._httpd is None:
            return []
        with self._httpd.conn_lock:
            ts = [self._thread, *self._httpd.conn_threads]
        return [t for t in ts if t is not None and t.is_alive()]

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ script

    def _record_error(self, msg: str) -> None:
        with self._lock:
            self.errors.append(msg)

    def _next_reply(self, body: dict) -> Reply:
        """Append body to ``requests`` and pick its reply. Raises _HTTPError when there is none."""
        with self._lock:
            self.requests.append(body)
            self.arrivals.append(time.monotonic())
            n = len(self.requests)
            if self._decide is not None:
                try:
                    reply = self._decide(body)
                except Exception as exc:  # noqa: BLE001 - report to the test, answer 500
                    msg = f"ScriptedServer: reply callable raised {type(exc).__name__}: {exc}"
                    self.errors.append(msg)
                    raise _HTTPError(500, msg, code="script_error") from None
                if reply is None and self.default is not None:
                    reply = self.default
                if reply is None:
                    msg = "ScriptedServer: reply callable returned None and there is no default"
                    self.errors.append(msg)
                    raise _HTTPError(500, msg, code="script_error")
                return reply
            assert self._script is not None
            reply = next(self._script, None)
            if reply is None:
                if self.default is not None:
                    return self.default
                msg = f"ScriptedServer: script ran out of replies (request #{n} has no reply)"
                self.errors.append(msg)
                raise _HTTPError(500, msg, code="script_exhausted")
            return reply

    def _completion(self, reply: Reply, body: dict) -> dict:
        obj: dict[str, Any] = {
            "id": f"chatcmpl-scripted{next(self._ids):06d}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model") or self.model,
            "choices": [] if reply.fault == "empty_choices" else [{
                "index": 0,
                "message": {"role": "assistant", "content": reply.content, "refusal": None},
                "logprobs": None,
                "finish_reason": reply.finish_reason,
            }],
            "system_fingerprint": "fp_scripted",
        }
        if reply.usage is not None:
            p, c = reply.usage
            obj["usage"] = {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}
        return obj

    @staticmethod
    def _reply_error_body(reply: Reply) -> dict:
        if reply.content:
            try:
                parsed = json.loads(reply.content)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and "error" in parsed:
                return parsed
            return _error_body(reply.content, status=reply.status)
        return _error_body(f"Scripted error (HTTP {reply.status})", status=reply.status)

    # ------------------------------------------------------------------ dispatch

    def _handle(self, h: _Handler, method: str) -> None:
        path = urlsplit(h.path).path.rstrip("/")
        with self._lock:
            self.headers.append({k.lower(): v for k, v in h.headers.items()})
            self.calls.append((method, path))
        try:
            raw = h.read_body()
            self._route(h, method, path, raw)
        except _Drop:
            h.close_connection = True
        except _HTTPError as e:
            h.send_json(e.status, _error_body(e.message, status=e.status, code=e.code, param=e.param))
        except (ConnectionError, TimeoutError):
            h.close_connection = True
        except Exception as exc:  # noqa: BLE001 - a bug here must not look like a network fault
            msg = f"ScriptedServer internal error on {method} {path}: {type(exc).__name__}: {exc}"
            self._record_error(msg)
            h.send_json(500, _error_body(msg, status=500, code="scripted_server_bug"))

    def _route(self, h: _Handler, method: str, path: str, raw: bytes) -> None:
        parts = path.strip("/").split("/")
        if parts[:1] != ["v1"]:
            raise _HTTPError(404, f"Invalid URL ({method} {path})", code="unknown_url")
        p = parts[1:]
        if method == "POST" and p == ["chat", "completions"]:
            return self._chat(h, _json_body(raw))
        if method == "GET" and p == ["models"]:
            return h.send_json(200, {"object": "list", "data": [
                {"id": self.model, "object": "model", "created": 1_700_000_000, "owned_by": "scripted"}]})
        if p[:1] == ["files"]:
            if method == "POST" and len(p) == 1:
                return h.send_json(200, self._upload(h, raw))
            if method == "GET" and len(p) == 1:
                with self._lock:
                    data = list(self._file_meta.values())
                return h.send_json(200, _list_page(data))
            if method == "GET" and len(p) == 2:
                return h.send_json(200, self._file(p[1]))
            if method == "GET" and len(p) == 3 and p[2] == "content":
                self._file(p[1])
                return h.send(200, self.files[p[1]], content_type="application/octet-stream")
            if method == "DELETE" and len(p) == 2:
                self._file(p[1])
                with self._lock:
                    self._file_meta.pop(p[1], None)
                    self.files.pop(p[1], None)
                return h.send_json(200, {"id": p[1], "object": "file", "deleted": True})
        if p[:1] == ["batches"]:
            if method == "POST" and len(p) == 1:
                return h.send_json(200, self._create_batch(_json_body(raw)))
            if method == "GET" and len(p) == 1:
                with self._lock:
                    ids = list(self._batches)
                return h.send_json(200, _list_page([self._batch_view(i) for i in reversed(ids)]))
            if method == "GET" and len(p) == 2:
                return h.send_json(200, self._batch_view(p[1]))
            if method == "POST" and len(p) == 3 and p[2] == "cancel":
                return h.send_json(200, self._cancel_batch(p[1]))
        raise _HTTPError(404, f"Invalid URL ({method} {path})", code="unknown_url")

    def _wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if the server is stopping."""
        return self._stopping.wait(seconds)

    def _chat(self, h: _Handler, body: dict) -> None:
        reply = self._next_reply(body)
        if reply.delay > 0 and self._wait(reply.delay):
            raise _Drop
        if reply.fault == "hang":
            self._wait(HANG_LIMIT_S)
            raise _Drop
        if reply.fault == "close":
            raise _Drop
        if reply.fault == "malformed":
            text = reply.content if reply.content is not None else '{"id": "chatcmpl-broken", "choices": [{"mess'
            return h.send(200, text.encode(), headers=reply.headers)
        if 200 <= reply.status < 300:
            return h.send_json(reply.status, self._completion(reply, body), headers=reply.headers)
        h.send_json(reply.status, self._reply_error_body(reply), headers=reply.headers)

    # ------------------------------------------------------------------ files

    def _upload(self, h: _Handler, raw: bytes) -> dict:
        fields, uploads = _parse_multipart(h.headers.get("Content-Type", ""), raw)
        if "file" not in uploads:
            raise _HTTPError(400, "Missing required parameter: 'file'.", param="file")
        purpose = fields.get("purpose")
        if not purpose:
            raise _HTTPError(400, "Missing required parameter: 'purpose'.", param="purpose")
        filename, data = uploads["file"]
        return self._store_file(data, filename, purpose)

    def _store_file(self, data: bytes, filename: str, purpose: str) -> dict:
        meta = {
            "id": _new_id("file-"), "object": "file", "bytes": len(data), "created_at": int(time.time()),
            "filename": filename, "purpose": purpose, "status": "processed", "expires_at": None,
            "status_details": None,
        }
        with self._lock:
            self._file_meta[meta["id"]] = meta
            self.files[meta["id"]] = data
        return meta

    def _file(self, file_id: str) -> dict:
        with self._lock:
            meta = self._file_meta.get(file_id)
        if meta is None:
            raise _HTTPError(404, f"No such File object: {file_id}", code=None, param="id")
        return meta

    # ------------------------------------------------------------------ batches

    def _create_batch(self, body: dict) -> dict:
        input_file_id = body.get("input_file_id")
        endpoint = body.get("endpoint")
        window = body.get("completion_window")
        if endpoint != "/v1/chat/completions":
            raise _HTTPError(400, f"ScriptedServer only supports endpoint /v1/chat/completions, got {endpoint!r}",
                             code="invalid_value", param="endpoint")
        if window != "24h":
            raise _HTTPError(400, f"Invalid completion_window {window!r}; only '24h' is supported",
                             code="invalid_value", param="completion_window")
        if not isinstance(input_file_id, str):
            raise _HTTPError(400, "Missing required parameter: 'input_file_id'.", param="input_file_id")
        meta = self._file(input_file_id)
        if meta["purpose"] != "batch":
            raise _HTTPError(400, f"File {input_file_id} has purpose {meta['purpose']!r}, expected 'batch'",
                             code="invalid_value", param="input_file_id")

        now = time.time()
        batch: dict[str, Any] = {
            "id": _new_id("batch_"), "object": "batch", "endpoint": endpoint, "errors": None,
            "input_file_id": input_file_id, "completion_window": window, "status": "validating",
            "output_file_id": None, "error_file_id": None, "created_at": int(now), "in_progress_at": None,
            "expires_at": int(now) + 24 * 3600, "finalizing_at": None, "completed_at": None, "failed_at": None,
            "expired_at": None, "cancelling_at": None, "cancelled_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata"), "model": None,
        }
        state: dict[str, Any] = {"obj": batch, "t0": now, "done_at": now + self.batch_delay}

        lines, errors = _parse_batch_lines(self.files[input_file_id], endpoint)
        if errors:
            state["done_at"] = None
            batch.update(status="failed", failed_at=int(now), errors={"object": "list", "data": errors})
        else:
            ok, bad, hang = [], [], False
            for line in lines:
                try:
                    reply = self._next_reply(line["body"])
                except _HTTPError as e:
                    reply = Reply(status=e.status, content=json.dumps(_error_body(e.message, status=e.status,
                                                                                  code=e.code)))
                if reply.fault == "hang":
                    hang = True
                row, good = self._batch_row(line, reply)
                (ok if good else bad).append(row)
            batch["model"] = next((ln["body"].get("model") for ln in lines if ln["body"].get("model")), None)
            state.update(ok=ok, bad=bad, total=len(lines))
            if hang:
                state["done_at"] = None  # a hanging request never finishes
        with self._lock:
            self._batches[batch["id"]] = state
        return dict(batch)

    def _batch_row(self, line: dict, reply: Reply) -> tuple[dict, bool]:
        row: dict[str, Any] = {"id": _new_id("batch_req_"), "custom_id": line["custom_id"], "response": None,
                               "error": None}
        if reply.fault in ("hang", "close", "malformed"):
            row["error"] = {"code": "server_error", "message": f"Scripted fault {reply.fault!r} in batch request"}
            return row, False
        good = 200 <= reply.status < 300
        body = self._completion(reply, line["body"]) if good else self._reply_error_body(reply)
        row["response"] = {"status_code": reply.status, "request_id": _new_id("req_"), "body": body}
        return row, good

    def _batch_view(self, batch_id: str) -> dict:
        """Current batch object, moving its status along with time."""
        with self._lock:
            state = self._batches.get(batch_id)
            if state is None:
                raise _HTTPError(404, f"No batch found with id '{batch_id}'.", param="batch_id")
            b = state["obj"]
            if b["status"] in ("failed", "completed", "cancelled"):
                return dict(b)
            now = time.time()
            if b["status"] == "cancelling":
                b.update(status="cancelled", cancelled_at=int(now))
                return dict(b)
            b.update(status="in_progress", in_progress_at=b["in_progress_at"] or int(state["t0"]),
                     request_counts={"total": state["total"], "completed": 0, "failed": 0})
            if state["done_at"] is not None and now >= state["done_at"]:
                if state["ok"]:
                    b["output_file_id"] = self._store_file(_jsonl(state["ok"]), f"{batch_id}_output.jsonl",
                                                           "batch_output")["id"]
                if state["bad"]:
                    b["error_file_id"] = self._store_file(_jsonl(state["bad"]), f"{batch_id}_error.jsonl",
                                                          "batch_output")["id"]
                b.update(status="completed", finalizing_at=int(now), completed_at=int(now),
                         request_counts={"total": state["total"], "completed": len(state["ok"]),
                                         "failed": len(state["bad"])})
            return dict(b)

    def _cancel_batch(self, batch_id: str) -> dict:
        with self._lock:
            b = self._batch_view(batch_id)
            if b["status"] not in ("validating", "in_progress"):
                raise _HTTPError(409, f"Cannot cancel a batch with status '{b['status']}'.", code="invalid_state")
            state = self._batches[batch_id]
            state["obj"].update(status="cancelling", cancelling_at=int(time.time()))
            return dict(state["obj"])

    # ------------------------------------------------------------------ inspection helpers

    def batch(self, batch_id: str) -> dict:
        """The batch object as ``GET /v1/batches/{id}`` would return it now."""
        return self._batch_view(batch_id)


# --------------------------------------------------------------------------- parsing helpers


def _json_body(raw: bytes) -> dict:
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise _HTTPError(400, "We could not parse the JSON body of your request.", code="invalid_json") from None
    if not isinstance(body, dict):
        raise _HTTPError(400, "Request body must be a JSON object.", code="invalid_json")
    return body


def _header_params(name: str, value: str) -> email.message.Message:
    m = email.message.Message()
    m[name] = value
    return m


def _parse_multipart(content_type: str, raw: bytes) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    """Return (text fields, {name: (filename, bytes)}) of a multipart/form-data body, byte-exact."""
    ct = _header_params("content-type", content_type)
    boundary = ct.get_param("boundary", header="content-type")
    if ct.get_content_type() != "multipart/form-data" or not boundary:
        raise _HTTPError(400, "Expected a multipart/form-data body with a boundary.", code="invalid_multipart")
    fields: dict[str, str] = {}
    uploads: dict[str, tuple[str, bytes]] = {}
    for part in raw.split(b"--" + str(boundary).encode())[1:]:
        if part.startswith(b"--"):
            break
        head, sep, data = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            continue
        data = data.removesuffix(b"\r\n")
        disposition = ""
        for line in head.decode("latin-1").split("\r\n"):
            k, _, v = line.partition(":")
            if k.strip().lower() == "content-disposition":
                disposition = v.strip()
        cd = _header_params("content-disposition", disposition)
        name = cd.get_param("name", header="content-disposition")
        filename = cd.get_filename()
        if not name:
            continue
        if filename is not None:
            uploads[str(name)] = (filename, data)
        else:
            fields[str(name)] = data.decode()
    return fields, uploads


def _parse_batch_lines(raw: bytes, endpoint: str) -> tuple[list[dict], list[dict]]:
    lines, errors, seen = [], [], set()
    for n, text in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        if not text.strip():
            continue

        def err(code: str, message: str, param: str | None = None) -> None:
            errors.append({"code": code, "message": message, "param": param, "line": n})

        try:
            line = json.loads(text)
        except ValueError:
            err("invalid_json_line", f"Line {n} is not valid JSON.")
            continue
        if not isinstance(line, dict):
            err("invalid_json_line", f"Line {n} is not a JSON object.")
            continue
        cid = line.get("custom_id")
        if not isinstance(cid, str) or not cid:
            err("missing_required_parameter", "Missing custom_id.", "custom_id")
        elif cid in seen:
            err("duplicate_custom_id", f"The custom_id {cid!r} is duplicated.", "custom_id")
        else:
            seen.add(cid)
        if line.get("method") != "POST":
            err("invalid_method", "Only POST is supported.", "method")
        if line.get("url") != endpoint:
            err("mismatched_endpoint", f"The url {line.get('url')!r} does not match the batch endpoint.", "url")
        if not isinstance(line.get("body"), dict):
            err("missing_required_parameter", "Missing body.", "body")
        lines.append(line)
    if not lines and not errors:
        errors.append({"code": "empty_file", "message": "The input file is empty.", "param": None, "line": None})
    return lines, errors


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def _list_page(data: list[dict]) -> dict:
    return {"object": "list", "data": data, "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None, "has_more": False}
