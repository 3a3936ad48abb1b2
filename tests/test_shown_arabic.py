"""The Arabic a translation prompt shows: numbers in digits, a month named once, known names in English."""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.arabic import spelling_key
from summarizer.date_tokens import find_month, month_pairs, tokens
from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.names import KnownNames
from summarizer.numbers import digit_rewrites, find_numbers, same_number, values_in

from .gold_texts import gold_texts

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_4e32085be5773d8c.txt").read_text(encoding="utf-8")


def rewritten(text: str, rewrites: list[tuple[int, int, str]]) -> str:
    for start, end, new in reversed(rewrites):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize(("arabic", "shown"), [
    ("قُتل إثنا عشر شخصا على الأقل", "قُتل 12 شخصا على الأقل"),
    ("قتل عشرون شخصا", "قتل 20 شخصا"),
    ("إيداع مبلغ ملياري دولار", "إيداع مبلغ 2 billion دولار"),
    ("حضره 78 ألف متفرج", "حضره 78,000 متفرج"),
    ("٣ آلاف جندي", "3,000 جندي"),
    ("بلغ 5ر2 مليون", "بلغ 2.5 million"),  # agency decimal: the fraction first
    ("مليون ونصف لاجئ", "1.5 million لاجئ"),
    ("ثلاثة ملايين و200 ألف", "3.2 million"),
    ("ارتفع 4 في المئة", "ارتفع 4%"),
    ("5،5 في المئة", "5.5%"),
    ("في عام ٢٠١٦", "في عام 2016"),  # a year keeps no thousands separator
    ("بعشرين صاروخا", "ب20 صاروخا"),
    ("قتل 12 شخصا", "قتل 12 شخصا"),  # already digits
    ("411.026 دينار", "411.026 دينار"),  # two readings: left as written
    ("قمة مجموعة العشرين", "قمة مجموعة العشرين"),  # a definite number word is a name
])
def test_numbers_are_shown_in_digits(arabic: str, shown: str) -> None:
    assert rewritten(arabic, digit_rewrites(arabic)) == shown


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ر.,،% وبالخمسةعشرونألفآلافمئةمليونملياراثنانصفربعفي", max_size=40))
def test_the_digits_shown_state_the_value_the_check_requires(text: str) -> None:
    # The translation is checked against the Arabic as written: the digits shown must be read back
    # as that same value, or the model would be asked for a number it was never shown.
    mentions = {(m.start, m.end): m for m in find_numbers(text)}
    for start, end, digits in digit_rewrites(text):
        wanted = mentions[(start, end)].values
        assert any(same_number(v, w) for v in wanted for w in values_in(digits)), (text[start:end], digits)


def test_human_translations_write_the_digits_shown() -> None:
    # The human English of both gold corpora states every number the prompt would show in digits.
    shown = 0
    for text in gold_texts():
        for start, end, digits in digit_rewrites(text["ar"]):
            shown += 1
            value = next(v for v in values_in(digits))
            assert any(same_number(value, v) for v in values_in(text["en"])), (text["ar"][start:end], digits, text["en"])
    assert shown >= 20


@pytest.mark.parametrize(("arabic", "shown"), [
    ("منذ مارس/آذار 2016، حين", "منذ مارس 2016، حين"),
    ("يبدأ منتصف مايو/ آيار الجاري", "يبدأ منتصف مايو الجاري"),
    ("في أكتوبر/تشرين الأول الماضي", "في أكتوبر الماضي"),
    ("كانون الثاني/يناير", "كانون الثاني"),
    ("مايو / أيار", "مايو"),
    ("حزيران/يونيو2017", "حزيران 2017"),
    ("في مارس وآذار", "في مارس وآذار"),  # not a pair
    ("من مارس/أبريل", "من مارس/أبريل"),  # two months: both stay
])
def test_a_month_named_in_both_calendars_is_shown_once(arabic: str, shown: str) -> None:
    assert rewritten(arabic, month_pairs(arabic)) == shown


def test_human_translations_name_a_month_pair_once() -> None:
    two_months = re.compile(rf"\b({'|'.join(calendar.month_name[1:])}) ?/ ?({'|'.join(calendar.month_name[1:])})\b")
    pairs = 0
    for text in gold_texts():
        for start, end, _ in month_pairs(text["ar"]):
            pairs += 1
            found = find_month(tokens(spelling_key(text["ar"][max(0, start - 20):end])))
            assert found is not None and calendar.month_name[found[0]] in text["en"], (text["ar"][:end], text["en"])
            assert not two_months.search(text["en"])
    assert pairs >= 5


def test_names_win_over_other_rewrites() -> None:
    known = KnownNames(SEED, Glossary.default(), Gazetteer.default())
    text = "خروج عشرين حافلة من عربين"
    rewrites = digit_rewrites(text) + [(text.index("عربين"), len(text), "clash")]
    assert known.in_english(text, rewrites) == "خروج 20 حافلة من Irbin"
    assert known.in_english("خروج عشرين حافلة", [(5, 10, "20"), (8, 16, "clash")]) == "خروج 20 حافلة"
