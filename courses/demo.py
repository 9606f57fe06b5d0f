"""Demo course for `manage.py seed_demo`: the programme's core course in English and Arabic,
sector learning paths, two workshops, and trainees part-way, complete and overdue.

The course's text is data a trainer can read and correct: `demo_course/course.yaml` and one file
per module beside it (the format is described at the top of course.yaml).

Everything is created in one go the first time; a second run finds the catalogue and changes
nothing."""

from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone
from wagtail.models import Locale

from assessments.demo import take_quiz
from assessments.models import Quiz
from cms.models import HomePage
from lms.people.models import Sector, User

from . import services
from .models import (
    Attendance,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    SessionRegistration,
    TrainingSession,
)

CATALOGUE = {"en": "Courses", "ar": "الدورات"}
CATALOGUE_INTRO = {
    "en": "<p>The programme's courses. Your sector's learning path is on your dashboard.</p>",
    "ar": "<p>دورات البرنامج. يظهر المسار التعليمي لقطاعك في لوحتك.</p>",
}
COURSE_DIR = Path(__file__).with_name("demo_course")
PATH_DUE_DAYS = 90
# A yearly refresher: certificates issued a year ago expire now (the dashboard's expiry windows).
CERTIFICATE_VALIDITY_MONTHS = 12
# The formative check sits at the end of the labour-inspection lesson on reading a workplace.
QUIZ_LESSON_SLUG = "reading-a-workplace-and-records"


def load_course(folder: Path = COURSE_DIR) -> dict:
    """The course, its modules in order and their lessons, with each lesson body as the
    (block type, value) pairs a StreamField takes."""
    course = _read(folder / "course.yaml")
    course["modules"] = [_read(folder / f"{slug}.yaml") for slug in course["modules"]]
    for module in course["modules"]:
        for lesson in module["lessons"]:
            lesson["body"] = {
                language: [_block(block, lesson["slug"]) for block in blocks]
                for language, blocks in lesson["body"].items()
            }
    return course


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _block(block: dict, lesson_slug: str) -> tuple:
    if len(block) != 1:
        raise ValueError(f"{lesson_slug}: a block is one `type: value` pair, not {sorted(block)}")
    ((kind, value),) = block.items()
    return kind, value


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page, arabic, **fields):
    translation = page.copy_for_translation(arabic)
    for name, value in fields.items():
        setattr(translation, name, value)
    if "title" in fields:
        translation.draft_title = fields["title"]
    translation.save_revision().publish()
    return translation


def _build_course(home, english, arabic):
    course_spec = load_course()
    index = _publish(
        home,
        CourseIndexPage(
            title=CATALOGUE["en"], slug="courses", intro=CATALOGUE_INTRO["en"], locale=english
        ),
    )
    _translate(index, arabic, title=CATALOGUE["ar"], intro=CATALOGUE_INTRO["ar"])
    course = CoursePage(
        title=course_spec["title"]["en"],
        slug=course_spec["slug"],
        code=course_spec["code"],
        summary=course_spec["summary"]["en"],
        estimated_hours=course_spec["estimated_hours"],
        content_warning=course_spec["content_warning"],
        certificate_validity_months=CERTIFICATE_VALIDITY_MONTHS,
        requires_attendance=True,
        locale=english,
    )
    course.sectors = list(Sector.objects.all())
    quizzes = {quiz.code: quiz for quiz in Quiz.objects.all()}
    course.pre_test = quizzes.get("VOT-PRE")
    course.post_test = quizzes.get("VOT-POST")
    course.final_quiz = quizzes.get("VOT-FINAL")
    _publish(index, course)
    _translate(
        course, arabic, title=course_spec["title"]["ar"], summary=course_spec["summary"]["ar"]
    )
    for spec in course_spec["modules"]:
        module = ModulePage(
            title=spec["title"]["en"],
            slug=spec["slug"],
            code=spec["code"],
            intro=spec["intro"]["en"],
            content_warning=spec["content_warning"],
            locale=english,
        )
        module.sectors = list(Sector.objects.filter(code__in=spec["sectors"]))
        _publish(course, module)
        _translate(module, arabic, title=spec["title"]["ar"], intro=spec["intro"]["ar"])
        for lesson_spec in spec["lessons"]:
            has_case = any(kind == "case_narrative" for kind, _ in lesson_spec["body"]["en"])
            body_en, body_ar = lesson_spec["body"]["en"], lesson_spec["body"]["ar"]
            if lesson_spec["slug"] == QUIZ_LESSON_SLUG and "VOT-C2-CHECK" in quizzes:
                check = ("quiz", {"quiz": quizzes["VOT-C2-CHECK"]})
                body_en, body_ar = [*body_en, check], [*body_ar, check]
            lesson = _publish(
                module,
                LessonPage(
                    title=lesson_spec["title"]["en"],
                    slug=lesson_spec["slug"],
                    body=body_en,
                    estimated_minutes=lesson_spec["estimated_minutes"],
                    fictional_declared=has_case,
                    locale=english,
                ),
            )
            _translate(lesson, arabic, title=lesson_spec["title"]["ar"], body=body_ar)
    return course


def _sessions(course, trainer, now):
    past = TrainingSession.objects.create(
        course=course,
        title="Identification and referral workshop — Riyadh",
        title_ar="ورشة التعرف على الضحايا وإحالتهم — الرياض",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=4),
        mode=TrainingSession.Mode.IN_PERSON,
        place="Programme training centre, Riyadh",
        place_ar="مركز تدريب البرنامج، الرياض",
        trainer=trainer,
        capacity=30,
    )
    upcoming = TrainingSession.objects.create(
        course=course,
        title="Online case clinic",
        title_ar="عيادة الحالات عبر الإنترنت",
        starts_at=now + timedelta(days=21),
        ends_at=now + timedelta(days=21) + timedelta(hours=2),
        mode=TrainingSession.Mode.ONLINE,
        online_link="https://meet.himaya.example/case-clinic",
        trainer=trainer,
        capacity=20,
    )
    return past, upcoming


def _progress(course, past_session, upcoming_session, trainer, now):
    """Per sector: trainee 1 part-way, trainee 2 complete (and competent), trainee 3 overdue.
    Everyone took the pre-test; quiz answers are plausible, not perfect, so analytics and
    knowledge gain show real numbers."""
    for sector in Sector.objects.order_by("code"):
        trainees = list(
            User.objects.filter(organisation__sector=sector, groups__name="Trainee")
            .filter(invitation__isnull=True)
            .order_by("pk")
        )
        for position, trainee in enumerate(trainees[:3], start=1):
            enrolment = Enrolment.objects.get(user=trainee, course=course)
            (progress,) = services.progress_for(user=trainee, enrolments=[enrolment])
            required = [lesson for m in progress.modules for lesson in m.required_lessons]
            pages = LessonPage.objects.in_bulk([lesson.lesson_id for lesson in required])
            seed = trainee.pk * 31
            if course.pre_test:
                take_quiz(user=trainee, quiz=course.pre_test, skill=0.45, seed=seed)
            if position == 2:  # complete: registered for the past workshop, then attended
                SessionRegistration.objects.create(
                    session=past_session,
                    user=trainee,
                    registered_at=past_session.starts_at - timedelta(days=7),
                )
                # Through the service, as the trainer would: it refuses anyone not registered
                # or a session that has not started.
                services.record_attendance(
                    session=past_session,
                    by=trainer,
                    statuses={trainee.pk: Attendance.Status.PRESENT},
                )
                done = required
            elif position == 3:  # overdue: joined four months ago, one lesson done
                Enrolment.objects.filter(pk=enrolment.pk).update(
                    enrolled_at=now - timedelta(days=120), due_at=now - timedelta(days=30)
                )
                done = required[:1]
            else:  # part-way, registered for the next workshop (no attendance before it)
                services.register_for_session(user=trainee, session=upcoming_session)
                done = required[: len(required) // 2]
            for lesson in done:
                page = pages[lesson.lesson_id]
                # A lesson with a quiz is completed by passing it, as a trainee would.
                for quiz in Quiz.objects.filter(pk__in=page.quiz_ids):
                    take_quiz(user=trainee, quiz=quiz, skill=1.0, seed=seed + 1)
                if not page.quiz_ids:
                    services.complete_lesson(user=trainee, lesson=page)
            if position == 2:
                if course.post_test:
                    take_quiz(user=trainee, quiz=course.post_test, skill=0.85, seed=seed + 2)
                if course.final_quiz:
                    take_quiz(user=trainee, quiz=course.final_quiz, skill=1.0, seed=seed + 3)


def seed(*, stdout) -> None:
    if CourseIndexPage.objects.exists():
        stdout.write("  courses: already there")
        return
    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.get(language_code="ar")
    home = HomePage.objects.get(locale=english)
    course = _build_course(home, english, arabic)
    # One learning path per sector; saving a step enrols the sector's people (receivers.py).
    for sector in Sector.objects.all():
        path, _ = LearningPath.objects.get_or_create(sector=sector)
        LearningPathStep.objects.create(path=path, course=course, due_days=PATH_DUE_DAYS)
    now = timezone.now()
    trainer = User.objects.get(email="trainer@himaya.example")
    past, upcoming = _sessions(course, trainer, now)
    _progress(course, past, upcoming, trainer, now)
    stdout.write(
        f"  courses: {LessonPage.objects.filter(locale=english).count()} lessons per language, "
        f"{Enrolment.objects.count()} enrolments, "
        f"{Enrolment.objects.exclude(completed_at=None).count()} completed"
    )
