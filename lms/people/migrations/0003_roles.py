"""Creates the five role groups with explicit permissions.

The permissions are those of lms/people/roles.py when the roles were created, frozen here: a
migration must do the same thing whenever it runs, and later grants are later migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Trainee", "Trainer", "Programme manager", "Organisation manager", "Administrator"]
ROLE_PERMISSIONS = {
    "Trainee": [],
    "Trainer": [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Programme manager": [
        ("wagtailadmin", "access_admin"),
        ("people", "invite_people"),
        ("people", "view_all_people"),
        ("people", "view_all_reports"),
        ("people", "view_user"),
        ("people", "view_organisation"),
        ("people", "add_organisation"),
        ("people", "change_organisation"),
        ("people", "view_sector"),
        ("people", "add_sector"),
        ("people", "change_sector"),
        ("people", "view_region"),
    ],
    "Organisation manager": [
        ("people", "view_organisation_people"),
        ("people", "view_organisation_reports"),
    ],
    "Administrator": [
        ("wagtailadmin", "access_admin"),
    ],
}
ADMINISTRATOR_APPS = [
    "people",
    "cms",
    "auth",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearch",
    "wagtailusers",
]


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
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for app, codename in pairs:
            try:
                permissions.append(
                    Permission.objects.get(content_type__app_label=app, codename=codename)
                )
            except Permission.DoesNotExist as error:
                raise LookupError(f"Permission {app}.{codename} does not exist") from error
        if role == "Administrator":
            permissions += list(
                Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
            )
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


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
