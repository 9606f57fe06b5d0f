import datetime as dt
import random
from decimal import Decimal

import pytest
import time_machine
from django.db import connection  # noqa: F401  (read by the skipif condition below)

from assessments import services
from assessments.models import Attempt, AttemptGrade, QuestionResult
from assessments.signals import quiz_passed
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 1, 8, 0, tzinfo=dt.UTC)


def answer_all(attempt, answers, user):
    for key, value in answers.items():
        services.save_answer(attempt=attempt, user=user, key=key, answer=value)


@pytest.fixture
def passes():
    received = []

    def listener(sender, user, quiz, attempt, **kwargs):
        received.append((user.pk, quiz.pk, attempt.pk))

    quiz_passed.connect(listener, dispatch_uid="test-quiz-passed")
    yield received
    quiz_passed.disconnect(dispatch_uid="test-quiz-passed")


def test_publishing_freezes_a_version_in_the_exchange_format(make_quiz, scenario_data):
    quiz = make_quiz()
    version = quiz.current_version
    assert version.number == 1
    (frozen,) = version.scenarios
    assert frozen["code"] == "SCN-HL-001"
    assert [q["code"] for q in frozen["questions"]] == ["Q1", "Q2", "Q3"]
    assert frozen["questions"][0]["options"][0] == {
        "code": "A",
        "text": {"en": "Passport held", "ar": "احتجاز الجواز"},
        "correct": True,
        "tags": ["ILO-07"],
        "feedback": {"en": "Yes: document retention.", "ar": "نعم: احتجاز الوثائق."},
    }
    assert version.quiz_settings["pass_mark"] == "75.00"


def test_a_perfect_attempt_passes_and_sends_quiz_passed(make_quiz, passes):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(attempt, PERFECT, user)
    attempt = services.submit_attempt(attempt=attempt)
    assert (attempt.points, attempt.max_points, attempt.percent, attempt.passed) == (
        Decimal("4.0000"),
        Decimal("4.0000"),
        Decimal("100.00"),
        True,
    )
    assert passes == [(user.pk, quiz.pk, attempt.pk)]


def test_partial_credit_and_a_critical_miss_fail_the_attempt(make_quiz, passes):
    quiz = make_quiz(pass_mark=Decimal("50"))
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(
        attempt,
        {
            "SCN-HL-001/Q1": ["A"],  # 2 x (1/2 - 0/1) = 1 point
            "SCN-HL-001/Q2": ["B"],  # critical, 0
            "SCN-HL-001/Q3": ["S2", "S3", "S1"],  # S2→S3 is one of two key pairs: 0.5
        },
        user,
    )
    attempt = services.submit_attempt(attempt=attempt)
    assert attempt.points == Decimal("1.5000")
    assert attempt.percent == Decimal("37.50")
    assert attempt.passed is False
    assert attempt.critical_failed == ["SCN-HL-001/Q2"]
    assert passes == []


def test_double_submit_returns_the_same_result(make_quiz, passes):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(attempt, PERFECT, user)
    first = services.submit_attempt(attempt=attempt)
    second = services.submit_attempt(attempt=attempt)
    assert first.submitted_at == second.submitted_at
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1
    assert len(passes) == 1


def test_answers_outside_the_version_are_rejected(make_quiz):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    for key, answer in [
        ("SCN-HL-001/Q2", ["Z"]),
        ("SCN-HL-001/Q2", ["A", "B"]),
        ("SCN-HL-001/Q9", ["A"]),
        ("SCN-HL-001/Q3", ["S1", "S2"]),
    ]:
        with pytest.raises(services.AssessmentError):
            services.save_answer(attempt=attempt, user=user, key=key, answer=answer)
    attempt.refresh_from_db()
    assert attempt.answers == {}
    stranger = UserFactory()
    with pytest.raises(services.AssessmentError):
        services.save_answer(attempt=attempt, user=stranger, key="SCN-HL-001/Q2", answer=["A"])


def test_leaving_and_resuming_keeps_answers(make_quiz):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["A"])
    resumed = services.start_attempt(user=user, quiz=quiz)
    assert resumed.pk == attempt.pk
    assert resumed.answers == {"SCN-HL-001/Q2": ["A"]}


def test_attempt_limit_and_cooldown(make_quiz):
    quiz = make_quiz(max_attempts=2, cooldown_minutes=60)
    user = UserFactory()
    with time_machine.travel(NOW, tick=False):
        services.submit_attempt(attempt=services.start_attempt(user=user, quiz=quiz))
        with pytest.raises(services.AssessmentError, match="You can try again at"):
            services.start_attempt(user=user, quiz=quiz)
    with time_machine.travel(NOW + dt.timedelta(minutes=61), tick=False):
        services.submit_attempt(attempt=services.start_attempt(user=user, quiz=quiz))
    with (
        time_machine.travel(NOW + dt.timedelta(days=1), tick=False),
        pytest.raises(services.AssessmentError, match="used all your attempts"),
    ):
        services.start_attempt(user=user, quiz=quiz)
    assert Attempt.objects.filter(user=user).count() == 2


def test_time_limit_is_enforced_by_the_server(make_quiz):
    quiz = make_quiz(time_limit_minutes=10)
    user = UserFactory()
    with time_machine.travel(NOW, tick=False):
        attempt = services.start_attempt(user=user, quiz=quiz)
        services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["A"])
    with time_machine.travel(NOW + dt.timedelta(minutes=10, seconds=20), tick=False):
        # Within the grace period the last autosave still counts.
        services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q1", answer=["A"])
    with (
        time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False),
        pytest.raises(services.AssessmentError, match="Time is up"),
    ):
        services.save_answer(
            attempt=attempt, user=user, key="SCN-HL-001/Q3", answer=["S1", "S2", "S3"]
        )
    attempt.refresh_from_db()
    assert attempt.submitted_at == NOW + dt.timedelta(minutes=10, seconds=30)
    assert set(attempt.answers) == {"SCN-HL-001/Q1", "SCN-HL-001/Q2"}
    assert attempt.points == Decimal("2.0000")  # Q1: 2 x 1/2, Q2: 1


def test_editing_the_bank_never_changes_a_past_attempt(make_quiz, scenario_data):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(attempt, PERFECT, user)
    services.submit_attempt(attempt=attempt)
    scenario_data["questions"][1]["options"][0]["correct"] = False
    scenario_data["questions"][1]["options"][1]["correct"] = True
    services.import_scenarios(scenarios=[scenario_data], publish=True)
    attempt.refresh_from_db()
    assert attempt.version.scenarios[0]["questions"][1]["options"][0]["correct"] is True
    assert attempt.percent == Decimal("100.00")


def test_regrade_keeps_old_scores_and_is_audited(make_quiz, passes):
    quiz = make_quiz()
    user, manager = UserFactory(), UserFactory(role="Programme manager")
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(attempt, {**PERFECT, "SCN-HL-001/Q3": ["S2", "S1", "S3"]}, user)
    services.submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("75.00")  # Q3 scored 0 of 1

    corrected = services.questions_by_key(quiz.current_version.scenarios)
    scenarios = [dict(quiz.current_version.scenarios[0])]
    options = corrected["SCN-HL-001/Q3"]["options"]
    fixed_q3 = {**scenarios[0]["questions"][2], "options": [options[1], options[0], options[2]]}
    scenarios[0]["questions"] = [*scenarios[0]["questions"][:2], fixed_q3]
    with pytest.raises(services.AssessmentError):
        services.regrade_version(
            version=quiz.current_version, scenarios=scenarios, reason=" ", by=manager
        )
    regrade = services.regrade_version(
        version=quiz.current_version,
        scenarios=scenarios,
        reason="The key listed consent before safety.",
        by=manager,
    )
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("100.00")
    grades = list(attempt.grades.order_by("graded_at", "pk").values_list("percent", "regrade_id"))
    assert grades == [(Decimal("75.00"), None), (Decimal("100.00"), regrade.pk)]
    assert (regrade.created_by, regrade.reason) == (
        manager,
        "The key listed consent before safety.",
    )
    assert QuestionResult.objects.get(attempt=attempt, key="SCN-HL-001/Q3").full_marks is True


def test_feedback_is_hidden_until_the_rule_allows(make_quiz):
    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    assert services.feedback_visible(attempt) is False
    answer_all(attempt, PERFECT, user)
    attempt = services.submit_attempt(attempt=attempt)
    assert services.feedback_visible(attempt) is True


def test_feedback_after_each_question_locks_that_answer(make_quiz):
    quiz = make_quiz(feedback_timing="after_question")
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["B"])
    attempt.refresh_from_db()
    assert services.feedback_visible(attempt, "SCN-HL-001/Q2") is True
    assert services.feedback_visible(attempt, "SCN-HL-001/Q1") is False
    with pytest.raises(services.AssessmentError, match="it is final"):
        services.save_answer(attempt=attempt, user=user, key="SCN-HL-001/Q2", answer=["A"])


def test_random_draw_by_tag_gives_parallel_forms(make_quiz, scenario_data):
    from assessments.models import Quiz, QuizDrawRule, Tag

    other = {**scenario_data, "code": "SCN-HL-002"}
    services.import_scenarios(scenarios=[scenario_data, other], publish=True)
    quiz = Quiz(code="QZ-DRAW", title_en="Draw", title_ar="سحب")
    quiz.save()
    QuizDrawRule.objects.create(quiz=quiz, tag=Tag.objects.get(code="PRN-SAF"), count=1)
    quiz.save_revision().publish()
    drawn = {
        tuple(
            item["key"]
            for item in services.draw_layout(
                quiz.current_version, quiz.current_version.quiz_settings, random.Random(seed)
            )
        )
        for seed in range(20)
    }
    assert drawn == {("SCN-HL-001/Q2",), ("SCN-HL-002/Q2",)}


def test_knowledge_gain_overall_and_per_tag(make_quiz, scenario_data):
    pre = make_quiz(code="QZ-PRE", kind="pre_test")
    post_data = {**scenario_data, "code": "SCN-HL-009"}
    post = make_quiz(code="QZ-POST", data=post_data, kind="post_test", pre_test=pre)
    user = UserFactory()
    first = services.start_attempt(user=user, quiz=pre)
    answer_all(first, {"SCN-HL-001/Q1": ["A"], "SCN-HL-001/Q2": ["A"]}, user)
    services.submit_attempt(attempt=first)  # 1 + 1 of 4 = 50 %
    second = services.start_attempt(user=user, quiz=post)
    answer_all(second, {k.replace("001", "009"): v for k, v in PERFECT.items()}, user)
    services.submit_attempt(attempt=second)
    gain = services.knowledge_gain(user=user, post_test=post)
    assert (gain.pre, gain.post, gain.gain) == (
        Decimal("50.00"),
        Decimal("100.00"),
        Decimal("50.00"),
    )
    by_tag = services.knowledge_gain_by_tag(user=user, post_test=post)
    assert by_tag["ILO-09"] == Decimal("50.00")  # pre: Q1 gave 1 of 2 points
    assert by_tag["PRN-SAF"] == Decimal("0.00")


def test_importing_an_existing_code_makes_a_new_revision(scenario_data):
    from assessments.models import Scenario

    services.import_scenarios(scenarios=[scenario_data], publish=True)
    scenario_data["title"]["en"] = "A call at night"
    services.import_scenarios(scenarios=[scenario_data])
    scenario = Scenario.objects.get(code="SCN-HL-001")
    assert Scenario.objects.count() == 1
    assert scenario.title_en == "A night call"  # the live version is unchanged
    assert scenario.get_latest_revision_as_object().title_en == "A call at night"
    assert scenario.revisions.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs real concurrency")
def test_concurrent_submits_give_one_result(make_quiz, passes):
    import threading

    quiz = make_quiz()
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    answer_all(attempt, PERFECT, user)
    barrier = threading.Barrier(6)
    results = []

    def race():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(services.submit_attempt(attempt=attempt).submitted_at)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=race) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert AttemptGrade.objects.filter(attempt=attempt).count() == 1
    assert len(passes) == 1


def test_cohort_gain_by_sector(make_quiz, scenario_data, settings):
    from lms.people.models import Sector

    settings.HIMAYA_MIN_GROUP_SIZE = 2  # small groups have their own tests (test_small_groups)
    from tests.factories import OrganisationFactory

    pre = make_quiz(code="QZ-PRE", kind="pre_test")
    post = make_quiz(
        code="QZ-POST", data={**scenario_data, "code": "SCN-HL-009"}, kind="post_test", pre_test=pre
    )
    hotline = OrganisationFactory(sector=Sector.objects.get(code="hotline"))
    people = [UserFactory(organisation=hotline) for _ in range(2)]
    for person, (pre_answers, post_answers) in zip(
        people,
        [({"SCN-HL-001/Q2": ["A"]}, PERFECT), ({}, {"SCN-HL-001/Q2": ["A"]})],
        strict=True,
    ):
        attempt = services.start_attempt(user=person, quiz=pre)
        answer_all(attempt, pre_answers, person)
        services.submit_attempt(attempt=attempt)
        attempt = services.start_attempt(user=person, quiz=post)
        answer_all(attempt, {k.replace("001", "009"): v for k, v in post_answers.items()}, person)
        services.submit_attempt(attempt=attempt)
    gain = services.cohort_gain(post_test=post, people=people)
    # pre: 25 % and 0 %; post: 100 % and 25 %.
    assert gain == {
        "hotline": {
            "people": 2,
            "pre": Decimal("12.5"),
            "post": Decimal("62.5"),
            "gain": Decimal("50"),
            "suppressed": None,
        }
    }
