"""Faithfulness metrics: are the output's numbers, names and quotes in the source?"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..arabic import fold
from ..grounding import Source
from ..models import ArticleSummary, Bilingual, Evidence
from ..numbers import find_numbers, same_number, values_in
from .text import arabic_name_in, english_name_in

__all__ = [
    "Ratio",
    "generated_texts",
    "ordinal_values",
    "number_precision",
    "number_recall",
    "entity_recall",
    "all_evidence",
    "evidence_grounding",
]


@dataclass(frozen=True)
class Ratio:
    """hits / total, with the items that missed; `value` is None when there is nothing to count."""

    hits: int
    total: int
    missed: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def reason(self, what: str, missed_label: str) -> str:
        if not self.total:
            return f"no {what}"
        text = f"{self.hits}/{self.total} {what}"
        if self.missed:
            shown = ", ".join(self.missed[:8]) + (" …" if len(self.missed) > 8 else "")
            text += f"; {missed_label}: {shown}"
        return text


def generated_texts(summary: ArticleSummary) -> list[tuple[str, str]]:
    """(field path, text) of every free text the model wrote, in both languages.

    Headline, summary, key points and event descriptions; names and quoted evidence are not
    free text (names are checked by entity metrics, quotes by evidence grounding).
    """
    out: list[tuple[str, str]] = []
    for lang in ("ar", "en"):
        # a text kept without English (its translation failed) has no English to check
        said = [("headline", summary.headline), ("summary", summary.summary),
                *((f"key_points[{i}]", k) for i, k in enumerate(summary.key_points))]
        out += [(f"{where}.{lang}", text) for where, value in said if (text := getattr(value, lang)) is not None]
        out += [(f"events[{i}].description.{lang}", getattr(e.description, lang)) for i, e in enumerate(summary.events)]
    return out


# Arabic ordinals with the article ground their cardinal in a translation: "children under five"
# renders "دون سن الخامسة", "from 6 a.m." renders "من السادسة صباحاً". `summarizer.numbers` does not
# read ordinals as counts (rightly, for grounding a count); this metric only accepts them as a
# source for the same value. Keys are folded (ة -> ه, ى -> ي, hamza seats -> ا).
_ORDINAL_STEMS = {
    "اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7, "ثامن": 8, "تاسع": 9, "عاشر": 10,
}
_ORDINALS = {
    prefix + stem + ending: value
    for stem, value in _ORDINAL_STEMS.items()
    for ending in ("", "ه")
    for prefix in ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
} | {prefix + "اولي": 1 for prefix in ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")}


def ordinal_values(text: str) -> set[float]:
    """Values of the Arabic ordinal words with the article in `text` (الخامسة -> 5)."""
    return {float(_ORDINALS[w]) for w in fold(text).text.split() if w in _ORDINALS}


def number_precision(summary: ArticleSummary, source: Source) -> Ratio:
    """Share of the number mentions in the output's free text that the source states.

    A mention is grounded when one of its possible values is a value the article states, in
    digits or words, in any notation (`summarizer.numbers`): "seven thousand" in English is
    grounded by "سبعة آلاف" in the article; or the value of an Arabic ordinal with the article
    (`ordinal_values`: "under five" by "دون سن الخامسة"). Missed: the ungrounded mentions with
    their field.
    """
    hits = total = 0
    missed: list[str] = []
    ordinals = ordinal_values(source.original)
    for where, text in generated_texts(summary):
        for mention in find_numbers(text):
            total += 1
            if any(source.states_value(v) or any(same_number(v, o) for o in ordinals) for v in mention.values):
                hits += 1
            else:
                missed.append(f"{mention.text!r} in {where}")
    return Ratio(hits, total, tuple(missed))


def number_recall(required: Iterable[float], text: str) -> Ratio:
    """Share of the required numbers (gold `facts.numbers`) stated in `text`, in any notation."""
    values = values_in(text)
    required = list(required)
    missed = tuple(f"{n:g}" for n in required if not any(same_number(n, v) for v in values))
    return Ratio(len(required) - len(missed), len(required), missed)


def entity_recall(
    required: Iterable[Bilingual], text: str, lang: str, accepted: Callable[[str], Iterable[str]] = lambda ar: ()
) -> Ratio:
    """Share of the required names (gold `facts.places` + `facts.actors`) named in `text`.

    Arabic names are matched Arabic-aware (`arabic_name_in`), English names by exact token
    matching (`english_name_in`) of the gold's English or of another English name that
    `accepted(arabic)` declares for the same actor or place (the glossary entry's accepted
    variants, GeoNames' names of the place the gold's Arabic resolves to): the gold writes one
    English form, the Arabic matcher already accepts every written form of the Arabic name, and
    "Houthis" names the gold's "Houthi movement". Never a variant of another name.
    """
    missed = []
    required = list(required)
    for name in required:
        if lang == "ar":
            hit = arabic_name_in(name.ar, text)
        else:
            hit = any(english_name_in(form, text) for form in (name.en, *accepted(name.ar)))
        if not hit:
            missed.append(getattr(name, lang))
    return Ratio(len(required) - len(missed), len(required), tuple(missed))


def all_evidence(summary: ArticleSummary) -> list[tuple[str, Evidence]]:
    """(field path, evidence) of every evidence span the output proposes."""
    out: list[tuple[str, Evidence]] = []
    for i, point in enumerate(summary.key_points):
        out += [(f"key_points[{i}].evidence[{j}]", e) for j, e in enumerate(point.evidence)]
    for i, event in enumerate(summary.events):
        out += [(f"events[{i}].evidence[{j}]", e) for j, e in enumerate(event.evidence)]
        out += [(f"events[{i}].quantities[{j}].evidence", q.evidence) for j, q in enumerate(event.quantities)]
    for i, entity in enumerate(summary.entities):
        out += [(f"entities[{i}].evidence[{j}]", e) for j, e in enumerate(entity.evidence)]
    return out


def evidence_grounding(summary: ArticleSummary, source_text: str) -> Ratio:
    """Share of proposed evidence spans found in the source: matched (exact, normalised or
    fuzzy) with offsets that lie inside the article. Missed: the not-found or out-of-range ones."""
    spans = all_evidence(summary)
    missed = []
    for where, ev in spans:
        valid = ev.start is not None and ev.end is not None and 0 <= ev.start < ev.end <= len(source_text)
        if ev.match == "not_found" or not valid:
            missed.append(f"{where} ({ev.match}{'' if valid or ev.match == 'not_found' else ', bad offsets'})")
    return Ratio(len(spans) - len(missed), len(spans), tuple(missed))
