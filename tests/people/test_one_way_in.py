"""One way in: allauth's sign-in (rate limits, MFA stage) is the only route that logs anyone in,
and a staff session counts only once that very session passed its second factor.

The routes come from the resolver (tests/people/url_walk.py), so a login view added later is
caught here without anyone listing it.
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from cms.models import HomePage
from lms.people.middleware import ALLOWED_URL_NAMES
from lms.people.roles import Role
from tests.conftest import TOTP_SECRET, current_totp, sign_in, with_mfa
from tests.factories import UserFactory

from .url_walk import all_routes

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SIGN_IN = "/en/accounts/login/"
# Wagtail's and Django's own login views, and Wagtail's shared-password page view: each is
# shadowed by a redirect to allauth mounted before it, so no request can reach them.
SHADOWED_LOGIN_ROUTES = {
    "admin:login",
    "wagtailadmin_login",
    "wagtailcore_login",
    "wagtailcore_authenticate_with_password",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def routes():
    return all_routes()


def credentials(user):
    return {
        "login": user.email,
        "username": user.email,
        "email": user.email,
        "password": PASSWORD,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "new_password1": PASSWORD,
        "new_password2": PASSWORD,
        "remember": "on",
    }


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_the_only_unreachable_routes_are_the_shadowed_login_views(routes):
    assert {route.name for route in routes if route.path is None} == SHADOWED_LOGIN_ROUTES
    assert len([route for route in routes if route.path]) > 400


def test_no_route_but_allauths_sign_in_logs_anybody_in(routes):
    trainee = UserFactory(role=Role.TRAINEE)
    manager = with_mfa(UserFactory(role=Role.PROGRAMME_MANAGER))
    logged_in_by = []
    for user in (trainee, manager):
        for route in routes:
            if route.path is None:
                continue
            for method in ("get", "post"):
                client = Client(raise_request_exception=False)
                getattr(client, method)(route.path, credentials(user))
                if signed_in_user_id(client) is not None:
                    logged_in_by.append((user.email, route.name, method))
        cache.clear()  # allauth's own failure counters would otherwise pile up across routes
    # A trainee's password is enough at allauth's sign-in; a programme manager's never is.
    assert logged_in_by == [(trainee.email, "account_login", "post")]


@pytest.mark.parametrize("role", [Role.TRAINER, Role.ADMINISTRATOR])
def test_a_password_only_staff_session_opens_nothing_but_the_sign_in_pages(routes, role):
    """`client.login()` authenticates without allauth: no second factor was recorded."""
    user = with_mfa(UserFactory(role=role, organisation=None))
    if role == Role.ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save()
    opened = []
    for route in routes:
        if route.path is None or route.name in ALLOWED_URL_NAMES:
            continue
        client = Client(raise_request_exception=False)
        assert client.login(email=user.email, password=PASSWORD)
        response = client.get(route.path)
        ended = signed_in_user_id(client) is None
        if not (response.status_code == 302 and response["Location"].startswith(SIGN_IN)):
            opened.append((route.name, response.status_code))
        elif not ended:
            opened.append((route.name, "session kept"))
    assert opened == []


def test_staff_signed_in_with_password_only_must_still_pass_the_second_factor(client):
    manager = with_mfa(UserFactory(role=Role.PROGRAMME_MANAGER))
    response = client.post(SIGN_IN, credentials(manager))
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    # Until the code is given, every page leads back to allauth's second-factor step.
    for url in ["/admin/", "/en/people/", "/django-admin/", "/admin/users/"]:
        response = client.get(url, follow=True)
        assert response.request["PATH_INFO"] == "/en/accounts/2fa/authenticate/", url
        assert signed_in_user_id(client) is None

    client.post("/en/accounts/2fa/authenticate/", {"code": current_totp(TOTP_SECRET)})
    assert client.get("/admin/").status_code == 200
    assert client.get("/en/people/").status_code == 200


def test_a_session_from_before_mfa_was_enrolled_does_not_get_around_it(client):
    """Signed in with a password while the account had no TOTP, the session is sent to set it
    up; if the TOTP is then enrolled elsewhere, the old session is ended, not let in."""
    manager = UserFactory(role=Role.PROGRAMME_MANAGER)
    client.post(SIGN_IN, credentials(manager))
    assert signed_in_user_id(client) == str(manager.pk)
    assert client.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"

    TOTP.activate(manager, TOTP_SECRET)  # in another session, e.g. on another device

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fadmin%2F"
    assert signed_in_user_id(client) is None
    assert client.get("/en/people/")["Location"].startswith(SIGN_IN)


def test_a_recorded_second_factor_for_someone_else_does_not_count(client):
    """allauth's records name the user they belong to; another account's MFA proves nothing."""
    manager = with_mfa(UserFactory(role=Role.PROGRAMME_MANAGER))
    trainer = with_mfa(UserFactory(role=Role.TRAINER))
    sign_in(client, manager)
    session = client.session
    session[SESSION_KEY] = str(trainer.pk)
    session["_auth_user_hash"] = trainer.get_session_auth_hash()
    session.save()
    response = client.get("/admin/")
    assert response["Location"].startswith(SIGN_IN)
    assert signed_in_user_id(client) is None


def test_wagtails_front_end_login_goes_to_allauth(client):
    manager = with_mfa(UserFactory(role=Role.PROGRAMME_MANAGER))
    response = client.get("/en/_util/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/admin/"
    response = client.post("/en/_util/login/", credentials(manager))
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert signed_in_user_id(client) is None
    assert client.get("/en/_util/authenticate_with_password/1/1/")["Location"] == SIGN_IN


def test_a_private_page_sends_visitors_to_allauths_sign_in(client):
    home = HomePage.objects.get(locale=Locale.get_default())
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(home.url)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={home.url}"


def test_private_pages_and_documents_offer_no_shared_password():
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}


def test_no_admin_page_asks_gravatar_for_a_staff_members_picture(client):
    manager = with_mfa(UserFactory(role=Role.PROGRAMME_MANAGER))
    sign_in(client, manager)
    for url in ["/admin/", "/admin/account/", "/admin/pages/"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "gravatar" not in page.text.lower(), url


def test_a_password_reset_for_an_unknown_address_sends_nothing(client):
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert mail.outbox == []
    person = UserFactory(role=Role.TRAINEE)
    client.post("/en/accounts/password/reset/", {"email": person.email})
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "sign up" not in mail.outbox[0].body.lower()


def test_the_signed_in_message_with_the_persons_name_stays_on_the_server(client):
    trainee = UserFactory(role=Role.TRAINEE, name_en="Layla Example")
    response = client.post(SIGN_IN, credentials(trainee))
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert signed_in_user_id(client) == str(trainee.pk)
    follow = client.get(response["Location"])
    assert "messages" not in follow.cookies


def test_staff_sign_in_with_totp_reaches_the_admin(client):
    """The whole way in, as a person does it."""
    admin = with_mfa(UserFactory(role=Role.ADMINISTRATOR, organisation=None))
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.post(SIGN_IN, credentials(admin))
    client.post("/en/accounts/2fa/authenticate/", {"code": current_totp(TOTP_SECRET)})
    assert client.get("/django-admin/").status_code == 200
    assert Authenticator.objects.filter(user=admin).count() >= 1
    assert reverse("account_login") == SIGN_IN
