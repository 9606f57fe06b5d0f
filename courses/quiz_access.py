"""Tells assessments who may start a quiz: people enrolled in a course that holds it.

A course holds a quiz as its pre-test, post-test or scenario final, or in a quiz block of one of
its live lessons. Registered with `assessments.quiz_access` from CoursesConfig.ready(), because
assessments may not import courses.
"""

from django.db.models import Q

from .models import Enrolment, LessonPage


def enrolled_in_a_course_holding(*, user, quiz) -> bool:
    enrolments = Enrolment.objects.filter(user=user)
    if enrolments.filter(
        Q(course__pre_test=quiz) | Q(course__post_test=quiz) | Q(course__final_quiz=quiz)
    ).exists():
        return True
    paths = list(enrolments.values_list("course__path", flat=True))
    if not paths:
        return False
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    # The stored block data names the quiz by id: no query per lesson to load the quiz itself.
    for body in LessonPage.objects.live().filter(under).values_list("body", flat=True):
        for block in body.raw_data:
            if block["type"] == "quiz" and (block["value"] or {}).get("quiz") == quiz.pk:
                return True
    return False


def register() -> None:
    from assessments.quiz_access import register_start_rule

    register_start_rule(enrolled_in_a_course_holding)
