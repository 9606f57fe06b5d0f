"""Issue 8, items 2 and 3: trainers are confined to their own sessions in the Wagtail admin, and a
register holds only the people registered for a session that has started."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Attendance, Enrolment, SessionRegistration, TrainingSession
from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "wagtailsnippets_courses_trainingsession"
CHOOSER = "wagtailsnippetchoosers_courses_trainingsession"


@pytest.fixture
def course(build_course):
    return build_course(modules=[("C1", [], 1)], requires_attendance=True)


@pytest.fixture
def other_trainer(db):
    return with_mfa(UserFactory(organisation=None, role=Role.TRAINER))


@pytest.fixture
def administrator(db):
    return with_mfa(UserFactory(organisation=None, role=Role.ADMINISTRATOR))


def make_session(course, trainer, *, title="Identification workshop", days_ahead=10, capacity=5):
    start = timezone.now() + dt.timedelta(days=days_ahead)
    return TrainingSession.objects.create(
        course=course,
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        mode="in_person",
        place="Training room 2",
        trainer=trainer,
        capacity=capacity,
    )


def enrolled(course, count, **factory_kwargs):
    people = [UserFactory(**factory_kwargs) for _ in range(count)]
    for person in people:
        services.enrol(user=person, course=course, source="manager")
    return people


def registered(session, people):
    for person in people:
        SessionRegistration.objects.create(session=session, user=person)
    return people


def final_status(client, url, data=None):
    """The status a browser ends on: a 404 outside the language prefix is redirected by
    LocaleMiddleware to the prefixed path, which is a 404 too."""
    if data is None:
        return client.get(url, follow=True).status_code
    return client.post(url, data, follow=True).status_code


def session_rows():
    return list(
        TrainingSession.objects.order_by("pk").values_list(
            "pk", "title", "trainer_id", "starts_at", "capacity"
        )
    )


def form_data(session, **changes):
    data = {
        "course": session.course_id,
        "title": session.title,
        "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%d %H:%M"),
        "mode": session.mode,
        "place": session.place,
        "online_link": "",
        "capacity": session.capacity,
    }
    data.update(changes)
    return data


# --- Item 2: the Wagtail admin ---------------------------------------------------------------


def test_only_programme_managers_and_administrators_may_run_every_session():
    def has(role):
        return (
            Group.objects.get(name=role)
            .permissions.filter(codename="manage_any_trainingsession")
            .exists()
        )

    assert {role: has(role) for role in Role.values} == {
        "Trainee": False,
        "Trainer": False,
        "Programme manager": True,
        "Organisation manager": False,
        "Administrator": True,
    }
    trainer_codenames = set(
        Group.objects.get(name=Role.TRAINER)
        .permissions.filter(content_type__app_label="courses")
        .values_list("codename", flat=True)
    )
    assert trainer_codenames == {
        "view_trainingsession",
        "add_trainingsession",
        "change_trainingsession",
    }


def test_trainer_lists_and_chooses_only_their_own_sessions(client, course, trainer, other_trainer):
    make_session(course, trainer, title="My workshop")
    theirs = make_session(course, other_trainer, title="Their workshop")
    sign_in(client, trainer)

    listing = client.get(reverse(f"{ADMIN}:list"))
    assert listing.status_code == 200
    assert "My workshop" in listing.text
    assert "Their workshop" not in listing.text
    results = client.get(reverse(f"{ADMIN}:list_results"), {"q": "workshop"})
    assert "My workshop" in results.text and "Their workshop" not in results.text

    chooser = client.get(reverse(f"{CHOOSER}:choose"))
    assert chooser.status_code == 200
    assert "My workshop" in chooser.text and "Their workshop" not in chooser.text
    assert final_status(client, reverse(f"{CHOOSER}:chosen", args=[theirs.pk])) == 404


def test_other_trainers_sessions_are_404_on_every_admin_url(client, course, trainer, other_trainer):
    theirs = make_session(course, other_trainer, title="Their workshop")
    before = session_rows()
    sign_in(client, trainer)
    for name in ("edit", "delete", "usage", "history", "history_results", "copy"):
        url = reverse(f"{ADMIN}:{name}", args=[theirs.pk])
        assert (name, final_status(client, url)) == (name, 404)
    # The attack of the issue: save another trainer's session with oneself as trainer.
    forged = form_data(theirs, title="Taken over", trainer=trainer.pk)
    for name in ("edit", "delete", "copy"):
        url = reverse(f"{ADMIN}:{name}", args=[theirs.pk])
        assert (name, final_status(client, url, forged)) == (name, 404)
    assert session_rows() == before


def test_trainer_edits_their_session_but_cannot_hand_it_over(
    client, course, trainer, other_trainer
):
    mine = make_session(course, trainer, title="My workshop")
    sign_in(client, trainer)
    page = client.get(reverse(f"{ADMIN}:edit", args=[mine.pk]))
    assert page.status_code == 200
    assert "trainer" not in page.context["form"].fields
    assert 'name="trainer"' not in page.text

    response = client.post(
        reverse(f"{ADMIN}:edit", args=[mine.pk]),
        form_data(mine, title="My renamed workshop", trainer=other_trainer.pk),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.trainer_id) == ("My renamed workshop", trainer.pk)


def test_trainer_creates_sessions_for_themselves_only(client, course, trainer, other_trainer):
    sign_in(client, trainer)
    page = client.get(reverse(f"{ADMIN}:add"))
    assert page.status_code == 200
    assert 'name="trainer"' not in page.text
    template = TrainingSession(
        course=course,
        title="New workshop",
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=2),
        mode="in_person",
        place="Room 1",
        capacity=12,
    )
    response = client.post(reverse(f"{ADMIN}:add"), form_data(template, trainer=other_trainer.pk))
    assert response.status_code == 302
    assert list(TrainingSession.objects.values_list("title", "trainer_id")) == [
        ("New workshop", trainer.pk)
    ]


def test_trainer_drop_down_lists_only_trainers(
    client, course, trainer, other_trainer, programme_manager, trainee
):
    UserFactory(organisation=None, role=Role.TRAINER, is_active=False)
    session = make_session(course, trainer, title="A workshop")
    sign_in(client, programme_manager)
    page = client.get(reverse(f"{ADMIN}:edit", args=[session.pk]))
    assert page.status_code == 200
    choices = set(page.context["form"].fields["trainer"].queryset)
    assert choices == {trainer, other_trainer}
    assert trainee.name_en not in page.text
    assert programme_manager.name_en not in page.text

    # A trainee forged into the field is refused and nothing changes.
    response = client.post(
        reverse(f"{ADMIN}:edit", args=[session.pk]), form_data(session, trainer=trainee.pk)
    )
    assert response.status_code == 200
    assert "trainer" in response.context["form"].errors
    session.refresh_from_db()
    assert session.trainer_id == trainer.pk

    # A programme manager hands the session to another trainer.
    response = client.post(
        reverse(f"{ADMIN}:edit", args=[session.pk]), form_data(session, trainer=other_trainer.pk)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.trainer_id == other_trainer.pk


def test_administrator_sees_and_assigns_every_session(
    client, course, trainer, other_trainer, administrator
):
    make_session(course, trainer, title="My workshop")
    make_session(course, other_trainer, title="Their workshop")
    sign_in(client, administrator)
    listing = client.get(reverse(f"{ADMIN}:list"))
    assert "My workshop" in listing.text and "Their workshop" in listing.text
    page = client.get(reverse(f"{ADMIN}:add"))
    assert set(page.context["form"].fields["trainer"].queryset) == {trainer, other_trainer}


# --- Item 3: the register ---------------------------------------------------------------------


def test_status_for_someone_not_registered_is_refused_and_writes_nothing(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-1)
    on_register, walk_in = enrolled(course, 2)
    registered(session, [on_register])
    sign_in(client, trainer)
    for data in (
        {f"status-{walk_in.pk}": "present"},
        {f"status-{on_register.pk}": "present", f"status-{walk_in.pk}": "present"},
    ):
        response = client.post(reverse("courses:attendance", args=[session.pk]), data)
        assert response.status_code == 400
        assert response.context["error"] == (
            "Someone in this register is not registered for this session."
        )
    assert not Attendance.objects.exists()
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()
    # The person is not shown either: the register lists the registered only.
    page = client.get(reverse("courses:attendance", args=[session.pk]))
    assert [row["person"] for row in page.context["rows"]] == [on_register]
    assert walk_in.name_en not in page.text


def test_attendance_waits_for_the_session_to_start(client, course, trainer):
    session = make_session(course, trainer, days_ahead=21)
    (person,) = registered(session, enrolled(course, 1))
    sign_in(client, trainer)

    page = client.get(reverse("courses:attendance", args=[session.pk]))
    assert page.status_code == 200
    assert page.context["attendance_open"] is False
    assert "Attendance can be recorded once the session has started" in page.text
    assert f'name="status-{person.pk}"' not in page.text

    response = client.post(
        reverse("courses:attendance", args=[session.pk]), {f"status-{person.pk}": "present"}
    )
    assert response.status_code == 400
    assert response.context["error"] == (
        "Attendance can be recorded once the session has started, not before."
    )
    response = upload(client, session, f"email,status\n{person.email},present\n")
    assert response.status_code == 400
    assert response.context["error"] == (
        "Attendance can be recorded once the session has started, not before."
    )
    assert not Attendance.objects.exists()
    with pytest.raises(services.CourseError):
        services.record_attendance(session=session, by=trainer, statuses={person.pk: "present"})
    assert not Attendance.objects.exists()


def upload(client, session, text, name="attendance.csv"):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return client.post(reverse("courses:attendance_import", args=[session.pk]), {"file": file})


def test_import_does_not_tell_enrolled_from_unknown(client, course, trainer, build_course):
    session = make_session(course, trainer, days_ahead=-1)
    (on_register,) = registered(session, enrolled(course, 1))
    (enrolled_elsewhere,) = enrolled(build_course(), 1)
    (enrolled_here,) = enrolled(course, 1)
    sign_in(client, trainer)
    response = upload(
        client,
        session,
        "email,status\n"
        f"{on_register.email},present\n"
        "nobody@example.org,present\n"
        f"{enrolled_elsewhere.email},present\n"
        f"{enrolled_here.email},present\n",
    )
    assert response.status_code == 400
    assert [(e.row, e.column, e.reason) for e in response.context["import_errors"]] == [
        (3, "email", "This email address is not registered for this session."),
        (4, "email", "This email address is not registered for this session."),
        (5, "email", "This email address is not registered for this session."),
    ]
    assert not Attendance.objects.exists()


def test_import_lists_the_first_hundred_problems_and_counts_them_all(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-1)
    sign_in(client, trainer)
    rows = "".join(f"stranger{n}@example.org,present\n" for n in range(150))
    response = upload(client, session, "email,status\n" + rows)
    assert response.status_code == 400
    assert len(response.context["import_errors"]) == 100
    assert response.context["import_error_count"] == 150
    assert response.text.count('class="import-error"') == 100
    assert "The first 100 of 150 problems are listed." in response.text
    assert not Attendance.objects.exists()


def test_trainer_adds_a_participant_and_it_is_recorded(client, course, trainer, other_trainer):
    session = make_session(course, trainer, days_ahead=-1, capacity=2)
    first, second, third = enrolled(course, 3)
    (not_enrolled,) = [UserFactory()]
    sign_in(client, trainer)
    url = reverse("courses:add_participant", args=[session.pk])

    response = client.post(url, {"email": first.email.upper()})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:attendance", args=[session.pk])
    registration = SessionRegistration.objects.get(session=session, user=first)
    assert registration.added_by == trainer

    neutral = (
        "Nobody with this email address can be added to this session. Only people enrolled "
        "in its course can be added."
    )
    for email in ("nobody@example.org", not_enrolled.email):
        response = client.post(url, {"email": email})
        assert response.status_code == 400
        assert response.context["form"].errors["email"] == [neutral]

    assert client.post(url, {"email": second.email}).status_code == 302
    response = client.post(url, {"email": third.email})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["This session is full."]
    assert set(session.registrations.values_list("user_id", "added_by_id")) == {
        (first.pk, trainer.pk),
        (second.pk, trainer.pk),
    }

    # Then the added people's attendance can be recorded.
    response = client.post(
        reverse("courses:attendance", args=[session.pk]),
        {f"status-{first.pk}": "present", f"status-{second.pk}": "absent"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("user_id", "status")) == {
        first.pk: "present",
        second.pk: "absent",
    }

    sign_in(client, other_trainer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": third.email}).status_code == 404
    assert session.registrations.count() == 2


def test_organisation_manager_adds_only_their_own_staff(
    client, course, trainer, organisation, organisation_manager
):
    session = make_session(course, trainer, days_ahead=5)
    (colleague,) = enrolled(course, 1, organisation=organisation)
    (outsider,) = enrolled(course, 1, organisation=OrganisationFactory())
    sign_in(client, organisation_manager)
    url = reverse("courses:add_participant", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert client.get(reverse("courses:attendance", args=[session.pk])).status_code == 404

    response = client.post(url, {"email": outsider.email})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "Nobody with this email address can be added to this session. Only people enrolled "
        "in its course can be added."
    ]
    assert client.post(url, {"email": colleague.email}).status_code == 302
    assert list(session.registrations.values_list("user_id", "added_by_id")) == [
        (colleague.pk, organisation_manager.pk)
    ]


def test_trainees_cannot_add_participants(client, course, trainer, trainee):
    session = make_session(course, trainer, days_ahead=5)
    enrolled(course, 1)
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    url = reverse("courses:add_participant", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": trainee.email}).status_code == 404
    assert not SessionRegistration.objects.exists()


def test_register_page_queries_do_not_grow_with_participants(client, course, trainer):
    session = make_session(course, trainer, days_ahead=-1, capacity=50)
    registered(session, enrolled(course, 1))
    sign_in(client, trainer)
    url = reverse("courses:attendance", args=[session.pk])
    client.get(url)  # warm caches (locale, site) that are not per-participant

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries()
    people = registered(
        session,
        enrolled(course, 12, organisation=OrganisationFactory()),
    )
    services.record_attendance(
        session=session, by=trainer, statuses={p.pk: "present" for p in people}
    )
    assert queries() == one
    assert one == REGISTER_PAGE_QUERIES


# Measured with one participant and with thirteen: the signed-in session and user, the session
# row, session_roster's queries (registrations with organisations, attendance, enrolments) and
# the page's own (permissions in one query, lms/permissions.py: 9 before); none of them is per
# participant.
REGISTER_PAGE_QUERIES = 8


def test_demo_attendance_follows_the_rules():
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    attendance = list(Attendance.objects.select_related("session"))
    assert attendance, "the demo records the past workshop's attendance"
    registered_pairs = set(SessionRegistration.objects.values_list("session_id", "user_id"))
    assert {(a.session_id, a.user_id) for a in attendance} <= registered_pairs
    assert all(a.session.starts_at <= a.recorded_at for a in attendance)
    # The demo trainees' workshop, and the cohort's past workshops and clinics: all have begun.
    assert "Identification and referral workshop — Riyadh" in {a.session.title for a in attendance}
    assert all(a.session.starts_at <= timezone.now() for a in attendance)
