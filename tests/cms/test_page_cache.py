"""What a lesson request keeps in the cache (cms.page_cache: the route; courses.services:
the course's lessons, modules and tests) goes out of date with the change that alters it: the
next request after a publish, an unpublish, a move, a view restriction, a renamed course or
quiz shows the change at once. Who may open a lesson is asked on every request, kept or not."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from cms import page_cache
from courses import services
from courses.models import CoursePage, LessonPage, ModulePage
from lms.people.roles import Role
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of, paragraph
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(client, build_course):
    course = build_course(modules=(("C1", [], 2), ("C2", [], 1)))
    trainee = UserFactory(role=Role.TRAINEE)
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    return course, trainee, lessons_of(course)


def links(html):
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(" ", strip=True), a["href"]) for a in soup.select(".lesson-actions p a")]


def breadcrumb(html):
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("nav.breadcrumb a")]


def kept(client, url, django_assert_num_queries):
    """The lesson at `url`, asked three times: the second answer comes from what the first kept
    in the cache, the third from what the process holds of it (cms.page_cache.read_held; the
    session, the user, the permissions and roles, the enrolment: 4 queries each)."""
    client.get(url)
    for _held in (False, True):
        with django_assert_num_queries(4):
            response = client.get(url)
        assert response.status_code == 200
    return response


def test_a_new_revision_is_served_at_once(client, enrolled, django_assert_num_queries):
    _course, _trainee, (c11, c12, _c21) = enrolled
    assert "A paragraph." in kept(client, c11.url, django_assert_num_queries).text
    lesson = LessonPage.objects.get(pk=c11.pk)
    lesson.title = "Lesson C1.1, revised"
    lesson.body = paragraph("Revised text.")
    lesson.save_revision().publish()
    html = client.get(c11.url).text
    assert "Revised text." in html
    assert "A paragraph." not in html
    assert "<h1>Lesson C1.1, revised</h1>" in html
    # The next lesson's "previous" link has the new title too.
    assert links(client.get(c12.url).text)[0] == ("← Lesson C1.1, revised", c11.url)


def test_an_unpublished_lesson_is_gone_at_once_and_leaves_the_sequence(
    client, enrolled, django_assert_num_queries
):
    _course, _trainee, (c11, c12, c21) = enrolled
    kept(client, c12.url, django_assert_num_queries)
    kept(client, c11.url, django_assert_num_queries)
    LessonPage.objects.get(pk=c12.pk).unpublish()
    assert client.get(c12.url).status_code == 404
    assert links(client.get(c11.url).text)[1] == ("Lesson C2.1 →", c21.url)


def test_a_deleted_lesson_is_gone_at_once(client, enrolled, django_assert_num_queries):
    _course, _trainee, (_c11, c12, _c21) = enrolled
    kept(client, c12.url, django_assert_num_queries)
    LessonPage.objects.get(pk=c12.pk).delete()
    assert client.get(c12.url).status_code == 404


@pytest.mark.parametrize("restricted", ["course", "lesson"])
def test_a_view_restriction_added_later_holds_at_once(
    client, enrolled, restricted, django_assert_num_queries
):
    course, trainee, (c11, _c12, _c21) = enrolled
    kept(client, c11.url, django_assert_num_queries)
    restriction = PageViewRestriction.objects.create(
        page=course if restricted == "course" else c11,
        restriction_type=PageViewRestriction.GROUPS,
    )
    group = Group.objects.create(name="Reviewers")
    restriction.groups.add(group)
    refused = client.get(c11.url)
    assert refused.status_code == 302
    assert "/login/" in refused["Location"]
    trainee.groups.add(group)
    assert client.get(c11.url).status_code == 200
    # Removed again: open to every enrolled trainee, and kept again.
    trainee.groups.remove(group)
    restriction.delete()
    kept(client, c11.url, django_assert_num_queries)


def test_a_restrictions_groups_changed_later_hold_at_once(client, enrolled):
    course, trainee, (c11, _c12, _c21) = enrolled
    group, other = Group.objects.create(name="Reviewers"), Group.objects.create(name="Others")
    trainee.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    assert client.get(c11.url).status_code == 200
    assert client.get(c11.url).status_code == 200
    restriction.groups.set([other])
    assert client.get(c11.url).status_code == 302


def test_a_moved_lesson_is_served_at_its_new_address_at_once(
    client, enrolled, django_assert_num_queries
):
    course, _trainee, (c11, c12, c21) = enrolled
    old_url = c12.url
    kept(client, old_url, django_assert_num_queries)
    kept(client, c21.url, django_assert_num_queries)
    module_c2 = ModulePage.objects.get(code="C2", pk__in=course.get_children().values("pk"))
    LessonPage.objects.get(pk=c12.pk).move(module_c2, pos="last-child")
    moved = LessonPage.objects.get(pk=c12.pk)
    assert moved.url != old_url
    # The old address is no longer the lesson: Wagtail's redirect to the new one answers.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == moved.url
    response = client.get(moved.url)
    assert response.status_code == 200
    assert response.context["module"].code == "C2"
    # Reading order follows the tree: C1.1, C2.1, then the moved lesson.
    assert links(client.get(c21.url).text) == [
        ("← Lesson C1.1", c11.url),
        ("Lesson C1.2 →", moved.url),
    ]


def test_a_renamed_course_is_linked_at_its_new_address_at_once(
    client, enrolled, django_assert_num_queries
):
    course, _trainee, (c11, _c12, _c21) = enrolled
    html = kept(client, c11.url, django_assert_num_queries).text
    assert breadcrumb(html) == [(course.title, course.url)]
    page = CoursePage.objects.get(pk=course.pk)
    page.title = "Identifying victims"
    page.slug = "identifying-victims"
    page.save_revision().publish()
    page.refresh_from_db()
    lesson = LessonPage.objects.get(pk=c11.pk)
    assert client.get(c11.url).status_code == 404  # the old address
    html = client.get(lesson.url).text
    assert breadcrumb(html) == [("Identifying victims", page.url)]
    assert links(html)[0] == ("← Identifying victims", page.url)


def test_a_module_warning_published_later_is_shown_at_once(
    client, enrolled, django_assert_num_queries
):
    _course, _trainee, (c11, _c12, _c21) = enrolled
    kept(client, c11.url, django_assert_num_queries)
    module = ModulePage.objects.get(pk=c11.get_parent().pk)
    module.content_warning = "CW2"
    module.save_revision().publish()
    warning = client.get(c11.url).text
    assert "Before you continue" in warning
    assert "Module C1" in warning
    assert "A paragraph." not in warning


def test_a_renamed_quiz_is_linked_by_its_new_title_at_once(
    client, enrolled, make_quiz, django_assert_num_queries
):
    course, _trainee, (c11, _c12, _c21) = enrolled
    quiz = make_quiz("PRE")
    page = CoursePage.objects.get(pk=course.pk)
    page.pre_test = quiz
    page.save_revision().publish()
    html = kept(client, c11.url, django_assert_num_queries).text
    assert links(html)[0] == ("← Hotline check", f"/en/quizzes/{quiz.pk}/")
    quiz.title_en = "Hotline check, second edition"
    quiz.save_revision().publish()
    assert links(client.get(c11.url).text)[0] == (
        "← Hotline check, second edition",
        f"/en/quizzes/{quiz.pk}/",
    )


def test_a_site_moved_to_another_host_is_routed_at_once(client, enrolled):
    _course, _trainee, (c11, _c12, _c21) = enrolled
    assert client.get(c11.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    other = Site.objects.create(
        hostname="testserver", port=80, root_page=site.root_page.get_children().first()
    )
    # testserver now routes from below the home page: the same path is no longer a lesson.
    assert client.get(c11.url).status_code == 404
    other.delete()
    assert client.get(c11.url).status_code == 200


def test_what_is_kept_opens_nothing_to_anyone_else(
    client, enrolled, django_assert_num_queries, organisation
):
    """The route kept for one trainee is the route for all; whether each may read the lesson is
    still asked of each: not signed in, not enrolled, staff without a second factor."""
    from django.test import Client

    _course, _trainee, (c11, _c12, _c21) = enrolled
    kept(client, c11.url, django_assert_num_queries)

    anonymous = Client()
    response = anonymous.get(c11.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]

    stranger = Client()
    sign_in(stranger, UserFactory(role=Role.TRAINEE))
    response = stranger.get(c11.url)
    assert response.status_code == 302
    assert response["Location"] == c11.get_parent().get_parent().url

    # A trainer whose session has no second factor is sent to set one up, as before.
    trainer = Client()
    sign_in(trainer, UserFactory(role=Role.TRAINER, organisation=organisation))
    response = trainer.get(c11.url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_version_moves_again_when_the_change_commits(
    enrolled, django_capture_on_commit_callbacks
):
    course, _trainee, _lessons = enrolled
    before = cache.get(page_cache.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = CoursePage.objects.get(pk=course.pk)
        page.title = "Renamed"
        page.save_revision().publish()
    assert callbacks  # moved again once the transaction committed
    assert cache.get(page_cache.VERSION_KEY) > before + 1


def test_a_lost_version_starts_again_above_every_kept_entry(
    client, enrolled, django_assert_num_queries
):
    _course, _trainee, (c11, _c12, _c21) = enrolled
    kept(client, c11.url, django_assert_num_queries)
    kept_version = cache.get(page_cache.VERSION_KEY)
    cache.delete(page_cache.VERSION_KEY)
    version, entry = page_cache.read(None, "anything")
    assert version > kept_version
    assert entry is page_cache.MISSING


def test_a_held_entry_serves_only_while_its_version_is_the_current_one():
    version, _missing = page_cache.read_held(None, "route:held")
    page_cache.keep("route:held", version, ["the answer"])
    _version, first = page_cache.read_held(None, "route:held")
    assert first == ["the answer"]
    # Held: the entry is not read again while the version stays (the same object is answered).
    cache.set(page_cache._key("route:held"), (version, ["another answer"]))
    assert page_cache.read_held(None, "route:held") == (version, first)
    assert page_cache.read_held(None, "route:held")[1] is first
    # Any change moves the version on: the held entry is dropped, the stale one not used.
    page_cache.bump()
    new_version, entry = page_cache.read_held(None, "route:held")
    assert new_version > version
    assert entry is page_cache.MISSING
    page_cache.keep("route:held", new_version, ["the new answer"])
    assert page_cache.read_held(None, "route:held") == (new_version, ["the new answer"])


def test_migrations_on_a_new_database_without_a_cache_table_do_not_touch_the_cache(settings):
    """A new installation without Redis migrates before `createcachetable`: the migrations' own
    page, site and locale writes (historical models) must not reach the database cache."""
    from django.apps import apps
    from django.db.migrations.state import ProjectState

    from cms import page_cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "himaya_no_such_cache_table",
        }
    }
    historical = ProjectState.from_apps(apps).apps
    site = historical.get_model("wagtailcore", "Site")
    assert site.__module__ == "__fake__"
    page_cache._saved_or_deleted(sender=site, instance=site())  # no error: not the cache
    page_cache._migrated()  # the missing table is no error either
