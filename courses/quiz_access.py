"""Tells assessments who may start a quiz: people enrolled in a course that holds it, and for a
course's scenario final, only once they have done what the final assesses.

A course holds a quiz as its pre-test, post-test or scenario final, or in a quiz block of one of
its live lessons. Registered with `assessments.quiz_access` from CoursesConfig.ready(), because
assessments may not import courses.

The scenario final opens once the course's required lessons (for the person's sector) are done
and, where the course requires attendance, their presence at a workshop is recorded
(docs/domain.md: a certificate of competency is for someone who completed the course and passed
its final). The post-test is not a prerequisite: it is taken after the modules, in any order
with the final. A lesson built around the final itself cannot be a prerequisite (it is completed
by passing the final), so it is left out.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from assessments.quiz_access import NOT_HELD, StartCheck, Step, register_start_rule
from cms.locales import live_translations_by_page_id

from . import services
from .models import Enrolment, LessonPage

ALLOWED = StartCheck(allowed=True)


def course_start_check(*, user, quiz) -> StartCheck:
    """Allowed for a person enrolled in a course holding the quiz as its pre- or post-test or in
    a lesson; for a course's final, allowed once its prerequisites are done, otherwise refused
    with the steps missing. A fixed number of queries, whatever the number of enrolments."""
    enrolments = list(Enrolment.objects.filter(user=user).select_related("course"))
    if not enrolments:
        return NOT_HELD
    if any(quiz.pk in (e.course.pre_test_id, e.course.post_test_id) for e in enrolments):
        return ALLOWED
    finals = [e for e in enrolments if e.course.final_quiz_id == quiz.pk]
    holding_lessons = _lessons_holding(quiz, [e.course for e in enrolments])
    final_paths = tuple(e.course.path for e in finals)
    if any(not lesson.path.startswith(final_paths) for lesson in holding_lessons):
        return ALLOWED  # a lesson quiz of a course where it is not the final
    if not finals:
        return NOT_HELD
    holding = {lesson.pk for lesson in holding_lessons}
    # Whether the final opens is decided by the facts alone (display=False: no translations, no
    # URLs), asked by the final's page and again by Start for every trainee of an exam rush.
    # What is missing is put into words only for someone it refuses.
    facts = services.progress_for(user=user, enrolments=finals, display=False)
    gaps = [_gaps(progress, holding=holding) for progress in facts]
    if any(not lessons and not workshop for lessons, workshop in gaps):
        return ALLOWED
    return _refusal(facts[0], *gaps[0])


def _lessons_holding(quiz, courses) -> list[LessonPage]:
    under = Q()
    for course in courses:
        under |= Q(path__startswith=course.path)
    # The stored block data names the quiz by id: no query per lesson to load the quiz itself.
    return [
        lesson
        for lesson in LessonPage.objects.live().filter(under).only("pk", "path", "body")
        if any(
            block["type"] == "quiz" and (block["value"] or {}).get("quiz") == quiz.pk
            for block in lesson.body.raw_data
        )
    ]


def _gaps(progress, *, holding: set[int]) -> tuple[list[int], bool]:
    """What the person has still to do before the final opens: the required lessons not done
    (their ids, in the course's order; a lesson built around the final is no prerequisite), and
    whether a workshop is still to attend."""
    lessons = [
        lesson.lesson_id
        for module in progress.modules
        for lesson in module.required_lessons
        if not lesson.complete and lesson.lesson_id not in holding
    ]
    return lessons, progress.needs_attendance and not progress.attended


def _refusal(progress, lesson_ids: list[int], workshop: bool) -> StartCheck:
    """The refusal in the reader's language: each missing lesson by its title and link, the
    workshop by the course's page (where its sessions are listed)."""
    course = progress.enrolment.course
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.filter(pk__in=lesson_ids).defer_streamfields()
    }
    readable = live_translations_by_page_id([course, *lessons.values()])
    missing = [
        Step(label=readable[pk].title, url=readable[pk].url) for pk in lesson_ids if pk in lessons
    ]
    if workshop:
        missing.append(
            Step(
                label=_("Attend one of the course's training sessions (workshop)"),
                url=readable[course.pk].url,
            )
        )
    return StartCheck(
        allowed=False,
        reason=_(
            "The scenario final opens once you have finished the course's required lessons and, "
            "where the course asks for it, attended a training session. Still to do:"
        ),
        missing=tuple(missing),
    )


def register() -> None:
    register_start_rule(course_start_check)
