"""manage.py backup --output DIR: the database and every media file, with a manifest
(lms/backups.py; docs/deployment.md, "Backups")."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from lms.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="a new or empty directory")
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, output, database, **options):
        try:
            manifest = backup(output=output, storage=default_storage, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({sum(manifest['tables'].values())} "
            f"rows) and {len(manifest['media'])} media files to {output}."
        )
