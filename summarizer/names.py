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

    def hints(self, arabic: str) -> list[tuple[str, tuple[str, ...]]]:
        """(Arabic, English forms) of the known names inside an Arabic text, for its translation."""
        found = [(name, self.english_forms(name)) for name in self.mentions if name in arabic]
        return [(ar, forms) for ar, forms in found if forms]
