"""What the apps above (certificates) may read about enrolments and courses.

Apps above never query courses' tables themselves: they call these functions (reads), the verbs
in `courses.services` (writes), listen to `courses.signals`, and use `CoursePage` and
`Enrolment` as the targets of their foreign keys and as the rows these functions hand them.
Each function states its number of queries, which does not grow with the rows it returns.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from cms.locales import default_language_code, live_translations_by_page_id

from .models import Attendance, CoursePage, Enrolment, SessionRegistration, TrainingSession


def enrolments_of(*, user_id: int, shared: dict) -> list[Enrolment]:
    """Every enrolment of the person, with the course and the person's organisation and sector
    loaded, read once per `shared` dict (the scratch space the receivers of one quiz submission
    share, assessments.signals): the receivers in courses and certificates then filter these
    rows instead of each reading its own. The rows are the same objects for every receiver, so
    a completion recorded by one (`services.check_completion` sets `completed_at` on the row it
    was given) is seen by the next. One query, the first time."""
    key = ("courses.enrolments", user_id)
    if key not in shared:
        shared[key] = list(
            Enrolment.objects.filter(user_id=user_id)
            .select_related("course", "user__organisation__sector")
            .order_by("pk")
        )
    return shared[key]


def enrolments_holding_quiz(*, user_id: int, quiz_id: int) -> list[Enrolment]:
    """The person's enrolments in the courses whose pre-test, post-test or scenario final is the
    quiz, with the course loaded, oldest first. One query."""
    holding = Q(course__pre_test_id=quiz_id) | Q(course__post_test_id=quiz_id)
    return list(
        Enrolment.objects.filter(holding | Q(course__final_quiz_id=quiz_id), user_id=user_id)
        .select_related("course")
        .order_by("pk")
    )


def enrolment_in(*, user, course: CoursePage) -> Enrolment:
    """The person's enrolment in the course (its default-locale page); raises
    `Enrolment.DoesNotExist` when there is none. One query."""
    return Enrolment.objects.get(user=user, course=course)


def certifiable_courses() -> QuerySet[CoursePage]:
    """Live courses in the default language: the pages enrolments and certificates point at.
    Lazy, for a form's choices."""
    return CoursePage.objects.live().filter(locale__language_code=default_language_code())


@dataclass(frozen=True)
class TranscriptCourse:
    code: str
    title_en: str
    title_ar: str  # the English title where the course has no Arabic translation
    completed_on: date | None


def transcript_courses(*, user) -> list[TranscriptCourse]:
    """Every course the person is enrolled in, oldest enrolment first, with its titles in both
    languages and the local date it was completed. Five queries however many courses."""
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("course").order_by("enrolled_at")
    )
    courses = [enrolment.course for enrolment in enrolments]
    english = live_translations_by_page_id(courses, language="en")
    arabic = live_translations_by_page_id(courses, language="ar")
    return [
        TranscriptCourse(
            code=enrolment.course.code,
            title_en=english[enrolment.course_id].title,
            title_ar=arabic[enrolment.course_id].title,
            completed_on=timezone.localdate(enrolment.completed_at)
            if enrolment.completed_at
            else None,
        )
        for enrolment in enrolments
    ]


# --- Completion figures (certificates/completion.py; states defined in docs/completion.md) ------
#
# The enrolment states are conditions on one person, built here because enrolments are courses'
# table; certificates/completion.py counts them per group and lists them per person, so the
# dashboard, the people list, exports and the API share one definition.


@dataclass(frozen=True)
class Window:
    """What the figures are about: enrolments in `course_ids` (None: every course), of people
    enrolled by `as_at`, judged as they stood at `as_at`; with `since`, people who finished
    before it are not part of the period's cohort (they were done already)."""

    as_at: datetime
    since: datetime | None = None
    course_ids: tuple[int, ...] | None = None


def _enrolments(window: Window):
    enrolments = Enrolment.objects.filter(
        user_id=OuterRef("pk"), enrolled_at__lte=window.as_at, course__live=True
    )
    if window.course_ids is not None:
        enrolments = enrolments.filter(course_id__in=window.course_ids)
    return enrolments


def _unfinished_at(as_at: datetime) -> Q:
    return Q(completed_at__isnull=True) | Q(completed_at__gt=as_at)


def state_conditions(*, window: Window) -> dict[str, Q]:
    """Conditions on a person (a `User` row, through `OuterRef("pk")`) for each state of
    docs/completion.md: `enrolled` (in the period's cohort), `not_started`, `in_progress`,
    `completed` (the partition of `enrolled`) and `overdue` (inside `enrolled`). Plain
    expressions: no query until a queryset of people uses them."""
    enrolments = _enrolments(window)
    has_enrolment = Exists(enrolments)
    unfinished = Exists(enrolments.filter(_unfinished_at(window.as_at)))
    started = Exists(
        enrolments.filter(Q(last_lesson__isnull=False) | Q(completed_at__lte=window.as_at))
    )
    if window.since is None:
        enrolled = Q(has_enrolment)
        completed = Q(has_enrolment) & ~Q(unfinished)
    else:
        finished_in_period = Exists(
            enrolments.filter(completed_at__gte=window.since, completed_at__lte=window.as_at)
        )
        enrolled = Q(has_enrolment) & (Q(unfinished) | Q(finished_in_period))
        completed = Q(has_enrolment) & ~Q(unfinished) & Q(finished_in_period)
    overdue = Exists(enrolments.filter(_unfinished_at(window.as_at), due_at__lt=window.as_at))
    return {
        "enrolled": enrolled,
        "not_started": enrolled & Q(unfinished) & ~Q(started),
        "in_progress": enrolled & Q(unfinished) & Q(started),
        "completed": completed,
        "overdue": enrolled & Q(overdue),
    }


STATES = ("enrolled", "not_started", "in_progress", "completed", "overdue")


def state_counts(*, people: QuerySet, window: Window, group_by: str | None) -> dict:
    """Group (the user lookup `group_by`, e.g. "organisation__sector_id"; None: everyone
    together, under the key None) → {"people": n, and n for each of `STATES`}, by the
    definitions of `state_conditions`, for these people (a `User` queryset). One grouped pass
    over their enrolments, counting per person, then a count of people per group: the same
    figures as counting `state_conditions`, without an EXISTS per person and state (their cost
    grows fastest with the programme, docs/benchmarks.md). One query."""
    as_at = window.as_at
    counted = Q(enrolments__enrolled_at__lte=as_at, enrolments__course__live=True)
    if window.course_ids is not None:
        counted &= Q(enrolments__course_id__in=window.course_ids)
    unfinished = Q(enrolments__completed_at__isnull=True) | Q(enrolments__completed_at__gt=as_at)
    started = Q(enrolments__last_lesson__isnull=False) | Q(enrolments__completed_at__lte=as_at)
    per_person = {
        "n_counted": Count("enrolments", filter=counted),
        "n_unfinished": Count("enrolments", filter=counted & unfinished),
        "n_started": Count("enrolments", filter=counted & started),
        "n_overdue": Count(
            "enrolments", filter=counted & unfinished & Q(enrolments__due_at__lt=as_at)
        ),
    }
    enrolled, completed = "n_counted > 0", "n_counted > 0 AND n_unfinished = 0"
    if window.since is not None:
        per_person["n_finished_in_period"] = Count(
            "enrolments",
            filter=counted
            & Q(enrolments__completed_at__gte=window.since, enrolments__completed_at__lte=as_at),
        )
        enrolled = "n_counted > 0 AND (n_unfinished > 0 OR n_finished_in_period > 0)"
        completed += " AND n_finished_in_period > 0"
    states = {
        "enrolled": enrolled,
        "not_started": f"{enrolled} AND n_unfinished > 0 AND n_started = 0",
        "in_progress": f"{enrolled} AND n_unfinished > 0 AND n_started > 0",
        "completed": completed,
        "overdue": f"{enrolled} AND n_overdue > 0",
    }
    keys = {"person_id": F("pk"), **({"group_key": F(group_by)} if group_by else {})}
    persons = people.values(**keys)
    inner, params = persons.annotate(**per_person).query.sql_with_params()
    counts = ", ".join(
        f"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"
        for condition in states.values()
    )
    # Django cannot group over a grouped query, so the outer count is written here: it is made
    # of the constant conditions above and Django's own compiled SQL, every value a parameter.
    if group_by is None:  # one row, with zeros when there is nobody
        sql = f"SELECT NULL, COUNT(*), {counts} FROM ({inner}) per_person"  # noqa: S608
    else:
        sql = f"SELECT group_key, COUNT(*), {counts} FROM ({inner}) per_person GROUP BY group_key"  # noqa: S608
    with connections[people.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {key: dict(zip(("people", *states), numbers, strict=True)) for key, *numbers in rows}


def completed_within(*, course_ids: tuple[int, ...] | None, start: datetime, end: datetime) -> Q:
    """A person (through `OuterRef("pk")`) whose enrolments (in `course_ids`) made by `end` are
    all complete by `end`, the last of them on or after `start`: who counts towards a target
    for that period. An expression; no query of its own."""
    enrolments = _enrolments(Window(as_at=end, course_ids=course_ids))
    return (
        Q(Exists(enrolments))
        & ~Q(Exists(enrolments.filter(_unfinished_at(end))))
        & Q(Exists(enrolments.filter(completed_at__gte=start, completed_at__lte=end)))
    )


def registered_for_session(*, session_id: int) -> QuerySet:
    """The ids of the people registered for a training session, as a subquery. Lazy."""
    return SessionRegistration.objects.filter(session_id=session_id).values("user_id")


@dataclass(frozen=True)
class SessionChoice:
    id: int
    title: str
    course_id: int
    starts_at: datetime
    title_ar: str = ""

    @property
    def display_title(self) -> str:
        """The title in the active language (Arabic when given, English otherwise)."""
        return (get_language() == "ar" and self.title_ar) or self.title


def sessions_for_filter() -> list[SessionChoice]:
    """Every training session, newest first, for a filter's choices. One query."""
    return [
        SessionChoice(
            id=pk, title=title, course_id=course_id, starts_at=starts_at, title_ar=title_ar
        )
        for pk, title, course_id, starts_at, title_ar in TrainingSession.objects.order_by(
            "-starts_at", "pk"
        ).values_list("pk", "title", "course_id", "starts_at", "title_ar")
    ]


def session_choice(*, session_id: int) -> SessionChoice | None:
    """One training session as a filter knows it, or None when there is no such id. One query."""
    row = (
        TrainingSession.objects.filter(pk=session_id)
        .values_list("pk", "title", "course_id", "starts_at", "title_ar")
        .first()
    )
    return SessionChoice(*row) if row else None


@dataclass(frozen=True)
class EnrolmentRow:
    user_id: int
    course_id: int
    code: str
    title_en: str
    title_ar: str
    enrolled_at: datetime
    due_at: datetime | None
    completed_at: datetime | None  # None when not complete by the window's `as_at`
    started: bool
    overdue: bool


def enrolment_rows(*, people: QuerySet, window: Window) -> list[EnrolmentRow]:
    """Each enrolment (made by `as_at`, in the window's courses) of these people, with the
    course's titles in both languages and its state at `as_at`, ordered by person then due
    date. Five queries however many people and enrolments."""
    enrolments = Enrolment.objects.filter(
        user__in=people, enrolled_at__lte=window.as_at, course__live=True
    ).select_related("course")
    if window.course_ids is not None:
        enrolments = enrolments.filter(course_id__in=window.course_ids)
    enrolments = list(enrolments.order_by("user_id", F("due_at").asc(nulls_last=True), "pk"))
    courses = {enrolment.course_id: enrolment.course for enrolment in enrolments}.values()
    english = live_translations_by_page_id(courses, language="en")
    arabic = live_translations_by_page_id(courses, language="ar")
    rows = []
    for enrolment in enrolments:
        done = enrolment.completed_at is not None and enrolment.completed_at <= window.as_at
        rows.append(
            EnrolmentRow(
                user_id=enrolment.user_id,
                course_id=enrolment.course_id,
                code=enrolment.course.code,
                title_en=english[enrolment.course_id].title,
                title_ar=arabic[enrolment.course_id].title,
                enrolled_at=enrolment.enrolled_at,
                due_at=enrolment.due_at,
                completed_at=enrolment.completed_at if done else None,
                started=done or enrolment.last_lesson_id is not None,
                overdue=not done
                and enrolment.due_at is not None
                and enrolment.due_at < window.as_at,
            )
        )
    return rows


def completions_by_month(*, people: QuerySet, course_ids: tuple[int, ...] | None, since, until):
    """(first day of the month, courses completed that month) for these people's enrolments
    completed between `since` and `until` (aware datetimes), oldest month first. One query."""
    enrolments = Enrolment.objects.filter(
        user__in=people, completed_at__gte=since, completed_at__lte=until
    )
    if course_ids is not None:
        enrolments = enrolments.filter(course_id__in=course_ids)
    return [
        (month.date() if isinstance(month, datetime) else month, count)
        for month, count in enrolments.annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
        .values_list("month", "count")
    ]


@dataclass(frozen=True)
class AttendanceRow:
    session_title: str
    course_id: int
    starts_at: datetime
    status: str  # Attendance.Status value; "" when registered and not yet recorded


def attendance_of(*, user) -> list[AttendanceRow]:
    """The sessions the person registered for or was recorded at, oldest first, with what was
    recorded. Two queries."""
    recorded = dict(Attendance.objects.filter(user=user).values_list("session_id", "status"))
    sessions = TrainingSession.objects.filter(
        Q(registrations__user=user) | Q(pk__in=list(recorded))
    ).distinct()
    return [
        AttendanceRow(
            session_title=session.display_title,
            course_id=session.course_id,
            starts_at=session.starts_at,
            status=recorded.get(session.pk, ""),
        )
        for session in sessions.order_by("starts_at", "pk")
    ]


def pre_post_tests(*, course_ids: tuple[int, ...] | None = None) -> list[tuple[int, int]]:
    """(pre-test id, post-test id) of every live course (in `course_ids`) that has both. One
    query."""
    courses = certifiable_courses().filter(pre_test__isnull=False, post_test__isnull=False)
    if course_ids is not None:
        courses = courses.filter(pk__in=course_ids)
    return list(courses.order_by("path").values_list("pre_test_id", "post_test_id").distinct())


def quizzes_of_courses(*, course_ids: tuple[int, ...]) -> list[int]:
    """The ids of the pre-tests, post-tests and scenario finals of these courses. One query."""
    ids = set()
    for row in CoursePage.objects.filter(pk__in=course_ids).values_list(
        "pre_test_id", "post_test_id", "final_quiz_id"
    ):
        ids.update(quiz_id for quiz_id in row if quiz_id)
    return sorted(ids)
