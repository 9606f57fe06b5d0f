"""Trainers run training sessions; programme managers also edit learning paths."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODEL_PERMISSIONS = {
    "Trainer": ["view_trainingsession", "add_trainingsession", "change_trainingsession"],
    "Programme manager": [
        "view_learningpath",
        "add_learningpath",
        "change_learningpath",
        "delete_learningpath",
        "view_trainingsession",
        "add_trainingsession",
        "change_trainingsession",
        "delete_trainingsession",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in MODEL_PERMISSIONS.items():
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
        )
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="courses")
    )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial"), ("people", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
