"""Charts (lms/charts.py) and the numbers beside them (lms/numbers.py): exact tables, SVG that
parses and passes the CSP, Arabic shaped into paths and laid out from the right."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from lms import charts, numbers
from lms.charts import Series

SVG = "{http://www.w3.org/2000/svg}"
LRM = "\u200e"


def parsed(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own output)


def bar_xs(chart, colour):
    """The left edges of the bars painted `colour`, in drawing order."""
    xs = []
    for path in parsed(chart).iter(f"{SVG}path"):
        if path.get("fill", "").lower() == colour.lower() and path.get("clip-path"):
            xs.append(float(re.match(r"M ([-\d.]+)", path.get("d")).group(1)))
    return xs


SECTORS_EN = ["Labour inspection", "Hotline", "Shelters"]
SECTORS_AR = ["التفتيش العمالي", "الخطوط الساخنة", "دور الإيواء"]


def completion(language, sectors):
    return charts.stacked_bars(
        title="Completion by sector",
        categories=sectors,
        series=[Series("Completed", [5, 3, None]), Series("In progress", [2, 4, 1])],
        language=language,
        value_label="people",
        category_label="Sector",
    )


# --- numbers ------------------------------------------------------------------------------------


def test_a_negative_value_reads_with_its_sign_in_front_in_arabic():
    assert numbers.format_number(-0.77, language="ar", decimals=2) == f"{LRM}-0.77"
    assert numbers.format_number(-0.77, language="en", decimals=2) == "-0.77"
    assert numbers.format_signed(-3, language="ar") == f"{LRM}-3"
    assert numbers.format_signed(12.5, language="ar", decimals=1) == f"{LRM}+12.5"
    assert numbers.format_signed(12.5, language="en", decimals=1, percent=True) == "+12.5%"
    assert numbers.format_signed(0, language="ar") == "0"


def test_percents_grouping_rounding_and_missing_values():
    assert numbers.format_percent(75, language="en") == "75%"
    assert numbers.format_percent(75, language="ar") == f"75{LRM}%{LRM}"
    assert numbers.format_percent(33.333, language="en", decimals=1) == "33.3%"
    assert numbers.format_number(1234.5, language="en", decimals=1) == "1,234.5"
    assert numbers.format_number(0.125, language="en", decimals=2) == "0.13"  # half up
    assert numbers.format_number(-0.001, language="ar", decimals=2) == "0.00"  # no "-0.00"
    assert numbers.format_number(None, language="ar") == "—"
    assert numbers.format_percent(None, language="en") == "—"


# --- tables -------------------------------------------------------------------------------------


def test_stacked_bars_table_holds_every_figure_and_marks_missing_ones():
    chart = completion("en", SECTORS_EN)
    assert chart.table == charts.DataTable(
        caption="Completion by sector",
        headers=("Sector", "Completed", "In progress"),
        rows=(
            ("Labour inspection", "5", "2"),
            ("Hotline", "3", "4"),
            ("Shelters", "—", "1"),
        ),
    )


def test_grouped_bars_in_percent_with_arabic_signs_and_a_caller_missing_label():
    chart = charts.grouped_bars(
        title="Knowledge",
        categories=SECTORS_AR[:2],
        series=[Series("قبل", [40, None]), Series("بعد", [70.5, -5])],
        language="ar",
        value_format="percent",
        category_label="القطاع",
        missing_label="أقل من 5",
    )
    assert chart.table.rows == (
        ("التفتيش العمالي", f"40{LRM}%{LRM}", f"71{LRM}%{LRM}"),
        ("الخطوط الساخنة", "أقل من 5", f"{LRM}-5{LRM}%{LRM}"),
    )
    assert chart.direction == "rtl"


def test_heat_map_table_and_grey_missing_cells():
    chart = charts.heat_map(
        title="Mastery by indicator and sector",
        rows=["Debt bondage", "Safety first"],
        columns=["Hotline", "Labour inspection"],
        values=[[100, None], [55.5, 0]],
        language="en",
        category_label="Indicator",
    )
    assert chart.table.headers == ("Indicator", "Hotline", "Labour inspection")
    assert chart.table.rows == (("Debt bondage", "100%", "—"), ("Safety first", "56%", "0%"))
    fills = [p.get("fill") for p in parsed(chart).iter(f"{SVG}path")]
    assert fills.count(charts.MISSING_FILL) == 1


def test_lines_break_at_missing_values_and_show_signed_figures():
    chart = charts.lines(
        title="Gain over time",
        x_labels=["January", "February", "March"],
        series=[Series("Hotline", [4, None, -2.5])],
        language="en",
        value_format="signed",
        decimals=1,
    )
    assert chart.table.rows == (("January", "+4.0"), ("February", "—"), ("March", "-2.5"))
    assert parsed(chart).tag == f"{SVG}svg"


def test_empty_data_still_draws_a_chart_and_an_empty_table():
    chart = charts.grouped_bars(title="Nothing yet", categories=[], series=[], language="en")
    assert chart.table.rows == ()
    assert parsed(chart).tag == f"{SVG}svg"
    html = render_to_string("charts/chart.html", {"chart": chart})
    assert "No data yet." in html


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="has 1 values, expected 3"):
        charts.grouped_bars(
            title="t", categories=SECTORS_EN, series=[Series("x", [1])], language="en"
        )


# --- SVG ----------------------------------------------------------------------------------------


def test_svg_is_well_formed_accessible_scalable_and_passes_the_csp():
    chart = completion("en", SECTORS_EN)
    root = parsed(chart)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Completion by sector"
    assert root.find(f"{SVG}title").text == "Completion by sector"
    assert root.get("width") is None and root.get("height") is None
    assert root.get("viewBox")
    # style-src 'self': no <style> element and no style attribute anywhere.
    assert not list(root.iter(f"{SVG}style"))
    assert all("style" not in element.attrib for element in root.iter())
    assert "<script" not in chart.svg and "<image" not in chart.svg
    # Every reference points at an id of this chart.
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', str(chart.svg)))
    assert refs and refs <= ids
    assert all(i.startswith("c") and "-" in i for i in ids)


def test_two_charts_on_one_page_share_no_id():
    first = parsed(completion("en", SECTORS_EN))
    second = parsed(completion("en", ["A", "B", "C"]))
    ids = lambda root: {e.get("id") for e in root.iter() if e.get("id")}  # noqa: E731
    assert not ids(first) & ids(second)


def test_labels_are_glyph_paths_and_the_table_holds_the_arabic_text():
    chart = completion("ar", SECTORS_AR)
    root = parsed(chart)
    assert not list(root.iter(f"{SVG}text"))  # shaped into paths: no font needed
    assert "الخطوط" not in str(chart.svg).replace(chart.title, "")
    html = render_to_string("charts/chart.html", {"chart": chart})
    assert '<th scope="row">الخطوط الساخنة</th>' in html
    assert 'dir="rtl"' in html


def test_arabic_uses_its_own_contextual_glyphs():
    """Shaping picks initial, medial and final forms: the same letters in Arabic and alone
    produce different glyph sets (unshaped text would reuse the isolated forms)."""

    def glyphs(labels):
        chart = charts.grouped_bars(
            title="t", categories=labels, series=[Series("s", [1])], language="ar"
        )
        return {e.get("id").split("-", 1)[1] for e in parsed(chart).iter() if e.get("id")}

    assert glyphs(["سلم"]) != glyphs(["س ل م"])


def test_arabic_categories_run_from_the_right_and_english_from_the_left():
    english = bar_xs(completion("en", SECTORS_EN), charts.PALETTE[1])
    arabic = bar_xs(completion("ar", SECTORS_AR), charts.PALETTE[1])
    assert english == sorted(english)  # first sector leftmost
    assert arabic == sorted(arabic, reverse=True)  # first sector rightmost


def test_arabic_value_axis_sits_on_the_right():
    """Value-axis labels (a column of text at one x) lie left of the first bar in English and
    right of the last bar in Arabic."""
    english, arabic = completion("en", SECTORS_EN), completion("ar", SECTORS_AR)
    en_bars = bar_xs(english, charts.PALETTE[1])
    ar_bars = bar_xs(arabic, charts.PALETTE[1])
    assert len(en_bars) == len(ar_bars) == 3
    assert max(_value_label_xs(english)) < min(en_bars)
    assert min(_value_label_xs(arabic)) > max(ar_bars)


def _value_label_xs(chart):
    """x of each text group in the tallest column of text groups sharing an x."""
    placed = []
    for group in parsed(chart).iter(f"{SVG}g"):
        match = re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", group.get("transform", ""))
        if match and group.find(f"{SVG}use") is not None:
            placed.append((float(match[1]), float(match[2])))
    columns = {}
    for x, _ in placed:
        columns.setdefault(round(x / 5), []).append(x)
    return max(columns.values(), key=len)


def test_the_include_renders_the_chart_then_its_figures():
    chart = completion("en", SECTORS_EN)
    html = render_to_string("charts/chart.html", {"chart": chart})
    assert html.index("<svg") < html.index("<table>")
    assert "<caption>Completion by sector</caption>" in html
    assert '<th scope="col">Sector</th><th scope="col">Completed</th>' in html
    assert '<tr><th scope="row">Shelters</th><td>—</td><td>1</td></tr>' in html
    assert "style=" not in html


def test_the_same_figures_are_drawn_once_and_new_figures_drawn_anew(monkeypatch):
    from django.core.cache import cache

    cache.clear()
    drawn = []
    draw = charts._chart
    monkeypatch.setattr(charts, "_chart", lambda *a, **k: drawn.append(1) or draw(*a, **k))

    def sectors(values):
        return charts.stacked_bars(
            title="Completion by sector",
            categories=["Hotlines", "Shelters"],
            series=[charts.Series("Completed", values)],
            language="en",
        )

    first = sectors([3, 4])
    again = sectors([3, 4])
    assert again == first
    assert len(drawn) == 1
    changed = sectors([3, 5])
    assert len(drawn) == 2
    assert changed.table.rows != first.table.rows
