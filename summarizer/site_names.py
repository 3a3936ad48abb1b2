"""Places the gazetteer does not know, named by the article's own place word.

GeoNames has no Arabic name for most neighbourhoods, villages, rivers, airports and stadiums, and
those are where news happens: حي غوط الشعال (a district of Tripoli), سجن عين زارة, بمنطقة عين
سلطان, نهر الدندر, ملعب لوجنيكي, مطار بوفاريك. The word before the name says it is a place, so the
name is the event's most precise place even though nothing geocodes it (the gold files of the
news eval name them so). `unlisted_places` reads them:

* an indefinite area word (مدينة، بلدة، قرية، مخيم، حي، منطقة، ضاحية) or site word (نهر، مطار،
  ميناء، معبر، ملعب، سجن، جسر، جزيرة، شارع، ميدان), clitics allowed (بمنطقة), then up to
  `_NAME_WORDS` words without punctuation between them;
* the name stops at a function word, a number, a direction (شمال، جنوبي …), another place or
  division word, a second word with a preposition or و fused to it (بالجانب، وعجلون), a word
  without the article after one with it (منطقة الجزاء فشل: the next clause);
* no name: an indefinite relative adjective (منطقة حدودية، مطار عسكري, a kind of place), one
  of the common adjectives of places or a verb that describes one (`_ADJECTIVES`: منطقة آمنة،
  مدينة كبيرة، مدينة تقع إلى الجنوب), a nationality (المياه الإقليمية اللبنانية: a description),
  سجن with a fused preposition (بسجن ناشطين, imprisoning), a name the
  gazetteer or the glossary knows (found as that, not here), words that are all news terms
  (مخيم اللاجئين: a camp of refugees, not a named camp);
* an area word is not part of the name (حي غوط الشعال is غوط الشعال), a site word is (نهر
  الدندر, the Dinder River);
* code spells it (`english`: the romanizer's spelling, checked consonant by consonant against the
  Arabic); a name it cannot spell is left out, so the sentence's next place stands.
"""

from __future__ import annotations

from .arabic import PROCLITICS, FoldedText, fold_words, is_function_word
from .names import KnownNames
from .numbers import values_in
from .roles import is_nisba
from .romanize import Romanizer
from .terms import TermLexicon

__all__ = ["english", "unlisted_places"]

_AREA_WORDS = frozenset(fold_words("مدينة بلدة قرية مخيم حي منطقة ضاحية"))
_SITE_WORDS = frozenset(fold_words("نهر مطار ميناء معبر ملعب سجن جسر جزيرة شارع ميدان"))
# Site words that are also verbal nouns: with a fused preposition, بسجن is "with imprisoning".
_VERBAL_SITES = frozenset(fold_words("سجن"))
_STOPS = frozenset(fold_words(
    "شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي قرب قرابة نحو محافظة ولاية إقليم قضاء ناحية مديرية"
)) | _AREA_WORDS | _SITE_WORDS
# Adjectives that describe a place rather than name it (منطقة آمنة، منطقة عازلة، مدينة كبيرة), and
# the verbs of a relative clause after an indefinite place (مدينة تقع إلى الجنوب).
_ADJECTIVES = frozenset(fold_words(
    "آمنة عازلة منزوعة محظورة مغلقة محاصرة مجاورة قريبة بعيدة واسعة كبيرة صغيرة جديدة قديمة نائية "
    "مزدحمة مكتظة سكنية مأهولة خالية منكوبة متضررة "
    "تقع يقع تبعد يبعد تضم يضم تعد يعد تسمى يسمى تشهد يشهد يسكنها يقطنها تسيطر يسيطر "
    "الجزاء العمليات الملاهي"  # منطقة الجزاء (the penalty area), منطقة العمليات, مدينة الملاهي
))
_FUSED = ("بال", "لل", "و", "ب", "ل", "ك")
_NAME_WORDS = 3


def unlisted_places(
    sentence: str, known: KnownNames, lexicon: TermLexicon | None = None, romanizer: Romanizer | None = None
) -> list[tuple[int, int]]:
    """Spans of `sentence` that name a place after a place word, where nothing else knows the name
    (module docstring) and code can spell it (`english`), in order."""
    lexicon = lexicon or TermLexicon.default()
    words = FoldedText(sentence)
    taken = [(start, end) for start, end, _ in known.occurrences(sentence)]
    out: list[tuple[int, int]] = []
    for k in range(len(words.words) - 1):
        stems = PROCLITICS.stems(words.words[k])
        site = bool(stems & _SITE_WORDS)
        if not (site or stems & _AREA_WORDS) or not words.joined(k, 2):
            continue
        if stems & _VERBAL_SITES and words.words[k] not in _VERBAL_SITES:
            continue  # بسجن ناشطين: imprisoning, not a prison
        end = k + 1
        while end < min(len(words.words), k + 1 + _NAME_WORDS):
            word = words.words[end]
            if end > k + 1 and (not words.joined(end - 1, 2) or word.startswith(_FUSED)):
                break
            if end > k + 1 and words.words[end - 1].startswith("ال") and not word.startswith("ال"):
                break  # after a definite word only its adjectives (المياه الإقليمية), not the next clause
            if (is_function_word(word) or not word.isalpha() or values_in(word)
                    or PROCLITICS.stems(word, drop_article=True) & _STOPS):
                break
            end += 1
        if end == k + 1:
            continue
        first = words.words[k + 1]
        if first in _ADJECTIVES or (not first.startswith("ال") and is_nisba(words, k + 1)):
            continue  # a kind of place: منطقة حدودية، منطقة آمنة
        start_at = words.norm.span_to_original(*words.spans[k if site else k + 1])[0]
        if site:
            start_at += _clitic_length(sentence[start_at:words.norm.span_to_original(*words.spans[k])[1]])
        end_at = words.norm.span_to_original(*words.spans[end - 1])[1]
        name_at = words.norm.span_to_original(*words.spans[k + 1])[0]
        if any(s < end_at and name_at < e for s, e in taken):
            continue  # a known place or actor
        if _all_terms(lexicon, sentence[name_at:end_at]) or any(
            known.gazetteer.demonym_country(w) for w in sentence[name_at:end_at].split()
        ):
            continue  # common nouns (مخيم اللاجئين), a description (منطقة المياه الإقليمية اللبنانية)
        if english(sentence[start_at:end_at], romanizer, lexicon) is None:
            continue  # no spelling to give it: asked of the model, it became "Sana'a" and "Nile River"
        out.append((start_at, end_at))
    return out


def english(name: str, romanizer: Romanizer | None = None, lexicon: TermLexicon | None = None) -> str | None:
    """The English of an unlisted place, by code: its name spelt by the romanizer where the spelling's
    consonants agree with the Arabic (`Romanizer.spell`), after a site word's English (نهر الدندر:
    Al-Danadar River; مطار بوفاريك: Boufarik Airport); None when it cannot be spelt. Never the
    model's: asked for these names, the embedded model wrote "Sana'a" for سجن عين زارة."""
    romanizer = romanizer or Romanizer.default()
    words = name.split()
    site = None
    if len(words) > 1 and set(fold_words(words[0])) & _SITE_WORDS:
        terms = (lexicon or TermLexicon.default()).find_terms(words[0])
        site = terms[0].term.canonical if terms else None
        if site is None:
            return None
        words = words[1:]
    spelt = romanizer.spell(" ".join(words))
    if spelt is None:
        return None
    return f"{spelt} {site.title()}" if site else spelt


def _clitic_length(word: str) -> int:
    """Letters of the conjunctions and prepositions fused to a site word (بمطار: 1), 0 if none."""
    for clitic in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(clitic) and set(fold_words(word[len(clitic):])) & _SITE_WORDS:
            return len(clitic)
    return 0


def _all_terms(lexicon: TermLexicon, name: str) -> bool:
    """Whether every word of `name` is covered by a news term of the lexicon."""
    covered = [False] * len(name)
    for match in lexicon.find_terms(name):
        covered[match.start:match.end] = [True] * (match.end - match.start)
    return all(covered[i] for i, c in enumerate(name) if c.isalpha())
