"""Who says what: a statement handed to another party is refused (`sayers.swapped_sayers`)."""

from __future__ import annotations

import pytest

from summarizer.gazetteer import Gazetteer
from summarizer.glossary import Glossary
from summarizer.names import KnownNames
from summarizer.responses import EnglishText
from summarizer.sayers import dropped_speakers, english_speakers, speaker_spans, swapped_sayers
from summarizer.terms import TermLexicon

from .gold_texts import gold_articles

LEXICON = TermLexicon.default()
# News 001's second sentence: Al-Watan (pro-government) reports; Western states say the rest.
WATAN = ("وقالت صحيفة الوطن الموالية للحكومة السورية، إن رئيس مركز البحوث العلمية السوري، الذي تقول دول "
         "غربية إنه ضالع في برنامج أسلحة كيماوية، قتل عندما انفجرت سيارته.")
GOVERNMENT = [("للحكومة السورية", ("Syrian government", "Syrian regime"))]


def test_the_speaker_is_read_after_the_verb_without_its_affiliation_and_before_it() -> None:
    spans = [WATAN[s.start:s.end].strip() for s in speaker_spans(WATAN)]
    assert "صحيفة الوطن" in spans and "دول غربية" in spans
    assert not any("للحكومة" in s for s in spans)  # pro-government is not the government
    subject_first = "والجيش اللبناني أشار في بيان إلى أن الركاب هم 32 سوريا"
    assert "والجيش اللبناني" in [subject_first[s.start:s.end].strip() for s in speaker_spans(subject_first)]
    source = "قتل 5 أشخاص بحسب الشرطة المحلية"
    assert [source[s.start:s.end].strip() for s in speaker_spans(source)] == ["الشرطة المحلية"]


@pytest.mark.parametrize(
    ("english", "speakers"),
    [
        ("The army said on Friday that 5 people were killed.", ["The army"]),
        ("Officials announced that the talks failed, and the minister added that more would follow.",
         ["Officials", "the minister"]),
        ("Seven people were taken to hospital, the Moroccan news agency said.", ["the Moroccan news agency"]),
        ("Its director, who claims that the centre is secret, was killed.", ["Its director"]),
        ("Five died, according to the Health Ministry.", ["the Health Ministry"]),
        # not a speaker: a passive, a verb with a plain object, a coordinated verb's missing subject
        ("The results were announced on Monday.", []),
        ("Algeria confirmed 41 cholera cases in four provinces.", []),
        ("The authority shut the airport, then said it would extend the closure.", []),
    ],
)
def test_the_english_speaker_is_the_subject_of_a_verb_of_saying(english: str, speakers: list[str]) -> None:
    assert english_speakers(english) == speakers


def test_a_statement_handed_to_another_party_is_refused() -> None:
    # the model's English on the news eval (2026-12-03): the newspaper's report given to the government
    wrong = ("The Syrian government announced that its director of research, who claims that the west is involved "
             "in chemical weapons programs, was killed when his car was blown up.")
    assert [said for said, _ in swapped_sayers(wrong, WATAN, GOVERNMENT, LEXICON)] == [
        "The Syrian government", "its director of research"]
    right = ("Al-Watan, a newspaper loyal to the Syrian government, said that the head of the research centre, "
             "whom Western states say is involved in a chemical weapons programme, was killed when his car exploded.")
    assert swapped_sayers(right, WATAN, GOVERNMENT, LEXICON) == []
    # a speaker code cannot place (a pronoun, an unknown name) is not judged
    assert swapped_sayers("He said that the director was killed.", WATAN, GOVERNMENT, LEXICON) == []
    context = {"kind": "sentence", "arabic": WATAN, "hints": GOVERNMENT}
    with pytest.raises(ValueError, match="has 'The Syrian government' say something, but in the Arabic only"):
        EnglishText.model_validate({"text": wrong}, context=context)
    assert EnglishText.model_validate({"text": right}, context=context).text == right


def test_a_speaker_named_by_a_person_the_arabic_does_not_have_speak_is_refused() -> None:
    # news 001's third sentence: Western governments say it; the model made the director say it
    arabic = ("وعزيز أسبر هو مدير مركز البحوث العلمية في بلدة مصياف القريبة من مدينة حماة، وتقول حكومات غربية "
              "إنه منشأة سرية لإنتاج السلاح الكيماوي.")
    wrong = ("Aziz Esber, the director of the research center in Masyaf near Hamah, claims that Western "
             "governments are responsible for his creation of chemical weapons.")
    hints = [("عزيز أسبر", ("Aziz Esber", "Esber")), ("مصياف", ("Masyaf",)), ("حماة", ("Hama", "Hamah"))]
    assert [said for said, _ in swapped_sayers(wrong, arabic, hints, LEXICON)] == [
        "Aziz Esber, the director of the research center in Masyaf near Hamah,"]
    right = ("Aziz Esber is the director of the research centre in Masyaf, near Hama; Western governments "
             "say it is a secret facility producing chemical weapons.")
    assert swapped_sayers(right, arabic, hints, LEXICON) == []


def test_no_human_translation_of_either_gold_corpus_hands_a_statement_to_another_party() -> None:
    # Each flag here would re-ask, and perhaps drop, a faithful point; the check must also have
    # something to judge: most gold texts that report speech name their speaker.
    flagged, speakers = [], 0
    for stem, article, texts in gold_articles():
        known = KnownNames(article, Glossary.default(), Gazetteer.default())
        for text in texts:
            speakers += len(english_speakers(text["en"])) if speaker_spans(text["ar"]) else 0
            flagged += [(stem, said) for said, _ in swapped_sayers(text["en"], text["ar"], known.hints(text["ar"]), LEXICON)]
    assert speakers >= 60 and flagged == []


def test_a_claim_that_loses_its_speaker_is_refused() -> None:
    # news 001: Western governments say the centre is a secret facility; the re-ask told it as a fact
    arabic = "وتقول حكومات غربية إنه منشأة سرية لإنتاج السلاح الكيماوي."
    assert dropped_speakers("It is a secret facility producing chemical weapons.", arabic, [], LEXICON) == ["حكومات غربية"]
    assert dropped_speakers("Western governments say it is a secret facility producing chemical weapons.",
                            arabic, [], LEXICON) == []


def test_a_nationality_alone_does_not_render_its_speaker() -> None:
    # news 034: "A Palestinian official announced" became a fact, the nationality moved to the factions
    arabic = "أعلن مسؤول فلسطيني، توصل إلى اتفاق لوقف إطلاق النار بين إسرائيل والفصائل المسلحة في غزة"
    known = KnownNames(arabic, Glossary.default(), Gazetteer.default())
    nationalities = known.nationalities(arabic)
    assert [a for a, _ in nationalities] == ["فلسطيني"]
    hints = known.hints(arabic) + nationalities
    wrong = "Israel and Palestinian factions reached an agreement to cease fire in Gaza."
    assert dropped_speakers(wrong, arabic, hints, LEXICON, ["فلسطيني"]) == ["مسؤول فلسطيني"]
    context = {"kind": "sentence", "arabic": arabic, "hints": hints, "modifiers": ["فلسطيني"]}
    with pytest.raises(ValueError, match="leaves out who says it"):
        EnglishText.model_validate({"text": wrong}, context=context)
    right = "A Palestinian official announced a ceasefire agreement between Israel and the armed factions in Gaza."
    assert dropped_speakers(right, arabic, hints, LEXICON, ["فلسطيني"]) == []


def test_a_speaker_is_not_rendered_by_the_relative_clause_that_describes_it() -> None:
    # news 019: the coalition's announcement passed as Saudi Arabia's
    arabic = ("أعلن التحالف العربي الذي تقوده المملكة العربية السعودية في اليمن، السبت، أن قوات الدفاع "
              "الجوي السعودي اعترضت صاروخا باليستيا")
    names = KnownNames(arabic, Glossary.default(), Gazetteer.default()).hints(arabic)
    bad = "Saudi Arabia announced on Saturday that Saudi air defense forces intercepted a ballistic missile."
    assert dropped_speakers(bad, arabic, names, LEXICON) == ["التحالف العربي الذي تقوده المملكة العربية السعودية في اليمن"]
    good = "The Saudi-led coalition announced on Saturday that Saudi air defense forces intercepted a ballistic missile."
    assert dropped_speakers(good, arabic, names, LEXICON) == []
    # nothing known before the relative pronoun: the speaker is judged by what follows it
    unknown = "وقال الرجل الذي يقود حزب الله إن الهجوم فشل"
    hezbollah = [("حزب الله", ("Hezbollah",))]
    assert dropped_speakers("The attack failed.", unknown, hezbollah, LEXICON) == ["الرجل الذي يقود حزب الله"]


def test_no_human_translation_of_either_gold_corpus_leaves_out_a_speaker() -> None:
    flagged = []
    for stem, article, texts in gold_articles():
        known = KnownNames(article, Glossary.default(), Gazetteer.default())
        for text in texts:
            nationalities = known.nationalities(text["ar"])
            flagged += [(stem, speaker) for speaker in dropped_speakers(
                text["en"], text["ar"], known.hints(text["ar"]) + nationalities, LEXICON, [a for a, _ in nationalities])]
    assert flagged == []
