"""The analytics page's figures, kept (issue 14).

Computed from every graded answer, a quiz version's item statistics and its mastery by sector
scan every chosen option and every tag of every answer: 8 s at 10,000 people on SQLite, 7 s at
100,000 on PostgreSQL (docs/benchmarks.md). Where HIMAYA_ANALYTICS_CACHE_SECONDS is above zero
(production: six hours), the page reads them from Django's cache instead, with the time they
were computed:

- kept and younger than REFRESH_MINUTES: shown as they are;
- kept but older: shown as they are, and one refresh is queued for the task worker (a lock in
  the cache keeps a burst of views to one), so the next view after it ran shows new figures;
- not kept (the first view since the cache was emptied, or nobody looked for longer than the
  setting): computed by this request and kept.

`manage.py refresh_quiz_analytics` computes every quiz's current version ahead of views (run
by the same timer as the completion figures), so that even that first view is quick. The
figures are the same numbers `analytics` computes; only their age differs, and the page says
it. With the setting at 0 (tests, development) every view computes them afresh.

Nothing here is a model: the cache is the store, shared by every worker in production (Redis or
the database cache), so this module keeps to the assessments layer without a table of its own.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from lms.small_groups import minimum_group_size

from . import analytics
from .models import Quiz, QuizVersion

# Figures older than this are refreshed by the task worker at the next view.
REFRESH_MINUTES = 5
# Bump when what a kept figure holds or means changes, so the new code never reads the old.
REVISION = 1


@dataclass(frozen=True)
class Figures:
    summary: analytics.QuizSummary
    stats: list
    mastery: list
    computed_at: datetime
    kept: bool  # read from the cache (and so as of `computed_at`), not computed by this view


def kept_seconds() -> int:
    """How long computed figures are kept (HIMAYA_ANALYTICS_CACHE_SECONDS); 0 computes them on
    every view."""
    return settings.HIMAYA_ANALYTICS_CACHE_SECONDS


def _key(version: QuizVersion) -> str:
    return f"quiz-analytics:{REVISION}:{version.quiz_id}:{version.pk}:min{minimum_group_size()}"


def compute(*, quiz: Quiz, version: QuizVersion) -> Figures:
    """The figures from the answers: the summary, the item statistics, mastery by sector."""
    return Figures(
        summary=analytics.quiz_summary(version),
        stats=analytics.question_stats(version),
        mastery=analytics.mastery_by_sector(quiz=quiz),
        computed_at=timezone.now(),
        kept=False,
    )


def refresh(*, version: QuizVersion) -> Figures:
    """Compute the version's figures and keep them; returns them."""
    figures = compute(quiz=version.quiz, version=version)
    cache.set(_key(version), figures, timeout=kept_seconds())
    return figures


def figures(*, quiz: Quiz, version: QuizVersion) -> Figures:
    """The page's figures for `version`: kept or computed as the module says."""
    if not kept_seconds():
        return compute(quiz=quiz, version=version)
    kept = cache.get(_key(version))
    if kept is None:
        return refresh(version=version)
    if timezone.now() - kept.computed_at > timedelta(minutes=REFRESH_MINUTES):
        _queue_refresh(version)
    return Figures(
        summary=kept.summary,
        stats=kept.stats,
        mastery=kept.mastery,
        computed_at=kept.computed_at,
        kept=True,
    )


def _queue_refresh(version: QuizVersion) -> None:
    # cache.add is atomic: of a burst of views of stale figures, one queues the refresh.
    if cache.add(f"{_key(version)}:queued", True, timeout=REFRESH_MINUTES * 60):
        from .tasks import refresh_quiz_analytics

        refresh_quiz_analytics.enqueue(version_id=version.pk)


def refresh_all() -> int:
    """Every quiz's current version (the one the page opens on): computed and kept. Returns
    how many. For the timer (`manage.py refresh_quiz_analytics`)."""
    count = 0
    for quiz in Quiz.objects.all():
        version = quiz.versions.order_by("-number").first()
        if version is not None:
            refresh(version=version)
            count += 1
    return count
