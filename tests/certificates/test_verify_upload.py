"""Checking a PDF on the verification page: the upload is held to the one upload limit
(lms/uploads.py, HIMAYA_MAX_UPLOAD_BYTES) that every upload form states."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from certificates.models import Certificate
from courses import services as courses
from lms.uploads import upload_limit
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # Verification is rate limited per address and minute; earlier tests may have used it up.
    cache.clear()


@pytest.fixture
def certificate(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory(
        name_en="Sara Abdulrahman Al-Zahrani Al-Qahtani",
        name_ar="سارة عبد الرحمن الزهراني القحطاني",
    )
    courses.enrol(user=trainee, course=course, source="manager")
    with time_machine.travel(NOW, tick=False):
        courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=trainee)


def post_pdf(client, certificate, content):
    file = io.BytesIO(content)
    file.name = "certificate.pdf"
    return client.post(f"/en/verify/{certificate.code}/", {"pdf": file})


def test_an_issued_certificate_is_far_below_the_upload_limit(client, certificate):
    # The limit went from 10 MB to the common 5 MB: a real certificate (fonts embedded, QR
    # code, both languages) must still fit many times over.
    original = certificate.pdf.open("rb").read()
    assert upload_limit() == 5 * 1024 * 1024
    assert len(original) * 10 < upload_limit()
    assert "identical to the issued certificate" in post_pdf(client, certificate, original).text


def test_a_pdf_over_the_limit_is_refused_with_the_limit_stated(client, certificate):
    original = certificate.pdf.open("rb").read()
    with override_settings(HIMAYA_MAX_UPLOAD_BYTES=len(original) - 1):
        response = post_pdf(client, certificate, original)
    assert response.status_code == 400
    assert "That file is too large to be a certificate (" in response.text
    assert "identical to the issued certificate" not in response.text
    with override_settings(HIMAYA_MAX_UPLOAD_BYTES=1000):
        response = post_pdf(client, certificate, b"%PDF" + b"x" * 1000)
    assert "That file is too large to be a certificate (1000\xa0bytes at most)." in response.text
