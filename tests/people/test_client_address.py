"""Rate limits count people by the address the trusted proxy saw, and by nothing a client says.

Behind the production proxy every request arrives from the proxy's address: without
HIMAYA_TRUSTED_PROXY_COUNT the sign-in and verification limits would be one bucket for everybody.
Without a trusted proxy, X-Forwarded-For is the client's own word and is ignored.
"""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from lms.people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
TOO_MANY_SIGN_INS = (
    "Too many failed sign-in attempts. Signing in is paused for your safety: try again in "
    "5 minutes."
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def fail_sign_in(client, email, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "not-the-password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def sign_in(client, person, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": person.email, "password": "correct-horse-battery"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_failures_from_many_addresses_behind_the_proxy_lock_out_nobody_else(client):
    for n in range(21):
        fail_sign_in(client, f"made-up-{n}@example.org", f"198.51.100.{n + 1}")
    person = UserFactory(role=Role.TRAINEE)
    response = sign_in(Client(), person, "203.0.113.7")
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:dashboard")


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_one_address_behind_the_proxy_is_still_limited(client):
    """The proxy appends the address it saw; what the client wrote before it is not believed."""
    for n in range(20):
        fail_sign_in(client, f"made-up-{n}@example.org", f"1.2.3.{n}, 198.51.100.9")
    response = fail_sign_in(client, "another@example.org", "9.9.9.9, 198.51.100.9")
    assert TOO_MANY_SIGN_INS in response.text


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_a_client_cannot_choose_its_address(client):
    for n in range(20):
        fail_sign_in(client, f"made-up-{n}@example.org", f"198.51.100.{n + 1}")
    response = fail_sign_in(client, "another@example.org", "203.0.113.50")
    assert TOO_MANY_SIGN_INS in response.text


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_verification_limit_counts_each_address_behind_the_proxy(client):
    url = reverse("certificates:verify", args=["UNKNOWNCODE0000000"])
    for _ in range(30):
        assert (
            client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
            == 404
        )
    assert (
        client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    )
    assert (
        client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 404
    )


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_verification_limit_ignores_a_forged_forwarded_for(client):
    url = reverse("certificates:verify", args=["UNKNOWNCODE0000000"])
    for n in range(30):
        client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")
    response = client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429
