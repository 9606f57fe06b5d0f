"""The five roles. Each is a Django group (created by migration) with explicit permissions.

Group names are stable keys; what people read is the translated label.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "Trainee", _("Trainee")
    TRAINER = "Trainer", _("Trainer")
    PROGRAMME_MANAGER = "Programme manager", _("Programme manager")
    ORGANISATION_MANAGER = "Organisation manager", _("Organisation manager")
    ADMINISTRATOR = "Administrator", _("Administrator")


# Every role but Trainee is staff: it sees other people's data or authors content, so it must
# sign in with a second factor.
STAFF_ROLES = frozenset(
    {Role.TRAINER, Role.PROGRAMME_MANAGER, Role.ORGANISATION_MANAGER, Role.ADMINISTRATOR}
)

# (app_label, codename) pairs per role. Administrators also get every permission of the apps
# listed in ADMINISTRATOR_APPS.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.TRAINEE: [],
    Role.TRAINER: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    Role.PROGRAMME_MANAGER: [
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
    Role.ORGANISATION_MANAGER: [
        ("people", "view_organisation_people"),
        ("people", "view_organisation_reports"),
    ],
    Role.ADMINISTRATOR: [
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
