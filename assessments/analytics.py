"""Item analysis and mastery, aggregated in the database: the number of queries does not grow
with the number of attempts. A figure over fewer people than HIMAYA_MIN_GROUP_SIZE is left out
(`lms.small_groups`): with one trainee behind it, it would be that trainee's result."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    StdDev,
    Value,
    When,
)
from django.db.models.functions import Cast

from lms.small_groups import FewerThan, small_group

from .models import Attempt, ChosenOption, QuestionResult, QuizVersion, ResultTag


@dataclass(frozen=True)
class QuestionStats:
    """With `suppressed` set (too few people answered), every figure is None or empty."""

    key: str
    people: int | None
    responses: int | None
    difficulty: float | None  # share of full marks, 0..1 (higher is easier)
    discrimination: float | None  # point-biserial of full marks against the rest of the attempt
    options: dict[str, int]  # how often each option was chosen
    suppressed: FewerThan | None = None


def question_stats(version: QuizVersion) -> list[QuestionStats]:
    rest = ExpressionWrapper(F("attempt__points") - F("score"), output_field=FloatField())
    full = Case(
        When(full_marks=True, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )
    rows = (
        QuestionResult.objects.filter(version=version, attempt__submitted_at__isnull=False)
        .values("key")
        .annotate(
            people=Count("attempt__user", distinct=True),
            responses=Count("id"),
            difficulty=Avg(full),
            mean_full=Avg(rest, filter=Q(full_marks=True)),
            mean_other=Avg(rest, filter=Q(full_marks=False)),
            spread=StdDev(rest),
        )
        .order_by("key")
    )
    chosen: dict[str, dict[str, int]] = {}
    for row in (
        ChosenOption.objects.filter(version=version, result__attempt__submitted_at__isnull=False)
        .values("key", "code")
        .annotate(times=Count("id"))
    ):
        chosen.setdefault(row["key"], {})[row["code"]] = row["times"]
    stats = []
    for row in rows:
        suppressed = small_group(row["people"])
        if suppressed is not None:
            stats.append(
                QuestionStats(
                    key=row["key"],
                    people=None,
                    responses=None,
                    difficulty=None,
                    discrimination=None,
                    options={},
                    suppressed=suppressed,
                )
            )
            continue
        stats.append(
            QuestionStats(
                key=row["key"],
                people=row["people"],
                responses=row["responses"],
                difficulty=round(row["difficulty"], 4),
                discrimination=_point_biserial(row),
                options=chosen.get(row["key"], {}),
            )
        )
    return stats


def _point_biserial(row) -> float | None:
    p = row["difficulty"]
    if not row["spread"] or row["mean_full"] is None or row["mean_other"] is None:
        return None  # everyone (or no one) got it right, or all totals were equal
    value = (row["mean_full"] - row["mean_other"]) / row["spread"] * math.sqrt(p * (1 - p))
    return round(value, 4)


def mastery_by_sector(*, tags: list[str] | None = None, quiz=None) -> list[dict]:
    """Share of the available points scored, per tag and sector, e.g. how often labour
    inspectors recognise ILO-09. A group of too few people keeps its tag and sector, but its
    `people`, `responses` and `mastery` are None and `suppressed` says "fewer than 5"."""
    # As floats: SQLite stores a decimal with no fraction (1.0000) as an integer and divides
    # integers to an integer, so half the points (1 of 2) would count as 0.
    share = ExpressionWrapper(
        Cast("result__score", FloatField()) / Cast("result__max_points", FloatField()),
        output_field=FloatField(),
    )
    rows = ResultTag.objects.filter(
        result__attempt__submitted_at__isnull=False, result__max_points__gt=0
    )
    if tags:
        rows = rows.filter(tag__in=tags)
    if quiz is not None:
        rows = rows.filter(result__attempt__quiz=quiz)
    sector = "result__attempt__user__organisation__sector__code"
    groups = []
    for row in (
        rows.values("tag", sector)
        .annotate(
            people=Count("result__attempt__user", distinct=True),
            responses=Count("id"),
            mastery=Avg(share),
        )
        .order_by("tag", sector)
    ):
        suppressed = small_group(row["people"])
        groups.append(
            {
                "tag": row["tag"],
                "sector": row[sector],
                "people": None if suppressed else row["people"],
                "responses": None if suppressed else row["responses"],
                "mastery": None
                if suppressed
                else Decimal(str(row["mastery"])).quantize(Decimal("0.0001")),
                "suppressed": suppressed,
            }
        )
    return groups


# --- The analytics page: a summary a trainer can act on, then details ---------------------------

# Below this point-biserial a question separates strong and weak trainees poorly.
WEAK_DISCRIMINATION = 0.2
# A question fewer than half the attempts answer fully right is "most missed".
MOSTLY_MISSED = 0.5
# Score bands of the distribution chart: 0-9, 10-19, ..., 90-100 percent.
BANDS = tuple(range(0, 100, 10))


@dataclass(frozen=True)
class QuizSummary:
    """Figures over a version's submitted attempts. With `suppressed` set (fewer people than
    the minimum group size took it), every figure but `attempts` is None and `bands` is empty:
    a mean over two trainees is nearly their scores."""

    attempts: int
    people: int | None
    passed: int | None
    pass_rate: Decimal | None  # percent of attempts passed
    mean: Decimal | None  # mean percent
    spread: Decimal | None  # standard deviation of the percents (population)
    critical_failures: int | None  # attempts below full marks on a critical question
    bands: tuple[int, ...]  # attempts per score band, one per BANDS
    suppressed: FewerThan | None = None


def quiz_summary(version: QuizVersion) -> QuizSummary:
    """One aggregate query over the version's submitted attempts (current grades)."""
    band_counts = {
        f"band_{low}": Count(
            "id",
            filter=Q(percent__gte=low, percent__lt=low + 10) if low < 90 else Q(percent__gte=low),
        )
        for low in BANDS
    }
    row = Attempt.objects.filter(version=version, submitted_at__isnull=False).aggregate(
        attempts=Count("id"),
        people=Count("user", distinct=True),
        passed=Count("id", filter=Q(passed=True)),
        mean=Avg("percent"),
        spread=StdDev("percent"),
        critical_failures=Count("id", filter=~Q(critical_failed=[])),
        **band_counts,
    )
    suppressed = small_group(row["people"])
    if suppressed is not None:
        return QuizSummary(
            attempts=row["attempts"],
            people=None,
            passed=None,
            pass_rate=None,
            mean=None,
            spread=None,
            critical_failures=None,
            bands=(),
            suppressed=suppressed,
        )
    two_places = Decimal("0.01")
    return QuizSummary(
        attempts=row["attempts"],
        people=row["people"],
        passed=row["passed"],
        pass_rate=(Decimal(100 * row["passed"]) / row["attempts"]).quantize(two_places),
        mean=Decimal(str(row["mean"])).quantize(two_places),
        spread=Decimal(str(row["spread"] or 0)).quantize(two_places),
        critical_failures=row["critical_failures"],
        bands=tuple(row[f"band_{low}"] for low in BANDS),
    )


def weakly_discriminating(stats: list[QuestionStats]) -> list[QuestionStats]:
    """Questions whose discrimination is below WEAK_DISCRIMINATION, worst first."""
    weak = [s for s in stats if s.discrimination is not None]
    return sorted(
        (s for s in weak if s.discrimination < WEAK_DISCRIMINATION),
        key=lambda s: (s.discrimination, s.key),
    )


def mostly_missed(stats: list[QuestionStats]) -> list[QuestionStats]:
    """Questions fewer than MOSTLY_MISSED of the attempts got fully right, hardest first."""
    shown = [s for s in stats if s.difficulty is not None]
    return sorted(
        (s for s in shown if s.difficulty < MOSTLY_MISSED), key=lambda s: (s.difficulty, s.key)
    )
