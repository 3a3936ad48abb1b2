"""Event records scored against gold: optimal one-to-one matching, then micro precision/recall/F1.

Matching. For every (predicted, gold) pair a similarity in [0, 1] is the mean of the field
similarities that are *informative* for that pair:

* evidence: 1 if a predicted evidence span overlaps a gold evidence span in the article, else 0
  (informative when both records have spans: the record is about what that sentence reports);
* description: ROUGE-1 F of the Arabic descriptions with the Arabic-aware tokenizer (always
  informative: it tells apart two events reported in one sentence);
* location: 1 if the place names match (`same_name`), else 0;
* date: 1 if the resolved dates are equal (the folded date texts when neither resolved), else 0;
* quantities: F1 of the two multisets of values (`same_quantity`: the same number, or the same
  magnitude where one side writes the scale in its unit, 100 "million US dollars" = 100,000,000);
* actors: F1 of the two actor lists, names matched one-to-one with `same_name` (roles ignored).

The type is deliberately not part of the similarity: matching by what the record is about, then
asking whether its type is right, keeps type accuracy honest (a matcher that prefers records of the
same type would pair a wrongly typed record with nothing, and its error would hide in recall).
A field that is empty on both sides (no location in either, no quantities in either) is left out
of the mean, so two bare records are not "similar" only because both lack fields. The pairing that
maximises the total similarity is found with `scipy.optimize.linear_sum_assignment`; pairs with
similarity below `MATCH_THRESHOLD` (0.5) are not admissible: the assignment maximises the total
similarity of admissible pairs only (a sub-threshold pair counts 0), so two near misses never
crowd out one match.

Scores are counts, so a corpus aggregates them micro (sums over every article, not a mean of
per-article ratios): with P predicted and G gold records and M matched pairs, precision = M / P,
recall = M / G, F1 = 2M / (P + G). An article with no predicted records adds nothing to
precision (no credit for saying nothing) and its gold records count against recall. Per field f
(type, location, date, quantities, actors), each matched pair contributes its field score s_f
(here both-empty counts as agreement, 1): precision_f = sum(s_f) / P, recall_f = sum(s_f) / G;
so an unmatched record counts against every field. `event_type_accuracy` = sum(s_type) / M, the
share of matched records whose type is right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..arabic import fold
from ..models import Event, Quantity
from ..numbers import same_number
from .text import rouge, same_name

__all__ = [
    "FIELDS", "MATCH_THRESHOLD", "EventMatch", "EventScores", "field_scores", "match_events", "same_quantity", "similarity",
]

FIELDS = ("type", "location", "date", "quantities", "actors")
MATCH_THRESHOLD = 0.5

T = TypeVar("T")


def _set_f1(a: Sequence[T], b: Sequence[T], same: Callable[[T, T], bool]) -> float:
    """F1 of two lists matched one-to-one greedily with `same`; 1 when both are empty."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    left = list(b)
    hits = 0
    for x in a:
        for k, y in enumerate(left):
            if same(x, y):
                hits += 1
                del left[k]
                break
    return 2 * hits / (len(a) + len(b))


# Large counts are written both ways: the gold files keep the article's figure and put the scale in
# the unit (100, "million US dollars"), the pipeline's number reader applies it (100,000,000).
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _magnitude(quantity: Quantity) -> float:
    words = quantity.unit.split(maxsplit=1)
    return quantity.value * (_SCALES.get(words[0].lower(), 1.0) if words else 1.0)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities state the same number, with or without the scale written in the unit."""
    return same_number(a.value, b.value) or same_number(_magnitude(a), _magnitude(b))


def _date_key(event: Event) -> str | None:
    if event.date.iso is not None:
        return event.date.iso.isoformat()
    return fold(event.date.text).text if event.date.text else None


def _spans(event: Event) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in event.evidence if e.start is not None and e.end is not None]


def _overlap(pred: Event, gold: Event) -> tuple[float, bool]:
    """(1 if a predicted evidence span overlaps a gold one, else 0; informative when both have spans)."""
    a, b = _spans(pred), _spans(gold)
    return float(any(s < e2 and s2 < e for s, e in a for s2, e2 in b)), bool(a and b)


def field_scores(pred: Event, gold: Event) -> dict[str, tuple[float, bool]]:
    """Field -> (score in [0, 1], informative) for one pair; see the module docstring."""
    out: dict[str, tuple[float, bool]] = {"type": (float(pred.event_type == gold.event_type), False)}
    if pred.location is None or gold.location is None:
        out["location"] = (float(pred.location is gold.location), not (pred.location is None and gold.location is None))
    else:
        out["location"] = (float(same_name(pred.location.name, gold.location.name)), True)
    pd, gd = _date_key(pred), _date_key(gold)
    out["date"] = (float(pd == gd), not (pd is None and gd is None))
    out["quantities"] = (
        _set_f1(pred.quantities, gold.quantities, same_quantity),
        bool(pred.quantities or gold.quantities),
    )
    out["actors"] = (
        _set_f1([a.name for a in pred.actors], [a.name for a in gold.actors], same_name),
        bool(pred.actors or gold.actors),
    )
    return out


def similarity(pred: Event, gold: Event) -> float:
    """Mean of the informative field similarities plus the evidence and description similarities."""
    fields = [*field_scores(pred, gold).values(), _overlap(pred, gold)]
    values = [score for score, informative in fields if informative]
    values.append(rouge(pred.description.ar, gold.description.ar)["rouge1"])
    return sum(values) / len(values)


@dataclass(frozen=True)
class EventMatch:
    pred: int
    gold: int
    similarity: float
    fields: dict[str, float]


def _prf(name: str, hits: float, n_pred: int, n_gold: int) -> dict[str, tuple[float, float]]:
    """(numerator, denominator) of precision, recall and F1 for `hits` agreeing records."""
    return {
        f"{name}_precision": (hits, n_pred),
        f"{name}_recall": (hits, n_gold),
        f"{name}_f1": (2 * hits, n_pred + n_gold),
    }


@dataclass
class EventScores:
    """The matching and every score it gives as counts: metric name -> (numerator, denominator)."""

    n_pred: int
    n_gold: int
    matches: list[EventMatch] = field(default_factory=list)
    counts: dict[str, tuple[float, float]] = field(default_factory=dict)

    def value(self, name: str) -> float | None:
        """The metric's value for this article alone; None when its denominator is 0."""
        hits, total = self.counts[name]
        return hits / total if total else None

    def reason(self, field_name: str | None = None) -> str:
        head = f"{len(self.matches)} of {self.n_pred} predicted matched {self.n_gold} gold"
        if field_name is None:
            pairs = ", ".join(f"p{m.pred}↔g{m.gold} ({m.similarity:.2f})" for m in self.matches)
            return head + (f": {pairs}" if pairs else "")
        wrong = [f"p{m.pred}↔g{m.gold}" for m in self.matches if m.fields[field_name] < 1.0]
        agreed = round(sum(m.fields[field_name] for m in self.matches), 2)
        text = f"{head}; {field_name} agrees in {agreed:g}"
        return text + (f"; differs in {', '.join(wrong)}" if wrong else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "matches": [
                {"pred": m.pred, "gold": m.gold, "similarity": round(m.similarity, 4), "fields": m.fields}
                for m in self.matches
            ],
        }


def match_events(pred: Sequence[Event], gold: Sequence[Event], threshold: float = MATCH_THRESHOLD) -> EventScores:
    """Match predicted to gold records optimally and score them (module docstring)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    result = EventScores(n_pred=len(pred), n_gold=len(gold))
    if pred and gold:
        sim = np.array([[similarity(p, g) for g in gold] for p in pred])
        # Only pairs at the threshold may be chosen: maximising over all pairs would prefer two
        # sub-threshold pairs (0.46 + 0.40) to one match (0.52 + 0.01) and then keep neither.
        admissible = np.where(sim >= threshold, sim, 0.0)
        rows, cols = linear_sum_assignment(admissible, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if sim[i, j] >= threshold:
                fields = {name: score for name, (score, _) in field_scores(pred[i], gold[j]).items()}
                result.matches.append(EventMatch(int(i), int(j), float(sim[i, j]), fields))
    result.counts.update(_prf("event", len(result.matches), len(pred), len(gold)))
    for name in FIELDS:
        result.counts.update(_prf(f"event_{name}", sum(m.fields[name] for m in result.matches), len(pred), len(gold)))
    result.counts["event_type_accuracy"] = (sum(m.fields["type"] for m in result.matches), len(result.matches))
    return result
