"""The data migration that gives the stored default template the layout without tables (issue 14).

It replaces the "Default" row's text only where that text is still exactly the previous default;
an edited default, and any other template, are left as they are.
"""

import importlib

import pytest
from django.apps import apps

from certificates.context import DEFAULT_TEMPLATE
from certificates.models import CertificateTemplate
from certificates.rendering import validate_template

migration = importlib.import_module("certificates.migrations.0011_default_template_without_tables")

pytestmark = pytest.mark.django_db


def _row(name: str, html: str, version: int = 3) -> CertificateTemplate:
    template = CertificateTemplate.objects.create(name=name, html=html, is_default=True)
    CertificateTemplate.objects.filter(pk=template.pk).update(version=version)
    return template


def test_the_stored_default_gets_the_new_layout_and_a_new_version():
    stored = _row("Default", migration.PREVIOUS_DEFAULT)
    migration.forwards(apps, None)
    stored.refresh_from_db()
    assert stored.html == migration.NEW_DEFAULT == DEFAULT_TEMPLATE
    assert stored.version == 4
    migration.backwards(apps, None)
    stored.refresh_from_db()
    assert stored.html == migration.PREVIOUS_DEFAULT
    assert stored.version == 5


def test_an_edited_default_is_left_as_it_is():
    edited_text = migration.PREVIOUS_DEFAULT.replace("color: #0f4c5c", "color: #123456", 1)
    edited = _row("Default", edited_text)
    migration.forwards(apps, None)
    edited.refresh_from_db()
    assert (edited.html, edited.version) == (edited_text, 3)


def test_another_template_with_the_old_text_keeps_it():
    copy = _row("Old layout", migration.PREVIOUS_DEFAULT)
    migration.forwards(apps, None)
    copy.refresh_from_db()
    assert (copy.html, copy.version) == (migration.PREVIOUS_DEFAULT, 3)


def test_a_default_with_a_space_more_is_left_as_it_is():
    spaced = _row("Default", migration.PREVIOUS_DEFAULT + " ")
    migration.forwards(apps, None)
    spaced.refresh_from_db()
    assert spaced.html == migration.PREVIOUS_DEFAULT + " "


def test_both_texts_render():
    validate_template(migration.PREVIOUS_DEFAULT)
    validate_template(migration.NEW_DEFAULT)
