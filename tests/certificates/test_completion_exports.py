"""Completion exports (issue 10, item 4): the pages' tables as CSV and XLSX, pseudonymised exports,
jobs and their scope, the export_completion command, and a number of queries that does not grow
with the number of people. Figures are those of tests/certificates/completion_world.py."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from certificates import completion, completion_exports, tasks
from certificates.completion_exports import Figures, pseudonym, write_export
from certificates.models import CompletionExport
from lms.people.roles import Role
from tests.conftest import sign_in
from tests.factories import UserFactory

from .completion_world import build_programme

FEWER = "fewer than 5"
SECTOR_HEADERS = [
    "Code",
    "Sector",
    "People",
    "Enrolled",
    "Not started",
    "In progress",
    "Completed",
    "Completed (%)",
    "Overdue",
    "Valid completion certificates",
    "Valid competency certificates",
    "Certificates expiring within 30 days",
    "Certificates expiring within 60 days",
    "Certificates expiring within 90 days",
    "Target",
    "Completed towards the target",
    "Target reached (%)",
]


def _suppressed(code, name):
    return [code, name, *[FEWER] * 12, "", "", ""]


@pytest.fixture
def world(build_course):
    world = build_programme(build_course)
    for number, key in enumerate(("a1", "b1", "c1", "d1")):
        world.people[key].phone = f"+966 55 000 00{number}"
        world.people[key].save(update_fields=["phone"])
    return world


def _export(tmp_path, *, scope, format, table="", language="en", pseudonymised=False, **filters):
    target = tmp_path / f"export.{format}"
    write_export(
        target=target,
        figures=Figures(scope=scope, filters=completion.Filters(**filters)),
        format=format,
        table=table,
        language=language,
        pseudonymised=pseudonymised,
    )
    return target


def _csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _cells(path) -> list[str]:
    """Every cell of every sheet of a workbook, as text."""
    workbook = load_workbook(path, read_only=True)
    return [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


# --- CSV --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sectors_csv_is_the_sector_table(world, tmp_path):
    rows = _csv(
        _export(tmp_path, scope=completion.Scope.programme(), format="csv", table="sectors")
    )
    assert rows == [
        SECTOR_HEADERS,
        _suppressed("civil-society", "Civil society"),
        _suppressed("hotline", "Hotline"),
        _suppressed("labour-committee", "Labour committee"),
        _suppressed("labour-court", "Labour court"),
        [
            *["labour-inspection", "Labour inspection", "14", "10", "3", "3", "4", "40", "2"],
            *["3", "2", "1", "2", "3", "", "", ""],
        ],
        # Six people, but the only other small row: shown, it would give the hotline's figures
        # away as the total minus the rows shown.
        _suppressed("shelter", "Shelter"),
        [
            "",
            "All sectors",
            "23",
            "13",
            "3",
            "3",
            "7",
            "53",
            "2",
            "3",
            "2",
            "1",
            "2",
            "3",
            "",
            "",
            "",
        ],
    ]


@pytest.mark.django_db
def test_an_organisation_managers_people_csv_holds_their_own_people_only(world, tmp_path):
    rows = _csv(
        _export(
            tmp_path,
            scope=completion.Scope.for_organisation(world.alpha),
            format="csv",
            table="people",
        )
    )
    assert rows[0][:9] == [
        "Person",
        "Name (English)",
        "Name (Arabic)",
        "Organisation",
        "Sector",
        "Region",
        "State",
        "Overdue",
        "Next due",
    ]
    today = timezone.localdate()
    by_name = {row[1]: row for row in rows[1:]}
    assert list(by_name) == [f"Person A{n}" for n in range(1, 9)]
    assert by_name["Person A1"][2:] == [
        "شخص a1",
        "Alpha Labour Office",
        "Labour inspection",
        "Riyadh",
        "Completed",
        "no",
        "",
        "1",
        "1",
        "yes",
        "yes",
        (today + timedelta(days=20)).isoformat(),
    ]
    assert by_name["Person A3"][6:11] == [
        "In progress",
        "yes",
        (today - timedelta(days=5)).isoformat(),
        "1",
        "0",
    ]
    assert by_name["Person A7"][6:] == ["Not enrolled", "no", "", "0", "0", "no", "no", ""]
    assert not any("Person B" in cell for row in rows for cell in row)


# --- XLSX -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_workbook_has_a_sheet_per_table_and_a_chart_sheet(world, tmp_path):
    path = _export(tmp_path, scope=completion.Scope.programme(), format="xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Sectors",
        "Organisations",
        "People",
        "Over time",
        "Completion by sector",
    ]
    assert len(workbook.chartsheets) == 1
    sectors = workbook["Sectors"]
    assert [cell.value for cell in sectors[1]] == SECTOR_HEADERS
    assert [cell.value for cell in sectors[6]][:7] == [
        "labour-inspection",
        "Labour inspection",
        14,
        10,
        3,
        3,
        4,
    ]
    assert [c.value for c in workbook["Organisations"][1]][:4] == [
        "Sector",
        "Organisation",
        "Region",
        "People",
    ]
    assert workbook["People"].max_row == 1 + 23
    assert not sectors.sheet_view.rightToLeft


@pytest.mark.django_db
def test_an_arabic_workbook_reads_right_to_left_with_arabic_headers(world, tmp_path):
    path = _export(tmp_path, scope=completion.Scope.programme(), format="xlsx", language="ar")
    workbook = load_workbook(path)
    assert workbook.sheetnames[:3] == ["القطاعات", "الجهات", "الأشخاص"]
    sectors = workbook["القطاعات"]
    assert [cell.value for cell in sectors[1]][1:3] == ["القطاع", "الأشخاص"]
    assert sectors[6][1].value == "التفتيش العمالي"
    assert sectors[2][2].value == "أقل من 5"
    assert all(workbook[name].sheet_view.rightToLeft for name in workbook.sheetnames[:4])
    assert [c.value for c in workbook["الجهات"][1]][:3] == ["القطاع", "الجهة", "المنطقة"]


@pytest.mark.django_db
def test_formula_like_text_is_written_as_text(world, tmp_path):
    world.bravo.name_en = '=HYPERLINK("http://x","y")'
    world.bravo.save()
    rows = _csv(
        _export(tmp_path, scope=completion.Scope.programme(), format="csv", table="organisations")
    )
    assert ["Labour inspection", '\'=HYPERLINK("http://x","y")', "Makkah"] in [r[:3] for r in rows]
    workbook = load_workbook(_export(tmp_path, scope=completion.Scope.programme(), format="xlsx"))
    (cell,) = [row[1] for row in workbook["Organisations"].iter_rows() if "HYPER" in row[1].value]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://x","y")', "s")
    people = workbook["People"]
    assert all(
        row[3].data_type == "s" and row[3].value.startswith("'")
        for row in people.iter_rows(min_row=2)
        if "HYPERLINK" in str(row[3].value)
    )


# --- Pseudonymised ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_pseudonymised_export_holds_no_personal_data(world, tmp_path):
    workbook = _export(
        tmp_path, scope=completion.Scope.programme(), format="xlsx", pseudonymised=True
    )
    people_csv = _export(
        tmp_path,
        scope=completion.Scope.programme(),
        format="csv",
        table="people",
        pseudonymised=True,
    )
    cells = _cells(workbook) + [cell for row in _csv(people_csv) for cell in row]
    everyone = [
        *world.people.values(),
        world.programme_manager,
        world.alpha_manager,
        world.bravo_manager,
    ]
    personal = {
        value
        for person in everyone
        for value in (person.name_en, person.name_ar, person.email, person.phone)
        if value
    }
    assert len(personal) == 4 * len(everyone) - (len(everyone) - 4)  # four phones
    assert not any(value in cell for value in personal for cell in cells)
    rows = _csv(people_csv)
    assert rows[0][:2] == ["Pseudonym", "Organisation"]
    # People are named by their keyed hash only, never by their id.
    assert all(re.fullmatch("[0-9a-f]{64}", row[0]) for row in rows[1:])
    pseudonyms = {row[0] for row in rows[1:]}
    # Alpha (8), Bravo (6) and Delta (6) are listed; Charlie's three are too few to show.
    assert pseudonyms == {
        pseudonym(person.pk) for key, person in world.people.items() if not key.startswith("c")
    }


@pytest.mark.django_db
def test_the_same_key_gives_the_same_pseudonym_and_another_key_another(world, tmp_path, settings):
    def pseudonyms():
        path = _export(
            tmp_path,
            scope=completion.Scope.programme(),
            format="csv",
            table="people",
            pseudonymised=True,
        )
        return [row[0] for row in _csv(path)[1:]]

    settings.HIMAYA_PSEUDONYM_KEY = "first-key-for-the-test"
    first, again = pseudonyms(), pseudonyms()
    settings.HIMAYA_PSEUDONYM_KEY = "second-key-for-the-test"
    other = pseudonyms()
    assert first == again
    assert len(first) == 20 and len(set(first)) == 20
    assert set(first).isdisjoint(other)
    assert first[0] == pseudonym(world.people["a1"].pk, key="first-key-for-the-test")


def test_no_key_no_pseudonym(settings):
    settings.HIMAYA_PSEUDONYM_KEY = ""
    with pytest.raises(Exception, match="HIMAYA_PSEUDONYM_KEY"):
        pseudonym(1)


# --- Jobs, pages and scope --------------------------------------------------------------------


def _request(client, language="en", query="", **data):
    url = f"/{language}/completion/exports/" + (f"?{query}" if query else "")
    return client.post(url, data)


@pytest.mark.django_db
def test_a_manager_asks_for_an_export_and_downloads_it(client, world):
    sign_in(client, world.programme_manager)
    response = _request(client, format="xlsx", pseudonymised="1")
    job = CompletionExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/completion/exports/{job.pk}/"
    assert (job.state, job.organisation, job.pseudonymised, job.table) == ("done", None, True, "")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Download the file" in page.content.decode()
    download = client.get(response["Location"] + "?download=1")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(
        'attachment; filename="himaya-completion-all-pseudonymised-'
    )
    content = b"".join(download.streaming_content)
    assert content[:2] == b"PK"


@pytest.mark.django_db
def test_a_double_submit_gives_one_job(client, world):
    sign_in(client, world.alpha_manager)
    first = _request(client, format="csv", table="people")
    second = _request(client, format="csv", table="people")
    assert first["Location"] == second["Location"]
    assert CompletionExport.objects.count() == 1
    _request(client, format="csv", table="sectors")
    assert CompletionExport.objects.count() == 2


@pytest.mark.django_db
def test_an_organisation_managers_export_is_frozen_to_their_organisation(client, world):
    sign_in(client, world.alpha_manager)
    _request(client, format="csv", table="people")
    job = CompletionExport.objects.get()
    assert job.organisation == world.alpha
    text = job.file.open("rb").read().decode("utf-8-sig")
    assert "Person A1" in text and "Person B1" not in text


@pytest.mark.django_db
def test_another_organisations_export_or_filter_is_a_404(client, world):
    sign_in(client, world.bravo_manager)
    _request(client, format="csv", table="people")
    bravos = CompletionExport.objects.get()
    sign_in(client, world.alpha_manager)
    assert client.get(f"/en/completion/exports/{bravos.pk}/").status_code == 404
    assert client.get(f"/en/completion/exports/{bravos.pk}/?download=1").status_code == 404
    refused = _request(client, query=f"organisation={world.bravo.pk}", format="csv", table="people")
    assert refused.status_code == 404
    assert CompletionExport.objects.count() == 1
    # The programme manager's scope covers every organisation's job.
    sign_in(client, world.programme_manager)
    assert client.get(f"/en/completion/exports/{bravos.pk}/").status_code == 200


@pytest.mark.django_db
def test_people_who_may_not_see_completion_are_refused(client, world):
    trainee = world.people["a1"]
    client.force_login(trainee)  # a trainee: no second factor needed
    assert _request(client, format="xlsx").status_code == 403
    sign_in(client, world.programme_manager)
    _request(client, format="xlsx")
    job = CompletionExport.objects.get()
    client.force_login(trainee)
    assert client.get(f"/en/completion/exports/{job.pk}/").status_code == 404
    assert client.get("/en/completion/exports/999999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "data", "message"),
    [
        ("from=2026-13-45", {"format": "xlsx"}, "is not a date"),
        ("", {"format": "pdf"}, "Choose CSV or XLSX."),
        ("", {"format": "csv", "table": "secrets"}, "Choose the table to export as CSV."),
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(client, world, query, data, message):
    sign_in(client, world.programme_manager)
    response = _request(client, query=query, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CompletionExport.objects.exists()
    assert client.get("/en/completion/exports/").status_code == 405


@pytest.mark.django_db
def test_a_large_scope_goes_to_the_task_worker_with_progress(client, world, monkeypatch):
    monkeypatch.setattr(completion_exports, "DIRECT_BUILD_MAX_PEOPLE", 5)
    enqueued = []
    task = tasks.build_completion_export_task

    class Recording:
        def enqueue(self, **kwargs):
            enqueued.append(kwargs)
            return task.enqueue(**kwargs)

    monkeypatch.setattr(tasks, "build_completion_export_task", Recording())
    sign_in(client, world.programme_manager)
    _request(client, format="xlsx")
    job = CompletionExport.objects.get()
    assert enqueued == [{"job_id": job.pk}]
    # Four organisations, then the rest: five steps, all done.
    assert (job.state, job.done, job.total, job.percent) == ("done", 5, 5, 100)


@pytest.mark.django_db
def test_a_filter_that_no_longer_reads_fails_the_job_rather_than_widening_it(world):
    job = CompletionExport.objects.create(
        requested_by=world.programme_manager,
        format="csv",
        table="people",
        filters={"organisation": "999999"},
    )
    completion_exports.build_export(job=job)
    job.refresh_from_db()
    assert (job.state, bool(job.file)) == ("failed", False)


# --- The command ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_writes_a_sectors_csv(world, tmp_path):
    output = tmp_path / "sectors.csv"
    out = io.StringIO()
    call_command(
        "export_completion",
        "--format=csv",
        f"--output={output}",
        "--sector=labour-inspection",
        stdout=out,
    )
    assert out.getvalue() == f"Wrote {output}.\n"
    rows = _csv(output)
    assert [row[:3] for row in rows] == [
        ["Code", "Sector", "People"],
        ["labour-inspection", "Labour inspection", "14"],
        ["", "All sectors", "14"],
    ]


@pytest.mark.django_db
def test_the_command_writes_an_organisations_arabic_pseudonymised_workbook(world, tmp_path):
    output = tmp_path / "alpha.xlsx"
    call_command(
        "export_completion",
        "--format=xlsx",
        f"--output={output}",
        f"--organisation={world.alpha.pk}",
        "--language=ar",
        "--pseudonymised",
        stdout=io.StringIO(),
    )
    workbook = load_workbook(output)
    people = workbook["الأشخاص"]
    assert people.max_row == 1 + 8
    assert people.sheet_view.rightToLeft
    assert "Person A1" not in _cells(output)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--sector=no-such-sector"], "There is no sector with the code 'no-such-sector'."),
        (["--organisation=999999"], "There is no organisation with the id 999999."),
        (["--output=/no/such/folder/x.csv"], "The folder /no/such/folder does not exist."),
    ],
)
def test_the_command_refuses_unknown_codes_and_ids(world, tmp_path, arguments, message):
    output = [f"--output={tmp_path / 'x.csv'}"]
    if any(argument.startswith("--output") for argument in arguments):
        output = []
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("export_completion", "--format=csv", *output, *arguments)


@pytest.mark.django_db
def test_a_sector_outside_the_organisation_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match="in that organisation"):
        call_command(
            "export_completion",
            "--format=csv",
            f"--output={tmp_path / 'x.csv'}",
            f"--organisation={world.alpha.pk}",
            "--sector=hotline",
        )


# --- Queries ----------------------------------------------------------------------------------


def _queries_for_export(tmp_path, scope) -> int:
    with CaptureQueriesContext(connection) as queries:
        _export(tmp_path, scope=scope, format="xlsx")
    return len(queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_people(world, tmp_path):
    scope = completion.Scope.programme()
    with_few = _queries_for_export(tmp_path, scope)
    for number in range(180):
        UserFactory(
            organisation=(world.alpha, world.bravo, world.delta)[number % 3],
            role=Role.TRAINEE,
            email=f"extra{number}@completion.example",
        )
    assert completion.Scope.programme().people().count() == 23 + 180
    assert _queries_for_export(tmp_path, scope) == with_few


@pytest.mark.django_db
def test_the_pages_offer_the_export_buttons(client, world):
    sign_in(client, world.programme_manager)
    page = client.get(reverse("certificates:completion")).content.decode()
    assert 'action="/en/completion/exports/' in page
    assert 'action="/en/completion/reports/' in page


@pytest.mark.django_db
def test_the_drill_down_pages_export_their_own_sector_or_organisation(client, world):
    sign_in(client, world.programme_manager)
    sector_page = client.get(reverse("certificates:completion_sector", args=["labour-inspection"]))
    assert (
        'action="/en/completion/exports/?sector=labour-inspection"' in sector_page.content.decode()
    )
    url = reverse("certificates:completion_organisation", args=[world.alpha.pk])
    page = client.get(url + "?from=2026-01-01").content.decode()
    assert (
        f'action="/en/completion/exports/?from=2026-01-01&amp;organisation={world.alpha.pk}"'
        in page
    )
    response = _request(
        client, query=f"organisation={world.alpha.pk}", format="csv", table="people"
    )
    job = CompletionExport.objects.get(pk=int(response["Location"].split("/")[-2]))
    assert job.filters == {"organisation": str(world.alpha.pk)}
    text = job.file.open("rb").read().decode("utf-8-sig")
    assert "Person A1" in text and "Person B1" not in text
