"""Courses' tools for the header and the dashboard (lms.navigation): learning for everyone, and
the training sessions for the people who run them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.navigation import Tool, register_tools


def learning_tools(user):
    yield Tool(
        "dashboard", _("My dashboard"), reverse("courses:dashboard"), in_header=True, order=0
    )
    yield Tool(
        "courses",
        _("Courses"),
        reverse("courses:catalogue"),
        _("The programme's courses."),
        in_header=True,
        order=10,
    )
    if user.has_perm("courses.view_trainingsession"):
        yield Tool(
            "sessions",
            _("Training sessions"),
            reverse("wagtailsnippets_courses_trainingsession:list"),
            _("Your training sessions: plan them and take their attendance registers."),
            order=60,
            staff=True,
        )


def register() -> None:
    register_tools(learning_tools)
