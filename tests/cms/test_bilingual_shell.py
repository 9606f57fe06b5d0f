"""English and Arabic from the first page: prefixes, direction, switcher, no network."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language():
    from django.test import Client

    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_arabic_home_is_right_to_left_with_arabic_text(client, settings):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "الانتقال إلى المحتوى الرئيسي" in response.text  # the skip link, translated
    assert "تسجيل الدخول" in response.text


def test_english_home_is_left_to_right(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.text
    assert "Skip to main content" in response.text


def test_arabic_account_pages(client):
    response = client.get("/ar/accounts/login/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.text
    assert "تسجيل الدخول" in response.text


def test_language_switcher_keeps_the_current_page(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/login/"


def test_base_template_is_accessible(client):
    html = client.get("/en/accounts/login/").text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert re.search(r'<nav class="site-nav" aria-label="Main">', html)
    # Every visible input has a label.
    for field_id in re.findall(r'<input[^>]+type="(?:email|password|text)"[^>]*id="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


def test_no_network_assets(client):
    for page in ["/en/", "/ar/", "/en/accounts/login/"]:
        html = client.get(page).text
        assert not re.search(r'(src|href)="(https?:)?//', html), page


def test_css_uses_logical_properties():
    with open(finders.find("css/himaya.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    physical = re.findall(r"(?:margin|padding|border)-(?:left|right)\b|\b(?:left|right):", css)
    assert physical == []


def test_home_page_content_is_editable_per_language(client):
    from wagtail.models import Locale

    from cms.models import HomePage

    english = HomePage.objects.get(locale__language_code="en")
    arabic = english.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title = "حماية"
    arabic.tagline = "تدريب العاملين في الخطوط الأمامية"
    arabic.save_revision().publish()
    english.tagline = "Training frontline workers"
    english.save_revision().publish()

    assert "تدريب العاملين في الخطوط الأمامية" in client.get("/ar/").text
    assert "Training frontline workers" in client.get("/en/").text


def test_untranslated_page_falls_back_with_a_notice(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert "This page is not yet available in your language" not in response.text
    assert "هذه الصفحة غير متاحة بلغتك بعد" in response.text


def test_favicon_is_served_locally(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
