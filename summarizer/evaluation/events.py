"""Event records scored against gold: optimal one-to-one matching, then precision/recall/F1.

Matching. For every (predicted, gold) pair a similarity in [0, 1] is the mean of the field
similarities that are *informative* for that pair:

* type: 1 if the PLOVER `event_type` is the same, else 0 (always informative);
* description: ROUGE-1 F of the Arabic descriptions with the Arabic-aware tokenizer (always
  informative: it tells apart two events of the same type with the same fields);
* location: 1 if the place names match (`same_name`), else 0;
* date: 1 if the resolved dates are equal (the folded date texts when neither resolved), else 0;
* quantities: F1 of the two multisets of values (`same_number`);
* actors: F1 of the two actor lists, names matched one-to-one with `same_name` (roles ignored).

A field that is empty on both sides (no location in either, no quantities in either) is left out
of the mean, so two bare records are not "similar" only because both lack fields. The pairing that
maximises the total similarity is found with `scipy.optimize.linear_sum_assignment`; pairs with
similarity below `MATCH_THRESHOLD` (0.5) stay unmatched.

Scores. With P predicted and G gold records and M matched pairs: precision = M / P,
recall = M / G, F1 their harmonic mean. Per field f, each matched pair contributes its field
score s_f (here both-empty counts as agreement, 1): precision_f = sum(s_f) / P,
recall_f = sum(s_f) / G. So an unmatched record counts against every field, and a matched one
with a wrong date counts against the date field only. With no predicted records precision is 1
(nothing wrong was said); with no gold records recall is 1; F1 is 0 when either is 0, and 1
when both lists are empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..arabic import fold
from ..models import Event
from ..numbers import same_number
from .text import rouge, same_name

__all__ = ["FIELDS", "MATCH_THRESHOLD", "EventMatch", "EventScores", "field_scores", "similarity", "match_events"]

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


def _date_key(event: Event) -> str | None:
    if event.date.iso is not None:
        return event.date.iso.isoformat()
    return fold(event.date.text).text if event.date.text else None


def field_scores(pred: Event, gold: Event) -> dict[str, tuple[float, bool]]:
    """Field -> (score in [0, 1], informative) for one pair; see the module docstring."""
    out: dict[str, tuple[float, bool]] = {"type": (float(pred.event_type == gold.event_type), True)}
    if pred.location is None or gold.location is None:
        out["location"] = (float(pred.location is gold.location), not (pred.location is None and gold.location is None))
    else:
        out["location"] = (float(same_name(pred.location.name, gold.location.name)), True)
    pd, gd = _date_key(pred), _date_key(gold)
    out["date"] = (float(pd == gd), not (pd is None and gd is None))
    out["quantities"] = (
        _set_f1([q.value for q in pred.quantities], [q.value for q in gold.quantities], same_number),
        bool(pred.quantities or gold.quantities),
    )
    out["actors"] = (
        _set_f1([a.name for a in pred.actors], [a.name for a in gold.actors], same_name),
        bool(pred.actors or gold.actors),
    )
    return out


def similarity(pred: Event, gold: Event) -> float:
    """Mean of the informative field similarities plus the description similarity."""
    values = [score for score, informative in field_scores(pred, gold).values() if informative]
    values.append(rouge(pred.description.ar, gold.description.ar)["rouge1"])
    return sum(values) / len(values)


@dataclass(frozen=True)
class EventMatch:
    pred: int
    gold: int
    similarity: float
    fields: dict[str, float]


def _prf(hits: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = hits / n_pred if n_pred else 1.0
    recall = hits / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if n_pred == 0 and n_gold == 0:
        f1 = 1.0
    return precision, recall, f1


@dataclass
class EventScores:
    """The matching and every score it gives; `values` maps metric name -> value."""

    n_pred: int
    n_gold: int
    matches: list[EventMatch] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)

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
        rows, cols = linear_sum_assignment(sim, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if sim[i, j] >= threshold:
                fields = {name: score for name, (score, _) in field_scores(pred[i], gold[j]).items()}
                result.matches.append(EventMatch(int(i), int(j), float(sim[i, j]), fields))
    p, r, f = _prf(len(result.matches), len(pred), len(gold))
    result.values.update({"event_precision": p, "event_recall": r, "event_f1": f})
    for name in FIELDS:
        hits = sum(m.fields[name] for m in result.matches)
        p, r, f = _prf(hits, len(pred), len(gold))
        result.values.update({f"event_{name}_precision": p, f"event_{name}_recall": r, f"event_{name}_f1": f})
    return result
