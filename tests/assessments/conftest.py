import pytest

from courses import services as courses
from courses.models import CoursePage


@pytest.fixture
def enrol_in_course_with(build_course):
    """Puts `quiz` in a new course (as its pre-test unless told otherwise) and enrols `user`:
    only people enrolled in a course holding a quiz may start it."""

    def enrol(user, quiz, role="pre_test"):
        course = build_course(modules=[("C1", [], 1)])
        CoursePage.objects.filter(pk=course.pk).update(**{role: quiz})
        courses.enrol(user=user, course=course, source="manager")
        return course

    return enrol
