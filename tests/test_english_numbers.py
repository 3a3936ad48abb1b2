"""A translation states the numbers of its Arabic, and no others (texts written for the test)."""

from __future__ import annotations

import pytest

from summarizer.responses import EnglishText, added_numbers


def validate(arabic: str, english: str) -> str:
    return EnglishText.model_validate({"text": english}, context={"kind": "sentence", "arabic": arabic}).text


def test_a_number_the_arabic_does_not_state_is_refused() -> None:
    arabic = "قتل عشرون شخصا على الأقل في غارة جوية على حفل زفاف"
    assert added_numbers("At least 30 people were killed in an air strike on a wedding", arabic) == ["30"]
    with pytest.raises(ValueError, match="the translation states 30, which the Arabic does not"):
        validate(arabic, "At least 30 people were killed in an air strike on a wedding")
    assert validate(arabic, "At least twenty people were killed in an air strike on a wedding")
    assert added_numbers("three attacks on the gunmen", "هجمات على المسلحين") == ["three"]


@pytest.mark.parametrize(
    ("english", "arabic"),
    [
        ("Russia beat Saudi Arabia 5-0", "فازت روسيا على السعودية بخمسة أهداف دون رد"),  # a score's nil
        ("the price rose to 2.75 pounds from 2", "ارتفع السعر إلى 2.75 جنيه بعد أن كان بجنيهين"),  # a dual
        ("the talks lasted two days", "استمرت المحادثات يومين"),
        ("in addition to the previous 1 billion dollars", "اضافة للمليار السابق"),  # a scale noun alone
        ("the launch was detected at 10:16 in the morning", "رصدت عملية الإطلاق في العاشرة و16 دقيقة صباحا"),
        ("teams work from 6 a.m. to 3 p.m.", "تعمل الفرق من السادسة صباحا حتى الثالثة عصرا"),
        ("11 of them are children under five", "بينهم 11 طفلا دون الخامسة"),
        ("the EGX30 index rose 1.3%", "ارتفع المؤشر الرئيسي للبورصة 1.3%"),  # a number inside a name
    ],
)
def test_numbers_english_writes_where_arabic_has_words_are_not_refused(english: str, arabic: str) -> None:
    assert added_numbers(english, arabic) == []
