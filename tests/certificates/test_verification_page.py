"""The verification page as the person holding a phone sees it (issue 13, §2): one unmistakable
banner per state in both languages, no expiry date where it no longer matters, the product's own
not-found page with the lookup form, and a revocation that asks first."""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from courses import services as courses
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)  # valid until 10 January 2028
REVOKED = dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC)
REPLACED = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
VIEWED = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
AFTER_EXPIRY = dt.datetime(2028, 1, 11, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # Verification is rate limited per address and minute; earlier tests may have used it up.
    cache.clear()


@pytest.fixture
def programme_manager(db):
    return with_mfa(UserFactory(role="Programme manager"))


@pytest.fixture
def issue(build_course):
    course = build_course(modules=[("C1", [], 1)])

    def issue_one(name_en="Sara Al-Zahrani", name_ar="سارة الزهراني"):
        trainee = UserFactory(name_en=name_en, name_ar=name_ar)
        courses.enrol(user=trainee, course=course, source="manager")
        with time_machine.travel(ISSUED, tick=False):
            courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
        return Certificate.objects.get(user=trainee, superseded_at__isnull=True)

    return issue_one


@pytest.fixture
def states(issue, programme_manager):
    """A certificate in each state, and the moment to look at it in that state."""
    valid, expired, revoked, superseded = (issue() for _ in range(4))
    with time_machine.travel(REVOKED, tick=False):
        services.revoke(certificate=revoked, by=programme_manager, reason="Issued in error")
    with time_machine.travel(REPLACED, tick=False):
        replacement = services.reissue(
            certificate=superseded, by=programme_manager, reason="Name corrected"
        )
    return {
        "valid": (valid, VIEWED),
        "expired": (expired, AFTER_EXPIRY),
        "revoked": (Certificate.objects.get(pk=revoked.pk), VIEWED),
        "superseded": (Certificate.objects.get(pk=superseded.pk), VIEWED),
        "replacement": (replacement, VIEWED),
    }


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def banner(page: str) -> list[str]:
    """The banner's heading and sentences, as read."""
    section = re.search(r'<section class="verify-banner[^"]*".*?</section>', page, re.S)
    assert section is not None
    return [text(part) for part in re.findall(r"<(?:h2|p)\b.*?</(?:h2|p)>", section.group(), re.S)]


def banner_class(page: str) -> str:
    return re.search(r'<section class="verify-banner (verify-banner--[a-z-]+)"', page).group(1)


def facts(page: str) -> dict[str, str]:
    dl = re.search(r'<dl class="verify-facts">(.*?)</dl>', page, re.S).group(1)
    return {
        text(term): text(value)
        for term, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", dl, re.S)
    }


def verify(client, certificate, moment, language="en"):
    with time_machine.travel(moment, tick=False):
        response = client.get(f"/{language}/verify/{certificate.code}/")
    assert response.status_code == 200
    return response.text


ENGLISH_BANNERS = {
    "valid": ["Valid certificate", "In force until 10 January 2028."],
    "expired": [
        "Expired certificate",
        "It expired on 10 January 2028 and no longer attests to current training.",
    ],
    "revoked": [
        "Revoked certificate",
        "Revoked on 12 January 2026. It is not valid: do not accept it.",
    ],
    "superseded": [
        "Superseded certificate",
        "Replaced on 15 January 2026: it is no longer the holder's current certificate.",
        "A newer certificate replaces this one: {replacement}",
    ],
}
ARABIC_HEADINGS = {
    "valid": "شهادة سارية",
    "expired": "شهادة منتهية الصلاحية",
    "revoked": "شهادة ملغاة",
    "superseded": "شهادة مستبدلة بشهادة أحدث",
}
ICONS = {
    "valid": "M6.5 12.5",
    "expired": "M12 6.5V12",
    "revoked": "M8 8l8 8",
    "superseded": "M4 9h13",
}


@pytest.mark.parametrize("state", ["valid", "expired", "revoked", "superseded"])
def test_each_state_has_its_own_banner_in_english(client, states, state):
    certificate, moment = states[state]
    page = verify(client, certificate, moment)
    replacement = states["replacement"][0].serial
    assert banner(page) == [line.format(replacement=replacement) for line in ENGLISH_BANNERS[state]]
    assert banner_class(page) == f"verify-banner--{state}"  # its colour
    icons = [name for name, path in ICONS.items() if path in page]
    assert icons == [state]  # its icon, and no other


@pytest.mark.parametrize("state", ["valid", "expired", "revoked", "superseded"])
def test_each_state_has_its_own_banner_in_arabic(client, states, state):
    certificate, moment = states[state]
    page = verify(client, certificate, moment, language="ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert banner(page)[0] == ARABIC_HEADINGS[state]
    assert banner_class(page) == f"verify-banner--{state}"
    if state == "revoked":
        assert banner(page)[1].startswith("أُلغيت في 12 يناير 2026.")
    # Codes and hashes keep their left-to-right order inside the Arabic page.
    assert f'<bdi dir="ltr" class="code" translate="no">{certificate.serial}</bdi>' in page
    assert f'<bdi dir="ltr" class="code sha" translate="no">{certificate.sha256}</bdi>' in page


def test_only_a_certificate_in_force_or_lapsed_lists_its_expiry(client, states):
    expiry = "10 January 2028"
    assert facts(verify(client, *states["valid"]))["Expires"] == expiry
    assert facts(verify(client, *states["expired"]))["Expires"] == expiry
    for state in ["revoked", "superseded"]:
        page = verify(client, *states[state])
        assert "Expires" not in facts(page)
        assert expiry not in page, state


def test_the_facts_of_a_revoked_certificate(client, states):
    certificate, moment = states["revoked"]
    assert facts(verify(client, certificate, moment)) == {
        "Holder": "Sara Al-Zahrani · سارة الزهراني",
        "Certificate": "Certificate of completion",
        "Course": f"{certificate.course_title} {certificate.context['course_code']}",
        "Issued": "10 January 2026",
        "Serial number": certificate.serial,
        "SHA-256 of the issued PDF": certificate.sha256,
    }
    # The reason stays in the audit log: staff wrote it for colleagues, not for the public.
    assert "Issued in error" not in verify(client, certificate, moment)


def test_a_superseded_certificate_links_to_the_current_ones_verification(client, states):
    page = verify(client, *states["superseded"])
    replacement = states["replacement"][0]
    assert f'<a href="{replacement.get_absolute_url()}">' in page
    assert banner(verify(client, *states["replacement"]))[0] == "Valid certificate"


def test_the_verification_page_reads_a_fixed_number_of_queries(
    client, states, django_assert_num_queries
):
    certificate, moment = states["superseded"]
    with time_machine.travel(moment, tick=False), django_assert_num_queries(1):
        assert client.get(f"/en/verify/{certificate.code}/").status_code == 200


@pytest.mark.parametrize(
    ("language", "heading", "label", "not_found"),
    [
        (
            "en",
            "Certificate verification",
            "Verification code printed on the certificate",
            "Certificate not found",
        ),
        ("ar", "التحقق من الشهادة", "رمز التحقق المطبوع على الشهادة", None),
    ],
)
def test_an_unknown_code_gets_the_products_not_found_page_with_the_form(
    client, settings, language, heading, label, not_found
):
    settings.DEBUG = True  # development shows the same page, not Django's technical 404
    response = client.get(f"/{language}/verify/ZZZZZZZZZZZZZZZZ/")
    assert response.status_code == 404
    page = response.text
    assert f'<html lang="{language}"' in page
    assert text(re.search(r"<h1>(.*?)</h1>", page).group(1)) == heading
    assert f'<form method="get" action="/{language}/verify/"' in page
    assert f'<label for="code">{label}</label>' in page
    assert 'name="code" value="ZZZZZZZZZZZZZZZZ"' in page  # what was typed, to correct it
    if not_found:
        assert banner(page) == [
            not_found,
            "No certificate has the code ZZZZZZZZZZZZZZZZ. "
            "Check it against the certificate and type it again.",
        ]
    assert "Technical details" not in page and "URLconf" not in page


def test_a_code_that_cannot_be_one_gets_the_not_found_page_not_an_error(client):
    for typed in ["a/b", "<script>", "123", "Z" * 200]:
        response = client.get("/en/verify/", {"code": typed})
        assert response.status_code == 404, typed
        assert 'action="/en/verify/"' in response.text
    assert "<script>" not in client.get("/en/verify/", {"code": "<script>"}).text


def test_a_typed_code_goes_to_its_canonical_page(client, issue):
    certificate = issue()
    typed = "-".join([certificate.code[:8].lower(), certificate.code[8:]])
    response = client.get("/ar/verify/", {"code": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == f"/ar/verify/{certificate.code}/"


# --- Revoking asks first -----------------------------------------------------------------------


def revoke_url(certificate):
    return reverse("certificates:revoke", args=[certificate.pk])


def test_revoke_looks_destructive_and_comes_after_reissue(client, issue, programme_manager):
    certificate = issue()
    sign_in(client, programme_manager)
    page = client.get(reverse("certificates:manage", args=[certificate.pk])).text
    reissue_form = page.index(f'action="{reverse("certificates:reissue", args=[certificate.pk])}"')
    revoke_form = page.index(f'action="{revoke_url(certificate)}"')
    assert reissue_form < revoke_form
    assert 'class="card card--danger"' in page[revoke_form - 200 : revoke_form + 200]
    assert '<button type="submit" class="button--danger-outline">Revoke this certificate…' in page
    assert "<dt>Status</dt><dd>Valid</dd>" in page


def test_revoking_without_confirmation_writes_nothing_and_asks(
    client, issue, programme_manager, django_assert_num_queries
):
    certificate = issue()
    sign_in(client, programme_manager)
    # The session, the person, their roles and permissions (5), then the certificate with its
    # holder (1); the page itself adds none.
    with django_assert_num_queries(6):
        response = client.post(revoke_url(certificate), {"reason": "Issued in error"})
    assert response.status_code == 200
    page = response.text
    assert text(re.search(r"<h1>(.*?)</h1>", page).group(1)) == "Revoke this certificate?"
    assert banner(page) == [
        "This cannot be undone",
        f"From now on, anyone who checks {certificate.serial} (held by Sara Al-Zahrani) will be "
        "told it is revoked and not valid. To correct a certificate instead, re-issue it.",
    ]
    assert ">Issued in error</textarea>" in page
    assert (
        '<button type="submit" name="confirm" value="yes" class="button--danger">'
        "Yes, revoke this certificate</button>"
    ) in page
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert list(certificate.events.values_list("action", flat=True)) == ["issued", "rendered"]
    # A forged confirmation value is no confirmation either.
    client.post(revoke_url(certificate), {"reason": "Issued in error", "confirm": "true"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_confirming_revokes(client, issue, programme_manager):
    certificate = issue()
    sign_in(client, programme_manager)
    response = client.post(revoke_url(certificate), {"reason": "Issued in error", "confirm": "yes"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revocation_reason == "Issued in error"
    # Confirming without a reason is refused by the service, and writes nothing.
    other = issue()
    client.post(revoke_url(other), {"reason": " ", "confirm": "yes"})
    other.refresh_from_db()
    assert other.revoked_at is None


def test_the_confirmation_in_arabic(client, issue, programme_manager):
    certificate = issue()
    sign_in(client, programme_manager)
    response = client.post(f"/ar{revoke_url(certificate)[3:]}", {"reason": "خطأ في الإصدار"})
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert f'<bdi dir="ltr">{certificate.serial}</bdi>' in response.text
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
