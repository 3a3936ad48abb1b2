"""Check the gold files in evals/gold/ against their articles in seeds/.

Usage:  python evals/check_gold.py [ARTICLE_ID ...]

For every gold file (or only those named) this checks that:

* it validates as `summarizer.models.GoldSummary`, its `article_id` is the file stem and
  `seeds/<article_id>.txt` exists; `published` matches the date in seeds/README.md;
* every evidence quote is exact: `match == "exact"` and `text == article[start:end]`, with the
  article read as UTF-8 with no newline translation and no stripping;
* every quantity's `text` lies inside its own evidence quote;
* both summaries have 2-4 sentences; there are 3-5 key points; `facts` holds 3-8 items;
* Arabic fields are mostly Arabic script and English fields mostly Latin script;
* Arabic names (actors, locations, entities, facts) and date expressions occur in the article
  (ignoring harakat; a hashtag counts as its words; لل accepted for ل + ال);
* ACLED sub-event types belong to their ACLED event type; resolved dates lie within a year
  of publication;
* every number in `facts.numbers` occurs in the article, read the way Arabic news writes numbers
  (ASCII or Arabic-Indic digits, '.'/',' or '٫'/'٬' separators, agency decimals such as
  `5ر2` = 2.5, a digit with a scale word such as `٤ آلاف`, or number words such as
  `سبعة آلاف`, `ألفين وخمسمئة`); a number found only through a grounded quantity of the gold
  file (e.g. a dual such as `وفاة شخصين`) passes with a note;
* every facts number is stated in both gold summaries, and every facts place/actor is named
  in both (Arabic by substring, English case-insensitively).

Prints one line per file (and the problems under it) and exits 1 if any file fails.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pydantic import ValidationError  # noqa: E402

try:
    from summarizer.models import GoldSummary  # noqa: E402
except Exception:  # the package may be mid-edit; models.py itself only needs pydantic
    import importlib.util

    _spec = importlib.util.spec_from_file_location("_gold_models", ROOT / "summarizer" / "models.py")
    assert _spec is not None and _spec.loader is not None
    _models = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _models
    _spec.loader.exec_module(_models)
    GoldSummary = _models.GoldSummary

GOLD_DIR = ROOT / "evals" / "gold"
SEEDS_DIR = ROOT / "seeds"
README = SEEDS_DIR / "README.md"

ACLED_SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}

# ---------------------------------------------------------------- script and text helpers

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat + tatweel
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


def strip_marks(s: str) -> str:
    return _DIACRITICS.sub("", unicodedata.normalize("NFC", s))


def mention_form(s: str) -> str:
    """Text as names are matched: no marks, hashtags read as words (#جيش_الإسلام -> جيش الإسلام)."""
    return strip_marks(s).replace("#", "").replace("_", " ")


def name_in(name: str, haystack: str) -> bool:
    """Whether an Arabic name occurs in a text already in mention_form; li- + al- is written لل
    (للبنك المركزي for ل + البنك المركزي)."""
    form = mention_form(name)
    return form in haystack or (form.startswith("ال") and "لل" + form[2:] in haystack)


def script_ratio(s: str) -> tuple[float, float, int]:
    """(share of Arabic letters, share of Latin letters, letters counted)."""
    arabic = latin = 0
    for ch in s:
        if not ch.isalpha():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            arabic += 1
        elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
    total = arabic + latin
    if total == 0:
        return 0.0, 0.0, 0
    return arabic / total, latin / total, total


def count_sentences(s: str) -> int:
    """Sentences end with . ! ? ؟ followed by whitespace or the end (so 2.5 is not a break)."""
    parts = [p for p in re.split(r"(?<=[.!?؟])\s+", s.strip()) if p.strip()]
    return len(parts)


# ---------------------------------------------------------------- numbers in Arabic text

_UNITS = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثنتا": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10, "أحد": 1, "إحدى": 1,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مئتا": 200, "مئتي": 200,
    "مائتان": 200, "مائتين": 200, "مائتا": 200, "مائتي": 200,
}
for _n, _w in enumerate(("ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=3):
    _UNITS[_w + "مئة"] = _n * 100
    _UNITS[_w + "مائة"] = _n * 100
_UNITS["ثمانمئة"] = _UNITS["ثمانمائة"] = 800

_SCALES = {
    "ألف": 1_000, "ألفا": 1_000, "ألفاً": 1_000, "آلاف": 1_000,
    "مليون": 1_000_000, "مليونا": 1_000_000, "ملايين": 1_000_000,
    "مليار": 1_000_000_000, "مليارا": 1_000_000_000, "مليارات": 1_000_000_000,
    "تريليون": 1_000_000_000_000,
}
_DUAL_SCALES = {"ألفان": 1_000, "ألفين": 1_000, "مليونان": 1_000_000, "مليونين": 1_000_000,
                "ملياران": 1_000_000_000, "مليارين": 1_000_000_000}

_EN_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_EN_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                  "ninety": 90, "hundred": 100, "dozen": 12})

_SCALE_AFTER_DIGITS = r"\s+(ألفاً|ألفا|ألف|آلاف|مليونا|مليون|ملايين|مليارات|مليارا|مليار|تريليون)"


def _word_value(token: str) -> tuple[str, int] | None:
    """('unit'|'scale'|'dual', value) for a number word, trying without a leading و/ب/ل."""
    t = strip_marks(token).replace("ـ", "")
    t = t[:-1] if t.endswith("ً") else t
    for cand in (t, t[1:] if t[:1] in "وبل" else None, t[2:] if t[:2] in ("وب", "ول") else None):
        if not cand:
            continue
        cand2 = cand.rstrip("اً") if cand.endswith("اً") else cand
        for c in (cand, cand2):
            if c in _DUAL_SCALES:
                return "dual", _DUAL_SCALES[c]
            if c in _SCALES:
                return "scale", _SCALES[c]
            if c in _UNITS:
                return "unit", _UNITS[c]
    return None


def numbers_in(text: str) -> set[float]:
    """Every value a reader could take from the numbers in an Arabic (or English) text."""
    found: set[float] = set()
    t = text.translate(_DIGITS)
    # agency decimals: the fraction is written first in logical order (5ر2 = 2.5)
    for m in re.finditer(r"(\d+)ر(\d+)", t):
        v = float(f"{m.group(2)}.{m.group(1)}")
        found.add(v)
        s = re.match(_SCALE_AFTER_DIGITS, t[m.end():])
        if s:
            found.add(v * _SCALES[s.group(1)])
    # digit groups with '.' or ',' read both as thousands separators and as decimal marks
    for m in re.finditer(r"\d+(?:[.,]\d+)*", t):
        raw = m.group(0)
        values = {float(raw.replace(",", "").replace(".", ""))}
        if raw.count(".") + raw.count(",") == 1:
            values.add(float(raw.replace(",", ".")))
        if "," in raw and "." not in raw:
            values.add(float(raw.replace(",", "")))
        if "." in raw and "," not in raw and raw.count(".") == 1:
            values.add(float(raw))
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", raw):  # English 7,854.12
            values.add(float(raw.replace(",", "")))
        for part in re.split(r"[.,]", raw):
            values.add(float(part))
        found |= values
        s = re.match(_SCALE_AFTER_DIGITS, t[m.end():])
        if s:
            found |= {v * _SCALES[s.group(1)] for v in values}
    # "58 ألفاً و400"
    for m in re.finditer(r"(\d+)\s+(?:ألفاً|ألفا|ألف|آلاف)\s+و\s*(\d+)", t):
        found.add(float(m.group(1)) * 1000 + float(m.group(2)))
    # English number words ("seven people", "twelve days")
    for word in re.findall(r"[A-Za-z]+", t):
        if word.lower() in _EN_WORDS:
            found.add(float(_EN_WORDS[word.lower()]))
    # number words: sequences such as "سبعة آلاف", "ألفين وخمسمئة", "مئتي ألف"
    tokens = re.findall(r"[\u0621-\u064a\u0671-\u06d3]+", strip_marks(t))
    total = current = 0
    in_run = False

    def flush() -> None:
        nonlocal total, current, in_run
        if in_run:
            found.add(float(total + current))
        total = current = 0
        in_run = False

    for tok in tokens:
        wv = _word_value(tok)
        if wv is None:
            flush()
            continue
        kind, value = wv
        in_run = True
        if kind == "unit":
            if value == 100 and 0 < current < 10:
                current *= 100
            else:
                current += value
            found.add(float(value))
        elif kind == "dual":
            total += current + 2 * value
            current = 0
        else:  # scale
            total += (current or 1) * value
            current = 0
    flush()
    return found


def contains_number(values: set[float], n: float) -> bool:
    return any(math.isclose(v, n, rel_tol=1e-9, abs_tol=1e-9) for v in values)


# ---------------------------------------------------------------- README dates


def readme_dates() -> dict[str, str]:
    """article_id -> YYYY-MM-DD from the seeds/README.md table (first date in each row)."""
    out: dict[str, str] = {}
    if not README.exists():
        return out
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*\|\s*`?([0-9]{3}_[A-Za-z0-9_]+)(?:\.txt)?`?\s*\|", line)
        d = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", line)
        if m and d:
            out[m.group(1)] = d.group(1)
    return out


# ---------------------------------------------------------------- the checks


def check_file(path: Path, dates: dict[str, str]) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    raw = path.read_text(encoding="utf-8")
    try:
        gold = GoldSummary.model_validate_json(raw)
    except ValidationError as exc:
        return [f"schema: {exc}"], notes

    if gold.article_id != path.stem:
        errors.append(f"article_id {gold.article_id!r} != file stem {path.stem!r}")
    article_path = SEEDS_DIR / f"{gold.article_id}.txt"
    if not article_path.exists():
        return errors + [f"no article {article_path.relative_to(ROOT)}"], notes
    with open(article_path, encoding="utf-8", newline="") as fh:
        article = fh.read()
    bare = mention_form(article)

    if gold.source_language != "ar":
        errors.append(f"source_language {gold.source_language!r} != 'ar'")
    if gold.published is None:
        errors.append("published is null")
    elif gold.article_id in dates and dates[gold.article_id] != gold.published.isoformat():
        errors.append(f"published {gold.published} != README date {dates[gold.article_id]}")
    elif gold.article_id not in dates:
        errors.append("article missing from seeds/README.md table")
    prov = gold.provenance
    if (prov.provider, prov.model, prov.request_form, prov.package_version) != ("human", "gold", "none", "gold"):
        errors.append("provenance must be provider=human model=gold request_form=none package_version=gold")

    # evidence
    def check_ev(where: str, ev) -> None:
        if ev.match != "exact":
            errors.append(f"{where}: match {ev.match!r} (gold evidence must be exact)")
        if ev.start is None or ev.end is None:
            errors.append(f"{where}: missing offsets")
            return
        if not ev.text:
            errors.append(f"{where}: empty evidence text")
        if article[ev.start:ev.end] != ev.text:
            at = article.find(ev.text)
            hint = f" (text found at {at})" if at >= 0 else " (text not in article)"
            errors.append(f"{where}: article[{ev.start}:{ev.end}] != {ev.text[:40]!r}{hint}")

    n_ev = 0
    for i, kp in enumerate(gold.key_points):
        if not kp.evidence:
            errors.append(f"key_points[{i}]: no evidence")
        for j, ev in enumerate(kp.evidence):
            check_ev(f"key_points[{i}].evidence[{j}]", ev)
            n_ev += 1
    for i, event in enumerate(gold.events):
        if not event.evidence:
            errors.append(f"events[{i}]: no evidence")
        for j, ev in enumerate(event.evidence):
            check_ev(f"events[{i}].evidence[{j}]", ev)
            n_ev += 1
        for j, q in enumerate(event.quantities):
            check_ev(f"events[{i}].quantities[{j}].evidence", q.evidence)
            n_ev += 1
            if q.text not in q.evidence.text:
                errors.append(f"events[{i}].quantities[{j}]: text {q.text!r} not inside its evidence")
        if event.acled_sub_event_type is not None:
            allowed = ACLED_SUB_EVENTS.get(event.acled_event_type or "", set())
            if event.acled_sub_event_type not in allowed:
                errors.append(
                    f"events[{i}]: ACLED sub-event {event.acled_sub_event_type!r} "
                    f"not under {event.acled_event_type!r}"
                )
        if event.date.text is not None and mention_form(event.date.text) not in bare:
            errors.append(f"events[{i}].date.text {event.date.text!r} not in article")
        if event.date.iso is not None and gold.published is not None:
            if abs((event.date.iso - gold.published).days) > 366:
                errors.append(f"events[{i}].date.iso {event.date.iso} more than a year from publication")
        if event.date.iso is None and event.date.precision != "unknown":
            errors.append(f"events[{i}].date: precision {event.date.precision!r} without iso")
    for i, ent in enumerate(gold.entities):
        if not ent.evidence:
            errors.append(f"entities[{i}]: no evidence")
        for j, ev in enumerate(ent.evidence):
            check_ev(f"entities[{i}].evidence[{j}]", ev)
            n_ev += 1

    # counts
    for lang in ("ar", "en"):
        n = count_sentences(getattr(gold.summary, lang))
        if not 2 <= n <= 4:
            errors.append(f"summary.{lang}: {n} sentences (want 2-4)")
    if not 3 <= len(gold.key_points) <= 5:
        errors.append(f"{len(gold.key_points)} key points (want 3-5)")
    n_facts = len(gold.facts.numbers) + len(gold.facts.places) + len(gold.facts.actors)
    if not 3 <= n_facts <= 8:
        errors.append(f"facts hold {n_facts} items (want 3-8)")

    # scripts and names
    arabic_fields: list[tuple[str, str]] = [("headline.ar", gold.headline.ar), ("summary.ar", gold.summary.ar)]
    english_fields: list[tuple[str, str]] = [("headline.en", gold.headline.en), ("summary.en", gold.summary.en)]
    names: list[tuple[str, str]] = []
    for i, kp in enumerate(gold.key_points):
        arabic_fields.append((f"key_points[{i}].ar", kp.ar))
        english_fields.append((f"key_points[{i}].en", kp.en))
    for i, event in enumerate(gold.events):
        arabic_fields.append((f"events[{i}].description.ar", event.description.ar))
        english_fields.append((f"events[{i}].description.en", event.description.en))
        for j, actor in enumerate(event.actors):
            names.append((f"events[{i}].actors[{j}]", actor.name.ar))
            english_fields.append((f"events[{i}].actors[{j}].name.en", actor.name.en))
        if event.location is not None:
            names.append((f"events[{i}].location", event.location.name.ar))
            english_fields.append((f"events[{i}].location.name.en", event.location.name.en))
        for j, q in enumerate(event.quantities):
            english_fields.append((f"events[{i}].quantities[{j}].unit", q.unit))
    for i, ent in enumerate(gold.entities):
        names.append((f"entities[{i}]", ent.name.ar))
        english_fields.append((f"entities[{i}].name.en", ent.name.en))
    for key in ("places", "actors"):
        for i, b in enumerate(getattr(gold.facts, key)):
            names.append((f"facts.{key}[{i}]", b.ar))
            english_fields.append((f"facts.{key}[{i}].en", b.en))
    for where, text in arabic_fields + names:
        ar, _, letters = script_ratio(text)
        if letters and ar < 0.8:
            errors.append(f"{where}: only {ar:.0%} Arabic script")
    for where, text in english_fields:
        _, la, letters = script_ratio(text)
        if letters == 0 or la < 0.95:
            errors.append(f"{where}: only {la:.0%} Latin script")
    for where, name in names:
        if not name_in(name, bare):
            errors.append(f"{where}: Arabic name {name!r} not in article")

    # facts
    article_numbers = numbers_in(article)
    grounded = {q.value for e in gold.events for q in e.quantities if article[q.evidence.start or 0:q.evidence.end or 0] == q.evidence.text}
    ar_numbers = numbers_in(gold.summary.ar)
    en_numbers = numbers_in(gold.summary.en)
    for n in gold.facts.numbers:
        if not contains_number(article_numbers, n):
            if contains_number(grounded, n):
                notes.append(f"facts number {n:g} found only through a grounded quantity")
            else:
                errors.append(f"facts number {n:g} not found in the article")
        if not contains_number(ar_numbers, n):
            # a number Arabic writes as a dual noun (وفاة شخصين) counts when the summary
            # repeats the article's own wording of a quantity with that value
            wordings = {mention_form(q.text) for e in gold.events for q in e.quantities
                        if math.isclose(q.value, n, rel_tol=1e-9, abs_tol=1e-9)}
            if not any(w and w in mention_form(gold.summary.ar) for w in wordings):
                errors.append(f"facts number {n:g} not stated in summary.ar")
        if not contains_number(en_numbers, n):
            errors.append(f"facts number {n:g} not stated in summary.en")
    summary_ar = mention_form(gold.summary.ar)
    for key in ("places", "actors"):
        for b in getattr(gold.facts, key):
            if not name_in(b.ar, summary_ar):
                errors.append(f"facts {key[:-1]} {b.ar!r} not named in summary.ar")
            if b.en.lower() not in gold.summary.en.lower():
                errors.append(f"facts {key[:-1]} {b.en!r} not named in summary.en")

    notes.insert(0, f"{len(gold.events)} events, {len(gold.entities)} entities, {n_ev} evidence spans")
    return errors, notes


def main(argv: list[str]) -> int:
    paths = sorted(GOLD_DIR.glob("*.json"))
    if argv:
        wanted = {a.removesuffix(".json") for a in argv}
        paths = [p for p in paths if p.stem in wanted]
    if not paths:
        print(f"no gold files in {GOLD_DIR.relative_to(ROOT)}")
        return 1
    dates = readme_dates()
    failed = 0
    for path in paths:
        errors, notes = check_file(path, dates)
        status = "FAIL" if errors else "ok"
        print(f"{status:4} {path.name}: {notes[0] if notes else ''}")
        for note in notes[1:]:
            print(f"       note: {note}")
        for err in errors:
            print(f"       - {err}")
        failed += bool(errors)
    articles = {p.stem for p in SEEDS_DIR.glob("*.txt")}
    missing = sorted(articles - {p.stem for p in GOLD_DIR.glob("*.json")})
    if missing and not argv:
        print(f"FAIL articles without gold: {', '.join(missing)}")
        failed += 1
    print(f"{len(paths) - min(failed, len(paths))}/{len(paths)} gold files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
