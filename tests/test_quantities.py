"""Event quantities read by code from the article sentence, with units from the English point."""

from __future__ import annotations

from summarizer.dates import find_date
from summarizer.quantities import english_unit, quantities_in


def quantities(article: str, point_ar: str, point_en: str) -> list[tuple[float, str, str]]:
    span = (0, len(article))
    date = find_date(article)
    found = quantities_in(article, span, point_ar, point_en, skip=date)
    for q in found:  # offsets are the article's own, found by code
        assert article[q.evidence.start:q.evidence.end] == q.text and q.evidence.match == "exact"
    return [(q.value, q.unit, q.text) for q in found]


def test_numbers_the_point_states_with_units_from_the_english():
    article = "خفض بنك الكويت المركزي اليوم الخميس سعر الخصم 25 نقطة أساس من 4 في المئة إلى 75ر3 في المئة."
    point_ar = "بنك الكويت المركزي يخفض سعر الخصم 25 نقطة أساس إلى 75ر3 في المئة"
    point_en = "The Central Bank of Kuwait cut its discount rate by 25 basis points to 3.75 per cent."
    assert quantities(article, point_ar, point_en) == [
        (25.0, "basis points", "25"),
        (3.75, "percent", "75ر3 في المئة"),  # 4 per cent is in the sentence, not in the point
    ]


def test_words_numbers_and_arabic_indic_digits():
    article = "نزح سبعة آلاف شخص وأصيب ١٢ آخرون في مأرب."
    point_ar = "نزوح سبعة آلاف شخص وإصابة ١٢ آخرين"
    point_en = "Seven thousand people were displaced and 12 others injured."
    assert quantities(article, point_ar, point_en) == [(7000.0, "people", "سبعة آلاف"), (12.0, "others", "١٢")]


def test_years_times_and_date_numbers_are_not_quantities():
    article = "وقع الزلزال عند الساعة 23:47 يوم 8 أيلول 2023 وقتل 3 أشخاص في عام 2023."
    point_ar = "مقتل 3 أشخاص في زلزال عام 2023 عند 23:47 في 8 أيلول"
    point_en = "The earthquake killed 3 people in 2023."
    assert quantities(article, point_ar, point_en) == [(3.0, "people", "3")]


def test_a_number_without_an_english_unit_is_kept_as_unspecified():
    article = "سجلت الوزارة 41 إصابة جديدة."
    assert quantities(article, "تسجيل 41 إصابة", "The ministry recorded 41.") == [(41.0, "unspecified", "41")]


def test_a_hundred_is_a_count_not_a_percent():
    """مئة is "hundred"; only في المئة / بالمئة after a number make it a percent."""
    article = "قتل مئة شخص وارتفعت الأسعار 5 في المئة."
    assert quantities(article, "مقتل مئة شخص وارتفاع الأسعار 5 في المئة",
                      "One hundred people were killed and prices rose 5 per cent.") == [
        (100.0, "people", "مئة"), (5.0, "percent", "5 في المئة"),
    ]


def test_english_unit_of_a_value_in_the_english_point():
    assert english_unit(17, "SANA said 17 buses carrying 981 fighters left.") == "buses"
    assert english_unit(43, "Turnout was 43% in Baghdad.") == "percent"
    assert english_unit(5, "Turnout was 43% in Baghdad.") is None  # not in the point
