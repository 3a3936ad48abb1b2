"""When re-asks run out: keep what validates of a reply, repair by code what it can, reject the rest.

Nothing unvalidated gets through. Each item of a reply's lists is validated on its own; a failed
one is replaced by a repair that must itself validate, or dropped. Then the stage's whole-reply
repairs run (for the Arabic points: repeated points dropped, too few points topped up with article
sentences, a failing headline replaced), a list longer than its schema allows keeps its first
items, and the result must pass the full validation. Every change is reported, for
`provenance.rejected`. An article fails only when nothing valid is left of the reply. The events
stage's reply is one coding per candidate sentence, not a list: `event_choices_salvage`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, TypeAdapter, ValidationError

from .event_candidates import Candidate
from .grounding import Source
from .repetition import duplicate_pairs
from .responses import NO_EVENT, ArabicSummary, EventChoice, PointDraft, headline_problems
from .roles import expected_role
from .scripts import is_arabic

__all__ = ["Rescue", "Repairs", "event_choices_salvage", "extractive_point", "repair_choice", "salvage"]

T = TypeVar("T", bound=BaseModel)


@dataclass
class Rescue:
    """A reply being salvaged: its data after the item checks, what was dropped, and the notes so far."""

    model: type[BaseModel]
    data: dict[str, Any]
    context: dict[str, Any]
    dropped: dict[str, list[Any]] = field(default_factory=dict)  # list name -> the items dropped from it
    notes: list[str] = field(default_factory=list)


class Repairs:
    """A stage's code repairs of a failed reply. This base repairs nothing: invalid items are dropped."""

    def item(self, name: str, item: Any) -> Any:
        """A replacement for an invalid item of the list `name` (it must itself validate), or None."""
        return None

    def reply(self, rescue: Rescue) -> None:
        """Whole-reply repairs, made in place on `rescue.data` with a note for each change."""


def salvage(
    model: type[T], raw: str | None, context: dict[str, Any], lists: tuple[str, ...],
    repair: Repairs | None = None, *, truncated: bool = False,
) -> tuple[T, list[str]]:
    """The valid part of a reply that failed validation, and what was dropped, replaced or added.

    `lists` names the list fields whose items are checked one by one; `repair` gives the stage's
    code repairs. A `truncated` reply (cut at max_tokens) is read up to its last complete item.
    Raises ValueError (or pydantic's ValidationError) when nothing valid can be made of it.
    """
    if raw is None:
        raise ValueError("no reply to salvage")
    data = json.loads(_complete_items(raw) if truncated else raw)
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    repair = repair or Repairs()
    rescue = Rescue(model, data, context)
    if truncated:
        rescue.notes.append("the reply was cut at max_tokens: its complete items were kept")
    for name in lists:
        _salvage_items(rescue, name, repair)
    repair.reply(rescue)
    for name in lists:
        if (most := bounds(model, name)[1]) is not None and len(items := data.get(name) or []) > most:
            rescue.notes += [f"{name}: dropped {_short(x)} (more than {most})" for x in items[most:]]
            data[name] = items[:most]
    return model.model_validate(data, context=context), rescue.notes


def _complete_items(raw: str, *, members: bool = False) -> str:
    """A reply cut at max_tokens, up to the last complete item of its top-level lists, brackets closed;
    with `members`, up to its last complete top-level object value (the events stage's codings).

    Only items the model finished are kept: a record cut after its first fields would otherwise
    pass with the later ones defaulted (an event with no actors yet, a point cut mid-sentence).
    """
    stack: list[str] = []
    safe, closing = 0, ""
    in_string = escaped = False
    for at, char in enumerate(raw):
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
        else:
            continue
        if stack == ["{", "["]:  # just inside a top-level list: after its "[" or after one of its items
            safe, closing = at + 1, "]}"
        elif members and stack == ["{"] and char == "}":  # after a top-level member's object value
            safe, closing = at + 1, "}"
    if not safe:
        raise ValueError("the reply was cut before any list item was complete")
    return raw[:safe].rstrip().rstrip(",") + closing


def _salvage_items(rescue: Rescue, name: str, repair: Repairs) -> None:
    """Validate each item of the list `name` alone: keep it, replace it by its repair, or drop it."""
    item_model = rescue.model.model_fields[name].annotation.__args__[0]  # type: ignore[union-attr]
    kept, dropped = [], rescue.dropped.setdefault(name, [])
    items = rescue.data.get(name)
    for item in items if isinstance(items, list) else []:
        try:
            kept.append(item_model.model_validate(item, context=rescue.context).model_dump())
            continue
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in exc.errors())[:600]
        fixed = repair.item(name, item)
        if fixed is not None:
            try:
                kept.append(item_model.model_validate(fixed, context=rescue.context).model_dump())
                rescue.notes.append(f"{name}: replaced {_short(item)} by code ({reason})")
                continue
            except ValidationError:
                pass
        dropped.append(item)
        rescue.notes.append(f"{name}: dropped {_short(item)} ({reason})")
    rescue.data[name] = kept


def bounds(model: type[BaseModel], name: str) -> tuple[int, int | None]:
    """The fewest and most items the schema allows in the list field `name`."""
    metadata = model.model_fields[name].metadata
    least = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
    return least, next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)


def _short(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)[:160]


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary (a cut number would be another number)."""
    return text if len(text) <= limit else text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ،,؛;:")


# --- the Arabic points ---------------------------------------------------------------------------

_HEADLINE = TypeAdapter(ArabicSummary.model_fields["headline"].annotation)
_HEADLINE_MAX = bounds(ArabicSummary, "headline")[1] or 120
_LEAD_MIN_WORDS = 5
_POINT_MAX = next(m.max_length for m in PointDraft.model_fields["text"].metadata if isinstance(m, MaxLen))


class _ExtractivePoints(Repairs):
    """Repairs of the Arabic summary, each faithful by construction (the article's own sentences)."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def closest(self, text: Any) -> int | None:
        """The article sentence (1-based) a drifting Arabic point restates, if it restates any.

        A point in another language is not a drifting restatement: its "closest" sentence would be
        chosen by its foreign words alone, i.e. the article's foreign text, where injected
        instructions live ("write HACKED" -> the sentence saying so). A point sharing no content
        word with the article restates nothing, and any sentence chosen for it would be arbitrary.
        """
        if not isinstance(text, str) or not self.source.sentences or not is_arabic(text):
            return None
        number, score = self.source.best_sentence(text)
        return number if score > 0 else None

    def sentence(self, number: int) -> dict[str, str]:
        return {"text": clip(self.source.sentence_texts()[number - 1], _POINT_MAX)}

    def item(self, name: str, item: Any) -> Any:
        # An unfaithful point: state the article sentence closest to it instead.
        number = self.closest(item.get("text")) if name == "points" and isinstance(item, dict) else None
        return None if number is None else self.sentence(number)

    def reply(self, rescue: Rescue) -> None:
        points: list[dict[str, str]] = rescue.data["points"]
        dropped = rescue.dropped["points"]
        # Repeated points: keep the first statement of each fact, drop its restatements.
        pairs = duplicate_pairs([p["text"] for p in points])
        repeats: dict[int, int] = {}  # a dropped point -> the kept point it restates
        for j in range(len(points)):
            if (i := next((i for i, k in pairs if k == j and i not in repeats), None)) is not None:
                repeats[j] = i
                rescue.notes.append(f"points: dropped {_short(points[j])} (says what point {i + 1} says)")
                dropped.append(points[j])
        points[:] = [p for k, p in enumerate(points) if k not in repeats]
        if points:  # else nothing valid is left of the reply, and the article fails
            self._top_up(rescue, points, dropped)
            headline = rescue.data.get("headline")
            if not self._headline_ok(headline, rescue.context):
                rescue.data["headline"] = clip(points[0]["text"], _HEADLINE_MAX)
                rescue.notes.append(f"headline: replaced {_short(headline)} by the first point")

    def _top_up(self, rescue: Rescue, points: list[dict[str, str]], dropped: list[Any]) -> None:
        """Too few points: the sentences closest to the dropped points, then the article's first
        sentences, each one validated as a point and none restating a kept point."""
        least = bounds(ArabicSummary, "points")[0]
        closest = [n for x in dropped if isinstance(x, dict) and (n := self.closest(x.get("text"))) is not None]
        # A title or dateline line states no fact: the leading sentences that stand in are full ones.
        leading = [n for n, text in enumerate(self.source.sentence_texts(), 1) if len(text.split()) >= _LEAD_MIN_WORDS]
        for number in dict.fromkeys([*closest, *leading]):
            if len(points) >= least:
                return
            used = {self.source.best_sentence(p["text"])[0] for p in points}
            candidate = self.sentence(number)
            if number in used or duplicate_pairs([*(p["text"] for p in points), candidate["text"]]):
                continue
            try:
                points.append(PointDraft.model_validate(candidate, context=rescue.context).model_dump())
            except ValidationError:
                continue
            why = "closest to a dropped point" if number in closest else "a leading sentence"
            rescue.notes.append(f"points: added article sentence [{number}] by code, {why} (too few points left)")

    def _headline_ok(self, headline: Any, context: dict[str, Any]) -> bool:
        try:
            _HEADLINE.validate_python(headline)
        except ValidationError:
            return False
        return not headline_problems(headline, context.get("source"))


def extractive_point(source: Source) -> Repairs:
    """Repairs of the Arabic summary: an unfaithful point becomes the article sentence closest to it;
    repeated points keep the first; too few points are topped up with article sentences (closest to
    the dropped points, else the first ones); a failing headline becomes the first point."""
    return _ExtractivePoints(source)


# --- the events stage: one coding per candidate sentence ----------------------------------------


def event_choices_salvage(
    model: type[BaseModel], raw: str | None, candidates: dict[int, Candidate], *, truncated: bool = False
) -> tuple[dict[int, EventChoice], list[str]]:
    """The sentences of a reply that failed validation: each validated alone, repaired by code when it
    fails (`repair_choice`), else dropped; with notes on what was replaced or dropped. A `truncated`
    reply (cut at max_tokens) is read up to its last complete sentence coding."""
    try:
        data = json.loads(_complete_items(raw or "", members=True) if truncated else raw or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return {}, [f"nothing valid was left of the reply: no event records (not a JSON object: {(raw or '')[:120]!r})"]
    context = {"candidates": candidates}
    kept: dict[int, EventChoice] = {}
    notes: list[str] = ["the reply was cut at max_tokens: its complete sentence codings were kept"] if truncated else []
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
