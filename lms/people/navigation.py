"""People's tools for the header and the dashboard (lms.navigation): one's account for everyone;
people, invitations and the administration for those allowed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.navigation import Tool, register_tools

from . import access


def people_tools(user):
    if access.can_view_people(user):
        yield Tool(
            "people",
            _("People"),
            reverse("people:list"),
            _("The people you are responsible for and their invitations."),
            in_header=True,
            order=40,
            staff=True,
        )
    if access.can_invite(user):
        yield Tool(
            "invite",
            _("Invite people"),
            reverse("people:invite"),
            _("Invite one person, or many at once from a spreadsheet."),
            order=45,
            staff=True,
        )
    if access.can_access_admin(user):
        yield Tool(
            "administration",
            _("Administration"),
            reverse("wagtailadmin_home"),
            _("Write and review content, scenarios and quizzes, and manage the programme."),
            in_header=True,
            order=80,
            staff=True,
        )
    yield Tool(
        "account", _("My account"), reverse("account_change_password"), in_header=True, order=90
    )


def register() -> None:
    register_tools(people_tools)
