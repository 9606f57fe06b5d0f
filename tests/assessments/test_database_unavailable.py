"""Drill (issue 14, §7): PostgreSQL restarted while trainees submit. A save or submit whose
database connection fails answers 503 with a clear "send again" page that carries every answer
of the form, never a 500; nothing of the failed request is written; sending the page's form
again lands the answers and the grade once. (bench/drill_db_restart.py restarts a real
PostgreSQL under a class of submits.)

The failure is made by Django's own hook around every query of a connection
(`connection.execute_wrapper`): the first query that matches fails with the error a restarting
server gives, and everything after it goes through; the data is the real database's."""

import html
import re

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

from assessments import services
from assessments.models import Attempt, AttemptGrade
from tests.assessments.test_quiz_pages import form_for
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

RESTARTING = "terminating connection due to administrator command"


class FailsOnce:
    """Fails the first query `when(sql)` accepts with `error`, then lets every query through."""

    def __init__(self, error, when):
        self.error, self.when, self.failed = error, when, 0

    def __call__(self, execute, sql, params, many, context):
        if not self.failed and self.when(sql):
            self.failed += 1
            raise self.error
        return execute(sql, params, many, context)


def writes_the_attempt(sql: str) -> bool:
    return sql.startswith('UPDATE "assessments_attempt"')


def any_query(sql: str) -> bool:
    return True


def reads_the_roles(sql: str) -> bool:
    # Read before the view, by the staff-MFA middleware: the failure bench/drill_db_restart.py
    # met on a real restart, which gave a 500 before it was read where it can be answered.
    return '"auth_group"' in sql


@pytest.fixture
def sitting(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz()
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz)
    attempt = services.start_attempt(user=trainee, quiz=quiz)
    sign_in(client, trainee)
    return attempt


def resend_form(page: str) -> dict[str, list[str]]:
    """The fields of the page's "send again" form, as the browser would post them, but for its
    fresh CSRF token (which the test client does not check)."""
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page):
        fields.setdefault(html.unescape(name), []).append(html.unescape(value))
    (token,) = fields.pop("csrfmiddlewaretoken")
    assert len(token) == 64
    return fields


@pytest.mark.parametrize(
    ("error", "when"),
    [
        (OperationalError(RESTARTING), writes_the_attempt),
        (InterfaceError("connection already closed"), any_query),
        (OperationalError("server closed the connection unexpectedly"), reads_the_roles),
    ],
    ids=[
        "restart-during-the-write",
        "connection-gone-from-the-first-query",
        "restart-while-reading-the-roles",
    ],
)
def test_a_submit_the_database_drops_gets_a_send_again_page_that_keeps_every_answer(
    client, sitting, error, when
):
    url = reverse("assessments:save", args=[sitting.pk])
    form = {**form_for(sitting, PERFECT), "submit": "1"}
    failure = FailsOnce(error, when)
    with connection.execute_wrapper(failure):
        response = client.post(url, form)
    assert failure.failed == 1
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    page = response.content.decode()
    assert "Your answers are not sent yet" in page
    assert "Nothing you answered is lost" in page
    assert f'<form method="post" action="{url}">' in page
    assert resend_form(page) == {
        name: value if isinstance(value, list) else [value] for name, value in form.items()
    }
    attempt = Attempt.objects.get(pk=sitting.pk)
    assert (attempt.answers, attempt.submitted_at) == ({}, None)

    again = client.post(url, resend_form(page))
    assert again.status_code == 302
    assert again["Location"] == reverse("assessments:review", args=[sitting.pk])
    attempt = Attempt.objects.get(pk=sitting.pk)
    assert attempt.answers == PERFECT
    assert (attempt.percent, attempt.passed) == (100, True)
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1


def test_sending_a_landed_submit_again_changes_nothing(client, sitting):
    """The connection can drop after the commit, before the answer reaches the trainee: the
    same form sent again finds the attempt submitted and shows its result."""
    url = reverse("assessments:save", args=[sitting.pk])
    form = {**form_for(sitting, PERFECT), "submit": "1"}
    assert client.post(url, form).status_code == 302
    graded = Attempt.objects.get(pk=sitting.pk)
    again = client.post(url, form)
    assert again["Location"] == reverse("assessments:review", args=[sitting.pk])
    attempt = Attempt.objects.get(pk=sitting.pk)
    assert (attempt.answers, attempt.submitted_at) == (PERFECT, graded.submitted_at)
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1


def test_an_autosave_the_database_drops_says_not_saved_yet(client, sitting):
    url = reverse("assessments:save", args=[sitting.pk])
    with connection.execute_wrapper(FailsOnce(OperationalError(RESTARTING), writes_the_attempt)):
        response = client.post(
            url, form_for(sitting, PERFECT), headers={"X-Requested-With": "fetch"}
        )
    assert response.status_code == 503
    assert response.json() == {
        "saved": 0,
        "problems": ["Not saved yet: the server did not answer. Your answers stay on this page."],
    }
    assert Attempt.objects.get(pk=sitting.pk).answers == {}
    # The next autosave (the trainee's next change) saves everything on the page.
    saved = client.post(url, form_for(sitting, PERFECT), headers={"X-Requested-With": "fetch"})
    assert saved.json() == {"saved": 3, "problems": []}
    assert Attempt.objects.get(pk=sitting.pk).answers == PERFECT


def test_the_submit_button_of_the_confirmation_page_is_kept_too(client, sitting):
    url = reverse("assessments:submit", args=[sitting.pk])
    with connection.execute_wrapper(FailsOnce(OperationalError(RESTARTING), any_query)):
        response = client.post(url, {"confirm": "1"})
    assert response.status_code == 503
    assert resend_form(response.content.decode()) == {"confirm": ["1"]}
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert Attempt.objects.get(pk=sitting.pk).submitted_at is not None
