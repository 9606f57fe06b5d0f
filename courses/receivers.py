"""Keeps enrolments in step with people and learning paths, and progress with quiz results."""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from assessments.signals import attempt_submitted, quiz_passed
from lms.people.models import Organisation, User
from lms.people.roles import Role

from . import api, services
from .models import Enrolment, LearningPathStep


@receiver(post_save, sender=User, dispatch_uid="courses.enrol_in_sector_path")
def enrol_when_joining_or_moving(sender, instance, created, update_fields=None, **kwargs):
    # Saves that touch other fields only (e.g. last_login on every sign-in) change nothing here.
    if update_fields is not None and "organisation" not in update_fields:
        return
    services.enrol_in_sector_path(user=instance)


@receiver(pre_save, sender=Organisation, dispatch_uid="courses.note_previous_sector")
def note_previous_sector(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._previous_sector_id = (
        Organisation.objects.filter(pk=instance.pk).values_list("sector_id", flat=True).first()
    )


@receiver(post_save, sender=Organisation, dispatch_uid="courses.follow_sector_move")
def follow_sector_move(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_previous_sector_id", None)
    if raw or created or previous is None or previous == instance.sector_id:
        return
    services.organisation_moved(organisation=instance, from_sector_id=previous)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="courses.enrol_new_trainees")
def enrol_when_becoming_a_trainee(sender, instance, action, reverse=False, **kwargs):
    # Invitations create the person first and give them the Trainee role just after.
    if action == "post_add" and not reverse and isinstance(instance, User):
        services.enrol_in_sector_path(user=instance)


@receiver(post_save, sender=LearningPathStep, dispatch_uid="courses.enrol_path_members")
def enrol_members_in_new_step(sender, instance, **kwargs):
    for person in User.objects.filter(
        organisation__sector_id=instance.path.sector_id,
        is_active=True,
        groups__name=Role.TRAINEE,
    ):
        services.enrol(
            user=person,
            course=instance.course,
            source=Enrolment.Source.PATH,
            due_days=instance.due_days,
        )


@receiver(quiz_passed, dispatch_uid="courses.complete_quiz_lessons")
def complete_lessons_on_quiz_pass(sender, user, quiz, shared=None, **kwargs):
    enrolments = api.enrolments_of(user_id=user.pk, shared={} if shared is None else shared)
    services.complete_lessons_with_quiz(user=user, quiz=quiz, enrolments=enrolments)


@receiver(attempt_submitted, dispatch_uid="courses.post_test_attempted")
def check_completion_after_post_test(sender, user_id, quiz_id, shared=None, **kwargs):
    # A submitted post-test, passed or not, may be the last rule a course was waiting for.
    for enrolment in api.enrolments_of(user_id=user_id, shared={} if shared is None else shared):
        if enrolment.course.post_test_id == quiz_id and enrolment.completed_at is None:
            services.check_completion(enrolment=enrolment)
