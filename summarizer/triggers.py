"""Arabic event triggers: which event types a sentence can report, and the status of each report.

Two reviewed data files (format, sources and licences in docs/events.md):

* `summarizer/data/triggers.tsv`: trigger words and phrases -> event type (the 16 PLOVER roots
  and the news categories of `models.EventType`), strength, the ACLED type they imply, the PLOVER
  mode. A *strong* trigger says the type on its own (قصف, اعتقل, زلزال); a *weak* one only proposes
  candidates for the model to confirm (انفجار, قتلى, حكم); a *block* row is a phrase that is not a
  trigger and hides the shorter trigger inside it (ضرب مثلا).
* `summarizer/data/event_cues.tsv`: words that change the status of what a trigger reports
  (نفى -> denied, يعتزم -> planned, زعم -> claimed, لم -> not done), reported-speech words and
  clause boundaries.

`TriggerLexicon.load(path, ...)` / `EventCues.load(path, ...)` add user files after the built-in
ones, like `Glossary.load`: a user form that is already known is taken over by the user's row; a
malformed row raises ConfigurationError with `FILE:LINE: what is wrong`.

Public functions: `find_triggers(text)` (matches with original offsets, longest match first at
each position, clitic-aware), `candidate_types(sentence)`, `decisive_type(sentence)`,
`status_of(sentence, trigger_span)` and `status_cue(sentence, trigger_span)`.

Matching is the shared Arabic text module's (`summarizer.arabic`): a `PhraseIndex` over a
`FoldedText`, with the endings event verbs and verbal nouns take (article, pronoun suffixes,
accusative alef, future س: `arabic.Endings`) and gaps (`…`) for the subject of a verb phrase.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from .arabic import (
    ENDINGS,
    GAP,
    PROCLITICS,
    FoldedText,
    PhraseIndex,
    PhraseMatch,
    Reading,
    by_size_then_cost,
    fold_words,
    written_words,
)
from .errors import ConfigurationError
from .models import AcledEventType, EventStatus, EventType

__all__ = [
    "ACLED_SUB_EVENT_TYPES",
    "CUE_KINDS",
    "PLOVER_MODES",
    "STRENGTHS",
    "CueRow",
    "EventCues",
    "StatusCue",
    "TriggerLexicon",
    "TriggerMatch",
    "TriggerRow",
    "candidate_types",
    "decisive_type",
    "find_triggers",
    "decided_type",
    "proposed_types",
    "status_cue",
    "status_of",
]

STRENGTHS = ("strong", "weak", "block")

#: PLOVER modes per root (PLOVER manual, mode tables). The news categories have none.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "consult": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "retreat": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "request": frozenset({"assist", "change", "yield", "meet"}),
    "reject": frozenset({"assist", "change", "yield", "meet"}),
    "accuse": frozenset({"disapprove", "investigate", "allege"}),
    "threaten": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "protest": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "sanction": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "mobilize": frozenset({"troops", "weapons", "police", "militia"}),
    "coerce": frozenset(
        {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
         "misinformation", "cyber"}
    ),
    "assault": frozenset(
        {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
         "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
         "unconventional"}
    ),
}

#: ACLED sub-event types per event type (ACLED codebook).
ACLED_SUB_EVENT_TYPES: dict[AcledEventType, frozenset[str]] = {
    AcledEventType.battles: frozenset(
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    ),
    AcledEventType.explosions: frozenset(
        {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
         "Remote explosive/landmine/IED", "Grenade"}
    ),
    AcledEventType.violence_against_civilians: frozenset(
        {"Sexual violence", "Attack", "Abduction/forced disappearance"}
    ),
    AcledEventType.protests: frozenset(
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
    ),
    AcledEventType.riots: frozenset({"Violent demonstration", "Mob violence"}),
    AcledEventType.strategic_developments: frozenset(
        {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
         "Headquarters or base established", "Looting/property destruction",
         "Non-violent transfer of territory", "Other"}
    ),
}

#: Kinds of rows in event_cues.tsv; the first five change a status.
CUE_KINDS = (
    "denied", "claimed", "negated", "demanded", "planned", "attribution", "boundary", "block", "nonfuture"
)
_STATUS_OF_KIND: dict[str, EventStatus] = {
    "denied": "denied",
    "claimed": "claimed",
    "negated": "denied",
    "demanded": "planned",
    "planned": "planned",
}
_PRIORITY = ("denied", "claimed", "negated", "demanded", "planned")  # first wins

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


# --- matching (summarizer.arabic) ------------------------------------------------------------

# Forms are matched by the shared phrase index with the endings of verbs and verbal nouns
# (`arabic.Endings`: article, pronoun suffixes, final alef, future س) and gaps (`…`, up to three
# words); at each word the phrase with the most words wins, then the one read with the fewest
# attachments (`by_size_then_cost`).
_IMPERFECT = ENDINGS.imperfect
_folded_words = written_words  # the folded words of a form, each with whether it was written with ة


def _form_key(form: str) -> tuple[str, ...]:
    """The folded words of a form, a gap kept as `…`."""
    key: list[str] = []
    for j, part in enumerate(form.split(GAP)):
        if j:
            key.append(GAP)
        key.extend(w for w, _ in written_words(part))
    return tuple(key)


def _readings(word: str, head: bool, taa: bool = False) -> tuple[Reading, ...]:
    """Ways of reading a folded text word as the lexicon does (`Endings.readings`, cheapest first)."""
    return ENDINGS.readings(word, PROCLITICS, head=head, taa=taa)


P = TypeVar("P")


class _Forms(Generic[P]):
    """Written forms -> payload, found in text by the shared phrase index (see above)."""

    def __init__(self, forms: Iterable[tuple[str, P]]) -> None:
        self._index: PhraseIndex[tuple[P, str]] = PhraseIndex(PROCLITICS, endings=ENDINGS, max_gap=3)
        for form, payload in forms:
            self._index.add_written(form, (payload, " ".join(_form_key(form))))

    def scan(self, text: str) -> tuple[FoldedText, list[PhraseMatch[tuple[P, str]]]]:
        """The folded text and its matches, in text order, non-overlapping."""
        folded = FoldedText(text)
        return folded, list(self._index.scan(folded, rank=by_size_then_cost))


# --- data rows ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of a trigger file."""

    types: tuple[EventType, ...]
    strength: str
    forms: tuple[str, ...] = field(repr=False)
    acled_event_type: AcledEventType | None
    acled_sub_event_type: str | None
    mode: str | None
    gloss: str
    source: str
    line: int

    @property
    def event_type(self) -> EventType:
        """The row's type (for a weak row listing several, the most likely one)."""
        return self.types[0]


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a text; `start`/`end` are offsets into that text."""

    start: int
    end: int
    text: str
    row: TriggerRow
    form: str
    future: bool

    @property
    def event_type(self) -> EventType:
        return self.row.event_type

    @property
    def types(self) -> tuple[EventType, ...]:
        return self.row.types

    @property
    def strength(self) -> str:
        return self.row.strength

    @property
    def strong(self) -> bool:
        return self.row.strength == "strong"

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class CueRow:
    """One row of a cue file. `reach` is (where, words): ("before", 6), ("after", 2),
    ("sentence", 0) or ("", 0) for kinds that are not status cues."""

    kind: str
    forms: tuple[str, ...]
    reach: tuple[str, int]
    gloss: str
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class StatusCue:
    """The cue that decided a status: its kind, the status, and where it is in the sentence.

    `kind` "future" is the future prefix س (on the trigger or a verb just before it).
    """

    kind: str
    status: EventStatus
    start: int
    end: int
    text: str


def _rows(text: str, source: str) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        yield line_no, [c.strip() for c in row]


def _forms(col: str, bad) -> tuple[str, ...]:
    forms = tuple(f.strip() for f in col.split("|"))
    for form in forms:
        if not form:
            raise bad("empty Arabic form")
        if GAP in form and not all(p.strip() and _form_key(p) for p in form.split(GAP)):
            raise bad(f"a gap ({GAP}) must stand between two words: {form!r}")
        if not _ARABIC_LETTER.search(form) or _LATIN_LETTER.search(form):
            raise bad(f"Arabic form {form!r} must be Arabic script")
        if not _form_key(form):
            raise bad(f"Arabic form {form!r} folds to nothing")
    return forms


def _parse_triggers(text: str, source: str) -> list[TriggerRow]:
    out: list[TriggerRow] = []
    for line_no, row in _rows(text, source):
        def bad(why: str, line_no: int = line_no) -> ConfigurationError:
            return ConfigurationError(f"{source}:{line_no}: {why}")

        if len(row) < 3 or len(row) > 7:
            raise bad(
                "expected 3 to 7 tab-separated columns (type, strength, forms, acled_event_type, "
                f"acled_sub_event_type, mode, gloss), got {len(row)}"
            )
        row = row + [""] * (7 - len(row))
        types_col, strength, forms_col, acled_col, sub_col, mode, gloss = row
        try:
            types = tuple(EventType(t.strip()) for t in types_col.split("|"))
        except ValueError:
            raise bad(f"unknown event type in {types_col!r} (one of {', '.join(e.value for e in EventType)})") from None
        if len(set(types)) != len(types):
            raise bad(f"event type repeated in {types_col!r}")
        if strength not in STRENGTHS:
            raise bad(f"strength must be one of {', '.join(STRENGTHS)}, got {strength!r}")
        if strength != "weak" and len(types) > 1:
            raise bad(f"only a weak row may list several types, got {types_col!r}")
        forms = _forms(forms_col, bad)
        acled = None
        if acled_col:
            try:
                acled = AcledEventType(acled_col)
            except ValueError:
                raise bad(f"unknown ACLED event type {acled_col!r}") from None
        if sub_col and (acled is None or sub_col not in ACLED_SUB_EVENT_TYPES[acled]):
            raise bad(f"ACLED sub-event type {sub_col!r} is not one of {acled_col or 'no ACLED type'}'s")
        if mode and mode not in PLOVER_MODES.get(types[0].value, frozenset()):
            raise bad(f"{mode!r} is not a PLOVER mode of {types[0].value}")
        if strength != "block" and not gloss:
            raise bad("missing English gloss")
        out.append(TriggerRow(types, strength, forms, acled, sub_col or None, mode or None, gloss, source, line_no))
    return out


_REACH = re.compile(r"^(before|after):(\d{1,2})$")
_STATUS_KINDS = frozenset(_STATUS_OF_KIND)


def _parse_cues(text: str, source: str) -> list[CueRow]:
    out: list[CueRow] = []
    for line_no, row in _rows(text, source):
        def bad(why: str, line_no: int = line_no) -> ConfigurationError:
            return ConfigurationError(f"{source}:{line_no}: {why}")

        if len(row) < 3 or len(row) > 4:
            raise bad(f"expected 3 or 4 tab-separated columns (kind, forms, reach, gloss), got {len(row)}")
        kind, forms_col, reach_col = row[:3]
        gloss = row[3] if len(row) == 4 else ""
        if kind not in CUE_KINDS:
            raise bad(f"kind must be one of {', '.join(CUE_KINDS)}, got {kind!r}")
        forms = _forms(forms_col, bad)
        if kind in _STATUS_KINDS:
            m = _REACH.match(reach_col)
            if m:
                reach = (m.group(1), int(m.group(2)))
            elif reach_col == "sentence":
                reach = ("sentence", 0)
            else:
                raise bad(f"reach of a {kind} cue must be before:N, after:N or sentence, got {reach_col!r}")
        elif reach_col not in ("", "-"):
            raise bad(f"a {kind} row takes no reach (write -), got {reach_col!r}")
        else:
            reach = ("", 0)
        out.append(CueRow(kind, forms, reach, gloss, source, line_no))
    return out


R = TypeVar("R", TriggerRow, CueRow)


def _by_form(rows: Iterable[R], what: str) -> dict[tuple[str, ...], tuple[R, str]]:
    """Folded form -> (row, form as written); a later source takes a form over, two rows of one
    source may not share one."""
    table: dict[tuple[str, ...], tuple[R, str]] = {}
    for row in rows:
        seen_here: set[tuple[str, ...]] = set()
        for form in row.forms:
            key = _form_key(form)
            if key in seen_here:
                continue
            seen_here.add(key)
            prev = table.get(key)
            if prev is not None and prev[0].source == row.source and prev[0] is not row:
                raise ConfigurationError(
                    f"{row.source}:{row.line}: {what} form {form!r} is already on line {prev[0].line}"
                )
            table[key] = (row, form)
    return table


def _read(path: Path | str, what: str) -> tuple[str, str]:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read {what} file {path}: {exc}") from exc


def _builtin(name: str) -> str:
    return resources.files("summarizer").joinpath(f"data/{name}").read_text(encoding="utf-8")


# --- the trigger lexicon --------------------------------------------------------------------


class TriggerLexicon:
    """Trigger words and phrases -> event types. Immutable once built."""

    def __init__(self, rows: Iterable[TriggerRow] = ()) -> None:
        self._rows = tuple(rows)
        self._table = _by_form(self._rows, "trigger")
        self._forms: _Forms[TriggerRow] = _Forms((f, r) for r, f in self._table.values())

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> TriggerLexicon:
        """The built-in lexicon (unless `builtin=False`) extended by user files, in order."""
        rows: list[TriggerRow] = []
        if builtin:
            rows.extend(_builtin_trigger_rows())
        for path in paths:
            text, source = _read(path, "trigger")
            rows.extend(_parse_triggers(text, source))
        return cls(rows)

    @classmethod
    def default(cls) -> TriggerLexicon:
        """The built-in lexicon (cached)."""
        return _default_lexicon()

    @property
    def rows(self) -> tuple[TriggerRow, ...]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def lookup(self, phrase: str) -> TriggerRow | None:
        """The row whose form is exactly `phrase` (after folding), or None."""
        hit = self._table.get(fold_words(phrase))  # a caller's phrase: the full fold
        return None if hit is None else hit[0]

    def find_triggers(self, text: str) -> list[TriggerMatch]:
        """Triggers in `text`, in text order, with offsets into `text`.

        At each word the longest form wins (وقف إطلاق النار is a ceasefire, not إطلاق النار), then
        the one matched with the fewest attachments; matching resumes after it. A span starts
        after attached conjunctions/prepositions and includes the article and suffixes. Block
        rows consume their words and are not reported.
        """
        folded, hits = self._forms.scan(text)
        out: list[TriggerMatch] = []
        for hit in hits:
            row, form = hit.value
            if row.strength == "block":
                continue
            start, end = folded.original_span(hit)
            out.append(TriggerMatch(start, end, text[start:end], row, form, hit.future))
        return out

    def candidate_types(self, sentence: str) -> list[EventType]:
        """The event types the sentence's triggers propose (`proposed_types`)."""
        return proposed_types(self.find_triggers(sentence))

    def decisive_type(self, sentence: str) -> EventType | None:
        """The type code may decide alone (`decided_type`), or None."""
        return decided_type(self.find_triggers(sentence))


def proposed_types(matches: Iterable[TriggerMatch]) -> list[EventType]:
    """The event types a set of triggers proposes: types with a strong trigger first (in text order),
    then the types of weak triggers (each trigger's own order: most likely first)."""
    matches = list(matches)
    out: list[EventType] = []
    for m in matches:
        if m.strong and m.event_type not in out:
            out.append(m.event_type)
    for m in matches:
        for t in m.types:
            if t not in out:
                out.append(t)
    return out


def decided_type(matches: Iterable[TriggerMatch]) -> EventType | None:
    """The type code may decide alone: every trigger's main type is the same and one of those
    triggers is strong. None when there is no trigger or they propose several types."""
    matches = list(matches)
    main = {m.event_type for m in matches}
    if len(main) == 1 and any(m.strong for m in matches):
        return main.pop()
    return None


def _builtin_trigger_rows() -> list[TriggerRow]:
    return _parse_triggers(_builtin("triggers.tsv"), "summarizer/data/triggers.tsv")


@lru_cache(maxsize=1)
def _default_lexicon() -> TriggerLexicon:
    return TriggerLexicon(_builtin_trigger_rows())


# --- status cues ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue found in a sentence: its first and last word, its row."""

    first: int
    last: int
    row: CueRow


# Punctuation between two words that ends a clause.
_CLAUSE_PUNCT = re.compile(r"[.,،؛;:!?؟«»\"“”()\[\]{}\n]|\s[-–—]\s|[–—]")


class EventCues:
    """Status cues, reported-speech words and clause boundaries. Immutable once built."""

    def __init__(self, rows: Iterable[CueRow] = ()) -> None:
        self._rows = tuple(rows)
        table = _by_form(self._rows, "cue")
        self._nonfuture = frozenset(" ".join(k) for k, (r, _) in table.items() if r.kind == "nonfuture")
        self._forms: _Forms[CueRow] = _Forms((f, r) for r, f in table.values() if r.kind != "nonfuture")

    @classmethod
    def load(cls, *paths: Path | str, builtin: bool = True) -> EventCues:
        """The built-in cues (unless `builtin=False`) extended by user files, in order."""
        rows: list[CueRow] = []
        if builtin:
            rows.extend(_builtin_cue_rows())
        for path in paths:
            text, source = _read(path, "cue")
            rows.extend(_parse_cues(text, source))
        return cls(rows)

    @classmethod
    def default(cls) -> EventCues:
        """The built-in cues (cached)."""
        return _default_cues()

    @property
    def rows(self) -> tuple[CueRow, ...]:
        return self._rows

    def is_future(self, word: str) -> bool:
        """Whether a word (as written, clitics allowed) is a future verb: س + ي/ت/ن + 2 letters."""
        for variant, _cut in PROCLITICS.readings(" ".join(fold_words(word))):
            if (
                len(variant) >= 4
                and variant[0] == "س"
                and variant[1] in _IMPERFECT
                and variant not in self._nonfuture
            ):
                return True
        return False

    def status_cue(self, sentence: str, trigger_span: tuple[int, int]) -> StatusCue | None:
        """The cue that sets the status of the trigger at `trigger_span` (offsets into `sentence`),
        or None when it is reported as having happened."""
        folded, matches = self._forms.scan(sentence)
        if not len(folded):
            return None
        spans = folded.spans
        hits = [_Cue(m.first, m.first + m.n - 1, m.value[0]) for m in matches]
        orig = [folded.norm.original_span(a, z) for a, z in spans]
        t0, t1 = trigger_span
        inside = [k for k, (a, z) in enumerate(orig) if a < t1 and z > t0]
        if not inside:
            return None
        first, last = inside[0], inside[-1]

        # Clause number of each token: punctuation between two tokens, or a boundary word, starts a clause.
        clause = [0] * len(spans)
        starts = {h.first for h in hits if h.row.kind == "boundary"}
        for k in range(1, len(spans)):
            gap = sentence[orig[k - 1][1]:orig[k][0]]
            clause[k] = clause[k - 1] + (1 if _CLAUSE_PUNCT.search(gap) or k in starts else 0)

        def cue_text(a: int, z: int) -> tuple[int, int, str]:
            s, e = orig[a][0], orig[z][1]
            return s, e, sentence[s:e]

        candidates: dict[str, tuple[int, StatusCue]] = {}  # kind -> (distance, cue)

        def consider(kind: str, distance: int, a: int, z: int) -> None:
            s, e, txt = cue_text(a, z)
            cue = StatusCue(kind, _STATUS_OF_KIND.get(kind, "planned"), s, e, txt)
            if kind not in candidates or distance < candidates[kind][0]:
                candidates[kind] = (distance, cue)

        negations = {h.last for h in hits if h.row.kind == "negated"}
        for h in hits:
            row = h.row
            if row.kind not in _STATUS_KINDS or h.last >= first and h.first <= last:
                continue  # not a status cue, or the trigger itself
            if row.kind != "negated" and h.first - 1 in negations:
                continue  # لم ينف، لم يعلن: a negated cue cancels
            where, n = row.reach
            if where == "sentence":
                consider(row.kind, 0, h.first, h.last)
            elif where == "before" and h.last < first and clause[h.first] == clause[first]:
                if first - h.last - 1 <= n:
                    consider(row.kind, first - h.last - 1, h.first, h.last)
            elif (
                where == "after" and h.first > last and clause[h.first] == clause[last] and h.first - last - 1 <= n
            ):
                consider(row.kind, h.first - last - 1, h.first, h.last)

        # The future prefix on the trigger's head (distance -1: nearest), or on a verb up to 3
        # words before it that is not part of another cue.
        words = folded.words
        for k in range(first, max(first - 4, -1), -1):
            if clause[k] != clause[first]:
                break
            if self.is_future(words[k]) and (k == first or not any(h.first <= k <= h.last for h in hits)):
                s, e, txt = cue_text(k, k)
                distance = first - k - 1
                if "planned" not in candidates or distance < candidates["planned"][0]:
                    candidates["planned"] = (distance, StatusCue("future", "planned", s, e, txt))
                break

        for kind in _PRIORITY:
            if kind in candidates:
                return candidates[kind][1]
        return None

    def status_of(self, sentence: str, trigger_span: tuple[int, int]) -> EventStatus:
        """occurred, planned, denied or claimed, from the cues around the trigger."""
        cue = self.status_cue(sentence, trigger_span)
        return "occurred" if cue is None else cue.status


def _builtin_cue_rows() -> list[CueRow]:
    return _parse_cues(_builtin("event_cues.tsv"), "summarizer/data/event_cues.tsv")


@lru_cache(maxsize=1)
def _default_cues() -> EventCues:
    return EventCues(_builtin_cue_rows())


# --- module-level shortcuts -----------------------------------------------------------------


def find_triggers(text: str, lexicon: TriggerLexicon | None = None) -> list[TriggerMatch]:
    """Triggers in `text` (see `TriggerLexicon.find_triggers`), with the built-in lexicon by default."""
    return (lexicon or TriggerLexicon.default()).find_triggers(text)


def candidate_types(sentence: str, lexicon: TriggerLexicon | None = None) -> list[EventType]:
    """The event types a sentence's triggers propose, strong ones first."""
    return (lexicon or TriggerLexicon.default()).candidate_types(sentence)


def decisive_type(sentence: str, lexicon: TriggerLexicon | None = None) -> EventType | None:
    """The type code may decide without the model, or None."""
    return (lexicon or TriggerLexicon.default()).decisive_type(sentence)


def status_cue(sentence: str, trigger_span: tuple[int, int], cues: EventCues | None = None) -> StatusCue | None:
    """The cue that sets the status of the trigger at `trigger_span`, or None (occurred)."""
    return (cues or EventCues.default()).status_cue(sentence, trigger_span)


def status_of(sentence: str, trigger_span: tuple[int, int], cues: EventCues | None = None) -> EventStatus:
    """The status of the event the trigger at `trigger_span` (offsets into `sentence`) reports:
    a cue within a few words before it in the same clause (نفى -> denied, يعتزم/سـ -> planned,
    زعم -> claimed, لم -> denied: not done, دعا إلى -> planned: demanded), else occurred."""
    return (cues or EventCues.default()).status_of(sentence, trigger_span)
