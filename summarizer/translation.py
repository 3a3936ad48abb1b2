"""The English stage: the headline, each point and each name, translated from the validated Arabic.

One validated call per text; the known names (glossary, gazetteer) are written in their canonical
English inside the Arabic the model translates, and the validators require them in the answer.
A point whose English never validates (or is cut at max_tokens) is dropped, as long as one point
is left (event records are grounded on article sentences, not on points, so none goes with it);
a name without an English is left out of the events (`events.named_only`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import OutputTruncated, ValidationFailed
from .event_records import Extraction
from .names import KnownNames
from .responses import ArabicSummary, EnglishText
from .stages import StageRunner

__all__ = ["English", "translate", "without_untranslated"]

# A translation the model never got right: re-asks ran out, or the answer was cut at max_tokens.
_FAILED = (ValidationFailed, OutputTruncated)


async def translate(runner: StageRunner, arabic: ArabicSummary, extraction: Extraction, known: KnownNames) -> English:
    """English for the headline, each point and each name not in the glossary or gazetteer.

    One validated call per text, with the canonical English of the known names in it as
    hints. A point whose translation fails is dropped (reported), unless it is the last one; a
    failed headline is replaced by the first point's English, a failed name is left out of the
    events.
    """

    async def one(kind: str, text: str, others: list[str]) -> str:
        hints = known.hints(text)
        shown = text if kind == "name" else known.in_english(text)
        extra = {"kind": kind, "arabic": shown, "hints": [(ar, forms[0]) for ar, forms in hints]}
        result = await runner.run(
            "translate_en", EnglishText, extra=extra, kind=kind, arabic=text, others=others, hints=hints
        )
        return result.text

    try:
        headline: str | None = await one("headline", arabic.headline, [])
    except _FAILED as failure:
        headline = None
        runner.rejected.append(f"translate_en: headline not translated, the first point stands in ({failure.message[:300]})")
    points: dict[int, str] = {}
    for i, point in enumerate(arabic.points):
        try:
            points[i] = await one("sentence", point.text, list(points.values()))
        except _FAILED as failure:
            if i == len(arabic.points) - 1 and not points:
                raise  # no point has an English: nothing valid is left of the stage
            runner.rejected.append(f"translate_en: dropped point {i + 1} ({failure.message[:300]})")
    names: dict[str, str] = {}
    for name in _names(extraction):
        try:
            names[name] = known.english(name) or await one("name", name, [])
        except _FAILED as failure:
            runner.rejected.append(
                f"translate_en: no English for the name {name!r}, dropped from the events ({failure.message[:200]})"
            )
    # A headline is a summary's shortest sentence: a validated point stands in for a failed one.
    return English(headline or next(iter(points.values())), points, names)


@dataclass(frozen=True)
class English:
    """The validated English of an article's headline, points and names."""

    headline: str
    points: dict[int, str]  # index of the Arabic point -> its English
    names: dict[str, str]


def without_untranslated(arabic: ArabicSummary, english: English) -> tuple[ArabicSummary, English]:
    """Drop the points that have no English and renumber the rest."""
    keep = sorted(english.points)
    return (
        arabic.model_copy(update={"points": [arabic.points[i] for i in keep]}),
        English(english.headline, {new: english.points[old] for new, old in enumerate(keep)}, english.names),
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
