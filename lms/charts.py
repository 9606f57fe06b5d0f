"""Server-rendered SVG charts, each with its figures as an accessible table beside it.

Why this shape:
- **matplotlib, server side.** It lays out Arabic itself (libraqm shapes and orders it), and
  the SVG carries every glyph as a path (`svg.fonttype = "path"`), so the browser needs no font
  and nothing is fetched: no chart library, no CDN, no script.
- **Figure objects only, never pyplot.** pyplot keeps global state; a Figure with its own SVG
  canvas does not, so two requests can draw at once. Fonts are set per text element for the
  same reason (rcParams are global). A lock still serialises the drawing because FreeType
  objects inside matplotlib are not documented as thread-safe, and a chart takes milliseconds.
- **Our Content Security Policy** (`style-src 'self'`, docs/security-csp.md) refuses `<style>`
  elements and `style=""` attributes in the page, and matplotlib writes both. `_clean_svg`
  turns every style declaration into the equivalent SVG presentation attribute (which the CSP
  does not govern), drops the `<style>` element, comments (they repeat the caller's labels),
  metadata and the fixed width and height (the chart scales to its container through its
  viewBox), and prefixes every id with one derived from the chart, so that several charts on one
  page never share an id.
- **Right to left.** On Arabic pages the first category sits on the right, the value axis on the
  right, the legend on the left; titles are the page's HTML (a `<figcaption>`), not pixels.
- **Labels are the caller's**, already translated (indicator and sector names, never codes).
  Figures are formatted by `lms.numbers` in the page's language, in the chart and in its table.
- **Drawn once.** Drawing takes from 50 ms to a second (the heat map), and dashboards show the
  same figures to every manager until the data changes: a drawn chart is kept in Django's cache
  under a hash of everything it is drawn from (the maker, its arguments, matplotlib's version
  and `DRAWING_REVISION`), so new figures draw a new chart and nothing stale is ever served.
- A value of None is "no data" (or a suppressed small group): no bar or point, a grey cell in a
  heat map, and `missing_label` (default "—") in the table.
"""

import functools
import hashlib
import io
import re
import textwrap
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import fontpkg_amiri
import matplotlib
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from . import numbers

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# Okabe & Ito's palette: told apart by people with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MISSING_FILL = "#e6e6e6"
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#d0d0d0"

# Sequential blues for the heat map, light (low) to dark (high), with text colour to match.
HEAT_COLOURS = ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")

VALUE_FORMATS = ("number", "percent", "signed")

# Presentation attributes matplotlib writes as style declarations. Anything else would mean a
# matplotlib upgrade changed its output: refuse it rather than ship a style the CSP blocks.
PRESENTATION_ATTRIBUTES = frozenset(
    {
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linejoin",
        "stroke-linecap",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-miterlimit",
        "opacity",
        "clip-path",
    }
)

_drawing = threading.Lock()

# Bump when a change to this module changes what a chart looks like, so cached drawings made by
# the previous code are not served.
DRAWING_REVISION = 1
CACHE_SECONDS = 24 * 60 * 60


def _drawn_once(make):
    """Keep `make`'s chart in the cache, keyed by everything it is drawn from."""

    @functools.wraps(make)
    def cached(**arguments) -> "Chart":
        material = repr((make.__name__, _plain_data(arguments), matplotlib.__version__))
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
        key = f"chart:{DRAWING_REVISION}:{digest}"
        chart = cache.get(key)
        if chart is None:
            chart = make(**arguments)
            cache.set(key, chart, CACHE_SECONDS)
        return chart

    return cached


def _plain_data(value):
    # Lazy translations print as their proxy's address: key on the text they stand for.
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return sorted((key, _plain_data(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return [_plain_data(item) for item in value]
    if isinstance(value, Series):
        return (_plain_data(value.label), _plain_data(value.values))
    return value


@dataclass(frozen=True)
class Series:
    """One named row of values: a bar colour, a line, a legend entry, a table column."""

    label: str
    values: list[float | None]


@dataclass(frozen=True)
class DataTable:
    """The chart's figures as the table beside it: every cell already formatted."""

    caption: str
    headers: tuple[str, ...]  # the first heads the row labels
    rows: tuple[tuple[str, ...], ...]  # each starts with its row label


@dataclass(frozen=True)
class Chart:
    """What `charts/chart.html` renders: the SVG (safe markup with role="img" and an
    aria-label) and the same figures as a table."""

    title: str
    svg: SafeString
    table: DataTable
    language: str

    @property
    def direction(self) -> str:
        return "rtl" if _rtl(self.language) else "ltr"


# --- Public chart makers ------------------------------------------------------------------------


@_drawn_once
def stacked_bars(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    language: str,
    value_label: str = "",
    category_label: str = "",
    value_format: str = "number",
    decimals: int = 0,
    missing_label: str = numbers.MISSING,
) -> Chart:
    """Bars of `categories`, each stacked from `series` (e.g. completed, in progress, not
    started per sector). A None value adds nothing to its bar."""
    return _bars(**locals(), stacked=True)


@_drawn_once
def grouped_bars(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    language: str,
    value_label: str = "",
    category_label: str = "",
    value_format: str = "number",
    decimals: int = 0,
    missing_label: str = numbers.MISSING,
) -> Chart:
    """Bars of each series side by side per category (e.g. pre-test and post-test by sector,
    or a score distribution). A None value draws no bar."""
    return _bars(**locals(), stacked=False)


@_drawn_once
def lines(
    *,
    title: str,
    x_labels: list[str],
    series: list[Series],
    language: str,
    value_label: str = "",
    category_label: str = "",
    value_format: str = "number",
    decimals: int = 0,
    missing_label: str = numbers.MISSING,
) -> Chart:
    """One line per series over `x_labels` (e.g. months); a None value breaks the line."""
    _check(x_labels, series, value_format)
    rtl = _rtl(language)
    figure, axes = _figure(height=3.6)
    positions = _positions(len(x_labels), rtl)
    for index, one in enumerate(series):
        axes.plot(
            positions,
            [float("nan") if v is None else float(v) for v in one.values],
            color=PALETTE[index % len(PALETTE)],
            marker="os^Dv<>p"[index % 8],
            linewidth=2,
            label=one.label,
        )
    values = [v for one in series for v in one.values if v is not None]
    _category_axis(axes, x_labels, positions, language)
    _value_axis(axes, values, language, value_format, decimals, value_label, stacked_max=None)
    _legend(axes, series, language)
    table = _table(
        title, category_label, x_labels, series, language, value_format, decimals, missing_label
    )
    return _chart(figure, title, table, language)


@_drawn_once
def heat_map(
    *,
    title: str,
    rows: list[str],
    columns: list[str],
    values: list[list[float | None]],
    language: str,
    value_label: str = "",
    category_label: str = "",
    value_format: str = "percent",
    decimals: int = 0,
    missing_label: str = numbers.MISSING,
    maximum: float = 100.0,
) -> Chart:
    """A grid of `rows` by `columns` (e.g. indicators by sectors), each cell shaded by its value
    from 0 to `maximum` and labelled with it; None is a grey cell marked "—"."""
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one list per row, one value per column")
    if value_format not in VALUE_FORMATS:
        raise ValueError(f"value_format must be one of {VALUE_FORMATS}")
    rtl = _rtl(language)
    font = _font(language)
    figure, axes = _figure(height=max(2.4, 0.55 * len(rows) + 1.4))
    x_positions = _positions(len(columns), rtl)
    for row_index, row in enumerate(values):
        for column_index, value in enumerate(row):
            x = x_positions[column_index]
            y = len(rows) - 1 - row_index  # the first row on top
            if value is None:
                fill, ink, text = MISSING_FILL, TEXT_COLOUR, numbers.MISSING
            else:
                level = min(max(float(value) / maximum, 0.0), 1.0) if maximum else 0.0
                step = min(int(level * len(HEAT_COLOURS)), len(HEAT_COLOURS) - 1)
                fill = HEAT_COLOURS[step]
                ink = "#ffffff" if step >= 4 else TEXT_COLOUR
                text = _plain(_format(value, language, value_format, decimals))
            axes.add_patch(
                Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=fill, edgecolor="#ffffff", lw=2)
            )
            axes.text(
                x, y, text, ha="center", va="center", color=ink, fontproperties=font, fontsize=10
            )
    axes.set_xlim(-0.5, len(columns) - 0.5)
    axes.set_ylim(-0.5, len(rows) - 0.5)
    axes.set_xticks(x_positions, [_wrap(c) for c in columns], fontproperties=font, fontsize=9)
    axes.xaxis.tick_top()
    axes.set_yticks(
        [len(rows) - 1 - i for i in range(len(rows))],
        [_wrap(r, 28) for r in rows],
        fontproperties=font,
        fontsize=9,
    )
    if rtl:
        axes.yaxis.tick_right()
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    if value_label:
        axes.set_xlabel(value_label, fontproperties=font, fontsize=9, color=TEXT_COLOUR)
    table = _table(
        title,
        category_label,
        rows,
        [Series(label=c, values=[row[i] for row in values]) for i, c in enumerate(columns)],
        language,
        value_format,
        decimals,
        missing_label,
    )
    return _chart(figure, title, table, language)


# --- Drawing ------------------------------------------------------------------------------------


def _bars(
    *,
    title,
    categories,
    series,
    language,
    value_label,
    category_label,
    value_format,
    decimals,
    missing_label,
    stacked,
) -> Chart:
    _check(categories, series, value_format)
    rtl = _rtl(language)
    figure, axes = _figure(height=3.8)
    positions = _positions(len(categories), rtl)
    width = 0.7 if stacked or not series else 0.8 / len(series)
    bottoms = [0.0] * len(categories)
    for index, one in enumerate(series):
        heights = [0.0 if v is None else float(v) for v in one.values]
        if stacked:
            xs = positions
        else:
            # Side by side in reading order: the first series nearest the start of the line.
            offset = (index - (len(series) - 1) / 2) * width
            xs = [p + (-offset if rtl else offset) for p in positions]
        drawn = [
            (x, h, b)
            for x, h, b, v in zip(xs, heights, bottoms, one.values, strict=True)
            if v is not None
        ]
        if drawn:
            axes.bar(
                [x for x, _, _ in drawn],
                [h for _, h, _ in drawn],
                width=width,
                bottom=[b for _, _, b in drawn] if stacked else 0,
                color=PALETTE[index % len(PALETTE)],
                label=one.label,
                zorder=2,
            )
        if stacked:
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    values = [v for one in series for v in one.values if v is not None]
    _category_axis(axes, categories, positions, language)
    _value_axis(
        axes,
        values,
        language,
        value_format,
        decimals,
        value_label,
        stacked_max=max(bottoms, default=0) if stacked else None,
    )
    if not stacked or values:
        axes.axhline(0, color="#666666", linewidth=0.8, zorder=3)
    _legend(axes, series, language)
    table = _table(
        title, category_label, categories, series, language, value_format, decimals, missing_label
    )
    return _chart(figure, title, table, language)


def _figure(*, height: float):
    figure = Figure(figsize=(8, height), layout="constrained")
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color("#666666")
    return figure, axes


def _positions(count: int, rtl: bool) -> list[float]:
    """x positions of categories in the caller's order: from the left, or from the right."""
    return [float(count - 1 - i) if rtl else float(i) for i in range(count)]


def _category_axis(axes, labels, positions, language):
    font = _font(language)
    axes.set_xticks(positions, [_wrap(label) for label in labels], fontproperties=font, fontsize=9)
    axes.tick_params(axis="x", length=0, colors=TEXT_COLOUR)
    axes.set_xlim(-0.6, max(len(labels), 1) - 0.4)


def _value_axis(axes, values, language, value_format, decimals, value_label, *, stacked_max):
    font = _font(language)
    low = min([0.0, *map(float, values)])
    high = max([0.0, *map(float, values), *([stacked_max] if stacked_max is not None else [])])
    if high == low:
        high = low + 1
    ticks = [t for t in MaxNLocator(nbins=5).tick_values(low, high) if low <= t <= high * 1.0001]
    if value_format == "number" and decimals == 0:
        ticks = [t for t in ticks if float(t).is_integer()] or ticks
    axes.set_ylim(low, max(high, ticks[-1]) * 1.05 if high > 0 else high)
    axes.set_yticks(
        ticks,
        [_plain(_format(t, language, value_format, _tick_decimals(ticks))) for t in ticks],
        fontproperties=font,
        fontsize=9,
    )
    axes.tick_params(axis="y", length=0, colors=TEXT_COLOUR)
    axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.6, zorder=0)
    axes.set_axisbelow(True)
    if _rtl(language):
        axes.yaxis.tick_right()
        axes.yaxis.set_label_position("right")
    if value_label:
        axes.set_ylabel(value_label, fontproperties=font, fontsize=9, color=TEXT_COLOUR)


def _tick_decimals(ticks) -> int:
    return 0 if all(float(t).is_integer() for t in ticks) else 1


def _legend(axes, series, language):
    if len(series) < 2:
        return
    rtl = _rtl(language)
    handles, labels = axes.get_legend_handles_labels()
    if rtl:  # read from the right: the first series rightmost
        handles, labels = handles[::-1], labels[::-1]
    legend = axes.legend(
        handles,
        labels,
        prop=_font(language, size=9),
        loc="lower right" if rtl else "lower left",
        bbox_to_anchor=(1, 1.02) if rtl else (0, 1.02),
        ncols=min(len(series), 4),
        frameon=False,
        alignment="right" if rtl else "left",
        markerfirst=not rtl,
    )
    for text in legend.get_texts():
        text.set_color(TEXT_COLOUR)


# --- Text and numbers ---------------------------------------------------------------------------


def _rtl(language: str) -> bool:
    return (language or "en").startswith("ar")


_FONTS = {
    # Amiri (from the fontpkg-amiri package, as lms/staticfinders.py serves it) covers Arabic
    # and Latin; DejaVu Sans ships with matplotlib and reads well on screens.
    "ar": Path(fontpkg_amiri.ROOT) / "files" / "Amiri-Regular.ttf",
    "en": None,
}


def _font(language: str, size: float | None = None) -> FontProperties:
    path = _FONTS["ar" if _rtl(language) else "en"]
    if path is None:
        return FontProperties(family="DejaVu Sans", size=size)
    return FontProperties(fname=str(path), size=size)


def _wrap(label: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=False)) or label


def _plain(text: str) -> str:
    # Bidi marks keep a sign in place inside HTML paragraphs; a chart label is laid out alone.
    return text.replace("\u200e", "").replace("\u200f", "").replace("\u061c", "")


def _format(value, language, value_format, decimals) -> str:
    if value_format == "percent":
        return numbers.format_percent(value, language=language, decimals=decimals)
    if value_format == "signed":
        return numbers.format_signed(value, language=language, decimals=decimals)
    return numbers.format_number(value, language=language, decimals=decimals)


def _check(categories, series, value_format):
    if value_format not in VALUE_FORMATS:
        raise ValueError(f"value_format must be one of {VALUE_FORMATS}")
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.label!r} has {len(one.values)} values, expected {len(categories)}"
            )


def _table(title, category_label, labels, series, language, value_format, decimals, missing):
    return DataTable(
        caption=title,
        headers=(category_label, *(one.label for one in series)),
        rows=tuple(
            (
                label,
                *(
                    missing
                    if one.values[i] is None
                    else _format(one.values[i], language, value_format, decimals)
                    for one in series
                ),
            )
            for i, label in enumerate(labels)
        ),
    )


# --- SVG ----------------------------------------------------------------------------------------


def _chart(figure, title, table, language) -> Chart:
    buffer = io.BytesIO()
    with _drawing:
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
        )
    return Chart(
        title=title,
        svg=mark_safe(_clean_svg(buffer.getvalue(), title=title)),  # noqa: S308 (built by ET)
        table=table,
        language=language,
    )


_URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")


def _clean_svg(raw: bytes, *, title: str) -> str:
    """matplotlib's SVG made fit for inline use under our CSP (see the module docstring)."""
    # matplotlib wrote this from our own figure; the parser drops its comments.
    root = ET.fromstring(raw)  # noqa: S314
    prefix = "c" + hashlib.sha256(raw).hexdigest()[:10]
    referenced = set(_URL_REFERENCE.findall(raw.decode()))
    referenced |= {
        value[1:]
        for element in root.iter()
        for key, value in element.attrib.items()
        if key == f"{{{XLINK_NS}}}href" and value.startswith("#")
    }
    for element in list(root.iter()):
        for child in list(element):
            if child.tag in (f"{{{SVG_NS}}}style", f"{{{SVG_NS}}}metadata"):
                element.remove(child)
        style = element.attrib.pop("style", None)
        if style:
            for declaration in filter(None, (d.strip() for d in style.split(";"))):
                name, _, value = (part.strip() for part in declaration.partition(":"))
                if name not in PRESENTATION_ATTRIBUTES:
                    raise ValueError(f"unexpected style in matplotlib's SVG: {name}")
                element.set(name, value)
        if "id" in element.attrib:
            if element.attrib["id"] in referenced:
                element.set("id", f"{prefix}-{element.attrib['id']}")
            else:
                del element.attrib["id"]
        href = element.attrib.pop(f"{{{XLINK_NS}}}href", None)
        if href is not None:
            element.set("href", f"#{prefix}-{href[1:]}" if href.startswith("#") else href)
        for key, value in element.attrib.items():
            if "url(#" in value:
                element.set(key, _URL_REFERENCE.sub(lambda m: f"url(#{prefix}-{m[1]})", value))
    # The stylesheet matplotlib wrote said: every element round joins and butt caps.
    for name, value in (("stroke-linejoin", "round"), ("stroke-linecap", "butt")):
        root.set(name, value)
    for size in ("width", "height"):
        root.attrib.pop(size, None)
    root.set("role", "img")
    root.set("aria-label", title)
    root.set("class", "chart__image")
    root.set("focusable", "false")
    title_element = ET.Element(f"{{{SVG_NS}}}title")
    title_element.text = title
    root.insert(0, title_element)
    ET.register_namespace("", SVG_NS)
    markup = ET.tostring(root, encoding="unicode")
    return markup
