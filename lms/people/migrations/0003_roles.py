"""Creates the five role groups with explicit permissions (lms/people/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from lms.people.roles import ADMINISTRATOR_APPS, ROLE_PERMISSIONS, Role


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Wagtail's default groups are replaced by Himaya's explicit roles.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    for role, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        permissions = []
        for app, codename in pairs:
            try:
                permissions.append(
                    Permission.objects.get(content_type__app_label=app, codename=codename)
                )
            except Permission.DoesNotExist as error:
                raise LookupError(f"Permission {app}.{codename} does not exist") from error
        if role == Role.ADMINISTRATOR:
            permissions += list(
                Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
            )
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[str(r) for r in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_sectors_and_regions"),
        ("cms", "0002_create_homepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
