"""Phones (issue 13, §4): at 360 px the staff tables and the trainee's pages read without the page
scrolling sideways, in Arabic and in English; every radio button, checkbox and ordering control
is a target of at least 24 x 24 CSS px (WCAG 2.2, 2.5.8); the header folds its menu behind a
button that works from the keyboard, and shows it whole on a wide screen.

The demo programme is used (seed_demo): its register, analytics and people list are as full as a
trainer's and a manager's first week, which is where tables overflow.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from assessments.models import Quiz
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage, TrainingSession
from lms.people.models import User
from tests.conftest import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
MINIMUM_TARGET = 24
# Fixed, well-known paths on purpose: people look at them after a run.
SCREENSHOT = "/tmp/himaya-phone-{name}.png"  # noqa: S108

# Whatever sticks out of the screen, outside a box that scrolls on purpose (.table-scroll).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.querySelectorAll("body *")) {
    if (element.closest(".table-scroll, .visually-hidden, details:not([open])")) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      out.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return out.slice(0, 5);
}"""

TARGETS = """() => Array.from(document.querySelectorAll(
    'main input[type=radio], main input[type=checkbox], main input.rank, main button.move'))
  .filter((element) => element.offsetParent !== null)
  .map((element) => { const box = element.getBoundingClientRect();
    return [element.id || element.className, box.width, box.height]; })"""


OPEN_EVERY_DISCLOSURE = "document.querySelectorAll('main details').forEach(d => d.open = true)"


def session_cookie(user, live_server) -> dict:
    """The browser signs in as `user` (MFA included) with a session the test client made."""
    client = Client()
    sign_in(client, user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    people = {
        role: User.objects.get(email=f"{role}@himaya.example")
        for role in ("trainee", "trainer", "manager")
    }
    trainee = people["trainee"]
    certificate = Certificate.objects.filter(revoked_at=None, superseded_at=None).first()
    register = TrainingSession.objects.order_by("starts_at").first()
    quizzes = list(Quiz.objects.order_by("pk"))
    lesson = LessonPage.objects.live().filter(locale__language_code="en").first()
    # Paths after the language prefix.
    pages = {
        "trainee": [
            "dashboard/",
            CoursePage.objects.get(locale__language_code="en").url.removeprefix("/en/"),
            lesson.url.removeprefix("/en/"),
            "certificates/",
            f"verify/{certificate.code}/",
        ],
        "trainer": [
            f"learning/sessions/{register.pk}/attendance/",
            # The pre-test: the most attempts, every question table and the sector heat map.
            f"quizzes/{quizzes[0].pk}/analytics/",
            f"quizzes/{quizzes[0].pk}/preview/",
        ],
        "manager": ["people/", f"people/{trainee.pk}/", f"certificates/{certificate.pk}/"],
    }
    return people, pages


def url_for(path: str, language: str) -> str:
    return f"/{language}/{path}"


def test_staff_and_trainee_pages_fit_a_phone_with_large_targets(browser, live_server, demo):
    people, pages = demo
    overflowing, small_targets = {}, {}
    for role, paths in pages.items():
        context = browser.new_context(viewport=PHONE)
        # The analytics page computes its figures on a shared, busy test machine.
        context.set_default_navigation_timeout(120_000)
        context.add_cookies([session_cookie(people[role], live_server)])
        tab = context.new_page()
        for language in ["ar", "en"]:
            for path in paths:
                url = url_for(path, language)
                response = tab.goto(live_server.url + url)
                assert response is not None and response.status == 200, url
                tab.wait_for_load_state("load")
                # Every disclosure open: hidden tables must fit too.
                tab.evaluate(
                    "document.querySelectorAll('main details').forEach(d => d.open = true)"
                )
                if tab.evaluate("document.scrollingElement.scrollWidth") > PHONE["width"]:
                    overflowing[url] = tab.evaluate(OVERFLOWING) or "scrolls sideways"
                elif problems := tab.evaluate(OVERFLOWING):
                    overflowing[url] = problems
                small = [
                    target
                    for target in tab.evaluate(TARGETS)
                    if target[1] < MINIMUM_TARGET or target[2] < MINIMUM_TARGET
                ]
                if small:
                    small_targets[url] = small[:5]
                name = url.strip("/").replace("/", "-")
                tab.screenshot(path=SCREENSHOT.format(name=name), full_page=True)
        context.close()
    assert overflowing == {}
    assert small_targets == {}


def test_the_register_has_large_targets_on_a_phone(browser, live_server, demo):
    people, pages = demo
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([session_cookie(people["trainer"], live_server)])
    tab = context.new_page()
    tab.goto(live_server.url + url_for(pages["trainer"][0], "ar"))
    radios = tab.locator("table.register input[type=radio]")
    assert radios.count() >= 3
    cell = tab.locator("table.register label.status-choice").first.bounding_box()
    assert cell["width"] >= 44 and cell["height"] >= 44
    # A tap on the cell, not only on the small circle, chooses the status.
    tab.locator("table.register label.status-choice").nth(1).click(position={"x": 2, "y": 2})
    expect(radios.nth(1)).to_be_checked()
    context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_header_folds_its_menu_on_a_phone(browser, live_server, language):
    manager = User.objects.create_user(
        email="folded@himaya.example", password="correct-horse-battery", name_en="F", name_ar="ف"
    )
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([session_cookie(manager, live_server)])
    tab = context.new_page()
    tab.goto(f"{live_server.url}/{language}/certificates/")
    header = tab.locator("header.site-header").bounding_box()
    assert header["height"] <= 80
    links = tab.locator("nav.site-nav a")
    expect(links.first).to_be_hidden()
    # From the keyboard: the skip link, the home link, then the menu button.
    toggle = tab.locator("summary.site-menu__toggle")
    toggle.focus()
    tab.keyboard.press("Enter")
    expect(links.first).to_be_visible()
    menu = tab.locator("nav.site-nav").bounding_box()
    assert menu["x"] >= 0 and menu["x"] + menu["width"] <= PHONE["width"]
    tab.screenshot(path=SCREENSHOT.format(name=f"menu-{language}"))
    tab.keyboard.press("Enter")
    expect(links.first).to_be_hidden()
    context.close()

    wide = browser.new_context(viewport=DESKTOP)
    wide.add_cookies([session_cookie(manager, live_server)])
    tab = wide.new_page()
    tab.goto(f"{live_server.url}/{language}/certificates/")
    expect(tab.locator("summary.site-menu__toggle")).to_be_hidden()
    expect(tab.locator("nav.site-nav a").first).to_be_visible()
    assert tab.locator("header.site-header").bounding_box()["height"] <= 80
    wide.close()
