"""The events stage: candidate sentences found by code, one model call to confirm and type them, records by code.

1. `event_candidates.find_candidates`: every sentence whose triggers propose an act (negated and
   demanded acts, background more than a month old left out), the summary points' sentences
   first, at most `MAX_CANDIDATES`.
2. One call for all of them (`responses.event_choices`): per sentence, the type among the types
   its triggers propose (an enum the embedded model's grammar enforces; only the decided type
   where code decided) or "none", and the initiators and recipients named in the sentence. The
   validators check the names against the sentence and the roles against its words
   (`roles.expected_role`); the stage is not re-asked (`stages.REASKS`): a failing reply's
   sentences are each kept, repaired by code (ungrounded names dropped, roles set as the words
   show) or dropped. A reply of "none" to every sentence of a long list, where code decided a
   type, is degenerate: the sentences are asked again, `REASK_GROUP` to a call (`_collapsed`).
3. Records by code (`record`): the status from the trigger's cues, PLOVER's tense rules (a future
   meeting, cooperation or aid is an AGREE, a future retreat a CONCEDE), ACLED from the trigger
   row or `acled_for`, roles for mutual acts and mediators, the subject of the sentence's opening
   verb where the model named no initiator (`roles.opening_subject`), the sentence's most precise place
   (else the article's first), its date expression, its news agencies as attribution.
4. `merge`: sentences reporting the same act become one record with all their sentences as
   evidence; `capped`: at most `MAX_EVENTS` records, the points' first (the others reported).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from itertools import takewhile

from .acled import acled_for
from .actor_names import coordinated, is_medium, written_name
from .arabic import PROCLITICS, fold_words
from .dates import resolve_date
from .errors import OutputTruncated, ValidationFailed
from .event_candidates import MEDIA_KINDS, Candidate, find_candidates, places_in
from .event_records import ActorRecord, EventRecord, Extraction
from .gazetteer import is_person_title
from .glossary import GlossaryEntry
from .grounding import Source
from .models import EventType, Quantity
from .names import KnownNames
from .numbers import values_in
from .responses import NO_EVENT, EventChoice, event_choices
from .roles import HOSTILE, VERBAL, expected_role, mutual, named_person, opening_subject
from .romanize import Romanizer
from .salvage import event_choices_salvage
from .stages import StageRunner
from .terms import TermLexicon

__all__ = ["MAX_EVENTS", "arabic_unit", "capped", "code_events", "describe", "merge", "named_only", "record"]

#: Records per article (the coding guide: most articles have 2-6).
MAX_EVENTS = 6
#: Sentences per call when a reply about all of them collapsed to "none" (`_collapsed`).
REASK_GROUP = 3
# PLOVER's tense rules: a future act of these types is coded as the promise (AGREE, CONCEDE).
_PROMISED = {
    EventType.consult: EventType.agree, EventType.support: EventType.agree, EventType.cooperate: EventType.agree,
    EventType.aid: EventType.agree, EventType.retreat: EventType.concede,
}
_KINDS = {"armed_group": "organization", "government": "organization", "international_body": "organization",
          "ngo": "organization", "party": "organization", "agency": "organization", "media": "organization"}
_YEARS = range(1900, 2101)


async def code_events(
    runner: StageRunner, source: Source, known: KnownNames, published: dt.date | None, point_sentences: Sequence[int],
    romanizer: Romanizer | None = None,
) -> Extraction:
    """The event records of an article (module docstring). A reply that never validates keeps its
    valid sentences (repaired where code can), a cut one its complete ones, a reply with nothing
    valid no events; what was dropped goes to `runner.rejected`."""
    candidates = find_candidates(source, known, published, point_sentences=point_sentences)
    if not candidates:
        return Extraction()
    choices = await _choices(runner, candidates)
    if _collapsed(candidates, choices):
        # A small model asked about many sentences at once sometimes answers "none" to all of them,
        # even where a sentence's words leave one type (003: an attack, a welcome). Asked again in
        # small groups, it reads each sentence: a few more calls, only after this degenerate reply.
        decided = ", ".join(c.key for c in candidates if c.decided)
        runner.rejected.append(
            f"events: every sentence was answered none although code decided the type of {decided}; "
            f"asked again in groups of {REASK_GROUP}"
        )
        for start in range(0, len(candidates), REASK_GROUP):
            choices.update(await _choices(runner, candidates[start:start + REASK_GROUP]))
    lead_places = _lead_places(source, known)
    lead = lead_places[0] if lead_places else None
    lead_area = _area(lead_places, known, None)
    person = _person_check(known, romanizer)
    records = [
        record(c, choice, known, published, lead, person, lead_area)
        for c in candidates
        if (choice := choices.get(c.number)) is not None and choice.event_type != NO_EVENT
    ]
    merged = merge(records, {c.number: c for c in candidates}, known)
    kept = capped(merged, point_sentences)
    runner.rejected += [
        f"events: dropped the record of s{r.sentences[0]} ({r.event_type.value}, more than {MAX_EVENTS} records)"
        for r in merged if r not in kept
    ]
    return Extraction(events=kept)


async def _choices(runner: StageRunner, candidates: Sequence[Candidate]) -> dict[int, EventChoice]:
    """The model's coding of `candidates` by sentence number, in one call; a reply that never
    validates keeps its valid (complete) sentence codings, else none (notes in `runner.rejected`)."""
    model = event_choices(candidates)
    by_number = {c.number: c for c in candidates}
    shown = [
        {"key": c.key, "text": c.text, "types": [t.value for t in ((c.decided,) if c.decided else c.types)],
         "names": list(c.actors)}
        for c in candidates
    ]
    used = sorted({t for c in shown for t in c["types"]})
    try:
        answer = await runner.run("events", model, extra={"candidates": shown, "types": used}, candidates=by_number)
        return {c.number: getattr(answer, c.key) for c in candidates}
    except (ValidationFailed, OutputTruncated) as failure:
        choices, notes = event_choices_salvage(
            model, failure.last_attempt, by_number, truncated=isinstance(failure, OutputTruncated)
        )
        runner.rejected += [f"events: {note}" for note in notes]
        return choices


def _collapsed(candidates: Sequence[Candidate], choices: dict[int, EventChoice]) -> bool:
    """Whether a reply about several sentences said "none" to every one, code having decided the type
    of at least one (`Candidate.decided`): a degenerate reply, not a reading of each sentence."""
    return (
        len(candidates) > REASK_GROUP
        and any(c.decided for c in candidates)
        and all(c.number in choices and choices[c.number].event_type == NO_EVENT for c in candidates)
    )


def record(
    candidate: Candidate, choice: EventChoice, known: KnownNames, published: dt.date | None, lead: str | None,
    person: Callable[[str], bool] = lambda name: False, lead_area: str | None = None,
) -> EventRecord:
    """The record of a confirmed candidate: the model's type and actors, everything else by code;
    `lead` is the article's main place (`lead_area` the known place around it where no list knows
    it); `person` attests a person's name (`roles.opening_subject`, `roles.named_person`: a post the
    model names with the person's name after it is recorded as the person)."""
    event_type = EventType(choice.event_type)
    triggers = candidate.triggers_of(event_type)
    first = triggers[0] if triggers else None  # none: a point's sentence without a trigger word
    status = first.status if first else "occurred"
    if status == "planned" and event_type in _PROMISED:
        event_type, status = _PROMISED[event_type], "occurred"  # the promise is what happened
    row = next((t.match.row for t in triggers if t.match.event_type == event_type and t.match.row.acled_event_type), None)
    acled = (row.acled_event_type, row.acled_sub_event_type) if row else acled_for(event_type.value)
    if status not in ("occurred", "claimed"):
        acled = (None, None)  # ACLED records acts that took place
    everyone = mutual(event_type, [t.match for t in triggers])
    actors: list[ActorRecord] = []
    sources = list(candidate.sources)
    for names, role in ((choice.initiators, "initiator"), (choice.recipients, "recipient")):
        written = (written_name(candidate.text, copied) for copied in names)
        for listed in [n for w in written if w is not None for n in coordinated(w, lambda n: _actor(n, known))]:
            name = named_person(candidate.text, listed, person) or listed  # the person, not the post
            if fold_words(name) in {fold_words(a.name) for a in actors}:
                continue
            entry = known.glossary.lookup(name)
            if _medium(name, entry):  # the report's source, not a party to the act
                if name not in sources and (entry is None or entry not in map(known.glossary.lookup, sources)):
                    sources.append(name)  # not «وكالة رويترز» beside the sentence's own رويترز
                continue
            check = expected_role(candidate.text, name, event_type, [t.match for t in triggers], candidate.actors)
            if check is not None and check.role == "mediator":
                role_of = "mediator"
            else:
                role_of = "initiator" if everyone else role
            actors.append(ActorRecord(name=name, role=role_of, kind=_kind(name, known)))
    if not any(a.role == "initiator" for a in actors):
        subject = opening_subject(
            candidate.text, event_type, [t.match for t in triggers],
            lambda n: _organisation(n, known), lambda n: _acting_place(n, known), person,
        )
        if subject is not None:
            # the subject of the opening verb does the act: the model may have listed it as the one
            # the act is done to (a lawyer as the recipient of her own criticism)
            actors = [a for a in actors if fold_words(a.name) != fold_words(subject)]
            actors.insert(0, ActorRecord(name=subject, role="initiator", kind=_kind(subject, known)))
    date = resolved = None
    date_span = candidate.date_span
    if date_span is not None:
        resolved = resolve_date(known.text[slice(*date_span)], published)
        date = resolved.iso
        if date is not None and published is not None and date > published and status in ("occurred", "claimed"):
            # an act that took place is not dated after the paper that reports it: the date is a
            # deadline or the demanded act's (طالب ... بالانعقاد قبل يوم الأحد المقبل)
            date_span = date = resolved = None
    return EventRecord(
        sentences=[candidate.number],
        event_type=event_type,
        status=status,
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        actors=actors,
        place=candidate.places[0] if candidate.places else lead,
        place_in_sentence=bool(candidate.places),
        place_precise=bool(candidate.places) and _precise(candidate.places[0], known),
        area=_area(candidate.places, known, lead_area or lead) if candidate.places else lead_area,
        date_span=date_span,
        date=date,
        date_precision=resolved.precision if resolved is not None else "unknown",
        attribution=sources,
        trigger=first.match.text if first else "",
        gloss=first.match.row.gloss if first else "",
    )


def merge(
    records: Sequence[EventRecord], candidates: dict[int, Candidate], known: KnownNames | None = None
) -> list[EventRecord]:
    """Records that report the same act as one, in article order.

    Two records are one act when they have the same type (or one is only words of harm beside an
    attack, a disaster or an epidemic: `_typed_alike`) and status, nothing tells them apart
    (different resolved dates; different places named in their sentences, except for a statement,
    whose places are mostly its parties, a country with a town or division in it, which `known`
    places: السويداء and جنوبي سوريا, and a place the other record's sentences also name
    (`_one_place`); initiators on both sides with none in common) and
    something links them: an actor in common, the same day, a count in common, the same place named in both
    sentences, a definite trigger (الهجوم، الانفجار) that refers back to an act of the same kind,
    or the next sentence when it has no date of its own. Actors are in common where one name is
    within the other (`_common`: الوزارة, a later mention of وزارة البترول; الحكومة of الحكومة العراقية),
    a person counting as the body of the post the article writes before their name (`_one_side`:
    وزير البترول المصري، طارق الملا and وزارة البترول).

    Measured on 21 real news articles (replayed, 2026-12-01): the next-sentence link raised event
    precision 0.305 -> 0.337 for one wrong join (018: the black-market rate and, next, the new
    rate-setting mechanism, both `economy`).
    """
    out: list[EventRecord] = []
    for r in records:
        into = next((o for o in out if _same_act(o, r, candidates, known)), None)
        if into is None:
            out.append(r.model_copy(deep=True))
            continue
        if into.event_type != r.event_type and _harm_only(into, candidates):
            # the act is the other record's: the dead were the bombing's
            into.event_type, into.acled_event_type, into.acled_sub_event_type = (
                r.event_type, r.acled_event_type, r.acled_sub_event_type
            )
            into.trigger, into.gloss = r.trigger, r.gloss
        into.sentences.append(r.sentences[0])
        have = {fold_words(a.name) for a in into.actors}
        into.actors += [a for a in r.actors if fold_words(a.name) not in have]
        if into.date_span is None:
            into.date_span, into.date, into.date_precision = r.date_span, r.date, r.date_precision
        if (not into.place_in_sentence or not into.place_precise) and r.place_in_sentence and r.place_precise:
            into.place, into.place_in_sentence, into.place_precise, into.area = r.place, True, True, r.area  # the town
        elif not into.place_in_sentence and r.place_in_sentence:
            into.place, into.place_in_sentence, into.place_precise, into.area = r.place, True, r.place_precise, r.area
        into.attribution += [a for a in r.attribution if a not in into.attribution]
    return out


def capped(records: Sequence[EventRecord], point_sentences: Sequence[int] = ()) -> list[EventRecord]:
    """At most `MAX_EVENTS` records, in article order: those coded from the points' sentences first
    (most important point first), then the earliest."""
    if len(records) <= MAX_EVENTS:
        return list(records)
    rank = {n: i for i, n in reversed(list(enumerate(point_sentences)))}
    chosen = sorted(records, key=lambda r: (r.sentences[0] not in rank, rank.get(r.sentences[0], 0), r.sentences[0]))
    return sorted(chosen[:MAX_EVENTS], key=lambda r: r.sentences[0])


def named_only(extraction: Extraction, names: dict[str, str]) -> Extraction:
    """Records keep the actors and the place that have an English name. Unlike a point's record, a
    record with no actor left stays: a hazard, an outbreak or an unnamed perpetrator's act is still
    an event."""
    events = [
        e.model_copy(update={
            "actors": [a for a in e.actors if a.name in names],
            "place": e.place if e.place in names else None,
        })
        for e in extraction.events
    ]
    return Extraction(events=events)


def describe(record: EventRecord, names: dict[str, str], place: str | None) -> str:
    """An English description of a record no summary point restates, written by code from the
    trigger's gloss, the type and the English names: "Shelling (assault) by X against Y in Z."
    No number, so nothing in it can be a number the article lacks."""
    gloss = _short_gloss(record.gloss) or record.event_type.value
    status = "" if record.status == "occurred" else f", {record.status}"
    text = f"{gloss[:1].upper()}{gloss[1:]} ({record.event_type.value}{status})"
    by = [names[a.name] for a in record.actors if a.role == "initiator" and a.name in names]
    to = [names[a.name] for a in record.actors if a.role == "recipient" and a.name in names]
    via = [names[a.name] for a in record.actors if a.role == "mediator" and a.name in names]
    if by:
        text += " by " + " and ".join(by)
    if to:
        text += (" against " if record.event_type in HOSTILE else " involving ") + " and ".join(to)
    if via:
        text += ", mediated by " + " and ".join(via)
    if place:
        text += f" in {place}"
    return text + "."


def arabic_unit(sentence: str, quantity: Quantity) -> str | None:
    """The English of the news term right after a quantity's words in `sentence` (17 حافلة -> buses),
    plural unless the value is 1; None when no term follows."""
    at = sentence.find(quantity.text)
    if at < 0:
        return None
    end = at + len(quantity.text)
    for term in TermLexicon.default().find_terms(sentence[end:end + 40]):
        if sentence[end:end + term.start].strip():
            return None  # another word stands between the number and the term
        unit = term.term.canonical
        return unit if quantity.value == 1 or " " in unit else _plural(unit)
    return None


def _short_gloss(gloss: str) -> str:
    """The act's name in a trigger row's gloss, for a description: its notes in brackets left out
    ("attack (physical; a verbal attack is ACCUSE)"), the last of its ;-forms (verb; noun), the
    first of its synonyms (, or /): "shell, bombard; shelling" -> "shelling"."""
    plain = re.sub(r"\([^)]*\)", "", gloss)
    return plain.split(";")[-1].split(",")[0].split("/")[-1].strip()


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _same_act(a: EventRecord, b: EventRecord, candidates: dict[int, Candidate], known: KnownNames | None) -> bool:
    if not _typed_alike(a, b, candidates) or a.status != b.status:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False  # even a day inside "last week": joining overlapping periods lost 016's gold match
    # The places a statement names are mostly its parties (قطر تتهم الإمارات), not where it was made.
    placed = a.event_type not in VERBAL and a.place_in_sentence and b.place_in_sentence and a.place and b.place
    if placed and not _one_place(a, b, candidates, known):
        return False
    text = known.text if known is not None else ""
    doers = [[x.name for x in r.actors if x.role == "initiator"] for r in (a, b)]
    if doers[0] and doers[1] and not _one_side(doers[0], doers[1], text):
        return False  # another initiator, another act (the king's order, then the government's rise)
    if _one_side([x.name for x in a.actors], [x.name for x in b.actors], text):
        return True
    if a.date is not None and a.date == b.date and a.date_is_day and b.date_is_day:
        return True  # the same day: what ACLED's de-duplication keys on, with the type and the place
    if b.sentences[0] == max(a.sentences) + 1 and b.date_span is None:
        return True  # the next sentence, same type and status, undated: news adds detail right after the lead
    if a.place_precise and b.place_precise and _same_place(a.place, b.place, known):  # type: ignore[arg-type]
        return True  # the same town or division named in both
    counts = [{v for v in values_in(candidates[r.sentences[0]].text) if not (v.is_integer() and int(v) in _YEARS)}
              for r in (a, b)]
    if counts[0] & counts[1]:
        return True
    return _definite(b.trigger)


def _typed_alike(a: EventRecord, b: EventRecord, candidates: dict[int, Candidate]) -> bool:
    """Whether two records may be one act by their types: the same type, or one record read only
    from words of harm of any cause (`_harm_only`: القتلى، الجرحى، حصيلة، وفيات) beside a record of
    an attack, a disaster or an epidemic, which the model typed otherwise (002: "من بين القتلى
    مدنيين", typed `disaster`, after the bombings)."""
    if a.event_type == b.event_type:
        return True
    return any(_harm_only(x, candidates) and y.event_type in _HARMS for x, y in ((a, b), (b, a)))


def _harm_only(record: EventRecord, candidates: dict[int, Candidate]) -> bool:
    """Whether the record's (first) sentence has triggers and each is a weak word of harm of any
    cause, proposing an attack, a disaster and an epidemic alike."""
    candidate = candidates.get(record.sentences[0])
    return (candidate is not None and bool(candidate.triggers)
            and all(not t.match.strong and _HARMS <= set(t.match.types) for t in candidate.triggers))


_HARMS = frozenset({EventType.assault, EventType.disaster, EventType.health})


def _one_side(names: Sequence[str], others: Sequence[str], text: str) -> bool:
    """Whether `names` and `others` have an actor in common (`_common`), counting a person as the body
    whose post the article gives them (`_bodies`): وزير البترول المصري، طارق الملا acts for وزارة
    البترول."""
    return _common([*names, *_bodies(names, text)], [*others, *_bodies(others, text)])


def _bodies(names: Sequence[str], text: str) -> list[str]:
    """The bodies the article's posts before `names` name: "وزير X" -> "وزارة X"; "المتحدث باسم
    وزارة الداخلية", "محافظ البنك المركزي" -> the name after the post noun."""
    out = []
    for name in names:
        at = _first_mention(name, text)
        if at is None:
            continue
        # the post stands right before the name, its apposition (وزير البترول المصري، طارق الملا)
        clause = _CLAUSE_END.split(text[:at].rstrip(" ،,"))[-1].split()[-_POST_WORDS:]
        head = next((k for k, w in enumerate(clause) if fold_words(w) and fold_words(w)[0] in _POSTS), None)
        if head is None or head + 1 >= len(clause):
            continue
        rest = clause[head + 1:]
        if fold_words(rest[0])[:1] == (_ON_BEHALF,):
            rest = rest[1:]
        # words, up to the person's own rank or title (المتحدث باسم وزارة الداخلية اللواء سعد معن)
        rest = list(takewhile(lambda w: bool(fold_words(w)) and not any(map(is_person_title, fold_words(w))), rest))
        if not rest:
            continue
        out.append(f"وزارة {rest[0]}" if fold_words(clause[head])[0] in _MINISTERS else " ".join(rest))
    return out


def _first_mention(name: str, text: str) -> int | None:
    """Where `name` is first written as a word of `text` (up to two proclitics before it, وبالأردن;
    no letter after it: الأردن is not in الأردنية), or None."""
    for match in re.finditer(re.escape(name) + r"(?!\w)", text):
        before = text[max(0, match.start() - 3):match.start()]
        if re.search(r"(?:^|[^\w])[وفبلك]{0,2}$", before):
            return match.start()
    return None


#: Words of a post before a name: المتحدث باسم وزارة الداخلية اللواء
_POST_WORDS = 6
_MINISTERS = frozenset(fold_words("وزير وزيرة"))
# post nouns whose next words name the body the person acts for (a title like الرئيس does not)
_POSTS = _MINISTERS | frozenset(fold_words("المتحدث المتحدثة الناطق الناطقة متحدث ناطق محافظ مدير مديرة رئيس رئيسة"))
_ON_BEHALF = fold_words("باسم")[0]
_CLAUSE_END = re.compile(r"[.؛;:!?()\"«»\n]")


def _common(names: Sequence[str], others: Sequence[str]) -> bool:
    """Whether one of `names` names one of `others`: the same words, or one within the other (a
    later mention by its head, الوزارة for وزارة البترول; الحكومة for الحكومة العراقية)."""
    return any(
        fold_words(x) == fold_words(y) or Source(y).has_name(x) or Source(x).has_name(y) for x in names for y in others
    )


def _one_place(a: EventRecord, b: EventRecord, candidates: dict[int, Candidate], known: KnownNames | None) -> bool:
    """Whether two records' places can be where one act happened: the same place (`_same_place`), or
    one record's place named in the other's sentences, as written or within a longer name. A sentence
    that names the town and then its country (مدينة بوفاريك ... العاصمة، الجزائر) is at the country
    another sentence is at, even where no list knows the town; مطار بوفاريك is at بوفاريك."""
    if _same_place(a.place, b.place, known):  # type: ignore[arg-type]
        return True

    def named(r: EventRecord) -> list[str]:
        return [p for p in (r.place, *(p for n in r.sentences if n in candidates for p in candidates[n].places)) if p]

    return bool(a.place and b.place) and (_common([a.place], named(b)) or _common([b.place], named(a)))


def _same_place(a: str, b: str, known: KnownNames | None) -> bool:
    """Whether two places can be where one act happened: the same name, or a country and a town or
    division in it (a report names the town, another sentence only the country)."""
    if fold_words(a) == fold_words(b):
        return True
    if known is None:
        return False
    pa, pb = known.place(a), known.place(b)
    if pa is None or pb is None or pa.country != pb.country:
        return False
    return "country" in (pa.precision, pb.precision)


def _definite(trigger: str) -> bool:
    """Whether a trigger's first word carries the article: a verbal noun that refers back (الهجوم)."""
    words = fold_words(trigger)
    return bool(words) and any(stem.startswith("ال") for stem, _ in PROCLITICS.readings(words[0]))


def _precise(name: str, known: KnownNames) -> bool:
    """Whether a place is a town or a division, not a whole country; a place no list knows, which
    the article's place word names (`site_names`: نهر الدندر، حي غوط الشعال), is as precise as a town."""
    place = known.place(name)
    return place is None or place.precision in ("city", "admin1")


def _actor(name: str, known: KnownNames) -> bool:
    """Whether a name is a known actor (glossary, not media) or a country or town (its government)."""
    return _organisation(name, known) or _acting_place(name, known)


def _organisation(name: str, known: KnownNames) -> bool:
    """Whether a name is a known actor of the glossary, not a news outlet."""
    entry = known.glossary.lookup(name)
    return entry is not None and entry.kind not in MEDIA_KINDS


def _acting_place(name: str, known: KnownNames) -> bool:
    """Whether a name is a country or town the glossary does not list (it acts through its government)."""
    if known.glossary.lookup(name) is not None:
        return False
    place = known.place(name)
    return place is not None and place.precision in ("country", "city")


def _person_check(known: KnownNames, romanizer: Romanizer | None) -> Callable[[str], bool]:
    """Whether a name is a person's: two words or more that `romanizer` spells from attested names, or
    one word the article writes earlier as the end of such a name (a mention by surname)."""
    if romanizer is None:
        return lambda name: False

    def person(name: str) -> bool:
        if len(name.split()) > 1:
            return romanizer.person(name) is not None
        return romanizer.surname(name, known.text)

    return person


def _medium(name: str, entry: GlossaryEntry | None) -> bool:
    """Whether a name is a news outlet: the kind of its glossary `entry` where it has one, else its head noun."""
    return entry.kind in MEDIA_KINDS if entry is not None else is_medium(name)


def _kind(name: str, known: KnownNames) -> str:
    entry = known.glossary.lookup(name)
    if entry is not None:
        return _KINDS.get(entry.kind, "other")
    return "other"


def _area(places: Sequence[str], known: KnownNames, lead: str | None) -> str | None:
    """Where the first of `places` is one no list knows (`site_names`): the sentence's next place
    the gazetteer knows, else the article's main place, for its coordinates; else None."""
    if not places or known.place(places[0]) is not None:
        return None
    return next((p for p in places[1:] if known.place(p) is not None), lead if lead and known.place(lead) else None)


def _lead_places(source: Source, known: KnownNames) -> tuple[str, ...]:
    """The places of the first sentence that names one: the first is the article's main place."""
    return next((places for text in source.sentence_texts() if (places := places_in(text, known))), ())
