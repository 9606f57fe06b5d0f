"""The programme report: one bilingual PDF for donors and partners, made by the task worker.

It says, for the scope and period asked for, how many people are trained and certified by
sector, region and sex; who is overdue and which certificates expire soon; the knowledge gain
from pre-test to post-test; and it carries the dashboard's charts. Every figure comes from
`certificates.completion` (the pages' module) and every chart from the dashboard's own chart
maker, so the report can never disagree with the screen; suppressed groups print as "fewer
than 5" there and here.

The English report comes first, then the Arabic one, each drawn in its own language (charts
too). Built with xhtml2pdf through `rendering.html_to_pdf`: Amiri embedded, no file or network
access. xhtml2pdf lays out Arabic only in `dir="rtl"` blocks and does not mirror tables, so the
Arabic tables are given with their columns reversed and every cell in its own rtl block. The
charts are `lms.charts` SVGs, whose glyphs are paths: xhtml2pdf draws them as vectors through
svglib, and no font is needed for them.

Figures over regions and sexes are `completion.by_sector` totals under one more filter each:
six queries per region and per sex, whatever the number of people.
"""

import base64
import datetime
import logging
from dataclasses import dataclass, replace

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms import numbers
from lms.bilingual import in_active_language
from lms.people.models import Region, User

from . import completion, tasks
from .completion import Filters, Scope
from .completion_charts import dashboard_charts
from .completion_exports import DEDUPLICATION_WINDOW, stored_filters
from .hijri import format_gregorian, format_hijri
from .models import CertificateSettings, ProgrammeReport
from .rendering import html_to_pdf

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "ar")
# A report page lists at most this many past reports; older ones stay stored.
REPORTS_LISTED = 50


@dataclass(frozen=True)
class ReportTable:
    """A table as printed: every cell formatted, columns in reading order."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""

    def for_direction(self, rtl: bool) -> "ReportTable":
        """xhtml2pdf never mirrors a table: a right-to-left one is given reversed."""
        if not rtl:
            return self
        return replace(
            self,
            headers=self.headers[::-1],
            rows=[row[::-1] for row in self.rows],
        )


def _count(value, language: str) -> str:
    return numbers.format_number(value, language=language)


def _figure(row: completion.CompletionRow, name: str, language: str) -> str:
    if row.suppressed:
        return str(row.suppressed)
    value = row.percent_completed if name == "percent" else getattr(row, name)
    if name == "percent":
        return numbers.format_percent(value, language=language)
    return _count(value, language)


def _trained(caption: str, label: str, rows, language: str) -> ReportTable:
    """People, enrolled, completed and certified for each of `rows` ((label, CompletionRow))."""
    names = ("people", "enrolled", "completed", "percent")
    names += ("certified_completion", "certified_competency")
    return ReportTable(
        caption=caption,
        headers=[
            label,
            _("People"),
            _("Enrolled"),
            _("Completed"),
            _("Completed (%)"),
            _("Valid completion certificates"),
            _("Valid competency certificates"),
        ],
        rows=[[name, *(_figure(row, n, language) for n in names)] for name, row in rows],
    )


def _report_context(*, scope: Scope, filters: Filters, language: str, today: datetime.date) -> dict:
    """What one language's half of the report prints. Call inside translation.override."""
    sectors = completion.by_sector(scope, filters, today)
    regions = Region.objects.filter(
        pk__in=scope.organisations().values("region_id").distinct()
    ).order_by("code")
    if filters.region is not None:
        regions = regions.filter(pk=filters.region.pk)
    by_region = [
        (
            in_active_language(region.name_en, region.name_ar),
            completion.by_sector(scope, replace(filters, region=region), today).total,
        )
        for region in regions
    ]
    sexes = [filters.sex] if filters.sex else list(User.Sex.values)
    by_sex = [
        (
            str(User.Sex(sex).label),
            completion.by_sector(scope, replace(filters, sex=sex), today).total,
        )
        for sex in sexes
    ]
    sector_rows = [(row.name, row) for row in sectors.rows] + [(sectors.total.name, sectors.total)]
    gains = completion.knowledge_gain_by_sector(scope, filters, today)
    rtl = language == "ar"
    tables = [
        _trained(_("Trained and certified by sector"), _("Sector"), sector_rows, language),
        _trained(_("Trained and certified by region"), _("Region"), by_region, language),
        _trained(_("Trained and certified by sex"), _("Sex"), by_sex, language),
        ReportTable(
            caption=_("Overdue and expiring"),
            headers=[
                _("Sector"),
                _("Overdue"),
                _("Certificates expiring within 30 days"),
                _("Certificates expiring within 60 days"),
                _("Certificates expiring within 90 days"),
            ],
            rows=[
                [name, *(_figure(row, n, language) for n in ("overdue", *_EXPIRING))]
                for name, row in sector_rows
            ],
        ),
        ReportTable(
            caption=_("Knowledge gain, pre-test to post-test"),
            headers=[
                _("Sector"),
                _("People who took both tests"),
                _("Pre-test mean"),
                _("Post-test mean"),
                _("Gain (percentage points)"),
            ],
            rows=[_gain_cells(row, language) for row in gains],
            note=_("Mean scores in percent of the people who took both tests."),
        ),
    ]
    charts = dashboard_charts(scope, filters, today, table=sectors)
    programme = CertificateSettings.current()
    return {
        "language": language,
        "rtl": rtl,
        "tables": [table.for_direction(rtl) for table in tables],
        "charts": [
            {
                "title": chart.title,
                "uri": "data:image/svg+xml;base64,"
                + base64.b64encode(str(chart.svg).encode("utf-8")).decode("ascii"),
            }
            for chart in charts
        ],
        "programme": in_active_language(programme.programme_name_en, programme.programme_name_ar),
        # Label and value in cells of their own: a date never sits inside an Arabic sentence.
        "facts": [
            (
                _("Scope"),
                _("The whole programme")
                if scope.is_programme
                else in_active_language(scope.organisation.name_en, scope.organisation.name_ar),
            ),
            (_("Period"), _period(filters, today, language)),
            (
                _("Produced"),
                f"{format_gregorian(today, language)} · {format_hijri(today, language)}",
            ),
            *_narrowed(filters),
        ],
    }


_EXPIRING = ("expiring_30", "expiring_60", "expiring_90")


def _gain_cells(row: completion.GainRow, language: str) -> list[str]:
    if row.suppressed:
        return [row.name, *[str(row.suppressed)] * 4]
    return [
        row.name,
        _count(row.people, language),
        numbers.format_percent(row.pre, language=language, decimals=1),
        numbers.format_percent(row.post, language=language, decimals=1),
        # A difference of two percentages is in percentage points, not a percent of anything.
        numbers.format_signed(row.gain, language=language, decimals=1),
    ]


def _period(filters: Filters, today: datetime.date, language: str) -> str:
    end = format_gregorian(filters.as_at_date(today), language)
    if filters.period_start is None:
        return _("Up to %(end)s") % {"end": end}
    start = format_gregorian(filters.period_start, language)
    return _("%(start)s to %(end)s") % {"start": start, "end": end}


def _narrowed(filters: Filters) -> list[tuple[str, str]]:
    """The filters other than the period, as (label, value) for the reader."""
    shown = [
        (label, in_active_language(value.name_en, value.name_ar))
        for label, value in (
            (_("Sector"), filters.sector),
            (_("Organisation"), filters.organisation),
            (_("Region"), filters.region),
        )
        if value is not None
    ]
    if filters.course is not None:
        shown.append((_("Course"), filters.course.title))
    if filters.session is not None:
        shown.append((_("Training session"), filters.session.display_title))
    if filters.sex:
        shown.append((_("Sex"), str(User.Sex(filters.sex).label)))
    return shown


def render_report(*, scope: Scope, filters: Filters, today: datetime.date | None = None) -> bytes:
    """The bilingual PDF: the English report, then the Arabic one."""
    today = today or timezone.localdate()
    halves = []
    for language in LANGUAGES:
        with translation.override(language):
            halves.append(
                render_to_string(
                    "certificates/completion/pdf/report_body.html",
                    _report_context(scope=scope, filters=filters, language=language, today=today),
                )
            )
    return html_to_pdf(
        render_to_string("certificates/completion/pdf/report.html", {"halves": halves})
    )


# --- Jobs -------------------------------------------------------------------------------------


def request_report(*, by: User, scope: Scope, filters: Filters, language: str) -> ProgrammeReport:
    """Queue a report of `scope` under `filters` for the task worker, or answer the same
    person's identical request of the last few minutes (a double submit)."""
    parameters = {
        "organisation": scope.organisation,
        "language": language,
        "filters": stored_filters(filters),
    }
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=by.pk).first()
        recent = ProgrammeReport.objects.filter(
            requested_by=by, requested_at__gte=timezone.now() - DEDUPLICATION_WINDOW
        ).exclude(state=ProgrammeReport.State.FAILED)
        for job in recent:
            if all(getattr(job, name) == value for name, value in parameters.items()):
                return job
        job = ProgrammeReport.objects.create(requested_by=by, total=1, **parameters)
        tasks.build_programme_report_task.enqueue(job_id=job.pk)
    return job


def build_report(*, job: ProgrammeReport) -> None:
    """Render and keep the job's PDF with its frozen scope and filters. A filter that no longer
    reads fails the job rather than widening it."""
    jobs = ProgrammeReport.objects.filter(pk=job.pk)
    jobs.update(state=ProgrammeReport.State.RUNNING)
    scope = Scope(organisation=job.organisation)
    filters, errors = Filters.from_query(job.filters, scope)
    if errors:
        logger.warning("Programme report %s failed: its filters no longer read", job.pk)
        jobs.update(state=ProgrammeReport.State.FAILED, finished_at=timezone.now())
        return
    today = timezone.localdate()
    try:
        pdf = render_report(scope=scope, filters=filters, today=today)
    except Exception:
        logger.exception("Programme report %s failed", job.pk)
        jobs.update(state=ProgrammeReport.State.FAILED, finished_at=timezone.now())
        return
    job.pdf.save(f"himaya-programme-report-{today.isoformat()}.pdf", ContentFile(pdf), save=False)
    job.state = ProgrammeReport.State.DONE
    job.done = job.total = 1
    job.finished_at = timezone.now()
    job.save(update_fields=["pdf", "state", "done", "total", "finished_at"])


def reports_of(scope: Scope):
    """The reports made for exactly this scope, newest first (the listing page)."""
    return ProgrammeReport.objects.filter(organisation=scope.organisation).order_by(
        "-requested_at"
    )[:REPORTS_LISTED]
