import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Attendance, Enrolment, SessionRegistration, TrainingSession
from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(build_course):
    return build_course(modules=[("C1", [], 1)], requires_attendance=True)


@pytest.fixture
def trainer():
    return with_mfa(UserFactory(role=Role.TRAINER))


def make_session(course, trainer, *, capacity=2, days_ahead=10):
    start = timezone.now() + dt.timedelta(days=days_ahead)
    return TrainingSession.objects.create(
        course=course,
        title="Identification workshop",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        mode="in_person",
        place="Training room 2",
        trainer=trainer,
        capacity=capacity,
    )


def enrolled(course, count):
    people = [UserFactory() for _ in range(count)]
    for person in people:
        services.enrol(user=person, course=course, source="manager")
    return people


def test_registering_for_a_full_session_is_refused(client, course, trainer):
    session = make_session(course, trainer, capacity=1)
    first, second = enrolled(course, 2)
    sign_in(client, first)
    client.post(reverse("courses:register", args=[session.pk]))
    client.post(reverse("courses:register", args=[session.pk]))  # double submit
    sign_in(client, second)
    response = client.post(reverse("courses:register", args=[session.pk]), follow=True)
    assert "This session is full." in response.text
    assert list(session.registrations.values_list("user_id", flat=True)) == [first.pk]


def test_registering_needs_an_enrolment_and_a_real_session(client, course, trainer):
    session = make_session(course, trainer)
    outsider = UserFactory()
    sign_in(client, outsider)
    response = client.post(reverse("courses:register", args=[session.pk]), follow=True)
    assert "Enrol in the course before registering for its sessions." in response.text
    assert client.post(reverse("courses:register", args=[999999])).status_code == 404
    assert not SessionRegistration.objects.exists()


def register(session, people):
    """Put people on a session's register, as a trainer adding them on the day would."""
    for person in people:
        SessionRegistration.objects.create(session=session, user=person, added_by=session.trainer)
    return people


def test_trainer_records_attendance_for_their_own_session_only(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-1)
    (trainee,) = register(session, enrolled(course, 1))
    sign_in(client, trainer)
    page = client.get(reverse("courses:attendance", args=[session.pk]))
    assert page.status_code == 200
    assert trainee.name_en in page.text
    response = client.post(
        reverse("courses:attendance", args=[session.pk]), {f"status-{trainee.pk}": "present"}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, user=trainee).status == "present"

    other_trainer = with_mfa(UserFactory(role=Role.TRAINER))
    sign_in(client, other_trainer)
    assert client.get(reverse("courses:attendance", args=[session.pk])).status_code == 404
    assert (
        client.post(
            reverse("courses:attendance", args=[session.pk]), {f"status-{trainee.pk}": "absent"}
        ).status_code
        == 404
    )
    assert Attendance.objects.get(session=session, user=trainee).status == "present"


def test_forged_register_writes_nothing(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-1)
    (trainee,) = register(session, enrolled(course, 1))
    (enrolled_not_registered,) = enrolled(course, 1)
    stranger = UserFactory()
    sign_in(client, trainer)
    for data in (
        {f"status-{trainee.pk}": "asleep"},
        {f"status-{stranger.pk}": "present"},
        {f"status-{enrolled_not_registered.pk}": "present"},
        {f"status-{trainee.pk}": "present", f"status-{enrolled_not_registered.pk}": "present"},
        {"status-abc": "present"},
    ):
        response = client.post(reverse("courses:attendance", args=[session.pk]), data)
        assert response.status_code == 400
    assert not Attendance.objects.exists()


def upload(client, session, text, name="attendance.csv"):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return client.post(reverse("courses:attendance_import", args=[session.pk]), {"file": file})


def test_attendance_import_is_all_or_nothing(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-5)
    first, second = register(session, enrolled(course, 2))
    sign_in(client, trainer)
    bad = (
        "email,status\n"
        f"{first.email},present\n"
        "nobody@example.org,present\n"
        f"{second.email},sleeping\n"
        f"{first.email},absent\n"
    )
    response = upload(client, session, bad)
    assert response.status_code == 400
    assert [(e.row, e.column, e.reason) for e in response.context["import_errors"]] == [
        (3, "email", "This email address is not registered for this session."),
        (4, "status", "Unknown status “sleeping”: use present, absent or excused."),
        (5, "email", "This email address is already on row 2."),
    ]
    assert not Attendance.objects.exists()

    good = f"email,status\n{first.email},present\n{second.email},حاضر\n"
    assert upload(client, session, good).status_code == 302
    assert dict(Attendance.objects.values_list("user_id", "status")) == {
        first.pk: "present",
        second.pk: "present",
    }
    # Attendance was the last rule missing for nobody yet: lessons are still open.
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()


# Enrolling others by search, organisation or sector: tests/courses/test_enrol_people.py.


def test_trainee_cannot_enrol_others(client, build_course):
    course = build_course()
    sign_in(client, UserFactory())
    assert client.get(reverse("courses:enrol_people", args=[course.pk])).status_code == 403


def test_trainer_sees_the_results_of_their_session(client, build_course, make_quiz, trainer):
    from assessments import services as assessments
    from tests.quiz_fixtures import PERFECT

    final = make_quiz(code="QZ-FINAL", kind="final")
    course = build_course(modules=[("C1", [], 1)])
    course.final_quiz = final
    course.save_revision().publish()
    session = make_session(course, trainer)
    (trainee,) = enrolled(course, 1)
    services.register_for_session(user=trainee, session=session)
    attempt = assessments.start_attempt(user=trainee, quiz=final)
    for key, answer in PERFECT.items():
        assessments.save_answer(attempt=attempt, user=trainee, key=key, answer=answer)
    assessments.submit_attempt(attempt=attempt)
    sign_in(client, trainer)
    (row,) = client.get(reverse("courses:attendance", args=[session.pk])).context["rows"]
    assert (row["person"], row["best_final"], row["completed_at"]) == (trainee, 100, None)
