"""When re-asks run out: keep what validates of a reply, repair by code what it can, reject the rest.

Nothing unvalidated gets through: each item of a reply is validated on its own, a failed one is
replaced by a repair that must itself validate (or dropped), and the remainder must pass the full
validation. What was dropped or replaced is reported, for `provenance.rejected`. The events
stage's reply is one coding per candidate sentence, not a list: `event_choices_salvage`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .event_candidates import Candidate
from .grounding import Source
from .responses import NO_EVENT, EventChoice
from .roles import expected_role
from .scripts import is_arabic

__all__ = ["Repair", "event_choices_salvage", "extractive_point", "repair_choice", "salvage"]

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


# --- the events stage: one coding per candidate sentence ----------------------------------------


def event_choices_salvage(
    model: type[BaseModel], raw: str | None, candidates: dict[int, Candidate]
) -> tuple[dict[int, EventChoice], list[str]]:
    """The sentences of a reply that failed validation: each validated alone, repaired by code when it
    fails (`repair_choice`), else dropped; with notes on what was replaced or dropped."""
    try:
        data = json.loads(raw or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return {}, [f"no event records: the reply is not a JSON object ({(raw or '')[:120]!r})"]
    context = {"candidates": candidates}
    kept: dict[int, EventChoice] = {}
    notes: list[str] = []
    for number, c in candidates.items():
        coding = model.model_fields[c.key].annotation
        item = data.get(c.key)
        try:
            kept[number] = coding.model_validate(item, context=context)  # type: ignore[union-attr]
            continue
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in exc.errors())[:400]
        try:
            fixed = coding.model_validate(repair_choice(item, c), context=context)  # type: ignore[union-attr]
        except (ValidationError, ValueError):
            notes.append(f"dropped {c.key} {_short(item)} ({reason})")
            continue
        kept[number] = fixed
        notes.append(f"replaced {c.key} {_short(item)} by code ({reason})")
    return kept, notes


def repair_choice(item: Any, candidate: Candidate) -> dict[str, Any]:
    """A sentence's coding with the names the sentence lacks dropped and the roles its words show."""
    if not isinstance(item, dict) or not isinstance(item.get("event_type"), str):
        raise ValueError("no event type")
    sentence = Source(candidate.text)
    names = {
        role: [n for n in item.get(role, []) if isinstance(n, str) and len(n) >= 2 and sentence.has_name(n)][:2]
        for role in ("initiators", "recipients")
    }
    triggers = [t.match for t in candidate.triggers_of(item["event_type"])] if item["event_type"] != NO_EVENT else []
    moved: dict[str, list[str]] = {"initiators": [], "recipients": []}
    for role, listed in names.items():
        for name in listed:
            check = expected_role(candidate.text, name, item["event_type"], triggers, candidate.actors) if triggers else None
            target = {"initiator": "initiators", "recipient": "recipients"}.get(check.role, role) if check else role
            if name not in moved["initiators"] + moved["recipients"]:
                moved[target].append(name)
    return {"event_type": item["event_type"], "initiators": moved["initiators"][:2], "recipients": moved["recipients"][:2]}
