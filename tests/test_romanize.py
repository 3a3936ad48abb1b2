"""Persons' names spelt offline from attested spellings; anything less certain is left to the model."""

from __future__ import annotations

import pytest

from summarizer.romanize import Romanizer

pytest.importorskip("arabic_name_romanizer")


@pytest.fixture(scope="module")
def romanizer() -> Romanizer:
    return Romanizer()


def test_attested_names_are_spelt(romanizer: Romanizer) -> None:
    assert romanizer.person("وائل علوان", "SY") == "Wael Alwan"
    assert romanizer.person("عبدالفتاح السيسي", "EG") == "Abdel Fattah al-Sissi"  # a fused عبد is two words


@pytest.mark.parametrize(
    "name",
    [
        "الملك سلمان",  # a title: King Salman, not "Al-Malak Salman"
        "محمد السادس",  # an ordinal: Mohammed VI
        "فلاديمير بوتن",  # a foreign name spelt back from Arabic is a guess ("Bouten")
        "",
    ],
)
def test_titles_ordinals_and_guesses_are_left_to_the_model(romanizer: Romanizer, name: str) -> None:
    assert romanizer.person(name, "SA") is None


def test_without_the_package_every_name_goes_to_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_romanizer(name, *args, **kwargs):
        if name.startswith("arabic_name_romanizer"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_romanizer)
    fresh = Romanizer()
    assert not fresh.available and fresh.person("وائل علوان") is None
