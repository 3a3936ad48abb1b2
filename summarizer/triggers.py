"""Arabic event triggers: which event types a sentence can report, and the status of each report.

Two reviewed data files, `summarizer/data/triggers.tsv` (trigger words and phrases -> event type,
strength, ACLED type, PLOVER mode) and `summarizer/data/event_cues.tsv` (status cues); their
format, sources and licences in docs/events.md. Their rows are read and checked by
`trigger_data`; the status cues are `status_cues`.

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

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .arabic import fold_words
from .models import EventType
from .status_cues import EventCues, StatusCue, status_cue, status_of
from .trigger_data import (
    ACLED_SUB_EVENT_TYPES,
    CUE_KINDS,
    PLOVER_MODES,
    STRENGTHS,
    CueRow,
    TriggerRow,
    _by_form,
    _Forms,
    _trigger_rows,
)

# Re-exported: the tests and benchmarks/bench_triggers_gsr.py read forms as the lexicon does.
from .trigger_data import _folded_words as _folded_words
from .trigger_data import _form_key as _form_key
from .trigger_data import _readings as _readings

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
        return cls(_trigger_rows(*paths, builtin=builtin))

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


@lru_cache(maxsize=1)
def _default_lexicon() -> TriggerLexicon:
    return TriggerLexicon(_trigger_rows())


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
