import io

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command

from lms.people.models import Organisation, Sector, User

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = {
    "people",
    "cms",
    "assessments",
    "courses",
    "certificates",
    "wagtailcore",
    "account",
    "mfa",
    "auth",
}


def snapshot():
    """Every row of the apps seed_demo writes to, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in SNAPSHOT_APPS and not model._meta.proxy:
            rows[model._meta.label] = sorted(
                (tuple(sorted((k, str(v)) for k, v in row.items())))
                for row in model.objects.values()
            )
    return rows


def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_seed_demo_covers_every_sector_and_role():
    call_command("seed_demo", stdout=io.StringIO())
    for sector in Sector.objects.all():
        assert Organisation.objects.filter(sector=sector).count() >= 2, sector.code
        assert User.objects.filter(organisation__sector=sector, groups__name="Trainee").count() >= 3
    assert Organisation.objects.values("region").distinct().count() >= 5
    for email in ["admin", "manager", "orgmanager", "trainer"]:
        user = User.objects.get(email=f"{email}@himaya.example")
        assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert User.objects.get(email="trainee@himaya.example").check_password("himaya-demo-2026")
