"""Every refused bulk-ZIP request is a 403 or a 404, never a 500, and starts no job."""

import pytest
from django.urls import reverse

from certificates.models import BulkDownload, Certificate
from courses import services as courses
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACTION = "/admin/bulk/certificates/certificate/download_zip/"
LISTING = "/admin/snippets/certificates/certificate/"


@pytest.fixture
def certificate(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=trainee)


def action_url(*ids):
    query = "".join(f"&id={object_id}" for object_id in ids)
    return f"{ACTION}?next={LISTING}{query}"


def test_staff_who_may_not_manage_certificates_get_403(client, certificate, trainer):
    sign_in(client, trainer)
    url = action_url(certificate.pk)
    for response in [client.get(url), client.post(url)]:
        assert response.status_code == 403
        assert "Your role does not give you access to this page." in response.text
    assert BulkDownload.objects.count() == 0


def test_bad_ids_are_404(client, certificate, programme_manager):
    # (A 404 under /admin/ is first redirected to /en/admin/… by the language middleware, which
    # answers 404 too: follow it.)
    sign_in(client, programme_manager)
    for ids in [("abc",), ("1.5",), (999999,), (certificate.pk, "abc"), ("9" * 30,), ()]:
        assert client.get(action_url(*ids), follow=True).status_code == 404, ids
        assert client.post(action_url(*ids), follow=True).status_code == 404, ids
    assert BulkDownload.objects.count() == 0


def test_someone_elses_job_is_404(client, certificate, programme_manager):
    sign_in(client, programme_manager)
    response = client.post(action_url(certificate.pk))
    assert response.status_code == 302
    job = BulkDownload.objects.get()
    url = reverse("certificates:bulk", args=[job.pk])
    assert response["Location"] == url
    other_manager = with_mfa(UserFactory(role="Programme manager", organisation=None))
    sign_in(client, other_manager)
    assert client.get(url).status_code == 404
    assert client.get(url + "?download=1").status_code == 404
    assert client.get(reverse("certificates:bulk", args=[999999])).status_code == 404
    assert client.get("/en/certificates/bulk/abc/").status_code == 404
    sign_in(client, UserFactory())  # a trainee
    assert client.get(url).status_code == 404


def test_a_job_whose_requester_lost_the_role_is_404(client, certificate, programme_manager):
    from django.contrib.auth.models import Group

    sign_in(client, programme_manager)
    url = client.post(action_url(certificate.pk))["Location"]
    programme_manager.groups.set([Group.objects.get(name="Trainer")])
    sign_in(client, programme_manager)
    assert client.get(url).status_code == 404


def test_a_finished_job_whose_archive_is_gone_is_404(client, certificate, programme_manager):
    sign_in(client, programme_manager)
    url = client.post(action_url(certificate.pk))["Location"]
    job = BulkDownload.objects.get()
    assert job.state == BulkDownload.State.DONE  # the test task backend runs it at once
    job.archive.storage.delete(job.archive.name)
    assert client.get(url + "?download=1").status_code == 404
    BulkDownload.objects.filter(pk=job.pk).update(archive="")
    assert client.get(url + "?download=1").status_code == 404
    assert client.get(url).status_code == 200  # the progress page itself still opens


def test_anonymous_is_sent_to_sign_in(client, certificate):
    response = client.post(action_url(certificate.pk))
    assert response.status_code == 302
    assert BulkDownload.objects.count() == 0
