"""Issues certificates when the layers below report completion and competency."""

from django.dispatch import receiver

from assessments.signals import quiz_passed
from courses import api as courses_api
from courses.signals import course_completed

from . import services
from .models import Certificate


@receiver(course_completed, dispatch_uid="certificates.issue_completion")
def issue_completion(sender, enrolment, **kwargs):
    services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPLETION)


@receiver(quiz_passed, dispatch_uid="certificates.issue_competency")
def issue_competency(sender, user, quiz, **kwargs):
    # A pass already means no critical question was missed (docs/scoring.md; assessments.signals).
    for enrolment in courses_api.enrolments_with_final_quiz(user=user, quiz=quiz):
        services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPETENCY)
