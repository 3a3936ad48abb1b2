"""Tests for summarizer.dates.resolve_date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.arabic import spelling_key as normalize
from summarizer.dates import find_date, period, resolve_date
from summarizer.models import EventDate

D = dt.date
SAT = D(2018, 3, 24)  # publication day of the seed article: a Saturday
SUN = D(2018, 3, 25)
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4e32085be5773d8c.txt"


def check(text, published, iso, precision):
    out = resolve_date(text, published)
    assert isinstance(out, EventDate)
    assert out.text == text
    assert out.iso == iso, (text, published, out)
    assert out.precision == precision, (text, published, out)
    return out


# --- the seed article ------------------------------------------------------------------------


def test_seed_article_contains_the_expressions():
    body = SEED.read_text(encoding="utf-8")
    for expr in ("السبت", "ليل السبت", "الجمعة", "في وقت سابق السبت"):
        assert expr in body


@pytest.mark.parametrize(
    "text, published, iso",
    [
        ("السبت", SAT, D(2018, 3, 24)),
        ("ليل السبت", SAT, D(2018, 3, 24)),
        ("في وقت سابق السبت", SAT, D(2018, 3, 24)),
        ("الجمعة", SAT, D(2018, 3, 23)),
        ("الجمعة الماضي", SAT, D(2018, 3, 23)),
        ("الجمعة الماضية", SAT, D(2018, 3, 23)),
        ("السبت", SUN, D(2018, 3, 24)),
        ("ليل السبت", SUN, D(2018, 3, 24)),
        ("الجمعة", SUN, D(2018, 3, 23)),
    ],
)
def test_seed_expressions(text, published, iso):
    check(text, published, iso, "day")


# --- weekdays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, iso",
    [
        # same weekday as publication: that day; with الماضي: a week earlier
        ("السبت الماضي", SAT, D(2018, 3, 17)),
        ("السبت الماضية", SAT, D(2018, 3, 17)),
        ("الأحد", SUN, D(2018, 3, 25)),
        ("الأحد الماضي", SUN, D(2018, 3, 18)),
        ("يوم الأحد", SAT, D(2018, 3, 18)),
        ("صباح الخميس", SAT, D(2018, 3, 22)),
        ("مساء الخميس", SAT, D(2018, 3, 22)),
        ("فجر الأربعاء", SAT, D(2018, 3, 21)),
        ("ظهر الثلاثاء", SAT, D(2018, 3, 20)),
        ("الاثنين", SAT, D(2018, 3, 19)),
        ("الإثنين", SAT, D(2018, 3, 19)),
        ("الأثنين", SAT, D(2018, 3, 19)),
        ("الاربعاء", SAT, D(2018, 3, 21)),
        ("والسبت", SAT, D(2018, 3, 24)),
        ("بالسبت", SAT, D(2018, 3, 24)),
        ("وفي يوم الجمعة", SAT, D(2018, 3, 23)),
        ("ليلة الجمعة السبت", SAT, D(2018, 3, 23)),  # first weekday named wins
        ("السـبت", SAT, D(2018, 3, 24)),  # tatweel
        ("السَّبْت", SAT, D(2018, 3, 24)),  # diacritics
        ("الجمعه", SAT, D(2018, 3, 23)),  # ta marbuta written as ha
        ("السبت قبل الماضي", SAT, D(2018, 3, 10)),
        ("الجمعة من الأسبوع الماضي", SAT, D(2018, 3, 16)),
        ("السبت المقبل", SAT, D(2018, 3, 31)),
        ("الأحد القادم", SAT, D(2018, 3, 25)),
        # English
        ("Saturday", SAT, D(2018, 3, 24)),
        ("on Saturday night", SAT, D(2018, 3, 24)),
        ("earlier on Saturday", SUN, D(2018, 3, 24)),
        ("Friday", SAT, D(2018, 3, 23)),
        ("last Friday", SAT, D(2018, 3, 23)),
        ("last Saturday", SAT, D(2018, 3, 17)),
        ("Sat.", SAT, D(2018, 3, 24)),
        ("next Monday", SAT, D(2018, 3, 26)),
    ],
)
def test_weekdays(text, published, iso):
    check(text, published, iso, "day")


def test_weekday_across_month_and_year_boundaries():
    check("الجمعة", D(2018, 1, 1), D(2017, 12, 29), "day")  # Monday 1 Jan
    check("الأحد الماضي", D(2018, 3, 1), D(2018, 2, 25), "day")


# --- relative days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso",
    [
        ("أمس", D(2018, 3, 23)),
        ("امس", D(2018, 3, 23)),
        ("الأمس", D(2018, 3, 23)),
        ("بالأمس", D(2018, 3, 23)),
        ("وأمس", D(2018, 3, 23)),
        ("مساء أمس", D(2018, 3, 23)),
        ("ليل أمس", D(2018, 3, 23)),
        ("البارحة", D(2018, 3, 23)),
        ("أول أمس", D(2018, 3, 22)),
        ("أول من أمس", D(2018, 3, 22)),
        ("أمس الأول", D(2018, 3, 22)),
        ("اليوم", D(2018, 3, 24)),
        ("في وقت سابق اليوم", D(2018, 3, 24)),
        ("صباح اليوم", D(2018, 3, 24)),
        ("الليلة", D(2018, 3, 24)),
        ("الليلة الماضية", D(2018, 3, 23)),
        ("غداً", D(2018, 3, 25)),
        ("بعد غد", D(2018, 3, 26)),
        ("قبل يومين", D(2018, 3, 22)),
        ("منذ ثلاثة أيام", D(2018, 3, 21)),
        ("قبل ٥ أيام", D(2018, 3, 19)),
        ("yesterday", D(2018, 3, 23)),
        ("Yesterday evening", D(2018, 3, 23)),
        ("the day before yesterday", D(2018, 3, 22)),
        ("today", D(2018, 3, 24)),
        ("earlier today", D(2018, 3, 24)),
        ("last night", D(2018, 3, 23)),
        ("tomorrow", D(2018, 3, 25)),
        ("3 days ago", D(2018, 3, 21)),
    ],
)
def test_relative_days(text, iso):
    check(text, SAT, iso, "day")


@pytest.mark.parametrize(
    "text, published, iso",
    [
        # The weekday is taken nearest (within 3 days) to the relative day, so a publication date
        # a day off does not throw the date back a week.
        ("اليوم السبت", SAT, D(2018, 3, 24)),
        ("فجر اليوم السبت", SAT, D(2018, 3, 24)),
        ("أمس الجمعة", SAT, D(2018, 3, 23)),
        ("اليوم الأحد", SAT, D(2018, 3, 25)),  # written after midnight, stamped the day before
        ("أمس الجمعة", SUN, D(2018, 3, 23)),  # published a day late
        ("أمس السبت", SAT, D(2018, 3, 24)),
        ("yesterday, Friday", SAT, D(2018, 3, 23)),
    ],
)
def test_relative_day_with_weekday(text, published, iso):
    check(text, published, iso, "day")


def test_other_day_is_not_today():
    check("في اليوم التالي", SAT, None, "unknown")
    check("في اليوم نفسه", SAT, None, "unknown")


def test_yesterday_across_year_boundary():
    check("أمس", D(2018, 1, 1), D(2017, 12, 31), "day")


# --- weeks, months, years --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        ("الأسبوع الماضي", SAT, D(2018, 3, 12), "week"),
        ("الأسبوع الماضي", D(2018, 3, 19), D(2018, 3, 12), "week"),  # a Monday
        ("الأسبوع الماضي", SUN, D(2018, 3, 12), "week"),
        ("الاسبوع المنصرم", SAT, D(2018, 3, 12), "week"),
        ("خلال الأسبوع الماضي", D(2018, 1, 3), D(2017, 12, 25), "week"),
        ("هذا الأسبوع", SAT, D(2018, 3, 19), "week"),
        ("الأسبوع المقبل", SAT, D(2018, 3, 26), "week"),
        ("last week", SAT, D(2018, 3, 12), "week"),
        ("earlier this week", SAT, D(2018, 3, 19), "week"),
        ("الشهر الماضي", SAT, D(2018, 2, 1), "month"),
        ("الشهر الماضي", D(2018, 1, 10), D(2017, 12, 1), "month"),
        ("الشهر الجاري", SAT, D(2018, 3, 1), "month"),
        ("الشهر المقبل", D(2018, 12, 5), D(2019, 1, 1), "month"),
        ("last month", SAT, D(2018, 2, 1), "month"),
        ("العام الماضي", SAT, D(2017, 1, 1), "year"),
        ("السنة الماضية", SAT, D(2017, 1, 1), "year"),
        ("العام الجاري", SAT, D(2018, 1, 1), "year"),
        ("العام المقبل", SAT, D(2019, 1, 1), "year"),
        ("last year", SAT, D(2017, 1, 1), "year"),
    ],
)
def test_units(text, published, iso, precision):
    check(text, published, iso, precision)


# --- absolute dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, iso",
    [
        ("15 مارس", SAT, D(2018, 3, 15)),
        ("24 مارس", SAT, D(2018, 3, 24)),
        ("25 مارس", SAT, D(2017, 3, 25)),  # would be after publication: the year before
        ("25 ديسمبر", D(2018, 1, 5), D(2017, 12, 25)),
        ("15 آذار 2018", SAT, D(2018, 3, 15)),
        ("15 آذار 2018", None, D(2018, 3, 15)),
        ("15 آذار 2019", SAT, D(2019, 3, 15)),  # an explicit year is kept
        ("٢٤ آذار/مارس", SAT, D(2018, 3, 24)),
        ("٢٤ آذار/مارس ٢٠١٨", None, D(2018, 3, 24)),
        ("السبت ٢٤ آذار/مارس ٢٠١٨", None, D(2018, 3, 24)),
        ("24 من آذار", SAT, D(2018, 3, 24)),
        ("في 15 آذار الماضي", SAT, D(2018, 3, 15)),
        ("24 مارس الماضي", SAT, D(2017, 3, 24)),  # الماضي: strictly before
        ("1 نيسان المقبل", SAT, D(2018, 4, 1)),
        ("2018م ٢٤ آذار", None, D(2018, 3, 24)),
        ("24 آذار 2018م", None, D(2018, 3, 24)),
        ("29 شباط", SAT, D(2016, 2, 29)),  # the most recent leap year
        ("1 كانون الثاني 2018", None, D(2018, 1, 1)),
        ("31 كانون الأول", SAT, D(2017, 12, 31)),
        ("10 تشرين الأول 2017", None, D(2017, 10, 10)),
        ("5 تشرين الثاني/نوفمبر 2017", None, D(2017, 11, 5)),
        ("March 24, 2018", None, D(2018, 3, 24)),
        ("March 24", SAT, D(2018, 3, 24)),
        ("24 March 2018", None, D(2018, 3, 24)),
        ("24th of March", SAT, D(2018, 3, 24)),
        ("Mar. 3", SAT, D(2018, 3, 3)),
        ("2018-03-24", None, D(2018, 3, 24)),
        ("2018-03-24", D(2020, 1, 1), D(2018, 3, 24)),
        ("2018-03-24T10:30:00Z", None, D(2018, 3, 24)),
        ("٢٠١٨-٠٣-٢٤", None, D(2018, 3, 24)),
        ("2018/3/24", None, D(2018, 3, 24)),
        ("24/3/2018", None, D(2018, 3, 24)),
        ("٢٤/٣/٢٠١٨", None, D(2018, 3, 24)),
        ("3/24/2018", None, D(2018, 3, 24)),  # month first when the day cannot be a month
        ("24.03.2018", None, D(2018, 3, 24)),
        ("۲۴ مارس ۲۰۱۸", None, D(2018, 3, 24)),  # Persian digits
    ],
)
def test_day_dates(text, published, iso):
    check(text, published, iso, "day")


@pytest.mark.parametrize(
    "name, month",
    [
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("أيلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("كانون الأول", 12),
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("ابريل", 4),
        ("إبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("آذار/مارس", 3),
        ("كانون الثاني/يناير", 1),
        ("آب (أغسطس)", 8),
        ("أيلول/سبتمبر", 9),
        ("جانفي", 1),
        ("أوت", 8),
        ("ماي", 5),
    ],
)
def test_every_month_name(name, month):
    check(f"12 {name} 2017", None, D(2017, month, 12), "day")
    check(f"{name} 2017", None, D(2017, month, 1), "month")
    check(f"في {name}", D(2017, 12, 31), D(2017, month, 1), "month")
    check(f"وفي 3 {name}", D(2017, 12, 31), D(2017, month, 3), "day")


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        ("آذار", SAT, D(2018, 3, 1), "month"),
        ("في آذار", SAT, D(2018, 3, 1), "month"),
        ("نيسان", SAT, D(2017, 4, 1), "month"),  # would be after publication
        ("آذار الماضي", SAT, D(2017, 3, 1), "month"),
        ("شباط الماضي", SAT, D(2018, 2, 1), "month"),
        ("أيار المقبل", SAT, D(2018, 5, 1), "month"),
        ("منتصف آذار", SAT, D(2018, 3, 1), "month"),
        ("أواخر شباط/فبراير", SAT, D(2018, 2, 1), "month"),
        ("آذار/مارس 2018", None, D(2018, 3, 1), "month"),
        ("March 2018", None, D(2018, 3, 1), "month"),
        ("last March", SAT, D(2017, 3, 1), "month"),
        ("2018-03", None, D(2018, 3, 1), "month"),
        ("2017", None, D(2017, 1, 1), "year"),
        ("عام 2017", SAT, D(2017, 1, 1), "year"),
        ("٢٠١٧", None, D(2017, 1, 1), "year"),
        ("in 2016", None, D(2016, 1, 1), "year"),
        ("تشرين 2018", None, D(2018, 1, 1), "year"),  # تشرين alone is October or November
    ],
)
def test_month_and_year(text, published, iso, precision):
    check(text, published, iso, precision)


# --- without a publication date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "السبت",
        "ليل السبت",
        "الجمعة الماضي",
        "أمس",
        "اليوم",
        "أول أمس",
        "الأسبوع الماضي",
        "الشهر الماضي",
        "العام الماضي",
        "15 مارس",
        "٢٤ آذار/مارس",
        "آذار",
        "Saturday",
        "last Friday",
        "yesterday",
        "March 24",
    ],
)
def test_relative_without_published_is_unknown(text):
    check(text, None, None, "unknown")


# --- nonsense, odd input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "blah blah",
        "قال المتحدث",
        "17 حافلة",
        "15",
        "غير معروف",
        "في وقت سابق",
        "كانون",  # half a month name
        "باب الهوى",  # not ب + آب
        "2018-02-30",
        "31 شباط 2018",
        "30/2/2018",
        "1439-07-07 هـ",  # a Hijri date
        "رمضان",
        "???",
        "\u200f\u200e",
    ],
)
def test_nonsense_is_unknown(text):
    check(text, SAT, None, "unknown")


def test_none_text():
    out = resolve_date(None, SAT)
    assert out == EventDate(text=None, iso=None, precision="unknown")


def test_text_is_kept_as_given():
    text = "  ليل  السبت، "
    assert resolve_date(text, SAT).text == text


def test_long_text_is_cut_to_the_model_limit():
    text = "السبت " + "x" * 300
    out = resolve_date(text, SAT)
    assert out.text == text[:120]
    assert out.iso == SAT


def test_published_as_datetime_or_string():
    assert resolve_date("أمس", dt.datetime(2018, 3, 24, 23, 59)).iso == D(2018, 3, 23)
    assert resolve_date("أمس", "2018-03-24").iso == D(2018, 3, 23)
    assert resolve_date("أمس", "not a date").iso is None


def test_extreme_published_dates_do_not_raise():
    check("أمس", dt.date.min, None, "unknown")
    check("غدا", dt.date.max, None, "unknown")
    check("الأسبوع الماضي", dt.date.min, None, "unknown")


def test_output_round_trips_through_json():
    out = resolve_date("السبت", SAT)
    assert EventDate.model_validate_json(out.model_dump_json()) == out
    assert out.model_dump(mode="json") == {"text": "السبت", "iso": "2018-03-24", "precision": "day"}


def test_normalize():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("الجمعة") == "الجمعه"
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize("السـبتُ") == "السبت"
    assert normalize("Saturday") == "saturday"


# --- reported by the real-news annotators ------------------------------------------------------

JUN4 = D(2018, 6, 4)  # a Monday


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        # الحالي/الجاري/هذا: the current month or year, even when the day is still to come
        ("24 حزيران/يونيو الحالي", JUN4, D(2018, 6, 24), "day"),
        ("في 24 يونيو الجاري", JUN4, D(2018, 6, 24), "day"),
        ("2 حزيران الحالي", JUN4, D(2018, 6, 2), "day"),
        ("24 من الشهر الحالي", JUN4, D(2018, 6, 24), "day"),
        ("في 24 من الشهر الجاري", JUN4, D(2018, 6, 24), "day"),
        ("10 من هذا الشهر", JUN4, D(2018, 6, 10), "day"),
        ("10 من الشهر الماضي", JUN4, D(2018, 5, 10), "day"),
        ("5 من الشهر المقبل", D(2018, 12, 20), D(2019, 1, 5), "day"),
        ("31 من الشهر الحالي", JUN4, None, "unknown"),  # June has 30 days
        ("حزيران الحالي", JUN4, D(2018, 6, 1), "month"),
        ("الشهر الحالي", JUN4, D(2018, 6, 1), "month"),
        ("هذا الشهر", JUN4, D(2018, 6, 1), "month"),
        ("العام الحالي", JUN4, D(2018, 1, 1), "year"),
        ("هذا العام", JUN4, D(2018, 1, 1), "year"),
    ],
)
def test_current_month_or_year(text, published, iso, precision):
    check(text, published, iso, precision)


@pytest.mark.parametrize(
    "text, published, iso",
    [
        ("غد السبت", D(2018, 5, 25), D(2018, 5, 26)),  # غد without its alif
        ("يوم غد", D(2018, 5, 25), D(2018, 5, 26)),
        ("يوم غد الجمعة", D(2024, 12, 19), D(2024, 12, 20)),
        ("اعتباراً من يوم غد الجمعة", D(2024, 12, 19), D(2024, 12, 20)),
        ("بعد غد", D(2018, 5, 25), D(2018, 5, 27)),
    ],
)
def test_tomorrow_without_alif(text, published, iso):
    check(text, published, iso, "day")


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        # A day of the month as an ordinal in words (masculine: اليوم understood).
        ("في الخامس من حزيران/يونيو2017", JUN4, D(2017, 6, 5), "day"),  # year typed against the month
        ("الخامس من حزيران", D(2018, 6, 11), D(2018, 6, 5), "day"),
        ("الحادي والعشرين من مارس", JUN4, D(2018, 3, 21), "day"),
        ("الأول من أيار", JUN4, D(2018, 5, 1), "day"),
        ("الثلاثين من نيسان", JUN4, D(2018, 4, 30), "day"),
        ("في الخامس عشر من الشهر الجاري", JUN4, D(2018, 6, 15), "day"),
        ("العاشر من الشهر الماضي", JUN4, D(2018, 5, 10), "day"),
        ("الأسبوع الأول من آذار", JUN4, D(2018, 3, 1), "month"),  # the first week, not the 1st
        ("المرة الخامسة من مارس", JUN4, D(2018, 3, 1), "month"),
        ("الحادي من مارس", JUN4, D(2018, 3, 1), "month"),  # الحادي only in 11, 21, 31
        # An ordinal after a definite noun is its adjective, whatever the noun: not a day.
        ("للأسبوع الثاني من الشهر الجاري", JUN4, D(2018, 6, 1), "month"),
        ("النصف الأول من آذار", JUN4, D(2018, 3, 1), "month"),
        ("الجزء الثاني من مارس", JUN4, D(2018, 3, 1), "month"),
        # ... but a weekday, اليوم or الموافق before it names the day; و/ب attach to it.
        ("الأحد الموافق الخامس من آذار", JUN4, D(2018, 3, 5), "day"),
        ("اليوم الثالث من حزيران", JUN4, D(2018, 6, 3), "day"),
        ("من الرابع حتى الخامس عشر من آذار", JUN4, D(2018, 3, 15), "day"),
        ("بين الرابع والخامس من حزيران", D(2018, 6, 11), D(2018, 6, 5), "day"),
    ],
)
def test_ordinal_days_in_words(text, published, iso, precision):
    check(text, published, iso, precision)


def test_an_ordinal_after_today_is_another_day():
    check("في اليوم الثالث من الاحتجاجات", JUN4, None, "unknown")  # the third day of the protests
    assert find_date("قتل متظاهر في اليوم الثالث من الاحتجاجات") is None


def test_ghad_alone_is_not_a_date():
    check("من أجل غد أفضل", D(2018, 5, 25), None, "unknown")  # "a better tomorrow": the future
    assert find_date("نعمل من أجل غد أفضل للجميع") is None


THU = D(2018, 6, 14)


@pytest.mark.parametrize(
    "text, published, iso",
    [
        # A future verb right before the weekday (or before it and its subject): the next such day,
        # publication day included; the bare weekday stays the most recent one.
        ("ستنطلق الجمعة", THU, D(2018, 6, 15)),
        ("ستنطلق يوم الجمعة", THU, D(2018, 6, 15)),
        ("سيعقد الاجتماع الأحد", THU, D(2018, 6, 17)),
        ("سوف يعقد الأحد", THU, D(2018, 6, 17)),
        ("لن يعقد الاجتماع الأحد", THU, D(2018, 6, 17)),
        ("ستنطلق الخميس", THU, D(2018, 6, 14)),  # later the same day
        ("ستبدأ في 24 حزيران", JUN4, D(2018, 6, 24)),  # a day and month too
        ("الجمعة", THU, D(2018, 6, 8)),
        ("انطلقت الجمعة", THU, D(2018, 6, 8)),
        ("سيطرت القوات الأحد", THU, D(2018, 6, 10)),  # سيطر is a past verb
        ("سيارة الأحد", THU, D(2018, 6, 10)),
        ("بعد سيطرة الجيش الأحد", THU, D(2018, 6, 10)),
        ("ستنطلق الجمعة الماضية", THU, D(2018, 6, 8)),  # an explicit الماضي wins
    ],
)
def test_future_verb_before_a_weekday(text, published, iso):
    check(text, published, iso, "day")


def test_future_verb_given_as_the_words_before_the_expression():
    # A caller that found «الجمعة» in a sentence passes the words before it.
    assert resolve_date("الجمعة", THU, before="وقال إن المباريات ستنطلق ").iso == D(2018, 6, 15)
    assert resolve_date("يوم الجمعة", THU, before="سيعقد الاجتماع ").iso == D(2018, 6, 15)
    assert resolve_date("الجمعة", THU, before="قال إنه سيعقد، ").iso == D(2018, 6, 8)  # another clause
    assert resolve_date("الجمعة", THU, before="انطلقت المباريات ").iso == D(2018, 6, 8)
    assert resolve_date("الجمعة", THU, before="").iso == D(2018, 6, 8)
    assert resolve_date("الجمعة", THU, before="ستنطلق ").text == "الجمعة"


@pytest.mark.parametrize(
    "text, published, iso",
    [
        # The weekday in parentheses names the day of اليوم; where the publication date is a day or
        # two off, the named weekday wins (the article states it, the stamp is metadata).
        ("اليوم (الخميس)", D(2018, 5, 17), D(2018, 5, 17)),
        ("اليوم (الأربعاء)", D(2018, 5, 17), D(2018, 5, 16)),
        ("اليوم (الجمعة)", D(2018, 5, 17), D(2018, 5, 18)),
        ("اليوم ( الخميس )", D(2018, 5, 17), D(2018, 5, 17)),
        ("الثامن من يناير (كانون الثاني) الجاري", D(2008, 1, 2), D(2008, 1, 8)),
        ("14اذار", D(2008, 5, 8), D(2008, 3, 14)),  # digits typed against the month
        ("أمس (الأربعاء)", D(2018, 5, 17), D(2018, 5, 16)),
    ],
)
def test_weekday_in_parentheses_after_today(text, published, iso):
    check(text, published, iso, "day")


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("قال التلفزيون إن الوفد الذي وصل اليوم (الأربعاء) الساعة السادسة", "اليوم (الأربعاء)"),
        ("وصل الوفد اليوم (الأربعاء)، وقال", "اليوم (الأربعاء)"),
        ("وصل الوفد اليوم ( الخميس ) إلى القاهرة", "اليوم ( الخميس )"),
        ("إنها ستمدد إغلاق مطار صلالة غد السبت بسبب عاصفة", "غد السبت"),
        ("خفض سعر الخصم اعتباراً من يوم غد الجمعة", "يوم غد الجمعة"),
        ("أعلنت الوزارة (الأربعاء) أن", "الأربعاء"),
        ("أعلن أنه سيغلق المطار يوم غد بسبب العاصفة", "يوم غد"),
        ("ويستأنف العمل بعد غد في المدينة", "بعد غد"),
        ("في 24 حزيران/يونيو الحالي. وتابعت", "24 حزيران/يونيو الحالي"),
        ("قطعت علاقاتها مع قطر في الخامس من حزيران/يونيو2017  واتهمتها", "الخامس من حزيران/يونيو2017"),
        ("وقع الهجوم في 24 من آذار الماضي", "24 من آذار الماضي"),
        ("خلال الأسبوع الأول من آذار", "آذار"),
        ("الانتخابات المنتظرة في الثامن من يناير (كانون الثاني) الجاري مشكوكا فيها",
         "الثامن من يناير (كانون الثاني) الجاري"),
        ("انتهت اللجنة من اعمالها امس (اول من امس) وسترفع", "امس (اول من امس)"),
        ("اجتمعت امس (اول مرة منذ سنوات)", "امس"),  # the parenthesis does not close on a date
        ("قالت مصادر في «14اذار» ان", "14اذار"),
        ("قتل الأحد) الماضي", "الأحد"),  # the weekday ends a parenthesis opened before the sentence
        ("واندلعت الاحتجاجات في أكتوبر/تشرين الأول عام 2016 في الريف", "أكتوبر/تشرين الأول عام 2016"),
        ("يبدأ في الخامس عشر من آذار المقبل", "الخامس عشر من آذار المقبل"),
        ("خلال النصف الثاني من آذار", "آذار"),
        ("تأهل للمرة في آذار الخامس على التوالي", "آذار"),  # an ordinal after the month is no day
        ("وصل في اليوم الثالث من حزيران الى", "اليوم الثالث من حزيران"),
        ("تظاهروا بين الرابع والخامس من حزيران", "والخامس من حزيران"),
    ],
)
def test_find_date_reported_expressions(sentence, expression):
    span = find_date(sentence)
    assert (sentence[span[0]:span[1]] if span else None) == expression


# --- properties --------------------------------------------------------------------------------

_WEEKDAY_WORDS = {
    0: ["الاثنين", "الإثنين", "الأثنين", "monday", "Mon"],
    1: ["الثلاثاء", "tuesday"],
    2: ["الأربعاء", "الاربعاء", "Wednesday"],
    3: ["الخميس", "Thursday"],
    4: ["الجمعة", "الجمعه", "friday", "Fri"],
    5: ["السبت", "Saturday", "sat"],
    6: ["الأحد", "الاحد", "Sunday"],
}
_WEEKDAY_PAIRS = [(wd, w) for wd, words in _WEEKDAY_WORDS.items() for w in words]
_BEFORE = ["", "يوم ", "ليل ", "مساء ", "صباح ", "فجر ", "ظهر ", "في وقت سابق ", "و", "وفي يوم ", "on "]
_PUBLISHED = st.dates(min_value=D(1901, 1, 1), max_value=D(2100, 12, 31))


@settings(max_examples=400)
@given(
    published=_PUBLISHED,
    pair=st.sampled_from(_WEEKDAY_PAIRS),
    before=st.sampled_from(_BEFORE),
)
def test_property_weekday_on_or_before_published(published, pair, before):
    wd, word = pair
    out = resolve_date(before + word, published)
    assert out.precision == "day"
    assert out.iso.weekday() == wd
    assert 0 <= (published - out.iso).days <= 6


@settings(max_examples=400)
@given(
    published=_PUBLISHED,
    pair=st.sampled_from(_WEEKDAY_PAIRS),
    before=st.sampled_from(_BEFORE),
    last=st.sampled_from(["الماضي", "الماضية", "المنصرم"]),
)
def test_property_weekday_with_last_is_strictly_before(published, pair, before, last):
    wd, word = pair
    out = resolve_date(f"{before}{word} {last}", published)
    assert out.precision == "day"
    assert out.iso.weekday() == wd
    assert 1 <= (published - out.iso).days <= 7


@settings(max_examples=300)
@given(published=_PUBLISHED, pair=st.sampled_from(_WEEKDAY_PAIRS))
def test_property_english_last_weekday_is_strictly_before(published, pair):
    wd, word = pair
    out = resolve_date(f"last {word}", published)
    assert out.iso.weekday() == wd
    assert 1 <= (published - out.iso).days <= 7


@settings(max_examples=300)
@given(published=_PUBLISHED, day=st.dates(min_value=D(2000, 1, 1), max_value=D(2000, 12, 31)))
def test_property_day_month_is_the_most_recent_on_or_before(published, day):
    names = [
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ]  # fmt: skip
    out = resolve_date(f"{day.day} {names[day.month - 1]}", published)
    if out.iso is None:  # only when no valid year is near (29 شباط far from a leap year)
        assert (day.month, day.day) == (2, 29)
        return
    assert (out.iso.month, out.iso.day) == (day.month, day.day)
    assert out.iso <= published
    assert (published - out.iso).days < 366 or (day.month, day.day) == (2, 29)


@settings(max_examples=300)
@given(
    published=_PUBLISHED,
    pair=st.sampled_from([(wd, w) for wd, w in _WEEKDAY_PAIRS if not w.isascii()]),
    verb=st.sampled_from(["ستنطلق ", "سيعقد الاجتماع ", "سوف يعقد ", "وستبدأ يوم ", "ستجرى الانتخابات مساء "]),
)
def test_property_weekday_after_a_future_verb_is_on_or_after(published, pair, verb):
    wd, word = pair
    for out in (resolve_date(verb + word, published), resolve_date(word, published, before="وقال إن " + verb)):
        assert out.iso.weekday() == wd
        assert 0 <= (out.iso - published).days <= 6


@settings(max_examples=300)
@given(published=_PUBLISHED, day=st.dates(min_value=D(2001, 1, 1), max_value=D(2001, 12, 31)))
def test_property_day_month_of_the_current_year(published, day):
    months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
    out = resolve_date(f"{day.day} {months[day.month - 1]} الحالي", published)
    assert out.iso == D(published.year, day.month, day.day)


@settings(max_examples=500)
@given(text=st.one_of(st.none(), st.text(max_size=200)), published=st.one_of(st.none(), st.dates()))
def test_property_never_raises(text, published):
    out = resolve_date(text, published)
    assert isinstance(out, EventDate)
    assert (out.iso is None) == (out.precision == "unknown")
    if text is not None:
        assert out.text == text[:120]


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("خفض بنك الكويت المركزي اليوم الخميس سعر الخصم 25 نقطة أساس", "اليوم الخميس"),
        ("اتفقت الحكومة وجماعة الحوثي مساء الأحد في مسقط على تبادل 412 محتجزاً", "مساء الأحد"),
        ("خرجت 17 حافلة السبت الماضي من عربين", "السبت الماضي"),
        ("أعلنت الوزارة، الأربعاء، أن 20 شخصا أصيبوا", "الأربعاء"),
        ("وقال في 12 كانون الثاني 2024 إن الاتفاق صامد", "12 كانون الثاني 2024"),
        ("تراجع التضخم إلى 2.4 في المئة في نوفمبر الماضي", "نوفمبر الماضي"),
        ("وكانت الوزارة قد أعلنت أمس أن المعبر أغلق", "أمس"),
        ("في اليوم التالي للانتخابات التي جرت الجمعة", "الجمعة"),  # اليوم التالي is "the next day"
        ("قتل 7 أشخاص في الاشتباكات عام 2023", None),  # a bare year is not taken
        ("وصل عدد النازحين إلى 4000 شخص", None),
        # a week, month or year told relative to publication
        ("تشن القوات منذ الأسبوع الماضي هجوما على مناطق المعارضة", "الأسبوع الماضي"),
        ("وتعقد الانتخابات في الشهر المقبل", "الشهر المقبل"),
        ("وارتفعت الأسعار خلال العام الجاري", "العام الجاري"),
        ("وقال إن الأسبوع كان صعبا", None),  # a week not told relative to publication
        ("وكان الاجتماع الأحد الماضي بعد أسبوع من المحادثات", "الأحد الماضي"),  # a day first
    ],
)
def test_find_date_returns_the_date_expression_of_a_sentence(sentence, expression):
    span = find_date(sentence)
    assert (sentence[span[0]:span[1]] if span else None) == expression


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("السبت الماضي", D(2018, 6, 9), D(2018, 6, 9)),
        ("الأسبوع الماضي", D(2018, 6, 4), D(2018, 6, 10)),
        ("الشهر الماضي", D(2018, 5, 1), D(2018, 5, 31)),
        ("في شباط الماضي", D(2018, 2, 1), D(2018, 2, 28)),
        ("العام الماضي", D(2017, 1, 1), D(2017, 12, 31)),
    ],
)
def test_period_is_the_first_and_last_day_a_resolved_date_may_be(text, first, last):
    assert period(resolve_date(text, D(2018, 6, 13))) == (first, last)
    assert period(resolve_date("كلام بلا تاريخ", D(2018, 6, 13))) is None
