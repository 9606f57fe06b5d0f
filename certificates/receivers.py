"""Issues certificates when the layers below report completion and competency.

A certificate of competency is for a person who completed the course and passed its scenario
final with no critical error (docs/domain.md). A pass already means no critical question was
missed (docs/scoring.md; assessments.signals). The two facts can arrive in either order: the final
opens once the required lessons (and workshop) are done, which is before the course completes
when it also asks for the post-test, and attempts from before the final had prerequisites may
have passed early. So each event issues only when the other fact already holds.
"""

from django.dispatch import receiver

from assessments import api as assessments_api
from assessments.signals import quiz_passed
from courses import api as courses_api
from courses.signals import course_completed

from . import services
from .models import Certificate


@receiver(course_completed, dispatch_uid="certificates.issue_completion")
def issue_completion(sender, enrolment, **kwargs):
    services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPLETION)
    final_id = enrolment.course.final_quiz_id
    if final_id and assessments_api.quizzes_passed(user=enrolment.user, quiz_ids=[final_id]):
        services.issue_certificate(enrolment=enrolment, kind=Certificate.Kind.COMPETENCY)


@receiver(quiz_passed, dispatch_uid="certificates.issue_competency")
def issue_competency(sender, user, quiz, shared=None, **kwargs):
    enrolments = courses_api.enrolments_of(user_id=user.pk, shared={} if shared is None else shared)
    for enrolment in [e for e in enrolments if e.course.final_quiz_id == quiz.pk]:
        # Not completed yet: issue_completion certifies competency when the course completes.
        if enrolment.completed_at is not None:
            services.renew_if_due(enrolment=enrolment, kind=Certificate.Kind.COMPETENCY)
