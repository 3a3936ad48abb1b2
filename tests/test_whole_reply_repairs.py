"""Whole-reply checks that keep failing end in a valid, smaller output, never in a lost article.

Each test scripts a reply that fails one whole-reply check (or is cut at max_tokens) on every
attempt, over the local OpenAI-compatible server, and checks what code made of it: only valid
items in the output, the article's own sentences where code filled in, every change recorded in
`provenance.rejected`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from summarizer import ArticleSummary
from summarizer.grounding import Source

from .openai_server import Reply
from .seed_replies import ARABIC, SEED, arabic_of, candidates_of, coding_reply, reply_json, stage_of, valid_reply
from .test_pipeline_http import make_summarizer

TEXT = SEED.read_text(encoding="utf-8")
SENTENCES = Source(TEXT).sentence_texts()
A, B = (p["text"] for p in ARABIC["points"])  # restate sentences 4 and 5
# B in other words of the article, with the same numbers: the same fact twice.
B_AGAIN = "أفادت وكالة سانا بخروج 17 حافلة من معبر عربين وفيها 981 شخصاً من المسلحين وعائلاتهم."

# English for the article sentences code may put in a summary (known names in canonical form).
ENGLISH = {
    SENTENCES[0]: "Southern Ghouta in the hands of the Russians.",
    SENTENCES[2]: "On Saturday the second stage of evacuating fighters and their families from areas held by "
                  "Faylaq al-Rahman in southern Ghouta.",
    SENTENCES[4]: "SANA reported that 17 buses carrying 981 fighters and family members left through the Arbin "
                  "crossing in Eastern Ghouta, the first of about seven thousand people due to leave Arbin, Ein Tarma, "
                  "Zamalka and Jobar.",
    SENTENCES[6]: "Faylaq al-Rahman spokesman Wael Alwan said on Saturday that the agreement provides for evacuating "
                  "wounded people from Eastern Ghouta and treating them in Russian hospitals.",
    SENTENCES[8]: "Faylaq al-Rahman announced on Friday an agreement with the Russian side on a ceasefire and the "
                  "departure of fighters to northern Syria.",
    SENTENCES[11]: "Sputnik quoted a military source as saying that negotiations between the government and Russia "
                   "with officials in Duma, the last stronghold of the opposition, are under way.",
}


def scripted(plan: dict[str, Callable[[dict[str, Any]], Reply]]) -> Callable[[dict[str, Any]], Reply]:
    """Each stage named in `plan` answers every request with it; the others answer validly."""
    return lambda request: plan.get(stage_of(request), lambda r: Reply(content=valid_reply(r, ENGLISH)))(request)


def always(content: str, **reply: Any) -> Callable[[dict[str, Any]], Reply]:
    return lambda request: Reply(content=content, **reply)


def summarize(server, **settings: Any) -> ArticleSummary:
    return make_summarizer(server, **settings).summarize(TEXT, article_id="seed")


def rejected(result: ArticleSummary, start: str) -> list[str]:
    return [r for r in result.provenance.rejected if r.startswith(start)]


def points(*texts: str) -> str:
    return reply_json("summarize_ar", points=[{"text": t} for t in texts])


def assert_extractive(result: ArticleSummary, sentence: int, at: int) -> None:
    """Key point `at` is article sentence `sentence` (1-based), with exact evidence."""
    point = result.key_points[at]
    assert point.ar == SENTENCES[sentence - 1]
    assert point.evidence[0].match == "exact" and TEXT[point.evidence[0].start : point.evidence[0].end]


def test_a_repeated_point_is_dropped_and_the_first_statement_kept(scripted_server):
    server = scripted_server(scripted({"summarize_ar": always(points(A, B, B_AGAIN))}))
    result = summarize(server)
    assert [p.ar for p in result.key_points] == [A, B]
    summarize_ar = next(s for s in result.provenance.stages if s.stage == "summarize_ar")
    assert summarize_ar.calls == 2  # re-asked once, as before; then repaired by code
    assert rejected(result, "summarize_ar: points: dropped") == [
        f"summarize_ar: points: dropped {json.dumps({'text': B_AGAIN}, ensure_ascii=False)} (says what point 2 says)"
    ]


def test_points_that_all_say_one_thing_are_topped_up_with_a_leading_sentence(scripted_server):
    server = scripted_server(scripted({"summarize_ar": always(points(B, B_AGAIN, B))}))
    result = summarize(server)
    assert result.key_points[0].ar == B and len(result.key_points) == 2
    assert_extractive(result, 1, at=1)  # the closest sentence to the dropped points is B's own: the lead fills in
    assert len(rejected(result, "summarize_ar: points: dropped")) == 2
    assert rejected(result, "summarize_ar: points: added") == [
        "summarize_ar: points: added article sentence [1] by code, a leading sentence (too few points left)"
    ]


def test_two_drifting_points_repaired_into_one_sentence_are_topped_up(scripted_server):
    # Both restate sentence 5 badly (unsupported words): each is replaced by sentence 5, then
    # they repeat each other: the first is kept, a leading sentence fills in.
    drift = ["أفادت وكالة سانا بخروج 17 حافلة بعد قصف عنيف ومجازر بحق المدنيين.",
             "قالت سانا إن 981 شخصاً خرجوا هرباً من القصف والمجازر والحصار الخانق."]
    server = scripted_server(scripted({"summarize_ar": always(points(*drift))}))
    result = summarize(server)
    assert_extractive(result, 5, at=0)
    assert_extractive(result, 1, at=1)
    assert len(rejected(result, "summarize_ar: points: replaced")) == 2
    assert len(rejected(result, "summarize_ar: points: dropped")) == 1
    assert len(rejected(result, "summarize_ar: points: added")) == 1


def test_a_point_in_another_language_is_dropped_and_a_sentence_fills_in(scripted_server):
    server = scripted_server(scripted({"summarize_ar": always(points("HACKED: the minister resigned", A))}))
    result = summarize(server)
    assert result.key_points[0].ar == A and len(result.key_points) == 2
    assert_extractive(result, 1, at=1)
    assert "HACKED" not in result.model_dump_json(exclude={"provenance"})
    assert any("HACKED" in r and "dropped" in r for r in result.provenance.rejected)


def test_more_points_than_the_schema_allows_keep_the_first_four(scripted_server):
    five = [A, B, SENTENCES[6], SENTENCES[8], SENTENCES[11]]
    server = scripted_server(scripted({"summarize_ar": always(points(*five))}))
    result = summarize(server)
    assert [p.ar for p in result.key_points] == five[:4]
    assert rejected(result, "summarize_ar: points: dropped") == [
        f"summarize_ar: points: dropped {json.dumps({'text': five[4]}, ensure_ascii=False)[:160]} (more than 4)"
    ]


def test_a_headline_too_long_on_every_attempt_is_replaced_by_the_first_point(scripted_server):
    long = "بدء خروج المقاتلين من جنوب الغوطة الشرقية " * 4
    server = scripted_server(scripted({"summarize_ar": always(reply_json("summarize_ar", headline=long))}))
    result = summarize(server)
    assert result.headline.ar == A[:121].rsplit(" ", 1)[0] or result.headline.ar == A
    assert len(result.headline.ar) <= 120
    assert rejected(result, "summarize_ar: headline: replaced")


def test_a_summary_cut_at_max_tokens_keeps_its_complete_points(scripted_server):
    whole = points(A, B, "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين عبر معبر عربين عبر معبر")
    cut = whole[: whole.rindex("عبر")]
    server = scripted_server(scripted({"summarize_ar": always(cut, finish_reason="length")}))
    result = summarize(server)
    assert [p.ar for p in result.key_points] == [A, B]
    assert rejected(result, "summarize_ar: the reply was cut at max_tokens")
    assert result.provenance.retries == 0


def test_a_summary_reply_with_nothing_valid_still_fails_the_article(scripted_server):
    from summarizer import ValidationFailed

    server = scripted_server(scripted({"summarize_ar": always(points("HACKED", "HACKED HACKED"))}))
    try:
        summarize(server)
    except ValidationFailed as failure:
        assert failure.stage == "summarize_ar"
    else:
        raise AssertionError("a reply with no valid point must fail the article")
    assert all(stage_of(r) == "summarize_ar" for r in server.requests)


def test_event_records_that_never_parse_leave_a_summary_without_events(scripted_server):
    server = scripted_server(scripted({"events": always('{"events": [{"point": 1, "event_type": "retreat",,]}')}))
    result = summarize(server)
    assert result.events == [] and len(result.key_points) == 2
    assert rejected(result, "events: nothing valid was left of the reply")


def test_event_codings_cut_at_max_tokens_keep_the_complete_ones(scripted_server):
    keys: list[str] = []

    def cut(request: dict[str, Any]) -> Reply:
        keys[:] = candidates_of(request)
        whole = coding_reply(request)
        return Reply(content=whole[: len(whole) - 20], finish_reason="length")  # inside the last coding

    server = scripted_server(scripted({"events": cut}))
    result = summarize(server)
    assert [e.event_type for e in result.events] == ["retreat", "retreat"]  # the last sentence is a "none"
    assert rejected(result, "events: the reply was cut at max_tokens: its complete sentence codings were kept")
    dropped = rejected(result, "events: dropped")
    assert len(dropped) == 1 and dropped[0].startswith(f"events: dropped {keys[-1]} null")


def test_event_codings_cut_before_any_is_complete_leave_a_summary_without_events(scripted_server):
    server = scripted_server(scripted({"events": lambda request: Reply(content=coding_reply(request)[:20],
                                                                       finish_reason="length")}))
    result = summarize(server)
    assert result.events == [] and len(result.key_points) == 2
    assert rejected(result, "events: nothing valid was left of the reply")


def test_more_event_records_than_allowed_keep_the_points_first(scripted_server):
    def every(request: dict[str, Any]) -> Reply:
        # Every candidate sentence coded under its first type: more distinct acts than a record set holds.
        return Reply(content=json.dumps({key: {"event_type": types[0]} for key, (types, _) in candidates_of(request).items()}))

    server = scripted_server(scripted({"events": every}))
    result = summarize(server)
    assert len(result.events) == 6
    starts = {x.start for e in result.events for x in e.evidence}  # a merged record has several sentences
    assert {Source(TEXT).sentences[n][0] for n in (3, 4)} <= starts  # the points' sentences (4 and 5)
    assert rejected(result, "events: dropped the record of")


def test_a_point_whose_translation_is_always_cut_keeps_its_arabic_alone(scripted_server):
    seen: dict[str, int] = defaultdict(int)

    def translate(request: dict[str, Any]) -> Reply:
        if "17 حافلة" in arabic_of(request):  # point 2, always cut at max_tokens
            seen["cut"] += 1
            return Reply(content='{"text": "SANA reported that 17 buses', finish_reason="length")
        return Reply(content=valid_reply(request))

    server = scripted_server(scripted({"translate_en": translate}))
    result = summarize(server)
    assert [p.en is None for p in result.key_points] == [False, True] and seen["cut"] == 1
    assert result.key_points[0].ar == A
    # Records are grounded on sentences: the untranslated point's sentence keeps its record, described by code.
    assert [e.event_type for e in result.events] == ["retreat", "retreat"]
    assert result.events[1].description.ar == SENTENCES[4] and "(retreat)" in result.events[1].description.en
    assert rejected(result, "translate_en: point 2 kept without English")


def test_a_summary_paragraph_over_the_contract_length_keeps_the_points_that_fit():
    from summarizer.assembly import _summary

    arabic = ["نقطة طويلة " * 25] * 4  # 275 characters each: 4 fit in Arabic
    english = ["a long point " * 30] * 4  # 390 characters each: 3 fit in English
    rejected: list[str] = []
    summary = _summary(arabic, english, "A headline", rejected)
    assert summary.en.count("a long point a long point") and len(summary.en) <= 1200
    assert summary.ar.count("نقطة طويلة") == 3 * 25  # the same points in both languages
    assert rejected == ["summary: point 4 left out of the summary paragraph (over 1200 characters); still a key point"]
    # a point without English is in the Arabic paragraph only; with none in English, the headline's stands
    partial = _summary(["أ.", "ب.", "ج."], ["A.", None, "C."], "A headline", [])
    assert (partial.ar, partial.en) == ("أ. ب. ج.", "A. C.")
    assert _summary(["أ.", "ب."], [None, None], "A headline", []).en == "A headline."
