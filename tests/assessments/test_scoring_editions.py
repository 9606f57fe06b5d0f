"""A frozen quiz version keeps the edition of the scoring rules it was published under: its
attempts are graded and regraded under that edition, so a change of the rules never moves a past
grade (docs/scoring.md, "Editions of the rules")."""

from decimal import Decimal

from assessments import scoring, services
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

# Ticks every option of Q1 (2 of 3 correct, 2 points): (2 - 1) / 2 of the points under edition 1,
# 2/2 - 1/1 = nothing under edition 2. Q2 and Q3 (1 point each) are right.
EVERY_BOX = {**PERFECT, "SCN-HL-001/Q1": ["A", "B", "C"]}


def submitted(quiz, answers):
    user = UserFactory()
    attempt = services.start_attempt(user=user, quiz=quiz)
    for key, answer in answers.items():
        services.save_answer(attempt=attempt, user=user, key=key, answer=answer)
    return services.submit_attempt(attempt=attempt)


def test_a_new_version_is_published_under_the_current_edition(make_quiz):
    quiz = make_quiz()
    assert scoring.CURRENT_RULES == 2
    assert quiz.current_version.scoring_rules == 2


def test_ticking_every_box_earns_nothing_on_a_current_version(make_quiz):
    attempt = submitted(make_quiz(), EVERY_BOX)
    assert (attempt.points, attempt.max_points, attempt.percent) == (
        Decimal("2.0000"),
        Decimal("4.0000"),
        Decimal("50.00"),
    )


def test_a_version_published_under_edition_1_keeps_grading_and_regrading_under_it(make_quiz):
    quiz = make_quiz()
    version = quiz.current_version
    version.scoring_rules = 1
    version.save(update_fields=["scoring_rules"])
    attempt = submitted(quiz, EVERY_BOX)
    assert (attempt.points, attempt.percent) == (Decimal("3.0000"), Decimal("75.00"))

    services.regrade_version(
        version=version,
        scenarios=version.scenarios,
        reason="Same key; the regrade must not change the rules.",
        by=UserFactory(role="Programme manager"),
    )
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("75.00")
    assert list(attempt.grades.values_list("percent", flat=True)) == [Decimal("75.00")] * 2


def test_publishing_again_under_a_newer_edition_freezes_a_new_version(make_quiz):
    quiz = make_quiz()
    old = quiz.current_version
    assert services.freeze_version(quiz=quiz) == old  # nothing changed: nothing new

    old.scoring_rules = 1
    old.save(update_fields=["scoring_rules"])
    new = services.freeze_version(quiz=quiz)
    assert (new.number, new.scoring_rules) == (old.number + 1, 2)
    assert new.scenarios == old.scenarios
