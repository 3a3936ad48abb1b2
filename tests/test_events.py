"""The events stage's code: candidate sentences, roles checked against the sentence, records and merging."""

from __future__ import annotations

import datetime as dt
import json
from typing import get_args

import pytest
from pydantic import ValidationError

from summarizer.event_candidates import MAX_CANDIDATES, Candidate, find_candidates, places_in
from summarizer.event_records import ActorRecord, EventRecord
from summarizer.events import describe, merge, record
from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.grounding import Source
from summarizer.models import EventType
from summarizer.names import KnownNames
from summarizer.regions import Regions
from summarizer.responses import NO_EVENT, event_choices
from summarizer.roles import expected_role, named_person, opening_subject
from summarizer.salvage import event_choices_salvage
from summarizer.triggers import find_triggers

PUBLISHED = dt.date(2018, 3, 25)
ARTICLE = (
    "دعا مجلس الأمن إلى وقف إطلاق النار في مدينة حلب يوم السبت.\n"  # 1: the request, not the ceasefire
    "ولم تقصف الطائرات المدينة منذ أيام.\n"  # 2: negated
    "ونفى الجيش السوري قصف مستشفى في إدلب.\n"  # 3: denied
    "وكانت الطائرات قد قصفت المدينة في 3 آذار 2016.\n"  # 4: background, years before publication
    "وسيعقد وزير الخارجية اجتماعا مع نظيره الأردني الأسبوع المقبل.\n"  # 5: planned meeting
    "وشنت قوات النظام غارات على بلدة عربين في سوريا صباح الأحد.\n"  # 6: occurred; عربين is a town
    "وقال سكان إن الهدوء عاد."  # 7: no trigger
)


def candidates(text: str = ARTICLE, **kwargs) -> dict[int, Candidate]:
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    return {c.number: c for c in find_candidates(Source(text), known, PUBLISHED, **kwargs)}


def test_candidates_leave_out_negated_acts_demanded_acts_and_background():
    found = candidates()
    assert sorted(found) == [1, 3, 5, 6]
    assert found[1].decided == EventType.request  # دعا: the ceasefire it calls for proposes nothing
    assert [t.status for t in found[3].triggers] == ["denied"]
    assert [t.status for t in found[5].triggers] == ["planned"]
    assert found[6].decided == EventType.assault and found[6].places[0] == "عربين"  # the town before the country
    assert found[6].date_span is not None and "الأحد" in ARTICLE[slice(*found[6].date_span)]


def test_a_month_or_a_week_is_background_only_when_it_ended_more_than_a_month_before():
    text = ("وحظرت الحكومة دخول السلع منذ نهاية شباط/فبراير.\n"  # Feb ended 25 days before publication: news
            "وكانت الحكومة قد حظرت دخول السلع في كانون الثاني/يناير.\n"  # January ended 53 days before
            "وحظرت الحكومة دخول السلع الأسبوع الماضي.")  # the week before publication
    assert sorted(candidates(text)) == [1, 3]


def test_the_country_across_a_border_is_not_where_the_act_happened():
    text = ("قتل تسعة جنود تونسيين في كمين قرب الحدود مع الجزائر.\n"
            "وأخلت السلطات العمانية مستشفيات على حدودها مع اليمن.\n"
            "وتظاهر الآلاف عند حدود غزة.")
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    lines = text.split("\n")
    assert places_in(lines[0], known) == ()
    assert places_in(lines[1], known) == ()
    assert places_in(lines[2], known) == ("غزة",)  # at Gaza's border: Gaza may be the place


def test_the_two_ends_after_bayna_come_after_the_place_the_sentence_is_about():
    text = ("خرجت حافلة عن الطريق الذي يربط بين حمص وحماة في بلدة الرستن.\n"
            "واندلعت اشتباكات عند المعبر بين لبنان وسوريا.\n"
            "وقال الوزير إن الطريق بين حلب ودمشق، في حماة، مغلق.")
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    first, second, third = text.split("\n")
    # a route's ends: the town where the bus left the road comes first, the ends after it
    assert places_in(first, known)[0] == "الرستن"
    assert set(places_in(first, known)[1:]) >= {"حمص", "حماة"}
    assert places_in(second, known) == ("لبنان", "سوريا")  # nothing else named: the pair still counts
    assert places_in(third, known)[0] == "حماة"  # a new clause after the pair: no longer between


def test_a_name_inside_a_news_agency_is_not_a_place():
    text = "وقالت وكالة الأنباء الأردنية (بترا) إن المتظاهرين أغلقوا الطرق في عمان."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    assert places_in(text, known) == ("عمان",)  # بترا is the agency, not Petra


def test_a_place_after_li_takes_back_the_article_that_li_drops_and_a_particle_is_no_place():
    text = ("ذهب التنظيم للولايات المتحدة والمكسيك وكندا، وعاد الوفد للمغرب، وسافر وزير للندن.\n"
            "ورغم أنها ستكون أول بطولة تستضيفها 3 دول، فإن أغلب المباريات ستقام في كندا.")
    known = KnownNames(text, Glossary.default(), Gazetteer.default(), Regions.default())
    first, second = text.split("\n")
    # ل + الولايات is written للولايات: the name is الولايات المتحدة, not لولايات المتحدة (news 032)
    assert set(places_in(first, known)) >= {"الولايات المتحدة", "المغرب"}
    assert not any(p.startswith("لو") or p == "لمغرب" for p in places_in(first, known))
    assert places_in(second, known) == ("كندا",)  # فإن is "for indeed", not Van (Turkey) folded to فان


def test_an_imperfect_verb_opening_a_relative_clause_describes_and_reports_nothing():
    text = ("وتسيطر الحكومة التي تدعمها الأمم المتحدة على العاصمة منذ سنوات طويلة.\n"  # the UN-backed government
            "واقترب الإعصار الذي ضرب جزيرة سقطرى من السواحل يوم السبت.\n"  # a perfect verb: the news
            "ودعمت الحكومة المزارعين بمبلغ كبير يوم السبت.")
    found = candidates(text)
    assert 1 not in found and {2, 3} <= set(found)


def test_a_point_sentence_without_a_trigger_may_report_any_type():
    found = candidates(point_sentences=[7])
    assert found[7].triggers == () and set(found[7].types) == set(EventType) and found[7].decided is None


def test_candidates_over_the_limit_keep_the_points_sentences_first():
    text = "\n".join(f"وقصفت الطائرات قرية رقم {n} في الريف صباح اليوم." for n in range(1, MAX_CANDIDATES + 4))
    found = candidates(text, point_sentences=[MAX_CANDIDATES + 3])
    assert len(found) == MAX_CANDIDATES and MAX_CANDIDATES + 3 in found and list(found)[:2] == [1, 2]


def test_roles_follow_the_sentence_words():
    attack = "شن مسلحون هجوما على حاجز للجيش المصري في العريش."
    triggers = find_triggers(attack)
    assert expected_role(attack, "الجيش المصري", "assault", triggers).role == "recipient"
    arrest = "واعتقلت وزارة الداخلية عشرة أشخاص في المدينة."
    check = expected_role(arrest, "وزارة الداخلية", "coerce", find_triggers(arrest), ["وزارة الداخلية"])
    assert check.role == "initiator" and check.word == "واعتقلت"
    # A masculine perfect is often passive unvocalised (قتل الجندي): no rule, the model's role stands.
    killed = "قتل الجندي في الهجوم."
    assert expected_role(killed, "الجندي", "assault", find_triggers(killed), ["الجندي"]) is None
    talks = "وجرت محادثات بوساطة الأمم المتحدة بين الطرفين."
    assert expected_role(talks, "الأمم المتحدة", "consult", find_triggers(talks)).role == "mediator"


@pytest.mark.parametrize(("sentence", "event_type", "subject"), [
    ("وأغلقت السلطات المدارس في المدينة.", "coerce", "السلطات"),  # a definite object follows: not the subject
    ("وألقت قوات الأمن الأردنية القبض على ثلاثة مسلحين.", "coerce", "قوات الأمن الأردنية"),  # genitive + adjective
    ("وقضت المحكمة أيضا بسجن الناشط عشرين عاما.", "sanction", "المحكمة"),
    ("تقدمت قطر بدعوى قضائية ضد الإمارات.", "accuse", "قطر"),  # a light verb, then ب and the act
    ("وهددت إسرائيل قطاع غزة بعملية عسكرية.", "threaten", "إسرائيل"),
    ("وقالت الحكومة إن القرار ظالم ويجب رفضه.", "reject", "الحكومة"),  # the speaker of a said act
    ("أغلقت المدارس في المدينة بسبب الثلوج.", "coerce", None),  # passive: the schools are no actor
    ("وقالت الشرطة إن مسلحين هاجموا حاجزا في المدينة.", "assault", None),  # the police only report it
    ("وشهدت طرابلس اشتباكات عنيفة أمس.", "assault", None),  # a place that witnessed, not a party
    ("وقصف الجيش مواقع المسلحين.", "assault", None),  # masculine: often passive unvocalised
    # a person's name, told by the apposition after it; a verb of saying of either gender
    ("ووصفت نعيمة الكلاف، محامية الحراك، الأحكام بأنها قاسية.", "accuse", "نعيمة الكلاف"),
    ("وقال محمد آل جابر، سفير السعودية في اليمن، إن الحوثيين يرفضون الحل.", "reject", "محمد آل جابر"),
    ("وقال محمد علي، الناشط الحقوقي، إن مسلحين هاجموا القرية.", "assault", None),  # he only reports it
    ("وقالت مصادر أمنية، طلبت عدم كشف هويتها، إن الحكومة ترفض الحل.", "reject", None),  # no person noun
    ("واعتقل محمد علي، الناشط الحقوقي، في المدينة.", "coerce", None),  # not a verb of saying: passive
])
def test_the_subject_of_an_opening_feminine_verb_or_a_named_speaker_is_the_initiator(sentence, event_type, subject):
    places = {"قطر", "إسرائيل", "طرابلس"}
    found = opening_subject(sentence, event_type, find_triggers(sentence), lambda name: False, lambda name: name in places)
    assert found == subject


@pytest.mark.parametrize(("sentence", "event_type", "subject"), [
    # openings before the verb: an adverb, a side phrase, a fronted phrase closed by a comma, كان … قد
    ("كذلك ناشدت السلطات السكان بالابتعاد عن الشاطئ.", "request", "السلطات"),
    ("ومن جانبها تنفي حركة حماس تلك الاتهامات.", "reject", "حركة حماس"),  # the longest known actor
    ("ففي 22 سبتمبر، أنقذت البحرية اللبنانية نحو 40 لاجئا.", "aid", "البحرية اللبنانية"),
    ("وكانت الحكومة العراقية في بغداد قد أعلنت حظرا للتجول.", "coerce", "الحكومة العراقية"),
    # the act in the verb's clause; a construct chain; an indefinite relative adjective; a masculine verb
    ("وأعلنت قيادة عمليات البصرة فرض حظر التجول.", "coerce", "قيادة عمليات البصرة"),
    ("أصدرت محكمة مغربية حكما بالسجن 20 عاما على الناشط.", "sanction", "محكمة مغربية"),
    ("قرر البنك المركزي التونسي الترفيع في نسبة الفائدة.", "economy", "البنك المركزي التونسي"),
    ("ووجه الحوثيون اللوم في الغارة إلى التحالف.", "accuse", "الحوثيون"),  # an active phrase, not a lone verb
    # persons the romanizer attests: after a title, or a surname named in full earlier
    ("وصرح الرئيس المصري عبد الفتاح السيسي بأن المحادثات حققت انفراجا.", "support", "عبد الفتاح السيسي"),
    ("وناشد فورار الناس بالالتزام بقواعد النظافة.", "request", "فورار"),
    # not the doer
    ("أعلنت الشرطة مقتل ثلاثة مسلحين في المدينة.", "assault", None),  # announced, not done by the police
    ("وتعرضت دورية للجيش لهجوم قرب الحدود.", "assault", None),  # the subject suffers the act
    ("واعتقل فورار في المدينة.", "coerce", None),  # a person and a hostile act: passive unvocalised
    ("وشهدت الدوحة إعلان اتفاق بين الطرفين.", "agree", None),  # a place whose verb is not the act
    ("وتوقعت دائرة الأرصاد الجوية استمرار هطول الأمطار.", "disaster", None),  # a hazard has no doer
])
def test_the_subject_after_an_opening_or_with_the_act_in_its_clause_is_the_initiator(sentence, event_type, subject):
    organisations = {"حركة حماس", "الحوثيون"}
    places = {"الدوحة"}
    persons = {"عبد الفتاح السيسي", "فورار"}
    found = opening_subject(
        sentence, event_type, find_triggers(sentence),
        organisations.__contains__, places.__contains__, persons.__contains__,
    )
    assert found == subject


@pytest.mark.parametrize(("sentence", "name", "person"), [
    ("ورحب وزير خارجية الفلبين آلان بيتر كايتانو بهذه الأنباء.", "وزير خارجية الفلبين آلان بيتر كايتانو",
     "آلان بيتر كايتانو"),  # a foreign name after the post: no article
    ("قال رئيس الوزراء اللبناني، سعد الحريري إن تياره خسر.", "رئيس الوزراء اللبناني، سعد الحريري", "سعد الحريري"),
    ("وطالب زعيم التيار الصدري، مقتدى الصدر البرلمان بالانعقاد.", "زعيم التيار الصدري", "مقتدى الصدر"),  # after it
    ("وقال المتحدث باسم الجيش إن الهجوم فشل.", "المتحدث باسم الجيش العقيد تركي المالكي", "تركي المالكي"),
    ("وقال المتحدث باسم الجيش إن الهجوم فشل.", "المتحدث باسم الجيش", None),  # باسم is no name here
    ("وقال رئيس الوزراء في بيان إن الحكومة ستعمل.", "رئيس الوزراء", None),  # a post and no name
    ("قال قائد الشرطة بالمدينة إن الوضع هادئ.", "قائد الشرطة بالمدينة", None),
    ("وقالت الحكومة إن القرار نهائي.", "الحكومة", None),  # no post
])
def test_a_post_with_a_name_is_recorded_as_the_person(sentence, name, person):
    attested = {"سعد الحريري", "مقتدى الصدر", "تركي المالكي"}
    assert named_person(sentence, name, attested.__contains__) == person


def test_a_record_the_model_named_no_one_in_takes_the_subject_of_its_verb():
    text = "وأغلقت السلطات المدارس في مدينة حلب يوم الأحد بسبب العاصفة."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    found = {c.number: c for c in find_candidates(Source(text), known, PUBLISHED)}
    choice = event_choices([found[1]]).model_validate({"s1": {"event_type": "coerce"}}).s1
    closed = record(found[1], choice, known, PUBLISHED, None)
    assert [(a.name, a.role) for a in closed.actors] == [("السلطات", "initiator")]


def test_the_speaker_the_model_listed_as_recipient_of_her_own_criticism_is_its_initiator():
    text = "ووصفت نعيمة الكلاف، محامية الحراك، الأحكام بأنها قاسية وانتقامية."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    found = {c.number: c for c in find_candidates(Source(text), known, PUBLISHED)}
    coding = {"event_type": "accuse", "initiators": [], "recipients": ["نعيمة الكلاف"]}
    criticism = record(found[1], event_choices([found[1]]).model_validate({"s1": coding}).s1, known, PUBLISHED, None)
    assert [(a.name, a.role) for a in criticism.actors] == [("نعيمة الكلاف", "initiator")]


def test_a_records_actors_are_the_sentences_words_its_media_the_attribution_and_coordinations_split():
    text = "أعلنت وسائل إعلام سورية أن بريطانيا وفرنسا قصفتا مواقع الجيش السوري في حمص يوم الأحد وقتلتا العشرات."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    found = {c.number: c for c in find_candidates(Source(text), known, PUBLISHED)}
    coding = {"event_type": "assault", "initiators": ["أعلنت وسائل إعلام سورية", "بريطانيا وفرنسا"],
              "recipients": ["جيش السوري", "العشرات"]}
    choice = event_choices([found[1]]).model_validate({"s1": coding}).s1
    strike = record(found[1], choice, known, PUBLISHED, None)
    assert [(a.name, a.role) for a in strike.actors] == [
        ("بريطانيا", "initiator"), ("فرنسا", "initiator"), ("الجيش السوري", "recipient")]
    assert strike.attribution == ["وسائل إعلام سورية"]


def test_an_outlet_the_glossary_knows_is_the_records_attribution_not_an_actor():
    text = "وقالت سانا إن مسلحين هاجموا حاجزا للجيش السوري في حمص يوم الأحد."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    found = {c.number: c for c in find_candidates(Source(text), known, PUBLISHED)}
    coding = {"event_type": "assault", "initiators": ["سانا", "مسلحين"], "recipients": ["الجيش السوري"]}
    attack = record(found[1], event_choices([found[1]]).model_validate({"s1": coding}).s1, known, PUBLISHED, None)
    assert "سانا" not in [a.name for a in attack.actors] and attack.attribution == ["سانا"]
    coding["initiators"] = ["وكالة سانا", "مسلحين"]  # the outlet under another of its names: once
    attack = record(found[1], event_choices([found[1]]).model_validate({"s1": coding}).s1, known, PUBLISHED, None)
    assert attack.attribution == ["سانا"]


def test_a_planned_meeting_is_coded_as_the_promise_and_acled_only_for_acts_that_took_place():
    found = candidates()
    choice_model = event_choices([found[5]])
    choice = choice_model.model_validate({"s5": {"event_type": "consult"}}).s5
    meeting = record(found[5], choice, KnownNames(ARTICLE, Glossary.default(), Gazetteer.default()), PUBLISHED, None)
    assert (meeting.event_type, meeting.status) == (EventType.agree, "occurred")  # PLOVER: a future meeting is AGREE
    denied = record(found[3], event_choices([found[3]]).model_validate({"s3": {"event_type": "assault"}}).s3,
                    KnownNames(ARTICLE, Glossary.default(), Gazetteer.default()), PUBLISHED, None)
    assert denied.status == "denied" and denied.acled_event_type is None


def test_an_act_that_took_place_is_not_dated_after_publication():
    text = ("وطالب زعيم الحزب البرلمان بالانعقاد قبل يوم الأحد المقبل لبحث الأزمة.\n"
            "وسينظم المعلمون إضرابا عاما يوم الأحد المقبل في العاصمة.")
    found = candidates(text)
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    demand = record(found[1], event_choices([found[1]]).model_validate({"s1": {"event_type": "request"}}).s1,
                    known, PUBLISHED, None)
    assert demand.status == "occurred" and demand.date is None and demand.date_span is None  # the deadline's date
    strike = record(found[2], event_choices([found[2]]).model_validate({"s2": {"event_type": "protest"}}).s2,
                    known, PUBLISHED, None)
    assert strike.status == "planned" and strike.date == dt.date(2018, 4, 1)  # a plan keeps its day


def test_the_choice_enum_is_the_sentence_types_and_none():
    found = candidates()
    model = event_choices([found[1], found[6]])
    enum = model.model_json_schema()["$defs"]
    assert {tuple(d["properties"]["event_type"]["enum"]) for d in enum.values()} == {("request", "none"), ("assault", "none")}
    with pytest.raises(ValidationError):
        model.model_validate({"s1": {"event_type": "assault"}, "s6": {"event_type": "assault"}})
    assert get_args(model.model_fields["s1"].annotation.model_fields["event_type"].annotation) == ("request", NO_EVENT)


def test_salvage_keeps_valid_sentences_repairs_names_and_drops_the_rest():
    found = candidates()
    model = event_choices([found[1], found[3], found[6]])
    reply = {
        "s1": {"event_type": "request", "initiators": ["مجلس الأمن", "حلف الناتو"]},  # an invented name: dropped
        "s3": {"event_type": "protest"},  # not a type of the sentence: dropped
        "s6": {"event_type": "assault", "initiators": []},
    }
    kept, notes = event_choices_salvage(model, json.dumps(reply, ensure_ascii=False), {c: found[c] for c in (1, 3, 6)})
    assert sorted(kept) == [1, 6] and kept[1].initiators == ["مجلس الأمن"]
    assert any(n.startswith("replaced s1") for n in notes) and any(n.startswith("dropped s3") for n in notes)
    assert event_choices_salvage(model, "not json", {})[0] == {}


def test_a_habit_or_a_past_act_is_no_candidate():
    text = ("وعادة ينفذ المسلحون هجمات تستهدف حواجز أمنية في شمال سيناء.\n"
            "وكانت الكتيبة قد نفذت في السابق سلسلة اغتيالات.\n"
            "وهاجم مسلحون حاجزا أمنيا في العريش صباح السبت.")
    assert list(candidates(text)) == [3]


def _record(number: int, event_type: str = "assault", actors: tuple[str, ...] = (), **fields) -> EventRecord:
    return EventRecord(sentences=[number], event_type=event_type,
                       actors=[ActorRecord(name=a, role="initiator") for a in actors], **fields)


def test_merge_joins_reports_of_the_same_act_and_keeps_distinct_ones():
    text = ("قتل 5 أشخاص في قصف على بلدة عربين صباح الأحد.\n"
            "وقالت مصادر إن القصف استهدف سوقا شعبيا.\n"
            "واعتقلت الشرطة ناشطين في دمشق.")
    found = candidates(text)
    records = [_record(1, place="عربين", place_precise=True), _record(2, trigger="القصف"), _record(3, "coerce")]
    merged = merge(records, found)
    assert [r.sentences for r in merged] == [[1, 2], [3]]  # the definite القصف refers back to the shelling
    apart = [_record(1, actors=("أ",), date=dt.date(2018, 3, 24)), _record(2, actors=("أ",), date=dt.date(2018, 3, 20))]
    assert len(merge(apart, found)) == 2  # different days: two acts


def test_merge_joins_two_reports_of_the_same_day_and_kind_but_not_of_the_same_month():
    text = ("قتل 5 أشخاص في قصف على ريف المدينة يوم الاثنين.\n"
            "واعتقلت الشرطة ناشطين في المدينة.\n"
            "واستهدف قصف مدفعي سوقا شعبيا يوم الاثنين.")
    found = candidates(text)
    assert sorted(found) == [1, 2, 3]
    day = dt.date(2018, 6, 4)
    same_day = [_record(1, date=day, date_precision="day"), _record(3, date=day, date_precision="day")]
    assert [r.sentences for r in merge(same_day, found)] == [[1, 3]]
    month = dt.date(2018, 6, 1)  # في يونيو: two acts of one month are not one act
    same_month = [_record(1, date=month, date_precision="month"), _record(3, date=month, date_precision="month")]
    assert [r.sentences for r in merge(same_month, found)] == [[1], [3]]


def test_merge_reads_the_next_undated_sentence_of_the_same_kind_as_detail_of_the_act():
    text = ("قتل 5 أشخاص في قصف على بلدة عربين صباح الأحد.\n"
            "وأصيب عشرة آخرون بجروح خطيرة.\n"
            "وجرح مدنيون في قصف على دوما يوم الجمعة.\n"
            "وقالت مصادر طبية إن المستشفى امتلأ.\n"
            "وأصيب طفلان في حي آخر.")
    found = candidates(text)
    records = [_record(1), _record(2), _record(3, date_span=(0, 1)), _record(5), _record(6, "coerce")]
    # 2 follows 1 undated: one act; 3 dates itself (another day): a new act; 5 does not follow 3; 6 is another kind
    assert [r.sentences for r in merge(records, found)] == [[1, 2], [3], [5], [6]]


def test_merge_reads_the_places_of_a_statement_as_its_parties_not_as_where_it_happened():
    text = ("رفعت قطر دعوى على الإمارات أمام المحكمة يوم الاثنين.\n"
            "وقالت المتحدثة إن دولة قطر تتهم الإمارات بالتمييز.\n"
            "قتل 5 أشخاص في قصف على بلدة عربين.\n"
            "وقتل شخصان في قصف على دوما.")
    found = candidates(text)
    said = [_record(1, "accuse", place="قطر", place_in_sentence=True),
            _record(2, "accuse", place="دولة قطر", place_in_sentence=True)]
    assert [r.sentences for r in merge(said, found)] == [[1, 2]]
    done = [_record(3, place="عربين", place_in_sentence=True), _record(4, place="دوما", place_in_sentence=True)]
    assert [r.sentences for r in merge(done, found)] == [[3], [4]]  # two towns: two shellings


def test_merge_joins_a_town_and_the_country_it_is_in_but_not_two_towns():
    text = ("قتل 5 أشخاص في قصف شهدته سوريا صباح الأحد.\n"
            "وقالت مصادر إن القصف استهدف سوقا شعبيا في بلدة عربين.\n"
            "وقتل شخصان في قصف على دوما.\n"
            "وأفادت تقارير بأن القصف طال الأردن.")
    found = candidates(text)
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    country = _record(1, place="سوريا", place_in_sentence=True)
    town = _record(2, place="عربين", place_in_sentence=True, place_precise=True, trigger="القصف")
    merged = merge([country, town], found, known)
    assert [r.sentences for r in merged] == [[1, 2]] and merged[0].place == "عربين"  # the town, not the country
    assert len(merge([country, town], found)) == 2  # without the gazetteer, two places are two acts
    towns = [town, _record(3, place="دوما", place_in_sentence=True, place_precise=True, trigger="القصف")]
    assert len(merge(towns, found, known)) == 2  # two towns: two shellings
    abroad = [country, _record(4, place="الأردن", place_in_sentence=True, trigger="القصف")]
    assert len(merge(abroad, found, known)) == 2  # another country


def test_a_place_no_list_knows_is_as_precise_as_a_town():
    text = ("انفجرت سيارة مفخخة في حي غوط الشعال صباح الأحد.\n"
            "وقصفت الطائرات سوريا مساء الأحد.")
    found = candidates(text)
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    coded = []
    for n in (1, 2):
        choice = getattr(event_choices([found[n]]).model_validate({f"s{n}": {"event_type": "assault"}}), f"s{n}")
        coded.append(record(found[n], choice, known, PUBLISHED, None))
    assert (coded[0].place, coded[0].place_precise) == ("غوط الشعال", True)  # a district the article's word names
    assert (coded[1].place, coded[1].place_precise) == ("سوريا", False)  # a country


def test_merge_joins_a_town_no_list_knows_to_the_country_its_sentence_names():
    text = ("قتل 20 شخصا في تحطم طائرة نقل في الأردن.\n"
            "ووقع الحادث صباح الأربعاء قرب مطار بلدة وادي الزريقات، شمال الأردن.\n"
            "وقتل شخصان في حادث سير في بلدة تل القطيفات.")
    found = candidates(text)
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    assert known.place("وادي الزريقات") is None and known.place("تل القطيفات") is None
    crash = _record(1, "disaster", place="الأردن", place_in_sentence=True)
    there = _record(2, "disaster", place="وادي الزريقات", place_in_sentence=True, trigger="الحادث")
    assert [r.sentences for r in merge([crash, there], found, known)] == [[1, 2]]
    # the town the country's sentence does not name, and no list places: another accident
    elsewhere = _record(3, "disaster", place="تل القطيفات", place_in_sentence=True, trigger="حادث")
    assert [r.sentences for r in merge([crash, there, elsewhere], found, known)] == [[1, 2], [3]]
    airport = _record(3, "disaster", place="مطار وادي الزريقات", place_in_sentence=True, trigger="الحادث")
    assert len(merge([there, airport], found, known)) == 1  # a name within the other: the same place


def test_merge_keeps_apart_the_next_sentence_when_another_initiator_acts():
    text = ("أمر الملك بتجميد زيادات الأسعار يوم الجمعة.\n"
            "وكانت الحكومة قد رفعت أسعار الوقود بنسبة خمسة في المئة.\n"
            "وقالت الحكومة إن الزيادة ضرورية.")
    found = candidates(text)
    other = [_record(1, "economy", actors=("الملك",)), _record(2, "economy", actors=("الحكومة",))]
    assert [r.sentences for r in merge(other, found)] == [[1], [2]]  # the next sentence, but another doer
    same = [_record(2, "economy", actors=("الحكومة",)), _record(3, "economy", actors=("الحكومة",))]
    assert [r.sentences for r in merge(same, found)] == [[2, 3]]
    unnamed = [_record(1, "economy", actors=("الملك",)), _record(2, "economy")]
    assert [r.sentences for r in merge(unnamed, found)] == [[1, 2]]  # no initiator named: nothing tells them apart
    later = [_record(2, "economy", actors=("وزارة البترول والثروة المعدنية",)), _record(3, "economy", actors=("الوزارة",))]
    assert [r.sentences for r in merge(later, found)] == [[2, 3]]  # الوزارة: the ministry named before


def test_merge_reads_the_dead_of_a_sentence_with_no_other_trigger_as_the_act_of_any_harm_they_follow():
    text = ("قصفت الطائرات بلدة عربين صباح الأحد.\n"
            "ومن بين القتلى مدنيون وعدد من عناصر الشرطة.\n"
            "وأرسلت السلطات مساعدات إلى البلدة.\n"
            "وارتفع عدد القتلى إلى عشرين في المدينة.\n"
            "وضرب زلزال المدينة مساء الاثنين.")
    found = candidates(text)
    assert {2, 4} <= set(found)
    # typed `disaster` by the model, the dead are the bombing's: one act, typed as the bombing
    dead = [_record(1, "assault"), _record(2, "disaster")]
    assert [(r.sentences, r.event_type) for r in merge(dead, found)] == [([1, 2], EventType.assault)]
    # in either order: the harm-only record takes the other's type
    later = [_record(4, "health", trigger="القتلى"), _record(5, "disaster")]
    assert [(r.sentences, r.event_type) for r in merge(later, found)] == [([4, 5], EventType.disaster)]
    # other types stay apart: aid after a bombing is another act
    aid = [_record(1, "assault"), _record(3, "aid")]
    assert [r.sentences for r in merge(aid, found)] == [[1], [3]]


def test_merge_reads_a_person_as_the_body_the_article_gives_as_their_post():
    text = ("رفع وزير المالية الأردني، عمر سالم، أسعار الخبز يوم الجمعة.\n"
            "وقال محمد علي إن الحكومة لم تستشر النقابات.\n"
            "وأعلنت وزارة المالية قائمة الأسعار الجديدة بعد زيادتها.\n"
            "وقال المتحدث باسم وزارة الداخلية العميد خالد حسن إن الشرطة اعتقلت عشرة محتجين.\n"
            "واعتقلت وزارة الداخلية ناشطين آخرين في المدينة.\n"
            "واعتقلت الشرطة الأردنية طالبا.")
    found = candidates(text)
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    minister = [_record(1, "economy", actors=("عمر سالم",)), _record(3, "economy", actors=("وزارة المالية",))]
    assert [r.sentences for r in merge(minister, found, known)] == [[1, 3]]  # the minister acts for the ministry
    other = [_record(2, "economy", actors=("محمد علي",)), _record(3, "economy", actors=("وزارة المالية",))]
    assert [r.sentences for r in merge(other, found, known)] == [[2], [3]]  # no post before his name
    spokesman = [_record(4, "coerce", actors=("خالد حسن",)), _record(5, "coerce", actors=("وزارة الداخلية",))]
    assert [r.sentences for r in merge(spokesman, found, known)] == [[4, 5]]
    # الأردن is not named in الأردنية: the minister of the first sentence says nothing of it
    jordan = [_record(1, "economy", actors=("الأردن",)), _record(3, "economy", actors=("وزارة المالية",))]
    assert [r.sentences for r in merge(jordan, found, known)] == [[1], [3]]


def test_a_record_no_point_restates_is_described_by_code_without_numbers():
    rec = _record(1, actors=("فيلق الرحمن",), gloss="evacuate the wounded", place="عربين")
    text = describe(rec.model_copy(update={"event_type": EventType.aid}), {"فيلق الرحمن": "Faylaq al-Rahman"}, "Irbin")
    assert text == "Evacuate the wounded (aid) by Faylaq al-Rahman in Irbin."


@pytest.mark.parametrize(("gloss", "shown"), [
    ("shell, bombard; shelling", "Shelling"),
    ("attack (physical; a verbal attack is ACCUSE)", "Attack"),
    ("demanded / demands (طالب is also a student)", "Demands"),
    ("", "Assault"),
])
def test_a_description_names_the_act_by_the_gloss_without_its_notes(gloss, shown):
    assert describe(_record(1, gloss=gloss), {}, None) == f"{shown} (assault)."
