"""manage.py restore --input DIR [--force]: a backup made by `manage.py backup`, into an empty
database and storage (lms/backups.py; docs/deployment.md, "Backups")."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and media storage, then check every table's "
        "row count and every file against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="a directory made by manage.py backup")
        parser.add_argument("--database", default="default", help="the database alias")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that has tables and overwrite the backup's files",
        )

    def handle(self, *args, database, force, **options):
        try:
            restored = restore(
                source=options["input"], storage=default_storage, using=database, force=force
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {restored.tables} tables ({restored.rows} rows) and {restored.files} "
            "media files; every count and checksum matches the backup."
        )
