"""Regrading a quiz and reading its item analysis are permissions of their own, named for what
they allow, no longer `people.view_all_reports` (nor, for the analysis, `change_quiz`); and
programme managers publish quizzes, which freezes the version attempts are scored against.
Trainers author quizzes and read their analysis but do not publish them (lms/people/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Trainer": ["view_quiz_analytics"],
    "Programme manager": ["regrade_quiz", "view_quiz_analytics", "publish_quiz"],
    "Administrator": ["regrade_quiz", "view_quiz_analytics", "publish_quiz"],
}
NEW = ["regrade_quiz", "view_quiz_analytics"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Wagtail creates the publish permission of a draftable snippet only after migrate
    # (wagtail.snippets.models.create_extra_permissions), with this codename and name.
    quiz_type, _ = ContentType.objects.get_or_create(app_label="assessments", model="quiz")
    Permission.objects.get_or_create(
        content_type=quiz_type, codename="publish_quiz", defaults={"name": "Can publish quiz"}
    )
    for name, codenames in GRANTS.items():
        permissions = list(
            Permission.objects.filter(content_type=quiz_type, codename__in=codenames)
        )
        assert len(permissions) == len(codenames), permissions
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="assessments", codename__in=NEW).delete()
    publish = Permission.objects.filter(
        content_type__app_label="assessments", codename="publish_quiz"
    ).first()
    if publish is not None:
        for group in Group.objects.filter(name__in=["Trainer", "Programme manager"]):
            group.permissions.remove(publish)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_taxonomy_and_permissions")]

    operations = [
        migrations.AlterModelOptions(
            name="quiz",
            options={
                "permissions": [
                    ("regrade_quiz", "Can regrade a quiz version with a corrected key"),
                    ("view_quiz_analytics", "Can see a quiz's item analysis"),
                ],
                "verbose_name": "quiz",
                "verbose_name_plural": "quizzes",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
