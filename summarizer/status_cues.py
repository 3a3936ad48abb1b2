"""Event status cues: whether what a trigger reports happened, or was denied, claimed or planned.

`EventCues` is the lexicon of `summarizer/data/event_cues.tsv` (rows read by `trigger_data`):
words that change the status of what a trigger reports (نفى -> denied, يعتزم -> planned, زعم ->
claimed, لم -> not done), reported-speech words and clause boundaries. `EventCues.load(path, ...)`
adds user files after the built-in one, like `Glossary.load`.

Public functions: `status_cue(sentence, trigger_span)` (the cue that decides, or None) and
`status_of(sentence, trigger_span)` (occurred, planned, denied or claimed); both also exported by
`summarizer.triggers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .arabic import ENDINGS, PROCLITICS, fold_words
from .models import EventStatus
from .trigger_data import (
    _STATUS_KINDS,
    _STATUS_OF_KIND,
    CueRow,
    _by_form,
    _cue_rows,
    _Forms,
)

__all__ = ["EventCues", "StatusCue", "status_cue", "status_of"]

_PRIORITY = ("denied", "claimed", "negated", "habitual", "demanded", "planned")  # first wins
_IMPERFECT = ENDINGS.imperfect  # the prefixes after which س marks a future verb


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
        return cls(_cue_rows(*paths, builtin=builtin))

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


@lru_cache(maxsize=1)
def _default_cues() -> EventCues:
    return EventCues(_cue_rows())


def status_cue(sentence: str, trigger_span: tuple[int, int], cues: EventCues | None = None) -> StatusCue | None:
    """The cue that sets the status of the trigger at `trigger_span`, or None (occurred)."""
    return (cues or EventCues.default()).status_cue(sentence, trigger_span)


def status_of(sentence: str, trigger_span: tuple[int, int], cues: EventCues | None = None) -> EventStatus:
    """The status of the event the trigger at `trigger_span` (offsets into `sentence`) reports:
    a cue within a few words before it in the same clause (نفى -> denied, يعتزم/سـ -> planned,
    زعم -> claimed, لم -> denied: not done, دعا إلى -> planned: demanded), else occurred."""
    return (cues or EventCues.default()).status_of(sentence, trigger_span)
