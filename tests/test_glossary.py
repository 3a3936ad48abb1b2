"""The reviewed glossary: data integrity, Arabic-aware matching on the dev articles, English names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest

from summarizer.arabic import fold_words
from summarizer.errors import ConfigurationError
from summarizer.glossary import KINDS, Glossary, GlossaryEntry, accepts_english, iter_forms

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "summarizer" / "data" / "glossary.tsv"


def article(stem: str) -> str:
    return (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def g() -> Glossary:
    return Glossary.default()


def found(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(text[a:z], e.english) for a, z, e in g.find(text)]


# --- data ------------------------------------------------------------------------------------


def test_data_file_parses_and_has_a_reviewed_size(g: Glossary) -> None:
    assert 80 <= len(g) <= 300
    assert Glossary.default() is g  # cached


def test_every_entry_is_well_formed(g: Glossary) -> None:
    for e in g.entries:
        assert re.search(r"[A-Za-z]", e.english) and not re.search(r"[\u0600-\u06FF]", e.english), e
        for v in e.variants:
            assert re.search(r"[A-Za-z]", v) and not re.search(r"[\u0600-\u06FF]", v), (e, v)
        assert e.kind in KINDS
        assert e.arabic and all(re.search(r"[\u0621-\u064A]", a) for a in e.arabic)
        if e.country is not None:
            assert pycountry.countries.get(alpha_2=e.country) is not None, e


def test_no_arabic_form_maps_to_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        for form in cols[0].split("|"):
            key = " ".join(fold_words(form.lstrip("?")))
            owners.setdefault(key, set()).add(cols[1])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes
    assert dict(iter_forms(Glossary.default())).keys() == owners.keys()


# --- find on the dev articles ------------------------------------------------------------------


def test_find_in_the_scraped_seed(g: Glossary) -> None:
    hits = found(g, article("000_4e32085be5773d8c"))
    names = {e for _, e in hits}
    assert {
        "Faylaq al-Rahman",
        "Jaysh al-Islam",
        "Syrian Arab News Agency",
        "Sputnik",
        "Al Hadath",
        "Syrian National Coalition",
        "Russian military police",
        "Al Arabiya",  # weak form, after مع: "في مقابلة سابقة مع العربية"
    } <= names
    assert ("فيلق_الرحمن", "Faylaq al-Rahman") in hits  # hashtag
    assert ("جيش_الإسلام", "Jaysh al-Islam") in hits


def test_find_offsets_point_into_the_original(g: Glossary) -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for a, z, e in g.find(text):
            assert 0 <= a < z <= len(text)
            assert not text[a].isspace() and not text[z - 1].isspace()
            # the span names one of the entry's forms (clitics and punctuation aside)
            span = " ".join(fold_words(text[a:z]))
            assert any(span.endswith(" ".join(fold_words(f))[1:]) for f in e.arabic), (text[a:z], e)


def test_find_with_attached_prefixes(g: Glossary) -> None:
    egypt = found(g, article("006_egypt_cbe_rates_egx"))
    assert ("لبنك المركزي المصري", "Central Bank of Egypt") in egypt  # للبنك = ل + البنك
    yemen = found(g, article("013_yemen_prisoner_exchange_muscat"))
    assert ("الحوثيين", "Houthis") in yemen
    assert ("لحوثيين", "Houthis") in yemen  # للحوثيين
    assert ("رويترز", "Reuters") in yemen
    assert ("اللجنة الدولية للصليب الأحمر", "International Committee of the Red Cross") in yemen
    assert found(g, "وأعلنت وبالأمم المتحدة") == [("الأمم المتحدة", "United Nations")]


def test_longest_match_wins(g: Glossary) -> None:
    text = article("001_sudan_kordofan_drone_strike")
    hits = found(g, text)
    assert ("جمعية الهلال الأحمر السوداني", "Sudanese Red Crescent Society") in hits
    assert not any(e == "Red Crescent" for _, e in hits)
    assert found(g, "قصف كتائب حزب الله") == [("كتائب حزب الله", "Kataib Hezbollah")]


def test_ministries_by_portfolio_for_any_country(g: Glossary) -> None:
    lebanon = found(g, article("009_lebanon_cholera_akkar"))
    assert ("وزارة الصحة العامة", "Ministry of Public Health") in lebanon  # ... العامة اللبنانية
    assert found(g, "وقالت وزارة الصحة في غزة") == [("وزارة الصحة", "Ministry of Health")]
    assert found(g, "بيان لوزارة الداخلية المغربية") == [("وزارة الداخلية", "Ministry of Interior")]
    # a minister is a person, not the ministry
    assert found(g, "وقال وزير الصحة") == []


def test_agency_datelines_in_brackets(g: Glossary) -> None:
    assert ("بترا", "Jordan News Agency") in found(g, article("004_jordan_local_elections"))
    assert ("سبأ", "Saba News Agency") in found(g, article("008_yemen_marib_floods"))
    assert ("وفا", "WAFA") in found(g, article("010_gaza_polio_vaccination"))
    assert ("وات", "Tunis Afrique Presse") in found(g, article("012_tunisia_teachers_strike"))
    assert ("أ ف ب", "Agence France-Presse") in found(g, article("001_sudan_kordofan_drone_strike"))


@pytest.mark.parametrize(
    "text",
    [
        "وقال وزراء الخارجية العرب إن الدول العربية ترفض القرار",  # العربية: Arab
        "وكان الحدث الأبرز هذا الأسبوع افتتاح المعرض",  # الحدث: the event
        "زار السياح مدينة بترا الأثرية جنوب الأردن",  # بترا: Petra
        "وأكدت الحكومة أن الإجراءات ستستمر حتى نهاية العام",
    ],
)
def test_weak_forms_and_common_words_are_not_mentions(g: Glossary, text: str) -> None:
    assert g.find(text) == []


def test_weak_form_after_a_cue_word(g: Glossary) -> None:
    assert found(g, "وقالت قناة الجزيرة إن") == [("قناة الجزيرة", "Al Jazeera")]
    assert found(g, "بحسب ما نقلت الجزيرة") == []  # bare, no cue
    assert found(g, "في تصريح لـ\"العربية\" قال") == [("العربية", "Al Arabiya")]


# --- lookup ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ('وكالة "سانا"', "Syrian Arab News Agency"),
        ("سانا", "Syrian Arab News Agency"),
        ("منظمة الأمم المتحدة للطفولة (يونيسف)", "UNICEF"),
        ("وكالة الأنباء اليمنية (سبأ)", "Saba News Agency"),
        ("وكالة الأنباء والمعلومات الفلسطينية (وفا)", "WAFA"),
        ("الحوثيين", "Houthis"),
        ("أنصار الله", "Houthis"),
        ("بالأمم المتحدة", "United Nations"),
        ("العربية", "Al Arabiya"),
        ("قناة الحدث", "Al Hadath"),
        ("داعش", "Islamic State"),
        ("الهلال الأحمر الليبي", "Libyan Red Crescent Society"),
    ],
)
def test_lookup(g: Glossary, name: str, english: str) -> None:
    entry = g.lookup(name)
    assert entry is not None and entry.english == english


@pytest.mark.parametrize("name", ["الاتحاد", "وزارة", "مجلس", "", "   ", "Reuters", "حركة"])
def test_lookup_unknown_is_none(g: Glossary, name: str) -> None:
    assert g.lookup(name) is None


def test_gold_organizations_agree_with_the_glossary(g: Glossary) -> None:
    """Every gold organisation the glossary knows is named, in English, as the glossary accepts."""
    known = 0
    for path in sorted((ROOT / "evals" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for ent in gold["entities"]:
            if ent["kind"] != "organization":
                continue
            entry = g.lookup(ent["name"]["ar"])
            if entry is None:
                continue
            known += 1
            assert g.accepts(entry, ent["name"]["en"]), (path.name, ent["name"], entry.english)
    assert known >= 30


# --- English names ---------------------------------------------------------------------------


def test_accepts_canonical_and_variants(g: Glossary) -> None:
    unicef = g.lookup("يونيسف")
    assert g.accepts(unicef, "UNICEF said 600,000 children would be vaccinated.")
    assert g.accepts(unicef, "the United Nations Children's Fund said")
    houthis = g.lookup("الحوثيين")
    assert g.accepts(houthis, "the Houthi movement (Ansar Allah) agreed")
    assert g.accepts(houthis, "Ansarallah officials")
    assert not g.accepts(houthis, "the Yemeni government agreed")
    hts = g.lookup("هيئة تحرير الشام")
    assert g.accepts(hts, "HAYAT TAHRIR AL SHAM fighters")  # case and punctuation
    assert g.accepts(hts, "Hay'at Tahrir al-Sham")


def test_acronyms_are_case_sensitive(g: Glossary) -> None:
    isis = g.lookup("داعش")
    assert g.accepts(isis, "fighters of IS attacked")
    assert not g.accepts(isis, "this is what happened")
    un = g.lookup("الأمم المتحدة")
    assert g.accepts(un, "the U.N. envoy")
    assert not g.accepts(un, "an un-named official")


def test_accepts_transliteration_variants() -> None:
    assert accepts_english(["Umm Ruwaba"], "a market in Um Rawaba")
    assert accepts_english(["Ma'rib"], "floods in Marib province")
    assert accepts_english(["Jeddah"], "the final in Jidda")
    assert not accepts_english(["Homs"], "Hamas said")
    assert not accepts_english(["Halba"], "in Akkar")


def test_a_name_in_the_possessive_is_a_mention() -> None:
    assert accepts_english(["Sudan"], "after Sudan's devaluation of its currency")
    assert accepts_english(["UN"], "the UN’s envoy")
    assert accepts_english(["Houthis"], "the Houthis' leader")
    assert accepts_english(["Ras al-Ain"], "shelling of Ra's al-Ain")  # an apostrophe inside a name stays one
    assert accepts_english((name for name in ["Sudan"]), "Sudan's currency")  # names read twice, once a generator
    assert not accepts_english(["Sudan"], "the Sudanese pound")
    assert not accepts_english(["Sudan"], "Sudans")


def test_accepts_a_place_like_object(g: Glossary) -> None:
    class P:
        name_en = "Hamah"
        names_en = ("Hama",)

    assert g.accepts(P(), "clashes near Hama")
    assert not g.accepts(P(), "clashes near Homs")


# --- user files ------------------------------------------------------------------------------


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text(
        "# my additions\n"
        "الاتحاد السعودي لكرة القدم|الاتحاد السعودي\tSaudi Arabian Football Federation\tSAFF\tother\tSA\n"
        "سانا\tSANA news agency\tSANA\tagency\tSY\n",
        encoding="utf-8",
    )
    g = Glossary.load(user)
    assert g.lookup("الاتحاد السعودي لكرة القدم").english == "Saudi Arabian Football Federation"
    assert g.lookup("سانا").english == "SANA news agency"  # user row wins for its form
    assert g.lookup("الوكالة العربية السورية للأنباء").english == "Syrian Arab News Agency"  # other forms keep
    hits = [(e.english) for _, _, e in g.find(Path(ROOT / "seeds" / "011_saudi_kings_cup_final.txt").read_text(encoding="utf-8"))]
    assert "Saudi Arabian Football Federation" in hits
    assert Glossary.load(user, builtin=False).lookup("يونيسف") is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("سانا\tSANA\n", "expected 4 or 5"),
        ("سانا\tسانا\t\tagency\n", "Latin script"),
        ("سانا\tSANA\t\tnewswire\n", "unknown kind"),
        ("SANA\tSANA\t\tagency\n", "no Arabic letter"),
        ("سانا\tSANA\t\tagency\tSyria\n", "ISO 3166-1"),
        ("سانا||\tSANA\t\tagency\n", "empty Arabic form"),
    ],
)
def test_malformed_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    user = tmp_path / "bad.tsv"
    user.write_text("# comment\n\n" + row, encoding="utf-8")
    with pytest.raises(ConfigurationError) as err:
        Glossary.load(user)
    assert f"{user}:3:" in str(err.value) and message in str(err.value)


def test_same_form_twice_in_one_file_is_an_error(tmp_path: Path) -> None:
    user = tmp_path / "dup.tsv"
    user.write_text("قناة\tChannel A\t\tmedia\nقناه\tChannel B\t\tmedia\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"dup\.tsv:2: .*Channel A"):
        Glossary.load(user, builtin=False)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read glossary file"):
        Glossary.load(tmp_path / "nope.tsv")


def test_entry_is_hashable_and_frozen() -> None:
    e = GlossaryEntry(("سانا",), "SANA", (), "agency", "SY")
    assert {e: 1}[e] == 1
    with pytest.raises(AttributeError):
        e.english = "x"  # type: ignore[misc]
