from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Fills the database with fictional demo content. Each app contributes its own `demo.seed`, "
        "run in HIMAYA_APPS order (lower layers first). Safe to run again: nothing changes."
    )

    def handle(self, *args, **options):
        if settings.HIMAYA_ENVIRONMENT == "production":
            raise CommandError("seed_demo refuses to run with production settings.")
        with transaction.atomic():
            for app_name in settings.HIMAYA_APPS:
                try:
                    demo = import_module(f"{app_name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_name}.demo":
                        raise
                    continue
                self.stdout.write(f"Seeding {app_name}…")
                demo.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Accounts: see README.md."))
