"""Every kind of bad upload gets a clear message naming the problem, and nothing is written."""

import io

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lms.people.models import Invitation, User

pytestmark = pytest.mark.django_db

HEADER = "email,name_en,name_ar,sector,organisation,region,language\n"


def upload(client, content: bytes, name: str = "people.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("people:invite_upload"), {"file": file})


def reported(response):
    return [(e.row, e.column, e.reason) for e in response.context["errors"]]


@pytest.fixture
def nothing_written(db):
    people = User.objects.count()
    yield
    assert User.objects.count() == people
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_oversized_file(manager_client, nothing_written):
    with override_settings(HIMAYA_MAX_UPLOAD_BYTES=100):
        response = upload(manager_client, (HEADER * 10).encode())
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 580\xa0bytes; the limit is 100\xa0bytes."
    ]


def test_empty_file(manager_client, nothing_written):
    response = upload(manager_client, b"")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The submitted file is empty."]


def test_header_only(manager_client, nothing_written):
    response = upload(manager_client, HEADER.encode())
    assert reported(response) == [(1, "", "The file has no people in it.")]


def test_not_a_spreadsheet(manager_client, nothing_written):
    response = upload(manager_client, b"PK\x03\x04 definitely not a zip", "people.xlsx")
    assert reported(response) == [
        (
            0,
            "",
            "The file is not a readable XLSX workbook: it may be damaged or protected by a "
            "password. Save it again as XLSX or as CSV (UTF-8).",
        )
    ]


def test_not_utf8(manager_client, nothing_written):
    response = upload(manager_client, HEADER.encode() + "a@b.org,A,\xe9\n".encode("latin-1"))
    assert reported(response) == [
        (0, "", "The file is not UTF-8 text. Save it as CSV (UTF-8) or XLSX.")
    ]


def test_wrong_extension(manager_client, nothing_written):
    response = upload(manager_client, b"hello", "people.exe")
    assert response.context["form"].errors["file"] == ["Upload a .csv or .xlsx file."]


def test_missing_columns(manager_client, nothing_written):
    response = upload(manager_client, b"email,name_en\na@example.org,A\n")
    assert reported(response) == [
        (1, "name_ar", "This column is missing."),
        (1, "sector", "This column is missing."),
        (1, "organisation", "This column is missing."),
        (1, "region", "This column is missing."),
        (1, "language", "This column is missing."),
    ]


def test_every_row_problem_is_named(
    manager_client, organisation, other_organisation, nothing_written
):
    other_organisation.region_id = other_organisation.region.__class__.objects.get(code="jazan").pk
    other_organisation.save()
    org = organisation.name_en
    rows = HEADER + "\n".join(
        [
            f"dup@example.org,Dup,مكرر,labour-inspection,{org},riyadh,ar",  # 2: fine
            f"DUP@example.org,Dup Again,مكرر,labour-inspection,{org},riyadh,ar",  # 3
            f",No Email,بلا بريد,labour-inspection,{org},riyadh,ar",  # 4
            f"latin@example.org,Latin,Latin only,labour-inspection,{org},riyadh,ar",  # 5
            "noorg@example.org,No Org,بلا جهة,labour-inspection,Nowhere Ltd,riyadh,ar",  # 6
            f"region@example.org,Region,منطقة,labour-inspection,{org},atlantis,ar",  # 7
            f"lang@example.org,Lang,لغة,labour-inspection,{org},riyadh,fr",  # 8
            f"wrongsector@example.org,Sector,قطاع,hotline,{org},riyadh,ar",  # 9
            f"wrongregion@example.org,Where,أين,labour-inspection,{other_organisation.name_en},"
            "riyadh,en",  # 10
        ]
    )
    response = upload(manager_client, rows.encode())
    assert reported(response) == [
        (3, "email", "This email address is already on row 2."),
        (4, "email", "An email address is required."),
        (5, "name_ar", "The Arabic name must be written in Arabic letters."),
        (6, "organisation", "Unknown organisation “Nowhere Ltd”."),
        (7, "region", "Unknown region “atlantis”."),
        (8, "language", "Unknown language “fr”: use ar or en."),
        (9, "organisation", f"“{org}” belongs to the sector “Labour inspection”."),
        (
            10,
            "organisation",
            f"“{other_organisation.name_en}” is in the region “Jazan”.",
        ),
    ]


def test_blank_lines_keep_row_numbers(manager_client, organisation, nothing_written):
    org = organisation.name_en
    rows = (
        HEADER
        + f"a@example.org,A,أ,labour-inspection,{org},riyadh,ar\n"
        + "\n"
        + ",,,,,,\n"
        + f"bad,B,ب,labour-inspection,{org},riyadh,ar\n"
    )
    response = upload(manager_client, rows.encode())
    assert reported(response) == [(5, "email", "“bad” is not a valid email address.")]


def test_error_report_needs_a_failed_upload(manager_client):
    assert manager_client.get(reverse("people:invite_upload_errors")).status_code == 404
