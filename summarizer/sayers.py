"""Who says what: a translation that hands a statement to someone its Arabic does not have say it.

Seen on the news eval (2026-12-03, 001): for "وتقول حكومات غربية إنه منشأة سرية" (Western
governments say it is a secret facility) the model wrote "Aziz Esber … claims that Western
governments are responsible", and for Al-Watan's report, "وقالت صحيفة الوطن الموالية للحكومة
السورية", "The Syrian government announced". Every name and term is the Arabic's, so the word
checks pass both.

The check compares the speaker of each English verb of saying with where the Arabic names its
speakers:

* in the Arabic, a speaker is named after a verb of saying up to what is said (إن، أن، a colon), an
  affiliation left out (الموالية للحكومة is pro-government, not the government); or before the verb
  in its clause (subject first: الجيش اللبناني أشار إلى أن); or after بحسب، وفقا ل، نقلا عن، على لسان;
* in the English, the speaker is the subject of said/says/told/added (or of announced/claimed/
  reported/… followed by "that" or a quote), read back to the start of its clause; after "who" or
  "which", the few words before it; "…, the agency said." at the end of a sentence; "according to X".

The English speaker's known names and news terms (`terms.TermLexicon`; the words of a name's
English count as the name, not as terms) are placed in the Arabic. A speaker all of whose places
lie outside every Arabic speaker's span, where a speaker's span names someone code knows, is a
statement handed to the wrong party. Nothing is concluded where the English speaker is a pronoun
or names nothing code knows, or where the Arabic names no speaker code knows.

A speaker the translation leaves out (`dropped_speakers`) turns a claim into a fact; a relative
clause describes a speaker and does not name it (التحالف العربي الذي تقوده المملكة العربية السعودية
is the coalition, not Saudi Arabia: news 019's "Saudi Arabia announced").

On the 290 human translations of the two gold corpora it flags none of the 56 speakers it can
place; on the news eval's outputs it flags the two texts of 001 above and 003's "Jordan News
Agency reported that Jordan welcomed …" for a minister's words to that agency.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from .arabic import PROCLITICS, fold_words
from .glossary import accepts_english
from .roles import SAYING_VERBS
from .terms import EnglishHit, TermLexicon

__all__ = ["Speaker", "dropped_speakers", "english_speakers", "speaker_spans", "swapped_sayers"]

# Imperfect and verbal-noun forms too: الذي تقول دول غربية إنه (which Western states say is).
# Accusing, denying, hinting, claiming (an attack too) are saying (وتتهم حكومات غربية المركز: Western governments say).
_SAYING = SAYING_VERBS | frozenset(fold_words(
    "يقول تقول يقولون قالوا قوله قولها يعلن تعلن أعلنوا يؤكد تؤكد أكدوا يشير تشير يضيف تضيف يذكر تذكر يفيد تفيد "
    "اتهم اتهمت يتهم تتهم يتهمون ينفي تنفي نفوا يحذر تحذر لمح لمحت يلمح تلمح زعم زعمت يزعم تزعم ادعى ادعت يدعي "
    "تدعي كشف كشفت يكشف تكشف تبنى تبنت يتبنى تتبنى تبنوا"
))
_ACCORDING = frozenset(fold_words("بحسب حسب وفقا وفق نقلا لسان"))
_WHAT_IS_SAID = frozenset(fold_words("إن أن إنه أنه إنها أنها إنهم أنهم"))
# A party the speaker belongs to or sides with is not the speaker: صحيفة الوطن الموالية للحكومة.
_AFFILIATION = frozenset(fold_words(
    "موال موالية الموالي الموالية الموالين الموالون تابع تابعة التابع التابعة التابعين مقرب مقربة المقرب "
    "المقربة المقربين المدعوم المدعومة المؤيد المؤيدة القريب القريبة"
))
_CLAUSE_END = frozenset("،,.:؛")
_RELATIVE = re.compile(r"(?<!\w)(?:الذي|التي|الذين|اللذان|اللتان|اللذين|اللتين|اللواتي|اللاتي)(?!\w)")
_SPEAKER_WORDS = 12  # words after a verb of saying that may name its speaker

_TOKEN = re.compile(r"[^\s،,.:؛«»\"“”()]+|[،,.:؛]")
_EN_SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|announced|announces|claimed|claims|reported|reports|stated|"
    r"states|declared|declares|confirmed|confirms|explained|noted|indicated|stressed|affirmed|warned|denied)\b"
)
# Verbs that also take a plain object ("confirmed 41 cases"): a speaker's only before "that" or a quote.
_EN_SPEECH = frozenset({"said", "says", "say", "told", "tells", "added", "adds"})
_EN_THAT = re.compile(r"(?:\s+\S+){0,5}?\s+that\b|\s*[:'\"]")
_EN_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+|not\s+|also\s+)?$", re.IGNORECASE)
_EN_CLAUSE = re.compile(
    r"\b(?:that|and|but|then|where|when|while|whereas|although|though|after|before|as|because|since|if|so|which|who|whom)\s"
)
_EN_RELATIVE = re.compile(r",?\s*\b(?:who|which)\s*$")
_EN_ACCORDING = re.compile(r"\baccording to ([^,.;]{2,80})", re.IGNORECASE)
_ANTECEDENT_WORDS = 6


class Speaker(NamedTuple):
    """A span of an Arabic text that may name who says something."""

    start: int
    end: int
    #: whether what is said follows (إن، أن، a colon) or the span is a source (بحسب): a claim, not an act
    reported: bool


def swapped_sayers(
    english: str, arabic: str, names: Sequence[tuple[str, Sequence[str]]], lexicon: TermLexicon
) -> list[tuple[str, str]]:
    """(English speaker, the Arabic's speakers code knows) for each statement the translation gives
    to a party the Arabic does not have say it.

    `names`: (Arabic as written, accepted English forms) of the text's known names (`KnownNames.hints`).
    """
    places = _places(arabic, names, lexicon)
    spans = speaker_spans(arabic)
    known = [s for s in spans if _named(s, places)]
    if not known:
        return []
    out = []
    for speaker in english_speakers(english):
        found = _placed(speaker, places, lexicon)
        if found and not any(a < s.end and s.start < b for a, b in found for s in spans):
            out.append((speaker, _shown(arabic, known)))
    return out


def dropped_speakers(
    english: str, arabic: str, names: Sequence[tuple[str, Sequence[str]]], lexicon: TermLexicon,
    modifiers: Collection[str] = (),
) -> list[str]:
    """The Arabic's speakers of what it reports (X قال إن …, بحسب X) that the translation renders
    nothing of: a claim told as a fact ("Aziz Esber … is a secret production facility" for وتقول
    حكومات غربية إنه منشأة سرية). Only speakers code knows a word of are judged.

    `modifiers`: names as written that only qualify a speaker (a nationality): مسؤول فلسطيني is not
    rendered by "Palestinian factions" (news 034), which the nationality's own check accepts."""
    places = _places(arabic, names, lexicon)
    if not all(_placed(speaker, places, lexicon) for speaker in english_speakers(english)):
        return []  # a speaker code cannot place may be the Arabic's, in words code does not know
    qualifying = {(m.start(), m.end()) for written in modifiers for m in re.finditer(re.escape(written), arabic)}
    out = []
    for span in speaker_spans(arabic):
        # a relative clause describes the speaker, it does not name it: التحالف الذي تقوده السعودية
        # is not rendered by "Saudi Arabia announced" (news 019); judged by it only when code knows
        # no word before it
        relative = _RELATIVE.search(arabic, span.start, span.end)
        inside = [(a, b, key) for a, b, key in places if span.start <= a and b <= span.end]
        if relative is not None:
            inside = [place for place in inside if place[1] <= relative.start()] or inside
        # what names the speaker itself; a nationality alone is judged where nothing else is known
        inside = [key for a, b, key in inside if (a, b) not in qualifying] or [key for _, _, key in inside]
        if span.reported and inside and not any(
            accepts_english(key, english) if kind == "name" else _renders(lexicon, key, english) for kind, key in inside
        ):
            out.append(_shown(arabic, [span]))
    return list(dict.fromkeys(out))


def _renders(lexicon: TermLexicon, term_id: str, english: str) -> bool:
    term = lexicon.get(term_id)
    return term is not None and lexicon.accepts(term, english)


_Place = tuple[int, int, tuple[str, Any]]


def _places(arabic: str, names: Sequence[tuple[str, Sequence[str]]], lexicon: TermLexicon) -> list[_Place]:
    """The known names (kind "name", their English forms) and news terms (kind "term", the row's id) of the Arabic."""
    places: list[_Place] = [(m.start(), m.end(), ("name", tuple(forms))) for written, forms in names
                            for m in re.finditer(re.escape(written), arabic)]
    return places + [(m.start, m.end, ("term", m.term.id)) for m in lexicon.find_terms(arabic)]


def _placed(speaker: str, places: list[_Place], lexicon: TermLexicon) -> list[tuple[int, int]]:
    """The Arabic spans of the known names and terms an English speaker names; none where a
    capitalised word of it is neither (Mounir al-Hamdi: someone code does not know)."""
    named = [(m.start(), m.end()) for _, _, (kind, forms) in places if kind == "name" for form in forms
             for m in re.finditer(rf"\b{re.escape(form)}\b", speaker, re.IGNORECASE)]
    hits = [hit for hit in lexicon.english_terms(speaker) if not any(a <= hit.start < b for a, b in named)]
    if _unplaced_name(speaker, named, hits):
        return []
    # a capitalised term inside the speaker is a name's word (Nile Capital), not the term
    ids = {i for hit in hits if not (hit.start > 0 and hit.text[:1].isupper()) for i in hit.term_ids}
    return [(a, b) for a, b, (kind, key) in places
            if (kind == "name" and accepts_english(key, speaker)) or (kind == "term" and key in ids)]


def _named(span: Speaker, places: list[_Place]) -> bool:
    return any(span.start <= a and b <= span.end for a, b, _ in places)


def _shown(arabic: str, spans: Sequence[Speaker]) -> str:
    return "، ".join(dict.fromkeys(arabic[s.start:s.end].strip() for s in spans))


def _unplaced_name(speaker: str, named: list[tuple[int, int]], hits: list[EnglishHit]) -> bool:
    """Whether a capitalised word of the speaker after its first is neither a known name's nor a term's."""
    covered = [*named, *((h.start, h.end) for h in hits)]
    return any(not any(a <= m.start() < b for a, b in covered)
               for m in re.finditer(r"\b[A-Z][\w'-]*", speaker) if m.start() > 0)


def speaker_spans(arabic: str) -> list[Speaker]:
    """Spans of an Arabic text that may name who says something (see the module's docstring)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(arabic)]
    stems = [PROCLITICS.stems(folded[0]) if (folded := fold_words(t)) else set() for _, _, t in tokens]
    out = []
    for k, (start, end, _) in enumerate(tokens):
        saying = bool(stems[k] & _SAYING)
        according = bool(stems[k] & _ACCORDING)
        if not (saying or according):
            continue
        window = range(k + 1, min(k + 1 + _SPEAKER_WORDS, len(tokens)))
        stop = next((j for j in window if tokens[j][2] in {":", ".", "؛"} or stems[j] & _WHAT_IS_SAID), None)
        said = stop is not None and (tokens[stop][2] == ":" or bool(stems[stop] & _WHAT_IS_SAID))
        last, affiliated = end, False
        for j in window:
            word = tokens[j][2]
            if j == stop:
                break
            if word in {"،", ","} and not said:
                # with nothing said after it, a verb's speaker ends at a comma, and what follows is
                # what is said where the verb opens its clause (أعلن مسؤول فلسطيني، توصل إلى اتفاق:
                # the official's claim, news 034; not النتائج التي لم تعلن رسميا بعد، أعطت)
                said = saying and (k == 0 or tokens[k - 1][2] in _CLAUSE_END)
                break
            if stems[j] & _AFFILIATION:
                affiliated = True
            elif word in {"،", ","}:
                affiliated = False  # an affiliation runs to the next comma
            elif not affiliated:
                last = tokens[j][1]
        if last > end:
            out.append(Speaker(end, last, said or according))
        if saying:
            first = k
            while first > 0 and tokens[first - 1][2] not in _CLAUSE_END and not stems[first - 1] & _WHAT_IS_SAID:
                first -= 1
            if first < k:
                out.append(Speaker(tokens[first][0], start, said))
    return out


def english_speakers(english: str) -> list[str]:
    """The subjects of the English's verbs of saying, and the sources after "according to"."""
    out = [m.group(1) for m in _EN_ACCORDING.finditer(english)]
    for m in _EN_SAYING.finditer(english):
        before, after = english[: m.start()], english[m.end():]
        if _EN_PASSIVE.search(before) or (m.group() not in _EN_SPEECH and not _EN_THAT.match(after)):
            continue
        if re.match(r"\s*(?:[.,;]|$)", after) and ", " in before:  # "…, the agency said."
            out.append(before[before.rfind(", ") + 2:].strip())
            continue
        relative = _EN_RELATIVE.search(before)  # "its director, who claims": the director
        if relative:
            before = before[: relative.start()]
        start = max(before.rfind(". "), before.rfind("; "), before.rfind(": "),
                    *(w.end() - 1 for w in _EN_CLAUSE.finditer(before)), before.rfind(", ") if relative else -1)
        speaker = before[start + 1:].strip()
        if relative and len(speaker.split()) > _ANTECEDENT_WORDS:
            continue
        if speaker:
            out.append(speaker)
    return out
