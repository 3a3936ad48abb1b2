"""Candidate events: every article sentence whose triggers propose an event, read by code.

An event record is grounded on one sentence of the article. Code reads, per sentence, what it
can (docs/events.md, "From triggers to events"):

* the triggers (`triggers.find_triggers`) and the status each one's cues give it; a negated act
  (لم يقصف), the demanded act of a demand (دعا إلى وقف إطلاق النار: the ceasefire) and a weak
  trigger describing a name in a relative clause (التي تدعمها الأمم المتحدة) are not events and
  propose nothing;
* the types the remaining triggers propose (only the strong triggers' types where the sentence
  has a strong trigger: `_offered`), and the type code decides alone
  (`triggers.decided_type`); a summary point's sentence with no trigger word is a candidate of
  any type (the model types it, as it typed every point's record before);
* the date expression (`dates.find_date`); a sentence dated more than `BACKGROUND_DAYS` before
  publication is background, not news, and proposes nothing;
* the places (`KnownNames`: the article's place mentions, most precise first, and the places a
  place word names that no list knows, `site_names`) and the known actors (glossary) it names.

Which sentences go to the model: those of the summary points first (the model chose them as the
article's main facts), then the rest in article order, at most `MAX_CANDIDATES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .arabic import fold_words, normalize_article
from .dates import find_date, period, resolve_date
from .grounding import Source
from .models import EventStatus, EventType
from .names import KnownNames
from .site_names import unlisted_places
from .triggers import (
    EventCues,
    StatusCue,
    TriggerLexicon,
    TriggerMatch,
    decided_type,
    proposed_types,
)

__all__ = ["BACKGROUND_DAYS", "MAX_CANDIDATES", "MEDIA_KINDS", "Candidate", "Trigger", "find_candidates", "places_in"]

#: Sentences sent to the model per article: enough for the 2-6 records an article has, few enough
#: for one call (issue 14: calls and seconds per article).
MAX_CANDIDATES = 10
#: An act dated this long before publication is background (the coding guide's one-month rule).
BACKGROUND_DAYS = 31
#: A sentence of fewer words is a heading or a fragment, not a report.
MIN_WORDS = 4
_PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
_WITH, _BORDER = fold_words("مع حدود")
_BETWEEN = frozenset(fold_words("بين وبين"))
# Words that open a new place phrase: a place after them is not one of the pair after بين.
_LOCATIVES = frozenset(fold_words("في على قرب بالقرب عند داخل إلى نحو من"))
#: How far back from a name بين may stand (بين مدينتي الدار البيضاء والقنيطرة: 5 words).
_BETWEEN_WORDS = 6
_CLAUSE_END = re.compile(r"[،,.؛;:!?()\"«»\n]")


@dataclass(frozen=True)
class Trigger:
    """A trigger of a candidate sentence with the status its cues give it (offsets in the sentence)."""

    match: TriggerMatch
    status: EventStatus
    cue: StatusCue | None


@dataclass(frozen=True)
class Candidate:
    """One article sentence that may report an event."""

    number: int  # sentence number, 1-based (`Source.sentences`)
    span: tuple[int, int]  # offsets of the sentence in the article
    text: str  # the sentence as the model sees it (normalised); trigger offsets point into it
    triggers: tuple[Trigger, ...]
    types: tuple[EventType, ...]  # offered to the model (`_offered`)
    decided: EventType | None  # the type code decides alone
    date_span: tuple[int, int] | None  # offsets in the article
    places: tuple[str, ...]  # place names as written, most precise first
    actors: tuple[str, ...]  # known actors (glossary, not media) as written, in order
    sources: tuple[str, ...] = ()  # news agencies and media it names: who reports
    point: int | None = None  # index of the summary point restating this sentence

    @property
    def key(self) -> str:
        """The sentence's property name in the events stage's answer."""
        return f"s{self.number}"

    def triggers_of(self, event_type: EventType | str) -> list[Trigger]:
        """The triggers proposing `event_type`, main type first, then in text order."""
        value = EventType(event_type)
        main = [t for t in self.triggers if t.match.event_type == value]
        return main + [t for t in self.triggers if value in t.match.types and t not in main]


def _kept(sentence: str, matches: Sequence[TriggerMatch], cues: EventCues) -> list[Trigger]:
    """The triggers that report an act: not negated, not habitual or past (عادة، في السابق:
    background, not news), not the act a demand calls for, not a weak trigger that describes a
    name (`_describes`)."""
    out = []
    for m in matches:
        cue = cues.status_cue(sentence, m.span)
        if cue is not None and cue.kind in ("negated", "habitual", "demanded"):
            continue
        if _describes(sentence, m):
            continue
        out.append(Trigger(m, "occurred" if cue is None else cue.status, cue))
    return out


def _describes(sentence: str, match: TriggerMatch) -> bool:
    """Whether a weak trigger is an imperfect verb opening a relative clause: it describes the name
    before it (الحكومة التي تدعمها الأمم المتحدة, the UN-backed government; السد الذي تبنيه إثيوبيا),
    it does not report an act. In the 36 articles of the news corpus, 7 of the 8 such triggers
    were descriptions (the 8th: المرة الخامسة التي تخسر فيها, the fifth time it loses). A perfect
    verb there often is the news (الإعصار الذي ضرب سقطرى), and a strong trigger stands."""
    if match.strong:
        return False
    before = fold_words(sentence[:match.start])
    verb = fold_words(match.text)
    return bool(before) and before[-1] in _RELATIVE and bool(verb) and verb[0][:1] in ("ي", "ت") and len(verb[0]) >= 4


_RELATIVE = frozenset(fold_words("الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي"))


def _offered(matches: Sequence[TriggerMatch]) -> tuple[EventType, ...]:
    """The types the model may choose for a sentence: those of its strong triggers where it has one
    (a strong trigger alone says the type; a weak word's other readings, such as انفجار as an
    accident or قتلى of any cause, are noise beside it), else those its weak triggers propose,
    most likely first; any type for a sentence with no trigger (a point's sentence).

    Seen with the embedded 1.5B model (a dev run, one article): offered a strong trigger's type and
    weak triggers' alternatives, it chose an alternative (disaster for protest sentences) in all 5
    such sentences."""
    if not matches:
        return tuple(EventType)
    strong = [m for m in matches if m.strong]
    return tuple(proposed_types(strong or matches))


def _background(date: tuple[int, int] | None, original: str, published: dt.date | None) -> bool:
    """Whether the sentence's date puts its act more than `BACKGROUND_DAYS` before publication.

    A week, a month or a year counts from its last day (`dates.period`): "since the end of May" in
    a paper of 11 June is news, though May began 41 days before."""
    if date is None or published is None:
        return False
    days = period(resolve_date(original[date[0]:date[1]], published))
    return days is not None and (published - days[1]).days > BACKGROUND_DAYS


def find_candidates(
    source: Source,
    known: KnownNames,
    published: dt.date | None,
    *,
    point_sentences: Sequence[int] = (),
    lexicon: TriggerLexicon | None = None,
    cues: EventCues | None = None,
    limit: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """The candidate sentences of an article, in article order (module docstring).

    `point_sentences`: the sentence number each summary point restates, most important first;
    those sentences come first when the candidates are more than `limit`.
    """
    lexicon = lexicon or TriggerLexicon.default()
    cues = cues or EventCues.default()
    texts = source.sentence_texts()
    found: list[Candidate] = []
    for number, (start, end) in enumerate(source.sentences, start=1):
        text = texts[number - 1]
        if len(text.split()) < MIN_WORDS:
            continue
        matches = lexicon.find_triggers(text)
        triggers = _kept(text, matches, cues)
        point = next((i for i, n in enumerate(point_sentences) if n == number), None)
        if not triggers and (matches or point is None):
            continue  # no act, or only negated and demanded ones; a point's sentence with no trigger word may
            # still report one, which the model types freely (the points' records of before)
        date = find_date(text)
        if _background(date, text, published):
            continue
        matches = [t.match for t in triggers]
        # The sentence as the model sees it has its own offsets; spans found in it map back here.
        norm = normalize_article(source.original[start:end])
        found.append(Candidate(
            number=number,
            span=(start, end),
            text=text,
            triggers=tuple(triggers),
            types=_offered(matches),
            decided=decided_type(matches),
            date_span=None if date is None else _shift(norm.span_to_original(*date), start),
            places=places_in(text, known),
            actors=_actors(text, known, media=False),
            sources=_actors(text, known, media=True),
            point=point,
        ))
    if len(found) <= limit:
        return found
    first = {n: i for i, n in reversed(list(enumerate(point_sentences)))}
    chosen = sorted(found, key=lambda c: (c.number not in first, first.get(c.number, 0), c.number))[:limit]
    return sorted(chosen, key=lambda c: c.number)


def _shift(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by


def places_in(sentence: str, known: KnownNames) -> tuple[str, ...]:
    """Places a sentence names (as written), most precise first (city or a place no list knows that
    the article's place word names, `site_names.unlisted_places`; division; country), then in order;
    the pair after بين (`_between`: the ends of a route) after every other place.

    The article's own place mentions (`KnownNames.occurrences`): a town is recognised on the
    country context of the whole article, not of its one sentence (عربين in a sentence that does
    not say Syria). A country named as the other side of a border (قرب الحدود مع الجزائر) is where
    the act did not happen, and a name inside a news agency's or outlet's name (بترا, the Jordanian
    agency, not Petra) is no place: both are left out."""
    media = [(s, e) for s, e, entry in known.glossary.find(sentence) if entry.kind in MEDIA_KINDS]
    ranked = []
    for start, end, _ in known.occurrences(sentence):
        name = _article_restored(sentence, start, end, known)
        if (place := known.place(name)) is not None:
            if place.precision == "country" and _across_border(sentence[:start]):
                continue
            if any(s < end and start < e for s, e in media):
                continue
            ranked.append((_between(sentence[:start]), _PRECISION_RANK.get(place.precision, 3), start, name))
    # a place no list knows, named by the article's place word (a district, a village, a river, an
    # airport), is as precise as a town: the first named wins
    ranked += [(_between(sentence[:start]), 0, start, sentence[start:end])
               for start, end in unlisted_places(sentence, known)]
    return tuple(dict.fromkeys(name for *_, name in sorted(ranked)))


def _article_restored(sentence: str, start: int, end: int, known: KnownNames) -> str:
    """A name as written, with the article's alef that ل drops restored: للولايات المتحدة is ل +
    الولايات المتحدة, and the name after the first ل, لولايات المتحدة, is no name. Only where the
    restored name is a place: للندن is ل + لندن (London)."""
    name = sentence[start:end]
    if start > 0 and sentence[start - 1] == "ل" and name.startswith("ل") and known.place("ا" + name) is not None:
        return "ا" + name
    return name


def _between(before: str) -> bool:
    """Whether a name is one of a pair after بين (between) in its clause: the two ends of a route or
    a border (قطار يربط بين مدينتي الدار البيضاء والقنيطرة في منطقة بوقنادل), not where the act
    happened unless the sentence names nothing else; a locative word after بين (في منطقة) opens the
    place the sentence is about."""
    words = fold_words(_CLAUSE_END.split(before)[-1])[-_BETWEEN_WORDS:]
    for word in reversed(words):
        if word in _BETWEEN:
            return True
        if word in _LOCATIVES:
            return False
    return False


def _across_border(before: str) -> bool:
    """Whether the text before a name ends with "the border with" (الحدود مع، حدودها مع)."""
    words = fold_words(before)
    return len(words) >= 2 and words[-1] == _WITH and _BORDER in words[-2]


#: Glossary kinds that report the news rather than act in it.
MEDIA_KINDS = frozenset({"agency", "media"})


def _actors(sentence: str, known: KnownNames, *, media: bool) -> tuple[str, ...]:
    """Glossary names in the sentence, as written, in order: the news agencies and media (`media`),
    or the others (actors)."""
    return tuple(dict.fromkeys(
        sentence[s:e] for s, e, entry in known.glossary.find(sentence) if (entry.kind in MEDIA_KINDS) == media
    ))
