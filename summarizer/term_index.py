"""Finding the news-term lexicon's forms in text: Arabic forms in the source, English forms in
a translation.

Arabic: one `arabic.PhraseIndex` over every row's forms (folded text, attached proclitics
stripped, inflectional endings read off by `arabic.Endings`); a form matches with or without ال
unless it is written with it (`الأحد` Sunday never matches أحد "one").

English: whole words (`english_tokens`); a regular plural (-s, -es, -y -> -ies) of the last word
of a form is accepted too. Irregular forms are listed in the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .arabic import ENDINGS, PROCLITICS, FoldedText, PhraseIndex, PhraseMatch
from .english_tokens import _english_tokens, _english_words, _word_readings, english_words
from .errors import ConfigurationError
from .term_rows import _ARABIC_LETTER, Term, _fold_form

# --- Arabic matching -------------------------------------------------------------------------

_ARTICLE = "ال"
# A direction inside a longer one is not said: جنوب in جنوب شرقي is the south-east, not the south.
_WHOLE_ONLY = frozenset({"direction"})
# Names of days and months take no pronoun suffix, final alef or construct ending.
_NO_ENDINGS = frozenset({"weekday", "month", "month_hijri"})


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
    term: Term
    #: the row's forms that fold to `words`, as written (اكتوبر and أكتوبر; مساعد's مساعدة)
    spellings: tuple[str, ...]
    weak: bool


def _form_keys(written: str) -> list[tuple[str, ...]]:
    """Folded word sequences a written form matches: ال optional on each word written without it."""
    words = written.split()
    folded = _fold_form(written)
    if len(words) != len(folded):  # punctuation inside a form: match it as folded, no variants
        return [folded]
    options: list[list[str]] = []
    for w, f in zip(words, folded, strict=True):
        if w.startswith(_ARTICLE) or not _ARABIC_LETTER.match(w):
            options.append([f])
        else:
            options.append([f, _ARTICLE + f])
    keys: list[tuple[str, ...]] = [()]
    for opts in options:
        keys = [k + (o,) for k in keys for o in opts]
    return keys


def _told_apart(a: str, b: str) -> bool:
    """Whether two written forms that fold alike are different words by the letters `_spelt_apart`
    reads: a stem's أ/آ against a bare ا (أنهار rivers, انهار collapsed), a final ة against ه
    (عيّنة a sample, عيّنه appointed him)."""
    for x, y in zip(a.split(), b.split(), strict=False):
        sx, sy = (w[2:] if w.startswith(_ARTICLE) else w for w in (x, y))
        if {sx[:1], sy[:1]} in ({"ا", "أ"}, {"ا", "آ"}) or {x[-1:], y[-1:]} == {"ة", "ه"}:
            return True
    return False


def _phrase_index(terms: Sequence[Term]) -> PhraseIndex[_Form]:
    """The Arabic forms of the rows as one phrase index (`arabic.PhraseIndex` with `Endings`).

    A key written in the data beats a generated ال variant of another row's form; two rows of one
    file writing the same form is an error unless their spellings tell them apart (`_told_apart`:
    both are kept, and `_scan` reads the text's letters) or one of them is weak (both are kept: a
    weak form only supports its row, so a homograph's other sense may have it, تبني "building" in
    the construction row beside تبني "claimed" in the responsibility row); a later file (a user
    file) takes a key over.
    """
    by_key: dict[tuple[str, ...], list[tuple[_Form, bool]]] = {}
    for term in terms:
        for written in term.arabic:
            weak = written in term.weak_arabic
            for n, key in enumerate(_form_keys(written)):
                explicit = n == 0
                kept: list[tuple[_Form, bool]] = []
                new: _Form | None = _Form(key, term, (written,), weak)
                for old, old_explicit in by_key.get(key, []):
                    if new is None:
                        kept.append((old, old_explicit))
                        continue
                    if old.term.id == term.id:
                        if old_explicit and not explicit:
                            kept.append((old, old_explicit))
                            new = None
                        elif old_explicit == explicit:  # one row spelling a form two ways (اكتوبر، أكتوبر)
                            new = _Form(key, term, (*old.spellings, written), old.weak and weak)
                        continue
                    shared = old.term.source == term.source and (old.weak or weak)
                    if not shared and (
                        old.term.source != term.source or any(not _told_apart(w, written) for w in old.spellings)
                    ):
                        if old.term.source == term.source and old_explicit and explicit:
                            raise ConfigurationError(
                                f"{term.source}:{term.line}: Arabic form {written!r} already belongs to "
                                f"{old.term.id!r} (line {old.term.line})"
                            )
                        if old.term.source == term.source and old_explicit and not explicit:
                            kept.append((old, old_explicit))
                            new = None
                        continue  # taken over by the later row or file
                    kept.append((old, old_explicit))
                if new is not None:
                    kept.append((new, explicit))
                by_key[key] = kept
    index: PhraseIndex[_Form] = PhraseIndex(PROCLITICS, endings=ENDINGS)
    for key, forms in by_key.items():
        for form, _ in forms:
            index.add(key, form)
    return index


def _spelt_apart(text: FoldedText, match: PhraseMatch[_Form], written: str) -> bool:
    """Whether the text, as written, is another word than one spelling of a form that its folding matched.

    Folding unifies letters that tell words apart; two of them are reliable where the text writes them:
    * a word the text begins with أ or آ is not a form written with a bare ا: that alef is the
      hamzat wasl of a form VII-X verb or verbal noun (انهار collapsed, not الأنهار the rivers).
      A text's إ is let through: it is the common misspelling of that very alef (إنتخابات);
    * a text word written with ة is not a form written with ه, a pronoun or a root letter (عيّنه
      appointed him, not عيّنة a sample; أخوه his brother, not الإخوة), and a text word ending in
      ه, read as written, is not a form written with ة (إليه to him, not آلية a vehicle). A suffix
      read off (سيارته, the form سيارة) is not reading as written.
    """
    words = written.split()
    first = words[0][2:] if words[0].startswith(_ARTICLE) else words[0]
    if first.startswith("ا"):
        stem = _fold_form(first)[0]
        word = text.words[match.first]
        for at in (match.cut, match.cut + 2):  # after the clitics, and after an article read off too
            if word.startswith(stem[:2], at):
                if text.hamza_alif(match.first, at):
                    return True
                break
    if len(words) == 1 and not match.ending:
        i = match.first
        if words[0].endswith("ه") and text.taa(i):
            return True
        if words[0].endswith("ة") and not text.taa(i) and text.words[i].endswith("ه"):
            return True
    elif match.n == len(words):
        # later words of a phrase: a word the text writes with ة against a form's word written with ه
        return any(w.endswith("ه") and text.taa(match.first + k) and text.words[match.first + k] == _fold_form(w)[0]
                   for k, w in enumerate(words) if k)
    return False


def _scan(index: PhraseIndex[_Form], text: str) -> tuple[tuple[tuple[int, int, _Form], ...], frozenset[str]]:
    """(longest-first matches as (start, end, form), ids of every term present anywhere).

    Matches go left to right, the longest form winning at each word (weak forms included, so that
    a weak phrase shadows the words inside it); the set counts every form at every word, weak and
    overlapped ones too, but a direction only where it is not inside a longer one (`_WHOLE_ONLY`).
    A match every spelling of whose form the text's letters tell apart (`_spelt_apart`) is none,
    and so is a day or month read with an ending.
    """
    folded = FoldedText(text)
    present: set[str] = set()
    best_at: list[PhraseMatch[_Form] | None] = []
    for i in range(len(folded)):
        best: PhraseMatch[_Form] | None = None
        for match in index.matches_at(folded, i):
            if all(_spelt_apart(folded, match, w) for w in match.value.spellings):
                continue
            if match.ending and match.value.term.category in _NO_ENDINGS:
                continue  # جوانا (Joanna) is not جوان (June) + alif
            if match.value.term.category not in _WHOLE_ONLY:
                present.add(match.value.term.id)
            # the longest wins, then the first (the cheapest reading); a form shared with another
            # row's weak one is read as its own row's (تبني is "claimed" before it is "building")
            if best is None or match.n > best.n or (
                (match.n, match.cost, match.value.words) == (best.n, best.cost, best.value.words)
                and best.value.weak and not match.value.weak
            ):
                best = match
        best_at.append(best)
    out: list[tuple[int, int, _Form]] = []
    i = 0
    while i < len(folded):
        hit = best_at[i]
        if hit is None:
            i += 1
            continue
        out.append((*folded.original_span(hit), hit.value))
        if hit.value.term.category in _WHOLE_ONLY:
            present.add(hit.value.term.id)
        i += hit.n
    return tuple(out), frozenset(present)


# --- English matching ------------------------------------------------------------------------


def _plurals(word: str) -> list[str]:
    out = [word + "s", word + "es"]
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        out.append(word[:-1] + "ies")
    return out


class _EnglishIndex:
    def __init__(self, terms: Sequence[Term]) -> None:
        explicit: dict[tuple[str, ...], set[str]] = {}
        generated: dict[tuple[str, ...], set[str]] = {}
        singular: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.checked: set[tuple[str, ...]] = set()
        for term in terms:
            for form in term.english:
                key = _english_words(form)
                explicit.setdefault(key, set()).add(term.id)
                if term.check == "both" and form not in term.weak_english:
                    self.checked.add(key)
                for plural in _plurals(key[-1]):
                    pkey = key[:-1] + (plural,)
                    generated.setdefault(pkey, set()).add(term.id)
                    singular.setdefault(pkey, key)
        #: key -> ids of the rows listing it (as written or as a regular plural).
        self.owners: dict[tuple[str, ...], frozenset[str]] = {}
        #: key -> the written form it stands for (a generated plural: its singular).
        self.base: dict[tuple[str, ...], tuple[str, ...]] = {}
        for key, ids in generated.items():
            if key not in explicit:
                self.owners[key] = frozenset(ids)
                self.base[key] = singular[key]
        for key, ids in explicit.items():
            # a written form that is also another row's regular plural ("homes": home, homes) is owned
            # by both rows; it is checked in reverse as the form it is written as
            self.owners[key] = frozenset(ids | generated.get(key, set()))
            self.base[key] = key
        self.max_len = max((len(k) for k in self.owners), default=1)

    def occurrences(self, text: str) -> list[tuple[int, int, tuple[str, ...], list[tuple[int, int, str]]]]:
        """Every occurrence of every form: (first token, token count, key, tokens)."""
        toks = _english_tokens(text)
        words = [t[2] for t in toks]
        out = []
        for i in range(len(words)):
            for n in range(min(self.max_len, len(words) - i), 0, -1):
                key = tuple(words[i : i + n])
                if key in self.owners:
                    out.append((i, n, key, toks))
        return out


def _name_ranges(english: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Token ranges of the translation occupied by the given English names.

    A word is read with its possessive off and as written, as `glossary.accepts_english` reads a
    name: "Sudan's" is Sudan, and "Ra's al-Ain" is the name Ras al-Ain.
    """
    readings = _word_readings(english)
    out = []
    for name in names:
        key = english_words(name)
        n = len(key)
        if not n:
            continue
        for i in range(len(readings) - n + 1):
            if all(k in readings[i + j] for j, k in enumerate(key)):
                out.append((i, i + n))
    return out
