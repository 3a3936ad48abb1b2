"""Gold files: the reference an output is scored against, and how they are read.

A gold file holds what a summary of the article should say (the `SummaryContent` of the output
contract, without provenance: nothing generated it) plus the facts any faithful summary must
carry. Evidence may be given by offsets alone (`{"start": 12, "end": 40}`): that is how gold
files for articles the project may not redistribute point at their text without quoting it. The
loader fills in the quoted text from the article, so in memory every gold evidence is complete.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from ..models import Bilingual, SummaryContent, _Model

__all__ = ["GoldSummary", "RequiredFacts", "read_gold"]


class RequiredFacts(_Model):
    """Facts a faithful summary of the article must carry, written by the gold annotator."""

    numbers: list[float] = Field(default_factory=list, description="Numbers the summary must state")
    places: list[Bilingual] = Field(default_factory=list, description="Places the summary must name")
    actors: list[Bilingual] = Field(default_factory=list, description="Actors the summary must name")


class GoldSummary(SummaryContent):
    """A reference summary written by an annotator, plus the facts a summary must carry."""

    # an output may lack English (none passed its checks); a reference has both languages
    headline: Bilingual
    summary: Bilingual = Field(description="2-4 sentences in each language")
    facts: RequiredFacts = Field(default_factory=RequiredFacts)
    notes: list[str] = Field(
        default_factory=list, description="The annotator's coding decisions a reader of the scores should know"
    )


def _fill_quotes(node: Any, article: str, where: str = "") -> None:
    """Give every offsets-only evidence its text (`article[start:end]`) and match "exact"."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            _fill_quotes(item, article, f"{where}[{i}]")
        return
    if not isinstance(node, dict):
        return
    if {"start", "end"} <= node.keys() and "text" not in node:
        start, end = node["start"], node["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article)):
            raise ValueError(
                f"{where or 'evidence'}: offsets {start}:{end} are not a span of the article ({len(article)} characters)"
            )
        node["text"] = article[start:end]
        node.setdefault("match", "exact")
    for key, value in node.items():
        _fill_quotes(value, article, f"{where}.{key}" if where else key)


def read_gold(raw: str | bytes, article: str) -> GoldSummary:
    """Parse and validate a gold file, filling offsets-only evidence from `article`.

    Raises ValueError for JSON that is not a gold file (pydantic's ValidationError included) and
    for evidence offsets outside the article.
    """
    data = json.loads(raw)
    _fill_quotes(data, article)
    return GoldSummary.model_validate(data)
