"""Media in an S3-compatible object store, by settings alone (issue 14, §3 and the §7 drill "the
media store unavailable"): the production settings' S3 storage (lms/settings/base.py,
`s3_storage`) against moto's S3 server, started here on a free port of 127.0.0.1 (no network).

A certificate is rendered into the bucket, downloaded through the product's view and matched on
the verification page; an export job's file lives in the bucket; `manage.py backup` reads the
bucket and `restore` fills an empty one; and a certificate issued while the store is down gets
its PDF once the store is back."""

import datetime as dt
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import time_machine
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from moto.server import ThreadedMotoServer

from certificates.models import Certificate, CertificateEvent, CompletionExport
from certificates.tasks import render_certificate_task
from courses import services as courses
from lms.backups import restore, storage_files
from lms.settings.base import s3_storage
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory
from tests.test_backups import TARGET, digests, empty_database, row_counts

pytestmark = pytest.mark.object_storage

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "himaya-test",
    "AWS_SECRET_ACCESS_KEY": "himaya-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalS3:
    """moto's S3 server in a thread; stopped and started again on the same port for the drill.
    Buckets and objects live in moto's in-process backend, so they survive a restart."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server = None

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def stop(self):
        self.server.stop()
        self.server = None

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1")

    def objects(self, bucket) -> dict[str, bytes]:
        client = self.client()
        listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return {
            item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            for item in listed
        }


@pytest.fixture(scope="session")
def local_s3():
    saved = {name: os.environ.get(name) for name in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    server = LocalS3()
    server.start()
    yield server
    if server.server is not None:
        server.stop()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def use_bucket(settings, local_s3, bucket):
    """The default storage as production configures it when HIMAYA_S3_BUCKET is set."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket=bucket, endpoint_url=local_s3.endpoint),
    }
    assert storages["default"].__class__.__name__ == "S3Storage"


@pytest.fixture
def bucket(settings, local_s3):
    name = f"himaya-{uuid.uuid4().hex[:12]}"
    local_s3.client().create_bucket(Bucket=name)
    use_bucket(settings, local_s3, name)
    return name


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def certify(build_course, **names):
    course = build_course(modules=[("C1", [], 1)])
    person = UserFactory(**names)
    courses.enrol(user=person, course=course, source="manager")
    courses.complete_lesson(user=person, lesson=lessons_of(course)[0])
    return person, Certificate.objects.get(user=person)


@pytest.mark.django_db
def test_a_certificate_is_rendered_into_the_bucket_downloaded_and_verified(
    client, build_course, bucket, local_s3
):
    person, certificate = certify(build_course, name_en="Huda Al-Amri", name_ar="هدى العامري")
    issued = dt.datetime.now(dt.UTC).astimezone()
    assert certificate.pdf.name == (f"certificates/{issued:%Y/%m}/{certificate.serial}.pdf")
    stored = local_s3.objects(bucket)
    assert list(stored) == [certificate.pdf.name]
    assert hashlib.sha256(stored[certificate.pdf.name]).hexdigest() == certificate.sha256

    sign_in(client, person)
    download = client.get(f"/en/certificates/{certificate.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256

    upload = io.BytesIO(pdf)
    upload.name = "certificate.pdf"
    checked = client.post(f"/en/verify/{certificate.code}/", {"pdf": upload})
    assert "This PDF is identical to the issued certificate." in checked.content.decode()
    tampered = io.BytesIO(pdf + b"\n%%")
    tampered.name = "certificate.pdf"
    refused = client.post(f"/en/verify/{certificate.code}/", {"pdf": tampered})
    assert "This PDF is NOT the issued certificate" in refused.content.decode()


@pytest.mark.django_db
def test_an_export_file_is_written_to_the_bucket_and_downloaded(
    client, build_course, programme_manager, bucket, local_s3
):
    certify(build_course)
    sign_in(client, programme_manager)
    response = client.post("/en/completion/exports/", {"format": "csv", "table": "sectors"})
    job = CompletionExport.objects.get()
    assert (response.status_code, job.state) == (302, CompletionExport.State.DONE)
    assert job.file.name.startswith("exports/") and job.file.name.endswith(".csv")
    stored = local_s3.objects(bucket)
    assert job.file.name in stored
    download = client.get(f"/en/completion/exports/{job.pk}/?download=1")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content == stored[job.file.name]
    assert content.startswith("\ufeff".encode())


@pytest.mark.django_db
def test_an_export_asked_for_while_the_store_is_down_says_try_again(
    client, build_course, programme_manager, bucket, local_s3
):
    certify(build_course)
    sign_in(client, programme_manager)
    client.post("/en/completion/exports/", {"format": "csv", "table": "sectors"})
    job = CompletionExport.objects.get()
    page = f"/en/completion/exports/{job.pk}/"
    local_s3.stop()
    try:
        refused = client.get(page + "?download=1")
        assert (refused.status_code, refused["Location"]) == (302, page)
        shown = client.get(page).content.decode()
        assert "The file cannot be fetched just now. Try again in a few minutes." in shown
    finally:
        local_s3.start()
    download = client.get(page + "?download=1")
    assert b"".join(download.streaming_content) == local_s3.objects(bucket)[job.file.name]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_reads_the_bucket_and_restore_fills_an_empty_one(
    build_course, bucket, local_s3, settings, tmp_path
):
    certificates = [certify(build_course)[1] for _ in range(2)]
    default_storage.save("documents/guide-ar.txt", ContentFile("دليل المتدرب".encode()))
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir))
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    source = local_s3.objects(bucket)
    assert {entry["name"]: entry["sha256"] for entry in manifest["media"]} == {
        name: hashlib.sha256(content).hexdigest() for name, content in source.items()
    }
    assert sorted(source) == sorted([c.pdf.name for c in certificates] + ["documents/guide-ar.txt"])
    source_rows = row_counts(connections["default"])

    empty_bucket = f"himaya-restored-{uuid.uuid4().hex[:8]}"
    local_s3.client().create_bucket(Bucket=empty_bucket)
    use_bucket(settings, local_s3, empty_bucket)
    target_storage = storages["default"]
    assert storage_files(target_storage) == []
    with empty_database(tmp_path) as target:
        restored = restore(source=backup_dir, storage=target_storage, using=TARGET)
        assert (restored.rows, restored.files) == (sum(source_rows.values()), 3)
        assert row_counts(target) == source_rows
        assert digests(target_storage) == {
            name: hashlib.sha256(content).hexdigest() for name, content in source.items()
        }
        for certificate in Certificate.objects.using(TARGET).order_by("pk"):
            with target_storage.open(certificate.pdf.name, "rb") as pdf:
                assert hashlib.sha256(pdf.read()).hexdigest() == certificate.sha256
    assert local_s3.objects(empty_bucket) == source


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def renders():
    """The certificate renders on the database queue (the issue queues other tasks too)."""
    return DBTaskResult.objects.filter(task_path=render_certificate_task.module_path).order_by(
        "enqueued_at"
    )


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_drill_the_store_is_down_the_certificate_is_issued_and_rendered_when_it_returns(
    client, build_course, bucket, local_s3
):
    """§7: the media store unavailable. The certificate is issued at once (a database row); its
    render fails while the store is down and is queued again a minute later; the download says
    to try again (503), never a 500; once the store is back, the retry renders the PDF."""
    local_s3.stop()
    try:
        with override_settings(TASKS=DATABASE_TASKS):
            person, certificate = certify(build_course, name_en="Omar Haddad")
            assert (certificate.serial.startswith("HMY-"), certificate.sha256) == (True, "")

            run_worker()
            results = list(renders())
            assert [(r.status, r.args_kwargs["kwargs"]) for r in results] == [
                ("FAILED", {"certificate_id": certificate.pk}),
                ("READY", {"certificate_id": certificate.pk, "attempt": 2}),
            ]
            assert "EndpointConnectionError" in results[0].exception_class_path

            sign_in(client, person)
            refused = client.get(f"/en/certificates/{certificate.pk}/download/")
            assert (refused.status_code, refused["Retry-After"]) == (503, "60")
            assert "Your certificate is issued and stays valid" in refused.content.decode()
            certificate.refresh_from_db()
            assert (certificate.sha256, certificate.pdf.name) == ("", "")

            local_s3.start()
            # The retry is due a minute later; the worker leaves it until then.
            run_worker()
            assert [r.status for r in renders()] == ["FAILED", "READY"]
            with time_machine.travel(dt.timedelta(minutes=2)):
                run_worker()
    finally:
        if local_s3.server is None:
            local_s3.start()

    certificate.refresh_from_db()
    stored = local_s3.objects(bucket)
    assert list(stored) == [certificate.pdf.name]
    assert hashlib.sha256(stored[certificate.pdf.name]).hexdigest() == certificate.sha256
    assert CertificateEvent.objects.filter(certificate=certificate, action="rendered").count() == 1
    assert [r.status for r in renders()] == ["FAILED", "SUCCESSFUL"]
    download = client.get(f"/en/certificates/{certificate.pk}/download/")
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == certificate.sha256


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-value-1234",
    "ALLOWED_HOSTS": "himaya.example.org",
    "HIMAYA_PSEUDONYM_KEY": "p" * 40,
}
SHOW_STORAGE = (
    "import django, json; django.setup(); "
    "from django.conf import settings; from django.core.files.storage import default_storage as s; "
    "s._setup(); print(json.dumps([type(s._wrapped).__name__, "
    "getattr(s, 'bucket_name', None), getattr(s, 'endpoint_url', None), "
    "getattr(s, 'file_overwrite', None), getattr(s, 'default_acl', 'n/a'), "
    "getattr(settings, 'WAGTAILDOCS_SERVE_METHOD', None)]))"
)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, ["FileSystemStorage", None, None, None, "n/a", None]),
        (
            {"HIMAYA_S3_BUCKET": "himaya-media", "AWS_S3_ENDPOINT_URL": "https://s3.internal:9000"},
            ["S3Storage", "himaya-media", "https://s3.internal:9000", False, None, "serve_view"],
        ),
    ],
    ids=["disk-without-a-bucket", "bucket-when-named"],
)
def test_production_settings_choose_the_store_from_the_environment(environment, expected):
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("HIMAYA_S3", "AWS_S3")) and name != "DATABASE_URL"
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW_STORAGE],
        cwd=Path(__file__).resolve().parent.parent,
        env={**inherited, **PRODUCTION, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected
