"""Backups: the database and every media file, in one directory, with a manifest to check them.

A backup directory holds
- `database.dump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite: a copy
  made by sqlite3's online backup API, consistent while the site is running);
- `media/…`: every file of the default storage, read through Django's storage API, so the same
  code backs up a disk, an S3-compatible store or the tests' in-memory storage;
- `manifest.json`: the engine, the row count of every table as the dump holds it, and the size
  and SHA-256 of the database file and of every media file.

The database is dumped before the media are copied: a file is written before the row that names
it, so every file a dumped row names is in the copy (files written meanwhile are extra, harmless).
PostgreSQL's counts are taken in the very snapshot pg_dump dumps (`pg_export_snapshot`), so they
agree with the dump even while people keep working.

`restore` checks every file against the manifest first, refuses a database that has tables or a
storage that has files unless forced, restores, and then counts every table again and compares
with the manifest: a restore either matches the backup row for row and file for file, or says
what differs.
"""

import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = 1
CHUNK = 1024 * 1024
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def storage_files(storage, path: str = "") -> list[str]:
    """Every file name in `storage`, walked through listdir (a missing media root is empty)."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return []
    names = [posixpath.join(path, name) for name in files]
    for directory in directories:
        names += storage_files(storage, posixpath.join(path, directory))
    return sorted(names)


def _engine(connection) -> str:
    if connection.vendor not in DUMP_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _libpq_environment(settings_dict) -> dict[str, str]:
    """pg_dump and pg_restore connect as Django does; the password goes through the environment,
    never the command line (which other users of the machine can read)."""
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    if sslmode := settings_dict.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    return environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _count_rows(cursor, quote, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as database:
        cursor = database.cursor()
        tables = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = _count_rows(cursor, lambda name: '"' + name.replace('"', '""') + '"', tables)
    database.close()
    return counts


def _dump_postgresql(connection, target: Path) -> dict[str, int]:
    # A connection of its own, in one repeatable-read transaction whose snapshot is counted here
    # and dumped by pg_dump (--snapshot): the counts are the dump's, whatever happens meanwhile.
    snapshot_connection = connections.create_connection(connection.alias)
    try:
        snapshot_connection.ensure_connection()
        raw = snapshot_connection.connection
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = sorted(snapshot_connection.introspection.table_names(cursor))
            counts = _count_rows(cursor, snapshot_connection.ops.quote_name, tables)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    connection.settings_dict["NAME"],
                ],
                _libpq_environment(connection.settings_dict),
            )
        raw.rollback()
    finally:
        snapshot_connection.close()
    return counts


def _dump_sqlite(connection, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return _sqlite_counts(target)


def backup(*, output: Path, storage, using: str = "default") -> dict:
    """Write a backup of database `using` and of `storage` into the empty or new directory
    `output`; returns the manifest."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty: a backup goes into a new directory.")
    output.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    engine = _engine(connection)
    dump = output / DUMP_FILES[engine]
    counts = (_dump_postgresql if engine == "postgresql" else _dump_sqlite)(connection, dump)
    media = []
    for name in storage_files(storage):
        target = output / MEDIA / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        media.append({"name": name, "size": target.stat().st_size, "sha256": sha256_of(target)})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": {"file": dump.name, "size": dump.stat().st_size, "sha256": sha256_of(dump)},
        "tables": counts,
        "media": media,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_checked_manifest(source: Path) -> dict:
    """The manifest, once every file it lists is present with its size and SHA-256."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    entries = [(manifest["database"]["file"], manifest["database"])] + [
        (posixpath.join(MEDIA, entry["name"]), entry) for entry in manifest["media"]
    ]
    for relative, entry in entries:
        path = source / relative
        if not path.is_file() or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"{relative} is missing or differs from the manifest.")
    return manifest


def _restore_postgresql(connection, dump: Path, *, force: bool) -> None:
    connection.close()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--clean", "--if-exists"] if force else ["--single-transaction"]
    command += [f"--dbname={connection.settings_dict['NAME']}", str(dump)]
    _run(command, _libpq_environment(connection.settings_dict))


def _restore_sqlite(connection, dump: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)
    source.close()


def _database_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        return _count_rows(cursor, connection.ops.quote_name, tables)


def restore(*, source: Path, storage, using: str = "default", force: bool = False) -> Restored:
    """Restore the backup in `source` into database `using` and `storage`. Both must be empty
    (no table, no file) unless `force`, which replaces the database and overwrites the files
    the backup holds."""
    source = Path(source)
    manifest = read_checked_manifest(source)
    connection = connections[using]
    engine = _engine(connection)
    if engine != manifest["engine"]:
        raise BackupError(f"This backup is of {manifest['engine']}, the database is {engine}.")
    if not force:
        if tables := connection.introspection.table_names():
            raise BackupError(
                f"The database already has {len(tables)} tables: restore into an empty database, "
                "or pass --force to replace it."
            )
        if files := storage_files(storage):
            raise BackupError(
                f"The media storage already holds {len(files)} files: restore into an empty "
                "storage, or pass --force to overwrite them."
            )
    dump = source / manifest["database"]["file"]
    if engine == "postgresql":
        _restore_postgresql(connection, dump, force=force)
    else:
        _restore_sqlite(connection, dump)
    for entry in manifest["media"]:
        name = entry["name"]
        if storage.exists(name):
            storage.delete(name)
        with (source / MEDIA / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}.")
    counts = _database_counts(connection)
    differ = sorted(
        table for table, rows in manifest["tables"].items() if counts.get(table) != rows
    )
    if differ:
        raise BackupError(f"After the restore these tables differ from the backup: {differ}.")
    return Restored(
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=len(manifest["media"]),
    )
