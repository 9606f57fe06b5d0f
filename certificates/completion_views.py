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

from cms.locales import live_translations_by_page_id
from courses import api as courses_api
from lms.people.access import access_required
from lms.people.models import Region, User

from . import completion
from .access import can_view_completion
from .completion_charts import dashboard_charts


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
        "refresh_minutes": completion.REFRESH_MINUTES,
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
    figures = completion.Figures(scope, filters)
    table = figures.by_sector()
    charts = dashboard_charts(scope, filters, figures.today, table=table, figures=figures)
    return render(
        request,
        "certificates/completion/sectors.html",
        _context(request, scope, filters, errors, table=table, charts=charts, figures=figures),
    )


@access_required(can_view_completion)
def sector(request, sector):
    """One sector's organisations and the sector's total."""
    scope = _scope(request)
    found = scope.sectors().filter(code=sector).first()
    if found is None:
        raise Http404
    filters, errors = _filters(request, scope)
    figures = completion.Figures(scope, replace(filters, sector=found))
    table = figures.by_organisation(found)
    charts = dashboard_charts(
        scope, figures.filters, figures.today, table=table, by_sector=False, figures=figures
    )
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
            charts=charts,
            figures=figures,
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
    figures = completion.Figures(scope, filters)
    table = figures.by_organisation(found.sector)
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
            figures=figures,
            # Not kept: a list of named people is cheap and must be current.
            people=completion.people(scope, filters, found, figures.today),
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
