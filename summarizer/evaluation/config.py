"""Eval settings from the project configuration: `[tool.summarizer.eval]` in pyproject.toml.

    [tool.summarizer.eval]
    seeds = "seeds"            # article texts, <article_id>.txt (relative to the config file)
    gold = "evals/gold"        # gold files, <article_id>.json
    tolerance = 0.02           # allowed drop of a score against --baseline

    [tool.summarizer.eval.thresholds]
    schema_validity = 0.9      # a score: the aggregate must be >= 0.9
    tokens = 20000             # a cost: the aggregate must be <= 20000
    event_f1 = { min = 0.3 }   # explicit form; { max = ... } for a ceiling

    [tool.summarizer.eval.corpora.news]   # another corpus: `summarizer eval --corpus news`
    seeds = "../shared/corpus/articles"
    leads = "../shared/corpus/leads"      # the outlets' own summaries, <article_id>.txt (optional)
    gold = "evals/news/gold"
    baseline = "evals/news/baseline.json" # compared against when --baseline is not given (optional)
    [tool.summarizer.eval.corpora.news.thresholds]
    event_f1 = 0.1

A file given with `--config` may hold the same table as `[tool.summarizer.eval]` (a
pyproject.toml) or as a top-level `[eval]` table. Without `--config`, the nearest pyproject.toml
from the working directory upwards that has the table is used; without one, built-in defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigurationError
from .case import Metric

__all__ = ["Threshold", "EvalConfig", "load_config", "find_project_config", "DEFAULT_TOLERANCE"]

DEFAULT_TOLERANCE = 0.02


@dataclass(frozen=True)
class Threshold:
    """A floor (`min`) and/or a ceiling (`max`) for a metric's aggregate value."""

    min: float | None = None
    max: float | None = None

    def violation(self, value: float | None) -> str | None:
        """Why `value` fails this threshold, or None when it passes."""
        if value is None:
            return "has no value to check"
        if self.min is not None and value < self.min - 1e-12:
            return f"= {value:.4g} is below the threshold {self.min:g}"
        if self.max is not None and value > self.max + 1e-12:
            return f"= {value:.4g} is above the ceiling {self.max:g}"
        return None

    def describe(self) -> str:
        parts = []
        if self.min is not None:
            parts.append(f"≥ {self.min:g}")
        if self.max is not None:
            parts.append(f"≤ {self.max:g}")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in (("min", self.min), ("max", self.max)) if v is not None}


@dataclass(frozen=True)
class EvalConfig:
    seeds: Path = Path("seeds")
    gold: Path = Path("evals/gold")
    tolerance: float = DEFAULT_TOLERANCE
    thresholds: dict[str, Threshold] = field(default_factory=dict)
    path: Path | None = None  # where it was read from
    leads: Path | None = None
    baseline: Path | None = None
    corpus: str | None = None  # the named corpus, None for the default one

    def check_metrics(self, metrics: list[Metric]) -> None:
        """Refuse thresholds on metrics no scorer produces (a typo must not pass silently)."""
        known = {m.name for m in metrics}
        unknown = sorted(set(self.thresholds) - known)
        if unknown:
            raise ConfigurationError(
                f"unknown metric(s) in eval thresholds of {self.path or 'the configuration'}: {', '.join(unknown)}; "
                f"known metrics: {', '.join(sorted(known))}"
            )


def find_project_config(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml from `start` (default: the working directory) up with the table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if data.get("tool", {}).get("summarizer", {}).get("eval") is not None:
                return candidate
    return None


def _threshold(name: str, raw: Any, metrics: dict[str, Metric]) -> Threshold:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, dict)):
        raise ConfigurationError(f"eval threshold {name!r}: expected a number or {{min = .., max = ..}}, got {raw!r}")
    if isinstance(raw, dict):
        extra = set(raw) - {"min", "max"}
        values = {k: raw[k] for k in ("min", "max") if k in raw}
        if extra or not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
            raise ConfigurationError(f"eval threshold {name!r}: expected {{min = number}} and/or {{max = number}}")
        return Threshold(**{k: float(v) for k, v in values.items()})
    metric = metrics.get(name)
    if metric is not None and not metric.higher_is_better:
        return Threshold(max=float(raw))
    return Threshold(min=float(raw))


def load_config(path: Path | None, metrics: list[Metric], corpus: str | None = None) -> EvalConfig:
    """Read the eval table from `path` (or the project's pyproject.toml); validate it.

    `corpus` selects a named corpus (`[tool.summarizer.eval.corpora.NAME]`) instead of the
    default one; it is an error when the table does not exist.
    """
    explicit = path is not None
    path = path if explicit else find_project_config()
    if path is None:
        if corpus is not None:
            raise ConfigurationError(f"no eval configuration (pyproject.toml) defines the corpus {corpus!r}")
        return EvalConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read eval config {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot parse eval config {path}: {exc}") from None
    table = data.get("tool", {}).get("summarizer", {}).get("eval")
    if table is None:
        table = data.get("eval")
    if table is None:
        if explicit or corpus is not None:
            raise ConfigurationError(f"{path} has no [tool.summarizer.eval] (or [eval]) table")
        return EvalConfig()
    corpora = table.get("corpora", {})
    if not isinstance(corpora, dict) or not all(isinstance(t, dict) for t in corpora.values()):
        raise ConfigurationError(f"eval corpora in {path} must be tables ([tool.summarizer.eval.corpora.NAME])")
    if corpus is not None:
        if corpus not in corpora:
            known = ", ".join(sorted(corpora)) or "none"
            raise ConfigurationError(f"no eval corpus {corpus!r} in {path} (corpora: {known})")
        return _config(corpora[corpus], path, metrics, f"corpora.{corpus}", corpus)
    return _config({k: v for k, v in table.items() if k != "corpora"}, path, metrics, "", None)


def _config(table: dict[str, Any], path: Path, metrics: list[Metric], where: str, corpus: str | None) -> EvalConfig:
    name = f"the eval table{' ' + where if where else ''} of {path}"
    allowed = {"seeds", "gold", "leads", "baseline", "tolerance", "thresholds"}
    if extra := sorted(set(table) - allowed):
        raise ConfigurationError(f"unknown key(s) in {name}: {', '.join(extra)}")
    by_name = {m.name: m for m in metrics}
    base = path.parent
    tolerance = table.get("tolerance", DEFAULT_TOLERANCE)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise ConfigurationError(f"eval tolerance in {name} must be a number >= 0, got {tolerance!r}")
    thresholds_raw = table.get("thresholds", {})
    if not isinstance(thresholds_raw, dict):
        raise ConfigurationError(f"eval thresholds in {name} must be a table")
    config = EvalConfig(
        seeds=base / table.get("seeds", "seeds"),
        gold=base / table.get("gold", "evals/gold"),
        tolerance=float(tolerance),
        thresholds={n: _threshold(n, raw, by_name) for n, raw in thresholds_raw.items()},
        path=path,
        leads=base / table["leads"] if "leads" in table else None,
        baseline=base / table["baseline"] if "baseline" in table else None,
        corpus=corpus,
    )
    config.check_metrics(metrics)
    return config
