"""Issues certificates when the layers below report completion and competency."""

from django.dispatch import receiver

from assessments.signals import quiz_passed
from courses.models import CoursePage, Enrolment
from courses.signals import course_completed

from . import services
from .models import Certificate


@receiver(course_completed, dispatch_uid="certificates.issue_completion")
def issue_completion(sender, enrolment, **kwargs):
    services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPLETION)


@receiver(quiz_passed, dispatch_uid="certificates.issue_competency")
def issue_competency(sender, user, quiz, attempt, **kwargs):
    # A pass already means no critical question was missed (docs/scoring.md).
    if attempt.critical_failed:
        return
    courses = CoursePage.objects.filter(final_quiz=quiz)
    for enrolment in Enrolment.objects.filter(user=user, course__in=courses).select_related(
        "course", "user__organisation__sector"
    ):
        services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPETENCY)
