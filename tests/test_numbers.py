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


_ALPHABET = "0123456789٠١٢٣٤٥٦٧٨٩ر.,٫٬%٪ -#_\nوبالخمسةعشرونألفآلافمئةمليونthousandtwenty"


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
