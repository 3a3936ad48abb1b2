"""How a batch runs (`BatchOptions`) and what a run did (`BatchReport`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..errors import ConfigurationError
from ..ledger import Usage
from ..models import NO_ENGLISH
from ..store import Failure
from .prices import Prices

__all__ = ["BatchOptions", "BatchReport", "StopReason", "Via", "default_db_path", "engine_concurrency"]

Via = Literal["live", "openai-batch"]
StopReason = Literal["interrupted", "budget", "aborted"]


# The embedded model serves one request per slot (llama-cpp-python: one): articles in flight beyond
# that only interleave, so every result lands at the end and none sooner. An endpoint serves
# requests in parallel.
ENDPOINT_CONCURRENCY = 8


def engine_concurrency(settings: Settings) -> int:
    """Articles in flight by default: one per slot of the embedded model, eight against an endpoint."""
    if settings.uses_endpoint:
        return ENDPOINT_CONCURRENCY
    return settings.slots if settings.engine == "xllamacpp" else 1


def default_db_path(out: Path) -> Path:
    """The store of an output file: next to it, `<out>.sqlite`."""
    return out.with_name(out.name + ".sqlite")


@dataclass
class BatchOptions:
    """How a batch runs; see `summarizer.batch`."""

    out: Path | None = None
    db: Path | None = None
    events_csv: Path | None = None
    concurrency: int | None = None  # None: the engine's own (`engine_concurrency`)
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
    arabic_only: int = 0  # summarised or cached, but no English passed the checks (headline.en null)
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
        if self.arabic_only:
            parts.append(f"{self.arabic_only} in Arabic only ({NO_ENGLISH})")
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
