"""The built-in scorers: summary overlap, faithfulness, events, and form.

Each is a small class with a `metrics` declaration and `evaluate(case) -> list[Score]`; see
`case.Scorer`. Metric names are the keys of reports, thresholds and baselines: keep them stable.
"""

from __future__ import annotations

from typing import ClassVar

from ..gazetteer import Gazetteer
from ..glossary import Glossary
from ..models import ArticleSummary, Event
from ..names import KnownNames
from ..scripts import script_ratios
from .case import Case, Metric, Score
from .events import FIELDS, match_events
from .faithfulness import entity_recall, evidence_grounding, number_precision, number_recall
from .text import _source, chrf, rouge

__all__ = ["SummaryScorer", "FaithfulnessScorer", "EventScorer", "GeoScorer", "FormScorer", "default_scorers"]

LANGS = ("ar", "en")
NO_GOLD = "no gold for this article"

# Script thresholds, as for gold files: Arabic fields at least 80% Arabic letters, English
# fields at least 90% Latin letters. Fields without letters (a bare number) are not judged.
ARABIC_SHARE = 0.8
LATIN_SHARE = 0.9


_OVERLAP = (("chrf", "chrF", "sacrebleu chrF"), ("rouge1", "R-1", "ROUGE-1 F"), ("rouge2", "R-2", "ROUGE-2 F"),
            ("rougeL", "R-L", "ROUGE-L F"))
# Against the outlet's own summary (the lead), on the articles that have one: the pipeline's Arabic
# summary and the extractive LEAD baselines (the article's first sentence, its first three), so the
# three are compared on the same articles.
_VS_LEAD = (("lead", "summary.ar"), ("lead1", "the article's first sentence (LEAD-1 baseline)"),
            ("lead3", "the article's first three sentences (LEAD-3 baseline)"))


class SummaryScorer:
    """chrF and ROUGE-1/2/L F of the output summary against the reference, per language, and against the outlet's lead.

    The Arabic reference is the outlet's lead where the corpus has one, else the gold summary;
    the English reference is the gold summary.
    """

    metrics: ClassVar[tuple[Metric, ...]] = (
        *(
            Metric(f"{m}_{lang}", f"{desc} of summary.{lang} vs the reference"
                   + (" (the outlet's lead where there is one, else gold)" if lang == "ar" else " (gold)"),
                   group="summary", label=f"{label} {lang}")
            for lang in LANGS
            for m, label, desc in _OVERLAP
        ),
        *(
            Metric(f"{which}_{m}_ar", f"{desc} of {what} vs the outlet's lead (articles with a lead)",
                   group="vs lead", label=f"{which} {label}")
            for which, what in _VS_LEAD
            for m, label, desc in _OVERLAP
        ),
    )

    def evaluate(self, case: Case) -> list[Score]:
        assert case.output is not None
        scores: list[Score] = []
        for lang in LANGS:
            if case.gold is None:
                scores += [Score(f"{m}_{lang}", None, NO_GOLD) for m, _, _ in _OVERLAP]
                continue
            lead = lang == "ar" and case.lead is not None
            # an output with no English (none passed the checks) scores as an empty summary, not as missing
            out = getattr(case.output.summary, lang) or ""
            ref = case.lead if lead else getattr(case.gold.summary, lang)
            assert ref is not None
            what = f"summary.{lang} ({len(out)} chars) vs " + ("the outlet's lead" if lead else f"gold summary.{lang}")
            scores += self._overlap(f"{{}}_{lang}", out, ref, what)
        if case.lead is not None:
            scores += self._overlap("lead_{}_ar", case.output.summary.ar, case.lead, "summary.ar vs the outlet's lead")
        return scores + self.evaluate_failed(case)

    def evaluate_failed(self, case: Case) -> list[Score]:
        """The LEAD baselines, which need no output: they stay comparable when the pipeline fails."""
        if case.lead is None:
            return [Score(f"{which}_{m}_ar", None, "no outlet lead") for which, _ in _VS_LEAD for m, _, _ in _OVERLAP]
        sentences = _source(case.source_text).sentence_texts()
        scores = []
        for which, count in (("lead1", 1), ("lead3", 3)):
            extract = " ".join(sentences[:count])
            scores += self._overlap(f"{which}_{{}}_ar", extract, case.lead, f"first {count} sentence(s) vs the outlet's lead")
        return scores

    @staticmethod
    def _overlap(name: str, output: str, reference: str, what: str) -> list[Score]:
        return [Score(name.format("chrf"), chrf(output, reference), what)] + [
            Score(name.format(metric), value, what) for metric, value in rouge(output, reference).items()
        ]


class FaithfulnessScorer:
    """Numbers grounded in the source, required facts carried, evidence found."""

    metrics: ClassVar[tuple[Metric, ...]] = (
        Metric("number_precision", "numbers in the output's free text that the source states (enforced by the "
               "number validators)", kind="sanity", group="sanity", label="num P"),
        *(
            Metric(f"number_recall_{lang}", f"gold facts.numbers stated in summary.{lang}", group="faithfulness",
                   label=f"num R {lang}")
            for lang in LANGS
        ),
        *(
            Metric(f"entity_recall_{lang}", f"gold facts places and actors named in summary.{lang}",
                   group="faithfulness", label=f"ent R {lang}")
            for lang in LANGS
        ),
        Metric("evidence_grounding", "evidence spans found in the source / spans proposed (offsets are found by "
               "code)", kind="sanity", group="sanity", label="evid"),
    )

    def evaluate(self, case: Case) -> list[Score]:
        output = case.output
        assert output is not None
        precision = number_precision(output, _source(case.source_text))
        scores = [Score("number_precision", precision.value, precision.reason("number mentions grounded", "ungrounded"))]
        for lang in LANGS:
            if case.gold is None:
                scores.append(Score(f"number_recall_{lang}", None, NO_GOLD))
                continue
            recall = number_recall(case.gold.facts.numbers, getattr(output.summary, lang) or "")
            scores.append(Score(f"number_recall_{lang}", recall.value, recall.reason("facts numbers stated", "missing")))
        known = self._known(case)
        for lang in LANGS:
            if case.gold is None:
                scores.append(Score(f"entity_recall_{lang}", None, NO_GOLD))
                continue
            names = [*case.gold.facts.places, *case.gold.facts.actors]
            recall = entity_recall(names, getattr(output.summary, lang) or "", lang, known.english_forms)
            scores.append(Score(f"entity_recall_{lang}", recall.value, recall.reason("facts names named", "missing")))
        grounding = evidence_grounding(output, case.source_text)
        scores.append(Score("evidence_grounding", grounding.value, grounding.reason("evidence spans found", "not found")))
        return scores

    @staticmethod
    def _known(case: Case) -> KnownNames:
        # The built-in data only: the score must not depend on a user's --glossary.
        return KnownNames(case.source_text, Glossary.default(), Gazetteer.default())


class EventScorer:
    """Event records matched to gold optimally; micro precision, recall, F1 overall and per field; type accuracy."""

    metrics: ClassVar[tuple[Metric, ...]] = (
        Metric("event_precision", "predicted events matched to a gold event (micro)", group="events", label="ev P",
               average="micro"),
        Metric("event_recall", "gold events matched by a predicted event (micro)", group="events", label="ev R",
               average="micro"),
        Metric("event_f1", "F1 of event precision and recall (micro: 2M / (P + G))", group="events", label="ev F1",
               average="micro"),
        Metric("event_type_accuracy", "matched events whose type is the gold type (micro)", group="events",
               label="type acc", average="micro"),
        *(
            Metric(f"event_{f}_{m}", f"{m} of the {f} field over matched events (unmatched count as wrong; micro)",
                   group="events", label=f"{f} {m if m != 'f1' else 'F1'}", average="micro")
            for f in FIELDS
            for m in ("precision", "recall", "f1")
        ),
    )

    def evaluate(self, case: Case) -> list[Score]:
        assert case.output is not None
        return self._scores(case, case.output.events)

    def evaluate_failed(self, case: Case) -> list[Score]:
        """A failed article predicts nothing: its gold events count against recall."""
        return self._scores(case, [])

    def _scores(self, case: Case, events: list[Event]) -> list[Score]:
        if case.gold is None:
            return [Score(m.name, None, NO_GOLD) for m in self.metrics]
        result = match_events(events, case.gold.events)
        scores = []
        for metric in self.metrics:
            field = next((f for f in FIELDS if metric.name.startswith(f"event_{f}_")), "type" if "type" in metric.name else None)
            scores.append(Score(metric.name, result.value(metric.name), result.reason(field), result.counts[metric.name]))
        return scores


class GeoScorer:
    """Whether event locations carry coordinates, and whether every place the gazetteer knows does."""

    metrics: ClassVar[tuple[Metric, ...]] = (
        Metric("events_geocoded", "events whose location carries coordinates", group="events", label="geo"),
        Metric("known_places_geocoded", "events whose place the offline gazetteer resolves (article as context) "
               "that carry coordinates", group="events", label="geo known"),
    )

    def evaluate(self, case: Case) -> list[Score]:
        assert case.output is not None
        events = case.output.events
        if not events:
            return [Score(m.name, None, "no events") for m in self.metrics]
        located = [e.location for e in events if e.location is not None]
        with_coordinates = [loc for loc in located if loc.latitude is not None and loc.longitude is not None]
        gazetteer = Gazetteer.default()
        known = [loc for loc in located if gazetteer.resolve(loc.name.ar, context=case.source_text) is not None]
        missing = [loc.name.ar for loc in known if loc.latitude is None or loc.longitude is None]
        return [
            Score("events_geocoded", len(with_coordinates) / len(events),
                  f"{len(with_coordinates)}/{len(events)} events with coordinates"),
            Score("known_places_geocoded", (len(known) - len(missing)) / len(known) if known else None,
                  f"{len(known) - len(missing)}/{len(known)} known places with coordinates"
                  + (f"; without: {', '.join(missing[:6])}" if missing else "")),
        ]


def _language_fields(summary: ArticleSummary) -> dict[str, list[tuple[str, str]]]:
    """lang -> (field path, text) of every field that must be written in that language's script."""
    fields: dict[str, list[tuple[str, str]]] = {"ar": [], "en": []}

    def both(path: str, value: object) -> None:
        for lang in LANGS:
            if (text := getattr(value, lang)) is not None:  # a text kept without English (none passed the checks)
                fields[lang].append((f"{path}.{lang}", text))

    both("headline", summary.headline)
    both("summary", summary.summary)
    for i, point in enumerate(summary.key_points):
        both(f"key_points[{i}]", point)
    for i, event in enumerate(summary.events):
        both(f"events[{i}].description", event.description)
        for j, actor in enumerate(event.actors):
            both(f"events[{i}].actors[{j}].name", actor.name)
        if event.location is not None:
            both(f"events[{i}].location.name", event.location.name)
        for j, quantity in enumerate(event.quantities):
            fields["en"].append((f"events[{i}].quantities[{j}].unit", quantity.unit))
    for i, entity in enumerate(summary.entities):
        both(f"entities[{i}].name", entity.name)
    return fields


class FormScorer:
    """Schema validity, the script of each language field, and what the output cost."""

    metrics: ClassVar[tuple[Metric, ...]] = (
        Metric("schema_validity", "1 when the output is a valid ArticleSummary, else 0", group="form", label="valid"),
        Metric("script_ar", f"Arabic fields with >= {ARABIC_SHARE:.0%} Arabic letters (enforced by the script "
               "validators)", kind="sanity", group="sanity", label="script ar"),
        Metric("script_en", f"English fields with >= {LATIN_SHARE:.0%} Latin letters (enforced by the script "
               "validators)", kind="sanity", group="sanity", label="script en"),
        Metric("retries", "validation re-asks (provenance)", kind="cost", group="form", label="retries"),
        Metric("tokens", "tokens used, failed re-asks included (provenance)", kind="cost", group="form", label="tokens"),
        Metric("latency_s", "seconds for the article (provenance timings.total)", kind="cost", group="form",
               label="latency s"),
    )

    def evaluate(self, case: Case) -> list[Score]:
        output = case.output
        assert output is not None
        scores = [Score("schema_validity", 1.0, "valid ArticleSummary")]
        for lang, fields in _language_fields(output).items():
            index, share = (0, ARABIC_SHARE) if lang == "ar" else (1, LATIN_SHARE)
            judged = wrong = 0
            bad: list[str] = []
            for path, text in fields:
                ratios = script_ratios(text)
                if ratios == (0.0, 0.0):
                    continue
                judged += 1
                if ratios[index] < share:
                    wrong += 1
                    bad.append(f"{path} ({ratios[index]:.0%})")
            value = (judged - wrong) / judged if judged else None
            reason = f"{judged - wrong}/{judged} {lang} fields in the right script"
            if bad:
                reason += "; wrong: " + ", ".join(bad[:6]) + (" …" if len(bad) > 6 else "")
            scores.append(Score(f"script_{lang}", value, reason))
        p = output.provenance
        scores.append(Score("retries", float(p.retries), f"{p.retries} re-asks over {p.calls} calls"))
        scores.append(Score("tokens", float(p.usage.total_tokens),
                            f"{p.usage.prompt_tokens} prompt + {p.usage.completion_tokens} completion"))
        total = p.timings.get("total")
        scores.append(Score("latency_s", total, "provenance timings.total" if total is not None else "no timing"))
        return scores


def default_scorers() -> list[object]:
    """The scorers `summarizer eval` runs, in report order."""
    from .terms import TermScorer  # its own module (issue 15): the lexicon checks as metrics

    return [FormScorer(), SummaryScorer(), FaithfulnessScorer(), EventScorer(), GeoScorer(), TermScorer()]
