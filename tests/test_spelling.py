"""A Latin spelling transliterates an Arabic name when their consonants agree."""

from __future__ import annotations

import pytest

from summarizer.spelling import spells


@pytest.mark.parametrize(("arabic", "latin"), [
    ("عين زارة", "Ain Zara"),
    ("غوط الشعال", "Ghout al-Shaal"),
    ("غوط الشعال", "Ghout Al Shaal"),  # a separate article
    ("الشعال", "Ash-Shaal"),  # the article assimilated
    ("بوقنادل", "Bouknadel"),  # ق written k
    ("جرادة", "Djerada"),  # ج written dj
    ("لوجنيكي", "Luzhniki"),  # ج written zh
    ("محمد", "Mohamed"),
    ("طيبة", "Taiba"),  # ة is a vowel
    ("عبدالفتاح السيسي", "Abdel Fattah al-Sissi"),  # a fused عبد is two Latin words
])
def test_a_transliteration_keeps_the_consonants(arabic: str, latin: str) -> None:
    assert spells(arabic, latin)


@pytest.mark.parametrize(("arabic", "latin"), [
    ("سجن عين زارة", "Sana'a"),  # the embedded model's answer: another place
    ("الدندر", "Nile"),  # another river
    ("عين سلطان", "Ain Al-Sharji"),  # the romanizer's index entry for another name
    ("عين سلطان", "Sultan"),  # a word dropped
    ("زارة", ""),
])
def test_another_name_or_a_missing_word_is_no_transliteration(arabic: str, latin: str) -> None:
    assert not spells(arabic, latin)
