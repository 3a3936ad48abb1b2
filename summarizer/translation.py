"""The English stage: the headline, each point and each name, translated from the validated Arabic.

One validated call per text; the known names (glossary, gazetteer) are written in their canonical
English inside the Arabic the model translates, and the English of the text's news terms
(`terms.TermLexicon`) is given as hints before it writes; the validators require the known names,
the numbers and the terms, and refuse terms the Arabic lacks (`english_checks.TermCheck`). A refused
translation is asked again afresh, the problems stated and the refused answer not shown (`_asked`).
When re-asks run out, code repairs what it can decide alone (a near spelling of a known name, one wrong
weekday, month or election kind) and the repaired text must pass the same validation, a term left
out excepted (an omission, reported, not an invention). A point whose English still fails (or is
cut at max_tokens) is kept in Arabic alone, its English null (reported): the Arabic passed its own
checks, and dropping it lost most of the summary on real news (2026-12-01: of 14 articles, chrF of
the Arabic summary against the outlet's lead fell from 0.42 to 0.19 when points were dropped). With
neither the headline nor any point in English the summary is the Arabic alone, its English null
(reported): failing the article lost its validated Arabic and events (4 of the first 8 real-news
articles of a run, 2026-12-01). English written
by code from a point's event record was tried as a last resort (2026-12-01) and dropped: on the
recorded news run all 5 such points were unfaithful, since a record's wrong type, actor or place
became a key point. A name without an English is left out of the events (`events.named_only`).
Each English text records the content words no check covered (`unverified`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import partial

from .arabic import fold_words
from .date_tokens import month_pairs
from .english_checks import MAX_LEFT_OUT, TermCheck, canonical_names
from .errors import OutputTruncated, ValidationFailed
from .event_records import Extraction
from .gazetteer import PERSON_TITLES
from .models import NO_ENGLISH
from .names import KnownNames
from .numbers import digit_rewrites
from .responses import ArabicSummary, EnglishText
from .romanize import Romanizer
from .site_names import english as site_english
from .stages import StageRunner
from .terms import TermLexicon

__all__ = ["English", "translate"]

# A translation the model never got right: re-asks ran out, or the answer was cut at max_tokens.
_FAILED = (ValidationFailed, OutputTruncated)


async def translate(
    runner: StageRunner, arabic: ArabicSummary, extraction: Extraction, known: KnownNames,
    lexicon: TermLexicon | None = None, romanizer: Romanizer | None = None,
) -> English:
    """English for the headline, each point and each name not in the glossary or gazetteer.

    One validated call per text, with the canonical English of the known names in it and of its
    news terms as hints; a person's name neither list knows is spelt by `romanizer` when it has an
    attested spelling, else asked of the model; an actor named by a common noun the term lexicon
    renders whole (الشرطة, سائقه) takes its English, never a person's spelling. A point whose
    translation fails, even repaired by code, keeps its Arabic with no English (reported); a failed
    headline is replaced, in both languages, by the first point that has an English, and has none
    when no point has one (reported); a failed name is left out of the events.
    """
    unverified: dict[str, list[str]] = {}
    # Event records take an actor's kind from the glossary (`events`), so a name neither list knows
    # is "other": it may be a person's; an organisation's never is (romanize: translated, not spelt).
    # A nationality (روسي in المنتخب الروسي) is no person's name: the romanizer spelt it "Rossi".
    persons = {a.name for e in extraction.events for a in e.actors
               if a.kind != "organization" and known.gazetteer.demonym_country(a.name) is None}
    country = (known.countries or [None])[0]
    # A person the lists do not know but the romanizer spells (attested, no model call) is named in
    # the headline and points like a known name: hinted, then required, a near spelling repaired by
    # code (news 027: 'Mr. Al-Yarii' passed for الشاذلي العياري, Chedly Ayari).
    spelt = {name: english for name in sorted(persons)
             if not known.english(name) and not _term_english(lexicon, name)
             and (english := _person_english(name, lexicon, romanizer, country))}

    async def one(kind: str, text: str, others: list[str], where: str) -> str:
        hints = known.hints(text)
        nationalities: list[tuple[str, tuple[str, ...]]] = []
        if kind != "name":
            # a nationality is named like a country (أردني: "Jordanian" or "Jordan"; the model wrote "Arabic")
            nationalities = known.nationalities(text)
            hints += [(name, _name_forms(english)) for name, english in spelt.items() if name in text] + nationalities
        # numbers in digits and a month named once (`digit_rewrites`, `month_pairs`): the model
        # copies what it is shown, and mistranslated number words and month pairs
        shown = text if kind == "name" else known.in_english(text, digit_rewrites(text) + month_pairs(text))
        terms = None
        if lexicon is not None:
            spans = tuple((start, end) for start, end, _ in known.occurrences(text))
            # a name is given its terms' English too (asked for السلطات المحلية, the model wrote it back
            # in Arabic, twice); it need not translate every term (سائقه is "driver", not "his
            # driver"), but it may add none, nor any word the Arabic does not account for
            # (`TermCheck.invented`)
            terms = TermCheck(lexicon, text, spans, tuple(f for _, forms in hints for f in forms),
                              require_all=kind != "name", romanizer=romanizer)
        extra = {
            "kind": kind, "arabic": shown, "hints": [(ar, forms[0]) for ar, forms in hints],
            "terms": terms.hints() if terms is not None else [],
        }
        context = {
            "kind": kind, "arabic": text, "others": others, "hints": hints, "terms": terms,
            # names this text does not name, not only names the article lacks: "in the Gaza Strip"
            # was added to a sentence that says no place (news 033)
            "foreign": partial(known.foreign_names, arabic=text),
            # "a Yemeni airstrike" for an airstrike in Yemen (news 012)
            "unsaid_nationalities": partial(known.unsaid_nationalities, arabic=text),
            # a nationality qualifies a speaker, it does not name one (`sayers.dropped_speakers`)
            "modifiers": [arabic for arabic, _ in nationalities],
        }
        result, failures = await _asked(runner, extra, context)
        # each refused answer is a candidate for repair by code, the first one first: a later answer
        # may fix one problem and add another that code cannot repair
        for failure in failures if result is None else ():
            if (result := _repaired(failure, runner, context, where)) is not None:
                break
        if result is None:
            raise _refused(failures)
        if terms is not None and kind != "name":  # a name's own check is `TermCheck.invented`
            unverified[where] = terms.unverified(result)
        return result

    try:
        headline: str | None = await one("headline", arabic.headline, [], "headline")
    except _FAILED as failure:
        headline = None
        runner.rejected.append(f"translate_en: headline not translated ({failure.message[:300]})")
    points: dict[int, str] = {}
    for i, point in enumerate(arabic.points):
        try:
            points[i] = await one("sentence", point.text, list(points.values()), f"point {i + 1}")
        except _FAILED as failure:
            runner.rejected.append(f"translate_en: point {i + 1} kept without English ({failure.message[:300]})")
    if headline is None and not points:
        runner.rejected.append(f"translate_en: {NO_ENGLISH}; the summary is in Arabic only")
    names: dict[str, str] = {}
    places = {e.place for e in extraction.events if e.place}
    for name in _names(extraction):
        try:
            # the lists, then a common noun the term lexicon renders whole (سائقه, his driver: no
            # person to spell), then an attested spelling of a person's name, then a place the
            # article's place word names, spelt by code (`site_names`), then the model
            names[name] = (
                known.english(name)
                or _term_english(lexicon, name)
                or spelt.get(name)
                or (site_english(name, romanizer, lexicon) if name in places and romanizer is not None else None)
                or await one("name", name, [], f"name {name}")
            )
        except _FAILED as failure:
            runner.rejected.append(
                f"translate_en: no English for the name {name!r}, dropped from the events ({failure.message[:200]})"
            )
    # A headline is a summary's shortest sentence: a validated point stands in for a failed one, in
    # both languages (the first point with an English, which is not always the first point).
    stand_in = None if headline or not points else min(points)
    if stand_in is not None:
        runner.rejected.append(f"translate_en: point {stand_in + 1} stands in for the headline, in both languages")
    return English(
        headline or (points[stand_in] if stand_in is not None else None), points, names,
        headline_ar=None if stand_in is None else arabic.points[stand_in].text,
        headline_unverified=unverified.get("headline" if stand_in is None else f"point {stand_in + 1}", []),
        points_unverified={i: unverified.get(f"point {i + 1}", []) for i in points},
    )


async def _asked(runner: StageRunner, extra: dict, context: dict) -> tuple[str | None, list[ValidationFailed]]:
    """A validated translation (None if none validated) and the refusals before it; asked afresh after
    each refusal, with what was refused as instructions.

    Re-asked in the conversation, the 1.5B model wrote its refused answer again word for word: on
    the 36 news articles (2026-12-02 replay) the second attempt passed for 5 of 85 refused texts,
    and most were byte-identical to the first. A new request that names the problems but does not
    show the refused answer leaves the model nothing to copy. As many re-asks as the settings allow.
    """
    failures: list[ValidationFailed] = []
    for _ in range(runner.max_retries + 1):
        refused = _problems(failures[-1]) if failures else []
        try:
            answer = await runner.run("translate_en", EnglishText, extra={**extra, "refused": refused}, reasks=0, **context)
            return answer.text, failures
        except ValidationFailed as failure:
            failures.append(failure)
    return None, failures


def _refused(failures: list[ValidationFailed]) -> ValidationFailed:
    """The last refusal, its message counting every request (each says "after 1 attempt(s)")."""
    last = failures[-1]
    return ValidationFailed(
        f"stage 'translate_en': no valid output after {len(failures)} request(s), the last {last.detail}",
        article_id=last.article_id, stage=last.stage, usage=last.usage, attempts=last.attempts,
        last_attempt=last.last_attempt, errors=last.errors, detail=last.detail,
    )


def _problems(failure: ValidationFailed) -> list[str]:
    """The re-ask instructions of a failed validation, one per validation error (the validators
    join a text's problems into one)."""
    return [str(e.get("msg", "")).removeprefix("Value error, ") for e in failure.errors]


def _person_english(name: str, lexicon: TermLexicon | None, romanizer: Romanizer | None, country: str | None) -> str | None:
    """A person's name in its attested spelling (`Romanizer.person`), after a one-word title if it has one:
    الرئيس المصري عبدالفتاح السيسي is "President Abdel Fattah al-Sissi" (the model, asked for it, wrote
    "Abdel-Fattah Ali Gomrour"). The title is a `role` term of the lexicon that is a person's title
    (`gazetteer.PERSON_TITLES`); up to two adjectives with the article after it (المصري) are left out
    of the English, and at least two words of name must follow."""
    if romanizer is None:
        return None
    words = name.split()
    title = lexicon.find_terms(words[0]) if lexicon is not None and words else []
    if not (title and title[0].term.category == "role" and fold_words(words[0])[0] in PERSON_TITLES):
        return romanizer.person(name, country)
    rest = words[1:]
    for _ in range(2):
        if rest and rest[0].startswith("ال") and rest[0].endswith(("ي", "ية")):
            rest = rest[1:]
    spelling = romanizer.person(" ".join(rest), country) if len(rest) >= 2 else None
    return f"{title[0].term.canonical.title()} {spelling}" if spelling else None


def _name_forms(english: str) -> tuple[str, ...]:
    """The English forms a person's name is accepted in: the whole spelling, or its last word (the
    family name: "Ayari" for "Chedly Ayari"; a text may name a person once in full, then so)."""
    words = english.split()
    return (english, words[-1]) if len(words) > 1 and len(words[-1]) > 3 else (english,)


def _term_english(lexicon: TermLexicon | None, name: str) -> str | None:
    """The canonical English of a news term that is the whole of `name` (after attached conjunctions
    or prepositions): an actor named by a common noun (الشرطة, سائقه), rendered without a model call."""
    if lexicon is None:
        return None
    matches = lexicon.find_terms(name)
    if len(matches) != 1 or matches[0].end != len(name.rstrip()) or set(name[: matches[0].start]) - set("وفبلك"):
        return None
    return matches[0].term.canonical


def _repaired(failure: ValidationFailed, runner: StageRunner, context: dict, where: str) -> str | None:
    """A refused reply of a translation repaired by code (known names, closed-class words), if the
    repair passes the full validation; the repair is reported."""
    try:
        text = json.loads(failure.last_attempt or "")["text"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(text, str):
        return None
    notes: list[str] = []
    terms: TermCheck | None = context["terms"]
    if context["kind"] != "name":
        text, notes = canonical_names(text, context["hints"])
        if terms is not None:
            text, more = terms.repair(text)
            notes += more
            # An omitted term makes a translation incomplete, not false: kept, and said so, rather
            # than losing the point. An English term the Arabic lacks is still refused, and so is a
            # text that leaves out more than `MAX_LEFT_OUT` terms: the small model's text is then
            # another sentence more often than a shorter one (news, 2026-12-03: of 5 such texts 4
            # were unfaithful, of 19 with one term left out 3).
            if missing := terms.missing(text):
                if len(missing) > MAX_LEFT_OUT:
                    return None
                notes.append(f"kept without {', '.join(m.text for m in missing)}")
                context = {**context, "terms": replace(terms, require_all=False)}
    if not notes:
        return None
    try:
        EnglishText.model_validate({"text": text}, context={"source": runner.source, **context})
    except ValueError:
        return None
    runner.rejected.append(f"translate_en: {where} repaired by code: {'; '.join(notes)}"[:1000])
    return text


@dataclass(frozen=True)
class English:
    """The validated English of an article's headline, points and names."""

    headline: str | None  # None: no English passed the checks, neither the headline's nor a point's
    points: dict[int, str]  # index of the Arabic point -> its English
    names: dict[str, str]
    # the Arabic of the point that stands in for a headline whose English failed (None: the headline's own)
    headline_ar: str | None = None
    # content words of each English text that no check covered
    headline_unverified: list[str] = field(default_factory=list)
    points_unverified: dict[int, list[str]] = field(default_factory=dict)


def _names(extraction: Extraction) -> list[str]:
    """Every Arabic name the English stage must translate, once each, in order of appearance."""
    names: dict[str, None] = {}
    for event in extraction.events:
        for actor in event.actors:
            names[actor.name] = None
        if event.place:
            names[event.place] = None
    return list(names)
