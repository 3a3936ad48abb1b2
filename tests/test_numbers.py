"""Reading numbers in Arabic and English text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.numbers import NumberMention, find_numbers, same_number, values_in

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_4e32085be5773d8c.txt").read_text(encoding="utf-8")


def _read(text: str) -> list[tuple[str, set[float]]]:
    return [(m.text, set(m.values)) for m in find_numbers(text)]


def _only(text: str) -> NumberMention:
    mentions = find_numbers(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- digits ---------------------------------------------------------------------------------


def test_arabic_indic_digits_with_original_offsets() -> None:
    text = "وبداخلها ٩٨١ شخصاً"
    m = _only(text)
    assert m.values == {981}
    assert (m.start, m.end) == (9, 12)
    assert text[m.start:m.end] == "٩٨١" == m.text


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("5ر2", {2.5}),
        ("75ر12", {12.75}),
        ("٥ر٢", {2.5}),
        ("125ر1", {1.125}),  # agency decimal: never a thousands reading
        ("3.5", {3.5}),
        ("٣٫٥", {3.5}),
        ("7,000", {7000}),
        ("٧٬٠٠٠", {7000}),
        ("1,234,567", {1234567}),
        ("411.026", {411.026, 411026}),  # Arabic agencies group thousands with '.'
        ("1.234.567", {1234567}),
        ("1,5", {1.5, 15}),  # decimal comma, or a stray separator
        ("1,234.5", {1234.5}),
        ("1.234,5", {1234.5}),
        ("0.500", {0.5}),
        ("2018", {2018}),
    ],
)
def test_digit_forms(text: str, values: set[float]) -> None:
    assert _only(text).values == values


def test_dates_split_into_numbers() -> None:
    assert [m.values for m in find_numbers("12.03.2018 و21/3/2018")] == [{12}, {3}, {2018}, {21}, {3}, {2018}]


def test_percentages_keep_the_number() -> None:
    assert _read("ارتفع 5% و٣٠٪ و12 في المئة و7 بالمائة") == [
        ("5%", {5}), ("٣٠٪", {30}), ("12 في المئة", {12}), ("7 بالمائة", {7}),
    ]
    assert _read("rose 12 per cent") == [("12 per cent", {12})]
    assert _read("نسبة %5") == [("%5", {5})]


def test_digits_inside_identifiers() -> None:
    assert _read("COVID-19") == [("19", {19})]
    assert _read("A320 وF-16") == [("320", {320}), ("16", {16})]


def test_digit_suffixes() -> None:
    assert _read("the 2nd round") == [("2nd", {2})]
    assert _read("the 1990s") == [("1990s", {1990})]
    assert _read("$1.2bn") == [("1.2bn", {1.2e9})]
    assert _read("$50k") == [("50k", {50_000})]
    assert _read("$5m") == [("5m", {5e6, 5})]  # money, or metres
    assert _read("10km") == [("10", {10})]


# --- scales ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "values"),
    [
        ("قرابة 7 آلاف شخص", "7 آلاف", {7000}),
        ("2.5 مليون دولار", "2.5 مليون", {2_500_000}),
        ("300 ألف لاجئ", "300 ألف", {300_000}),
        ("5 مليارات دولار", "5 مليارات", {5e9}),
        ("20 مليونا", "20 مليونا", {20e6}),
        ("نمو 5ر2 مليار", "5ر2 مليار", {2.5e9}),
        ("مليون و200 ألف نسمة", "مليون و200 ألف", {1_200_000}),
        ("3 thousand", "3 thousand", {3000}),
        ("2.5 million people", "2.5 million", {2_500_000}),
        ("1.2 bn", "1.2 bn", {1.2e9}),
    ],
)
def test_scaled_digits(text: str, mention: str, values: set[float]) -> None:
    m = _only(text)
    assert (m.text, m.values) == (mention, values)


@pytest.mark.parametrize(
    ("text", "mention", "values"),
    [
        # The Arabic comma typed between digits with no space is a decimal comma (Jordan, Syria):
        ("زيادة بنسبة 5،5 في المئة", "5،5 في المئة", {5.5}),
        ("عدد سكانها 9،5 ملايين نسمة", "9،5 ملايين", {9.5e6}),
        ("18،5 في المئة من السكان", "18،5 في المئة", {18.5}),
        ("٥،٥ بالمئة", "٥،٥ بالمئة", {5.5}),
        # before exactly three digits it may also group thousands: both readings are kept
        ("1،500 شخص", "1،500", {1.5, 1500}),
    ],
)
def test_arabic_comma_between_digits_is_a_decimal(text: str, mention: str, values: set[float]) -> None:
    m = _only(text)
    assert (m.text, m.values) == (mention, values)


def test_time_of_day_after_the_hour_is_two_numbers() -> None:
    # «الساعة 00،14 بتوقيت غرينتش» (AFP): hours and minutes, as 23:47 is, with any separator.
    assert _read("وصلت الساعة 00،14 بتوقيت غرينتش") == [("00", {0}), ("14", {14})]
    assert _read("في الساعة 15.30") == [("15", {15}), ("30", {30})]
    assert _read("نحو 15.30 في المئة") == [("15.30 في المئة", {15.3})]


def test_arabic_comma_with_a_space_separates_numbers() -> None:
    assert _read("الفقرات 3، 4، 5") == [("3", {3}), ("4", {4}), ("5", {5})]
    assert _read("بين 3 ،4") == [("3", {3}), ("4", {4})]
    assert _read("المواد 1،2،3") == [("1", {1}), ("2", {2}), ("3", {3})]  # a list typed without spaces


def test_values_in_includes_bare_digits_of_scaled_numbers() -> None:
    assert values_in("7 آلاف") == {7000, 7}
    assert values_in("2.5 million and 17") == {2_500_000, 2.5, 17}
    assert values_in("سبعة آلاف") == {7000}  # words have no bare digits


# --- Arabic words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("نحو سبعة آلاف تقرر خروجهم", "سبعة آلاف", 7000),
        ("ثلاثة آلاف", "ثلاثة آلاف", 3000),
        ("أكثر من خمسمئة من المسلحين", "خمسمئة", 500),
        ("خمسمائة", "خمسمائة", 500),
        ("ثلاثمئة", "ثلاثمئة", 300),
        ("ثلاث مئة", "ثلاث مئة", 300),
        ("مئتين", "مئتين", 200),
        ("مائتا جندي", "مائتا", 200),
        ("ثلاثة وعشرون", "ثلاثة وعشرون", 23),
        ("واحد وعشرون", "واحد وعشرون", 21),
        ("اثنين وثلاثين", "اثنين وثلاثين", 32),
        ("أحد عشر", "أحد عشر", 11),
        ("إحدى عشرة سنة", "إحدى عشرة", 11),
        ("اثنا عشر جندياً", "اثنا عشر", 12),
        ("ثماني عشرة", "ثماني عشرة", 18),
        ("تسعين", "تسعين", 90),
        ("عشرة", "عشرة", 10),
        ("خمسة وعشرين ألفاً", "خمسة وعشرين ألفاً", 25_000),
        ("مئة وخمسون ألف", "مئة وخمسون ألف", 150_000),
        ("مئة وثلاثة عشر", "مئة وثلاثة عشر", 113),
        ("ثلاثة آلاف وخمسمئة", "ثلاثة آلاف وخمسمئة", 3500),
        ("ألف ومئتا", "ألف ومئتا", 1200),
        ("ألف شخص", "ألف", 1000),
        ("ألفين", "ألفين", 2000),
        ("ثلاثة ملايين", "ثلاثة ملايين", 3e6),
        ("مليون لاجئ", "مليون", 1e6),
        ("ألفاً", "ألفاً", 1000),  # tanween: accusative singular
        ("الدول الست", "ست", 6),
        ("بخمسة", "خمسة", 5),  # attached preposition is not part of the mention
        ("والعشرين", "عشرين", 20),  # clitics و + ال excluded
        ("للثلاثة", "ثلاثة", 3),
        ("الذكرى المئة", "مئة", 100),
        ("أَرْبَعَةُ", "أَرْبَعَةُ", 4),  # fully vocalised
    ],
)
def test_arabic_words(text: str, mention: str, value: float) -> None:
    m = _only(text)
    assert m.text == mention
    assert m.values == {value}
    assert text[m.start:m.end] == mention


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        # A fraction of a scale word: نصف، ربع، ثلث، ثلاثة أرباع with ألف/مليون/مليار.
        ("نحو مليون ونصف مليون لاجئ سوري", "مليون ونصف مليون", 1.5e6),
        ("مليون ونصف لاجئ", "مليون ونصف", 1.5e6),
        ("مليونان ونصف", "مليونان ونصف", 2.5e6),
        ("مليونين ونصف المليون", "مليونين ونصف المليون", 2.5e6),
        ("5 ملايين ونصف", "5 ملايين ونصف", 5.5e6),
        ("ثلاثة ملايين وربع", "ثلاثة ملايين وربع", 3.25e6),
        ("مليار ونصف دولار", "مليار ونصف", 1.5e9),
        ("ألف ونصف", "ألف ونصف", 1500),
        ("قرابة ربع مليون فلبيني", "ربع مليون", 250_000),
        ("نصف مليون", "نصف مليون", 500_000),
        ("بنصف مليار دولار", "نصف مليار", 5e8),
        ("ثلث مليون", "ثلث مليون", 1e6 / 3),
        ("ثلثي مليون", "ثلثي مليون", 2e6 / 3),
        ("ثلاثة أرباع المليون", "ثلاثة أرباع المليون", 750_000),
        ("ربع مليون و200 ألف", "ربع مليون و200 ألف", 450_000),
    ],
)
def test_fractions_of_scale_words(text: str, mention: str, value: float) -> None:
    m = _only(text)
    assert m.text == mention
    assert len(m.values) == 1 and same_number(next(iter(m.values)), value), m.values
    assert text[m.start:m.end] == mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نصف السكان", []),  # a fraction of something else is not a count
        ("ربع ساعة", []),
        ("الربع الأول من العام", []),
        ("ثلاثة أرباع السكان", []),  # three quarters, not three
        ("ثلثا الأعضاء", []),
        ("ثلاث ساعات ونصف", [("ثلاث", {3})]),  # ونصف after a noun: not a scale's fraction
        ("قتل ألف ونصف السكان نازحون", [("ألف", {1000})]),  # "half the population"
        ("مليون، ونصف مليون", [("مليون", {1e6}), ("نصف مليون", {5e5})]),
    ],
)
def test_fractions_that_are_not_of_a_scale(text: str, expected: list[tuple[str, set[float]]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("half a million people", "half a million", 5e5),
        ("a quarter of a million", "a quarter of a million", 2.5e5),
        ("quarter of a million", "quarter of a million", 2.5e5),
        ("a quarter million", "a quarter million", 2.5e5),
        ("three quarters of a million", "three quarters of a million", 7.5e5),
        ("one and a half million refugees", "one and a half million", 1.5e6),
        ("two and a half million", "two and a half million", 2.5e6),
        ("2 and a half million", "2 and a half million", 2.5e6),
        ("a million and a half", "a million and a half", 1.5e6),
        ("half a billion dollars", "half a billion", 5e8),
    ],
)
def test_english_fractions_of_scale_words(text: str, mention: str, value: float) -> None:
    # The English of «ربع مليون» must read as the same value, or the translation check demands it.
    m = _only(text)
    assert (m.text, m.values) == (mention, {value})


def test_values_in_reads_one_and_two_counted_after_a_word() -> None:
    # «شخص واحد»: a stated value for grounding a "1" and for recall, but not a mention that every
    # summary and translation must carry (idioms: في آن واحد، من جانب واحد، دفعة واحدة).
    assert values_in("مما أسفر عن إصابة شخص واحد") == {1}
    assert values_in("اختار عضو واحد عدم التصويت") == {1}
    assert values_in("من عائلة واحدة") == {1}
    assert values_in("راوغ مدافعين اثنين") == {2}
    assert find_numbers("إصابة شخص واحد") == []
    assert values_in("يوم الاثنين") == set()  # Monday: definite
    assert values_in("واحد من أبرز القادة") == set()  # nothing counted before it
    assert values_in("في الشخص الواحد") == set()
    assert values_in("إصابة شخص واحد و3 آخرين") == {1, 3}
    assert values_in("قتل واحد وعشرون") == {21}  # one inside a compound is not also 1


def test_values_in_reads_ordinal_days_and_hours() -> None:
    # «في الخامس من حزيران/يونيو2017» and «الساعة العاشرة وستة عشر دقيقة» state 5 June and
    # 10:16, which a summary writes in digits; ordinals stay out of find_numbers.
    assert values_in("قطعت علاقاتها مع قطر في الخامس من حزيران/يونيو2017") == {5, 2017}
    assert values_in("في تمام الساعة العاشرة وستة عشر دقيقة") == {10, 16}
    assert values_in("الحادي والعشرين من مارس") == {21}
    assert values_in("في الخامس عشر من الشهر الجاري") == {15}
    assert values_in("الساعة الحادية عشرة ليلاً") == {11}
    assert values_in("المرة الخامسة من مارس") == set()  # feminine: not a day
    assert values_in("الخامس من المرشحين") == set()
    assert find_numbers("في الخامس من حزيران") == []
    assert values_in("الأسبوع الأول من آذار") == set()  # the first week
    assert values_in("بين الرابع والخامس من حزيران") == {5}


def test_values_in_reads_nouns_of_a_number_and_a_clean_score() -> None:
    # «بخماسية نظيفة» (a clean five: 5-0): a summary's "5-0" grounds on it; no mention, so the
    # translation of «فوز بخماسية» is not asked for a digit.
    assert values_in("فوزا سهلا على نظيره السعودي بخماسية نظيفة") == {5, 0}
    assert values_in("فاز بهدفين نظيفين") == {0}  # the dual هدفين is not read
    assert values_in("القمة الثلاثية") == {3}
    assert values_in("قال إن الشركة نظيفة") == set()  # clean, not a score
    assert find_numbers("فاز بخماسية نظيفة") == []


def test_ambiguous_dual_construct() -> None:
    assert _only("ألفا جندي").values == {1000, 2000}  # ألفا: "two thousand" construct, or ألفاً


@pytest.mark.parametrize(
    "text",
    [
        "في آن واحد",  # one: "at once"
        "يوم الاثنين",  # Monday
        "اثنتين من",
        "المرحلة الثانية",  # ordinal
        "الدفعة الأولى",
        "الحادي والعشرين من مارس",  # 21st
        "الثالث عشر",  # 13th
        "الثانية عشرة ظهراً",
        "عشرات القتلى",  # vague plurals
        "مئات العائلات",
        "آلاف المدنيين",
        "عشرات الآلاف",
        "ملايين الدولارات",
        "أحد المسلحين",  # "one of", not eleven
        "يوم الأحد",
        "لست متأكداً",  # "I am not", not ل + ست
        "يوم الثلاثاء والخميس",
        "ارتفعت بالمئة",  # percent word alone is not a hundred
        "أضاف غولوفين الخامس",  # ordinals are not counts
        "المرة الخامسة",
        # خماسية (a five-goal win, a quintet, a five-party committee) is a noun, not a count: a
        # summary's 5-0 does not ground on it, and the translation is not asked for a 5.
        "فوزا سهلا بخماسية نظيفة",
        "اللجنة الخماسية",
    ],
)
def test_arabic_non_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_percent_after_arabic_words() -> None:
    assert _read("ارتفع عشرين في المئة") == [("عشرين في المئة", {20})]


def test_separate_numbers_stay_separate() -> None:
    assert _read("ثلاثة وأربعة") == [("ثلاثة", {3}), ("وأربعة"[1:], {4})]
    assert _read("ثلاثة، عشرون") == [("ثلاثة", {3}), ("عشرون", {20})]
    assert _read("100 و50 قتيلاً") == [("100", {100}), ("50", {50})]


def test_seed_article_numbers() -> None:
    found = {m.text: m.values for m in find_numbers(SEED)}
    assert found == {"17": {17}, "981": {981}, "سبعة آلاف": {7000}, "خمسمئة": {500}}
    for m in find_numbers(SEED):
        assert SEED[m.start:m.end] == m.text


# --- English words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("seven thousand people", "seven thousand", 7000),
        ("twenty-three", "twenty-three", 23),
        ("twenty three", "twenty three", 23),
        ("a hundred", "a hundred", 100),
        ("five hundred", "five hundred", 500),
        ("one hundred and twenty", "one hundred and twenty", 120),
        ("two thousand five hundred", "two thousand five hundred", 2500),
        ("Seven Thousand", "Seven Thousand", 7000),
        ("a million", "a million", 1e6),
        ("a dozen", "a dozen", 12),
        ("twenty-one", "twenty-one", 21),
        ("two million", "two million", 2e6),
        ("eleven", "eleven", 11),
        ("a four-billion-dollar dam", "four-billion", 4e9),  # «أربعة مليارات دولار» translated
        ("a $2-million grant", "2-million", 2e6),
    ],
)
def test_english_words(text: str, mention: str, value: float) -> None:
    m = _only(text)
    assert (m.text, m.values) == (mention, {value})


@pytest.mark.parametrize(
    "text",
    ["one of the fighters", "two sides", "a convoy", "the first convoy", "the second", "twenty-first",
     "two-thirds", "three quarters", "dozens of buses", "thousands of people", "hundreds"],
)
def test_english_non_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_english_summary() -> None:
    assert _read("17 buses carrying 981 people, out of about 7,000") == [
        ("17", {17}), ("981", {981}), ("7,000", {7000}),
    ]


# --- helpers and properties -----------------------------------------------------------------


def test_same_number() -> None:
    assert same_number(2.5e6, 2_500_000.0000001)
    assert same_number(1.2 * 1e9, 1.2e9)
    assert not same_number(7000, 7001)
    assert not same_number(0.0, 1e-3)


_ALPHABET = "0123456789٠١٢٣٤٥٦٧٨٩ر.,٫٬،%٪ -#_\nوبالخمسةعشرونألفآلافمئةمليوننصفربعأthousandtwentyhalfquarter"


def test_a_digit_python_cannot_convert_is_not_a_number() -> None:
    assert find_numbers("\U00016d70 ٥") == [NumberMention("٥", 2, 3, frozenset({5.0}))]  # a digit of Unicode 16


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=_ALPHABET, max_size=50), st.text(max_size=30)))
def test_mentions_point_into_the_given_text(text: str) -> None:
    last_end = 0
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end  # in order, not overlapping
        last_end = m.end
        assert m.values
