"""Permissions say what they allow: each role holds exactly what lms/people/roles.py declares, the
table in docs/security.md is that declaration, and acting on certificates or quizzes needs the
permission named for the act ("view all reports" shows reports and nothing more)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import QuizVersion
from certificates import services as certificates
from certificates.models import Certificate
from cms.models import HomePage, StandardPage
from courses import services as courses
from lms.people.roles import ROLE_PERMISSIONS, Role, permission_table
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def held(role) -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )


@pytest.mark.parametrize(
    "role", [Role.TRAINEE, Role.TRAINER, Role.PROGRAMME_MANAGER, Role.ORGANISATION_MANAGER]
)
def test_each_role_holds_exactly_what_roles_py_declares(role):
    assert held(role) == set(ROLE_PERMISSIONS[role])


def test_administrators_hold_their_declared_permissions_and_every_other_roles():
    """What the table shows in the administrators' column."""
    others = {pair for role, pairs in ROLE_PERMISSIONS.items() for pair in pairs}
    assert others <= held(Role.ADMINISTRATOR)


def test_view_all_reports_is_only_for_reports():
    for role, pairs in ROLE_PERMISSIONS.items():
        if ("people", "view_all_reports") in pairs:
            assert role == Role.PROGRAMME_MANAGER


def test_the_table_in_docs_security_is_the_one_roles_py_declares():
    doc = (Path(settings.BASE_DIR) / "docs" / "security.md").read_text(encoding="utf-8")
    assert "## Roles and permissions" in doc
    assert permission_table() in doc


# --- Certificates: "view all reports" alone does not act on them ------------------------------


@pytest.fixture
def certificate(build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    return Certificate.objects.get(user=trainee)


@pytest.fixture
def report_reader(db):
    """Someone an administrator gave "view all reports" through a custom group."""
    group = Group.objects.create(name="Report readers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="people", codename="view_all_reports")
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return with_mfa(user)


def test_whoever_holds_view_all_reports_alone_cannot_revoke_a_certificate(
    client, certificate, report_reader
):
    sign_in(client, report_reader)
    response = client.post(
        reverse("certificates:revoke", args=[certificate.pk]),
        {"reason": "Because", "confirm": "yes"},
    )
    assert response.status_code == 404
    with pytest.raises(certificates.CertificateError):
        certificates.revoke(certificate=certificate, by=report_reader, reason="Because")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    for name in ["certificates:manage", "certificates:issue"]:
        args = [certificate.pk] if name == "certificates:manage" else []
        assert client.get(reverse(name, args=args)).status_code == 404


def test_a_programme_manager_revokes_with_the_revoke_permission(
    client, certificate, programme_manager
):
    sign_in(client, programme_manager)
    response = client.post(
        reverse("certificates:revoke", args=[certificate.pk]),
        {"reason": "Issued in error", "confirm": "yes"},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None


# --- Translation: trainers start it, programme managers do not need to ------------------------


@pytest.fixture
def english_page(db):
    home = HomePage.objects.get(locale=Locale.get_default())
    home.copy_for_translation(Locale.objects.get(language_code="ar")).save_revision().publish()
    page = StandardPage(title="Referral pathways", slug="referral-pathways")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def submit_url(page) -> str:
    return reverse("simple_translation:submit_page_translation", args=[page.pk])


def test_a_trainer_can_submit_a_page_for_translation(client, english_page, trainer):
    arabic = Locale.objects.get(language_code="ar")
    sign_in(client, trainer)
    assert client.get(submit_url(english_page)).status_code == 200

    response = client.post(submit_url(english_page), {"locales": [arabic.pk]})

    assert response.status_code == 302
    translated = Page.objects.get(translation_key=english_page.translation_key, locale=arabic)
    assert not translated.live  # a draft, which goes through the review before it is published
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])


def test_a_programme_manager_does_not_submit_translations(client, english_page, programme_manager):
    sign_in(client, programme_manager)
    response = client.get(submit_url(english_page))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# --- Quizzes: programme managers publish (and so freeze a version); trainers do not -----------


def publish_form(quiz) -> dict:
    item = quiz.items.get()
    return nested_form_data(
        {
            "code": quiz.code,
            "title_en": quiz.title_en,
            "title_ar": quiz.title_ar,
            "kind": quiz.kind,
            "pre_test": "",
            "pass_mark": "80",
            "max_attempts": quiz.max_attempts,
            "cooldown_minutes": quiz.cooldown_minutes,
            "time_limit_minutes": "",
            "feedback_timing": quiz.feedback_timing,
            "closes_at": "",
            "items": inline_formset([{"id": item.pk, "scenario": item.scenario_id}]),
            "draw_rules": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def edit_url(quiz) -> str:
    return reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])


def test_a_programme_manager_can_publish_a_quiz_and_a_version_is_frozen(
    client, make_quiz, programme_manager
):
    quiz = make_quiz()
    before = QuizVersion.objects.filter(quiz=quiz).count()
    sign_in(client, programme_manager)

    response = client.post(edit_url(quiz), publish_form(quiz))

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert QuizVersion.objects.filter(quiz=quiz).count() == before + 1
    newest = QuizVersion.objects.filter(quiz=quiz).order_by("-number").first()
    assert newest.created_by == programme_manager


def test_a_trainer_cannot_publish_a_quiz(client, make_quiz, trainer):
    quiz = make_quiz()
    before = QuizVersion.objects.filter(quiz=quiz).count()
    sign_in(client, trainer)

    client.post(edit_url(quiz), publish_form(quiz))

    assert QuizVersion.objects.filter(quiz=quiz).count() == before
    quiz.refresh_from_db()
    assert quiz.pass_mark != 80  # the live quiz is unchanged; at most a draft was saved
