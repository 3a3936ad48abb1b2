"""Regions and first-level divisions: data integrity, Arabic lookup (prefixes, clitics, the city rule),
well-known regions, false friends, and offsets of `find` in the original text."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pycountry
import pytest

from summarizer.arabic import fold_words
from summarizer.errors import ConfigurationError
from summarizer.glossary import accepts_english
from summarizer.regions import NEWS_COUNTRIES, PREFIX_WORDS, Region, Regions, _fold_form


@pytest.fixture(scope="module")
def rg() -> Regions:
    return Regions.load()


def code(r: Region | None) -> str | None:
    return None if r is None else r.code


def found(rg: Regions, text: str, hint=None) -> list[tuple[str, str]]:
    return [(text[a:z], r.code) for a, z, r in rg.find(text, hint)]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


# --- data ------------------------------------------------------------------------------------

# First-level divisions in ISO 3166-2 (pycountry 26.2.16); Iraq counts the Kurdistan Region and its
# three governorates, Morocco its 12 regions of 2015 (its 75 provinces and prefectures are admin2).
EXPECTED_ADMIN1 = {
    "SY": 14, "EG": 27, "SD": 18, "YE": 22, "IQ": 19, "LY": 22, "SA": 13, "JO": 12, "LB": 8, "PS": 16,
    "DZ": 58, "TN": 24, "MA": 12, "MR": 15, "SO": 18, "DJ": 6, "KM": 3, "OM": 11, "AE": 7, "QA": 8,
    "KW": 6, "BH": 4, "IR": 31, "TR": 81, "IL": 6, "ET": 13, "ER": 6, "SS": 10, "TD": 23, "ML": 11,
    "NE": 8, "AF": 34, "PK": 7,
}


@pytest.mark.parametrize("country,n", sorted(EXPECTED_ADMIN1.items()))
def test_every_division_of_the_news_countries_is_there(rg: Regions, country: str, n: int) -> None:
    got = {r.code for r in rg.in_country(country, "admin1")}
    assert len(got) >= n
    iso = {s.code for s in pycountry.subdivisions.get(country_code=country)}
    admin2 = {r.code for r in rg.in_country(country, "admin2")}
    assert iso == got | admin2  # every ISO subdivision has Arabic and English names


def test_loads_fast_and_builds_every_row(rg: Regions) -> None:
    t = time.perf_counter()
    Regions.load()
    assert time.perf_counter() - t < 1.5  # about 0.05 s on an idle machine
    regions = rg.regions  # builds and checks every row
    assert len(regions) > 4000
    assert len({r.code for r in regions}) == len(regions)
    assert len({r.country for r in regions}) > 150


def test_division_codes_and_parents_are_iso(rg: Regions) -> None:
    codes = {r.code for r in rg.regions}
    for r in rg.regions:
        if r.kind != "region":
            assert pycountry.subdivisions.get(code=r.code) is not None, r.code
        if r.kind == "admin2":
            assert pycountry.subdivisions.get(code=r.parent) is not None, r.code
        # a few countries' regions lack Arabic names in CLDR, so some admin2 rows have no parent row
        if r.country in NEWS_COUNTRIES or r.kind == "region":
            for p in r.admin1_codes:
                assert p in codes, (r.code, p)
            if r.kind == "admin2":
                assert r.admin1 == rg.get(r.parent).name_en


def test_fast_folding_of_data_forms_equals_fold(rg: Regions) -> None:
    for r in rg.regions:
        for form in r.names_ar:
            assert _fold_form(form) == fold_words(form), form


def test_news_countries_have_capital_coordinates(rg: Regions) -> None:
    rows = [r for r in rg.regions if r.country in NEWS_COUNTRIES and r.kind != "region"]
    with_coords = [r for r in rows if r.latitude is not None]
    assert len(with_coords) >= 0.98 * len(rows)
    homs = rg.get("SY-HI")
    assert km(homs.latitude, homs.longitude, 34.73, 36.72) < 10  # the city of Homs
    khartoum = rg.get("SD-KN")  # North Kordofan: El Obeid
    assert km(khartoum.latitude, khartoum.longitude, 13.18, 30.22) < 15


def test_regions_lie_near_their_divisions(rg: Regions) -> None:
    regions = [r for r in rg.regions if r.kind == "region"]
    assert 60 <= len(regions) <= 200
    for r in regions:
        assert r.latitude is not None and r.longitude is not None
        assert "coord:approx" in r.source
        for c in r.admin1_codes:
            d = rg.get(c)
            if d.latitude is not None:
                assert km(r.latitude, r.longitude, d.latitude, d.longitude) < 900, (r.code, c)


# --- lookup: prefixes, clitics, the city rule ------------------------------------------------


@pytest.mark.parametrize(
    "name,expected",
    [
        ("بمحافظة حمص", "SY-HI"),
        ("محافظة حمص", "SY-HI"),
        ("لمحافظة إدلب", "SY-ID"),
        ("وولاية الخرطوم", "SD-KH"),
        ("ولاية الخرطوم", "SD-KH"),
        ("ريف دمشق", "SY-RD"),
        ("وريف دمشق", "SY-RD"),
        ("محافظة ريف دمشق", "SY-RD"),
        ("ريف حلب", "SY-HL"),  # the countryside of Aleppo: Aleppo governorate
        ("إقليم كردستان", "IQ-KR"),
        ("محافظة القدس", "PS-JEM"),
        ("منطقة القدس", "IL-JM"),
        ("ولاية البحر الأحمر", "SD-RS"),
        ("محافظة البحر الأحمر", "EG-BA"),
        ("محافظة الشرقية", "EG-SHR"),
        ("إقليم تيغراي", "ET-TI"),
        ("ولاية هاتاي", "TR-31"),
        ("محافظة خوزستان", "IR-06"),  # ISO re-coded Iran in 2018: CLDR's IR-06 is Bushehr
        ("جهة مراكش آسفي", "MA-07"),  # Morocco's regions of 2015
        ("إقليم الحوز", "MA-HAO"),
        ("أمانة العاصمة", "YE-SA"),
        ("محافظة صنعاء", "YE-SN"),
    ],
)
def test_lookup_prefixed_names(rg: Regions, name: str, expected: str) -> None:
    assert code(rg.lookup(name)) == expected


def test_bare_city_name_is_the_city(rg: Regions) -> None:
    assert rg.lookup("حمص") is None
    assert code(rg.lookup("حمص", as_division=True)) == "SY-HI"
    assert rg.lookup("الخرطوم") is None
    assert rg.lookup("منطقة حمص") is None  # the Homs area: the city
    assert rg.lookup("قضاء سنجار") is None
    assert rg.get("SY-HI").city_homonym and not rg.get("SY-RD").city_homonym
    assert "محافظة حمص" in rg.get("SY-HI").names_ar


def test_weak_names_need_a_prefix_or_a_hint(rg: Regions) -> None:
    assert rg.lookup("الشرقية") is None
    assert code(rg.lookup("الشرقية", "EG")) == "EG-SHR"
    assert code(rg.lookup("المنطقة الشرقية", "SA")) == "SA-04"
    assert rg.lookup("البحر الأحمر") is None
    assert rg.lookup("الجوف") is None and code(rg.lookup("الجوف", ["YE", "SA"])) == "YE-JA"


def test_ambiguous_without_hint(rg: Regions) -> None:
    assert rg.lookup("محافظة العاصمة") is None  # Jordan, Kuwait, Bahrain
    assert code(rg.lookup("محافظة العاصمة", "KW")) == "KW-KU"
    assert {r.code for r in rg.candidates("محافظة العاصمة")} >= {"KW-KU", "BH-13", "JO-AM"}


# --- well-known regions and false friends ----------------------------------------------------


def test_eastern_ghouta(rg: Regions) -> None:
    r = rg.lookup("الغوطة الشرقية")
    assert r is not None and r.code == "sy-eastern-ghouta"
    assert (r.name_en, r.country, r.admin1, r.kind, r.precision) == ("Eastern Ghouta", "SY", "Rif Dimashq", "region", "region")
    assert code(rg.lookup("في الغوطة الشرقية")) == "sy-eastern-ghouta"
    assert code(rg.lookup("بالغوطة الشرقية")) == "sy-eastern-ghouta"
    assert km(r.latitude, r.longitude, 33.57, 36.40) < 30  # Douma


@pytest.mark.parametrize(
    "name,expected,english",
    [
        ("الغوطة الغربية", "sy-western-ghouta", "Western Ghouta"),
        ("الغوطة", "sy-ghouta", "Ghouta"),
        ("القلمون", "sy-qalamoun", "Qalamoun"),
        ("بالقلمون", "sy-qalamoun", "Qalamoun"),
        ("القلمون الشرقي", "sy-eastern-qalamoun", "Eastern Qalamoun"),
        ("شمال كردفان", "SD-KN", "North Kordofan"),
        ("جنوب كردفان", "SD-KS", "South Kordofan"),
        ("كردفان", "sd-kordofan", "Kordofan"),
        ("إقليم دارفور", "sd-darfur", "Darfur"),
        ("شمال دارفور", "SD-DN", "North Darfur"),
        ("سيناء", "eg-sinai", "Sinai"),
        ("شمال سيناء", "EG-SIN", "North Sinai"),
        ("البقاع", "LB-BI", "Beqaa"),
        ("سهل البقاع", "lb-beqaa-valley", "Beqaa Valley"),
        ("قطاع غزة", "ps-gaza-strip", "Gaza Strip"),
        ("شمال غزة", "PS-NGZ", "North Gaza"),
        ("الضفة الغربية", "ps-west-bank", "West Bank"),
        ("هضبة الجولان", "sy-golan", "Golan Heights"),
        ("النقب", "il-negev", "Negev"),
        ("الجليل الأعلى", "il-upper-galilee", "Upper Galilee"),
        ("شمال شرق سوريا", "sy-northeast", "Northeast Syria"),
        ("جبل العرب", "sy-jabal-al-arab", "Jabal al-Arab"),
        ("حوران", "sy-hauran", "Hauran"),
    ],
)
def test_regions_and_false_friends(rg: Regions, name: str, expected: str, english: str) -> None:
    r = rg.lookup(name)
    assert r is not None and (r.code, r.name_en) == (expected, english)


def test_false_friends_differ_in_english(rg: Regions) -> None:
    east, west = rg.get("sy-eastern-ghouta"), rg.get("sy-western-ghouta")
    assert accepts_english(east.english_names(), "shelling in Eastern Ghouta")
    assert not accepts_english(east.english_names(), "shelling in Western Ghouta")
    assert not accepts_english(west.english_names(), "shelling in Eastern Ghouta")
    assert not accepts_english(east.english_names(), "shelling in the eastern part of Syria")
    assert rg.get("SD-KN").full_name_en == "North Kordofan State"
    assert rg.get("SY-HI").full_name_en == "Homs Governorate"
    assert rg.get("sy-qalamoun").full_name_en == "Qalamoun"


# --- find: offsets into the original text ----------------------------------------------------


def test_find_longest_match_with_original_offsets(rg: Regions) -> None:
    text = "قصفت الطائرات بلدات في الغوطة الشرقية وريف دمشق، ومحافظتي حمص وحماة، وبالقلمون."
    assert found(rg, text) == [
        ("الغوطة الشرقية", "sy-eastern-ghouta"),
        ("ريف دمشق", "SY-RD"),
        ("محافظتي حمص", "SY-HI"),
        ("حماة", "SY-HM"),  # the division word covers both names
        ("القلمون", "sy-qalamoun"),
    ]


def test_find_skips_bare_city_names_and_weak_words(rg: Regions) -> None:
    text = "وصل الوفد إلى حمص ثم الخرطوم، وقال إن المنطقة الشرقية من المدينة هادئة، والبحيرة جافة."
    assert found(rg, text) == []
    assert found(rg, "اشتباكات في ولاية الخرطوم") == [("ولاية الخرطوم", "SD-KH")]


def test_find_offsets_survive_marks_hashtags_and_tatweel(rg: Regions) -> None:
    text = "غارات على \u200f#الغوطة_الشرقية\u200f و محافظـة حمص والجولان المحتل"
    got = found(rg, text)
    assert got == [
        ("الغوطة_الشرقية", "sy-eastern-ghouta"),
        ("محافظـة حمص", "SY-HI"),
        ("الجولان المحتل", "sy-golan"),
    ]
    for (surface, _), (a, z, _) in zip(got, rg.find(text)):
        assert text[a:z] == surface


def test_find_keeps_north_and_south_kordofan_apart(rg: Regions) -> None:
    text = "نزح الآلاف من شمال كردفان إلى جنوب كردفان، وفي كردفان عامة"
    assert found(rg, text) == [("شمال كردفان", "SD-KN"), ("جنوب كردفان", "SD-KS"), ("كردفان", "sd-kordofan")]


def test_find_does_not_cross_punctuation(rg: Regions) -> None:
    assert found(rg, "توجه إلى الشمال. كردفان") == [("كردفان", "sd-kordofan")]
    assert found(rg, "الغوطة. الشرقية") == [("الغوطة", "sy-ghouta")]


# --- user files ------------------------------------------------------------------------------

ROW = "\t".join


def test_user_file_extends_and_replaces(tmp_path: Path) -> None:
    f = tmp_path / "mine.tsv"
    f.write_text(
        "# my regions\n"
        + ROW(["sy-test-plain", "region", "SY", "Plain", "SY-HM", "", "Test Plain", "", "سهل التجربة", "منطقة",
               "35.1", "36.7", "mine"]) + "\n"
        + ROW(["sy-qalamoun", "region", "SY", "Mountains", "SY-RD", "", "Qalamun Range", "", "القلمون", "منطقة",
               "33.9", "36.5", "mine"]) + "\n",
        encoding="utf-8",
    )
    rg = Regions.load(f)
    r = rg.lookup("بسهل التجربة")
    assert r is not None and r.admin1 == "Hama" and r.precision == "region"
    assert rg.lookup("القلمون").name_en == "Qalamun Range"


@pytest.mark.parametrize(
    "cols,why",
    [
        (["sy-x", "region", "SY", "Plain", "", "", "X", "", "سهل", "", "", ""], "columns"),
        (["sy-x", "town", "SY", "Plain", "", "", "X", "", "سهل", "", "", "", ""], "kind"),
        (["SY-X", "region", "SY", "Plain", "", "", "X", "", "سهل", "", "", "", ""], "slug"),
        (["sy-x", "region", "SY", "Plain", "", "", "سهل", "", "سهل", "", "", "", ""], "Latin"),
        (["sy-x", "region", "SY", "Plain", "", "", "X", "", "Plain", "", "", "", ""], "Arabic letter"),
        (["sy-x", "region", "SY", "Plain", "", "", "X", "", "سهل", "", "95", "", ""], "latitude"),
    ],
)
def test_malformed_user_rows_name_file_and_line(tmp_path: Path, cols: list[str], why: str) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("# comment\n" + ROW(cols) + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=rf"bad\.tsv:2: .*{why}"):
        Regions.load(f, builtin=False)


def test_prefix_words_are_documented_roles() -> None:
    assert set(PREFIX_WORDS.values()) == {"division", "area", "countryside", "district"}
    for w in ("محافظة", "ولاية", "إقليم", "منطقة", "مقاطعة", "إمارة", "لواء", "قضاء", "شعبية", "جهة", "عمالة"):
        assert w in PREFIX_WORDS
