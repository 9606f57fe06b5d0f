"""Staff must set up TOTP before any admin or staff page opens; trainees are not asked."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from lms.people.roles import Role
from tests.conftest import TOTP_SECRET, current_totp, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/en/accounts/2fa/totp/activate/"


@pytest.mark.parametrize(
    "role", [Role.TRAINER, Role.PROGRAMME_MANAGER, Role.ORGANISATION_MANAGER, Role.ADMINISTRATOR]
)
def test_staff_without_mfa_is_sent_to_set_it_up(client, role):
    user = UserFactory(role=role)
    sign_in(client, user)
    for url in ["/admin/", "/admin/pages/", reverse("courses:dashboard"), reverse("people:list")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == TOTP_SETUP


def test_staff_can_open_admin_once_totp_is_active(client, django_capture_on_commit_callbacks):
    user = UserFactory(role=Role.PROGRAMME_MANAGER)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == TOTP_SETUP

    # Activate through allauth's own form, as a person with an authenticator app would.
    # allauth asks for the password again before a security change.
    assert client.get(TOTP_SETUP)["Location"].startswith("/en/accounts/reauthenticate/")
    client.post(
        f"/en/accounts/reauthenticate/?next={TOTP_SETUP}", {"password": "correct-horse-battery"}
    )
    page = client.get(TOTP_SETUP)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.text
    # allauth announces the new authenticator once its transaction commits; that is when this
    # session is recorded as having passed the second factor.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(TOTP_SETUP, {"code": current_totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_trainee_is_not_asked_for_mfa(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("courses:dashboard")).status_code == 200
    # ...and has no business in the admin.
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


def test_staff_login_asks_for_the_second_factor(client, programme_manager):
    response = client.post(
        reverse("account_login"),
        {"login": programme_manager.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet

    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_totp(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wagtail_login_page_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"


def test_login_is_rate_limited(client, trainee):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": trainee.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": trainee.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
    assert "Signing in is paused for your safety: try again in 5 minutes." in response.text
    assert client.get(reverse("courses:dashboard")).status_code == 302
