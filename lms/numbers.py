"""Numbers, percents and signed values as a reader of the page's language expects them.

Django's own localisation prints `-0,77` on Arabic pages (its `ar` formats use a comma), and in a
right-to-left paragraph the bidirectional algorithm then moves the minus sign to the far side:
the reader sees `0,77-`. Babel's CLDR data says how Arabic writes numbers: the same digits as
the dates and counts on our pages (the `latn` numbering system, CLDR's default for `ar`), a full
stop as decimal separator, and a minus or plus sign preceded by a LEFT-TO-RIGHT MARK so that the
sign stays in front of the number in any paragraph direction. Every figure the product shows in
a table or chart goes through these functions; `None` (no data, or a suppressed small group)
reads as an em dash.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import (
    format_decimal,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
)

MISSING = "—"


def _locale(language: str) -> str:
    return "ar" if (language or "en").startswith("ar") else "en"


def _rounded(value, decimals: int) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def _unsigned(value: Decimal, *, locale: str, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(abs(value), format=pattern, locale=locale, decimal_quantization=True)


def _percent_sign(locale: str) -> str:
    # CLDR's Arabic percent sign carries marks so that it stays after the number in
    # right-to-left text; Babel leaves them out of format_percent, so it is written here.
    return "\u200e%\u200e" if locale == "ar" else "%"


def format_number(value, *, language: str, decimals: int = 0) -> str:
    """`value` rounded half up to `decimals` places, with grouping, e.g. 1,234 or ‎-0.77;
    an em dash for None."""
    if value is None:
        return MISSING
    locale = _locale(language)
    rounded = _rounded(value, decimals)
    sign = get_minus_sign_symbol(locale) if rounded < 0 else ""
    return sign + _unsigned(rounded, locale=locale, decimals=decimals)


def format_percent(value, *, language: str, decimals: int = 0) -> str:
    """`value` in percentage points (75 is 75%), e.g. 75% or, in Arabic, 75‎%‎."""
    if value is None:
        return MISSING
    return format_number(value, language=language, decimals=decimals) + _percent_sign(
        _locale(language)
    )


def format_signed(value, *, language: str, decimals: int = 0, percent: bool = False) -> str:
    """A change, always with its sign (+12, ‎-3; zero has none), e.g. a knowledge gain or a
    discrimination index; with `percent`, followed by the percent sign."""
    if value is None:
        return MISSING
    locale = _locale(language)
    rounded = _rounded(value, decimals)
    sign = ""
    if rounded > 0:
        sign = get_plus_sign_symbol(locale)
    elif rounded < 0:
        sign = get_minus_sign_symbol(locale)
    text = sign + _unsigned(rounded, locale=locale, decimals=decimals)
    return text + _percent_sign(locale) if percent else text
