import time

from django.core.management.base import BaseCommand

from assessments import analytics_figures


class Command(BaseCommand):
    help = (
        "Computes every quiz's current analytics figures (item statistics, mastery by sector) "
        "and keeps them for the analytics page, so that no view waits for them. Run it with "
        "refresh_completion_figures, every few minutes; it does nothing where "
        "HIMAYA_ANALYTICS_CACHE_SECONDS is 0."
    )

    def handle(self, *args, **options):
        if not analytics_figures.kept_seconds():
            self.stdout.write("HIMAYA_ANALYTICS_CACHE_SECONDS is 0: the page computes its figures.")
            return
        started = time.monotonic()
        count = analytics_figures.refresh_all()
        self.stdout.write(
            f"Analytics figures of {count} quizzes computed in {time.monotonic() - started:.1f} s."
        )
