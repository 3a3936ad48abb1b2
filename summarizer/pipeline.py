"""The stages over one article: vet → normalise → Arabic points → event records → English → assemble.

Stages are small so a 1.5B model stays faithful, and the same stages run on a strong remote
model. The Arabic summary comes first, as a few points that each restate an article sentence
(code finds which, and checks the restatement); events are coded from every article sentence whose
trigger words propose one (code proposes, one model call confirms and types them: `events`);
English is translated from the validated Arabic, never composed freely. How a stage runs is `stages`, what
is kept of a reply that fails validation is `salvage`, the English stage is `translation`, and
the output with what code reads from the article and its provenance is `assembly`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from .articles import article_id_for, check_article
from .assembly import assemble, provenance
from .config import Settings
from .dateline import dateline_end
from .events import code_events, named_only
from .gazetteer import Gazetteer
from .glossary import Glossary
from .grounding import Source
from .llm import Backend, build_backend
from .models import ArticleSummary
from .names import KnownNames
from .prompts import Prompts
from .regions import Regions
from .responses import ArabicSummary
from .romanize import Romanizer
from .salvage import extractive_point
from .stages import StageRunner
from .terms import TermLexicon
from .translation import translate

__all__ = ["Summarizer", "asummarize", "summarize"]

MAX_POINTS = 4


class Summarizer:
    """Summarises articles with one loaded model; reuse it to avoid reloading the model."""

    def __init__(
        self, settings: Settings | None = None, *, prompts: Prompts | None = None, backend: Backend | None = None
    ) -> None:
        """`backend` defaults to the one `settings` describe, built on first use."""
        self.settings = settings or Settings.load()
        self.prompts = prompts or Prompts()
        self._backend = backend
        self._known: tuple[Glossary, Gazetteer] | None = None
        self._romanizer: Romanizer | None = None

    @property
    def backend(self) -> Backend:
        """The model backend, built (and for the embedded model, loaded) on first use."""
        if self._backend is None:
            self._backend = build_backend(self.settings)
        return self._backend

    @property
    def reference(self) -> tuple[Glossary, Gazetteer]:
        """The glossary (built-in plus the user's files) and the gazetteer, loaded on first use."""
        if self._known is None:
            glossary = Glossary.load(*self.settings.glossary_files)
            self._known = (glossary, Gazetteer.default())
        return self._known

    @property
    def lexicon(self) -> TermLexicon:
        """The news-term lexicon (built-in, loaded once per process)."""
        return TermLexicon.default()

    @property
    def romanizer(self) -> Romanizer:
        """Attested spellings of persons' names (the `names` extra; without it every name goes to the model)."""
        if self._romanizer is None:
            self._romanizer = Romanizer.default()  # one index per process; the lexicon is the built-in one
        return self._romanizer

    def summarize(self, text: str, *, article_id: str | None = None, published: dt.date | None = None) -> ArticleSummary:
        """Summarise one article (blocking); see `asummarize`."""
        return asyncio.run(self.asummarize(text, article_id=article_id, published=published))

    async def asummarize(
        self, text: str, *, article_id: str | None = None, published: dt.date | None = None
    ) -> ArticleSummary:
        """Summarise one article into a validated, grounded `ArticleSummary`.

        Raises `InputError` for unusable text, `TransportError` when the endpoint keeps failing,
        `ValidationFailed` when the model never produces a valid answer within the retry budget.
        """
        started = time.perf_counter()
        created_at = dt.datetime.now(dt.UTC)
        article_id = article_id or article_id_for(text)
        language = check_article(text, article_id, self.settings)
        timings: dict[str, float] = {}
        if self._backend is None:
            t = time.perf_counter()
            _ = self.backend
            timings["load_model"] = time.perf_counter() - t

        t = time.perf_counter()
        known = KnownNames(text, *self.reference, Regions.default())
        source = Source(text, dateline=dateline_end(text, known))
        render = {"sentences": source.sentence_texts(), "max_points": MAX_POINTS}
        timings["prepare"] = time.perf_counter() - t
        runner = StageRunner(self.prompts, self.backend, article_id, source, render)

        # Points first: the sentences they restate are the article's main facts, which the events
        # stage codes first; then every sentence whose trigger words propose an event.
        arabic = await runner.run("summarize_ar", ArabicSummary, salvage_lists=("points",), repair=extractive_point(source))
        point_sentences = [source.best_sentence(p.text)[0] for p in arabic.points]
        extraction = await code_events(runner, source, known, published, point_sentences, self.romanizer)
        english = await translate(runner, arabic, extraction, known, self.lexicon, self.romanizer)
        extraction = named_only(extraction, english.names)

        made = provenance(
            self.backend, self.prompts, generation=self.settings.generation,
            created_at=created_at, started=started, timings=timings, spent=runner.spent, stages=runner.stages,
            rejected=runner.rejected,
        )
        return assemble(article_id, language, published, source, known, extraction, arabic, english, made)


def summarize(text: str, *, published: dt.date | None = None, settings: Settings | None = None,
              article_id: str | None = None) -> ArticleSummary:
    """Summarise one article with a fresh `Summarizer` (loads the model each call: reuse a Summarizer for many)."""
    return Summarizer(settings).summarize(text, article_id=article_id, published=published)


async def asummarize(text: str, *, published: dt.date | None = None, settings: Settings | None = None,
                     article_id: str | None = None) -> ArticleSummary:
    """Async twin of `summarize`."""
    return await Summarizer(settings).asummarize(text, article_id=article_id, published=published)
