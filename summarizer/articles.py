"""Reading and vetting article input before any model call: bad input fails fast with a clear reason."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .config import Settings
from .errors import InputError
from .scripts import script_ratios

# BOMs that name their encoding; longest first, since UTF-32-LE's BOM starts with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MIN_ARABIC_SHARE = 0.3


def article_id_for(text: str) -> str:
    """A stable id for text given without one: a hash of its content."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _looks_utf16(head: bytes) -> bool:
    """Whether BOM-less bytes read as UTF-16 text: words and spaces, no NUL, nothing unprintable."""
    head = head[: len(head) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if (
            " " in text and "\x00" not in text and sum(ch.isalpha() for ch in text) * 2 >= len(text)
            and all(ch.isprintable() or ch.isspace() for ch in text)
        ):
            return True
    return False


def decode_article(data: bytes, article_id: str) -> str:
    """Decode file bytes as UTF-8 (or the encoding a BOM names); refuse binary and undecodable data."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        if _looks_utf16(data[:8192]):
            raise InputError(
                "looks like UTF-16 text without a byte-order mark; convert the file to UTF-8", article_id=article_id
            )
        raise InputError("looks like a binary file (NUL bytes), not an article text", article_id=article_id)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding.upper()} text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8",
            article_id=article_id,
        ) from None


def read_article(path: Path) -> tuple[str, str]:
    """Read one article file; returns (article_id, text) with the file's stem as id."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", article_id=path.stem) from None
    return path.stem, decode_article(data, path.stem)


def check_article(text: str, article_id: str, settings: Settings) -> str:
    """Refuse text no summary can be made of; return the article's language code ('ar')."""
    if not text.strip():
        raise InputError("the article is empty", article_id=article_id)
    if "\x1b" in text or "\x9b" in text:
        # Escape sequences are terminal commands, not text: copied into a summary they would clear or
        # retitle the terminal of whoever prints it (a stray NUL-free control is tolerated below).
        raise InputError("the article contains terminal escape sequences (ESC), not text", article_id=article_id)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise InputError("the article contains binary control characters, not text", article_id=article_id)
    if len(text) > settings.max_article_chars:
        raise InputError(
            f"the article has {len(text):,} characters, over the limit of {settings.max_article_chars:,} "
            "(max_article_chars); it is refused rather than silently truncated",
            article_id=article_id,
        )
    arabic, latin = script_ratios(text)
    if arabic < MIN_ARABIC_SHARE:
        raise InputError(
            f"the article is not in Arabic ({arabic:.0%} Arabic letters, {latin:.0%} Latin); "
            "this pipeline summarises Arabic articles",
            article_id=article_id,
        )
    return "ar"
