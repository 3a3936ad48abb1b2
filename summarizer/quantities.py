"""Event quantities found by code in the article sentence an event is coded from.

A small model leaves `quantities` empty even when its point says "149 detainees"; the numbers
are in the sentence and code can read them (`numbers.find_numbers`) with exact offsets. The
unit is what the English translation of the point puts after the same number ("149 detainees"
→ "detainees"), which the cross-lingual number check has already made carry every number.
"""

from __future__ import annotations

import re

from .models import Evidence, Quantity
from .numbers import NumberMention, find_numbers, same_number, values_in

__all__ = ["quantities_in", "english_unit"]

_UNIT_WORDS = re.compile(r"\s*((?:[A-Za-z][A-Za-z'-]*)(?:\s+[A-Za-z][A-Za-z'-]*)?)")
# Words that end a unit: "149 detainees, including" / "7 people in Tripoli" / "25 basis points from".
_STOP = frozenset(
    "a an and are as at by for from has have in including into is of on or since than that the their "
    "to was were which who with null none".split()
)
_CLOCK = re.compile(r"\d:$|^:\d")  # 5:47 is a time of day, not two quantities
_YEARS = range(1900, 2101)


def quantities_in(
    original: str, span: tuple[int, int], point_ar: str, point_en: str, *, skip: tuple[int, int] | None = None
) -> list[Quantity]:
    """Quantities of the sentence `original[span]` that the point states, with English units.

    `skip` is a span (in `original`) to leave out, such as the sentence's date expression. A
    number the point does not state is not a quantity of the event; a bare year is not one either.
    """
    start, end = span
    stated = values_in(point_ar)
    english = find_numbers(point_en)
    out: list[Quantity] = []
    for mention in find_numbers(original[start:end]):
        a, z = start + mention.start, start + mention.end
        if skip is not None and a < skip[1] and skip[0] < z:
            continue
        if _CLOCK.search(original[max(a - 2, 0):a]) or _CLOCK.search(original[z:z + 2]):
            continue
        values = sorted(v for v in mention.values if any(same_number(v, w) for w in stated))
        if not values:
            continue
        unit = _unit(mention.values, mention.percent, english, point_en)
        if unit is None and all(v.is_integer() and int(v) in _YEARS for v in values):
            continue
        out.append(Quantity(
            value=values[0], unit=unit or "unspecified", text=mention.text,
            evidence=Evidence(text=mention.text, start=a, end=z, match="exact"),
        ))
    return out


def english_unit(value: float, point_en: str) -> str | None:
    """What the English point counts with `value` ("149 detainees" -> "detainees"), or None.

    For a unit the model wrote in Arabic: a quantity's unit is English.
    """
    return _unit((value,), False, find_numbers(point_en), point_en)


def _unit(values: tuple[float, ...], percent: bool, english: list[NumberMention], point_en: str) -> str | None:
    """'percent', or the English words after the same number in the translation, or None."""
    if percent:
        return "percent"
    for other in english:
        if not any(same_number(v, w) for v in values for w in other.values):
            continue
        if other.percent:
            return "percent"
        found = _UNIT_WORDS.match(point_en, other.end)
        if found is None:
            return None
        first, *rest = [w.lower() for w in found.group(1).split()]
        if first in _STOP:
            return None
        # A second word only when it is the counted noun of a two-word unit ("basis points",
        # "Egyptian pounds"), not the verb that follows ("voters participated").
        second = rest[0] if rest and rest[0] not in _STOP and rest[0].endswith("s") and not rest[0].endswith("ss") else None
        return f"{first} {second}" if second else first
    return None
