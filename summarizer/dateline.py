"""A wire dateline: where a story was filed, which is no part of what it reports.

"دبي، الإمارات العربية المتحدة (CNN)--", "بيروت 12 آذار (أ ف ب) -", "القاهرة - ": place names, an
optional day and month, then the agency in brackets and/or a dash, before the first sentence. Its
places are not where the events happened (ACLED codes the place of the event), and a point or
headline that quotes it makes the translation name them. `Source` leaves it out of every sentence.
"""

from __future__ import annotations

import re

from .arabic import normalize_article
from .names import KnownNames

__all__ = ["dateline_end"]

# Characters of the article a dateline fits in: its regex spans at most ~160.
_HEAD = 300
# Up to six words of comma-separated names, an optional date (12 آذار 2018), the agency in brackets
# and/or a dash.
_DATELINE = re.compile(
    r"\s*(?P<where>[^\W\d_]+(?:[\s،,]+[^\W\d_]+){0,5})"
    r"(?:\s+\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?)?"
    r"\s*(?:\([^()\n]{1,40}\)\s*(?:--|[-–—])?|--|[-–—])"
)


def dateline_end(text: str, known: KnownNames) -> int:
    """Where a leading dateline ends in `text` (an offset into `text`; 0 when it has none).

    Every name before the agency or the dash must be a place, so an article that opens with an
    actor or a verb ("قال الجيش - بحسب سانا -") has none."""
    norm = normalize_article(text[:_HEAD])
    match = _DATELINE.match(norm.text)
    if match is None:
        return 0
    parts = [p.strip() for p in re.split(r"[،,]", match["where"])]
    if not all(p and known.place(p) is not None for p in parts):
        return 0
    return norm.span_to_original(0, match.end())[1]
