"""The rows of the news-term lexicon: the `Term` record and reading `terms.tsv` files.

The data is `summarizer/data/terms.tsv` (format in docs/glossary.md, "News-term lexicon"); user
files given with `TermLexicon.load(path, ...)` extend it. One row is one concept: id, category,
its Arabic forms, its accepted English forms (the first is the canonical rendering) and a check
direction (`both` or `ar`); a form written with a leading `?` is weak (see `summarizer.terms`).
A malformed row raises ConfigurationError naming FILE:LINE.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .arabic import fold_words
from .english_tokens import SIGNS, english_words
from .errors import ConfigurationError

__all__ = ["CATEGORIES", "CHECKS", "Term"]

#: Allowed values of the `check` column.
CHECKS = frozenset({"both", "ar"})

#: Allowed values of the `category` column.
CATEGORIES = frozenset(
    {
        # closed classes
        "weekday", "month", "month_hijri", "ordinal", "direction", "election_kind",
        # open vocabulary
        "time", "election", "politics", "diplomacy", "law", "security", "violence", "military",
        "weapon", "transport", "disaster", "weather", "environment", "health", "economy",
        "energy", "agriculture", "infrastructure", "society", "education", "religion", "media",
        "sport", "people", "role", "unit", "geography", "reporting", "stance", "other",
    }
)

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_fold_form = lru_cache(maxsize=65536)(fold_words)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[a-z0-9]")


# --- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One concept of the lexicon."""

    id: str
    category: str
    #: Arabic forms as written in the data, weak ones without their `?`.
    arabic: tuple[str, ...]
    #: The weak Arabic forms (a subset of `arabic`).
    weak_arabic: frozenset[str]
    #: Accepted English forms, lower-case, canonical first, weak ones without their `?`.
    english: tuple[str, ...]
    #: The weak English forms (accepted, never checked in reverse).
    weak_english: frozenset[str]
    check: str
    source: str = ""
    line: int = 0

    @property
    def canonical(self) -> str:
        """The English rendering given to the model as a hint."""
        return self.english[0]


def _split_forms(col: str) -> list[tuple[str, bool]]:
    out = []
    for raw in col.split("|"):
        raw = raw.strip()
        weak = raw.startswith("?")
        out.append((raw[1:].strip() if weak else raw, weak))
    return out



def _add_form(forms: list[str], weak_forms: set[str], form: str, weak: bool) -> None:
    """Add a form once, in order; a form written both weak and plain is plain (the plain wins)."""
    if form not in forms:
        forms.append(form)
        if weak:
            weak_forms.add(form)
    elif not weak:
        weak_forms.discard(form)

def _parse(text: str, source: str) -> list[Term]:
    """Rows of a lexicon file; a malformed row raises ConfigurationError naming FILE:LINE."""
    rows: list[Term] = []
    ids: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue

        def bad(why: str, line_no: int = line_no) -> ConfigurationError:
            return ConfigurationError(f"{source}:{line_no}: {why}")

        if len(row) != 5:
            raise bad(f"expected 5 tab-separated columns (id, category, arabic, english, check), got {len(row)}")
        term_id, category, arabic_col, english_col, check = (c.strip() for c in row)
        if not _ID.match(term_id):
            raise bad(f"id {term_id!r} must be lower-case ASCII letters, digits and _")
        if term_id in ids:
            raise bad(f"id {term_id!r} already used on line {ids[term_id]}")
        ids[term_id] = line_no
        if category not in CATEGORIES:
            raise bad(f"unknown category {category!r} (one of {', '.join(sorted(CATEGORIES))})")
        if check not in CHECKS:
            raise bad(f"check must be 'both' or 'ar', got {check!r}")
        arabic, weak_ar = [], set()
        for form, weak in _split_forms(arabic_col):
            if not form:
                raise bad("empty Arabic form")
            if not _ARABIC_LETTER.search(form) or re.search(r"[A-Za-z]", form):
                raise bad(f"Arabic form {form!r} must be in Arabic script")
            if not _fold_form(form):
                raise bad(f"Arabic form {form!r} folds to nothing")
            _add_form(arabic, weak_ar, form, weak)
        english, weak_en = [], set()
        for i, (form, weak) in enumerate(_split_forms(english_col)):
            if not form:
                raise bad("empty English form")
            if _ARABIC_LETTER.search(form) or form != form.lower() or not (_LATIN.search(form) or form in SIGNS):
                raise bad(f"English form {form!r} must be lower-case Latin script or a sign ({SIGNS})")
            if i == 0 and weak:
                raise bad("the first English form is the canonical rendering and cannot be weak")
            if not english_words(form):
                raise bad(f"English form {form!r} has no word")
            _add_form(english, weak_en, form, weak)
        rows.append(
            Term(
                term_id, category, tuple(arabic), frozenset(weak_ar), tuple(english),
                frozenset(weak_en), check, source, line_no,
            )
        )
    return rows


def _read_builtin() -> str:
    return resources.files("summarizer").joinpath("data/terms.tsv").read_text(encoding="utf-8")


def _builtin_terms() -> list[Term]:
    return _parse(_read_builtin(), "summarizer/data/terms.tsv")


def _builtin_opposites() -> list[tuple[str, str]]:
    """The pairs of `summarizer/data/opposites.tsv` (rows that say opposite things)."""
    text = resources.files("summarizer").joinpath("data/opposites.tsv").read_text(encoding="utf-8")
    pairs = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise ConfigurationError(f"summarizer/data/opposites.tsv:{line_no}: expected two tab-separated row ids")
        pairs.append((cols[0].strip(), cols[1].strip()))
    return pairs
