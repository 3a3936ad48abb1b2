"""The news-term lexicon: data integrity, closed classes, Arabic matching and both checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.arabic import fold
from summarizer.errors import ConfigurationError
from summarizer.terms import _STOPWORDS, CATEGORIES, CHECKS, TermLexicon, english_words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "summarizer" / "data" / "terms.tsv"


@pytest.fixture(scope="module")
def lx() -> TermLexicon:
    return TermLexicon.default()


def ids(lx: TermLexicon, text: str) -> list[str]:
    return [m.term.id for m in lx.find_terms(text)]


def only(lx: TermLexicon, text: str) -> str:
    found = ids(lx, text)
    assert len(found) == 1, (text, found)
    return found[0]


# --- data ------------------------------------------------------------------------------------


def test_file_loads_with_at_least_800_rows(lx: TermLexicon) -> None:
    assert len(lx) >= 800
    assert TermLexicon.default() is lx  # cached
    assert len(TermLexicon.load()) == len(lx)


def test_rows_are_well_formed(lx: TermLexicon) -> None:
    seen: set[str] = set()
    for t in lx.terms:
        assert t.id not in seen
        seen.add(t.id)
        assert t.category in CATEGORIES and t.check in CHECKS
        assert t.arabic and t.english
        assert t.canonical not in t.weak_english
        for form in t.english:
            assert form == form.lower() and english_words(form), (t.id, form)
        if t.check == "both":
            assert set(t.english) - t.weak_english, f"{t.id}: a both row checks no English form"


def test_no_stopword_is_checked_in_reverse(lx: TermLexicon) -> None:
    # A checked English form made only of function words would flag every translation.
    for t in lx.terms:
        if t.check != "both":
            continue
        for form in set(t.english) - t.weak_english:
            words = english_words(form)
            assert not all(w in _STOPWORDS for w in words), (t.id, form)


def test_header_documents_the_format() -> None:
    head = DATA.read_text(encoding="utf-8").split("\n", 40)[:40]
    text = "\n".join(head).lower()
    for word in ("id", "category", "arabic", "english", "check", "both", "ar", "canonical", "plural", "weak"):
        assert word in text


# --- closed classes ----------------------------------------------------------------------------

WEEKDAYS = {
    "الأحد": "sunday", "الاثنين": "monday", "الإثنين": "monday", "الثلاثاء": "tuesday",
    "الأربعاء": "wednesday", "الخميس": "thursday", "الجمعة": "friday", "السبت": "saturday",
}
MONTH_IDS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]
MONTH_SYSTEMS = {
    "gregorian": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "levantine": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز شهر_آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "maghrebi": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "moroccan": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
}
HIJRI = {
    "شهر محرم": "muharram", "شهر صفر": "safar", "ربيع الأول": "rabi_al_awwal",
    "ربيع الآخر": "rabi_al_thani", "ربيع الثاني": "rabi_al_thani", "جمادى الأولى": "jumada_al_ula",
    "جمادى الآخرة": "jumada_al_akhira", "شهر رجب": "rajab", "شعبان": "shaban", "رمضان": "ramadan",
    "شوال": "shawwal", "ذو القعدة": "dhu_al_qadah", "ذي الحجة": "dhu_al_hijjah",
}
ORDINALS = [
    ("first", "الأول", "الأولى"), ("second", "الثاني", "الثانية"), ("third", "الثالث", "الثالثة"),
    ("fourth", "الرابع", "الرابعة"), ("fifth", "الخامس", "الخامسة"), ("sixth", "السادس", "السادسة"),
    ("seventh", "السابع", "السابعة"), ("eighth", "الثامن", "الثامنة"), ("ninth", "التاسع", "التاسعة"),
    ("tenth", "العاشر", "العاشرة"),
]


def test_all_seven_weekdays(lx: TermLexicon) -> None:
    for arabic, term_id in WEEKDAYS.items():
        assert only(lx, f"يوم {arabic}") == term_id
        assert lx.get(term_id).canonical == term_id  # type: ignore[union-attr]
    assert {t.id for t in lx.terms if t.category == "weekday"} == set(WEEKDAYS.values())


@pytest.mark.parametrize("system", sorted(MONTH_SYSTEMS))
def test_twelve_months_in_every_naming_system(lx: TermLexicon, system: str) -> None:
    names = [n.replace("_", " ") for n in MONTH_SYSTEMS[system].split()]
    assert len(names) == 12
    for name, term_id in zip(names, MONTH_IDS, strict=True):
        assert only(lx, f"في 15 {name} 2024") == term_id, (system, name)
    assert [t.id for t in lx.terms if t.category == "month"] == MONTH_IDS


def test_twelve_hijri_months(lx: TermLexicon) -> None:
    for name, term_id in HIJRI.items():
        assert only(lx, name) == term_id, name
    assert len({t.id for t in lx.terms if t.category == "month_hijri"}) == 12
    assert set(HIJRI.values()) == {t.id for t in lx.terms if t.category == "month_hijri"}


def test_ambiguous_month_names_are_weak(lx: TermLexicon) -> None:
    # صفر is "zero", آب folds like أب "father", محرم is "forbidden": no hint, but they back "August".
    assert ids(lx, "حصل على صفر") == []
    assert ids(lx, "في 15 آب") == []
    assert lx.unsupported_in_english("في 15 آب", "On 15 August") == []
    assert [h.form for h in lx.unsupported_in_english("في 15 أيلول", "On 15 August")] == ["august"]


def test_ordinals_first_to_tenth_both_genders(lx: TermLexicon) -> None:
    for term_id, masc, fem in ORDINALS:
        assert only(lx, f"المرة {fem}") == term_id or ids(lx, f"المرة {fem}")[-1] == term_id
        assert ids(lx, f"اليوم {masc}")[-1] == term_id
        assert only(lx, masc) == term_id and only(lx, fem) == term_id
        assert only(lx, masc[2:]) == term_id  # without the article


def test_directions(lx: TermLexicon) -> None:
    cases = {
        "شمال": "north", "جنوبي": "south", "الشرقية": "east", "غربا": "west",
        "شمال شرقي": "northeast", "شمال غرب": "northwest", "جنوب شرق": "southeast",
        "جنوبي غربي": "southwest",
    }
    for arabic, term_id in cases.items():
        assert only(lx, arabic) == term_id, arabic


def test_election_kinds(lx: TermLexicon) -> None:
    cases = {
        "التشريعية": "legislative", "البرلمانية": "legislative", "النيابية": "legislative",
        "الرئاسية": "presidential", "البلدية": "municipal", "المحلية": "local",
        "الاستفتاء": "referendum", "الجهوية": "regional", "التشريعيات": "legislative",
    }
    for arabic, term_id in cases.items():
        assert ids(lx, f"الانتخابات {arabic}")[-1] == term_id, arabic
    assert "legislative" in lx.get("legislative").english  # type: ignore[union-attr]
    assert "parliamentary" in lx.get("legislative").english  # type: ignore[union-attr]


# --- Arabic matching ---------------------------------------------------------------------------


def test_clitic_and_article_forms_match(lx: TermLexicon) -> None:
    assert only(lx, "والحافلات") == "bus"
    assert only(lx, "بالزلزال") == "earthquake"
    assert only(lx, "للحافلة") == "bus"
    assert only(lx, "وبالقطار") == "train"
    # endings the data does not list: tanween, pronoun suffixes, construct plurals, future س
    assert only(lx, "قتيلاً") == "kill"
    assert only(lx, "استقالته") == "resignation"
    assert only(lx, "مقاتلي") == "fighter"
    assert ids(lx, "سيصوتون") == ["vote"]


def test_offsets_point_into_the_original(lx: TermLexicon) -> None:
    text = "قُتِلَ 5 أشخاص ـ في غارةٍ جوية، والحافلاتُ"
    for m in lx.find_terms(text):
        assert text[m.start : m.end] == m.text
    texts = [m.text for m in lx.find_terms(text)]
    assert "غارةٍ جوية" in texts and "الحافلاتُ" in texts  # the conjunction و is left out


def test_longest_match_wins(lx: TermLexicon) -> None:
    assert ids(lx, "أسقطت طائرة مسيرة") == ["shoot_down", "drone"]
    assert ids(lx, "الطائرات المسيرة") == ["drone"]
    assert ids(lx, "وقف إطلاق النار") == ["ceasefire"]
    assert ids(lx, "سعر الفائدة") == ["interest_rate"]
    assert ids(lx, "المجلس البلدي") == ["municipal_council"]
    assert ids(lx, "كانون الأول") == ["december"]  # not "first"
    assert ids(lx, "رئيس الوزراء") == ["prime_minister"]


def test_article_written_in_the_data_is_required(lx: TermLexicon) -> None:
    assert ids(lx, "أحد الأشخاص") == ["person"]  # أحد "one of", not Sunday
    assert ids(lx, "يوم الأحد") == ["sunday"]


def test_words_one_letter_apart_are_different_terms(lx: TermLexicon) -> None:
    assert only(lx, "مقتل") == "kill"
    assert only(lx, "مقاتل") == "fighter"
    assert only(lx, "قتلى") == "kill"
    assert only(lx, "قتال") == "fighting"
    assert only(lx, "هدنة") == "truce"
    assert only(lx, "هدم") == "demolition"
    # and the check holds for the reason: "killing" is not supported by مقاتلين
    hits = lx.unsupported_in_english("الاتفاق يشمل أيضا مقاتلين", "The deal also covers the killing of civilians")
    assert {h.form for h in hits} >= {"killing", "civilians"}
    assert lx.unsupported_in_english("الاتفاق يشمل أيضا مقتل مدنيين", "The deal also covers the killing of civilians") == []


def test_function_words_are_not_terms(lx: TermLexicon) -> None:
    text = "وإلى جانب ذلك، أدى إلى الأهم بالتالي كلما بالنسبة طبعا إثر بحق"
    assert [m.term.id for m in lx.find_terms(text) if m.term.id not in {"certainly"}] == []


def test_skip_spans_leave_names_alone(lx: TermLexicon) -> None:
    text = "قال حزب الله إن"
    start = text.index("حزب الله")
    assert "party" in ids(lx, text)
    assert "party" not in [m.term.id for m in lx.find_terms(text, skip=[(start, start + 8)])]


# --- English checks --------------------------------------------------------------------------------

BUS = "انقلبت حافلة تقل 17 راكبا على الطريق السريع"


def test_helicopters_for_a_bus_is_flagged_both_ways(lx: TermLexicon) -> None:
    english = "17 helicopters overturned on the highway"
    assert "bus" in [m.term.id for m in lx.missing_in_english(BUS, english)]
    assert "helicopters" in [h.text for h in lx.unsupported_in_english(BUS, english)]


def test_a_correct_translation_passes(lx: TermLexicon) -> None:
    english = "A bus carrying 17 passengers overturned on the highway"
    assert lx.missing_in_english(BUS, english) == []
    assert lx.unsupported_in_english(BUS, english) == []
    assert lx.unverified_words(BUS, english) == ["carrying"]


def test_sandstorm_for_an_earthquake_is_flagged(lx: TermLexicon) -> None:
    arabic = "ضرب زلزال بقوة 6 درجات على مقياس ريختر"
    bad = "A sandstorm of magnitude 6 hit"
    assert [m.term.id for m in lx.missing_in_english(arabic, bad)] == ["earthquake"]
    assert [h.form for h in lx.unsupported_in_english(arabic, bad)] == ["sandstorm"]
    good = "An earthquake measuring 6 on the Richter scale struck"
    assert lx.missing_in_english(arabic, good) == []
    assert lx.unsupported_in_english(arabic, good) == []


def test_the_verb_hqq_with_fi_is_investigate_and_alone_is_not(lx: TermLexicon) -> None:
    # حقق في is "investigate"; حقق alone is "achieve", which the model wrote for the former
    arabic = "قال المتحدث إن الجيش سيحقق في تلك التقارير"
    assert [m.term.id for m in lx.missing_in_english(arabic, "The spokesman said the army will achieve those figures")] \
        == ["investigation"]
    assert lx.missing_in_english(arabic, "The spokesman said the army will investigate those reports") == []
    assert "investigation" not in [m.term.id for m in lx.find_terms("حقق المنتخب فوزا كبيرا")]


def test_a_reduction_or_a_postponement_the_arabic_lacks_is_flagged(lx: TermLexicon) -> None:
    # "reduce" for تجميد (a freeze) and "postponed" for تزامن (coincided): both read on real news
    freeze = "أمر الملك الحكومة بتجميد الزيادات في أسعار الوقود"
    assert [h.form for h in lx.unsupported_in_english(freeze, "The king ordered the government to reduce fuel prices")] \
        == ["reduce"]
    assert lx.unsupported_in_english("خففت المحكمة الحكم", "The court reduced the sentence") == []
    assert lx.unsupported_in_english("دعا إلى ترشيد الاستهلاك", "He called for reducing consumption") == []
    assert [h.form for h in lx.unsupported_in_english("تزامن الحادث مع القرار", "The incident was postponed")] \
        == ["postponed"]
    assert lx.unsupported_in_english("قررت اللجنة تأجيل الانتخابات", "The committee postponed the elections") == []
    # أجلت is also "evacuated" (أجلى): it stays the evacuation row's
    assert [m.term.id for m in lx.find_terms("أجلت السلطات السكان")][0] == "evacuation"


@pytest.mark.parametrize(("arabic", "bad", "invented", "good"), [
    # what the embedded model wrote on news 036 and 033: a religion, attacks and a warning the Arabic
    # never states
    ("القوات الأمنية الأردنية تواصل عملياتها ضد مسلحي خلية إرهابية",
     "Jordanian security forces are conducting operations against Islamic militants", "Islamic",
     "Jordanian security forces are pressing on with operations against the gunmen of a terrorist cell"),
    ("وانتشلت قوات الأمن ثلاث جثث لمسلحين", "Security forces conducted three attacks on gunmen", "attacks",
     "Security forces recovered the bodies of three gunmen"),
    ("كان المحتجون يرشقون القوات بالحجارة", "Protesters warned the forces", "warned",
     "Protesters were pelting the forces with stones"),
])
def test_a_religion_an_attack_or_a_warning_the_arabic_lacks_is_flagged(
    lx: TermLexicon, arabic: str, bad: str, invented: str, good: str
) -> None:
    assert invented in [h.text for h in lx.unsupported_in_english(arabic, bad)]
    assert lx.unsupported_in_english(arabic, good) == []


def test_a_warning_or_a_threat_of_punishment_supports_warned(lx: TermLexicon) -> None:
    # نبهت (alerted) and توعدت (vowed to punish) are both a warning in English (gold news 017, 034)
    assert lx.unsupported_in_english("نبهت السلطات السكان إلى خطر الغرق", "The authorities warned residents of the risk") == []
    vowed = "وتوعدت من يقوض الاستقرار بالمحاسبة"
    assert lx.unsupported_in_english(vowed, "and warned that spoilers would be held to account") == []
    assert [m.term.id for m in lx.missing_in_english(vowed, "and said spoilers undermine stability")] == ["vow_punish"]


def test_wrong_weekday_is_flagged(lx: TermLexicon) -> None:
    arabic = "قال المتحدث اليوم (الخميس) إن"
    bad = "The spokesman said on Wednesday (Friday) that"
    assert [m.term.id for m in lx.missing_in_english(arabic, bad)] == ["thursday"]
    assert [h.form for h in lx.unsupported_in_english(arabic, bad)] == ["wednesday", "friday"]
    good = "The spokesman said on Thursday that"
    assert lx.missing_in_english(arabic, good) == []
    assert lx.unsupported_in_english(arabic, good) == []


def test_presidential_for_legislative_is_flagged(lx: TermLexicon) -> None:
    arabic = "فاز المستقلون في الانتخابات التشريعية"
    bad = "The opposition party won the presidential elections"
    missing = [m.term.id for m in lx.missing_in_english(arabic, bad)]
    assert "legislative" in missing and "independent" in missing
    assert {h.form for h in lx.unsupported_in_english(arabic, bad)} >= {"presidential", "opposition"}
    good = "Independents won the parliamentary elections"
    assert lx.missing_in_english(arabic, good) == []
    assert lx.unsupported_in_english(arabic, good) == []


def test_a_verb_of_building_in_any_person_supports_building(lx: TermLexicon) -> None:
    # the row listed the verb's 3ms forms only (تبنيه is left out: تبني is also claiming responsibility)
    for arabic in ("يبنون جدارا", "وشيدت الحكومة جسرا"):
        assert lx.unsupported_in_english(arabic, "the wall they are building") == [], arabic
    assert [h.text for h in lx.unsupported_in_english("يمولون جدارا", "the wall they are building")] == ["building"]


def test_english_plurals_case_and_hyphens(lx: TermLexicon) -> None:
    bus = lx.get("bus")
    assert bus is not None
    assert lx.accepts(bus, "Two BUSES collided")
    assert not lx.accepts(bus, "A busy road")
    ceasefire = lx.get("ceasefire")
    assert ceasefire is not None and lx.accepts(ceasefire, "a cease-fire was agreed")


def test_an_occurrence_inside_a_supported_phrase_is_supported(lx: TermLexicon) -> None:
    # "minister" in "prime minister" when the Arabic says رئيس الحكومة
    assert lx.unsupported_in_english("قال رئيس الحكومة", "The prime minister said") == []
    assert [h.form for h in lx.unsupported_in_english("قال الرئيس", "The minister said")] == ["minister"]


def test_names_are_not_checked(lx: TermLexicon) -> None:
    arabic = "قالت هيئة الحشد الشعبي"
    english = "The Popular Mobilization Forces said"
    assert lx.unsupported_in_english(arabic, english, names_en=["Popular Mobilization Forces"]) == []
    assert lx.unverified_words(arabic, english, names_en=["Popular Mobilization Forces"]) == []


def test_a_name_is_found_with_its_possessive_and_with_its_apostrophe(lx: TermLexicon) -> None:
    # as `glossary.accepts_english` reads names: "Sudan's" is Sudan, "Ra's al-Ain" is Ras al-Ain
    arabic = "قصفت القوات رأس شمرا"
    assert lx.unverified_words(arabic, "Forces shelled Ra's Shamra", names_en=["Ras Shamra"]) == []
    assert lx.unverified_words(arabic, "Forces shelled Ras Shamra's port", names_en=["Ras Shamra"]) == ["port"]


def test_a_president_or_an_election_the_arabic_lacks_is_invented(lx: TermLexicon) -> None:
    # news 005: passed for قرار البرلمان إعادة العد والفرز (the parliament's decision to recount)
    arabic = "هذا الحريق جاء بعد قرار البرلمان إعادة العد والفرز لأكثر من 10 ملايين صوت بشكل يدوي"
    bad = "This fire occurred after the parliament had re-elected the president and re-counted more than 10 million votes."
    assert {h.form for h in lx.unsupported_in_english(arabic, bad)} == {"elected", "president"}
    assert lx.unsupported_in_english("قال الرئيس المصري", "The Egyptian president said") == []
    assert lx.unsupported_in_english("بحث الزعيمان العلاقات", "The two leaders discussed relations") == []
    assert lx.unsupported_in_english("تجمعوا أمام مقر رئاسة الوزراء", "They gathered outside the prime minister's office") == []


def test_bodies_recovered_are_not_people_killed(lx: TermLexicon) -> None:
    # news 036: "security forces killed three gunmen" for انتشلت … ثلاث جثث لمسلحين (recovered three bodies)
    arabic = "وانتشلت قوات الأمن الأردنية ثلاث جثث لمسلحين كانوا يتحصنون داخل مبنى"
    bad = "Jordanian security forces killed three gunmen who were inside a building."
    assert "killed" in [h.form for h in lx.unsupported_in_english(arabic, bad)]
    good = "Jordanian security forces recovered the bodies of three gunmen holed up inside a building."
    assert lx.unsupported_in_english(arabic, good) == [] and lx.missing_in_english(arabic, good) == []


def test_a_military_aircraft_is_an_aircraft_not_only_an_air_force(lx: TermLexicon) -> None:
    # news 029: "Algerian military aircraft crashed" was refused for طائرة نقل عسكرية (a military transport plane)
    arabic = "قتل 257 شخصا على الأقل في تحطم طائرة نقل عسكرية جزائرية قرب العاصمة"
    assert lx.unsupported_in_english(arabic, "An Algerian military aircraft crashed near the capital, killing 257") == []
    shelled = "قصفت المدفعية المدينة"  # artillery: no aircraft at all
    assert "Military aircraft" in [h.text for h in lx.unsupported_in_english(shelled, "Military aircraft hit the city")]


def test_a_licence_and_a_border_post_are_named(lx: TermLexicon) -> None:
    # seen refused in the news eval: رخص (licences) had no row, نقطة حدود read as a border alone
    assert only(lx, "استبدال الرخص") == "licence" and only(lx, "رخصة قيادة") == "licence"
    assert lx.missing_in_english("بدأ إصدار رخص القيادة", "began issuing driving licences") == []
    assert "border_post" in ids(lx, "حاولوا مهاجمة نقطة حدود إسرائيلية")
    attacked = "حاولوا مهاجمة نقطة حدود إسرائيلية"
    assert [m.term.id for m in lx.missing_in_english(attacked, "they tried to attack an Israeli checkpoint")] == ["border_post"]


def test_a_coalition_or_alliance_must_be_rendered(lx: TermLexicon) -> None:
    arabic = "أعلن التحالف العربي اعتراض صاروخ"
    assert "coalition" in [m.term.id for m in lx.missing_in_english(arabic, "Saudi Arabia intercepted a missile")]
    assert lx.missing_in_english("شكلت الأحزاب ائتلافا", "The parties formed an alliance") == []


def test_a_title_before_a_name_is_part_of_naming_the_person(lx: TermLexicon) -> None:
    # gold news 012: "President Hadi's government" for لحكومة هادي
    arabic = "التحالف الداعم لحكومة هادي"
    english = "the coalition, which backs President Hadi's government"
    assert lx.unsupported_in_english(arabic, english, names_en=["Hadi"]) == []
    assert [h.form for h in lx.unsupported_in_english(arabic, "the president backs Hadi", names_en=["Hadi"])] == ["president"]
    # a name code does not know: the title before it is the translator's, not an invented president
    assert lx.unsupported_in_english("وقال السيسي في مؤتمر", "President Sisi said at a conference") == []
    assert [h.form for h in lx.unsupported_in_english("وقال السيسي في مؤتمر", "The President said")] == ["president"]


def test_a_possessive_is_the_word_it_is_on() -> None:
    words = ["hadi", "government", "the", "houthis", "men", "marib"]
    assert english_words("Hadi's government, the Houthis' men, Ma'rib") == words


def test_hints_are_one_per_term_in_order(lx: TermLexicon) -> None:
    arabic = "قتل ثلاثة أشخاص في غارة جوية، وقتل آخرون في قصف مدفعي يوم الخميس"
    hints = lx.hints(arabic)
    assert hints[0] == ("قتل", "killed")
    assert ("غارة جوية", "airstrike") in hints and ("الخميس", "thursday") in hints
    assert len([h for h in hints if h[1] == "killed"]) == 1
    assert len(lx.hints(arabic, limit=2)) == 2


def test_unverified_words_lists_what_no_check_covered(lx: TermLexicon) -> None:
    arabic = "قتل ثلاثة أشخاص في غارة جوية"
    words = lx.unverified_words(arabic, "Three people were killed in a brutal regime airstrike")
    assert words == ["brutal", "regime"]


# --- user files ------------------------------------------------------------------------------------


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text(
        "# my terms\n"
        "silicone_doll\tother\tدمية من السليكون|دمى من السليكون\tsilicone doll|silicone dolls\tboth\n"
        "bus\ttransport\tحافلة|حافلات\tbus|coach\tboth\n",
        encoding="utf-8",
    )
    lx = TermLexicon.load(user)
    assert [m.term.id for m in lx.find_terms("صنعت دمى من السليكون")] == ["silicone_doll"]
    assert lx.get("bus").english == ("bus", "coach")  # type: ignore[union-attr]
    assert len(lx) == len(TermLexicon.default()) + 1
    only_user = TermLexicon.load(user, builtin=False)
    assert len(only_user) == 2


@pytest.mark.parametrize(
    "row, why",
    [
        ("x\tother\tحافلة\tbus", "5 tab-separated columns"),
        ("X\tother\tحافلة\tbus\tboth", "id"),
        ("x\tnope\tحافلة\tbus\tboth", "unknown category"),
        ("x\tother\tحافلة\tbus\tmaybe", "check must be"),
        ("x\tother\tbus\tbus\tboth", "Arabic script"),
        ("x\tother\tحافلة\tBus\tboth", "lower-case"),
        ("x\tother\tحافلة\t?bus|coach\tboth", "canonical"),
        ("x\tother\tحافلة\tbus\tboth\ny\tother\tحافلة\tcoach\tboth", "already belongs"),
    ],
)
def test_malformed_user_rows_name_file_and_line(tmp_path: Path, row: str, why: str) -> None:
    user = tmp_path / "bad.tsv"
    user.write_text("# header\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as exc:
        TermLexicon.load(user, builtin=False)
    assert f"{user}:" in str(exc.value) and why in str(exc.value)


def test_unreadable_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        TermLexicon.load(tmp_path / "missing.tsv")


def test_forms_fold_like_the_article_text() -> None:
    # The data is written without diacritics; folding makes hamza and ta marbuta spellings equal.
    assert fold("إبريل").text == fold("ابريل").text
    assert fold("حافلة").text == fold("حافله").text


def test_a_written_form_that_is_another_rows_plural_is_supported_by_both(lx: TermLexicon) -> None:
    # "killings" is written in the kill rows and is the regular plural of the assassination row's "killing"
    assert lx.unsupported_in_english("نددت الحكومة بعمليات الاغتيال في المدينة", "The government condemned the killings") == []


def test_the_words_after_a_naming_word_are_a_name_not_terms(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    named = TermCheck(lx, "اندلعت اشتباكات مسلحة في حي سوق الجمعة بالعاصمة")
    assert "الجمعة" not in [m.text for m in named.terms]  # Souq al-Juma, not "Friday market"
    assert not named.missing("Armed clashes broke out in Souq al-Juma in the capital")
    assert "الجمعة" in [m.text for m in TermCheck(lx, "اندلعت اشتباكات يوم الجمعة في العاصمة").terms]
    # the reverse check still reads the whole Arabic: "Friday" is not an invention here
    assert not named.unsupported("Clashes broke out in the Friday market district of the capital")


def test_a_known_name_after_a_naming_word_is_the_whole_name(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    arabic = "في مدينة الحسيمة شمالي المغرب"
    city = (arabic.index("الحسيمة"), arabic.index("الحسيمة") + len("الحسيمة"))
    known = TermCheck(lx, arabic, (city,))
    assert "شمالي" in [m.text for m in known.terms]  # northern Morocco: not part of the city's name
    assert [m.text for m in known.missing("in the city of Al Hoceima, Shomali Morocco")] == ["شمالي"]
    assert not known.missing("in the city of Al Hoceima in northern Morocco")
    # a name the lists do not know still takes the two words after the naming word
    assert "شمالي" not in [m.text for m in TermCheck(lx, "في مدينة الزهراء شمالي المغرب").terms]


def test_a_bare_plural_that_is_drones_or_marches_is_not_required(lx: TermLexicon) -> None:
    # مسيرات العودة is the Great March of Return; the model, hinted "drone", wrote "drone missions"
    assert "drone" not in {m.term.id for m in lx.find_terms("مسيرات العودة الكبرى وكسر الحصار")}
    assert "drone" in {m.term.id for m in lx.find_terms("أسقطت الدفاعات الجوية طائرات مسيرة")}
    assert lx.unsupported_in_english("أطلق الحوثيون مسيرات على المطار", "The Houthis launched drones") == []


@pytest.mark.parametrize(("arabic", "english", "invented"), [
    # what the embedded model wrote for names on the real-news corpus (2026-12-02 outputs)
    ("زوجته، منى", "Fromni", ["Fromni"]),
    ("الميليشيا الحوثية", "Al-Qaeda", ["Qaeda"]),
    ("الزعيم الليبي", "Al-Mutawakil", ["Mutawakil"]),
    ("الوفد المصري", "Egyptian Revolution", ["Revolution"]),  # a term (ثورة) the Arabic lacks
    # spelt, translated or both: nothing invented
    ("منى", "Mona", []),
    ("عبدالفتاح السيسي", "Abdel Fattah al-Sissi", []),
    ("غار الدماء", "Ghardimaou", []),  # two words written as one
    ("سجن عين زارة", "Ain Zara Prison", []),
    ("الميليشيا الحوثية", "the Houthi militia", []),
    # a dictionary word the lexicon lacks is let through as a translation, not a made-up name
    ("المفوضية العليا المستقلة", "Independent High Commission", []),
])
def test_a_names_english_adds_no_word_its_arabic_does_not_account_for(
    lx: TermLexicon, arabic: str, english: str, invented: list[str],
) -> None:
    from summarizer.english_checks import TermCheck

    assert TermCheck(lx, arabic, require_all=False).invented(english) == invented


def test_the_dictionary_knows_plurals_and_not_made_up_names() -> None:
    from summarizer.vocabulary import is_english_word

    assert all(map(is_english_word, ["Commission", "militias", "ministries", "Nations", "forces", "court's"]))
    assert not any(map(is_english_word, ["Fromni", "Mutawakil", "Aswaf"]))


# --- stance: what is feared, expected, planned, attempted or alleged ----------------------------


def test_a_fear_told_as_a_fact_is_refused_even_where_omissions_are_kept(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    # news 013: the fears of a return of cholera grow; the model wrote that the outbreak grew
    arabic = "تتزايد المخاوف من عودة تفشي وباء الكوليرا في اليمن مع بداية موسم الأمطار"
    fact = "The outbreak of cholera in Yemen has increased since the beginning of the rainy season"
    lenient = TermCheck(lx, arabic, require_all=False)  # as repaired by code: omissions kept
    assert any("المخاوف" in p for p in lenient.problems(fact))
    assert not any("الأمطار" in p for p in lenient.problems(fact))  # an ordinary term may be left out
    feared = "Fears of a return of the cholera epidemic in Yemen are increasing as the rainy season begins"
    assert lenient.problems(feared) == []
    # stance is hinted before the other terms, after the closed classes
    assert [english for _, english in TermCheck(lx, arabic).hints()][0] == "fears"


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("وضعت الحكومة خطة لرفع الضريبة على الدخل", "the government raised taxes on income"),
        ("أثار الحريق مزاعم عن عمليات تزوير", "the fire revealed fraud"),
        ("حاول المتظاهرون اقتحام المبنى", "the protesters stormed the building"),
        ("يتوقع البنك ارتفاع التضخم", "the bank raised inflation"),
        ("ربما يتأخر الاجتماع", "the meeting is delayed"),
        ("تعتزم الوزارة إغلاق المعبر", "the ministry closed the crossing"),
    ],
)
def test_each_stance_left_out_makes_a_fact_and_is_missing(lx: TermLexicon, arabic: str, english: str) -> None:
    assert [m.term.category for m in lx.missing_in_english(arabic, english)].count("stance") == 1


def test_tuqi_that_inflicts_casualties_is_no_expectation(lx: TermLexicon) -> None:
    # تُوقع in a headline's "غارة توقع 20 قتيلا" inflicts; يتوقع expects
    assert "expectation" not in ids(lx, "غارة على حفل زفاف توقع 20 قتيلا")
    assert "expectation" in ids(lx, "يتوقع خبراء ارتفاع الأسعار")


def test_no_human_translation_of_either_gold_corpus_drops_or_adds_a_stance(lx: TermLexicon) -> None:
    from .gold_texts import gold_texts

    stance = {t.id for t in lx.terms if t.category == "stance"}
    texts = gold_texts()
    found = sum(1 for t in texts for m in lx.find_terms(t["ar"]) if m.term.id in stance)
    assert found >= 30
    assert [(m.text, t["en"]) for t in texts for m in lx.missing_in_english(t["ar"], t["en"]) if m.term.id in stance] == []
    assert [(h.text, t["en"]) for t in texts for h in lx.unsupported_in_english(t["ar"], t["en"])
            if stance & set(h.term_ids)] == []


def test_a_dual_left_out_is_missing(lx: TermLexicon) -> None:
    # news 015: "the attackers, including the attackers" passed for بينهم انتحاريان (two suicide bombers)
    arabic = "وأضاف أنه شاهد المهاجمين، بينهم انتحاريان، يقتحمون المبنى."
    bad = "He added that he saw the attackers, including the attackers, storm the building."
    assert [m.term.id for m in lx.missing_in_english(arabic, bad)] == ["suicide_bomber"]
    good = "He added that he saw the attackers, including two suicide bombers, storm the building."
    assert lx.missing_in_english(arabic, good) == []


def test_a_written_hamza_or_taa_tells_apart_words_folding_makes_one(lx: TermLexicon) -> None:
    # أ on a stem is a hamzat qat': never the wasl alif of a form VII verb (انهار collapsed)
    assert ids(lx, "فاضت الأنهار") == ["flood", "river"]
    assert ids(lx, "انهار المبنى") == ["collapse", "building"]
    # the misspelling إ of that very alef is still the word (إنتخابات)
    assert ids(lx, "إنتخابات") == ["election"]
    # a word written with ة is not a form written with ه (a pronoun), nor the other way round
    assert "appointment" not in ids(lx, "أخذت عينة من الدم")
    assert "appointment" in ids(lx, "عينه الملك وزيرا")
    assert "relief" not in ids(lx, "قال مساعده للصحفيين")
    assert "relief" in ids(lx, "وصلت مساعدة إلى المخيم")
    # a suffix read off is not reading as written: سيارته is his car
    assert "car" in ids(lx, "انفجرت سيارته")


def test_rows_may_share_a_folded_form_their_spellings_tell_apart(tmp_path: Path) -> None:
    user = tmp_path / "user.tsv"
    user.write_text("x\tother\tانهار\tcollapsed\tboth\ny\tother\tأنهار\trivers\tboth\n", encoding="utf-8")
    own = TermLexicon.load(user, builtin=False)
    assert [m.term.id for m in own.find_terms("الأنهار")] == ["y"]
    assert [m.term.id for m in own.find_terms("وانهار")] == ["x"]
    # a bare spelling may be either: both rows support an English form in reverse
    assert {"x", "y"} <= own.present("الانهار")


def test_a_sign_is_an_english_form(lx: TermLexicon, tmp_path: Path) -> None:
    # 5% is five percent, $2 billion two billion dollars: news English writes the sign
    assert lx.missing_in_english("ارتفع التضخم 5 في المئة", "Inflation rose 5%") == []
    assert lx.missing_in_english("أودعت ملياري دولار", "It deposited $2 billion") == []
    assert [m.term.id for m in lx.missing_in_english("أودعت ملياري دولار", "It deposited 2 billion")] == ["dollar"]
    user = tmp_path / "user.tsv"
    user.write_text("x\tother\tحافلة\tbus|#\tboth\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="a sign"):
        TermLexicon.load(user, builtin=False)


def test_days_and_months_take_no_ending(lx: TermLexicon) -> None:
    # جوانا is Joanna, not جوان (June, in Algeria and Tunisia) with a final alef
    assert "june" not in ids(lx, "كانت جوانا ديمافيليس تعمل لديه")
    assert "june" in ids(lx, "في جوان الماضي")


def test_a_plane_that_fell_was_not_shot_down(lx: TermLexicon) -> None:
    # سقطت is intransitive: the hint for it must not be "shot down" (news 029: a crash)
    assert only(lx, "سقطت") == "fall"
    assert ids(lx, "أسقطت الدفاعات طائرة")[0] == "shoot_down"
    assert ids(lx, "انقلاب قطار قرب الرباط")[0] == "overturn"  # not a coup


def test_what_was_received_was_not_handed_over(lx: TermLexicon) -> None:
    # news 011: "the Lebanese navy handed over the boat to UNIFIL" passed for تسلمت ... من يونيفيل,
    # which says the navy took the boat over from UNIFIL: تسلّم receives, سلّم hands over
    arabic = "وتسلمت القوات البحرية اللبنانية القارب من يونيفيل"
    wrong = "The Lebanese navy handed over the boat to UNIFIL"
    assert [h.text for h in lx.unsupported_in_english(arabic, wrong)] == ["handed over"]
    assert [m.term.id for m in lx.missing_in_english(arabic, wrong)] == ["receive"]
    right = "The Lebanese navy took over the boat from UNIFIL"
    assert lx.unsupported_in_english(arabic, right) == [] and lx.missing_in_english(arabic, right) == []
    assert "extradition" in ids(lx, "سلمت السلطات المتهم إلى لبنان")


def test_previously_needs_a_former_in_the_arabic(lx: TermLexicon) -> None:
    # news 014: "deposited $2 billion ..., which was previously $3 billion" for ليصبح مجموع ما قدمته
    # المملكة ... ثلاثة مليارات (bringing the kingdom's total to three billion) passed
    arabic = "وقع الوزير على إيداع مبلغ ملياري دولار ليصبح مجموع ما قدمته المملكة ثلاثة مليارات دولار"
    wrong = "The minister deposited $2 billion, which was previously $3 billion"
    assert [h.text for h in lx.unsupported_in_english(arabic, wrong)] == ["previously"]
    assert lx.unsupported_in_english("قال الرئيس السابق", "The former president said") == []
    assert lx.unsupported_in_english("وكان قد زار البلاد من قبل", "He had previously visited the country") == []


def test_a_direction_inside_a_longer_one_is_not_said(lx: TermLexicon) -> None:
    # news 017: "southern Sudan" passed for جنوب شرقي السودان, the south-east
    arabic = "فيضان نهر الدندر بولاية سنار جنوب شرقي السودان"
    assert [h.text for h in lx.unsupported_in_english(arabic, "a flood in southern Sudan")] == ["southern"]
    assert lx.unsupported_in_english(arabic, "a flood in south-eastern Sudan") == []
    assert lx.unsupported_in_english("في جنوب السودان", "in southern Sudan") == []


def test_an_english_form_that_says_the_opposite_of_the_arabic_is_refused(lx: TermLexicon) -> None:
    # news 012: "the attack that occurred in the early evening" for في وقت متأخر (late) passed: "early"
    # is too common to need Arabic support everywhere, not where the Arabic says late
    from summarizer.english_checks import TermCheck

    arabic = "أصيبوا بجراح في الهجوم الذي وقع في وقت متأخر أمس الأحد"
    wrong = "They were injured in the attack that occurred in the early evening on Sunday"
    assert [h.text for h in lx.opposite_in_english(arabic, wrong)] == ["early"]
    assert [h.text for h in TermCheck(lx, arabic).unsupported(wrong)] == ["early"]
    assert lx.opposite_in_english(arabic, "They were injured in the attack late on Sunday") == []
    assert [h.text for h in lx.opposite_in_english("ارتفعت أسعار الوقود", "Fuel prices fell")] == ["fell"]
    assert lx.opposite_in_english("ارتفعت أسعار الوقود", "Fuel prices rose") == []
    # a weak form is too loose to say the opposite: the protesters demanded the government's fall
    assert lx.opposite_in_english("رغم صعود أسعار النفط طالبوا برحيلها", "despite rising oil prices they demanded its fall") == []
    # where the Arabic has both, neither is the other's opposite
    assert lx.opposite_in_english("ارتفعت الأسعار ثم انخفضت", "prices rose, then fell") == []


def test_no_human_translation_of_either_gold_corpus_says_the_opposite_of_its_arabic(lx: TermLexicon) -> None:
    from .gold_texts import gold_texts

    assert [(h.text, t["en"]) for t in gold_texts() for h in lx.opposite_in_english(t["ar"], t["en"])] == []


def test_opposites_name_rows_of_the_lexicon() -> None:
    from summarizer.term_rows import _builtin_opposites

    pairs = _builtin_opposites()
    assert ("gains", "decline") in pairs and len(pairs) >= 4
    with pytest.raises(ConfigurationError, match="no lexicon row 'nope'"):
        TermLexicon(TermLexicon.default().terms, [("gains", "nope")])


def test_the_comparison_particle_stands_before_a_longer_stem(lx: TermLexicon) -> None:
    # ك ("like", "as") read off a word leaves a noun of four letters or one with ال: كبير is "big",
    # never ك + بئر (a well, hinted to the model for every big fire); كتلة is a bloc, not ك + تلة
    # (a hill); فكري is a name, not ف + ك + ري (irrigation, a term the English would then need).
    for arabic, wrong in [("اندلع حريق كبير في المستودع", "well"), ("تقدمت الكتلة الأكبر", "mountain"),
                          ("بائع السمك محسن فكري", "irrigation"), ("الأمير كمال", "cash")]:
        assert wrong not in {m.term.id for m in lx.find_terms(arabic)}, arabic
    assert "mediation" in {m.term.id for m in lx.find_terms("دور مصر كوسيط في المفاوضات")}
    assert "mediation" in {m.term.id for m in lx.find_terms("بصفتها كالوسيط")}


def test_a_number_s_words_are_the_number_check_s(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    # مليون ونصف is 1.5 million: its نصف is no "half" the English must write
    check = TermCheck(lx, "يقدر لبنان أعداد اللاجئين بنحو مليون ونصف")
    assert "half_fraction" not in {m.term.id for m in check.terms}
    assert not check.missing("Lebanon estimates the number of refugees at about 1.5 million")
    assert "half_fraction" in {m.term.id for m in TermCheck(lx, "نزح نصف السكان").terms}
    # a percent's word stays a term: 4 في المئة is "4 percent", not "4"
    assert "percent" in {m.term.id for m in TermCheck(lx, "ارتفع التضخم 4 في المئة").terms}


def test_an_ordinal_in_digits_is_the_arabic_s_number_in_order(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    # the gold's "in the 12th minute" for في الدقيقة 12: "12th" is the twelfth row's, and no ثاني عشر
    check = TermCheck(lx, "افتتح يوري غازينسكي التسجيل برأسية في الدقيقة 12")
    assert check.unsupported("Gazinsky opened the scoring with a header in the 12th minute") == []
    assert [h.text for h in TermCheck(lx, "سجل في الدقيقة 11").unsupported("He scored in the 12th minute")] == ["12th"]


def test_football_and_household_words_the_gold_translates(lx: TermLexicon) -> None:
    # faithful human English the reverse check had refused: stoppage time (الوقت بدل الضائع, not a
    # strike's stoppage), a shot (تسديدة, not gunfire), household (المنزلية), Western countries
    # (دول غربية), set ablaze (يحرقوه), FIFA's Congress (الجمعية العمومية)
    for arabic, english in [
        ("في الوقت بدل الضائع أضاف شيريشيف هدفه الثاني بتسديدة", "In stoppage time Cheryshev scored his second with a shot"),
        ("صارت أسطوانة البوتاجاز المنزلية بـ50 جنيها", "Household butane cylinders rose to 50 pounds"),
        ("دعت أربع دول غربية الجماعات المسلحة إلى وقف عملياتها", "Four Western countries told armed groups to stop"),
        ("قبل أن يقتحم مسلحون المبنى ويحرقوه", "before gunmen stormed the building and set it ablaze"),
        ("في تصويت الجمعية العمومية للفيفا", "in the FIFA Congress vote"),
    ]:
        assert lx.unsupported_in_english(arabic, english) == [], english


def test_a_weak_form_may_be_another_row_s_form(tmp_path: Path) -> None:
    from summarizer.errors import ConfigurationError

    # تبني is "claimed" (تبنى الهجوم) and "is building" (السد الذي تبنيه): the second sense, weak,
    # supports "building" in reverse and is never reported, hinted or required
    user = tmp_path / "user.tsv"
    user.write_text("claim\tpolitics\tتبنى|تبني\tclaimed\tboth\nbuild\tother\t?تبني\tbuilding\tboth\n", encoding="utf-8")
    own = TermLexicon.load(user, builtin=False)
    assert [m.term.id for m in own.find_terms("السد الذي تبنيه إثيوبيا")] == ["claim"]
    assert own.unsupported_in_english("السد الذي تبنيه إثيوبيا", "the dam Ethiopia is building") == []
    # loose by design: a weak form supports wherever it is written, in either sense
    assert [h.text for h in own.unsupported_in_english("تبنى التنظيم الهجوم", "the group is building")] == []
    assert [h.text for h in own.unsupported_in_english("قتل شخص", "the group is building")] == ["building"]
    # two rows' own forms still may not be one
    clash = tmp_path / "clash.tsv"
    clash.write_text("claim\tpolitics\tتبني\tclaimed\tboth\nbuild\tother\tتبني\tbuilding\tboth\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="already belongs to 'claim'"):
        TermLexicon.load(clash, builtin=False)


def test_weak_forms_shared_with_other_rows_support_the_gold_s_english(lx: TermLexicon) -> None:
    # the Great March of Return (مسيرات العودة: drones' weak form too), registered voters (مسجل)
    assert lx.unsupported_in_english("خلال احتجاجات مسيرات العودة", "during the Great March of Return protests") == []
    assert lx.unsupported_in_english("من 5,3 ملايين مسجل", "of 5.3 million registered voters") == []
    assert lx.unsupported_in_english("السد الذي تبنيه إثيوبيا", "the dam Ethiopia is building") == []


def test_talks_that_stalled_are_not_ongoing(lx: TermLexicon) -> None:
    from summarizer.english_checks import TermCheck

    # news 008: كانت متعثرة منذ أشهر (had stalled for months) became "have been ongoing for months"
    check = TermCheck(lx, "المباحثات بين إثيوبيا ومصر والسودان حول السد كانت متعثرة منذ أشهر")
    assert [m.text for m in check.missing("The talks about the dam have been ongoing for months.")] == ["متعثرة"]
    assert not check.missing("The talks about the dam had stalled for months.")
    # the gold's "accused the other side of stalling" for بالمماطلة: support, not a requirement
    assert lx.unsupported_in_english("متهما الطرف الآخر بالمماطلة", "accusing the other side of stalling") == []


def test_an_official_familiar_with_the_talks_is_not_early(lx: TermLexicon) -> None:
    # news 034: المسؤول المطلع على المحادثات (the official familiar with the talks) was read as
    # مطلع, the start of (early); the form written with ال beats the early row's generated one
    found = {m.text: m.term.id for m in lx.find_terms("وقال المسؤول المطلع على المحادثات")}
    assert found["المطلع على"] == "informed" and "early" not in found.values()
    assert "early" in {m.term.id for m in lx.find_terms("في مطلع الشهر المقبل")}
