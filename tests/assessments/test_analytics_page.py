"""The quiz analytics page as a trainer reads it (issue 10, item 3): summary first, the score
distribution as a chart with its table, the questions to look at, each question's options named
and marked, mastery by indicator and sector by name, in English and in Arabic."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import CoursePage, TrainingSession
from lms.people.roles import Role
from tests.assessments.test_analytics import Q1, Q2, Q3, take
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LRM = "\u200e"
DASH = "\u2013"  # between the ends of a score band


@pytest.fixture
def graded(make_quiz):
    """Four people score 100, 75, 25 and 0 percent (pass mark 75); the last misses the critical
    question Q2."""
    quiz = make_quiz()
    take(quiz, {Q1: ["A", "B"], Q2: ["A"], Q3: ["S1", "S2", "S3"]})
    take(quiz, {Q1: ["A", "B"], Q2: ["A"], Q3: ["S3", "S2", "S1"]})
    take(quiz, {Q1: ["A", "C"], Q2: ["A"], Q3: ["S3", "S2", "S1"]}, sector="labour-inspection")
    take(quiz, {Q1: ["C"], Q2: ["B"], Q3: ["S3", "S2", "S1"]}, sector="labour-inspection")
    return quiz


@pytest.fixture
def every_group_shown(settings):
    settings.HIMAYA_MIN_GROUP_SIZE = 1


def page(client, quiz, language="en"):
    sign_in(client, with_mfa(UserFactory(role="Trainer", organisation=None)))
    with translation.override(language):
        url = reverse("assessments:analytics", args=[quiz.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def between(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def test_summary_first_with_exact_figures(client, graded, every_group_shown):
    html = page(client, graded)
    assert html.index("Summary") < html.index("Score distribution") < html.index("Question 1")
    assert (
        '<dl class="facts"><dt>Attempts</dt><dd>4</dd><dt>People</dt><dd>4</dd>'
        "<dt>Pass rate</dt><dd>50%</dd><dt>Mean score</dt><dd>50%</dd>"
        "<dt>Spread (standard deviation)</dt><dd>39.5</dd>"
        "<dt>Attempts failing a critical question</dt><dd>1</dd></dl>"
    ) in html
    # The distribution's figures beside its chart: 0, 25, 75 and 100 percent.
    table = between(html, "<caption>Score distribution</caption>", "</table>")
    assert f'<tr><th scope="row">0{DASH}9%</th><td>1</td></tr>' in table
    assert f'<tr><th scope="row">20{DASH}29%</th><td>1</td></tr>' in table
    assert f'<tr><th scope="row">70{DASH}79%</th><td>1</td></tr>' in table
    assert f'<tr><th scope="row">90{DASH}100%</th><td>1</td></tr>' in table
    assert f'<tr><th scope="row">50{DASH}59%</th><td>0</td></tr>' in table


def test_most_missed_questions_are_named_and_linked(client, graded, every_group_shown):
    html = page(client, graded)
    missed = between(html, "Questions most people miss", "</ul>")
    assert '<a href="#question-3">Order the referral steps.</a> — 25% with full marks' in missed
    assert "What do you do first?" not in missed


def test_each_question_names_its_options_and_marks_the_key(client, graded, every_group_shown):
    html = page(client, graded)
    q1 = between(html, '<details class="question-analysis" id="question-1">', "</details>")
    assert (
        '<tr><th scope="row">Passport held</th><td class="verdict verdict--correct">✓ correct'
        "</td><td>3</td><td>75%</td></tr>"
    ) in q1
    assert (
        '<tr><th scope="row">Works night shifts</th>'
        '<td class="verdict verdict--incorrect">✗ incorrect</td><td>2</td><td>50%</td></tr>'
    ) in q1
    q2 = between(html, 'id="question-2"', "</details>")
    assert '<span class="badge badge--pending">critical</span>' in q2
    assert "<dt>Difficulty</dt><dd>0.75</dd>" in q2
    q3 = between(html, 'id="question-3"', "</details>")
    assert '<th scope="row">Consent</th><td class="verdict verdict--none">position 2</td>' in q3


def test_arabic_page_names_indicators_and_sectors_and_signs_negatives(
    client, make_quiz, every_group_shown
):
    quiz = make_quiz()
    # The stronger person misses Q2, the weaker gets it right: discrimination -1.
    take(quiz, {Q1: ["A", "B"], Q2: ["B"], Q3: ["S1", "S2", "S3"]})
    take(quiz, {Q1: ["C"], Q2: ["A"], Q3: ["S3", "S2", "S1"]}, sector="labour-inspection")
    html = page(client, quiz, "ar")
    assert 'dir="rtl"' in html
    assert f"<dt>التمييز</dt><dd>{LRM}-1.00</dd>" in html
    assert "0," not in between(html, "<main", "</main>")  # no Django-style decimal comma
    mastery = between(html, 'id="mastery-heading"', "</section>")
    assert '<th scope="row">السلامة أولًا</th><td>التفتيش العمالي</td>' in mastery
    assert '<th scope="col">الخطوط الساخنة</th>' in mastery
    for code in ("PRN-SAF", "ILO-09", "hotline", "labour-inspection"):
        assert code not in mastery


def test_a_version_taken_by_too_few_people_shows_only_its_attempts(client, graded):
    html = page(client, graded)  # four people, minimum five
    assert "<dt>Attempts</dt><dd>4</dd></dl>" in html
    assert "This version was taken by fewer than 5 people: its figures are not shown." in html
    assert "Pass rate" not in html and "Score distribution" not in html


def test_no_attempts_yet(client, make_quiz):
    html = page(client, make_quiz())
    assert "No submitted attempts yet." in html
    assert "Summary" not in html


def test_query_count_does_not_grow_with_attempts(client, make_quiz, every_group_shown):
    quiz = make_quiz()
    sign_in(client, with_mfa(UserFactory(role="Trainer", organisation=None)))
    url = reverse("assessments:analytics", args=[quiz.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(10):
        take(quiz, {Q1: ["A"], Q2: ["A"]})
    few = queries()
    for index in range(40):
        take(quiz, {Q1: ["C"], Q2: ["B"] if index % 3 else ["A"]}, sector="labour-inspection")
    assert queries() == few


# --- Links: trainers and managers find analytics and registers where they work ---------------


def test_quiz_listing_links_to_analytics_for_trainers(client, make_quiz):
    quiz = make_quiz()
    sign_in(client, with_mfa(UserFactory(role=Role.TRAINER, organisation=None)))
    html = client.get(reverse("wagtailsnippets_assessments_quiz:list")).text
    assert reverse("assessments:analytics", args=[quiz.pk]) in html
    assert "Analytics" in html
    edit = client.get(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])).text
    assert reverse("assessments:analytics", args=[quiz.pk]) in edit


def test_dashboard_links_trainers_to_analytics_and_registers_not_trainees(
    client, make_quiz, build_course
):
    quiz = make_quiz()
    course = build_course(modules=[("C1", [], 1)], requires_attendance=True)
    trainer = with_mfa(UserFactory(role=Role.TRAINER, organisation=None))
    start = timezone.now() + dt.timedelta(days=3)
    session = TrainingSession.objects.create(
        course=course,
        title="Identification workshop",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        mode="in_person",
        place="Training room 2",
        trainer=trainer,
        capacity=5,
    )
    analytics_url = reverse("assessments:analytics", args=[quiz.pk])
    register_url = reverse("courses:attendance", args=[session.pk])

    sign_in(client, trainer)
    html = client.get(reverse("courses:dashboard")).text
    assert f'<a href="{analytics_url}">Analytics: Hotline check</a>' in html
    assert f'<a href="{register_url}">Identification workshop</a>' in html
    sessions = client.get(reverse("wagtailsnippets_courses_trainingsession:list")).text
    assert register_url in sessions

    CoursePage.objects.filter(pk=course.pk).update(pre_test=quiz)
    course_html = client.get(course.url).text
    assert f'<a href="{analytics_url}">Analytics: Hotline check</a>' in course_html
    assert f'<a href="{register_url}">Register: Identification workshop</a>' in course_html

    client.logout()
    sign_in(client, UserFactory())
    html = client.get(reverse("courses:dashboard")).text
    assert analytics_url not in html and register_url not in html
    assert "Quiz analytics" not in html and "Attendance registers" not in html
    assert analytics_url not in client.get(course.url).text
