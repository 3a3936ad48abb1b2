"""The shared Arabic text rules: clitics with their parameters, the light spelling key, the phrase index."""

from __future__ import annotations

import csv
import io

from summarizer.arabic import Clitics, FoldedText, PhraseIndex, fold_words, spelling_key


def test_clitics_read_a_word_every_way_its_parameters_allow():
    plain = Clitics(restore_article=True)
    assert plain.readings("وللبنك") == [("وللبنك", 0), ("البنك", 2), ("لبنك", 2), ("للبنك", 1)]
    assert plain.readings("بحر") == [("بحر", 0), ("حر", 1)]  # stems of two letters
    article = Clitics(article=True, min_stem=3)
    assert dict(article.readings("وبالمدينة")) == {"وبالمدينة": 0, "مدينة": 4, "المدينة": 2, "بالمدينة": 1}
    assert article.readings("والحر") == [("والحر", 0), ("الحر", 1)]  # حر is under three letters
    assert [stem for stem, _ in Clitics(article=True, min_stem=2).readings("والحر")][1] == "حر"  # longest first
    numbers = Clitics(article=True, min_stem=3, min_stem_after={"ب": 2}, longest_first=False)
    assert ("ست", 1) in numbers.readings("بست") and ("ست", 1) not in numbers.readings("وست")
    assert numbers.readings("وبالعشرين")[1] == ("بالعشرين", 1)  # shortest first


def test_spelling_key_folds_the_common_variants_and_keeps_separators():
    assert spelling_key("الأربعاءُ ٢٤/٣/٢٠١٨") == "الاربعاء 24/3/2018"
    assert spelling_key("الجمعـــة") == "الجمعه"
    assert spelling_key("Monday") == "monday"
    assert spelling_key("ئ") == "ئ"  # not one of the common variants


LEXICON = """\
# arabic\tenglish
وقف إطلاق النار\tceasefire
إطلاق النار\tshooting
إطلاق سراح\trelease
الأمم المتحدة\tUnited Nations
"""


def test_a_tsv_lexicon_is_found_longest_first_with_clitics_stripped_and_original_offsets():
    index: PhraseIndex[str] = PhraseIndex()
    rows = csv.reader(io.StringIO(LEXICON), delimiter="\t")
    for arabic, english in (row for row in rows if not row[0].startswith("#")):
        index.add(fold_words(arabic), english)
    assert len(index) == 4
    text = "أعلن الطرفان وقفَ إطلاق النار، وبإطلاق النار خرق للأمم المتحدة. ثم إطلاق. سراح الأسرى"
    folded = FoldedText(text)
    found = [(text[slice(*folded.original_span(m))], m.value) for m in index.scan(folded)]
    assert found == [
        ("وقفَ إطلاق النار", "ceasefire"),  # the longest phrase, diacritics and all
        ("إطلاق النار", "shooting"),  # وب stripped: the span starts after it
        ("لأمم المتحدة", "United Nations"),  # لل = ل + ال: the span starts at the second ل
    ]  # إطلاق. سراح: a full stop inside is not one phrase


def test_rank_and_accept_choose_among_the_phrases_at_a_word():
    index: PhraseIndex[str] = PhraseIndex()
    index.add(fold_words("إطلاق النار"), "shooting")
    index.add(fold_words("إطلاق"), "launch")
    folded = FoldedText("إطلاق النار")
    assert [m.value for m in index.matches_at(folded, 0)] == ["shooting", "launch"]
    assert index.best_at(folded, 0, rank=lambda m: -m.n).value == "launch"
    assert list(index.scan(folded, accept=lambda m: m.value != "shooting")) == []  # refused: move on a word


def test_endings_and_gaps_read_verbs_and_verbal_nouns_with_their_attachments():
    from summarizer.arabic import ENDINGS, GAP, by_size_then_cost

    index: PhraseIndex[str] = PhraseIndex(endings=ENDINGS, max_gap=2)
    for form, value in (("هجوم", "attack"), ("مظاهرة", "demo"), ("يعقدون اجتماعا", "meet"),
                        (f"أطلقت {GAP} سراح", "release"), ("زار", "visit")):
        index.add_written(form, value)
    text = "شنوا هجوما، وسيعقدون اجتماعا. خلال مظاهرتهم أطلقت السلطات الإيرانية سراح ووزارة"
    folded = FoldedText(text)
    found = [(text[slice(*folded.original_span(m))], m.value, m.future) for m in index.scan(folded, rank=by_size_then_cost)]
    assert found == [
        ("هجوما", "attack", False),  # final alef
        ("سيعقدون اجتماعا", "meet", True),  # و stripped, the future س read off
        ("مظاهرتهم", "demo", False),  # ة before a pronoun suffix
        ("أطلقت السلطات الإيرانية سراح", "release", False),  # a gap of two words
    ]  # وزارة is not و + زار + ه: a written ة is never a pronoun
    assert ENDINGS.readings("القصف", head=False)[1].key == "قصف"
    assert [m.value for m in index.scan(FoldedText("أطلقت السلطات في المدينة سراح"))] == []  # gap too long
