"""The completion dashboard's charts, drawn by `lms.charts` from the figures of
`certificates.completion`: the pages and the programme report show the same charts."""

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lms import charts
from lms.bilingual import in_active_language

from . import completion


def dashboard_charts(scope, filters, today, *, table, by_sector: bool = True, figures=None) -> list:
    """The dashboard's charts, drawn by `lms.charts` from the same figures as the tables:
    completion by sector (or organisation), completions and certificates over time, knowledge
    gain by sector, mastery by indicator and sector, certificates expiring by month. The pages
    pass their `completion.Figures` (the snapshot they show); without it (the programme report,
    a background job) the figures are computed afresh."""
    figures = figures or completion.Figures(scope, filters, today, cached=False)
    language = (get_language() or "en")[:2]
    shown = [row for row in table.rows if row.suppressed is None]
    charts_ = [
        charts.stacked_bars(
            title=_("Completion by sector") if by_sector else _("Completion by organisation"),
            categories=[row.name for row in shown],
            series=[
                charts.Series(label=_("Completed"), values=[row.completed for row in shown]),
                charts.Series(label=_("In progress"), values=[row.in_progress for row in shown]),
                charts.Series(label=_("Not started"), values=[row.not_started for row in shown]),
            ],
            language=language,
            value_label=_("People"),
            category_label=_("Sector") if by_sector else _("Organisation"),
        )
    ]
    completions = figures.completions_by_month()
    issued = figures.certificates_issued_by_month()
    if completions.suppressed is None and issued.suppressed is None:
        charts_.append(
            charts.lines(
                title=_("Completions and certificates issued per month"),
                x_labels=[_month_label(m.month) for m in completions.months],
                series=[
                    charts.Series(
                        label=_("Courses completed"),
                        values=[m.values["completed"] for m in completions.months],
                    ),
                    charts.Series(
                        label=_("Completion certificates issued"),
                        values=[m.values["completion"] for m in issued.months],
                    ),
                    charts.Series(
                        label=_("Competency certificates issued"),
                        values=[m.values["competency"] for m in issued.months],
                    ),
                ],
                language=language,
                value_label=_("Number"),
                category_label=_("Month"),
            )
        )
    gains = figures.knowledge_gain_by_sector()
    if any(row.suppressed is None for row in gains):
        charts_.append(
            charts.grouped_bars(
                title=_("Knowledge before and after the course, by sector"),
                categories=[row.name for row in gains],
                series=[
                    charts.Series(label=_("Pre-test"), values=[row.pre for row in gains]),
                    charts.Series(label=_("Post-test"), values=[row.post for row in gains]),
                ],
                language=language,
                value_label=_("Mean score"),
                category_label=_("Sector"),
                value_format="percent",
            )
        )
    grid = figures.mastery_grid()
    tags = _least_mastered(grid)
    if tags and grid.sectors:
        charts_.append(
            charts.heat_map(
                title=_("Mastery by sector of the %(count)d indicators least mastered")
                % {"count": len(tags)},
                rows=[grid.tag_name(code) for code in tags],
                columns=[_bilingual(en, ar) for _code, en, ar in grid.sectors],
                values=[
                    [_mastery(grid.cells.get((tag, sector))) for sector, _en, _ar in grid.sectors]
                    for tag in tags
                ],
                language=language,
                category_label=_("Indicator"),
            )
        )
    expiring = figures.certificates_expiring_by_month()
    if expiring.suppressed is None:
        charts_.append(
            charts.stacked_bars(
                title=_("Certificates expiring by month"),
                categories=[_month_label(m.month) for m in expiring.months],
                series=[
                    charts.Series(
                        label=_("Completion certificates"),
                        values=[m.values["completion"] for m in expiring.months],
                    ),
                    charts.Series(
                        label=_("Competency certificates"),
                        values=[m.values["competency"] for m in expiring.months],
                    ),
                ],
                language=language,
                value_label=_("Certificates"),
                category_label=_("Month"),
            )
        )
    return charts_


HEAT_MAP_INDICATORS = 20


def _least_mastered(grid) -> list[str]:
    """The indicators to chart: the HEAT_MAP_INDICATORS with the lowest mean mastery over the
    sectors shown (those a manager must act on; a grid of every indicator is unreadable and
    slow to draw), in the taxonomy's order. Indicators with no figure shown are left out."""
    means = {}
    for code, _en, _ar in grid.tags:
        values = [
            float(value)
            for (tag, _sector), value in grid.cells.items()
            if tag == code and not isinstance(value, completion.FewerThan)
        ]
        if values:
            means[code] = sum(values) / len(values)
    chosen = set(sorted(means, key=lambda code: (means[code], code))[:HEAT_MAP_INDICATORS])
    return [code for code, _en, _ar in grid.tags if code in chosen]


def _month_label(month) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _bilingual(name_en: str, name_ar: str) -> str:
    return in_active_language(name_en, name_ar)


def _mastery(value):
    """A mastery share (0..1) as a percent for the heat map; None where suppressed or absent."""
    if value is None or isinstance(value, completion.FewerThan):
        return None
    return float(value) * 100
