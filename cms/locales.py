"""Which language version of a Wagtail page to use: one place for the locale look-ups that every
app above cms makes.

Each page exists once per language (Wagtail locales sharing a `translation_key`). Learner state
(enrolments, completions, certificates) points at the version in the default locale, so Arabic
and English readers of the same lesson share one record; pages are shown in the reader's language
where a translation exists, and in the other language otherwise (never a 404).
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_language_code() -> str:
    """The content language learner state is kept in ("en"), without a query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def locale_for_language(language: str) -> Locale | None:
    """The Wagtail locale of a language code such as "ar", or None where there is none."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        _LOCALE_OF_LANGUAGE[language] = locale.pk
    return locale


# A locale is created once, when its language is added, and its id never changes: the ids are
# kept for the process, so that a lesson page does not read the default locale four times
# (issue 14). A kept id is only ever compared with a page's own locale id; on a miss the
# locale is read again.
_DEFAULT_LOCALE_ID: dict[str, int] = {}
_LANGUAGE_OF_LOCALE: dict[int, str] = {}
_LOCALE_OF_LANGUAGE: dict[str, int] = {}


def page_in_default_locale(page: Page) -> Page:
    """The page's version in the default locale, which learner state points at (the page itself
    when it is in the default locale already, or has no such version). No query for a page in
    the default locale, once per process."""
    if page.locale_id == _DEFAULT_LOCALE_ID.get(settings.LANGUAGE_CODE):
        return page
    default = Locale.get_default()
    _DEFAULT_LOCALE_ID[settings.LANGUAGE_CODE] = default.pk
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def language_of(page: Page) -> str:
    """The language code of the page's locale ("en", "ar"): read once per process and locale."""
    if page.locale_id not in _LANGUAGE_OF_LOCALE:
        _LANGUAGE_OF_LOCALE[page.locale_id] = page.locale.language_code
    return _LANGUAGE_OF_LOCALE[page.locale_id]


def translation_or_page(page: Page, *, language: str) -> Page:
    """The page's translation in `language`, or the page itself where there is none."""
    locale = locale_for_language(language)
    if locale is None:
        return page
    return page.get_translation_or_none(locale) or page


def live_translations_by_page_id(pages, *, language: str | None = None) -> dict[int, Page]:
    """Each page's id → its live translation in `language` (default: the active language), or
    the page itself where there is none. Two queries however many pages; none where every
    page is in `language` already (then each is its own answer), once the process knows that
    language's locale."""
    pages = list(pages)
    language = (language or get_language() or "en")[:2]
    kept = _LOCALE_OF_LANGUAGE.get(language)
    if kept is not None and all(page.locale_id == kept for page in pages):
        return {page.pk: page for page in pages}
    translations = {}
    locale = locale_for_language(language)
    if locale is not None:
        for page in (
            Page.objects.live()
            .filter(translation_key__in=[p.translation_key for p in pages], locale=locale)
            .specific()
        ):
            translations[page.translation_key] = page
    return {page.pk: translations.get(page.translation_key, page) for page in pages}
