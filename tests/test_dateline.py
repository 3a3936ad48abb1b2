"""A wire dateline is where the story was filed: no sentence, point, evidence or event place is made of it."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.dateline import dateline_end
from summarizer.event_candidates import find_candidates
from summarizer.events import _lead_places
from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.grounding import Source
from summarizer.names import KnownNames
from summarizer.regions import Regions


def known(text: str) -> KnownNames:
    return KnownNames(text, Glossary.default(), Gazetteer.default(), Regions.default())


@pytest.mark.parametrize("text, rest", [
    ("دبي، الإمارات العربية المتحدة (CNN)-- استقبل الملك سلمان الرئيس المصري في الرياض.", "استقبل"),
    ("بيروت 12 آذار (أ ف ب) - قتل ثلاثة أشخاص في قصف على مدينة صيدا.", "قتل"),
    ("القاهرة — أعلن الجيش مقتل خمسة مسلحين.", "أعلن"),
    # marks that normalisation removes: the offset is still one of the text as given
    ("\u200fبيـروت (رويترز) - قتل ثلاثة أشخاص.", "قتل"),
])
def test_a_dateline_ends_before_the_report(text, rest):
    end = dateline_end(text, known(text))
    assert text[end:].lstrip().startswith(rest)


@pytest.mark.parametrize("text", [
    "قال الجيش السوري - بحسب وكالة سانا - إنه قصف مواقع في حلب.",  # an actor before the dash
    "حلب تشهد قصفا عنيفا - بحسب ناشطين.",  # a place that is the sentence's subject
    "قتل 4 من مجندي الشرطة المصرية إثر هجوم على نقطة أمنية بمدينة العريش.",
])
def test_an_article_opening_with_its_report_has_no_dateline(text):
    assert dateline_end(text, known(text)) == 0


def test_the_dateline_belongs_to_no_sentence_and_names_no_event_place():
    text = "دبي (رويترز) - قصفت الطائرات مواقع للمسلحين صباح الأحد.\nوقال مسؤولون إن القصف استهدف مدينة مأرب."
    names = known(text)
    source = Source(text, dateline=dateline_end(text, names))
    assert source.sentence_texts()[0].startswith("قصفت الطائرات")
    assert source.sentence_evidence(1).text.startswith("قصفت") and source.sentence_evidence(1).start > 0
    first = find_candidates(source, names, dt.date(2018, 3, 25))[0]
    assert first.number == 1 and first.places == ()
    assert _lead_places(source, names)[0] == "مأرب"  # not دبي, where the story was filed
    plain = Source(text)  # what an article without a dateline gets: the sentence as written
    assert plain.sentence_texts()[0].startswith("دبي")
