"""Certificate PDFs: a frozen context, a Django template, xhtml2pdf, Amiri.

This module knows nothing of models. ``services`` builds a :class:`CertificateContext`
(:mod:`certificates.context`, kept apart so that issuing never imports xhtml2pdf) once, at
issue, stores ``context.as_dict()`` on the certificate row and renders it with
:func:`render_pdf`; renaming a person or editing a template later never changes that PDF.

Templates
---------
A template is Django template syntax rendered by a bare ``django.template.Engine`` (the built-in
tags and filters only, autoescaping on) and handed to xhtml2pdf. These variables are available:

Frozen facts, the :class:`CertificateContext` fields, all strings except the two dates:
    ``serial``, ``verification_code``, ``verification_url`` (absolute), ``kind``
    (``"completion"`` or ``"competency"``), ``holder_name_en``, ``holder_name_ar``,
    ``course_title_en``, ``course_title_ar``, ``course_code``, ``sector_en``, ``sector_ar``,
    ``organisation_en``, ``organisation_ar`` (the last four may be empty), ``hours``,
    ``issued_on`` and ``expires_on`` (``datetime.date``; ``expires_on`` may be ``None``),
    ``signatory_name_en``, ``signatory_name_ar``, ``signatory_title_en``,
    ``signatory_title_ar``, ``template_version``, and the programme's names as they were at issue
    (the admin's certificate settings): ``programme_name_en``, ``programme_name_ar`` ("Himaya" /
    "حماية"), ``programme_full_name_en``, ``programme_full_name_ar`` (its long name).

Derived at render time:
    ``kind_title_en``, ``kind_title_ar``: "Certificate of completion" / "شهادة إتمام", or
        "Certificate of competency" / "شهادة كفاءة".
    ``issued_gregorian_en``, ``issued_gregorian_ar``: "15 March 2025" / "15 مارس 2025".
    ``issued_hijri_en``, ``issued_hijri_ar``: "15 Ramadan 1446 AH" / "15 رمضان 1446 هـ".
    ``expires_gregorian_en``, ``expires_gregorian_ar``, ``expires_hijri_en``,
        ``expires_hijri_ar``: likewise, or ``""`` when the certificate does not expire.
    ``qr_data_uri``: a ``data:image/png;base64,…`` QR code of ``verification_url``.
    ``logo_data_uri``: the programme's mark, a ``data:image/png;base64,…`` PNG.
    ``verification_url_display``: ``verification_url`` without its scheme, for printing.
    ``verification_code_display``: the code in groups of four, "7KQF-3M2X-RA9D-HT4P".
    ``holder_name_size_en``, ``holder_name_size_ar``: the holder's name's font size in points
        (23 at most, 13 at least), so that a long name shrinks or wraps on its own line instead
        of shrinking the whole certificate.
    ``columns_fit``: whether the default certificate's two columns, as this certificate fills
        them, fit their frames with room to spare (measured in Amiri); when they may not, the
        default template sets each in a box that shrinks it to fit, which costs a twentieth of
        a render (:func:`columns_fit`).

What xhtml2pdf needs from a template
------------------------------------
- Amiri (regular and bold) is registered by the renderer itself, with absolute paths, and is
  the default ``font-family``, so a template cannot fall back to Helvetica by forgetting it.
  xhtml2pdf's own fallback is silent; here a glyph no font can draw, or a ``font-family`` that
  names no registered font, fails the render instead (:class:`TemplateRenderError`).
- Arabic is shaped and laid out right to left only inside a block with ``dir="rtl"`` (``div``,
  ``p``); in a table cell, put a ``<div dir="rtl">`` inside the ``<td>``. ``<span dir="ltr">``
  is ignored, so a code, serial or URL goes in an element of its own rather than inside an
  Arabic sentence.
- The document may read nothing but the font files: no network, no local paths. Images are
  ``data:`` URIs.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import dataclasses
import functools
import io
import os
import threading
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

import arabic_reshaper
import fontpkg_amiri
from django.template import Context, Engine, TemplateSyntaxError
from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from xhtml2pdf import files as pisa_files
from xhtml2pdf import pisa
from xhtml2pdf import util as pisa_util
from xhtml2pdf import xhtml2pdf_reportlab as pisa_reportlab
from xhtml2pdf.config.resources import ResourceAccessPolicy
from xhtml2pdf.default import DEFAULT_CSS

from . import pdf_css
from .context import (
    DEFAULT_TEMPLATE,
    KINDS,
    CertificateContext,
    sample_context,
)
from .hijri import format_gregorian, format_hijri
from .qr import qr_data_uri

__all__ = [
    "DEFAULT_TEMPLATE",
    "KINDS",
    "CertificateContext",
    "TemplateRenderError",
    "render_pdf",
    "sample_context",
    "template_variables",
    "validate_template",
]

FONT_DIR = (Path(fontpkg_amiri.ROOT) / "files").resolve()
FONT_FILES = {
    "Amiri-Regular.ttf": FONT_DIR / "Amiri-Regular.ttf",
    "Amiri-Bold.ttf": FONT_DIR / "Amiri-Bold.ttf",
}

# Given to xhtml2pdf as its user-agent stylesheet, below the template's own CSS: every template
# gets Amiri, by absolute path, whatever it declares.
FONT_CSS = f"""
@font-face {{ font-family: Amiri; src: url("{FONT_FILES["Amiri-Regular.ttf"]}"); }}
@font-face {{ font-family: Amiri; src: url("{FONT_FILES["Amiri-Bold.ttf"]}"); font-weight: bold; }}
html, body {{ font-family: Amiri; }}
"""

# The only files a certificate may read. Templates are edited in the admin, so the renderer
# must not lend them the server's filesystem or network position: no remote fetches at all, local
# reads confined to the font folder, and xhtml2pdf's limits on size, depth and time.
RESOURCE_POLICY = ResourceAccessPolicy.server(base_dir=FONT_DIR, allow_remote=False)

# xhtml2pdf joins Arabic letters with arabic_reshaper's default reshaper, which deletes the
# harakat (short vowels, shadda) by default: a name written "مُحَمَّد" printed as "محمد", unlike
# the verification page. Keep them; Amiri's marks have no advance width and sit on their letter.
arabic_reshaper.default_reshaper.configuration["delete_harakat"] = "no"


class _Settings(dict):
    """The reshaper's settings read once: it reads each through configparser on every call,
    five or more a run of Arabic text (about 1 ms of a certificate); the same values."""

    def __init__(self, section):
        super().__init__(section.items())
        self._booleans = {}
        for name in self:
            with contextlib.suppress(ValueError):
                self._booleans[name] = section.getboolean(name)

    def get(self, name, fallback=None):
        return super().get(name.lower(), fallback)  # configparser's names are lower case

    def getboolean(self, name, fallback=None):
        return self._booleans.get(name.lower(), fallback)


if not isinstance(arabic_reshaper.default_reshaper.configuration, _Settings):
    arabic_reshaper.default_reshaper.configuration = _Settings(
        arabic_reshaper.default_reshaper.configuration
    )

# Every certificate of a template has the same stylesheets, and its elements the same styles:
# both are worked out once per process (certificates.pdf_css).
pdf_css.install()

# The holder's name: its largest and smallest size, and the width it has on the default
# certificate (one column of the A4 landscape page, less its padding), in points.
HOLDER_NAME_MAX_SIZE = 23
HOLDER_NAME_MIN_SIZE = 13
HOLDER_NAME_WIDTH = 340
_MEASURING_FONT = "Himaya-Amiri-Bold-measure"

TEAL = "#0f4c5c"
GOLD = "#a8843f"

# xhtml2pdf warnings that mean some text will not be drawn in Amiri: a missing glyph (boxes) or a
# font-family it does not know (silently Helvetica). A certificate with either is broken. Matched
# on the start of xhtml2pdf's own message, which is why xhtml2pdf is pinned to 0.2.*.
_FONT_PROBLEMS = {
    "No font this document has can draw": (
        "some characters have no glyph in the font the template asks for; use font-family: Amiri"
    ),
    "None of the font families": (
        "the template names a font-family that is not available; use font-family: Amiri"
    ),
}


class TemplateRenderError(Exception):
    """The template cannot be turned into a certificate PDF; the message says why."""


def template_variables(context: CertificateContext) -> dict[str, Any]:
    """What a template sees: the frozen fields and what is derived from them (module docstring)."""
    kind_title_en, kind_title_ar = KINDS[context.kind]
    variables: dict[str, Any] = {
        **{field.name: getattr(context, field.name) for field in dataclasses.fields(context)},
        "kind_title_en": kind_title_en,
        "kind_title_ar": kind_title_ar,
        "qr_data_uri": qr_data_uri(context.verification_url),
        "logo_data_uri": logo_data_uri(),
        "verification_url_display": _without_scheme(context.verification_url),
        "verification_code_display": _grouped(context.verification_code),
        "holder_name_size_en": holder_name_size(context.holder_name_en),
        "holder_name_size_ar": holder_name_size(context.holder_name_ar),
    }
    for prefix, day in (("issued", context.issued_on), ("expires", context.expires_on)):
        for language in ("en", "ar"):
            variables[f"{prefix}_gregorian_{language}"] = (
                format_gregorian(day, language) if day else ""
            )
            variables[f"{prefix}_hijri_{language}"] = format_hijri(day, language) if day else ""
    variables["columns_fit"] = columns_fit(variables)
    return variables


# The default certificate's columns (certificates/pdf/default.html): their frames' width and
# height, and what each holds, block by block: its space above and its lines, each as (text,
# size, bold). A line of Amiri is as tall as the font's ascent and descent, 1.76 times its size
# (more than the template's line-height of 1.3). Measured at nine tenths of the width, against
# the frame's height less 12 points: the render takes as much room as measured, or less.
COLUMN_WIDTH = 361
COLUMN_HEIGHT = 340
_LINE_HEIGHT = 1.3


def _column(v: dict[str, Any], language: str) -> list[tuple[float, list[tuple[str, float, bool]]]]:
    en = language == "en"
    competency = v["kind"] == "competency"
    hours = (
        f"{v['hours']} training hour{'' if v['hours'] == '1' else 's'}"
        if en
        else f"عدد ساعات التدريب: {v['hours']}"
    )
    details = [hours]
    if v[f"sector_{language}"]:
        details.append(("Sector: " if en else "القطاع: ") + v[f"sector_{language}"])
    if v[f"organisation_{language}"]:
        details.append(("Organisation: " if en else "الجهة: ") + v[f"organisation_{language}"])
    if en:
        lead = (
            "for passing the competency assessment of"
            if competency
            else "for completing the course"
        )
        dates = [f"Issued on {v['issued_gregorian_en']} · {v['issued_hijri_en']}"]
        if v["expires_on"]:
            dates.append(f"Valid until {v['expires_gregorian_en']} · {v['expires_hijri_en']}")
    else:
        lead = "لاجتياز تقييم الكفاءة في دورة" if competency else "لإتمام دورة"
        dates = [f"تاريخ الإصدار: {v['issued_hijri_ar']} الموافق {v['issued_gregorian_ar']}"]
        if v["expires_on"]:
            dates.append(f"صالحة حتى: {v['expires_hijri_ar']} الموافق {v['expires_gregorian_ar']}")
    awarded = "This certificate is awarded to" if en else "تمنح هذه الشهادة إلى"
    return [
        (0, [(v[f"kind_title_{language}"], 22, True)]),
        (
            8,
            [
                (awarded, 10.5, False),
                (v[f"holder_name_{language}"], v[f"holder_name_size_{language}"], True),
            ],
        ),
        (8, [(lead, 10.5, False), (v[f"course_title_{language}"], 14.5, True)]),
        (6, [(v["course_code"], 10, True)]),
        (0, [(line, 10, False) for line in details]),
        (16, [(line, 9.5, False) for line in dates]),
    ]


def columns_fit(variables: dict[str, Any]) -> bool:
    """Whether both columns of the default certificate surely fit their frames as drawn."""
    width = COLUMN_WIDTH * 0.9
    ascent, descent = pdfmetrics.getAscentDescent(_measuring_font(), 1)
    line_height = max(_LINE_HEIGHT, ascent - descent)
    for language in ("en", "ar"):
        height = 0.0
        for space, lines in _column(variables, language):
            height += space
            for text, size, bold in lines:
                height += _lines(text, size, bold, width) * size * line_height
        if height > COLUMN_HEIGHT - 12:
            return False
    return True


def _lines(text: str, size: float, bold: bool, width: float) -> int:
    """How many lines ``text`` takes at ``size`` broken at spaces into ``width`` points."""
    font = _measuring_font() if bold else _measuring_font_regular()
    space = pdfmetrics.stringWidth(" ", font, size)
    lines, used = 1, 0.0
    shaped = _kept_reshape(text, None) if pisa_util._RTL_CHARS.search(text) else text
    for word in shaped.split():
        word_width = pdfmetrics.stringWidth(word, font, size)
        if used and used + space + word_width > width:
            lines, used = lines + 1, 0.0
        if word_width > width:  # a word longer than the line: broken wherever
            lines += int(word_width // width)
            word_width %= width
        used += (space if used else 0) + word_width
    return lines


def holder_name_size(name: str) -> int:
    """The largest size, up to HOLDER_NAME_MAX_SIZE points, at which ``name`` fits on one line
    of the holder's column; HOLDER_NAME_MIN_SIZE for a name too long even then (it wraps)."""
    width = pdfmetrics.stringWidth(
        arabic_reshaper.reshape(name), _measuring_font(), HOLDER_NAME_MAX_SIZE
    )
    if width <= HOLDER_NAME_WIDTH:
        return HOLDER_NAME_MAX_SIZE
    return max(HOLDER_NAME_MIN_SIZE, int(HOLDER_NAME_MAX_SIZE * HOLDER_NAME_WIDTH / width))


@functools.cache
def _measuring_font() -> str:
    pdfmetrics.registerFont(TTFont(_MEASURING_FONT, str(FONT_FILES["Amiri-Bold.ttf"])))
    return _MEASURING_FONT


@functools.cache
def _measuring_font_regular() -> str:
    name = "Himaya-Amiri-Regular-measure"
    pdfmetrics.registerFont(TTFont(name, str(FONT_FILES["Amiri-Regular.ttf"])))
    return name


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


def _grouped(code: str, size: int = 4) -> str:
    """The code in groups, 7KQF3M2XRA9DHT4P → 7KQF-3M2X-RA9D-HT4P: easier to read and type."""
    return "-".join(code[start : start + size] for start in range(0, len(code), size))


@functools.cache
def logo_data_uri() -> str:
    """The programme's mark: a teal shield with a gold rim, a sheltering arch over a person.

    Drawn with Pillow because xhtml2pdf cannot draw SVG inline; drawn at four times its size and
    scaled down so its edges are smooth. The same bytes every time, so it is made once.
    """
    scale, width, height = 4, 120, 140
    centre = width / 2
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)

    def shield(inset: float) -> list[tuple[float, float]]:
        # A heater shield: straight top and sides, then two convex curves meeting at the point.
        left, right, top = 4 + inset, width - 4 - inset, 4 + inset
        shoulder, tip = 70, height - 4 - inset * 1.4
        control_y = shoulder + (tip - shoulder) * 0.55
        points = [(left, top), (right, top), (right, shoulder)]
        steps = 32
        for step in range(1, steps + 1):  # a quadratic Bézier from the shoulder to the point
            t = step / steps
            x = (1 - t) ** 2 * right + 2 * (1 - t) * t * right + t**2 * centre
            y = (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * control_y + t**2 * tip
            points.append((x, y))
        points += [(width - x, y) for x, y in reversed(points[2:-1])]
        return [(x * scale, y * scale) for x, y in points]

    def box(x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [x0 * scale, y0 * scale, x1 * scale, y1 * scale]

    draw.polygon(shield(0), fill=TEAL)
    rim = shield(6)
    draw.line([*rim, rim[0], rim[1]], fill=GOLD, width=10, joint="curve")
    draw.arc(box(centre - 32, 24, centre + 32, 88), start=180, end=360, fill=GOLD, width=24)
    draw.ellipse(box(centre - 10, 40, centre + 10, 60), fill="white")
    draw.chord(box(centre - 22, 64, centre + 22, 108), start=180, end=360, fill="white")
    # 180 x 210 pixels for a mark printed about 19 mm wide: 240 dpi, and a small PDF. Kept as
    # 32 colours (three inks and their smoothed edges; no difference to see): 4 KB of PNG, not
    # 14 KB, which every certificate's HTML carries through the parser (about 4 ms of one).
    smooth = image.resize((width * 3 // 2, height * 3 // 2), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    smooth.quantize(colors=32, dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


class _Resources:
    """xhtml2pdf's ``link_callback`` for one render: the Amiri files by name or absolute path.

    Anything else a template refers to (a file, a URL) is noted and left unresolved, and the
    resource policy then refuses it; the render fails saying which it was, rather than printing
    a certificate with a hole in it. ``data:`` URIs pass through untouched.
    """

    cache_css = True  # marks Himaya's documents for certificates.pdf_css

    def __init__(self):
        self.refused: list[str] = []

    def __call__(self, uri: str, rel: str | None) -> str | None:
        if not uri or str(uri).startswith("data:"):
            return None
        path = FONT_FILES.get(Path(str(uri).removeprefix("file://")).name)
        if path is not None and str(uri).removeprefix("file://") in {path.name, str(path)}:
            return str(path)
        self.refused.append(str(uri)[:120])
        return None


# Images kept between documents. xhtml2pdf decodes each image of a document twice (to size it,
# then to draw it) and reportlab converts it to raw pixels and deflates them for every PDF: the
# programme's mark, the same bytes on every certificate, cost about a tenth of one (issue 14).
# For Himaya's documents only, an image's decoded reader is kept by its bytes, and its PDF
# stream by reportlab's own name for it (a digest of those bytes and the mask): the same PDF,
# byte for byte, as doing the work afresh. Any other xhtml2pdf or reportlab call in the process
# works as before.
MAX_KEPT_IMAGES = 8
_ours = contextvars.ContextVar("himaya_pdf", default=False)
_images_lock = threading.Lock()
_readers: OrderedDict[bytes, Any] = OrderedDict()
_streams: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_original_get_image = pisa_reportlab.PmlImage.getImage
_original_load_image = pdfdoc.PDFImageXObject.loadImageFromSRC
_STREAM_FIELDS = ("width", "height", "streamContent", "_filters", "colorSpace", "bitsPerComponent")


def _keep(cache: OrderedDict, key, value):
    with _images_lock:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > MAX_KEPT_IMAGES:
            cache.popitem(last=False)
    return value


def _get_image(image):
    """xhtml2pdf's PmlImage.getImage, the decoded raster kept by the image's bytes."""
    data = image._imgdata
    if not _ours.get() or not data or pisa_reportlab.looks_like_svg(data, image.mimetype):
        return _original_get_image(image)
    with _images_lock:
        reader = _readers.get(data)
    if reader is None:
        reader = _keep(_readers, data, _original_get_image(image))
    return reader


def _load_image(xobject, source):
    """reportlab's PDFImageXObject.loadImageFromSRC, the image's stream kept by its name."""
    if not _ours.get() or not isinstance(source, pisa_reportlab.PmlImageReader):
        return _original_load_image(xobject, source)
    key = (xobject.name, repr(xobject.mask), rl_config.useA85)
    with _images_lock:
        kept = _streams.get(key)
    if kept is None:
        deflate = _fully_deflated.set(True)  # an image is deflated once, so fully
        try:
            _original_load_image(xobject, source)
        finally:
            _fully_deflated.reset(deflate)
        if getattr(xobject, "_smask", None) is None:  # a soft mask is an object of its own
            _keep(
                _streams,
                key,
                {**{f: getattr(xobject, f) for f in _STREAM_FIELDS}, "mask": xobject.mask},
            )
        return None
    for field, value in kept.items():
        setattr(xobject, field, value)
    return None


pisa_reportlab.PmlImage.getImage = _get_image


# Arabic text joined once per text and font. xhtml2pdf reshapes every run of Arabic of every
# document (arabic_reshaper, a Python loop over the letters and a search for ligatures, then a
# glyph check in the font); most runs are the same on every certificate. The answer depends on
# nothing but the text, the font and the reshaper's settings, which are fixed above.
_original_reshape_for = pisa_util._reshape_for


@functools.lru_cache(maxsize=2048)
def _kept_reshape(text: str, font_name: str | None) -> str:
    return _original_reshape_for(text, font_name)


def _reshape_for(text: str, font_name: str | None) -> str:
    if not _ours.get():
        return _original_reshape_for(text, font_name)
    return _kept_reshape(text, font_name)


pisa_util._reshape_for = _reshape_for


# The Amiri files read once. xhtml2pdf reads each font file whole, twice a document, only to
# check that it can (its @font-face: the file exists, and then its path for reportlab, which
# has the font registered already): 1.7 MB a certificate, about 3 ms. For Himaya's documents its
# own code still resolves and checks each path against the resource policy; only the reading
# of the two Amiri files is answered from memory, while the file's size and time are unchanged.
_font_bytes: dict[tuple[str, int, int], bytes] = {}
_FONT_PATHS = {str(path) for path in FONT_FILES.values()}


def _open(file, mode="r", *args, **kwargs):
    if _ours.get() and mode == "rb" and not args and not kwargs and str(file) in _FONT_PATHS:
        stat = os.stat(file)
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        data = _font_bytes.get(key)
        if data is None:
            with open(file, "rb") as handle:
                data = _font_bytes[key] = handle.read()
        return io.BytesIO(data)
    return open(file, mode, *args, **kwargs)


pisa_files.open = _open


# PDF streams deflated at zlib's level 1 rather than its default 6: for a certificate, whose
# streams are mostly its two font subsets, 2 ms faster and 5 % larger (about 2 KB). Images,
# deflated once and kept, keep the default level.
_fully_deflated = contextvars.ContextVar("himaya_fully_deflated", default=False)


class _FastDeflate:
    @staticmethod
    def compress(data, level=-1):
        fast = level == -1 and _ours.get() and not _fully_deflated.get()
        return zlib.compress(data, 1 if fast else level)

    decompress = staticmethod(zlib.decompress)


pdfdoc.zlib = _FastDeflate
pdfdoc.PDFImageXObject.loadImageFromSRC = _load_image


_engine = Engine(debug=False, libraries={}, autoescape=True)


@functools.lru_cache(maxsize=16)
def _compiled(template: str):
    """A template compiled once per process: every certificate of it shares the text."""
    return _engine.from_string(template)


def _html(context: CertificateContext, template: str) -> str:
    try:
        compiled = _compiled(template)
    except TemplateSyntaxError as error:
        raise TemplateRenderError(f"Template syntax error: {error}") from error
    try:
        return compiled.render(Context(template_variables(context)))
    except Exception as error:
        raise TemplateRenderError(f"The template failed to render: {error}") from error


def render_pdf(context: CertificateContext, template: str = DEFAULT_TEMPLATE) -> bytes:
    """The certificate's PDF, or :class:`TemplateRenderError` saying why there is none."""
    return html_to_pdf(_html(context, template))


def html_to_pdf(html: str) -> bytes:
    """Any Himaya document (certificate, transcript) from HTML, in embedded Amiri, with no file
    or network access; :class:`TemplateRenderError` when it cannot be made cleanly."""
    resources = _Resources()
    output = io.BytesIO()
    ours = _ours.set(True)
    try:
        status = pisa.CreatePDF(
            html,
            dest=output,
            link_callback=resources,
            default_css=DEFAULT_CSS + FONT_CSS,
            resource_policy=RESOURCE_POLICY,
            encoding="utf-8",
        )
    except Exception as error:
        raise TemplateRenderError(f"The PDF could not be made: {error}") from error
    finally:
        _ours.reset(ours)
    problems = [
        f"the template refers to {uri!r}; a certificate may use only images written as data: "
        "URIs and the built-in Amiri font"
        for uri in dict.fromkeys(resources.refused)
    ]
    for level, _line, message, fragment in status.log:
        explanation = next(
            (text for start, text in _FONT_PROBLEMS.items() if str(message).startswith(start)),
            str(message) if level == "error" else None,
        )
        problem = f"{explanation} (near {fragment})" if explanation else None
        if problem and problem not in problems:
            problems.append(problem)
    if status.err or problems:
        raise TemplateRenderError("The PDF could not be made: " + "; ".join(problems) + ".")
    pdf = output.getvalue()
    if not pdf.startswith(b"%PDF"):
        raise TemplateRenderError("The PDF could not be made: the renderer produced no output.")
    return pdf


def validate_template(template: str) -> None:
    """Render the sample certificate with ``template``; TemplateRenderError if that fails."""
    render_pdf(sample_context(), template)
