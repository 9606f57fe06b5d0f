"""Drill (issue 14, §7): the task worker killed in the middle of rendering a certificate PDF.

On the database task queue, as production runs it (`db_worker`, here in batch mode in the test
process). Two ways a render is cut short:
- it raises (the store failed half-way through writing): the task is queued again a minute later
  and the retry writes the one PDF, over what the broken write left;
- the worker dies outright (SIGKILL, power): nothing runs after that, the task stays "running"
  for ever with a partial file in the store; `manage.py render_certificates` (a timer) queues a
  new render once the old one is clearly dead, and that render replaces the partial file.
Either way the certificate ends with exactly one PDF in the store, whose SHA-256 is the
certificate's, and one "rendered" event."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from certificates import services
from certificates.models import Certificate, CertificateEvent
from certificates.tasks import render_certificate_task
from courses import services as courses
from lms.backups import storage_files
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class StoreFailingOnce(InMemoryStorage):
    """An in-memory media store whose first write of a certificate PDF leaves part of the file
    and then fails, as a store that drops the connection mid-upload does."""

    failures_left = 0

    def _save(self, name, content):
        if name.startswith("certificates/") and StoreFailingOnce.failures_left:
            StoreFailingOnce.failures_left -= 1
            super()._save(name, ContentFile(content.read()[:100]))
            raise ConnectionResetError("the store closed the connection mid-upload")
        return super()._save(name, content)


@pytest.fixture
def database_queue(settings):
    """The database task queue, and an empty media store of the test's own."""
    settings.TASKS = DATABASE_TASKS
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def renders():
    return DBTaskResult.objects.filter(task_path=render_certificate_task.module_path).order_by(
        "enqueued_at"
    )


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")


def issue(build_course) -> Certificate:
    course = build_course(modules=[("C1", [], 1)])
    person = UserFactory()
    courses.enrol(user=person, course=course, source="manager")
    courses.complete_lesson(user=person, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=person)


def stored_pdfs() -> dict[str, bytes]:
    return {
        name: default_storage.open(name, "rb").read()
        for name in storage_files(default_storage)
        if name.startswith("certificates/")
    }


def assert_exactly_one_pdf(certificate: Certificate):
    certificate.refresh_from_db()
    pdfs = stored_pdfs()
    assert list(pdfs) == [certificate.pdf.name]
    assert pdfs[certificate.pdf.name].startswith(b"%PDF")
    assert hashlib.sha256(pdfs[certificate.pdf.name]).hexdigest() == certificate.sha256
    assert CertificateEvent.objects.filter(certificate=certificate, action="rendered").count() == 1


def test_a_render_that_fails_half_way_is_retried_and_leaves_one_pdf(
    build_course, database_queue, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.StoreFailingOnce"},
    }
    StoreFailingOnce.failures_left = 1
    certificate = issue(build_course)
    run_worker()
    assert [(r.status, r.args_kwargs["kwargs"]) for r in renders()] == [
        ("FAILED", {"certificate_id": certificate.pk}),
        ("READY", {"certificate_id": certificate.pk, "attempt": 2}),
    ]
    # What the broken write left is in the store, and no row names it.
    (partial,) = stored_pdfs().values()
    assert len(partial) == 100
    certificate.refresh_from_db()
    assert (certificate.sha256, certificate.pdf.name) == ("", "")

    with time_machine.travel(dt.timedelta(seconds=61)):
        run_worker()
    assert [r.status for r in renders()] == ["FAILED", "SUCCESSFUL"]
    assert_exactly_one_pdf(certificate)


def test_a_render_whose_worker_was_killed_is_queued_again_and_leaves_one_pdf(
    build_course, database_queue
):
    certificate = issue(build_course)
    (task,) = renders()
    # Nine minutes later (a long queue) a worker claimed the task and had written part of the
    # PDF when it was killed: the state a SIGKILL leaves, since nothing of the worker runs after.
    with time_machine.travel(dt.timedelta(minutes=9)):
        task.claim("killed-worker")
    default_storage.save(services.pdf_name(certificate), ContentFile(b"%PDF-1.4\n% cut short"))

    # While that render may still be under way, the command leaves it alone.
    with time_machine.travel(dt.timedelta(minutes=12)):
        call_command("render_certificates")
    assert renders().count() == 1

    # Ten minutes after it started, it is dead: a new render is queued, once.
    with time_machine.travel(dt.timedelta(minutes=20)):
        call_command("render_certificates")
        call_command("render_certificates")
        assert [r.status for r in renders()] == ["RUNNING", "READY"]
        run_worker()
        # And nothing is left to render.
        call_command("render_certificates")
    assert [r.status for r in renders()] == ["RUNNING", "SUCCESSFUL"]
    assert_exactly_one_pdf(certificate)


def test_two_renders_of_one_certificate_write_one_pdf(build_course, database_queue):
    """A retry racing a download that renders first, or two workers: one PDF, one event."""
    certificate = issue(build_course)
    services.render_certificate(certificate=Certificate.objects.get(pk=certificate.pk))
    first = Certificate.objects.get(pk=certificate.pk)
    run_worker()
    assert [r.status for r in renders()] == ["SUCCESSFUL"]
    assert_exactly_one_pdf(certificate)
    assert Certificate.objects.get(pk=certificate.pk).sha256 == first.sha256


def test_a_render_fails_for_good_after_its_last_try(build_course, database_queue, monkeypatch):
    certificate = issue(build_course)

    def broken(**kwargs):
        raise ValueError("the template cannot be drawn")

    monkeypatch.setattr(services, "render_certificate", broken)
    for minutes in (0, 2, 7, 23, 84, 325):
        with time_machine.travel(dt.timedelta(minutes=minutes)):
            run_worker()
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in renders()] == [1, 2, 3, 4, 5, 6]
    assert {r.status for r in renders()} == {"FAILED"}
    certificate.refresh_from_db()
    assert certificate.sha256 == ""
