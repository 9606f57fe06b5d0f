"""Completion tables as CSV and XLSX files: for managers, for scheduled exports, and pseudonymised
for donors and researchers.

Every figure comes from `certificates.completion`, the module the pages read, so a number in a
file is the number on the page: this module only lays out what it returns. The tables are those
of the pages: sectors, organisations (every organisation of every sector in the scope), people
(one organisation at a time, as the drill-down shows them), and the figures over time.

- **CSV** holds one table, written row by row (UTF-8 with a byte-order mark, so that Excel reads
  Arabic). **XLSX** holds every table, one sheet each, and a chart sheet drawn by Excel from the
  sectors sheet; Arabic workbooks have Arabic headers and right-to-left sheets. XLSX is written
  with xlsxwriter in `constant_memory` mode, one row at a time: pandas' `to_excel` writes a frame
  column by column, which `constant_memory` cannot take (it flushes each row as the next one
  starts and loses the rest), and without it every cell of 100,000 rows stays in memory. Memory
  is bounded by the largest organisation (`people` reads one organisation at a time) and by
  xlsxwriter's one-row buffer (bench/completion_export.py measures it).
- Every cell goes through `lms.spreadsheet_safety.neutralise_cell`, and xlsxwriter is told never
  to turn text into formulas or links.
- **Pseudonymised** files carry no names, emails or phones (no table carries emails or phones at
  all, and sex never appears beside a person): each person is named by `pseudonym(id)`, an
  HMAC-SHA256 under `settings.HIMAYA_PSEUDONYM_KEY`, the same in every export made with the same
  key. Aggregate rows are suppressed by `completion` for every export; a pseudonymised people
  table also leaves out everyone whose organisation has fewer than HIMAYA_MIN_GROUP_SIZE people
  in it, since organisation, sector and region together would point at them.

Requests become `CompletionExport` jobs (`request_export`). A scope of at most
`DIRECT_BUILD_MAX_PEOPLE` people is built during the request (a few hundred rows take well under
a second); a larger one is queued for the task worker and its page shows progress, one step per
organisation. The scope is frozen on the job; a job opens only to people whose own scope covers
it (`can_open_job`), so an organisation manager never reaches another organisation's file.
"""

import csv
import datetime
import hashlib
import hmac
import logging
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl

import xlsxwriter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.bilingual import in_active_language
from lms.people.models import User
from lms.small_groups import small_group
from lms.spreadsheet_safety import neutralise_cell

from . import completion, tasks
from .completion import Filters, Scope
from .models import CompletionExport

logger = logging.getLogger(__name__)

# A scope of at most this many people is exported while the manager waits: the whole file takes
# well under a second (bench/completion_export.py). Above it the task worker builds the file.
DIRECT_BUILD_MAX_PEOPLE = 2_000
# A second request for the same file within this time answers the first job (a double submit).
DEDUPLICATION_WINDOW = datetime.timedelta(minutes=5)

Table = CompletionExport.Table
Format = CompletionExport.Format


# --- Pseudonyms -------------------------------------------------------------------------------


def pseudonym(person_id: int, *, key: str | None = None) -> str:
    """The person's name in a pseudonymised export: HMAC-SHA256 of their id under `key`
    (default `settings.HIMAYA_PSEUDONYM_KEY`), in hex. Without the key it cannot be reversed or
    recomputed; with the same key it is the same in every export. No key, no export."""
    key = settings.HIMAYA_PSEUDONYM_KEY if key is None else key
    if not key:
        raise ImproperlyConfigured("HIMAYA_PSEUDONYM_KEY is empty: pseudonymised exports need it.")
    return hmac.new(key.encode(), f"person:{person_id}".encode(), hashlib.sha256).hexdigest()


# --- Tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetChart:
    """A stacked column chart Excel draws from columns of the table's own sheet."""

    title: str
    category_column: int
    value_columns: tuple[int, ...]
    data_rows: int  # the rows below the header that are plotted (not a total after them)


@dataclass(frozen=True)
class ExportTable:
    key: str  # a CompletionExport.Table value
    title: str  # the sheet's name, in the export's language
    headers: list[str]
    rows: Iterable[list]  # produced as they are written
    chart: SheetChart | None = None


def _figure_headers() -> list[str]:
    return [
        _("People"),
        _("Enrolled"),
        _("Not started"),
        _("In progress"),
        _("Completed"),
        _("Completed (%)"),
        _("Overdue"),
        _("Valid completion certificates"),
        _("Valid competency certificates"),
        _("Certificates expiring within 30 days"),
        _("Certificates expiring within 60 days"),
        _("Certificates expiring within 90 days"),
    ]


def _figures(row: completion.CompletionRow) -> list:
    if row.suppressed:
        return [str(row.suppressed)] * len(_figure_headers())
    return [
        row.people,
        row.enrolled,
        row.not_started,
        row.in_progress,
        row.completed,
        row.percent_completed,
        row.overdue,
        row.certified_completion,
        row.certified_competency,
        row.expiring_30,
        row.expiring_60,
        row.expiring_90,
    ]


def _target(row: completion.CompletionRow) -> list:
    target = row.target
    if target is None:
        return [None, None, None]
    completed = str(row.suppressed) if target.completed is None else target.completed
    return [target.people_to_complete, completed, target.percent]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


class Figures:
    """The tables of one export, read from `completion` once each and in the scope only."""

    def __init__(self, *, scope: Scope, filters: Filters, today: datetime.date | None = None):
        self.scope = scope
        self.filters = filters
        self.today = today or timezone.localdate()

    @cached_property
    def sector_table(self) -> completion.CompletionTable:
        return completion.by_sector(self.scope, self.filters, self.today)

    @cached_property
    def sectors(self) -> list:
        sectors = list(self.scope.sectors().order_by("code"))
        if self.filters.sector is not None:
            sectors = [sector for sector in sectors if sector.pk == self.filters.sector.pk]
        return sectors

    @cached_property
    def organisation_tables(self) -> list[tuple[object, completion.CompletionTable]]:
        return [
            (sector, completion.by_organisation(self.scope, self.filters, sector, self.today))
            for sector in self.sectors
        ]

    @cached_property
    def organisations(self) -> dict:
        """Organisation id → Organisation (with sector and region), for the rows above."""
        ids = [row.id for _sector, table in self.organisation_tables for row in table.rows]
        return self.scope.organisations().in_bulk(ids)

    def sectors_table(self) -> ExportTable:
        table = self.sector_table
        headers = [
            _("Code"),
            _("Sector"),
            *_figure_headers(),
            _("Target"),
            _("Completed towards the target"),
            _("Target reached (%)"),
        ]
        rows = [[row.key, row.name, *_figures(row), *_target(row)] for row in table.rows]
        rows.append(["", table.total.name, *_figures(table.total), None, None, None])
        # Completed, in progress and not started, stacked, per sector (not the total).
        chart = SheetChart(
            title=_("Completion by sector"),
            category_column=1,
            value_columns=(6, 5, 4),
            data_rows=len(table.rows),
        )
        return ExportTable(Table.SECTORS, _("Sectors"), headers, rows, chart)

    def organisations_table(self) -> ExportTable:
        headers = [_("Sector"), _("Organisation"), _("Region"), *_figure_headers()]

        def rows():
            for sector, table in self.organisation_tables:
                sector_name = in_active_language(sector.name_en, sector.name_ar)
                for row in table.rows:
                    region = self.organisations[row.id].region
                    region_name = in_active_language(region.name_en, region.name_ar)
                    yield [sector_name, row.name, region_name, *_figures(row)]

        return ExportTable(Table.ORGANISATIONS, _("Organisations"), headers, rows())

    def people_table(
        self, *, pseudonymised: bool, progress: Callable[[int], None] | None = None
    ) -> ExportTable:
        """One row per person, organisation after organisation. Pseudonymised: a pseudonym for
        the id, no names, and no one from an organisation of fewer than the minimum people."""
        identity = (
            [_("Pseudonym")]
            if pseudonymised
            else [_("Person"), _("Name (English)"), _("Name (Arabic)")]
        )
        headers = [
            *identity,
            _("Organisation"),
            _("Sector"),
            _("Region"),
            _("State"),
            _("Overdue"),
            _("Next due"),
            _("Courses enrolled"),
            _("Courses completed"),
            _("Valid completion certificate"),
            _("Valid competency certificate"),
            _("Next certificate expiry"),
        ]

        def rows():
            for done, organisation in enumerate(self.organisations.values(), start=1):
                people = completion.people(self.scope, self.filters, organisation, self.today)
                if pseudonymised and small_group(len(people)):
                    people = []
                organisation_cells = [
                    organisation.name,
                    in_active_language(organisation.sector.name_en, organisation.sector.name_ar),
                    in_active_language(organisation.region.name_en, organisation.region.name_ar),
                ]
                for person in people:
                    yield [
                        *(
                            [pseudonym(person.id)]
                            if pseudonymised
                            else [person.id, person.name_en, person.name_ar]
                        ),
                        *organisation_cells,
                        completion.State.label(person.state),
                        _yes_no(person.overdue),
                        person.next_due,
                        len(person.courses),
                        sum(c.state == completion.State.COMPLETED for c in person.courses),
                        _yes_no(any(c.kind == "completion" for c in person.certificates)),
                        _yes_no(any(c.kind == "competency" for c in person.certificates)),
                        min(
                            (c.expires_on for c in person.certificates if c.expires_on),
                            default=None,
                        ),
                    ]
                if progress is not None:
                    progress(done)

        return ExportTable(Table.PEOPLE, _("People"), headers, rows())

    def timeline_table(self) -> ExportTable:
        """Courses completed and certificates issued per month, as the dashboard charts them."""
        completed = completion.completions_by_month(self.scope, self.filters, self.today)
        issued = completion.certificates_issued_by_month(self.scope, self.filters, self.today)
        headers = [
            _("Month"),
            _("Courses completed"),
            _("Completion certificates issued"),
            _("Competency certificates issued"),
        ]
        suppressed = completed.suppressed or issued.suppressed
        if suppressed:
            rows = [["", *[str(suppressed)] * 3]]
        else:
            rows = [
                [
                    f"{done.month:%Y-%m}",
                    done.values["completed"],
                    certificates.values["completion"],
                    certificates.values["competency"],
                ]
                for done, certificates in zip(completed.months, issued.months, strict=True)
            ]
        return ExportTable(Table.TIMELINE, _("Over time"), headers, rows)

    def tables(
        self,
        *,
        only: str = "",
        pseudonymised: bool,
        progress: Callable[[int], None] | None = None,
    ) -> list[ExportTable]:
        """The tables in sheet order, or only the one named (a Table value)."""
        builders = {
            Table.SECTORS: self.sectors_table,
            Table.ORGANISATIONS: self.organisations_table,
            Table.PEOPLE: lambda: self.people_table(pseudonymised=pseudonymised, progress=progress),
            Table.TIMELINE: self.timeline_table,
        }
        if only:
            return [builders[only]()]
        return [build() for build in builders.values()]

    def steps(self, *, table: str) -> int:
        """How many progress steps an export takes: one per organisation when it lists people
        (XLSX, or the people CSV), and one for the rest."""
        return len(self.organisations) + 1 if table in ("", Table.PEOPLE) else 1


# --- Writers ----------------------------------------------------------------------------------


def _csv_cell(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else neutralise_cell(value)


def write_csv(table: ExportTable, stream) -> None:
    """The table as CSV into a text stream opened with newline="" (row by row)."""
    writer = csv.writer(stream)
    writer.writerow([neutralise_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])


def write_xlsx(tables: list[ExportTable], target, *, right_to_left: bool) -> None:
    """The tables as one workbook, a sheet each, then a chart sheet for each table that has a
    chart. `target` is a path or a binary file. Rows are flushed as they are written."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    header_format = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    charts = []
    for table in tables:
        sheet = workbook.add_worksheet(_sheet_name(table.title))
        if right_to_left:
            sheet.right_to_left()
        sheet.set_column(0, len(table.headers) - 1, 18)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, [neutralise_cell(h) for h in table.headers], header_format)
        for number, row in enumerate(table.rows, start=1):
            sheet.write_row(number, 0, [neutralise_cell(value) for value in row])
        if table.chart is not None and table.chart.data_rows:
            charts.append((sheet.name, table.chart))
    for sheet_name, spec in charts:
        chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
        last = spec.data_rows
        for column in spec.value_columns:
            chart.add_series(
                {
                    "name": [sheet_name, 0, column],
                    "categories": [sheet_name, 1, spec.category_column, last, spec.category_column],
                    "values": [sheet_name, 1, column, last, column],
                }
            )
        chart.set_title({"name": spec.title})
        chart.set_x_axis({"reverse": right_to_left})
        chart.set_legend({"position": "bottom"})
        chartsheet = workbook.add_chartsheet(_sheet_name(spec.title))
        chartsheet.set_chart(chart)
    workbook.close()


def _sheet_name(title: str) -> str:
    """Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\\."""
    return "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]


def write_export(
    *,
    target,
    figures: Figures,
    format: str,
    table: str,
    language: str,
    pseudonymised: bool,
    progress: Callable[[int], None] | None = None,
) -> None:
    """One export into `target` (a path), in `language`: CSV of `table`, or XLSX of all."""
    with translation.override(language):
        if format == Format.CSV:
            (only,) = figures.tables(only=table, pseudonymised=pseudonymised, progress=progress)
            with Path(target).open("w", encoding="utf-8-sig", newline="") as stream:
                write_csv(only, stream)
        else:
            tables = figures.tables(pseudonymised=pseudonymised, progress=progress)
            write_xlsx(tables, str(target), right_to_left=language == "ar")


def file_name(*, format: str, table: str, pseudonymised: bool, day: datetime.date) -> str:
    parts = ["himaya-completion", table or "all"]
    if pseudonymised:
        parts.append("pseudonymised")
    return f"{'-'.join(parts)}-{day.isoformat()}.{format}"


# --- Jobs -------------------------------------------------------------------------------------


def stored_filters(filters: Filters) -> dict[str, str]:
    """The filters as the job keeps them: their query string's pairs."""
    return dict(parse_qsl(filters.query()))


def covers(viewer_scope: Scope | None, organisation_id: int | None) -> bool:
    """Whether a viewer's scope reaches a job frozen with `organisation_id` (None: programme)."""
    if viewer_scope is None:
        return False
    if viewer_scope.is_programme:
        return True
    return organisation_id == viewer_scope.organisation.pk


def can_open_job(user, job) -> bool:
    """Whether `user` may open a file job (an export or a programme report): the requester and
    the managers whose current scope covers the job's frozen one; nobody else (a 404). A
    requester who no longer manages that scope loses it too."""
    return covers(completion.scope_for(user), job.organisation_id)


def request_export(
    *,
    by: User,
    scope: Scope,
    filters: Filters,
    format: str,
    table: str,
    language: str,
    pseudonymised: bool,
) -> CompletionExport:
    """The job for this file: a new one, or the same person's identical request of the last
    few minutes (a double submit). Small scopes are built before this returns; others are
    queued. `table` is required for CSV and ignored for XLSX (every table)."""
    table = table if format == Format.CSV else ""
    parameters = {
        "organisation": scope.organisation,
        "format": format,
        "table": table,
        "language": language,
        "pseudonymised": pseudonymised,
        "filters": stored_filters(filters),
    }
    with transaction.atomic():
        # One request of a person at a time decides whether their job exists already.
        User.objects.select_for_update().filter(pk=by.pk).first()
        recent = CompletionExport.objects.filter(
            requested_by=by, requested_at__gte=timezone.now() - DEDUPLICATION_WINDOW
        ).exclude(state=CompletionExport.State.FAILED)
        for job in recent:
            if all(getattr(job, name) == value for name, value in parameters.items()):
                return job
        job = CompletionExport.objects.create(requested_by=by, **parameters)
        build_now = scope.people().count() <= DIRECT_BUILD_MAX_PEOPLE
        if not build_now:
            tasks.build_completion_export_task.enqueue(job_id=job.pk)
    if build_now:
        build_export(job=job)
    return job


def build_export(*, job: CompletionExport) -> None:
    """Make the job's file with the job's frozen scope and filters, counting progress. A
    filter that no longer reads (a deleted session) fails the job rather than widening it."""
    Jobs = CompletionExport.objects.filter(pk=job.pk)
    Jobs.update(state=CompletionExport.State.RUNNING)
    scope = Scope(organisation=job.organisation)
    filters, errors = Filters.from_query(job.filters, scope)
    if errors:
        logger.warning("Completion export %s failed: its filters no longer read", job.pk)
        Jobs.update(state=CompletionExport.State.FAILED, finished_at=timezone.now())
        return
    figures = Figures(scope=scope, filters=filters)
    name = file_name(
        format=job.format,
        table=job.table,
        pseudonymised=job.pseudonymised,
        day=figures.today,
    )
    try:
        Jobs.update(total=figures.steps(table=job.table))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            write_export(
                target=path,
                figures=figures,
                format=job.format,
                table=job.table,
                language=job.language,
                pseudonymised=job.pseudonymised,
                progress=lambda done: Jobs.update(done=done),
            )
            with path.open("rb") as content:
                job.file.save(name, File(content), save=False)
    except Exception:
        logger.exception("Completion export %s failed", job.pk)
        Jobs.update(state=CompletionExport.State.FAILED, finished_at=timezone.now())
        return
    job.state = CompletionExport.State.DONE
    job.done = job.total = figures.steps(table=job.table)
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "state", "done", "total", "finished_at"])
