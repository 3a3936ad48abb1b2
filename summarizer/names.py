"""What the glossary and gazetteer know about the names in one article.

The pipeline uses it three ways: the events stage is shown the names found in the article (so a
small model copies names instead of inventing them), known names get their canonical English
from data instead of a model transliteration, and event locations get coordinates.
"""

from __future__ import annotations

from functools import cached_property

from .gazetteer import Gazetteer, Place
from .glossary import Glossary
from .normalize import normalize_article


class KnownNames:
    """Names found by code in one article, with their canonical English where known."""

    def __init__(self, text: str, glossary: Glossary, gazetteer: Gazetteer) -> None:
        self.text = text
        self.glossary = glossary
        self.gazetteer = gazetteer

    @cached_property
    def mentions(self) -> list[str]:
        """Arabic names found in the article, as written (normalised: hashtags undone), once each."""
        spans = [(s, e) for s, e, _ in self.glossary.find(self.text)]
        spans += [(m.start, m.end) for m in self.gazetteer.find_places(self.text)]
        names = (normalize_article(self.text[s:e]).text for s, e in sorted(spans))
        return list(dict.fromkeys(n for n in names if n))

    def place(self, name: str) -> Place | None:
        """The gazetteer's place for a name, disambiguated by the countries of this article."""
        return self.gazetteer.resolve(name, context=self.text)

    def english_forms(self, name: str) -> tuple[str, ...]:
        """Canonical English of a known actor or place, then its accepted variants; () when unknown."""
        if entry := self.glossary.lookup(name):
            return entry.english_names()
        place = self.place(name)
        return (place.name_en, *place.names_en) if place else ()

    def english(self, name: str) -> str | None:
        """The canonical English of a known actor or place; None when neither list knows it."""
        forms = self.english_forms(name)
        return forms[0] if forms else None

    def in_english(self, arabic: str) -> str:
        """`arabic` with each known name written in its canonical English, for a translation prompt.

        A 1.5B model given a list of name hints still transliterates the name it reads ("Faylaq
        al-Rahman" came out as other spellings and the point was dropped); it copies a Latin name
        it reads in place. A place is replaced only where the whole article was found to name it,
        so the gazetteer's choice rests on the article's country context, not one sentence's.
        """
        found = [(s, e, entry.english) for s, e, entry in self.glossary.find(arabic)]
        places = set(self.mentions)
        for m in self.gazetteer.find_places(arabic):
            name = normalize_article(m.text).text
            if name in places and (place := self.place(name)):
                found.append((m.start, m.end, place.name_en))
        out: list[str] = []
        at = 0
        for start, end, english in sorted(found):
            if start < at:
                continue
            # An attached clitic (بـ، لـ، و) stays Arabic, set apart from the Latin name.
            gap = " " if start and arabic[start - 1].isalpha() else ""
            out += [arabic[at:start], gap, english]
            at = end
        return "".join([*out, arabic[at:]])

    def hints(self, arabic: str) -> list[tuple[str, tuple[str, ...]]]:
        """(Arabic, English forms) of the known names inside an Arabic text, for its translation."""
        found = [(name, self.english_forms(name)) for name in self.mentions if name in arabic]
        return [(ar, forms) for ar, forms in found if forms]
