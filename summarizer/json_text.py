"""JSON a model wrote, made strict: raw control characters inside its strings escaped.

llama-cpp-python's schema grammar lets a string hold any character but `"` and `\\` (its `char` rule
is `[^"\\\\]`), so a grammar-constrained reply may carry a raw newline or tab inside a string. JSON
(RFC 8259) forbids that, and pydantic's JSON parser, which instructor validates replies with, refuses
it ("control character (\\u0000-\\u001F) found while parsing a string"). The meaning is not in doubt
(a newline is a newline), so the reply is escaped rather than re-asked.
"""

from __future__ import annotations

import json
import re

# A JSON string token: a quote, then anything but a quote or backslash, or an escape pair, then a quote.
# Outside strings JSON has no quotes, so scanning from the start finds the strings of a JSON text.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f]")


def escape_control_characters(text: str) -> str:
    """`text` with each raw control character inside a JSON string written as its JSON escape.

    Only a text that is JSON once escaped, and not before, is changed, and it then reads back as the
    same value a lenient parser (`json.loads(strict=False)`) gives; anything else is returned as is.
    """
    if not _CONTROL.search(text):
        return text
    try:
        json.loads(text)
        return text  # already strict JSON: the control characters are whitespace between tokens
    except ValueError:
        pass
    escaped = _STRING.sub(lambda m: _CONTROL.sub(lambda c: json.dumps(c[0])[1:-1], m[0]), text)
    try:
        json.loads(escaped)
    except ValueError:
        return text  # not JSON for another reason: left for the caller's parser to report
    return escaped
