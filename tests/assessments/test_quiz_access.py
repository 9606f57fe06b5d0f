"""Only people enrolled in a course holding a quiz may start it; authors preview it."""

import pytest
from django.urls import reverse

from assessments.models import Attempt
from courses.models import CoursePage
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "This quiz is part of a course you are not enrolled in, so you cannot take it. "
    "If you think you should be enrolled, ask your manager."
)


def start(client, quiz):
    return client.post(reverse("assessments:start", args=[quiz.pk]))


def test_an_organisation_manager_not_enrolled_is_refused_and_nothing_is_written(
    client, make_quiz, enrol_in_course_with, organisation_manager
):
    quiz = make_quiz(kind="final")
    enrol_in_course_with(UserFactory(), quiz, role="final_quiz")
    sign_in(client, organisation_manager)
    response = start(client, quiz)
    assert response.status_code == 403
    assert REFUSAL in response.text
    assert "You cannot take this quiz" in response.text
    assert Attempt.objects.count() == 0
    # The quiz page says why and offers no Start button.
    page = client.get(reverse("assessments:quiz", args=[quiz.pk]))
    assert page.status_code == 200
    assert REFUSAL in page.text
    assert reverse("assessments:start", args=[quiz.pk]) not in page.text


def test_an_enrolled_trainee_starts(client, make_quiz, enrol_in_course_with):
    from courses import services as courses

    quiz = make_quiz(kind="final")
    trainee = UserFactory()
    course = enrol_in_course_with(trainee, quiz, role="final_quiz")
    # The final opens once the course's required lessons are done (test_final_prerequisites).
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    sign_in(client, trainee)
    page = client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert reverse("assessments:start", args=[quiz.pk]) in page
    response = start(client, quiz)
    attempt = Attempt.objects.get()
    assert (attempt.user, attempt.quiz) == (trainee, quiz)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:take", args=[attempt.pk])


def test_a_quiz_in_a_lesson_of_the_course_counts(client, make_quiz, build_course):
    from courses import services as courses

    quiz = make_quiz()
    course = build_course(modules=[("C1", [], 1)])
    lesson = lessons_of(course)[0]
    lesson.body = [("quiz", {"quiz": quiz})]
    lesson.save_revision().publish()
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    assert start(client, quiz).status_code == 302
    assert Attempt.objects.filter(user=trainee).count() == 1


def test_forged_posts_are_refused(client, make_quiz, enrol_in_course_with, build_course):
    """A trainee enrolled elsewhere posts the start form of a quiz that was never offered."""
    from courses import services as courses

    quiz = make_quiz()
    enrol_in_course_with(UserFactory(), quiz)  # the quiz's course, not this trainee's
    trainee = UserFactory()
    courses.enrol(user=trainee, course=build_course(), source="manager")
    sign_in(client, trainee)
    assert start(client, quiz).status_code == 403
    assert client.get(reverse("assessments:start", args=[quiz.pk])).status_code == 405
    assert client.post(reverse("assessments:start", args=[999999])).status_code == 404
    client.logout()
    response = start(client, quiz)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Attempt.objects.count() == 0


def test_a_quiz_no_course_holds_cannot_be_started(client, make_quiz):
    quiz = make_quiz()
    sign_in(client, UserFactory())
    assert start(client, quiz).status_code == 403
    assert Attempt.objects.count() == 0


def test_leaving_the_course_closes_the_quiz(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz()
    trainee = UserFactory()
    course = enrol_in_course_with(trainee, quiz)
    CoursePage.objects.filter(pk=course.pk).update(pre_test=None)
    sign_in(client, trainee)
    assert start(client, quiz).status_code == 403


def test_authors_preview_without_an_attempt(client, make_quiz):
    quiz = make_quiz()
    author = with_mfa(UserFactory(role="Trainer", organisation=None))
    sign_in(client, author)
    assert start(client, quiz).status_code == 403  # not enrolled: no recorded attempt
    refusal = client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert reverse("assessments:preview", args=[quiz.pk]) in refusal
    preview = client.get(reverse("assessments:preview", args=[quiz.pk]))
    assert preview.status_code == 200
    assert "nothing you do here is recorded" in preview.text
    assert "Which indicators are present?" in preview.text
    assert "option--correct" in preview.text  # authors see the key
    assert Attempt.objects.count() == 0


def test_trainees_cannot_preview(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz()
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz)
    sign_in(client, trainee)
    assert client.get(reverse("assessments:preview", args=[quiz.pk])).status_code == 404
    page = client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert reverse("assessments:preview", args=[quiz.pk]) not in page
