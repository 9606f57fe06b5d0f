"""Acting on certificates is a permission of its own, named for what it allows, no longer
`people.view_all_reports`: programme managers and administrators revoke, re-issue, issue by hand
and download in bulk (lms/people/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = [
    "revoke_certificate",
    "reissue_certificate",
    "issue_certificate_by_hand",
    "download_certificates_in_bulk",
]
GRANTED_TO = ["Programme manager", "Administrator"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="certificates", codename__in=ACTIONS)
    )
    assert len(permissions) == len(ACTIONS), permissions
    for group in Group.objects.filter(name__in=GRANTED_TO):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="certificates", codename__in=ACTIONS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_permissions")]

    operations = [
        migrations.AlterModelOptions(
            name="certificate",
            options={
                "ordering": ["-issued_at"],
                "permissions": [
                    ("revoke_certificate", "Can revoke certificates"),
                    ("reissue_certificate", "Can re-issue certificates"),
                    ("issue_certificate_by_hand", "Can issue certificates by hand"),
                    ("download_certificates_in_bulk", "Can download certificates in bulk"),
                ],
                "verbose_name": "certificate",
                "verbose_name_plural": "certificates",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
