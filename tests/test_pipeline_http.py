"""The whole pipeline through the real openai client, over HTTP, against a scripted local server."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer import ArticleSummary, Settings, Summarizer, TransportError
from summarizer.models import SCHEMA_VERSION

from .openai_server import Reply
from .seed_replies import ARABIC, CODING, SEED, candidates_of, coding_reply, reply_json, stage_of, translation, valid_reply

TEXT = SEED.read_text(encoding="utf-8")


def scripted(plan: dict[str, list[Reply]]) -> Callable[[dict[str, Any]], Reply]:
    """A reply function: each stage answers from its own list, then with its valid reply."""
    seen: dict[str, int] = defaultdict(int)

    def answer(request: dict[str, Any]) -> Reply:
        stage = stage_of(request)
        n = seen[stage]
        seen[stage] += 1
        replies = plan.get(stage, [])
        return replies[n] if n < len(replies) else Reply(content=valid_reply(request))

    return answer


def make_summarizer(server, **settings: Any) -> Summarizer:
    base = {"base_url": server.url, "model": "scripted", "api_key": "sk-test-key", "max_wait": 0.2}
    return Summarizer(Settings.load(**{**base, **settings}))


def test_valid_replies_give_a_grounded_summary_with_provenance(scripted_server):
    server = scripted_server(scripted({}))
    result = make_summarizer(server).summarize(TEXT, article_id="seed", published=dt.date(2018, 3, 24))

    assert isinstance(result, ArticleSummary)
    assert result.article_id == "seed" and result.source_language == "ar"
    assert result.summary.en.startswith("The first group")
    assert result.summary.ar.startswith("غادرت ليل السبت")
    # The two point sentences the scripted events stage codes (tests/seed_replies.py CODING).
    left, buses = result.events
    assert (left.event_type, buses.event_type) == ("retreat", "retreat")
    assert left.description.ar == result.key_points[0].ar and buses.description.en == result.key_points[1].en
    # Known place: canonical English and coordinates from the gazetteer, read by code from the sentence.
    assert buses.location.name.en == "Irbin" and buses.location.geo_precision == "city"
    assert (round(buses.location.latitude), round(buses.location.longitude)) == (34, 36)
    assert [(q.value, q.unit) for q in buses.quantities] == [(17, "buses"), (981, "fighters")]  # the point's English
    assert left.actors[0].name.en == "Faylaq al-Rahman"  # from the glossary
    assert left.date.iso == dt.date(2018, 3, 24) and left.date.precision == "day"  # the sentence's ليل السبت
    assert buses.attribution == ["سانا"]  # a news agency the sentence names
    for event in (left, buses):
        for evidence in [*event.evidence, *(q.evidence for q in event.quantities), *result.key_points[0].evidence]:
            assert evidence.match != "not_found"
            assert TEXT[evidence.start : evidence.end].replace("#", "") in evidence.text.replace("#", "") or (
                evidence.match != "exact"
            )
        exact = [e for e in event.evidence if e.match == "exact"]
        assert exact and TEXT[exact[0].start : exact[0].end] == exact[0].text

    p = result.provenance
    # summary, events, then one translation each for the headline and 2 points; both names are
    # known to the glossary and gazetteer, so they cost no call
    assert (p.calls, p.retries, p.transport_retries) == (5, 0, 0)
    assert (p.usage.prompt_tokens, p.usage.completion_tokens, p.usage.total_tokens) == (500, 250, 750)
    assert p.schema_version == SCHEMA_VERSION and p.provider == "openai-compatible" and p.model == "scripted"
    assert set(p.prompt_templates) >= {"system.j2", "events.j2", "summarize_ar.j2", "translate_en.j2"}
    assert {s.stage for s in p.stages} == {"events", "summarize_ar", "translate_en"}
    assert p.timings["total"] > 0
    # The default request form for an endpoint is OpenAI's json_schema, sent through unchanged.
    assert all(r["response_format"]["type"] == "json_schema" for r in server.requests)
    assert all(r["max_tokens"] > 0 for r in server.requests)
    # The key goes in the Authorization header and nowhere into the output.
    assert server.headers[0]["authorization"] == "Bearer sk-test-key"
    assert "sk-test-key" not in result.model_dump_json()


def test_translation_requests_show_known_names_in_english(scripted_server):
    server = scripted_server(scripted({}))
    make_summarizer(server).summarize(TEXT)
    prompts = [r["messages"][1]["content"] for r in server.requests if stage_of(r) == "translate_en"]
    point = next(p for p in prompts if "أول دفعة" in p.split("<arabic>")[1])
    asked = point.split("<arabic>\n")[1].split("\n</arabic>")[0]
    # the model reads the names it must keep in the form it must write them
    assert "سيطرة Faylaq al-Rahman في" in asked and "إلى Idlib" in asked and "فيلق الرحمن" not in asked
    # the hints are a line of their own, not run into the instruction after them
    # the region is a known name too (summarizer.regions), no longer "the eastern part of Syria"
    assert "جنوب Eastern Ghouta إلى" in asked
    assert "\nKnown names: فيلق الرحمن = Faylaq al-Rahman; الغوطة الشرقية = Eastern Ghouta; إدلب = Idlib\nTerms: " in point
    # the news terms' English comes before the model writes, closed classes first, on a line of its own
    terms = point.split("\nTerms: ")[1].split("\n")[0]
    assert terms.startswith("السبت = Saturday; ") and "المقاتلين = fighter" in terms
    assert f"\nTerms: {terms}\nKeep every number" in point


def test_llama_cpp_request_form_carries_the_schema_in_json_object(scripted_server):
    server = scripted_server(scripted({}))
    make_summarizer(server, request_form="json_object_schema").summarize(TEXT)
    for request in server.requests:
        form = request["response_format"]
        assert form["type"] == "json_object"
        assert form["schema"]["type"] == "object" and "properties" in form["schema"]


def test_invalid_reply_is_reasked_with_the_validation_error_and_then_accepted(scripted_server):
    bad = json.dumps({**ARABIC, "headline": "Fighters begin leaving Ghouta"})
    server = scripted_server(scripted({"summarize_ar": [Reply(content=bad)]}))
    result = make_summarizer(server).summarize(TEXT)

    assert result.headline.ar == ARABIC["headline"]
    p = result.provenance
    assert (p.calls, p.retries) == (6, 1)
    assert p.usage.total_tokens == 6 * 150  # the failed attempt's tokens are counted too
    summary_requests = [r for r in server.requests if stage_of(r) == "summarize_ar"]
    reask = summary_requests[1]["messages"]
    assert reask[-2]["role"] == "assistant" and reask[-2]["content"] == bad
    assert "headline" in reask[-1]["content"] and "Arabic" in reask[-1]["content"]
    # the re-ask samples (seeded): at temperature 0 a small model repeats its rejected answer
    first = [(r["temperature"], r["seed"]) for r in server.requests if r is not summary_requests[1]]
    assert set(first) == {(0.0, 0)}
    assert (summary_requests[1]["temperature"], summary_requests[1]["seed"]) == (0.7, 0)
    assert p.generation["reask_temperature"] == 0.7


def test_a_reask_keeps_the_first_calls_temperature_when_told_to(scripted_server):
    bad = json.dumps({**ARABIC, "headline": "Fighters begin leaving Ghouta"})
    server = scripted_server(scripted({"summarize_ar": [Reply(content=bad)]}))
    make_summarizer(server, reask_temperature=0).summarize(TEXT)
    assert {r["temperature"] for r in server.requests} == {0.0}


def test_english_that_never_validates_leaves_the_arabic_summary_valid_and_reported(scripted_server):
    arabic_in_english = json.dumps({"text": "بدء خروج المقاتلين"}, ensure_ascii=False)

    # Every sentence has an event record, but no English is written from one: a record's wrong type,
    # actor or place would become a key point (all 5 such points of the 2026-12-01 news run were).
    server = scripted_server(scripted({"translate_en": [Reply(content=arabic_in_english)] * 10}))
    result = make_summarizer(server, max_retries=2).summarize(TEXT, article_id="seed")

    # the headline and both points: 3 attempts each (2 re-asks after the first), none passes
    assert len([r for r in server.requests if stage_of(r) == "translate_en"]) == 9
    assert result.headline.en is None and result.summary.en is None
    assert [k.en for k in result.key_points] == [None, None] and all(k.ar for k in result.key_points)
    assert result.summary.ar.startswith("غادرت ليل السبت") and result.events  # the Arabic and the events stay
    p = result.provenance
    assert p.calls == 11 and p.usage.total_tokens == 11 * 150 and p.retries == 9  # every failed attempt booked
    assert "translate_en: no English passed the checks; the summary is in Arabic only" in p.rejected
    assert sum("kept without English" in r for r in p.rejected) == 2
    assert ArticleSummary.model_validate_json(result.model_dump_json()) == result


@pytest.mark.parametrize("form", ["json_schema", "json_object_schema"])
def test_the_events_stage_offers_each_sentence_only_the_types_its_words_propose(scripted_server, form):
    server = scripted_server(scripted({}))
    make_summarizer(server, request_form=form).summarize(TEXT, published=dt.date(2018, 3, 24))
    request = next(r for r in server.requests if stage_of(r) == "events")
    # The schema the backend builds its grammar from (llama.cpp: response_format.schema) carries a
    # per-sentence enum: the embedded model can only choose among these.
    if form == "json_object_schema":
        assert request["response_format"]["type"] == "json_object" and "schema" in request["response_format"]
    offered = {key: types for key, (types, _) in candidates_of(request).items()}
    assert offered["s3"] == ["retreat", "none"]  # إجلاء المقاتلين: code decided the type
    assert offered["s11"] == ["coerce", "mobilize", "none"]  # تفتيش: a weak trigger, not decided
    assert offered["s7"] == ["aid", "none"]  # a strong trigger's type; the weak words' readings are not offered
    assert len(offered["s5"]) == 22  # a point's sentence without a trigger word: any type, or none
    assert "aid" in offered["s4"] and len(offered["s4"]) < 22  # إجلاؤهم: إجلاء with a pronoun (hamza on a seat)
    assert "s1" not in offered and "s14" not in offered  # no trigger word (and not a point)
    assert len(offered) == 10 and "s15" not in offered  # at most ten: the points' first, then the earliest


def test_a_type_the_sentence_does_not_propose_is_refused_and_the_sentence_dropped(scripted_server):
    def answer(request):
        if stage_of(request) == "events":
            reply = json.loads(coding_reply(request))
            reply["s3"] = {"event_type": "assault", "initiators": [], "recipients": []}  # إجلاء المقاتلين
            return Reply(content=json.dumps(reply, ensure_ascii=False))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    assert [e.event_type for e in result.events] == ["retreat", "retreat"]  # the two points' records only
    assert result.provenance.retries == 1  # the events stage's one attempt failed validation (not re-asked)
    assert len([r for r in server.requests if stage_of(r) == "events"]) == 1
    assert any(r.startswith("events: dropped s3") for r in result.provenance.rejected)


def test_an_events_reply_of_none_for_every_sentence_is_asked_again_in_small_groups(scripted_server):
    first = []

    def answer(request):
        if stage_of(request) == "events":
            if not first:  # the whole list, collapsed to "none" although code decided a type
                first.append(candidates_of(request))
                return Reply(content=coding_reply(request, coding={}))
            return Reply(content=coding_reply(request))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    asked = [candidates_of(r) for r in server.requests if stage_of(r) == "events"]
    assert len(first[0]) > 3 and any(len(types) == 2 for types, _ in first[0].values())  # a decided type and "none"
    # then every sentence once more, at most three to a call
    assert [len(group) for group in asked[1:]] == [min(3, len(first[0]) - k) for k in range(0, len(first[0]), 3)]
    assert [k for group in asked[1:] for k in group] == list(first[0])
    assert [e.event_type for e in result.events] == ["retreat", "retreat"]
    assert sum(s.calls for s in result.provenance.stages if s.stage == "events") == len(asked)
    assert any("every sentence was answered none" in r for r in result.provenance.rejected)


def test_transport_errors_are_retried_honouring_retry_after_and_counted(scripted_server):
    faults = [Reply(status=429, headers={"Retry-After": "0.05"}), Reply(status=503)]
    server = scripted_server(scripted({"events": faults}))
    result = make_summarizer(server).summarize(TEXT)
    p = result.provenance
    assert p.transport_retries == 2
    assert p.calls == 7 and p.retries == 0
    assert p.usage.total_tokens == 5 * 150  # error answers carry no usage


def test_endpoint_that_keeps_failing_raises_transport_error_without_leaking_key(scripted_server):
    server = scripted_server(lambda request: Reply(status=500, content="boom sk-test-key"))
    with pytest.raises(TransportError) as caught:
        make_summarizer(server, transport_retries=2).summarize(TEXT, article_id="seed")
    message = str(caught.value)
    assert "HTTP 500" in message and "sk-test-key" not in message
    assert len(server.requests) == 3  # the first stage, tried three times; nothing after it


def test_hanging_endpoint_times_out_within_bound(scripted_server):
    server = scripted_server(lambda request: Reply(fault="hang"))
    with pytest.raises(TransportError, match="did not answer in time"):
        make_summarizer(server, timeout=0.3, transport_retries=1).summarize(TEXT)


def test_point_the_article_does_not_support_is_reasked(scripted_server):
    invented = reply_json("summarize_ar", points=[
        {"text": "أعلن جيش الإسلام انسحابه من دوما وتسليم سلاحه الثقيل للنظام."},
        {"text": "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصاً من المسلحين وعائلاتهم."},
    ])
    server = scripted_server(scripted({"summarize_ar": [Reply(content=invented)]}))
    result = make_summarizer(server).summarize(TEXT)
    assert "انسحابه" not in result.summary.ar
    reask = [r for r in server.requests if stage_of(r) == "summarize_ar"][1]["messages"][-1]["content"]
    assert "says things the article does not say" in reask


def test_point_never_supported_is_replaced_by_its_closest_article_sentence(scripted_server):
    drifting = reply_json("summarize_ar", points=[
        {"text": "غادرت أول دفعة من المقاتلين مناطق فيلق الرحمن بعد قصف روسي عنيف على المدنيين."},
        {"text": "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصاً من المسلحين وعائلاتهم."},
    ])
    server = scripted_server(scripted({"summarize_ar": [Reply(content=drifting)] * 3}))
    result = make_summarizer(server, max_retries=2).summarize(TEXT)
    assert "قصف" not in result.summary.ar
    first = result.key_points[0]
    assert first.ar.startswith("وغادرت ليل السبت أول دفعة") and first.evidence[0].match == "exact"
    assert TEXT[first.evidence[0].start : first.evidence[0].end].startswith("وغادرت ليل السبت")
    assert any(r.startswith("summarize_ar: points: replaced") for r in result.provenance.rejected)


def test_repeated_points_are_a_validation_error(scripted_server):
    same = {"text": "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصاً من المسلحين وعائلاتهم."}
    server = scripted_server(scripted({"summarize_ar": [Reply(content=reply_json("summarize_ar", points=[same, same]))]}))
    result = make_summarizer(server).summarize(TEXT)
    assert result.provenance.retries == 1
    reask = [r for r in server.requests if stage_of(r) == "summarize_ar"][1]["messages"][-1]["content"]
    assert "say the same thing" in reask


def test_event_keeps_its_grounded_actors_when_one_is_invented(scripted_server):
    invented = {"event_type": "retreat", "initiators": ["فيلق الرحمن"], "recipients": ["القوات الروسية"]}

    def answer(request):
        if stage_of(request) == "events":
            return Reply(content=coding_reply(request, {**CODING, "وغادرت ليل السبت أول دفعة": invented}))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    assert [a.name.ar for a in result.events[0].actors] == ["فيلق الرحمن"]
    assert len([r for r in server.requests if stage_of(r) == "events"]) == 1  # not re-asked: repaired by code
    assert any("events: replaced s4" in r and "'القوات الروسية' is not named in this sentence" in r
               for r in result.provenance.rejected)


def test_a_role_the_sentence_contradicts_is_set_by_code(scripted_server):
    # هجوم على حاجز للجيش: the army is the target; اعتقلت وزارة الداخلية: the ministry arrested.
    text = ("شن مسلحون هجوما على حاجز للجيش المصري في العريش صباح السبت.\n"
            "واعتقلت وزارة الداخلية عشرة أشخاص في المدينة بعد الهجوم.\n"
            "وقال سكان إن الهدوء عاد إلى العريش.")
    points = [{"text": "شن مسلحون هجوما على حاجز للجيش المصري في العريش صباح السبت."},
              {"text": "اعتقلت وزارة الداخلية عشرة أشخاص في المدينة بعد الهجوم."}]
    wrong = {"هجوما على حاجز": {"event_type": "assault", "initiators": ["الجيش المصري"]},
             "واعتقلت وزارة": {"event_type": "coerce", "recipients": ["وزارة الداخلية"]}}

    def answer(request):
        stage = stage_of(request)
        if stage == "events":
            return Reply(content=coding_reply(request, wrong))
        if stage == "summarize_ar":
            return Reply(content=json.dumps({"headline": "هجوم على حاجز للجيش المصري في العريش", "points": points},
                                            ensure_ascii=False))
        english = {
            "هجوم على حاجز للجيش المصري في العريش": "Gunmen attack a checkpoint of the Egyptian Armed Forces in Arish",
            points[0]["text"]: "Gunmen attacked a checkpoint of the Egyptian Armed Forces in Arish on Saturday morning.",
            points[1]["text"]: "The Ministry of Interior arrested ten people in the city after the attack.",
        }
        return Reply(content=json.dumps({"text": translation(request, english, "Ministry of Interior")}))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(text, published=dt.date(2018, 3, 24))
    assert len([r for r in server.requests if stage_of(r) == "events"]) == 1  # not re-asked: repaired by code
    notes = " ".join(r for r in result.provenance.rejected if r.startswith("events:"))
    assert "'الجيش المصري' is the one the act is done to (it follows «على»)" in notes
    assert "'وزارة الداخلية' does the act (the subject of «واعتقلت»)" in notes
    roles = {(e.event_type, a.name.ar, a.role) for e in result.events for a in e.actors}
    assert roles == {("assault", "الجيش المصري", "recipient"), ("coerce", "وزارة الداخلية", "initiator")}


def test_known_name_must_keep_its_canonical_english(scripted_server):
    wrong = json.dumps({"text": "The first group of fighters and civilians left areas held by the Rahman Army "
                                "in southern Eastern Ghouta for Idlib on Saturday night."})

    def first_point(request):
        return stage_of(request) == "translate_en" and "أول دفعة" in request["messages"][1]["content"].split("<arabic>")[1]

    def answer(request):
        if first_point(request):
            n = sum(1 for r in server.requests if first_point(r))
            if n == 1:
                return Reply(content=wrong)
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    assert "Faylaq al-Rahman" in result.key_points[0].en
    reasks = [r["messages"][-1]["content"] for r in server.requests if r["messages"][-1]["role"] == "user"
              and "must name" in r["messages"][-1]["content"]]
    assert reasks and "Faylaq al-Rahman" in reasks[0]


def test_untranslatable_headline_is_replaced_by_the_first_points_english(scripted_server):
    def answer(request):
        headline = "Task: translate into English this Arabic headline" in request["messages"][1]["content"]
        if stage_of(request) == "translate_en" and headline:
            return Reply(content=json.dumps({"text": "بدء خروج المقاتلين"}, ensure_ascii=False))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    assert result.headline.en == result.key_points[0].en
    assert any(r.startswith("translate_en: headline not translated") for r in result.provenance.rejected)


def test_headline_the_article_does_not_support_is_replaced_by_the_first_point(scripted_server):
    invented = reply_json("summarize_ar", headline="انسحاب القوات الأمريكية من قاعدة التنف")
    server = scripted_server(scripted({"summarize_ar": [Reply(content=invented)] * 2}))
    result = make_summarizer(server).summarize(TEXT)
    assert result.headline.ar == result.key_points[0].ar
    assert any(r.startswith("summarize_ar: headline: replaced") for r in result.provenance.rejected)


def test_name_without_an_english_form_is_dropped_from_the_events(scripted_server):
    spokesman = {"event_type": "aid", "initiators": ["فيلق الرحمن", "وائل علوان"]}

    def answer(request):
        if stage_of(request) == "events":
            return Reply(content=coding_reply(request, {**CODING, "إجلاء جرحى": spokesman}))
        if "Task: give the usual English name" in request["messages"][1]["content"]:
            return Reply(content=json.dumps({"text": "وائل علوان"}, ensure_ascii=False))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    summarizer = make_summarizer(server)
    # a name with no attested spelling (summarizer.romanize) goes to the model
    summarizer._romanizer = SimpleNamespace(person=lambda name, country=None: None, name_words=lambda arabic: [])
    result = summarizer.summarize(TEXT)
    aid = next(e for e in result.events if e.event_type == "aid")
    assert [a.name.ar for a in aid.actors] == ["فيلق الرحمن"]
    # no point restates the sentence: code writes the English from the trigger's gloss and the names
    assert aid.description.en.startswith("Evacuate the wounded (aid) by Faylaq al-Rahman")
    assert all(e.name.ar != "وائل علوان" for e in result.entities)
    assert any("no English for the name 'وائل علوان'" in r for r in result.provenance.rejected)


def test_a_persons_attested_spelling_costs_no_model_call(scripted_server):
    pytest.importorskip("arabic_name_romanizer")
    spokesman = {"event_type": "aid", "initiators": ["فيلق الرحمن", "وائل علوان"]}

    def answer(request):
        if stage_of(request) == "events":
            return Reply(content=coding_reply(request, {**CODING, "إجلاء جرحى": spokesman}))
        return Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)
    aid = next(e for e in result.events if e.event_type == "aid")
    assert [a.name.en for a in aid.actors] == ["Faylaq al-Rahman", "Wael Alwan"]
    assert not any("Task: give the usual English name" in r["messages"][1]["content"] for r in server.requests)
