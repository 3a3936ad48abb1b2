"""Arabic-aware text normalisation that keeps an exact offset map back to the original.

Two levels:

* `normalize_article` is what the model sees: Unicode compatibility forms resolved, invisible
  controls and tatweel removed, digits made ASCII, agency decimals (`5ر2`) rewritten, hashtags
  turned back into words and scraping artefacts cleaned. Letters, diacritics and punctuation stay.
* `fold` is a matching key: everything above plus diacritics removed, letter variants unified
  (hamza seats, alef maksura, ta marbuta), Latin lower-cased and punctuation turned into spaces.

Both return a `Normalized` whose `index`/`ends` say, for every output character, which slice of
the original produced it, so a match found in normalised text can be reported in the user's text.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .letters import DECIMAL_SEPARATOR, DIGITS, INVISIBLE, LETTER_VARIANTS, TATWEEL, THOUSANDS_SEPARATOR, is_arabic_mark

__all__ = ["Normalized", "fold", "fold_key", "fold_words", "normalize_article"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text with its map back to the text it was made from.

    `index` has len(text)+1 entries: index[i] is the offset in `original` of the first character
    of the source unit that produced text[i] (a unit is one character, a grapheme cluster, or a
    rewritten token such as `5ر2`); the last entry is len(original). `ends[i]` is the exclusive end
    of that unit. Both are non-decreasing. Dropped characters (controls, tatweel, the extra spaces
    of a run) produce nothing, so a mapped span includes them only when they sit inside a unit.
    `ends` is an addition to the index-only map: without it the end of a span could not be told
    from the dropped characters that follow it.
    """

    original: str
    text: str
    index: tuple[int, ...]
    ends: tuple[int, ...]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` to the smallest covering span of `original`.

        An empty span maps to an empty span at the corresponding position.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            return self.index[start], self.index[start]
        return self.index[start], self.ends[end - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """`span_to_original`, trimmed of the whitespace the span takes in at either end."""
        a, z = self.span_to_original(start, end)
        while a < z and self.original[a].isspace():
            a += 1
        while z > a and self.original[z - 1].isspace():
            z -= 1
        return a, z


# --- per-character tables -------------------------------------------------------------------

_ARTICLE_MAP: dict[str, str] = {
    **DIGITS,
    DECIMAL_SEPARATOR: ".",
    THOUSANDS_SEPARATOR: ",",
    TATWEEL: "",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
    **{c: "" for c in INVISIBLE},
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character of normalised text: '' to drop it, ' ' for separators."""
    if ch in LETTER_VARIANTS:
        return LETTER_VARIANTS[ch]
    if is_arabic_mark(ch):
        return ""
    if ch.isspace() or ch in string.punctuation or unicodedata.category(ch).startswith("P"):
        return " "
    return ch.lower()


def fold_key(text: str) -> str:
    """Fold a short string (a token) the way `fold` does, without offsets.

    Meant for dictionary keys built from `normalize_article` output; separators become spaces but
    are not collapsed.
    """
    return "".join(_fold_char(c) for c in text)


# --- builders -------------------------------------------------------------------------------


class _Builder:
    """Accumulates output characters with their source ranges in original coordinates."""

    __slots__ = ("chars", "starts", "ends")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def emit(self, s: str, start: int, end: int) -> None:
        for c in s:
            self.chars.append(c)
            self.starts.append(start)
            self.ends.append(end)

    def finish(self, original: str, strip: bool = True) -> Normalized:
        chars, starts, ends = self.chars, self.starts, self.ends
        lo, hi = 0, len(chars)
        if strip:
            while lo < hi and chars[lo].isspace():
                lo += 1
            while hi > lo and chars[hi - 1].isspace():
                hi -= 1
        return Normalized(
            original=original,
            text="".join(chars[lo:hi]),
            index=(*starts[lo:hi], len(original)),
            ends=tuple(ends[lo:hi]),
        )


@lru_cache(maxsize=8192)
def _normalize_cluster(cluster: str) -> str:
    """NFKC plus the article character map, for one grapheme cluster with invisibles removed."""
    out = unicodedata.normalize("NFKC", cluster)
    return "".join(_ARTICLE_MAP.get(c, c) for c in out)


_CLUSTER = regex.compile(r"\X")
_DROP_FIRST = INVISIBLE | {TATWEEL}


def _clusters(text: str) -> _Builder:
    """Stage 1: normalise grapheme by grapheme, so NFKC length changes stay attributable.

    NFKC composes and decomposes only within a grapheme cluster (letter + its marks), so
    normalising per cluster gives the same text while every output character can be traced to the
    cluster it came from. Invisibles and tatweel go first, so that clusters are formed as they
    will be in the output (a mark after a tatweel joins the letter before it).
    """
    kept = [i for i, c in enumerate(text) if c not in _DROP_FIRST]
    clean = "".join(text[i] for i in kept) if len(kept) < len(text) else text
    b = _Builder()
    for m in _CLUSTER.finditer(clean):
        a, z = m.span()
        b.emit(_normalize_cluster(m.group()), kept[a], kept[z - 1] + 1)
    return b


# An agency decimal: 5ر2 is 2.5 (the fraction written first).
_DECIMAL = r"(?<![\d.,])\d++ر\d++(?![.,]\d)"
_DECIMALS = regex.compile(_DECIMAL)
# Stage 2 rewrites, one pass. Alternatives start on disjoint characters, so order is irrelevant.
_REWRITE = regex.compile(
    r"(?P<dec>" + _DECIMAL + r""")
    | (?P<tag>(?<![\w&/\#])\#(?=[\p{L}\p{N}])\w+)  # hashtag; not C#, &#39; or URL fragments
    | (?P<punct>[,،]+\.[,،]*|\.[,،]+)             # '.,' ',.' '،.' '.،' left by scrapers
    | (?P<ws>\s+)
    """,
    regex.VERBOSE,
)


def _rewrite(text: str, starts: list[int], ends: list[int], original: str) -> Normalized:
    """Stage 2: token-level rewrites on the stage-1 text, composing the offset maps."""
    b = _Builder()

    def copy(a: int, z: int) -> None:
        b.chars.extend(text[a:z])
        b.starts.extend(starts[a:z])
        b.ends.extend(ends[a:z])

    def emit(s: str, a: int, z: int) -> None:
        # Output built from stage-1 chars a..z-1 covers their whole original range.
        b.emit(s, starts[a], ends[z - 1])

    def decimal(a: int, z: int) -> None:
        left, right = text[a:z].split("ر")
        emit(f"{right}.{left}", a, z)

    pos = 0
    for m in _REWRITE.finditer(text):
        copy(pos, m.start())
        pos = m.end()
        kind = m.lastgroup
        a, z = m.span()
        if kind == "dec":
            decimal(a, z)
        elif kind == "tag":
            # Drop '#'; an inner run of underscores is a word gap, a trailing one is noise.
            body = a + 1
            for part in regex.finditer(r"_+|[^_]+", text[body:z]):
                p, q = body + part.start(), body + part.end()
                if text[p] != "_":
                    # a decimal inside a hashtag (#5ر2) is read as one outside it
                    for d in _DECIMALS.finditer(text, p, q):
                        copy(p, d.start())
                        decimal(*d.span())
                        p = d.end()
                    copy(p, q)
                elif q < z:
                    emit(" ", p, p + 1)
        elif kind == "punct":
            dot = a + m.group().index(".")
            emit(".", dot, dot + 1)
        else:
            newlines = [a + k for k, c in enumerate(m.group()) if c == "\n"]
            if not newlines:
                emit(" ", a, a + 1)
            else:
                # One line break stays one; any longer run is a paragraph break.
                for nl in newlines[:2]:
                    emit("\n", nl, nl + 1)
    copy(pos, len(text))
    return b.finish(original)


def normalize_article(text: str) -> Normalized:
    """Normalise an article for the model, keeping a map back to `text`.

    NFKC (per grapheme), invisible controls and tatweel dropped, Arabic-Indic and Persian digits to
    ASCII, Arabic decimal/thousands separators to '.'/',', agency decimals `5ر2` -> `2.5`, hashtags
    `#فيلق_الرحمن` -> `فيلق الرحمن`, `.,`-style artefacts -> `.`, spaces and tabs collapsed, at
    most one blank line, ends stripped.
    """
    stage1 = _clusters(text)
    return _rewrite("".join(stage1.chars), stage1.starts, stage1.ends, text)


def fold(text: str) -> Normalized:
    """Fold `text` into a matching key whose index still points into `text`.

    `normalize_article`, then Arabic diacritics removed, alef/ya/ta marbuta/hamza-seat variants
    unified, Latin lower-cased, punctuation turned into spaces and all whitespace (newlines
    included) collapsed to single spaces.
    """
    norm = normalize_article(text)
    b = _Builder()
    last_space = True  # suppresses leading spaces as well as runs
    for i, ch in enumerate(norm.text):
        out = _fold_char(ch)
        if not out:
            continue
        if out == " ":
            if last_space:
                continue
            last_space = True
        else:
            last_space = False
        b.emit(out, norm.index[i], norm.ends[i])
    return b.finish(text)


# Text made only of base Arabic letters, spaces and hyphens (most rows of a word list) folds with
# one translate table: the same result as `fold`, many times faster (word lists fold every form).
_PLAIN = regex.compile(r"^[\u0621-\u063A\u0641-\u064A\u0671 \-]+$")
_PLAIN_TABLE = {ord(c): _fold_char(c) for c in ("".join(map(chr, range(0x0621, 0x064B))) + "\u0671 -")}


def fold_words(text: str) -> tuple[str, ...]:
    """The folded words of a short text (a name, a phrase of a word list)."""
    if _PLAIN.match(text):
        return tuple(text.translate(_PLAIN_TABLE).split())
    return tuple(fold(text).text.split())
