"""Right-to-left and Arabic details (issue 13, §5 and §7), as the pages and PDFs show them."""

import dataclasses
import datetime as dt
import io
import re
import unicodedata

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Locale

from certificates.models import Certificate
from certificates.rendering import holder_name_size, render_pdf, sample_context
from cms.models import HomePage, StandardPage
from courses import services as courses
from courses.models import TrainingSession
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory(name_en="Sara Al-Zahrani", name_ar="سارة الزهراني")
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=trainee)


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).strip()


def test_the_arabic_home_page_names_the_programme_once(client):
    english = HomePage.objects.get(locale__language_code="en")
    arabic = english.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title = "حماية"
    arabic.tagline = "تدريب العاملين في الخطوط الأمامية"
    arabic.save_revision().publish()

    assert title_of(client.get("/ar/")) == "تدريب العاملين في الخطوط الأمامية · حماية"


def test_a_translation_under_a_slug_of_its_own_is_reached_from_the_english_path(client):
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage(title="About the programme", slug="about")
    home.add_child(instance=about)
    about.save_revision().publish()
    arabic_home = home.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic_home.save_revision().publish()
    arabic = about.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title = "عن البرنامج"
    arabic.slug = "عن-البرنامج"  # what the admin's title-to-slug sync makes of the Arabic title
    arabic.save_revision().publish()

    # The language switcher keeps the path: /en/about/ becomes /ar/about/.
    response = client.get("/ar/about/")

    assert response.status_code == 200
    assert "<h1>عن البرنامج</h1>" in response.text
    assert "هذه الصفحة غير متاحة بلغتك بعد" not in response.text


def test_a_session_reads_in_the_language_of_the_page(build_course):
    course = build_course()
    session = TrainingSession.objects.create(
        course=course,
        title="Online case clinic",
        title_ar="عيادة الحالات عبر الإنترنت",
        place="Programme training centre, Riyadh",
        place_ar="مركز تدريب البرنامج، الرياض",
        starts_at=dt.datetime(2026, 12, 23, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 12, 23, 11, tzinfo=dt.UTC),
        mode=TrainingSession.Mode.IN_PERSON,
        trainer=UserFactory(role="Trainer"),
    )
    untranslated = TrainingSession.objects.create(
        course=course,
        title="Identification and referral workshop",
        starts_at=dt.datetime(2026, 12, 24, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 12, 24, 11, tzinfo=dt.UTC),
        mode=TrainingSession.Mode.ONLINE,
        trainer=session.trainer,
    )
    with translation.override("ar"):
        assert (str(session), session.display_place) == (
            "عيادة الحالات عبر الإنترنت",
            "مركز تدريب البرنامج، الرياض",
        )
        assert str(untranslated) == "Identification and referral workshop"
    with translation.override("en"):
        assert (str(session), session.display_place) == (
            "Online case clinic",
            "Programme training centre, Riyadh",
        )


def test_my_certificates_says_the_status_in_arabic(client, certificate):
    sign_in(client, certificate.user)

    response = client.get("/ar/certificates/")

    assert '<span class="badge status--valid">سارية</span>' in response.text
    assert f'<bdi class="code" translate="no">{certificate.serial}</bdi>' in response.text


def test_the_transcript_gives_kind_and_status_in_both_languages(client, certificate):
    sign_in(client, certificate.user)

    response = client.get("/en/certificates/transcript.pdf")

    reader = PdfReader(io.BytesIO(response.content))
    # Arabic is drawn in its joined (presentation) forms: compare the letters they stand for.
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    assert "Certificate of completion شهادة إتمام" in text
    assert "Valid سارية" in text
    assert "Status الحالة" in text
    assert reader.trailer["/Root"]["/Lang"] == "en"


def pdf_sizes(pdf: bytes) -> dict[str, float]:
    """The size each line of text is drawn at on the first page, in points, scaling included."""
    sizes = {}

    def visit(text, cm, tm, _font, size):
        if text.strip():
            sizes.setdefault(text.strip(), round(size * tm[0] * cm[0], 1))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes


def test_a_long_name_shrinks_alone_not_the_certificate():
    long_name = "Mohammed Abdulrahman bin Abdulaziz Al-Qahtani Al-Dosari Al-Shammari Al-Otaibi"
    context = dataclasses.replace(
        sample_context(),
        holder_name_en=long_name,
        holder_name_ar="محمد عبدالرحمن بن عبدالعزيز القحطاني الدوسري الشمري العتيبي الحربي",
    )

    sizes = pdf_sizes(render_pdf(context))

    assert sizes["Certificate of completion"] == 22.0  # the layout is not scaled down
    assert sizes["This certificate is awarded to"] == 10.5
    assert holder_name_size(long_name) == 13
    assert holder_name_size("Sara Al-Zahrani") == 23


def test_the_certificate_keeps_the_harakat_of_a_name():
    context = dataclasses.replace(sample_context(), holder_name_ar="مُحَمَّد الحَرْبِيّ")

    reader = PdfReader(io.BytesIO(render_pdf(context)))

    text = reader.pages[0].extract_text()
    for mark in "\u064f\u064e\u0651\u0652\u0650":  # damma, fatha, shadda, sukun, kasra
        assert mark in text
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_flash_messages_are_a_list_inside_a_status_region():
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, "Saved.")

    html = render_to_string("base.html", {"messages": request._messages}, request=request)

    item = '<li class="message message--info">Saved.</li>'
    assert re.search(rf'<div role="status">\s*<ul class="messages">\s*{item}', html)
    assert '<ul class="messages" role="status">' not in html


def test_form_errors_are_announced_and_linked_to_their_fields(client):
    manager = UserFactory(role="Programme manager", organisation=None)
    from tests.conftest import with_mfa

    sign_in(client, with_mfa(manager))

    response = client.post("/en/people/invite/", {"email": "not an email"})

    assert response.status_code == 200
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', response.text, re.S)
    assert summary is not None
    assert 'href="#id_email"' in summary.group()
    field = re.search(r'<input[^>]*name="email"[^>]*>', response.text).group()
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_email_error"' in field or "id_email_error" in field


def test_the_admin_loads_the_right_to_left_script_for_arabic_fields(client):
    from tests.conftest import with_mfa

    sign_in(client, with_mfa(UserFactory(role="Programme manager", organisation=None)))

    response = client.get("/admin/")

    assert 'src="/static/cms/arabic_fields.js"' in response.text
