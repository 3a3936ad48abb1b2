"""The term metrics of the eval suite (summarizer.evaluation.terms): carried, invented, dropped."""

from __future__ import annotations

from summarizer.evaluation import Case
from summarizer.evaluation.scorers import default_scorers
from summarizer.evaluation.terms import TermScorer

from .test_eval_metrics import PROVENANCE, summary

ARTICLE = "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين يوم الخميس."


def scores(**fields) -> dict[str, tuple[float | None, str]]:
    case = Case("a", ARTICLE, None, summary(**fields))
    return {s.name: (s.value, s.reason) for s in TermScorer().evaluate(case)}


def test_terms_carried_and_invented_are_counted_per_english_text():
    good = scores(headline={"ar": "خروج 17 حافلة يوم الخميس", "en": "17 buses leave on Thursday"})
    assert good["term_carry_en"][0] == 1.0 and good["term_support_en"][0] == 1.0
    bad = scores(
        headline={"ar": "خروج 17 حافلة يوم الخميس", "en": "17 helicopters leave on Wednesday"},
        key_points=[{"ar": "خروج 17 حافلة", "en": "17 buses left"}],
    )
    value, reason = bad["term_support_en"]
    assert value == 0.5 and "helicopters" in reason and "Wednesday" in reason
    assert bad["term_carry_en"][0] < 1.0 and "الخميس" in bad["term_carry_en"][1]


def test_names_the_article_never_names_are_counted_per_english_text():
    good = scores(headline={"ar": "خروج 17 حافلة", "en": "17 buses leave, SANA said"})
    assert good["name_support_en"][0] == 1.0
    bad = scores(
        headline={"ar": "خروج 17 حافلة", "en": "17 buses leave for Turkey"},
        key_points=[{"ar": "خروج 17 حافلة", "en": "17 buses left, SANA said"}],
    )
    value, reason = bad["name_support_en"]
    assert value == 0.5 and "Turkey" in reason


def test_an_output_without_english_has_no_english_to_score():
    none = scores(
        headline={"ar": "خروج 17 حافلة يوم الخميس", "en": None},
        summary={"ar": "خروج 17 حافلة يوم الخميس.", "en": None},
        key_points=[{"ar": "خروج 17 حافلة", "en": None}],
    )
    assert none["term_support_en"][0] is None and none["name_support_en"][0] is None
    assert none["term_carry_en"][0] is None


def test_points_dropped_are_read_from_provenance():
    provenance = {**PROVENANCE, "rejected": ["translate_en: dropped point 2 (…)", "summarize_ar: points: dropped {…} (…)",
                                              "translate_en: point 1 repaired by code: …"]}
    assert scores(provenance=provenance)["points_dropped"][0] == 2.0


def test_the_term_scorer_is_one_of_the_default_scorers():
    assert any(isinstance(s, TermScorer) for s in default_scorers())


def test_human_translations_carry_the_lexicon_terms_of_their_arabic():
    # The scorer read on the gold files of both corpora, as if a human had produced them: what the
    # lexicon's English forms miss there, or what its Arabic forms misread (الأنهار rivers as
    # انهار collapsed, عيّنة a sample as عيّنه appointed him), counts against the lexicon, not the
    # model. Headlines and points, as the scorer reads them: 0.930 (2071 of 2227) when this floor
    # was raised to 0.92 (ك read only before a longer stem, a number's words left to the number
    # check, English forms the misses showed), 2072 of 2226 with the football rows; 0.909 (2006 of
    # 2208) at the floor of 0.90; 0.880 (1943 of 2208) before the written hamza and ة were read,
    # signs were words and the homographs the misses showed had rows of their own.
    from .gold_texts import gold_articles

    carried = terms = supported = texts_read = 0
    for stem, article, texts in gold_articles():
        headline, _, *points = ({"ar": t["ar"], "en": t["en"]} for t in texts)  # evidence aside
        case = Case(stem, article, None, summary(headline=headline, key_points=points))
        scores = {s.name: s for s in TermScorer().evaluate(case)}
        carried, terms = carried + scores["term_carry_en"].counts[0], terms + scores["term_carry_en"].counts[1]
        supported, texts_read = supported + scores["term_support_en"].counts[0], texts_read + scores["term_support_en"].counts[1]
    assert terms > 2000
    assert carried / terms >= 0.92, (carried, terms)
    # The reverse check on the same texts: a human translation it flags is a faithful English the
    # pipeline would refuse too (a row lacking an Arabic form, "suspected" for يشتبه), unless the
    # translator added a word (a date, "planted"). 232 of 290 passed at a8097c8, 265 when a floor
    # of 0.9 was set (rows given the Arabic forms the flags showed missing), 271 when it was raised
    # (stoppage time, a shot, Western countries, an ordinal in digits for the Arabic's number).
    assert supported / texts_read >= 0.92, (supported, texts_read)
