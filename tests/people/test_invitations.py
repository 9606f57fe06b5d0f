"""A programme manager invites people; they set a password through the emailed link."""

import datetime as dt
import io
import re

import pandas as pd
import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lms.people import services
from lms.people.models import Invitation, User
from lms.people.roles import Role

pytestmark = pytest.mark.django_db

HEADER = "email,name_en,name_ar,sector,organisation,region,language\n"


def csv_upload(text: str, name: str = "people.csv"):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return file


def invitation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_invite_one_person_by_form(manager_client, organisation, programme_manager):
    response = manager_client.post(
        reverse("people:invite"),
        {
            "email": "Amal.Saleh@Example.org",
            "name_en": "Amal Saleh",
            "name_ar": "أمل صالح",
            "organisation": organisation.pk,
            "role": Role.TRAINEE,
            "language": "ar",
            "job_title": "Inspector",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="amal.saleh@example.org")
    assert person.name_ar == "أمل صالح"
    assert person.organisation == organisation
    assert not person.has_usable_password()
    assert list(person.groups.values_list("name", flat=True)) == ["Trainee"]
    assert person.invitation.invited_by == programme_manager
    assert person.invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amal.saleh@example.org"]
    # The email is in the invitee's preferred language.
    assert mail.outbox[0].subject == "دعوة للانضمام إلى حماية"
    assert "أمل صالح" in mail.outbox[0].body


def test_invite_form_rejects_registered_email(manager_client, trainee, organisation):
    response = manager_client.post(
        reverse("people:invite"),
        {
            "email": trainee.email.upper(),
            "name_en": "Someone",
            "name_ar": "شخص",
            "organisation": organisation.pk,
            "role": Role.TRAINEE,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "Someone with this email address already has an account." in response.text
    assert User.objects.filter(email__iexact=trainee.email).count() == 1
    assert mail.outbox == []


def test_invite_form_rejects_forged_role_and_organisation(manager_client):
    before = User.objects.count()
    response = manager_client.post(
        reverse("people:invite"),
        {
            "email": "x@example.org",
            "name_en": "X",
            "name_ar": "س",
            "organisation": "999999",
            "role": "Superuser",
            "language": "fr",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"organisation", "role", "language"}
    assert User.objects.count() == before


def test_invite_by_csv_imports_every_row(manager_client, organisation):
    rows = (
        HEADER + f"lina@example.org,Lina Haddad,لينا حداد,labour-inspection,{organisation.name_en},"
        "riyadh,ar\n"
        + f"sami@example.org,Sami Nasser,سامي ناصر,Labour inspection,{organisation.name_ar},"
        "الرياض,English\n"
    )
    response = manager_client.post(
        reverse("people:invite_upload"), {"file": csv_upload(rows)}, follow=True
    )
    assert response.status_code == 200
    assert "2 invitations were sent." in response.text
    lina = User.objects.get(email="lina@example.org")
    sami = User.objects.get(email="sami@example.org")
    assert (lina.name_ar, lina.preferred_language) == ("لينا حداد", "ar")
    assert (sami.name_ar, sami.preferred_language) == ("سامي ناصر", "en")
    assert lina.organisation == sami.organisation == organisation
    assert sorted(m.to[0] for m in mail.outbox) == ["lina@example.org", "sami@example.org"]


def test_invite_by_xlsx_keeps_arabic_names(manager_client, organisation):
    table = pd.DataFrame(
        [
            {
                "email": "huda@example.org",
                "name_en": "Huda Al-Amin",
                "name_ar": "هدى الأمين",
                "sector": "labour-inspection",
                "organisation": organisation.name_en,
                "region": "Riyadh",
                "language": "ar",
            }
        ]
    )
    buffer = io.BytesIO()
    table.to_excel(buffer, index=False)
    buffer.seek(0)
    buffer.name = "people.xlsx"
    response = manager_client.post(reverse("people:invite_upload"), {"file": buffer})
    assert response.status_code == 302
    huda = User.objects.get(email="huda@example.org")
    assert huda.name_ar == "هدى الأمين"
    assert huda.name_en == "Huda Al-Amin"


def test_file_with_three_bad_rows_imports_nothing_and_reports_exactly_them(
    manager_client, organisation, trainee
):
    good = f"labour-inspection,{organisation.name_en},riyadh,ar\n"
    rows = (
        HEADER
        + "ok1@example.org,Good One,جيد واحد,"
        + good
        + "not-an-email,Bad Email,بريد خاطئ,"
        + good  # row 3
        + "ok2@example.org,Good Two,جيد اثنان,fishing,"
        + f"{organisation.name_en},riyadh,ar\n"
        + f"{trainee.email},Taken,مأخوذ,"
        + good  # row 5
    )
    response = manager_client.post(reverse("people:invite_upload"), {"file": csv_upload(rows)})
    assert response.status_code == 200
    errors = [(e.row, e.column, e.reason) for e in response.context["errors"]]
    assert errors == [
        (3, "email", "“not-an-email” is not a valid email address."),
        (4, "sector", "Unknown sector “fishing”."),
        (5, "email", "Someone with this email address already has an account."),
    ]
    assert not User.objects.filter(email__in=["ok1@example.org", "ok2@example.org"]).exists()
    assert Invitation.objects.count() == 0
    assert mail.outbox == []

    report = manager_client.get(reverse("people:invite_upload_errors"))
    assert report.status_code == 200
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Row,Column,Reason",
        "3,email,“not-an-email” is not a valid email address.",
        "4,sector,Unknown sector “fishing”.",
        "5,email,Someone with this email address already has an account.",
    ]


def test_invited_person_sets_password_and_signs_in(client, manager_client, organisation):
    manager_client.post(
        reverse("people:invite"),
        {
            "email": "rana@example.org",
            "name_en": "Rana Fares",
            "name_ar": "رنا فارس",
            "organisation": organisation.pk,
            "role": Role.TRAINEE,
            "language": "en",
        },
    )
    manager_client.logout()
    link = invitation_link(mail.outbox[0])
    rana = User.objects.get(email="rana@example.org")
    uidb64 = urlsafe_base64_encode(force_bytes(rana.pk))
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link == f"/en/accounts/invitation/{uidb64}/{token}/"

    # The emailed link swaps its token for a session value and redirects to a URL without it,
    # so access logs and Referer headers never carry a live token.
    arrival = client.get(link)
    assert arrival.status_code == 302
    set_password = f"/en/accounts/invitation/{uidb64}/set-password/"
    assert arrival["Location"] == set_password
    assert set_password == reverse(
        "people:accept_invitation_set_password", kwargs={"uidb64": uidb64}
    )
    page = client.get(set_password)
    assert page.status_code == 200
    assert "Rana Fares" in page.text
    assert token not in page.text

    response = client.post(
        set_password,
        {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
    )
    # Setting the password signs nobody in: allauth's sign-in is the one way in.
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    assert "_auth_user_id" not in client.session
    rana = User.objects.get(email="rana@example.org")
    assert rana.invitation.accepted_at is not None
    assert EmailAddress.objects.get(user=rana).verified is True

    # The link works once only, and the session no longer holds its token.
    assert client.get(link).status_code == 400
    assert "people.invitation_token" not in client.session
    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": "rana@example.org", "password": "a-long-new-passphrase"},
    )
    assert login.status_code == 302
    dashboard = client.get(reverse("courses:dashboard"))
    assert "Rana Fares" in dashboard.text
    assert organisation.name_en in dashboard.text


def test_forged_invitation_token_is_refused(client, trainee):
    response = client.get(
        reverse("people:accept_invitation", kwargs={"uidb64": "MTIz", "token": "abc-def"})
    )
    assert response.status_code == 400
    assert "This link no longer works" in response.text


def test_resend_invitation(manager_client, organisation):
    manager_client.post(
        reverse("people:invite"),
        {
            "email": "resend@example.org",
            "name_en": "Resend Me",
            "name_ar": "أعد الإرسال",
            "organisation": organisation.pk,
            "role": Role.TRAINEE,
            "language": "en",
        },
    )
    person = User.objects.get(email="resend@example.org")
    response = manager_client.post(reverse("people:resend_invitation", args=[person.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_sign_up_is_closed(client):
    before = User.objects.count()
    response = client.post(
        reverse("account_signup"),
        {"email": "self@example.org", "password1": "pass-word-123", "password2": "pass-word-123"},
    )
    assert User.objects.count() == before
    assert response.status_code == 200
    assert "Sign Up Closed" in response.text


# --- The token leaves the URL on first visit ---


@pytest.fixture
def invitee(programme_manager, organisation):
    services.invite_person(
        by=programme_manager,
        email="nour@example.org",
        name_en="Nour Khalil",
        name_ar="نور خليل",
        organisation=organisation,
        language="en",
    )
    return User.objects.get(email="nour@example.org")


def set_password_url(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("people:accept_invitation_set_password", kwargs={"uidb64": uidb64})


def emailed_link(user) -> str:
    return invitation_link(mail.outbox[-1])


NEW_PASSWORD = {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"}


def assert_link_refused(response):
    assert response.status_code == 400
    assert "This link no longer works" in response.text


def test_set_password_page_without_the_link_is_refused(client, invitee):
    assert_link_refused(client.get(set_password_url(invitee)))
    assert_link_refused(client.post(set_password_url(invitee), NEW_PASSWORD))
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()
    assert invitee.invitation.accepted_at is None


def test_one_invitees_token_does_not_open_anothers_page(
    client, invitee, programme_manager, organisation
):
    client.get(emailed_link(invitee))
    services.invite_person(
        by=programme_manager,
        email="other@example.org",
        name_en="Other Person",
        name_ar="شخص آخر",
        organisation=organisation,
        language="en",
    )
    other = User.objects.get(email="other@example.org")
    assert_link_refused(client.get(set_password_url(other)))
    assert_link_refused(client.post(set_password_url(other), NEW_PASSWORD))
    other.refresh_from_db()
    assert not other.has_usable_password()


def test_forged_token_is_not_kept_in_the_session(client, invitee):
    uidb64 = urlsafe_base64_encode(force_bytes(invitee.pk))
    forged = reverse(
        "people:accept_invitation", kwargs={"uidb64": uidb64, "token": "c0ffee-0123456789abcdef"}
    )
    assert_link_refused(client.get(forged))
    assert "people.invitation_token" not in client.session
    assert_link_refused(client.get(set_password_url(invitee)))


@pytest.mark.parametrize("uidb64", ["MTIz", "not-base64!", "", "x" * 300])
def test_malformed_person_in_set_password_url_is_refused(client, invitee, uidb64):
    client.get(emailed_link(invitee))
    url = f"/en/accounts/invitation/{uidb64}/set-password/"
    if not uidb64:
        assert client.get(url).status_code == 404
    else:
        assert_link_refused(client.get(url))
        assert_link_refused(client.post(url, NEW_PASSWORD))
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()


def test_the_token_url_only_redirects(client, invitee):
    link = emailed_link(invitee)
    assert client.post(link, NEW_PASSWORD).status_code == 405
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()


def test_a_link_that_expires_before_the_form_is_sent_sets_nothing(client, invitee):
    link = emailed_link(invitee)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC), tick=False) as traveller:
        assert client.get(link).status_code == 302
        assert client.get(set_password_url(invitee)).status_code == 200
        # A day past the limit: time_machine's naive clock (which the tokens read) runs in UTC,
        # not in TIME_ZONE, so a one-second margin would depend on the zone.
        traveller.shift(dt.timedelta(days=settings.HIMAYA_INVITATION_VALID_DAYS + 1))
        assert_link_refused(client.post(set_password_url(invitee), NEW_PASSWORD))
        assert_link_refused(client.get(link))
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()
    assert invitee.invitation.accepted_at is None


def test_mismatched_passwords_keep_the_form_and_the_session_token(client, invitee):
    client.get(emailed_link(invitee))
    response = client.post(
        set_password_url(invitee),
        {"new_password1": "a-long-new-passphrase", "new_password2": "something-else-entirely"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["new_password2"] == [
        "The two password fields didn\u2019t match."
    ]
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()
    second = client.post(set_password_url(invitee), NEW_PASSWORD)
    assert second.status_code == 302
    invitee.refresh_from_db()
    assert invitee.check_password("a-long-new-passphrase")
