"""Completion figures: the one place they are computed (docs/completion.md).

The dashboard, the drill-down pages, the exports, the programme report and the API all call the
functions below, so a number can never differ between two of them. Everything is plain data
(frozen dataclasses), aggregated in the database in a number of queries that does not grow with
the number of people (stated per function).

Who sees what is a `Scope`: the whole programme (programme managers, administrators, programme
API tokens) or one organisation (its managers, its API tokens). Every function takes the scope
first and never returns anything outside it. Groups of fewer than HIMAYA_MIN_GROUP_SIZE people
are suppressed here, where the figures are made (`lms.small_groups`), so no page, export or API
answer built on them can show what they hide.

Enrolments and attempts belong to courses and assessments: they are read through
`courses.api` and `assessments.api` only; certificates and targets are this app's own tables.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from assessments import api as assessments_api
from courses import api as courses_api
from courses import services as courses_services
from courses.models import CoursePage
from lms.bilingual import in_active_language
from lms.people.models import Organisation, Region, Sector, User
from lms.people.roles import Role
from lms.small_groups import FewerThan, minimum_group_size, small_group

from .access import can_view_all_completion, can_view_organisation_completion
from .models import Certificate, MasteryTally, SectorTarget

EXPIRY_WINDOWS = (30, 60, 90)


# --- Scope ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """How far a viewer reaches: the whole programme (`organisation` None) or one organisation."""

    organisation: Organisation | None = None

    @classmethod
    def programme(cls) -> "Scope":
        return cls(organisation=None)

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> "Scope":
        return cls(organisation=organisation)

    @property
    def is_programme(self) -> bool:
        return self.organisation is None

    def people(self) -> QuerySet[User]:
        """The people in the programme within the scope: active accounts in the Trainee role
        that belong to an organisation (lazy)."""
        trainee = Group.objects.filter(name=Role.TRAINEE, user=OuterRef("pk"))
        people = User.objects.filter(is_active=True, organisation__isnull=False).filter(
            Exists(trainee)
        )
        if self.organisation is not None:
            people = people.filter(organisation_id=self.organisation.pk)
        return people

    def organisations(self) -> QuerySet[Organisation]:
        organisations = Organisation.objects.select_related("sector", "region")
        if self.organisation is not None:
            organisations = organisations.filter(pk=self.organisation.pk)
        return organisations

    def sectors(self) -> QuerySet[Sector]:
        if self.organisation is not None:
            return Sector.objects.filter(pk=self.organisation.sector_id)
        return Sector.objects.all()


def scope_for(user) -> Scope | None:
    """The viewer's scope, or None when they may not see completion figures at all. Programme
    managers and administrators see the programme; organisation managers their organisation."""
    if can_view_all_completion(user):
        return Scope.programme()
    if can_view_organisation_completion(user):
        return Scope.for_organisation(user.organisation)
    return None


# --- Filters ----------------------------------------------------------------------------------

SEXES = tuple(User.Sex.values)


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to. Every field is optional. `sex` narrows aggregate
    figures only: it never narrows a list of named people."""

    period_start: date | None = None
    period_end: date | None = None
    region: Region | None = None
    course: CoursePage | None = None
    session: courses_api.SessionChoice | None = None
    sex: str = ""
    sector: Sector | None = None
    organisation: Organisation | None = None

    QUERY_NAMES = {
        "period_start": "from",
        "period_end": "to",
        "region": "region",
        "course": "course",
        "session": "session",
        "sex": "sex",
        "sector": "sector",
        "organisation": "organisation",
    }

    @classmethod
    def from_query(cls, query: Mapping, scope: Scope) -> tuple["Filters", dict[str, str]]:
        """Read filters from a query string (`from`, `to` as YYYY-MM-DD; `region`, `course`,
        `session`, `organisation` as ids; `sector` as a code or id; `sex`). Returns the filters
        that could be read and {field: message} for those that could not: a malformed date, an
        unknown id, or an organisation outside the scope, which gets the same message as an
        unknown one so that ids confirm nothing. Never raises on bad input."""
        errors: dict[str, str] = {}
        values: dict = {}

        def text(name: str) -> str:
            value = query.get(name, "")
            return value.strip() if isinstance(value, str) else ""

        for attribute, name in (("period_start", "from"), ("period_end", "to")):
            raw = text(name)
            if not raw:
                continue
            try:
                parsed = parse_date(raw)
            except ValueError:
                parsed = None
            if parsed is None:
                errors[attribute] = _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {
                    "value": raw[:20]
                }
            else:
                values[attribute] = parsed
        if (
            values.get("period_start")
            and values.get("period_end")
            and values["period_start"] > values["period_end"]
        ):
            errors["period_end"] = _("The period ends before it starts.")
            values.pop("period_end")

        def by_id(name: str, queryset, message: str):
            raw = text(name)
            if not raw:
                return None
            found = queryset.filter(pk=int(raw)).first() if raw.isdigit() else None
            if found is None:
                errors[name] = message
            return found

        values["region"] = by_id("region", Region.objects.all(), _("There is no such region."))
        values["course"] = by_id(
            "course", courses_api.certifiable_courses(), _("There is no such course.")
        )
        values["organisation"] = by_id(
            "organisation", scope.organisations(), _("There is no such organisation.")
        )
        raw_sector = text("sector")
        if raw_sector:
            sectors = scope.sectors()
            sector = (
                sectors.filter(pk=int(raw_sector)).first()
                if raw_sector.isdigit()
                else sectors.filter(code=raw_sector).first()
            )
            if sector is None:
                errors["sector"] = _("There is no such sector.")
            values["sector"] = sector
        raw_session = text("session")
        if raw_session:
            session = (
                courses_api.session_choice(session_id=int(raw_session))
                if raw_session.isdigit()
                else None
            )
            if session is None:
                errors["session"] = _("There is no such training session.")
            values["session"] = session
        raw_sex = text("sex")
        if raw_sex:
            if raw_sex in SEXES:
                values["sex"] = raw_sex
            else:
                errors["sex"] = _("Choose female or male, or leave it empty.")
        filters = cls(**{key: value for key, value in values.items() if value is not None})
        return filters, errors

    def query(self, **changes) -> str:
        """The filters as a query string (without "?"), with `changes` applied (None removes a
        field), so a link keeps them across the drill-down."""
        filters = replace(self, **changes) if changes else self
        pairs = []
        for item in fields(filters):
            value = getattr(filters, item.name)
            if value in (None, ""):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Sector):
                value = value.code
            elif hasattr(value, "pk"):
                value = value.pk
            elif isinstance(value, courses_api.SessionChoice):
                value = value.id
            pairs.append((self.QUERY_NAMES[item.name], value))
        return urlencode(pairs)

    # What the figures are about, once the period and the course are read.

    def as_at_date(self, today: date) -> date:
        """The day the states are judged on: the period's end, or today if it ends later."""
        if self.period_end is not None and self.period_end < today:
            return self.period_end
        return today

    def as_at(self, today: date) -> datetime:
        """The moment the states are judged at: now, or the end of the period's last day."""
        day = self.as_at_date(today)
        if day >= today:
            return timezone.now()
        return _start_of(day + timedelta(days=1)) - timedelta(microseconds=1)

    def course_ids(self) -> tuple[int, ...] | None:
        ids = {c for c in (self.course.pk if self.course else None,) if c}
        if self.session is not None:
            ids = ids & {self.session.course_id} if ids else {self.session.course_id}
        return tuple(sorted(ids)) if (self.course or self.session) else None

    def window(self, today: date) -> courses_api.Window:
        return courses_api.Window(
            as_at=self.as_at(today),
            since=_start_of(self.period_start) if self.period_start else None,
            course_ids=self.course_ids(),
        )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _people(scope: Scope, filters: Filters, today: date, *, aggregate: bool) -> QuerySet[User]:
    """The scope's people narrowed by the filters (sex only when `aggregate`), who had joined
    by the day the figures are judged on."""
    people = scope.people().filter(date_joined__lte=filters.as_at(today))
    if filters.region is not None:
        people = people.filter(organisation__region_id=filters.region.pk)
    if filters.sector is not None:
        people = people.filter(organisation__sector_id=filters.sector.pk)
    if filters.organisation is not None:
        people = people.filter(organisation_id=filters.organisation.pk)
    if filters.session is not None:
        people = people.filter(
            pk__in=courses_api.registered_for_session(session_id=filters.session.id)
        )
    if aggregate and filters.sex:
        people = people.filter(sex=filters.sex)
    return people


# --- Certificates (this app's own table) --------------------------------------------------------


def valid_certificates(*, as_at: datetime, day: date) -> Q:
    """Certificates valid at `as_at`: issued by then, not revoked or superseded by then, and not
    expired on `day` (a certificate is valid on its expiry date, as `Certificate.status_on`)."""
    return (
        Q(issued_at__lte=as_at)
        & (Q(revoked_at__isnull=True) | Q(revoked_at__gt=as_at))
        & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=as_at))
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=day))
    )


def _certificates(people: QuerySet[User], filters: Filters) -> QuerySet[Certificate]:
    certificates = Certificate.objects.filter(user__in=people)
    course_ids = filters.course_ids()
    if course_ids is not None:
        certificates = certificates.filter(course_id__in=course_ids)
    return certificates


# --- Rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetProgress:
    """A sector's target for a period and how many people completed towards it."""

    period_start: date
    period_end: date
    people_to_complete: int
    completed: int | None  # None when the row is suppressed

    @property
    def percent(self) -> int | None:
        if self.completed is None or not self.people_to_complete:
            return None
        return self.completed * 100 // self.people_to_complete


FIGURES = (
    "people",
    "enrolled",
    "not_started",
    "in_progress",
    "completed",
    "overdue",
    "certified_completion",
    "certified_competency",
    "expiring_30",
    "expiring_60",
    "expiring_90",
)


@dataclass(frozen=True)
class CompletionRow:
    """One group's figures (a sector, an organisation, or the total). When `suppressed` is set,
    every figure is None: the group is too small to show (docs/completion.md)."""

    key: str  # sector code, organisation id, or "total"
    id: int | None
    name_en: str
    name_ar: str
    people: int | None = None  # in the programme
    enrolled: int | None = None
    not_started: int | None = None
    in_progress: int | None = None
    completed: int | None = None
    overdue: int | None = None
    certified_completion: int | None = None  # people holding a valid completion certificate
    certified_competency: int | None = None  # people holding a valid competency certificate
    expiring_30: int | None = None  # valid certificates expiring within 30 days
    expiring_60: int | None = None
    expiring_90: int | None = None
    target: TargetProgress | None = None
    suppressed: FewerThan | None = None

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)

    @property
    def percent_completed(self) -> int | None:
        if self.completed is None or not self.enrolled:
            return None
        return self.completed * 100 // self.enrolled

    def figures(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in FIGURES}


@dataclass(frozen=True)
class CompletionTable:
    rows: list[CompletionRow]
    total: CompletionRow
    as_at: date  # the day the states are judged on
    filters: Filters


def _counts(people: QuerySet[User], filters: Filters, today: date, group_by: str | None) -> dict:
    """Group key → {figure: count} (key None when `group_by` is None: everyone together), in two
    queries: people and their enrolment states; certificates."""
    window = filters.window(today)
    day, as_at = filters.as_at_date(today), filters.as_at(today)
    completion, competency = Certificate.Kind.COMPLETION, Certificate.Kind.COMPETENCY
    certificate_counts = {
        "certified_completion": Count("user", distinct=True, filter=Q(kind=completion)),
        "certified_competency": Count("user", distinct=True, filter=Q(kind=competency)),
        **{
            f"expiring_{days}": Count("pk", filter=Q(expires_on__lte=day + timedelta(days=days)))
            for days in EXPIRY_WINDOWS
        },
    }
    certificates = _certificates(people, filters).filter(valid_certificates(as_at=as_at, day=day))
    counts = courses_api.state_counts(people=people, window=window, group_by=group_by)
    if group_by is None:
        counts[None].update(certificates.aggregate(**certificate_counts))
        return counts
    holder_group = f"user__{group_by}"
    for row in certificates.values(holder_group).annotate(**certificate_counts).order_by():
        counts.setdefault(row.pop(holder_group), {}).update(row)
    return counts


def _row(key, id, name_en, name_ar, counts: dict | None, target=None) -> CompletionRow:
    counts = counts or {}
    figures = {name: counts.get(name, 0) for name in FIGURES}
    return CompletionRow(
        key=str(key), id=id, name_en=name_en, name_ar=name_ar, target=target, **figures
    )


def _suppress(row: CompletionRow, reason: FewerThan | None = None) -> CompletionRow:
    reason = reason or small_group(row.people or 0) or FewerThan(_minimum())
    target = row.target and replace(row.target, completed=None)
    return replace(row, **dict.fromkeys(FIGURES), target=target, suppressed=reason)


def _minimum() -> int:
    return minimum_group_size()


def _with_suppression(rows: list[CompletionRow]) -> list[CompletionRow]:
    """Suppress every row over fewer people than the minimum. Then, while the hidden rows
    together hold some people but fewer than the minimum, hide the smallest row still shown:
    otherwise the total minus the rows shown would give back the hidden rows' figures."""
    hidden = [small_group(row.people or 0) is not None for row in rows]

    def hidden_people() -> int:
        return sum(
            row.people or 0 for row, is_hidden in zip(rows, hidden, strict=True) if is_hidden
        )

    while 0 < hidden_people() < _minimum() and not all(hidden):
        shown = [index for index, is_hidden in enumerate(hidden) if not is_hidden]
        hidden[min(shown, key=lambda index: (rows[index].people, rows[index].key))] = True
    return [
        _suppress(row) if is_hidden else row for row, is_hidden in zip(rows, hidden, strict=True)
    ]


def _total(people: QuerySet[User], filters: Filters, today: date, name_en, name_ar, target=None):
    counts = _counts(people, filters, today, None)
    row = _row("total", None, name_en, name_ar, counts[None], target)
    return _suppress(row) if small_group(row.people) else row


def _targets(sectors: list[Sector], day: date) -> dict[int, SectorTarget]:
    """Sector id → its target for the period containing `day` (the latest-starting if two
    overlap). One query."""
    targets = {}
    for target in SectorTarget.objects.filter(
        sector__in=sectors, period_start__lte=day, period_end__gte=day
    ).order_by("period_start", "pk"):
        targets[target.sector_id] = target
    return targets


def _target_progress(
    people: QuerySet[User], filters: Filters, today: date, targets: dict[int, SectorTarget]
) -> dict[int, TargetProgress]:
    """Sector id → progress towards its target: people of the sector (under the filters) who
    completed within the target's period, up to the day the figures are judged on. One query
    (none without targets)."""
    if not targets:
        return {}
    as_at = filters.as_at(today)
    counts = {}
    for sector_id, target in targets.items():
        end = min(as_at, _start_of(target.period_end + timedelta(days=1)))
        counts[f"sector_{sector_id}"] = Count(
            "pk",
            filter=Q(organisation__sector_id=sector_id)
            & courses_api.completed_within(
                course_ids=filters.course_ids(), start=_start_of(target.period_start), end=end
            ),
        )
    done = people.aggregate(**counts)
    return {
        sector_id: TargetProgress(
            period_start=target.period_start,
            period_end=target.period_end,
            people_to_complete=target.people_to_complete,
            completed=done[f"sector_{sector_id}"],
        )
        for sector_id, target in targets.items()
    }


def by_sector(scope: Scope, filters: Filters, today: date | None = None) -> CompletionTable:
    """Every sector in the scope (with nobody in it too), with its target, and the total.
    Six queries whatever the number of people."""
    today = today or timezone.localdate()
    people = _people(scope, filters, today, aggregate=True)
    sectors = list(scope.sectors())
    if filters.sector is not None:
        sectors = [sector for sector in sectors if sector.pk == filters.sector.pk]
    counts = _counts(people, filters, today, "organisation__sector_id")
    targets = _targets(sectors, filters.as_at_date(today))
    progress = _target_progress(people, filters, today, targets)
    rows = [
        _row(
            sector.code,
            sector.pk,
            sector.name_en,
            sector.name_ar,
            counts.get(sector.pk),
            progress.get(sector.pk),
        )
        for sector in sectors
    ]
    total = _total(people, filters, today, "All sectors", "جميع القطاعات")
    if total.suppressed:
        rows = [_suppress(row) for row in rows]
    return CompletionTable(
        rows=_with_suppression(rows),
        total=total,
        as_at=filters.as_at_date(today),
        filters=filters,
    )


def by_organisation(
    scope: Scope, filters: Filters, sector: Sector, today: date | None = None
) -> CompletionTable:
    """Every organisation of a sector in the scope, and the sector's total (its target too).
    A sector hidden on the sector table (too few people, or hidden with a small one so that the
    total cannot give it back) is hidden here too, total and organisations alike: otherwise its
    organisations would add up to the figures the sector table withholds. Twelve queries
    whatever the number of people."""
    today = today or timezone.localdate()
    parent = by_sector(scope, replace(filters, sector=None), today)
    withheld = next((row.suppressed for row in parent.rows if row.id == sector.pk), None)
    filters = replace(filters, sector=sector)
    people = _people(scope, filters, today, aggregate=True)
    organisations = list(scope.organisations().filter(sector=sector))
    if filters.region is not None:
        organisations = [o for o in organisations if o.region_id == filters.region.pk]
    if filters.organisation is not None:
        organisations = [o for o in organisations if o.pk == filters.organisation.pk]
    counts = _counts(people, filters, today, "organisation_id")
    targets = _targets([sector], filters.as_at_date(today)) if scope.is_programme else {}
    progress = _target_progress(people, filters, today, targets)
    rows = [_row(o.pk, o.pk, o.name_en, o.name_ar, counts.get(o.pk)) for o in organisations]
    total = _total(people, filters, today, sector.name_en, sector.name_ar, progress.get(sector.pk))
    if withheld is not None and not total.suppressed:
        total = _suppress(total, withheld)
    if total.suppressed:
        rows = [_suppress(row, total.suppressed) for row in rows]
    return CompletionTable(
        rows=_with_suppression(rows),
        total=total,
        as_at=filters.as_at_date(today),
        filters=filters,
    )


# --- People -------------------------------------------------------------------------------------


class State:
    """A person's state in the figures (docs/completion.md)."""

    NOT_ENROLLED = "not_enrolled"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    LABELS = {
        NOT_ENROLLED: "Not enrolled",
        NOT_STARTED: "Not started",
        IN_PROGRESS: "In progress",
        COMPLETED: "Completed",
    }

    @classmethod
    def label(cls, state: str) -> str:
        return _(cls.LABELS[state])


@dataclass(frozen=True)
class CourseState:
    course_id: int
    code: str
    title_en: str
    title_ar: str
    state: str  # State.NOT_STARTED, IN_PROGRESS or COMPLETED
    enrolled_on: date
    due_on: date | None
    completed_on: date | None
    overdue: bool

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_ar)


@dataclass(frozen=True)
class CertificateState:
    id: int
    serial: str
    kind: str  # Certificate.Kind value
    course_id: int
    course_title_en: str
    course_title_ar: str
    issued_on: date
    expires_on: date | None
    status: str  # Certificate.Status value on the day the figures are judged on
    expires_within_90: bool

    @property
    def course_title(self) -> str:
        return in_active_language(self.course_title_en, self.course_title_ar)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name_en: str
    name_ar: str
    organisation_id: int
    state: str
    overdue: bool
    next_due: date | None  # the earliest due date of an unfinished course
    courses: tuple[CourseState, ...]
    certificates: tuple[CertificateState, ...]  # valid ones only

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)

    @property
    def state_label(self) -> str:
        return State.label(self.state)


def _certificate_states(certificates, *, as_at: datetime, day: date) -> list[CertificateState]:
    states = []
    for certificate in certificates:
        status = _status_at(certificate, as_at=as_at, day=day)
        states.append(
            CertificateState(
                id=certificate.pk,
                serial=certificate.serial,
                kind=certificate.kind,
                course_id=certificate.course_id,
                course_title_en=certificate.context.get("course_title_en", ""),
                course_title_ar=certificate.context.get("course_title_ar", ""),
                issued_on=timezone.localdate(certificate.issued_at),
                expires_on=certificate.expires_on,
                status=status,
                expires_within_90=status == Certificate.Status.VALID
                and certificate.expires_on is not None
                and certificate.expires_on <= day + timedelta(days=90),
            )
        )
    return states


def _status_at(certificate: Certificate, *, as_at: datetime, day: date) -> str:
    if certificate.revoked_at is not None and certificate.revoked_at <= as_at:
        return Certificate.Status.REVOKED
    if certificate.superseded_at is not None and certificate.superseded_at <= as_at:
        return Certificate.Status.SUPERSEDED
    if certificate.expires_on is not None and day > certificate.expires_on:
        return Certificate.Status.EXPIRED
    return Certificate.Status.VALID


def people(
    scope: Scope, filters: Filters, organisation: Organisation, today: date | None = None
) -> list[PersonRow]:
    """The people of one organisation in the scope, by name, each with their state, courses
    and valid certificates. The sex filter does not apply (it is for aggregate figures only).
    Raises LookupError for an organisation outside the scope. Nine queries whatever the number
    of people."""
    today = today or timezone.localdate()
    if not scope.organisations().filter(pk=organisation.pk).exists():
        raise LookupError("organisation outside the scope")
    filters = replace(filters, organisation=organisation, sector=None)
    window = filters.window(today)
    conditions = courses_api.state_conditions(window=window)
    persons = list(
        _people(scope, filters, today, aggregate=False)
        .annotate(**{f"is_{name}": Q(condition) for name, condition in conditions.items()})
        .order_by("name_en", "pk")
        .values(
            "pk", "name_en", "name_ar", "organisation_id", *(f"is_{name}" for name in conditions)
        )
    )
    ids = [person["pk"] for person in persons]
    chosen = User.objects.filter(pk__in=ids)
    enrolments: dict[int, list[CourseState]] = {}
    for row in courses_api.enrolment_rows(people=chosen, window=window):
        enrolments.setdefault(row.user_id, []).append(_course_state(row))
    day = filters.as_at_date(today)
    certificates: dict[int, list[CertificateState]] = {}
    valid = _certificates(chosen, filters).filter(valid_certificates(as_at=window.as_at, day=day))
    for certificate in valid.order_by("user_id", "kind", "pk"):
        (state,) = _certificate_states([certificate], as_at=window.as_at, day=day)
        certificates.setdefault(certificate.user_id, []).append(state)
    return [_person_row(person, enrolments, certificates) for person in persons]


def _course_state(row: courses_api.EnrolmentRow) -> CourseState:
    if row.completed_at is not None:
        state = State.COMPLETED
    elif row.started:
        state = State.IN_PROGRESS
    else:
        state = State.NOT_STARTED
    return CourseState(
        course_id=row.course_id,
        code=row.code,
        title_en=row.title_en,
        title_ar=row.title_ar,
        state=state,
        enrolled_on=timezone.localdate(row.enrolled_at),
        due_on=timezone.localdate(row.due_at) if row.due_at else None,
        completed_on=timezone.localdate(row.completed_at) if row.completed_at else None,
        overdue=row.overdue,
    )


def _person_row(person: dict, enrolments: dict, certificates: dict) -> PersonRow:
    if person["is_completed"]:
        state = State.COMPLETED
    elif person["is_in_progress"]:
        state = State.IN_PROGRESS
    elif person["is_not_started"]:
        state = State.NOT_STARTED
    else:
        state = State.NOT_ENROLLED
    courses = tuple(enrolments.get(person["pk"], ()))
    due = [c.due_on for c in courses if c.state != State.COMPLETED and c.due_on is not None]
    return PersonRow(
        id=person["pk"],
        name_en=person["name_en"],
        name_ar=person["name_ar"],
        organisation_id=person["organisation_id"],
        state=state,
        overdue=bool(person["is_overdue"]),
        next_due=min(due) if due else None,
        courses=courses,
        certificates=tuple(certificates.get(person["pk"], ())),
    )


# --- One person's record -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizResult:
    quiz_code: str
    quiz_title_en: str
    quiz_title_ar: str
    tries: int  # submitted attempts
    best_percent: Decimal
    passed: bool  # any attempt passed
    last_submitted_at: datetime

    @property
    def quiz_title(self) -> str:
        return in_active_language(self.quiz_title_en, self.quiz_title_ar)


@dataclass(frozen=True)
class PersonRecord:
    """Everything the programme knows of one person's training: their path (each course with
    its modules and lessons done), attendance, attempts with best scores, and every certificate
    with its state (revoked and superseded ones too)."""

    person: User
    courses: list  # courses.services.CourseProgress, in the active language
    attendance: list[courses_api.AttendanceRow]
    quiz_results: list[QuizResult]  # one per quiz taken, in the order first taken
    certificates: list[CertificateState]


def person_record(scope: Scope, person: User, today: date | None = None) -> PersonRecord:
    """One person's whole record. Raises LookupError when the person is not in the scope (an
    organisation manager asking for another organisation's person). A fixed number of queries
    however many courses, sessions and attempts the person has."""
    today = today or timezone.localdate()
    if not scope.people().filter(pk=person.pk).exists():
        raise LookupError("person outside the scope")
    enrolments = courses_services.dashboard_enrolments(user=person)
    progress = courses_services.progress_for(user=person, enrolments=enrolments)
    summaries: dict[str, dict] = {}
    for attempt in assessments_api.submitted_attempts(user=person):
        summary = summaries.setdefault(
            attempt.quiz_code,
            {
                "quiz_code": attempt.quiz_code,
                "quiz_title_en": attempt.quiz_title_en,
                "quiz_title_ar": attempt.quiz_title_ar,
                "tries": 0,
                "best_percent": attempt.percent,
                "passed": False,
                "last_submitted_at": attempt.submitted_at,
            },
        )
        summary["tries"] += 1
        summary["best_percent"] = max(summary["best_percent"], attempt.percent)
        summary["passed"] = summary["passed"] or attempt.passed
        summary["last_submitted_at"] = attempt.submitted_at
    certificates = Certificate.objects.filter(user=person).order_by("-issued_at", "-pk")
    return PersonRecord(
        person=person,
        courses=progress,
        attendance=courses_api.attendance_of(user=person),
        quiz_results=[QuizResult(**summary) for summary in summaries.values()],
        certificates=_certificate_states(certificates, as_at=timezone.now(), day=today),
    )


# --- Series for charts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    """Counts for one month (its first day). `values` maps a series name to its count."""

    month: date
    values: dict[str, int]


@dataclass(frozen=True)
class Series:
    """Monthly counts, oldest first, every month present (zero when nothing happened). When the
    people behind them are too few, `months` is empty and `suppressed` says so."""

    names: tuple[str, ...]
    months: list[MonthFigures]
    suppressed: FewerThan | None = None


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _past_months(filters: Filters, today: date, count: int) -> list[date]:
    """The months of the period, or the `count` months up to the day figures are judged on."""
    last = filters.as_at_date(today)
    if filters.period_start is not None:
        return _months(filters.period_start, last)
    first = last.replace(day=1)
    for _month in range(count - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return _months(first, last)


def _series(names, months, counts: dict[tuple[str, date], int], people: QuerySet[User]):
    suppressed = small_group(people.count())
    if suppressed is not None:
        return Series(names=tuple(names), months=[], suppressed=suppressed)
    return Series(
        names=tuple(names),
        months=[
            MonthFigures(month=month, values={name: counts.get((name, month), 0) for name in names})
            for month in months
        ],
    )


def _month(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def completions_by_month(
    scope: Scope, filters: Filters, today: date | None = None, months: int = 12
) -> Series:
    """Courses completed per month ("completed"), over the period or the last `months` months.
    Two queries."""
    today = today or timezone.localdate()
    people = _people(scope, filters, today, aggregate=True)
    span = _past_months(filters, today, months)
    rows = courses_api.completions_by_month(
        people=people,
        course_ids=filters.course_ids(),
        since=_start_of(span[0]),
        until=filters.as_at(today),
    )
    counts = {("completed", _month(month)): count for month, count in rows}
    return _series(("completed",), span, counts, people)


def certificates_issued_by_month(
    scope: Scope, filters: Filters, today: date | None = None, months: int = 12
) -> Series:
    """Certificates issued per month, by kind ("completion", "competency"), re-issues included.
    Two queries."""
    today = today or timezone.localdate()
    people = _people(scope, filters, today, aggregate=True)
    span = _past_months(filters, today, months)
    rows = (
        _certificates(people, filters)
        .filter(issued_at__gte=_start_of(span[0]), issued_at__lte=filters.as_at(today))
        .annotate(month=TruncMonth("issued_at"))
        .values("month", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["kind"], _month(row["month"])): row["count"] for row in rows}
    return _series(tuple(Certificate.Kind.values), span, counts, people)


def certificates_expiring_by_month(
    scope: Scope, filters: Filters, today: date | None = None, months: int = 12
) -> Series:
    """Certificates valid on the day figures are judged on that expire in each of the next
    `months` months, by kind. Two queries."""
    today = today or timezone.localdate()
    people = _people(scope, filters, today, aggregate=True)
    day, as_at = filters.as_at_date(today), filters.as_at(today)
    span = _months(day, day)
    for _month_index in range(months - 1):
        span.append((span[-1] + timedelta(days=32)).replace(day=1))
    last = (span[-1] + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    rows = (
        _certificates(people, filters)
        .filter(valid_certificates(as_at=as_at, day=day), expires_on__lte=last)
        .annotate(month=TruncMonth("expires_on"))
        .values("month", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["kind"], _month(row["month"])): row["count"] for row in rows}
    return _series(tuple(Certificate.Kind.values), span, counts, people)


@dataclass(frozen=True)
class GainRow:
    """Mean first pre-test and post-test percent of a sector's people who took both, over every
    course with both tests (or the filtered course). None figures when suppressed."""

    key: str  # sector code
    name_en: str
    name_ar: str
    people: int | None
    pre: Decimal | None
    post: Decimal | None
    suppressed: FewerThan | None = None

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)

    @property
    def gain(self) -> Decimal | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


def knowledge_gain_by_sector(
    scope: Scope, filters: Filters, today: date | None = None
) -> list[GainRow]:
    """Pre→post knowledge gain per sector in the scope. Two queries, and one per course that
    has both a pre-test and a post-test (not per person)."""
    today = today or timezone.localdate()
    people = _people(scope, filters, today, aggregate=True)
    sectors = list(scope.sectors())
    if filters.sector is not None:
        sectors = [sector for sector in sectors if sector.pk == filters.sector.pk]
    pairs = courses_api.pre_post_tests(course_ids=filters.course_ids())
    totals: dict[int, list[Decimal]] = {}
    for pre_test_id, post_test_id in pairs:
        gains = assessments_api.paired_gain(
            pre_test_id=pre_test_id,
            post_test_id=post_test_id,
            people=people,
            group_by="organisation__sector_id",
        )
        for sector_id, gain in gains.items():
            size, pre, post = totals.setdefault(sector_id, [Decimal(0)] * 3)
            totals[sector_id] = [
                size + gain.people,
                pre + gain.pre * gain.people,
                post + gain.post * gain.people,
            ]
    rows = []
    places = Decimal("0.01")
    for sector in sectors:
        size, pre, post = totals.get(sector.pk, [Decimal(0)] * 3)
        suppressed = small_group(int(size))
        rows.append(
            GainRow(
                key=sector.code,
                name_en=sector.name_en,
                name_ar=sector.name_ar,
                people=None if suppressed else int(size),
                pre=None if suppressed else (pre / size).quantize(places),
                post=None if suppressed else (post / size).quantize(places),
                suppressed=suppressed,
            )
        )
    return rows


@dataclass(frozen=True)
class MasteryGrid:
    """Mastery by indicator and sector (0..1). `tags` are (code, English name, Arabic name) in the
    taxonomy's order, `sectors` are rows of `by_sector`'s kind (key, names); `cells` maps
    (tag code, sector code) to a Decimal, or to a FewerThan where too few people answered.
    Codes are keys only: pages show the names."""

    tags: list[tuple[str, str, str]]
    sectors: list[tuple[str, str, str]]
    cells: dict[tuple[str, str], Decimal | FewerThan]
    # When the tallies it was summed from were built (None: computed from the answers now).
    as_of: datetime | None = None

    def tag_name(self, code: str) -> str:
        for tag, name_en, name_ar in self.tags:
            if tag == code:
                return in_active_language(name_en, name_ar)
        return code


def mastery_grid(scope: Scope, filters: Filters, today: date | None = None) -> MasteryGrid:
    """Mastery per indicator and sector over the scope's people's submitted answers (the
    filtered course's quizzes, or every quiz). Where snapshots are kept and the filters narrow
    people by organisation only, summed from the mastery tallies (`refresh_mastery_tallies`):
    four queries whatever the number of answers. Otherwise from the answers: three queries."""
    today = today or timezone.localdate()
    course_ids = filters.course_ids()
    quiz_ids = courses_api.quizzes_of_courses(course_ids=course_ids) if course_ids else None
    tallied = _tallied_cells(scope, filters, today, quiz_ids) if snapshot_seconds() else None
    if tallied is None:
        as_of = None
        people = _people(scope, filters, today, aggregate=True)
        cells = assessments_api.mastery_by_group(
            people=people, group_by="organisation__sector__code", quiz_ids=quiz_ids
        )
    else:
        cells, as_of = tallied
    sectors = {sector.code: sector for sector in scope.sectors()}
    tags: dict[str, tuple[str, str, str]] = {}
    grid: dict[tuple[str, str], Decimal | FewerThan] = {}
    for cell in cells:
        if cell.group not in sectors:
            continue
        tags.setdefault(cell.tag, (cell.tag, cell.tag_name_en, cell.tag_name_ar))
        grid[(cell.tag, cell.group)] = small_group(cell.people) or cell.mastery
    shown = sorted({sector for _tag, sector in grid}, key=lambda code: sectors[code].name_en)
    return MasteryGrid(
        tags=list(tags.values()),
        sectors=[(code, sectors[code].name_en, sectors[code].name_ar) for code in shown],
        cells=grid,
        as_of=as_of,
    )


def _tallied_cells(scope: Scope, filters: Filters, today: date, quiz_ids):
    """The mastery cells summed from the tallies, and when those were built; None where the
    tallies cannot answer: none built yet, or a filter on people that their organisation does
    not decide (sex, a training session, a period that ended before today). Over several quizzes
    (a course) a person answering two of them counts once per organisation and tag, at the
    quiz most people answered: fewer people than the answers' own count, so a small group is
    hidden where it would be, or sooner, never shown where it would be hidden."""
    if filters.sex or filters.session is not None or filters.as_at_date(today) < today:
        return None
    built = MasteryTally.objects.aggregate(at=Min("computed_at"))["at"]
    if built is None:
        return None
    organisations = scope.organisations()
    if filters.region is not None:
        organisations = organisations.filter(region_id=filters.region.pk)
    if filters.sector is not None:
        organisations = organisations.filter(sector_id=filters.sector.pk)
    if filters.organisation is not None:
        organisations = organisations.filter(pk=filters.organisation.pk)
    tallies = MasteryTally.objects.filter(organisation__in=organisations.values("pk"))
    if quiz_ids is None:
        tallies = tallies.filter(quiz__isnull=True)
    else:
        tallies = tallies.filter(quiz_id__in=list(quiz_ids))
    rows = (
        tallies.values("tag", "organisation_id", "organisation__sector__code")
        .annotate(people=Max("people"), responses=Sum("responses"), share=Sum("share_sum"))
        .order_by()
    )
    sums: dict[tuple[str, str], list] = {}
    for row in rows:
        total = sums.setdefault((row["tag"], row["organisation__sector__code"]), [0, 0, 0.0])
        total[0] += row["people"]
        total[1] += row["responses"]
        total[2] += row["share"]
    cells = assessments_api.mastery_cells(
        (tag, sector, people, share / responses)
        for (tag, sector), (people, responses, share) in sums.items()
        if responses
    )
    return cells, built


def refresh_mastery_tallies(now: datetime | None = None) -> int:
    """Rebuild the mastery tallies from every graded answer of the programme's people: per
    organisation and tag, once over every quiz and once per quiz. Readers see the previous
    tallies until the new ones are whole. Returns the number of tallies. Three queries and the
    inserts, whatever the number of people."""
    now = now or timezone.now()
    people = Scope.programme().people()
    tallies = [
        MasteryTally(
            organisation_id=row["organisation"],
            quiz_id=row["quiz"],
            tag=row["tag"],
            people=row["people"],
            responses=row["responses"],
            share_sum=row["share_sum"],
            computed_at=now,
        )
        for by_quiz in (False, True)
        for row in assessments_api.tag_tallies(people=people, by_quiz=by_quiz)
    ]
    with transaction.atomic():
        MasteryTally.objects.all().delete()
        MasteryTally.objects.bulk_create(tallies, batch_size=2000)
    return len(tallies)


# --- Snapshots: the figures the pages and the API show ------------------------------------------
#
# Aggregating a large programme takes seconds (docs/benchmarks.md), so the pages and the API read
# the figures from a snapshot kept in Django's cache, computed by `refresh_figures` (the
# `refresh_completion_figures` command, run by a timer every REFRESH_MINUTES) or, for a filtered
# view nobody had asked for yet, by the first request for it. Every answer states when its
# figures were computed (`Figures.as_of`). Exports and the programme report are background jobs
# and compute fresh; lists of named people and one person's record are cheap and always current.

# The timer's period (docs/deployment.md): the pages state it next to the figures' time.
REFRESH_MINUTES = 5
# Bump when a change to this module changes what a kept figure holds or means, so that figures
# kept by the previous code are never read back by the new one.
SNAPSHOT_REVISION = 2
_GENERATION_KEY = "completion-figures:generation"


def snapshot_seconds() -> int:
    """How long a computed figure is kept (HIMAYA_COMPLETION_CACHE_SECONDS); 0 turns the
    snapshots off and every page computes its figures afresh."""
    from django.conf import settings

    return settings.HIMAYA_COMPLETION_CACHE_SECONDS


def _generation() -> int:
    """The current generation of the figures: a counter in the cache that `refresh_figures`
    bumps, so that every figure kept before the refresh is no longer read. Started from the clock
    when the cache has none (first use, or evicted), so it never goes back to a number whose
    figures might still be kept."""
    from django.core.cache import cache

    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        cache.add(_GENERATION_KEY, int(timezone.now().timestamp()), timeout=None)
        generation = cache.get(_GENERATION_KEY)
    return int(generation)


def _next_generation() -> int:
    from django.core.cache import cache

    current = _generation()
    try:
        return cache.incr(_GENERATION_KEY)
    except ValueError:  # evicted between the two calls
        cache.set(_GENERATION_KEY, current + 1, timeout=None)
        return current + 1


def _scope_key(scope: Scope) -> str:
    return "programme" if scope.is_programme else f"organisation-{scope.organisation.pk}"


@dataclass(frozen=True)
class _Kept:
    computed_at: datetime
    value: object


class Figures:
    """The figures of one page or API answer for a scope, filters and day, read from the current
    snapshot or computed and kept in it (`cached` False, or HIMAYA_COMPLETION_CACHE_SECONDS 0:
    always computed). Each figure is kept under (function, scope, the filters' query string,
    any further argument, the day, the minimum group size, the generation): scopes never share
    an entry, and a refresh starts a new generation. `as_of` is when the oldest figure read was
    computed. One cache lookup per figure, and one for the generation."""

    def __init__(self, scope: Scope, filters: Filters, today: date | None = None, *, cached=True):
        self.scope = scope
        self.filters = filters
        self.today = today or timezone.localdate()
        self.seconds = snapshot_seconds() if cached else 0
        self.oldest: datetime | None = None
        self._generation_read: int | None = None

    @property
    def kept(self) -> bool:
        """Whether these figures come from snapshots (and so are refreshed every few minutes)."""
        return self.seconds > 0

    @property
    def as_of(self) -> datetime:
        return self.oldest or timezone.now()

    def by_sector(self) -> CompletionTable:
        return self._read(by_sector, self.filters)

    def by_organisation(self, sector: Sector) -> CompletionTable:
        # Keyed with the sector among the filters: the sector page and an organisation's page
        # ask for the same table.
        return self._read(by_organisation, replace(self.filters, sector=sector), sector)

    def completions_by_month(self) -> Series:
        return self._read(completions_by_month, self.filters)

    def certificates_issued_by_month(self) -> Series:
        return self._read(certificates_issued_by_month, self.filters)

    def certificates_expiring_by_month(self) -> Series:
        return self._read(certificates_expiring_by_month, self.filters)

    def knowledge_gain_by_sector(self) -> list[GainRow]:
        return self._read(knowledge_gain_by_sector, self.filters)

    def mastery_grid(self) -> MasteryGrid:
        return self._read(mastery_grid, self.filters)

    def _read(self, function, filters: Filters, *arguments):
        if not self.kept:
            self._saw(timezone.now())
            return function(self.scope, filters, *arguments, self.today)
        from django.core.cache import cache

        key = self._key(function, filters, arguments)
        kept = cache.get(key)
        if kept is None:
            started = timezone.now()
            value = function(self.scope, filters, *arguments, self.today)
            # A figure summed from tallies is as old as they are.
            kept = _Kept(getattr(value, "as_of", None) or started, value)
            cache.set(key, kept, self.seconds)
        self._saw(kept.computed_at)
        return kept.value

    def _key(self, function, filters: Filters, arguments) -> str:
        if self._generation_read is None:
            self._generation_read = _generation()
        further = ":".join(getattr(a, "code", None) or str(a.pk) for a in arguments)
        return ":".join(
            (
                f"completion-figures:{SNAPSHOT_REVISION}",
                function.__name__,
                _scope_key(self.scope),
                filters.query(),
                further,
                self.today.isoformat(),
                str(minimum_group_size()),
                str(self._generation_read),
            )
        )

    def _saw(self, computed_at: datetime) -> None:
        if self.oldest is None or computed_at < self.oldest:
            self.oldest = computed_at


def refresh_figures(today: date | None = None) -> list[Figures]:
    """Rebuild the mastery tallies, start a new generation of figures and compute those nobody
    should wait for: the
    programme's sector table and charts, each sector's page, and each organisation's own
    unfiltered figures as its managers and API tokens read them (its sector's table and the
    charts' series). Filtered views are computed when first asked for. Returns the figures
    computed on the pages that draw charts, for the charts to be drawn from them too. A fixed
    number of queries per sector and per organisation, whatever the number of people."""
    refresh_mastery_tallies()
    _next_generation()
    today = today or timezone.localdate()
    programme = Figures(Scope.programme(), Filters(), today)
    programme.by_sector()
    _series_of(programme)
    warmed = [programme]
    for sector in Sector.objects.order_by("code"):
        page = Figures(Scope.programme(), Filters(sector=sector), today)
        page.by_organisation(sector)
        _series_of(page)
        warmed.append(page)
    for organisation in Organisation.objects.select_related("sector").order_by("pk"):
        own = Figures(Scope.for_organisation(organisation), Filters(), today)
        own.by_organisation(organisation.sector)
        _series_of(own)
    return warmed


def _series_of(figures: Figures) -> None:
    figures.completions_by_month()
    figures.certificates_issued_by_month()
    figures.certificates_expiring_by_month()
    figures.knowledge_gain_by_sector()
    figures.mastery_grid()
