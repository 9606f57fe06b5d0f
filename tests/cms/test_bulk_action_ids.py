"""A malformed or impossible id in any Wagtail bulk action is a 404, never a server error."""

import pytest
from django.test import Client

from lms.people.models import Sector
from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "1.5", "999999999999999999999999999999", ""]


@pytest.fixture
def admin_client():
    administrator = with_mfa(UserFactory(role=Role.ADMINISTRATOR, organisation=None))
    administrator.is_superuser = administrator.is_staff = True
    administrator.save()
    client = Client(raise_request_exception=False)
    sign_in(client, administrator)
    return client


@pytest.mark.parametrize(
    "action",
    [
        "/admin/bulk/people/sector/delete/",
        "/admin/bulk/wagtailcore/page/delete/",
        "/admin/bulk/wagtailimages/image/delete/",
        "/admin/bulk/people/user/set_active_state/",
    ],
)
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_malformed_id_is_not_found(admin_client, action, bad_id):
    # Django's LocaleMiddleware first tries the path under /en/; that answers 404 as well.
    response = admin_client.get(action, {"id": bad_id, "next": "/admin/"}, follow=True)
    assert response.status_code == 404


def test_a_good_id_still_reaches_the_confirmation(admin_client):
    sector = Sector.objects.order_by("pk").first()
    response = admin_client.get(
        "/admin/bulk/people/sector/delete/", {"id": str(sector.pk), "next": "/admin/"}
    )
    assert response.status_code == 200
    assert sector.name_en in response.text
