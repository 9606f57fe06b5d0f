"""Enrolling others at any size (issue 14): find people by name or email, a page of results
at a time, and tick them; or enrol a whole organisation or sector after a confirmation that
counts it. Never a list of everyone; a fixed number of queries whatever the number of people."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import Enrolment
from lms.people.models import Sector, User
from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def people_of(organisation, count, *, prefix="Member", active=True):
    """`count` people of `organisation` written at once (no password hashing, no path
    enrolment): what a large programme looks like to the page."""
    start = User.objects.count()
    return User.objects.bulk_create(
        User(
            email=f"{prefix.lower()}{start + n}@enrol.example",
            name_en=f"{prefix} {start + n:04d}",
            name_ar=f"عضو {start + n}",
            organisation=organisation,
            password="!unusable",
            is_active=active,
        )
        for n in range(count)
    )


def url(course, **params):
    base = reverse("courses:enrol_people", args=[course.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def shown_ids(response):
    return [int(i) for i in re.findall(r'name="people" value="(\d+)"', response.text)]


@pytest.fixture
def course(build_course):
    return build_course()


def test_the_page_lists_nobody_until_a_search_and_a_short_search_is_refused(
    manager_client, course, organisation
):
    people_of(organisation, 5)
    page = manager_client.get(url(course))
    assert page.status_code == 200
    assert "Search by name or email address to find the people to enrol." in page.text
    assert shown_ids(page) == []

    short = manager_client.get(url(course, q="M"))
    assert short.status_code == 400
    assert "Type at least 2 letters of a name or an email address." in short.text
    assert shown_ids(short) == []


def test_search_pages_through_matches_by_name_and_marks_who_is_enrolled(
    manager_client, course, organisation
):
    people = people_of(organisation, 45)
    people_of(organisation, 3, prefix="Other")
    services.enrol_people(people=User.objects.filter(pk=people[0].pk), course=course, by=people[1])

    first = manager_client.get(url(course, q="member"))
    assert first.status_code == 200
    # Twenty a page, by name; the enrolled one is marked instead of offered.
    assert shown_ids(first) == [p.pk for p in people[1:20]]
    assert first.text.count('<span class="badge">Enrolled</span>') == 1
    after = re.search(r'after=(\d+)" rel="next"', first.text).group(1)
    assert int(after) == people[19].pk

    second = manager_client.get(url(course, q="member", after=after))
    assert shown_ids(second) == [p.pk for p in people[20:40]]
    third = manager_client.get(url(course, q="member", after=people[39].pk))
    assert shown_ids(third) == [p.pk for p in people[40:45]]
    assert 'rel="next"' not in third.text
    back = manager_client.get(url(course, q="member", before=people[40].pk))
    assert shown_ids(back) == [p.pk for p in people[20:40]]

    by_email = manager_client.get(url(course, q=people[7].email.split("@")[0]))
    assert shown_ids(by_email) == [people[7].pk]
    assert "Nobody matches." in manager_client.get(url(course, q="nobody-here")).text


def test_ticked_people_are_enrolled_once_with_their_due_date(manager_client, course, organisation):
    first, second, third = people_of(organisation, 3)
    response = manager_client.post(
        url(course),
        {"action": "people", "q": "member", "people": [first.pk, second.pk], "due_days": 30},
        follow=True,
    )
    assert "2 people were enrolled." in response.text
    assert response.redirect_chain[-1][0] == url(course, q="member")
    enrolments = Enrolment.objects.filter(course=course).order_by("user_id")
    assert [e.user_id for e in enrolments] == [first.pk, second.pk]
    assert {(e.due_at - e.enrolled_at).days for e in enrolments} == {30}
    assert {e.source for e in enrolments} == {"manager"}

    # Ticked again (a second tab, a double submit): nobody is enrolled twice.
    again = manager_client.post(
        url(course), {"action": "people", "people": [first.pk, third.pk]}, follow=True
    )
    assert "1 person was enrolled." in again.text
    assert "1 was already enrolled." in again.text
    assert Enrolment.objects.filter(course=course).count() == 3


def test_bad_choices_are_explained_and_enrol_nobody(manager_client, course, organisation):
    (person,) = people_of(organisation, 1)
    (gone,) = people_of(organisation, 1, prefix="Gone", active=False)
    cases = [
        ({"action": "people"}, "Tick at least one person to enrol."),
        ({"action": "people", "people": [gone.pk]}, "Someone you chose cannot be enrolled"),
        ({"action": "people", "people": ["x"]}, "Someone you chose cannot be enrolled"),
        (
            {"action": "people", "people": [person.pk], "due_days": 0},
            "Ensure this value is greater than or equal to 1.",
        ),
        ({"action": "group"}, "Choose an organisation or a sector."),
        ({"action": "group", "organisation": 999999}, "Choose one of the organisations listed."),
        ({}, "Choose people or a group to enrol."),
    ]
    for data, message in cases:
        response = manager_client.post(url(course), data)
        assert response.status_code == 400, data
        assert message in response.text, data
    assert not Enrolment.objects.filter(course=course).exists()
    both = manager_client.get(
        url(course, organisation=organisation.pk, sector=organisation.sector_id)
    )
    assert both.status_code == 400
    assert "Choose an organisation or a sector, not both." in both.text


def test_a_whole_organisation_is_counted_then_enrolled(manager_client, course, organisation):
    people = people_of(organisation, 4)
    people_of(organisation, 1, prefix="Gone", active=False)
    people_of(OrganisationFactory(sector=organisation.sector), 2)  # same sector, not chosen
    services.enrol_people(people=User.objects.filter(pk=people[0].pk), course=course, by=people[1])

    confirm = manager_client.get(url(course, organisation=organisation.pk))
    assert confirm.status_code == 200
    assert f"This enrols 3 people of {organisation.name_en} in the course." in confirm.text
    assert "1 more is already enrolled." in confirm.text
    assert "Enrol 3 people" in confirm.text
    assert not Enrolment.objects.filter(course=course).exclude(user=people[0]).exists()

    done = manager_client.post(
        url(course),
        {"action": "group", "organisation": organisation.pk, "due_days": 14},
        follow=True,
    )
    assert "3 people were enrolled." in done.text
    assert "1 was already enrolled." in done.text
    assert set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True)) == {
        p.pk for p in people
    }
    after = manager_client.get(url(course, organisation=organisation.pk))
    assert f"All 4 people in {organisation.name_en} are already enrolled." in after.text
    assert "Enrol 0" not in after.text


def test_a_whole_sector_spans_its_organisations(manager_client, course):
    sector = Sector.objects.exclude(code="labour-inspection").first()
    for organisation in [OrganisationFactory(sector=sector) for _ in range(3)]:
        people_of(organisation, 2)
    people_of(OrganisationFactory(), 2)  # labour inspection
    confirm = manager_client.get(url(course, sector=sector.pk))
    assert f"This enrols 6 people of {sector.name_en} in the course." in confirm.text
    manager_client.post(url(course), {"action": "group", "sector": sector.pk})
    enrolled = Enrolment.objects.filter(course=course).values_list(
        "user__organisation__sector", flat=True
    )
    assert list(enrolled) == [sector.pk] * 6


def test_an_organisation_manager_finds_and_enrols_their_own_people_only(client, course):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    (colleague,) = people_of(mine, 1)
    (stranger,) = people_of(theirs, 1)
    manager = with_mfa(UserFactory(role=Role.ORGANISATION_MANAGER, organisation=mine))
    sign_in(client, manager)

    page = client.get(url(course, q="member"))
    assert shown_ids(page) == [colleague.pk]
    assert "Enrol your whole organisation" in page.text
    assert 'name="sector"' not in page.text

    refusals = [
        client.post(url(course), {"action": "people", "people": [stranger.pk]}),
        client.post(url(course), {"action": "group", "organisation": theirs.pk}),
        client.post(url(course), {"action": "group", "sector": theirs.sector_id}),
        client.get(url(course, organisation=theirs.pk)),
        client.get(url(course, sector=mine.sector_id)),
    ]
    assert [r.status_code for r in refusals] == [400] * 5
    assert stranger.name_en not in "".join(r.text for r in refusals)
    assert not Enrolment.objects.filter(course=course).exists()

    client.post(url(course), {"action": "group", "organisation": mine.pk})
    assert set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True)) == {
        colleague.pk,
        manager.pk,
    }


def test_posting_needs_the_csrf_token(programme_manager, course, organisation):
    from django.test import Client

    (person,) = people_of(organisation, 1)
    strict = Client(enforce_csrf_checks=True)
    sign_in(strict, programme_manager)
    response = strict.post(url(course), {"action": "people", "people": [person.pk]})
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


# Queries of each request, the same at 10 people and at 200. Every page makes BASELINE (the
# session, the user, whether they are staff, their permissions in one query: lms/permissions.py)
# and reads the course; the default locale's id is kept by the process (cms/locales.py), read by
# the warm-up request.
BASELINE = 4 + 1
EXPECTED_QUERIES = {
    "empty page": BASELINE + 2,  # the organisations and sectors of the group form
    "search": BASELINE + 3,  # + the page of matches, marked enrolled or not
    "next page": BASELINE + 4,  # + the cursor's row
    # The organisation (checked), its counts, the form's lists.
    "organisation's count": BASELINE + 4,
    # The ticked (checked), the INSERT … SELECT in its savepoint, the message in the session
    # in its own.
    "enrol the ticked": BASELINE + 7,
    # The organisation (checked), its count for the message, then as above.
    "enrol the organisation": BASELINE + 8,
}


@pytest.mark.parametrize("size", [10, 200])
def test_queries_do_not_grow_with_the_number_of_people(size, manager_client, course, organisation):
    people_of(organisation, size)
    ticked = list(User.objects.filter(organisation=organisation).values_list("pk", flat=True))
    manager_client.get(url(course, q="member"))  # the session and what the process keeps
    requests = {
        "empty page": lambda: manager_client.get(url(course)),
        "search": lambda: manager_client.get(url(course, q="member")),
        "next page": lambda: manager_client.get(url(course, q="member", after=ticked[size // 2])),
        "organisation's count": lambda: manager_client.get(
            url(course, organisation=organisation.pk)
        ),
        "enrol the ticked": lambda: manager_client.post(
            url(course), {"action": "people", "people": ticked[:20]}
        ),
        "enrol the organisation": lambda: manager_client.post(
            url(course), {"action": "group", "organisation": organisation.pk}
        ),
    }
    counts = {}
    for name, request in requests.items():
        with CaptureQueriesContext(connection) as queries:
            assert request().status_code in (200, 302), name
        counts[name] = len(queries)
    assert counts == EXPECTED_QUERIES
    assert Enrolment.objects.filter(course=course).count() == size


def test_a_group_enrolment_is_one_set_of_learning_records(course, organisation):
    from certificates.models import LearningRecordStatement

    people = people_of(organisation, 5)
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(HIMAYA_XAPI_ENDPOINT="http://127.0.0.1:9/xAPI", TASKS=dummy):
        count = services.enrol_people(
            people=User.objects.filter(organisation=organisation), course=course, by=people[0]
        )
    assert count == 5
    assert LearningRecordStatement.objects.filter(verb="registered").count() == 5
