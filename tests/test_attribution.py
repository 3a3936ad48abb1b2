"""Numbers kept with the party the article gives them to (texts written for the test)."""

from __future__ import annotations

import pytest

from summarizer.attribution import attribution_problems
from summarizer.grounding import Source
from summarizer.responses import PointDraft

ARTICLE = Source(
    'أعلنت الهيئة العليا المستقلة للانتخابات النتائج الرسمية يوم الأربعاء. وحصلت القوائم المستقلة على 2376 مقعدا، '
    'يليها حزب "النهضة" الذي حصل على 2135 مقعدا، بينما حل حزب "نداء تونس" ثالثا بحصوله على 1595 مقعدا.\n'
    'وقال حزب "الوطن" المنافس لحزب "النهضة" إنه حصل على 40 مقعدا. ووصف المراقبون النتائج بأنها "تاريخية" '
    'بعد فوز 12 امرأة برئاسة البلديات.'
)


def test_a_number_given_to_another_party_than_the_articles_is_refused() -> None:
    problems = attribution_problems("حزب «نداء تونس» حصل على 2135 مقعدا", "point", ARTICLE)
    assert problems == [
        "point gives 2135 to نداء تونس, but the article gives 2135 to النهضة; keep each number with the party "
        "the article gives it to"
    ]
    with pytest.raises(ValueError, match="gives 2135 to نداء تونس"):
        PointDraft.model_validate({"text": "حزب «نداء تونس» حصل على 2135 مقعدا"}, context={"source": ARTICLE})


@pytest.mark.parametrize(
    "text",
    [
        "حزب «النهضة» حصل على 2135 مقعدا",  # its own number
        "حصل حزب «نداء تونس» على 1595 مقعدا",
        "القوائم المستقلة حصلت على 2376 مقعدا",  # no party named before the number in the text
        "حزب «الوطن» حصل على 40 مقعدا",  # another party in a modifier (المنافس لحزب النهضة) comes between
        "فازت 12 امرأة برئاسة البلديات وفق «تاريخية» النتائج",  # quoted in both, but no party before 12 in the article
        "حزب «المستقبل» حصل على 2135 مقعدا",  # a quoted phrase the article does not quote is no name to compare
    ],
)
def test_a_number_with_its_own_party_or_no_party_to_compare_passes(text: str) -> None:
    assert attribution_problems(text, "point", ARTICLE) == []


def test_a_headline_is_checked_too() -> None:
    from summarizer.responses import headline_problems

    assert any("gives 2135 to الوطن" in p for p in headline_problems("«الوطن» يحصل على 2135 مقعدا", ARTICLE))
    # a party the article names before the number in its sentence may be the number's: not refused
    assert not any("1595" in p for p in headline_problems("«النهضة» تحصل على 1595 مقعدا", ARTICLE))
