import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.utils import translation

from lms.people.roles import Role

from .factories import OrganisationFactory, UserFactory

# Course, quiz and scenario fixtures are shared across the apps' tests.
pytest_plugins = ["tests.course_fixtures", "tests.quiz_fixtures"]

# allauth keeps the id of the user the records belong to beside them (not exported by name).
AUTHENTICATED_USER_SESSION_KEY = "account_authentication_methods_user"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_totp(secret: str = TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user):
    """Sign `user` in as allauth would: a password step, then the second factor if they have one.

    Staff sessions count as signed in only once allauth has recorded a second factor in *that*
    session (lms/people/middleware.py), so a bare `client.force_login()` of a staff member opens
    nothing but the sign-in pages. Tests sign people in through this helper instead.
    """
    client.force_login(user)
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        records.append({"method": "mfa", "at": time.time(), "id": totp.pk, "type": "totp"})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[AUTHENTICATED_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return user


def with_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory()


@pytest.fixture
def trainee(organisation):
    return UserFactory(organisation=organisation, role=Role.TRAINEE)


@pytest.fixture
def programme_manager(db):
    return with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))


@pytest.fixture
def organisation_manager(organisation):
    return with_mfa(UserFactory(organisation=organisation, role=Role.ORGANISATION_MANAGER))


@pytest.fixture
def trainer(db):
    return with_mfa(UserFactory(organisation=None, role=Role.TRAINER))


@pytest.fixture
def manager_client(client, programme_manager):
    sign_in(client, programme_manager)
    return client


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests to /ar/ leave Arabic active in the thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def forget_held_routes():
    """Each test's pages are rolled back and their paths and ids used again by the next test: the
    process holds no route read before (cms.page_cache.read_held)."""
    from cms import page_cache

    page_cache.forget_held()


@pytest.fixture(autouse=True)
def forget_frozen_questions():
    """Each test's quiz versions are rolled back and their ids used again by the next test: the
    per-process cache of versions' questions starts empty."""
    from assessments import frozen

    frozen.forget()
