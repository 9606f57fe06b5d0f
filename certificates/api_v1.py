"""The completion figures as JSON for other systems (a ministry dashboard, a donor portal):
`/api/v1/`, described by `/api/v1/openapi.json` and docs/api.md.

Serialisation and authentication only. Every figure comes from `certificates.completion`, called
exactly as the completion pages call it, so the API can never answer a number the pages do not
show. A token scoped to an organisation reads through `Scope.for_organisation`, as that
organisation's manager does: another organisation's id is a 404, suppressed groups stay
suppressed, and no query parameter widens the scope (the scope comes from the token alone).

Requests carry `Authorization: Bearer <key>` (keys issued by administrators,
`certificates.api_tokens`). There is no session authentication, so there is no CSRF to check:
a browser's cookies open nothing here. Ninja's interactive docs are off: they load Swagger UI
from a CDN, which the Content-Security-Policy and the no-CDN rule forbid.
"""

from datetime import date, datetime
from functools import wraps
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle

from lms.bilingual import in_active_language
from lms.people.models import User
from lms.small_groups import FewerThan, minimum_group_size

from . import completion
from .api_tokens import token_for_key
from .models import ApiToken

LANGUAGES = ("ar", "en")
LARGEST_ID = 2**63 - 1  # no primary key is larger (and SQLite cannot compare a larger number)
PEOPLE_PER_PAGE = 50
MOST_PEOPLE_PER_PAGE = 200


# --- Authentication, rate, language ---------------------------------------------------------


class BearerToken(HttpBearer):
    """`Authorization: Bearer <key>` of a live API token; the request's `auth` is the token."""

    def __call__(self, request: HttpRequest):
        # Ninja's own HttpBearer logs the whole header when DEBUG is on: a key must never reach
        # a log, so the header is read here without it.
        scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return None
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_for_key(token)


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token (a counter in Django's cache, shared by every worker in production)."""

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"himaya-api-rate-{request.auth.pk}"


def in_requested_language(run):
    """Labels and messages in `?language=ar|en`, else the Accept-Language header's language
    (LocaleMiddleware activates it for paths outside the language prefixes)."""

    @wraps(run)
    def wrapped(request, *args, **kwargs):
        language = request.GET.get("language")
        if language not in LANGUAGES:
            language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapped


api = NinjaAPI(
    title="Himaya completion API",
    version="1",
    description=(
        "Completion by sector, organisation and person, over time, knowledge gain and mastery: "
        "the figures of the completion pages. See docs/api.md."
    ),
    urls_namespace="api-v1",
    auth=BearerToken(),
    throttle=TokenRateThrottle(getattr(settings, "HIMAYA_API_RATE", "600/m")),
    docs_url=None,
)
api.add_decorator(in_requested_language, mode="view")


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    response = api.create_response(request, {"detail": _("Unauthorized")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    """Parameters that cannot be read (a page that is not a number, an unknown language) are a
    400 naming each parameter, like the filters' own messages."""
    errors = {
        str(error["loc"][-1]) if error.get("loc") else "request": error["msg"]
        for error in exc.errors
    }
    return api.create_response(
        request, {"detail": _("Some parameters could not be read."), "errors": errors}, status=400
    )


def _scope(request) -> completion.Scope:
    token: ApiToken = request.auth
    if token.organisation is None:
        return completion.Scope.programme()
    return completion.Scope.for_organisation(token.organisation)


def _id(value: int) -> int:
    """A path id, or a 404 when no row can have it (zero, negative, beyond 64 bits)."""
    if not 0 < value <= LARGEST_ID:
        raise HttpError(404, _("Not found."))
    return value


# --- Query parameters -------------------------------------------------------------------------


class Labels(Schema):
    language: Literal["ar", "en"] | None = Field(
        None, description="Language of names and labels; default: the Accept-Language header."
    )


class FilterQuery(Labels):
    """The completion pages' filters. Read by `completion.Filters.from_query`, which gives every
    value that cannot be used a message; these declarations document them."""

    period_start: str | None = Field(None, alias="from", description="YYYY-MM-DD")
    period_end: str | None = Field(None, alias="to", description="YYYY-MM-DD")
    region: str | None = Field(None, description="Region id")
    course: str | None = Field(None, description="Course id")
    session: str | None = Field(None, description="Training session id")
    sex: str | None = Field(None, description="female or male (aggregate figures only)")
    sector: str | None = Field(None, description="Sector code or id")
    organisation: str | None = Field(None, description="Organisation id")


class FiltersError(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def _filters(request, scope: completion.Scope) -> completion.Filters:
    """The query's filters, or a 400 listing what could not be read. An organisation outside
    the scope is a 404, as on the pages: an id confirms nothing."""
    filters, errors = completion.Filters.from_query(request.GET, scope)
    if "organisation" in errors:
        raise HttpError(404, errors["organisation"])
    if errors:
        raise FiltersError(errors)
    return filters


@api.exception_handler(FiltersError)
def invalid_filters(request, exc):
    return api.create_response(
        request, {"detail": _("Some filters could not be read."), "errors": exc.errors}, status=400
    )


# --- Answers ----------------------------------------------------------------------------------


class Named(Schema):
    name: str
    name_en: str
    name_ar: str


class TargetOut(Schema):
    period_start: date
    period_end: date
    people_to_complete: int
    completed: int | None
    percent: int | None


class RowOut(Named):
    """One group's figures. A suppressed group (fewer people than `minimum_group_size`) has
    every figure null."""

    key: str
    id: int | None
    suppressed: bool
    people: int | None
    enrolled: int | None
    not_started: int | None
    in_progress: int | None
    completed: int | None
    percent_completed: int | None
    overdue: int | None
    certified_completion: int | None
    certified_competency: int | None
    expiring_30: int | None
    expiring_60: int | None
    expiring_90: int | None
    target: TargetOut | None

    @staticmethod
    def resolve_suppressed(row) -> bool:
        return row.suppressed is not None


AS_OF = Field(
    description=(
        "When these figures were computed: they are kept for a few minutes and refreshed every "
        f"{completion.REFRESH_MINUTES} minutes (lists of people and a person's record are "
        "always current)."
    )
)


def _table(figures: completion.Figures, table: completion.CompletionTable) -> dict:
    return {"as_at": table.as_at, "as_of": figures.as_of, "rows": table.rows, "total": table.total}


class TableOut(Schema):
    as_at: date
    as_of: datetime = AS_OF
    minimum_group_size: int
    rows: list[RowOut]
    total: RowOut

    @staticmethod
    def resolve_minimum_group_size(table) -> int:
        return minimum_group_size()


class OrganisationOut(Named):
    id: int
    sector: str
    region: str
    as_at: date
    as_of: datetime = AS_OF
    minimum_group_size: int
    figures: RowOut | None


class CourseStateOut(Schema):
    course_id: int
    code: str
    title: str
    state: str
    enrolled_on: date
    due_on: date | None
    completed_on: date | None
    overdue: bool


class CertificateStateOut(Schema):
    id: int
    serial: str
    kind: str
    course_id: int
    course_title: str
    issued_on: date
    expires_on: date | None
    status: str
    expires_within_90: bool


class PersonOut(Named):
    id: int
    organisation_id: int
    state: str
    state_label: str
    overdue: bool
    next_due: date | None
    courses: list[CourseStateOut]
    certificates: list[CertificateStateOut]


class LessonOut(Schema):
    title: str
    required: bool
    complete: bool


class CourseProgressOut(Schema):
    course_id: int
    code: str
    title: str
    done: int
    total: int
    percent: int
    enrolled_at: str
    due_at: str | None
    completed_at: str | None
    due_state: str
    needs_attendance: bool
    attended: bool
    lessons: list[LessonOut]


class AttendanceOut(Schema):
    session_title: str
    course_id: int
    starts_at: str
    status: str


class QuizResultOut(Schema):
    quiz_code: str
    quiz_title: str
    tries: int
    best_percent: float
    passed: bool
    last_submitted_at: str


class PersonRecordOut(Named):
    id: int
    organisation_id: int
    courses: list[CourseProgressOut]
    attendance: list[AttendanceOut]
    quiz_results: list[QuizResultOut]
    certificates: list[CertificateStateOut]


class MonthOut(Schema):
    month: date
    values: dict[str, int]


class SeriesOut(Schema):
    names: list[str]
    suppressed: bool
    months: list[MonthOut]

    @staticmethod
    def resolve_suppressed(series) -> bool:
        return series.suppressed is not None


class TimeSeriesOut(Schema):
    as_of: datetime = AS_OF
    minimum_group_size: int
    completions: SeriesOut
    certificates_issued: SeriesOut
    certificates_expiring: SeriesOut


class GainOut(Named):
    key: str
    suppressed: bool
    people: int | None
    pre: float | None
    post: float | None
    gain: float | None

    @staticmethod
    def resolve_suppressed(row) -> bool:
        return row.suppressed is not None


class GainTableOut(Schema):
    as_of: datetime = AS_OF
    minimum_group_size: int
    rows: list[GainOut]


class CodedName(Named):
    code: str


class MasteryCellOut(Schema):
    tag: str
    sector: str
    suppressed: bool
    mastery: float | None = Field(description="Share of answers right, 0 to 1")


class MasteryOut(Schema):
    as_of: datetime = AS_OF
    minimum_group_size: int
    tags: list[CodedName]
    sectors: list[CodedName]
    cells: list[MasteryCellOut]


class ErrorOut(Schema):
    detail: str


class BadRequestOut(ErrorOut):
    errors: dict[str, str]


ERRORS = {400: BadRequestOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def _coded(code: str, name_en: str, name_ar: str) -> dict:
    return {
        "code": code,
        "name": in_active_language(name_en, name_ar),
        "name_en": name_en,
        "name_ar": name_ar,
    }


# --- Endpoints --------------------------------------------------------------------------------


@api.get(
    "/sectors/",
    response={200: TableOut, **ERRORS},
    url_name="sectors",
    summary="Completion by sector",
)
def sectors(request, query: Query[FilterQuery]):
    """Every sector with its figures and its target for the period, and the programme's total:
    the completion dashboard. Programme tokens only; an organisation's token reads its own
    organisation (`/organisations/{id}/`), as its manager is sent there from the dashboard."""
    scope = _scope(request)
    if not scope.is_programme:
        raise HttpError(403, _("This token reads one organisation: ask for /organisations/<id>/."))
    figures = completion.Figures(scope, _filters(request, scope))
    return _table(figures, figures.by_sector())


@api.get(
    "/sectors/{code}/organisations/",
    response={200: TableOut, **ERRORS},
    url_name="sector_organisations",
    summary="Completion by organisation in a sector",
)
def sector_organisations(request, code: str, query: Query[FilterQuery]):
    """One sector's organisations and the sector's total (with its target, for programme
    tokens). An organisation's token sees its own sector, with its organisation only."""
    scope = _scope(request)
    found = scope.sectors().filter(code=code).first()
    if found is None:
        raise HttpError(404, _("There is no such sector."))
    figures = completion.Figures(scope, _filters(request, scope))
    return _table(figures, figures.by_organisation(found))


def _organisation(scope: completion.Scope, organisation_id: int):
    found = scope.organisations().filter(pk=_id(organisation_id)).first()
    if found is None:
        raise HttpError(404, _("There is no such organisation."))
    return found


@api.get(
    "/organisations/{organisation_id}/",
    response={200: OrganisationOut, **ERRORS},
    url_name="organisation",
    summary="One organisation's figures",
)
def organisation(request, organisation_id: int, query: Query[FilterQuery]):
    """The organisation's row of its sector's table (null when the filters leave it out)."""
    scope = _scope(request)
    found = _organisation(scope, organisation_id)
    figures = completion.Figures(scope, _filters(request, scope))
    table = figures.by_organisation(found.sector)
    return {
        "id": found.pk,
        "name": found.name,
        "name_en": found.name_en,
        "name_ar": found.name_ar,
        "sector": found.sector.code,
        "region": found.region.code,
        "as_at": table.as_at,
        "as_of": figures.as_of,
        "minimum_group_size": minimum_group_size(),
        "figures": next((row for row in table.rows if row.id == found.pk), None),
    }


class PeoplePage(PageNumberPagination):
    """`page` (from 1) and `page_size` (default 50, at most 200)."""

    def __init__(self, **kwargs):
        super().__init__(page_size=PEOPLE_PER_PAGE, max_page_size=MOST_PEOPLE_PER_PAGE, **kwargs)


@api.get(
    "/organisations/{organisation_id}/people/",
    response={200: list[PersonOut], **ERRORS},
    url_name="organisation_people",
    summary="An organisation's people and their state",
)
@paginate(PeoplePage)
def organisation_people(request, organisation_id: int, query: Query[FilterQuery]):
    """The organisation's people by name, each with their state, courses and valid
    certificates; the sex filter does not apply to a list of named people."""
    scope = _scope(request)
    found = _organisation(scope, organisation_id)
    return completion.people(scope, _filters(request, scope), found)


def _course_progress(progress) -> dict:
    enrolment = progress.enrolment
    return {
        "course_id": enrolment.course_id,
        "code": progress.course.code,
        "title": progress.course.title,
        "done": progress.done,
        "total": progress.total,
        "percent": progress.percent,
        "enrolled_at": enrolment.enrolled_at.isoformat(),
        "due_at": enrolment.due_at.isoformat() if enrolment.due_at else None,
        "completed_at": enrolment.completed_at.isoformat() if enrolment.completed_at else None,
        "due_state": str(progress.due_state),
        "needs_attendance": progress.needs_attendance,
        "attended": progress.attended,
        "lessons": [
            {
                "title": lesson.title,
                "required": module.required and lesson.required,
                "complete": lesson.complete,
            }
            for module in progress.modules
            for lesson in module.lessons
        ],
    }


@api.get(
    "/people/{person_id}/",
    response={200: PersonRecordOut, **ERRORS},
    url_name="person",
    summary="One person's training record",
)
def person(request, person_id: int, query: Query[Labels]):
    """Path, lessons, attendance, attempts with best scores, and every certificate with its
    state. A person outside the token's scope is a 404, like an unknown id."""
    scope = _scope(request)
    found = User.objects.filter(pk=_id(person_id)).first()
    try:
        record = completion.person_record(scope, found) if found else None
    except LookupError:
        record = None
    if record is None:
        raise HttpError(404, _("There is no such person."))
    return {
        "id": found.pk,
        "name": found.full_name,
        "name_en": found.name_en,
        "name_ar": found.name_ar,
        "organisation_id": found.organisation_id,
        "courses": [_course_progress(progress) for progress in record.courses],
        "attendance": [
            {
                "session_title": row.session_title,
                "course_id": row.course_id,
                "starts_at": row.starts_at.isoformat(),
                "status": row.status,
            }
            for row in record.attendance
        ],
        "quiz_results": [
            {
                "quiz_code": result.quiz_code,
                "quiz_title": result.quiz_title,
                "tries": result.tries,
                "best_percent": result.best_percent,
                "passed": result.passed,
                "last_submitted_at": result.last_submitted_at.isoformat(),
            }
            for result in record.quiz_results
        ],
        "certificates": record.certificates,
    }


@api.get(
    "/time-series/",
    response={200: TimeSeriesOut, **ERRORS},
    url_name="time_series",
    summary="Completions and certificates per month",
)
def time_series(request, query: Query[FilterQuery]):
    """Courses completed and certificates issued per month over the period (or the last 12
    months), and valid certificates expiring in each of the next 12 months, by kind."""
    scope = _scope(request)
    figures = completion.Figures(scope, _filters(request, scope))
    series = {
        "completions": figures.completions_by_month(),
        "certificates_issued": figures.certificates_issued_by_month(),
        "certificates_expiring": figures.certificates_expiring_by_month(),
    }
    return {"as_of": figures.as_of, "minimum_group_size": minimum_group_size(), **series}


@api.get(
    "/knowledge-gain/",
    response={200: GainTableOut, **ERRORS},
    url_name="knowledge_gain",
    summary="Pre-test to post-test gain by sector",
)
def knowledge_gain(request, query: Query[FilterQuery]):
    """Mean first pre-test and post-test percent of each sector's people who took both."""
    scope = _scope(request)
    figures = completion.Figures(scope, _filters(request, scope))
    rows = figures.knowledge_gain_by_sector()
    return {"as_of": figures.as_of, "minimum_group_size": minimum_group_size(), "rows": rows}


@api.get(
    "/mastery/",
    response={200: MasteryOut, **ERRORS},
    url_name="mastery",
    summary="Mastery by indicator and sector",
)
def mastery(request, query: Query[FilterQuery]):
    """Share of answers right per indicator (taxonomy tag) and sector; a cell answered by too
    few people is suppressed."""
    scope = _scope(request)
    figures = completion.Figures(scope, _filters(request, scope))
    grid = figures.mastery_grid()
    return {
        "as_of": figures.as_of,
        "minimum_group_size": minimum_group_size(),
        "tags": [_coded(*tag) for tag in grid.tags],
        "sectors": [_coded(*sector) for sector in grid.sectors],
        "cells": [
            {
                "tag": tag,
                "sector": sector,
                "suppressed": isinstance(value, FewerThan),
                "mastery": None if isinstance(value, FewerThan) else value,
            }
            for (tag, sector), value in grid.cells.items()
        ],
    }
