"""The programme manager's journey in a real Chromium (issue 13, §8), in Arabic and in English:
sign in with a second factor, the completion dashboard, down to a sector and an organisation, an
XLSX export, and revoking a certificate, after which its verification page says it is revoked.

The whole journey runs at one width per language (English at 1280, Arabic at 360); the key pages
are then checked at the other width. Staff pages are checked with axe-core, for horizontal scroll
on a phone and for third-party requests; the page-weight budget is for trainee and public pages,
so here it applies to the verification page only, opened as the public would.
"""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from certificates.models import Certificate
from courses import services as courses
from lms.people.roles import Role
from tests.conftest import with_mfa
from tests.course_fixtures import lessons_of
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = {
    "en": {"revoked": "Revoked certificate", "not_valid": "It is not valid: do not accept it."},
    "ar": {"revoked": "شهادة ملغاة", "not_valid": "هذه الشهادة غير سارية: لا تقبلها."},
}


@pytest.fixture
def programme(build_course):
    """Six trainees of one organisation who completed a course (so no figure is suppressed),
    each holding a certificate, and a programme manager with a second factor."""
    organisation = OrganisationFactory()
    course = build_course(modules=[("C1", [], 1)])
    for number in range(6):
        trainee = UserFactory(
            organisation=organisation, role=Role.TRAINEE, name_en=f"Trainee {number}"
        )
        courses.enrol(user=trainee, course=course, source="manager")
        courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    manager = with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))
    return organisation, manager


@pytest.mark.parametrize(
    ("language", "width", "other"), [("en", DESKTOP, PHONE), ("ar", PHONE, DESKTOP)]
)
def test_programme_manager_journey(journey, programme, language, width, other):
    organisation, manager = programme
    walk = journey(f"manager-{language}-{width['width']}", width)
    page = walk.page
    walk.sign_in_with_mfa(manager, language)
    walk.check("dashboard", budget=False)

    # The completion dashboard, then down to the sector and the organisation.
    walk.goto(f"/{language}/completion/")
    walk.check("completion", budget=False)
    sector = f"/{language}/completion/sectors/{organisation.sector.code}/"
    page.locator(f"table.completion-table tbody th a[href^='{sector}']").click()
    page.wait_for_load_state("load")
    walk.check("completion-sector", budget=False)
    page.locator(
        f"a[href^='/{language}/completion/organisations/{organisation.pk}/']"
    ).first.click()
    page.wait_for_load_state("load")
    name = organisation.name_ar if language == "ar" else organisation.name_en
    expect(page.locator("main h1")).to_contain_text(name)
    walk.check("completion-organisation", budget=False)

    # Export every table as XLSX: a small scope is made at once.
    page.locator("details.completion-export summary").click()
    page.locator("details.completion-export button[value=xlsx]").click()
    page.wait_for_load_state("load")
    walk.check("export", budget=False)
    with page.expect_download() as download:
        page.locator("main a.button[href='?download=1']").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    assert len(workbook.sheetnames) >= 1

    # Revoke a certificate, in two steps, then see the verification page say so.
    certificate = Certificate.objects.filter(user__organisation=organisation).first()
    walk.goto(f"/{language}/certificates/{certificate.pk}/")
    walk.check("certificate", budget=False)
    revoke = page.locator(f"form[action$='/certificates/{certificate.pk}/revoke/']")
    revoke.locator("textarea").fill("Issued to the wrong person.")
    revoke.locator("button").click()
    page.wait_for_load_state("load")
    expect(page.locator("#revoke-reason")).to_have_value("Issued to the wrong person.")
    walk.check("revoke-confirm", budget=False)
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state("load")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"

    public = journey(f"verification-revoked-{language}-{width['width']}", width)
    public.goto(f"/{language}/verify/{certificate.code}/")
    banner = public.page.locator(".verify-banner--revoked")
    expect(banner).to_contain_text(TEXT[language]["revoked"])
    expect(banner).to_contain_text(TEXT[language]["not_valid"])
    public.check("verification-revoked")

    # The key pages at the other width.
    # The same session on another device width (a second TOTP sign-in within the same 30 s
    # would be refused as a replayed code).
    again = journey(f"manager-{language}-{other['width']}", other, signed_in_as=walk)
    for label, path in [
        ("completion", f"/{language}/completion/"),
        ("completion-organisation", f"/{language}/completion/organisations/{organisation.pk}/"),
        ("certificate", f"/{language}/certificates/{certificate.pk}/"),
    ]:
        again.goto(path)
        again.check(label, budget=False)

    for each in (walk, public, again):
        each.assert_clean()
