"""The output contract (schema version 1): the single source of truth for `schemas/*.json`.

Field names here are a public contract read by scripts and the eval suite: add fields freely,
never rename. Every string has a `max_length`, because grammar-constrained decoding will
otherwise run away for thousands of tokens.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .ledger import Usage

SCHEMA_VERSION = "1"
#: Why a text of an output has no English (`en` null): said the same way by the CLI, the batch
#: report, the provenance and the HTML report.
NO_ENGLISH = "no English passed the checks"

ShortText = Annotated[str, Field(max_length=200)]


class PloverType(str, Enum):
    """The 16 PLOVER event categories (lower case)."""

    agree = "agree"
    consult = "consult"
    support = "support"
    concede = "concede"
    cooperate = "cooperate"
    aid = "aid"
    retreat = "retreat"
    request = "request"
    accuse = "accuse"
    reject = "reject"
    threaten = "threaten"
    protest = "protest"
    sanction = "sanction"
    mobilize = "mobilize"
    coerce = "coerce"
    assault = "assault"


# News events PLOVER does not code (it codes interactions between political actors and treats
# these as contexts). Disasters follow EM-DAT's two groups: natural hazards and technological
# accidents (crashes, derailments, fires, collapses). docs/events.md defines each.
NEWS_CATEGORIES = ("disaster", "health", "economy", "election", "sport")


class EventType(str, Enum):
    """What happened: one of the 16 PLOVER categories, or a news category PLOVER leaves out."""

    agree = "agree"
    consult = "consult"
    support = "support"
    concede = "concede"
    cooperate = "cooperate"
    aid = "aid"
    retreat = "retreat"
    request = "request"
    accuse = "accuse"
    reject = "reject"
    threaten = "threaten"
    protest = "protest"
    sanction = "sanction"
    mobilize = "mobilize"
    coerce = "coerce"
    assault = "assault"
    disaster = "disaster"
    health = "health"
    economy = "economy"
    election = "election"
    sport = "sport"


EventStatus = Literal["occurred", "planned", "denied", "claimed"]


class AcledEventType(str, Enum):
    """ACLED's six top-level event types."""

    battles = "Battles"
    explosions = "Explosions/Remote violence"
    violence_against_civilians = "Violence against civilians"
    protests = "Protests"
    riots = "Riots"
    strategic_developments = "Strategic developments"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Bilingual(_Model):
    """The same text in Arabic and English."""

    ar: str = Field(max_length=1200, description="Arabic text, Arabic script")
    en: str = Field(max_length=1200, description="English text, Latin script")


class SummaryText(_Model):
    """A headline or summary paragraph: Arabic always, English when a translation passed the checks."""

    ar: str = Field(max_length=1200, description="Arabic text, Arabic script")
    en: str | None = Field(
        max_length=1200,
        description="English text, Latin script; null only in an output none of whose English passed the checks "
        "(its Arabic did, and is kept); never null in a gold file",
    )


class Evidence(_Model):
    """A quote from the source; offsets are found by code in the original text, never by the model."""

    text: str = Field(max_length=2000, description="The quoted text (the article's own words when found)")
    start: int | None = Field(default=None, ge=0, description="Start offset in the original article text")
    end: int | None = Field(default=None, ge=0, description="End offset (exclusive) in the original article text")
    match: Literal["exact", "normalized", "fuzzy", "not_found"] = Field(
        description="How the quote was located: verbatim, after Arabic-aware normalisation, "
        "approximately, or not at all"
    )


class KeyPoint(_Model):
    """One key point of the article in both languages, with its evidence."""

    ar: str = Field(max_length=400, description="Key point in Arabic")
    en: str | None = Field(
        default=None, max_length=400,
        description="Key point in English; null when no translation passed the checks (the Arabic did, and is kept)",
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Quotes supporting the point")
    unverified: list[Annotated[str, Field(max_length=80)]] = Field(
        default_factory=list,
        description="Content words of the English that no check covered (numbers, known names and the "
        "news-term lexicon are checked both ways): what a reader should not take on trust",
    )


class Unverified(_Model):
    """Content words of English texts that no check covered, for the texts that are not key points."""

    headline: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, description="Of headline.en")
    summary: list[Annotated[str, Field(max_length=80)]] = Field(
        default_factory=list, description="Of summary.en (the key points' words, once each)"
    )


class Actor(_Model):
    """A participant in an event."""

    name: Bilingual = Field(description="Actor name as written in the article (ar) and in English (en)")
    role: Literal["initiator", "recipient", "mediator", "other"] = Field(
        description="initiator does the action, recipient receives it, mediator brokers it"
    )


class Location(_Model):
    """Where an event happened, as named in the article."""

    name: Bilingual = Field(description="Place name in Arabic (as in the article) and English")
    admin1: str | None = Field(default=None, max_length=120, description="First-level administrative unit")
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code"
    )
    latitude: float | None = Field(
        default=None, ge=-90, le=90,
        description="Latitude (WGS84 degrees) of the gazetteer place; set by code, never by the model",
    )
    longitude: float | None = Field(
        default=None, ge=-180, le=180,
        description="Longitude (WGS84 degrees) of the gazetteer place; set by code, never by the model",
    )
    geonames_id: int | None = Field(
        default=None, ge=1, le=2_000_000_000, description="GeoNames id of the place (city or country), when resolved"
    )
    geo_precision: Literal["city", "admin1", "admin2", "region", "country"] | None = Field(
        default=None,
        description="What the coordinates stand for: the city itself, the first- or second-level division "
        "(its capital's coordinates), a well-known region that is not a division (its approximate centre) "
        "or the country (its capital's coordinates)",
    )


class EventDate(_Model):
    """When an event happened, as written and as resolved by code."""

    text: str | None = Field(default=None, max_length=120, description="Date expression as written in the article")
    iso: dt.date | None = Field(default=None, description="Resolved date; null without a publication date")
    precision: Literal["day", "week", "month", "year", "unknown"] = Field(
        default="unknown", description="Precision of the resolved date"
    )


class Quantity(_Model):
    """A number reported for an event, grounded in the source."""

    value: float = Field(description="Numeric value (2.5 for 5ر2, 7000 for سبعة آلاف)")
    unit: str = Field(max_length=80, description="What is counted (English, e.g. 'buses', 'people')")
    text: str = Field(max_length=200, description="The words in the article that express the quantity")
    evidence: Evidence = Field(description="Where the quantity is found in the source")


class Event(_Model):
    """One event record in ACLED / PLOVER practice."""

    event_type: EventType = Field(description="PLOVER category, or the news category of an event PLOVER does not code")
    status: EventStatus = Field(
        default="occurred",
        description="occurred: reported as done; planned: announced, intended or scheduled; denied: "
        "reported only as denied by someone; claimed: reported only as one party's contested claim",
    )
    acled_event_type: AcledEventType | None = Field(default=None, description="ACLED event type, when one applies")
    acled_sub_event_type: str | None = Field(default=None, max_length=80, description="ACLED sub-event type")
    description: Bilingual = Field(description="One sentence describing the event")
    actors: list[Actor] = Field(default_factory=list, description="Who took part")
    location: Location | None = Field(default=None, description="Where it happened")
    date: EventDate = Field(default_factory=EventDate, description="When it happened")
    quantities: list[Quantity] = Field(default_factory=list, description="Numbers reported for the event")
    attribution: list[ShortText] = Field(
        default_factory=list, description="Who reports the event (agency, spokesperson), as named in the article"
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Quotes from the article supporting the event")


class Entity(_Model):
    """A named entity mentioned in the article."""

    name: Bilingual = Field(description="Name in Arabic (as in the article) and English")
    kind: Literal["person", "organization", "location", "other"] = Field(description="Entity kind")
    evidence: list[Evidence] = Field(default_factory=list, description="Where the name appears in the source")


class StageRun(_Model):
    """What one pipeline stage cost."""

    stage: ShortText = Field(description="Stage name (the prompt template's stem)")
    calls: int = Field(description="HTTP calls made, including transport retries and re-asks")
    retries: int = Field(description="Re-asks after validation failures")
    transport_retries: int = Field(default=0, description="Calls repeated after timeouts, 429 or 5xx")
    usage: Usage = Field(default_factory=Usage)
    seconds: float = Field(description="Wall time of the stage")


class Provenance(_Model):
    """How an output was made: enough to reproduce or distrust it."""

    provider: ShortText = Field(
        description="'embedded' (llama-cpp-python), 'embedded-xllamacpp', or the endpoint kind, e.g. 'openai-compatible'"
    )
    base_url: str | None = Field(default=None, max_length=500, description="Endpoint URL (never the key)")
    model: ShortText = Field(description="Model name or GGUF file name")
    model_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$", description="Hash of the embedded model file")
    request_form: ShortText = Field(description="How structured output was requested from the backend")
    prompt_templates: dict[str, Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field(
        description="Template name -> sha256 of its source"
    )
    schema_version: ShortText = SCHEMA_VERSION
    package_version: ShortText = Field(description="summarizer version")
    created_at: dt.datetime
    generation: dict[str, float | int | ShortText | None] = Field(
        default_factory=dict, description="Generation parameters (temperature, max_tokens, seed)"
    )
    usage: Usage = Field(description="Tokens summed over every call, failed re-asks included")
    calls: int = Field(description="HTTP calls made in all")
    retries: int = Field(description="Validation re-asks in all")
    transport_retries: int = Field(default=0, description="Transport retries in all")
    stages: list[StageRun] = Field(default_factory=list)
    rejected: list[Annotated[str, Field(max_length=1000)]] = Field(
        default_factory=list, description="Items the model proposed that failed grounding and were dropped, with why"
    )
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per step, and 'total'")


class SummaryContent(_Model):
    """What a summary of one article says: shared by outputs (`ArticleSummary`) and gold files."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    article_id: str = Field(max_length=200, description="Caller's id for the article (a file's stem)")
    source_language: str = Field(max_length=8, description="ISO 639-1 code of the article's language")
    published: dt.date | None = Field(default=None, description="Publication date used to resolve relative dates")
    headline: SummaryText
    summary: SummaryText = Field(description="2-4 sentences in each language")
    key_points: list[KeyPoint] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    unverified: Unverified = Field(
        default_factory=Unverified,
        description="Content words of headline.en and summary.en no check covered (empty in gold files)",
    )


class ArticleSummary(SummaryContent):
    """A validated bilingual summary of one article with its event records."""

    provenance: Provenance
