import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from certificates import completion
from certificates.completion_charts import dashboard_charts


class Command(BaseCommand):
    help = (
        "Starts a new generation of the completion figures the pages and the API show, and "
        "computes the programme's and each organisation's unfiltered figures (and draws the "
        "dashboard's charts in every language) so that no manager waits. Run it every "
        f"{completion.REFRESH_MINUTES} minutes."
    )

    def handle(self, *args, **options):
        if not completion.snapshot_seconds():
            self.stdout.write(
                "Completion figures are not kept (HIMAYA_COMPLETION_CACHE_SECONDS=0)."
            )
            return
        started = time.monotonic()
        pages = completion.refresh_figures()
        for figures in pages:
            # A chart is drawn once per language and kept by lms.charts while its data is the
            # same, so this draws only what changed since the last refresh.
            sector = figures.filters.sector
            table = figures.by_organisation(sector) if sector else figures.by_sector()
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    dashboard_charts(
                        figures.scope,
                        figures.filters,
                        figures.today,
                        table=table,
                        by_sector=sector is None,
                        figures=figures,
                    )
        self.stdout.write(
            f"Completion figures refreshed in {time.monotonic() - started:.1f} s "
            f"({len(pages)} pages with charts, and every organisation)."
        )
