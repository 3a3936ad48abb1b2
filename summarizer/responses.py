"""What each pipeline stage asks the model for, and the validators fed back to it on failure.

These are small on purpose: a 1.5B model stays faithful with short, staged outputs whose every
string has a length limit. Validators need the article, passed by instructor as validation
context (`{"source": grounding.Source, ...}`); their messages are written to be read by the
model in a re-ask, so they say what to do, not only what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator
from rapidfuzz import fuzz

from .arabic import fold, fold_words
from .attribution import attribution_problems
from .event_candidates import Candidate
from .glossary import accepts_english
from .grounding import Source
from .numbers import find_numbers, same_number, values_in
from .repetition import NEAR_DUPLICATE, duplicate_pairs, repeated_ngram
from .roles import expected_role
from .sayers import dropped_speakers, swapped_sayers
from .scripts import arabic_words, is_arabic, is_latin
from .terms import TermLexicon

ArabicLine = Annotated[str, Field(min_length=2, max_length=300)]
EnglishLine = Annotated[str, Field(min_length=2, max_length=400)]
Name = Annotated[str, Field(min_length=2, max_length=80)]



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
# An English text that ends on one of these stopped mid-phrase: most often at a double quote the
# model did not escape, which ends the JSON string (news 026: «النهضة» gave "…with the ").
_CUT_AT = re.compile(r"\b(?:the|a|an|of|to|with|and|in|on|for|by|from|at|as)\s*$", re.IGNORECASE)

# What English writes as a number where Arabic often has words the number reader does not count:
# a clock time (10:16, 6 a.m. for السادسة صباحا), an age (children under five: دون الخامسة).
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock)|:\d", re.IGNORECASE)
# Values Arabic states with a noun alone, no number word: a nil, the singular, the dual, one of a scale.
_WORDLESS = frozenset({0.0, 1.0, 2.0, 1e3, 1e6, 1e9, 1e12})
_AGE_BEFORE = re.compile(r"\b(?:under|over|aged?)\s+$", re.IGNORECASE)


def added_numbers(english: str, arabic: str) -> list[str]:
    """Numbers of a translation its Arabic does not state ("more than 30 injured" for عشرون قتيلا).

    Not counted, where English writes a number and Arabic a word the number reader does not count:
    0, 1 and 2 (a score's nil, 5-0 for بخمسة أهداف دون رد; the singular and the dual, يومين "two
    days", بجنيهين "from 2 pounds"), one of a scale (للمليار السابق, "the previous 1 billion"), a
    clock time, an age after under/over/aged, and a number inside a word (EGX30, 30th). The
    article-level check (`text_problems`) still refuses a number the article never states."""
    stated = values_in(arabic)
    out = []
    for m in find_numbers(english):
        if m.values <= _WORDLESS or any(same_number(v, w) for v in m.values for w in stated):
            continue
        glued = (m.start > 0 and english[m.start - 1].isalnum()) or english[m.end:m.end + 1].isalpha()
        clock = bool(_CLOCK_AFTER.match(english, m.end)) or english[max(0, m.start - 1):m.start] == ":"
        if glued or clock or _AGE_BEFORE.search(english, 0, m.start):
            continue
        out.append(m.text)
    return out


def swapped_changes(english: str, arabic: str) -> list[tuple[str, str, str]]:
    """(English words, Arabic words, their meaning) of each number the translation gives as "by N" where the Arabic
    says إلى N (to N), or "to N" where it says بنسبة / بمقدار N (by N): a change's amount told as its
    new level, or the reverse ("decreased the currency value by 47.5 pounds" for خفض … قيمة العملة
    إلى 47.5 جنيه). Hedges between the word and the number (about, نحو) are passed over; a number the
    Arabic writes both ways, or with neither word, is left alone."""
    relations = [(m, _relation(fold_words(arabic[:m.start]), _AR_RELATIONS, _AR_HEDGES)) for m in find_numbers(arabic)]
    out = []
    for m in find_numbers(english):
        said = _relation([w.lower() for w in re.findall(r"[A-Za-z]+", english[:m.start])], _EN_RELATIONS, _EN_HEDGES)
        if said is None:
            continue
        same = [(a, r) for a, r in relations if any(same_number(v, w) for v in m.values for w in a.values)]
        meant = {r for _, r in same}
        if meant and None not in meant and said not in meant:
            (relation,) = meant  # one relation, and not the English one
            word = next(written for written, r in _AR_WRITTEN if r == relation)
            out.append((f"{said} {m.text}", f"{word} {same[0][0].text}", f"{relation} {m.text}"))
    return out


def swapped_harms(english: str, arabic: str, lexicon: TermLexicon | None = None) -> list[tuple[str, str]]:
    """(English words, what the Arabic counts) of each number of the dead the translation gives as
    the wounded, or the reverse ("14 protesters were killed" for قتل محتج وأصيب 14). A number is
    read with the casualty word next to it in its stretch of text (up to another number or a
    punctuation mark): in Arabic the news-term lexicon's rows of the dead and the wounded, in
    English their English forms that only one side has. A number the Arabic counts both ways, or
    neither, is left alone."""
    lexicon = lexicon or TermLexicon.default()
    words = _harm_words(lexicon)
    counted = []
    for m in find_numbers(arabic):
        before = _STRETCH.split(arabic[:m.start])[-1]
        if re.search(r"(?:^|\s)و\s?$", before):
            before = ""  # 4 قتلى و9 جرحى: the nine are counted by the word after them
        after = _STRETCH.split(arabic[m.end:])[0]
        near = [t for t in lexicon.find_terms(before) if len(before[t.end:].split()) <= 1]
        near += [t for t in lexicon.find_terms(after) if len(after[:t.start].split()) <= 1]
        kinds = {kind for t in near for kind, ids in _HARM_IDS.items() if t.term.id in ids}
        counted.append((m, kinds))
    out = []
    for m in find_numbers(english):
        before = re.findall(r"[A-Za-z]+", _STRETCH.split(english[:m.start])[-1].lower())
        after = re.findall(r"[A-Za-z]+", _STRETCH.split(english[m.end:])[0].lower())
        # "kills 4", then "4 killed", "4 protesters were killed", then "the killing of 4 …"
        said = next((kind for w in [*before[-1:], *after[:3], *before[-2:-1]] for kind, forms in words.items()
                     if w in forms), None)
        meant = {k for a, kinds in counted if any(same_number(v, w) for v in m.values for w in a.values) for k in kinds}
        if said is not None and len(meant) == 1 and said not in meant:
            out.append((f"{m.text} {said}", f"{m.text} {next(iter(meant))}"))
    return out


# Rows of the news-term lexicon (summarizer/data/terms.tsv) that count the dead and the wounded.
_HARM_IDS = {
    "killed": frozenset({"kill", "lost_lives", "claimed_lives", "death", "martyr", "bodies"}),
    "wounded": frozenset({"wound", "injury"}),
}
_STRETCH = re.compile(r"[0-9\u0660-\u0669;,.()\u060c\u061b]")


@lru_cache(maxsize=4)
def _harm_words(lexicon: TermLexicon) -> dict[str, frozenset[str]]:
    """The one-word English forms of the dead's rows and of the wounded's, without those both have
    ("casualties") or that are weak."""
    forms = {
        kind: {f for i in ids if (t := lexicon.get(i)) is not None for f in t.english
               if " " not in f and f not in t.weak_english}
        for kind, ids in _HARM_IDS.items()
    }
    return {kind: frozenset(f - set().union(*(o for k, o in forms.items() if k != kind))) for kind, f in forms.items()}


def _relation(words: Sequence[str], relations: dict[str, str], hedges: frozenset[str]) -> str | None:
    """"to" or "by" when the words before a number end with one (hedges passed over), else None."""
    for word in reversed(words[-4:]):
        if word in relations:
            return relations[word]
        if word not in hedges:
            return None
    return None


_EN_RELATIONS = {"to": "to", "by": "by"}
_EN_HEDGES = frozenset(
    "about nearly around almost approximately roughly some over under least than at more less just only".split()
)
_AR_WRITTEN = (("إلى", "to"), ("الى", "to"), ("بنسبة", "by"), ("بمقدار", "by"), ("بواقع", "by"))
_AR_RELATIONS = {fold_words(written)[0]: relation for written, relation in _AR_WRITTEN}
_AR_HEDGES = frozenset(fold_words("نحو حوالي قرابة أكثر أقل من ما يقارب زهاء"))


def foreign_links(text: str, allowed: str) -> list[str]:
    """The links in `text` that `allowed` does not contain (case-insensitive, trailing punctuation ignored)."""
    haystack = allowed.lower()
    links = (m.rstrip(".,;:)") for m in _LINK.findall(text))
    return [link for link in links if link.lower() not in haystack]


def _latin_problem(text: str, message: str) -> str | None:
    """`message`, naming the Arabic words left, when `text` is not all English script.

    Not a share of the letters: one name left half in Arabic ("Siسي", 90 % Latin) is a defect a
    reader sees."""
    left = arabic_words(text)
    if not left and is_latin(text):
        return None
    return message + (f" ({', '.join(left[:5])})" if left else "")


def text_problems(text: str, where: str, language: Literal["ar", "en"], source: Source | None) -> list[str]:
    """Script, grounding and repetition problems of one output string, as re-ask instructions."""
    problems = []
    if source is not None and (links := foreign_links(text, source.original)):
        problems.append(f"{where} contains link(s) {', '.join(links)} that the article does not contain; remove them")
    if language == "ar" and not is_arabic(text):
        problems.append(f"{where} must be written in Arabic (Arabic script), not another language")
    if language == "en" and (problem := _latin_problem(text, f"{where} must be written in English (Latin script), "
                                                            "without Arabic words")):
        problems.append(problem)
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


# Share of a text's content words that its best-supporting article sentence (with its neighbours)
# must contain to be that text's sentence at all (below it, the text restates nothing there).
MIN_SUPPORT = 0.7


def support_problem(text: str, where: str, source: Source | None, threshold: float = MIN_SUPPORT) -> list[str]:
    """Re-ask instruction when the article sentence closest to `text` (with its neighbours) lacks any of
    its content words (`Source.unsupported_words`: exact words, clitics and inflection aside)."""
    if source is None:
        return []
    number, score = source.best_sentence(text)
    if score < threshold:
        return [f"{where} says things the article does not say (closest is sentence [{number}]); restate what the article says"]
    missing = source.unsupported_words(text, [number - 1, number, number + 1])
    if missing:
        return [
            f"{where} uses {', '.join(missing[:5])}, which sentence [{number}] of the article does not say; "
            "restate it with the article's own words"
        ]
    return []


# --- stage 1: the Arabic summary, as evidenced points ------------------------------------------

class PointDraft(_Response):
    text: ArabicLine = Field(description="One short Arabic sentence with one main fact, close to the article's words")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> PointDraft:
        source = _source(info)
        _raise(
            text_problems(self.text, "point", "ar", source) + support_problem(self.text, "point", source)
            + attribution_problems(self.text, "point", source)
        )
        return self


def headline_problems(headline: str, source: Source | None) -> list[str]:
    """Re-ask instructions for an Arabic headline (script, links, loops, numbers and whose they are,
    support by the article)."""
    problems = text_problems(headline, "headline", "ar", source) + attribution_problems(headline, "headline", source)
    if source is not None and (missing := source.unsupported_words(headline)):
        problems.append(
            f"headline uses {', '.join(missing[:5])}, which the article does not say; build it from the article's words"
        )
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


# --- stage 2: which candidate sentences report an event, and who acts ------------------------

#: The answer for a candidate sentence that reports no event of the news.
NO_EVENT = "none"


class EventChoice(_Response):
    """The model's coding of one candidate sentence (`event_choices` makes one class per sentence).

    `event_type` is an enum of the types the sentence's triggers propose and "none"; the embedded
    model's grammar enforces it, so the model only chooses among what the sentence's words allow.
    """

    sentence: ClassVar[int] = 0  # the sentence this class codes (1-based)

    event_type: str = Field(description="The type of the act the sentence reports, or none")
    initiators: list[Name] = Field(
        default_factory=list, max_length=2, description="Who does the act, names copied from the sentence"
    )
    recipients: list[Name] = Field(
        default_factory=list, max_length=2, description="Who the act is done to or aimed at, names copied from the sentence"
    )

    @model_validator(mode="after")
    def _checked(self, info: ValidationInfo) -> EventChoice:
        candidate = _context(info).get("candidates", {}).get(self.sentence)
        if candidate is not None:
            _raise(choice_problems(self, candidate))
        return self


def choice_problems(choice: EventChoice, candidate: Candidate) -> list[str]:
    """Re-ask instructions for a sentence's coding: names not in the sentence, a name in both lists,
    roles the sentence's words contradict (`roles.expected_role`)."""
    if choice.event_type == NO_EVENT:
        return []
    where = f"sentence {candidate.key}"
    sentence = Source(candidate.text)
    problems = [
        f"{where}: {name!r} is not named in this sentence; copy names from the sentence, or leave the list empty"
        for name in (*choice.initiators, *choice.recipients)
        if not sentence.has_name(name)
    ]
    # in the reply's order, not a set's: the same reply gives the same message in every process
    problems += [
        f"{where}: {name!r} is listed as initiator and as recipient; keep it in one list"
        for name in dict.fromkeys(choice.initiators) if name in choice.recipients
    ]
    if problems:
        return problems
    triggers = [t.match for t in candidate.triggers_of(choice.event_type)]
    for names, wrong in ((choice.initiators, "recipient"), (choice.recipients, "initiator")):
        for name in names:
            check = expected_role(candidate.text, name, choice.event_type, triggers, candidate.actors)
            if check is not None and check.role == wrong:
                problems.append(
                    f"{where}: {name!r} is the one the act is done to (it follows «{check.word}»); list it under recipients"
                    if wrong == "recipient" else
                    f"{where}: {name!r} does the act (the subject of «{check.word}»); list it under initiators"
                )
    return problems


def event_choices(candidates: Sequence[Candidate]) -> type[BaseModel]:
    """The events stage's response model for one article: one required property per candidate
    sentence (`Candidate.key`), each a class whose `event_type` enum is that sentence's proposed
    types (the type code decided alone, where it did) and "none"."""
    fields: dict[str, Any] = {}
    for c in candidates:
        options = tuple(t.value for t in ((c.decided,) if c.decided else c.types)) + (NO_EVENT,)
        coding = create_model(
            f"Sentence{c.number}",
            __base__=EventChoice,
            event_type=(Literal[options], Field(description="One of the types of this sentence, or none")),
        )
        coding.sentence = c.number
        fields[c.key] = (coding, Field(description=f"Sentence {c.key}"))
    return create_model("EventChoices", __base__=_Response, **fields)


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
        # The known names of the Arabic the English leaves out, and (invented by the translation) the
        # bodies, countries and divisions the Arabic does not name.
        unnamed = [(ar, forms[0]) for ar, forms in context.get("hints", []) if not accepts_english(forms, self.text)]
        foreign = [
            f"the translation names {name!r}, which this Arabic text does not mention; name only whom the Arabic names"
            for name in (context["foreign"](self.text) if "foreign" in context else [])
        ]
        if context.get("kind") == "name":
            script = _latin_problem(self.text, "the English name must be in Latin script, without Arabic letters")
            # A name's words are translated or spelt, never replaced: the model wrote "Al-Qaeda" for
            # الميليشيا الحوثية and "Fromni" for زوجته، منى on real news.
            terms = context.get("terms")
            made_up = [
                f"{word!r} is no word of {context.get('arabic', '')}; translate its words and spell its names letter by letter"
                for word in (terms.invented(self.text) if terms is not None else [])
            ] + (terms.left_out(self.text) if terms is not None else [])
            # A known name inside a longer one (the place in المدينة السويداء) keeps its English: the
            # model wrote "Sudan" for that city on a real article.
            _raise(([script] if script else [])
                   + [f"the English name must contain {ar} as {english!r}" for ar, english in unnamed] + foreign + made_up)
            return self
        problems = text_problems(self.text, "the translation", "en", source)
        arabic = context.get("arabic", "")
        if links := foreign_links(self.text, arabic):
            problems.append(f"the translation adds link(s) {', '.join(links)} that the Arabic does not contain; remove them")
        if _CUT_AT.search(self.text):
            problems.append(
                f"the translation stops after {' '.join(self.text.split()[-3:])!r}; a double quote inside the "
                "text ends it: write quotation marks as ' and translate all of it"
            )
        elif len(arabic.split()) >= _SHORT_TEXT_WORDS and 2 * len(self.text.split()) < len(arabic.split()):
            # English takes more words than Arabic (clitics, articles): under half is an omission,
            # or an answer that obeys something other than the translation task.
            problems.append("the translation is much shorter than the Arabic; translate all of it")
        english = values_in(self.text)
        # the digits too: the model was shown them in place of the words (`numbers.digit_rewrites`)
        missing = [m.text if m.digits in (None, m.text) else f"{m.text} ({m.digits})"
                   for m in find_numbers(arabic) if not any(same_number(v, w) for v in m.values for w in english)]
        if missing:
            problems.append(f"the translation must keep the number(s) {', '.join(missing)} of the Arabic")
        if added := added_numbers(self.text, arabic):
            problems.append(f"the translation states {', '.join(added)}, which the Arabic does not; keep only its numbers")
        # the user's lexicon where the stage has one (`english_checks.TermCheck`)
        lexicon = terms.lexicon if (terms := context.get("terms")) is not None else TermLexicon.default()
        problems += [
            f"the translation says {said!r} where the Arabic says {written} ({meant}): keep the Arabic's meaning"
            for said, written, meant in swapped_changes(self.text, arabic)
        ] + [
            f"the translation says {said!r} where the Arabic counts {meant}: keep who was killed and who wounded"
            for said, meant in swapped_harms(self.text, arabic, lexicon)
        ] + [
            f"the translation has {said!r} say something, but in the Arabic only {speakers} speak: keep who said what"
            for said, speakers in swapped_sayers(self.text, arabic, context.get("hints", []), lexicon)
        ] + [
            f"the translation says {said!r}, but the Arabic does not say whose it was: say where it happened, "
            "not whose, unless the Arabic says it"
            for said in (context["unsaid_nationalities"](self.text) if "unsaid_nationalities" in context else [])
        ] + [
            f"the translation leaves out who says it ({speaker}): say who says it"
            for speaker in dropped_speakers(self.text, arabic, context.get("hints", []), lexicon, context.get("modifiers", ()))
        ]
        problems += [f"the translation must name {ar} as {english!r}" for ar, english in unnamed] + foreign
        if terms is not None:  # english_checks.TermCheck: news terms both ways
            problems += terms.problems(self.text)
        problems += [
            "the translation repeats an earlier one; translate this Arabic text itself"
            for other in context.get("others", [])
            if fuzz.ratio(fold(other).text, fold(self.text).text) >= NEAR_DUPLICATE
        ][:1]
        _raise(problems)
        return self
