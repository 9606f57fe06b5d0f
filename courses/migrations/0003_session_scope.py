"""Trainers are confined to their own sessions: running any session (and choosing its trainer) is
an explicit permission of programme managers and administrators. A registration records who
added the person, when it was not the person themselves.

The Trainer role keeps view/add/change on training sessions (0002); which sessions those apply
to is decided per session by the admin's permission policy (courses/wagtail_hooks.py)."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

RUNS_ANY_SESSION = ["Programme manager", "Administrator"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="courses", codename="manage_any_trainingsession"
    )
    for group in Group.objects.filter(name__in=RUNS_ANY_SESSION):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="courses", codename="manage_any_trainingsession"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="sessionregistration",
            options={
                "verbose_name": "session registration",
                "verbose_name_plural": "session registrations",
            },
        ),
        migrations.AlterModelOptions(
            name="trainingsession",
            options={
                "ordering": ["starts_at"],
                "permissions": [
                    (
                        "manage_any_trainingsession",
                        "Can manage every training session and choose its trainer",
                    )
                ],
                "verbose_name": "training session",
                "verbose_name_plural": "training sessions",
            },
        ),
        migrations.AddField(
            model_name="sessionregistration",
            name="added_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="added by",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
