"""The programme report (issue 10, item 5): a bilingual PDF in embedded Amiri, made by the task
worker, kept and listed for the viewer's scope. Figures are those of completion_world.py."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from certificates import completion, programme_report
from certificates.models import ProgrammeReport
from tests.conftest import sign_in

from .completion_world import build_programme


@pytest.fixture
def world(build_course):
    return build_programme(build_course)


class Pdf:
    def __init__(self, content: bytes):
        self.reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() for page in self.reader.pages]
        # As a reader copies it: presentation forms folded back to letters, spaces normalised.
        self.text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", "\n".join(pages)))

    def fonts(self) -> dict[str, bool]:
        """Font name → whether the font file is embedded, over every page."""
        found = {}
        for page in self.reader.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                found[str(font["/BaseFont"])] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
        return found


@pytest.fixture
def stub_pdf(monkeypatch):
    """Jobs and pages without drawing a whole report each time."""
    monkeypatch.setattr(programme_report, "render_report", lambda **kwargs: b"%PDF-1.4 stub\n")


@pytest.mark.django_db
def test_the_report_is_bilingual_in_embedded_amiri_with_its_figures_and_charts(world):
    pdf = Pdf(
        programme_report.render_report(
            scope=completion.Scope.programme(), filters=completion.Filters()
        )
    )
    assert len(pdf.reader.pages) >= 4
    fonts = pdf.fonts()
    assert fonts["/AAAAAA+Amiri-Regular"] is True
    assert fonts["/AAAAAA+Amiri-Bold"] is True
    # xhtml2pdf declares Helvetica on every page; no text is drawn in it (certificates test it).
    assert {name for name in fonts if "Amiri" not in name} <= {"/Helvetica"}
    for english in (
        "Programme report",
        "Trained and certified by sector",
        "Trained and certified by region",
        "Trained and certified by sex",
        "Overdue and expiring",
        "Knowledge gain, pre-test to post-test",
        "Labour inspection 14 10 4 40% 3 2",  # people, enrolled, completed, %, both credentials
        "All sectors 23 13 7 53% 3 2",
        "Riyadh 17",  # Alpha 8, Charlie 3, Delta 6
        "Female 5",
        "Labour inspection 2 1 2 3",  # overdue, expiring in 30, 60, 90 days
        "Completion by sector",
        "fewer than 5",
    ):
        assert english in pdf.text, english
    for arabic in ("التفتيش العمالي", "القطاع", "الأشخاص", "جميع القطاعات"):
        assert arabic in pdf.text, arabic


@pytest.mark.django_db
def test_the_charts_are_drawn_into_the_pdf(world):
    content = programme_report.render_report(
        scope=completion.Scope.for_organisation(world.alpha), filters=completion.Filters()
    )
    reader = PdfReader(io.BytesIO(content))
    drawn = b"".join(page.get_contents().get_data() for page in reader.pages)
    # The SVG bars and lines arrive as vector paths (svglib), hundreds of them.
    assert drawn.count(b" l\n") + drawn.count(b"f\n") > 100
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))
    assert "Alpha Labour Office" in text and "Bravo" not in text


@pytest.mark.django_db
def test_a_manager_makes_a_report_and_downloads_it_from_the_list(client, world):
    sign_in(client, world.programme_manager)
    response = client.post("/en/completion/reports/?from=2026-01-01")
    report = ProgrammeReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/completion/reports/{report.pk}/"
    assert (report.state, report.organisation, report.filters) == (
        "done",
        None,
        {"from": "2026-01-01"},
    )
    listing = client.get("/en/completion/reports/").content.decode()
    assert f'href="/en/completion/reports/{report.pk}/?download=1"' in listing
    assert "2026-01-01 \u2013" in listing
    download = client.get(f"/en/completion/reports/{report.pk}/?download=1")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_reports_are_kept_per_scope_and_refused_outside_it(client, world, stub_pdf):
    sign_in(client, world.alpha_manager)
    client.post("/en/completion/reports/")
    alphas = ProgrammeReport.objects.get()
    assert alphas.organisation == world.alpha
    sign_in(client, world.programme_manager)
    client.post("/en/completion/reports/")
    programmes = ProgrammeReport.objects.exclude(pk=alphas.pk).get()
    # Each list shows the reports of its own scope.
    listing = client.get("/en/completion/reports/").content.decode()
    assert f"/en/completion/reports/{programmes.pk}/" in listing
    assert f"/en/completion/reports/{alphas.pk}/" not in listing
    assert client.get(f"/en/completion/reports/{alphas.pk}/").status_code == 200
    sign_in(client, world.bravo_manager)
    assert (
        f"/en/completion/reports/{alphas.pk}/"
        not in client.get("/en/completion/reports/").content.decode()
    )
    for pk in (alphas.pk, programmes.pk):
        assert client.get(f"/en/completion/reports/{pk}/").status_code == 404
        assert client.get(f"/en/completion/reports/{pk}/?download=1").status_code == 404
    response = client.post(f"/en/completion/reports/?organisation={world.alpha.pk}")
    assert response.status_code == 404
    assert ProgrammeReport.objects.count() == 2


@pytest.mark.django_db
def test_a_double_submit_is_one_report_and_bad_input_none(client, world, stub_pdf):
    sign_in(client, world.programme_manager)
    first = client.post("/en/completion/reports/")
    second = client.post("/en/completion/reports/")
    assert first["Location"] == second["Location"]
    refused = client.post("/en/completion/reports/?to=not-a-date")
    assert refused.status_code == 400
    assert "is not a date" in refused.content.decode()
    assert ProgrammeReport.objects.count() == 1


@pytest.mark.django_db
def test_a_report_that_cannot_be_made_says_so(client, world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(programme_report, "render_report", broken)
    sign_in(client, world.programme_manager)
    response = client.post("/en/completion/reports/", follow=True)
    assert response.status_code == 200
    assert "The report could not be made." in response.content.decode()
    assert ProgrammeReport.objects.get().state == "failed"
