"""The bilingual shell in a real Chromium: direction, fonts, language switch, sign-in, keyboard.

live_server needs a transactional database, which is flushed after every test. The data
migrations' rows (sectors, regions, groups, the Wagtail home page) are restored for each test
and left in place for the rest of the suite by serialized_rollback.
"""

import re

import pytest
from playwright.sync_api import expect

from lms.people.roles import Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # UserFactory's password
SKIP_LINK_AR = "الانتقال إلى المحتوى الرئيسي"
FACE = "IBM Plex Sans Arabic"  # the interface's Arabic face (lms/webfonts.py)
# A fixed, well-known path on purpose: people open it after a run.
DASHBOARD_SCREENSHOT = "/tmp/himaya-ar-dashboard.png"  # noqa: S108


def open_page(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, path
    return response


def html_attributes(page):
    return page.evaluate(
        "() => ({dir: document.documentElement.dir, lang: document.documentElement.lang})"
    )


def brand_x(page):
    box = page.locator(".site-header .brand").bounding_box()
    assert box is not None
    return box["x"]


def platform_fonts(page, selector):
    """The fonts Chromium actually drew the element's text with (not just what CSS asked for)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


@pytest.fixture
def failed_requests(page):
    """Sub-resources (CSS, fonts, ...) that failed or answered 4xx/5xx while the test ran.

    The browser's own favicon probe is left out: the site has no favicon (a 404, reported)."""
    failures = []

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            failures.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    page.on("requestfailed", lambda request: failures.append(f"failed {request.url}"))
    return failures


def test_arabic_home_is_right_to_left_in_the_served_arabic_face(live_server, page, failed_requests):
    open_page(page, live_server, "/ar/")

    assert html_attributes(page) == {"dir": "rtl", "lang": "ar"}
    expect(page.locator("a.skip-link")).to_have_text(SKIP_LINK_AR)

    viewport_width = page.viewport_size["width"]
    assert brand_x(page) > viewport_width / 2  # the brand starts the header on the right

    assert FACE in page.evaluate("getComputedStyle(document.body).fontFamily")
    fonts = page.evaluate(
        """async () => {
            await document.fonts.ready;
            return {
                check: document.fonts.check('16px "IBM Plex Sans Arabic"', 'حماية'),
                faces: [...document.fonts]
                    .filter(face => face.family.replace(/["']/g, '') === 'IBM Plex Sans Arabic')
                    .map(face => [face.weight, face.status]),
            };
        }"""
    )
    assert fonts["check"] is True
    assert ["400", "loaded"] in fonts["faces"], fonts["faces"]
    # Chromium drew the Arabic text with the served web font, not a system fallback.
    drawn = platform_fonts(page, "a.skip-link")
    assert [(font["familyName"], font["isCustomFont"]) for font in drawn] == [(FACE, True)]
    assert failed_requests == []


def test_english_home_is_left_to_right(live_server, page, failed_requests):
    open_page(page, live_server, "/en/")

    assert html_attributes(page) == {"dir": "ltr", "lang": "en"}
    expect(page.locator("a.skip-link")).to_have_text("Skip to main content")
    assert brand_x(page) < page.viewport_size["width"] / 2  # the brand is on the left
    assert FACE not in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert failed_requests == []


def test_language_switcher_keeps_the_current_page(live_server, page):
    open_page(page, live_server, "/en/accounts/login/")
    assert html_attributes(page)["dir"] == "ltr"

    page.locator("form.language-switcher").get_by_role("button", name="العربية").click()
    expect(page).to_have_url(live_server.url + "/ar/accounts/login/")
    assert html_attributes(page) == {"dir": "rtl", "lang": "ar"}
    expect(page.locator("main h1")).to_have_text("تسجيل الدخول")

    page.locator("form.language-switcher").get_by_role("button", name="English").click()
    expect(page).to_have_url(live_server.url + "/en/accounts/login/")
    assert html_attributes(page) == {"dir": "ltr", "lang": "en"}


def test_trainee_signs_in_in_arabic_and_sees_their_dashboard(live_server, page):
    organisation = OrganisationFactory(name_en="Riyadh Labour Office", name_ar="مكتب العمل بالرياض")
    trainee = UserFactory(
        organisation=organisation,
        role=Role.TRAINEE,
        name_en="Noura Al-Harbi",
        name_ar="نورة الحربي",
        preferred_language="ar",
    )

    open_page(page, live_server, "/ar/accounts/login/")
    login_form = page.locator("main form[action$='/accounts/login/']")
    login_form.locator("input[name=login]").fill(trainee.email)
    login_form.locator("input[name=password]").fill(PASSWORD)
    login_form.locator("button[type=submit]").click()

    expect(page).to_have_url(live_server.url + "/ar/dashboard/")
    assert html_attributes(page) == {"dir": "rtl", "lang": "ar"}
    expect(page.locator("main h1")).to_contain_text("نورة الحربي")
    facts = page.locator("main dl.facts dd")
    expect(facts).to_contain_text(["نورة الحربي", "مكتب العمل بالرياض"])
    expect(page.locator("main")).not_to_contain_text("Noura Al-Harbi")
    expect(page.locator("main")).not_to_contain_text("Riyadh Labour Office")
    # The header now offers the signed-in navigation, still in Arabic.
    expect(page.locator(".site-nav")).to_contain_text("تسجيل الخروج")

    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=DASHBOARD_SCREENSHOT, full_page=True)  # for humans; not asserted


def test_first_tab_reveals_the_skip_link(live_server, page):
    open_page(page, live_server, "/en/")
    skip_link = page.locator("a.skip-link")
    hidden_box = skip_link.bounding_box()
    assert hidden_box is not None and hidden_box["y"] < 0  # parked above the viewport

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    focused_box = skip_link.bounding_box()
    assert focused_box is not None and focused_box["y"] >= 0
    expect(skip_link).to_be_in_viewport()

    # Following it moves the keyboard focus to the main content.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/#main$"))
    expect(page.locator("main#main")).to_be_focused()
