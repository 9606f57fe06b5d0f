"""The verification page on a 360 px phone (issue 13, §2), in Arabic and English, in every state:
nothing wider than the screen, each state's banner with its colour, and the not-found page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from certificates import services
from certificates.models import Certificate
from courses import services as courses
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
# Fixed, well-known paths on purpose: people look at them after a run.
SCREENSHOT = "/tmp/himaya-verify-{language}-{state}.png"  # noqa: S108
BANNER_BORDERS = {
    "valid": "rgb(29, 107, 60)",
    "expired": "rgb(138, 75, 8)",
    "revoked": "rgb(164, 22, 26)",
    "superseded": "rgb(61, 79, 159)",
}


@pytest.fixture
def certificates_by_state(build_course):
    course = build_course(modules=[("C1", [], 1)])
    manager = UserFactory(role="Programme manager")

    def issue():
        # A long name on both sides: the holder line must wrap, not widen the page.
        trainee = UserFactory(
            name_en="Mohammed Abdulrahman Al-Qahtani Al-Dosari Al-Shammari",
            name_ar="محمد عبدالرحمن القحطاني الدوسري الشمري",
        )
        courses.enrol(user=trainee, course=course, source="manager")
        courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
        return Certificate.objects.get(user=trainee, superseded_at__isnull=True)

    valid, expired, revoked, superseded = (issue() for _ in range(4))
    # Test data only: an expiry in the past, as if two years had gone by.
    Certificate.objects.filter(pk=expired.pk).update(expires_on=dt.date(2020, 1, 1))
    services.revoke(certificate=revoked, by=manager, reason="Issued in error")
    services.reissue(certificate=superseded, by=manager, reason="Name corrected")
    return {"valid": valid, "expired": expired, "revoked": revoked, "superseded": superseded}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    yield tab
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_state_fits_a_phone(live_server, phone, certificates_by_state, language):
    for state, certificate in certificates_by_state.items():
        response = phone.goto(f"{live_server.url}/{language}/verify/{certificate.code}/")
        assert response is not None and response.status == 200
        phone.evaluate("document.fonts.ready.then(() => true)")
        banner = phone.locator(f"section.verify-banner--{state}")
        expect(banner).to_be_visible()
        assert (
            banner.evaluate("e => getComputedStyle(e).borderInlineStartColor")
            == (BANNER_BORDERS[state])
        )
        expect(banner.locator("svg.verify-banner__icon")).to_be_visible()
        assert page_width(phone) <= PHONE["width"], (language, state)
        # The hash wraps inside the screen, and each value sits under its label.
        sha = phone.locator("bdi.sha").bounding_box()
        assert sha is not None and sha["x"] >= 0 and sha["x"] + sha["width"] <= PHONE["width"]
        phone.screenshot(path=SCREENSHOT.format(language=language, state=state), full_page=True)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_mistyped_code_offers_the_form_again_on_a_phone(live_server, phone, language):
    response = phone.goto(f"{live_server.url}/{language}/verify/ZZZZZZZZZZZZZZZZ/")
    assert response is not None and response.status == 404
    assert page_width(phone) <= PHONE["width"]
    field = phone.locator("input#code")
    expect(field).to_have_value("ZZZZZZZZZZZZZZZZ")
    field.fill("not a code")
    phone.locator("form.verify-lookup button[type=submit]").click()
    expect(phone.locator("input#code")).to_have_value("not a code")
    phone.screenshot(path=SCREENSHOT.format(language=language, state="not-found"), full_page=True)
