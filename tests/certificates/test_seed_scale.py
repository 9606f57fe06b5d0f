import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings

from assessments.models import Attempt, AttemptGrade, ChosenOption, QuestionResult, ResultTag
from certificates.models import Certificate, CertificateEvent
from certificates.services import build_context
from courses.models import (
    Attendance,
    CoursePage,
    Enrolment,
    LessonCompletion,
    SessionRegistration,
    TrainingSession,
)
from courses.scale import required_lessons_by_sector
from lms.people.models import Organisation, Region, Sector, User

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def seed_scale(people=50):
    with time_machine.travel(NOW, tick=False):
        call_command("seed_scale", people=people, stdout=io.StringIO())


def scale_people():
    return User.objects.filter(email__endswith="@scale.himaya.example")


def test_seed_scale_builds_a_whole_programme_that_the_services_would_have_written():
    seed_scale()
    people = scale_people()
    assert people.count() == 50
    assert (
        people.filter(groups__name="Trainee", invitation__accepted_at__isnull=False).count() == 50
    )
    assert not any(person.has_usable_password() for person in people)
    for sector in Sector.objects.all():
        assert (
            Organisation.objects.filter(sector=sector, name_en__endswith="(synthetic)").count()
            == Region.objects.count()
        )
    enrolments = Enrolment.objects.filter(user__in=people)
    assert enrolments.count() == 50
    assert not enrolments.filter(due_at__isnull=True).exists()
    completed = enrolments.exclude(completed_at=None)
    states = {
        "completed": completed.count(),
        "overdue": enrolments.filter(completed_at=None, due_at__lt=NOW).count(),
        "not started": enrolments.filter(completed_at=None)
        .exclude(user__lesson_completions__isnull=False)
        .count(),
    }
    assert states == {"completed": 25, "overdue": 15, "not started": 5}

    # Completion holds by every rule of check_completion.
    course = CoursePage.objects.get(code="VOT-101", locale__language_code="en")
    required = required_lessons_by_sector(course)
    for enrolment in completed.select_related("user__organisation"):
        lessons = {lesson.pk for lesson in required[enrolment.user.organisation.sector_id]}
        done = set(
            LessonCompletion.objects.filter(user=enrolment.user).values_list("lesson", flat=True)
        )
        assert lessons <= done
        assert (
            LessonCompletion.objects.filter(
                user=enrolment.user, completed_at__gt=enrolment.completed_at
            ).count()
            == 0
        )
        assert Attendance.objects.filter(
            user=enrolment.user, status="present", recorded_at__lte=enrolment.completed_at
        ).exists()
        assert Attempt.objects.filter(user=enrolment.user, quiz=course.post_test).exists()
    # Attendance only for people registered before the session began; no session over capacity.
    for attendance in Attendance.objects.filter(user__in=people).select_related("session"):
        registration = SessionRegistration.objects.get(
            session=attendance.session, user=attendance.user
        )
        assert registration.registered_at < attendance.session.starts_at <= attendance.recorded_at
    for session in TrainingSession.objects.all():
        assert session.registrations.count() <= session.capacity

    # Every attempt's grade and the rows analytics read.
    attempts = Attempt.objects.filter(user__in=people)
    assert attempts.count() == AttemptGrade.objects.filter(attempt__in=attempts).count() == 109
    results = QuestionResult.objects.filter(attempt__in=attempts)
    assert results.count() == sum(len(a.layout) for a in attempts)
    assert ResultTag.objects.filter(result__in=results).count() == sum(len(r.tags) for r in results)
    assert ChosenOption.objects.filter(result__in=results).count() == sum(
        len(r.chosen.values() if isinstance(r.chosen, dict) else r.chosen) for r in results
    )
    final = course.final_quiz
    assert not attempts.filter(quiz=final, number__gt=final.max_attempts).exists()

    # Certificates: one per completion and per passed final, as the receivers issue them.
    certificates = Certificate.objects.filter(user__in=people)
    live = certificates.filter(revoked_at=None, superseded_at=None)
    assert (
        live.filter(kind="completion").count()
        == states["completed"]
        - certificates.filter(kind="completion").exclude(revoked_at=None).count()
    )
    assert (
        live.filter(kind="competency").count()
        == attempts.filter(quiz=final, passed=True).values("user").distinct().count()
        - certificates.filter(kind="competency").exclude(revoked_at=None).count()
    )
    assert (
        CertificateEvent.objects.filter(certificate__in=certificates, action="issued").count()
        == certificates.count()
    )
    for certificate in certificates.select_related("user__organisation__sector", "course"):
        assert certificate.context == build_context(certificate=certificate)


def test_seed_scale_again_changes_nothing_and_another_size_is_refused():
    seed_scale()
    counts = {model: model.objects.count() for model in (User, Enrolment, Attempt, Certificate)}
    out = io.StringIO()
    call_command("seed_scale", people=50, stdout=out)
    assert "already there" in out.getvalue()
    assert {model: model.objects.count() for model in counts} == counts
    with pytest.raises(CommandError, match="already holds a synthetic programme of 50 people"):
        call_command("seed_scale", people=60, stdout=io.StringIO())
    assert {model: model.objects.count() for model in counts} == counts


@override_settings(HIMAYA_ENVIRONMENT="production")
def test_seed_scale_refuses_production_settings():
    with pytest.raises(CommandError, match="refuses to run with production settings"):
        call_command("seed_scale", people=10, stdout=io.StringIO())
    assert not User.objects.exists()
