"""The trainer's journey in a real Chromium (issue 13, §8), in Arabic and in English: sign in
with a second factor, write a scenario with three question types in the Wagtail admin and send
it to the fictional-content review, where a second person approves it; a quiz holding it is
published; the trainer takes the attendance register of their session and opens the quiz's
analytics.

Publishing a quiz freezes the version attempts are scored against, so it is a programme
manager's permission (lms/people/roles.py): the manager who reviews the scenario publishes the
quiz, in the same browser session as the review. The scenario's questions are posted from the
trainer's signed-in tab as the editor's form sends them (multiple response, single choice and
ordering), with the request that submits it for review; the pages around it are driven by hand.

The whole journey runs at one width per language (English at 1280, Arabic at 360); the trainer's
key pages are then checked at the other width.
"""

import copy
import datetime as dt
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Quiz, QuizItem, Scenario, Tag, question_from_exchange
from courses import services as courses
from courses.models import TrainingSession
from lms.people.roles import Role
from tests.conftest import with_mfa
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import OrganisationFactory, UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _block_fields(prefix, value, data):
    for name, field in value.items():
        key = f"{prefix}-{name}"
        if isinstance(field, list) and field and isinstance(field[0], dict):
            data.append((f"{key}-count", len(field)))
            for index, child in enumerate(field):
                data += [(f"{key}-{index}-{part}", "") for part in ("deleted", "id")]
                data.append((f"{key}-{index}-order", index))
                _block_fields(f"{key}-{index}-value", child, data)
        elif isinstance(field, list):
            data.append((f"{key}-count", 0))
        elif isinstance(field, bool):
            if field:
                data.append((key, "on"))
        elif field is not None:
            data.append((key, str(field)))


def editor_form(exchange: dict) -> list[tuple]:
    """The scenario editor's POST for a scenario in the exchange format, sent for review."""
    tags = {tag.code: tag.pk for tag in Tag.objects.all()}
    data = [
        ("code", exchange["code"]),
        ("title_en", exchange["title"]["en"]),
        ("title_ar", exchange["title"]["ar"]),
        ("case_text_en", exchange["case_text"]["en"]),
        ("case_text_ar", exchange["case_text"]["ar"]),
        ("content_warning", exchange["content_warning"]),
        *[("roles", tags[code]) for code in exchange["roles"]],
        *[("tags", tags[code]) for code in exchange["tags"]],
        ("fictional_declared", "on"),
        ("questions-count", len(exchange["questions"])),
        ("action-submit", "1"),
    ]
    for index, question in enumerate(exchange["questions"]):
        kind, value = question_from_exchange(question)
        data += [
            (f"questions-{index}-type", kind),
            (f"questions-{index}-deleted", ""),
            (f"questions-{index}-order", index),
            (f"questions-{index}-id", ""),
        ]
        _block_fields(f"questions-{index}-value", value, data)
    return data


def post_from_tab(walk, path, data):
    """POST a form from the signed-in tab, with its session and CSRF token, as the page would."""
    cookies = {c["name"]: c["value"] for c in walk.page.context.cookies()}
    return walk.page.request.post(
        walk.base + path,
        data=urlencode(data),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": cookies["csrftoken"],
            "Referer": walk.base + path,
        },
        max_redirects=0,
    )


@pytest.fixture
def session_to_run(build_course):
    """A session that began an hour ago, run by a trainer, with two people registered."""
    course = build_course(modules=[("C1", [], 1)], requires_attendance=True)
    trainer = with_mfa(UserFactory(organisation=None, role=Role.TRAINER, name_en="Salma Idris"))
    start = timezone.now() - dt.timedelta(hours=1)
    session = TrainingSession.objects.create(
        course=course,
        title="Identification workshop",
        title_ar="ورشة التعرف",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        mode="in_person",
        place="Training room 2",
        trainer=trainer,
        capacity=10,
    )
    organisation = OrganisationFactory()
    people = [UserFactory(organisation=organisation, role=Role.TRAINEE) for _ in range(2)]
    for person in people:
        courses.enrol(user=person, course=course, source="manager")
        # Added by the trainer: people register themselves only before a session starts.
        courses.add_participant(session=session, email=person.email, by=trainer)
    return trainer, session, people


@pytest.mark.parametrize(
    ("language", "width", "other"), [("en", DESKTOP, PHONE), ("ar", PHONE, DESKTOP)]
)
def test_trainer_journey(journey, session_to_run, language, width, other):
    trainer, session, people = session_to_run
    walk = journey(f"trainer-{language}-{width['width']}", width)
    page = walk.page
    walk.sign_in_with_mfa(trainer, language)
    walk.check("dashboard", budget=False)

    # Write a scenario with three question types, and send it to review.
    add = reverse("wagtailsnippets_assessments_scenario:add")
    walk.goto(add)
    walk.check("scenario-editor", budget=False)
    exchange = copy.deepcopy(SCENARIO)
    exchange["code"] = "SCN-HL-900"
    assert sorted({q["type"] for q in exchange["questions"]}) == [
        "multiple_response",
        "ordering",
        "single_choice",
    ]
    response = post_from_tab(walk, add, editor_form(exchange))
    assert response.status == 302, response.text()[:2000]
    scenario = Scenario.objects.get(code="SCN-HL-900")
    assert scenario.current_workflow_state.status == "in_progress"
    edit = reverse("wagtailsnippets_assessments_scenario:edit", args=[scenario.pk])
    walk.goto(edit)
    walk.check("scenario-in-review", budget=False)

    # A second person (a programme manager) approves it in the review, then publishes a quiz.
    manager = with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))
    reviewer = journey(f"reviewer-{language}-{width['width']}", width)
    reviewer.sign_in_with_mfa(manager, language)
    reviewer.goto("/admin/")
    reviewer.check("review-dashboard", budget=False)
    reviewer.goto(edit)
    reviewer.check("review-scenario", budget=False)
    # "Approve with comment" opens the admin's modal form; it posts here.
    task_state = scenario.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailsnippets_assessments_scenario:workflow_action",
        args=[scenario.pk, "approve", task_state.pk],
    )
    response = post_from_tab(reviewer, approve, [("comment", "Fictional, and clear.")])
    assert response.status in (200, 302), response.text()[:2000]
    scenario.refresh_from_db()
    assert scenario.live

    quiz = Quiz(code="QZ-900", title_en="Night call check", title_ar="اختبار الاتصال الليلي")
    quiz.save()
    QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=0)
    quiz.save_revision()
    reviewer.goto(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk]))
    reviewer.check("quiz-editor", budget=False)
    more = reviewer.page.locator("footer [data-w-dropdown-target='toggle']").first
    more.click()
    reviewer.page.locator("button[name=action-publish]").click()
    reviewer.page.wait_for_load_state("load")
    quiz.refresh_from_db()
    assert quiz.live and quiz.current_version is not None

    # The trainer takes the register of the session that has begun.
    walk.goto(f"/{language}/dashboard/")
    page.locator(f"a[href='/{language}/learning/sessions/{session.pk}/attendance/']").click()
    page.wait_for_load_state("load")
    walk.check("register", budget=False)
    for person in people:
        page.locator(f"#status-{person.pk}-present").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert sorted(session.attendance.values_list("status", flat=True)) == ["present", "present"]

    # And the quiz's analytics, from the dashboard.
    walk.goto(f"/{language}/dashboard/")
    page.locator(f"a[href='/{language}/quizzes/{quiz.pk}/analytics/']").click()
    page.wait_for_load_state("load")
    expect(page.locator("main h1")).to_be_visible()
    walk.check("analytics", budget=False)

    # The same session on another device width (a second TOTP sign-in within the same 30 s
    # would be refused as a replayed code).
    again = journey(f"trainer-{language}-{other['width']}", other, signed_in_as=walk)
    again.goto(f"/{language}/dashboard/")
    again.check("dashboard", budget=False)
    for label, path in [
        ("register", f"/{language}/learning/sessions/{session.pk}/attendance/"),
        ("analytics", f"/{language}/quizzes/{quiz.pk}/analytics/"),
    ]:
        again.goto(path)
        again.check(label, budget=False)

    for each in (walk, reviewer, again):
        each.assert_clean()
