"""Every interface string has its Arabic, with all six plural forms."""

from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parent.parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"


def test_every_string_is_translated_into_arabic():
    with PO.open("rb") as file:
        catalog = read_po(file, locale="ar")
    assert catalog.num_plurals == 6
    untranslated = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or (message.pluralizable and len(strings) != 6):
            untranslated.append(message.id)
    assert untranslated == []
