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

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    FloatField,
    Max,
    OuterRef,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast

from .models import Attempt, Quiz, ResultTag, Tag
from .services import Gain
from .services import knowledge_gain as _knowledge_gain

__all__ = [
    "Gain",
    "GroupGain",
    "MasteryCell",
    "QuizName",
    "SubmittedAttempt",
    "best_percent_by_person",
    "best_percent_by_quiz",
    "knowledge_gain",
    "mastery_by_group",
    "mastery_cells",
    "paired_gain",
    "quiz_name",
    "quizzes_passed",
    "quizzes_submitted",
    "submitted_attempts",
    "tag_tallies",
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


def quizzes_passed(*, user, quiz_ids: Iterable[int]) -> set[int]:
    """Which of these quizzes the person has passed (an attempt whose current grade passes:
    the pass mark reached and no critical question missed). One query (none when no quiz is
    asked about)."""
    quiz_ids = list(quiz_ids)
    if not quiz_ids:
        return set()
    return set(
        _submitted()
        .filter(user=user, quiz_id__in=quiz_ids, passed=True)
        .values_list("quiz_id", flat=True)
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
class QuizName:
    title_en: str
    title_ar: str


def quiz_name(*, quiz_id: int) -> QuizName | None:
    """The quiz's titles, for a record that names it (an xAPI statement about an attempt, which
    knows only the quiz's id); None for an unknown id. One query."""
    row = Quiz.objects.filter(pk=quiz_id).values_list("title_en", "title_ar").first()
    return QuizName(*row) if row else None


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


# --- Completion figures (certificates/completion.py) -------------------------------------------


@dataclass(frozen=True)
class GroupGain:
    """Mean first pre-test and first post-test percent of the `people` who submitted both."""

    people: int
    pre: Decimal
    post: Decimal

    @property
    def gain(self) -> Decimal:
        return self.post - self.pre


def paired_gain(*, pre_test_id: int, post_test_id: int, people, group_by: str) -> dict:
    """Group → `GroupGain` over the people (a `User` queryset, grouped by the user lookup
    `group_by`, e.g. "organisation__sector__code") who submitted both tests, from each person's
    first submitted attempt at each (docs/scoring.md). Only people who took both count, so a
    gain is never the difference between two different crowds. One query."""
    first_pre = (
        _submitted()
        .filter(user_id=OuterRef("user_id"), quiz_id=pre_test_id)
        .order_by("number")
        .values("percent")[:1]
    )
    earlier_post = _submitted().filter(
        user_id=OuterRef("user_id"), quiz_id=post_test_id, number__lt=OuterRef("number")
    )
    key = f"user__{group_by}"
    rows = (
        _submitted()
        .filter(quiz_id=post_test_id, user__in=people)
        .filter(~Exists(earlier_post))
        .annotate(pre=Subquery(first_pre))
        .filter(pre__isnull=False)
        .values(key)
        .annotate(
            people=Count("user_id", distinct=True), pre_mean=Avg("pre"), post_mean=Avg("percent")
        )
        .order_by(key)
    )
    return {
        row[key]: GroupGain(
            people=row["people"],
            pre=_two_places(row["pre_mean"]),
            post=_two_places(row["post_mean"]),
        )
        for row in rows
    }


@dataclass(frozen=True)
class MasteryCell:
    """Share of the available points scored (0..1, four places) on questions with a tag."""

    tag: str  # the tag's code, a key: never shown
    tag_name_en: str
    tag_name_ar: str
    group: object
    people: int
    mastery: Decimal


def _share():
    # As floats: SQLite stores a decimal with no fraction (1.0000) as an integer and divides
    # integers to an integer, so half the points (1 of 2) would count as 0.
    return ExpressionWrapper(
        Cast("result__score", FloatField()) / Cast("result__max_points", FloatField()),
        output_field=FloatField(),
    )


def _graded_tag_rows(people):
    return ResultTag.objects.filter(
        result__attempt__submitted_at__isnull=False,
        result__max_points__gt=0,
        result__attempt__user__in=people,
    )


def mastery_by_group(*, people, group_by: str, quiz_ids: Iterable[int] | None = None):
    """Mastery per tag and group over these people's submitted answers (in `quiz_ids`, or every
    quiz), with each tag's names in both languages, ordered by the taxonomy. Two queries."""
    rows = _graded_tag_rows(people)
    if quiz_ids is not None:
        rows = rows.filter(result__attempt__quiz_id__in=list(quiz_ids))
    key = f"result__attempt__user__{group_by}"
    rows = (
        rows.values("tag", key)
        .annotate(people=Count("result__attempt__user", distinct=True), mastery=Avg(_share()))
        .order_by("tag", key)
    )
    return mastery_cells(
        (row["tag"], row[key], row["people"], row["mastery"]) for row in rows.iterator()
    )


def tag_tallies(*, people, by_quiz: bool):
    """What mastery is made of, per tag and organisation (and quiz when `by_quiz`), over these
    people's submitted answers: dicts of `tag`, `organisation`, `quiz` (None unless `by_quiz`),
    `people` (distinct), `responses` (graded questions carrying the tag) and `share_sum` (the sum
    of each one's share of its points, so mastery = share_sum / responses). Summed over
    organisations these give any group's mastery exactly; over quizzes, `people` may count one
    person once per quiz. One query, read as it streams."""
    keys = ["tag", "result__attempt__user__organisation_id"]
    if by_quiz:
        keys.append("result__attempt__quiz_id")
    rows = (
        _graded_tag_rows(people)
        .values(*keys)
        .annotate(
            people=Count("result__attempt__user", distinct=True),
            responses=Count("pk"),
            share_sum=Sum(_share()),
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        yield {
            "tag": row["tag"],
            "organisation": row["result__attempt__user__organisation_id"],
            "quiz": row.get("result__attempt__quiz_id"),
            "people": row["people"],
            "responses": row["responses"],
            "share_sum": row["share_sum"] or 0.0,
        }


def mastery_cells(rows: Iterable[tuple[str, object, int, float]]) -> list[MasteryCell]:
    """(tag, group, people, mastery 0..1) rows as MasteryCells with the tags' names, ordered by
    the taxonomy and then the group. One query (the tags' names)."""
    rows = list(rows)
    tags = {tag.code: tag for tag in Tag.objects.filter(code__in={row[0] for row in rows})}
    order = {
        code: index
        for index, code in enumerate(
            sorted(tags, key=lambda c: (tags[c].group_id, tags[c].sort_order, c))
        )
    }
    cells = [
        MasteryCell(
            tag=tag,
            tag_name_en=tags[tag].name_en if tag in tags else tag,
            tag_name_ar=tags[tag].name_ar if tag in tags else tag,
            group=group,
            people=people,
            # Rounded to nine places first: a sum of floats and the database's average of the
            # same floats differ in the last bits, which must not tip the fourth place.
            mastery=Decimal(str(round(mastery, 9))).quantize(Decimal("0.0001")),
        )
        for tag, group, people, mastery in rows
    ]
    return sorted(cells, key=lambda cell: (order.get(cell.tag, len(order)), str(cell.group)))
