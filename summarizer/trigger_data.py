"""The two reviewed data files of event triggers: their rows, how they are read and checked.

Format, sources and licences in docs/events.md:

* `summarizer/data/triggers.tsv`: trigger words and phrases -> event type (the 16 PLOVER roots
  and the news categories of `models.EventType`), strength, the ACLED type they imply, the PLOVER
  mode. A *strong* trigger says the type on its own (قصف, اعتقل, زلزال); a *weak* one only proposes
  candidates for the model to confirm (انفجار, قتلى, حكم); a *block* row is a phrase that is not a
  trigger and hides the shorter trigger inside it (ضرب مثلا).
* `summarizer/data/event_cues.tsv`: words that change the status of what a trigger reports
  (نفى -> denied, يعتزم -> planned, زعم -> claimed, لم -> not done), reported-speech words and
  clause boundaries.

This module parses both (`TriggerRow`, `CueRow`; a malformed row raises ConfigurationError with
`FILE:LINE: what is wrong`), builds the folded form -> row table a lexicon is made of (a later
source takes a form over), and the phrase scanner both lexicons find their forms with (`_Forms`).
The lexicons themselves are `triggers.TriggerLexicon` and `status_cues.EventCues`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
    "TriggerRow",
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

#: Kinds of rows in event_cues.tsv; the first six change a status (or, habitual, drop the act).
CUE_KINDS = (
    "denied", "claimed", "negated", "habitual", "demanded", "planned", "attribution", "boundary", "block", "nonfuture"
)
_STATUS_OF_KIND: dict[str, EventStatus] = {
    "denied": "denied",
    "claimed": "claimed",
    "negated": "denied",
    "habitual": "occurred",  # it does happen, as a habit or for years: background, not an event
    "demanded": "planned",
    "planned": "planned",
}

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


# --- matching (summarizer.arabic) ------------------------------------------------------------

# Forms are matched by the shared phrase index with the endings of verbs and verbal nouns
# (`arabic.Endings`: article, pronoun suffixes, final alef, future س) and gaps (`…`, up to three
# words); at each word the phrase with the most words wins, then the one read with the fewest
# attachments (`by_size_then_cost`).
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
class CueRow:
    """One row of a cue file. `reach` is (where, words): ("before", 6), ("after", 2),
    ("sentence", 0) or ("", 0) for kinds that are not status cues."""

    kind: str
    forms: tuple[str, ...]
    reach: tuple[str, int]
    gloss: str
    source: str
    line: int


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


def _load_rows(parse: Callable[[str, str], list[R]], name: str, what: str,
               paths: Iterable[Path | str], builtin: bool) -> list[R]:
    """The built-in file's rows (unless `builtin=False`), then each user file's, in order."""
    rows = parse(_builtin(name), f"summarizer/data/{name}") if builtin else []
    for path in paths:
        rows.extend(parse(*_read(path, what)))
    return rows


def _trigger_rows(*paths: Path | str, builtin: bool = True) -> list[TriggerRow]:
    """Rows of the built-in trigger file (unless `builtin=False`) and the user files, in order."""
    return _load_rows(_parse_triggers, "triggers.tsv", "trigger", paths, builtin)


def _cue_rows(*paths: Path | str, builtin: bool = True) -> list[CueRow]:
    """Rows of the built-in cue file (unless `builtin=False`) and the user files, in order."""
    return _load_rows(_parse_cues, "event_cues.tsv", "cue", paths, builtin)
