"""Building cases (from the pipeline or stored outputs), scoring them, gating the result."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..articles import read_article
from ..errors import ConfigurationError, SummarizerError
from ..export import summary_json, write_atomic
from ..models import ArticleSummary
from .case import Case, CaseResult, Metric, Score, Scorer
from .config import EvalConfig, Threshold
from .gold import GoldSummary, read_gold

__all__ = [
    "REPORT_FORMAT",
    "Article",
    "Gate",
    "EvalRun",
    "load_corpus",
    "cases_from_outputs",
    "cases_from_pipeline",
    "score_case",
    "score_cases",
    "aggregate",
    "compare",
    "check_gates",
    "load_baseline",
]

REPORT_FORMAT = "summarizer-eval-report/1"
_ERROR_CHARS = 600


@dataclass(frozen=True)
class Article:
    """One corpus entry: the article text and its gold file (publication date from the gold)."""

    article_id: str
    text: str
    gold: GoldSummary | None
    lead: str | None = None

    @property
    def published(self) -> dt.date | None:
        return self.gold.published if self.gold else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _ERROR_CHARS else text[: _ERROR_CHARS - 1] + "…"


def _validation_message(exc: ValidationError) -> str:
    problems = [f"{'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in exc.errors()[:5]]
    more = f" (+{exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return "; ".join(problems) + more


def load_corpus(
    seeds: Path, gold: Path, only: Sequence[str] = (), leads: Path | None = None
) -> tuple[list[Article], list[str]]:
    """The corpus: every gold file with its article (and the outlet's lead, from `leads`). Returns (articles, notes).

    Articles without a gold file are left out (with a note); a gold file without its article,
    or one that is not a valid GoldSummary, is a configuration error.
    """
    if not gold.is_dir():
        raise ConfigurationError(f"gold directory not found: {gold}")
    if not seeds.is_dir():
        raise ConfigurationError(f"articles directory not found: {seeds}")
    notes: list[str] = []
    gold_files = {p.stem: p for p in sorted(gold.glob("*.json"))}
    seed_files = {p.stem: p for p in sorted(seeds.glob("*.txt"))}
    wanted = list(dict.fromkeys(only)) if only else sorted(gold_files)
    if unknown := [a for a in wanted if a not in gold_files]:
        raise ConfigurationError(f"no gold file for {', '.join(unknown)} in {gold}")
    if not wanted:
        raise ConfigurationError(f"no gold files (*.json) in {gold}")
    if not only and (orphans := sorted(set(seed_files) - set(gold_files))):
        notes.append(f"{len(orphans)} article(s) without gold left out: {', '.join(orphans)}")
    articles = []
    for article_id in wanted:
        if article_id not in seed_files:
            raise ConfigurationError(f"gold file {gold_files[article_id]} has no article {seeds / (article_id + '.txt')}")
        _, text = read_article(seed_files[article_id])
        try:
            reference = read_gold(gold_files[article_id].read_text(encoding="utf-8"), text)
        except ValidationError as exc:
            raise ConfigurationError(f"invalid gold file {gold_files[article_id]}: {_validation_message(exc)}") from None
        except ValueError as exc:
            raise ConfigurationError(f"invalid gold file {gold_files[article_id]}: {exc}") from None
        lead_path = leads / f"{article_id}.txt" if leads is not None else None
        lead = read_article(lead_path)[1].strip() if lead_path is not None and lead_path.is_file() else None
        articles.append(Article(article_id, text, reference, lead))
    if leads is not None and not leads.is_dir():
        raise ConfigurationError(f"leads directory not found: {leads}")
    return articles, notes


def load_output(path: Path, article_id: str) -> tuple[ArticleSummary | None, str | None]:
    """A stored output, or (None, why it cannot be scored): a failure recorded beside it as
    `<article_id>.error` (`--save-outputs` writes one), else the file's absence or fault."""
    if not path.is_file():
        failure = path.with_suffix(".error")
        if failure.is_file():
            return None, _short(f"recorded failure: {failure.read_text(encoding='utf-8', errors='replace').strip()}")
        return None, f"missing output file {path.name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, _short(f"cannot read {path.name}: {exc}")
    try:
        output = ArticleSummary.model_validate_json(raw)
    except ValidationError as exc:
        kind = "invalid JSON" if any(e["type"] == "json_invalid" for e in exc.errors()) else "invalid output"
        return None, _short(f"{kind} in {path.name}: {_validation_message(exc)}")
    if output.article_id != article_id:
        return None, f"{path.name} holds article_id {output.article_id!r}, not {article_id!r}"
    return output, None


def _failed(article: Article, error: str, save_outputs: Path | None) -> Case:
    """A failed case; with save_outputs, its reason is kept as `<article_id>.error` so a re-score
    of the saved run reports the same failure (and a stale output of an earlier run is removed)."""
    if save_outputs is not None:
        (save_outputs / f"{article.article_id}.json").unlink(missing_ok=True)
        write_atomic(save_outputs / f"{article.article_id}.error", error + "\n")
    return Case(article.article_id, article.text, article.gold, None, error, article.lead)


def cases_from_outputs(articles: Iterable[Article], outputs: Path) -> list[Case]:
    """Cases from stored outputs `outputs/<article_id>.json`; no model is involved."""
    if not outputs.is_dir():
        raise ConfigurationError(f"outputs directory not found: {outputs}")
    cases = []
    for article in articles:
        output, error = load_output(outputs / f"{article.article_id}.json", article.article_id)
        cases.append(Case(article.article_id, article.text, article.gold, output, error, article.lead))
    return cases


def cases_from_pipeline(
    articles: Sequence[Article],
    summarizer: Any,
    *,
    save_outputs: Path | None = None,
    on_case: Callable[[Case], None] | None = None,
) -> list[Case]:
    """Cases from running `summarizer` (a `Summarizer`) over the articles, one after another.

    A failure on one article (bad input, endpoint errors, no valid reply, even an unexpected
    exception) is a failed case with the error as its reason; a configuration error (no model,
    no endpoint model name) stops the run.
    """
    cases = []
    for article in articles:
        try:
            output = summarizer.summarize(article.text, article_id=article.article_id, published=article.published)
            case = Case(article.article_id, article.text, article.gold, output, lead=article.lead)
            if save_outputs is not None:
                write_atomic(save_outputs / f"{article.article_id}.json", summary_json(output))
                (save_outputs / f"{article.article_id}.error").unlink(missing_ok=True)
        except ConfigurationError:
            raise
        except SummarizerError as exc:
            case = _failed(article, _short(f"{type(exc).__name__}: {exc}"), save_outputs)
        except Exception as exc:  # a bug on one article must not lose the whole run
            case = _failed(article, _short(f"unexpected {type(exc).__name__}: {exc}"), save_outputs)
        cases.append(case)
        if on_case is not None:
            on_case(case)
    return cases


def score_case(case: Case, scorers: Sequence[Scorer]) -> CaseResult:
    """Run every scorer on a case; a failed case gets each metric's failure value instead."""
    result = CaseResult(case)
    for scorer in scorers:
        declared = {m.name for m in scorer.metrics}
        if case.output is None:
            failed = getattr(scorer, "evaluate_failed", None)
            given = {s.name: s for s in (failed(case) if failed is not None else [])}
            scores = [
                given.get(m.name) or Score(m.name, m.on_failure, f"no valid output: {case.error}") for m in scorer.metrics
            ]
        else:
            scores = scorer.evaluate(case)
        for score in scores:
            if score.name not in declared:
                raise ValueError(f"{type(scorer).__name__} returned undeclared metric {score.name!r}")
            value = score.value
            if value is not None and (not isinstance(value, (int, float)) or math.isnan(value)):
                raise ValueError(f"{type(scorer).__name__}: {score.name} is not a number: {value!r}")
            result.scores.append(score if value is None else Score(score.name, float(value), score.reason, score.counts))
    return result


def score_cases(cases: Iterable[Case], scorers: Sequence[Scorer]) -> list[CaseResult]:
    return [score_case(case, scorers) for case in cases]


def aggregate(results: Sequence[CaseResult], metrics: Sequence[Metric]) -> dict[str, float | None]:
    """Each metric over the corpus (None where it never has a value).

    Macro metrics: the mean over the cases where the metric has a value. Micro metrics: the sum
    of the cases' numerators over the sum of their denominators (`Score.counts`).
    """
    out: dict[str, float | None] = {}
    for metric in metrics:
        if metric.average == "micro":
            counts = [s.counts for r in results if (s := r.score(metric.name)) is not None and s.counts is not None]
            total = sum(den for _, den in counts)
            out[metric.name] = sum(num for num, _ in counts) / total if total else None
            continue
        values = [v for r in results if (v := r.value(metric.name)) is not None]
        out[metric.name] = sum(values) / len(values) if values else None
    return out


@dataclass(frozen=True)
class Gate:
    """A failed gate: a threshold not met or a regression against the baseline."""

    kind: str  # "threshold" | "regression"
    metric: str
    message: str


def _delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else new - old


def load_baseline(path: Path) -> dict[str, Any]:
    """A previous `--report-json`, checked for the fields a comparison needs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read baseline {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ConfigurationError(f"baseline {path} is not a summarizer eval report (format {REPORT_FORMAT})")
    return data


def compare(
    baseline: dict[str, Any], aggregate_now: dict[str, float | None], results: Sequence[CaseResult],
    metrics: Sequence[Metric], tolerance: float,
) -> dict[str, Any]:
    """Differences per metric (aggregate) and per case against a baseline report.

    A score metric regresses when it drops by more than `tolerance`; costs are shown, not gated.
    """
    old_aggregate: dict[str, Any] = baseline.get("aggregate", {})
    by_metric = {}
    for metric in metrics:
        old, new = old_aggregate.get(metric.name), aggregate_now.get(metric.name)
        delta = _delta(old, new)
        regressed = metric.higher_is_better and delta is not None and -delta > tolerance + 1e-9
        by_metric[metric.name] = {"old": old, "new": new, "delta": delta, "regressed": regressed}
    old_cases = {c["article_id"]: c for c in baseline.get("cases", [])}
    now_ids = [r.case.article_id for r in results]
    per_case: dict[str, dict[str, Any]] = {}
    for r in results:
        old_case = old_cases.get(r.case.article_id)
        if old_case is None:
            continue
        diffs = {}
        for metric in metrics:
            old = (old_case.get("scores", {}).get(metric.name) or {}).get("value")
            new = r.value(metric.name)
            delta = _delta(old, new)
            regressed = metric.higher_is_better and delta is not None and -delta > tolerance + 1e-9
            diffs[metric.name] = {"old": old, "new": new, "delta": delta, "regressed": regressed}
        per_case[r.case.article_id] = diffs
    return {
        "tolerance": tolerance,
        "aggregate": by_metric,
        "cases": per_case,
        "added_cases": [a for a in now_ids if a not in old_cases],
        "removed_cases": [a for a in old_cases if a not in now_ids],
        "baseline_created_at": baseline.get("created_at"),
        "baseline_systems": baseline.get("systems", []),
    }


def check_gates(
    aggregate_now: dict[str, float | None], thresholds: dict[str, Threshold], comparison: dict[str, Any] | None,
    metrics: Sequence[Metric] = (),
) -> list[Gate]:
    """Every failed sanity check, failed threshold, then every aggregate regression, each naming its metric."""
    gates = [
        Gate("sanity", m.name, f"{m.name} = {value:.4g}, but the pipeline enforces it (1.0 by construction): a bug")
        for m in metrics
        if m.kind == "sanity" and (value := aggregate_now.get(m.name)) is not None and value < 1.0 - 1e-9
    ]
    for name, threshold in thresholds.items():
        if (why := threshold.violation(aggregate_now.get(name))) is not None:
            gates.append(Gate("threshold", name, f"{name} {why}"))
    if comparison is not None:
        tolerance = comparison["tolerance"]
        for name, diff in comparison["aggregate"].items():
            if diff["regressed"]:
                gates.append(Gate(
                    "regression", name,
                    f"{name} regressed from {diff['old']:.4g} to {diff['new']:.4g} "
                    f"({diff['delta']:+.4g}, tolerance {tolerance:g})",
                ))
    return gates


def _package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass
class EvalRun:
    """Everything one evaluation produced; `report()` is the JSON report."""

    mode: str  # "pipeline" | "outputs"
    results: list[CaseResult]
    metrics: list[Metric]
    config: EvalConfig
    aggregate: dict[str, float | None] = field(default_factory=dict)
    comparison: dict[str, Any] | None = None
    gates: list[Gate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    origin: str = ""  # outputs directory, or endpoint / model
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def passed(self) -> bool:
        return not self.gates

    @property
    def systems(self) -> list[str]:
        """Distinct 'provider · model' of the outputs (from provenance)."""
        seen = {
            f"{r.case.output.provenance.provider} · {r.case.output.provenance.model}": None
            for r in self.results
            if r.case.output is not None
        }
        return list(seen)

    @property
    def event_types(self) -> dict[str, dict[str, int]]:
        """How many event records of each type the outputs and the gold hold, most frequent first.

        The outputs' distribution shows a degenerate coder at a glance ("everything is cooperate").
        """
        def count(events: Iterable[Any]) -> dict[str, int]:
            return dict(Counter(e.event_type for e in events).most_common())

        return {
            "output": count(e for r in self.results if r.case.output is not None for e in r.case.output.events),
            "gold": count(e for r in self.results if r.case.gold is not None for e in r.case.gold.events),
        }

    def report(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "package_version": _package_version(),
            "mode": self.mode,
            "origin": self.origin,
            "systems": self.systems,
            "config": {
                "path": str(self.config.path) if self.config.path else None,
                "tolerance": self.config.tolerance,
                "thresholds": {k: v.as_dict() for k, v in self.config.thresholds.items()},
            },
            "metrics": {
                m.name: {"description": m.description, "kind": m.kind, "group": m.group, "label": m.short}
                for m in self.metrics
            },
            "aggregate": self.aggregate,
            "event_types": self.event_types,
            "passed": self.passed,
            "gates": [{"kind": g.kind, "metric": g.metric, "message": g.message} for g in self.gates],
            "notes": self.notes,
            "cases": [
                {
                    "article_id": r.case.article_id,
                    "ok": not r.case.failed,
                    "error": r.case.error,
                    "scores": {s.name: {"value": s.value, "reason": s.reason} for s in r.scores},
                }
                for r in self.results
            ],
            "comparison": self.comparison,
        }
