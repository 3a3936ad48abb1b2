"""A translation states the numbers of its Arabic, and no others (texts written for the test)."""

from __future__ import annotations

import re

import pytest

from summarizer.responses import EnglishText, added_numbers, swapped_changes, swapped_harms

from .gold_texts import gold_texts


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


def test_a_change_told_as_its_new_level_or_the_reverse_is_refused() -> None:
    arabic = "خفضت اللجنة قيمة العملة إلى 47.5 جنيه مقابل الدولار من 29 جنيها"
    assert swapped_changes("The committee cut the currency by 47.5 pounds from 29", arabic) == [
        ("by 47.5", "إلى 47.5", "to 47.5")
    ]
    with pytest.raises(ValueError, match=r"says 'by 47.5' where the Arabic says إلى 47.5 \(to 47.5\)"):
        validate(arabic, "The committee cut the currency by 47.5 pounds against the dollar, from 29 pounds")
    assert validate(arabic, "The committee cut the currency to 47.5 pounds against the dollar, from 29 pounds")
    rise = "ارتفعت أسعار الوقود بنسبة نحو 10 في المئة"
    assert swapped_changes("Fuel prices rose to about 10 percent", rise) == [
        ("to 10 percent", "بنسبة 10 في المئة", "by 10 percent")
    ]
    assert swapped_changes("Fuel prices rose by about 10 percent", rise) == []
    # a number the Arabic gives with neither word (or both) is not read
    assert swapped_changes("the toll rose by 12", "قتل 12 شخصا") == []
    assert swapped_changes("rose by 5 to 5", "ارتفع بمقدار 5 إلى 5") == []


def test_no_human_translation_of_either_gold_corpus_swaps_a_change() -> None:
    # 23 of the gold English's numbers follow "to" or "by" as their Arabic does
    texts = gold_texts()
    assert len(texts) >= 300
    assert [t["en"] for t in texts if swapped_changes(t["en"], t["ar"])] == []


def test_the_dead_told_as_the_wounded_or_the_reverse_is_refused() -> None:
    arabic = "قتل محتج وأصيب 14 آخرون في تجدد الاحتجاجات"
    assert swapped_harms("14 protesters were killed in renewed protests", arabic) == [("14 killed", "14 wounded")]
    with pytest.raises(ValueError, match="says '14 killed' where the Arabic counts 14 wounded"):
        validate(arabic, "A protester was killed and 14 protesters were killed in renewed protests")
    assert validate(arabic, "A protester was killed and 14 others were injured in renewed protests")
    # each number with the word beside it, in its own stretch of text
    toll = "هجوم يوقع 4 قتلى و9 جرحى ومقتل 4 من المهاجمين"
    assert swapped_harms("An attack kills 4 policemen and wounds 9; 4 attackers killed", toll) == []
    assert swapped_harms("An attack kills 9 policemen and wounds 4", toll) == [("9 killed", "9 wounded")]
    # a number the Arabic does not count as either is not read
    assert swapped_harms("17 buses carrying 981 fighters were killed", "خرجت 17 حافلة تقل 981 مقاتلا") == []


def test_no_human_translation_of_either_gold_corpus_swaps_the_dead_and_the_wounded() -> None:
    texts = gold_texts()
    assert [t["en"] for t in texts if swapped_harms(t["en"], t["ar"])] == []
    # with "killed" and "injured" or "wounded" swapped in them, 23 texts are caught
    swap = {"killed": "injured", "injured": "killed", "wounded": "killed"}
    caught = [t for t in texts
              if swapped_harms(re.sub(r"\b(killed|injured|wounded)\b", lambda m: swap[m.group(1)], t["en"]), t["ar"])]
    assert len(caught) >= 20
