import io

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command

from lms.people.models import Organisation, Sector, User

pytestmark = pytest.mark.django_db

SNAPSHOT_APPS = {
    "people",
    "cms",
    "assessments",
    "courses",
    "certificates",
    "wagtailcore",
    "account",
    "mfa",
    "auth",
}


def snapshot():
    """Every row of the apps seed_demo writes to, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in SNAPSHOT_APPS and not model._meta.proxy:
            rows[model._meta.label] = sorted(
                (tuple(sorted((k, str(v)) for k, v in row.items())))
                for row in model.objects.values()
            )
    return rows


def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_seed_demo_covers_every_sector_and_role():
    call_command("seed_demo", stdout=io.StringIO())
    for sector in Sector.objects.all():
        assert Organisation.objects.filter(sector=sector).count() >= 2, sector.code
        assert User.objects.filter(organisation__sector=sector, groups__name="Trainee").count() >= 3
    assert Organisation.objects.values("region").distinct().count() >= 5
    for email in ["admin", "manager", "orgmanager", "trainer"]:
        user = User.objects.get(email=f"{email}@himaya.example")
        assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert User.objects.get(email="trainee@himaya.example").check_password("himaya-demo-2026")


def test_seed_demo_gives_the_dashboards_a_believable_spread():
    """Issue 10, item 8: every chart of the completion dashboard and the quiz analytics has
    something to show. The cohort is seeded; figures depend on the day it runs only through
    the dates, so the assertions are about the spread, not exact counts."""
    from datetime import timedelta

    from django.db.models import Avg, Count, Q
    from django.utils import timezone

    from assessments.models import Attempt, QuestionResult, Quiz
    from certificates.models import Certificate
    from courses.models import Attendance, Enrolment

    call_command("seed_demo", stdout=io.StringIO())
    now, today = timezone.now(), timezone.localdate()
    trainees = User.objects.filter(groups__name="Trainee")
    assert trainees.count() == 19 + 420
    for sector in Sector.objects.all():
        assert Organisation.objects.filter(sector=sector).count() == 4
        assert trainees.filter(organisation__sector=sector).count() >= 40
    assert trainees.exclude(sex="").count() > 0.8 * trainees.count()

    enrolments = Enrolment.objects.filter(user__in=trainees)
    completed = enrolments.exclude(completed_at=None).count()
    overdue = enrolments.filter(completed_at=None, due_at__lt=now).count()
    not_started = enrolments.filter(completed_at=None, user__lesson_completions=None).count()
    assert 0.4 * enrolments.count() < completed < 0.8 * enrolments.count()
    assert overdue > 40
    assert not_started > 20

    pre, post = Quiz.objects.get(code="VOT-PRE"), Quiz.objects.get(code="VOT-POST")
    mean = {
        quiz.code: Attempt.objects.filter(quiz=quiz).aggregate(mean=Avg("percent"))["mean"]
        for quiz in (pre, post)
    }
    assert mean["VOT-POST"] > mean["VOT-PRE"] + 25
    final = Attempt.objects.filter(quiz__code="VOT-FINAL")
    assert 0 < final.exclude(critical_failed=[]).count() < 0.3 * final.count()

    # Difficulty is no longer 1.00 everywhere: easy questions are mostly right, questions on
    # debt bondage (ILO-09) mostly missed.
    shares = [
        row["right"] / row["answered"]
        for row in QuestionResult.objects.values("key").annotate(
            answered=Count("id"), right=Count("id", filter=Q(full_marks=True))
        )
    ]
    assert max(shares) > 0.9
    assert min(shares) < 0.2
    bondage = QuestionResult.objects.filter(tag_rows__tag="ILO-09")
    assert bondage.filter(full_marks=True).count() < 0.5 * bondage.count()

    statuses = set(Attendance.objects.values_list("status", flat=True))
    assert statuses == {"present", "absent", "excused"}
    certificates = Certificate.objects.filter(user__in=trainees)
    live = certificates.filter(revoked_at=None, superseded_at=None)
    assert live.filter(kind="completion").exists() and live.filter(kind="competency").exists()
    expiring = live.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=60))
    assert expiring.count() > 20
    assert live.filter(expires_on__lt=today).exists()
    assert certificates.exclude(revoked_at=None).count() > 3
    assert certificates.exclude(superseded_at=None).count() > 3
