"""Small uploads that would expand into minutes of work are refused before they are parsed, with a
clear message, and nothing is written. A page lists the first 100 problems; the report, all."""

import io
import zipfile
from xml.sax.saxutils import escape

import pandas as pd
import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lms.people.models import Invitation, User

pytestmark = pytest.mark.django_db

HEADER = "email,name_en,name_ar,sector,organisation,region,language\n"
COLUMNS = HEADER.strip().split(",")

TOO_MANY_ROWS = (
    "The file has more than 5,000 rows of data. Split it into files of at most 5,000 rows each."
)
TOO_MANY_COLUMNS = (
    "The file has data in more than 20 columns. Delete the columns this import does not use."
)
TOO_COMPLEX = (
    "The workbook holds far more than its data (formatting or hidden content). "
    "Save it as CSV (UTF-8) and upload that instead."
)
NOT_A_WORKBOOK = (
    "The file is not a readable XLSX workbook: it may be damaged or protected by a password. "
    "Save it again as XLSX or as CSV (UTF-8)."
)


def upload(client, content: bytes, name: str):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("people:invite_upload"), {"file": file})


def reported(response):
    assert response.status_code == 200
    return [(e.row, e.column, e.reason) for e in response.context["errors"]]


def refused_with(message):
    return [(0, "", message)]


@pytest.fixture
def nothing_written(db):
    people = User.objects.count()
    yield
    assert User.objects.count() == people
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def person(number: int, organisation, email: str | None = None) -> dict:
    return {
        "email": email or f"invitee{number}@example.org",
        "name_en": f"Person {number}",
        "name_ar": "شخص",
        "sector": "labour-inspection",
        "organisation": organisation.name_en,
        "region": "riyadh",
        "language": "ar",
    }


def csv_of(rows: list[dict]) -> bytes:
    return pd.DataFrame(rows, columns=COLUMNS).to_csv(index=False).encode()


def xlsx_of(rows: list[dict]) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(rows, columns=COLUMNS).to_excel(buffer, index=False)
    return buffer.getvalue()


# A workbook written by hand, to control every byte of the sheet.
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def cells(row: int, values) -> str:
    return (
        f'<row r="{row}">'
        + "".join(
            f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
            for i, v in enumerate(values)
        )
        + "</row>"
    )


def handmade_xlsx(sheet_data: str, *, before_data: str = "", prolog: str = "") -> bytes:
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{before_data}<sheetData>{cells(1, COLUMNS)}{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


# --- Rows ---


def test_csv_one_row_over_the_default_limit_is_refused(
    manager_client, organisation, nothing_written
):
    content = csv_of([person(n, organisation) for n in range(5_001)])
    response = upload(manager_client, content, "people.csv")
    assert reported(response) == refused_with(TOO_MANY_ROWS)


@override_settings(HIMAYA_MAX_IMPORT_ROWS=3)
def test_csv_at_the_limit_is_imported(manager_client, organisation):
    content = csv_of([person(n, organisation) for n in range(3)])
    response = upload(manager_client, content, "people.csv")
    assert response.status_code == 302
    assert User.objects.filter(email__startswith="invitee").count() == 3


@override_settings(HIMAYA_MAX_IMPORT_ROWS=3)
def test_csv_over_a_configured_limit_is_refused(manager_client, organisation, nothing_written):
    content = csv_of([person(n, organisation) for n in range(4)])
    response = upload(manager_client, content, "people.csv")
    assert reported(response) == refused_with(
        "The file has more than 3 rows of data. Split it into files of at most 3 rows each."
    )


def test_csv_of_blank_lines_counts_them_as_rows(manager_client, nothing_written):
    # Five megabytes of newlines would otherwise become five million empty rows.
    response = upload(manager_client, HEADER.encode() + b"\n" * 1_000_000, "people.csv")
    assert reported(response) == refused_with(TOO_MANY_ROWS)


@override_settings(HIMAYA_MAX_IMPORT_ROWS=3)
def test_csv_quoted_line_breaks_are_not_counted_as_rows(manager_client, organisation):
    rows = [person(n, organisation) for n in range(3)]
    rows[0]["name_en"] = "Person\n" * 20 + "Zero"
    response = upload(manager_client, csv_of(rows), "people.csv")
    assert response.status_code == 302
    assert User.objects.filter(email__startswith="invitee").count() == 3


def test_a_name_longer_than_an_account_holds_is_a_row_error(
    manager_client, organisation, nothing_written
):
    rows = [person(n, organisation) for n in range(2)]
    rows[1]["name_en"] = "N" * 201
    response = upload(manager_client, csv_of(rows), "people.csv")
    assert response.status_code == 200
    assert "The name is longer than 200 characters." in response.text


def test_xlsx_one_row_over_the_default_limit_is_refused(
    manager_client, organisation, nothing_written
):
    content = xlsx_of([person(n, organisation) for n in range(5_001)])
    response = upload(manager_client, content, "people.xlsx")
    assert reported(response) == refused_with(TOO_MANY_ROWS)


@override_settings(HIMAYA_MAX_IMPORT_ROWS=3)
def test_xlsx_at_the_limit_is_imported(manager_client, organisation):
    content = xlsx_of([person(n, organisation) for n in range(3)])
    response = upload(manager_client, content, "people.xlsx")
    assert response.status_code == 302
    assert User.objects.filter(email__startswith="invitee").count() == 3


def test_xlsx_row_far_down_the_sheet_is_refused(manager_client, organisation, nothing_written):
    far = cells(1_048_576, person(1, organisation).values())
    response = upload(manager_client, handmade_xlsx(far), "people.xlsx")
    assert reported(response) == refused_with(TOO_MANY_ROWS)


def test_xlsx_declaring_an_absurd_extent_is_refused(manager_client, organisation, nothing_written):
    content = handmade_xlsx(
        cells(2, person(1, organisation).values()),
        before_data='<dimension ref="A1:XFD1048576"/>',
    )
    response = upload(manager_client, content, "people.xlsx")
    assert reported(response) == refused_with(TOO_MANY_ROWS)


def test_xlsx_blank_rows_keep_their_numbers(manager_client, organisation, nothing_written):
    sheet = cells(2, person(1, organisation).values()) + cells(
        5, person(2, organisation, email="not-an-email").values()
    )
    response = upload(manager_client, handmade_xlsx(sheet), "people.xlsx")
    assert reported(response) == [(5, "email", "“not-an-email” is not a valid email address.")]


# --- Columns ---


def test_csv_with_data_beyond_the_column_limit_is_refused(manager_client, nothing_written):
    content = HEADER.strip() + ",notes" + "," * 30 + "x\n" + "a@example.org,A,أ,x,y,z,ar\n"
    response = upload(manager_client, content.encode(), "people.csv")
    assert reported(response) == refused_with(TOO_MANY_COLUMNS)


def test_xlsx_with_a_cell_in_the_last_column_is_refused(
    manager_client, organisation, nothing_written
):
    sheet = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a@example.org</t></is></c>'
        '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    response = upload(manager_client, handmade_xlsx(sheet), "people.xlsx")
    assert reported(response) == refused_with(TOO_MANY_COLUMNS)


# --- Unpacked size and padding ---


def test_xlsx_that_unpacks_beyond_the_limit_is_refused(
    manager_client, organisation, nothing_written
):
    # Whitespace between elements is valid XML and compresses a thousandfold.
    padding = " " * (21 * 1024 * 1024)
    content = handmade_xlsx(cells(2, person(1, organisation).values()), before_data=padding)
    assert len(content) < 100_000
    response = upload(manager_client, content, "people.xlsx")
    assert reported(response) == refused_with(
        "Unpacked, this workbook is 21.0\xa0MB; the limit is 20.0\xa0MB. Delete other sheets, "
        "images and formatting, or save it as CSV (UTF-8)."
    )


@override_settings(HIMAYA_MAX_XLSX_UNCOMPRESSED_BYTES=10_000)
def test_unpacked_size_limit_is_a_setting(manager_client, organisation, nothing_written):
    content = xlsx_of([person(n, organisation) for n in range(3)])
    response = upload(manager_client, content, "people.xlsx")
    [(row, column, reason)] = reported(response)
    assert (row, column) == (0, "")
    assert reason.startswith("Unpacked, this workbook is ")
    assert "; the limit is 9.8\xa0KB." in reason


def test_xlsx_row_of_a_million_empty_cells_is_refused(manager_client, nothing_written):
    content = handmade_xlsx('<row r="2">' + "<c/>" * 1_000_000 + "</row>")
    response = upload(manager_client, content, "people.xlsx")
    assert reported(response) == refused_with(TOO_COMPLEX)


def test_xlsx_padded_with_column_definitions_is_refused(manager_client, nothing_written):
    padding = "<cols>" + '<col min="1" max="1" width="9"/>' * 400_000 + "</cols>"
    content = handmade_xlsx("", before_data=padding)
    response = upload(manager_client, content, "people.xlsx")
    assert reported(response) == refused_with(TOO_COMPLEX)


def test_xlsx_with_too_many_shared_strings_is_refused(
    manager_client, organisation, nothing_written
):
    content = xlsx_of([person(n, organisation) for n in range(3)])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/sharedStrings.xml":
                data = data.replace(b"</sst>", b"<si><t>x</t></si>" * 200_000 + b"</sst>")
            archive.writestr(name, data)
    response = upload(manager_client, buffer.getvalue(), "people.xlsx")
    assert reported(response) == refused_with(TOO_COMPLEX)


# --- Damaged or hostile workbooks ---


def test_truncated_xlsx_is_refused(manager_client, organisation, nothing_written):
    content = xlsx_of([person(n, organisation) for n in range(3)])
    response = upload(manager_client, content[: len(content) // 2], "people.xlsx")
    assert reported(response) == refused_with(NOT_A_WORKBOOK)


def test_xlsx_with_entity_definitions_is_refused(manager_client, nothing_written):
    laughs = (
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    sheet = '<row r="2"><c r="A2" t="inlineStr"><is><t>&c;</t></is></c></row>'
    response = upload(manager_client, handmade_xlsx(sheet, prolog=laughs), "people.xlsx")
    assert reported(response) == refused_with(NOT_A_WORKBOOK)


def test_xlsx_without_a_worksheet_is_refused(manager_client, nothing_written):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
    response = upload(manager_client, buffer.getvalue(), "people.xlsx")
    assert reported(response) == refused_with(NOT_A_WORKBOOK)


def test_shared_string_index_out_of_range_is_refused(manager_client, nothing_written):
    content = xlsx_of([])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>0</v>", b"<v>999999</v>")
            archive.writestr(name, data)
    response = upload(manager_client, buffer.getvalue(), "people.xlsx")
    assert reported(response) == refused_with(NOT_A_WORKBOOK)


# --- How many errors a page shows ---


def test_page_lists_the_first_100_problems_and_the_report_all_of_them(
    manager_client, organisation, nothing_written
):
    rows = [person(n, organisation, email=f"bad{n}") for n in range(250)]
    response = upload(manager_client, csv_of(rows), "people.csv")
    assert response.status_code == 200
    page = response.text
    assert "Nobody was invited: 250 problems in “people.csv”" in page
    assert page.count('class="import-error"') == 100
    assert "“bad99” is not a valid email address." in page
    assert "“bad100” is not a valid email address." not in page
    assert (
        "Only the first 100 problems are listed here, of 250. The report lists every one." in page
    )

    report = manager_client.get(reverse("people:invite_upload_errors"))
    lines = report.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 251
    assert lines[0] == "Row,Column,Reason"
    assert lines[1] == "2,email,“bad0” is not a valid email address."
    assert lines[250] == "251,email,“bad249” is not a valid email address."


def test_a_page_with_few_problems_says_nothing_about_a_limit(manager_client, nothing_written):
    response = upload(manager_client, (HEADER + "bad,B,ب,x,y,z,ar\n").encode(), "people.csv")
    assert response.status_code == 200
    assert "Only the first" not in response.text


def test_long_values_are_shortened_in_messages(manager_client, organisation, nothing_written):
    rows = [person(1, organisation, email="x" * 5_000)]
    response = upload(manager_client, csv_of(rows), "people.csv")
    assert reported(response) == [(2, "email", "“" + "x" * 79 + "…” is not a valid email address.")]


def test_the_upload_page_states_the_limits(manager_client):
    page = manager_client.get(reverse("people:invite_upload"))
    assert (
        "Columns: email, name_en, name_ar, sector, organisation, region, language. "
        "At most 5.0\xa0MB and 5,000 rows."
    ) in page.text
