"""API tokens: issued and revoked by administrators only, the key shown once and never stored."""

import hashlib
import re

import pytest
import time_machine
from django.utils import timezone

from certificates.api_tokens import hash_key, issue_api_token, revoke_api_token, token_for_key
from certificates.models import ApiToken
from lms.people.roles import Role
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/api-tokens/"
ADD_URL = "/admin/api-tokens/new/"


@pytest.fixture
def administrator(db):
    # The Administrator role, not a superuser: the role's own permissions open the token admin.
    return with_mfa(UserFactory(organisation=None, role=Role.ADMINISTRATOR))


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_is_stored_only_as_its_sha256(organisation):
    token, key = issue_api_token(name="Ministry dashboard", organisation=organisation, by=None)
    token.refresh_from_db()
    assert len(key) == 43  # 32 random bytes, URL-safe base64
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert key not in {str(value) for value in ApiToken.objects.values_list().get()}


def test_token_for_key_refuses_unknown_and_revoked_keys(organisation):
    token, key = issue_api_token(name="Donor portal", organisation=None, by=None)
    assert token_for_key(key) == token
    assert token_for_key(key + "x") is None
    assert token_for_key("") is None
    assert revoke_api_token(token=token) is True
    assert revoke_api_token(token=token) is False  # revoked once; the time is not moved
    assert token_for_key(key) is None


def test_last_used_is_written_at_most_once_a_minute(django_assert_num_queries):
    start = timezone.now()
    token, key = issue_api_token(name="Donor portal", organisation=None, by=None)
    for seconds, queries in ((0, 2), (59, 1), (61, 2)):  # the look-up, and the use when written
        moment = start + timezone.timedelta(seconds=seconds)
        with time_machine.travel(moment, tick=False), django_assert_num_queries(queries):
            token_for_key(key)
    token.refresh_from_db()
    assert token.last_used_at == start + timezone.timedelta(seconds=61)


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.TRAINER])
def test_only_administrators_open_the_token_admin(client, role):
    user = with_mfa(UserFactory(organisation=None, role=role))
    token, _key = issue_api_token(name="Ministry dashboard", organisation=None, by=None)
    sign_in(client, user)
    for url in (LIST_URL, ADD_URL, f"/admin/api-tokens/revoke/{token.pk}/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = client.post(ADD_URL, {"name": "Mine", "organisation": ""})
    assert response.status_code == 302
    response = client.post(f"/admin/api-tokens/revoke/{token.pk}/")
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is None
    assert ApiToken.objects.count() == 1


def test_an_organisation_manager_is_sent_to_sign_in(client, organisation_manager):
    sign_in(client, organisation_manager)
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/api-tokens/"


def test_an_administrator_issues_a_key_that_works_once_shown_then_revokes_it(
    client, administrator, organisation
):
    sign_in(client, administrator)
    response = client.post(ADD_URL, {"name": "Ministry dashboard", "organisation": organisation.pk})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    (key,) = re.findall(r"<code data-api-key dir=\"ltr\">([^<]+)</code>", response.text)
    token = ApiToken.objects.get()
    assert (token.name, token.organisation, token.created_by) == (
        "Ministry dashboard",
        organisation,
        administrator,
    )
    assert token.key_hash == hash_key(key)

    organisation_url = f"/api/v1/organisations/{organisation.pk}/"
    assert client.get(organisation_url, **bearer(key)).status_code == 200

    listing = client.get(LIST_URL).text
    assert "Ministry dashboard" in listing
    assert token.prefix in listing
    assert key not in listing  # shown once, on the page that issued it
    assert organisation.name_en in listing

    assert "Yes, revoke" in client.get(f"/admin/api-tokens/revoke/{token.pk}/").text
    response = client.post(f"/admin/api-tokens/revoke/{token.pk}/")
    assert (response.status_code, response["Location"]) == (302, LIST_URL)
    token.refresh_from_db()
    assert token.revoked_at is not None
    history = client.get(f"/admin/api-tokens/history/{token.pk}/").text
    assert "API token revoked" in history

    response = client.get(organisation_url, **bearer(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_programme_token_shows_whole_programme_in_the_listing(client, administrator):
    issue_api_token(name="Donor portal", organisation=None, by=administrator)
    sign_in(client, administrator)
    assert "Whole programme" in client.get(LIST_URL).text


def test_editing_a_token_changes_its_name_never_its_scope(
    client, administrator, organisation, other_organisation
):
    token, _key = issue_api_token(name="Ministry", organisation=organisation, by=None)
    sign_in(client, administrator)
    response = client.post(
        f"/admin/api-tokens/edit/{token.pk}/",
        {"name": "Ministry dashboard", "organisation": other_organisation.pk},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert (token.name, token.organisation) == ("Ministry dashboard", organisation)


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_revoking_an_unknown_token_is_a_404(client, administrator, pk):
    # (LocaleMiddleware first tries the path under /en/, which answers 404 as well.)
    sign_in(client, administrator)
    assert client.get(f"/admin/api-tokens/revoke/{pk}/", follow=True).status_code == 404
    assert client.post(f"/admin/api-tokens/revoke/{pk}/", follow=True).status_code == 404
