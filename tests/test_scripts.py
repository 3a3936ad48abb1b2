"""Script shares of letters."""

from __future__ import annotations

import pytest

from summarizer.scripts import is_arabic, is_latin, script_ratios


def test_arabic() -> None:
    text = "وغادرت ليل السبت أول دفعة من المقاتلين، وبداخلها ٩٨١ شخصاً."
    assert script_ratios(text) == (1.0, 0.0)
    assert is_arabic(text)
    assert not is_latin(text)


def test_vocalised_arabic_and_tatweel_count_as_arabic() -> None:
    assert script_ratios("أَحْمَدُ الغوطـــة") == (1.0, 0.0)


def test_english() -> None:
    text = "17 buses carrying 981 people left Eastern Ghouta on Saturday."
    assert script_ratios(text) == (0.0, 1.0)
    assert is_latin(text)
    assert not is_arabic(text)


def test_accented_latin_is_latin() -> None:
    assert is_latin("Café in Zürich, São Paulo")


def test_mixed() -> None:
    arabic, latin = script_ratios("قالت وكالة Reuters")
    assert arabic == pytest.approx(9 / 16)
    assert latin == pytest.approx(7 / 16)
    assert not is_arabic("قالت وكالة Reuters")
    assert not is_latin("قالت وكالة Reuters")
    # one English acronym in an Arabic sentence stays Arabic at the default threshold
    assert is_arabic("قالت وكالة الأنباء الفرنسية AFP إن الحافلات غادرت")
    # one Arabic word in an English sentence breaks the 0.9 Latin threshold only if long enough
    assert is_latin("The Faylaq al-Rahman group (فيلق) said the deal holds for all fighters")
    assert not is_latin("The group فيلق الرحمن said")


@pytest.mark.parametrize("text", ["", "   ", "123 ٤٥٦ ...", "،؛؟!", "\u064e\u064f"])
def test_letterless(text: str) -> None:
    assert script_ratios(text) == (0.0, 0.0)
    assert not is_arabic(text)
    assert not is_latin(text)


def test_thresholds() -> None:
    text = "abcdefgh يب"  # 8 Latin, 2 Arabic letters
    assert script_ratios(text) == (0.2, 0.8)
    assert is_latin(text, threshold=0.8)
    assert not is_latin(text)
    assert is_arabic(text, threshold=0.2)


def test_arabic_words_left_in_an_english_text_are_found_however_few() -> None:
    from summarizer.scripts import arabic_words

    # one name half left in Arabic: 4 letters of 60, far under any share threshold
    text = "President Abdel Fatheh Ali Siسي said the delegation arrived on Wednesday"
    assert is_latin(text) and arabic_words(text) == ["سي"]
    assert arabic_words("Fighters left the area") == [] and arabic_words("قال الوزير، قال") == ["قال", "الوزير"]
