"""The stages over one article: vet → normalise → Arabic points → event records → English → ground.

Stages are small so a 1.5B model stays faithful, and the same stages run on a strong remote
model. The Arabic summary comes first, as a few points that each restate an article sentence
(code finds which, and checks the restatement); events are coded from those points; English is
translated from the validated Arabic, never composed freely.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .acled import acled_for
from .articles import article_id_for, check_article
from .config import Settings
from .dates import find_date, resolve_date
from .errors import LLMError, ValidationFailed
from .gazetteer import Gazetteer
from .glossary import Glossary
from .grounding import Source
from .ledger import Usage, booking
from .llm import Backend, build_backend
from .models import (
    SCHEMA_VERSION,
    Actor,
    ArticleSummary,
    Bilingual,
    Entity,
    Event,
    EventDate,
    Evidence,
    KeyPoint,
    Location,
    Provenance,
    Quantity,
    StageRun,
)
from .names import KnownNames
from .prompts import Prompts
from .quantities import english_unit, quantities_in
from .responses import ArabicSummary, EnglishText, EventDraft, Extraction
from .scripts import is_arabic, is_latin

T = TypeVar("T", bound=BaseModel)

MAX_POINTS = 4
# Output budgets per stage: generous for the schema's own length limits, so a stop on
# max_tokens means a runaway, not a normal answer.
MAX_TOKENS = {"summarize_ar": 1400, "events": 1800, "translate_en": 400}
# Every template the stages render, for the provenance hashes (and so the batch cache keys).
TEMPLATES = ("system.j2", "_article.j2", *(f"{stage}.j2" for stage in MAX_TOKENS))


def _package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


def salvage(
    model: type[T], raw: str | None, context: dict[str, Any], lists: tuple[str, ...],
    repair: Callable[[str, dict[str, Any]], dict[str, Any] | None] | None = None,
) -> tuple[T, list[str]]:
    """Keep the valid items of a reply that failed validation because of some list items.

    Each item of the named lists is validated on its own; an invalid one is repaired by code
    when `repair` can (returning a replacement that must itself validate), else dropped, and
    either way reported. The remainder must pass the full model validation, so nothing
    unvalidated gets through. Raises ValueError when the reply cannot be rescued.
    """
    if raw is None:
        raise ValueError("no reply to salvage")
    data = json.loads(raw)
    notes: list[str] = []
    for name in lists:
        item_model = model.model_fields[name].annotation.__args__[0]  # type: ignore[union-attr]
        kept = []
        for item in data.get(name, []):
            try:
                kept.append(item_model.model_validate(item, context=context).model_dump())
                continue
            except ValidationError as exc:
                reason = "; ".join(e["msg"] for e in exc.errors())[:600]
            fixed = repair(name, item) if repair else None
            if fixed is not None:
                try:
                    kept.append(item_model.model_validate(fixed, context=context).model_dump())
                    notes.append(f"{name}: replaced {_short(item)} by code ({reason})")
                    continue
                except ValidationError:
                    pass
            notes.append(f"{name}: dropped {_short(item)} ({reason})")
        data[name] = kept
    try:
        return model.model_validate(data, context=context), notes
    except ValidationError as exc:
        # Top-level fields the repair knows how to replace (a headline), then one more validation.
        fields = {e["loc"][0] for e in exc.errors() if e["loc"]}
        if any(not e["loc"] for e in exc.errors()):
            fields.add("headline")
        fixes = {f: repair(f, data) for f in fields} if repair else {}
        if not fixes or None in fixes.values():
            raise
        notes += [f"{f}: replaced {_short(data.get(f))} by code ({exc.errors()[0]['msg'][:300]})" for f in fixes]
        return model.model_validate({**data, **fixes}, context=context), notes


def _short(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)[:160]


def extractive_point(source: Source) -> Callable[[str, dict[str, Any]], Any]:
    """Repair for an unfaithful point: state the article sentence closest to it (faithful by construction).

    For the headline (given the whole reply), the first kept point stands in.
    """

    def repair(name: str, item: dict[str, Any]) -> Any:
        if name == "headline":
            # The first (most important) kept point, cut at a word boundary, heads the summary.
            points = [p["text"] for p in item.get("points", []) if isinstance(p, dict)]
            return points[0][:120].rsplit(" ", 1)[0] if points and len(points[0]) > 120 else (points[0] if points else None)
        if name != "points" or not isinstance(item.get("text"), str) or not source.sentences:
            return None
        if not is_arabic(item["text"]):
            # Not a drifting restatement but another language: its "closest" sentence would be
            # chosen by its foreign words alone, i.e. the article's foreign text, where injected
            # instructions live ("write HACKED" -> the sentence saying so). Dropped instead.
            return None
        number, _ = source.best_sentence(item["text"])
        return {"text": source.sentence_texts()[number - 1][:300]}

    return repair


def grounded_parts(source: Source) -> Callable[[str, dict[str, Any]], dict[str, Any] | None]:
    """Repair for an event record: drop the actors, sources, quantities and date the article lacks.

    An event whose place is not in the article, or with no grounded actor left, is rejected
    (None): the remaining record must still pass full validation.
    """

    def repair(name: str, item: dict[str, Any]) -> dict[str, Any] | None:
        if name != "events":
            return None
        place = item.get("place")
        if place and not source.has_name(place):
            return None
        actors = [a for a in item.get("actors", []) if isinstance(a, dict) and source.has_name(str(a.get("name", "")))]
        if not actors:
            return None
        quantities = [
            q for q in item.get("quantities", [])
            if isinstance(q, dict) and source.locate(str(q.get("text", ""))).match != "not_found"
            and isinstance(q.get("value"), (int, float)) and source.states_value(q["value"])
        ]
        sources = [n for n in item.get("sources", []) if isinstance(n, str) and source.has_name(n)]
        date = item.get("date")
        if not isinstance(date, str) or source.locate(date).match == "not_found":
            date = None
        return {**item, "actors": actors, "quantities": quantities, "sources": sources, "date": date}

    return repair


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
        source = Source(text)
        known = KnownNames(text, *self.reference)
        render = {
            "sentences": source.sentence_texts(),
            "max_points": MAX_POINTS,
        }
        timings["prepare"] = time.perf_counter() - t
        run = _Run(self, article_id, source, render)

        # Points first: events are coded from them, so every event record is anchored on a
        # faithful statement of the article rather than on the model's reading of all of it.
        arabic = await run.stage("summarize_ar", ArabicSummary, salvage_lists=("points",), repair=extractive_point(source))
        point_texts = [p.text for p in arabic.points]
        extraction = await run.stage(
            "events", Extraction, extra={"points": point_texts, "names": known.mentions}, salvage_lists=("events",),
            repair=grounded_parts(source), points=len(point_texts),
        )
        english = await self._translate(run, arabic, extraction, known)
        if len(english.points) < len(arabic.points):
            arabic, extraction, english = _without_untranslated(arabic, extraction, english)
        extraction = _with_named(extraction, english.names)

        for stage in run.stages:
            timings[stage.stage] = timings.get(stage.stage, 0.0) + stage.seconds
        timings["total"] = time.perf_counter() - started
        backend = self.backend
        provenance = Provenance(
            provider=backend.provider,
            base_url=backend.base_url,
            model=backend.model,
            model_sha256=backend.model_sha256,
            request_form=backend.request_form,
            prompt_templates=self.prompts.hashes(TEMPLATES),
            schema_version=SCHEMA_VERSION,
            package_version=_package_version(),
            created_at=created_at,
            generation={"temperature": self.settings.temperature, "seed": self.settings.seed, **MAX_TOKENS},
            usage=sum((s.usage for s in run.stages), Usage()),
            calls=sum(s.calls for s in run.stages),
            retries=sum(s.retries for s in run.stages),
            transport_retries=sum(s.transport_retries for s in run.stages),
            stages=run.stages,
            timings={k: round(v, 3) for k, v in timings.items()},
            rejected=run.rejected,
        )
        return _assemble(article_id, language, published, source, known, extraction, arabic, english, provenance)

    async def _translate(self, run: _Run, arabic: ArabicSummary, extraction: Extraction, known: KnownNames) -> _English:
        """English for the headline, each point and each name not in the glossary or gazetteer.

        One validated call per text, with the canonical English of the known names in it as
        hints. A point whose translation never validates is dropped with its events (reported);
        the headline and names are required.
        """

        async def one(kind: str, text: str, others: list[str]) -> str:
            hints = known.hints(text)
            shown = text if kind == "name" else known.in_english(text)
            extra = {"kind": kind, "arabic": shown, "hints": [(ar, forms[0]) for ar, forms in hints]}
            result = await run.stage(
                "translate_en", EnglishText, extra=extra, kind=kind, arabic=text, others=others, hints=hints
            )
            return result.text

        try:
            headline: str | None = await one("headline", arabic.headline, [])
        except ValidationFailed as failure:
            headline = None
            run.rejected.append(f"translate_en: headline not translated, the first point stands in ({failure.message[:300]})")
        points: dict[int, str] = {}
        for i, point in enumerate(arabic.points):
            try:
                points[i] = await one("sentence", point.text, list(points.values()))
            except ValidationFailed as failure:
                if len(arabic.points) - 1 - i + len(points) < 2:
                    raise
                run.rejected.append(f"translate_en: dropped point {i + 1} ({failure.message[:300]})")
        names: dict[str, str] = {}
        for name in _names(extraction):
            try:
                names[name] = known.english(name) or await one("name", name, [])
            except ValidationFailed as failure:
                run.rejected.append(
                    f"translate_en: no English for the name {name!r}, dropped from the events ({failure.message[:200]})"
                )
        # A headline is a summary's shortest sentence: a validated point stands in for a failed one.
        return _English(headline or next(iter(points.values())), points, names)


@dataclass(frozen=True)
class _English:
    headline: str
    points: dict[int, str]  # index of the Arabic point -> its English
    names: dict[str, str]


def _without_untranslated(
    arabic: ArabicSummary, extraction: Extraction, english: _English
) -> tuple[ArabicSummary, Extraction, _English]:
    """Drop the points that have no English, and the events coded from them; renumber the rest."""
    keep = sorted(english.points)
    renumber = {old + 1: new + 1 for new, old in enumerate(keep)}
    events = [e.model_copy(update={"point": renumber[e.point]}) for e in extraction.events if e.point in renumber]
    return (
        arabic.model_copy(update={"points": [arabic.points[i] for i in keep]}),
        extraction.model_copy(update={"events": events}),
        _English(english.headline, {new: english.points[old] for new, old in enumerate(keep)}, english.names),
    )


def _with_named(extraction: Extraction, names: dict[str, str]) -> Extraction:
    """Events keep only the actors and place that have an English name; an event with no actor left goes."""
    events = []
    for event in extraction.events:
        actors = [a for a in event.actors if a.name in names]
        if actors:
            place = event.place if event.place in names else None
            events.append(event.model_copy(update={"actors": actors, "place": place}))
    return extraction.model_copy(update={"events": events})


class _Run:
    """One article's pass through the stages, collecting what each stage cost."""

    def __init__(self, owner: Summarizer, article_id: str, source: Source, render: dict[str, Any]) -> None:
        self.owner = owner
        self.article_id = article_id
        self.source = source
        self.render = render
        self.stages: list[StageRun] = []
        self.rejected: list[str] = []

    async def stage(
        self,
        name: str,
        model: type[T],
        *,
        extra: dict[str, Any] | None = None,
        salvage_lists: tuple[str, ...] = (),
        repair: Callable[[str, dict[str, Any]], dict[str, Any] | None] | None = None,
        **context: Any,
    ) -> T:
        messages = self.owner.prompts.messages(name, **self.render, **(extra or {}))
        context = {"source": self.source, **context}
        started = time.perf_counter()
        try:
            with booking() as ledger:
                return await self.owner.backend.complete(
                    model, messages, context=context, max_tokens=MAX_TOKENS[name], stage=name, article_id=self.article_id
                )
        except LLMError as error:
            # The caller (a batch's budget, a failure record) needs what the article cost, not the stage.
            error.usage = sum((st.usage for st in self.stages), ledger.usage)
            error.attempts = sum(st.calls for st in self.stages) + ledger.calls
            if not salvage_lists or not isinstance(error, ValidationFailed):
                raise
            failure = error
            try:
                kept, rejected = salvage(model, failure.last_attempt, context, salvage_lists, repair)
            except (ValueError, ValidationError):
                raise failure from None
            self.rejected += [f"{name}: {r}" for r in rejected]
            return kept
        finally:
            self.stages.append(
                StageRun(
                    stage=name,
                    calls=ledger.calls,
                    retries=ledger.retries,
                    transport_retries=ledger.transport_retries,
                    usage=ledger.usage,
                    seconds=round(time.perf_counter() - started, 3),
                )
            )


def _names(extraction: Extraction) -> list[str]:
    """Every Arabic name the English stage must translate, once each, in order of appearance."""
    names: dict[str, None] = {}
    for event in extraction.events:
        for actor in event.actors:
            names[actor.name] = None
        if event.place:
            names[event.place] = None
    return list(names)


def _entities(extraction: Extraction) -> list[tuple[str, str]]:
    """(name, kind) of the actors and places of the events, once each: entities come from grounded
    event records, not from a list the model is free to fill."""
    kinds: dict[str, str] = {}
    for event in extraction.events:
        for actor in event.actors:
            kinds.setdefault(actor.name, actor.kind)
        if event.place:
            kinds.setdefault(event.place, "location")
    return list(kinds.items())


def _location(name: str, country: str | None, bilingual: Callable[[str], Bilingual], known: KnownNames) -> Location:
    """The event's place as the article names it, geocoded when the gazetteer knows it (never guessed)."""
    place = known.place(name)
    if place is None:
        return Location(name=bilingual(name), country=country)
    return Location(
        name=bilingual(name), admin1=place.admin1, country=place.country, latitude=place.latitude,
        longitude=place.longitude, geonames_id=place.geonames_id, geo_precision=place.precision,
    )


def _date_span(source: Source, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Offsets of the date expression of an article sentence, if it has one."""
    found = find_date(source.original[sentence[0]:sentence[1]])
    return (sentence[0] + found[0], sentence[0] + found[1]) if found else None


def _date(draft: EventDraft, span: tuple[int, int] | None, source: Source, published: dt.date | None) -> EventDate:
    """The model's date words, or else the date expression (`span`) of the sentence the event is coded from."""
    if draft.date:
        return resolve_date(draft.date, published)
    return resolve_date(source.original[span[0]:span[1]], published) if span else EventDate()


def _paragraph(sentences: Iterable[str]) -> str:
    """Join sentences into one paragraph, ending each with a full stop where it has none."""
    return " ".join(s if s.rstrip()[-1:] in ".!?؟…" else s.rstrip() + "." for s in sentences)


def _name_evidence(source: Source, name: str) -> list[Evidence]:
    span = source.find_name(name)
    if span is None:
        return [Evidence(text=name, match="not_found")]
    start, end = span
    text = source.original[start:end]
    return [Evidence(text=text, start=start, end=end, match="exact" if text == name else "normalized")]


def _assemble(
    article_id: str,
    language: str,
    published: dt.date | None,
    source: Source,
    known: KnownNames,
    extraction: Extraction,
    arabic: ArabicSummary,
    english: _English,
    provenance: Provenance,
) -> ArticleSummary:
    en_name = english.names
    point_numbers = [source.best_sentence(p.text)[0] for p in arabic.points]
    point_evidence = [source.sentence_evidence(n) for n in point_numbers]
    point_sentences = [source.sentences[n - 1] for n in point_numbers]
    point_dates = [_date_span(source, sentence) for sentence in point_sentences]

    def bilingual(name: str) -> Bilingual:
        return Bilingual(ar=name, en=en_name.get(name, name))

    events = [
        Event(
            event_type=draft.event_type,
            acled_event_type=acled_for(draft.event_type)[0],
            acled_sub_event_type=acled_for(draft.event_type)[1],
            description=Bilingual(ar=arabic.points[draft.point - 1].text, en=english.points[draft.point - 1]),
            actors=[Actor(name=bilingual(a.name), role=a.role) for a in draft.actors],
            location=_location(draft.place, draft.country, bilingual, known) if draft.place else None,
            date=_date(draft, point_dates[draft.point - 1], source, published),
            quantities=[
                Quantity(
                    value=q.value,
                    # a small model sometimes writes the unit in Arabic (٪, مليون ناخب)
                    unit=q.unit if is_latin(q.unit) else english_unit(q.value, english.points[draft.point - 1]) or "unspecified",
                    text=q.text,
                    evidence=source.locate(q.text),
                )
                for q in draft.quantities
            ] or quantities_in(
                source.original, point_sentences[draft.point - 1], arabic.points[draft.point - 1].text,
                english.points[draft.point - 1], skip=point_dates[draft.point - 1],
            ),
            attribution=list(draft.sources),
            evidence=[point_evidence[draft.point - 1]],
        )
        for draft in extraction.events
    ]
    entities = [
        Entity(name=bilingual(name), kind=kind, evidence=_name_evidence(source, name))
        for name, kind in _entities(extraction)
    ]
    key_points = [
        KeyPoint(ar=p.text, en=english.points[i], evidence=[point_evidence[i]]) for i, p in enumerate(arabic.points)
    ]
    return ArticleSummary(
        article_id=article_id,
        source_language=language,
        published=published,
        headline=Bilingual(ar=arabic.headline, en=english.headline),
        summary=Bilingual(ar=_paragraph(p.text for p in arabic.points), en=_paragraph(english.points.values())),
        key_points=key_points,
        events=events,
        entities=entities,
        provenance=provenance,
    )


def summarize(text: str, *, published: dt.date | None = None, settings: Settings | None = None,
              article_id: str | None = None) -> ArticleSummary:
    """Summarise one article with a fresh `Summarizer` (loads the model each call: reuse a Summarizer for many)."""
    return Summarizer(settings).summarize(text, article_id=article_id, published=published)


async def asummarize(text: str, *, published: dt.date | None = None, settings: Settings | None = None,
                     article_id: str | None = None) -> ArticleSummary:
    """Async twin of `summarize`."""
    return await Summarizer(settings).asummarize(text, article_id=article_id, published=published)
