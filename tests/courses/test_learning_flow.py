"""The learning flow (issue 13, §6): lesson navigation across modules and on to the tests, one
content-warning screen naming everything it covers, the dashboard's next step (the pre-test
first), a completed course that gained a lesson, and an organisation that moved sector."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from assessments import services as assessments
from assessments.models import Attempt, Quiz, QuizItem
from courses import services
from courses.models import CoursePage, LearningPath, LearningPathStep, LessonPage, ModulePage
from lms.people.models import Sector
from lms.people.roles import Role
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of, paragraph, publish
from tests.factories import OrganisationFactory, UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrol_in_course_with(build_course):
    def enrol(user, quiz):
        course = build_course(modules=[("C1", [], 1)])
        CoursePage.objects.filter(pk=course.pk).update(pre_test=quiz)
        services.enrol(user=user, course=course, source="manager")

    return enrol


def lesson_links(client, lesson):
    """The lesson page's previous and next links as (text, href), in the page's order."""
    html = client.get(lesson.url).text
    soup = BeautifulSoup(html, "html.parser")
    return [(a.get_text(" ", strip=True), a["href"]) for a in soup.select(".lesson-actions p a")]


@pytest.fixture
def two_modules(client, build_course):
    course = build_course(modules=[("C1", [], 2), ("C2", [], 2)])
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    return course, trainee, lessons_of(course)


def test_next_and_previous_cross_modules_and_end_at_the_course(client, two_modules):
    course, _trainee, (c11, c12, c21, c22) = two_modules
    assert lesson_links(client, c11) == [
        (f"← {course.title}", course.url),
        ("Lesson C1.2 →", c12.url),
    ]
    assert lesson_links(client, c12) == [("← Lesson C1.1", c11.url), ("Lesson C2.1 →", c21.url)]
    assert lesson_links(client, c21) == [("← Lesson C1.2", c12.url), ("Lesson C2.2 →", c22.url)]
    assert lesson_links(client, c22) == [
        ("← Lesson C2.1", c21.url),
        (f"{course.title} →", course.url),
    ]


def test_the_ends_lead_to_the_pre_test_and_the_post_test(client, two_modules, make_quiz):
    course, _trainee, (c11, _c12, _c21, c22) = two_modules
    pre, post = make_quiz("PRE"), make_quiz("POST")
    CoursePage.objects.filter(pk=course.pk).update(pre_test=pre, post_test=post)
    assert lesson_links(client, c11)[0] == ("← Hotline check", f"/en/quizzes/{pre.pk}/")
    assert lesson_links(client, c22)[1] == ("Hotline check →", f"/en/quizzes/{post.pk}/")


def test_marking_a_modules_last_lesson_complete_goes_on_to_the_next_module(client, two_modules):
    _course, _trainee, (_c11, c12, c21, _c22) = two_modules
    response = client.post(reverse("courses:complete", args=[c12.pk]))
    assert response["Location"] == c21.url


def test_lesson_page_queries_stay_fixed_at_the_ends(
    client, two_modules, make_quiz, django_assert_num_queries
):
    course, _trainee, lessons = two_modules
    CoursePage.objects.filter(pk=course.pk).update(post_test=make_quiz())
    client.get(lessons[1].url)
    # The quiz after the last lesson is kept with the course's lessons (lesson_frame): the last
    # lesson, not yet opened, reads its route (site, path, page: 3) and records the visit (1).
    # (27 and 29 before issue 14 kept the locales' ids per process, 24 and 26 before cms.routing
    # read the path in one query, 10 and 12 before the route and the lessons were kept.)
    with django_assert_num_queries(4):
        client.get(lessons[1].url)
    with django_assert_num_queries(8):
        client.get(lessons[3].url)


# --- Content warnings ------------------------------------------------------------------------


def test_a_flagged_module_warns_before_its_first_lesson_once(client, two_modules):
    _course, _trainee, (c11, c12, c21, _c22) = two_modules
    ModulePage.objects.filter(code="C1").update(content_warning="CW2")
    warning = client.get(c11.url).text
    assert "Before you continue" in warning
    assert "Module C1" in warning
    assert "describes violence or sexual exploitation, without graphic detail" in warning
    assert "A paragraph." not in warning
    assert "A paragraph." in client.get(c11.url + "?continue=1").text
    # Accepted for the module: its other lessons open directly; the next module has no warning.
    assert "Before you continue" not in client.get(c12.url).text
    assert "Before you continue" not in client.get(c21.url).text


def test_a_module_and_its_lessons_warning_share_one_screen(client, two_modules):
    _course, _trainee, (c11, *_rest) = two_modules
    ModulePage.objects.filter(code="C1").update(content_warning="CW1")
    lesson = LessonPage.objects.get(pk=c11.pk)
    lesson.body = [
        ("content_warning", {"level": "CW2", "message": "A fictional account of a beating."}),
        *paragraph(),
    ]
    lesson.save_revision().publish()
    html = client.get(c11.url).text
    soup = BeautifulSoup(html, "html.parser")
    assert [li.get_text(" ", strip=True) for li in soup.select("ul.warning-covers li")] == [
        "Module: Module C1 : mentions abuse",
        "Lesson: Lesson C1.1 : describes violence or sexual exploitation, without graphic "
        "detail A fictional account of a beating.",
    ]
    # The strongest level heads the screen.
    assert "This lesson describes violence or sexual exploitation" in html
    assert "A paragraph." in client.get(c11.url + "?continue=1").text
    assert "Before you continue" not in client.get(c11.url).text


def test_one_warning_per_attempt_names_every_case(client, enrol_in_course_with):
    second = copy.deepcopy(SCENARIO)
    second.update(code="SCN-HL-002", content_warning="CW2")
    second["title"] = {"en": "A locked dormitory", "ar": "سكن مغلق"}
    first, other = assessments.import_scenarios(
        scenarios=[copy.deepcopy(SCENARIO), second], publish=True
    )
    quiz = Quiz(code="QZ-2", title_en="Two cases", title_ar="حالتان")
    quiz.save()
    QuizItem.objects.create(quiz=quiz, scenario=first, sort_order=0)
    QuizItem.objects.create(quiz=quiz, scenario=other, sort_order=1)
    quiz.save_revision().publish()
    trainee = UserFactory()
    enrol_in_course_with(trainee, quiz)
    sign_in(client, trainee)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=trainee)
    url = reverse("assessments:take", args=[attempt.pk])

    soup = BeautifulSoup(client.get(url).text, "html.parser")
    covered = [li.get_text(" ", strip=True) for li in soup.select("ul.warning-covers li")]
    assert sorted(covered) == [
        "A locked dormitory : describes violence or sexual exploitation, without graphic detail",
        "A night call : mentions abuse",
    ]
    assert "This quiz describes violence or sexual exploitation" in soup.text
    opened = client.get(
        soup.select_one("main a.button")["href"] and f"{url}?continue={attempt.pk}:1"
    )
    assert "Before you continue" not in opened.text
    assert "Rahim" in opened.text
    # No second screen for the second case.
    assert "Before you continue" not in client.get(url).text


# --- The dashboard -----------------------------------------------------------------------------


def next_step(client):
    soup = BeautifulSoup(client.get("/en/dashboard/").text, "html.parser")
    button = soup.select_one(".course-card a.button")
    return button and (button.get_text(strip=True), button["href"])


def test_the_next_step_is_the_pre_test_before_any_lesson(client, two_modules, make_quiz):
    course, trainee, (c11, *_rest) = two_modules
    pre, post = make_quiz("PRE"), make_quiz("POST")
    CoursePage.objects.filter(pk=course.pk).update(pre_test=pre, post_test=post)
    assert next_step(client) == ("Take the pre-test: Hotline check", f"/en/quizzes/{pre.pk}/")
    services.complete_lesson(user=trainee, lesson=c11)
    # Once the lessons are begun the pre-test can no longer measure a gain: they come first.
    assert next_step(client) == (
        "Continue where you left off: Lesson C1.2",
        lessons_of(course)[1].url,
    )
    for lesson in lessons_of(course):
        services.complete_lesson(user=trainee, lesson=lesson)
    assert next_step(client) == ("Take the post-test: Hotline check", f"/en/quizzes/{post.pk}/")


def test_a_completed_course_that_gained_a_lesson_says_so(client, two_modules):
    _course, trainee, lessons = two_modules
    for lesson in lessons:
        services.complete_lesson(user=trainee, lesson=lesson)
    module = ModulePage.objects.get(code="C2")
    added = publish(module, LessonPage(title="Lesson C2.3", slug="lesson-3", body=paragraph()))

    soup = BeautifulSoup(client.get("/en/dashboard/").text, "html.parser")
    card = soup.select_one(".course-card")
    text = card.get_text(" ", strip=True)
    assert "Completed on" in text
    assert "Since you completed this course, a lesson has been added to what it requires:" in text
    assert [(a.get_text(), a["href"]) for a in card.select(".callout a")] == [
        ("Lesson C2.3", added.url)
    ]
    assert "Your completion and your certificate still stand" in text
    assert "4 of 5" not in text  # not "Completed" beside a progress count that says otherwise
    assert card.select_one("a.button") is None


def test_trainees_of_an_organisation_that_moved_sector_are_told_what_it_requires(
    client, build_course
):
    old_sector, new_sector = Sector.objects.order_by("pk")[:2]
    organisation = OrganisationFactory(sector=old_sector)
    kept = build_course(modules=[("C1", [], 1), ("C2", [new_sector.code], 2)])
    added = build_course(modules=[("C1", [], 3)])
    path = LearningPath.objects.create(sector=new_sector)
    LearningPathStep.objects.create(path=path, course=kept, due_days=30)
    LearningPathStep.objects.create(path=path, course=added, due_days=30)
    trainee = UserFactory(organisation=organisation, role=Role.TRAINEE)
    services.enrol(user=trainee, course=kept, source="manager")
    services.complete_lesson(user=trainee, lesson=lessons_of(kept)[0])
    sign_in(client, trainee)
    assert "your organisation moved" not in client.get("/en/dashboard/").text

    organisation.sector = new_sector
    organisation.save()

    soup = BeautifulSoup(client.get("/en/dashboard/").text, "html.parser")
    note = soup.select_one("[role=note]").get_text(" ", strip=True)
    assert (
        f"your organisation moved from the {old_sector.name_en} sector to the "
        f"{new_sector.name_en} sector, so your learning path changed." in note
    )
    assert f"{kept.title} : 1 of 3 required lessons done" in note
    assert f"{added.title} : 0 of 3 required lessons done" in note
    assert "Lessons you completed before the move still count." in note
    # Saving the organisation without moving it tells nobody anything new.
    organisation.save()
    assert trainee.sector_moves.count() == 1


def test_dashboard_queries_stay_fixed_with_a_sector_move(
    client, build_course, django_assert_num_queries
):
    organisation = OrganisationFactory()
    trainee = UserFactory(organisation=organisation, role=Role.TRAINEE)
    services.enrol(user=trainee, course=build_course(), source="manager")
    organisation.sector = Sector.objects.exclude(pk=organisation.sector_id).first()
    organisation.save()
    sign_in(client, trainee)
    client.get("/en/dashboard/")
    # 19 before issue 14 read translations only for pages not in the reader's language, the
    # organisation once and the permissions in one query.
    with django_assert_num_queries(12):
        client.get("/en/dashboard/")
