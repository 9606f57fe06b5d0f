"""The completion figures (certificates/completion.py, docs/completion.md) against a hand-built
programme whose every figure is known (tests/certificates/completion_world.py)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from certificates import completion
from certificates.completion import Filters, Scope
from courses.models import Enrolment, SessionRegistration, TrainingSession
from lms.people.models import Region, User
from lms.people.roles import Role
from tests.certificates.completion_world import build_programme

FIGURES = completion.FIGURES


@pytest.fixture
def world(build_course):
    return build_programme(build_course)


def row(table, key):
    return next(r for r in table.rows if r.key == str(key))


def figures(r) -> tuple:
    return tuple(r.figures().values())


#            people enrolled not-started in-progress completed overdue
#            completion-certs competency-certs expiring-30 -60 -90
INSPECTION = (14, 10, 3, 3, 4, 2, 3, 2, 1, 2, 3)
ALPHA = (8, 6, 2, 2, 2, 2, 2, 2, 1, 2, 3)
BRAVO = (6, 4, 1, 1, 2, 0, 1, 0, 0, 0, 0)


def test_each_state_by_sector_and_the_total(world):
    table = completion.by_sector(Scope.programme(), Filters())
    assert figures(row(table, "labour-inspection")) == INSPECTION
    assert figures(table.total) == (23, 13, 3, 3, 7, 2, 3, 2, 1, 2, 3)
    # The states partition the enrolled.
    inspection = row(table, "labour-inspection")
    assert inspection.not_started + inspection.in_progress + inspection.completed == 10


def test_small_groups_are_suppressed_with_their_complement(world):
    table = completion.by_sector(Scope.programme(), Filters())
    hotline, shelter = row(table, "hotline"), row(table, "shelter")
    assert str(hotline.suppressed) == "fewer than 5"
    assert set(hotline.figures().values()) == {None}
    # Shelter has 6 people, but with the hotline alone hidden, the total minus the rows shown
    # would be the hotline's 3 people: the smallest row shown is hidden too.
    assert shelter.suppressed is not None
    assert set(shelter.figures().values()) == {None}
    assert row(table, "labour-court").suppressed is not None  # nobody: no figure either


def test_by_organisation(world):
    table = completion.by_organisation(Scope.programme(), Filters(), world.inspection)
    assert figures(row(table, world.alpha.pk)) == ALPHA
    assert figures(row(table, world.bravo.pk)) == BRAVO
    assert figures(table.total) == INSPECTION


def test_region_filter(world):
    riyadh = Region.objects.get(code="riyadh")
    table = completion.by_sector(Scope.programme(), Filters(region=riyadh))
    assert figures(row(table, "labour-inspection")) == ALPHA


def test_course_filter(world):
    table = completion.by_organisation(
        Scope.programme(), Filters(course=world.course_y), world.inspection
    )
    # Only b2 (opened) and b3 (completed) are enrolled in Y; no certificate is for Y.
    assert figures(table.total) == (14, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0)


def test_sex_filter(world):
    table = completion.by_organisation(Scope.programme(), Filters(sex="female"), world.inspection)
    # a1, a2, a3, b1, b2: b2 still has Y open, a3 is overdue.
    assert figures(table.total) == (5, 5, 0, 2, 3, 1, 3, 1, 1, 2, 2)
    assert row(table, world.alpha.pk).suppressed is not None  # 3 women
    assert row(table, world.bravo.pk).suppressed is not None  # 2 women


def test_session_filter(world, trainer):
    now = timezone.now()
    session = TrainingSession.objects.create(
        course=world.course_x,
        title="Workshop",
        starts_at=now - timedelta(days=20),
        ends_at=now - timedelta(days=20, hours=-3),
        mode="in_person",
        trainer=trainer,
    )
    for key in ("a1", "a2", "a3", "a4", "a5", "b3"):
        SessionRegistration.objects.create(session=session, user=world.people[key])
    filters, errors = Filters.from_query({"session": str(session.pk)}, Scope.programme())
    assert errors == {}
    table = completion.by_organisation(Scope.programme(), filters, world.inspection)
    # Six registered; b3 is not enrolled in the session's course X.
    assert figures(table.total) == (6, 5, 1, 2, 2, 2, 2, 2, 1, 2, 3)


def test_period_filter(world):
    today = timezone.localdate()
    filters = Filters(period_start=today - timedelta(days=30), period_end=today)
    table = completion.by_organisation(Scope.programme(), filters, world.inspection)
    # b1 finished 100 days ago, before the period: not part of its cohort.
    assert figures(table.total)[:6] == (14, 9, 3, 3, 3, 2)
    past = Filters(period_end=today - timedelta(days=7))
    table = completion.by_organisation(Scope.programme(), past, world.inspection)
    # A week ago: a2, b2 and b3 had opened lessons but not finished; nobody was overdue yet
    # (a3 was due 5 days ago, a5 yesterday). Certificates as they stood: b1's, a3's (it
    # expired yesterday) and a2's older one (superseded 5 days ago, expiring in 10 days) were
    # valid; those issued 5 days ago did not exist. a3's and a2's older one expired within 30.
    assert figures(table.total) == (14, 10, 3, 5, 2, 0, 3, 0, 2, 2, 2)


def test_certificates_valid_kinds_and_expiry_windows(world):
    alpha = row(
        completion.by_organisation(Scope.programme(), Filters(), world.inspection), world.alpha.pk
    )
    # a1 and a2 hold valid completion certificates (a3's expired, a7's was revoked, a2's older
    # one was superseded); a1 and a4 hold competency ones.
    assert (alpha.certified_completion, alpha.certified_competency) == (2, 2)
    # Expiring: a1's in 20 days, a2's in 50, a4's in 80.
    assert (alpha.expiring_30, alpha.expiring_60, alpha.expiring_90) == (1, 2, 3)


def test_an_organisation_scope_sees_only_its_organisation(world):
    scope = completion.scope_for(world.alpha_manager)
    assert scope == Scope.for_organisation(world.alpha)
    table = completion.by_sector(scope, Filters())
    assert [r.key for r in table.rows] == ["labour-inspection"]
    assert figures(table.rows[0]) == ALPHA
    assert figures(table.total) == ALPHA
    with pytest.raises(LookupError):
        completion.people(scope, Filters(), world.bravo)
    with pytest.raises(LookupError):
        completion.person_record(scope, world.people["b1"])
    filters, errors = Filters.from_query({"organisation": str(world.bravo.pk)}, scope)
    assert errors == {"organisation": "There is no such organisation."}
    assert filters.organisation is None


def test_who_has_which_scope(world, trainer):
    assert completion.scope_for(world.programme_manager) == Scope.programme()
    assert completion.scope_for(world.bravo_manager) == Scope.for_organisation(world.bravo)
    assert completion.scope_for(trainer) is None
    assert completion.scope_for(world.people["a1"]) is None


def test_people_rows(world):
    rows = {p.name_en: p for p in completion.people(Scope.programme(), Filters(), world.alpha)}
    assert list(rows) == [f"Person A{n}" for n in range(1, 9)]
    assert (rows["Person A3"].state, rows["Person A3"].overdue) == ("in_progress", True)
    assert rows["Person A3"].next_due == timezone.localdate() - timedelta(days=5)
    assert [c.serial for c in rows["Person A1"].certificates] == ["TEST-0002", "TEST-0001"]
    assert rows["Person A7"].state == "not_enrolled" and rows["Person A7"].certificates == ()
    # The sex filter never narrows a list of named people.
    assert len(completion.people(Scope.programme(), Filters(sex="female"), world.alpha)) == 8


def test_person_record(world):
    record = completion.person_record(Scope.programme(), world.people["a2"])
    assert [(c.serial, c.status) for c in record.certificates] == [
        ("TEST-0003", "valid"),
        ("TEST-0004", "superseded"),
    ]
    assert [c.course.code for c in record.courses] == ["CMP-X"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2025-02-30"}, "period_start"),
        ({"to": "31/12/2025"}, "period_end"),
        ({"from": "2025-06-01", "to": "2025-01-01"}, "period_end"),
        ({"region": "99999"}, "region"),
        ({"region": "riyadh"}, "region"),
        ({"course": "1e3"}, "course"),
        ({"session": "-1"}, "session"),
        ({"sector": "nowhere"}, "sector"),
        ({"organisation": "99999999999999999999999"}, "organisation"),
        ({"sex": "x"}, "sex"),
    ],
)
def test_bad_filters_are_errors_not_exceptions(world, query, field):
    filters, errors = Filters.from_query(query, Scope.programme())
    assert list(errors) == [field]
    assert getattr(filters, field) in (None, "")


def test_filters_round_trip_through_the_query_string(world):
    riyadh = Region.objects.get(code="riyadh")
    today = timezone.localdate()
    filters = Filters(period_start=today, region=riyadh, course=world.course_x, sex="male")
    from django.http import QueryDict

    again, errors = Filters.from_query(QueryDict(filters.query()), Scope.programme())
    assert errors == {}
    assert again == filters


def _programme_of(size: int, organisation, course):
    """`size` trainees of one organisation, each enrolled in the course, a third completed."""
    now = timezone.now()
    people = User.objects.bulk_create(
        User(
            email=f"scale{size}-{n}@example.org",
            name_en=f"Scale {n}",
            name_ar=f"مقياس {n}",
            organisation=organisation,
        )
        for n in range(size)
    )
    Group.objects.get(name=Role.TRAINEE).user_set.add(*people)
    Enrolment.objects.bulk_create(
        Enrolment(
            user=person,
            course=course,
            source="manager",
            completed_at=now if n % 3 == 0 else None,
        )
        for n, person in enumerate(people)
    )


@pytest.mark.parametrize("size", [10, 200])
def test_the_number_of_queries_does_not_grow_with_people(
    build_course, organisation, size, django_assert_num_queries
):
    course = build_course()
    _programme_of(size, organisation, course)
    scope, filters = Scope.programme(), Filters()
    # sectors, targets; people and certificates per sector; the same for the total
    with django_assert_num_queries(6):
        table = completion.by_sector(scope, filters)
    assert table.total.people == size
    assert table.total.completed == (size + 2) // 3
    # No English translations read for courses already in English (cms.locales: 9 before).
    with django_assert_num_queries(6):
        people = completion.people(scope, filters, organisation)
    assert len(people) == size


def test_a_sector_hidden_on_the_sector_table_stays_hidden_on_its_organisations(world):
    # Shelter (6 people) is hidden with the hotline (3) on the sector table; Delta Shelter's own
    # figures would give back the total the sector table withholds, and with it the hotline's.
    table = completion.by_organisation(Scope.programme(), Filters(), world.shelter)
    assert table.total.suppressed is not None
    assert set(table.total.figures().values()) == {None}
    assert set(row(table, world.delta.pk).figures().values()) == {None}
    # A sector shown on the sector table shows its organisations as before.
    inspection = completion.by_organisation(Scope.programme(), Filters(), world.inspection)
    assert figures(inspection.total) == INSPECTION
