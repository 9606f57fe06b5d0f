"""Learning events from every layer, written as xAPI statements to the outbox (only when xAPI is
on: each receiver returns before any query otherwise).

Each receiver runs inside the transaction of its event (the signals' contract) and reads a fixed
number of rows whatever the number of people in the event, through the lower apps' `api`
modules and the rows the signal hands it.

| Event | Verb | Object | Parent |
|---|---|---|---|
| `courses.enrolled`, `courses.people_enrolled` | registered | course | |
| `courses.lesson_completed` | completed | lesson | course |
| `courses.attendance_recorded` (present only) | attended | session | course |
| `courses.course_completed` | completed | course | |
| `assessments.attempt_submitted` | attempted, and failed unless passed | quiz | its course(s) |
| `assessments.quiz_passed` (also a regrade's pass) | passed | quiz | its course(s) |
| `certificates.certificate_issued` | earned | certificate | course |
| `certificates.certificate_revoked` | revoked (this site's verb) | certificate | course |
"""

from django.dispatch import receiver
from django.utils import timezone

from assessments import api as assessments_api
from assessments.signals import attempt_submitted, quiz_passed
from cms.locales import default_language_code, live_translations_by_page_id
from courses import api as courses_api
from courses.signals import (
    attendance_recorded,
    course_completed,
    enrolled,
    lesson_completed,
    people_enrolled,
)
from lms.people.invitation_import import ARABIC_LETTER
from lms.people.models import User

from . import learning_records_outbox as outbox
from .context import KINDS
from .learning_records import Activity, LearningEvent
from .signals import certificate_issued, certificate_revoked

# courses.models.Attendance.Status.PRESENT, the only status that is a learning event.
PRESENT = "present"


def _page_names(pages) -> dict[int, dict[str, str]]:
    """Each page's title by language: its own (learner state points at the default-locale page)
    and its live Arabic translation's, where it has one. Two queries."""
    arabic = live_translations_by_page_id(pages, language="ar")
    default = default_language_code()
    names = {}
    for page in pages:
        names[page.pk] = {default: page.title}
        if arabic[page.pk].locale_id != page.locale_id:
            names[page.pk]["ar"] = arabic[page.pk].title
    return names


def _course(course, names) -> Activity:
    return Activity(kind="course", code=course.code, names=names[course.pk])


def _text_names(text: str) -> dict[str, str]:
    """A name typed in one language (a session's title): Arabic if it has Arabic letters."""
    return {"ar" if ARABIC_LETTER.search(text) else "en": text}


@receiver(enrolled, dispatch_uid="certificates.xapi_enrolled")
def record_enrolment(sender, enrolment, **kwargs):
    if not outbox.enabled():
        return
    course = enrolment.course
    outbox.queue(
        [
            LearningEvent(
                verb="registered",
                key=f"enrolment:{enrolment.pk}",
                person_id=enrolment.user_id,
                occurred_at=enrolment.enrolled_at,
                object=_course(course, _page_names([course])),
                language=enrolment.user.preferred_language,
            )
        ]
    )


@receiver(people_enrolled, dispatch_uid="certificates.xapi_people_enrolled")
def record_enrolments(sender, course, enrolments, **kwargs):
    """A manager enrolled many at once: the same statements as one `enrolled` each, written
    together (the course's names, the enrolments with their people, then the outbox's two
    queries)."""
    if not outbox.enabled():
        return
    activity = _course(course, _page_names([course]))
    outbox.queue(
        [
            LearningEvent(
                verb="registered",
                key=f"enrolment:{enrolment.pk}",
                person_id=enrolment.user_id,
                occurred_at=enrolment.enrolled_at,
                object=activity,
                language=enrolment.user.preferred_language,
            )
            for enrolment in enrolments.select_related("user").only(
                "pk", "enrolled_at", "user__preferred_language"
            )
        ]
    )


@receiver(lesson_completed, dispatch_uid="certificates.xapi_lesson_completed")
def record_lesson_completion(sender, user, lesson, enrolment, completed_at, **kwargs):
    if not outbox.enabled():
        return
    course = enrolment.course
    names = _page_names([course, lesson])
    outbox.queue(
        [
            LearningEvent(
                verb="completed",
                key=f"lesson:{lesson.pk}:person:{user.pk}",
                person_id=user.pk,
                occurred_at=completed_at,
                object=Activity(kind="lesson", code=str(lesson.pk), names=names[lesson.pk]),
                course=_course(course, names),
                language=user.preferred_language,
                completion=True,
            )
        ]
    )


@receiver(attendance_recorded, dispatch_uid="certificates.xapi_attendance")
def record_attendance(sender, session, statuses, **kwargs):
    if not outbox.enabled():
        return
    present = sorted(int(user_id) for user_id, status in statuses.items() if status == PRESENT)
    if not present:
        return
    course = session.course
    parent = _course(course, _page_names([course]))
    languages = dict(User.objects.filter(pk__in=present).values_list("pk", "preferred_language"))
    activity = Activity(kind="session", code=str(session.pk), names=_text_names(session.title))
    # Once per person and session: a register saved again, or corrected and put back to
    # present, reports the same fact with the same id, which the outbox keeps once.
    outbox.queue(
        [
            LearningEvent(
                verb="attended",
                key=f"session:{session.pk}:person:{person_id}",
                person_id=person_id,
                occurred_at=session.starts_at,
                object=activity,
                course=parent,
                language=languages.get(person_id, ""),
            )
            for person_id in present
        ]
    )


@receiver(course_completed, dispatch_uid="certificates.xapi_course_completed")
def record_course_completion(sender, enrolment, **kwargs):
    if not outbox.enabled():
        return
    course = enrolment.course
    outbox.queue(
        [
            LearningEvent(
                verb="completed",
                key=f"enrolment:{enrolment.pk}",
                person_id=enrolment.user_id,
                occurred_at=enrolment.completed_at,
                object=_course(course, _page_names([course])),
                language=enrolment.user.preferred_language,
                completion=True,
            )
        ]
    )


def _quiz_context(*, user_id: int, quiz_id: int, title_en: str, title_ar: str):
    """The quiz as an activity, and the course it belongs to where it is the pre-test,
    post-test or final of exactly one of the person's courses. Three queries."""
    quiz = Activity(kind="quiz", code=str(quiz_id), names={"en": title_en, "ar": title_ar})
    enrolments = courses_api.enrolments_holding_quiz(user_id=user_id, quiz_id=quiz_id)
    if len(enrolments) != 1:  # a formative quiz, or one shared by two courses: no parent
        return quiz, None
    course = enrolments[0].course
    return quiz, _course(course, _page_names([course]))


@receiver(attempt_submitted, dispatch_uid="certificates.xapi_attempt_submitted")
def record_attempt(sender, user_id, quiz_id, attempt_id, submitted_at, percent, passed, **kwargs):
    if not outbox.enabled():
        return
    name = assessments_api.quiz_name(quiz_id=quiz_id)
    quiz, course = _quiz_context(
        user_id=user_id, quiz_id=quiz_id, title_en=name.title_en, title_ar=name.title_ar
    )
    language = User.objects.filter(pk=user_id).values_list("preferred_language", flat=True).first()
    attempt = {
        "key": f"attempt:{attempt_id}",
        "person_id": user_id,
        "occurred_at": submitted_at,
        "object": quiz,
        "course": course,
        "language": language or "",
        "percent": percent,
        "success": passed,
        "completion": True,
    }
    events = [LearningEvent(verb="attempted", **attempt)]
    if not passed:  # a pass is reported by quiz_passed, which a regrade can also send
        events.append(LearningEvent(verb="failed", **attempt))
    outbox.queue(events)


@receiver(quiz_passed, dispatch_uid="certificates.xapi_quiz_passed")
def record_pass(sender, user, quiz, attempt_id, percent, **kwargs):
    if not outbox.enabled():
        return
    activity, course = _quiz_context(
        user_id=user.pk, quiz_id=quiz.pk, title_en=quiz.title_en, title_ar=quiz.title_ar
    )
    outbox.queue(
        [
            LearningEvent(
                verb="passed",
                key=f"attempt:{attempt_id}",
                person_id=user.pk,
                # When it became a pass: at submission, or at the regrade that made it one.
                occurred_at=timezone.now(),
                object=activity,
                course=course,
                language=user.preferred_language,
                percent=percent,
                success=True,
                completion=True,
            )
        ]
    )


def _certificate_event(certificate, *, verb: str, occurred_at) -> LearningEvent:
    """From the facts frozen in the certificate at issue: no query."""
    facts = certificate.context
    kind_en, kind_ar = KINDS[certificate.kind]
    course = Activity(
        kind="course",
        code=facts["course_code"],
        names={"en": facts["course_title_en"], "ar": facts["course_title_ar"]},
    )
    return LearningEvent(
        verb=verb,
        key=f"certificate:{certificate.serial}",
        person_id=certificate.user_id,
        occurred_at=occurred_at,
        object=Activity(
            kind="certificate",
            code=certificate.serial,
            names={
                "en": f"{kind_en}: {facts['course_title_en']}",
                "ar": f"{kind_ar}: {facts['course_title_ar']}",
            },
        ),
        course=course,
        language=certificate.user.preferred_language,
    )


@receiver(certificate_issued, dispatch_uid="certificates.xapi_certificate_issued")
def record_certificate(sender, certificate, **kwargs):
    if not outbox.enabled():
        return
    outbox.queue(
        [_certificate_event(certificate, verb="earned", occurred_at=certificate.issued_at)]
    )


@receiver(certificate_revoked, dispatch_uid="certificates.xapi_certificate_revoked")
def record_revocation(sender, certificate, **kwargs):
    if not outbox.enabled():
        return
    outbox.queue(
        [_certificate_event(certificate, verb="revoked", occurred_at=certificate.revoked_at)]
    )
