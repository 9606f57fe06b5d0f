"""What the apps above (certificates) may read about enrolments and courses.

Apps above never query courses' tables themselves: they call these functions (reads), the verbs
in `courses.services` (writes), listen to `courses.signals`, and use `CoursePage` and
`Enrolment` as the targets of their foreign keys and as the rows these functions hand them.
Each function states its number of queries, which does not grow with the rows it returns.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from cms.locales import default_language_code, live_translations_by_page_id

from .models import CoursePage, Enrolment


def enrolments_with_final_quiz(*, user, quiz) -> list[Enrolment]:
    """The person's enrolments in the courses whose scenario final is `quiz`, with the course
    and the person's organisation and sector loaded. One query."""
    return list(
        Enrolment.objects.filter(user=user, course__final_quiz=quiz).select_related(
            "course", "user__organisation__sector"
        )
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
