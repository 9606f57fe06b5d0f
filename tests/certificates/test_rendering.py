"""Certificate rendering: dates in both calendars, and PDFs whose fonts and Arabic are right.

No database: rendering works on a frozen CertificateContext. The PDFs are read back with pypdf,
both as a reader would copy the text (``extract_text``) and as the glyphs are actually drawn
(the text-showing operators of the content streams, decoded through each font's ToUnicode map).
"""

import dataclasses
import datetime
import hashlib
import io
import json
import random
import re
import unicodedata

import pytest
from django.db.models import TextChoices
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.platypus import flowables

from certificates import rendering
from certificates.hijri import format_gregorian, format_hijri, hijri_date
from certificates.rendering import (
    DEFAULT_TEMPLATE,
    KINDS,
    CertificateContext,
    TemplateRenderError,
    render_pdf,
    sample_context,
    validate_template,
)

# --- Dates ----------------------------------------------------------------------------------

# Values as hijridate's Umm al-Qura tables give them (checked by hand against the calendar too).
KNOWN_DATES = [
    (datetime.date(2025, 3, 15), (1446, 9, 15), "15 رمضان 1446 هـ", "15 Ramadan 1446 AH"),
    (datetime.date(2024, 3, 11), (1445, 9, 1), "1 رمضان 1445 هـ", "1 Ramadan 1445 AH"),
    (
        datetime.date(2023, 6, 28),
        (1444, 12, 10),
        "10 ذو الحجة 1444 هـ",
        "10 Dhu al-Hijjah 1444 AH",
    ),
]


@pytest.mark.parametrize(("day", "hijri", "arabic", "english"), KNOWN_DATES)
def test_hijri_dates_follow_umm_al_qura(day, hijri, arabic, english):
    assert hijri_date(day) == hijri
    assert format_hijri(day, "ar") == arabic
    assert format_hijri(day, "en") == english


@pytest.mark.parametrize(
    ("day", "arabic", "english"),
    [
        (datetime.date(2025, 3, 15), "15 مارس 2025", "15 March 2025"),
        (datetime.date(2024, 1, 1), "1 يناير 2024", "1 January 2024"),
        (datetime.date(2023, 12, 31), "31 ديسمبر 2023", "31 December 2023"),
        (datetime.date(2023, 6, 28), "28 يونيو 2023", "28 June 2023"),
    ],
)
def test_gregorian_dates_in_both_languages(day, arabic, english):
    assert format_gregorian(day, "ar") == arabic
    assert format_gregorian(day, "en") == english


def test_language_variants_are_understood_and_others_refused():
    day = datetime.date(2025, 3, 15)
    assert format_hijri(day, "ar-sa") == format_hijri(day, "ar")
    assert format_gregorian(day, "en_GB") == "15 March 2025"
    with pytest.raises(ValueError, match="Arabic or English"):
        format_hijri(day, "fr")


def test_a_date_outside_the_umm_al_qura_tables_is_a_value_error():
    with pytest.raises(ValueError, match="Umm al-Qura"):
        hijri_date(datetime.date(1900, 1, 1))


# --- The frozen context ---------------------------------------------------------------------


def test_context_round_trips_through_json():
    context = sample_context()
    stored = json.loads(json.dumps(context.as_dict()))
    assert stored["issued_on"] == "2025-03-15"
    assert stored["expires_on"] == "2028-03-14"
    assert CertificateContext.from_dict(stored) == context

    without_expiry = dataclasses.replace(context, expires_on=None)
    stored = json.loads(json.dumps(without_expiry.as_dict()))
    assert stored["expires_on"] is None
    assert CertificateContext.from_dict(stored) == without_expiry


def test_context_from_a_later_version_still_loads_and_a_short_one_says_what_is_missing():
    data = {**sample_context().as_dict(), "added_later": "ignored"}
    assert CertificateContext.from_dict(data) == sample_context()
    del data["serial"], data["hours"]
    with pytest.raises(ValueError, match="hours, serial"):
        CertificateContext.from_dict(data)


def test_a_kind_given_as_a_model_choice_is_stored_as_its_string():
    class Kind(TextChoices):
        COMPETENCY = "competency", "Certificate of competency"

    context = dataclasses.replace(sample_context(), kind=Kind.COMPETENCY)
    assert type(context.kind) is str
    assert context.as_dict()["kind"] == "competency"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        dataclasses.replace(sample_context(), kind="attendance")


# --- Reading a PDF back ---------------------------------------------------------------------


def _to_unicode_map(font) -> tuple[int, dict[bytes, str]]:
    """The code width and code → text map of a font's /ToUnicode CMap (bfchar and bfrange)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping: dict[bytes, str] = {}
    width = 1
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(code) // 2
            mapping[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            width = len(start) // 2
            first = int.from_bytes(bytes.fromhex(text), "big")
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code.to_bytes(width, "big")] = chr(first + offset)
    return width, mapping


def _drawn(reader: PdfReader, obj, resources, fonts_used: set, runs: list) -> None:
    """Walk a content stream (and the forms it draws): which fonts draw text, and what glyphs."""
    fonts = resources.get("/Font", {}) if resources else {}
    xobjects = resources.get("/XObject", {}) if resources else {}
    current = None
    for operands, operator in ContentStream(obj, reader).operations:
        if operator == b"Tf":
            current = fonts[operands[0]].get_object()
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            strings = operands[0] if operator == b"TJ" else operands[-1:]
            data = b"".join(
                item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                for item in strings
                if not isinstance(item, int | float)
            )
            if not data.strip(b"\x00"):
                continue
            fonts_used.add(current["/BaseFont"])
            width, mapping = _to_unicode_map(current)
            runs.append(
                "".join(
                    mapping.get(data[i : i + width], "\ufffd") for i in range(0, len(data), width)
                )
            )
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject["/Subtype"] == "/Form":
                _drawn(reader, xobject, xobject.get("/Resources"), fonts_used, runs)


class RenderedPdf:
    def __init__(self, pdf: bytes):
        self.bytes = pdf
        self.reader = PdfReader(io.BytesIO(pdf))
        self.page = self.reader.pages[0]
        self.text = "\n".join(page.extract_text() for page in self.reader.pages)
        # Copied text as a reader sees it: presentation forms folded back to letters, spacing
        # normalised (pypdf may double a space where a line was justified or split).
        self.plain = re.sub(r"[ \t]+", " ", unicodedata.normalize("NFKC", self.text))
        self.fonts_drawing_text: set[str] = set()
        runs: list[str] = []
        _drawn(
            self.reader,
            self.page.get_contents(),
            self.page["/Resources"],
            self.fonts_drawing_text,
            runs,
        )
        # The glyphs exactly as drawn, left to right within each run.
        self.drawn = "\n".join(runs)

    def font_resources(self) -> dict[str, dict]:
        found: dict[str, dict] = {}

        def collect(resources):
            for font in (resources or {}).get("/Font", {}).values():
                font = font.get_object()
                found[str(font["/BaseFont"])] = font
            for xobject in (resources or {}).get("/XObject", {}).values():
                xobject = xobject.get_object()
                if xobject["/Subtype"] == "/Form":
                    collect(xobject.get("/Resources"))

        collect(self.page["/Resources"])
        return found


@pytest.fixture(scope="module")
def sample_pdf() -> RenderedPdf:
    return RenderedPdf(render_pdf(sample_context()))


# --- The rendered certificate ---------------------------------------------------------------


def test_the_certificate_is_one_a4_landscape_page(sample_pdf):
    assert sample_pdf.bytes.startswith(b"%PDF")
    assert len(sample_pdf.reader.pages) == 1
    box = sample_pdf.page.mediabox
    assert float(box.width) == pytest.approx(841.89, abs=0.5)
    assert float(box.height) == pytest.approx(595.28, abs=0.5)
    assert sample_pdf.page.get("/Rotate", 0) == 0


def test_all_text_is_drawn_in_embedded_amiri(sample_pdf):
    """Amiri draws every glyph, and it is the only font embedded.

    reportlab names Helvetica in a page's resources because it selects it as the canvas's
    initial font at the top of every page; it is neither embedded nor ever draws a glyph. The
    failure this guards against, xhtml2pdf silently falling back to Helvetica, draws text with
    it, which the first assertion catches.
    """
    assert sample_pdf.fonts_drawing_text
    assert all("Amiri" in name for name in sample_pdf.fonts_drawing_text)
    assert {name.split("+")[-1] for name in sample_pdf.fonts_drawing_text} == {
        "Amiri-Regular",
        "Amiri-Bold",
    }
    fonts = sample_pdf.font_resources()
    embedded = {
        name
        for name, font in fonts.items()
        if any(key in font.get("/FontDescriptor", {}) for key in ("/FontFile", "/FontFile2"))
    }
    assert embedded and all("Amiri" in name for name in embedded)
    assert {name for name in fonts if "Amiri" not in name} <= {"/Helvetica"}


def test_english_text_serial_and_code_can_be_read_back(sample_pdf):
    context = sample_context()
    for expected in (
        context.holder_name_en,
        context.course_title_en,
        context.course_code,
        context.serial,
        "7KQF-3M2X-RA9D-HT4P",  # the code as printed, in groups of four
        "himaya.example.org/certificates/verify/7KQF3M2XRA9DHT4P",
        "Certificate of completion",
        "Issued on 15 March 2025 · 15 Ramadan 1446 AH",
        "Valid until 14 March 2028 · 18 Shawwal 1449 AH",
        context.signatory_name_en,
    ):
        assert expected in sample_pdf.plain


def _read_drawn(run: str) -> str:
    """Read a right-to-left run of drawn glyphs back into logical order.

    Reversed first, then folded with NFKC, so a lam-alef ligature decomposes the right way
    round; a number (7.5 too) is drawn left to right inside right-to-left text, so each is
    turned back. A run that was not drawn in visual order does not come back as the logical string.
    """
    logical = unicodedata.normalize("NFKC", run[::-1]).strip()
    return re.sub(r"[0-9]+(?:[.,/][0-9]+)*", lambda number: number.group()[::-1], logical)


def test_arabic_is_drawn_shaped_and_right_to_left(sample_pdf):
    """The glyphs on the page are joined forms, in visual (right-to-left) order.

    Drawn left to right, "سارة" is teh marbuta (isolated), reh (isolated), alef (final), seen
    (initial): U+FE93 U+FEAD U+FE8E U+FEB3. Read backwards and folded with NFKC, every Arabic
    line gives back the logical string.
    """
    assert "\ufe93\ufead\ufe8e\ufeb3" in sample_pdf.drawn  # ﺓﺭﺎﺳ
    lines = {_read_drawn(run) for run in sample_pdf.drawn.splitlines()}
    context = sample_context()
    assert context.holder_name_ar in lines
    assert context.course_title_ar in lines
    assert "شهادة إتمام" in lines
    assert context.signatory_title_ar in lines
    # Shaped, not merely reversed: no base Arabic letters reach the page, only joined forms.
    assert not re.search(r"[\u0621-\u063f\u0641-\u064a]", sample_pdf.drawn)


def test_arabic_copies_out_of_the_pdf_in_logical_order(sample_pdf):
    """What a reader copying the text gets: pypdf undoes the visual order of each RTL run, and
    NFKC folds the presentation forms back to letters. (A line mixing Arabic with digits or
    Latin copies out with its runs in drawing order, which is why only pure-Arabic lines are
    compared here; the drawn-glyph test above covers the rest.)
    """
    context = sample_context()
    for expected in (
        context.holder_name_ar,
        context.course_title_ar,
        "البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
        context.sector_ar,
        context.signatory_title_ar,
    ):
        assert expected in sample_pdf.plain


def test_arabic_dates_and_numbers_keep_their_order(sample_pdf):
    """In the right-to-left date lines each number is its own left-to-right run: the line is
    drawn as the whole line reversed except for the digits, which read as written."""
    lines = {_read_drawn(run) for run in sample_pdf.drawn.splitlines()}
    assert "تاريخ الإصدار: 15 رمضان 1446 هـ الموافق 15 مارس 2025" in lines
    assert "صالحة حتى: 18 شوال 1449 هـ الموافق 14 مارس 2028" in lines
    assert "عدد ساعات التدريب: 7.5" in lines


def test_a_competency_certificate_without_expiry_or_sector():
    context = dataclasses.replace(
        sample_context(), kind="competency", expires_on=None, sector_en="", sector_ar=""
    )
    pdf = RenderedPdf(render_pdf(context))
    assert "Certificate of competency" in pdf.plain
    assert "for passing the competency assessment of" in pdf.plain
    assert "شهادة كفاءة" in {_read_drawn(run) for run in pdf.drawn.splitlines()}
    assert "Valid until" not in pdf.plain
    assert "Sector:" not in pdf.plain
    assert len(pdf.reader.pages) == 1


def test_long_names_and_titles_still_fit_one_page():
    context = dataclasses.replace(
        sample_context(),
        holder_name_en="Mohammed Abdulrahman bin Khalid bin Abdulaziz Al-Muhaisini Al-Qahtani",
        holder_name_ar="محمد عبد الرحمن بن خالد بن عبد العزيز المحيسني القحطاني الشمراني",
        course_title_en=(
            "Victim-centred, trauma-informed communication and working with interpreters "
            "during labour inspections of domestic workers' accommodation"
        ),
        course_title_ar=(
            "التواصل المتمحور حول الضحية والمراعي للصدمات والعمل مع المترجمين "
            "في التفتيش العمالي على مساكن العمالة المنزلية"
        ),
        organisation_en=(
            "General Directorate of Labour Inspection and Development of the Work "
            "Environment, Eastern Province Branch"
        ),
    )
    pdf = RenderedPdf(render_pdf(context))
    assert len(pdf.reader.pages) == 1
    assert context.serial in pdf.plain
    assert rendering.template_variables(context)["columns_fit"] is False  # boxed, shrunk


LONG_TEXTS = {
    "holder_name_en": "Mohammed Abdulrahman bin Khalid bin Abdulaziz Al-Muhaisini Al-Qahtani",
    "course_title_en": (
        "Victim-centred, trauma-informed communication and working with interpreters "
        "during labour inspections of domestic workers' accommodation"
    ),
    "organisation_en": (
        "General Directorate of Labour Inspection and Development of the Work "
        "Environment, Eastern Province Branch"
    ),
}


def test_the_columns_are_set_in_a_shrinking_box_only_when_they_may_not_fit():
    assert rendering.template_variables(sample_context())["columns_fit"] is True
    long = dataclasses.replace(sample_context(), **LONG_TEXTS)
    assert rendering.template_variables(long)["columns_fit"] is False
    assert 'style="-pdf-keep-in-frame-mode: shrink"' not in rendering._html(
        sample_context(), DEFAULT_TEMPLATE
    )
    assert rendering._html(long, DEFAULT_TEMPLATE).count("-pdf-keep-in-frame-mode: shrink") == 2


def test_columns_said_to_fit_do_fit(monkeypatch):
    """Measured as drawn: each column's height, in a template that always boxes them."""
    heights = []
    list_wrap_on = flowables._listWrapOn

    def measuring(content, width, canvas, *args, **kwargs):
        size = list_wrap_on(content, width, canvas, *args, **kwargs)
        heights.append(size[1])
        return size

    monkeypatch.setattr(flowables, "_listWrapOn", measuring)
    boxed = DEFAULT_TEMPLATE.replace("{% if not columns_fit %}", "{% if True %}")
    words = "victims of trafficking identification referral labour inspection التعرف على ضحايا"
    rnd = random.Random(14)
    fitted = 0
    for _ in range(30):
        text = {
            field: " ".join(rnd.choice(words.split()) for _ in range(rnd.randint(1, limit)))
            for field, limit in (
                ("course_title_en", 28),
                ("course_title_ar", 28),
                ("organisation_en", 14),
                ("organisation_ar", 14),
                ("holder_name_en", 8),
                ("holder_name_ar", 8),
            )
        }
        context = dataclasses.replace(sample_context(), kind=rnd.choice(list(KINDS)), **text)
        if not rendering.template_variables(context)["columns_fit"]:
            continue
        fitted += 1
        heights.clear()
        render_pdf(context, boxed)
        assert len(heights) == 2 and max(heights) <= rendering.COLUMN_HEIGHT, (heights, text)
    assert fitted >= 5


def test_markup_in_a_name_is_printed_not_interpreted():
    context = dataclasses.replace(sample_context(), holder_name_en="Sara <b>O'Brien</b> & Co")
    assert "Sara <b>O'Brien</b> & Co" in RenderedPdf(render_pdf(context)).plain


def test_the_default_template_renders_without_xhtml2pdf_warnings(caplog):
    with caplog.at_level("WARNING", logger="xhtml2pdf"):
        render_pdf(sample_context())
    assert [record.getMessage() for record in caplog.records] == []


def test_rendering_twenty_certificates():
    digests = set()
    for number in range(20):
        context = dataclasses.replace(
            sample_context(),
            serial=f"HMY-2025-{number:06d}",
            holder_name_en=f"Trainee {number}",
            issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=17 * number),
        )
        pdf = render_pdf(context)
        assert pdf.startswith(b"%PDF")
        digests.add(hashlib.sha256(pdf).hexdigest())
    assert len(digests) == 20


# --- Templates that cannot make a certificate -----------------------------------------------


def test_the_default_template_is_valid():
    validate_template(DEFAULT_TEMPLATE)


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("<html><body>{% if %}x{% endif %}</body></html>", "syntax"),
        ("<html><body>{% if holder_name_en %}unclosed</body></html>", "syntax"),
        ("<html><body>{{ holder_name_en|nosuchfilter }}</body></html>", "syntax"),
        ("{% load static %}<html><body>x</body></html>", "syntax"),
        ("<html><body>{% include 'other.html' %}</body></html>", "render"),
    ],
)
def test_a_broken_template_is_refused_with_its_reason(template, reason):
    with pytest.raises(TemplateRenderError, match=reason):
        validate_template(template)


def test_a_template_cannot_silently_lose_amiri():
    helvetica_arabic = '<html><body style="font-family: Helvetica"><div dir="rtl">سارة</div>'
    with pytest.raises(TemplateRenderError, match="no glyph"):
        validate_template(helvetica_arabic)
    with pytest.raises(TemplateRenderError, match="font-family that is not available"):
        validate_template('<html><body style="font-family: NoSuchFont">x</body></html>')


def test_a_template_without_any_font_declaration_still_gets_amiri():
    pdf = RenderedPdf(
        render_pdf(sample_context(), "<html><body><div dir='rtl'>{{ holder_name_ar }}</div>")
    )
    assert pdf.fonts_drawing_text == {"/AAAAAA+Amiri-Regular"}


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="/etc/hostname">',
        '<img src="file:///etc/hostname">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        "<style>@font-face { font-family: X; src: url(/etc/passwd); }</style>",
    ],
)
def test_a_template_may_read_no_file_and_no_url(reference):
    with pytest.raises(TemplateRenderError, match="data: URIs"):
        validate_template(f"<html><body>{reference}<p>x</p></body></html>")
