"""What each pipeline stage asks the model for, and the validators fed back to it on failure.

These are small on purpose: a 1.5B model stays faithful with short, staged outputs whose every
string has a length limit. Validators need the article, passed by instructor as validation
context (`{"source": grounding.Source, ...}`); their messages are written to be read by the
model in a re-ask, so they say what to do, not only what is wrong.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from rapidfuzz import fuzz

from .arabic import fold
from .glossary import accepts_english
from .grounding import Source
from .models import PloverType
from .numbers import find_numbers, same_number, values_in
from .repetition import NEAR_DUPLICATE, duplicate_pairs, repeated_ngram
from .scripts import is_arabic, is_latin

ArabicLine = Annotated[str, Field(min_length=2, max_length=300)]
EnglishLine = Annotated[str, Field(min_length=2, max_length=400)]
Name = Annotated[str, Field(min_length=2, max_length=80)]
Quote = Annotated[str, Field(min_length=2, max_length=300)]



class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _source(info: ValidationInfo) -> Source | None:
    return _context(info).get("source")


# Links and e-mail addresses: an output may carry one only where its source has it. Injected
# instructions ask for links, and no grounding check on words or numbers would notice one.
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'«»]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# Texts shorter than this many words are not held to the length rule of translations.
_SHORT_TEXT_WORDS = 4


def foreign_links(text: str, allowed: str) -> list[str]:
    """The links in `text` that `allowed` does not contain (case-insensitive, trailing punctuation ignored)."""
    haystack = allowed.lower()
    links = (m.rstrip(".,;:)") for m in _LINK.findall(text))
    return [link for link in links if link.lower() not in haystack]


def text_problems(text: str, where: str, language: Literal["ar", "en"], source: Source | None) -> list[str]:
    """Script, grounding and repetition problems of one output string, as re-ask instructions."""
    problems = []
    if source is not None and (links := foreign_links(text, source.original)):
        problems.append(f"{where} contains link(s) {', '.join(links)} that the article does not contain; remove them")
    if language == "ar" and not is_arabic(text):
        problems.append(f"{where} must be written in Arabic (Arabic script), not another language")
    if language == "en" and not is_latin(text):
        problems.append(f"{where} must be written in English (Latin script), without Arabic words")
    if (loop := repeated_ngram(text)) is not None:
        problems.append(f"{where} repeats {loop!r} over and over; write it once")
    if source is not None and (numbers := source.ungrounded_numbers(text)):
        problems.append(
            f"{where} contains number(s) {', '.join(numbers)} that the article does not state; "
            "use only numbers written in the article"
        )
    return problems


def repeated_items(texts: list[str], where: str) -> list[str]:
    """Items of a list that say the same thing twice (a small model's favourite way to fill a quota)."""
    return [f"{where} {i + 1} and {j + 1} say the same thing; write each fact once" for i, j in duplicate_pairs(texts)]


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValueError("; ".join(problems))


def _quote_problem(quote: str, where: str, source: Source | None) -> list[str]:
    if source is not None and source.locate(quote).match == "not_found":
        return [f"{where} is not in the article; copy the words from the article exactly"]
    return []


# Share of a text's content words that its best-supporting article sentence (with its neighbours)
# must contain: a close restatement passes; drifting to other facts or importing actors does not.
MIN_SUPPORT = 0.7


def support_problem(text: str, where: str, source: Source | None, threshold: float = MIN_SUPPORT) -> list[str]:
    """Re-ask instruction when no article sentence supports `text` closely enough."""
    if source is None:
        return []
    number, score = source.best_sentence(text)
    if score >= threshold:
        return []
    return [f"{where} says things the article does not say (closest is sentence [{number}]); restate what the article says"]


def _name_problem(name: str | None, where: str, source: Source | None) -> list[str]:
    if source is not None and name and not source.has_name(name):
        return [f"{where} {name!r} is not named in the article; copy names exactly as the article writes them"]
    return []


# --- stage 1: the Arabic summary, as evidenced points ------------------------------------------

class PointDraft(_Response):
    text: ArabicLine = Field(description="One short Arabic sentence with one main fact, close to the article's words")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> PointDraft:
        source = _source(info)
        _raise(text_problems(self.text, "point", "ar", source) + support_problem(self.text, "point", source))
        return self


def headline_problems(headline: str, source: Source | None) -> list[str]:
    """Re-ask instructions for an Arabic headline (script, links, loops, numbers, support by the article)."""
    problems = text_problems(headline, "headline", "ar", source)
    if source is not None and source.support(headline) < MIN_SUPPORT:
        problems.append("headline uses words the article does not use; build it from the article's words")
    return problems


# The docstring is the schema's description, part of every request: changing it changes what the
# model is asked. The whole-reply checks below (headline, repeated points, how many points) have
# code repairs for when re-asks run out: `salvage.extractive_point`.
class ArabicSummary(_Response):
    """Stage 2 output: a headline and the article's main points (code finds the sentence behind each)."""

    headline: str = Field(min_length=4, max_length=120, description="Short Arabic headline")
    points: list[PointDraft] = Field(min_length=2, max_length=4, description="2 to 4 main points, most important first")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ArabicSummary:
        problems = headline_problems(self.headline, _source(info))
        problems += repeated_items([p.text for p in self.points], "points")
        _raise(problems)
        return self


# --- stage 2: event records for the points -------------------------------------


class ActorDraft(_Response):
    name: Name = Field(description="Actor name copied from the article, in Arabic")
    kind: Literal["person", "organization", "other"] = Field(description="What the actor is")
    role: Literal["initiator", "recipient", "mediator", "other"] = Field(
        description="initiator acts, recipient is acted upon, mediator brokers"
    )


class QuantityDraft(_Response):
    value: float = Field(description="The number as a plain number (2.5 for 5ر2, 7000 for سبعة آلاف)")
    unit: str = Field(min_length=1, max_length=40, description="What is counted, one or two English words")
    text: Quote = Field(description="The words of the article that state the number, copied exactly")


_NULL_WORDS = frozenset({"null", "none", "n/a", "unknown", "-"})


class EventDraft(_Response):
    point: int = Field(ge=1, le=10, description="The number of the point this event record codes")
    event_type: PloverType = Field(description="PLOVER category of the event")
    actors: list[ActorDraft] = Field(default_factory=list, max_length=4)
    place: Name | None = Field(default=None, description="Where it happened, copied from the article (Arabic)")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    date: str | None = Field(default=None, max_length=60, description="The date words of the article, or null")
    quantities: list[QuantityDraft] = Field(default_factory=list, max_length=4)
    sources: list[Name] = Field(
        default_factory=list, max_length=3, description="Who reports the event, as named in the article"
    )

    @field_validator("date", "place", mode="before")
    @classmethod
    def _no_null_words(cls, value: Any) -> Any:
        # Small models write the word "null" inside the string instead of a JSON null.
        return None if isinstance(value, str) and value.strip().lower() in _NULL_WORDS else value

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> EventDraft:
        source = _source(info)
        points = _context(info).get("points")
        problems = []
        if points is not None and not 1 <= self.point <= points:
            problems.append(f"point must be the number of one of the {points} points")
        problems += _name_problem(self.place, "place", source)
        if self.date:
            problems += _quote_problem(self.date, f"date {self.date!r}", source)
        for actor in self.actors:
            problems += _name_problem(actor.name, "actor", source)
        for name in self.sources:
            problems += _name_problem(name, "source", source)
        for q in self.quantities:
            problems += _quote_problem(q.text, f"quantity text {q.text!r}", source)
            if source is not None and not source.states_value(q.value):
                problems.append(f"quantity value {q.value:g} is not a number the article states")
        _raise(problems)
        return self


class Extraction(_Response):
    """Stage 2 output: event records coded from the points."""

    events: list[EventDraft] = Field(max_length=6, description="Event records of the points that report an event")


# --- stage 3: English from the Arabic ----------------------------------------------------------


class EnglishText(_Response):
    """Stage 3 output, one call per Arabic text: its English translation.

    One text per call, because a small model asked for aligned lists drops, merges and repeats
    items; a failing item is then re-asked alone.
    """

    text: EnglishLine = Field(description="The English translation")

    @model_validator(mode="after")
    def _faithful(self, info: ValidationInfo) -> EnglishText:
        context = _context(info)
        source = _source(info)
        if context.get("kind") == "name":
            _raise([] if is_latin(self.text) else ["the English name must be in Latin script"])
            return self
        problems = text_problems(self.text, "the translation", "en", source)
        arabic = context.get("arabic", "")
        if links := foreign_links(self.text, arabic):
            problems.append(f"the translation adds link(s) {', '.join(links)} that the Arabic does not contain; remove them")
        if len(arabic.split()) >= _SHORT_TEXT_WORDS and 2 * len(self.text.split()) < len(arabic.split()):
            # English takes more words than Arabic (clitics, articles): under half is an omission,
            # or an answer that obeys something other than the translation task.
            problems.append("the translation is much shorter than the Arabic; translate all of it")
        english = values_in(self.text)
        missing = [m.text for m in find_numbers(arabic) if not any(same_number(v, w) for v in m.values for w in english)]
        if missing:
            problems.append(f"the translation must keep the number(s) {', '.join(missing)} of the Arabic")
        problems += [
            f"the translation must name {ar} as {forms[0]!r}"
            for ar, forms in context.get("hints", [])
            if not accepts_english(forms, self.text)
        ]
        problems += [
            "the translation repeats an earlier one; translate this Arabic text itself"
            for other in context.get("others", [])
            if fuzz.ratio(fold(other).text, fold(self.text).text) >= NEAR_DUPLICATE
        ][:1]
        _raise(problems)
        return self
