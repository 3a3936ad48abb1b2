"""Actor names as the sentence writes them (`summarizer.actor_names`)."""

from __future__ import annotations

import pytest

from summarizer.actor_names import coordinated, is_medium, written_name

SENTENCE = ("أعلنت وسائل إعلام سورية أن الجيش السوري دخل البلدة، وأمر ملك الأردن بتجميد الزيادات، "
            "وقالت قوة الأمم المتحدة العاملة في جنوب لبنان إن الملايين مهددون، وسلمت للحكومة العراقية 30 مطلوبا.")


@pytest.mark.parametrize(("copied", "written"), [
    ("الجيش السوري", "الجيش السوري"),  # as written
    ("جيش السوري", "الجيش السوري"),  # the article put back
    ("الملك الأردن", "ملك الأردن"),  # an article the sentence does not have: the construct's first word has none
    ("القوة الأمم المتحدة", "قوة الأمم المتحدة"),
    ("الحكومة العراقية", "الحكومة العراقية"),  # للحكومة: the preposition dropped, the article kept
    ("أعلنت وسائل إعلام سورية", "وسائل إعلام سورية"),  # the report's verb is no part of the name
])
def test_a_copied_name_becomes_the_sentences_own_words(copied, written):
    assert written_name(SENTENCE, copied) == written


@pytest.mark.parametrize("copied", ["الملايين", "عشرات", "30", "ثلاثة آلاف"])
def test_a_count_with_no_one_counted_is_no_actor(copied):
    assert written_name(SENTENCE, copied) is None


def test_a_name_found_only_approximately_keeps_the_models_letters():
    # not word for word in the sentence: the span of an approximate match may cut words
    assert written_name(SENTENCE, "قوات الامم المتحده المؤقتة") == "قوات الامم المتحده المؤقتة"


@pytest.mark.parametrize(("name", "medium"), [
    ("وسائل إعلام سورية", True), ("صحيفة الوطن", True), ("التلفزيون الرسمي", True),
    ("وكالة الأنباء السعودية", True), ("الوكالة الدولية للطاقة الذرية", False),
    ("الجيش السوري", False), ("طالب جامعي", False),
])
def test_a_medium_is_told_by_its_head_noun(name, medium):
    assert is_medium(name) is medium


KNOWN = {"بريطانيا", "فرنسا", "إيطاليا", "الولايات المتحدة", "الجيش"}


@pytest.mark.parametrize(("name", "names"), [
    ("بريطانيا وفرنسا وإيطاليا", ["بريطانيا", "فرنسا", "إيطاليا"]),
    ("الولايات المتحدة، بريطانيا، وفرنسا", ["الولايات المتحدة", "بريطانيا", "فرنسا"]),
    ("الجيش وزارة الدفاع", ["الجيش وزارة الدفاع"]),  # no conjunction: وزارة begins with و
    ("بريطانيا والجبهة الشعبية", ["بريطانيا والجبهة الشعبية"]),  # a part no list knows: left whole
    ("فرنسا", ["فرنسا"]),
])
def test_a_coordination_of_known_actors_is_one_name_each(name, names):
    assert coordinated(name, lambda n: n in KNOWN) == names
