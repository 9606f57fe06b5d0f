"""Picking the English or Arabic text of something for the person reading it.

Every bilingual value of the product is stored in both languages: as two fields (``name_en``,
``name_ar``) on models, or as ``{"en": ..., "ar": ...}`` in the exchange format that questions,
frozen quiz versions and attempts use. Both shapes go through the one rule here: the active
language's text, falling back to the other language's when it is empty, so a half-translated
item still shows something rather than a blank.
"""

from django.utils.translation import get_language


def in_active_language(english: str, arabic: str) -> str:
    """The text for the active language, falling back to the other when one is empty."""
    if (get_language() or "en").startswith("ar"):
        return arabic or english
    return english or arabic


def exchange_text_in_active_language(texts: dict | None) -> str:
    """A ``{"en": ..., "ar": ...}`` text of the exchange format, in the active language
    (falling back to the other); an empty string for None or an empty dict."""
    if not texts:
        return ""
    return in_active_language(texts.get("en") or "", texts.get("ar") or "")
