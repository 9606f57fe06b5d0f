"""Links to the tools trainers and managers use, on the pages they already visit (issue 13, 3):
quiz analytics and attendance registers, shown only to people the tools themselves let in
(`can_view_quiz_analytics`, `can_run_register`), so a link never leads to a 404."""

from datetime import timedelta

from django import template
from django.utils import timezone
from wagtail.models import Locale

from assessments.access import can_view_quiz_analytics
from assessments.models import Quiz
from cms.locales import page_in_default_locale

from .. import services
from ..models import CoursePage

register = template.Library()

# Registers stay in reach for a month after a session, while attendance is still being recorded.
RECENT_SESSIONS = timedelta(days=30)
SESSIONS_SHOWN = 10


def _sessions(user, **filters):
    """Recent and upcoming sessions `user` may take the register of (none for trainees)."""
    if not user.has_perm("courses.view_trainingsession"):
        return []
    sessions = list(
        services.sessions_run_by(user)
        .filter(starts_at__gte=timezone.now() - RECENT_SESSIONS, **filters)
        .select_related("course")
        .order_by("starts_at")[:SESSIONS_SHOWN]
    )
    return sessions


def _name_courses_in_reader_language(sessions) -> None:
    """Set each session's `course_title` to its course's title in the page's language where the
    course is translated (sessions point at the default-locale page). One query, none without
    sessions."""
    if not sessions:
        return
    keys = {session.course.translation_key for session in sessions}
    titles = dict(
        CoursePage.objects.filter(translation_key__in=keys, locale=Locale.get_active()).values_list(
            "translation_key", "title"
        )
    )
    for session in sessions:
        session.course_title = titles.get(session.course.translation_key, session.course.title)


@register.simple_tag(takes_context=True)
def staff_work(context) -> dict:
    """For the dashboard: every published quiz's analytics and the user's sessions' registers,
    each named with its course in the reader's language. At most three queries, none for a
    trainee (permissions are already loaded for the header)."""
    user = context["request"].user
    quizzes = []
    if can_view_quiz_analytics(user):
        quizzes = list(
            Quiz.objects.filter(live=True, versions__isnull=False).distinct().order_by("code")
        )
    sessions = _sessions(user)
    _name_courses_in_reader_language(sessions)
    return {"quizzes": quizzes, "sessions": sessions}


@register.simple_tag(takes_context=True)
def course_staff_work(context, page) -> dict:
    """For a course page: its quizzes' analytics and its sessions' registers."""
    user = context["request"].user
    quizzes = []
    if can_view_quiz_analytics(user):
        ids = [page.pre_test_id, page.post_test_id, page.final_quiz_id]
        quizzes = list(Quiz.objects.filter(pk__in=[i for i in ids if i]).order_by("code"))
    return {"quizzes": quizzes, "sessions": _sessions(user, course=page_in_default_locale(page))}
