"""Interface fonts (issue 13, §1): small subsetted WOFF2 built from a packaged font, preloaded on
Arabic pages only, and served hashed and immutable in production."""

import io
import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings
from fontTools.ttLib import TTFont

from lms import webfonts

pytestmark = pytest.mark.django_db

FONTS = ["fonts/ibm-plex-sans-arabic-400.woff2", "fonts/ibm-plex-sans-arabic-700.woff2"]
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>')


def served_font(path) -> TTFont:
    found = finders.find(path)
    assert found is not None, path
    with open(found, "rb") as file:
        content = file.read()
    assert content[:4] == b"wOF2"
    return TTFont(io.BytesIO(content)), len(content)


def arabic_catalogue_characters() -> set[str]:
    """Every character of the interface's Arabic translations."""
    with open(settings.BASE_DIR / "locale/ar/LC_MESSAGES/django.po", "rb") as file:
        catalogue = read_po(file)
    characters = set()
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            characters.update(string or "")
    return {character for character in characters if character.isprintable()}


@pytest.mark.parametrize("path", FONTS)
def test_each_face_is_a_small_woff2_that_draws_the_whole_arabic_interface(path):
    font, size = served_font(path)
    assert size < 40_000  # the whole TTF in the package is about 240 KB
    drawn = set(font.getBestCmap())
    missing = {c for c in arabic_catalogue_characters() if ord(c) not in drawn}
    assert missing == set()
    # Latin for serials, emails and names on Arabic pages; Arabic-Indic digits; ؟ ، ٪.
    assert {ord(c) for c in "HMY-2026-000001 @ 0123456789 ٠١٢٣٤٥٦٧٨٩ ؟ ، ٪ « » — …"} <= drawn
    # Arabic letters join: the shaping features survive the subsetting.
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features
    # Nothing beyond the ranges the interface uses (Cyrillic, presentation forms) is shipped.
    assert max(drawn) <= 0x2193


def test_the_css_declares_the_ranges_the_fonts_were_cut_to():
    with open(finders.find("css/himaya.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    faces = re.findall(r"@font-face \{[^}]*\}", css)
    assert len(faces) == 2
    for face, path in zip(faces, FONTS, strict=True):
        assert f'url("../{path}") format("woff2")' in face
        assert "font-display: swap;" in face
        assert f"unicode-range: {webfonts.css_unicode_range()};" in face
    assert "Amiri" not in css and ".ttf" not in css


def test_arabic_pages_preload_the_regular_face_and_english_pages_load_no_font(client):
    assert PRELOAD.findall(client.get("/ar/").text) == ["/static/" + FONTS[0]]
    assert PRELOAD.findall(client.get("/ar/accounts/login/").text) == ["/static/" + FONTS[0]]
    assert PRELOAD.findall(client.get("/en/").text) == []
    assert "woff2" not in client.get("/en/accounts/login/").text


def test_a_build_is_reused_until_its_source_changes(tmp_path):
    first = webfonts.build(tmp_path)
    stamps = {path: path.stat().st_mtime_ns for path in first}
    assert webfonts.build(tmp_path) == first
    assert {path: path.stat().st_mtime_ns for path in first} == stamps
    (tmp_path / f"{webfonts.FACES[0].name}.fingerprint").write_text("an older build")
    webfonts.build(tmp_path)
    assert first[0].stat().st_mtime_ns != stamps[first[0]]
    assert first[1].stat().st_mtime_ns == stamps[first[1]]


def test_in_production_collectstatic_ships_them_hashed_and_cached_for_a_year(tmp_path):
    """The production storage (whitenoise's compressed manifest) gives fonts and CSS hashed names;
    whitenoise then serves them as immutable, so a second page downloads neither again."""
    production = {
        "STATIC_ROOT": tmp_path,
        "STORAGES": {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}},
        # Our own static files and the fonts; Wagtail's admin assets are not what is tested.
        "STATICFILES_FINDERS": [
            "django.contrib.staticfiles.finders.FileSystemFinder",
            "lms.staticfinders.WebFontFinder",
        ],
    }
    with override_settings(**production):
        call_command("collectstatic", interactive=False, verbosity=0)
        home = Client().get("/ar/").text
        hashed_css = re.search(r"/static/(css/himaya\.[0-9a-f]{12}\.css)", home)
        assert hashed_css is not None
        css = (tmp_path / hashed_css.group(1)).read_text(encoding="utf-8")
        font_urls = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)
        assert [re.sub(r"\.[0-9a-f]{12}\.", ".", url) for url in font_urls] == FONTS
        preload = PRELOAD.findall(Client().get("/ar/").text)
        assert preload == ["/static/" + font_urls[0]]  # the very file the CSS asks for

        for url in [preload[0], "/static/" + hashed_css.group(1)]:
            response = Client().get(url)  # a new client: whitenoise reads the new STATIC_ROOT
            assert response.status_code == 200, url
            assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert Client().get(preload[0])["Content-Type"] == "font/woff2"


PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
