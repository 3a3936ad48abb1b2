"""Each eval metric on hand-computed cases."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest
import sacrebleu
from rouge_score import rouge_scorer

from summarizer.errors import ConfigurationError
from summarizer.evaluation import (
    Case,
    CaseResult,
    EventScorer,
    FaithfulnessScorer,
    FormScorer,
    GeoScorer,
    Metric,
    Score,
    Scorer,
    SummaryScorer,
    Threshold,
    aggregate,
    check_gates,
    compare,
    default_scorers,
    load_config,
    score_case,
)
from summarizer.evaluation import events as events_module
from summarizer.evaluation.events import field_scores, match_events, same_quantity
from summarizer.evaluation.faithfulness import entity_recall, evidence_grounding, number_precision, number_recall
from summarizer.evaluation.gold import GoldSummary, RequiredFacts
from summarizer.evaluation.html import highlight
from summarizer.evaluation.text import arabic_name_in, chrf, english_name_in, rouge, same_name, tokenize
from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.grounding import Source
from summarizer.models import ArticleSummary, Bilingual, Event, Quantity
from summarizer.names import KnownNames

# --- builders --------------------------------------------------------------------------------

PROVENANCE = {
    "provider": "openai-compatible", "model": "m", "request_form": "json_schema", "prompt_templates": {},
    "package_version": "0", "created_at": "2025-01-01T00:00:00Z", "usage": {"total_tokens": 10}, "calls": 3,
    "retries": 0, "timings": {"total": 2.5},
}


def summary(**fields: Any) -> ArticleSummary:
    data: dict[str, Any] = {
        "article_id": "a", "source_language": "ar",
        "headline": {"ar": "عنوان", "en": "Headline"},
        "summary": {"ar": "ملخص", "en": "Summary"},
        "provenance": PROVENANCE,
    }
    data.update(fields)
    return ArticleSummary.model_validate(data)


def event(kind: str = "assault", *, place: tuple[str, str] | None = None, date: str | None = None,
          quantities: tuple[float, ...] = (), actors: tuple[tuple[str, str], ...] = (), desc: str = "وصف") -> Event:
    return Event.model_validate({
        "event_type": kind,
        "description": {"ar": desc, "en": "description"},
        "location": {"name": {"ar": place[0], "en": place[1]}} if place else None,
        "date": {"iso": date, "precision": "day"} if date else {},
        "quantities": [
            {"value": v, "unit": "people", "text": str(v), "evidence": {"text": "ق", "start": 0, "end": 1, "match": "exact"}}
            for v in quantities
        ],
        "actors": [{"name": {"ar": ar, "en": en}, "role": "initiator"} for ar, en in actors],
    })


# --- tokenizer, ROUGE, chrF ------------------------------------------------------------------


def test_rouge_score_default_tokenizer_scores_identical_arabic_as_zero_ours_as_one():
    text = "قُتل سبعة أشخاص في اشتباكات جنوب طرابلس"
    default = rouge_scorer.RougeScorer(["rouge1", "rougeL"]).score(text, text)
    assert default["rouge1"].fmeasure == 0.0 and default["rougeL"].fmeasure == 0.0  # the bug we work around
    assert rouge(text, text) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}


def test_tokenizer_folds_arabic_spelling_variants_and_keeps_numbers_whole():
    assert tokenize("ذَهَبَ الولدُ إلى المدرسة") == ["ذهب", "الولد", "الي", "المدرسه"]
    assert tokenize("أصيب ٧٬٠٠٠ و5ر2 ـــ") == ["اصيب", "7,000", "و", "2.5"]
    assert tokenize("The Al-Farouq Battalion's 2.5%") == ["the", "al", "farouq", "battalion", "s", "2.5"]


def test_rouge_on_arabic_by_hand():
    # Reference: ذهب الولد إلى المدرسة (4 tokens); output: ذهب الولد الى البيت (4 tokens).
    # إلى and الى fold to the same token: 3 unigrams shared -> P = R = F = 3/4.
    # Bigrams: (ذهب الولد) and (الولد الى) shared of 3 each -> 2/3. LCS = 3 -> 3/4.
    scores = rouge("ذهب الولد الى البيت", "ذهب الولد إلى المدرسة")
    assert scores["rouge1"] == pytest.approx(3 / 4)
    assert scores["rouge2"] == pytest.approx(2 / 3)
    assert scores["rougeL"] == pytest.approx(3 / 4)


def test_rouge_on_english_by_hand():
    # 6 reference tokens, 4 output tokens, 4 shared unigrams: P = 1, R = 4/6, F = 0.8.
    # Bigrams: output (seven people)(people were)(were killed), all in the reference: P = 1, R = 3/5, F = 0.75.
    scores = rouge("Seven people were killed", "seven people were killed in Tripoli")
    assert scores["rouge1"] == pytest.approx(0.8)
    assert scores["rouge2"] == pytest.approx(0.75)
    assert scores["rougeL"] == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("output", "reference"),
    [
        ("قتل سبعة أشخاص في طرابلس", "قُتل سبعة أشخاص بينهم مدنيان في اشتباكات طرابلس"),
        ("Seven people were killed in Tripoli", "Seven people, two of them civilians, died in Tripoli clashes"),
        ("", "شيء"),
    ],
)
def test_chrf_is_sacrebleus_own_figure_on_a_0_1_scale(output, reference):
    assert chrf(output, reference) == pytest.approx(sacrebleu.sentence_chrf(output, [reference]).score / 100)
    assert chrf(reference, reference) == pytest.approx(1.0)


# --- names -----------------------------------------------------------------------------------


def test_arabic_names_match_through_clitics_spelling_and_hashtags():
    assert arabic_name_in("طرابلس", "اشتباكات بطرابلس أمس")
    assert arabic_name_in("عين زارة", "في حي عين زاره جنوب المدينة")
    assert arabic_name_in("فيلق الرحمن", "مقاتلو #فيلق_الرحمن غادروا")
    assert arabic_name_in("الإسناد الخامسة", "وقوة الاسناد الخامسة")
    assert not arabic_name_in("مصراتة", "اشتباكات في طرابلس")
    assert not arabic_name_in("", "أي نص")


def test_english_names_match_tokens_case_insensitively_ignoring_only_spelling_noise():
    assert english_name_in("Al-Farouq Battalion", "clashes involving the al Farouq battalion")
    assert english_name_in("Al-Farouq Battalion", "the Farouq Battalion")
    assert english_name_in("Iraq", "Iraq's electoral commission")
    assert english_name_in("Marib", "camps in Ma'rib province")
    assert not english_name_in("Tripoli", "Tripolitania")  # whole tokens only
    assert not english_name_in("Gaza", "Gazan officials")
    # nothing approximate: another spelling is another name unless the glossary or gazetteer
    # declares it for the same actor or place (see the entity_recall tests below)
    assert not english_name_in("Faylaq al-Rahman", "fighters of Failaq al-Rahman left")
    assert not english_name_in("Arbin", "buses left through the Irbin crossing")
    assert not english_name_in("Aden", "in Adana")
    assert same_name(Bilingual(ar="الفاروق", en="Farouq"), Bilingual(ar="كتيبة الفاروق", en="Al-Farouq Battalion"))
    assert not same_name(Bilingual(ar="طرابلس", en="Tripoli"), Bilingual(ar="مصراتة", en="Misrata"))


# Pairs a reader tells apart at once: a name must never be credited for its false friend.
FALSE_FRIENDS = [
    ("Eastern Ghouta", "fighting in Western Ghouta"),
    ("North Kordofan", "the governor of South Kordofan"),
    ("Idlib", "an adlib remark"),
    ("Iran", "iron ore exports"),
    ("Muscat", "the team's mascot"),
    ("Jeddah", "a jade necklace"),
    ("Health Ministry in Gaza", "the Health Ministry in Egypt said"),
    ("Interior", "an Inferior Ministry statement"),
]


@pytest.mark.parametrize(("name", "text"), FALSE_FRIENDS)
def test_a_name_never_matches_its_false_friend(name, text):
    assert not english_name_in(name, text)
    assert english_name_in(name, f"{text}; {name} too")  # the test text can match the real name


def test_entity_recall_accepts_declared_variants_of_the_same_actor_or_place_only():
    article = "خروج مقاتلي فيلق الرحمن عبر معبر عربين نحو إدلب، وتعزيزات في جدة ومسقط وطهران وإيران"
    known = KnownNames(article, Glossary.default(), Gazetteer.default())
    names = [Bilingual(ar="فيلق الرحمن", en="Faylaq al-Rahman"), Bilingual(ar="عربين", en="Arbin"),
             Bilingual(ar="إدلب", en="Idlib"), Bilingual(ar="إيران", en="Iran")]
    # the glossary declares Failaq al-Rahman for فيلق الرحمن; GeoNames declares Irbin for عربين
    text = "Fighters of Failaq al-Rahman left through the Irbin crossing for Idleb; Iran said"
    assert entity_recall(names, text, "en", known.english_forms).value == 1.0
    # the same sentence with false friends: nothing is credited that is not declared for that name
    wrong = "Fighters of the regime left through the Douma crossing for an adlib; iron prices rose"
    ratio = entity_recall(names, wrong, "en", known.english_forms)
    assert ratio.hits == 0 and set(ratio.missed) == {"Faylaq al-Rahman", "Arbin", "Idlib", "Iran"}


def test_arabic_names_never_match_their_false_friends():
    assert not arabic_name_in("الاتحاد العام التونسي للشغل", "أعلن الاتحاد العام لطلبة تونس إضرابا")
    assert not arabic_name_in("الاتحاد العام لطلبة تونس", "أعلن الاتحاد العام التونسي للشغل إضرابا")
    assert not arabic_name_in("الغوطة الشرقية", "قصف على الغوطة الغربية")
    assert not arabic_name_in("شمال كردفان", "في ولاية جنوب كردفان")
    assert not arabic_name_in("وزارة الصحة في غزة", "قالت وزارة الصحة في مصر")
    assert arabic_name_in("الاتحاد العام التونسي للشغل", "وقال الاتحاد العام التونسي للشغل")


# --- faithfulness ----------------------------------------------------------------------------

SOURCE = "قُتل سبعة أشخاص وأصيب 19 آخرون في طرابلس، وأجلي 86 عائلة من الأطفال دون سن الخامسة."


def test_number_precision_counts_grounded_mentions_in_every_free_text_field():
    output = summary(
        summary={"ar": "قتل 7 أشخاص وأصيب 20.", "en": "Seven people were killed and 19 wounded."},
        headline={"ar": "سبعة قتلى", "en": "86 families evacuated, children under five"},
    )
    ratio = number_precision(output, Source(SOURCE))
    # headline.ar 7 ✓; summary.ar 7 ✓ 20 ✗; headline.en 86 ✓ five ✓ (الخامسة); summary.en 7 ✓ 19 ✓.
    assert (ratio.hits, ratio.total) == (6, 7)
    assert ratio.value == pytest.approx(6 / 7)
    assert ratio.missed == ("'20' in summary.ar",)
    assert number_precision(summary(), Source(SOURCE)).value is None  # nothing to check


def test_number_recall_finds_required_numbers_in_any_notation():
    ratio = number_recall([7, 19, 86], "Seven people were killed and nineteen wounded")
    assert (ratio.hits, ratio.total, ratio.missed) == (2, 3, ("86",))
    assert number_recall([7000, 2.5], "خروج سبعة آلاف شخص، والنسبة ٥ر٢").value == 1.0
    assert number_recall([], "anything").value is None


def test_entity_recall_per_language():
    names = [Bilingual(ar="طرابلس", en="Tripoli"), Bilingual(ar="كتيبة الفاروق", en="Al-Farouq Battalion"),
             Bilingual(ar="مصراتة", en="Misrata")]
    ar = entity_recall(names, "اشتباكات لكتيبة الفاروق بطرابلس", "ar")
    en = entity_recall(names, "The al-Farouq battalion fought in Tripoli's south", "en")
    assert (ar.hits, ar.total, ar.missed) == (2, 3, ("مصراتة",))
    assert (en.hits, en.total, en.missed) == (2, 3, ("Misrata",))


def test_entity_recall_accepts_other_english_names_of_the_same_actor():
    names = [Bilingual(ar="الحوثيون", en="Houthi movement"), Bilingual(ar="البورصة المصرية", en="Egyptian Exchange")]
    text = "The Houthis said the Egyptian stock exchange fell."
    assert entity_recall(names, text, "en").hits == 0  # the gold's spellings alone
    accepted = {"الحوثيون": ("Houthis", "Ansar Allah"), "البورصة المصرية": ("Egyptian Exchange", "EGX")}
    ratio = entity_recall(names, text, "en", lambda ar: accepted.get(ar, ()))
    assert (ratio.hits, ratio.missed) == (1, ("Egyptian Exchange",))


def test_evidence_grounding_is_spans_found_over_spans_proposed():
    ev = lambda match, start=0, end=5: {"text": "x", "start": start, "end": end, "match": match}  # noqa: E731
    output = summary(key_points=[
        {"ar": "نقطة", "en": "point", "evidence": [ev("exact"), ev("fuzzy"), {"text": "y", "match": "not_found"}]},
        {"ar": "نقطة", "en": "point", "evidence": [ev("exact", 10, 10_000)]},  # offsets outside the article
    ])
    ratio = evidence_grounding(output, SOURCE)
    assert (ratio.hits, ratio.total) == (2, 4)
    assert ratio.missed == ("key_points[0].evidence[2] (not_found)", "key_points[1].evidence[0] (exact, bad offsets)")


# --- events ----------------------------------------------------------------------------------

TRIPOLI = ("طرابلس", "Tripoli")
FAROUQ = ("كتيبة الفاروق", "Al-Farouq Battalion")
FORCE = ("قوة الإسناد الخامسة", "Fifth Support Force")


def test_field_scores_by_hand():
    gold = event(place=TRIPOLI, date="2024-06-11", quantities=(7, 19), actors=(FAROUQ, FORCE))
    pred = event(place=("جنوب طرابلس", "southern Tripoli"), date="2024-06-12", quantities=(7, 19, 5),
                 actors=(("الفاروق", "Farouq"),))
    scores = field_scores(pred, gold)
    assert scores["type"] == (1.0, False)  # scored on matched records, never used to match them
    assert scores["location"] == (1.0, True)  # the gold name is inside the predicted one
    assert scores["date"] == (0.0, True)
    assert scores["quantities"] == (pytest.approx(2 * 2 / 5), True)  # 2 shared of 3 and 2
    assert scores["actors"] == (pytest.approx(2 * 1 / 3), True)  # 1 shared of 1 and 2
    bare = field_scores(event("aid"), event("aid"))
    assert bare["location"] == (1.0, False) and bare["quantities"] == (1.0, False)  # agree, but not informative


def quantity(value: float, unit: str) -> Quantity:
    return Quantity.model_validate(
        {"value": value, "unit": unit, "text": "ق", "evidence": {"text": "ق", "start": 0, "end": 1, "match": "exact"}})


@pytest.mark.parametrize(("pred", "gold", "same"), [
    (quantity(100_000_000, "US dollars"), quantity(100, "million US dollars of market intervention"), True),
    (quantity(2_000_000_000, "dollars"), quantity(2, "billion US dollars deposited"), True),
    (quantity(100, "million dollars"), quantity(100, "million US dollars"), True),
    (quantity(100, "dollars"), quantity(100, "million US dollars"), True),  # the figure as written
    (quantity(1_000_000, "people"), quantity(100, "million US dollars"), False),
    (quantity(100_000, "dollars"), quantity(100, "million US dollars"), False),
    (quantity(100_000_000, "people"), quantity(100, "people"), False),  # no scale word: values must agree
])
def test_quantities_agree_on_the_figure_or_on_the_magnitude_with_the_scale_in_the_unit(pred, gold, same):
    assert same_quantity(pred, gold) is same and same_quantity(gold, pred) is same


def test_event_matching_and_scores_by_hand():
    gold = [
        event("assault", place=TRIPOLI, date="2024-06-11", quantities=(7, 19), actors=(FAROUQ, FORCE),
              desc="اشتباكات بين كتيبة الفاروق وقوة الإسناد الخامسة"),
        event("aid", place=TRIPOLI, quantities=(86,), desc="إجلاء 86 عائلة"),
        event("agree", date="2024-06-12", desc="وقف إطلاق النار"),
    ]
    pred = [
        event("aid", place=TRIPOLI, quantities=(86,), desc="إجلاء 86 عائلة"),  # = gold 1
        event("assault", place=TRIPOLI, date="2024-06-12", quantities=(7, 19), actors=(FAROUQ, FORCE),
              desc="اشتباكات بين كتيبة الفاروق وقوة الإسناد الخامسة"),  # gold 0, wrong date
        event("threaten", desc="تهديد بالتصعيد"),  # matches nothing
    ]
    result = match_events(pred, gold)
    assert [(m.pred, m.gold) for m in result.matches] == [(0, 1), (1, 0)]
    assert result.matches[0].similarity == pytest.approx(1.0)
    # p1↔g0: location 1, date 0, quantities 1, actors 1, description 1 -> 4/5 (no evidence spans here).
    assert result.matches[1].similarity == pytest.approx(4 / 5)
    v = result.value
    assert v("event_precision") == pytest.approx(2 / 3) and v("event_recall") == pytest.approx(2 / 3)
    assert v("event_f1") == pytest.approx(2 / 3)
    assert result.counts["event_f1"] == (4, 6)  # micro: 2M / (P + G)
    # Date agrees in one matched pair of 3 predicted / 3 gold: P = R = 1/3.
    assert v("event_date_precision") == pytest.approx(1 / 3) and v("event_date_f1") == pytest.approx(1 / 3)
    assert v("event_type_f1") == pytest.approx(2 / 3)
    assert result.counts["event_type_accuracy"] == (2, 2)


def with_evidence(record: Event, start: int = 0, end: int = 20) -> Event:
    evidence = [{"text": SOURCE[start:end], "start": start, "end": end, "match": "exact"}]
    return Event.model_validate({**record.model_dump(), "evidence": evidence})


def test_matching_ignores_the_type_so_type_accuracy_counts_mistyped_records():
    gold = [with_evidence(event("protest", place=TRIPOLI, desc="إضراب المعلمين"))]
    pred = [with_evidence(event("cooperate", place=TRIPOLI, desc="إضراب المعلمين"))]
    result = match_events(pred, gold)
    assert [(m.pred, m.gold) for m in result.matches] == [(0, 0)]  # same sentence, place, words
    assert result.value("event_f1") == 1.0 and result.value("event_type_accuracy") == 0.0


def match_by_table(monkeypatch, table: dict[tuple[int, int], float]):
    """`match_events` over two predicted and two gold records whose similarities are `table`."""
    gold = [event("aid", desc="g0"), event("aid", desc="g1")]
    pred = [event("aid", desc="p0"), event("aid", desc="p1")]
    index = {id(e): i for i, e in enumerate(pred)} | {id(e): i for i, e in enumerate(gold)}
    monkeypatch.setattr(events_module, "similarity", lambda p, g: table[(index[id(p)], index[id(g)])])
    return match_events(pred, gold)


def test_matching_is_optimal_not_greedy(monkeypatch):
    # Greedy would pair p0 with g0 (0.9) and leave p1 below the threshold with g1 (0.0):
    # one match. The optimal assignment pairs p0-g1 (0.8) and p1-g0 (0.7): two.
    result = match_by_table(monkeypatch, {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.7, (1, 1): 0.0})
    assert sorted((m.pred, m.gold) for m in result.matches) == [(0, 1), (1, 0)]
    assert result.value("event_f1") == 1.0


def test_matching_maximises_over_admissible_pairs_only(monkeypatch):
    # As in a recorded run (021): p0-g0 is a match (0.52); p0-g1 (0.46) and p1-g0 (0.40) are not,
    # but their sum beats 0.52 + 0.01, so an assignment over all pairs chose them and matched nothing.
    result = match_by_table(monkeypatch, {(0, 0): 0.52, (0, 1): 0.46, (1, 0): 0.40, (1, 1): 0.01})
    assert [(m.pred, m.gold) for m in result.matches] == [(0, 0)]
    assert result.value("event_f1") == 0.5


def test_event_scores_with_empty_sides():
    assert match_events([], []).value("event_f1") is None  # nothing to score
    none_predicted = match_events([], [event()])
    # no predicted records: no precision credit (no value), and the gold record is missed
    assert [none_predicted.value(m) for m in ("event_precision", "event_recall", "event_f1")] == [None, 0.0, 0.0]
    none_in_gold = match_events([event()], [])
    assert [none_in_gold.value(m) for m in ("event_precision", "event_recall", "event_f1")] == [0.0, None, 0.0]


def test_event_metrics_aggregate_micro_so_silent_articles_earn_no_precision():
    one = with_evidence(event("assault", place=TRIPOLI, desc="قصف"))
    gold_a = gold_for(summary(events=[one.model_dump()]))
    gold_b = gold_for(summary(events=[one.model_dump(), one.model_dump()]))
    results = [
        score_case(Case("a", SOURCE, gold_a, summary(events=[one.model_dump()])), [EventScorer()]),  # 1 of 1
        score_case(Case("b", SOURCE, gold_b, summary()), [EventScorer()]),  # says nothing about 2 events
        score_case(Case("c", SOURCE, gold_b, None, "no valid reply"), [EventScorer()]),  # failed: 2 missed
    ]
    agg = aggregate(results, EventScorer.metrics)
    assert agg["event_precision"] == 1.0  # only article a predicted anything
    assert agg["event_recall"] == pytest.approx(1 / 5)  # 1 matched of 1 + 2 + 2 gold
    assert agg["event_f1"] == pytest.approx(2 * 1 / (1 + 5))


# --- scorers, the interface, aggregation -----------------------------------------------------


def gold_for(output: ArticleSummary, **facts: Any) -> GoldSummary:
    return GoldSummary.model_validate({**output.model_dump(exclude={"provenance"}), "facts": RequiredFacts(**facts).model_dump()})


def test_form_scorer_checks_the_script_of_every_language_field_and_reads_costs():
    output = summary(key_points=[{"ar": "نقطة أولى", "en": "First point"}, {"ar": "Second point", "en": "نقطة"}],
                     published=dt.date(2024, 1, 1))
    scores = {s.name: s for s in FormScorer().evaluate(Case("a", SOURCE, None, output))}
    # ar fields: headline, summary, 2 key points -> 3/4; en likewise.
    assert scores["script_ar"].value == pytest.approx(3 / 4) and "key_points[1].ar" in scores["script_ar"].reason
    assert scores["script_en"].value == pytest.approx(3 / 4) and "key_points[1].en" in scores["script_en"].reason
    assert (scores["schema_validity"].value, scores["retries"].value, scores["tokens"].value) == (1.0, 0.0, 10.0)
    assert scores["latency_s"].value == 2.5


def test_failed_case_scores_zero_on_quality_and_nothing_on_cost_or_sanity():
    result = score_case(Case("a", SOURCE, None, None, "missing output file a.json"), default_scorers())
    metrics = {m.name: m for s in default_scorers() for m in s.metrics}
    assert {s.name for s in result.scores} == set(metrics)
    # without gold or lead, what a failed case can still be scored on (events, the lead metrics) has no value
    by_failed_hook = {m.name for m in EventScorer.metrics} | {n for n in metrics if n.startswith(("lead_", "lead1_", "lead3_"))}
    for score in result.scores:
        if score.name in by_failed_hook:
            assert score.value is None
            continue
        assert score.value == (0.0 if metrics[score.name].kind == "score" else None)
        assert "missing output file" in score.reason


def test_scorers_without_gold_return_no_value_for_gold_metrics():
    result = score_case(Case("a", SOURCE, None, summary()), default_scorers())
    assert result.value("chrf_ar") is None and result.value("event_f1") is None
    assert result.value("number_recall_en") is None and result.value("schema_validity") == 1.0


def test_gold_as_output_is_perfect_for_the_scorers():
    output = summary(summary={"ar": "قتل سبعة أشخاص في طرابلس", "en": "Seven people were killed in Tripoli"},
                     events=[event(place=TRIPOLI, quantities=(7,)).model_dump()])
    gold = gold_for(output, numbers=[7], places=[{"ar": "طرابلس", "en": "Tripoli"}])
    case = Case("a", SOURCE, gold, output)
    for scorer in (SummaryScorer(), FaithfulnessScorer(), EventScorer()):
        for score in scorer.evaluate(case):
            assert score.value in (None, pytest.approx(1.0)), score


def test_an_output_without_english_scores_zero_on_the_english_and_full_on_the_arabic():
    said = {"ar": "قتل سبعة أشخاص في طرابلس", "en": "Seven people were killed in Tripoli"}
    gold = gold_for(summary(summary=said), numbers=[7], places=[{"ar": "طرابلس", "en": "Tripoli"}])
    output = summary(headline={"ar": "قتل سبعة أشخاص", "en": None}, summary={"ar": said["ar"], "en": None})
    result = score_case(Case("a", SOURCE, gold, output), default_scorers())
    assert result.value("schema_validity") == 1.0 and result.value("chrf_ar") == pytest.approx(1.0)
    assert result.value("chrf_en") == 0.0 and result.value("number_recall_en") == 0.0
    assert result.value("entity_recall_en") == 0.0 and result.value("number_recall_ar") == 1.0


def test_geo_scorer_counts_coordinates_and_requires_them_where_the_gazetteer_knows_the_place():
    damascus = {"name": {"ar": "دمشق", "en": "Damascus"}, "country": "SY", "latitude": 33.51, "longitude": 36.29}
    unknown = {"name": {"ar": "حي الورود", "en": "al-Wurud district"}}  # a neighbourhood: not in the gazetteer
    text = "قصف في دمشق وفي حي الورود."

    def scores(*locations: dict[str, Any]) -> dict[str, float | None]:
        events = [{**event().model_dump(), "location": loc} for loc in locations]
        return {s.name: s.value for s in GeoScorer().evaluate(Case("a", text, None, summary(events=events)))}

    assert scores(damascus, unknown) == {"events_geocoded": 0.5, "known_places_geocoded": 1.0}
    bare = {**damascus, "latitude": None, "longitude": None}
    assert scores(bare, unknown) == {"events_geocoded": 0.0, "known_places_geocoded": 0.0}
    assert scores(unknown) == {"events_geocoded": 0.0, "known_places_geocoded": None}
    assert scores() == {"events_geocoded": None, "known_places_geocoded": None}


class FakeJudge:
    """What an LLM-as-judge scorer looks like: declares its metric, returns scores with reasons."""

    metrics: ClassVar[tuple[Metric, ...]] = (Metric("judge_faithful", "judge: summary faithful to source", group="judge"),)

    def __init__(self, verdict: float) -> None:
        self.verdict = verdict

    def evaluate(self, case: Case) -> list[Score]:
        return [Score("judge_faithful", self.verdict, f"judge says {self.verdict} for {case.article_id}")]


def test_a_judge_scorer_fits_the_same_interface():
    assert isinstance(FakeJudge(1.0), Scorer) and all(isinstance(s, Scorer) for s in default_scorers())
    results = [score_case(Case(a, SOURCE, None, summary()), [FakeJudge(v)]) for a, v in (("a", 1.0), ("b", 0.5))]
    assert aggregate(results, list(FakeJudge.metrics)) == {"judge_faithful": 0.75}
    assert results[1].score("judge_faithful").reason == "judge says 0.5 for b"

    class Sloppy(FakeJudge):
        def evaluate(self, case: Case) -> list[Score]:
            return [Score("undeclared", 1.0)]

    with pytest.raises(ValueError, match="undeclared"):
        score_case(Case("a", SOURCE, None, summary()), [Sloppy(1.0)])


def test_aggregate_is_the_mean_over_cases_with_a_value():
    metric = Metric("m", "")
    results = [CaseResult(Case(str(i), "", None, None), [Score("m", v)]) for i, v in enumerate((1.0, None, 0.5))]
    assert aggregate(results, [metric]) == {"m": 0.75}
    assert aggregate(results[1:2], [metric]) == {"m": None}


# --- thresholds and comparison ---------------------------------------------------------------


def test_threshold_numbers_are_floors_for_scores_and_ceilings_for_costs(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[eval.thresholds]\nchrf_ar = 0.3\ntokens = 500\nevent_f1 = { min = 0.2, max = 0.9 }\n")
    config = load_config(path, [m for s in default_scorers() for m in s.metrics])
    assert config.thresholds == {"chrf_ar": Threshold(min=0.3), "tokens": Threshold(max=500),
                                 "event_f1": Threshold(min=0.2, max=0.9)}
    gates = check_gates({"chrf_ar": 0.29, "tokens": 501, "event_f1": 0.5}, config.thresholds, None)
    assert [g.metric for g in gates] == ["chrf_ar", "tokens"]
    assert "chrf_ar = 0.29 is below the threshold 0.3" in gates[0].message
    assert check_gates({"chrf_ar": None}, {"chrf_ar": Threshold(min=0.1)}, None)[0].message == "chrf_ar has no value to check"
    with pytest.raises(ConfigurationError, match="chrf_arr"):
        path.write_text("[eval.thresholds]\nchrf_arr = 0.3\n")
        load_config(path, [m for s in default_scorers() for m in s.metrics])


def test_compare_flags_score_drops_beyond_tolerance_and_never_costs():
    metrics = [Metric("a", ""), Metric("b", ""), Metric("t", "", kind="cost")]
    baseline = {"aggregate": {"a": 0.80, "b": 0.80, "t": 100}, "cases": []}
    diff = compare(baseline, {"a": 0.79, "b": 0.70, "t": 1000}, [], metrics, tolerance=0.02)
    assert [n for n, d in diff["aggregate"].items() if d["regressed"]] == ["b"]
    assert diff["aggregate"]["b"]["delta"] == pytest.approx(-0.1)
    gates = check_gates({}, {}, diff)
    assert [g.metric for g in gates] == ["b"] and "b regressed from 0.8 to 0.7" in gates[0].message


def test_highlight_splits_text_at_span_edges_and_merges_overlaps():
    segments = highlight("abcdefghij", [(2, 5, "x"), (4, 7, "y"), (50, 60, "out of range")])
    assert [(s.text, s.labels) for s in segments] == [
        ("ab", []), ("cd", ["x"]), ("e", ["x", "y"]), ("fg", ["y"]), ("hij", []),
    ]
