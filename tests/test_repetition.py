"""Degenerate repetition in generated text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from summarizer.arabic import fold
from summarizer.repetition import NEAR_DUPLICATE, duplicate_pairs, repeated_ngram

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_4e32085be5773d8c.txt").read_text(encoding="utf-8")


def test_real_article_does_not_loop() -> None:
    assert repeated_ngram(SEED) is None


def test_clean_summaries() -> None:
    assert repeated_ngram("غادرت 17 حافلة الغوطة الشرقية وعلى متنها 981 شخصاً.") is None
    assert repeated_ngram("Very, very, very good news: 1000000000 dollars.") is None
    assert repeated_ngram("ها ها") is None


def test_word_ngram_loop() -> None:
    text = "قال إن الاتفاق ينص على إجلاء الجرحى، " * 4
    assert repeated_ngram(text) == "قال ان الاتفاق ينص"  # folded: hamza unified


def test_ngram_loop_survives_diacritics_and_punctuation() -> None:
    text = "وغادرت الحافلات الغوطة الشرقية. وَغادرت الحافلاتُ «الغوطة» الشرقية؛ " * 2
    assert repeated_ngram(text, max_repeats=1) == "وغادرت الحافلات الغوطه الشرقيه"


def test_ngram_threshold() -> None:
    text = "one two three four " * 3 + "five"
    assert repeated_ngram(text) is None
    assert repeated_ngram(text + " one two three four") == "one two three four"
    assert repeated_ngram("a b c", n=4) is None


@pytest.mark.parametrize("text", ["ههههههه", "نعم نعمممممممم", "Noooooooo"])
def test_letter_runs(text: str) -> None:
    assert repeated_ngram(text) is not None


def test_short_letter_runs_are_fine() -> None:
    assert repeated_ngram("هههه") is None
    assert repeated_ngram("Hawaii, cooperation") is None


def test_long_unit_repeated() -> None:
    unit = "abcdefghijklmnopqrstuvwxyz"
    assert repeated_ngram(unit * 4) == unit
    assert repeated_ngram(unit * 3) is None
    assert repeated_ngram("الحافلاتتغادرالغوطة" * 4 + "ثم") == "الحافلاتتغادرالغوطه"


def test_short_unit_repeated() -> None:
    assert repeated_ngram("هاهاهاهاهاهاهاهاهاها") == "ها"
    assert repeated_ngram("لا " * 8) is not None


def test_near_identical_points_with_the_same_numbers_are_duplicates():
    a = "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصاً من المسلحين وعائلاتهم."
    b = "وأفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصا من المسلحين وعائلاتهم"
    assert duplicate_pairs([a, b]) == [(0, 1)]
    assert duplicate_pairs([a, "قال المتحدث إن الاتفاق ينص على إجلاء الجرحى.", b]) == [(0, 2)]


def test_points_about_one_event_with_different_numbers_are_two_facts():
    buses = "خرجت 17 حافلة من الغوطة الشرقية عبر معبر عربين باتجاه إدلب."
    people = "خرج 981 شخصا من الغوطة الشرقية عبر معبر عربين باتجاه إدلب."
    assert fuzz.ratio(fold(buses).text, fold(people).text) >= NEAR_DUPLICATE  # alike in wording...
    assert duplicate_pairs([buses, people]) == []  # ...but two counts, two facts


def test_a_point_with_no_word_or_number_of_its_own_restates_the_other():
    # news 035: the later point says nothing the first does not; news 026: the earlier one is inside the later
    full = "الملك أمر الحكومة بتجميد الزيادات في أسعار الوقود والكهرباء"
    assert duplicate_pairs([full, "الملك أمر الحكومة بتجميد تلك الزيادات"]) == [(0, 1)]
    assert duplicate_pairs(["الملك أمر الحكومة بتجميد تلك الزيادات", full]) == [(1, 0)]  # the contained one goes
    # a word or a number of its own is another fact
    assert duplicate_pairs([full, "الملك أمر الحكومة بتجميد الزيادات بعد إضرابات غاضبة"]) == []
    assert duplicate_pairs(["قتل 7 أشخاص في الحادث", "قتل 7 أشخاص وأصيب 86 في الحادث"]) == [(1, 0)]
    assert duplicate_pairs(["قتل 9 أشخاص في الحادث", "قتل 7 أشخاص وأصيب 86 في الحادث"]) == []
