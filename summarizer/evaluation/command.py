"""`summarizer eval`: run (or re-score) the corpus, print, write the reports, apply the gates.

`cli.py` holds only the option declarations and calls `run_command`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import ConfigurationError, SummarizerError
from ..export import write_atomic
from .case import Metric, Scorer
from .config import load_config
from .console import print_report
from .html import render_html
from .runner import (
    EvalRun,
    aggregate,
    cases_from_outputs,
    cases_from_pipeline,
    check_gates,
    compare,
    load_baseline,
    load_corpus,
    score_cases,
)
from .scorers import default_scorers

__all__ = ["EvalOptions", "evaluate", "run_command", "EXIT_GATES"]

EXIT_GATES = 1  # a threshold not met or a regression; configuration errors exit 2


@dataclass
class EvalOptions:
    outputs: Path | None = None
    seeds: Path | None = None
    gold: Path | None = None
    cases: Sequence[str] = ()
    config: Path | None = None
    corpus: str | None = None
    baseline: Path | None = None
    no_baseline: bool = False
    tolerance: float | None = None
    report_json: Path | None = None
    report_html: Path | None = None
    save_outputs: Path | None = None


def evaluate(
    options: EvalOptions,
    make_summarizer: Callable[[], Any] | None = None,
    *,
    scorers: Sequence[Scorer] | None = None,
    progress_console: Console | None = None,
) -> EvalRun:
    """Build the cases, score them, compare with the baseline and apply the gates.

    With `options.outputs` the stored outputs are scored and `make_summarizer` is never
    called (no model is loaded, no request is made). Raises `ConfigurationError` for bad
    configuration, corpus, baseline or options.
    """
    scorers = list(scorers or default_scorers())
    metrics: list[Metric] = [m for s in scorers for m in s.metrics]
    if len({m.name for m in metrics}) != len(metrics):
        raise ConfigurationError("two scorers declare the same metric name")
    config = load_config(options.config, metrics, options.corpus)
    if options.tolerance is not None:
        if options.tolerance < 0:
            raise ConfigurationError("--tolerance must be >= 0")
        config = replace(config, tolerance=options.tolerance)
    if options.no_baseline and options.baseline is not None:
        raise ConfigurationError("--baseline and --no-baseline contradict each other")
    baseline_path = None if options.no_baseline else options.baseline or config.baseline
    baseline = load_baseline(baseline_path) if baseline_path is not None else None
    seeds = options.seeds or config.seeds
    gold = options.gold or config.gold
    articles, notes = load_corpus(seeds, gold, options.cases, config.leads)

    if options.outputs is not None:
        if options.save_outputs is not None:
            raise ConfigurationError("--save-outputs needs a pipeline run; it cannot be used with --outputs")
        cases = cases_from_outputs(articles, options.outputs)
        mode, origin = "outputs", str(options.outputs)
    else:
        if make_summarizer is None:
            raise ConfigurationError("no summarizer to run the pipeline with")
        summarizer = make_summarizer()
        console = progress_console or Console(stderr=True)
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"),
            console=console,
            disable=not console.is_terminal,
            transient=True,
        ) as progress:
            task = progress.add_task("summarising", total=len(articles), current=articles[0].article_id)
            ids = [a.article_id for a in articles]

            def advance(case: Any) -> None:
                progress.advance(task)
                done = int(progress.tasks[0].completed)
                progress.update(task, current=ids[done] if done < len(ids) else "")

            cases = cases_from_pipeline(articles, summarizer, save_outputs=options.save_outputs, on_case=advance)
        settings = getattr(summarizer, "settings", None)
        base_url = getattr(settings, "base_url", None)
        mode, origin = "pipeline", f"pipeline via {base_url}" if base_url else "pipeline (embedded model)"

    results = score_cases(cases, scorers)
    run = EvalRun(mode=mode, results=results, metrics=metrics, config=config, notes=notes, origin=origin)
    run.aggregate = aggregate(results, metrics)
    if baseline is not None:
        run.comparison = compare(baseline, run.aggregate, results, metrics, config.tolerance)
        run.comparison["baseline"] = str(baseline_path)
    run.gates = check_gates(run.aggregate, config.thresholds, run.comparison, metrics)
    return run


def write_reports(run: EvalRun, options: EvalOptions) -> None:
    import json

    if options.report_json is not None:
        write_atomic(options.report_json, json.dumps(run.report(), ensure_ascii=False, indent=2) + "\n")
    if options.report_html is not None:
        write_atomic(options.report_html, render_html(run))


def run_command(
    options: EvalOptions, make_summarizer: Callable[[], Any], out: Console, err: Console
) -> int:
    """The whole command; returns the exit status (0 pass, 1 gates failed, else the error's)."""
    try:
        run = evaluate(options, make_summarizer, progress_console=err)
    except SummarizerError as exc:
        err.print(Text(f"error: {exc}", style="bold red"))
        return exc.exit_code
    # A wide table reads better in a CI log than one wrapped at 80 columns.
    console = out if out.is_terminal else Console(file=out.file, width=max(out.width, 220), soft_wrap=False)
    print_report(run, console)
    write_reports(run, options)
    for path in (options.report_json, options.report_html):
        if path is not None:
            console.print(Text(f"wrote {path}", style="dim"))
    return 0 if run.passed else EXIT_GATES
