"""The eval report in the terminal: a per-case table, the aggregate table, and the gates."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .case import Metric
from .runner import EvalRun

__all__ = ["KEY_METRICS", "format_value", "print_report"]

# Columns of the per-case tables (every metric is in the aggregate table and the JSON).
KEY_METRICS = (
    "schema_validity", "chrf_ar", "chrf_en", "rougeL_ar", "rougeL_en", "number_precision", "number_recall_ar",
    "number_recall_en", "entity_recall_ar", "entity_recall_en", "evidence_grounding", "event_f1",
    "script_ar", "script_en", "retries", "tokens", "latency_s",
)


def format_value(metric: Metric | None, value: float | None) -> str:
    """A metric value for display: scores with 3 decimals, costs as counts or seconds."""
    if value is None:
        return "–"
    if metric is not None and metric.kind == "cost":
        if metric.name == "tokens":
            return f"{value:,.0f}"
        return f"{value:.1f}" if metric.name == "latency_s" else f"{value:.2f}"
    return f"{value:.3f}"


def format_delta(metric: Metric | None, delta: float | None) -> str:
    if delta is None:
        return ""
    if abs(delta) < 5e-4 and (metric is None or metric.kind == "score"):
        return "±0"
    if metric is not None and metric.name == "tokens":
        return f"{delta:+,.0f}"
    return f"{delta:+.3f}" if metric is None or metric.kind == "score" else f"{delta:+.2f}"


def _delta_style(metric: Metric, delta: float | None, regressed: bool) -> str:
    if regressed:
        return "bold red"
    if delta is None or abs(delta) < 5e-4:
        return "dim"
    better = delta > 0 if metric.higher_is_better else delta < 0
    return "green" if better else "yellow"


def print_report(run: EvalRun, console: Console) -> None:
    metrics = {m.name: m for m in run.metrics}
    columns = [metrics[n] for n in KEY_METRICS if n in metrics]

    cases = Table(title="Per case", title_justify="left", header_style="bold")
    cases.add_column("case", no_wrap=True)
    for metric in columns:
        cases.add_column(metric.short, justify="right")
    for result in run.results:
        name = Text(result.case.article_id, style="red" if result.case.failed else "")
        cases.add_row(name, *(format_value(m, result.value(m.name)) for m in columns))
    console.print(cases)
    failed = [r for r in run.results if r.case.failed]
    for result in failed:
        console.print(Text(f"  failed {result.case.article_id}: {result.case.error}", style="red"))

    comparison = run.comparison
    table = Table(title=f"Aggregate over {len(run.results)} case(s) (mean; events micro)", title_justify="left",
                  header_style="bold")
    table.add_column("metric", no_wrap=True)
    table.add_column("group")
    table.add_column("value", justify="right")
    table.add_column("threshold", justify="right")
    if comparison is not None:
        table.add_column("baseline", justify="right")
        table.add_column("Δ", justify="right")
    table.add_column("", no_wrap=True)
    failing = {g.metric for g in run.gates}
    for metric in run.metrics:
        value = run.aggregate.get(metric.name)
        threshold = run.config.thresholds.get(metric.name)
        row = [metric.name, metric.group, format_value(metric, value), threshold.describe() if threshold else ""]
        if comparison is not None:
            diff = comparison["aggregate"].get(metric.name, {})
            row.append(format_value(metric, diff.get("old")))
            row.append(Text(format_delta(metric, diff.get("delta")),
                            style=_delta_style(metric, diff.get("delta"), diff.get("regressed", False))))
        row.append(Text("FAIL", style="bold red") if metric.name in failing else Text("ok", style="green")
                   if threshold or comparison else "")
        table.add_row(*row)
    console.print(table)

    if comparison is not None:
        _print_case_diffs(run, console, columns)

    for side, counts in run.event_types.items():
        total = sum(counts.values())
        shares = ", ".join(f"{kind} {n} ({n / total:.0%})" for kind, n in counts.items()) if total else "none"
        console.print(f"event types ({side}, {total} records): {shares}")
    for note in run.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if run.gates:
        for gate in run.gates:
            console.print(Text(f"FAIL {gate.kind}: {gate.message}", style="bold red"))
    else:
        console.print(Text("PASS: every threshold met" + (" and no regression" if comparison else ""), style="bold green"))


def _print_case_diffs(run: EvalRun, console: Console, columns: list[Metric]) -> None:
    comparison = run.comparison
    assert comparison is not None
    table = Table(title="Per case against the baseline (Δ)", title_justify="left", header_style="bold")
    table.add_column("case", no_wrap=True)
    for metric in columns:
        table.add_column(metric.short, justify="right")
    for article_id, diffs in comparison["cases"].items():
        cells = []
        for metric in columns:
            diff = diffs.get(metric.name, {})
            cells.append(Text(format_delta(metric, diff.get("delta")),
                              style=_delta_style(metric, diff.get("delta"), diff.get("regressed", False))))
        table.add_row(article_id, *cells)
    console.print(table)
    if comparison["added_cases"]:
        console.print(f"new cases (not in the baseline): {', '.join(comparison['added_cases'])}")
    if comparison["removed_cases"]:
        console.print(f"cases in the baseline only: {', '.join(comparison['removed_cases'])}")
