"""When re-asks run out: keep what validates of a reply, repair by code what it can, reject the rest.

Nothing unvalidated gets through: each item of a reply is validated on its own, a failed one is
replaced by a repair that must itself validate (or dropped), and the remainder must pass the full
validation. What was dropped or replaced is reported, for `provenance.rejected`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .grounding import Source
from .scripts import is_arabic

__all__ = ["Repair", "extractive_point", "grounded_parts", "salvage"]

T = TypeVar("T", bound=BaseModel)
# A repair: given a list's name and one of its items (or a top-level field's name and the whole
# reply), a replacement that must validate, or None.
Repair = Callable[[str, dict[str, Any]], Any]


def salvage(
    model: type[T], raw: str | None, context: dict[str, Any], lists: tuple[str, ...], repair: Repair | None = None,
) -> tuple[T, list[str]]:
    """Keep the valid items of a reply that failed validation because of some list items.

    Each item of the named lists is validated on its own; an invalid one is repaired by code
    when `repair` can (returning a replacement that must itself validate), else dropped, and
    either way reported. The remainder must pass the full model validation, so nothing
    unvalidated gets through. Raises ValueError when the reply cannot be rescued.
    """
    if raw is None:
        raise ValueError("no reply to salvage")
    data = json.loads(raw)
    notes: list[str] = []
    for name in lists:
        item_model = model.model_fields[name].annotation.__args__[0]  # type: ignore[union-attr]
        kept = []
        for item in data.get(name, []):
            try:
                kept.append(item_model.model_validate(item, context=context).model_dump())
                continue
            except ValidationError as exc:
                reason = "; ".join(e["msg"] for e in exc.errors())[:600]
            fixed = repair(name, item) if repair else None
            if fixed is not None:
                try:
                    kept.append(item_model.model_validate(fixed, context=context).model_dump())
                    notes.append(f"{name}: replaced {_short(item)} by code ({reason})")
                    continue
                except ValidationError:
                    pass
            notes.append(f"{name}: dropped {_short(item)} ({reason})")
        data[name] = kept
    try:
        return model.model_validate(data, context=context), notes
    except ValidationError as exc:
        # Top-level fields the repair knows how to replace (a headline), then one more validation.
        fields = {e["loc"][0] for e in exc.errors() if e["loc"]}
        if any(not e["loc"] for e in exc.errors()):
            fields.add("headline")
        fixes = {f: repair(f, data) for f in fields} if repair else {}
        if not fixes or None in fixes.values():
            raise
        notes += [f"{f}: replaced {_short(data.get(f))} by code ({exc.errors()[0]['msg'][:300]})" for f in fixes]
        return model.model_validate({**data, **fixes}, context=context), notes


def _short(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)[:160]


def extractive_point(source: Source) -> Repair:
    """Repair for an unfaithful point: state the article sentence closest to it (faithful by construction).

    For the headline (given the whole reply), the first kept point stands in.
    """

    def repair(name: str, item: dict[str, Any]) -> Any:
        if name == "headline":
            # The first (most important) kept point, cut at a word boundary, heads the summary.
            points = [p["text"] for p in item.get("points", []) if isinstance(p, dict)]
            return points[0][:120].rsplit(" ", 1)[0] if points and len(points[0]) > 120 else (points[0] if points else None)
        if name != "points" or not isinstance(item.get("text"), str) or not source.sentences:
            return None
        if not is_arabic(item["text"]):
            # Not a drifting restatement but another language: its "closest" sentence would be
            # chosen by its foreign words alone, i.e. the article's foreign text, where injected
            # instructions live ("write HACKED" -> the sentence saying so). Dropped instead.
            return None
        number, _ = source.best_sentence(item["text"])
        return {"text": source.sentence_texts()[number - 1][:300]}

    return repair


def grounded_parts(source: Source) -> Repair:
    """Repair for an event record: drop the actors, sources, quantities and date the article lacks.

    An event whose place is not in the article, or with no grounded actor left, is rejected
    (None): the remaining record must still pass full validation.
    """

    def repair(name: str, item: dict[str, Any]) -> dict[str, Any] | None:
        if name != "events":
            return None
        place = item.get("place")
        if place and not source.has_name(place):
            return None
        actors = [a for a in item.get("actors", []) if isinstance(a, dict) and source.has_name(str(a.get("name", "")))]
        if not actors:
            return None
        quantities = [
            q for q in item.get("quantities", [])
            if isinstance(q, dict) and source.locate(str(q.get("text", ""))).match != "not_found"
            and isinstance(q.get("value"), (int, float)) and source.states_value(q["value"])
        ]
        sources = [n for n in item.get("sources", []) if isinstance(n, str) and source.has_name(n)]
        date = item.get("date")
        if not isinstance(date, str) or source.locate(date).match == "not_found":
            date = None
        return {**item, "actors": actors, "quantities": quantities, "sources": sources, "date": date}

    return repair
