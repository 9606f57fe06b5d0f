import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection  # noqa: F401  (read by the skipif condition below)
from django.urls import reverse

from certificates import services
from certificates.models import Certificate, CertificateEvent, CertificateTemplate
from courses import services as courses
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def completed(build_course):
    """A trainee who has just completed a one-lesson course (24-month validity)."""
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory(name_en="Sara Al-Zahrani", name_ar="سارة الزهراني")
    _enrolment, _ = courses.enrol(user=trainee, course=course, source="manager")
    with time_machine.travel(NOW, tick=False):
        courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return trainee, course, Certificate.objects.get(user=trainee)


def test_completion_issues_one_certificate_with_a_frozen_pdf(completed):
    _trainee, course, certificate = completed
    assert certificate.kind == "completion"
    assert certificate.serial == f"HMY-2026-{certificate.pk:06d}"
    assert certificate.expires_on == dt.date(2028, 1, 10)
    assert certificate.context["holder_name_ar"] == "سارة الزهراني"
    assert certificate.context["course_title_en"] == course.title
    assert len(certificate.code) == 16
    assert certificate.pdf.read(4) == b"%PDF"
    assert len(certificate.sha256) == 64
    assert list(certificate.events.values_list("action", flat=True)) == ["issued", "rendered"]


def test_issuing_again_changes_nothing(completed):
    trainee, _course, certificate = completed
    enrolment = trainee.enrolments.get()
    assert services.issue_certificate(enrolment=enrolment, kind="completion") == certificate
    assert Certificate.objects.count() == 1


def test_renaming_the_holder_or_editing_the_template_never_changes_it(completed, client):
    trainee, _course, certificate = completed
    sha, context = certificate.sha256, dict(certificate.context)
    trainee.name_en = "Sara Renamed"
    trainee.save()
    template = CertificateTemplate.objects.get(is_default=True)
    template.html = template.html.replace("</body>", "<p>Edited</p></body>")
    template.full_clean()
    template.save()
    certificate.refresh_from_db()
    assert certificate.context == context
    assert certificate.sha256 == sha
    sign_in(client, trainee)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    import hashlib

    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == sha


def test_a_broken_template_is_refused_when_saved():
    template = CertificateTemplate(name="Broken", html="{% if %}<p>oops</p>")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "html" in error.value.message_dict


def verify(client, certificate, **kwargs):
    return client.get(f"/en/verify/{certificate.code}/", **kwargs)


def test_valid_then_expired(client, completed):
    _trainee, _course, certificate = completed
    with time_machine.travel(dt.datetime(2027, 12, 1, tzinfo=dt.UTC)):
        html = verify(client, certificate).text
    assert "Valid certificate" in html
    assert "Sara Al-Zahrani" in html and "سارة الزهراني" in html
    assert certificate.sha256 in html
    assert certificate.user.email not in html
    with time_machine.travel(dt.datetime(2028, 1, 11, tzinfo=dt.UTC)):
        assert "Expired certificate" in verify(client, certificate).text


def test_codes_are_case_insensitive_and_unknown_codes_404(client, completed):
    _trainee, _course, certificate = completed
    assert client.get(f"/en/verify/{certificate.code.lower()}/").status_code == 200
    assert client.get("/en/verify/ZZZZZZZZZZZZZZZZ/").status_code == 404


def test_revocation_is_audited_and_shown(client, completed):
    _trainee, _course, certificate = completed
    manager = with_mfa(UserFactory(role="Programme manager"))
    sign_in(client, manager)
    url = reverse("certificates:revoke", args=[certificate.pk])
    client.post(url, {"reason": "", "confirm": "yes"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None  # a reason is required
    client.post(url, {"reason": "Issued in error", "confirm": "yes"})
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Issued in error"
    event = certificate.events.get(action="revoked")
    assert (event.by, event.reason) == (manager, "Issued in error")
    client.logout()
    assert "Revoked certificate" in verify(client, certificate).text


def test_forged_revoke_and_reissue_are_refused(client, completed):
    trainee, _course, certificate = completed
    sign_in(client, trainee)
    url = reverse("certificates:revoke", args=[certificate.pk])
    assert client.post(url, {"reason": "mine"}).status_code == 404
    url = reverse("certificates:reissue", args=[certificate.pk])
    assert client.post(url, {"reason": "mine"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.superseded_at is None
    assert CertificateEvent.objects.filter(action__in=["revoked", "superseded"]).count() == 0


def test_reissue_supersedes_and_stays_verifiable(client, completed):
    trainee, _course, old = completed
    trainee.name_en = "Sara A. Al-Zahrani"
    trainee.save()
    manager = with_mfa(UserFactory(role="Programme manager"))
    new = services.reissue(certificate=old, by=manager, reason="Name corrected")
    old.refresh_from_db()
    assert old.superseded_by == new
    assert new.context["holder_name_en"] == "Sara A. Al-Zahrani"
    assert old.context["holder_name_en"] == "Sara Al-Zahrani"
    html = verify(client, old).text
    assert "Superseded certificate" in html
    assert new.serial in html


def test_uploaded_pdf_must_be_byte_identical(client, completed):
    _trainee, _course, certificate = completed
    original = certificate.pdf.open("rb").read()

    def upload(content, name="c.pdf"):
        file = io.BytesIO(content)
        file.name = name
        return client.post(f"/en/verify/{certificate.code}/", {"pdf": file})

    assert "identical to the issued certificate" in upload(original).text
    tampered = bytearray(original)
    tampered[len(tampered) // 2] ^= 0x01
    assert "NOT the issued certificate" in upload(bytes(tampered)).text
    response = upload(b"GIF89a not a pdf", "c.gif")
    assert response.status_code == 400
    assert "That file is not a PDF." in response.text


def test_download_permissions(client, completed):
    trainee, _course, certificate = completed
    url = reverse("certificates:download", args=[certificate.pk])
    sign_in(client, UserFactory())
    assert client.get(url).status_code == 404
    manager = with_mfa(UserFactory(role="Organisation manager", organisation=trainee.organisation))
    sign_in(client, manager)
    assert client.get(url).status_code == 200
    sign_in(client, trainee)
    assert client.get(reverse("certificates:download", args=[999999])).status_code == 404


def test_verification_is_rate_limited(client, completed, settings):
    _trainee, _course, certificate = completed
    from django.core.cache import cache

    cache.clear()
    statuses = [verify(client, certificate).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_reminders_on_the_right_days_and_once(completed):
    trainee, _course, certificate = completed
    manager = UserFactory(role="Organisation manager", organisation=trainee.organisation)
    expires = certificate.expires_on
    sent = []
    for days_before in range(70, 0, -1):
        today = expires - dt.timedelta(days=days_before)
        if services.send_expiry_reminders(today=today):
            sent.append(days_before)
        services.send_expiry_reminders(today=today)  # the job running twice sends nothing
    assert sent == [60, 30, 7]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([trainee.email, manager.email] * 3)


def test_competency_on_passing_the_final(build_course, make_quiz):
    from assessments import services as assessments
    from tests.quiz_fixtures import PERFECT

    final = make_quiz(code="QZ-FINAL", kind="final")
    course = build_course(modules=[("C1", [], 1)])
    course.final_quiz = final
    course.save_revision().publish()
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])  # the course, completed
    attempt = assessments.start_attempt(user=trainee, quiz=final)
    answers = {**PERFECT, "SCN-HL-001/Q2": ["B"]}  # critical miss: no certificate
    for key, answer in answers.items():
        assessments.save_answer(attempt=attempt, user=trainee, key=key, answer=answer)
    assessments.submit_attempt(attempt=attempt)
    assert not Certificate.objects.filter(kind="competency").exists()
    attempt = assessments.start_attempt(user=trainee, quiz=final)
    for key, answer in PERFECT.items():
        assessments.save_answer(attempt=attempt, user=trainee, key=key, answer=answer)
    assessments.submit_attempt(attempt=attempt)
    assert Certificate.objects.get(kind="competency").user == trainee


def test_competency_needs_the_completed_course_whichever_comes_first(build_course, make_quiz):
    """A final passed before the course is complete (an attempt from before the final had
    prerequisites, or a course that still waits for its post-test) certifies competency only
    once the course completes; passing after completion certifies at once."""
    from assessments import services as assessments
    from tests.quiz_fixtures import PERFECT

    final = make_quiz(code="QZ-FINAL", kind="final")
    course = build_course(modules=[("C1", [], 1)])
    course.final_quiz = final
    course.save_revision().publish()
    early, late = UserFactory(), UserFactory()
    for trainee in (early, late):
        courses.enrol(user=trainee, course=course, source="manager")

    def pass_final(trainee):
        attempt = assessments.start_attempt(user=trainee, quiz=final)
        for key, answer in PERFECT.items():
            assessments.save_answer(attempt=attempt, user=trainee, key=key, answer=answer)
        assessments.submit_attempt(attempt=attempt)

    (lesson,) = lessons_of(course)
    pass_final(early)  # the service does not ask who may start: an old attempt, say
    assert not Certificate.objects.filter(user=early).exists()
    courses.complete_lesson(user=early, lesson=lesson)
    assert sorted(Certificate.objects.filter(user=early).values_list("kind", flat=True)) == [
        "competency",
        "completion",
    ]

    courses.complete_lesson(user=late, lesson=lesson)
    assert list(Certificate.objects.filter(user=late).values_list("kind", flat=True)) == [
        "completion"
    ]
    pass_final(late)
    assert Certificate.objects.filter(user=late, kind="competency").count() == 1


def test_manual_issue_needs_a_reason_and_a_programme_manager(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    manager = UserFactory(role="Programme manager")
    with pytest.raises(services.CertificateError):
        services.issue_by_hand(
            user=trainee, course=course, kind="completion", by=trainee, reason="x"
        )
    with pytest.raises(services.CertificateError):
        services.issue_by_hand(
            user=trainee, course=course, kind="completion", by=manager, reason=""
        )
    certificate = services.issue_by_hand(
        user=trainee, course=course, kind="completion", by=manager, reason="Offline workshop"
    )
    assert (certificate.issued_by, certificate.issue_reason) == (manager, "Offline workshop")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs real concurrency")
def test_twenty_concurrent_completion_events_issue_one_certificate(build_course):
    import threading

    from courses.signals import course_completed

    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    enrolment, _ = courses.enrol(user=trainee, course=course, source="manager")
    barrier = threading.Barrier(20)
    errors = []

    def fire():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            course_completed.send(sender=type(enrolment), enrolment=enrolment)
        except Exception as error:
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=fire) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(user=trainee).count() == 1


def test_transcript_lists_courses_quizzes_and_certificates(client, completed):
    from pypdf import PdfReader

    trainee, course, certificate = completed
    sign_in(client, trainee)
    response = client.get(reverse("certificates:transcript"))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Sara Al-Zahrani" in text
    assert course.title in text
    assert certificate.serial in text


def test_bulk_zip_from_the_admin_listing(client, completed):
    import zipfile

    _trainee, _course, certificate = completed
    manager = with_mfa(UserFactory(role="Programme manager"))
    sign_in(client, manager)
    listing = client.get("/admin/snippets/certificates/certificate/")
    assert listing.status_code == 200
    assert certificate.serial in listing.text
    url = (
        "/admin/bulk/certificates/certificate/download_zip/"
        f"?next=/admin/snippets/certificates/certificate/&id={certificate.pk}"
    )
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "1 of 1 certificates ready." in page.text
    archive = client.get(response["Location"] + "?download=1")
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert names == [f"{certificate.serial}.pdf"]
    sign_in(client, UserFactory())
    assert client.get(response["Location"]).status_code == 404


def test_certificate_listing_filters_by_status(client, completed):
    _trainee, _course, certificate = completed
    sign_in(client, with_mfa(UserFactory(role="Programme manager")))
    base = "/admin/snippets/certificates/certificate/"
    assert certificate.serial in client.get(base + "?status=valid").text
    assert certificate.serial not in client.get(base + "?status=revoked").text


def test_issue_by_hand_page(client, build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    url = reverse("certificates:issue")
    sign_in(client, trainee)
    assert client.get(url).status_code == 404
    sign_in(client, with_mfa(UserFactory(role="Programme manager")))
    data = {"person": trainee.pk, "course": course.pk, "kind": "completion", "reason": ""}
    assert client.post(url, data).status_code == 400
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    assert client.post(url, {**data, "reason": "Offline", "issued_on": future}).status_code == 400
    assert not Certificate.objects.exists()
    response = client.post(url, {**data, "reason": "Offline workshop in Tabuk"})
    certificate = Certificate.objects.get()
    assert response["Location"] == reverse("certificates:manage", args=[certificate.pk])
    assert certificate.events.get(action="issued").reason == "Offline workshop in Tabuk"
