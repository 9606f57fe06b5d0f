"""The trainee's journey in a real Chromium (issue 13, §8), in Arabic and in English: accept an
invitation and set a password, the dashboard, a lesson behind a content warning, the scenario
final with its ordering question put in order by keyboard alone, results and feedback, the
certificate's PDF and the verification page at the URL its QR code holds.

The whole journey runs at one width per language (English at 1280, Arabic at 360); the key pages
are then checked at the other width. Every key page passes the journey checks (conftest.Journey):
axe-core, no horizontal scroll on a phone, the page-weight budget, no third-party request.
"""

import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader
from wagtail.models import Locale

from assessments.models import Attempt
from certificates.models import Certificate
from courses import services as courses
from courses.models import LessonPage
from lms.people import services as people
from lms.people.roles import Role
from lms.people.tasks import invitation_link
from tests.course_fixtures import lessons_of
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-new-passphrase"
TEXT = {
    "en": {
        "warning": "Before you continue",
        "passed": "Passed",
    },
    "ar": {
        "warning": "قبل أن تتابع",
        "passed": "ناجح",
    },
}


@pytest.fixture
def programme(build_course, make_quiz):
    """A course whose one lesson opens with a content warning and whose scenario final has an
    ordering question; a trainee invited (in their language) and enrolled in it."""
    course = build_course(modules=[("C1", [], 1)])
    lesson = LessonPage.objects.get(pk=lessons_of(course)[0].pk)
    lesson.body = [
        (
            "content_warning",
            {"level": "CW1", "message": "A fictional worker describes a withheld passport."},
        ),
        ("paragraph", "<p>Listen first; ask about documents, debts and freedom to leave.</p>"),
    ]
    lesson.save_revision().publish()
    quiz = make_quiz()
    course.final_quiz = quiz
    course.save_revision().publish()
    return course, quiz


def translate_to_arabic(course):
    """The course's pages in Arabic (home and catalogue first), as the programme publishes them."""
    arabic = Locale.objects.get(language_code="ar")
    module = course.get_children().first()
    lesson = module.get_children().first()
    for page in [course.get_parent().get_parent(), course.get_parent(), course, module, lesson]:
        if page.specific.get_translation_or_none(arabic) is None:
            page.specific.copy_for_translation(arabic).save_revision().publish()


def invite(course, language):
    organisation = OrganisationFactory()
    manager = UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER)
    invitation = people.invite_person(
        by=manager,
        email=f"noura.{language}@example.org",
        name_en="Noura Al-Harbi",
        name_ar="نورة الحربي",
        organisation=organisation,
        language=language,
        role=Role.TRAINEE,
    )
    trainee = invitation.user
    courses.enrol(user=trainee, course=course, source="manager")
    with translation.override(language):
        return trainee, urlsplit(invitation_link(trainee)).path


def sign_in(page, base, email, language):
    page.goto(f"{base}/{language}/accounts/login/")
    form = page.locator("main form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base}/{language}/dashboard/")
    page.wait_for_load_state("load")


def option(attempt, key, code):
    index, item = next((i, item) for i, item in enumerate(attempt.layout) if item["key"] == key)
    return f"#q{index}-{item['options'].index(code) + 1}"


def order_by_keyboard(page, names):
    """Put the ordering question's steps in `names`' order with the move buttons, by keyboard."""
    steps = page.locator("ol[data-ordering]")

    def shown():
        return [text.strip() for text in steps.locator("label").all_inner_texts()]

    # One move first, whatever the shuffle gave: an untouched list is an unanswered question.
    last = steps.locator("li").last
    last.locator("button[data-move='-1']").focus()
    page.keyboard.press("Space")
    for target, name in enumerate(names):
        button = steps.locator("li", has=page.locator("label", has_text=name)).locator(
            "button[data-move='-1']"
        )
        while shown().index(name) > target:
            button.focus()
            page.keyboard.press("Enter")
            expect(button).to_be_focused()
    assert shown() == names


def qr_url(pdf: bytes) -> str:
    """The URL in the QR code printed on a certificate: the image out of the PDF, decoded."""
    images = [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]
    for image in images:
        for code in zxingcpp.read_barcodes(image.image.convert("L")):
            if code.format == zxingcpp.BarcodeFormat.QRCode:
                return code.text
    raise AssertionError(f"no QR code among {len(images)} images")


@pytest.mark.parametrize(
    ("language", "width", "other"), [("en", DESKTOP, PHONE), ("ar", PHONE, DESKTOP)]
)
def test_trainee_journey(journey, programme, language, width, other):
    course, quiz = programme
    if language == "ar":
        translate_to_arabic(course)
    trainee, link = invite(course, language)
    text = TEXT[language]
    walk = journey(f"trainee-{language}-{width['width']}", width)
    page = walk.page

    # The invitation: its link leads to the set-password page (the token left behind).
    walk.goto(link)
    assert page.url.endswith("/set-password/"), page.url
    walk.check("set-password")
    page.locator("input[name=new_password1]").fill(PASSWORD)
    page.locator("input[name=new_password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{walk.base}/{language}/accounts/login/")
    walk.check("sign-in")
    sign_in(page, walk.base, trainee.email, language)
    walk.check("dashboard")
    expect(page.locator("main h1")).to_contain_text(
        trainee.name_ar if language == "ar" else trainee.name_en
    )

    # The lesson waits behind its warning; the dashboard's next step leads there.
    page.locator(".course-card a.button").click()
    page.wait_for_load_state("load")
    expect(page.locator("main h1")).to_have_text(text["warning"])
    walk.check("lesson-warning")
    page.locator("main a.button").first.click()
    page.wait_for_load_state("load")
    expect(page.locator("main article")).to_contain_text("Listen first")
    walk.check("lesson")
    page.locator(".lesson-actions form button[type=submit]").click()
    page.wait_for_load_state("load")

    # The scenario final: its case behind its own warning, then the questions by keyboard.
    walk.goto(f"/{language}/quizzes/{quiz.pk}/")
    walk.check("quiz")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text(text["warning"])
    page.locator("main a.button").first.click()
    page.wait_for_load_state("load")
    attempt = Attempt.objects.get(user=trainee)
    walk.check("quiz-case")
    for key, code in [
        ("SCN-HL-001/Q1", "A"),
        ("SCN-HL-001/Q1", "B"),
        ("SCN-HL-001/Q2", "A"),
    ]:
        page.locator(option(attempt, key, code)).focus()
        page.keyboard.press("Space")
    names = {"en": ["Safety", "Consent", "Refer"], "ar": ["السلامة", "الموافقة", "الإحالة"]}
    order_by_keyboard(page, names[language])
    page.locator("button[name=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator("main h2").first).to_have_text(text["passed"])
    assert page.locator("main .mark--right").count() == 3  # feedback on every question
    walk.check("results")

    # The certificate: its PDF, and the verification page its QR code opens.
    walk.goto(f"/{language}/certificates/")
    walk.check("my-certificates")
    certificate = Certificate.objects.filter(user=trainee).order_by("pk").first()
    with page.expect_download() as download:
        page.locator(f"a[href$='/certificates/{certificate.pk}/download/']").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    url = qr_url(pdf)
    assert urlsplit(url).path.rstrip("/").endswith(f"/verify/{certificate.code}")
    walk.goto(urlsplit(url).path)
    expect(page.locator("main")).to_contain_text(certificate.serial)
    walk.check("verification")

    # The key pages at the other width, signed in afresh.
    again = journey(f"trainee-{language}-{other['width']}", other)
    sign_in(again.page, again.base, trainee.email, language)
    again.check("dashboard")
    again.goto(f"/{language}/" + lessons_of(course)[0].url.removeprefix("/en/"))
    again.check("lesson")
    again.goto(f"/{language}/certificates/")
    again.check("my-certificates")
    again.goto(urlsplit(url).path)
    again.check("verification")

    walk.assert_clean()
    again.assert_clean()
