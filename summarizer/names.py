"""What the glossary and gazetteer know about the names in one article.

The pipeline uses it three ways: the events stage is shown the names found in the article (so a
small model copies names instead of inventing them), known names get their canonical English
from data instead of a model transliteration, and event locations get coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, cached_property

from .arabic import fold_words, normalize_article
from .gazetteer import Gazetteer, Place
from .glossary import Glossary, GlossaryEntry
from .regions import PREFIX_WORDS, Region, Regions

# Words that introduce a region as "the area(s) of" without being part of its name.
_AREA_WORDS = frozenset(fold_words(w) for w, role in PREFIX_WORDS.items() if role == "area")

# Kinds of glossary entry whose English is a proper name: an English text naming one names that
# very body. Government entries are left out: their English is generic (Ministry of Defence).
_PROPER_KINDS = frozenset({"armed_group", "party", "media", "international_body", "ngo", "agency"})
# Words that refer to a place of the article without naming it (and their clitic forms): the
# translation may name it.
_REFERRING_WORDS = frozenset(
    f"{clitic}{word}" for word in fold_words("البلاد الدولة المملكة الجمهورية الإمارة السلطنة العاصمة")
    for clitic in ("", "و", "ف", "ب", "ل", "وب", "ول")
) | frozenset(fold_words("للبلاد للدولة للمملكة للجمهورية للعاصمة"))
# A name after one of these is part of another place's name (New Jersey, South Sudan).
_PLACE_PREFIXES = r"(?<!New )(?<!North )(?<!South )(?<!East )(?<!West )(?<!Upper )(?<!Lower )(?<!Greater )"
# One-word division names that are also ordinary English words (Sudan's "Northern", Morocco's "Oriental").
_GENERIC_WORDS = frozenset({
    "Capital", "Central", "Northern", "Southern", "Eastern", "Western", "Oriental", "North", "South",
    "East", "West", "Upper", "Lower", "Coast", "Islands", "Lakes", "Unity",
})


class KnownNames:
    """Names found by code in one article, with their canonical English where known.

    With `regions` (`Regions`), divisions and well-known regions count as places too: the gazetteer
    reads a bare name as its city first (حمص is the city); a name after a division word (محافظة حمص،
    ولاية الخرطوم، ريف حلب) or one the gazetteer lacks (الغوطة الشرقية، القلمون) is the region.
    """

    def __init__(self, text: str, glossary: Glossary, gazetteer: Gazetteer, regions: Regions | None = None) -> None:
        self.text = text
        self.glossary = glossary
        self.gazetteer = gazetteer
        self.regions = regions

    @cached_property
    def countries(self) -> list[str]:
        """The countries the article names, most often first (the regions' hint)."""
        return self.gazetteer.country_of(self.text)

    @cached_property
    def mentions(self) -> list[str]:
        """Arabic names found in the article, as written (normalised: hashtags undone), once each."""
        bodies = [(s, e) for s, e, _ in self.glossary.find(self.text)]
        spans = bodies + [(m.start, m.end) for m in self.gazetteer.find_places(self.text)]
        if self.regions is not None:
            spans += [
                self._without_area_word(s, e) for s, e, _ in self.regions.find(self.text, self.countries)
                if not any(a < e and s < z for a, z in bodies)
            ]
        names = (normalize_article(self.text[s:e]).text for s, e in sorted(spans))
        return list(dict.fromkeys(n for n in names if n))

    def _without_area_word(self, start: int, end: int) -> tuple[int, int]:
        """A region's span without a leading word that only means "the area(s) of" (مناطق الغوطة الشرقية),
        which is no part of the name."""
        first, _, rest = self.text[start:end].partition(" ")
        if rest and fold_words(first)[:1] in _AREA_WORDS:
            return end - len(rest.lstrip()), end
        return start, end

    def place(self, name: str) -> Place | Region | None:
        """The place a name refers to, disambiguated by the countries of this article.

        A name after a division word is the division (`Regions`); otherwise the gazetteer's place
        (a bare name is a city first); a name the gazetteer lacks may still be a division or region.
        """
        regions = self.regions
        if regions is not None and regions.division_word(name) is not None:
            if (region := regions.lookup(name, self.countries)) is not None:
                return region
        place = self.gazetteer.resolve(name, context=self.text)
        if place is not None or regions is None:
            return place
        return regions.lookup(name, self.countries, as_division=True)

    def english_forms(self, name: str) -> tuple[str, ...]:
        """Canonical English of a known actor or place, then its accepted variants; () when unknown.

        A country is rendered by its adjectives too, as a nationality is by its country's name
        (`nationalities`): "the Lebanese police" for الشرطة في لبنان, and 32 سوريا after a number is
        32 Syrians (the accusative of سوري, spelt like the country).
        """
        if entry := self.glossary.lookup(name):
            return entry.english_names()
        place = self.place(name)
        if isinstance(place, Region):  # Idlib Governorate for محافظة إدلب; Eastern Ghouta
            return tuple(dict.fromkeys((place.full_name_en, *place.english_names())))
        if place is None:
            return ()
        adjectives = self.gazetteer.nationality_english(place.country) if place.kind == "country" else ()
        return tuple(dict.fromkeys((place.name_en, *place.names_en, *adjectives)))

    def english(self, name: str) -> str | None:
        """The canonical English of a known actor or place; None when neither list knows it."""
        forms = self.english_forms(name)
        return forms[0] if forms else None

    @cached_property
    def _places(self) -> Glossary:
        """The article's place mentions as a phrase index, so `Glossary.find` (longest match,
        attached clitics, words joined by spaces only) finds them in any text about the article."""
        rows: dict[str, GlossaryEntry] = {}
        for name in self.mentions:
            if self.glossary.lookup(name) is None and (forms := self.english_forms(name)):
                rows.setdefault(" ".join(fold_words(name)), GlossaryEntry((name,), forms[0], forms[1:], "other", None))
        return Glossary(("article", i, entry, frozenset()) for i, entry in enumerate(rows.values()))

    def occurrences(self, arabic: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Known names in a text written about this article: (start, end, English forms), in order.

        Glossary entries are found as `Glossary.find` finds them; places are the article's own
        place mentions, found the same way, so that the gazetteer's choice rests on the whole
        article's country context, not one sentence's, and a name inside a longer word is not a
        mention (اليمن in اليمنية, الكويت in بنك الكويت المركزي's entry).
        """
        found = [
            (start, end, entry.english_names())
            for index in (self.glossary, self._places)
            for start, end, entry in index.find(arabic)
        ]
        kept: list[tuple[int, int, tuple[str, ...]]] = []
        for start, end, forms in sorted(found, key=lambda f: (f[0], -f[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end, forms))
        return kept

    def in_english(self, arabic: str, also: Sequence[tuple[int, int, str]] = ()) -> str:
        """`arabic` with each known name written in its canonical English, for a translation prompt,
        and the other rewrites `also` gives (start, end, text: numbers in digits) where no name is.

        Given only a list of name hints, the 1.5B model transliterated names its own way and the
        known-name check dropped the point; a Latin name in place is copied more often (not
        always: docs/glossary.md).
        """
        rewrites = [
            # An attached clitic (بـ، لـ، و) stays Arabic, set apart from the Latin name.
            (start, end, (" " if start and arabic[start - 1].isalpha() else "") + forms[0])
            for start, end, forms in self.occurrences(arabic)
        ]
        for other in also:  # kept where it overlaps nothing kept before it, a name first
            if not any(other[0] < end and start < other[1] for start, end, _ in rewrites):
                rewrites.append(other)
        out: list[str] = []
        at = 0
        for start, end, text in sorted(rewrites):
            out += [arabic[at:start], text]
            at = end
        return "".join([*out, arabic[at:]])

    @cached_property
    def _named(self) -> tuple[frozenset[str], str]:
        return self._named_in(self.text)

    def _named_in(self, arabic: str) -> tuple[frozenset[str], str]:
        """The English forms of the names found in `arabic` (read in the article's context), or of any
        place a name in it may mean (and that place's division), and its folded words without ال."""
        english = {f for _, _, forms in self.occurrences(arabic) for f in forms}
        for place in self.gazetteer.possible_places(arabic):
            english.update((place.name_en, *place.names_en, *((place.admin1,) if place.admin1 else ())))
        return frozenset(english), " ".join(_without_article(w) for w in fold_words(arabic))

    def foreign_names(self, english: str, arabic: str | None = None) -> list[str]:
        """Names of bodies, countries and divisions that `english` writes but the article never names,
        and, given the `arabic` it translates, countries and divisions that this text does not name,
        in the order written.

        Matched as written (case and whole words), so only a proper name counts. A name is the
        article's when one of its English forms is, or is inside, the English of a name the article
        has; a country, when the article is about it (`countries`); a body, when one of its Arabic
        forms occurs in the article. What is left was invented by the translation ("the United
        States" for الروس, "Hamas" in an article that never mentions it). Within one text the same
        holds for places, a country counting as named by its adjective (السودانية: Sudan's) or by a
        place in it, unless
        the text refers to a place without naming it (البلاد، العاصمة: "the northwest of Tunisia",
        "central Tripoli"): "in the Gaza Strip" was added to a sentence that says no place.
        """
        found = self._foreign(english, *self._named, self.countries, bodies=True)
        if arabic is not None and not _REFERRING_WORDS & set(fold_words(arabic)):
            # the text's countries: those it names or calls by their adjective, and those of the
            # places it names ("Taroudant province in Morocco")
            countries = [*self.gazetteer.country_of(arabic), *(p.country for p in self.gazetteer.possible_places(arabic))]
            found += self._foreign(english, *self._named_in(arabic), countries, bodies=False)
        return list(dict.fromkeys(name for _, name in sorted(found)))

    def _foreign(
        self, english: str, known: frozenset[str], folded: str, countries: Sequence[str], *, bodies: bool
    ) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for forms, country, arabic_forms, adjective, pattern in _proper_names(self.glossary, self.gazetteer):
            if ((arabic_forms or adjective) and not bodies) or (match := pattern.search(english)) is None:
                continue
            if any(re.search(_english_name(f), k) for f in forms for k in known):
                continue
            if (country is not None and country in countries) or any(a and a in folded for a in arabic_forms):
                continue
            found.append((match.start(), match.group(0)))
        return found

    def unsaid_nationalities(self, english: str, arabic: str) -> list[str]:
        """Phrases of `english` that give an attack or an armed force a nationality the Arabic it
        translates never states, in the order written.

        "A Yemeni airstrike" says who struck; غارة جوية في اليمن says where: a nationality before
        an attack or a force names the actor, so the Arabic must say it, by the country's adjective
        (الجيش اليمني، غارة سعودية) or by its name other than as a place after a preposition (شنت
        إسرائيل غارات: "Israeli airstrikes"). No human translation of either gold corpus is flagged."""
        adjectives, pattern = _acting_nationalities(self.gazetteer)
        said = list(pattern.finditer(english))
        if not said:  # most translations: the Arabic need not be read for its places
            return []
        stated = {cc for word in re.findall(r"[\u0621-\u064a]+", arabic) if (cc := self.gazetteer.demonym_country(word))}
        stated |= {m.best.country for m in self.gazetteer.find_places(arabic)
                   if m.best.kind == "country" and not _after_place_preposition(arabic, m.start)}
        return [m.group(0) for m in said if adjectives[m.group(1)] not in stated]

    def nationalities(self, arabic: str) -> list[tuple[str, tuple[str, ...]]]:
        """(Arabic as written, English forms) of the adjectives of nationality of an Arabic text that
        no known name contains, one per country: مصدر رسمي أردني is a Jordanian source ("Jordanian",
        or "Jordan"; the model wrote "Arabic"). Checked like the known names' `hints`."""
        taken = [(start, end) for start, end, _ in self.occurrences(arabic)]
        found: dict[str, tuple[str, tuple[str, ...]]] = {}
        for word in re.finditer(r"[\u0621-\u064a\u064b-\u0652\u0640]+", arabic):
            if any(start <= word.start() < end for start, end in taken):
                continue
            cc = self.gazetteer.demonym_country(word.group())
            if cc is not None and cc not in found and (forms := self.gazetteer.country_english(cc)):
                found[cc] = (word.group(), forms)
        return list(found.values())

    def hints(self, arabic: str) -> list[tuple[str, tuple[str, ...]]]:
        """(Arabic as written, English forms) of the known names in an Arabic text, for its translation.

        The Arabic starts at its first word's start, attached clitics included: a mention after لل
        (ل + ال) starts at the second ل, which shown alone is a misspelling (لحكومة السورية for
        للحكومة السورية) in the prompt and in a re-ask. One hint per name.
        """
        seen: dict[tuple[str, ...], str] = {}
        for start, end, forms in self.occurrences(arabic):
            while start and arabic[start - 1].isalpha():
                start -= 1
            seen.setdefault(forms, arabic[start:end])
        return [(written, forms) for forms, written in seen.items()]


# Words after which a country's name is where something happened, not who did it (folded, ال off
# the directions): في اليمن، إلى سوريا، جنوب لبنان; an attached ب or ل does the same (باليمن).
# Not من: what comes from a country is often its own (صاروخ من اليمن, a missile fired from Yemen).
_PLACE_PREPOSITIONS = frozenset(fold_words(
    "في الى على داخل خارج نحو قرب عبر بين وسط شمال جنوب شرق غرب شمالي جنوبي شرقي غربي"
))


def _after_place_preposition(arabic: str, start: int) -> bool:
    """Whether the name starting at `start` of `arabic` is a place: a preposition attached or before it."""
    attached = re.search(r"[\u0621-\u064a]*$", arabic[:start]).group()
    if attached.removeprefix("و").removeprefix("ف") in ("ب", "ل"):
        return True
    before = fold_words(arabic[:start - len(attached)])
    return bool(before) and before[-1] in _PLACE_PREPOSITIONS


# What a nationality written before it makes the nationality's act or arm ("Saudi-led" is not
# matched: the hyphen makes it another word).
_ACTS_AND_ARMS = (
    r"air ?strikes?|strikes?|attacks?|raids?|bombings?|bombardments?|shelling|offensives?|assaults?|"
    r"missiles?|rockets?|drones?|forces|troops|army|armies|soldiers|jets|warplanes|aircraft|planes?|navy|"
    r"military|militias?|gunmen|fighters"
)


@cache
def _acting_nationalities(gazetteer: Gazetteer) -> tuple[dict[str, str], re.Pattern[str]]:
    """(English adjective of nationality -> country code, pattern of an adjective before an act or an
    arm) for `KnownNames.unsaid_nationalities`; built once per gazetteer."""
    adjectives = {form: p.country for p in gazetteer.places if p.kind == "country"
                  for form in gazetteer.nationality_english(p.country)}
    alternatives = "|".join(sorted(map(re.escape, adjectives), key=len, reverse=True))
    return adjectives, re.compile(rf"\b({alternatives})\s+(?:{_ACTS_AND_ARMS})\b")


@cache
def _proper_names(
    glossary: Glossary, gazetteer: Gazetteer
) -> list[tuple[tuple[str, ...], str | None, tuple[str, ...], bool, re.Pattern[str]]]:
    """(English forms, country code of a country, folded Arabic forms, whether the forms are a
    country's adjectives, pattern) of every body or country or first-level division an English
    text could name. Built once per glossary and
    gazetteer (a quarter of a second), not per article."""
    rows = [
        (e.english_names(), None, tuple(" ".join(map(_without_article, fold_words(a))) for a in e.arabic), False)
        for e in glossary.entries if e.kind in _PROPER_KINDS
    ] + [
        ((p.name_en, *p.names_en), p.country if p.kind == "country" else None, (), False)
        for p in gazetteer.places if p.kind in ("country", "admin1")
    ] + [
        # a country is named by its adjective too ("Sudanese" in an article that never names Sudan);
        # article-level only: a translator adds one where the text leaves it implicit ("15 Saudi
        # princes" for نحو 15 من الأمراء)
        (forms, p.country, (), True)
        for p in gazetteer.places if p.kind == "country" and (forms := gazetteer.nationality_english(p.country))
    ]
    out = []
    for forms, country, arabic, adjective in rows:
        usable = [f for f in forms if (len(f) >= 4 or f.isupper()) and f not in _GENERIC_WORDS]
        if usable:
            pattern = _PLACE_PREFIXES + "(?:" + "|".join(map(_english_name, usable)) + ")"
            out.append((forms, country, arabic, adjective, re.compile(pattern)))
    return out


def _english_name(form: str) -> str:
    """A regex for an English name as a whole word sequence, case as written."""
    return r"(?<![A-Za-z'-])" + re.escape(form) + r"(?![A-Za-z-])"


def _without_article(word: str) -> str:
    """A folded Arabic word without its article (ال), when a stem of 3+ letters is left."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word
