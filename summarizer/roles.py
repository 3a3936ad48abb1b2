"""Actor roles checked against the sentence: who does the act, who it is done to, who brokers it.

The model names an event's initiators and recipients; code checks them against what the
sentence's words show, with rules that rarely misfire in news Arabic (docs/events.md, "Roles"):

* **recipient after a target word.** In a hostile act (assault, coerce, sanction, threaten,
  accuse, protest, reject), a name that follows على / ضد / بحق / استهداف (within two words: هجوم
  على حاجز للجيش) after the trigger is the one the act is done to, not its initiator;
* **initiator after a feminine perfect verb.** A known actor (glossary, not a place) standing
  right after the event's verb trigger in its 3rd person feminine perfect form (شنت قوات النظام،
  اعتقلت الشرطة) is that verb's subject in verb-subject-object order: the initiator. Only this
  form: a masculine perfect is often passive unvocalised (قتل الجندي), and a verbal noun's genitive
  may be its object (اعتقال الناشط);
* **mediator after a brokering word.** A name right after بوساطة / برعاية / وساطة is the mediator;
  the model is not asked for mediators, code sets the role;
* **every party initiator** in meetings, talks, mutual cooperation, matches (PLOVER's reciprocal
  coding, the coding guide) and armed clashes (both sides fight).

A rule that does not apply says nothing: the model's role stands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from .arabic import PROCLITICS, FoldedText, fold_words, is_function_word
from .grounding import Source
from .models import EventType
from .triggers import TriggerMatch

__all__ = ["ACTOR_HEADS", "HOSTILE", "MUTUAL", "VERBAL", "RoleCheck", "expected_role", "mutual", "opening_subject"]

Role = Literal["initiator", "recipient", "mediator"]

#: Types whose parties all act: a meeting, cooperation, a match.
MUTUAL = frozenset({EventType.consult, EventType.cooperate, EventType.sport})
#: Types with a target: a name after a target word is the recipient.
HOSTILE = frozenset({
    EventType.assault, EventType.coerce, EventType.sanction, EventType.threaten, EventType.accuse,
    EventType.protest, EventType.reject,
})
_TARGET_WORDS = frozenset(fold_words("على ضد بحق تجاه استهداف استهدف استهدفت استهدفوا يستهدف تستهدف"))
_BROKER_WORDS = frozenset(fold_words("بوساطة وساطة برعاية رعاية بجهود"))
_REACH = 2  # words between a target word and the name (على حاجز للجيش)
#: Acts done by speaking: the speaker of a sentence's opening verb of saying is their initiator.
VERBAL = frozenset({
    EventType.accuse, EventType.request, EventType.reject, EventType.threaten, EventType.support, EventType.agree,
})
#: Head nouns of collective actors, after CAMEO's agent types (government, police and military,
#: judiciary, legislature, parties, rebels, international bodies, unions, companies): a phrase
#: that starts with one names who acts. Singular and plural, without ال (code reads it).
ACTOR_HEADS = frozenset(fold_words(
    "حكومة حكومات سلطة سلطات وزارة وزارات رئاسة إدارة هيئة هيئات لجنة لجان مفوضية مديرية دائرة بلدية "
    "سفارة قنصلية خارجية داخلية قوة قوات شرطة أجهزة وحدات بحرية استخبارات مخابرات دورية كتيبة كتائب "
    "محكمة محاكم نيابة حركة جماعة جماعات جبهة معارضة فصائل ميليشيا ميليشيات منظمة منظمات "
    "نقابة نقابات جمعية رابطة شركة شركات مؤسسة"
))
_SAYING = frozenset(fold_words("قالت أعلنت أكدت ذكرت أفادت أوضحت أشارت صرحت أضافت نفت حذرت طالبت دعت وصفت"))
# Either gender: before a person's name a verb of saying is active (`_person_named`).
_SAYING_EITHER = _SAYING | frozenset(fold_words("قال أعلن أكد ذكر أفاد أوضح أشار صرح أضاف نفى حذر طالب دعا وصف"))
#: Nouns that describe a person in an apposition after the name (وقالت فلانة، محامية الحراك):
#: occupations and positions, both genders, without ال (code reads it).
_PERSON_NOUNS = frozenset(fold_words(
    "محامي محامية متحدث متحدثة ناطق ناطقة سفير سفيرة وزير وزيرة رئيس رئيسة مدير مديرة قائد قائدة "
    "مسؤول مسؤولة عضو عضوة نائب نائبة مستشار مستشارة أمين أمينة أستاذ أستاذة خبير خبيرة باحث باحثة "
    "مؤلف مؤلفة مراسل مراسلة ناشط ناشطة زعيم زعيمة محافظ مندوب مندوبة ممثل ممثلة قيادي قيادية "
    "مبعوث مبعوثة منسق منسقة قاضي قاضية طبيب طبيبة مفوض مفوضة نقيب"
))
_NISBA = ("ي", "يه", "يون", "يين")  # folded endings of a relative adjective (القطرية، الأردني)
_MAX_SUBJECT = 4  # words


@dataclass(frozen=True)
class RoleCheck:
    """The role the sentence gives a name, and the word that shows it."""

    role: Role
    word: str


def mutual(event_type: EventType | str, triggers: Iterable[TriggerMatch] = ()) -> bool:
    """Whether every party of the act is an initiator: a mutual type, or an armed clash."""
    return EventType(event_type) in MUTUAL or any(t.row.acled_sub_event_type == "Armed clash" for t in triggers)


def expected_role(
    sentence: str, name: str, event_type: EventType | str, triggers: Iterable[TriggerMatch], known_actors: Iterable[str] = ()
) -> RoleCheck | None:
    """The role the words of `sentence` give `name` in an act of `event_type` whose triggers (offsets
    in `sentence`) are `triggers`, or None when no rule applies (module docstring)."""
    triggers = list(triggers)
    span = Source(sentence).find_name(name)
    if span is None:
        return None
    words = FoldedText(sentence)
    at = _word_at(words, span[0])
    if at is None:
        return None
    before = _clause_words_before(words, at, _REACH + 1)

    def shown(k: int) -> str:
        return sentence[slice(*words.norm.original_span(*words.spans[k]))]

    for k in before[:1]:
        if PROCLITICS.stems(words.words[k]) & _BROKER_WORDS:
            return RoleCheck("mediator", shown(k))
    event_type = EventType(event_type)
    if mutual(event_type, triggers):
        return None
    starts = [_word_at(words, t.start) for t in triggers]
    if event_type in HOSTILE and any(s is not None and s < at for s in starts):
        for k in before:
            if PROCLITICS.stems(words.words[k]) & _TARGET_WORDS:
                return RoleCheck("recipient", shown(k))
    folded_name = fold_words(name)
    if not any(fold_words(a) == folded_name for a in known_actors):
        return None
    for t in triggers:
        verb = _word_at(words, t.start)
        if verb is not None and verb + 1 == at and words.joined(verb, 2) and _feminine_perfect(words.words[verb]):
            return RoleCheck("initiator", shown(verb))
    return None


def _word_at(words: FoldedText, offset: int) -> int | None:
    """The index of the word whose original span holds `offset`."""
    for k, (a, z) in enumerate(words.spans):
        start, end = words.norm.span_to_original(a, z)
        if start <= offset < end:
            return k
    return None


def _clause_words_before(words: FoldedText, at: int, n: int) -> list[int]:
    """Up to n words before word `at` (indices), nearest first, stopping at punctuation."""
    out = []
    k = at
    while k > 0 and len(out) < n and words.joined(k - 1, 2):
        k -= 1
        out.append(k)
    return out


def _feminine_perfect(word: str) -> bool:
    """Whether a folded word, clitics aside, is a 3rd person feminine perfect verb: it ends in ت, not in
    the plural ات. (A verb trigger's subject follows its first word, also inside a gap: شنت … هجوما.)"""
    return any(stem.endswith("ت") and not stem.endswith("ات") and len(stem) >= 4 for stem in PROCLITICS.stems(word))


def opening_subject(
    sentence: str, event_type: EventType | str, triggers: Iterable[TriggerMatch], actor: Callable[[str], bool]
) -> str | None:
    """The subject of a sentence that opens with a 3rd person feminine perfect verb, as written, when
    that verb is the act's trigger, or a verb of saying and the act is said (`VERBAL`): وأغلقت
    السلطات …، وقضت المحكمة …، وقالت الحكومة إن … (the speaker of a rejection), تقدمت قطر بدعوى.

    The subject is the word right after the verb (`_subject_end`: with its genitive and relative
    adjectives, قوات الأمن الأردنية), at most `_MAX_SUBJECT` words; it must name an actor: a known
    actor or place (`actor`), or a phrase whose first word is an `ACTOR_HEADS` noun. A person's
    name passes neither test; it is read where an apposition describes a person after it
    (`_person_named`): وقالت بشرى الرويسي، محامية الناشطين; وقال محمد آل جابر، سفير السعودية. The head-noun test keeps
    out the passive reading (أغلقت المدارس, the schools were closed; قتلت امرأة), whose subject is
    what the act is done to. None when any test fails: a verb that is not the sentence's first word,
    a masculine verb (often passive unvocalised), a speaker of a material act (قالت الشرطة إن
    مسلحين هاجموا: the police did not attack)."""
    words = FoldedText(sentence)
    if len(words.words) < 2 or not words.joined(0, 2):
        return None
    if EventType(event_type) in VERBAL and PROCLITICS.stems(words.words[0]) & _SAYING_EITHER:
        person = _person_named(sentence, words)
        if person is not None:
            return person
    if not _feminine_perfect(words.words[0]):
        return None
    end = _subject_end(words)
    starts = {_word_at(words, t.start) for t in triggers}
    said = bool(PROCLITICS.stems(words.words[0]) & _SAYING) and EventType(event_type) in VERBAL
    # the trigger is the verb, or the verbal noun after its subject and ب (تقدمت قطر بدعوى, قامت
    # القوات بحملة: a light verb); not any noun there (شهدت طرابلس اشتباكات: Tripoli did not fight)
    light = end in starts and words.words[end].startswith("ب")
    if not (0 in starts or light or said):
        return None
    start_at, _ = words.norm.span_to_original(*words.spans[1])
    _, end_at = words.norm.span_to_original(*words.spans[end - 1])
    name = sentence[start_at:end_at]
    head = PROCLITICS.stems(words.words[1], drop_article=True)
    if actor(name) or head & ACTOR_HEADS:
        return name
    return None


def _person_named(sentence: str, words: FoldedText) -> str | None:
    """The person's name right after a sentence's opening verb of saying, as written, where a comma
    and a `_PERSON_NOUNS` apposition follow it: up to `_MAX_SUBJECT` words, the first without the
    article (a given name; آل of a family name is a word of the name). A verb of saying with a
    person's name after it is active in either gender, so masculine verbs count here."""
    if words.words[1].startswith("ال") or is_function_word(words.words[1]) or not words.words[1].isalpha():
        return None
    for end in range(2, min(len(words.words), 2 + _MAX_SUBJECT)):
        last = words.norm.span_to_original(*words.spans[end - 1])[1]
        if not words.joined(end - 1, 2):
            gap = sentence[last:words.norm.span_to_original(*words.spans[end])[0]]
            if gap.strip() in ("،", ",") and PROCLITICS.stems(words.words[end], drop_article=True) & _PERSON_NOUNS:
                return sentence[words.norm.span_to_original(*words.spans[1])[0]:last]
            return None
        word = sentence[slice(*words.norm.span_to_original(*words.spans[end]))]
        if is_function_word(words.words[end]) and word != "آل":
            return None
    return None


def _subject_end(words: FoldedText) -> int:
    """The index after the subject that starts at word 1: the noun, its definite genitive when it
    has no article itself (ملك الأردن، قوات الأمن), then definite relative adjectives (الحكومة
    القطرية). Not any definite word: in verb-subject-object order a definite object follows a
    definite subject (أغلقت السلطات المدارس)."""
    end, limit = 2, min(len(words.words), 1 + _MAX_SUBJECT)
    if end < limit and not words.words[1].startswith("ال") and words.joined(1, 2) and words.words[2].startswith("ال"):
        end = 3
    while end < limit and words.joined(end - 1, 2) and words.words[end].startswith("ال") and words.words[end].endswith(_NISBA):
        end += 1
    return end
