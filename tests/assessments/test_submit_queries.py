"""The submit path's query count (issue 14): one full submit POST, with every answer in the
form, locks the attempt once, writes it once and queues its marking, so its count is the same
for a 3-question quiz and a 12-question one; the marking, in the task worker, reads the frozen
version once and writes each table once."""

import copy

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services
from assessments.models import Attempt, AttemptGrade, ChosenOption, QuestionResult, Quiz, QuizItem
from tests.assessments.test_hand_in import DATABASE_TASKS
from tests.assessments.test_quiz_pages import form_for
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT, SCENARIO

pytestmark = pytest.mark.django_db


def _quiz_of(scenario_count: int) -> Quiz:
    """A quiz of `scenario_count` copies of the fixture scenario (3 questions each), each
    under its own code."""
    copies = []
    for number in range(1, scenario_count + 1):
        data = copy.deepcopy(SCENARIO)
        data["code"] = f"SCN-HL-{number:03d}"
        copies.append(data)
    scenarios = services.import_scenarios(scenarios=copies, publish=True)
    quiz = Quiz(code=f"QZ-{scenario_count}", title_en="Hotline check", title_ar="اختبار الخط")
    quiz.save()
    for order, scenario in enumerate(scenarios):
        QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=order)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def _perfect(scenario_count: int) -> dict:
    return {
        key.replace("SCN-HL-001", f"SCN-HL-{number:03d}"): answer
        for number in range(1, scenario_count + 1)
        for key, answer in PERFECT.items()
    }


@pytest.mark.parametrize("scenario_count", [1, 4])
def test_a_full_submit_reads_a_fixed_number_of_queries(
    client, enrol_in_course_with, django_assert_num_queries, settings, scenario_count
):
    settings.TASKS = DATABASE_TASKS  # as in production: the marking waits for the worker
    quiz = _quiz_of(scenario_count)
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz, role="post_test")
    attempt = services.start_attempt(user=trainee, quiz=quiz)
    sign_in(client, trainee)
    answers = _perfect(scenario_count)
    form = {**form_for(attempt, answers), "submit": "1"}
    cache.clear()  # Wagtail's cached site root paths: measured cold, as a worker's first submit
    with django_assert_num_queries(HAND_IN_QUERIES):
        response = client.post(reverse("assessments:save", args=[attempt.pk]), form)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.answers == answers
    assert attempt.is_being_marked

    with django_assert_num_queries(MARKING_QUERIES):
        services.mark_handed_in(attempt_id=attempt.pk)
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert (attempt.percent, attempt.passed) == (100, True)
    assert QuestionResult.objects.filter(attempt=attempt).count() == 3 * scenario_count
    assert ChosenOption.objects.filter(result__attempt=attempt).count() == 6 * scenario_count
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1


# Session, user, their roles, then in one transaction (a savepoint pair here): the attempt with
# its quiz and version (no scenarios) read under the attempt's lock, the version's questions (once
# per process: `frozen`), one write of its answers and the moment, and the marking's task row.
# Before issue 14, when the request marked the attempt itself: 45 for 3 questions, 79 for 12;
# then 30, then 20, then 10 (the attempt read, then locked).
HAND_IN_QUERIES = 9

# In one transaction: the attempt's lock with its person, quiz and version, the version's
# corrections (a regrade), one write of the attempt (its grade), one insert each of results,
# their tags, chosen options and the grade; then the receivers of attempt_submitted and
# quiz_passed in courses and certificates: the person's enrolments, read once for all of them
# (`shared`), the completion check's facts (modules, their sectors, lessons, completions,
# attendance, attempts; no translations or URLs) and the lessons built around the quiz.
MARKING_QUERIES = 17
