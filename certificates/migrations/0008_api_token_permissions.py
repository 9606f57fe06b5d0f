from django.contrib.auth.management import create_permissions
from django.db import migrations

TOKENS = ["view_apitoken", "add_apitoken", "change_apitoken", "delete_apitoken"]


def grant_tokens(apps, schema_editor):
    """Administrators, and only they, issue and revoke API tokens (lms/people/roles.py:
    ADMINISTRATOR_APPS). The Administrator group was given its apps' permissions when it was
    created, before API tokens existed."""
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="certificates", codename__in=TOKENS)
    )
    assert len(permissions) == len(TOKENS), permissions
    for group in apps.get_model("auth", "Group").objects.filter(name="Administrator"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0007_learningrecordstatement_next_try_at")]

    operations = [migrations.RunPython(grant_tokens, migrations.RunPython.noop)]
