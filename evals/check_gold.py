"""Check the gold files of an eval corpus against their articles (summarizer.evaluation.goldcheck).

Usage:  python evals/check_gold.py [--corpus demo|news] [ARTICLE_ID ...]

demo: evals/gold/ against seeds/ (publication dates from the seeds/README.md table).
news: evals/news/gold/ against ../shared/corpus/articles/ (dates from its sources.tsv); these
      articles are not ours to redistribute, so evidence must be offsets only and no Arabic gold
      text may copy a run of the article or of its outlet's lead.

Prints one line per file, the problems under it, and exits 1 if any file fails or an article
has no gold file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.evaluation.gold import read_gold  # noqa: E402
from summarizer.evaluation.goldcheck import check_gold  # noqa: E402

NEWS_CORPUS = ROOT.parent / "shared" / "corpus"


def demo_dates() -> dict[str, str]:
    """article_id -> YYYY-MM-DD from the seeds/README.md table."""
    dates = {}
    for line in (ROOT / "seeds" / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*\|\s*`?([0-9]{3}_[A-Za-z0-9_]+)`?\s*\|", line)
        d = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", line)
        if m and d:
            dates[m.group(1)] = d.group(1)
    return dates


def news_dates() -> dict[str, str]:
    """article_id -> YYYY-MM-DD from the corpus' sources.tsv."""
    with open(NEWS_CORPUS / "sources.tsv", encoding="utf-8", newline="") as fh:
        return {row["file"].removesuffix(".txt"): row["date"] for row in csv.DictReader(fh, delimiter="\t")}


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("demo", "news"), default="demo")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args(argv)
    news = args.corpus == "news"
    gold_dir = ROOT / "evals" / ("news/gold" if news else "gold")
    articles = NEWS_CORPUS / "articles" if news else ROOT / "seeds"
    dates = news_dates() if news else demo_dates()
    paths = sorted(gold_dir.glob("*.json"))
    if args.ids:
        wanted = {a.removesuffix(".json") for a in args.ids}
        paths = [p for p in paths if p.stem in wanted]
    failed = 0
    for path in paths:
        article_path = articles / f"{path.stem}.txt"
        if not article_path.exists():
            print(f"FAIL {path.name}: no article {article_path}")
            failed += 1
            continue
        article = read(article_path)
        raw = path.read_text(encoding="utf-8")
        try:
            gold = read_gold(raw, article)
        except ValueError as exc:
            print(f"FAIL {path.name}: {exc}")
            failed += 1
            continue
        lead = NEWS_CORPUS / "leads" / f"{path.stem}.txt"
        protected = (article, read(lead)) if news and lead.exists() else (article,) if news else ()
        report = check_gold(
            gold, article, published=dates.get(path.stem), raw=json.loads(raw) if news else None, protected=protected
        )
        if gold.article_id != path.stem:
            report.errors.append(f"article_id {gold.article_id!r} != file stem {path.stem!r}")
        if path.stem not in dates:
            report.errors.append("no publication date for the article in the corpus index")
        print(f"{'FAIL' if report.errors else 'ok':4} {path.name}: {report.notes[0]}")
        for note in report.notes[1:]:
            print(f"       note: {note}")
        for error in report.errors:
            print(f"       - {error}")
        failed += bool(report.errors)
    missing = sorted({p.stem for p in articles.glob("*.txt")} - {p.stem for p in gold_dir.glob("*.json")})
    if missing and not args.ids:
        print(f"FAIL articles without gold: {', '.join(missing)}")
        failed += 1
    print(f"{len(paths) - min(failed, len(paths))}/{len(paths)} gold files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
