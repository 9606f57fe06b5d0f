"""How long the invitation upload takes for the worst files within the limits, and to refuse
files beyond them, through the real view (form, reader, validation, page, session report).

    cd /work/main && DJANGO_SETTINGS_MODULE=lms.settings.test \
        .venv/bin/python bench/upload_limits.py [REPEATS]

Builds a throw-away in-memory SQLite database (migrations take a minute, untimed), signs a
programme manager in, then posts each file REPEATS times (default 3) and prints the median and
slowest seconds, the status and the page size. The goal (issue 8, item 5): every answer in under
5 s. Files:

- worst within the limits: HIMAYA_MAX_IMPORT_ROWS rows with an error in each of the 7 columns of
  every row (35,000 errors: 100 on the page, all in the session's report), as CSV, as XLSX, and
  as an XLSX that also fills every allowed column (MAX_IMPORT_COLUMNS) with distinct text;
- a valid file of HIMAYA_MAX_IMPORT_ROWS people: the request (validation, the import job recorded
  and queued), and apart the task worker's run of that job (every account, emails queued), with
  the database task backend; rolled back;
- beyond the limits: one row too many (CSV), the issue's 200,000-row XLSX, an XLSX that unpacks
  to 21 MB, a row of a million empty cells, 13 MB of column definitions.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

django.setup()

import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from lms.people.models import InvitationImport  # noqa: E402
from lms.people.roles import Role  # noqa: E402
from lms.people.tasks import run_invitation_import_task  # noqa: E402
from lms.spreadsheets import MAX_IMPORT_COLUMNS  # noqa: E402
from tests.conftest import sign_in, with_mfa  # noqa: E402
from tests.factories import OrganisationFactory, UserFactory  # noqa: E402

COLUMNS = ["email", "name_en", "name_ar", "sector", "organisation", "region", "language"]


def bad_rows(count: int) -> list[dict]:
    """Every column of every row is wrong, each in its own way."""
    return [
        {
            "email": f"not-an-address-{n}",
            "name_en": "",
            "name_ar": f"Latin letters {n}",
            "sector": f"no-such-sector-{n}",
            "organisation": f"No Such Organisation {n}",
            "region": f"atlantis-{n}",
            "language": "fr",
        }
        for n in range(count)
    ]


def good_rows(count: int, organisation) -> list[dict]:
    return [
        {
            "email": f"bench.invitee.{n:05d}@example.org",
            "name_en": f"Bench Invitee {n}",
            "name_ar": f"مدعو تجريبي {n}",
            "sector": organisation.sector.code,
            "organisation": organisation.name_en,
            "region": organisation.region.code,
            "language": "ar" if n % 2 else "en",
        }
        for n in range(count)
    ]


def as_csv(rows) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode()


def as_xlsx(rows) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows).to_excel(buffer, index=False)
    return buffer.getvalue()


def widest_xlsx(count: int) -> bytes:
    """Every allowed column filled with distinct text: the most cells the reader accepts."""
    rows = bad_rows(count)
    for n, row in enumerate(rows):
        for extra in range(MAX_IMPORT_COLUMNS - len(COLUMNS)):
            row[f"note_{extra}"] = f"note {extra} on row {n}"
    return as_xlsx(rows)


def handmade_xlsx(sheet_data: str, before_data: str = "") -> bytes:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/{kind}" Target="{target}"/></Relationships>'
    )
    workbook = (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    header = '<row r="1">' + "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{c}</t></is></c>'
        for i, c in enumerate(COLUMNS)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{before_data}<sheetData>{header}</row>{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels", rels.format(kind="officeDocument", target="xl/workbook.xml")
        )
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            rels.format(kind="worksheet", target="worksheets/sheet1.xml"),
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def post(client: Client, name: str, content: bytes):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("people:invite_upload"), {"file": file})


def measure(client, label, name, content, repeats, *, rollback=False):
    timings = []
    for _ in range(repeats):
        with transaction.atomic():
            started = time.perf_counter()
            response = post(client, name, content)
            timings.append(time.perf_counter() - started)
            if rollback:
                transaction.set_rollback(True)
    errors = response.context["errors"] if response.context and "errors" in response.context else []
    if len(errors) == 1:
        outcome = f"{response.status_code}: {errors[0].reason[:44]}…"
    elif errors:
        outcome = f"{response.status_code}, {len(errors)} errors"
    else:
        outcome = response.status_code
    print(
        f"{label:<58} {len(content) / 1024:>8.0f} KiB  "
        f"median {statistics.median(timings):6.2f} s  slowest {max(timings):6.2f} s  "
        f"page {len(response.content) / 1024:6.0f} KiB  ({outcome})",
        flush=True,
    )
    return response


def valid_upload(client, content, repeats):
    """The request (validation, the job recorded, its task queued) and, apart, the worker's run of
    the job (every account, emails queued), with the database task backend; rolled back."""
    requests, workers = [], []
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for run in range(repeats):
            with transaction.atomic():
                started = time.perf_counter()
                response = post(client, "people.csv", content)
                requests.append(time.perf_counter() - started)
                job = InvitationImport.objects.latest("pk")
                if run == 0:  # the worker's run is over a minute: once is enough
                    started = time.perf_counter()
                    run_invitation_import_task.call(job_id=job.pk)
                    workers.append(time.perf_counter() - started)
                    job.refresh_from_db()
                    outcome = f"job {job.state}, {job.created} invitations"
                transaction.set_rollback(True)
    label = f"CSV, {job.total} valid rows: the request (rolled back)"
    print(
        f"{label:<58} "
        f"{len(content) / 1024:>8.0f} KiB  median {statistics.median(requests):6.2f} s  "
        f"slowest {max(requests):6.2f} s  ({response.status_code} to {response['Location']})",
        flush=True,
    )
    print(
        f"{'  the worker running its job (emails queued)':<58} {'':>8}      "
        f"        {workers[0]:6.2f} s  ({outcome})",
        flush=True,
    )


def main(repeats: int) -> None:
    setup_test_environment()
    print("Creating the database (untimed)…", flush=True)
    connection.creation.create_test_db(verbosity=0)
    organisation = OrganisationFactory()
    manager = with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))
    client = Client()
    sign_in(client, manager)
    rows = settings.HIMAYA_MAX_IMPORT_ROWS
    print(
        f"Limits: {rows} rows, {MAX_IMPORT_COLUMNS} columns, "
        f"{settings.HIMAYA_MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024:.0f} MiB unpacked; "
        f"{repeats} runs each; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )

    print("\nWithin the limits")
    measure(client, f"CSV, {rows} rows, 7 errors on every row", "people.csv",
            as_csv(bad_rows(rows)), repeats)  # fmt: skip
    measure(client, f"XLSX, {rows} rows, 7 errors on every row", "people.xlsx",
            as_xlsx(bad_rows(rows)), repeats)  # fmt: skip
    measure(client, f"XLSX, {rows} rows x {MAX_IMPORT_COLUMNS} columns, errors on every row",
            "people.xlsx", widest_xlsx(rows), repeats)  # fmt: skip
    report = time.perf_counter()
    download = client.get(reverse("people:invite_upload_errors"))
    print(
        f"{'  its error report (CSV download)':<58} {'':>8}      "
        f"        {time.perf_counter() - report:6.2f} s            "
        f"size {len(download.content) / 1024:6.0f} KiB  ({download.status_code})"
    )
    valid_upload(client, as_csv(good_rows(rows, organisation)), repeats)

    print("\nBeyond the limits (refused before parsing)")
    measure(client, f"CSV, {rows + 1} rows", "people.csv", as_csv(bad_rows(rows + 1)), repeats)
    many = "".join(
        f'<row r="{n}">'
        + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row.values())
        + "</row>"
        for n, row in enumerate(bad_rows(200_000), start=2)
    )
    measure(client, "XLSX, 200,000 rows (the issue's file)", "people.xlsx",
            handmade_xlsx(many), repeats)  # fmt: skip
    measure(client, "XLSX unpacking to 21 MiB (whitespace)", "people.xlsx",
            handmade_xlsx("", " " * (21 * 1024 * 1024)), repeats)  # fmt: skip
    measure(client, "XLSX, one row of a million empty cells", "people.xlsx",
            handmade_xlsx('<row r="2">' + "<c/>" * 1_000_000 + "</row>"), repeats)  # fmt: skip
    measure(client, "XLSX, 13 MB of column definitions", "people.xlsx",
            handmade_xlsx("", "<cols>" + '<col min="1" max="1"/>' * 600_000 + "</cols>"),
            repeats)  # fmt: skip
    measure(client, "XLSX, a row at 1,048,576", "people.xlsx",
            handmade_xlsx('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is>'
                          "</c></row>"), repeats)  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
