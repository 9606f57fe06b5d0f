"""The programme's names and the signatory are a setting edited in the admin, frozen into each
certificate when it is issued, and printed by the template preview too."""

import dataclasses
import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate, CertificateSettings, CertificateTemplate
from certificates.rendering import CertificateContext, render_pdf, sample_context
from courses import services as courses
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
SETTINGS_URL = "/admin/settings/certificates/certificatesettings/"
RENAMED = {
    "programme_name_en": "Amana",
    "programme_name_ar": "أمانة",
    "programme_full_name_en": "Frontline protection programme",
    "programme_full_name_ar": "برنامج الحماية في الخطوط الأمامية",
    "signatory_name_en": "Dr. Nadia Al-Harbi",
    "signatory_name_ar": "د. نادية الحربي",
    "signatory_title_en": "Programme Director",
    "signatory_title_ar": "مديرة البرنامج",
}


@pytest.fixture
def completed(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory(name_en="Sara Al-Zahrani", name_ar="سارة الزهراني")
    courses.enrol(user=trainee, course=course, source="manager")
    with time_machine.travel(NOW, tick=False):
        courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=trainee)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def _rename():
    settings = CertificateSettings.load()
    for name, value in RENAMED.items():
        setattr(settings, name, value)
    settings.save()


def test_until_saved_the_settings_print_what_certificates_always_printed(completed):
    assert not CertificateSettings.objects.exists()
    assert {name: completed.context[name] for name in CertificateSettings.FROZEN_FIELDS} == {
        "programme_name_en": "Himaya",
        "programme_name_ar": "حماية",
        "programme_full_name_en": (
            "National programme for identifying and referring victims of trafficking"
        ),
        "programme_full_name_ar": "البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
        "signatory_name_en": "Dr. Amal Al-Fahad",
        "signatory_name_ar": "د. آمال الفهد",
        "signatory_title_en": "Director, National Training Programme",
        "signatory_title_ar": "مديرة البرنامج الوطني للتدريب",
    }
    assert not CertificateSettings.objects.exists()  # issuing reads the settings, never writes


def test_new_settings_apply_to_new_certificates_only(completed):
    sha, context = completed.sha256, dict(completed.context)
    _rename()
    completed.refresh_from_db()
    assert completed.context == context
    assert completed.sha256 == sha

    manager = UserFactory(role="Programme manager")
    new = services.reissue(certificate=completed, by=manager, reason="Name of the programme")
    new.refresh_from_db()
    assert {name: new.context[name] for name in RENAMED} == RENAMED
    text = _pdf_text(new.pdf.read())
    assert "AMANA" in text
    assert "Frontline protection programme" in text
    assert "Dr. Nadia Al-Harbi" in text
    assert "Dr. Amal Al-Fahad" not in text


def test_a_context_frozen_before_the_programme_names_renders_with_the_old_names():
    context = sample_context().as_dict()
    for name in ("programme_name_en", "programme_name_ar"):
        context.pop(name)
    context.pop("programme_full_name_en")
    context.pop("programme_full_name_ar")
    restored = CertificateContext.from_dict(context)
    assert restored.programme_name_en == "Himaya"
    assert "HIMAYA" in _pdf_text(render_pdf(restored))


def test_the_template_preview_prints_the_settings(manager_client):
    _rename()
    template = services.default_template()
    response = CertificateTemplate.serve_preview(template, None, "")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "Dr. Nadia Al-Harbi" in text
    assert "Programme Director" in text
    assert "AMANA" in text
    # The holder stays the fictional sample.
    assert sample_context().holder_name_en in text
    assert dataclasses.replace(sample_context(), **RENAMED).signatory_name_en in text


def test_programme_managers_edit_the_settings_in_the_admin(manager_client):
    response = manager_client.get(SETTINGS_URL, follow=True)
    assert response.status_code == 200
    assert "Dr. Amal Al-Fahad" in response.text  # the defaults, until saved
    data = {**RENAMED, "signatory_name_en": "Dr. Reem Al-Otaibi"}
    response = manager_client.post(response.redirect_chain[-1][0], data)
    assert response.status_code == 302
    assert CertificateSettings.load().signatory_name_en == "Dr. Reem Al-Otaibi"


def test_trainers_cannot_edit_the_settings(client, trainer):
    sign_in(client, trainer)
    response = client.get(SETTINGS_URL, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"  # permission denied: back to the dashboard
    assert "signatory_name_en" not in response.text
