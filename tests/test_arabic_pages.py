"""No English on the Arabic pages of the three journeys (issue 13, §5).

The demo programme (seed_demo) is what people are shown first, so it is what is read here: every
page a trainee, a trainer and a programme manager open on their journeys, in Arabic, as each of
them. The visible text of <main> may hold Latin letters only in names and codes the page marks as
such (lang="en", translate="no"), emails, certificate serials and verification codes, course
codes and the few words listed below.
"""

import io

import pytest
from django.core.management import call_command

from assessments.models import Attempt, Quiz
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage, TrainingSession
from lms.people.models import Sector, User

from .arabic_text import latin_runs
from .conftest import sign_in

pytestmark = pytest.mark.django_db

# The column names an upload's help text gives: a file must carry them as they are.
FILE_COLUMNS = {
    "email",
    "status",
    "present",
    "absent",
    "excused",
    "name",
    "en",
    "ar",
    "language",
    "organisation",
    "region",
    "sector",
    "name_en",
    "name_ar",
    "job_title",
    "phone",
}


def journeys():
    """(who, url) for every page of the three journeys, from the demo data."""
    trainee = User.objects.get(email="trainee@himaya.example")
    course = CoursePage.objects.get(locale__language_code="ar")
    lessons = LessonPage.objects.live().filter(locale__language_code="ar").order_by("path")
    certificate = Certificate.objects.filter(user=trainee).first() or Certificate.objects.first()
    attempt = Attempt.objects.filter(user=trainee, submitted_at__isnull=False).first()
    pages = [
        ("trainee", "/ar/dashboard/"),
        ("trainee", course.url),
        ("trainee", lessons.first().url),
        ("trainee", lessons.last().url),
        ("trainee", "/ar/learning/courses/"),
        ("trainee", "/ar/certificates/"),
        ("trainee", "/ar/accounts/password/change/"),
        ("trainee", f"/ar/verify/{certificate.code}/"),
        *[("trainee", f"/ar/quizzes/{quiz.pk}/") for quiz in Quiz.objects.order_by("pk")],
        ("trainer", "/ar/dashboard/"),
        *[
            ("trainer", f"/ar/learning/sessions/{session.pk}/attendance/")
            for session in TrainingSession.objects.order_by("starts_at")[:2]
        ],
        *[("trainer", f"/ar/quizzes/{quiz.pk}/analytics/") for quiz in Quiz.objects.order_by("pk")],
        ("manager", "/ar/dashboard/"),
        ("manager", "/ar/completion/"),
        ("manager", f"/ar/completion/sectors/{Sector.objects.order_by('code').first().code}/"),
        ("manager", f"/ar/completion/organisations/{trainee.organisation_id}/"),
        ("manager", f"/ar/completion/people/{trainee.pk}/"),
        ("manager", "/ar/people/"),
        ("manager", f"/ar/people/{trainee.pk}/"),
        ("manager", f"/ar/certificates/{certificate.pk}/"),
        ("manager", "/ar/completion/reports/"),
        ("manager", "/ar/people/invite/"),
    ]
    if attempt is not None:
        pages.append(("trainee", f"/ar/quizzes/attempts/{attempt.pk}/review/"))
    return pages


def test_arabic_pages_of_the_journeys_show_no_english(client):
    call_command("seed_demo", stdout=io.StringIO())
    people = {
        "trainee": User.objects.get(email="trainee@himaya.example"),
        "trainer": User.objects.get(email="trainer@himaya.example"),
        "manager": User.objects.get(email="manager@himaya.example"),
    }
    english = {}
    signed_in = None
    for who, url in journeys():
        if who != signed_in:
            client.logout()
            sign_in(client, people[who])
            signed_in = who
        response = client.get(url, follow=True)
        assert response.status_code == 200, (who, url, response.status_code)
        assert response.content.decode().count('lang="ar"') >= 1, url
        runs = latin_runs(response.content.decode(), allowed_words=FILE_COLUMNS)
        if runs:
            english[f"{who} {url}"] = sorted(set(runs))
    assert english == {}, "\n".join(f"{page}: {runs}" for page, runs in english.items())
