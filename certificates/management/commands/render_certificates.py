"""manage.py render_certificates: queue the renders that never finished (docs/deployment.md).

Run by a timer every 10 minutes. Certificates issued more than `--older-than-minutes` ago without
a PDF, and with no render queued or under way, get one queued: a render whose worker was killed
mid-task, or that ran out of retries while the media store was unreachable, still ends with its
PDF. Rendering is idempotent, so an extra run is harmless."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from certificates import services


class Command(BaseCommand):
    help = "Queue a render for every certificate whose PDF has not been rendered in time."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=10)

    def handle(self, *args, older_than_minutes, **options):
        queued = services.render_unfinished(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(f"Queued {queued} certificate renders.")
