"""Handing in and marking (issue 14): a trainee's submit makes the answers final and queues the
marking, so a whole cohort's submits are as cheap as saving; the task worker marks each attempt
exactly once, as of the moment it was handed in, and the results page waits for it, or marks
the attempt itself when the worker is late."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments import frozen, services
from assessments.models import Attempt, AttemptGrade, QuestionResult
from assessments.tasks import mark_attempt
from tests.assessments.test_attempts import answer_all
from tests.assessments.test_quiz_pages import form_for
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """The task queue as production has it: tasks wait in the database for the worker."""
    settings.TASKS = DATABASE_TASKS


def queued_markings():
    return DBTaskResult.objects.filter(task_path=mark_attempt.module_path)


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")


# The worker closes its database connection when it is done, which on PostgreSQL would end the
# test's own transaction: the tests that run it commit for real (and restore the migrations' rows).
with_the_worker = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def sitting(client, make_quiz, enrol_in_course_with):
    """A trainee signed in, with an attempt at a post-test in progress."""
    quiz = make_quiz()
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz, role="post_test")
    attempt = services.start_attempt(user=trainee, quiz=quiz)
    sign_in(client, trainee)
    return attempt


def submit(client, attempt, answers):
    form = {**form_for(attempt, answers), "submit": "1"}
    return client.post(reverse("assessments:save", args=[attempt.pk]), form)


@with_the_worker
def test_a_submit_hands_the_answers_in_and_the_worker_marks_them(
    client, sitting, database_queue, django_assert_num_queries
):
    response = submit(client, sitting, PERFECT)
    review = reverse("assessments:review", args=[sitting.pk])
    assert (response.status_code, response["Location"]) == (302, review)

    attempt = Attempt.objects.get(pk=sitting.pk)
    assert attempt.answers == PERFECT
    assert attempt.is_being_marked and attempt.submitted_at is None and attempt.percent is None
    assert not AttemptGrade.objects.filter(attempt=attempt).exists()
    assert queued_markings().count() == 1

    # Cheap, since a whole cohort looks at it at once: session, user, groups (the header's staff
    # check), the attempt with its quiz and version (no scenarios), permissions.
    with django_assert_num_queries(5):
        page = client.get(review)
    assert page.status_code == 200
    assert page["Refresh"] == "2"  # then less often: 5 s after 10 s, 10 s after 30 s
    assert page["Cache-Control"] == "no-store"
    assert "Your answers are in" in page.text
    assert "Passed" not in page.text
    quiz_page = client.get(reverse("assessments:quiz", args=[attempt.quiz_id]))
    assert "Being marked" in quiz_page.text
    # The attempt page sends a handed-in attempt to its results page, never back to the form.
    taking = client.get(reverse("assessments:take", args=[attempt.pk]))
    assert (taking.status_code, taking["Location"]) == (302, review)

    run_worker()
    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed) == (Decimal("100.00"), True)
    assert attempt.submitted_at == attempt.handed_in_at
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1
    assert QuestionResult.objects.filter(attempt=attempt).count() == 3
    page = client.get(review)
    assert "Refresh" not in page
    assert "Passed" in page.text and "100.00% — 4 of 4 points" in page.text


def test_answers_handed_in_are_final(client, sitting, database_queue):
    submit(client, sitting, PERFECT)
    changed = {**PERFECT, "SCN-HL-001/Q2": ["B"]}
    response = client.post(
        reverse("assessments:save", args=[sitting.pk]), form_for(sitting, changed), follow=True
    )
    # To the attempt, which sends a handed-in attempt on to its results page, and says why.
    assert response.redirect_chain[-1][0] == reverse("assessments:review", args=[sitting.pk])
    assert "This attempt is submitted; its answers are final." in response.text
    assert "Your answers are in" in response.text
    autosave = client.post(
        reverse("assessments:save", args=[sitting.pk]),
        form_for(sitting, changed),
        headers={"X-Requested-With": "fetch"},
    )
    assert autosave.status_code == 400
    assert autosave.json() == {
        "saved": 0,
        "problems": ["This attempt is submitted; its answers are final."],
    }
    with pytest.raises(services.AssessmentError, match="its answers are final"):
        services.save_answers(
            attempt=Attempt.objects.get(pk=sitting.pk),
            user=sitting.user,
            answers={"SCN-HL-001/Q2": ["B"]},
        )
    assert Attempt.objects.get(pk=sitting.pk).answers == PERFECT


@with_the_worker
def test_two_submits_at_once_queue_one_marking_and_make_one_grade(client, sitting, database_queue):
    assert submit(client, sitting, PERFECT).status_code == 302
    again = submit(client, sitting, PERFECT)
    assert again["Location"] == reverse("assessments:review", args=[sitting.pk])
    services.hand_in(attempt=Attempt.objects.get(pk=sitting.pk))
    assert queued_markings().count() == 1
    services.mark_handed_in(attempt_id=sitting.pk)
    run_worker()  # the queued marking finds the attempt marked and changes nothing
    services.mark_handed_in(attempt_id=sitting.pk)
    assert AttemptGrade.objects.filter(attempt_id=sitting.pk).count() == 1
    assert QuestionResult.objects.filter(attempt_id=sitting.pk).count() == 3


@pytest.mark.parametrize(("waited", "refresh"), [(0, "2"), (9, "2"), (10, "5"), (45, "10")])
def test_the_being_marked_page_looks_again_less_often_as_the_wait_grows(
    client, sitting, database_queue, waited, refresh
):
    submit(client, sitting, PERFECT)
    handed_in = timezone.now() - timedelta(seconds=waited)
    Attempt.objects.filter(pk=sitting.pk).update(handed_in_at=handed_in)
    page = client.get(reverse("assessments:review", args=[sitting.pk]))
    assert page["Refresh"] == refresh


@with_the_worker
def test_the_results_page_marks_an_attempt_the_worker_left_waiting(client, sitting, database_queue):
    submit(client, sitting, PERFECT)
    page = client.get(reverse("assessments:review", args=[sitting.pk]))
    assert "Your answers are in" in page.text
    handed_in = timezone.now() - services.MARKING_OVERDUE - timedelta(seconds=1)
    Attempt.objects.filter(pk=sitting.pk).update(handed_in_at=handed_in)

    page = client.get(reverse("assessments:review", args=[sitting.pk]))
    assert "Passed" in page.text and "Refresh" not in page
    attempt = Attempt.objects.get(pk=sitting.pk)
    assert (attempt.submitted_at, attempt.percent) == (handed_in, Decimal("100.00"))
    run_worker()
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1


def test_an_attempt_marked_after_a_regrade_is_marked_with_the_corrected_key(make_quiz):
    quiz = make_quiz()
    trainee, manager = UserFactory(), UserFactory(role="Programme manager")
    first = services.start_attempt(user=trainee, quiz=quiz)
    later = services.start_attempt(user=UserFactory(), quiz=quiz)
    answer_all(first, PERFECT, trainee)
    services.submit_attempt(attempt=first)
    # The key is corrected: consent before safety.
    scenarios = [dict(quiz.current_version.scenarios[0])]
    q3 = scenarios[0]["questions"][2]
    options = q3["options"]
    scenarios[0]["questions"] = [
        *scenarios[0]["questions"][:2],
        {**q3, "options": [options[1], options[0], options[2]]},
    ]
    regrade = services.regrade_version(
        version=quiz.current_version, scenarios=scenarios, reason="Consent first.", by=manager
    )
    answer_all(later, {**PERFECT, "SCN-HL-001/Q3": ["S2", "S1", "S3"]}, later.user)
    services.hand_in(attempt=later)  # marked at once: the tests' queue runs tasks immediately
    later.refresh_from_db()
    assert later.percent == Decimal("100.00")
    assert list(later.grades.values_list("regrade_id", flat=True)) == [regrade.pk]
    first.refresh_from_db()
    assert first.percent == Decimal("75.00")


def test_a_version_s_questions_are_read_once_per_process(
    sitting, django_assert_num_queries, django_assert_max_num_queries
):
    frozen.forget()
    version = Attempt.objects.defer("version__scenarios").select_related("version")
    version = version.get(pk=sitting.pk).version
    with django_assert_num_queries(1):
        questions = frozen.questions(version)
    assert sorted(questions) == sorted(PERFECT)
    with django_assert_num_queries(0):
        assert frozen.questions(version) is questions
    # Another version under the same id (a database rebuilt) is read afresh.
    version.created_at -= timedelta(days=1)
    with django_assert_max_num_queries(1):
        assert frozen.questions(version) is not questions


def test_the_being_marked_page_speaks_arabic_right_to_left(client, sitting, database_queue):
    submit(client, sitting, PERFECT)
    page = client.get(f"/ar{reverse('assessments:review', args=[sitting.pk])[3:]}")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in page.text
    assert "وصلت إجاباتك" in page.text
    assert "إجاباتك نهائية وجارٍ تصحيحها. ستظهر نتيجتك في هذه الصفحة خلال ثوانٍ." in page.text
    quiz_page = client.get(f"/ar{reverse('assessments:quiz', args=[sitting.quiz_id])[3:]}")
    assert "قيد التصحيح" in quiz_page.text
