"""Lessons with case narratives need the author's declaration and a second person's approval;
a course without a translation falls back to the other language instead of a 404."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale, Workflow

from courses.models import LessonPage
from tests.conftest import sign_in, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CASE = (
    "case_narrative",
    {
        "title": "A call at night",
        "narrative": "<p>Rahim, a fictional construction worker, calls the hotline.</p>",
        "reflection": "<p>What would you ask first?</p>",
    },
)


@pytest.fixture
def draft_lesson(build_course):
    course = build_course(modules=[("C1", [], 0)])
    module = course.get_children().first().specific
    author = UserFactory(role="Trainer")
    lesson = LessonPage(title="Hotline case", slug="hotline-case", body=[CASE], owner=author)
    module.add_child(instance=lesson)
    lesson.save_revision(user=author)
    lesson.refresh_from_db()
    lesson.live = False
    lesson.save()
    return lesson, author


def review_task(lesson):
    return lesson.current_workflow_task


def test_lessons_go_through_the_second_person_review(draft_lesson):
    lesson, _author = draft_lesson
    assert lesson.get_workflow() == Workflow.objects.get(name="Content review")


def test_author_cannot_approve_their_own_lesson(draft_lesson):
    lesson, author = draft_lesson
    lesson.fictional_declared = True
    lesson.save_revision(user=author)
    lesson.get_workflow().start(lesson, author)
    lesson.refresh_from_db()
    task = review_task(lesson)
    assert task.get_actions(lesson, author) == []
    reviewer = UserFactory(role="Trainer")
    assert [name for name, *_ in task.get_actions(lesson, reviewer)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert not lesson.live


def test_undeclared_case_cannot_be_approved(draft_lesson):
    lesson, author = draft_lesson
    lesson.get_workflow().start(lesson, author)
    lesson.refresh_from_db()
    reviewer = UserFactory(role="Trainer")
    task = review_task(lesson)
    assert [name for name, *_ in task.get_actions(lesson, reviewer)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(lesson.current_workflow_task_state, reviewer, "approve")
    lesson.refresh_from_db()
    assert not lesson.live


def test_second_person_approval_publishes(draft_lesson):
    lesson, author = draft_lesson
    lesson.fictional_declared = True
    lesson.save_revision(user=author)
    lesson.get_workflow().start(lesson, author)
    lesson.refresh_from_db()
    reviewer = UserFactory(role="Programme manager")
    state = lesson.current_workflow_task_state
    state.task.specific.on_action(state, reviewer, "approve")
    lesson.refresh_from_db()
    assert lesson.live
    assert lesson.fictional_declared
    # Neither author nor reviewer could have published it directly.
    assert not lesson.permissions_for_user(author).can_publish()
    assert not lesson.permissions_for_user(reviewer).can_publish()


def test_untranslated_course_falls_back_to_english_with_a_notice(client, build_course):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    sign_in(client, trainee)
    english_url = course.url
    assert english_url.startswith("/en/")
    response = client.get("/ar/" + english_url.removeprefix("/en/"))
    assert response.status_code == 200
    assert course.title in response.text
    assert "هذه الصفحة غير متاحة بلغتك بعد" in response.text


def test_translated_course_is_served_in_arabic(client, build_course):
    course = build_course(modules=[("C1", [], 1)])
    arabic = Locale.objects.get(language_code="ar")
    home = course.get_parent().get_parent()
    home_ar = home.specific.copy_for_translation(arabic)
    home_ar.save_revision().publish()
    index_ar = course.get_parent().specific.copy_for_translation(arabic)
    index_ar.save_revision().publish()
    course_ar = course.copy_for_translation(arabic)
    course_ar.title = "دورة تجريبية"
    course_ar.save_revision().publish()
    sign_in(client, UserFactory())
    response = client.get(course_ar.url)
    assert course_ar.url.startswith("/ar/")
    assert response.status_code == 200
    assert "دورة تجريبية" in response.text
    assert "هذه الصفحة غير متاحة بلغتك بعد" not in response.text


def test_arabic_reader_and_english_reader_share_completion(client, build_course):
    from courses import services

    course = build_course(modules=[("C1", [], 1)])
    lesson = lessons_of(course)[0]
    arabic = Locale.objects.get(language_code="ar")
    for page in [course.get_parent().get_parent(), course.get_parent(), course]:
        page.specific.copy_for_translation(arabic).save_revision().publish()
    module = lesson.get_parent()
    module.specific.copy_for_translation(arabic).save_revision().publish()
    lesson_ar = lesson.copy_for_translation(arabic)
    lesson_ar.save_revision().publish()
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    services.complete_lesson(user=trainee, lesson=lesson_ar)
    assert trainee.lesson_completions.get().lesson_id == lesson.pk


def test_admin_refuses_to_submit_an_undeclared_case_for_review(client, draft_lesson):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    lesson, author = draft_lesson
    sign_in(client, with_mfa(author))
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "body": streamfield(
                [
                    (
                        "case_narrative",
                        {
                            "title": "A call at night",
                            "narrative": rich_text("<p>Rahim calls the hotline.</p>"),
                            "reflection": rich_text(""),
                        },
                    )
                ]
            ),
            "estimated_minutes": 15,
            "is_required": "on",
        }
    )
    edit_url = f"/admin/pages/{lesson.pk}/edit/"
    response = client.post(edit_url, {**data, "action-submit": "Submit"})
    assert response.status_code == 200
    assert "declare that it is a fictional composite" in response.text
    lesson.refresh_from_db()
    assert lesson.current_workflow_state is None

    response = client.post(edit_url, {**data, "fictional_declared": "on", "action-submit": "1"})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.current_workflow_state.status == "in_progress"
    assert not lesson.live

    # A draft may be saved undeclared: the declaration is needed only to go live.
    response = client.post(edit_url, data)
    assert response.status_code == 302


def test_authors_preview_lessons_without_being_enrolled(rf, draft_lesson):
    lesson, author = draft_lesson
    request = rf.get("/")
    request.user = author
    response = lesson.serve_preview(request, "")
    response.render()
    assert response.status_code == 200
    assert "Rahim, a fictional construction worker, calls the hotline." in response.text
