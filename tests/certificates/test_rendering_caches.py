"""What rendering keeps between certificates changes nothing a certificate shows (issue 14).

Stylesheets are parsed once per template (certificates.pdf_css), templates compiled once, and the
QR code drawn by certificates.qr rather than qrcode's own loops. Each must give the same PDF, to
the byte, as doing the work afresh, and an edited template must print as edited.
"""

import dataclasses
import io
import random
import string

import pytest
import qrcode
from pypdf import PdfReader
from qrcode import util
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M
from reportlab import rl_config
from xhtml2pdf import pisa

from certificates import pdf_css, qr, rendering
from certificates.rendering import DEFAULT_TEMPLATE, TemplateRenderError, render_pdf
from certificates.rendering import sample_context as sample

RED, BLUE = b"1 0 0 rg", b"0 0 1 rg"


@pytest.fixture
def invariant(monkeypatch):
    """reportlab's reproducible mode: no creation time or random document id in the PDF."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    pdf_css.clear()
    yield
    pdf_css.clear()


def coloured(color: str, extra_css: str = "") -> str:
    style = "@page { size: a5 landscape; } .x { color: " + color + "; } " + extra_css
    return (
        f"<html><head><style>{style}</style></head>"
        '<body><div class="x">{{ holder_name_en }}</div><div dir="rtl">{{ holder_name_ar }}'
        "</div></body></html>"
    )


def drawing(pdf: bytes) -> bytes:
    """The page's content stream, uncompressed: what is drawn, in what colour."""
    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()


def test_a_stylesheet_parsed_before_gives_the_same_pdf_as_parsing_it_afresh(invariant):
    afresh = render_pdf(sample())
    assert pdf_css.cached_keys() == 1
    assert render_pdf(sample()) == afresh
    pdf_css.clear()
    assert render_pdf(sample()) == afresh


def test_an_edited_stylesheet_prints_as_edited(invariant):
    red = render_pdf(sample(), coloured("#ff0000"))
    blue = render_pdf(sample(), coloured("#0000ff"))
    assert RED in drawing(red) and RED not in drawing(blue) and BLUE in drawing(blue)
    # Both kept, each still its own colour; the @page (an A5 page) applies every time.
    assert render_pdf(sample(), coloured("#ff0000")) == red
    assert render_pdf(sample(), coloured("#0000ff")) == blue
    assert [round(side) for side in PdfReader(io.BytesIO(blue)).pages[0].mediabox[2:]] == [595, 420]
    assert pdf_css.cached_keys() == 2


def test_the_default_template_and_another_alternate_without_mixing(invariant):
    default, other = render_pdf(sample()), render_pdf(sample(), coloured("#ff0000"))
    for _ in range(2):
        assert render_pdf(sample()) == default
        assert render_pdf(sample(), coloured("#ff0000")) == other


def test_stylesheets_with_custom_properties_are_parsed_every_time(invariant):
    template = coloured("var(--ink)", ":root { --ink: #ff0000; }")
    first = render_pdf(sample(), template)
    assert RED in drawing(first)
    assert render_pdf(sample(), template) == first


def test_a_refused_font_is_refused_on_every_render():
    template = (
        "<html><head><style>@font-face { font-family: X; src: url(/etc/passwd); }</style></head>"
        "<body><p>x</p></body></html>"
    )
    for _ in range(2):
        with pytest.raises(TemplateRenderError, match="data: URIs"):
            render_pdf(sample(), template)


def test_the_cache_keeps_only_the_latest_stylesheets(invariant, monkeypatch):
    monkeypatch.setattr(pdf_css, "MAX_ENTRIES", 3)
    for number in range(5):
        render_pdf(sample(), coloured(f"#0000{number:02d}"))
    assert pdf_css.cached_keys() == 3


def test_other_xhtml2pdf_documents_are_not_cached(invariant):
    pisa.CreatePDF(coloured("#ff0000"), dest=io.BytesIO(), encoding="utf-8")
    assert pdf_css.cached_keys() == 0


def test_the_default_template_prints_what_it_did_before_the_caches(invariant):
    """The same bytes as rendering with xhtml2pdf's own CSS parsing."""
    context = sample()
    cached = [render_pdf(context), render_pdf(context)]
    pisa_parse = pdf_css.pisaContext.parseCSS
    pdf_css.pisaContext.parseCSS = pdf_css._original_parse_css
    try:
        plain = render_pdf(context, DEFAULT_TEMPLATE)
    finally:
        pdf_css.pisaContext.parseCSS = pisa_parse
    assert cached == [plain, plain]


# --- The QR code ----------------------------------------------------------------------------


def _qrcode(url: str, correction=ERROR_CORRECT_M):
    code = qrcode.QRCode(error_correction=correction, box_size=6, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code


def _addresses(count: int):
    rnd = random.Random(14)
    yield "https://himaya.example.org/certificates/verify/7KQF3M2XRA9DHT4P/"
    for _ in range(count):
        length = rnd.choice([1, 7, 16, 40, 65, 66, 90, 150, 300])
        yield "".join(
            rnd.choice(string.ascii_letters + string.digits + "/:.-?=&") for _ in range(length)
        )


def test_the_qr_code_is_the_one_qrcode_draws():
    for url in _addresses(150):
        buffer = io.BytesIO()
        _qrcode(url).make_image().get_image().save(buffer, format="PNG", optimize=False)
        assert qr.qr_png(url) == buffer.getvalue(), url


@pytest.mark.parametrize("correction", [ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_H])
def test_each_mask_is_chosen_and_scored_as_qrcode_does(correction):
    for url in _addresses(150):
        expected = _qrcode(url, correction)
        fast = qr._QRCode(error_correction=correction)
        fast.add_data(url)
        fast.make(fit=True)
        assert fast.modules == expected.modules, url
        assert qr.lost_point(expected.modules) == util.lost_point(expected.modules)


def test_styles_kept_per_element_follow_its_ancestors(invariant):
    """The same element under different ancestors is styled for where it is, every time."""
    template = (
        "<html><head><style>.x:dir(rtl) { color: #ff0000; } .blue .x { color: #0000ff; }"
        "</style></head><body><div dir='rtl'><div class='x'>{{ holder_name_ar }}</div></div>"
        "<div class='blue'><div class='x'>{{ holder_name_en }}</div></div>"
        "<div><div class='x'>{{ course_code }}</div></div></body></html>"
    )
    first = render_pdf(sample(), template)
    assert RED in drawing(first) and BLUE in drawing(first)
    assert render_pdf(sample(), template) == first


def test_selectors_reading_siblings_keep_xhtml2pdfs_own_cascade(invariant):
    template = (
        "<html><head><style>.x + .x { color: #ff0000; }</style></head><body>"
        "<div class='x'>{{ holder_name_en }}</div><div class='x'>{{ course_code }}</div>"
        "</body></html>"
    )
    first = render_pdf(sample(), template)
    assert RED in drawing(first)
    assert next(iter(pdf_css._sheets.values())).cascade is None
    assert render_pdf(sample(), template) == first


def test_a_font_files_digest_is_kept_until_the_file_changes(tmp_path):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"first")
    ours = pdf_css._ours.set(True)
    try:
        first = pdf_css._file_digest(str(font))
        assert first == pdf_css._original_file_digest(str(font))
        assert pdf_css._file_digest(str(font)) == first
        font.write_bytes(b"second, longer")
        second = pdf_css._file_digest(str(font))
        assert second == pdf_css._original_file_digest(str(font)) != first
    finally:
        pdf_css._ours.reset(ours)


# --- What is kept between documents ----------------------------------------------------------


def _forget_everything():
    pdf_css.clear()
    rendering._readers.clear()
    rendering._streams.clear()
    rendering._font_bytes.clear()
    rendering._kept_reshape.cache_clear()


def test_images_fonts_and_arabic_kept_between_documents_change_nothing(invariant):
    """The decoded images and their streams, the Amiri files' bytes and the joined Arabic:
    the same PDF from empty caches as from kept ones."""
    context = sample()
    _forget_everything()
    afresh = render_pdf(context)
    assert rendering._readers and rendering._streams and rendering._font_bytes
    assert render_pdf(context) == afresh
    _forget_everything()
    assert render_pdf(context) == afresh


def test_a_changed_image_is_drawn_as_changed(invariant):
    """Kept by their bytes: two QR codes, two images, each its own."""
    first = render_pdf(sample())
    other = render_pdf(
        dataclasses.replace(sample(), verification_url="https://himaya.example.org/v/OTHER/")
    )
    images = [
        {
            name: obj.get_object().get_data()
            for name, obj in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].items()
        }
        for pdf in (first, other)
    ]
    assert len(images[0]) == len(images[1]) == 2
    assert sorted(images[0].values()) != sorted(images[1].values())
    assert len(set(images[0].values()) & set(images[1].values())) == 1  # the mark


def test_other_documents_keep_xhtml2pdfs_own_image_and_font_handling(invariant):
    _forget_everything()
    pisa.CreatePDF(
        f'<html><body><img src="{rendering.logo_data_uri()}"></body></html>',
        dest=io.BytesIO(),
        encoding="utf-8",
    )
    assert not rendering._readers and not rendering._streams and not rendering._font_bytes


def _framed(size: str) -> str:
    return (
        "<html><head><style>@page { size: " + size + "; @frame box { left: 20pt; top: 30pt;"
        " right: 40pt; bottom: 50pt; -pdf-frame-border: 1; } }</style></head>"
        "<body><div>{{ holder_name_en }}</div></body></html>"
    )


def test_frames_kept_between_documents_follow_their_page(invariant):
    """An @frame read before is placed as read afresh, on the page size of its own @page."""
    fresh = {}
    for size in ("a4", "a5 landscape"):
        pdf_css.clear()
        fresh[size] = render_pdf(sample(), _framed(size))
    pdf_css.clear()
    for _ in range(2):
        for size in ("a4", "a5 landscape"):
            assert render_pdf(sample(), _framed(size)) == fresh[size]
    assert pdf_css._frames
    assert fresh["a4"] != fresh["a5 landscape"]
