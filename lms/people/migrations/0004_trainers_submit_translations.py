"""Trainers start a page's translation (wagtail.contrib.simple_translation copies it into the other
locale as a draft, which then goes through the content review like any draft). Administrators
hold the permission too. Programme managers review; they do not need it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTED_TO = ["Trainer", "Administrator"]


def _submit_translation(apps):
    app_config = apps.get_app_config("simple_translation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )


def grant(apps, schema_editor):
    permission = _submit_translation(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTED_TO):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = _submit_translation(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTED_TO):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_roles"),
        ("simple_translation", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
