"""Programme managers see certificates and edit certificate templates; administrators do all."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROGRAMME_MANAGER = [
    "view_certificate",
    "view_certificatetemplate",
    "add_certificatetemplate",
    "change_certificatetemplate",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Programme manager").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="certificates", codename__in=PROGRAMME_MANAGER
        )
    )
    Group.objects.get(name="Administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="certificates")
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial"), ("people", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
