"""manage.py backup and restore: into an empty database and an empty storage, every row, every
file and every certificate PDF's SHA-256 come back. On SQLite here; under
DATABASE_URL=postgres://... (as CI runs the suite) the same test goes through pg_dump and
pg_restore into a scratch database it creates and drops."""

import copy
import hashlib
import json
import uuid
from contextlib import contextmanager

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.utils import load_backend

from certificates.models import Certificate
from courses import services as courses
from lms.backups import BackupError, restore, storage_files
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TARGET = "restore_target"


@pytest.fixture
def certified(build_course):
    """Three holders of a completion certificate, each PDF rendered into the media storage."""
    course = build_course(modules=[("C1", [], 1)])
    for _ in range(3):
        person = UserFactory()
        courses.enrol(user=person, course=course, source="manager")
        courses.complete_lesson(user=person, lesson=lessons_of(course)[0])
    default_storage.save("documents/guide-ar.txt", ContentFile("دليل المتدرب".encode()))
    certificates = list(Certificate.objects.order_by("pk"))
    assert [bool(c.sha256 and c.pdf) for c in certificates] == [True, True, True]
    return certificates


def _admin_connection(settings_dict):
    parameters = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
    }
    return psycopg.connect(
        autocommit=True, **{key: value for key, value in parameters.items() if value}
    )


@contextmanager
def empty_database(tmp_path):
    """A new, empty database under the alias TARGET: a SQLite file, or a scratch PostgreSQL
    database made for this test and dropped after it."""
    default = connections["default"].settings_dict
    config = copy.deepcopy(default)
    scratch = None
    if connections["default"].vendor == "postgresql":
        scratch = f"himaya_restore_{uuid.uuid4().hex[:12]}"
        with _admin_connection(default) as admin:
            admin.execute(f'CREATE DATABASE "{scratch}"')
        config["NAME"] = scratch
    else:
        config["NAME"] = str(tmp_path / "restored.sqlite3")
    # A connection made here, not declared in settings: Django's test case lets it connect.
    connections[TARGET] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias=TARGET)
    try:
        yield connections[TARGET]
    finally:
        connections[TARGET].close()
        del connections[TARGET]
        if scratch:
            with _admin_connection(default) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def row_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


def digests(storage) -> dict[str, str]:
    result = {}
    for name in storage_files(storage):
        with storage.open(name, "rb") as handle:
            result[name] = hashlib.sha256(handle.read()).hexdigest()
    return result


def test_a_backup_restores_every_row_file_and_certificate(certified, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir))
    source_rows = row_counts(connections["default"])
    source_files = digests(default_storage)
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["tables"] == source_rows
    assert {entry["name"]: entry["sha256"] for entry in manifest["media"]} == source_files

    restored_storage = InMemoryStorage()
    with empty_database(tmp_path) as target:
        restored = restore(source=backup_dir, storage=restored_storage, using=TARGET)
        assert (restored.tables, restored.rows, restored.files) == (
            len(source_rows),
            sum(source_rows.values()),
            len(source_files),
        )
        assert row_counts(target) == source_rows
        assert source_rows["certificates_certificate"] == 3
        assert digests(restored_storage) == source_files
        assert "documents/guide-ar.txt" in source_files
        for certificate in Certificate.objects.using(TARGET).order_by("pk"):
            with restored_storage.open(certificate.pdf.name, "rb") as pdf:
                assert hashlib.sha256(pdf.read()).hexdigest() == certificate.sha256
        assert list(
            Certificate.objects.using(TARGET).order_by("pk").values_list("sha256", flat=True)
        ) == [certificate.sha256 for certificate in certified]

        # Forced over itself, the restore gives the same rows and files again.
        again = restore(source=backup_dir, storage=restored_storage, using=TARGET, force=True)
        assert again == restored
        assert row_counts(target) == source_rows


def test_restore_refuses_a_database_or_storage_that_is_not_empty(certified, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir))
    tables = len(row_counts(connections["default"]))
    with pytest.raises(CommandError) as refused:
        call_command("restore", input=str(backup_dir))
    assert str(refused.value) == (
        f"The database already has {tables} tables: restore into an empty database, "
        "or pass --force to replace it."
    )
    files = len(storage_files(default_storage))
    with empty_database(tmp_path) as target, pytest.raises(BackupError) as refused:
        restore(source=backup_dir, storage=default_storage, using=TARGET)
    assert str(refused.value) == (
        f"The media storage already holds {files} files: restore into an empty storage, "
        "or pass --force to overwrite them."
    )
    with empty_database(tmp_path) as target:
        assert target.introspection.table_names() == []  # nothing was written


def test_a_damaged_backup_is_refused_before_anything_is_written(certified, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", output=str(backup_dir))
    with pytest.raises(CommandError) as refused:
        call_command("backup", output=str(backup_dir))
    assert str(refused.value) == f"{backup_dir} is not empty: a backup goes into a new directory."
    (backup_dir / "media" / "documents" / "guide-ar.txt").write_bytes(b"tampered")
    with empty_database(tmp_path) as target, pytest.raises(BackupError) as refused:
        restore(source=backup_dir, storage=InMemoryStorage(), using=TARGET)
    assert (
        str(refused.value)
        == "media/documents/guide-ar.txt is missing or differs from the manifest."
    )
    with empty_database(tmp_path) as target:
        assert target.introspection.table_names() == []
