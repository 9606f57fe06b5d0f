"""Taking a scenario quiz in a real Chromium, in Arabic, with the keyboard only."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from assessments.models import Attempt
from courses import services as courses
from tests.course_fixtures import lessons_of
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


def announcement(name, position):
    with translation.override("ar"):
        template = translation.gettext("{item}: now step {position} of {total}.")
    return template.format(item=name, position=position, total=3)


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/ar/accounts/login/")
    form = page.locator("main form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill("correct-horse-battery")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/ar/dashboard/")


def final_for(trainee, quiz, build_course):
    """The quiz as the final of a course the trainee is enrolled in and whose lessons they did:
    the final opens only then."""
    course = build_course()
    course.final_quiz = quiz
    course.save_revision().publish()
    courses.enrol(user=trainee, course=course, source="manager")
    for lesson in lessons_of(course):
        courses.complete_lesson(user=trainee, lesson=lesson)
    return course


def open_the_case(page, live_server, quiz):
    page.goto(f"{live_server.url}/ar/quizzes/{quiz.pk}/")
    page.locator("main form button[type=submit]").click()
    # The case waits behind its content warning.
    expect(page.locator("main h1")).to_have_text("قبل أن تتابع")
    page.locator("main a.button").first.click()
    expect(page.locator("main")).to_contain_text("يتصل رحيم")
    # The text shows before the deferred scripts have run; a person is never that quick.
    page.wait_for_load_state("load")


def option_id(attempt, key, code):
    """The page names an option by its question's index and its position in the attempt."""
    index, item = next((i, item) for i, item in enumerate(attempt.layout) if item["key"] == key)
    return f"#q{index}-{item['options'].index(code) + 1}"


def test_keyboard_only_attempt_with_autosave(live_server, page, make_quiz, build_course):
    quiz = make_quiz()
    trainee = UserFactory(preferred_language="ar")
    final_for(trainee, quiz, build_course)
    sign_in(page, live_server, trainee)
    open_the_case(page, live_server, quiz)

    attempt = Attempt.objects.get(user=trainee)
    q3 = next(i for i, item in enumerate(attempt.layout) if item["key"] == "SCN-HL-001/Q3")
    # A radio button chosen with the keyboard: focus it and press Space.
    page.locator(option_id(attempt, "SCN-HL-001/Q2", "A")).focus()
    page.keyboard.press("Space")
    # The autosave is debounced and then a round trip to the server: allow for a busy CI machine.
    expect(page.locator(".autosave-status")).not_to_be_empty(timeout=20_000)
    attempt.refresh_from_db()
    assert attempt.answers == {"SCN-HL-001/Q2": ["A"]}
    # Without JavaScript the ranks are typed; with it they are hidden and follow the list.
    assert page.locator(f"#q{q3}-1").is_hidden()

    page.locator("button[name=submit]").click()
    # Two questions unanswered: the page lists them and asks first.
    expect(page.locator("main ul.unanswered li")).to_have_count(2)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h2").first).to_contain_text("غير ناجح")  # 1 of 4 points: 25 %
    expect(page.locator("main")).to_contain_text("25,00%")  # Arabic decimal comma


def test_ordering_by_keyboard_on_a_phone_in_arabic(
    live_server, browser, make_quiz, build_course, scenario_data
):
    """At 360 px in Arabic: every control sits on the first line of its label (a long option
    does not push its radio button onto a line of its own), the steps are put in order with the
    move buttons from the keyboard, each move is announced, and the attempt is submitted."""
    long = "اتصل بصاحب العمل لتسأله عن جواز السفر وعن الدين وعن ساعات العمل وعن السكن " * 3
    scenario_data["questions"][1]["options"][1]["text"]["ar"] = long.strip()
    quiz = make_quiz(data=scenario_data)
    trainee = UserFactory(preferred_language="ar")
    final_for(trainee, quiz, build_course)
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        sign_in(page, live_server, trainee)
        open_the_case(page, live_server, quiz)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        choices = page.locator("main ul.options .choice")
        assert choices.count() == 5  # 3 + 2 options
        for n in range(choices.count()):
            control = choices.nth(n).locator("input").bounding_box()
            label = choices.nth(n).locator("label").bounding_box()
            # Same line: the control's middle lies within the label's first line ...
            middle = control["y"] + control["height"] / 2
            assert label["y"] <= middle <= label["y"] + 32, (n, control, label)
            # ... and, right to left, the control is at the start (right) of its label.
            assert control["x"] >= label["x"] + label["width"] - 1, (n, control, label)
        steps = page.locator("ol[data-ordering] .choice")
        assert steps.count() == 3
        for n in range(steps.count()):
            buttons = steps.nth(n).locator(".move-controls").bounding_box()
            label = steps.nth(n).locator("label").bounding_box()
            # The move buttons sit on the step's line, at its end (left, right to left).
            assert buttons["y"] <= label["y"] + 32 and label["y"] <= buttons["y"] + 44
            assert buttons["x"] + buttons["width"] <= label["x"] + 1, (n, buttons, label)
        long_label = page.locator("main label", has_text=long.strip()[:30]).bounding_box()
        assert long_label["height"] > 60  # the long option did wrap, beside its control

        steps = page.locator("ol[data-ordering]")
        announcer = page.locator("[data-announcer]")
        names = ["السلامة", "الموافقة", "الإحالة"]  # the key's order: S1, S2, S3

        def shown():
            return [text.strip() for text in steps.locator("label").all_inner_texts()]

        # One move first, whatever the shuffle gave: an untouched list is an unanswered question.
        last = steps.locator("li").last
        last_name = last.locator("label").inner_text().strip()
        last.locator("button[data-move='-1']").focus()
        page.keyboard.press("Space")
        expect(announcer).to_have_text(announcement(last_name, 2))
        for target, name in enumerate(names):
            step = steps.locator("li", has=page.locator("label", has_text=name))
            button = step.locator("button[data-move='-1']")
            while shown().index(name) > target:
                button.focus()
                page.keyboard.press("Enter")
                position = shown().index(name) + 1
                expect(announcer).to_have_text(announcement(name, position))
                expect(button).to_be_focused()  # the focus moves with the step
        assert shown() == names
        first_up = steps.locator("li").first.locator("button[data-move='-1']")
        expect(first_up).to_have_attribute("aria-disabled", "true")
        expect(page.locator(".autosave-status")).not_to_be_empty()

        attempt = Attempt.objects.get(user=trainee)
        for code in ("A", "B"):
            page.locator(option_id(attempt, "SCN-HL-001/Q1", code)).focus()
            page.keyboard.press("Space")
        page.locator(option_id(attempt, "SCN-HL-001/Q2", "A")).focus()
        page.keyboard.press("Space")
        page.locator("button[name=submit]").focus()
        page.keyboard.press("Enter")
        expect(page.locator("main h2").first).to_have_text("ناجح")
        attempt.refresh_from_db()
        assert attempt.is_submitted
        assert attempt.answers["SCN-HL-001/Q3"] == ["S1", "S2", "S3"]
        assert page.locator("main .mark--right").count() == 3
    finally:
        context.close()
