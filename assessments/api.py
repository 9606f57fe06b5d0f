"""What the apps above (courses, certificates) may read about attempts, as plain data.

Apps above never query `Attempt` or the grading tables themselves: they call these functions,
listen to `assessments.signals`, and use `Quiz` only as the target of their foreign keys. So
the attempt tables can change shape without touching another app, and every read keeps a fixed
number of queries whatever the number of quizzes or people asked about (stated per function).

Percentages are `Decimal`s with two places, as attempts store them, whichever database computed
them. Only submitted attempts count; an attempt in progress has no result yet.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Max

from .models import Attempt, Quiz
from .services import Gain
from .services import knowledge_gain as _knowledge_gain

__all__ = [
    "Gain",
    "SubmittedAttempt",
    "best_percent_by_person",
    "best_percent_by_quiz",
    "knowledge_gain",
    "quizzes_submitted",
    "submitted_attempts",
]

_PLACES = Decimal("0.01")


def _two_places(percent) -> Decimal:
    # An aggregate comes back without its column's scale on SQLite (100, not 100.00).
    return Decimal(percent).quantize(_PLACES)


def _submitted():
    return Attempt.objects.filter(submitted_at__isnull=False)


def quizzes_submitted(*, user, quiz_ids: Iterable[int]) -> set[int]:
    """Which of these quizzes the person has submitted an attempt at, passed or not.
    One query (none when no quiz is asked about)."""
    quiz_ids = list(quiz_ids)
    if not quiz_ids:
        return set()
    return set(
        _submitted().filter(user=user, quiz_id__in=quiz_ids).values_list("quiz_id", flat=True)
    )


def best_percent_by_quiz(*, user, quiz_ids: Iterable[int]) -> dict[int, Decimal]:
    """Quiz id → the person's best submitted percent, for the quizzes they submitted.
    One query (none when no quiz is asked about)."""
    quiz_ids = list(quiz_ids)
    if not quiz_ids:
        return {}
    return {
        quiz_id: _two_places(best)
        for quiz_id, best in _submitted()
        .filter(user=user, quiz_id__in=quiz_ids)
        .values("quiz_id")
        .annotate(best=Max("percent"))
        .values_list("quiz_id", "best")
    }


def best_percent_by_person(*, quiz_id: int, user_ids: Iterable[int]) -> dict[int, Decimal]:
    """User id → that person's best submitted percent at the quiz, for those who submitted.
    One query (none when nobody is asked about)."""
    user_ids = list(user_ids)
    if not user_ids:
        return {}
    return {
        user_id: _two_places(best)
        for user_id, best in _submitted()
        .filter(quiz_id=quiz_id, user_id__in=user_ids)
        .values("user_id")
        .annotate(best=Max("percent"))
        .values_list("user_id", "best")
    }


def knowledge_gain(*, user, post_test: Quiz) -> Gain | None:
    """Post-test % minus pre-test %, from the first submitted attempt at each (docs/scoring.md);
    None when the post-test has no pre-test or either is not taken. Two queries."""
    return _knowledge_gain(user=user, post_test=post_test)


@dataclass(frozen=True)
class SubmittedAttempt:
    quiz_code: str
    quiz_title_en: str
    quiz_title_ar: str
    number: int  # 1 for the person's first attempt at the quiz
    submitted_at: datetime
    percent: Decimal
    passed: bool


def submitted_attempts(*, user) -> list[SubmittedAttempt]:
    """Every attempt the person submitted, oldest first, for a transcript. One query."""
    rows = (
        _submitted()
        .filter(user=user)
        .order_by("submitted_at", "pk")
        .values_list(
            "quiz__code",
            "quiz__title_en",
            "quiz__title_ar",
            "number",
            "submitted_at",
            "percent",
            "passed",
        )
    )
    return [
        SubmittedAttempt(
            quiz_code=code,
            quiz_title_en=title_en,
            quiz_title_ar=title_ar,
            number=number,
            submitted_at=submitted_at,
            percent=_two_places(percent),
            passed=bool(passed),
        )
        for code, title_en, title_ar, number, submitted_at, percent, passed in rows
    ]
