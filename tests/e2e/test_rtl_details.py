"""Right-to-left details in a real Chromium (issue 13, §5): the Arabic layout is the English one
mirrored at 1280 px, the lesson arrows point the way the page reads, sessions' titles and dates
keep together, and Arabic fields in the admin are typed right to left."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from courses import services as courses
from courses.models import TrainingSession
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"


def signed_in(browser, live_server, user, viewport=None):
    client = Client()
    sign_in(client, user)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**cookie, "url": live_server.url}])
    return context


def in_arabic(*pages):
    arabic = Locale.objects.get(language_code="ar")
    translations = []
    for page in pages:
        translation = page.specific.copy_for_translation(arabic)
        translation.title = f"ترجمة {page.title}"
        translation.save_revision().publish()
        translations.append(translation)
    return translations


@pytest.fixture
def course_in_both_languages(build_course):
    course = build_course(modules=[("C1", [], 3)])
    module = lessons_of(course)[0].get_parent()
    in_arabic(course.get_parent().get_parent(), course.get_parent(), course, module)
    in_arabic(*lessons_of(course))
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    return course, trainee


def test_the_arabic_layout_mirrors_the_english_one(browser, live_server, course_in_both_languages):
    course, trainee = course_in_both_languages
    context = signed_in(browser, live_server, trainee)
    tab = context.new_page()
    boxes = {}
    for language in ["en", "ar"]:
        for path in ["", "dashboard/", lessons_of(course)[1].url.removeprefix("/en/")]:
            tab.goto(f"{live_server.url}/{language}/{path}")
            main = tab.locator("main").bounding_box()
            boxes[language, path] = (round(main["x"]), round(1280 - main["x"] - main["width"]))
    context.close()
    for (language, path), (start, end) in boxes.items():
        assert start == end == boxes["en", ""][0], (language, path, start, end)


def test_the_lesson_arrows_point_the_way_the_page_reads(
    browser, live_server, course_in_both_languages
):
    course, trainee = course_in_both_languages
    middle = lessons_of(course)[1].url.removeprefix("/en/")
    context = signed_in(browser, live_server, trainee)
    tab = context.new_page()
    for language, transform in [("en", "none"), ("ar", MIRRORED)]:
        tab.goto(f"{live_server.url}/{language}/{middle}")
        for link in ["prev", "next"]:
            arrow = tab.locator(f".lesson-actions a[rel={link}] .arrow")
            expect(arrow).to_be_visible()
            assert arrow.evaluate("e => getComputedStyle(e).transform") == transform
        previous = tab.locator(".lesson-actions a[rel=prev]").bounding_box()
        following = tab.locator(".lesson-actions a[rel=next]").bounding_box()
        # Previous on the side the page starts from: left in English, right in Arabic.
        assert (previous["x"] < following["x"]) == (language == "en")
    context.close()


def test_a_session_title_and_its_date_are_isolated(browser, live_server, build_course):
    course = build_course(modules=[("C1", [], 1)], requires_attendance=True)
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    starts = timezone.make_aware(dt.datetime(2026, 12, 23, 10, 0)) + dt.timedelta(days=3650)
    TrainingSession.objects.create(
        course=course,
        title="Online case clinic",  # no Arabic title: shown in English on the Arabic page
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        mode=TrainingSession.Mode.ONLINE,
        trainer=with_mfa(UserFactory(role="Trainer", organisation=None)),
    )
    context = signed_in(browser, live_server, trainee, {"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/ar/{course.url.removeprefix('/en/')}")
    item = tab.locator("#sessions-heading ~ ul li").first
    expect(item.locator("bdi").first).to_have_text("Online case clinic")
    date = item.locator("bdi").nth(1)
    expect(date).to_contain_text("ديسمبر")
    # The day stays beside its month: "23 ديسمبر" reads as one run, right of the title.
    assert date.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    context.close()


def test_arabic_fields_are_right_to_left_in_the_admin(browser, live_server, build_course):
    course = build_course(modules=[("C1", [], 1)])
    (course_ar,) = in_arabic(course.get_parent().get_parent(), course.get_parent(), course)[2:]
    manager = with_mfa(UserFactory(role="Programme manager", organisation=None))
    context = signed_in(browser, live_server, manager)
    tab = context.new_page()

    tab.goto(f"{live_server.url}/admin/snippets/courses/trainingsession/add/")
    expect(tab.locator("input[name=title_ar]")).to_have_attribute("dir", "rtl")
    expect(tab.locator("input[name=place_ar]")).to_have_attribute("dir", "rtl")
    assert tab.locator("input[name=title]").get_attribute("dir") is None

    tab.goto(f"{live_server.url}/admin/snippets/assessments/scenario/add/")
    expect(tab.locator("input[name=title_ar]")).to_have_attribute("dir", "rtl")
    expect(tab.locator("textarea[name=case_text_ar]")).to_have_attribute("dir", "rtl")
    assert tab.locator("input[name=title_en]").get_attribute("dir") is None

    # A page in the Arabic locale: its title and rich text are Arabic, its slug is not.
    tab.goto(f"{live_server.url}/admin/pages/{course_ar.pk}/edit/")
    expect(tab.locator("input[name=title]")).to_have_attribute("dir", "rtl")
    expect(tab.locator(".Draftail-Editor").first).to_have_attribute("dir", "rtl")
    assert tab.locator("input[name=slug]").get_attribute("dir") is None
    tab.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    assert tab.locator("input[name=title]").get_attribute("dir") is None
    # Leave the editor (its editing-session pings) and let the last requests end before the
    # test's database is flushed.
    tab.goto(f"{live_server.url}/admin/")
    tab.wait_for_load_state("networkidle")
    context.close()
