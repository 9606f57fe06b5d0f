"""cms.routing reads a page's whole path in one query and answers what Wagtail's routing would:
view restrictions, drafts, unknown paths and Arabic readers behave as before."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction

from courses import services
from courses.models import LessonPage
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(client, build_course):
    course = build_course(modules=(("C1", [], 2),))
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    return course, trainee


def test_a_lesson_is_served_to_an_enrolled_trainee(client, enrolled):
    course, _trainee = enrolled
    lesson = lessons_of(course)[1]
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert response.context["page"].pk == lesson.pk
    # Routed by cms.routing, not level by level: the pages above it came with it.
    assert [page.pk for page in response.context["page"].route_ancestors[-2:]] == [
        course.pk,
        lesson.get_parent().pk,
    ]
    assert response.context["module"].code == "C1"
    assert response.context["course"].pk == course.pk


@pytest.mark.parametrize("restricted", ["course", "lesson"])
def test_a_group_restriction_above_or_on_a_lesson_still_holds(client, enrolled, restricted):
    course, trainee = enrolled
    lesson = lessons_of(course)[0]
    restriction = PageViewRestriction.objects.create(
        page=course if restricted == "course" else lesson,
        restriction_type=PageViewRestriction.GROUPS,
    )
    group = Group.objects.create(name="Reviewers")
    restriction.groups.add(group)
    refused = client.get(lesson.url)
    assert refused.status_code == 302
    assert "/login/" in refused["Location"]
    trainee.groups.add(group)
    assert client.get(lesson.url).status_code == 200


def test_a_draft_lesson_and_an_unknown_path_are_not_found(client, enrolled):
    course, _trainee = enrolled
    lesson = lessons_of(course)[1]
    url = lesson.url
    LessonPage.objects.filter(pk=lesson.pk).update(live=False)
    assert client.get(url).status_code == 404
    assert client.get(course.url + "c1/no-such-lesson/").status_code == 404
    assert client.get(course.url + "no-such-module/lesson-1/").status_code == 404


def test_an_arabic_reader_opens_the_arabic_lesson_and_its_arabic_course(client, enrolled):
    course, _trainee = enrolled
    lesson = lessons_of(course)[0]
    arabic = Locale.objects.get(language_code="ar")
    for page in [course.get_parent().get_parent(), course.get_parent()]:
        page.specific.copy_for_translation(arabic).save_revision().publish()
    course_ar = course.copy_for_translation(arabic)
    course_ar.title = "دورة تجريبية"
    course_ar.save_revision().publish()
    lesson.get_parent().specific.copy_for_translation(arabic).save_revision().publish()
    lesson_ar = lesson.copy_for_translation(arabic)
    lesson_ar.title = "الدرس الأول"
    lesson_ar.save_revision().publish()
    response = client.get(lesson_ar.url)
    assert lesson_ar.url.startswith("/ar/")
    assert response.status_code == 200
    assert response.context["page"].pk == lesson_ar.pk
    assert response.context["page"].route_ancestors[-2].pk == course_ar.pk
    assert response.context["course"].pk == course_ar.pk
    assert "دورة تجريبية" in response.text
    assert 'lang="ar" dir="rtl"' in response.text
