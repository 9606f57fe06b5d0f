"""Courses' verbs: enrol, complete lessons, register and record attendance, record completion.

Views, receivers and commands call these; the rules live here."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, connection, router, transaction
from django.db.models import Count, DateTimeField, Exists, OuterRef, Q, QuerySet, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from assessments import api as assessments_api
from assessments.models import Quiz
from cms import page_cache
from cms.locales import live_translations_by_page_id, page_in_default_locale
from lms.kept_sql import KeptQuery
from lms.people.access import visible_people
from lms.people.models import User
from lms.people.roles import Role

from .models import (
    Attendance,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearningPath,
    LessonCompletion,
    LessonPage,
    ModulePage,
    SectorMove,
    SessionRegistration,
    TrainingSession,
)
from .progress import (
    DueState,
    LessonProgress,
    Link,
    ModuleProgress,
    NextStep,
    due_state,
    neighbours,
    next_step,
    percent,
)
from .signals import (
    attendance_recorded,
    course_completed,
    enrolled,
    lesson_completed,
    people_enrolled,
)

logger = logging.getLogger(__name__)


class CourseError(Exception):
    """The action cannot be done as asked; the message says why, for the person who asked."""


# --- Enrolment -------------------------------------------------------------------------------


def enrol(
    *,
    user: User,
    course: CoursePage,
    source: str,
    by: User | None = None,
    due_days: int | None = None,
) -> tuple[Enrolment, bool]:
    """Enrol once; enrolling again returns the existing enrolment unchanged."""
    course = page_in_default_locale(course)
    now = timezone.now()
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                course=course,
                defaults={
                    "source": source,
                    "enrolled_by": by,
                    "enrolled_at": now,
                    "due_at": now + timedelta(days=due_days) if due_days else None,
                },
            )
            if created:
                enrolled.send(sender=Enrolment, enrolment=enrolment)
            return enrolment, created
    except IntegrityError:  # a parallel request enrolled the same person
        return Enrolment.objects.get(user=user, course=course), False


def enrol_in_sector_path(*, user: User) -> list[Enrolment]:
    """Enrol a trainee in every course of their sector's learning path they lack."""
    if user.organisation_id is None or not user.groups.filter(name=Role.TRAINEE).exists():
        return []
    path = (
        LearningPath.objects.filter(sector__organisations=user.organisation_id)
        .prefetch_related("steps__course")
        .first()
    )
    if path is None:
        return []
    created = []
    for step in path.steps.all():
        enrolment, was_created = enrol(
            user=user, course=step.course, source=Enrolment.Source.PATH, due_days=step.due_days
        )
        if was_created:
            created.append(enrolment)
    return created


def organisation_moved(*, organisation, from_sector_id: int) -> int:
    """The organisation moved to another sector: its trainees' path is now that sector's. Each
    is enrolled in the new path's courses and told on their dashboard (a SectorMove); what they
    completed keeps counting. Returns how many trainees moved."""
    trainees = list(
        User.objects.filter(
            organisation=organisation, is_active=True, groups__name=Role.TRAINEE
        ).select_related("organisation")
    )
    with transaction.atomic():
        SectorMove.objects.bulk_create(
            SectorMove(user=person, from_sector_id=from_sector_id, to_sector=organisation.sector)
            for person in trainees
        )
        for person in trainees:
            enrol_in_sector_path(user=person)
    return len(trainees)


def latest_sector_move(*, user: User) -> SectorMove | None:
    if user.organisation_id is None:
        return None
    return (
        SectorMove.objects.filter(user=user)
        .select_related("from_sector", "to_sector")
        .order_by("-moved_at")
        .first()
    )


def enrol_people(
    *, people: QuerySet[User], course: CoursePage, by: User, due_days: int | None = None
) -> int:
    """A manager enrols people in any course, a handful found by a search or a whole
    organisation or sector at once; returns how many were newly enrolled (those already
    enrolled keep their enrolment unchanged). One `INSERT … SELECT` and `people_enrolled` in one
    transaction: the same queries for ten people or a sector of twenty thousand, and no person
    travels through Python."""
    course = page_in_default_locale(course)
    try:
        return _enrol_newcomers(people=people, course=course, by=by, due_days=due_days)
    except IntegrityError:
        # Someone among them was enrolled meanwhile (by their path, by another manager): read
        # again, now that their enrolment is visible.
        return _enrol_newcomers(people=people, course=course, by=by, due_days=due_days)


def _enrol_newcomers(*, people, course, by, due_days) -> int:
    now = timezone.now()
    due_at = now + timedelta(days=due_days) if due_days else None
    already = Enrolment.objects.filter(user=OuterRef("pk"), course=course)
    # The new rows, selected: each person not yet enrolled, with the enrolment's values as
    # constants, in the order of `columns` (the person's id first, then the annotations).
    columns = ["user", "course", "source", "enrolled_by", "enrolled_at", "due_at"]
    rows = (
        people.select_related(None)
        .exclude(Exists(already))
        .order_by()
        .annotate(
            new_course=Value(course.pk),
            new_source=Value(Enrolment.Source.MANAGER.value),
            new_by=Value(by.pk),
            new_at=Value(now, output_field=DateTimeField()),
            new_due=Value(due_at, output_field=DateTimeField()),
        )
        .values_list("pk", "new_course", "new_source", "new_by", "new_at", "new_due")
    )
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(Enrolment._meta.get_field(name).column) for name in columns)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(Enrolment._meta.db_table)} ({names}) {select}",
                params,
            )
            count = cursor.rowcount
        if count:
            people_enrolled.send(
                sender=Enrolment,
                course=course,
                enrolments=Enrolment.objects.filter(
                    course=course,
                    source=Enrolment.Source.MANAGER,
                    enrolled_by=by,
                    enrolled_at=now,
                ),
            )
    return count


def group_counts(*, people: QuerySet[User], course: CoursePage) -> tuple[int, int]:
    """(people, of them already enrolled in `course`): what enrolling a group would do, for
    its confirmation. One query."""
    course = page_in_default_locale(course)
    counts = people.order_by().aggregate(
        people=Count("pk"),
        enrolled=Count(
            "pk", filter=Exists(Enrolment.objects.filter(user=OuterRef("pk"), course=course))
        ),
    )
    return counts["people"], counts["enrolled"]


def self_enrol(*, user: User, course: CoursePage) -> Enrolment:
    course = page_in_default_locale(course)
    if not course.live:
        raise CourseError(_("This course is not available."))
    if not course.is_optional:
        raise CourseError(
            _("This course is assigned by your programme; ask your manager to enrol you.")
        )
    enrolment, _created = enrol(user=user, course=course, source=Enrolment.Source.SELF)
    return enrolment


def enrolment_for(
    *, user: User, page: Page, with_completion_of: LessonPage | None = None
) -> Enrolment | None:
    """The person's enrolment in the course that contains `page` (any language). With a lesson,
    the enrolment also says whether they completed it (`lesson_complete`), in the same query."""
    if not user.is_authenticated:
        return None
    if isinstance(page, CoursePage) or page.specific_class is CoursePage:
        course_page = page  # the course itself, specific or as routing read it (cms.routing)
    else:
        course_page = CoursePage.objects.ancestor_of(page).first()
    if course_page is None:
        return None
    enrolments = Enrolment.objects.filter(
        user=user, course=page_in_default_locale(course_page)
    ).select_related("course")
    if with_completion_of is not None:
        completions = LessonCompletion.objects.filter(
            user=user, lesson=page_in_default_locale(with_completion_of)
        )
        enrolments = enrolments.annotate(lesson_complete=Exists(completions))
    return enrolments.first()


# --- Course structure and progress ----------------------------------------------------------


@dataclass
class CourseProgress:
    enrolment: Enrolment
    course: CoursePage  # in the reader's language where a translation exists
    modules: list[ModuleProgress] = field(default_factory=list)
    needs_attendance: bool = False
    attended: bool = False
    needs_post_test: bool = False
    post_test_attempted: bool = False
    needs_pre_test: bool = False
    pre_test_attempted: bool = False
    now: object = None

    @property
    def done(self) -> int:
        return sum(module.done for module in self.modules)

    @property
    def total(self) -> int:
        return sum(module.total for module in self.modules)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def due_state(self) -> DueState:
        return due_state(
            due_at=self.enrolment.due_at, completed_at=self.enrolment.completed_at, now=self.now
        )

    @property
    def next_lesson(self) -> LessonProgress | None:
        """Where to continue: the last lesson opened if unfinished, else the first not done."""
        lessons = [lesson for module in self.modules for lesson in module.lessons]
        last = self.enrolment.last_lesson_id
        for lesson in lessons:
            if lesson.lesson_id == last and not lesson.complete:
                return lesson
        for lesson in lessons:
            if lesson.required and not lesson.complete:
                return lesson
        return None

    @property
    def lessons_complete(self) -> bool:
        return self.done == self.total

    @property
    def lessons_missing_since_completion(self) -> list[LessonProgress]:
        """Required lessons not done in a course recorded complete: lessons added after the
        person completed it (or made required for their sector since). Their completion and
        certificate stand; the dashboard says what changed."""
        if self.enrolment.completed_at is None:
            return []
        return [
            lesson
            for module in self.modules
            for lesson in module.required_lessons
            if not lesson.complete
        ]

    @property
    def next_step(self) -> NextStep | None:
        """What to do next in the course, in its order: the pre-test before any lesson is done,
        the lessons, the post-test, a training session. None once complete. The dashboard
        reads the course's tests from the enrolment (dashboard_enrolments joins them)."""
        if self.enrolment.completed_at is not None:
            return None
        course = self.enrolment.course
        started = any(lesson.complete for module in self.modules for lesson in module.lessons)
        return next_step(
            pre_test=_quiz_link(course.pre_test)
            if self.needs_pre_test and not self.pre_test_attempted and not started
            else None,
            lesson=self.next_lesson,
            post_test=_quiz_link(course.post_test)
            if self.needs_post_test and not self.post_test_attempted
            else None,
            session=Link(url=self.course.url, title=self.course.title)
            if self.needs_attendance and not self.attended
            else None,
        )

    @property
    def is_complete(self) -> bool:
        return (
            self.lessons_complete
            and (self.attended or not self.needs_attendance)
            and (self.post_test_attempted or not self.needs_post_test)
        )


def _quiz_link(quiz) -> Link | None:
    if quiz is None or not quiz.live:
        return None
    return Link(url=reverse("assessments:quiz", args=[quiz.pk]), title=quiz.title)


def _under(courses: list[CoursePage]) -> Q:
    """Pages anywhere below the given courses."""
    under = Q()
    for course in courses:
        under |= Q(path__startswith=course.path)
    return under


def _outline(courses: list[CoursePage]):
    """Live modules and lessons under the given canonical courses, in tree order, in three
    queries whatever the number of courses."""
    if not courses:
        return [], []
    under = _under(courses)
    modules = list(
        ModulePage.objects.live().filter(under).prefetch_related("sectors").order_by("path")
    )
    lessons = list(LessonPage.objects.live().filter(under).order_by("path"))
    return modules, lessons


def progress_for(
    *, user: User, enrolments: list[Enrolment], now=None, display: bool = True
) -> list[CourseProgress]:
    """Progress in each enrolment's course, with a number of queries that does not grow with
    the number of enrolments (none without an enrolment). Without `display`, only the facts
    (what is required, done, attended, attempted) for `is_complete`: titles stay in the
    default language and lessons have no URL, which saves the translations' and the site's
    queries (six) on every quiz submission that checks a completion."""
    if not enrolments:
        return []
    now = now or timezone.now()
    courses = [enrolment.course for enrolment in enrolments]
    modules, lessons = _outline(courses)
    completed = set(
        LessonCompletion.objects.filter(
            user=user, lesson_id__in=[lesson.pk for lesson in lessons]
        ).values_list("lesson_id", flat=True)
    )
    attended_courses = set(
        Attendance.objects.filter(
            user=user, status=Attendance.Status.PRESENT, session__course__in=courses
        ).values_list("session__course_id", flat=True)
    )
    tests = {
        quiz_id
        for course in courses
        for quiz_id in (course.pre_test_id, course.post_test_id)
        if quiz_id
    }
    attempted_tests = assessments_api.quizzes_submitted(user=user, quiz_ids=tests)
    pages = [*courses, *modules, *lessons]
    readable = live_translations_by_page_id(pages) if display else {page.pk: page for page in pages}
    sector_id = user.organisation.sector_id if user.organisation_id else None

    lessons_by_module: dict[str, list[LessonPage]] = {}
    for lesson in lessons:
        lessons_by_module.setdefault(lesson.path[: -Page.steplen], []).append(lesson)
    modules_by_course: dict[str, list[ModulePage]] = {}
    for module in modules:
        modules_by_course.setdefault(module.path[: -Page.steplen], []).append(module)

    result = []
    for enrolment in enrolments:
        course = enrolment.course
        progress = CourseProgress(
            enrolment=enrolment,
            course=readable[course.pk],
            needs_attendance=course.requires_attendance,
            attended=course.pk in attended_courses,
            needs_post_test=course.post_test_id is not None,
            post_test_attempted=course.post_test_id in attempted_tests,
            needs_pre_test=course.pre_test_id is not None,
            pre_test_attempted=course.pre_test_id in attempted_tests,
            now=now,
        )
        for module in modules_by_course.get(course.path, []):
            module_sectors = {sector.pk for sector in module.sectors.all()}
            module_progress = ModuleProgress(
                module_id=module.pk,
                code=module.code,
                title=readable[module.pk].title,
                content_warning=module.content_warning,
                required=not module_sectors or sector_id in module_sectors,
            )
            for lesson in lessons_by_module.get(module.path, []):
                module_progress.lessons.append(
                    LessonProgress(
                        lesson_id=lesson.pk,
                        title=readable[lesson.pk].title,
                        url=readable[lesson.pk].url if display else "",
                        required=lesson.is_required,
                        complete=lesson.pk in completed,
                    )
                )
            progress.modules.append(module_progress)
        result.append(progress)
    return result


def dashboard_enrolments(*, user: User) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course", "course__locale", "course__pre_test", "course__post_test")
        .order_by("completed_at", "due_at", "enrolled_at")
    )


def catalogue_page(*, language: str) -> CourseIndexPage | None:
    """The live course catalogue in `language`, or in the default language where it has none."""
    pages = CourseIndexPage.objects.live().select_related("locale")
    return pages.filter(locale__language_code=language[:2]).first() or pages.order_by("pk").first()


def catalogue(*, user: User, index) -> list[dict]:
    """The courses under a catalogue page, in the reader's language, with their state for them."""
    courses = list(CoursePage.objects.live().child_of(index).order_by("path"))
    enrolled = {}
    if user.is_authenticated:
        # Enrolments point at the canonical page; translations share its translation_key.
        enrolled = {
            e.course.translation_key: e
            for e in Enrolment.objects.filter(
                user=user, course__translation_key__in=[c.translation_key for c in courses]
            ).select_related("course")
        }
    return [
        {"course": course, "enrolment": enrolled.get(course.translation_key)} for course in courses
    ]


# --- Lessons ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonFrame:
    """What surrounds the lessons of a course, the same for every reader in a language: the
    course as its own type, the links to its live lessons in reading order, across modules (by
    lesson id), where "previous" leads before the first (the pre-test, or the course) and "next"
    after the last (the post-test, or the course), the course's URL, and its modules (by id)."""

    course: CoursePage
    lessons: tuple[tuple[int, Link], ...]
    before: Link
    after: Link
    course_url: str
    modules: dict
    # The course in the default locale, which learner state points at (an Arabic course's
    # enrolments are the English course's).
    course_in_default_locale_id: int


@dataclass(frozen=True)
class KeptLesson:
    """What a lesson's page shows every reader alike in a language, kept with the lesson's route
    (cms.routing, `LessonPage.kept_with_route`): its course's `LessonFrame`, its body as
    `lesson_body` renders it, its opening content warning (its level and message), and its id in
    the default locale (learner state's), so that a kept lesson costs no cache round trip beyond
    its route's, and no query to find its translation."""

    frame: LessonFrame
    body: str
    opening_warning: dict | None
    in_default_locale_id: int


def kept_lesson(*, lesson: LessonPage, course: Page, request=None) -> KeptLesson:
    """The `KeptLesson` of `lesson`, in `course` (a course page, or the plain page routing read
    for it), in the active language. Its frame is the course's (`lesson_frame`), which every
    lesson of the course shares: read from the cache where it is kept."""
    return KeptLesson(
        frame=lesson_frame(course=course, request=request),
        body=str(render_to_string("courses/lesson_body.html", {"page": lesson})),
        opening_warning=_opening_warning(lesson),
        in_default_locale_id=page_in_default_locale(lesson).pk,
    )


def lesson_in_default_locale_id(lesson: LessonPage) -> int:
    """The lesson's id in the default locale: kept with its route where routing kept it."""
    kept = _kept_with_route(lesson)
    return kept.in_default_locale_id if kept is not None else page_in_default_locale(lesson).pk


def lesson_opening_warning(lesson: LessonPage) -> dict | None:
    """The content warning the lesson opens with (its level and message), or None: kept with its
    route where routing kept it (no reading of its body's blocks)."""
    kept = _kept_with_route(lesson)
    if kept is not None:
        return kept.opening_warning
    return _opening_warning(lesson)


def _opening_warning(lesson: LessonPage) -> dict | None:
    opening = lesson.opening_warning
    return {"level": opening["level"], "message": opening["message"]} if opening else None


def _kept_with_route(lesson: LessonPage | None) -> KeptLesson | None:
    kept = getattr(lesson, "route_kept", None)
    return kept if isinstance(kept, KeptLesson) else None


def lesson_frame(*, course: Page, request=None, lesson: LessonPage | None = None) -> LessonFrame:
    """The `LessonFrame` of `course` (a course page, or the plain page routing read for it):
    the one kept with the lesson's route where routing kept one, or else kept on its own under
    the page tree's version (cms.page_cache: any page or quiz saved moves it on), by the course
    and the reader's language (the quizzes' titles and URLs are in it). Up to five queries where
    it is not kept: the course, its lessons, its modules, its two quizzes. With a lesson, its
    kept body (`lesson_body`) is read in the same round trip."""
    kept = _kept_with_route(lesson)
    if kept is not None:
        return kept.frame
    name = f"lesson-frame:{course.pk}:{get_language()}"
    if lesson is None:
        version, frame = page_cache.read_more(request, name)
    else:
        body = _body_name(lesson)
        version, (frame, html) = page_cache.read_more(request, name, body)
        if request is not None:
            request._himaya_lesson_body = (body, version, html)
    if frame is page_cache.MISSING:
        frame = _lesson_frame(course if isinstance(course, CoursePage) else course.specific)
        page_cache.keep(name, version, frame)
    return frame


def _body_name(lesson: LessonPage) -> str:
    return f"lesson-body:{lesson.pk}:{lesson.live_revision_id}:{get_language()}"


def lesson_body(*, lesson: LessonPage, request=None, preview: bool = False) -> str:
    """The lesson's body as its page shows it (every block but the opening content warning,
    which its own screen shows): the one kept with its route where routing kept one, or else
    rendered once per published revision and language and kept under the page tree's version
    (the body shows other pages' URLs, quizzes' titles, documents and images, each of which
    moves it on when saved). A preview is rendered afresh: its revision is a draft."""
    if preview:
        return render_to_string("courses/lesson_body.html", {"page": lesson})
    kept = _kept_with_route(lesson)
    if kept is not None:
        return mark_safe(kept.body)  # noqa: S308 (rendered by the template below, escaped there)
    name = _body_name(lesson)
    kept = getattr(request, "_himaya_lesson_body", None)
    if kept is not None and kept[0] == name:
        version, html = kept[1], kept[2]
    else:
        version, html = page_cache.read_more(request, name)
    if html is page_cache.MISSING:
        html = render_to_string("courses/lesson_body.html", {"page": lesson})
        page_cache.keep(name, version, str(html))
    return mark_safe(html)  # noqa: S308 (rendered by the template above, escaped there)


def _lesson_frame(course: CoursePage) -> LessonFrame:
    # Titles and URLs only: plain pages of the lesson type, without their bodies.
    lessons = list(
        Page.objects.live()
        .descendant_of(course)
        .type(LessonPage)
        .only("title", "url_path", "path", "depth", "locale")
        .order_by("path")
    )
    # Page.url reads the site's root paths from the cache for each page: once for them all.
    root_paths = Site.get_site_root_paths()
    for page in lessons:
        page._wagtail_cached_site_root_paths = root_paths
    return LessonFrame(
        course=course,
        lessons=tuple((page.pk, Link(url=page.url, title=page.title)) for page in lessons),
        before=_quiz_or_course(course, course.pre_test_id),
        after=_quiz_or_course(course, course.post_test_id),
        course_url=course.url,
        course_in_default_locale_id=page_in_default_locale(course).pk,
        # What the lesson page shows of its module: its title and content warning (kept small:
        # every lesson request reads the frame from the cache).
        modules={
            module.pk: module
            for module in ModulePage.objects.descendant_of(course).only(
                "title", "content_warning", "content_type", "locale"
            )
        },
    )


# The lesson page's enrolment query is the same for everyone but three ids: built once per process
# (lms.kept_sql; building it cost about twice what running it does).
_LESSON_ENROLMENT = KeptQuery(
    lambda user, course, lesson: (
        Enrolment.objects.filter(user_id=user, course_id=course)
        .annotate(
            lesson_complete=Exists(LessonCompletion.objects.filter(user_id=user, lesson_id=lesson))
        )
        .order_by("pk")
        .values_list("pk", "last_lesson_id", "lesson_complete")[:1]
    ),
    reads={"user": 2, "course": 1, "lesson": 1},
)


@dataclass(frozen=True)
class LessonEnrolment:
    """A person's enrolment as a lesson's page needs it: which it is, the lesson they last
    opened, and whether they have completed this one."""

    pk: int
    last_lesson_id: int | None
    lesson_complete: bool


def lesson_enrolment(*, user: User, course_id: int, lesson_id: int) -> LessonEnrolment | None:
    """The person's enrolment in the course (`course_id` and `lesson_id` in the default locale:
    `LessonFrame.course_in_default_locale_id`, `lesson_in_default_locale_id`), as
    `LessonEnrolment`, or None where they are not enrolled. One query, of three numbers (no
    model built: the page shows none of the enrolment's other fields)."""
    if not user.is_authenticated:
        return None
    found = _LESSON_ENROLMENT.rows(
        router.db_for_read(Enrolment), user=user.pk, course=course_id, lesson=lesson_id
    )
    if not found:
        return None
    pk, last_lesson_id, lesson_complete = found[0]
    return LessonEnrolment(pk, last_lesson_id, bool(lesson_complete))


def lesson_sequence(
    *, lesson: LessonPage, course: CoursePage, request=None, frame: LessonFrame | None = None
) -> tuple[Link, Link]:
    """Where "previous" and "next" lead from a lesson: the lessons before and after it in the
    whole course, in reading order across modules (in the lesson's language). Before the
    first lesson comes the pre-test, after the last the post-test, and otherwise the course
    page. From the course's `lesson_frame` (read here unless given): no query where it is
    kept."""
    frame = frame or lesson_frame(course=course, request=request)
    index = next((i for i, (pk, _link) in enumerate(frame.lessons) if pk == lesson.pk), 0)
    previous, following = neighbours([link for _pk, link in frame.lessons], index)
    return previous or frame.before, following or frame.after


def _quiz_or_course(course: CoursePage, quiz_id: int | None) -> Link:
    quiz = Quiz.objects.filter(pk=quiz_id).first() if quiz_id else None
    return _quiz_link(quiz) or Link(url=course.url, title=course.title)


def record_visit(*, enrolment: LessonEnrolment, lesson_id: int) -> None:
    """The lesson (its id in the default locale) is where the person continues from."""
    if enrolment.last_lesson_id != lesson_id:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson_id=lesson_id)


def complete_lesson(
    *, user: User, lesson: LessonPage, source: str = LessonCompletion.Source.TRAINEE
) -> LessonCompletion:
    """Mark a lesson complete (once) and record the course's completion if that finished it."""
    lesson = page_in_default_locale(lesson)
    if not lesson.live:
        raise CourseError(_("This lesson is not available."))
    enrolment = enrolment_for(user=user, page=lesson)
    if enrolment is None:
        raise CourseError(_("You are not enrolled in the course this lesson belongs to."))
    if source == LessonCompletion.Source.TRAINEE and lesson.quiz_ids:
        raise CourseError(_("This lesson is completed by passing its quiz."))
    with transaction.atomic():
        completion, created = LessonCompletion.objects.get_or_create(
            user=user, lesson=lesson, defaults={"source": source}
        )
        if created:
            lesson_completed.send(
                sender=LessonCompletion,
                user=user,
                lesson=lesson,
                enrolment=enrolment,
                completed_at=completion.completed_at,
            )
    check_completion(enrolment=enrolment)
    return completion


# --- Sessions and attendance -------------------------------------------------------------------

RUN_ANY_SESSION = "courses.manage_any_trainingsession"


def session_trainers():
    """The people a session can be given to: active members of the Trainer role."""
    return User.objects.filter(groups__name=Role.TRAINER, is_active=True).order_by("name_en")


def runs_every_session(user: User) -> bool:
    """Programme managers and administrators run every session and choose its trainer."""
    return user.is_authenticated and user.is_active and user.has_perm(RUN_ANY_SESSION)


def sessions_run_by(user: User):
    """The sessions whose register and admin pages `user` may open: a trainer's own, or all."""
    sessions = TrainingSession.objects.all()
    if runs_every_session(user):
        return sessions
    if not user.is_authenticated:
        return sessions.none()
    return sessions.filter(trainer=user)


def can_run_register(*, user: User, session: TrainingSession) -> bool:
    return user.is_authenticated and (session.trainer_id == user.pk or runs_every_session(user))


def can_add_participants(*, user: User, session: TrainingSession) -> bool:
    """The session's trainer, programme managers, and organisation managers (their own staff)."""
    if can_run_register(user=user, session=session):
        return True
    return user.is_authenticated and user.has_perm("people.view_organisation_people")


def participant_candidates(*, session: TrainingSession, by: User):
    """Who `by` may put on the session's register: people enrolled in its course, and for
    an organisation manager only their own organisation's."""
    enrolled = User.objects.filter(
        is_active=True, enrolments__course_id=session.course_id
    ).distinct()
    if can_run_register(user=by, session=session):
        return enrolled
    if can_add_participants(user=by, session=session):
        return enrolled.filter(pk__in=visible_people(by).values("pk"))
    return enrolled.none()


def attendance_is_open(*, session: TrainingSession, now=None) -> bool:
    """Attendance is a fact about a session that has begun; never recorded in advance."""
    return session.starts_at <= (now or timezone.now())


def _take_seat(*, session: TrainingSession, user: User, by: User | None):
    """Called with the session row locked: add the person unless the session is full."""
    if SessionRegistration.objects.filter(session=session, user=user).exists():
        return None
    if session.registrations.count() >= session.capacity:
        raise CourseError(_("This session is full."))
    return SessionRegistration.objects.create(session=session, user=user, added_by=by)


def register_for_session(*, user: User, session: TrainingSession) -> SessionRegistration:
    with transaction.atomic():
        # Lock the session row so two people cannot take the last seat together.
        session = TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        if session is None:
            raise CourseError(_("This training session does not exist."))
        if session.starts_at <= timezone.now():
            raise CourseError(_("This session has already started."))
        if not Enrolment.objects.filter(user=user, course_id=session.course_id).exists():
            raise CourseError(_("Enrol in the course before registering for its sessions."))
        registration = _take_seat(session=session, user=user, by=None)
        return registration or SessionRegistration.objects.get(session=session, user=user)


def add_participant(*, session: TrainingSession, email: str, by: User) -> SessionRegistration:
    """The trainer or a manager puts someone enrolled in the course on the session's register
    (a walk-in, or someone who could not register themselves), also after an offline workshop
    so that its sheet can be imported. Recorded with who added them.

    Whether the address is unknown, not enrolled or outside the manager's organisation, the
    answer is the same, so the form cannot be used to find out who is enrolled."""
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        if session is None or not can_add_participants(user=by, session=session):
            raise CourseError(_("This training session does not exist."))
        person = (
            participant_candidates(session=session, by=by)
            .filter(email__iexact=email.strip())
            .first()
        )
        if person is None:
            raise CourseError(
                _(
                    "Nobody with this email address can be added to this session. Only people "
                    "enrolled in its course can be added."
                )
            )
        registration = _take_seat(session=session, user=person, by=by)
        if registration is None:
            raise CourseError(_("This person is already registered for this session."))
    logger.info("User %s added user %s to session %s", by.pk, person.pk, session.pk)
    return registration


def record_attendance(*, session: TrainingSession, by: User, statuses: dict) -> int:
    """Record present/absent/excused for people registered for the session (user id → status);
    all or nothing, and only once the session has started."""
    if not attendance_is_open(session=session):
        raise CourseError(_("Attendance can be recorded once the session has started, not before."))
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in statuses.values()):
        raise CourseError(_("Unknown attendance status."))
    with transaction.atomic():
        registered = set(
            SessionRegistration.objects.filter(
                session=session,
                user_id__in=list(statuses),
                user__enrolments__course_id=session.course_id,
            ).values_list("user_id", flat=True)
        )
        if set(statuses) - registered:
            raise CourseError(_("Someone in this register is not registered for this session."))
        now = timezone.now()
        for user_id, status in statuses.items():
            Attendance.objects.update_or_create(
                session=session,
                user_id=user_id,
                defaults={"status": status, "recorded_by": by, "recorded_at": now},
            )
        attendance_recorded.send(
            sender=Attendance, session=session, statuses=dict(statuses), recorded_at=now
        )
        for enrolment in Enrolment.objects.filter(
            course_id=session.course_id, user_id__in=list(statuses)
        ).select_related("course"):
            check_completion(enrolment=enrolment)
    return len(statuses)


# --- Completion --------------------------------------------------------------------------------


def check_completion(*, enrolment: Enrolment) -> bool:
    """Record the course's completion the first time every rule holds; send `course_completed`
    exactly once, however many times or how concurrently this runs. Returns True when this call
    recorded it."""
    if enrolment.completed_at is not None:
        return False
    (progress,) = progress_for(user=enrolment.user, enrolments=[enrolment], display=False)
    if not progress.is_complete:
        return False
    now = timezone.now()
    with transaction.atomic():
        # The conditional update is the lock: only one caller can move NULL to a time.
        won = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=now
        )
        if not won:
            return False
        enrolment.completed_at = now
        logger.info("Enrolment %s completed", enrolment.pk)
        course_completed.send(sender=Enrolment, enrolment=enrolment)
    return True


def complete_lessons_with_quiz(*, user: User, quiz, enrolments: list[Enrolment]) -> int:
    """The quiz engine reports a pass: complete every lesson built around that quiz in the
    courses of the person's `enrolments` (every one of theirs, with its course loaded; and so,
    perhaps, complete the courses). Returns how many lessons it completed."""
    courses = [enrolment.course for enrolment in enrolments]
    if not courses:
        return 0
    under = _under(courses)
    done = 0
    for lesson in LessonPage.objects.live().filter(under):
        if quiz.pk in lesson.quiz_ids:
            complete_lesson(user=user, lesson=lesson, source=LessonCompletion.Source.QUIZ)
            done += 1
    return done


def course_quizzes(*, user: User, course: CoursePage) -> list[dict]:
    """The course's pre-test, post-test and scenario final, with the person's best result and,
    for the post-test, their knowledge gain. `best_percent` is None until they submit one."""
    course = page_in_default_locale(course)
    roles = ("pre_test", "post_test", "final_quiz")
    ids = {role: getattr(course, f"{role}_id") for role in roles}
    found = Quiz.objects.in_bulk([quiz_id for quiz_id in ids.values() if quiz_id])  # one query
    quizzes = [
        (role, found[ids[role]]) for role in roles if ids[role] in found and found[ids[role]].live
    ]
    best = assessments_api.best_percent_by_quiz(
        user=user, quiz_ids=[quiz.pk for _role, quiz in quizzes]
    )
    return [
        {
            "role": role,
            "quiz": quiz,
            "best_percent": best.get(quiz.pk),
            "gain": assessments_api.knowledge_gain(user=user, post_test=quiz)
            if role == "post_test"
            else None,
        }
        for role, quiz in quizzes
    ]


def session_roster(*, session: TrainingSession) -> list[dict]:
    """The people registered for a session, with what their trainer may see of their results:
    attendance, course completion and best scenario-final score. Four queries, however many
    people are registered."""
    registrations = list(
        session.registrations.select_related("user__organisation").order_by(
            "user__name_en", "user_id"
        )
    )
    people = [registration.user_id for registration in registrations]
    recorded = dict(session.attendance.filter(user_id__in=people).values_list("user_id", "status"))
    completed = dict(
        Enrolment.objects.filter(course_id=session.course_id, user_id__in=people).values_list(
            "user_id", "completed_at"
        )
    )
    final_id = session.course.final_quiz_id
    best_final = {}
    if final_id:
        best_final = assessments_api.best_percent_by_person(quiz_id=final_id, user_ids=people)
    return [
        {
            "person": registration.user,
            "registration": registration,
            "status": recorded.get(registration.user_id, ""),
            "completed_at": completed.get(registration.user_id),
            "best_final": best_final.get(registration.user_id),
        }
        for registration in registrations
    ]
