"""The scenario final's page and Start for a trainee who may sit it (issue 14: the slowest
steps of the exam rush): the eligibility check reads only the facts that decide it, never the
titles, translations and URLs of the steps that are not missing, so both take the same number
of queries whatever the course's lessons and however many other people sit the final."""

import datetime as dt

import pytest
from django.urls import reverse

from assessments.models import Attempt
from courses import services as courses
from courses.models import Attendance, CoursePage, LessonCompletion, LessonPage
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import workshop
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def ready_for_the_final(course, person, session):
    """Every lesson of the course done and present at its workshop."""
    courses.enrol(user=person, course=course, source="manager")
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=person, lesson=lesson)
        for lesson in LessonPage.objects.descendant_of(course)
    )
    Attendance.objects.create(session=session, user=person, status="present")


@pytest.fixture
def the_final(build_course, make_quiz):
    """A final whose course has `lessons` lessons in its first module, and `others` people
    ready to sit it besides the trainee (who is returned signed in through `client`)."""

    def build(client, *, lessons, others):
        quiz = make_quiz(kind="final")
        course = build_course(
            modules=[("C1", [], lessons), ("C2", [], 1)], requires_attendance=True
        )
        CoursePage.objects.filter(pk=course.pk).update(final_quiz=quiz)
        trainer = with_mfa(UserFactory(role="Trainer", organisation=None))
        session = workshop(course, trainer, NOW, capacity=100)
        trainee = UserFactory()
        for person in [trainee, *(UserFactory() for _ in range(others))]:
            ready_for_the_final(course, person, session)
        sign_in(client, trainee)
        client.get(reverse("assessments:quiz", args=[quiz.pk]))  # Wagtail caches the site root
        return quiz, trainee

    return build


@pytest.mark.parametrize(("lessons", "others"), [(2, 0), (12, 6)])
def test_the_final_page_of_a_trainee_who_may_start_reads_a_fixed_number_of_queries(
    client, the_final, django_assert_num_queries, lessons, others
):
    quiz, _trainee = the_final(client, lessons=lessons, others=others)
    with django_assert_num_queries(ELIGIBLE_FINAL_PAGE_QUERIES):
        html = client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert reverse("assessments:start", args=[quiz.pk]) in html
    assert "missing-steps" not in html


@pytest.mark.parametrize(("lessons", "others"), [(2, 0), (12, 6)])
def test_starting_the_final_reads_a_fixed_number_of_queries(
    client, the_final, django_assert_num_queries, lessons, others
):
    quiz, trainee = the_final(client, lessons=lessons, others=others)
    with django_assert_num_queries(START_FINAL_QUERIES):
        response = client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=trainee, quiz=quiz)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:take", args=[attempt.pk])


# Session, user and groups, the quiz, its current version (without its scenarios), the person's
# attempts, the start rule (their enrolments, the lessons holding the quiz, and the facts of the
# course's progress: modules, their sectors, lessons, completions, attendance, the person's
# organisation) and the page header's two permission reads. No translations, no URLs. Before
# issue 14: 21 (the whole progress in the reader's language, with every lesson's URL).
ELIGIBLE_FINAL_PAGE_QUERIES = 16

# Session, user and groups, the quiz and its current version (read once, with the scenarios the
# draw needs), the start rule as above (8), then start_attempt: the person's unfinished attempts,
# their attempts locked in a transaction (3 with its savepoint and release) and the new attempt
# in a savepoint (3). Before issue 14: 26 (the whole progress, and the version read twice).
START_FINAL_QUERIES = 20
