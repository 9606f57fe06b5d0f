"""The people list at any size (issue 14): 50 people a page by name, keyset pages (first,
previous, next) that cost the same at the last page as at the first, and the same queries for
10 people or 200."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.people.models import User

pytestmark = pytest.mark.django_db


def people_of(organisation, count, prefix="Member"):
    start = User.objects.count()
    return User.objects.bulk_create(
        User(
            email=f"{prefix.lower()}{start + n}@list.example",
            name_en=f"{prefix} {start + n:04d}",
            name_ar=f"عضو {start + n}",
            organisation=organisation,
            password="!unusable",
        )
        for n in range(count)
    )


def names(response):
    return [person.name_en for person in response.context["people"]]


def link(response, rel):
    found = re.search(rf'href="\?([^"]*)" rel="{rel}"', response.text)
    return found and found.group(1).replace("&amp;", "&")


def test_pages_go_forward_and_back_without_repeating_anyone(manager_client, organisation):
    people = people_of(organisation, 120)
    members = sorted(p.name_en for p in people)
    url = reverse("people:list")

    first = manager_client.get(url, {"q": "member"})
    assert first.context["count"] == 120
    assert "120 people" in first.text
    assert names(first) == members[:50]
    assert link(first, "prev") is None
    second = manager_client.get(f"{url}?{link(first, 'next')}")
    third = manager_client.get(f"{url}?{link(second, 'next')}")
    seen = names(first) + names(second) + names(third)
    assert seen == members
    assert link(third, "next") is None
    assert "q=member" in link(third, "prev")
    back = manager_client.get(f"{url}?{link(third, 'prev')}")
    assert names(back) == names(second)
    assert 'rel="prev"' in back.text and 'rel="next"' in back.text


def test_a_cursor_outside_the_viewers_scope_starts_from_the_beginning(
    client, organisation, other_organisation, organisation_manager
):
    from tests.conftest import sign_in

    (stranger,) = people_of(other_organisation, 1, prefix="Stranger")
    colleagues = people_of(organisation, 3)
    sign_in(client, organisation_manager)
    response = client.get(reverse("people:list"), {"after": stranger.pk})
    assert response.status_code == 200
    assert {p.pk for p in response.context["people"]} == {
        *(c.pk for c in colleagues),
        organisation_manager.pk,
    }
    assert "Stranger" not in response.text
    assert client.get(reverse("people:list"), {"after": "x' or 1=1"}).status_code == 200


@pytest.mark.parametrize("size", [10, 200])
def test_the_list_costs_the_same_queries_for_10_or_200_people(size, manager_client, organisation):
    people = people_of(organisation, size)
    url = reverse("people:list")
    manager_client.get(url)
    counts = {}
    for name, params in {
        "first page": {},
        "a later page, searched": {"q": "member", "after": people[size // 2].pk},
        "by organisation": {"organisation": organisation.pk},
    }.items():
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(url, params).status_code == 200
        counts[name] = len(queries)
    # The session, the user, staff or not, permissions (2), the page, its count, the
    # organisations of the filter; a later page reads its cursor's row too.
    assert counts == {"first page": 8, "a later page, searched": 9, "by organisation": 8}
