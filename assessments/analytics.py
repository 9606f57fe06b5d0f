"""Item analysis and mastery, aggregated in the database: the number of queries does not grow
with the number of attempts."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    StdDev,
    Value,
    When,
)

from .models import ChosenOption, QuestionResult, QuizVersion, ResultTag


@dataclass(frozen=True)
class QuestionStats:
    key: str
    responses: int
    difficulty: float  # share of full marks, 0..1 (higher is easier)
    discrimination: float | None  # point-biserial of full marks against the rest of the attempt
    options: dict[str, int]  # how often each option was chosen


def question_stats(version: QuizVersion) -> list[QuestionStats]:
    rest = ExpressionWrapper(F("attempt__points") - F("score"), output_field=FloatField())
    full = Case(
        When(full_marks=True, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
    )
    rows = (
        QuestionResult.objects.filter(version=version, attempt__submitted_at__isnull=False)
        .values("key")
        .annotate(
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
    return [
        QuestionStats(
            key=row["key"],
            responses=row["responses"],
            difficulty=round(row["difficulty"], 4),
            discrimination=_point_biserial(row),
            options=chosen.get(row["key"], {}),
        )
        for row in rows
    ]


def _point_biserial(row) -> float | None:
    p = row["difficulty"]
    if not row["spread"] or row["mean_full"] is None or row["mean_other"] is None:
        return None  # everyone (or no one) got it right, or all totals were equal
    value = (row["mean_full"] - row["mean_other"]) / row["spread"] * math.sqrt(p * (1 - p))
    return round(value, 4)


def mastery_by_sector(*, tags: list[str] | None = None, quiz=None) -> list[dict]:
    """Share of the available points scored, per tag and sector, e.g. how often labour
    inspectors recognise ILO-09."""
    share = ExpressionWrapper(
        F("result__score") / F("result__max_points"),
        output_field=DecimalField(max_digits=9, decimal_places=4),
    )
    rows = ResultTag.objects.filter(
        result__attempt__submitted_at__isnull=False, result__max_points__gt=0
    )
    if tags:
        rows = rows.filter(tag__in=tags)
    if quiz is not None:
        rows = rows.filter(result__attempt__quiz=quiz)
    return [
        {
            "tag": row["tag"],
            "sector": row["result__attempt__user__organisation__sector__code"],
            "responses": row["responses"],
            "mastery": Decimal(str(row["mastery"])).quantize(Decimal("0.0001")),
        }
        for row in rows.values("tag", "result__attempt__user__organisation__sector__code")
        .annotate(responses=Count("id"), mastery=Avg(share))
        .order_by("tag", "result__attempt__user__organisation__sector__code")
    ]
