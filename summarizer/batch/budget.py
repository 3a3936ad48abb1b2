"""The spend limits of a run, judged on the ledgers the LLM layer books every call on."""

from __future__ import annotations

from collections.abc import Iterable

from ..ledger import Ledger
from .prices import Prices

__all__ = ["Budget"]


class Budget:
    """`max_tokens` and/or `max_cost`, and the mean spend of an article, learnt as articles finish."""

    def __init__(self, prices: Prices, *, max_tokens: int | None, max_cost: float | None) -> None:
        self.prices = prices
        self.max_tokens = max_tokens
        self.max_cost = max_cost
        self._finished = 0
        self._mean: tuple[float, float] = (0.0, 0.0)  # mean (tokens, cost) of a finished article

    def spent(self, ledger: Ledger) -> tuple[int, float]:
        """(tokens, cost) booked on `ledger`; calls answered by the Batch API at its discount."""
        return ledger.usage.total_tokens, self.prices.cost(ledger.usage, ledger.batch_usage)

    def finished(self, article: Ledger) -> None:
        """Learn from what a finished article (done or failed) cost."""
        tokens, cost = self.spent(article)
        n = self._finished = self._finished + 1
        mean_tokens, mean_cost = self._mean
        self._mean = (mean_tokens + (tokens - mean_tokens) / n, mean_cost + (cost - mean_cost) / n)

    def reached(self, totals: Ledger, in_flight: Iterable[Ledger], more_articles: int = 1) -> bool:
        """True when the spend so far (`totals`), plus what the articles in flight and `more_articles`
        more are expected to cost (the mean spend of the articles finished so far), reaches a limit."""
        if self.max_tokens is None and self.max_cost is None:
            return False
        tokens, cost = self.spent(totals)
        mean_tokens, mean_cost = self._mean
        ahead_tokens = ahead_cost = 0.0
        for ledger in [*in_flight, *[None] * more_articles]:
            t, c = self.spent(ledger) if ledger is not None else (0, 0.0)
            ahead_tokens += max(mean_tokens - t, 0.0)
            ahead_cost += max(mean_cost - c, 0.0)
        if self.max_tokens is not None and (tokens >= self.max_tokens or tokens + ahead_tokens > self.max_tokens):
            return True
        return self.max_cost is not None and (cost >= self.max_cost or cost + ahead_cost > self.max_cost)
