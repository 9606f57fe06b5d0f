"""Taking a scenario quiz in a real Chromium, in Arabic, with the keyboard only."""

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt
from courses import services as courses
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/ar/accounts/login/")
    form = page.locator("main form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill("correct-horse-battery")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/ar/dashboard/")


def test_keyboard_only_attempt_with_autosave(live_server, page, make_quiz, build_course):
    quiz = make_quiz()
    trainee = UserFactory(preferred_language="ar")
    # Only people enrolled in a course holding the quiz may start it.
    course = build_course()
    course.final_quiz = quiz
    course.save_revision().publish()
    courses.enrol(user=trainee, course=course, source="manager")
    sign_in(page, live_server, trainee)
    page.goto(f"{live_server.url}/ar/quizzes/{quiz.pk}/")
    page.locator("main form button[type=submit]").click()
    # The case waits behind its content warning.
    expect(page.locator("main h1")).to_have_text("قبل أن تتابع")
    page.locator("main a.button").first.click()
    expect(page.locator("main")).to_contain_text("يتصل رحيم")

    attempt = Attempt.objects.get(user=trainee)
    positions = {item["key"]: index for index, item in enumerate(attempt.layout)}
    q2 = positions["SCN-HL-001/Q2"]
    q3 = positions["SCN-HL-001/Q3"]
    # A radio button chosen with the keyboard: focus it and press Space.
    page.locator(f"#q{q2}-A").focus()
    page.keyboard.press("Space")
    # Ordering by typing ranks, not by dragging.
    for rank, code in enumerate(["S1", "S2", "S3"], start=1):
        page.locator(f"#q{q3}-{code}").focus()
        page.keyboard.type(str(rank))
        page.keyboard.press("Tab")
    # Autosave needs no button: wait for the status line.
    expect(page.locator(".autosave-status")).not_to_be_empty()
    attempt.refresh_from_db()
    assert attempt.answers["SCN-HL-001/Q2"] == ["A"]
    assert attempt.answers["SCN-HL-001/Q3"] == ["S1", "S2", "S3"]

    page.locator("button[name=submit]").click()
    expect(page.locator("main h2").first).to_contain_text("غير ناجح")  # Q1 unanswered: 50 %
    expect(page.locator("main")).to_contain_text("50,00%")  # Arabic decimal comma
