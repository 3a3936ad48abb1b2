"""The progress bar of a batch run: counts, rate, ETA and spend, on stderr when it is a terminal."""

from __future__ import annotations

import time
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from ..ledger import Ledger
from .prices import Prices

__all__ = ["ProgressView", "RunStats"]


class RunStats:
    """What the bar shows: the run's counts by outcome, its totals, and its rate of articles."""

    def __init__(self, prices: Prices, totals: Ledger) -> None:
        self.prices = prices
        self.totals = totals
        self.report_counts: Counter[str] = Counter()
        self.first_launch: float | None = None
        self.processed = 0  # articles finished by a model run (done or failed), for the rate

    def rate(self) -> float | None:
        if self.first_launch is None or self.processed == 0:
            return None
        return self.processed / max(time.monotonic() - self.first_launch, 1e-6)


class _StatsColumn(ProgressColumn):
    def __init__(self, stats: RunStats) -> None:
        super().__init__()
        self.stats = stats


class _RateColumn(_StatsColumn):
    def render(self, task: Task) -> Text:
        rate = self.stats.rate()
        return Text(f"{rate:.2f}/s" if rate else "–/s", style="progress.data.speed")


class _EtaColumn(_StatsColumn):
    def render(self, task: Task) -> Text:
        rate = self.stats.rate()
        if not rate or task.total is None:
            return Text("ETA –", style="progress.remaining")
        left = max(task.total - task.completed, 0) / rate
        return Text(f"ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}",
                    style="progress.remaining")


class ProgressView:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, enabled: bool, total: int | None, stats: RunStats) -> None:
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
