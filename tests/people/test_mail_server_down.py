"""A mail server that is down never turns a sign-in or a password reset into a server error
(allauth sends its mail inside the request): the person is told, in the page's language, and
nothing is sent. Real SMTP against a port where nothing listens."""

import html
import socket

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NOT_SENT = {
    "en": "We could not send the email just now. Try again in a few minutes; if it keeps "
    "failing, tell your programme's administrator.",
    "ar": "تعذّر علينا إرسال البريد الإلكتروني الآن. حاول مرة أخرى بعد بضع دقائق، وإذا تكرر "
    "الإخفاق فأبلغ مسؤول البرنامج.",
}


@pytest.fixture
def mail_server_down(settings):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2


def test_first_sign_in_with_an_unconfirmed_address_says_the_mail_was_not_sent(
    client, mail_server_down
):
    person = UserFactory()
    EmailAddress.objects.filter(user=person).update(verified=False)
    EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": False, "primary": True}
    )
    response = client.post(
        "/en/accounts/login/", {"login": person.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert NOT_SENT["en"] in html.unescape(response.text)
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("language", ["en", "ar"])
def test_password_reset_with_the_mail_server_down_is_no_server_error(
    client, mail_server_down, language
):
    person = UserFactory()
    response = client.post(
        f"/{language}/accounts/password/reset/", {"email": person.email}, follow=True
    )
    assert response.status_code == 200
    assert NOT_SENT[language] in html.unescape(response.text)
    assert mail.outbox == []
