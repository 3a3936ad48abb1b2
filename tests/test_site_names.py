"""Places no list knows, named by the article's own place word (a district, a village, a river, an airport)."""

from __future__ import annotations

import pytest

from summarizer.event_candidates import places_in
from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.names import KnownNames
from summarizer.site_names import english as site_english
from summarizer.site_names import unlisted_places

pytest.importorskip("arabic_name_romanizer")  # an unlisted place is kept only where code spells it


def names(text: str) -> list[str]:
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    return [text[start:end] for start, end in unlisted_places(text, known)]


@pytest.mark.parametrize(("text", "found"), [
    ("تصاعد الدخان من المبنى الواقع في حي غوط الشعال إلى الغرب من العاصمة الليبية.", ["غوط الشعال"]),
    ("فر نحو 400 سجين من سجن عين زارة جنوبي شرق العاصمة الليبية.", ["سجن عين زارة"]),  # a site word stays
    ("تسببت الأمطار في فيضان نهر الدندر بولاية سنار في السودان.", ["نهر الدندر"]),
    ("استهدف الهجوم دورية للحرس الوطني بمنطقة عين سلطان على الحدود مع الجزائر.", ["عين سلطان"]),
    ("كانت الطائرة في رحلة من مطار بوفاريك إلى مدينة بشار في الجزائر.", ["مطار بوفاريك"]),  # بشار is known
])
def test_a_name_after_a_place_word_is_a_place(text: str, found: list[str]) -> None:
    assert names(text) == found


@pytest.mark.parametrize("text", [
    "أقامت السلطات منطقة حدودية عازلة.",  # an indefinite relative adjective: a kind of place
    "نقل السكان إلى منطقة آمنة.",
    "هبطت الطائرة في مطار عسكري.",
    "خرجت جماعة مسلحة من مدينة تقع إلى الجنوب.",  # a relative clause, not a name
    "وقضت المحكمة بسجن ناشطين عشرين عاما.",  # بسجن: imprisoning, not a prison
    "وسدد اللاعب كرة من داخل منطقة الجزاء.",  # the penalty area
    "وزار الوزير مخيم اللاجئين.",  # common nouns: a camp of refugees
    "وقتل ثلاثة في مدينة حلب.",  # the gazetteer knows it: found as a place, not here
    "وقع الانفجار في حي 22 من المدينة.",  # a number
    "أنقذ الجيش لاجئين في منطقة المياه الإقليمية اللبنانية.",  # a description, not a name to spell
])
def test_a_kind_of_place_or_a_known_one_is_no_unlisted_name(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(("name", "english"), [
    ("غوط الشعال", "Ghout Al Shaal"),
    ("سجن عين زارة", "Ain Zara Prison"),  # the site word translated, after the name
    ("مطار بوفاريك", "Boufarik Airport"),
    ("عين سلطان", "Ain Soltane"),  # not the romanizer's first spelling, "Ain Al-Sharji": no سلطان in it
])
def test_an_unlisted_place_is_spelt_by_code(name: str, english: str) -> None:
    assert site_english(name) == english


def test_an_unlisted_place_is_as_precise_as_a_town_and_the_first_named_wins() -> None:
    text = "انفجرت سيارة في حي غوط الشعال في طرابلس، عاصمة ليبيا."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    assert places_in(text, known)[:2] == ("غوط الشعال", "طرابلس")
    text = "خرجت 17 حافلة عبر معبر عربين في الغوطة الشرقية من حي جوبر الدمشقي في سوريا."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    assert places_in(text, known)[0] == "عربين"


def test_an_unlisted_place_takes_the_coordinates_of_the_known_place_around_it() -> None:
    from summarizer.assembly import _location
    from summarizer.events import _area
    from summarizer.models import Bilingual

    text = "انفجرت سيارة في حي غوط الشعال في طرابلس، عاصمة ليبيا."
    known = KnownNames(text, Glossary.default(), Gazetteer.default())
    places = places_in(text, known)
    assert _area(places, known, "ليبيا") == "طرابلس"  # the sentence's next known place
    assert _area(places[:1], known, "ليبيا") == "ليبيا"  # else the article's
    assert _area(("طرابلس",), known, "ليبيا") is None  # a known place has its own coordinates
    location = _location("غوط الشعال", None, lambda name: Bilingual(ar=name, en=name), known, "طرابلس")
    tripoli = known.place("طرابلس")
    assert (location.latitude, location.country, location.geo_precision) == (tripoli.latitude, "LY", "city")
    assert location.name.ar == "غوط الشعال"
