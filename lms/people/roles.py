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

# Every model permission of every role, as (app_label, codename) pairs: the migrations grant exactly
# these (tests/people/test_permissions.py checks the migrated groups against this table, and the
# table in docs/security.md against it). Administrators also get every permission of the apps in
# ADMINISTRATOR_APPS. Page permissions (add, change and lock pages, for trainers and programme
# managers) are granted on the page tree by cms/migrations/0004_content_review.py.
#
# A permission says what it allows: `people.view_all_reports` shows reports and nothing else;
# revoking a certificate or regrading a quiz is a permission of its own.
# Writing scenarios and quizzes and tagging them: trainers and programme managers alike.
QUESTION_BANK_AUTHORING: list[tuple[str, str]] = [
    ("assessments", "view_scenario"),
    ("assessments", "add_scenario"),
    ("assessments", "change_scenario"),
    ("assessments", "delete_scenario"),
    ("assessments", "view_quiz"),
    ("assessments", "add_quiz"),
    ("assessments", "change_quiz"),
    ("assessments", "delete_quiz"),
    ("assessments", "view_tag"),
    ("assessments", "change_tag"),
]

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
        # Trainers write the Arabic (or English) copy of a page and send it for review.
        ("simple_translation", "submit_translation"),
        *QUESTION_BANK_AUTHORING,
        ("assessments", "view_quiz_analytics"),
        ("courses", "view_trainingsession"),
        ("courses", "add_trainingsession"),
        ("courses", "change_trainingsession"),
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
        *QUESTION_BANK_AUTHORING,
        # Publishing a quiz freezes the version that attempts are scored against.
        ("assessments", "publish_quiz"),
        ("assessments", "regrade_quiz"),
        ("assessments", "view_quiz_analytics"),
        ("courses", "view_learningpath"),
        ("courses", "add_learningpath"),
        ("courses", "change_learningpath"),
        ("courses", "delete_learningpath"),
        ("courses", "view_trainingsession"),
        ("courses", "add_trainingsession"),
        ("courses", "change_trainingsession"),
        ("courses", "delete_trainingsession"),
        ("courses", "manage_any_trainingsession"),
        ("certificates", "view_certificate"),
        ("certificates", "revoke_certificate"),
        ("certificates", "reissue_certificate"),
        ("certificates", "issue_certificate_by_hand"),
        ("certificates", "download_certificates_in_bulk"),
        ("certificates", "view_certificatetemplate"),
        ("certificates", "add_certificatetemplate"),
        ("certificates", "change_certificatetemplate"),
        # The signatory and programme names printed on certificates (a Wagtail site setting).
        ("certificates", "change_certificatesettings"),
        # Completion targets per sector and period, which the dashboard measures against.
        ("certificates", "view_sectortarget"),
        ("certificates", "add_sectortarget"),
        ("certificates", "change_sectortarget"),
        ("certificates", "delete_sectortarget"),
    ],
    Role.ORGANISATION_MANAGER: [
        ("people", "view_organisation_people"),
        ("people", "view_organisation_reports"),
    ],
    Role.ADMINISTRATOR: [
        ("wagtailadmin", "access_admin"),
        ("simple_translation", "submit_translation"),
        ("assessments", "publish_quiz"),
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
    "assessments",
    "courses",
    "certificates",
]


def permission_table() -> str:
    """The role-by-permission table of docs/security.md, in Markdown, from ROLE_PERMISSIONS (a test
    checks that the document holds exactly this table). Administrators' column also counts every
    permission of ADMINISTRATOR_APPS."""
    roles = list(Role)
    permissions = sorted({pair for pairs in ROLE_PERMISSIONS.values() for pair in pairs})

    def holds(role, pair) -> bool:
        if pair in ROLE_PERMISSIONS[role]:
            return True
        return role == Role.ADMINISTRATOR and pair[0] in ADMINISTRATOR_APPS

    lines = [
        "| Permission | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for pair in permissions:
        cells = ["yes" if holds(role, pair) else "" for role in roles]
        lines.append(f"| `{pair[0]}.{pair[1]}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)
