"""The course and lesson pages (CoursePage / LessonPage get_context) read a fixed number of
queries, whatever the size of the course."""

import pytest
from wagtail.models import Locale

from courses import services
from courses.models import Enrolment
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Measured after a first request (sessions, locales and the site are then cached; the default
# locale's id and each locale's language are kept per process: 32 and 27 before issue 14, then
# 29 and 24, then 16 and 10 with the path read in one query). The session and the user (2), the
# person's permissions and roles in one query (lms/permissions.py: the staff-role check of the
# MFA middleware is one of them); the route (the site, the path, the page as its own type) is
# kept in the cache under the page tree's version (cms.page_cache), so no page is read to find
# the page; then:
# - the course page: the enrolment, its modules (with their sectors) and lessons (3),
#   completions, attendance, the organisation, registrations, sessions (5);
# - the lesson page: the enrolment with its course and whether the lesson is complete; the
#   module, the course's lessons (for previous and next across modules) and its quizzes are
#   kept with the course (courses.services.lesson_frame).
COURSE_PAGE_QUERIES = 12
LESSON_PAGE_QUERIES = 4


@pytest.mark.parametrize("lessons_per_module", [1, 6])
def test_course_and_lesson_pages_read_a_fixed_number_of_queries(
    client, build_course, django_assert_num_queries, lessons_per_module
):
    course = build_course(
        modules=(("C1", [], lessons_per_module), ("C2", [], lessons_per_module)),
        requires_attendance=True,
    )
    lesson = lessons_of(course)[0]
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    client.get(course.url)
    client.get(lesson.url)
    with django_assert_num_queries(COURSE_PAGE_QUERIES):
        assert client.get(course.url).status_code == 200
    with django_assert_num_queries(LESSON_PAGE_QUERIES):
        assert client.get(lesson.url).status_code == 200


def test_an_arabic_lesson_reads_as_few_queries_as_an_english_one(
    client, build_course, django_assert_num_queries
):
    """Learner state points at the English pages: the Arabic lesson's and course's English ids
    are kept with its route, so finding them costs no query (three did before)."""
    course = build_course(modules=(("C1", [], 2),))
    lesson = lessons_of(course)[1]
    arabic = Locale.objects.get(language_code="ar")
    for page in [course.get_parent().get_parent(), course.get_parent(), course]:
        page.specific.copy_for_translation(arabic).save_revision().publish()
    lesson.get_parent().specific.copy_for_translation(arabic).save_revision().publish()
    lesson_ar = lesson.copy_for_translation(arabic)
    lesson_ar.save_revision().publish()
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    client.get(lesson_ar.url)
    with django_assert_num_queries(LESSON_PAGE_QUERIES):
        response = client.get(lesson_ar.url)
    assert (response.status_code, response.context["page"].pk) == (200, lesson_ar.pk)
    # The visit is recorded against the English lesson, where the dashboard looks for it.
    assert Enrolment.objects.get(user=trainee).last_lesson_id == lesson.pk
