"""`--via openai-batch`: the same pipeline, with each stage's first attempt answered by the Batch API.

Nothing about the stages is re-implemented here. Every article runs the real
`Summarizer.asummarize`; only the transport under the backend differs. When a stage makes its
first call, the request (rendered by the pipeline, in the backend's request form) is parked
instead of sent. Once every article in the round is parked, waiting on a batch, or finished,
the parked requests are written to one JSONL file (`{"custom_id", "method", "url", "body"}`),
uploaded (`POST /v1/files`, purpose `batch`), submitted (`POST /v1/batches`), polled, and the
output and error files are downloaded. Each reply is handed back to the waiting call as if the
endpoint had answered it, so instructor validates it with the same response model and
validation context as the live path, and the LLM layer books it (as usage answered by a batch,
priced at the batch discount). The stages' own order makes the rounds: round 1 holds
`summarize_ar` of every article, round 2 their `events`, then one round per translation call
(the headline, each point, each name neither the glossary nor the gazetteer knows).

Anything that fails in the batch goes through the normal live path, with its retries: a reply
that fails validation is re-asked live (instructor's re-ask, with the validation errors); a
429/5xx line counts as a failed call and is retried live by the backend's retrying transport;
a request the batch never answered (expired or cancelled batch, broken line) or refused (4xx) is
sent live as is. A batch the provider fails as a whole (a bad file, over its queue limits) stops
the run with the provider's reason instead of paying live prices for the whole round. Live calls
are bounded by `concurrency`.

Resuming: a submitted batch and the hash of every request body in it are committed to the
store before polling, and downloaded replies are committed before use. A re-run (after Ctrl-C
or a crash) answers an identical request from a downloaded reply, or waits for the batch that
already holds it, so nothing submitted is paid for twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import hashlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import openai

from ..config import Settings
from ..errors import TransportError
from ..llm import ANSWERED_BY_BATCH, EMBEDDED_BASE_URL, RETRY_STATUSES, Backend, EndpointTransport, build_backend
from ..pipeline import Summarizer
from ..prompts import Prompts
from ..store import BATCH_TERMINAL, Store

__all__ = ["BatchApi", "body_sha256"]

ENDPOINT = "/v1/chat/completions"
# Request-map entries of batches that ended without answering are dropped, and those requests sent again.
_UNANSWERED = frozenset({"failed", "expired", "cancelled"})


class RunInterrupted(Exception):
    """A stop was requested while waiting for a batch: the round's articles are cancelled (and stay pending)."""


@dataclass(eq=False)
class _Article:
    """One article taking part in the rounds: its stage calls computing or live, and those parked."""

    running: int = 0  # stage calls in progress, not waiting for a batch
    parked: int = 0  # stage calls waiting for a batch


_ARTICLE: contextvars.ContextVar[_Article | None] = contextvars.ContextVar("summarizer_batch_article", default=None)


@dataclass
class _Call:
    """The stage call being made in this context: only its first HTTP attempt may go to a batch."""

    article: _Article | None
    stage: str
    first: bool = True


_CALL: contextvars.ContextVar[_Call | None] = contextvars.ContextVar("summarizer_batch_call", default=None)


@dataclass
class _Parked:
    body: dict[str, Any]
    stage: str
    waiters: list[asyncio.Future[tuple[int, bytes] | None]] = field(default_factory=list)


def body_sha256(body: dict[str, Any]) -> str:
    """Hash of a request body, the identity of a batch request across runs."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class _BatchBackend(Backend):
    """A backend whose stage calls tell the router when they run and when they wait."""

    router: Router | None = None

    async def complete(self, response_model: Any, messages: list[dict[str, str]], *, context: dict[str, Any],
                       max_tokens: int, stage: str, article_id: str | None, max_retries: int | None = None) -> Any:
        article = _ARTICLE.get()
        call = _Call(article, stage)
        token = _CALL.set(call)
        if article is not None:
            article.running += 1
        try:
            return await super().complete(response_model, messages, context=context, max_tokens=max_tokens,
                                          stage=stage, article_id=article_id, max_retries=max_retries)
        finally:
            _CALL.reset(token)
            if article is not None:
                article.running -= 1
            assert self.router is not None
            self.router.changed()


class _RoutingTransport(httpx.AsyncBaseTransport):
    """Under the backend's retrying transport: a stage's first attempt is answered by the router (from a
    batch) when it can; everything else goes to `inner`, at most `live_limit` at a time."""

    def __init__(self, inner: httpx.AsyncBaseTransport, router: Router, live_limit: asyncio.Semaphore) -> None:
        self.inner = inner
        self.router = router
        self.live_limit = live_limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/chat/completions"):
            response = await self.router.answer(request)
            if response is not None:
                return response
        async with self.live_limit:
            return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class Router:
    """Parks first attempts, and turns a quiet round into one Batch API batch.

    `wait_stop(seconds)` sleeps between polls and says whether the run was asked to stop; `halt(error)`
    stops the run with an error that leaves the Batch API unusable; `show` displays progress; the ids
    of submitted batches are appended to `batches`.
    """

    def __init__(self, client: openai.AsyncOpenAI, store: Store, *, run_id: int, poll_interval: float,
                 wait_stop: Callable[[float], Awaitable[bool]], halt: Callable[[Exception], None],
                 show: Callable[[str], None], batches: list[str]) -> None:
        self.client = client
        self.store = store
        self.run_id = run_id
        self.poll_interval = poll_interval
        self.wait_stop = wait_stop
        self.halt = halt
        self.show = show
        self.batches = batches
        self.active: set[_Article] = set()
        self.parked: dict[str, _Parked] = {}
        self._changed = asyncio.Event()
        self.rounds = 0

    def changed(self) -> None:
        self._changed.set()

    # ------------------------------------------------------------------ the transport's side

    async def answer(self, request: httpx.Request) -> httpx.Response | None:
        """The batch's reply to a stage's first attempt, or None to send the request live."""
        call = _CALL.get()
        if call is None or not call.first:
            return None
        call.first = False
        body = json.loads(request.content)
        sha = body_sha256(body)
        future: asyncio.Future[tuple[int, bytes] | None] = asyncio.get_running_loop().create_future()
        parked = self.parked.get(sha)
        if parked is None:
            parked = self.parked[sha] = _Parked(body, call.stage)
        parked.waiters.append(future)
        article = call.article
        if article is not None:
            article.running -= 1
            article.parked += 1
        self.changed()
        try:
            reply = await future
        finally:
            if article is not None:
                article.parked -= 1
                article.running += 1
        if reply is None:
            return None  # never answered (expired, cancelled, broken line): the request goes live as is
        status, content = reply
        if status == 200 or status in RETRY_STATUSES:
            # A 5xx/429 line is a failed call like any other: the transport above books it and
            # retries, and the retry (no longer a first attempt) goes live.
            return httpx.Response(status, headers={"content-type": "application/json"}, content=content,
                                  request=request, extensions={ANSWERED_BY_BATCH: True})
        return None  # refused in the batch (4xx): ask live, where the normal error handling applies

    # ------------------------------------------------------------------ rounds

    def _quiet(self) -> bool:
        """Every article still running is waiting on a parked request (none computing or live)."""
        return bool(self.parked) and all(a.running == 0 and a.parked > 0 for a in self.active)

    async def collect(self) -> None:
        """Flush a round whenever the articles are quiet; runs until cancelled."""
        while True:
            await self._changed.wait()
            self._changed.clear()
            if not self._quiet():
                continue
            # Let tasks that are ready (a second stage about to park, a parent about to start the
            # next stage) run first: a flush that comes too early only costs an extra round.
            before = len(self.parked)
            for _ in range(3):
                await asyncio.sleep(0)
            if not self._quiet() or len(self.parked) != before:
                self._changed.set()
                continue
            parked, self.parked = self.parked, {}
            try:
                await self._round(parked)
            except BaseException as exc:
                # Stopped, or the Batch API itself failed (refused the file, unreachable): the
                # articles of the round are cancelled and stay pending for the next run. A Batch
                # API failure ends the run with its error, rather than silently paying live
                # prices for everything.
                if isinstance(exc, Exception) and not isinstance(exc, RunInterrupted):
                    self.halt(exc)
                for item in parked.values():
                    for waiter in item.waiters:
                        waiter.cancel()  # a cancellation passes through every client layer untouched
                if not isinstance(exc, Exception):
                    raise

    async def _round(self, parked: dict[str, _Parked]) -> None:
        store = self.store
        self.rounds += 1
        replies: dict[str, tuple[int, bytes] | None] = {}
        waiting: dict[str, dict[str, str]] = {}  # batch id -> custom_id -> body hash
        new: dict[str, _Parked] = {}
        for sha, item in parked.items():
            if (saved := store.reply(sha)) is not None:
                replies[sha] = (saved[0], (saved[1] or "").encode())
                continue
            submitted = store.submitted(sha)
            if submitted is not None and store.batch_status(submitted[0]) not in _UNANSWERED:
                waiting.setdefault(submitted[0], {})[submitted[1]] = sha
                continue
            if submitted is not None:
                store.forget_submission(sha)
            new[sha] = item
        self._resolve(parked, replies)
        if new:
            batch_id, custom_ids = await self._submit(new)
            waiting.setdefault(batch_id, {}).update(custom_ids)
        if waiting:
            got = await self._collect_batches(waiting)
            self._resolve(parked, got)
        # Whatever no batch answered goes live.
        self._resolve(parked, {sha: None for sha in parked})

    @staticmethod
    def _resolve(parked: dict[str, _Parked], replies: dict[str, tuple[int, bytes] | None]) -> None:
        for sha, reply in replies.items():
            item = parked.get(sha)
            if item is None:
                continue
            for waiter in item.waiters:
                if not waiter.done():
                    waiter.set_result(reply)

    async def _submit(self, requests: dict[str, _Parked]) -> tuple[str, dict[str, str]]:
        custom_ids = {f"{item.stage}-{sha[:40]}": sha for sha, item in requests.items()}
        lines = (
            json.dumps({"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": requests[sha].body},
                       ensure_ascii=False)
            for cid, sha in custom_ids.items()
        )
        data = ("\n".join(lines) + "\n").encode("utf-8")
        self.show(f"batch round {self.rounds}: uploading {len(custom_ids)} requests ({len(data) / 1e6:.1f} MB)")
        try:
            uploaded = await self.client.files.create(
                file=(f"summarizer-run{self.run_id}-round{self.rounds}.jsonl", data), purpose="batch"
            )
            batch = await self.client.batches.create(
                input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window="24h",
                metadata={"summarizer_run": str(self.run_id), "round": str(self.rounds)},
            )
        except openai.APIError as exc:
            raise TransportError(f"the Batch API refused the batch: {_describe(exc)}") from None
        self.store.record_batch(batch.id, uploaded.id, batch.status, {sha: cid for cid, sha in custom_ids.items()})
        self.batches.append(batch.id)
        return batch.id, custom_ids

    async def _collect_batches(self, waiting: dict[str, dict[str, str]]) -> dict[str, tuple[int, bytes] | None]:
        store = self.store
        got: dict[str, tuple[int, bytes] | None] = {}
        pending = dict(waiting)
        while pending:
            for batch_id in list(pending):
                try:
                    batch = await self.client.batches.retrieve(batch_id)
                except openai.NotFoundError:
                    store.update_batch(batch_id, "failed", None, None)
                    del pending[batch_id]
                    continue
                except openai.APIError as exc:
                    raise TransportError(f"cannot check batch {batch_id}: {_describe(exc)}") from None
                counts = batch.request_counts
                done = f"{counts.completed + counts.failed}/{counts.total}" if counts else ""
                self.show(f"batch {batch_id}: {batch.status} {done}".rstrip())
                if batch.status not in BATCH_TERMINAL:
                    continue
                if batch.status == "failed":
                    # Refused as a whole (bad file, over the provider's queue limits): going live for
                    # everything would silently double the price, so the run stops and says why.
                    store.update_batch(batch_id, batch.status, None, None)
                    errors = "; ".join(e.message or e.code or "" for e in (batch.errors.data or [])) if batch.errors else ""
                    raise TransportError(f"the provider failed batch {batch_id}: {errors or 'no reason given'}; "
                                         "a smaller --batch-size may fit its limits")
                replies: list[tuple[str, int, str | None]] = []
                for file_id in (batch.output_file_id, batch.error_file_id):
                    if file_id:
                        replies += await self._download(file_id, pending[batch_id])
                store.save_replies(replies)
                store.update_batch(batch_id, batch.status, batch.output_file_id, batch.error_file_id)
                for sha, status, body in replies:
                    got[sha] = (status, (body or "").encode())
                del pending[batch_id]
            if pending and await self.wait_stop(self.poll_interval):
                raise RunInterrupted()
        return got

    async def _download(self, file_id: str, custom_ids: dict[str, str]) -> list[tuple[str, int, str | None]]:
        try:
            content = await self.client.files.content(file_id)
        except openai.APIError as exc:
            raise TransportError(f"cannot download batch file {file_id}: {_describe(exc)}") from None
        replies = []
        for raw in content.content.splitlines():
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except ValueError:
                continue  # an unreadable line: its request goes live
            sha = custom_ids.get(line.get("custom_id"))
            if sha is None:
                continue
            response = line.get("response") or {}
            status = int(response.get("status_code") or 0)
            body = response.get("body")
            replies.append((sha, status, json.dumps(body, ensure_ascii=False) if body is not None else None))
        return replies


def _describe(exc: openai.APIError) -> str:
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {exc.message}"
    return str(exc) or type(exc).__name__


def _batch_client(backend: Backend) -> openai.AsyncOpenAI:
    """A client for /files and /batches with the backend's retrying transport (429 + Retry-After, 5xx)."""
    s = backend.settings
    transport = EndpointTransport(httpx.AsyncHTTPTransport(), forms=backend.forms,
                                  retries=s.transport_retries, max_wait=s.max_wait)
    return openai.AsyncOpenAI(
        base_url=backend.base_url or EMBEDDED_BASE_URL,
        api_key=s.api_key.get_secret_value() if s.api_key else "not-needed",
        max_retries=0,
        timeout=s.timeout,
        http_client=httpx.AsyncClient(transport=transport, timeout=s.timeout),
    )


def _routed(base: Backend, router: Router, live_limit: asyncio.Semaphore) -> _BatchBackend:
    """A copy of `base` whose inner transport goes through the router (the retrying EndpointTransport stays on top)."""
    values = {f.name: getattr(base, f.name) for f in dataclasses.fields(Backend) if f.init and f.name != "_clients"}
    inner_factory = base.transport_factory
    values["transport_factory"] = lambda: _RoutingTransport(inner_factory(), router, live_limit)
    return _BatchBackend(**values, router=router)


class BatchApi:
    """The Batch API for one run: a summarizer whose stage calls send their first attempt in batches.

    Articles take part through `member(work)`, while `rounds()` is open; see `Router` for the
    collaborators it is given.
    """

    def __init__(self, settings: Settings, prompts: Prompts, store: Store, *, concurrency: int, run_id: int,
                 poll_interval: float, wait_stop: Callable[[float], Awaitable[bool]],
                 halt: Callable[[Exception], None], show: Callable[[str], None], batches: list[str]) -> None:
        base = build_backend(settings)
        self.router = Router(_batch_client(base), store, run_id=run_id, poll_interval=poll_interval,
                             wait_stop=wait_stop, halt=halt, show=show, batches=batches)
        backend = _routed(base, self.router, asyncio.Semaphore(concurrency))
        self.summarizer = Summarizer(settings, prompts=prompts, backend=backend)

    def member(self, work: Awaitable[None]) -> Coroutine[Any, Any, None]:
        """`work` (one article's summary) as a member of the rounds: a round goes out when every member waits."""
        article = _Article()
        router = self.router
        router.active.add(article)

        async def run() -> None:
            _ARTICLE.set(article)  # in the article's own task: its stage calls see it
            try:
                await work
            finally:
                router.active.discard(article)
                router.changed()

        return run()

    @asynccontextmanager
    async def rounds(self) -> AsyncIterator[None]:
        """Send rounds (see `Router.collect`) while the block runs."""
        collector = asyncio.create_task(self.router.collect())
        try:
            yield
        finally:
            collector.cancel()
            try:
                await collector
            except asyncio.CancelledError:
                pass

    async def aclose(self) -> None:
        await self.router.client.close()
