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
from .gazetteer import is_person_title
from .grounding import Source
from .models import EventType
from .triggers import TriggerMatch

__all__ = [
    "ACTOR_HEADS", "HOSTILE", "MUTUAL", "SAYING_VERBS", "VERBAL", "RoleCheck", "expected_role", "is_nisba", "mutual",
    "named_person", "opening_subject",
]

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
    "نقابة نقابات جمعية رابطة شركة شركات مؤسسة "
    "قيادة جيش مجلس برلمان حزب تحالف اتحاد ائتلاف تنظيم جهاز بنك مصرف منتخب نادي وفد"
))
_SAYING = frozenset(fold_words("قالت أعلنت أكدت ذكرت أفادت أوضحت أشارت صرحت أضافت نفت حذرت طالبت دعت وصفت توقعت"))
#: Verbs of saying, either gender (before a person's name a verb of saying is active: `_person_named`).
SAYING_VERBS = _SAYING | frozenset(fold_words("قال أعلن أكد ذكر أفاد أوضح أشار صرح أضاف نفى حذر طالب دعا وصف توقع"))
# Acts nobody does: a hazard or an outbreak has no initiator, whoever reports or forecasts it.
_UNDONE = frozenset({EventType.disaster, EventType.health})
#: Nouns that describe a person in an apposition after the name (وقالت فلانة، محامية الحراك):
#: occupations and positions, both genders, without ال (code reads it).
_PERSON_NOUNS = frozenset(fold_words(
    "محامي محامية متحدث متحدثة ناطق ناطقة سفير سفيرة وزير وزيرة رئيس رئيسة مدير مديرة قائد قائدة "
    "مسؤول مسؤولة عضو عضوة نائب نائبة مستشار مستشارة أمين أمينة أستاذ أستاذة خبير خبيرة باحث باحثة "
    "مؤلف مؤلفة مراسل مراسلة ناشط ناشطة زعيم زعيمة محافظ مندوب مندوبة ممثل ممثلة قيادي قيادية "
    "مبعوث مبعوثة منسق منسقة قاضي قاضية طبيب طبيبة مفوض مفوضة نقيب"
))
_NISBA = ("ي", "ية", "يه", "يون", "يين")  # endings of a relative adjective (القطرية، الأردني), as written
_MAX_SUBJECT = 4  # words
# Acts a verb of saying performs when the act is in its own clause: an announced decision (أعلنت
# القيادة فرض حظر التجول, قررت الحكومة رفع الأسعار), not a report of another's act.
_DECLARED = VERBAL | {EventType.coerce, EventType.sanction, EventType.concede, EventType.economy, EventType.aid}
# Verbs whose subject suffers the act (أصيب الجندي، تعرضت الدورية لهجوم، لقي مصرعه).
_SUFFERED = frozenset(fold_words("أصيب أصيبت قتل قتلت لقي لقيت توفي توفيت جرح جرحت استشهد استشهدت تعرض تعرضت"))
_ADVERBS = frozenset(fold_words("كذلك كما ثم أيضا بدوره بدورها بدورهم"))
_SIDES = frozenset(fold_words("جهته جهتها جهتهم جانبه جانبها جانبهم ناحيته ناحيتها"))
_FRONTING = frozenset(fold_words("في خلال بعد قبل عقب منذ"))
_FRONTED = 7  # words of a fronted phrase before its comma
_KANA = frozenset(fold_words("كان كانت"))
_QAD = frozenset(fold_words("قد"))
_COMPLEMENTIZERS = frozenset(fold_words("أن إن أنه إنه أنها إنها بأن بأنه بأنها"))
_CLAUSE_WORDS = 12
_ON_BEHALF = fold_words("باسم")[0]


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
    sentence: str,
    event_type: EventType | str,
    triggers: Iterable[TriggerMatch],
    actor: Callable[[str], bool],
    place: Callable[[str], bool] = lambda name: False,
    person: Callable[[str], bool] = lambda name: False,
) -> str | None:
    """The subject of a sentence's opening verb, as written, when it does the act (docs/events.md, "Roles").

    The clause opens the sentence, after an adverb (كذلك، كما), a side phrase (ومن جانبها) or a fronted
    phrase closed by a comma (ففي 22 سبتمبر،); كان/كانت before the subject moves the verb after it
    (وكانت الحكومة العراقية في بغداد قد أعلنت). The subject is the word after the verb with its
    construct chain and relative adjectives (`_subject_end`: قوات الأمن الأردنية، قيادة عمليات
    البصرة، محكمة مغربية), or the longest known actor there (حركة حماس), at most `_MAX_SUBJECT` words.
    It does the act when

    * the verb is the act's trigger, or the act's trigger follows in the verb's clause (no comma,
      no إن/أن between: تقدمت قطر بدعوى، قرر البنك المركزي الترفيع في نسبة الفائدة), or the act is
      said (`VERBAL`) and the verb is one of saying (وقالت الحكومة إن … a rejection); a verb of
      saying with the act in its own clause announces a decision (`_DECLARED`: أعلنت القيادة فرض
      حظر التجول), not a report of someone else's act (قالت الشرطة إن مسلحين هاجموا);
    * and the subject names an actor: a phrase whose first word is an `ACTOR_HEADS` noun or a known
      actor (`actor`). A country or town (`place`) only where the verb is the act or a light verb
      with ب or a verb of saying (شهدت طرابلس اشتباكات: Tripoli did not fight). A person where `person` attests the
      name: after a title (وصرح الرئيس المصري عبد الفتاح السيسي), alone (وناشد فورار, named in
      full earlier), or told by an apposition after a verb of saying (`_person_named`).

    None otherwise, and for a hazard or an outbreak (`_UNDONE`: وتوقعت دائرة الأرصاد هطول الأمطار,
    the forecaster is not its doer). A masculine verb that is itself a hostile act is left alone (often passive
    unvocalised: قتل الجندي, وقصف الجيش); a person is never read as the doer of a hostile act
    unless it is said (اعتقل محمد علي: he was arrested); nor is the subject of a verb that makes it
    the sufferer (أصيب، تعرضت، لقي مصرعه)."""
    triggers = list(triggers)
    words = FoldedText(sentence)
    starts = {_word_at(words, t.start) for t in triggers}
    opening = _opening_verb(words, starts)
    if opening is None:
        return None
    verb, first = opening
    event_type = EventType(event_type)
    stems = PROCLITICS.stems(words.words[verb])
    if stems & _SUFFERED:
        return None
    saying = bool(stems & SAYING_VERBS)
    said = saying and event_type in VERBAL
    if said:
        named = _person_named(sentence, words, first)
        if named is not None:
            return named
    end = _subject_end(words, first, actor)
    own = verb in starts
    light = end in starts and words.words[end].startswith("ب")
    in_clause = _in_clause(words, end if verb < first else verb + 1, starts) and (not saying or event_type in _DECLARED)
    if event_type in _UNDONE or not (own or light or said or in_clause):
        return None
    start_at, _ = words.norm.span_to_original(*words.spans[first])
    _, end_at = words.norm.span_to_original(*words.spans[end - 1])
    name = sentence[start_at:end_at]
    alone = any(_word_at(words, t.start) == verb and len(fold_words(t.text)) == 1 for t in triggers)
    if alone and event_type in HOSTILE and not _feminine_perfect(words.words[verb]):
        return None  # قتل الجندي: the soldier was killed (not وجه الحوثيون اللوم, an active phrase)
    if PROCLITICS.stems(words.words[first], drop_article=True) & ACTOR_HEADS or actor(name):
        return name
    if place(name):
        return name if own or light or said else None
    if event_type in HOSTILE and not said:
        return None
    return _person_at(sentence, words, first, person)


def named_person(sentence: str, name: str, person: Callable[[str], bool]) -> str | None:
    """The person a position names, as written, or None: the name after the title in `name` (وزير
    خارجية الفلبين آلان بيتر كايتانو; رئيس الوزراء اللبناني، سعد الحريري), or, where `name` is
    the position alone, the name `person` attests right after it in `sentence`, a comma between
    (زعيم التيار الصدري، مقتدى الصدر). Event records name people, not their posts (ACLED, PLOVER)."""
    words = FoldedText(name)
    if not words.words or not (
        PROCLITICS.stems(words.words[0], drop_article=True) & _PERSON_NOUNS or is_person_title(words.words[0])
    ):
        return None
    end = _subject_end(words, 0)
    if end + 1 < len(words.words) and words.words[end] == _ON_BEHALF:
        end = _subject_end(words, end + 1)  # المتحدث باسم الجيش: whose spokesman, not a name (باسم)
    if end < len(words.words):
        rest = name[words.norm.span_to_original(*words.spans[end])[0]:].strip(" ،,")
        if is_person_title(words.words[end]):
            return named_person(sentence, rest, person)  # a second title: المتحدث باسم الجيش العقيد …
        # a name with a family name in ال is one the romanizer attests (سعد الحريري); a foreign name
        # has no article (آلان بيتر كايتانو); باسم الجيش is neither
        foreign = not any(w.startswith("ال") for w in rest.replace("،", " ").split())
        if len(words.words) - end >= 2 and _plain_name(words.words[end:], rest) and (foreign or person(rest)):
            return rest
        return None
    span = Source(sentence).find_name(name)
    if span is None:
        return None
    after = FoldedText(sentence[span[1]:])
    if not after.words or after.original[:after.norm.span_to_original(*after.spans[0])[0]].strip() not in ("", "،", ","):
        return None
    for end in range(min(len(after.words), _MAX_SUBJECT), 1, -1):
        if all(after.joined(k, 2) for k in range(end - 1)):
            a, _ = after.norm.span_to_original(*after.spans[0])
            _, z = after.norm.span_to_original(*after.spans[end - 1])
            if _plain_name(after.words[:end], after.original[a:z]) and person(after.original[a:z]):
                return after.original[a:z]
    return None


def _plain_name(folded: list[str], written: str) -> bool:
    """Whether words can be a person's name: letters only, no function word, no preposition fused with
    the article (بالمدينة), the first without the article as written (آلان is a name, الحكومة is not)."""
    return (
        all(w.isalpha() and not is_function_word(w) and not w.startswith(("بال", "لل", "وال", "فال")) for w in folded)
        and not written.startswith("ال")
    )


def _opening_verb(words: FoldedText, starts: set[int | None]) -> tuple[int, int] | None:
    """(the opening verb's index, its subject's first index), past the openings `opening_subject`
    lists; None when the sentence opens otherwise or is too short."""
    n = len(words.words)
    if n < 2:
        return None
    at = _clause_start(words)
    if at + 2 > n or not words.joined(at, 2):
        return None
    if not PROCLITICS.stems(words.words[at]) & _KANA:
        return at, at + 1
    end = _subject_end(words, at + 1)
    qad = next((k for k in range(end, min(end + 4, n)) if PROCLITICS.stems(words.words[k]) & _QAD), None)
    verb = end if qad is None else qad + 1
    if verb >= n:
        return None
    if qad is None and not (verb in starts or PROCLITICS.stems(words.words[verb]) & SAYING_VERBS
                            or _feminine_perfect(words.words[verb])):
        return None
    return verb, at + 1


def _clause_start(words: FoldedText) -> int:
    """The index of the main clause's first word: after an opening adverb, side phrase or fronted
    phrase closed by a comma (within `_FRONTED` words)."""
    first = PROCLITICS.stems(words.words[0])
    if first & _ADVERBS:
        return 1
    if len(words.words) > 2 and first & {"من"} and PROCLITICS.stems(words.words[1]) & _SIDES:
        return 2
    if first & _FRONTING:
        for k in range(1, min(_FRONTED, len(words.words) - 1)):
            if not words.joined(k - 1, 2):
                return k if _gap(words, k).strip() in ("،", ",") else 0
    return 0


def _gap(words: FoldedText, k: int) -> str:
    """The text between word k-1 and word k."""
    return words.original[words.norm.span_to_original(*words.spans[k - 1])[1]:words.norm.span_to_original(*words.spans[k])[0]]


def _in_clause(words: FoldedText, start: int, starts: set[int | None]) -> bool:
    """Whether a trigger starts in the clause that runs from word `start`: before any punctuation, any
    إن/أن (another clause: someone else's act) and within `_CLAUSE_WORDS` words."""
    for k in range(start, min(len(words.words), start + _CLAUSE_WORDS)):
        if k > start and not words.joined(k - 1, 2):
            return False
        if PROCLITICS.stems(words.words[k]) & _COMPLEMENTIZERS:
            return False
        if k in starts:
            return True
    return False


def _person_at(sentence: str, words: FoldedText, first: int, person: Callable[[str], bool]) -> str | None:
    """A person's name that `person` attests, as written: right after a title or position noun (its
    complements between: الرئيس المصري عبد الفتاح السيسي), or at `first` itself (جمانة غنيمات، فورار)."""
    titled = bool(PROCLITICS.stems(words.words[first], drop_article=True) & _PERSON_NOUNS) or is_person_title(words.words[first])
    n = len(words.words)
    for start in range(first + 1, min(n, first + _MAX_SUBJECT + 2)) if titled else (first,):
        word = words.words[start]
        if (titled and word.startswith("ال")) or is_function_word(word) or not word.isalpha():
            continue  # a given name has no article; a surname alone may (وتابع المالكي)
        for end in range(min(n, start + _MAX_SUBJECT), start + 1 if titled else start, -1):
            if all(words.joined(k, 2) for k in range(start, end - 1)):
                a, _ = words.norm.span_to_original(*words.spans[start])
                _, z = words.norm.span_to_original(*words.spans[end - 1])
                if person(sentence[a:z]):
                    return sentence[a:z]
    return None


def _person_named(sentence: str, words: FoldedText, first: int) -> str | None:
    """The person's name at word `first` (right after an opening verb of saying), as written, where a
    comma and a `_PERSON_NOUNS` apposition follow it: up to `_MAX_SUBJECT` words, the first without
    the article (a given name; آل of a family name is a word of the name). A verb of saying with a
    person's name after it is active in either gender, so masculine verbs count here."""
    if words.words[first].startswith("ال") or is_function_word(words.words[first]) or not words.words[first].isalpha():
        return None
    for end in range(first + 1, min(len(words.words), first + 1 + _MAX_SUBJECT)):
        last = words.norm.span_to_original(*words.spans[end - 1])[1]
        if not words.joined(end - 1, 2):
            if _gap(words, end).strip() in ("،", ",") and PROCLITICS.stems(words.words[end], drop_article=True) & _PERSON_NOUNS:
                return sentence[words.norm.span_to_original(*words.spans[first])[0]:last]
            return None
        word = sentence[slice(*words.norm.span_to_original(*words.spans[end]))]
        if is_function_word(words.words[end]) and word != "آل":
            return None
    return None


def is_nisba(words: FoldedText, k: int) -> bool:
    """Whether word k is written as a relative adjective: its letters, not its folding (دعوى folds to دعوي)."""
    written = words.original[slice(*words.norm.span_to_original(*words.spans[k]))]
    return "".join(c for c in written if c.isalpha()).endswith(_NISBA)


def _subject_end(words: FoldedText, first: int, actor: Callable[[str], bool] | None = None) -> int:
    """The index after the subject that starts at word `first`: the noun; where it has no article,
    its construct chain up to the first definite noun (ملك الأردن، قيادة عمليات البصرة); then
    relative adjectives as definite as the noun before them (الحكومة القطرية، محكمة مغربية). Not
    any definite word: in verb-subject-object order a definite object follows a definite subject
    (أغلقت السلطات المدارس). The longest phrase from `first` that `actor` knows wins (حركة حماس)."""
    limit = min(len(words.words), first + _MAX_SUBJECT)
    end = chain = first + 1
    while (chain < limit and not words.words[chain - 1].startswith("ال") and words.joined(chain - 1, 2)
           and words.words[chain].isalpha() and not is_function_word(words.words[chain])):
        chain += 1
    if words.words[chain - 1].startswith("ال"):
        end = chain
    definite = words.words[end - 1].startswith("ال")
    while (end < limit and words.joined(end - 1, 2) and is_nisba(words, end)
           and words.words[end].startswith("ال") == definite and not is_function_word(words.words[end])):
        end += 1
    for longest in range(limit, end, -1) if actor is not None else ():
        if all(words.joined(k, 2) for k in range(first, longest - 1)):
            a, _ = words.norm.span_to_original(*words.spans[first])
            _, z = words.norm.span_to_original(*words.spans[longest - 1])
            if actor(words.original[a:z]):
                return longest
    return end
