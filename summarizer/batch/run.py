"""One batch run: which articles the store answers, which to launch and when, stopping, and the report."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from dataclasses import replace
from typing import Any

from rich.console import Console

from ..config import Settings
from ..errors import ConfigurationError, InputError, LLMError, SummarizerError
from ..ledger import Ledger, Usage, booking
from ..models import ArticleSummary
from ..pipeline import Summarizer
from ..prompts import Prompts
from ..store import Store
from .api import BatchApi
from .budget import Budget
from .export import write_events_csv, write_jsonl
from .inputs import ArticleInput, count_inputs, iter_inputs, resolve_inputs
from .keys import cache_key, fingerprint
from .options import BatchOptions, BatchReport, StopReason, Via, engine_concurrency
from .progress import ProgressView, RunStats

__all__ = ["BatchRun", "run_batch"]


class BatchRun:
    """One batch run over some inputs; `await run()` once. `stop()` may be called from any thread.

    Every model call of the run is booked on `totals`, through one ledger per article. Articles are
    launched live (`concurrency` at a time) or in chunks through the Batch API (`batch.api.BatchApi`,
    which stops the run through `halt` and waits between polls through `wait_stop`).
    """

    FAILURES_SHOWN = 10

    def __init__(self, inputs: Sequence[str | os.PathLike[str]], options: BatchOptions | None = None,
                 settings: Settings | None = None, *, prompts: Prompts | None = None) -> None:
        self.inputs = list(inputs)
        self.settings = settings or Settings.load()
        self.options = options or BatchOptions()
        if self.options.concurrency is None:
            self.options = replace(self.options, concurrency=engine_concurrency(self.settings))
        self.prompts = prompts or Prompts()
        self.totals = Ledger()
        self.budget = Budget(self.options.prices, max_tokens=self.options.max_tokens, max_cost=self.options.max_cost)
        self.stats = RunStats(self.options.prices, self.totals)
        self.counts = self.stats.report_counts
        self.stop_reason: StopReason | None = None
        self._stop_event: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._in_flight: dict[asyncio.Task[None], Ledger] = {}
        self.batches: list[str] = []
        self.fatal: BaseException | None = None
        self.view: ProgressView | None = None

    # ------------------------------------------------------------------ control

    def stop(self, *, hard: bool = False) -> None:
        """Stop launching articles (in-flight ones finish); `hard` also cancels those in flight."""
        loop = self._loop
        if loop is None:
            self.stop_reason = self.stop_reason or "interrupted"
            return
        try:
            loop.call_soon_threadsafe(self.halt, "aborted" if hard else "interrupted")
        except RuntimeError:  # the run is over and its loop closed
            pass

    def halt(self, reason: StopReason, error: BaseException | None = None) -> None:
        """`stop()` from the run's own loop; "aborted" cancels the articles in flight, `error` ends the run with it."""
        if error is not None:
            self.fatal = error
        if reason == "aborted":
            self.stop_reason = "aborted"
            for task in list(self._in_flight):
                task.cancel()
        elif self.stop_reason is None:
            self.stop_reason = reason
        if self._stop_event is not None:
            self._stop_event.set()

    def _on_sigint(self) -> None:
        if self.stop_reason is None:
            self.halt("interrupted")
            message = (f"stopping: waiting for {len(self._in_flight)} article(s) in flight "
                       "(press Ctrl-C again to abandon them)")
            if self.view is not None and not self.view.progress.disable:
                self.view.note(message)
            else:
                Console(stderr=True).print(message, highlight=False, markup=False)
        else:
            self.halt("aborted")

    @property
    def stopping(self) -> bool:
        return self.stop_reason is not None

    async def wait_stop(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when a stop was requested."""
        assert self._stop_event is not None
        try:
            await asyncio.wait_for(self._stop_event.wait(), timeout=seconds)
        except TimeoutError:
            pass
        return self.stopping

    def budget_reached(self, more_articles: int = 1) -> bool:
        """Whether launching `more_articles` more would go over the budget (see `Budget.reached`)."""
        return self.budget.reached(self.totals, self._in_flight.values(), more_articles)

    # ------------------------------------------------------------------ per article

    def classify(self, seq: int, item: ArticleInput, *, scan_only: bool = False) -> bool:
        """Answer the article from the store if possible (marks it seen); True when it must run.

        With `scan_only` (after a stop) nothing is launched: unanswered articles count as not started.
        """
        store, fp, run_id = self.store, self.fp, self.run_id
        key = cache_key(fp, item.text_sha256, item.published)
        cached = store.lookup(item.article_id, fp)
        if cached is not None and cached.seen_run == run_id:
            # The same id twice in one input: the first record wins (else each run would flip-flop).
            self._count("duplicate_ids")
            return False
        if cached is not None and cached.cache_key == key and not self.options.force:
            if cached.status == "ok":
                store.mark_seen(item.article_id, fp, run_id, seq)
                self._count("cached")
                return False
            if cached.status == "failed" and not self.options.retry_failed:
                store.mark_seen(item.article_id, fp, run_id, seq)
                self._count("failed_cached")
                return False
        if scan_only:
            self._count("not_started")
            return False
        if item.error is not None:
            self._pending(seq, item, key)
            self.store.put_result(
                item.article_id, fp, summary_json=None, usage=Usage(), attempts=0, cost=0.0, via="input",
                seconds=0.0, error=("InputError", None, item.error.message),
            )
            self._count("failed")
            return False
        if not self.options.force and (copy := store.ok_summary_by_key(key)) is not None:
            summary = ArticleSummary.model_validate_json(copy).model_copy(update={"article_id": item.article_id})
            self._pending(seq, item, key)
            store.put_result(item.article_id, fp, summary_json=summary.model_dump_json(), usage=Usage(), attempts=0,
                             cost=0.0, via="copy", seconds=0.0)
            self._count("cached")
            return False
        return True

    def _pending(self, seq: int, item: ArticleInput, key: str) -> None:
        self.store.put_pending(
            item.article_id, self.fp, text_sha256=item.text_sha256,
            published=item.published.isoformat() if item.published else None, cache_key=key,
            run_id=self.run_id, seq=seq,
        )

    def _launch(self, seq: int, item: ArticleInput, summarizer: Summarizer, via: Via,
                wrap: Callable[[Awaitable[None]], Coroutine[Any, Any, None]] | None = None) -> asyncio.Task[None]:
        """Mark the article pending and summarise it in a task of its own, booked on a ledger under `totals`.

        `wrap` runs the work inside something else's coroutine (the Batch API's rounds).
        """
        self._pending(seq, item, cache_key(self.fp, item.text_sha256, item.published))
        if self.stats.first_launch is None:
            self.stats.first_launch = time.monotonic()
        ledger = Ledger(parent=self.totals)
        work = self._process(item, summarizer, ledger, via)
        task = asyncio.create_task(wrap(work) if wrap is not None else work)
        self._in_flight[task] = ledger
        task.add_done_callback(lambda t: self._in_flight.pop(t, None))
        return task

    def _count(self, kind: str) -> None:
        self.counts[kind] += 1
        if self.view is not None:
            self.view.refresh()

    async def _process(self, item: ArticleInput, summarizer: Summarizer, ledger: Ledger, via: Via) -> None:
        """Summarise one article and store the result or the failure (committed before returning)."""
        started = time.perf_counter()
        error: tuple[str, str | None, str] | None = None
        summary_json: str | None = None
        try:
            with booking(ledger):
                summary = await summarizer.asummarize(item.text or "", article_id=item.article_id,
                                                      published=item.published)
            summary_json = summary.model_dump_json()
        except ConfigurationError as exc:
            # Settings that cannot work fail every article alike: stop the run, say why once.
            self.halt("interrupted", error=exc)
            self._count("not_started")
            return
        except (InputError, LLMError) as exc:
            error = (type(exc).__name__, getattr(exc, "stage", None), self._redact(exc.message))
        except SummarizerError as exc:
            error = (type(exc).__name__, None, self._redact(exc.message))
        except Exception as exc:  # noqa: BLE001 - one article's bug must not end a 10-hour run
            error = (type(exc).__name__, None, self._redact(str(exc)[:2000] or repr(exc)))
        _, cost = self.budget.spent(ledger)
        self.store.put_result(
            item.article_id, self.fp, summary_json=summary_json, usage=ledger.usage, attempts=ledger.calls, cost=cost,
            via=via, seconds=time.perf_counter() - started, error=error,
        )
        self.budget.finished(ledger)
        self.stats.processed += 1
        self._count("done" if error is None else "failed")

    def _redact(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        return text.replace(key, "***") if key else text

    def _show(self, message: str) -> None:
        if self.view is not None:
            self.view.refresh(description=message)

    # ------------------------------------------------------------------ main

    def _check_options(self) -> None:
        options = self.options
        if options.concurrency < 1:
            raise ConfigurationError("concurrency must be at least 1")
        if options.batch_size < 1:
            raise ConfigurationError("batch size must be at least 1")
        if options.max_cost is not None and not options.prices.known:
            raise ConfigurationError(
                "--max-cost needs token prices: --price-input/--price-output (USD per million tokens), "
                "SUMMARIZER_PRICE_INPUT/SUMMARIZER_PRICE_OUTPUT, or price_input/price_output in the config "
                "file's [batch] table"
            )
        if options.via not in ("live", "openai-batch"):
            raise ConfigurationError(f"via must be 'live' or 'openai-batch', not {options.via!r}")
        if options.via == "openai-batch" and not self.settings.uses_endpoint:
            raise ConfigurationError("--via openai-batch needs an OpenAI-compatible endpoint (--base-url, --model)")
        resolve_inputs(self.inputs)  # fail fast on a missing input

    async def run(self) -> BatchReport:
        """Run to the end (or to a stop): every article answered, summarised or failed, then exported."""
        self._check_options()
        options = self.options
        started = time.perf_counter()
        self.fp, spec = fingerprint(self.settings, self.prompts)
        self.store = Store(options.store_path(), durable=options.durable)
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        if self.stop_reason is not None:
            self._stop_event.set()
        signals = False
        try:
            self.store.register_config(self.fp, spec)
            self.run_id = self.store.start_run(self.fp, {
                "inputs": [str(i) for i in self.inputs], "via": options.via, "concurrency": options.concurrency,
                "force": options.force, "retry_failed": options.retry_failed,
            })
            show = options.progress if options.progress is not None else Console(stderr=True).is_terminal
            total = count_inputs(self.inputs) if show else None
            if options.handle_signals:
                try:
                    for signum in (signal.SIGINT, signal.SIGTERM):
                        self._loop.add_signal_handler(signum, self._on_sigint)
                    signals = True
                except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
                    pass
            with ProgressView(show, total, self.stats) as self.view:
                items = enumerate(iter_inputs(self.inputs, published=options.published))
                try:
                    if options.via == "openai-batch":
                        await self._run_batched(items)
                    else:
                        await self._run_live(items)
                    if self.stop_reason != "aborted":
                        for seq, item in items:  # after a stop: answer what the store can, launch nothing
                            if seq % 256 == 0:
                                await asyncio.sleep(0)
                            if self.stop_reason == "aborted":
                                break
                            self.classify(seq, item, scan_only=True)
                finally:
                    self.store.flush()
            if self.fatal is not None:
                raise self.fatal
            report = self._report(started)
            self.store.finish_run(self.run_id, report.status, {
                k: getattr(report, k) for k in ("seen", "done", "cached", "failed", "failed_cached", "not_started",
                                               "calls")})
            if report.status == "completed" and options.via == "openai-batch":
                self.store.purge_batch_data()
            return report
        finally:
            if signals:
                for signum in (signal.SIGINT, signal.SIGTERM):
                    self._loop.remove_signal_handler(signum)
            self.store.close()

    async def _run_live(self, items: Iterator[tuple[int, ArticleInput]]) -> None:
        """Each article through the endpoint (or the embedded model), `concurrency` at a time."""
        summarizer = Summarizer(self.settings, prompts=self.prompts)
        slots = asyncio.Semaphore(self.options.concurrency)
        try:
            for seq, item in items:
                if not self.classify(seq, item):
                    if seq % 256 == 0:
                        await asyncio.sleep(0)  # a long cached stretch still lets signals and progress through
                    continue
                await slots.acquire()
                if self.stopping or self.budget_reached():
                    slots.release()
                    if not self.stopping:
                        self.halt("budget")
                    self.classify(seq, item, scan_only=True)
                    break
                task = self._launch(seq, item, summarizer, "live")
                task.add_done_callback(lambda _t: slots.release())
            await self._drain()
        except BaseException:
            for task in self._in_flight:
                task.cancel()
            await self._drain()
            raise

    async def _run_batched(self, items: Iterator[tuple[int, ArticleInput]]) -> None:
        """The articles in chunks of `batch_size`, each chunk through Batch API rounds (`batch.api`)."""
        options = self.options
        api = BatchApi(
            self.settings, self.prompts, self.store, concurrency=options.concurrency, run_id=self.run_id,
            poll_interval=options.poll_interval, wait_stop=self.wait_stop,
            halt=lambda error: self.halt("interrupted", error=error), show=self._show, batches=self.batches,
        )
        chunk: list[tuple[int, ArticleInput]] = []
        try:
            for seq, item in items:
                if not self.classify(seq, item):
                    continue
                if self.budget_reached(more_articles=len(chunk) + 1):
                    self.halt("budget")
                    self.classify(seq, item, scan_only=True)
                    break
                chunk.append((seq, item))
                if len(chunk) >= options.batch_size:
                    await self._run_chunk(api, chunk)
                    chunk = []
                    if self.stopping:
                        break
            if chunk and not self.stopping:
                await self._run_chunk(api, chunk)
            elif chunk:
                for seq, item in chunk:
                    self.classify(seq, item, scan_only=True)
        finally:
            await api.aclose()

    async def _run_chunk(self, api: BatchApi, chunk: list[tuple[int, ArticleInput]]) -> None:
        async with api.rounds():
            for seq, item in chunk:
                self._launch(seq, item, api.summarizer, "openai-batch", wrap=api.member)
            await self._drain()

    async def _drain(self) -> None:
        """Wait for every article in flight; one cancelled (a hard stop) is left for the next run."""
        while self._in_flight:
            results = await asyncio.gather(*list(self._in_flight), return_exceptions=True)
            for result in results:
                if isinstance(result, asyncio.CancelledError):
                    self.counts["not_started"] += 1

    def _report(self, started: float) -> BatchReport:
        options = self.options
        c = self.counts
        report = BatchReport(
            status="completed" if self.stop_reason is None else self.stop_reason,
            done=c["done"], cached=c["cached"], failed=c["failed"], failed_cached=c["failed_cached"],
            not_started=c["not_started"], duplicate_ids=c["duplicate_ids"], calls=self.totals.calls,
            usage=self.totals.usage,
            cost=options.prices.cost(self.totals.usage, self.totals.batch_usage) if options.prices.known else None,
            db=self.store.path, out=options.out, events_csv=options.events_csv, batches=list(self.batches),
        )
        report.seen = report.done + report.cached + report.failed + report.failed_cached + report.not_started
        report.arabic_only = self.store.count_arabic_only(self.fp, self.run_id)
        if self.stop_reason != "aborted":
            if options.out is not None:
                report.exported = write_jsonl(self.store.iter_summaries(self.fp, self.run_id), options.out)
            if options.events_csv is not None:
                report.events_exported = write_events_csv(self.store.iter_summaries(self.fp, self.run_id),
                                                          options.events_csv)
        failures = self.store.iter_failures(self.fp, self.run_id)
        by_type: Counter[str] = Counter()
        for failure in failures:
            by_type[failure.error_type] += 1
            if len(report.failures) < self.FAILURES_SHOWN:
                report.failures.append(failure)
        report.failures_by_type = dict(by_type)
        report.seconds = time.perf_counter() - started
        return report


def run_batch(inputs: Sequence[str | os.PathLike[str]], options: BatchOptions | None = None,
              settings: Settings | None = None, *, prompts: Prompts | None = None) -> BatchReport:
    """Run a batch to the end (blocking); see `BatchRun` and `summarizer.batch`."""
    return asyncio.run(BatchRun(inputs, options, settings, prompts=prompts).run())
