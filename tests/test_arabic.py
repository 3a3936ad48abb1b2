"""The shared Arabic text rules: clitics with their parameters, the light spelling key, the phrase index."""

from __future__ import annotations

import csv
import io

import pytest

from summarizer.arabic import PROCLITICS, Clitics, FoldedText, PhraseIndex, core_words_match, fold_words, spelling_key


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


def test_endings_are_read_off_the_edges_of_a_word():
    from summarizer.arabic import ENDINGS

    def read(word: str, **known: bool) -> list[tuple[str, bool]]:
        return [(r.key, r.ending) for r in ENDINGS.readings(word, head=True, **known)]

    assert [s for s, _ in read("استقالته")] == ["استقالته", "استقالت", "استقاله"]
    assert ("قتيل", True) in read("قتيلا") and read("قتيلا", bare_alif=False) == [("قتيلا", False)]
    assert ("يعقد", False) in read("سيعقد")  # the future prefix is not an ending
    assert not any(ending for _, ending in read("الحكومه"))  # no ending after the article
    assert "حاج" not in dict(read("حاجه"))  # ه on a three-letter stem is a folded ة
    assert ("مقاتلين", True) in read("مقاتلي") and ("اجلاء", True) in read("اجلاوهم")  # construct plural, hamza seat


def test_a_phrase_index_with_endings_reads_them_off_the_last_word_only():
    from summarizer.arabic import ENDINGS

    index: PhraseIndex[str] = PhraseIndex(endings=ENDINGS)
    index.add(fold_words("وزير الخارجية"), "foreign minister")
    index.add(fold_words("قتيل"), "dead")
    found = FoldedText("قُتل قتيلاً ووزيرا الخارجية")
    assert [(m.value, m.ending) for m in index.scan(found)] == [("dead", True)]  # وزيرا: an ending mid-phrase
    assert [m.value for m in index.scan(FoldedText("وزير خارجيته"))] == []
    assert [m.value for m in index.scan(FoldedText("وزير الخارجيه"))] == ["foreign minister"]


def test_a_conjunction_on_a_later_word_ends_a_phrase():
    # شمالها وشرقها is north and east of it, not the north-east; a preposition stays inside (وقف لإطلاق النار)
    from summarizer.arabic import ENDINGS

    index: PhraseIndex[str] = PhraseIndex(endings=ENDINGS)
    index.add(fold_words("شمال شرق"), "northeast")
    index.add(fold_words("وقف إطلاق النار"), "ceasefire")
    assert [m.value for m in index.scan(FoldedText("قرى تقع شمالها وشرقها"))] == []
    assert [m.value for m in index.scan(FoldedText("قرى تقع شمال شرق المدينة"))] == ["northeast"]
    assert [m.value for m in index.scan(FoldedText("أعلنوا وقف لإطلاق النار"))] == ["ceasefire"]
    assert [m.value for m in index.scan(FoldedText("أعلنوا وقف وإطلاق النار"))] == []


def test_no_clitic_reading_leaves_a_stem_that_begins_with_a_seated_hamza():
    # ؤ and ئ fold to و and ي, but a hamza on a seat never begins a word: فؤاد is a name, not ف + واد
    index: PhraseIndex[str] = PhraseIndex()
    index.add(fold_words("واد"), "valley")
    assert [m.value for m in index.scan(FoldedText("حمّل فؤاد عليكو"))] == []
    assert [m.value for m in index.scan(FoldedText("وفي واد آخر، فواد سحيق"))] == ["valley", "valley"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("مقتل", "مقاتل"), ("قتلى", "قتال"), ("هدنة", "هدم"), ("مدني", "مدن"), ("سوري", "سور"), ("قتلى", "قتل"),
     ("حرب", "حرس")],
)
def test_words_that_differ_inside_or_only_by_a_noun_ending_on_three_letters_are_different(a: str, b: str) -> None:
    # Arabic derives other words by changing a word's inside (its pattern) and by endings on a short
    # root: killing/fighter, dead/fighting, truce/demolition, civilian/cities, Syrian/wall.
    assert not core_words_match(fold_words(a)[0], fold_words(b)[0])
    assert not core_words_match(fold_words(b)[0], fold_words(a)[0])


@pytest.mark.parametrize(
    ("a", "b"),
    [("انسحاب", "انسحاب"), ("الانسحابات", "الانسحاب"), ("مقاتلين", "مقاتل"), ("مدنيين", "مدني"),
     ("يقرر", "قررت"), ("يقصف", "قصف"), ("تحذيرات", "تحذير")],
)
def test_the_same_word_inflected_at_its_edges_matches(a: str, b: str) -> None:
    assert core_words_match(fold_words(a)[0], fold_words(b)[0])


def test_stems_without_the_article_keep_a_word_that_only_looks_like_it():
    assert PROCLITICS.stems("والجيش") == {"والجيش", "الجيش"}
    assert PROCLITICS.stems("والجيش", drop_article=True) == {"والجيش", "الجيش", "جيش"}
    # folded آلاف begins with ال: its readings keep the word, so a list of counts still finds it
    assert "الاف" in PROCLITICS.stems("والاف", drop_article=True)
