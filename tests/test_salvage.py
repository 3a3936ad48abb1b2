"""salvage.py's pieces without a model: reading a cut reply, keeping the first of repeated points."""

from __future__ import annotations

import json

import pytest

from summarizer.grounding import Source
from summarizer.responses import ArabicSummary
from summarizer.salvage import _complete_items, clip, extractive_point, salvage

from .seed_replies import ARABIC, SEED

SOURCE = Source(SEED.read_text(encoding="utf-8"))
A, B = (p["text"] for p in ARABIC["points"])


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ('{"headline": "a", "points": [{"text": "x \\" ] } y"}, {"text": "cu',
         '{"headline": "a", "points": [{"text": "x \\" ] } y"}]}'),
        ('{"events": [{"actors": [{"name": "n"}], "b": 1}, {"actors": [{"name": "m"}]',
         '{"events": [{"actors": [{"name": "n"}], "b": 1}]}'),
        ('{"headline": "a", "points": [', '{"headline": "a", "points": []}'),
    ],
    ids=["string with brackets and a quote", "nested objects", "nothing complete"],
)
def test_a_cut_reply_is_read_up_to_its_last_complete_item(raw, kept):
    assert json.loads(_complete_items(raw)) == json.loads(kept)


def test_a_reply_cut_before_any_list_is_not_salvaged():
    with pytest.raises(ValueError):
        _complete_items('{"headline": "بدء خروج')


def test_clip_cuts_at_a_word_boundary_never_inside_a_number():
    assert clip("خروج 17 حافلة و981 شخصاً", 12) == "خروج 17"
    assert clip("قصير", 300) == "قصير"


def test_repeated_points_keep_the_first_statement_and_the_summary_validates():
    reply = json.dumps({"headline": ARABIC["headline"], "points": [{"text": B}, {"text": A}, {"text": B}, {"text": A}]},
                       ensure_ascii=False)
    kept, notes = salvage(ArabicSummary, reply, {"source": SOURCE}, ("points",), extractive_point(SOURCE))
    assert [p.text for p in kept.points] == [B, A]
    assert [n.split("(")[-1] for n in notes] == ["says what point 1 says)", "says what point 2 says)"]


def test_a_reply_with_no_valid_point_is_not_salvaged():
    reply = json.dumps({"headline": ARABIC["headline"], "points": [{"text": "HACKED"}, {"text": "عنوان"}]},
                       ensure_ascii=False)
    with pytest.raises(ValueError):
        salvage(ArabicSummary, reply, {"source": SOURCE}, ("points",), extractive_point(SOURCE))
