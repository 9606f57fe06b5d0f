"""Assessments' tool for the dashboard (lms.navigation): quiz analytics, for those who may read
them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.navigation import Tool, register_tools

from .access import can_view_quiz_analytics


def analytics_tools(user):
    if can_view_quiz_analytics(user):
        yield Tool(
            "analytics",
            _("Quiz analytics"),
            # The quiz listing links each quiz to its analytics.
            reverse("wagtailsnippets_assessments_quiz:list"),
            _("How each published quiz's questions perform, and what trainees master."),
            order=70,
            staff=True,
        )


def register() -> None:
    register_tools(analytics_tools)
