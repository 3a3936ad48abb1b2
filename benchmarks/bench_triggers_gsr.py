"""ASSAULT and PROTEST detection by the trigger lexicon alone, on a public labelled set.

    .venv/bin/python benchmarks/bench_triggers_gsr.py                 # table + results_triggers_gsr.json
    .venv/bin/python benchmarks/bench_triggers_gsr.py --no-write      # table only

Data, read at run time and never copied into the project:

* `openeventdata/arabic_event_gsr` (MIT repository; sentences from Arabic Gigaword, LDC):
  `assault_gsr.csv` and `protest_gsr.csv`, one sentence per row with a label from several
  annotators: "yes" (unanimous accept), "easy no" (unanimous reject), "difficult no" (mostly
  reject) or "ambiguous" (too few labels). Positive: "yes". Negative: "easy no" + "difficult no".
  Ambiguous rows are excluded.
* The baseline: `openeventdata/UniversalPetrarch`, branch `arabic` (MIT),
  `UniversalPetrarch/data/dictionaries/arabic/CAMEO.ar.0.5.txt`, its CAMEO verb dictionary.

Both are read with `git -C <mirror> show <rev>:<path>` from the local mirrors
(`--gsr-repo`, `--up-repo`; defaults are this machine's /work/.mirror copies).

Systems, each deciding per sentence whether it reports an event of the set's type:

* lexicon, strong: a strong trigger of that type (`summarizer.triggers.find_triggers`);
* lexicon, strong + weak: any trigger that names the type (a weak row's other types included);
* lexicon, strong, status occurred/claimed: a strong trigger whose status (`status_of`) is not
  denied or planned (informational: the sets label events that happened);
* UniversalPetrarch, as written: a dictionary verb whose code (its own, or its block's) or whose
  pattern code is CAMEO 18/19/20 (ASSAULT) or 14 (PROTEST), matched the same way as the lexicon
  (folded, clitic-aware: `summarizer.triggers._readings`); a pattern's other words must occur in
  the sentence after (or, for words before `*`, before) the verb, in any position. The dictionary
  lists lemmas (UniversalPetrarch matches them on a lemmatised parse), so its verbs as written
  only match their 3ms perfect form;
* UniversalPetrarch, + regular inflections: the same with each verb lemma expanded to the regular
  perfect (ت، وا، ا، ن) and imperfect (ي/ت/ن + stem, + ون/وا/ان) forms, a stand-in for the
  lemmatiser (wrong for hollow, defective and doubled verbs; nouns are not expanded).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.arabic import fold, fold_words, folded_tokens  # noqa: E402
from summarizer.triggers import (  # noqa: E402
    EventCues,
    TriggerLexicon,
    _readings,
    find_triggers,
    status_of,
)

GSR_REPO = "/work/.mirror/openeventdata+arabic_event_gsr/repo"
UP_REPO = "/work/.mirror/openeventdata+UniversalPetrarch/repo"
UP_REV = "arabic"
UP_PATH = "UniversalPetrarch/data/dictionaries/arabic/CAMEO.ar.0.5.txt"
SETS = {"assault": ("assault_gsr.csv", {18, 19, 20}), "protest": ("protest_gsr.csv", {14})}
POSITIVE, NEGATIVE = {"yes"}, {"easy no", "difficult no"}


def git_show(repo: str, rev: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, "show", f"{rev}:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")


def git_commit(repo: str, rev: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, "rev-parse", rev], check=True, capture_output=True, text=True
    ).stdout.strip()


# --- the labelled set -----------------------------------------------------------------------


@dataclass
class Row:
    id: str
    label: str
    text: str


def load_set(repo: str, name: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(git_show(repo, "HEAD", name)))
    return [Row(r["id"], r["label"].strip(), r["text"]) for r in reader]


# --- scoring --------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    fp_by_label: dict[str, int] = field(default_factory=dict)

    def add(self, gold: bool, predicted: bool, label: str) -> None:
        if gold and predicted:
            self.tp += 1
        elif gold:
            self.fn += 1
        elif predicted:
            self.fp += 1
            self.fp_by_label[label] = self.fp_by_label.get(label, 0) + 1
        else:
            self.tn += 1

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "fp_by_label": dict(sorted(self.fp_by_label.items())),
            "predicted_positive": self.tp + self.fp,
        }


# --- the UniversalPetrarch baseline ---------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in fold_words(text.replace("_", " ")) if len(w) > 1 and w != "هوو")


def _inflect(lemma: str) -> set[str]:
    """Regular perfect and imperfect forms of a folded verb lemma (3ms perfect)."""
    forms = {lemma}
    if len(lemma) < 3:
        return forms
    forms |= {lemma + s for s in ("ت", "وا", "ا", "ن", "تا")}
    stem = lemma[1:] if lemma.startswith("ا") and len(lemma) > 3 else lemma
    for p in "يتن":
        forms |= {p + stem, p + stem + "ون", p + stem + "وا", p + stem + "ان"}
    return forms


@dataclass
class Entry:
    """A dictionary entry: verb (+ required words after it), optional pattern words, a CAMEO root."""

    verb: tuple[str, ...]
    before: list[list[tuple[str, ...]]]  # each: alternatives (a synset) of phrases before the verb
    after: list[list[tuple[str, ...]]]
    root: int


def parse_up(text: str) -> tuple[list[Entry], dict]:
    synsets: dict[str, list[tuple[str, ...]]] = {}
    entries: list[Entry] = []
    section = None
    current_set = None
    block_code: str | None = None
    block_verbs: list[tuple[str, ...]] = []
    stats = {"blocks": 0, "verb_lines": 0, "patterns": 0, "unparsed": 0}

    def root(code: str) -> int | None:
        code = code.strip()
        return int(code[:2]) if re.fullmatch(r"\d{2,4}", code) else None

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####### SYNONYM SETS"):
            section = "syn"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if section == "syn":
            if line.startswith("&"):
                current_set = line.split()[0]
                synsets[current_set] = []
            elif current_set and line.strip("+_ "):
                phrase = _words(line.strip().strip("+_"))
                if phrase:
                    synsets[current_set].append(phrase)
            continue
        if section != "verbs":
            continue
        body = line.split("#", 1)[0]
        m = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", body)
        if m:
            stats["blocks"] += 1
            block_code = None if m.group(2).strip("- ") == "" else m.group(2)
            block_verbs = []
            continue
        code_m = re.search(r"\[([^\]]*)\]\s*$", body)
        code = code_m.group(1) if code_m else None
        if code_m:
            body = body[: code_m.start()]
        if line.startswith("-"):
            stats["patterns"] += 1
            r = root(code or "")
            if r is None:
                continue
            tokens = re.findall(r"&\w+|\*|[^\s(){}*&]+", body[1:])
            before, after, seen_verb = [], [], False
            for tok in tokens:
                if tok == "*":
                    seen_verb = True
                    continue
                if tok[0] in "$+%":
                    continue
                if tok.startswith("&"):
                    alts = synsets.get(tok, [])
                else:
                    w = _words(tok)
                    alts = [w] if w else []
                if alts:
                    (after if seen_verb else before).append(alts)
            for verb in block_verbs:
                entries.append(Entry(verb, before, after, r))
            continue
        stats["verb_lines"] += 1
        parts = [p for p in re.split(r"\+", body.strip()) if p.strip()]
        verb = tuple(w for p in parts for w in _words(p))
        if not verb:
            stats["unparsed"] += 1
            continue
        block_verbs.append(verb)
        r = root(code) if code else (root(block_code) if block_code else None)
        if r is not None:
            entries.append(Entry(verb, [], [], r))
    return entries, stats


class UPMatcher:
    def __init__(self, entries: list[Entry], inflect: bool) -> None:
        self.by_key: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
        for e in entries:
            heads = _inflect(e.verb[0]) if inflect else {e.verb[0]}
            for h in heads:
                self.by_key.setdefault(h, []).append((e, e.verb[1:]))

    @staticmethod
    def _keys(text: str) -> list[set[str]]:
        norm = fold(text)
        return [{r[0] for r in _readings(norm.text[a:z], True)} for a, z in folded_tokens(norm.text)]

    @staticmethod
    def _find(keys: list[set[str]], phrase: tuple[str, ...], lo: int, hi: int) -> bool:
        n = len(phrase)
        return any(all(phrase[k] in keys[i + k] for k in range(n)) for i in range(max(lo, 0), hi - n + 1))

    def roots(self, text: str) -> set[int]:
        keys = self._keys(text)
        out: set[int] = set()
        for i, ks in enumerate(keys):
            for k in ks:
                for e, rest in self.by_key.get(k, ()):
                    if e.root in out:
                        continue
                    end = i + 1
                    if rest and not self._find(keys, rest, end, len(keys)):
                        continue
                    if all(any(self._find(keys, ph, end, len(keys)) for ph in alts) for alts in e.after) and all(
                        any(self._find(keys, ph, 0, i) for ph in alts) for alts in e.before
                    ):
                        out.add(e.root)
        return out


# --- run ------------------------------------------------------------------------------------


def write_report(report: dict, out: Path) -> None:
    """Write a benchmark's raw numbers as indented JSON next to it, and say where."""
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gsr-repo", default=GSR_REPO)
    ap.add_argument("--up-repo", default=UP_REPO)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_triggers_gsr.json")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--label", default="", help="a name for this run in the JSON (e.g. 'frozen lexicon')")
    ap.add_argument("--rows", type=int, default=0, metavar="N",
                    help="also print the N lexicon rows that fire most often, with how many of their "
                         "sentences are positive (aggregate counts only, no sentence text)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    lexicon, cues = TriggerLexicon.default(), EventCues.default()
    up_entries, up_stats = parse_up(git_show(args.up_repo, UP_REV, UP_PATH))
    up_plain, up_infl = UPMatcher(up_entries, False), UPMatcher(up_entries, True)

    results: dict = {}
    for name, (csv_name, roots) in SETS.items():
        rows = load_set(args.gsr_repo, csv_name)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.label] = counts.get(r.label, 0) + 1
        scores = {k: Score() for k in ("lexicon_strong", "lexicon_strong_weak", "lexicon_strong_occurred",
                                       "up_as_written", "up_inflected")}
        fired: dict[str, list[int]] = {}  # row gloss -> [positive sentences, negative sentences]
        for r in rows:
            if r.label not in POSITIVE | NEGATIVE:
                continue
            gold = r.label in POSITIVE
            matches = find_triggers(r.text, lexicon)
            for row_key in {f"{m.row.strength} {m.event_type.value}: {m.row.gloss} (line {m.row.line})"
                            for m in matches if name in {t.value for t in m.types}}:
                fired.setdefault(row_key, [0, 0])[0 if gold else 1] += 1
            strong = [m for m in matches if m.strong and m.event_type.value == name]
            scores["lexicon_strong"].add(gold, bool(strong), r.label)
            scores["lexicon_strong_weak"].add(gold, any(name in {t.value for t in m.types} for m in matches), r.label)
            scores["lexicon_strong_occurred"].add(
                gold, any(status_of(r.text, m.span, cues) in ("occurred", "claimed") for m in strong), r.label
            )
            scores["up_as_written"].add(gold, bool(up_plain.roots(r.text) & roots), r.label)
            scores["up_inflected"].add(gold, bool(up_infl.roots(r.text) & roots), r.label)
        results[name] = {
            "file": csv_name,
            "labels": dict(sorted(counts.items())),
            "scored": sum(counts.get(k, 0) for k in POSITIVE | NEGATIVE),
            "excluded_ambiguous": counts.get("ambiguous", 0),
            "base_rate": round(
                sum(counts.get(k, 0) for k in POSITIVE) / max(1, sum(counts.get(k, 0) for k in POSITIVE | NEGATIVE)), 3
            ),
            "systems": {k: s.as_dict() for k, s in scores.items()},
            "rows_firing_most": [
                {"row": key, "positive": pos, "negative": neg}
                for key, (pos, neg) in sorted(fired.items(), key=lambda kv: -sum(kv[1]))[: max(args.rows, 10)]
            ],
        }
        if args.rows:
            print(f"\n{name}: the {args.rows} lexicon rows that fire most (positive / negative sentences)")
            for key, (pos, neg) in sorted(fired.items(), key=lambda kv: -sum(kv[1]))[: args.rows]:
                print(f"  {pos:4d} / {neg:4d}  {key}")

    report = {
        "benchmark": "trigger lexicon alone vs UniversalPetrarch Arabic dictionary, openeventdata/arabic_event_gsr",
        "label": args.label,
        "date": dt.date.today().isoformat(),
        "seconds": round(time.perf_counter() - t0, 1),
        "positive": sorted(POSITIVE),
        "negative": sorted(NEGATIVE),
        "excluded": ["ambiguous"],
        "lexicon": {
            "rows": len(lexicon),
            "forms": sum(len(r.forms) for r in lexicon.rows),
            "triggers_tsv_sha256": sha256(ROOT / "summarizer" / "data" / "triggers.tsv"),
            "event_cues_tsv_sha256": sha256(ROOT / "summarizer" / "data" / "event_cues.tsv"),
        },
        "gsr_commit": git_commit(args.gsr_repo, "HEAD"),
        "universalpetrarch": {
            "commit": git_commit(args.up_repo, UP_REV),
            "path": UP_PATH,
            "entries_with_a_code": len(up_entries),
            **up_stats,
            "assault_roots": sorted(SETS["assault"][1]),
            "protest_roots": sorted(SETS["protest"][1]),
        },
        "sets": results,
    }

    names = {
        "lexicon_strong": "lexicon, strong triggers",
        "lexicon_strong_weak": "lexicon, strong + weak",
        "lexicon_strong_occurred": "lexicon, strong, status occurred/claimed",
        "up_as_written": "UniversalPetrarch dict, as written",
        "up_inflected": "UniversalPetrarch dict, + regular inflections",
    }
    for name, res in results.items():
        print(f"\n{name.upper()}: {res['scored']} sentences scored ({res['labels']}; ambiguous excluded); "
              f"base rate {res['base_rate']}")
        print(f"{'system':48s} {'P':>6s} {'R':>6s} {'F1':>6s} {'TP':>5s} {'FP':>5s} {'FN':>5s}  FP by label")
        for key, label in names.items():
            s = res["systems"][key]
            print(f"{label:48s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['tp']:5d} {s['fp']:5d} "
                  f"{s['fn']:5d}  {s['fp_by_label']}")
    print(f"\n{report['seconds']} s")
    if not args.no_write:
        write_report(report, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
