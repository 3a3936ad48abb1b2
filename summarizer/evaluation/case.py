"""The data an evaluation works on: cases, scores, and the interface every scorer implements.

Designed like pydantic-evals: a case is plain data, a scorer is a small object with one
`evaluate(case) -> list[Score]` method and a declaration of the metrics it produces. A future
LLM-as-judge scorer fits the same interface: it declares its metrics and returns scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol, runtime_checkable

from ..models import ArticleSummary
from .gold import GoldSummary

__all__ = ["Case", "Metric", "Score", "Scorer"]


@dataclass(frozen=True)
class Case:
    """One article to score: its text, its reference, and what the system produced.

    `output` is None when there is no valid output (missing file, invalid JSON, schema
    violation, pipeline failure); `error` then says why, and the case counts as failed.
    """

    article_id: str
    source_text: str
    gold: GoldSummary | None
    output: ArticleSummary | None
    error: str | None = None
    lead: str | None = None  # the outlet's own summary of the article, where it wrote one

    @property
    def failed(self) -> bool:
        """Whether there is no valid output to score."""
        return self.output is None


@dataclass(frozen=True)
class Score:
    """One metric's value for one case, with a human reason (what failed, what was counted).

    `value` is None when the metric does not apply (no gold, nothing to measure, no timing).
    `counts` (numerator, denominator) is set for metrics aggregated micro: the corpus value is
    the sum of the numerators over the sum of the denominators.
    """

    name: str
    value: float | None
    reason: str = ""
    counts: tuple[float, float] | None = None


@dataclass(frozen=True)
class Metric:
    """What a metric means and how to read it.

    `kind` is "score" for values in [0, 1] where 1 is best (gated by thresholds and by
    regression against a baseline); "sanity" for a score the validators or the pipeline already
    enforce, so it is 1.0 by construction and says nothing about quality: it is computed over the
    cases with an output and any value below 1 fails the run as a bug; or "cost" for counts and
    seconds where less is better (gated by thresholds as ceilings, shown but not gated in a
    baseline comparison). `on_failure` is the value a failed case gets: 0 for scores (a crash is
    never better than a poor answer), None for sanity checks and costs (nothing to check).
    `average` is "macro" (mean of the per-case values) or "micro" (sums of `Score.counts`).
    """

    name: str
    description: str
    kind: Literal["score", "sanity", "cost"] = "score"
    group: str = "other"
    label: str = ""
    average: Literal["macro", "micro"] = "macro"

    @property
    def higher_is_better(self) -> bool:
        return self.kind != "cost"

    @property
    def on_failure(self) -> float | None:
        return 0.0 if self.kind == "score" else None

    @property
    def short(self) -> str:
        """A short column label."""
        return self.label or self.name


@runtime_checkable
class Scorer(Protocol):
    """Scores cases. `metrics` declares every name `evaluate` may return.

    `evaluate` is only called for cases with a valid output; failed cases get each declared
    metric's `on_failure` value, except the metrics a scorer's optional
    `evaluate_failed(case) -> list[Score]` returns (a failed article still has gold events that
    count against recall, and an extractive baseline that needs no output).
    """

    metrics: ClassVar[tuple[Metric, ...]]

    def evaluate(self, case: Case) -> list[Score]: ...


@dataclass
class CaseResult:
    """A case with its scores, in the order the scorers produced them."""

    case: Case
    scores: list[Score] = field(default_factory=list)

    def value(self, name: str) -> float | None:
        for score in self.scores:
            if score.name == name:
                return score.value
        return None

    def score(self, name: str) -> Score | None:
        return next((s for s in self.scores if s.name == name), None)
