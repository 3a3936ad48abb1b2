"""The event-trigger lexicon and the status cues: data integrity, Arabic-aware matching, statuses."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from summarizer.arabic import fold_words
from summarizer.errors import ConfigurationError
from summarizer.models import NEWS_CATEGORIES, AcledEventType, EventType, PloverType
from summarizer.triggers import (
    ACLED_SUB_EVENT_TYPES,
    PLOVER_MODES,
    EventCues,
    TriggerLexicon,
    _folded_words,
    _form_key,
    candidate_types,
    decisive_type,
    find_triggers,
    status_cue,
    status_of,
)

ROOT = Path(__file__).resolve().parents[1]
TRIGGERS = ROOT / "summarizer" / "data" / "triggers.tsv"
CUES = ROOT / "summarizer" / "data" / "event_cues.tsv"


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.default()


def found(text: str) -> list[tuple[str, str, str]]:
    """(matched text, main type, strength) of every trigger, in order."""
    return [(m.text, m.event_type.value, m.strength) for m in find_triggers(text)]


def span_of(sentence: str, word: str) -> tuple[int, int]:
    """The span of the trigger whose text is `word`."""
    spans = [m.span for m in find_triggers(sentence) if m.text == word]
    assert spans, (sentence, word, found(sentence))
    return spans[0]


# --- data -----------------------------------------------------------------------------------


def test_every_row_loads_and_the_lexicon_has_a_reviewed_size(lex: TriggerLexicon) -> None:
    data_rows = [
        line for line in TRIGGERS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lex) == len(data_rows)
    assert 300 <= len(lex) <= 1000
    assert TriggerLexicon.default() is lex  # cached
    assert len(EventCues.default().rows) == len(
        [line for line in CUES.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    )


def test_all_21_types_have_strong_triggers_and_the_required_row_counts(lex: TriggerLexicon) -> None:
    rows = Counter(r.event_type for r in lex.rows if r.strength != "block")
    strong = Counter(r.event_type for r in lex.rows if r.strength == "strong")
    assert set(strong) == set(EventType)
    assert len(EventType) == 21 and len(PloverType) == 16 and len(NEWS_CATEGORIES) == 5
    for t in ("assault", "protest", "coerce", "consult", "accuse", "request"):
        assert rows[EventType(t)] >= 20, t
    for t in EventType:
        assert rows[t] >= 5, t


def test_row_fields_are_consistent(lex: TriggerLexicon) -> None:
    for r in lex.rows:
        assert r.strength in ("strong", "weak", "block")
        assert len(r.types) == 1 or r.strength == "weak", r
        if r.acled_sub_event_type:
            assert r.acled_sub_event_type in ACLED_SUB_EVENT_TYPES[r.acled_event_type], r
        if r.mode:
            assert r.mode in PLOVER_MODES[r.event_type.value], r
        assert r.gloss or r.strength == "block", r


def test_the_fast_form_folding_equals_the_full_fold(lex: TriggerLexicon) -> None:
    rows = list(lex.rows) + list(EventCues.default().rows)
    for r in rows:
        for form in r.forms:
            assert tuple(w for w, _ in _folded_words(form)) == fold_words(form), form


def test_no_form_belongs_to_two_rows() -> None:
    owner: dict[tuple[str, ...], int] = {}
    for n, line in enumerate(TRIGGERS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        for form in line.split("\t")[2].split("|"):
            key = _form_key(form)
            assert owner.setdefault(key, n) == n, (form, owner[key], n)


def test_a_malformed_row_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "mine.tsv"
    bad.write_text("# comment\nassault\tstrong\tقصف\t\t\t\tshell\nattack\tstrong\tهجوم\t\t\t\tattack\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"mine\.tsv:3: unknown event type"):
        TriggerLexicon.load(bad, builtin=False)
    bad.write_text("assault|disaster\tstrong\tانفجار\t\t\t\texplosion\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"mine\.tsv:1: only a weak row"):
        TriggerLexicon.load(bad, builtin=False)
    bad.write_text("assault\tstrong\tقصف\tProtests\tAir/drone strike\t\tshell\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="ACLED sub-event type"):
        TriggerLexicon.load(bad, builtin=False)
    bad.write_text("assault\tstrong\tقصف\t\t\tdemo\tshell\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="not a PLOVER mode of assault"):
        TriggerLexicon.load(bad, builtin=False)
    bad.write_text("assault\tstrong\tقصف\t\t\t\tshell\nprotest\tstrong\tقَصْف\t\t\t\tx\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"mine\.tsv:2: trigger form 'قَصْف' is already on line 1"):
        TriggerLexicon.load(bad, builtin=False)
    with pytest.raises(ConfigurationError, match="cannot read trigger file"):
        TriggerLexicon.load(tmp_path / "missing.tsv")
    bad.write_text("denied\tنفى\tbefore:x\tdeny\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"mine\.tsv:1: reach"):
        EventCues.load(bad, builtin=False)


def test_a_user_file_adds_forms_and_takes_known_forms_over(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "protest\tstrong\tطرق على الأواني\tProtests\t\tdemo\tpot-banging protest\n"
        "disaster\tstrong\tانفجار\t\t\t\tour corpus's explosions are accidents\n",
        encoding="utf-8",
    )
    lex = TriggerLexicon.load(mine)
    assert [(m.text, m.event_type.value) for m in lex.find_triggers("وطرق على الأواني في الشرفات")] == [
        ("طرق على الأواني", "protest")
    ]
    assert [m.event_type.value for m in lex.find_triggers("دوي انفجار")] == ["assault"]  # its own phrase
    assert [m.event_type.value for m in lex.find_triggers("وقع انفجار")] == ["disaster"]
    assert lex.lookup("انفجار").source == str(mine)
    assert [m.event_type.value for m in find_triggers("وقع انفجار")] == ["assault"]  # default untouched


# --- matching -------------------------------------------------------------------------------


def test_attached_clitics_article_and_suffixes_are_recognised() -> None:
    assert found("والقصف مستمر") == [("القصف", "assault", "strong")]
    assert found("أصيبوا بالغارات الجوية") [-1] == ("الغارات", "assault", "strong")
    assert found("وهاجمت مجموعة مسلحة") == [("هاجمت", "assault", "strong")]
    assert found("فاعتقلوه") == [("اعتقلوه", "coerce", "strong")]
    assert found("خلال مظاهرتهم") == [("مظاهرتهم", "protest", "strong")]
    assert found("للمظاهرات") == [("لمظاهرات", "protest", "strong")]  # لل: the span starts at the second ل
    assert found("شنت هجوما على") == [("شنت هجوما", "assault", "strong")]
    assert found("وسيعقدون اجتماعا") == [("سيعقدون اجتماعا", "consult", "strong")]
    assert find_triggers("وسيعقدون اجتماعا")[0].future


def test_ta_marbuta_is_not_a_pronoun_suffix() -> None:
    # وزارة folds to وزاره: و + زار + ه would be "visited him"; a written ة is never a pronoun.
    assert found("أعلنت وزارة الداخلية") == []
    assert found("زاره الوفد")[0][:2] == ("زاره", "consult")


def test_longest_match_wins() -> None:
    assert found("صمد وقف إطلاق النار") == [("وقف إطلاق النار", "concede", "weak")]
    assert found("دخل وقف إطلاق النار حيز التنفيذ") == [("دخل وقف إطلاق النار حيز التنفيذ", "retreat", "strong")]
    assert found("رغم اتفاق وقف إطلاق النار") == [("اتفاق وقف إطلاق النار", "agree", "strong")]
    assert found("سجل خرق وقف إطلاق النار") == [("خرق وقف إطلاق النار", "assault", "strong")]
    assert found("سمع إطلاق النار") == [("إطلاق النار", "assault", "strong")]
    assert found("شن هجوما لاذعا على الحكومة") == [("شن هجوما لاذعا", "accuse", "strong")]
    assert found("إحباط هجوم") == [("إحباط هجوم", "coerce", "strong")]


def test_a_gap_lets_the_subject_stand_inside_a_verb_phrase() -> None:
    assert found("أعلنت الأطراف المتحاربة وقف إطلاق النار") == [
        ("أعلنت الأطراف المتحاربة وقف إطلاق النار", "concede", "strong")
    ]
    assert found("أطلقت السلطات الإيرانية سراح الصحفي")[0][:2] == ("أطلقت السلطات الإيرانية سراح", "retreat")
    assert found("نشرت الحكومة قوات على الحدود") == [("نشرت الحكومة قوات", "mobilize", "strong")]
    assert found("توصل الطرفان إلى اتفاق") == [("توصل الطرفان إلى اتفاق", "agree", "strong")]
    # at most three words, and never across punctuation
    assert found("أطلقت الشرطة في المدينة القديمة أمس النار") == []
    assert found("أطلقت الشرطة، النار") == []


def test_known_false_friends_are_not_triggers() -> None:
    assert found("ضرب مثلا على ذلك") == []
    assert found("ضرب بالقرار عرض الحائط") == [("ضرب", "assault", "weak")]  # words apart: only weak
    assert found("قالت الحكومة إن") == []  # حكومة is not حكم
    assert found("في فترة حكمه") == []
    assert found("سافر فجر اليوم") == []  # فجر (dawn) is not a bombing
    assert found("زار سيول") [-1] == ("سيول", "disaster", "weak")  # Seoul or torrents
    assert found("جرفت السيول") == [("السيول", "disaster", "strong")]
    assert found("بهدف تعزيز التعاون")[0][0] != "بهدف"
    assert found("رحب مجلس التعاون الخليجي") == [("رحب", "support", "strong")]
    assert found("يتظاهر بأنه لا يعرف") == []
    assert found("عقد مؤتمرا صحفيا") == []
    assert found("فصائل الحشد الشعبي") == []
    assert found("تظاهرة ثقافية") == []
    assert found("سجن اثني عشر شخصا") == [("سجن", "coerce", "weak")]  # twelve folds like أثنى (praised)
    assert found("وأثنى الوزير على الجهود") == [("أثنى", "support", "strong")]


def test_offsets_point_at_the_original_text() -> None:
    text = "\u200fوقَصَفَـت المدفعية ، وأُطلِقَ سراحُهم\n«للمظاهرات»"
    matches = find_triggers(text)
    assert [text[m.start:m.end] for m in matches] == [m.text for m in matches]
    assert [m.text for m in matches] == ["قَصَفَـت", "أُطلِقَ سراحُهم", "لمظاهرات"]
    assert [m.event_type.value for m in matches] == ["assault", "retreat", "protest"]


def test_a_phrase_does_not_run_across_punctuation() -> None:
    assert found("وقف. إطلاق النار") == [("إطلاق النار", "assault", "strong")]


def test_candidate_types_put_strong_triggers_first() -> None:
    s = "لقي خمسة أشخاص حتفهم في حادث سير"
    assert candidate_types(s) == [EventType.disaster, EventType.assault, EventType.health]
    assert decisive_type(s) is None  # a weak trigger proposes another type
    assert decisive_type("شنت الطائرات غارات على مواقع المسلحين") is EventType.assault
    assert decisive_type("قتل ثلاثة في غارة جوية") is EventType.assault
    assert decisive_type("ضرب زلزال جنوب البلاد") is EventType.disaster
    assert decisive_type("وصل الوفد في زيارة رسمية") is EventType.consult
    assert decisive_type("هذه جملة بلا حدث") is None
    assert candidate_types("هذه جملة بلا حدث") == []


def test_typical_news_sentences_get_the_expected_types() -> None:
    cases = {
        "فرضت الولايات المتحدة عقوبات جديدة على شركات": EventType.sanction,
        "خرج آلاف المتظاهرين إلى الشوارع": EventType.protest,
        "اعتقلت قوات الأمن عشرين شخصا": EventType.coerce,
        "التقى وزير الخارجية نظيره الفرنسي": EventType.consult,
        "ندد الاتحاد الأوروبي بالقرار": EventType.accuse,
        "ناشدت المنظمة المجتمع الدولي": EventType.request,
        "توصل الطرفان إلى اتفاق": EventType.agree,
        "أشاد الرئيس بدور الجيش": EventType.support,
        "أصدر الرئيس عفوا عاما": EventType.concede,
        "أجرى البلدان مناورات عسكرية مشتركة": EventType.cooperate,
        "أرسلت الحكومة قافلة مساعدات": EventType.aid,
        "أطلقت السلطات سراح المعتقلين": EventType.retreat,
        "رفضت الحكومة المقترح": EventType.reject,
        "توعد زعيم الجماعة": EventType.threaten,
        "نشرت الحكومة قوات على الحدود": EventType.mobilize,
        "اندلع حريق ضخم": EventType.disaster,
        "تفشي الكوليرا في المدينة": EventType.health,
        "رفع البنك المركزي سعر الفائدة": EventType.economy,
        "قرر البنك الترفيع في نسبة الفائدة": EventType.economy,  # Maghreb usage
        "كثف البنك تدخله في سوق الصرف": EventType.economy,
        "وجه الحزب اللوم إلى الحكومة": EventType.accuse,
        "بلغت نسبة المشاركة في الانتخابات": EventType.election,
        "تعادل الفريقان في المباراة": EventType.sport,
    }
    for sentence, expected in cases.items():
        assert candidate_types(sentence)[0] is expected, (sentence, found(sentence))


# --- status ---------------------------------------------------------------------------------


def test_denial_makes_the_status_denied() -> None:
    s = "نفى الجيش قصف المستشفى"
    assert status_of(s, span_of(s, "قصف")) == "denied"
    cue = status_cue(s, span_of(s, "قصف"))
    assert (cue.kind, cue.text, s[cue.start:cue.end]) == ("denied", "نفى", "نفى")
    s = "ونفت وزارة الدفاع أن تكون طائراتها قد قصفت المدينة"
    assert status_of(s, span_of(s, "قصفت")) == "denied"
    s = "لم ينف الجيش قصف المستشفى"  # a negated denial is no denial
    assert status_of(s, span_of(s, "قصف")) == "occurred"


def test_plans_make_the_status_planned() -> None:
    s = "يعتزم الرئيس عقد اجتماع مع قادة الأحزاب"
    assert status_of(s, span_of(s, "عقد اجتماع")) == "planned"
    s = "ستعقد الحكومة اجتماعا طارئا"
    assert status_cue(s, span_of(s, "اجتماعا طارئا")).kind == "future"
    s = "سيلتقي الرئيسان في جنيف"
    assert (status_cue(s, span_of(s, "سيلتقي")).kind, status_of(s, span_of(s, "سيلتقي"))) == ("future", "planned")
    s = "من المقرر أن يلتقي الوزيران"
    assert status_of(s, span_of(s, "يلتقي")) == "planned"
    s = "هدد الجيش بشن هجوم واسع"
    assert status_of(s, span_of(s, "شن هجوم")) == "planned"
    assert status_of(s, span_of(s, "هدد")) == "occurred"  # the threat itself happened
    s = "سيارة مفخخة انفجرت"  # سيارة is not a future verb
    assert status_of(s, span_of(s, "انفجرت")) == "occurred"


def test_habits_and_past_acts_are_background_not_events() -> None:
    s = "وعادة ينفذ المسلحون هجمات تستهدف حواجز أمنية في شمال سيناء"
    assert status_cue(s, span_of(s, "هجمات")).kind == "habitual"
    s = "وكانت الكتيبة قد نفذت في السابق سلسلة اغتيالات"
    assert status_cue(s, span_of(s, "اغتيالات")).kind == "habitual"
    s = "وقتل ثلاثة جنود في أعنف هجوم منذ سنوات"  # the worst attack in years is news
    assert status_cue(s, span_of(s, "هجوم")) is None
    s = "وأعادت السلطات فتح المعبر"  # إعادة is no عادة
    assert status_cue(s, span_of(s, "فتح المعبر")) is None


def test_demands_claims_and_negations() -> None:
    s = "دعا مجلس الأمن إلى وقف إطلاق النار"
    assert status_of(s, span_of(s, "دعا")) == "occurred"  # the call is the event (REQUEST)
    assert status_cue(s, span_of(s, "وقف إطلاق النار")).kind == "demanded"  # the ceasefire is not
    s = "زعم المتمردون أنهم أسقطوا طائرة حربية"
    assert status_of(s, span_of(s, "أسقطوا طائرة")) == "claimed"
    s = "لم يتم اعتقال أي شخص"
    cue = status_cue(s, span_of(s, "اعتقال"))
    assert (cue.kind, cue.status, cue.text) == ("negated", "denied", "لم يتم")
    s = "لم تسفر الغارة عن سقوط ضحايا"
    assert status_of(s, span_of(s, "الغارة")) == "occurred"  # لم negates تسفر, not the strike
    s = "اندلع حريق في مصنع دون وقوع إصابات"
    assert status_of(s, span_of(s, "إصابات")) == "denied"
    assert status_of(s, span_of(s, "حريق")) == "occurred"


def test_reported_speech_is_not_a_status_and_cues_stay_in_their_clause() -> None:
    s = "قال الجيش إنه قصف مواقع المسلحين"
    assert status_of(s, span_of(s, "قصف")) == "occurred"
    s = "نفى الوزير الاتهامات، وقصفت المدفعية المدينة"
    assert status_of(s, span_of(s, "قصفت")) == "occurred"
    s = "نفى الوزير الاتهامات بينما قصفت المدفعية المدينة"
    assert status_of(s, span_of(s, "قصفت")) == "occurred"
    s = "نفى الوزير الاتهامات قصفت المدفعية المدينة"  # same clause, no boundary: the denial reaches it
    assert status_of(s, span_of(s, "قصفت")) == "denied"
    s = "نفى الجيش في بيان صدر اليوم عن مكتبه الإعلامي في العاصمة قصف المستشفى"
    assert status_of(s, span_of(s, "قصف")) == "occurred"  # beyond the denial's reach (8 words)


def test_status_of_a_span_that_is_not_a_word_is_occurred() -> None:
    assert status_of("نفى الجيش قصف المستشفى", (200, 210)) == "occurred"
    assert status_of("", (0, 0)) == "occurred"


def test_a_user_cue_file_extends_the_cues(tmp_path: Path) -> None:
    mine = tmp_path / "cues.tsv"
    mine.write_text("planned\tيدرس\tbefore:3\tconsider\n", encoding="utf-8")
    s = "يدرس الجيش شن هجوم"
    assert status_of(s, span_of(s, "شن هجوم")) == "occurred"
    assert status_of(s, span_of(s, "شن هجوم"), cues=EventCues.load(mine)) == "planned"


def test_acled_types_come_from_the_codebook(lex: TriggerLexicon) -> None:
    rows = {m.text: m.row for m in find_triggers("غارة جوية وعبوة ناسفة واشتباكات ومظاهرة واعتقالات")}
    assert rows["غارة جوية"].acled_event_type is AcledEventType.explosions
    assert rows["غارة جوية"].acled_sub_event_type == "Air/drone strike"
    assert rows["عبوة ناسفة"].acled_sub_event_type == "Remote explosive/landmine/IED"
    assert rows["اشتباكات"].acled_event_type is AcledEventType.battles
    assert rows["مظاهرة"].acled_event_type is AcledEventType.protests
    assert rows["اعتقالات"].acled_sub_event_type == "Arrests"
