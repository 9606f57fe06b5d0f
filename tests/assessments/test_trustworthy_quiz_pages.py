"""Quiz pages a trainee can trust (issue 11, §6 and §6b): numbered questions and no internal
codes, unreadable answers refused whole, unanswered questions confirmed, results that say what
went wrong and when to try again, the rules shown before Start, and a final that opens once the
course's prerequisites are done."""

import datetime as dt
import random
import re

import pytest
import time_machine
from django.urls import reverse

from assessments import services
from assessments.models import Attempt, Quiz
from courses import services as courses
from courses.blocks import ContentWarningBlock
from courses.models import Attendance, CoursePage, ModulePage
from tests.assessments.test_quiz_pages import form_for, position_of
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of, workshop
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)  # 12:00 in Riyadh

# Every internal code the fixture quiz, its scenario, options and tags carry.
INTERNAL_CODES = re.compile(
    r"\b(SCN-HL-001|QZ-1|CW[0-3]|Q[1-3]|S[1-3]|ILO-0[79]|PRN-SAF|NRM-1|HL)\b"
)


def codes_in(html: str) -> list[str]:
    return sorted(set(INTERNAL_CODES.findall(html)))


def key_at(attempt, number):
    """The key of the question shown as "Question <number> of …"."""
    return attempt.layout[number - 1]["key"]


def number_of(attempt, key):
    return next(n for n, item in enumerate(attempt.layout, start=1) if item["key"] == key)


def save_url(attempt):
    return reverse("assessments:save", args=[attempt.pk])


def case_url(attempt, language="en"):
    # The case is shown once the trainee chose to continue past its content warning.
    return f"/{language}/quizzes/attempts/{attempt.pk}/?continue={attempt.pk}:1"


@pytest.fixture
def take(client, make_quiz, enrol_in_course_with):
    """Starts an attempt at a quiz (settings as given) for an enrolled trainee, signed in."""

    def start(**settings):
        quiz = make_quiz(**settings)
        trainee = UserFactory()
        enrol_in_course_with(trainee, quiz)
        sign_in(client, trainee)
        client.post(reverse("assessments:start", args=[quiz.pk]))
        return Attempt.objects.get(user=trainee, submitted_at__isnull=True)

    return start


# --- Numbering and codes ------------------------------------------------------------------------


def test_questions_are_numbered_and_no_internal_code_reaches_the_trainee(client, take):
    attempt = take(feedback_timing=Quiz.Feedback.AFTER_SUBMISSION)
    quiz_page = client.get(reverse("assessments:quiz", args=[attempt.quiz_id])).text
    html = client.get(case_url(attempt)).text
    assert [f"Question {n} of 3" in html for n in (1, 2, 3)] == [True, True, True]
    assert "Content warning: mentions abuse" in html
    assert codes_in(quiz_page) == []
    assert codes_in(html) == []
    assert 'value="A"' not in html and 'value="B"' not in html  # options go by position

    client.post(save_url(attempt), {**form_for(attempt, PERFECT), "submit": "1"})
    review = client.get(reverse("assessments:review", args=[attempt.pk])).text
    assert "Yes: document retention." in review  # the feedback is there, the codes are not
    assert "Safety first" in review
    assert codes_in(review) == []
    arabic = client.get(f"/ar/quizzes/attempts/{attempt.pk}/review/").text
    assert codes_in(arabic) == []


def test_the_content_warning_of_a_case_goes_by_number_in_its_link(client, take):
    attempt = take()
    warning = client.get(reverse("assessments:take", args=[attempt.pk])).text
    assert "This quiz mentions abuse." in warning
    assert f"?continue={attempt.pk}%3A1" in warning
    assert codes_in(warning) == []


def test_course_and_lesson_pages_name_content_warnings_in_words(client, build_course):
    course = build_course(modules=[("C1", [], 1)])
    ModulePage.objects.descendant_of(course).update(content_warning="CW2")
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    html = client.get(course.url).text
    assert (
        "Content warning: describes violence or sexual exploitation, without graphic detail" in html
    )
    assert "CW2" not in html
    assert '<span class="code" translate="no">C1</span>' not in html  # the module's code
    block = ContentWarningBlock()
    rendered = block.render(block.to_python({"level": "CW1", "message": "A fictional case."}))
    assert "Content warning: mentions abuse. A fictional case." in rendered
    assert "CW1" not in rendered


# --- Reading the form --------------------------------------------------------------------------


@pytest.mark.parametrize("rank", ["²", "9" * 5000, "-1", "1e3", "4", "0", ""])
def test_a_malformed_rank_is_a_400_and_nothing_is_saved(client, take, rank):
    attempt = take()
    ordering = number_of(attempt, "SCN-HL-001/Q3")
    choice = number_of(attempt, "SCN-HL-001/Q2")
    form = {
        f"q{choice - 1}": position_of(attempt, "SCN-HL-001/Q2", "A"),  # readable: still not saved
        f"q{ordering - 1}-1": "1",
        f"q{ordering - 1}-2": "2",
        f"q{ordering - 1}-3": rank,
    }
    message = f"Question {ordering} of 3: give each step a different number from 1 to 3."
    response = client.post(save_url(attempt), form)
    assert response.status_code == 400
    assert message in response.text
    assert "Nothing from this form was saved." in response.text
    fetched = client.post(save_url(attempt), form, headers={"X-Requested-With": "fetch"})
    assert (fetched.status_code, fetched.json()) == (400, {"saved": 0, "problems": [message]})
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_ranks_typed_in_arabic_indic_digits_are_read(client, take):
    attempt = take()
    ordering = number_of(attempt, "SCN-HL-001/Q3")
    form = {f"q{ordering - 1}-{n}": digit for n, digit in enumerate("\u0663\u0661\u0662", 1)}
    assert client.post(save_url(attempt), form).status_code == 302
    attempt.refresh_from_db()
    shown = attempt.layout[ordering - 1]["options"]
    assert attempt.answers == {"SCN-HL-001/Q3": [shown[1], shown[2], shown[0]]}


@pytest.mark.parametrize("value", ["²", "9" * 5000, "-1", "1e3", "3", "A"])
def test_a_malformed_choice_is_a_400_and_nothing_is_saved(client, take, value):
    attempt = take()
    choice = number_of(attempt, "SCN-HL-001/Q2")
    response = client.post(
        save_url(attempt), {f"q{choice - 1}": value}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [
        f"Question {choice} of 3: this answer could not be read. Reload the page and answer again."
    ]
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_a_malformed_page_number_is_the_first_page(client, take):
    attempt = take(one_per_page=True)
    for raw in ["²", "9" * 5000, "-1"]:
        response = client.get(case_url(attempt) + f"&q={raw}")
        assert response.status_code == 200
        assert "Question 1 of 3" in response.text
    response = client.post(save_url(attempt), {"goto": "²"})
    assert response["Location"] == reverse("assessments:take", args=[attempt.pk])


# --- Submitting -------------------------------------------------------------------------------


def test_submitting_with_unanswered_questions_asks_first(client, take):
    attempt = take()
    answered = {key: PERFECT[key] for key in ("SCN-HL-001/Q1", "SCN-HL-001/Q3")}
    missing = number_of(attempt, "SCN-HL-001/Q2")
    response = client.post(save_url(attempt), {**form_for(attempt, answered), "submit": "1"})
    assert response.status_code == 200
    html = response.text
    assert "Submit with questions unanswered?" in html
    assert "1 question has no answer. An unanswered question scores no points." in html
    assert f"Question {missing} of 3</a>" in html
    assert re.findall(r"Question \d of 3</a>", html) == [f"Question {missing} of 3</a>"]
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert attempt.answers == answered  # what was answered is saved meanwhile

    response = client.post(reverse("assessments:submit", args=[attempt.pk]), {"confirm": "1"})
    assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
    review = client.get(response["Location"]).text
    assert "Your answers are saved" not in review
    attempt.refresh_from_db()
    assert attempt.is_submitted


def test_a_complete_attempt_submits_without_asking_and_says_nothing_about_saving(client, take):
    attempt = take()
    response = client.post(save_url(attempt), {**form_for(attempt, PERFECT), "submit": "1"})
    assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
    review = client.get(response["Location"]).text
    assert "Passed" in review
    assert "Your answers are saved" not in review


def test_time_up_submits_without_asking(client, take):
    with time_machine.travel(NOW, tick=False):
        attempt = take(time_limit_minutes=10)
    with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
        response = client.post(reverse("assessments:submit", args=[attempt.pk]))
    assert response["Location"] == reverse("assessments:review", args=[attempt.pk])


# --- Results ----------------------------------------------------------------------------------


def test_results_mark_each_answer_and_name_the_critical_miss(client, take):
    with time_machine.travel(NOW, tick=False):
        attempt = take(max_attempts=3, cooldown_minutes=60)
        answers = {
            "SCN-HL-001/Q1": ["A"],  # one of two indicators, no wrong tick: half the points
            "SCN-HL-001/Q2": ["B"],  # critical, and it tips off the employer
            "SCN-HL-001/Q3": ["S1", "S2", "S3"],
        }
        client.post(save_url(attempt), {**form_for(attempt, answers), "submit": "1"})
        html = client.get(reverse("assessments:review", args=[attempt.pk])).text
    critical = number_of(attempt, "SCN-HL-001/Q2")
    assert "Not passed" in html
    assert "◐ Partly right — 1 of 2 points" in html
    assert "✗ Wrong — 0 of 1 points" in html
    assert "✓ Right — 1 of 1 points" in html
    assert (
        f'<a href="#question-{critical - 1}">Question {critical} of 3</a>: What do you do first?'
        in html
    )
    assert "Why: This could tip off the employer." in html
    assert "What it tests: Safety first" in html
    assert "You have 2 attempts left." in html
    assert (
        "You can try again from 10 March 2026, 13:00: the quiz asks for 60 minutes between "
        "attempts." in html
    )
    assert reverse("assessments:start", args=[attempt.quiz_id]) not in html  # not yet

    with time_machine.travel(NOW + dt.timedelta(minutes=61), tick=False):
        later = client.get(reverse("assessments:review", args=[attempt.pk])).text
    assert "Try again" in later
    assert reverse("assessments:start", args=[attempt.quiz_id]) in later


def test_results_keep_the_key_until_the_feedback_rule_allows(client, take):
    attempt = take(feedback_timing=Quiz.Feedback.AFTER_CLOSE)
    answers = {**PERFECT, "SCN-HL-001/Q2": ["B"]}
    client.post(save_url(attempt), {**form_for(attempt, answers), "submit": "1"})
    html = client.get(reverse("assessments:review", args=[attempt.pk])).text
    critical = number_of(attempt, "SCN-HL-001/Q2")
    assert f"Question {critical} of 3</a>: What do you do first?" in html
    assert (
        "Why it was not fully right will be shown with the correct answers, when the quiz closes."
        in html
    )
    assert "This could tip off the employer." not in html
    assert "✓ Correct answer" not in html
    assert "Try again" in html  # unlimited attempts, no wait


def test_no_try_again_when_the_attempts_are_used_or_passed(client, take):
    attempt = take(max_attempts=1)
    answers = {**PERFECT, "SCN-HL-001/Q2": ["B"]}
    client.post(save_url(attempt), {**form_for(attempt, answers), "submit": "1"})
    html = client.get(reverse("assessments:review", args=[attempt.pk])).text
    assert "Try again" not in html and "attempts left" not in html


# --- The quiz page before Start ----------------------------------------------------------------


def test_the_quiz_page_shows_the_rules_before_start(
    client, make_quiz, enrol_in_course_with, django_assert_num_queries
):
    quiz = make_quiz(max_attempts=3, cooldown_minutes=60, time_limit_minutes=20)
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz)
    sign_in(client, trainee)
    url = reverse("assessments:quiz", args=[quiz.pk])
    with django_assert_num_queries(QUIZ_PAGE_QUERIES):
        html = client.get(url).text
    facts = re.sub(r"\s+", " ", html)
    assert "<dt>Attempts allowed</dt><dd>3</dd>" in facts
    assert "<dt>Attempts left</dt><dd>3</dd>" in facts
    assert "<dt>Wait between attempts</dt><dd>60 minutes</dd>" in facts
    assert "<dt>Time limit</dt><dd>20 minutes</dd>" in facts
    assert reverse("assessments:start", args=[quiz.pk]) in html

    with time_machine.travel(NOW, tick=False):
        attempt = services.start_attempt(user=trainee, quiz=quiz)
        services.submit_attempt(attempt=attempt)
        html = client.get(url).text
    assert "<dt>Attempts left</dt><dd>2</dd>" in re.sub(r"\s+", " ", html)
    assert "You can start your next attempt from 10 March 2026, 13:00." in html
    assert reverse("assessments:start", args=[quiz.pk]) not in html


# Session, user and their groups, the quiz, its current version, the person's attempts, the start
# rule (their enrolments: the quiz is a course's pre-test) and may_preview's two permission reads.
QUIZ_PAGE_QUERIES = 9


# --- Who may sit the final ---------------------------------------------------------------------


@pytest.fixture
def final_course(build_course, make_quiz):
    quiz = make_quiz(kind="final")
    course = build_course(modules=[("C1", [], 2)], requires_attendance=True)
    CoursePage.objects.filter(pk=course.pk).update(final_quiz=quiz)
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    return quiz, course, trainee


def test_the_final_opens_once_the_lessons_and_the_workshop_are_done(client, final_course):
    quiz, course, trainee = final_course
    first, second = lessons_of(course)
    sign_in(client, trainee)
    quiz_url = reverse("assessments:quiz", args=[quiz.pk])
    start_url = reverse("assessments:start", args=[quiz.pk])

    def missing(html):
        return re.findall(r"<li>(?:<a href=\"[^\"]*\">)?([^<]+)", html.split("missing-steps")[1])

    page = client.get(quiz_url).text
    assert "The scenario final opens once you have finished the course&#x27;s required" in page
    assert missing(page) == [
        "Lesson C1.1",
        "Lesson C1.2",
        "Attend one of the course's training sessions (workshop)".replace("'", "&#x27;"),
    ]
    assert f'<a href="{first.url}">Lesson C1.1</a>' in page
    assert start_url not in page
    refused = client.post(start_url)
    assert refused.status_code == 403
    assert "This quiz is not open to you yet" in refused.text
    assert missing(refused.text) == missing(page)
    assert Attempt.objects.count() == 0

    courses.complete_lesson(user=trainee, lesson=first)
    courses.complete_lesson(user=trainee, lesson=second)
    assert len(missing(client.get(quiz_url).text)) == 1  # the workshop
    assert client.post(start_url).status_code == 403

    trainer = with_mfa(UserFactory(role="Trainer", organisation=None))
    session = workshop(course, trainer, NOW, capacity=10)
    Attendance.objects.create(session=session, user=trainee, status="present", recorded_by=trainer)
    page = client.get(quiz_url).text
    assert "missing-steps" not in page
    assert start_url in page
    response = client.post(start_url)
    assert response.status_code == 302
    assert Attempt.objects.get().user == trainee


def test_the_final_refusal_in_arabic(client, final_course):
    quiz, _course, trainee = final_course
    sign_in(client, trainee)
    page = client.get(f"/ar/quizzes/{quiz.pk}/").text
    assert 'dir="rtl"' in page
    assert "Lesson C1.1" in page  # no Arabic translation of the lesson: its own title
    assert f"/quizzes/{quiz.pk}/start/" not in page


def test_a_lesson_built_around_the_final_is_not_its_prerequisite(client, final_course):
    quiz, course, trainee = final_course
    first, second = lessons_of(course)
    second.body = [("quiz", {"quiz": quiz})]
    second.save_revision().publish()
    CoursePage.objects.filter(pk=course.pk).update(requires_attendance=False)
    courses.complete_lesson(user=trainee, lesson=first)
    sign_in(client, trainee)
    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 302


def test_only_people_enrolled_in_the_course_start_its_final(client, final_course):
    quiz, _course, _trainee = final_course
    sign_in(client, UserFactory())
    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 403
    assert "missing-steps" not in client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert Attempt.objects.count() == 0


# --- Shuffling --------------------------------------------------------------------------------


def test_options_shuffle_by_default_and_a_frozen_version_keeps_its_setting(make_quiz):
    assert Quiz().shuffle_options is True
    shuffled = make_quiz(code="QZ-NEW")
    kept = make_quiz(code="QZ-OLD", shuffle_options=False)
    assert shuffled.current_version.quiz_settings["shuffle_options"] is True
    assert kept.current_version.quiz_settings["shuffle_options"] is False

    def orders(quiz):
        version = quiz.current_version
        return {
            tuple(item["options"])
            for seed in range(20)
            for item in services.draw_layout(version, version.quiz_settings, random.Random(seed))
            if item["key"].endswith("Q1")
        }

    assert len(orders(shuffled)) > 1
    assert orders(kept) == {("A", "B", "C")}


@pytest.mark.parametrize("lessons", [2, 12])
def test_the_final_page_reads_a_fixed_number_of_queries(
    client, build_course, make_quiz, django_assert_num_queries, lessons
):
    quiz = make_quiz(kind="final")
    course = build_course(modules=[("C1", [], lessons), ("C2", [], 1)], requires_attendance=True)
    CoursePage.objects.filter(pk=course.pk).update(final_quiz=quiz)
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    client.get(reverse("assessments:quiz", args=[quiz.pk]))  # Wagtail caches the site's root
    with django_assert_num_queries(FINAL_PAGE_QUERIES):
        html = client.get(reverse("assessments:quiz", args=[quiz.pk])).text
    assert html.count("<li><a href=") >= lessons + 2  # every lesson still to do, the workshop


# QUIZ_PAGE_QUERIES, plus the lessons that hold the quiz and the facts of the person's progress
# (modules, their sectors, lessons, completions, attendance, their organisation), then, as the
# final is refused, the missing lessons (their translations are read only for a reader whose
# language is not the pages' own: none here): none of them per lesson. 21 before issue 14.
FINAL_PAGE_QUERIES = 17


def test_the_migration_shuffles_saved_quizzes_and_leaves_frozen_versions(make_quiz):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("assessments.migrations.0007_quiz_shuffle_options_by_default")
    quiz = make_quiz(shuffle_options=False)
    migration.shuffle_every_quiz(apps, None)
    quiz.refresh_from_db()
    assert quiz.shuffle_options is True
    assert quiz.latest_revision.content["shuffle_options"] is True
    assert quiz.latest_revision.as_object().shuffle_options is True  # what the editor opens
    assert quiz.current_version.quiz_settings["shuffle_options"] is False


def test_the_results_page_reads_a_fixed_number_of_queries(client, take, django_assert_num_queries):
    attempt = take(max_attempts=3)
    answers = {**PERFECT, "SCN-HL-001/Q2": ["B"]}
    client.post(save_url(attempt), {**form_for(attempt, answers), "submit": "1"})
    url = reverse("assessments:review", args=[attempt.pk])
    with django_assert_num_queries(RESULTS_PAGE_QUERIES):
        html = client.get(url).text
    assert "Try again" in html


# Session, user and groups, the attempt with its quiz and version, its question results, the
# taxonomy's names, the person's attempts, the quiz's current version, the start rule (their
# enrolments) and the page header's permissions (one query, lms.permissions); none per question
# or attempt.
RESULTS_PAGE_QUERIES = 10
