"""A valid invitation upload becomes a job for the task worker (issue 8, item 5): the request
checks the file and queues it; the worker creates every account in one transaction, or none; the
job page shows how far it got. Under test settings the immediate backend runs the job at once."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lms.people import services
from lms.people.models import Invitation, InvitationImport, User
from lms.people.roles import Role
from lms.people.tasks import run_invitation_import_task
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "email,name_en,name_ar,sector,organisation,region,language\n"
# Jobs are recorded but not run, as when the worker has not reached them yet.
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def upload(client, organisation, emails=("lina@example.org", "sami@example.org")):
    text = HEADER + "".join(
        f"{email},Person {n},شخص {n},{organisation.sector.code},{organisation.name_en},"
        f"{organisation.region.code},{'ar' if n % 2 else 'en'}\n"
        for n, email in enumerate(emails)
    )
    file = io.BytesIO(text.encode("utf-8"))
    file.name = "people.csv"
    return client.post(reverse("people:invite_upload"), {"file": file})


def job_url(job):
    return reverse("people:invite_upload_job", kwargs={"pk": job.pk})


def test_valid_upload_redirects_to_a_done_job(manager_client, organisation, programme_manager):
    response = upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job_url(job)
    assert job.uploaded_by == programme_manager
    assert (job.state, job.total, job.created) == ("done", 2, 2)
    assert job.finished_at is not None
    # The rows are stored with the import's columns only, the organisation by id.
    assert job.rows[0] == {
        "row": 2,
        "email": "lina@example.org",
        "name_en": "Person 0",
        "name_ar": "شخص 0",
        "organisation": organisation.pk,
        "language": "en",
    }

    # Exactly what inviting by hand does: the trainee role, an unverified address, the
    # invitation by the uploader, the email sent in the person's language.
    for email, language in [("lina@example.org", "en"), ("sami@example.org", "ar")]:
        person = User.objects.get(email=email)
        assert person.organisation == organisation
        assert person.preferred_language == language
        assert not person.has_usable_password()
        assert list(person.groups.values_list("name", flat=True)) == ["Trainee"]
        assert EmailAddress.objects.filter(user=person, verified=False, primary=True).exists()
        assert person.invitation.invited_by == programme_manager
        assert person.invitation.sent_at is not None
        assert person.invitation.pk in job.invitation_ids
    assert sorted(m.to[0] for m in mail.outbox) == ["lina@example.org", "sami@example.org"]
    assert {m.subject for m in mail.outbox} == {
        "You are invited to Himaya",
        "دعوة للانضمام إلى حماية",
    }

    page = manager_client.get(job_url(job))
    assert page.status_code == 200
    assert "2 invitations were sent." in page.text
    assert 'http-equiv="refresh"' not in page.text


@override_settings(TASKS=QUEUE_ONLY)
def test_queued_job_page_refreshes_and_counts(manager_client, organisation):
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    assert job.state == "queued"
    assert not User.objects.filter(email="lina@example.org").exists()
    page = manager_client.get(job_url(job))
    assert '<meta http-equiv="refresh" content="3">' in page.text
    assert "2 people checked and uploaded" in page.text
    assert "<script" not in page.text.split("</head>")[1]


@override_settings(TASKS=QUEUE_ONLY)
def test_accounts_created_but_emails_not_yet_sent(manager_client, organisation):
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    with override_settings(TASKS=QUEUE_ONLY):
        services.run_invitation_import(job=job)  # the emails stay queued
    job.refresh_from_db()
    assert job.state == "done"
    page = manager_client.get(job_url(job))
    assert "0 of 2 invitations sent." in page.text
    assert 'http-equiv="refresh"' in page.text
    Invitation.objects.filter(pk=job.invitation_ids[0]).update(sent_at="2026-01-01T00:00Z")
    assert "1 of 2 invitations sent." in manager_client.get(job_url(job)).text


@override_settings(TASKS=QUEUE_ONLY)
def test_someone_invited_between_upload_and_run_fails_the_job(
    manager_client, organisation, programme_manager
):
    upload(manager_client, organisation, ["a@example.org", "b@example.org", "c@example.org"])
    job = InvitationImport.objects.get()
    # Meanwhile, someone invites b by hand.
    services.invite_person(
        by=programme_manager,
        email="B@example.org",
        name_en="B",
        name_ar="ب",
        organisation=organisation,
        language="en",
    )
    people = User.objects.count()
    invitations = Invitation.objects.count()

    run_invitation_import_task.call(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == "failed"
    assert job.problems == [{"row": 3, "column": "email", "problem": "email_taken"}]
    assert (job.created, job.invitation_ids) == (0, [])
    assert User.objects.count() == people
    assert Invitation.objects.count() == invitations
    assert not User.objects.filter(email__in=["a@example.org", "c@example.org"]).exists()
    page = manager_client.get(job_url(job))
    assert "Nobody was invited" in page.text
    assert "Someone with this email address already has an account." in page.text
    assert 'http-equiv="refresh"' not in page.text


def test_unexpected_error_writes_nothing_and_says_so(
    manager_client, organisation, programme_manager, monkeypatch
):
    calls = []
    real = services.invite_person

    def second_call_breaks(**kwargs):
        calls.append(kwargs["email"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "invite_person", second_call_breaks)
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    assert job.state == "failed"
    assert job.problems == []
    assert not User.objects.filter(email__in=["lina@example.org", "sami@example.org"]).exists()
    assert Invitation.objects.count() == 0
    page = manager_client.get(job_url(job))
    assert "The accounts could not be created, and nothing was saved." in page.text


def test_a_job_runs_once(manager_client, organisation):
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    run_invitation_import_task.call(job_id=job.pk)  # a second delivery of the same task
    job.refresh_from_db()
    assert job.state == "done"
    assert User.objects.filter(email__in=["lina@example.org", "sami@example.org"]).count() == 2


@override_settings(TASKS=QUEUE_ONLY)
def test_double_submit_is_one_job(manager_client, organisation):
    first = upload(manager_client, organisation)
    second = upload(manager_client, organisation)
    assert first["Location"] == second["Location"]
    job = InvitationImport.objects.get()
    run_invitation_import_task.call(job_id=job.pk)
    assert User.objects.filter(email__in=["lina@example.org", "sami@example.org"]).count() == 2


@override_settings(TASKS=QUEUE_ONLY)
def test_two_jobs_of_the_same_rows_invite_once(manager_client, organisation):
    # Past the deduplication (e.g. two managers upload the same file): uniqueness decides.
    upload(manager_client, organisation)
    other = with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))
    sign_in(manager_client, other)
    upload(manager_client, organisation)
    first, second = InvitationImport.objects.order_by("pk")
    run_invitation_import_task.call(job_id=first.pk)
    run_invitation_import_task.call(job_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == "done"
    assert second.state == "failed"
    assert [p["problem"] for p in second.problems] == ["email_taken", "email_taken"]
    assert User.objects.filter(email__in=["lina@example.org", "sami@example.org"]).count() == 2
    assert Invitation.objects.count() == 2


def test_a_failed_job_does_not_hold_back_the_corrected_upload(manager_client, organisation):
    with override_settings(TASKS=QUEUE_ONLY):
        upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    InvitationImport.objects.filter(pk=job.pk).update(state="failed")
    upload(manager_client, organisation)
    assert InvitationImport.objects.count() == 2
    assert InvitationImport.objects.order_by("-pk").first().state == "done"


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.ORGANISATION_MANAGER])
def test_others_cannot_open_the_job(client, manager_client, organisation, role):
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    other = UserFactory(organisation=organisation, role=role)
    client.logout()
    sign_in(client, other if role == Role.TRAINEE else with_mfa(other))
    assert client.get(job_url(job)).status_code == 404


def test_missing_job_is_404_and_anonymous_is_sent_to_sign_in(client, manager_client):
    assert manager_client.get("/en/people/invite/upload/999999/").status_code == 404
    manager_client.logout()
    response = client.get("/en/people/invite/upload/999999/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_programme_manager_and_an_administrator_may_open_it(
    client, manager_client, organisation
):
    upload(manager_client, organisation)
    job = InvitationImport.objects.get()
    for role in [Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR]:
        client.logout()
        sign_in(client, with_mfa(UserFactory(organisation=None, role=role)))
        assert client.get(job_url(job)).status_code == 200


def test_job_page_queries_do_not_grow_with_the_file(
    manager_client, organisation, django_assert_num_queries
):
    upload(manager_client, organisation, [f"p{n}@example.org" for n in range(30)])
    job = InvitationImport.objects.get()
    manager_client.get(job_url(job))  # warm the session and permission caches
    with django_assert_num_queries(PINNED_QUERIES):
        page = manager_client.get(job_url(job))
    assert "30 invitations were sent." in page.text


# The session, the user, the MFA checks, the job, the count of emails sent (the permissions in
# one query, lms.permissions: 7 before).
PINNED_QUERIES = 6
