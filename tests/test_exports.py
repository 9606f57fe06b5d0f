"""Spreadsheet formula injection: every CSV and XLSX export writes formula-like text as text."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.models import HomePage, StandardPage
from courses.models import TrainingSession
from lms.spreadsheet_safety import neutralise_cell, neutralise_row
from tests.conftest import sign_in
from tests.factories import UserFactory

FORMULA = '=HYPERLINK("http://x","y")'
NEUTRALISED = '\'=HYPERLINK("http://x","y")'
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FORMULA, NEUTRALISED),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Safety first = good", "Safety first = good"),
        ("ما المؤشرات؟", "ما المؤشرات؟"),
        ("", ""),
        (-5, -5),
        (None, None),
        (dt.date(2026, 1, 10), dt.date(2026, 1, 10)),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_neutralise_row():
    assert neutralise_row([FORMULA, 3, "ok"]) == [NEUTRALISED, 3, "ok"]


@pytest.fixture
def formula_titles(db, build_course, trainer):
    """A published page and a training session titled with a formula, both in the site history."""
    home = HomePage.objects.get(locale=Locale.get_default())
    page = home.add_child(instance=StandardPage(title=FORMULA, slug="formula"))
    page.save_revision().publish()
    course = build_course()
    starts = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    session = TrainingSession.objects.create(
        course=course,
        title=FORMULA,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        mode=TrainingSession.Mode.IN_PERSON,
        trainer=trainer,
    )
    log(session, "wagtail.create", user=trainer)
    return page, session


def _rows_naming(rows, label_column):
    return [row for row in rows if "HYPERLINK" in str(row[label_column])]


@pytest.mark.django_db
def test_site_history_csv_writes_the_formula_as_text(client, formula_titles, programme_manager):
    sign_in(client, programme_manager)
    response = client.get(SITE_HISTORY + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["ID", "Name", "Type", "Action type", "User", "Date/Time"]
    named = _rows_naming(rows[1:], label_column=1)
    assert {(row[1], row[2]) for row in named} == {
        (NEUTRALISED, "Standard page"),
        (NEUTRALISED, "Training session"),
    }
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.django_db
def test_site_history_xlsx_writes_the_formula_as_text(client, formula_titles, programme_manager):
    sign_in(client, programme_manager)
    response = client.get(SITE_HISTORY + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    named = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert [cell.value for cell in named] == [NEUTRALISED] * len(named)
    assert len(named) >= 2  # the page and the session
    assert {cell.data_type for cell in named} == {"s"}  # text, not a formula
    assert not any(cell.data_type == "f" for cell in cells)


def test_no_wagtail_export_view_bypasses_the_neutralising_cells(client):
    """Every export inherits SpreadsheetExportMixin; a view that overrode the two wrapped methods
    would write raw cells again."""
    from django.urls import get_resolver
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    get_resolver().url_patterns  # imports every view module the project routes to  # noqa: B018

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    views = set(subclasses(SpreadsheetExportMixin))
    assert views  # the reports, listings, redirects and form submissions
    overriding = sorted(
        f"{view.__module__}.{view.__qualname__}"
        for view in views
        if {"preprocess_field_value", "get_heading"} & set(vars(view))
    )
    assert overriding == []


def test_invitation_error_csv_writes_formulas_as_text():
    from lms.spreadsheets import RowError, errors_as_csv

    text = errors_as_csv([RowError(2, "email", FORMULA), RowError(3, "-name", "+1")])
    assert list(csv.reader(io.StringIO(text))) == [
        ["Row", "Column", "Reason"],
        ["2", "email", NEUTRALISED],
        ["3", "'-name", "'+1"],
    ]


def test_invitation_template_csv_has_no_formulas():
    from lms.people.invitation_import import template_csv

    assert list(csv.reader(io.StringIO(template_csv()))) == [
        ["email", "name_en", "name_ar", "sector", "organisation", "region", "language"]
    ]


def test_no_trainee_reaches_the_site_history_export(client, db):
    sign_in(client, UserFactory())
    response = client.get(SITE_HISTORY + "?export=csv")
    assert response.status_code == 302
    assert "HYPERLINK" not in response.text
