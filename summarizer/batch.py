"""Batch regeneration at archive scale: cached, resumable, bounded, budgeted, with progress.

`run_batch(inputs, BatchOptions(out=...))` (and the `summarizer batch` command) summarises every
article of a folder of `.txt` files, a glob, or a JSONL file of `{"id", "text", "published"?}`
records, and writes one `ArticleSummary` JSON per line to `out` in input order.

- **Store**: every result and failure goes to an SQLite store (`summarizer.store`), by default
  next to the output (`results.jsonl` -> `results.jsonl.sqlite`), so the cache travels and is
  deleted with the output it produced. A row answers a later run when the article's text,
  publication date and the run's *fingerprint* are unchanged: the fingerprint hashes the output
  schema version, every prompt template, the JSON Schemas requested from the model, provider,
  model (and the embedded model's sha256), request form and generation parameters
  (temperature, seed, max_tokens per stage). Re-running an unchanged batch makes no model
  call; changing one template re-runs every article (every stage renders the shared
  templates); `force` re-runs all; recorded failures are skipped unless `retry_failed`.
  An article whose exact text was already summarised under another id is copied, not re-run.
- **Crash safety**: each finished article is committed on its own before the next is counted;
  a SIGKILL loses only the articles in flight, and the same command resumes. The output files
  are rewritten atomically from the store at the end of each run, one line per article id.
- **Backpressure**: at most `concurrency` articles in flight (a semaphore; each runs its two
  independent stages concurrently), inputs are read lazily, and 429/5xx/timeouts are retried by
  the backend's transport (tenacity, honouring Retry-After) under every call.
- **Budget**: `max_tokens` and/or `max_cost` stop launching new articles once the spend so far
  plus the expected spend of the articles in flight reaches the budget; the articles in flight
  finish, so the overshoot is at most what they cost. Cost = prompt tokens x input price +
  completion tokens x output price, prices in USD per million tokens from options, the
  environment (`SUMMARIZER_PRICE_INPUT`, `SUMMARIZER_PRICE_OUTPUT`, `SUMMARIZER_BATCH_DISCOUNT`)
  or the config file's `[batch]` table (`price_input`, `price_output`, `batch_discount`);
  calls answered by the Batch API are priced at `batch_discount` (default 0.5) of that.
- **Stopping**: `stop()` (SIGINT in the CLI) stops launching, lets the requests in flight
  finish, still exports everything finished, and says how to resume; a second `stop(hard=True)`
  (second Ctrl-C) cancels the articles in flight.
- **Scale-out**: `via="openai-batch"` sends the first attempt of every stage call through the
  provider's Batch API (`summarizer.batch_api`), in rounds, and anything that fails there
  (invalid reply, error line, expired batch) through the normal live path.
"""

from __future__ import annotations

import asyncio
import contextvars
import csv
import dataclasses
import datetime as dt
import glob
import hashlib
import json
import os
import signal
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import httpx2 as httpx
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from . import responses
from .articles import article_id_for, decode_article
from .config import Settings, default_config_file
from .errors import ConfigurationError, InputError, LLMError, SummarizerError
from .ledger import Usage
from .llm import Backend, build_backend
from .models import SCHEMA_VERSION, ArticleSummary
from .pipeline import MAX_TOKENS, TEMPLATES, Summarizer
from .prompts import Prompts
from .store import Failure, Store

__all__ = [
    "ArticleInput",
    "BatchOptions",
    "BatchReport",
    "BatchRun",
    "Prices",
    "cache_key",
    "default_db_path",
    "fingerprint",
    "iter_inputs",
    "run_batch",
]

Via = Literal["live", "openai-batch"]
StopReason = Literal["interrupted", "budget", "aborted"]

# Price settings: environment variable -> `[batch]` key of the config file.
PRICE_ENV = {
    "SUMMARIZER_PRICE_INPUT": "price_input",
    "SUMMARIZER_PRICE_OUTPUT": "price_output",
    "SUMMARIZER_BATCH_DISCOUNT": "batch_discount",
}


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class ArticleInput:
    """One article of the input, or the reason it cannot be read (`error`)."""

    article_id: str
    text: str | None
    published: dt.date | None
    text_sha256: str
    error: InputError | None = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_input(article_id: str, text: str, published: dt.date | None) -> ArticleInput:
    return ArticleInput(article_id, text, published, _sha256(text.encode("utf-8")))


def _bad_input(article_id: str, raw: bytes, message: str) -> ArticleInput:
    return ArticleInput(article_id, None, None, _sha256(raw), InputError(message, article_id=article_id))


def _read_txt(path: Path, published: dt.date | None) -> ArticleInput:
    article_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _bad_input(article_id, str(path).encode(), f"cannot read {path}: {exc.strerror}")
    try:
        return _text_input(article_id, decode_article(data, article_id), published)
    except InputError as exc:
        return ArticleInput(article_id, None, None, _sha256(data), exc)


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a YYYY-MM-DD string, not {type(value).__name__}")
    return dt.date.fromisoformat(value[:10])


def _read_jsonl(path: Path, published: dt.date | None) -> Iterator[ArticleInput]:
    """Records `{"id", "text", "published"?}` one per line, read lazily; bad lines become input errors."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            fallback_id = f"{path.stem}:{number}"
            try:
                record = json.loads(raw)
            except ValueError as exc:
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name} is not JSON ({exc})")
                continue
            if not isinstance(record, dict):
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name} is not a JSON object")
                continue
            raw_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                given = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else fallback_id
                yield _bad_input(given, raw, f"line {number} of {path.name} has no \"text\" string")
                continue
            article_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else article_id_for(text)
            if len(article_id) > 200:
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name}: id longer than 200 characters")
                continue
            try:
                date = _parse_date(record.get("published")) or published
            except ValueError as exc:
                yield _bad_input(article_id, raw, f"line {number} of {path.name}: bad published date ({exc})")
                continue
            yield _text_input(article_id, text, date)


def _sources(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[str, Any]]:
    """Resolve every input spec up front (cheap: names only) so a typo fails before any work."""
    resolved: list[tuple[str, Any]] = []
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            resolved.append(("dir", path))
        elif path.is_file():
            resolved.append(("jsonl" if path.suffix == ".jsonl" else "txt", path))
        elif glob.has_magic(str(spec)):
            matches = [Path(p) for p in sorted(glob.glob(str(spec), recursive=True)) if Path(p).is_file()]
            if not matches:
                raise ConfigurationError(f"no file matches {str(spec)!r}")
            resolved.append(("files", matches))
        else:
            raise ConfigurationError(f"input {str(spec)!r} is not a folder, a file or a glob that matches files")
    if not resolved:
        raise ConfigurationError("no input given")
    return resolved


def _dir_files(path: Path) -> list[Path]:
    # Names only (sorted, so the output order is stable); the texts are read one at a time.
    return sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())


def iter_inputs(inputs: Sequence[str | os.PathLike[str]], *, published: dt.date | None = None) -> Iterator[ArticleInput]:
    """Every article of the inputs, lazily: a folder's `*.txt`, a glob, `.txt` files, `.jsonl` files.

    `published` applies to text files, and to JSONL records that give no date.
    """
    for kind, source in _sources(inputs):
        if kind == "dir":
            files: list[Path] = _dir_files(source)
        elif kind == "files":
            files = source
        else:
            files = [source]
        for path in files:
            if kind == "jsonl" or path.suffix == ".jsonl":
                yield from _read_jsonl(path, published)
            else:
                yield _read_txt(path, published)


def count_inputs(inputs: Sequence[str | os.PathLike[str]]) -> int:
    """How many articles `iter_inputs` will yield (a streaming pass over JSONL files; for progress)."""
    total = 0
    for kind, source in _sources(inputs):
        files = _dir_files(source) if kind == "dir" else source if kind == "files" else [source]
        for path in files:
            if path.suffix == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


# --------------------------------------------------------------------------- cache keys


def _response_schemas_sha256() -> str:
    """Hash of the JSON Schemas of every stage response model: they are part of each request."""
    schemas = {
        name: obj.model_json_schema()
        for name, obj in sorted(vars(responses).items())
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == responses.__name__
    }
    return _sha256(json.dumps(schemas, sort_keys=True, ensure_ascii=False).encode())


def fingerprint(settings: Settings, prompts: Prompts) -> tuple[str, dict[str, Any]]:
    """(sha256, spec) of everything that decides an article's output, except the article itself.

    Not included on purpose: the endpoint URL and key (the same model elsewhere gives the same
    output), retry budgets, timeouts, and `via` (a Batch API answer is the same model's answer).
    """
    if settings.uses_endpoint:
        backend = build_backend(settings)  # cheap for an endpoint; validates the settings early
        provider, model, model_sha256 = backend.provider, backend.model, backend.model_sha256
    else:
        from .local_model import ensure_model  # the file's hash, without loading the model

        path, model_sha256 = ensure_model(settings)
        provider, model = "embedded", path.name
    spec = {
        "schema_version": SCHEMA_VERSION,
        "prompt_templates": prompts.hashes(TEMPLATES),
        "response_schemas": _response_schemas_sha256(),
        "provider": provider,
        "model": model,
        "model_sha256": model_sha256,
        "request_form": settings.request_form,
        "generation": {"temperature": settings.temperature, "seed": settings.seed, "max_tokens": dict(MAX_TOKENS)},
    }
    return _sha256(json.dumps(spec, sort_keys=True).encode()), spec


def cache_key(fingerprint_sha256: str, text_sha256: str, published: dt.date | None) -> str:
    """The key one stored result answers: fingerprint, article text and publication date."""
    return _sha256(f"{fingerprint_sha256}\n{text_sha256}\n{published.isoformat() if published else ''}".encode())


def default_db_path(out: Path) -> Path:
    """The store of an output file: next to it, `<out>.sqlite`."""
    return out.with_name(out.name + ".sqlite")


# --------------------------------------------------------------------------- prices and budget


def _config_batch_table() -> dict[str, Any]:
    path = default_config_file()
    if not path.is_file():
        return {}
    try:
        return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("batch", {}))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read config file {path}: {exc}") from exc


@dataclass(frozen=True)
class Prices:
    """USD per million tokens, and the price factor of calls answered through the Batch API."""

    input_per_mtok: float | None = None
    output_per_mtok: float | None = None
    batch_discount: float = 0.5

    @property
    def known(self) -> bool:
        return self.input_per_mtok is not None or self.output_per_mtok is not None

    def cost(self, usage: Usage, batch_usage: Usage | None = None) -> float:
        """Cost of `usage`, of which `batch_usage` was answered by the Batch API."""
        def price(u: Usage) -> float:
            return (u.prompt_tokens * (self.input_per_mtok or 0.0) + u.completion_tokens * (self.output_per_mtok or 0.0)) / 1e6

        batch = price(batch_usage) if batch_usage else 0.0
        return price(usage) - batch + batch * self.batch_discount

    @classmethod
    def load(cls, *, input_per_mtok: float | None = None, output_per_mtok: float | None = None,
             batch_discount: float | None = None) -> Prices:
        """Prices from arguments, else the environment, else the config file's `[batch]` table."""
        values: dict[str, Any] = _config_batch_table()
        values = {k: values[k] for k in PRICE_ENV.values() if k in values}
        for var, key in PRICE_ENV.items():
            if os.environ.get(var):
                values[key] = os.environ[var]
        given = {"price_input": input_per_mtok, "price_output": output_per_mtok, "batch_discount": batch_discount}
        values.update({k: v for k, v in given.items() if v is not None})
        try:
            parsed = {k: float(v) for k, v in values.items()}
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"invalid price setting: {exc}") from None
        if any(v < 0 for v in parsed.values()):
            raise ConfigurationError("prices and the batch discount cannot be negative")
        return cls(parsed.get("price_input"), parsed.get("price_output"), parsed.get("batch_discount", 0.5))


# --------------------------------------------------------------------------- options and report


@dataclass
class BatchOptions:
    """How a batch runs; see the module docstring."""

    out: Path | None = None
    db: Path | None = None
    events_csv: Path | None = None
    concurrency: int = 8
    force: bool = False
    retry_failed: bool = False
    max_cost: float | None = None
    max_tokens: int | None = None
    prices: Prices = field(default_factory=Prices)
    via: Via = "live"
    batch_size: int = 1000  # articles per Batch API round trip (bounds memory and batch file size)
    poll_interval: float = 30.0  # seconds between Batch API status checks
    published: dt.date | None = None  # for text files and JSONL records without a date
    progress: bool | None = None  # None: a progress bar when stderr is a terminal
    handle_signals: bool = False  # SIGINT stops cleanly (first) or hard (second); the CLI sets it
    durable: bool = False  # synchronous=FULL: survive power loss, not only a process crash

    def store_path(self) -> Path:
        if self.db is not None:
            return self.db
        if self.out is None:
            raise ConfigurationError("a batch needs --out (results JSONL) or --db (the store)")
        return default_db_path(self.out)


@dataclass
class BatchReport:
    """What a run did. Counts are articles of this run's input."""

    status: Literal["completed", "interrupted", "budget", "aborted"]
    seen: int = 0
    done: int = 0  # summarised by this run
    cached: int = 0  # answered by the store (or copied from the same text under another id)
    failed: int = 0  # failed in this run
    failed_cached: int = 0  # failures recorded earlier and skipped (retry with retry_failed)
    not_started: int = 0  # left for the next run (stopped, or lost in flight)
    duplicate_ids: int = 0
    calls: int = 0  # model calls made by this run
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None
    seconds: float = 0.0
    db: Path | None = None
    out: Path | None = None
    events_csv: Path | None = None
    exported: int = 0
    events_exported: int = 0
    failures: list[Failure] = field(default_factory=list)  # the first few failures of the input
    failures_by_type: dict[str, int] = field(default_factory=dict)
    batches: list[str] = field(default_factory=list)  # Batch API batch ids used

    @property
    def ok(self) -> bool:
        return self.status == "completed" and self.failed == 0 and self.failed_cached == 0

    def summary_line(self) -> str:
        parts = [f"{self.seen} articles", f"{self.done} summarised", f"{self.cached} cached"]
        failed = self.failed + self.failed_cached
        if failed:
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.failures_by_type.items()))
            parts.append(f"{failed} failed ({kinds})" if kinds else f"{failed} failed")
        if self.not_started:
            parts.append(f"{self.not_started} not started")
        if self.duplicate_ids:
            parts.append(f"{self.duplicate_ids} duplicate ids")
        spend = f"{self.calls} model calls, {self.usage.total_tokens:,} tokens"
        if self.cost is not None:
            spend += f", ${self.cost:.4f}"
        line = f"batch {self.status}: {', '.join(parts)}; {spend}; {self.seconds:.1f} s"
        if self.out is not None:
            line += f" -> {self.out} ({self.exported} records)"
        return line

    def resume_hint(self) -> str | None:
        if self.status == "completed":
            if self.failed + self.failed_cached:
                return "re-run the same command with --retry-failed to retry the failed articles"
            return None
        if self.status == "budget":
            return "budget reached: re-run the same command with a larger --max-cost/--max-tokens to continue"
        if self.batches:
            return ("submitted batches keep running at the provider: re-run the same command to collect them "
                    "and finish (nothing finished is redone or paid twice)")
        return "re-run the same command to resume (finished articles are kept and not redone)"


# --------------------------------------------------------------------------- metering


class Meter:
    """What one article's model calls cost, updated call by call (failed articles included)."""

    __slots__ = ("calls", "usage", "batch_usage", "running", "parked", "totals")

    def __init__(self, totals: _Totals) -> None:
        self.calls = 0
        self.usage = Usage()
        self.batch_usage = Usage()
        self.running = 0  # stage calls in progress, not waiting for a batch (Batch API rounds)
        self.parked = 0  # stage calls waiting for a batch
        self.totals = totals

    def add(self, usage: Usage, *, batch: bool) -> None:
        self.calls += 1
        self.usage += usage
        self.totals.calls += 1
        self.totals.usage += usage
        if batch:
            self.batch_usage += usage
            self.totals.batch_usage += usage


@dataclass
class _Totals:
    calls: int = 0
    usage: Usage = field(default_factory=Usage)
    batch_usage: Usage = field(default_factory=Usage)


_METER: contextvars.ContextVar[Meter | None] = contextvars.ContextVar("summarizer_batch_meter", default=None)


def _usage_of(content: bytes) -> Usage:
    try:
        usage = json.loads(content).get("usage") or {}
        return Usage(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            total_tokens=int(usage.get("total_tokens") or 0),
        )
    except (ValueError, AttributeError, TypeError):
        return Usage()


class ArticleTransport(httpx.AsyncBaseTransport):
    """Under the backend's retrying transport: meters each call on the current article, and (Batch API)
    lets a router answer a stage's first attempt from a batch; everything else goes to `inner`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, router: Any = None,
                 live_limit: asyncio.Semaphore | None = None) -> None:
        self.inner = inner
        self.router = router
        self.live_limit = live_limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        chat = request.method == "POST" and request.url.path.endswith("/chat/completions")
        response = await self.router.answer(request) if chat and self.router is not None else None
        from_batch = response is not None
        if response is None:
            if self.live_limit is not None:
                async with self.live_limit:
                    response = await self.inner.handle_async_request(request)
            else:
                response = await self.inner.handle_async_request(request)
        meter = _METER.get()
        if not chat or meter is None:
            return response
        if response.status_code != 200:
            meter.add(Usage(), batch=False)
            return response
        content = await response.aread()
        meter.add(_usage_of(content), batch=from_batch)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")]
        return httpx.Response(200, headers=headers, content=content, request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def rewrap_backend(base: Backend, transport: Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport],
                   cls: type[Backend] = Backend, **extra: Any) -> Backend:
    """A copy of `base` whose inner transport is wrapped (the retrying EndpointTransport stays on top)."""
    values = {f.name: getattr(base, f.name) for f in dataclasses.fields(Backend) if f.init and f.name != "_clients"}
    inner_factory = base.transport_factory
    values["transport_factory"] = lambda: transport(inner_factory())
    return cls(**values, **extra)


class MeteredSummarizer(Summarizer):
    """The pipeline unchanged, over a backend whose calls are metered per article (and maybe batched)."""

    def __init__(self, settings: Settings, *, prompts: Prompts | None = None,
                 make_backend: Callable[[Backend], Backend] | None = None) -> None:
        super().__init__(settings, prompts=prompts)
        self._make_backend = make_backend or (lambda base: rewrap_backend(base, ArticleTransport))

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = self._make_backend(build_backend(self.settings))
        return self._backend


# --------------------------------------------------------------------------- progress


class _Stats:
    def __init__(self, prices: Prices, totals: _Totals) -> None:
        self.prices = prices
        self.totals = totals
        self.report_counts: Counter[str] = Counter()
        self.first_launch: float | None = None
        self.processed = 0  # articles finished by a model run (done or failed), for the rate

    def rate(self) -> float | None:
        if self.first_launch is None or self.processed == 0:
            return None
        return self.processed / max(time.monotonic() - self.first_launch, 1e-6)


class _RateColumn(ProgressColumn):
    def __init__(self, stats: _Stats) -> None:
        super().__init__()
        self.stats = stats

    def render(self, task: Task) -> Text:
        rate = self.stats.rate()
        return Text(f"{rate:.2f}/s" if rate else "–/s", style="progress.data.speed")


class _EtaColumn(ProgressColumn):
    def __init__(self, stats: _Stats) -> None:
        super().__init__()
        self.stats = stats

    def render(self, task: Task) -> Text:
        rate = self.stats.rate()
        if not rate or task.total is None:
            return Text("ETA –", style="progress.remaining")
        left = max(task.total - task.completed, 0) / rate
        return Text(f"ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}",
                    style="progress.remaining")


class ProgressView:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, enabled: bool, total: int | None, stats: _Stats) -> None:
        self.stats = stats
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}" if total is not None else "{task.completed}"),
            TextColumn("[green]✓ {task.fields[done]}[/] [red]✗ {task.fields[failed]}[/] [cyan]↷ {task.fields[skipped]}[/]"),
            _RateColumn(stats),
            _EtaColumn(stats),
            TextColumn("{task.fields[spend]}"),
            console=self.console,
            disable=not enabled,
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=total, done=0, failed=0, skipped=0, spend="")

    def __enter__(self) -> ProgressView:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.refresh()
        self.progress.stop()

    def refresh(self, description: str | None = None) -> None:
        c = self.stats.report_counts
        usage = self.stats.totals.usage
        spend = f"{usage.total_tokens:,} tok"
        if self.stats.prices.known:
            spend += f" ${self.stats.prices.cost(usage, self.stats.totals.batch_usage):.4f}"
        self.progress.update(
            self.task,
            completed=c["done"] + c["failed"] + c["cached"] + c["failed_cached"] + c["not_started"],
            done=c["done"], failed=c["failed"] + c["failed_cached"], skipped=c["cached"], spend=spend,
            **({"description": description} if description is not None else {}),
        )

    def note(self, message: str) -> None:
        if not self.progress.disable:
            self.progress.console.print(message, highlight=False, markup=False)


# --------------------------------------------------------------------------- the run


@contextmanager
def _atomic_text(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Stream a file to `.NAME.tmp` and rename it over `path`: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


EVENT_COLUMNS = (
    "article_id", "published", "event_index", "event_type", "acled_event_type", "acled_sub_event_type",
    "description_en", "description_ar", "actors_en", "actors_ar", "location_en", "location_ar", "country",
    "date_text", "date_iso", "date_precision", "quantities", "attribution", "evidence_text", "evidence_start",
    "evidence_end", "headline_en", "headline_ar", "model",
)


def event_rows(summary: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per event of an ArticleSummary (as parsed JSON), for spreadsheets."""
    for index, event in enumerate(summary.get("events") or [], start=1):
        location = event.get("location") or {}
        date = event.get("date") or {}
        evidence = (event.get("evidence") or [{}])[0]
        actors = event.get("actors") or []
        yield {
            "article_id": summary["article_id"],
            "published": summary.get("published") or "",
            "event_index": index,
            "event_type": event.get("event_type") or "",
            "acled_event_type": event.get("acled_event_type") or "",
            "acled_sub_event_type": event.get("acled_sub_event_type") or "",
            "description_en": event["description"]["en"],
            "description_ar": event["description"]["ar"],
            "actors_en": "; ".join(f"{a['name']['en']} ({a['role']})" for a in actors),
            "actors_ar": "; ".join(a["name"]["ar"] for a in actors),
            "location_en": (location.get("name") or {}).get("en", ""),
            "location_ar": (location.get("name") or {}).get("ar", ""),
            "country": location.get("country") or "",
            "date_text": date.get("text") or "",
            "date_iso": date.get("iso") or "",
            "date_precision": date.get("precision") or "",
            "quantities": "; ".join(f"{q['value']:g} {q['unit']}" for q in event.get("quantities") or []),
            "attribution": "; ".join(event.get("attribution") or []),
            "evidence_text": evidence.get("text", ""),
            "evidence_start": "" if evidence.get("start") is None else evidence["start"],
            "evidence_end": "" if evidence.get("end") is None else evidence["end"],
            "headline_en": summary["headline"]["en"],
            "headline_ar": summary["headline"]["ar"],
            "model": summary.get("provenance", {}).get("model", ""),
        }


class BatchRun:
    """One batch run over some inputs; `await run()` once. `stop()` may be called from any thread."""

    FAILURES_SHOWN = 10

    def __init__(self, inputs: Sequence[str | os.PathLike[str]], options: BatchOptions | None = None,
                 settings: Settings | None = None, *, prompts: Prompts | None = None) -> None:
        self.inputs = list(inputs)
        self.options = options or BatchOptions()
        self.settings = settings or Settings.load()
        self.prompts = prompts or Prompts()
        self.totals = _Totals()
        self.stats = _Stats(self.options.prices, self.totals)
        self.counts = self.stats.report_counts
        self.stop_reason: StopReason | None = None
        self._stop_event: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._inflight: dict[asyncio.Task[None], Meter] = {}
        self._finished_articles = 0
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
            loop.call_soon_threadsafe(self._stop, "aborted" if hard else "interrupted")
        except RuntimeError:  # the run is over and its loop closed
            pass

    def _stop(self, reason: StopReason) -> None:
        if reason == "aborted":
            self.stop_reason = "aborted"
            for task in list(self._inflight):
                task.cancel()
        elif self.stop_reason is None:
            self.stop_reason = reason
        if self._stop_event is not None:
            self._stop_event.set()

    def _on_sigint(self) -> None:
        if self.stop_reason is None:
            self._stop("interrupted")
            message = (f"stopping: waiting for {len(self._inflight)} article(s) in flight "
                       "(press Ctrl-C again to abandon them)")
            if self.view is not None and not self.view.progress.disable:
                self.view.note(message)
            else:
                Console(stderr=True).print(message, highlight=False, markup=False)
        else:
            self._stop("aborted")

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

    # ------------------------------------------------------------------ budget

    def spent(self, usage: Usage, batch_usage: Usage) -> tuple[int, float]:
        return usage.total_tokens, self.options.prices.cost(usage, batch_usage)

    def budget_reached(self, more_articles: int = 1) -> bool:
        """True when the spend so far, plus what the articles in flight and `more_articles` more are
        expected to cost (the mean spend of the articles finished so far), reaches a budget."""
        options = self.options
        if options.max_tokens is None and options.max_cost is None:
            return False
        tokens, cost = self.spent(self.totals.usage, self.totals.batch_usage)
        mean_tokens, mean_cost = self._mean
        ahead_tokens = ahead_cost = 0.0
        for meter in [*self._inflight.values(), *[None] * more_articles]:
            t, c = self.spent(meter.usage, meter.batch_usage) if meter is not None else (0, 0.0)
            ahead_tokens += max(mean_tokens - t, 0.0)
            ahead_cost += max(mean_cost - c, 0.0)
        if options.max_tokens is not None and (tokens >= options.max_tokens or tokens + ahead_tokens > options.max_tokens):
            return True
        return options.max_cost is not None and (cost >= options.max_cost or cost + ahead_cost > options.max_cost)

    _mean: tuple[float, float] = (0.0, 0.0)  # mean (tokens, cost) of a finished article

    def _learn_spend(self, meter: Meter) -> None:
        tokens, cost = self.spent(meter.usage, meter.batch_usage)
        n = self._finished_articles = self._finished_articles + 1
        mean_tokens, mean_cost = self._mean
        self._mean = (mean_tokens + (tokens - mean_tokens) / n, mean_cost + (cost - mean_cost) / n)

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
            self._begin(seq, item, key)
            self.store.put_result(
                item.article_id, fp, summary_json=None, usage=Usage(), attempts=0, cost=0.0, via="input",
                seconds=0.0, error=("InputError", None, item.error.message),
            )
            self._count("failed")
            return False
        if not self.options.force and (copy := store.ok_summary_by_key(key)) is not None:
            summary = ArticleSummary.model_validate_json(copy).model_copy(update={"article_id": item.article_id})
            self._begin(seq, item, key)
            store.put_result(item.article_id, fp, summary_json=summary.model_dump_json(), usage=Usage(), attempts=0,
                             cost=0.0, via="copy", seconds=0.0)
            self._count("cached")
            return False
        return True

    def _begin(self, seq: int, item: ArticleInput, key: str) -> None:
        self.store.put_pending(
            item.article_id, self.fp, text_sha256=item.text_sha256,
            published=item.published.isoformat() if item.published else None, cache_key=key,
            run_id=self.run_id, seq=seq,
        )

    def begin(self, seq: int, item: ArticleInput) -> None:
        """Mark an article as being worked on (pending) before launching it."""
        self._begin(seq, item, cache_key(self.fp, item.text_sha256, item.published))
        if self.stats.first_launch is None:
            self.stats.first_launch = time.monotonic()

    def _count(self, kind: str) -> None:
        self.counts[kind] += 1
        if self.view is not None:
            self.view.refresh()

    async def process(self, item: ArticleInput, summarizer: Summarizer, meter: Meter, via: Via) -> None:
        """Summarise one article and store the result or the failure (committed before returning)."""
        _METER.set(meter)
        started = time.perf_counter()
        error: tuple[str, str | None, str] | None = None
        summary_json: str | None = None
        try:
            summary = await summarizer.asummarize(item.text or "", article_id=item.article_id, published=item.published)
            summary_json = summary.model_dump_json()
        except ConfigurationError as exc:
            # Settings that cannot work fail every article alike: stop the run, say why once.
            self.fatal = exc
            self._stop("interrupted")
            self._count("not_started")
            return
        except (InputError, LLMError) as exc:
            error = (type(exc).__name__, getattr(exc, "stage", None), self._redact(exc.message))
        except SummarizerError as exc:
            error = (type(exc).__name__, None, self._redact(exc.message))
        except Exception as exc:  # noqa: BLE001 - one article's bug must not end a 10-hour run
            error = (type(exc).__name__, None, self._redact(str(exc)[:2000] or repr(exc)))
        tokens, cost = self.spent(meter.usage, meter.batch_usage)
        self.store.put_result(
            item.article_id, self.fp, summary_json=summary_json, usage=meter.usage, attempts=meter.calls, cost=cost,
            via=via, seconds=time.perf_counter() - started, error=error,
        )
        self._learn_spend(meter)
        self.stats.processed += 1
        self._count("done" if error is None else "failed")

    def _redact(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        return text.replace(key, "***") if key else text

    # ------------------------------------------------------------------ main

    async def run(self) -> BatchReport:
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
        _sources(self.inputs)  # fail fast on a missing input
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
                        from .batch_api import run_via_batches

                        await run_via_batches(self, items)
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
        summarizer = MeteredSummarizer(self.settings, prompts=self.prompts)
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
                        self._stop("budget")
                    self.classify(seq, item, scan_only=True)
                    break
                self.begin(seq, item)
                meter = Meter(self.totals)
                task = asyncio.create_task(self.process(item, summarizer, meter, "live"))
                self._inflight[task] = meter

                def done(t: asyncio.Task[None]) -> None:
                    slots.release()
                    self._inflight.pop(t, None)

                task.add_done_callback(done)
            await self._drain()
        except BaseException:
            for task in self._inflight:
                task.cancel()
            await self._drain()
            raise

    async def _drain(self) -> None:
        while self._inflight:
            results = await asyncio.gather(*list(self._inflight), return_exceptions=True)
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
        if self.stop_reason != "aborted":
            if options.out is not None:
                report.exported = self.export_jsonl(options.out)
            if options.events_csv is not None:
                report.events_exported = self.export_events_csv(options.events_csv)
        failures = self.store.iter_failures(self.fp, self.run_id)
        by_type: Counter[str] = Counter()
        for failure in failures:
            by_type[failure.error_type] += 1
            if len(report.failures) < self.FAILURES_SHOWN:
                report.failures.append(failure)
        report.failures_by_type = dict(by_type)
        report.seconds = time.perf_counter() - started
        return report

    # ------------------------------------------------------------------ export

    def export_jsonl(self, path: Path) -> int:
        """Every finished summary of this run's input, one JSON per line, in input order."""
        n = 0
        with _atomic_text(path) as handle:
            for summary_json in self.store.iter_summaries(self.fp, self.run_id):
                handle.write(summary_json)
                handle.write("\n")
                n += 1
        return n

    def export_events_csv(self, path: Path) -> int:
        """One row per event; UTF-8 with a BOM so spreadsheet programs read the Arabic right."""
        n = 0
        with _atomic_text(path, encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS)
            writer.writeheader()
            for summary_json in self.store.iter_summaries(self.fp, self.run_id):
                for row in event_rows(json.loads(summary_json)):
                    writer.writerow(row)
                    n += 1
        return n


def run_batch(inputs: Sequence[str | os.PathLike[str]], options: BatchOptions | None = None,
              settings: Settings | None = None, *, prompts: Prompts | None = None) -> BatchReport:
    """Run a batch to the end (blocking); see `BatchRun` and the module docstring."""
    return asyncio.run(BatchRun(inputs, options, settings, prompts=prompts).run())
