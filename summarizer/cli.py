"""The `summarizer` command: a thin layer over the library API."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from .articles import read_article
from .config import Settings
from .errors import SummarizerError
from .export import SCHEMA_FILES, schema_json, summary_json, write_atomic
from .models import ArticleSummary
from .pipeline import Summarizer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

BaseUrl = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")]
ModelName = Annotated[Optional[str], typer.Option("--model", help="Model at the endpoint (env SUMMARIZER_MODEL)")]
ApiKey = Annotated[Optional[str], typer.Option("--api-key", help="Endpoint key (env OPENAI_API_KEY)", show_default=False)]
RequestFormOpt = Annotated[
    Optional[str],
    typer.Option("--request-form", help="json_schema | json_object_schema | guided_json (default: per backend)"),
]


def settings_from_options(
    base_url: str | None, model: str | None, api_key: str | None, request_form: str | None, **more: object
) -> Settings:
    """Settings from command-line options, over environment and config file."""
    return Settings.load(base_url=base_url, model=model, api_key=api_key, request_form=request_form, **more)


def fail(exc: SummarizerError) -> None:
    """Print a one-line error (no traceback)."""
    err.print(Text(f"error: {exc}", style="bold red"))


def show(summary: ArticleSummary) -> None:
    """Print a readable bilingual summary; Arabic stays in logical order for bidi terminals."""
    out.rule(Text(summary.article_id, style="bold"))
    out.print(Text(summary.headline.ar, style="bold"), justify="right")
    out.print(Text(summary.headline.en, style="bold"))
    out.print()
    out.print(summary.summary.ar, justify="right")
    out.print()
    out.print(summary.summary.en)
    if summary.key_points:
        out.print()
        out.print(Text("Key points", style="bold underline"))
        for point in summary.key_points:
            out.print(f"• {point.en}")
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
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write DIR/<article_id>.json")] = None,
    published: Annotated[
        Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Publication date, resolves relative dates")
    ] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    api_key: ApiKey = None,
    request_form: RequestFormOpt = None,
    max_retries: Annotated[Optional[int], typer.Option(help="Re-asks per stage after a validation failure")] = None,
) -> None:
    """Summarise Arabic news articles into bilingual summaries and event records."""
    try:
        summarizer = Summarizer(settings_from_options(base_url, model, api_key, request_form, max_retries=max_retries))
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
    write: Annotated[Optional[Path], typer.Option("--write", help="Write every schema file into DIR")] = None,
) -> None:
    """Print the JSON Schema of the output (or of gold files)."""
    if write is not None:
        for file_name, model in SCHEMA_FILES.items():
            write_atomic(write / file_name, schema_json(model))
        return
    name = "gold_summary.schema.json" if gold else "article_summary.schema.json"
    out.out(schema_json(SCHEMA_FILES[name]), end="", highlight=False)


def main() -> None:
    """Entry point of the `summarizer` console script."""
    # Libraries under us log every failed attempt at ERROR; the command reports one line per
    # failure itself, and provenance keeps the counts.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    app()
