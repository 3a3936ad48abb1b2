"""The `summarizer` command: a thin layer over the library API."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from .articles import read_article
from .config import Settings
from .errors import SummarizerError
from .export import schema_json, schema_models, summary_json, write_atomic
from .models import NO_ENGLISH, ArticleSummary
from .pipeline import Summarizer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

BaseUrl = Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")]
ModelName = Annotated[str | None, typer.Option("--model", help="Model at the endpoint (env SUMMARIZER_MODEL)")]
ApiKey = Annotated[str | None, typer.Option("--api-key", help="Endpoint key (env OPENAI_API_KEY)", show_default=False)]
RequestFormOpt = Annotated[
    str | None,
    typer.Option(
        "--request-form",
        help="auto | json_schema | json_object_schema | guided_json (default auto: an endpoint's form is negotiated)",
    ),
]
MaxRetries = Annotated[int | None, typer.Option(help="Re-asks per stage after a validation failure")]


def settings_from_options(
    base_url: str | None, model: str | None, api_key: str | None, request_form: str | None, **more: object
) -> Settings:
    """Settings from command-line options, over environment and config file."""
    return Settings.load(base_url=base_url, model=model, api_key=api_key, request_form=request_form, **more)


def fail(exc: SummarizerError) -> None:
    """Print a one-line error (no traceback)."""
    err.print(Text(f"error: {exc}", style="bold red"))


MISSING_ENGLISH = f"({NO_ENGLISH})"


def show(summary: ArticleSummary) -> None:
    """Print a readable bilingual summary; Arabic stays in logical order for bidi terminals."""
    out.rule(Text(summary.article_id, style="bold"))
    out.print(Text(summary.headline.ar, style="bold"), justify="right")
    out.print(Text(summary.headline.en or MISSING_ENGLISH, style="bold"))
    out.print()
    out.print(summary.summary.ar, justify="right")
    out.print()
    out.print(summary.summary.en or MISSING_ENGLISH)
    if summary.key_points:
        out.print()
        out.print(Text("Key points", style="bold underline"))
        for point in summary.key_points:
            out.print(f"• {point.en or MISSING_ENGLISH}")
            out.print(point.ar, justify="right")
    if summary.events:
        out.print()
        out.print(Text("Events", style="bold underline"))
        for event in summary.events:
            where = event.location.name.en if event.location else "?"
            when = event.date.iso or event.date.text or "?"
            out.print(Text(f"[{event.event_type}] ", style="cyan") + Text(f"{event.description.en} ({where}, {when})"))
            actors = ", ".join(f"{a.name.en} ({a.role})" for a in event.actors)
            if actors:
                out.print(Text(f"    actors: {actors}", style="dim"))
            for q in event.quantities:
                out.print(Text(f"    {q.value:g} {q.unit} — {q.text} [{q.evidence.match}]", style="dim"))
    p = summary.provenance
    out.print()
    out.print(
        Text(
            f"{p.provider} · {p.model} · {p.calls} calls, {p.retries} re-asks · "
            f"{p.usage.total_tokens} tokens · {p.timings.get('total', 0):.1f} s",
            style="dim",
        )
    )


@app.command()
def summarize(
    files: Annotated[list[Path], typer.Argument(help="Article text files (UTF-8)", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON output")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write DIR/<article_id>.json")] = None,
    published: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Publication date, resolves relative dates")
    ] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    api_key: ApiKey = None,
    request_form: RequestFormOpt = None,
    max_retries: MaxRetries = None,
    glossary: Annotated[
        list[Path] | None, typer.Option("--glossary", help="Extra glossary file (docs/glossary.md); repeatable")
    ] = None,
) -> None:
    """Summarise Arabic news articles into bilingual summaries and event records."""
    try:
        settings = settings_from_options(
            base_url, model, api_key, request_form, max_retries=max_retries, glossary_files=tuple(glossary or ()) or None
        )
        summarizer = Summarizer(settings)
        _ = summarizer.reference  # a malformed glossary file is reported before any model call
    except SummarizerError as exc:
        fail(exc)
        raise typer.Exit(exc.exit_code) from None
    status = 0
    for path in files:
        try:
            article_id, text = read_article(path)
            summary = summarizer.summarize(text, article_id=article_id, published=published and published.date())
        except SummarizerError as exc:
            fail(exc)
            status = status or exc.exit_code
            continue
        if summary.headline.en is None:  # valid, but a reader of --out or --json files would not see it
            err.print(Text(f"warning: [{article_id}] {NO_ENGLISH}; the summary is in Arabic only",
                           style="yellow"))
        if out_dir is not None:
            write_atomic(out_dir / f"{article_id}.json", summary_json(summary))
        if as_json:
            out.out(summary_json(summary), end="", highlight=False)
        elif out_dir is None:
            show(summary)
    raise typer.Exit(status)


@app.command()
def schema(
    gold: Annotated[bool, typer.Option("--gold", help="The gold-file schema instead of the output schema")] = False,
    write: Annotated[Path | None, typer.Option("--write", help="Write every schema file into DIR")] = None,
) -> None:
    """Print the JSON Schema of the output (or of gold files)."""
    if write is not None:
        for file_name, model in schema_models().items():
            write_atomic(write / file_name, schema_json(model))
        return
    name = "gold_summary.schema.json" if gold else "article_summary.schema.json"
    out.out(schema_json(schema_models()[name]), end="", highlight=False)


@app.command("eval")
def eval_command(
    outputs: Annotated[
        Path | None, typer.Option("--outputs", help="Re-score stored outputs DIR/<article_id>.json (no model call)")
    ] = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Article texts DIR/<article_id>.txt (default: config seeds)")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gold files DIR/<article_id>.json (default: config gold)")
    ] = None,
    case: Annotated[list[str] | None, typer.Option("--case", help="Only this article id (repeatable)")] = None,
    corpus: Annotated[
        str | None,
        typer.Option("--corpus", help="A named corpus of the config (tool.summarizer.eval.corpora.NAME), e.g. news"),
    ] = None,
    report_json: Annotated[Path | None, typer.Option("--report-json", help="Write the JSON report")] = None,
    report_html: Annotated[
        Path | None, typer.Option("--report-html", help="Write the self-contained HTML report")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML with a tool.summarizer.eval table (default: the project's pyproject.toml)"),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="A previous --report-json to compare with (default: config baseline)")
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Compare with no baseline, not even the configured one")
    ] = False,
    tolerance: Annotated[
        float | None,
        typer.Option("--tolerance", help="Allowed drop of a score against the baseline (default: config tolerance)"),
    ] = None,
    save_outputs: Annotated[Path | None, typer.Option("--save-outputs", help="Also write each output to DIR")] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    api_key: ApiKey = None,
    request_form: RequestFormOpt = None,
    max_retries: MaxRetries = None,
) -> None:
    """Score the pipeline (or stored outputs) against the gold corpus; exit 1 below thresholds or on regression."""
    try:
        from .evaluation.command import EvalOptions, run_command
    except ImportError as exc:
        err.print(Text(f"error: the eval suite needs the 'eval' extra ({exc.name}): pip install 'summarizer[eval]'",
                       style="bold red"))
        raise typer.Exit(2) from None
    options = EvalOptions(
        outputs=outputs, seeds=seeds, gold=gold, cases=case or (), config=config, corpus=corpus, baseline=baseline,
        no_baseline=no_baseline,
        tolerance=tolerance, report_json=report_json, report_html=report_html, save_outputs=save_outputs,
    )

    def make_summarizer() -> Summarizer:
        return Summarizer(settings_from_options(base_url, model, api_key, request_form, max_retries=max_retries))

    raise typer.Exit(run_command(options, make_summarizer, out, err))


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="A folder of .txt files, a glob, .txt files, or a JSONL file of {id, text, published?}",
                                  show_default=False),
    ],
    out_file: Annotated[Path | None, typer.Option("--out", help="Results: one ArticleSummary JSON per line")] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="The result store (SQLite); default: next to --out, OUT.sqlite")
    ] = None,
    events_csv: Annotated[Path | None, typer.Option("--events-csv", help="Also write one CSV row per event")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", "-j", min=1,
                     help="Articles in flight at once (default: 1 on the embedded model, which decodes one request at a "
                          "time; 8 against an endpoint)"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-run every article, even unchanged ones")] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Re-run articles whose last run failed")] = False,
    max_cost: Annotated[float | None, typer.Option("--max-cost", help="Stop launching articles at this spend (USD)")] = None,
    max_tokens: Annotated[int | None, typer.Option("--max-tokens", help="Stop launching articles at this many tokens")] = None,
    price_input: Annotated[
        float | None, typer.Option("--price-input", help="USD per million prompt tokens (env SUMMARIZER_PRICE_INPUT)")
    ] = None,
    price_output: Annotated[
        float | None,
        typer.Option("--price-output", help="USD per million completion tokens (env SUMMARIZER_PRICE_OUTPUT)"),
    ] = None,
    batch_discount: Annotated[
        float | None, typer.Option("--batch-discount", help="Price factor of Batch API calls (default 0.5)")
    ] = None,
    via: Annotated[str, typer.Option("--via", help="live | openai-batch (the provider's Batch API)")] = "live",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per Batch API round trip")] = 1000,
    poll_interval: Annotated[float, typer.Option("--poll-interval", help="Seconds between Batch API status checks")] = 30.0,
    published: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Publication date of text files (and JSONL records without one)"),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: when on a terminal)")
    ] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    api_key: ApiKey = None,
    request_form: RequestFormOpt = None,
    max_retries: MaxRetries = None,
) -> None:
    """Summarise a whole archive: cached in a store, resumable, bounded, budgeted.

    Exit status: 0 all summarised; 1 some articles failed (see the store, --retry-failed);
    2 bad settings; 5 stopped at the budget; 130 interrupted (run the same command to resume).
    """
    from .batch import BatchOptions, Prices, run_batch

    if via not in ("live", "openai-batch"):
        fail(SummarizerError(f"--via must be 'live' or 'openai-batch', not {via!r}"))
        raise typer.Exit(2)
    try:
        options = BatchOptions(
            out=out_file, db=db, events_csv=events_csv, concurrency=concurrency, force=force,
            retry_failed=retry_failed, max_cost=max_cost, max_tokens=max_tokens,
            prices=Prices.load(input_per_mtok=price_input, output_per_mtok=price_output, batch_discount=batch_discount),
            via=via,  # type: ignore[arg-type]
            batch_size=batch_size, poll_interval=poll_interval, published=published and published.date(),
            progress=progress, handle_signals=True,
        )
        options.store_path()
        settings = settings_from_options(base_url, model, api_key, request_form, max_retries=max_retries)
        report = run_batch(inputs, options, settings)
    except SummarizerError as exc:
        fail(exc)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err.print(Text("aborted; re-run the same command to resume", style="bold red"))
        raise typer.Exit(130) from None
    for failure in report.failures:
        where = f" ({failure.stage})" if failure.stage else ""
        err.print(Text(f"failed: [{failure.article_id}] {failure.error_type}{where}: {failure.message}", style="red"),
                  highlight=False)
    more = report.failed + report.failed_cached - len(report.failures)
    if more > 0:
        err.print(Text(f"… and {more} more failures (in {report.db})", style="red"))
    out.print(Text(report.summary_line()))
    if (hint := report.resume_hint()) is not None:
        err.print(Text(hint, style="yellow"), highlight=False)
    codes = {"interrupted": 130, "aborted": 130, "budget": 5}
    raise typer.Exit(codes.get(report.status, 0 if report.ok else 1))


def main() -> None:
    """Entry point of the `summarizer` console script."""
    # Libraries under us log every failed attempt at ERROR; the command reports one line per
    # failure itself, and provenance keeps the counts.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    app()
