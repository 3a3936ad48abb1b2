"""The self-contained HTML report an analyst opens: aggregates first, then every case.

Rendered with Jinja2, autoescape on: every article, gold and output text is escaped. No script,
no external font, stylesheet or image: the page renders the same offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..models import NO_ENGLISH, ArticleSummary, Event
from .case import CaseResult, Metric
from .console import KEY_METRICS, format_delta, format_value
from .events import FIELDS, match_events
from .faithfulness import all_evidence
from .runner import EvalRun

__all__ = ["Segment", "highlight", "render_html"]


@dataclass
class Segment:
    """A run of article text, marked when evidence spans cover it (`labels` says which)."""

    text: str
    labels: list[str] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.labels)


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Split `text` into segments at span boundaries; spans outside the text are ignored."""
    valid = [(a, z, label) for a, z, label in spans if 0 <= a < z <= len(text)]
    cuts = sorted({0, len(text), *(a for a, _, _ in valid), *(z for _, z, _ in valid)})
    segments = []
    for a, z in zip(cuts, cuts[1:], strict=False):
        labels = [label for s, e, label in valid if s <= a and z <= e]
        if segments and segments[-1].labels == labels:
            segments[-1].text += text[a:z]
        else:
            segments.append(Segment(text[a:z], labels))
    return segments


def _event_view(event: Event) -> dict[str, Any]:
    loc = event.location
    return {
        "type": event.event_type,
        "acled": " / ".join(x for x in (event.acled_event_type, event.acled_sub_event_type) if x),
        "description": event.description,
        "location": loc.name if loc else None,
        "country": loc.country if loc else None,
        "date": " ".join(x for x in (event.date.text or "", f"({event.date.iso})" if event.date.iso else "") if x),
        "quantities": [f"{q.value:g} {q.unit}" for q in event.quantities],
        "actors": [(a.name, a.role) for a in event.actors],
    }


def _summary_view(summary: ArticleSummary | None) -> dict[str, Any] | None:
    if summary is None:
        return None
    return {
        "headline": summary.headline,
        "summary": summary.summary,
        "key_points": summary.key_points,
        "events": [_event_view(e) for e in summary.events],
        "entities": summary.entities,
    }


def _status(metric: Metric, value: float | None, run: EvalRun) -> str:
    threshold = run.config.thresholds.get(metric.name)
    if threshold is not None and value is not None and threshold.violation(value) is not None:
        return "fail"
    if metric.kind != "cost" and value is not None and value < 1.0 - 1e-9:
        return "warn"
    return "ok"


def _is_problem(score: dict[str, Any]) -> bool:
    """Whether a case's score belongs under "What failed": a threshold missed, or a faithfulness,
    form or event score short of perfect. Summary overlap (chrF, ROUGE) is a similarity, never
    perfect for a paraphrase, so it is listed only under all scores; per-field event precision
    and recall are summed up by the field's F1."""
    if score["status"] == "fail":
        return True
    if score["status"] != "warn" or score["group"] == "summary":
        return False
    return not any(score["name"] in (f"event_{f}_precision", f"event_{f}_recall") for f in FIELDS)


def _case_view(result: CaseResult, run: EvalRun, metrics: dict[str, Metric]) -> dict[str, Any]:
    case = result.case
    spans = []
    if case.output is not None:
        for where, ev in all_evidence(case.output):
            if ev.start is not None and ev.end is not None:
                spans.append((ev.start, ev.end, f"{where} ({ev.match})"))
    scores = []
    for score in result.scores:
        metric = metrics.get(score.name)
        if metric is None:
            continue
        scores.append({
            "name": score.name,
            "group": metric.group,
            "value": format_value(metric, score.value),
            "reason": score.reason,
            "status": _status(metric, score.value, run) if not case.failed else "fail",
        })
    matches: dict[int, tuple[int, float]] = {}
    if case.output is not None and case.gold is not None:
        for m in match_events(case.output.events, case.gold.events).matches:
            matches[m.pred] = (m.gold, m.similarity)
    diffs = (run.comparison or {}).get("cases", {}).get(case.article_id)
    return {
        "id": case.article_id,
        "failed": case.failed,
        "error": case.error,
        "scores": scores,
        "problems": [s for s in scores if _is_problem(s)],
        "segments": highlight(case.source_text, spans),
        "n_spans": len(spans),
        "gold": _summary_view(case.gold),
        "output": _summary_view(case.output),
        "matches": matches,
        "diffs": [
            {"name": n, "old": format_value(metrics[n], d["old"]), "new": format_value(metrics[n], d["new"]),
             "delta": format_delta(metrics[n], d["delta"]), "regressed": d["regressed"]}
            for n, d in (diffs or {}).items() if n in metrics and d["delta"] not in (None, 0)
        ],
    }


def render_html(run: EvalRun) -> str:
    """The whole report as one HTML document."""
    env = Environment(
        loader=PackageLoader("summarizer.evaluation", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    metrics = {m.name: m for m in run.metrics}
    report = run.report()
    comparison = run.comparison
    groups: dict[str, list[dict[str, Any]]] = {}
    for metric in run.metrics:
        value = run.aggregate.get(metric.name)
        threshold = run.config.thresholds.get(metric.name)
        row = {
            "name": metric.name,
            "description": metric.description,
            "value": format_value(metric, value),
            "threshold": threshold.describe() if threshold else "",
            "status": "fail" if any(g.metric == metric.name for g in run.gates) else ("ok" if threshold else ""),
        }
        if comparison is not None:
            diff = comparison["aggregate"].get(metric.name, {})
            row["baseline"] = format_value(metric, diff.get("old"))
            row["delta"] = format_delta(metric, diff.get("delta"))
            row["regressed"] = diff.get("regressed", False)
        groups.setdefault(metric.group, []).append(row)
    event_rows = []
    for label, prefix in (("events", "event"), *((f, f"event_{f}") for f in FIELDS)):
        cells = [next((r for r in groups.get("events", []) if r["name"] == f"{prefix}_{m}"), None)
                 for m in ("precision", "recall", "f1")]
        if all(cells):
            event_rows.append({"label": label, "cells": cells})
    key_metrics = [metrics[n] for n in KEY_METRICS if n in metrics]
    overview = [
        {
            "id": r.case.article_id,
            "failed": r.case.failed,
            "cells": [(format_value(m, r.value(m.name)), _status(m, r.value(m.name), run)) for m in key_metrics],
        }
        for r in run.results
    ]
    template = env.get_template("report.html.j2")
    return template.render(
        report=report,
        run=run,
        groups={
            g: [r for r in rows if not any(r in row["cells"] for row in event_rows)]
            for g, rows in groups.items()
            if g != "events" or not event_rows or len(rows) > 3 * len(event_rows)
        },
        event_rows=event_rows,
        key_metrics=key_metrics,
        overview=overview,
        cases=[_case_view(r, run, metrics) for r in run.results],
        comparison=comparison,
        missing_english=f"({NO_ENGLISH})",
    )
