"""The completion pages (issue 10, item 1): sector → organisation → people → one person, with the
filters kept across the drill-down, organisation managers held to their organisation, bad input
answered with a message or a 404, and a number of queries that does not grow with people."""

import re

import pytest
from django.utils import timezone

from certificates.models import SectorTarget
from lms.people.roles import Role
from tests.certificates.completion_world import build_programme
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

HOME = "/en/completion/"


@pytest.fixture
def world(build_course):
    return build_programme(build_course)


def cells(html: str, label: str) -> list[str]:
    """The cells of the table row headed `label`, as text."""
    match = re.search(
        r"<tr[^>]*>\s*<th scope=\"row\">(?:<a [^>]*>)?"
        + re.escape(label)
        + r"(?:</a>)?</th>(.*?)</tr>",
        html,
        re.S,
    )
    assert match, f"no row for {label}"
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", match[1], re.S)
    ]


def test_the_sector_dashboard_shows_each_sector_with_its_figures_and_the_total(client, world):
    sign_in(client, world.programme_manager)
    response = client.get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert cells(html, "Labour inspection")[:11] == [
        "14",
        "10",
        "3",
        "3",
        "4 (40%)",
        "2",
        "3",
        "2",
        "1",
        "2",
        "3",
    ]
    # The hotline has 3 trainees; the shelter (6) is hidden too, or the total would give the
    # hotline's figures away.
    assert cells(html, "Hotline")[0] == "fewer than 5"
    assert cells(html, "Shelter")[0] == "fewer than 5"
    assert cells(html, "All sectors")[:5] == ["23", "13", "3", "3", "7 (53%)"]


def test_a_target_shows_completed_out_of_target(client, world):
    today = timezone.localdate()
    SectorTarget.objects.create(
        sector=world.inspection,
        period_start=today - timezone.timedelta(days=30),
        period_end=today + timezone.timedelta(days=30),
        people_to_complete=8,
    )
    sign_in(client, world.programme_manager)
    html = client.get(HOME).content.decode()
    # a1, a2 and b3 finished within the last 30 days; b1 finished 100 days ago.
    assert cells(html, "Labour inspection")[11].startswith("3 / 8 (37%)")


def test_drilling_down_keeps_the_filters(client, world):
    sign_in(client, world.programme_manager)
    query = f"course={world.course_x.pk}&sex=female"
    html = client.get(f"{HOME}?{query}").content.decode()
    sector_link = (
        f"/en/completion/sectors/labour-inspection/?course={world.course_x.pk}&amp;sex=female"
    )
    assert sector_link in html
    html = client.get(f"/en/completion/sectors/labour-inspection/?{query}").content.decode()
    assert (
        f"/en/completion/organisations/{world.alpha.pk}/?course={world.course_x.pk}&amp;sex=female"
        in html
    )
    # Five women in the sector: a1, a2, a3, b1, b2; all enrolled in X, four completed it.
    assert cells(html, "Labour inspection")[:5] == ["5", "5", "0", "1", "4 (80%)"]
    # Alpha has three of them and Bravo two: both too few.
    assert cells(html, "Alpha Labour Office")[0] == "fewer than 5"
    html = client.get(f"/en/completion/organisations/{world.alpha.pk}/?{query}").content.decode()
    # The people list is never narrowed by sex: all eight of Alpha's trainees are listed.
    assert html.count("/en/completion/people/") == 8
    assert (
        f"/en/completion/people/{world.people['a4'].pk}/?course={world.course_x.pk}&amp;sex=female"
        in html
    )


def test_the_organisation_page_lists_each_person_with_their_state(client, world):
    sign_in(client, world.programme_manager)
    html = client.get(f"/en/completion/organisations/{world.alpha.pk}/").content.decode()
    assert cells(html, "Person A1")[0] == "Completed"
    assert cells(html, "Person A3")[0] == "In progress Overdue"
    assert cells(html, "Person A5")[0] == "Not started Overdue"
    assert cells(html, "Person A7")[0] == "Not enrolled"


def test_the_person_page_shows_the_whole_record(client, world):
    sign_in(client, world.programme_manager)
    html = client.get(f"/en/completion/people/{world.people['a2'].pk}/").content.decode()
    assert "Person A2" in html
    assert "TEST-0003" in html and "TEST-0004" in html  # the valid one and the superseded one
    assert "Superseded" in html


def test_an_organisation_manager_lands_on_their_organisation(client, world):
    sign_in(client, world.alpha_manager)
    response = client.get(f"{HOME}?course={world.course_x.pk}")
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/en/completion/organisations/{world.alpha.pk}/?course={world.course_x.pk}"
    )
    html = client.get(response["Location"]).content.decode()
    assert "Person A1" in html and "Person B1" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/completion/organisations/{bravo}/",
        "/en/completion/organisations/{alpha}/?organisation={bravo}",
        "/en/completion/sectors/hotline/",
        "/en/completion/people/{b1}/",
        "/en/completion/people/{alpha_manager}/",
    ],
)
def test_an_organisation_manager_cannot_reach_another_organisation(client, world, path):
    sign_in(client, world.alpha_manager)
    url = path.format(
        bravo=world.bravo.pk,
        alpha=world.alpha.pk,
        b1=world.people["b1"].pk,
        alpha_manager=world.bravo_manager.pk,
    )
    response = client.get(url)
    assert response.status_code == 404
    assert b"Person B1" not in response.content


def test_people_outside_the_reports_roles_are_refused(client, world):
    trainer = with_mfa(UserFactory(organisation=None, role=Role.TRAINER))
    sign_in(client, trainer)
    assert client.get(HOME).status_code == 403
    client.force_login(world.people["a1"])  # a trainee: no second factor needed
    assert client.get(HOME).status_code == 403
    assert client.get(f"/en/completion/people/{world.people['a1'].pk}/").status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2025-13-45", "is not a date"),
        ("from=yesterday", "is not a date"),
        ("from=2025-06-01&to=2025-01-01", "The period ends before it starts."),
        ("region=999999", "There is no such region."),
        ("course=abc", "There is no such course."),
        ("session=12345678901234567890", "There is no such training session."),
        ("sex=other", "Choose female or male"),
    ],
)
def test_bad_filters_get_a_message_not_an_error(client, world, query, message):
    sign_in(client, world.programme_manager)
    response = client.get(f"{HOME}?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    # The bad value is ignored: the figures are those without it.
    assert cells(response.content.decode(), "Labour inspection")[0] == "14"


def test_an_unknown_organisation_or_sector_is_a_404(client, world):
    sign_in(client, world.programme_manager)
    assert client.get("/en/completion/organisations/999999/").status_code == 404
    assert client.get("/en/completion/sectors/no-such-sector/").status_code == 404
    assert client.get("/en/completion/people/999999/").status_code == 404
    assert client.get(f"{HOME}?organisation=999999").status_code == 404


def test_the_header_links_to_completion_for_the_roles_that_may_use_it(client, world):
    link = 'href="/en/completion/"'
    sign_in(client, world.programme_manager)
    assert link in client.get("/en/certificates/").content.decode()
    sign_in(client, world.alpha_manager)
    assert link in client.get("/en/certificates/").content.decode()
    client.force_login(world.people["a1"])
    assert link not in client.get("/en/certificates/").content.decode()


def test_the_dashboard_renders_right_to_left_in_arabic(client, world):
    sign_in(client, world.programme_manager)
    html = client.get("/ar/completion/").content.decode()
    assert 'dir="rtl"' in html
    assert "التفتيش العمالي" in html


@pytest.mark.parametrize("size", [10, 200])
def test_page_queries_do_not_grow_with_people(
    client, build_course, organisation, programme_manager, size, django_assert_num_queries
):
    from tests.certificates.test_completion_figures import _programme_of

    course = build_course()
    _programme_of(size, organisation, course)
    person = organisation.members.first()
    sign_in(client, programme_manager)
    # No translations read for courses already in the reader's language (cms.locales) and the
    # permissions in one query (lms.permissions): 27, 34, 33 and 27 before.
    pages = {
        HOME: 24,
        f"/en/completion/sectors/{organisation.sector.code}/": 31,
        f"/en/completion/organisations/{organisation.pk}/": 27,
        f"/en/completion/people/{person.pk}/": 19,
    }
    for url in pages:  # process-wide caches (content types, locales) filled once, not counted
        client.get(url)
    for url, queries in pages.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
