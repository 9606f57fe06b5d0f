"""Every role finds its tools (issue 13, §3): the header and the dashboard's "Your work" offer
exactly what the role may open, each link answers 200 for that role, and nothing more."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/dashboard/"
COURSES = "/en/learning/courses/"
MY_CERTIFICATES = "/en/certificates/"
ACCOUNT = "/en/accounts/password/change/"
ADMIN = "/admin/"
PEOPLE = "/en/people/"
INVITE = "/en/people/invite/"
COMPLETION = "/en/completion/"
EXPORTS = "/en/completion/reports/"
SESSIONS = "/admin/snippets/courses/trainingsession/"
ANALYTICS = "/admin/snippets/assessments/quiz/"
CERTIFICATE_LISTING = "/admin/snippets/certificates/certificate/"

LEARNING = [
    ("My dashboard", DASHBOARD),
    ("Courses", COURSES),
    ("My certificates", MY_CERTIFICATES),
]
# (header links, "Your work" cards) per role, in the order shown.
EXPECTED = {
    Role.TRAINEE: ([*LEARNING, ("My account", ACCOUNT)], []),
    Role.TRAINER: (
        [*LEARNING, ("Administration", ADMIN), ("My account", ACCOUNT)],
        [
            ("Training sessions", SESSIONS),
            ("Quiz analytics", ANALYTICS),
            ("Administration", ADMIN),
        ],
    ),
    Role.ORGANISATION_MANAGER: (
        [*LEARNING, ("People", PEOPLE), ("Completion", COMPLETION), ("My account", ACCOUNT)],
        [
            ("People", PEOPLE),
            ("Completion", COMPLETION),
            ("Exports and reports", EXPORTS),
            ("Certificates", "/en/completion/organisations/{organisation}/"),
        ],
    ),
    Role.PROGRAMME_MANAGER: (
        [
            *LEARNING,
            ("People", PEOPLE),
            ("Completion", COMPLETION),
            ("Administration", ADMIN),
            ("My account", ACCOUNT),
        ],
        [
            ("People", PEOPLE),
            ("Invite people", INVITE),
            ("Completion", COMPLETION),
            ("Exports and reports", EXPORTS),
            ("Certificates", CERTIFICATE_LISTING),
            ("Training sessions", SESSIONS),
            ("Quiz analytics", ANALYTICS),
            ("Administration", ADMIN),
        ],
    ),
}


def links(html: str, selector: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(selector)]


def person(role):
    organisation = OrganisationFactory()
    user = UserFactory(role=role, organisation=organisation)
    return user if role == Role.TRAINEE else with_mfa(user)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_header_and_dashboard_offer_exactly_the_roles_tools(client, role, course_index):
    user = person(role)
    sign_in(client, user)
    header, work = (
        [(label, url.format(organisation=user.organisation_id)) for label, url in expected]
        for expected in EXPECTED[role]
    )

    html = client.get(DASHBOARD).text
    assert links(html, "header nav.site-nav a") == header
    assert links(html, "section[aria-labelledby=staff-heading] ul.cards h3 a") == work
    # The page one is on is marked as such for screen readers.
    assert BeautifulSoup(html, "html.parser").select_one("[aria-current=page]")["href"] == DASHBOARD
    for _label, url in {*header, *work}:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


def test_courses_link_opens_the_catalogue_in_the_readers_language(client, course_index):
    sign_in(client, UserFactory())
    response = client.get(COURSES)
    assert (response.status_code, response["Location"]) == (302, course_index.url)
    assert course_index.url == "/en/courses/"


def test_courses_link_without_a_catalogue_is_a_404(client):
    sign_in(client, UserFactory())
    assert client.get(reverse("courses:catalogue")).status_code == 404


def test_the_header_costs_no_query_of_its_own(client, course_index, django_assert_num_queries):
    """A manager's header and tool cards ask only permissions the request loads anyway."""
    manager = person(Role.PROGRAMME_MANAGER)
    sign_in(client, manager)
    client.get(DASHBOARD)
    # Session, user, staff role (for MFA), enrolments (none), organisation, the permissions (one
    # query, lms/permissions.py), then quizzes and sessions for the analytics and registers lists.
    with django_assert_num_queries(8):
        client.get(DASHBOARD)


def test_managers_of_two_organisations_each_find_their_own_organisations_certificates(
    client, course_index
):
    """The tools are kept for everyone with the same permissions and organisation: two
    organisation managers differ by their organisation, and each gets their own link."""
    first, second = person(Role.ORGANISATION_MANAGER), person(Role.ORGANISATION_MANAGER)
    for manager in (first, second):
        sign_in(client, manager)
        work = links(
            client.get(DASHBOARD).text, "section[aria-labelledby=staff-heading] ul.cards h3 a"
        )
        assert work[-1] == (
            "Certificates",
            f"/en/completion/organisations/{manager.organisation_id}/",
        )


def test_a_role_given_later_shows_its_tools_on_the_next_page(client, course_index):
    trainee = UserFactory(role=Role.TRAINEE)
    sign_in(client, trainee)
    assert links(client.get(DASHBOARD).text, "header nav.site-nav a") == EXPECTED[Role.TRAINEE][0]
    trainee.groups.add(Group.objects.get(name=Role.TRAINER))
    sign_in(client, with_mfa(trainee))
    assert links(client.get(DASHBOARD).text, "header nav.site-nav a") == EXPECTED[Role.TRAINER][0]


def test_the_header_links_follow_the_readers_language(client, course_index):
    trainee = UserFactory(role=Role.TRAINEE)
    sign_in(client, trainee)
    client.get(DASHBOARD)
    arabic = links(client.get("/ar/dashboard/").text, "header nav.site-nav a")
    assert [url for _label, url in arabic] == [
        "/ar/dashboard/",
        "/ar/learning/courses/",
        "/ar/certificates/",
        "/ar/accounts/password/change/",
    ]
