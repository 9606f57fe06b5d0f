"""Each role sees and does exactly what it should."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.people.access import visible_people
from lms.people.roles import Role
from tests.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_exist_with_explicit_permissions():
    def perms(role):
        return set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )

    assert perms(Role.TRAINEE) == set()
    assert perms(Role.ORGANISATION_MANAGER) == {
        ("people", "view_organisation_people"),
        ("people", "view_organisation_reports"),
    }
    assert ("people", "invite_people") in perms(Role.PROGRAMME_MANAGER)
    assert ("people", "view_all_people") in perms(Role.PROGRAMME_MANAGER)
    assert ("wagtailadmin", "access_admin") in perms(Role.TRAINER)
    assert ("people", "invite_people") not in perms(Role.TRAINER)
    assert ("wagtailcore", "add_page") in perms(Role.ADMINISTRATOR)
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_organisation_manager_sees_only_their_own_organisation(
    client, organisation_manager, organisation, other_organisation
):
    colleague = UserFactory(organisation=organisation, name_en="Colleague Here")
    stranger = UserFactory(organisation=other_organisation, name_en="Stranger Elsewhere")
    sign_in(client, organisation_manager)

    listing = client.get(reverse("people:list"))
    assert listing.status_code == 200
    names = [p.name_en for p in listing.context["people"]]
    assert "Colleague Here" in names
    assert "Stranger Elsewhere" not in names

    assert client.get(reverse("people:detail", args=[colleague.pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[stranger.pk])).status_code == 404
    # Filtering by the other organisation's id shows nobody.
    forged = client.get(reverse("people:list"), {"organisation": other_organisation.pk})
    assert list(forged.context["people"]) == []
    # Organisation managers do not invite.
    assert client.get(reverse("people:invite")).status_code == 403


def test_programme_manager_sees_everyone(manager_client, organisation, other_organisation):
    UserFactory(organisation=organisation)
    UserFactory(organisation=other_organisation)
    listing = manager_client.get(reverse("people:list"))
    organisations = {p.organisation_id for p in listing.context["people"]}
    assert {organisation.pk, other_organisation.pk} <= organisations


def test_trainee_cannot_see_people_or_invite(client, trainee):
    sign_in(client, trainee)
    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:detail", args=[trainee.pk])).status_code == 403
    assert client.get(reverse("people:invite")).status_code == 403
    assert client.post(reverse("people:invite_upload")).status_code == 403
    assert client.post(reverse("people:resend_invitation", args=[trainee.pk])).status_code == 403


def test_trainer_cannot_invite(client, trainer):
    sign_in(client, trainer)
    assert client.get(reverse("people:invite")).status_code == 403
    assert client.get("/admin/").status_code == 200


def test_visible_people_for_anonymous_is_empty(organisation):
    from django.contrib.auth.models import AnonymousUser

    UserFactory(organisation=organisation)
    assert list(visible_people(AnonymousUser())) == []


def test_dashboard_shows_name_sector_and_organisation(client, trainee):
    sign_in(client, trainee)
    response = client.get("/ar/dashboard/")
    assert response.status_code == 200
    assert trainee.name_ar in response.text
    assert "التفتيش العمالي" in response.text
    assert trainee.organisation.name_ar in response.text
    response = client.get("/en/dashboard/")
    assert trainee.name_en in response.text
    assert "Labour inspection" in response.text


def test_programme_manager_adds_a_sector_in_the_wagtail_admin(manager_client):
    from lms.people.models import Sector

    listing = manager_client.get("/admin/snippets/people/organisation/")
    assert listing.status_code == 200
    response = manager_client.post(
        "/admin/snippets/people/sector/add/",
        {
            "code": "recruitment-office",
            "name_en": "Recruitment office",
            "name_ar": "مكاتب الاستقدام",
        },
    )
    assert response.status_code == 302
    assert Sector.objects.get(code="recruitment-office").name_ar == "مكاتب الاستقدام"


def test_trainer_cannot_edit_sectors(client, trainer):
    sign_in(client, trainer)
    # Wagtail answers a missing permission by sending the user back to the dashboard.
    for url in ["/admin/snippets/people/sector/add/", "/admin/snippets/people/sector/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/", url
