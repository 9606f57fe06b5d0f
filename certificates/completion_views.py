"""The completion pages: sector → organisation → people → one person's record.

Thin views over `certificates.completion`, which computes every figure and decides the scope.
Programme managers and administrators start at the sectors; organisation managers land on their
own organisation, and any other organisation, sector or person is a 404 to them. The filters
travel in the query string across the drill-down. Bad filter values are shown as messages and
ignored, never a 500.
"""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.locales import live_translations_by_page_id
from courses import api as courses_api
from lms.people.access import access_required
from lms.people.models import Region, User

from . import completion
from .access import can_view_completion


def _filters(request, scope):
    """The filters of the query string, with an organisation outside the scope a 404 (not a
    message: the id must confirm nothing) and every other bad value a message."""
    filters, errors = completion.Filters.from_query(request.GET, scope)
    if "organisation" in errors:
        raise Http404
    return filters, errors


def _scope(request) -> completion.Scope:
    scope = completion.scope_for(request.user)
    if scope is None:  # can_view_completion let them in, so this is a contradiction
        raise Http404
    return scope


def _choices(scope: completion.Scope) -> dict:
    """What the filter form offers. Five queries."""
    courses = list(courses_api.certifiable_courses().order_by("path"))
    readable = live_translations_by_page_id(courses)
    return {
        "regions": Region.objects.all(),
        "courses": [(course.pk, readable[course.pk].title) for course in courses],
        "sessions": courses_api.sessions_for_filter(),
        "sexes": User.Sex.choices,
    }


def _context(request, scope, filters, errors, **extra) -> dict:
    return {
        "scope": scope,
        "filters": filters,
        "query": filters.query(),
        "errors": list(errors.values()),
        "choices": _choices(scope),
        "raw": request.GET,
        **extra,
    }


@access_required(can_view_completion)
def home(request):
    """Completion by sector, with targets and the dashboard's charts; organisation managers go
    straight to their organisation."""
    scope = _scope(request)
    if not scope.is_programme:
        url = reverse("certificates:completion_organisation", args=[scope.organisation.pk])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    filters, errors = _filters(request, scope)
    today = timezone.localdate()
    table = completion.by_sector(scope, filters, today)
    return render(
        request,
        "certificates/completion/sectors.html",
        _context(
            request,
            scope,
            filters,
            errors,
            table=table,
            charts=dashboard_charts(scope, filters, today, table=table),
        ),
    )


@access_required(can_view_completion)
def sector(request, sector):
    """One sector's organisations and the sector's total."""
    scope = _scope(request)
    found = scope.sectors().filter(code=sector).first()
    if found is None:
        raise Http404
    filters, errors = _filters(request, scope)
    today = timezone.localdate()
    table = completion.by_organisation(scope, filters, found, today)
    return render(
        request,
        "certificates/completion/organisations.html",
        _context(
            request,
            scope,
            filters,
            errors,
            sector=found,
            table=table,
            charts=dashboard_charts(
                scope, replace(filters, sector=found), today, table=table, by_sector=False
            ),
        ),
    )


@access_required(can_view_completion)
def organisation(request, organisation_id):
    """One organisation's figures and its people, each with their state."""
    scope = _scope(request)
    found = scope.organisations().filter(pk=organisation_id).first()
    if found is None:
        raise Http404
    filters, errors = _filters(request, scope)
    today = timezone.localdate()
    table = completion.by_organisation(scope, filters, found.sector, today)
    row = next((row for row in table.rows if row.id == found.pk), None)
    return render(
        request,
        "certificates/completion/organisation.html",
        _context(
            request,
            scope,
            filters,
            errors,
            organisation=found,
            row=row,
            people=completion.people(scope, filters, found, today),
        ),
    )


@access_required(can_view_completion)
def person(request, person_id):
    """One person's whole training record."""
    scope = _scope(request)
    found = User.objects.select_related("organisation__sector").filter(pk=person_id).first()
    if found is None:
        raise Http404
    try:
        record = completion.person_record(scope, found)
    except LookupError:
        raise Http404 from None
    filters, errors = _filters(request, scope)
    return render(
        request,
        "certificates/completion/person.html",
        _context(request, scope, filters, errors, person=found, record=record),
    )


def dashboard_charts(scope, filters, today, *, table, by_sector: bool = True) -> list:
    """The dashboard's charts, drawn by `lms.charts` from the same figures as the tables:
    completion by sector (or organisation), completions and certificates over time, knowledge
    gain by sector, mastery by indicator and sector, certificates expiring by month."""
    from lms import charts

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
    completions = completion.completions_by_month(scope, filters, today)
    issued = completion.certificates_issued_by_month(scope, filters, today)
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
    gains = completion.knowledge_gain_by_sector(scope, filters, today)
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
    grid = completion.mastery_grid(scope, filters, today)
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
    expiring = completion.certificates_expiring_by_month(scope, filters, today)
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
    from django.utils.formats import date_format

    return date_format(month, "YEAR_MONTH_FORMAT")


def _bilingual(name_en: str, name_ar: str) -> str:
    from lms.bilingual import in_active_language

    return in_active_language(name_en, name_ar)


def _mastery(value):
    """A mastery share (0..1) as a percent for the heat map; None where suppressed or absent."""
    if value is None or isinstance(value, completion.FewerThan):
        return None
    return float(value) * 100
