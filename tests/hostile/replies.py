"""Valid scripted replies for the articles of the hostile corpus that must summarise normally.

Each point restates one article sentence (support), each translation keeps the numbers and the
known names of its Arabic; every candidate sentence of the events stage is coded "none", so no
name calls.
`valid_reply(request)` answers any pipeline request for any of these articles, and for the seed
(`utf16_bom.txt` is the seed article in UTF-16).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import seed_replies
from ..seed_replies import coding_reply, stage_of, translation

HOSTILE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ArticleReplies:
    """One article's valid answers: the Arabic summary, its English, the event records."""

    marker: str  # a phrase only this article's prompts contain
    headline: str
    points: tuple[str, ...]
    english: dict[str, str]
    coding: dict[str, dict[str, Any]] = field(default_factory=dict)  # sentence words -> its coding

    def arabic(self, **changes: Any) -> str:
        data = {"headline": self.headline, "points": [{"text": p} for p in self.points], **changes}
        return json.dumps(data, ensure_ascii=False)

    def events(self, request: dict[str, Any], coding: dict[str, dict[str, Any]] | None = None) -> str:
        return coding_reply(request, self.coding if coding is None else coding)

    def reply(self, request: dict[str, Any]) -> str:
        stage = stage_of(request)
        if stage == "summarize_ar":
            return self.arabic()
        if stage == "events":
            return self.events(request)
        # A point the pipeline repaired itself (the closest article sentence) has no scripted English.
        english = translation(request, self.english, "The report described what happened.")
        return json.dumps({"text": english}, ensure_ascii=False)


ARTICLES: dict[str, ArticleReplies] = {
    "injection_ar": ArticleReplies(
        marker="مدينة الزرقاء",
        headline="أمطار غزيرة تغمر أحياء في مدينة الزرقاء",
        points=(
            "غمرت أمطار غزيرة صباح الأحد عدة أحياء في مدينة الزرقاء، وأعلن الدفاع المدني إنقاذ 14 شخصاً علقوا داخل سياراتهم.",
            "وأوضح أن الأمطار تسببت في إغلاق طريقين رئيسيين وانقطاع الكهرباء عن عدد من المنازل.",
        ),
        english={
            "أمطار غزيرة تغمر أحياء في مدينة الزرقاء": "Heavy rain floods neighbourhoods in the city of Zarqa",
            "غمرت أمطار غزيرة صباح الأحد عدة أحياء في مدينة الزرقاء، وأعلن الدفاع المدني إنقاذ 14 شخصاً علقوا داخل سياراتهم.":
                "Heavy rain flooded several neighbourhoods of Zarqa on Sunday morning, and civil defence said it "
                "rescued 14 people trapped in their cars.",
            "وأوضح أن الأمطار تسببت في إغلاق طريقين رئيسيين وانقطاع الكهرباء عن عدد من المنازل.":
                "He said the rain closed two main roads and cut power to a number of homes.",
        },
    ),
    "injection_en": ArticleReplies(
        marker="مدينة العقبة",
        headline="افتتاح محطة لتحلية المياه في مدينة العقبة",
        points=(
            "افتتحت وزارة المياه يوم الثلاثاء محطة جديدة لتحلية مياه البحر في مدينة العقبة بطاقة إنتاجية تبلغ 30 ألف متر مكعب يومياً.",
            "وأضاف الوزير أن كلفة المشروع بلغت 45 مليون دينار بتمويل من منحة أوروبية.",
        ),
        english={
            "افتتاح محطة لتحلية المياه في مدينة العقبة": "A water desalination plant opens in the city of Aqaba",
            "افتتحت وزارة المياه يوم الثلاثاء محطة جديدة لتحلية مياه البحر في مدينة العقبة بطاقة إنتاجية تبلغ 30 ألف متر مكعب يومياً.":
                "The Ministry of Water on Tuesday opened a new seawater desalination plant in Aqaba with a capacity "
                "of 30,000 cubic metres a day.",
            "وأضاف الوزير أن كلفة المشروع بلغت 45 مليون دينار بتمويل من منحة أوروبية.":
                "The minister added that the project cost 45 million dinars, funded by a European grant.",
        },
    ),
    "closing_tag": ArticleReplies(
        marker="مدينة الموصل",
        headline="تعليق الدوام في مدارس مدينة الموصل بسبب عاصفة ترابية",
        points=(
            "قررت مديرية التربية في محافظة نينوى تعليق الدوام في مدارس مدينة الموصل يوم الأربعاء بسبب عاصفة ترابية كثيفة.",
            "وقالت المديرية في بيان إن القرار يهدف إلى الحفاظ على سلامة الطلاب والكوادر التعليمية.",
        ),
        english={
            "تعليق الدوام في مدارس مدينة الموصل بسبب عاصفة ترابية": "Schools in Mosul closed because of a dust storm",
            "قررت مديرية التربية في محافظة نينوى تعليق الدوام في مدارس مدينة الموصل يوم الأربعاء بسبب عاصفة ترابية كثيفة.":
                "The education directorate of Nineveh province suspended classes in the schools of Mosul on "
                "Wednesday because of a thick dust storm.",
            "وقالت المديرية في بيان إن القرار يهدف إلى الحفاظ على سلامة الطلاب والكوادر التعليمية.":
                "The directorate said in a statement that the decision aims to keep students and teaching staff safe.",
        },
    ),
    "mixed_ar_en": ArticleReplies(
        marker="سعر الفائدة",
        headline="البنك المركزي يرفع سعر الفائدة",
        points=(
            "رفع البنك المركزي يوم الخميس سعر الفائدة الرئيسي بمقدار 25 نقطة أساس.",
            "وأوضح البيان أن معدل التضخم بلغ 4 في المئة خلال الشهر الماضي.",
        ),
        english={
            "البنك المركزي يرفع سعر الفائدة": "The central bank raises its interest rate",
            "رفع البنك المركزي يوم الخميس سعر الفائدة الرئيسي بمقدار 25 نقطة أساس.":
                "The central bank raised its main interest rate by 25 basis points on Thursday.",
            "وأوضح البيان أن معدل التضخم بلغ 4 في المئة خلال الشهر الماضي.":
                "The statement said inflation reached 4 percent last month.",
        },
    ),
    "boilerplate": ArticleReplies(
        marker="ضد الحصبة",
        headline="انطلاق حملة لتطعيم الأطفال ضد الحصبة في محافظة إربد",
        points=(
            "أطلقت وزارة الصحة يوم الأحد حملة وطنية لتطعيم الأطفال ضد الحصبة في محافظة إربد تستمر أسبوعين.",
            "وقال مدير الحملة إن الفرق الطبية تستهدف تطعيم نحو 120 ألف طفل دون سن الخامسة.",
        ),
        english={
            "انطلاق حملة لتطعيم الأطفال ضد الحصبة في محافظة إربد":
                "A campaign to vaccinate children against measles starts in Irbid governorate",
            "أطلقت وزارة الصحة يوم الأحد حملة وطنية لتطعيم الأطفال ضد الحصبة في محافظة إربد تستمر أسبوعين.":
                "The Ministry of Health on Sunday launched a national campaign to vaccinate children against "
                "measles in Irbid governorate, lasting two weeks.",
            "وقال مدير الحملة إن الفرق الطبية تستهدف تطعيم نحو 120 ألف طفل دون سن الخامسة.":
                "The campaign director said medical teams aim to vaccinate about 120,000 children before their fifth birthday.",
        },
    ),
    "html_script": ArticleReplies(
        marker="سوق الجمعة",
        headline="اشتباكات مسلحة في العاصمة الليبية طرابلس",
        points=(
            "اندلعت اشتباكات مسلحة ليل الاثنين بين مجموعتين مسلحتين في حي سوق الجمعة بالعاصمة الليبية طرابلس.",
            "وأعلن جهاز الإسعاف والطوارئ مقتل 3 أشخاص وإصابة 9 آخرين في الاشتباكات.",
        ),
        english={
            "اشتباكات مسلحة في العاصمة الليبية طرابلس": "Armed clashes in the Libyan capital Tripoli",
            "اندلعت اشتباكات مسلحة ليل الاثنين بين مجموعتين مسلحتين في حي سوق الجمعة بالعاصمة الليبية طرابلس.":
                "Armed clashes broke out on Monday night between two armed groups in the Souq al-Jumaa district of "
                "the Libyan capital Tripoli.",
            "وأعلن جهاز الإسعاف والطوارئ مقتل 3 أشخاص وإصابة 9 آخرين في الاشتباكات.":
                "The ambulance and emergency service said 3 people were killed and 9 others wounded in the clashes.",
        },
    ),
}


def article_of(request: dict[str, Any]) -> ArticleReplies | None:
    """Which corpus article a request is about (None: the seed article)."""
    prompt = request["messages"][1]["content"]
    article = prompt.split("</article>", 1)[0]
    found = [a for a in ARTICLES.values() if a.marker in article]
    assert len(found) <= 1, [a.marker for a in found]
    return found[0] if found else None


def valid_reply(request: dict[str, Any]) -> str:
    """The valid reply to any pipeline request on a corpus article or on the seed."""
    article = article_of(request)
    return article.reply(request) if article is not None else seed_replies.valid_reply(request)
