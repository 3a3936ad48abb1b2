"""Assembling the output: the stages' validated results, what code reads from the article, and provenance.

Code, not the model, fills what code can read: the evidence sentence of each point, entities and
ACLED types (from the grounded events), coordinates (offline gazetteer), and an event's date and
quantities when the model leaves them empty (the date expression and the numbers of the sentence
the event is coded from, with the unit its English point puts after the number).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version

from annotated_types import MaxLen

from .acled import acled_for
from .dates import find_date, resolve_date
from .grounding import Source
from .ledger import Ledger
from .llm import Backend
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
from .responses import ArabicSummary, EventDraft, Extraction
from .scripts import is_latin
from .stages import MAX_TOKENS, TEMPLATES
from .translation import English

__all__ = ["assemble", "provenance"]


def _package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


def provenance(
    backend: Backend,
    prompts: Prompts,
    *,
    temperature: float,
    seed: int | None,
    created_at: dt.datetime,
    started: float,
    timings: dict[str, float],
    spent: Ledger,
    stages: list[StageRun],
    rejected: list[str],
) -> Provenance:
    """How an output was made: backend, template hashes, versions, generation parameters, and what
    the stages cost (`spent`: every call of the article); `timings` gains the stages and the total."""
    timings = dict(timings)
    for stage in stages:
        timings[stage.stage] = timings.get(stage.stage, 0.0) + stage.seconds
    timings["total"] = time.perf_counter() - started
    return Provenance(
        provider=backend.provider,
        base_url=backend.base_url,
        model=backend.model,
        model_sha256=backend.model_sha256,
        request_form=backend.request_form,
        prompt_templates=prompts.hashes(TEMPLATES),
        schema_version=SCHEMA_VERSION,
        package_version=_package_version(),
        created_at=created_at,
        generation={
            "temperature": temperature, "seed": seed, **MAX_TOKENS,
            **({"call_cache": "replay"} if backend.settings.call_cache is not None else {}),
        },
        usage=spent.usage,
        calls=spent.calls,
        retries=spent.retries,
        transport_retries=spent.transport_retries,
        stages=stages,
        timings={k: round(v, 3) for k, v in timings.items()},
        rejected=rejected,
    )


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


_SUMMARY_MAX = next(m.max_length for m in Bilingual.model_fields["ar"].metadata if isinstance(m, MaxLen))


def _summary(arabic: list[str], english: list[str], rejected: list[str]) -> Bilingual:
    """The points as one paragraph per language: as many points as fit the contract's length (four
    long points can exceed it), the same ones in both languages; a point left out is reported."""
    n = len(arabic)
    while n > 1 and max(len(_paragraph(arabic[:n])), len(_paragraph(english[:n]))) > _SUMMARY_MAX:
        n -= 1
    if n < len(arabic):
        which = f"point {n + 1}" if n + 1 == len(arabic) else f"points {n + 1}-{len(arabic)}"
        rejected.append(f"summary: {which} left out of the summary paragraph (over {_SUMMARY_MAX} characters); "
                        "still a key point")
    return Bilingual(ar=_paragraph(arabic[:n]), en=_paragraph(english[:n]))


def _name_evidence(source: Source, name: str) -> list[Evidence]:
    span = source.find_name(name)
    if span is None:
        return [Evidence(text=name, match="not_found")]
    start, end = span
    text = source.original[start:end]
    return [Evidence(text=text, start=start, end=end, match="exact" if text == name else "normalized")]


def assemble(
    article_id: str,
    language: str,
    published: dt.date | None,
    source: Source,
    known: KnownNames,
    extraction: Extraction,
    arabic: ArabicSummary,
    english: English,
    provenance: Provenance,
) -> ArticleSummary:
    """The validated stage results as an `ArticleSummary`, with what code reads from the article:
    evidence offsets, entities, ACLED types, coordinates, and dates and quantities the model left empty."""
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
        summary=_summary([p.text for p in arabic.points], list(english.points.values()), provenance.rejected),
        key_points=key_points,
        events=events,
        entities=entities,
        provenance=provenance,
    )
