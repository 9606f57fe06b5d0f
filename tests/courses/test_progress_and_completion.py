import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import (
    Attendance,
    Enrolment,
    LessonCompletion,
    SessionRegistration,
    TrainingSession,
)
from courses.progress import DueState, due_state
from courses.signals import course_completed
from lms.people.models import Sector
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of, workshop
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def completions():
    received = []

    def listener(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    course_completed.connect(listener, dispatch_uid="test-listener")
    yield received
    course_completed.disconnect(dispatch_uid="test-listener")


@pytest.mark.parametrize(
    ("days_after_enrolment", "expected"),
    [
        (0, DueState.ON_TIME),
        (75, DueState.ON_TIME),
        (76, DueState.DUE_SOON),  # 14 days left
        (90, DueState.DUE_SOON),  # the due day itself
        (91, DueState.OVERDUE),
    ],
)
def test_due_states(days_after_enrolment, expected):
    due = NOW + dt.timedelta(days=90)
    now = NOW + dt.timedelta(days=days_after_enrolment)
    assert due_state(due_at=due, completed_at=None, now=now) == expected


def test_completed_is_never_overdue():
    assert due_state(due_at=NOW, completed_at=NOW, now=NOW + dt.timedelta(days=400)) == "complete"
    assert due_state(due_at=None, completed_at=None, now=NOW) == "no_due_date"


def test_dashboard_shows_due_states_with_frozen_time(client, build_course):
    trainee = UserFactory()
    soon, late, fine = build_course(), build_course(), build_course()
    with time_machine.travel(NOW, tick=False):
        services.enrol(user=trainee, course=soon, source="manager", due_days=20)
        services.enrol(user=trainee, course=late, source="manager", due_days=5)
        services.enrol(user=trainee, course=fine, source="manager", due_days=60)
    sign_in(client, trainee)
    with time_machine.travel(NOW + dt.timedelta(days=10), tick=False):
        html = client.get("/en/dashboard/").text
    assert "Due soon: 21 March 2026" in html
    assert "Overdue: was due 6 March 2026" in html
    assert "Due 30 April 2026" in html


def test_progress_counts_required_lessons_of_the_trainees_sector(build_course):
    course = build_course(
        modules=[("C1", [], 2), ("LI", ["labour-inspection"], 1), ("HL", ["hotline"], 3)],
        optional_lessons=1,
    )
    inspector = UserFactory(
        organisation=OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    )
    enrolment, _ = services.enrol(user=inspector, course=course, source="manager")
    lessons = lessons_of(course)
    services.complete_lesson(user=inspector, lesson=lessons[0])
    (progress,) = services.progress_for(user=inspector, enrolments=[enrolment])
    # C1 (2 required) + LI (1 required); HL is the hotline role module; optional lessons skip.
    assert (progress.done, progress.total, progress.percent) == (1, 3, 33)
    assert [m.code for m in progress.modules if m.required] == ["C1", "LI"]
    assert progress.next_lesson.title == "Lesson C1.2"


def test_continue_where_you_left_off(client, build_course):
    course = build_course(modules=[("C1", [], 3)])
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    third = lessons_of(course)[2]
    assert client.get(third.url).status_code == 200
    html = client.get("/en/dashboard/").text
    assert "Continue where you left off: Lesson C1.3" in html


def test_completion_matrix_lessons_and_attendance(build_course, completions):
    course = build_course(modules=[("C1", [], 2)], requires_attendance=True, optional_lessons=1)
    trainee = UserFactory()
    trainer = UserFactory(role="Trainer")
    enrolment, _ = services.enrol(user=trainee, course=course, source="manager")
    first, second, optional = lessons_of(course)[0], lessons_of(course)[1], lessons_of(course)[2]
    assert optional.is_required is False

    services.complete_lesson(user=trainee, lesson=first)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    services.complete_lesson(user=trainee, lesson=second)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # lessons done, attendance missing

    session = workshop(course, trainer, NOW)
    SessionRegistration.objects.create(session=session, user=trainee, added_by=trainer)
    services.record_attendance(session=session, by=trainer, statuses={trainee.pk: "absent"})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    services.record_attendance(session=session, by=trainer, statuses={trainee.pk: "present"})
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completions == [enrolment.pk]


def test_completion_is_recorded_once_when_triggered_twice(build_course, completions):
    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    enrolment, _ = services.enrol(user=trainee, course=course, source="manager")
    lesson = lessons_of(course)[0]
    services.complete_lesson(user=trainee, lesson=lesson)
    services.complete_lesson(user=trainee, lesson=lesson)
    stale = Enrolment.objects.get(pk=enrolment.pk)
    stale.completed_at = None  # a copy read before the first completion
    assert services.check_completion(enrolment=stale) is False
    assert completions == [enrolment.pk]
    assert LessonCompletion.objects.filter(user=trainee).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs real concurrency")
def test_completion_is_recorded_once_under_concurrency(build_course, completions):
    import threading

    course = build_course(modules=[("C1", [], 1)])
    trainee = UserFactory()
    enrolment, _ = services.enrol(user=trainee, course=course, source="manager")
    LessonCompletion.objects.create(user=trainee, lesson=lessons_of(course)[0])
    barrier = threading.Barrier(8)
    results = []

    def race():
        from django.db import connection as thread_connection

        try:
            fresh = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
            barrier.wait()
            results.append(services.check_completion(enrolment=fresh))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    assert completions == [enrolment.pk]


def test_dashboard_query_count_does_not_grow_with_enrolments(client, build_course):
    courses = [build_course(modules=[("C1", [], 2)]) for _ in range(30)]
    one, many = UserFactory(), UserFactory()
    services.enrol(user=one, course=courses[0], source="manager")
    for course in courses:
        services.enrol(user=many, course=course, source="manager")

    def queries_for(user):
        sign_in(client, user)
        client.get("/en/dashboard/")  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/dashboard/")
        assert response.status_code == 200
        return len(captured)

    assert queries_for(one) == queries_for(many)


def test_marking_a_lesson_of_another_course_complete_writes_nothing(client, build_course):
    mine, theirs = build_course(), build_course()
    trainee = UserFactory()
    services.enrol(user=trainee, course=mine, source="manager")
    sign_in(client, trainee)
    foreign = lessons_of(theirs)[0]
    response = client.post(reverse("courses:complete", args=[foreign.pk]), follow=True)
    assert "You are not enrolled in the course this lesson belongs to." in response.text
    assert not LessonCompletion.objects.exists()
    assert client.post(reverse("courses:complete", args=[999999])).status_code == 404
    assert client.get(reverse("courses:complete", args=[foreign.pk])).status_code == 405


def test_unenrolled_trainee_sees_the_overview_not_the_lesson(client, build_course):
    course = build_course()
    trainee = UserFactory()
    sign_in(client, trainee)
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == course.url
    overview = client.get(course.url).text
    assert "This course is assigned by your programme." in overview
    assert "Lesson C1.1" not in overview


def test_anonymous_visitors_are_sent_to_sign_in(client, build_course):
    course = build_course()
    response = client.get(course.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_self_enrolment_only_in_optional_courses(client, build_course):
    optional, assigned = build_course(is_optional=True), build_course()
    trainee = UserFactory()
    sign_in(client, trainee)
    client.post(reverse("courses:self_enrol", args=[optional.pk]))
    response = client.post(reverse("courses:self_enrol", args=[assigned.pk]), follow=True)
    assert "ask your manager to enrol you" in response.text
    assert list(trainee.enrolments.values_list("course_id", flat=True)) == [optional.pk]
    # Enrolling twice changes nothing.
    client.post(reverse("courses:self_enrol", args=[optional.pk]))
    assert trainee.enrolments.count() == 1


def test_content_warning_is_shown_before_the_lesson(client, build_course):
    course = build_course()
    lesson = lessons_of(course)[0]
    lesson.body = [
        ("content_warning", {"level": "CW1", "message": "A worker describes threats."}),
        ("paragraph", "<p>The lesson itself.</p>"),
    ]
    lesson.save_revision().publish()
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    first = client.get(lesson.url).text
    assert "A worker describes threats." in first
    assert "Come back later" in first
    assert "The lesson itself." not in first
    assert "The lesson itself." in client.get(lesson.url + "?continue=1").text
    assert "The lesson itself." in client.get(lesson.url).text  # remembered


def test_attendance_counts_only_enrolled_people(build_course):
    course = build_course()
    trainer = UserFactory(role="Trainer")
    stranger = UserFactory()
    session = TrainingSession.objects.create(
        course=course,
        title="Workshop",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(hours=2),
        mode="online",
        trainer=trainer,
    )
    with pytest.raises(services.CourseError):
        services.record_attendance(session=session, by=trainer, statuses={stranger.pk: "present"})
    assert not Attendance.objects.exists()


def test_completion_matrix_with_a_quiz(build_course, make_quiz, completions):
    from assessments import services as assessments

    quiz = make_quiz()
    course = build_course(modules=[("C1", [], 2)])
    quiz_lesson = lessons_of(course)[1]
    quiz_lesson.body = [("paragraph", "<p>Check yourself.</p>"), ("quiz", {"quiz": quiz})]
    quiz_lesson.save_revision().publish()
    trainee = UserFactory()
    enrolment, _ = services.enrol(user=trainee, course=course, source="manager")

    services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    with pytest.raises(services.CourseError, match="completed by passing its quiz"):
        services.complete_lesson(user=trainee, lesson=quiz_lesson)

    failed = assessments.start_attempt(user=trainee, quiz=quiz)
    assessments.submit_attempt(attempt=failed)  # no answers: not passed
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    from tests.quiz_fixtures import PERFECT

    passed = assessments.start_attempt(user=trainee, quiz=quiz)
    for key, answer in PERFECT.items():
        assessments.save_answer(attempt=passed, user=trainee, key=key, answer=answer)
    assessments.submit_attempt(attempt=passed)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert LessonCompletion.objects.get(user=trainee, lesson=quiz_lesson).source == "quiz"
    assert completions == [enrolment.pk]


def test_course_needs_its_post_test_attempted(client, build_course, make_quiz, completions):
    from assessments import services as assessments

    pre = make_quiz(code="QZ-PRE", kind="pre_test")
    post = make_quiz(code="QZ-POST", kind="post_test", pre_test=pre)
    course = build_course(modules=[("C1", [], 1)])
    course.pre_test, course.post_test = pre, post
    course.save_revision().publish()
    trainee = UserFactory()
    enrolment, _ = services.enrol(user=trainee, course=course, source="manager")
    services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the post-test is still to be taken

    assessments.submit_attempt(attempt=assessments.start_attempt(user=trainee, quiz=pre))
    attempt = assessments.start_attempt(user=trainee, quiz=post)
    assessments.save_answer(attempt=attempt, user=trainee, key="SCN-HL-001/Q2", answer=["A"])
    assessments.submit_attempt(attempt=attempt)  # attempted, not passed: enough for completion
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completions == [enrolment.pk]

    sign_in(client, trainee)
    html = client.get(course.url).text
    assert "best score 25.00%" in html
    assert "knowledge gain 25.00 percentage points" in html
