"""The eval suite: score outputs against gold files with Arabic-safe metrics, report, and gate.

Needs the `eval` extra (sacrebleu, rouge-score, scipy). See evals/README.md for the metrics.
"""

from .case import Case, CaseResult, Metric, Score, Scorer
from .config import EvalConfig, Threshold, load_config
from .gold import GoldSummary, RequiredFacts, read_gold
from .runner import (
    REPORT_FORMAT,
    Article,
    EvalRun,
    Gate,
    aggregate,
    cases_from_outputs,
    cases_from_pipeline,
    check_gates,
    compare,
    load_baseline,
    load_corpus,
    score_case,
    score_cases,
)
from .scorers import EventScorer, FaithfulnessScorer, FormScorer, GeoScorer, SummaryScorer, default_scorers

__all__ = [
    "REPORT_FORMAT",
    "Article",
    "Case",
    "CaseResult",
    "EvalConfig",
    "EvalRun",
    "EventScorer",
    "GeoScorer",
    "GoldSummary",
    "FaithfulnessScorer",
    "FormScorer",
    "Gate",
    "Metric",
    "RequiredFacts",
    "Score",
    "Scorer",
    "SummaryScorer",
    "Threshold",
    "aggregate",
    "cases_from_outputs",
    "cases_from_pipeline",
    "check_gates",
    "compare",
    "default_scorers",
    "load_baseline",
    "load_config",
    "load_corpus",
    "read_gold",
    "score_case",
    "score_cases",
]
