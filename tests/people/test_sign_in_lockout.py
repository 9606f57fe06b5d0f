"""After five wrong passwords the sign-in page says for how long signing in is refused (issue 13,
§6), in the page's language, counting down as the failures age out of allauth's window."""

import time

import pytest
import time_machine
from allauth.core.internal.ratelimit import Rate
from django.core.cache import cache
from django.urls import reverse

from lms.people.adapters import seconds_until_allowed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def attempt(client, user, password, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": user.email, "password": password})


def test_the_refusal_says_how_long_it_lasts(client):
    trainee = UserFactory()
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        for _ in range(5):
            attempt(client, trainee, "wrong")
        response = attempt(client, trainee, PASSWORD)
        assert response.status_code == 200
        assert (
            "Too many failed sign-in attempts. Signing in is paused for your safety: try again "
            "in 5 minutes." in response.text
        )
        clock.shift(130)
        response = attempt(client, trainee, PASSWORD)
        assert "try again in 3 minutes." in response.text
        clock.shift(170)  # five minutes after the fifth failure
        response = attempt(client, trainee, PASSWORD)
        assert (response.status_code, response["Location"]) == (302, reverse("courses:dashboard"))


def test_the_wait_is_until_the_oldest_failure_that_fills_the_rate_expires():
    rate = Rate(amount=3, duration=300, per="key")
    now = time.time()
    assert seconds_until_allowed([now - 10, now - 20], rate, now) == 0
    assert seconds_until_allowed([now - 10, now - 20, now - 100], rate, now) == 200
    # Failures older than the window no longer count.
    assert seconds_until_allowed([now - 10, now - 20, now - 400], rate, now) == 0
