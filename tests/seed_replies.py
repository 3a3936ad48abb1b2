"""Scripted model replies for the seed article, one per pipeline stage, valid unless altered."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4e32085be5773d8c.txt"

# Sentence words -> how the events stage codes that candidate sentence; every other candidate: none.
CODING: dict[str, dict[str, Any]] = {
    "وغادرت ليل السبت أول دفعة": {"event_type": "retreat", "initiators": ["فيلق الرحمن"], "recipients": []},
    "بخروج 17 حافلة عبر معبر عربين": {"event_type": "retreat", "initiators": [], "recipients": []},
}

ARABIC: dict[str, Any] = {
    "headline": "بدء خروج المقاتلين من جنوب الغوطة الشرقية",
    "points": [
        {
            "text": "غادرت ليل السبت أول دفعة من المقاتلين والمدنيين من مناطق سيطرة فيلق الرحمن في جنوب الغوطة الشرقية إلى إدلب.",
        },
        {"text": "أفادت وكالة سانا بخروج 17 حافلة عبر معبر عربين وبداخلها 981 شخصاً من المسلحين وعائلاتهم."},
    ],
}

# Arabic text -> its English, for the per-item translation stage.
ENGLISH: dict[str, str] = {
    ARABIC["headline"]: "Fighters begin leaving southern Eastern Ghouta",
    ARABIC["points"][0]["text"]: "The first group of fighters and civilians left areas held by Faylaq al-Rahman in southern Eastern Ghouta for Idlib on Saturday night.",
    ARABIC["points"][1]["text"]: "SANA reported that 17 buses carrying 981 fighters and family members left through the Arbin crossing.",
    # the article's own sentence 4, used when a point is replaced by code
    "وغادرت ليل السبت أول دفعة من المقاتلين والمدنيين الذين تم إجلاؤهم من مناطق سيطرة فيلق الرحمن في جنوب الغوطة الشرقية في طريقها إلى محافظة إدلب في شمال غربي سوريا، وفق ما أعلن إعلام النظام السوري.": (
        "On Saturday night the first group of fighters and civilians evacuated from areas controlled by Faylaq "
        "al-Rahman in southern Eastern Ghouta left for Idlib province in northwestern Syria, the Syrian government media said."
    ),
    "فيلق الرحمن": "Faylaq al-Rahman",
    "عربين": "Arbin",
}

STAGES = {"summarize_ar": ARABIC}


def stage_of(request: dict[str, Any]) -> str:
    """Which pipeline stage a chat request belongs to, from the task line of its prompt."""
    prompt = request["messages"][1]["content"]
    if "Task: for each sentence above" in prompt:
        return "events"
    if "Task: summarise the article" in prompt:
        return "summarize_ar"
    if "Task: translate into English" in prompt or "Task: give the usual English name" in prompt:
        return "translate_en"
    raise AssertionError(f"unknown stage in prompt: {prompt[-200:]}")


def arabic_of(request: dict[str, Any]) -> str:
    """The Arabic text a translation request asks for."""
    prompt = request["messages"][1]["content"]
    return prompt.split("<arabic>\n", 1)[1].split("\n</arabic>", 1)[0]


# A Latin or digit run in a translation request: a known name the pipeline wrote in English for
# the model, or a number it wrote in digits.
_LATIN_RUN = re.compile(r"[A-Za-z0-9][\w .,%'’-]*[A-Za-z0-9%]|[A-Za-z0-9]")


def shows(request: dict[str, Any], arabic: str) -> bool:
    """Whether a translation request asks for `arabic`, its known names shown in English and its
    numbers in digits.

    The pipeline writes known names in their English form inside the Arabic it sends
    (`KnownNames.in_english`), set apart by a space after an attached clitic (وب Irbin), and
    numbers in digits (`numbers.digit_rewrites`: 30 ألف as 30,000).
    """
    shown = arabic_of(request)
    if shown == arabic:
        return True
    *before, last = _LATIN_RUN.split(shown)
    pattern = "".join(re.escape(p.rstrip(" ")) + (" ?" if p.endswith(" ") else "") + ".+?" for p in before)
    return bool(before) and re.fullmatch(pattern + re.escape(last), arabic) is not None


def translation(request: dict[str, Any], english: dict[str, str], default: str) -> str:
    """The English of the Arabic text a translation request asks for, from `english` (Arabic -> English)."""
    return next((en for ar, en in english.items() if shows(request, ar)), default)


def schema_of(request: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema a structured-output request sends (json_schema, json_object + schema, guided_json)."""
    if "guided_json" in request:
        return request["guided_json"]
    form = request["response_format"]
    return form["json_schema"]["schema"] if "json_schema" in form else form["schema"]


def candidates_of(request: dict[str, Any]) -> dict[str, tuple[list[str], str]]:
    """An events request's candidate sentences: key -> (the types its schema allows, the sentence as shown)."""
    schema = schema_of(request)
    prompt = request["messages"][1]["content"]
    out = {}
    for key, ref in schema["properties"].items():
        coding = schema["$defs"][ref["$ref"].rsplit("/", 1)[1]]
        text = prompt.split(f"\n{key}: ", 1)[1].split("\n", 1)[0]
        out[key] = (coding["properties"]["event_type"]["enum"], text)
    return out


def coding_reply(request: dict[str, Any], coding: dict[str, dict[str, Any]] | None = None) -> str:
    """An events reply: a candidate whose sentence contains a key of `coding` (default `CODING`) is
    coded so, when its schema allows that type; every other candidate is "none"."""
    coding = CODING if coding is None else coding
    answer = {}
    for key, (types, text) in candidates_of(request).items():
        chosen = next((c for words, c in coding.items() if words in text and c["event_type"] in types), None)
        answer[key] = chosen or {"event_type": "none", "initiators": [], "recipients": []}
    return json.dumps(answer, ensure_ascii=False)


def valid_reply(request: dict[str, Any], english: dict[str, str] | None = None) -> str:
    """The valid reply to any request of the pipeline on the seed article (`english`: more translations)."""
    stage = stage_of(request)
    if stage == "translate_en":
        # Texts the pipeline wrote itself (a repaired point) get a plain, number-free sentence.
        english = translation(request, {**ENGLISH, **(english or {})}, "Fighters and civilians left the area, the report said.")
        return json.dumps({"text": english}, ensure_ascii=False)
    if stage == "events":
        return coding_reply(request)
    return reply_json(stage)


def reply_json(stage: str, **changes: Any) -> str:
    """The valid reply of a stage, with top-level fields replaced."""
    data = copy.deepcopy(STAGES[stage])
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)
