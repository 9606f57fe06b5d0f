"""Dates as certificates print them: Hijri (Umm al-Qura) and Gregorian, in Arabic and English.

Official documents in the country carry Hijri dates (docs/domain.md), so a certificate prints both
calendars in both languages. Digits are Western (0-9) in Arabic too: they are what the country's
official documents commonly print, they extract from a PDF as plain ASCII, and a run of them is
a single bidi unit that keeps its order inside right-to-left text.
"""

from __future__ import annotations

import datetime

from hijridate import Gregorian, Hijri

GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The month names used across the Gulf (not the Levantine كانون الثاني … series).
GREGORIAN_MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)


def _is_arabic(language: str) -> bool:
    """Arabic for ar, ar-sa, ar_SA; English for en, en-gb; anything else is an error."""
    base = language.replace("_", "-").split("-")[0].lower()
    if base == "ar":
        return True
    if base == "en":
        return False
    raise ValueError(f"Certificates print dates in Arabic or English, not {language!r}.")


def _to_hijri(d: datetime.date) -> Hijri:
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri()
    except OverflowError as error:
        raise ValueError(f"{d.isoformat()} is outside the Umm al-Qura calendar: {error}") from error


def hijri_date(d: datetime.date) -> tuple[int, int, int]:
    """(year, month, day) in the Umm al-Qura calendar.

    Umm al-Qura tables cover 1924-08-01 to 2077-11-16 (1343-1500 AH); a date outside them is a
    ValueError rather than hijridate's OverflowError, so callers handle one kind of bad input.
    """
    return _to_hijri(d).datetuple()


def format_hijri(d: datetime.date, language: str) -> str:
    """Umm al-Qura: 15 رمضان 1446 هـ, or 15 Ramadan 1446 AH."""
    code = "ar" if _is_arabic(language) else "en"
    hijri = _to_hijri(d)
    return f"{hijri.day} {hijri.month_name(code)} {hijri.year} {hijri.notation(code)}"


def format_gregorian(d: datetime.date, language: str) -> str:
    """15 مارس 2025, or 15 March 2025."""
    months = GREGORIAN_MONTHS_AR if _is_arabic(language) else GREGORIAN_MONTHS_EN
    return f"{d.day} {months[d.month - 1]} {d.year}"
