"""/healthz: is this server fit to take requests? For load balancers and monitoring.

Three checks, each a round trip or two, so a probe every few seconds costs next to nothing:
- the database answers `SELECT 1`;
- the cache stores a value and gives it back (Redis, or the database cache: rate limits live
  there, so a broken cache means sign-in and verification fail);
- the task queue is being worked: no task has waited longer than
  `HIMAYA_HEALTHZ_MAX_TASK_WAIT_MINUTES` since it became due. Certificates are rendered and mail
  is sent by `manage.py db_worker`; a queue that only grows means no worker is running.

200 with `{"status": "ok", ...}` when all pass, 503 with the failing check named otherwise. The
answer holds no personal data and no error text (only which check failed; the log says why, by
exception class), needs no session and no language prefix, and is never cached.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

OK, FAILED = "ok", "failed"


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers() -> bool:
    # A value of its own per probe: two load balancers probing at once do not read each other's.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered


def late_tasks(*, now=None) -> int:
    """Tasks still waiting more than the allowed minutes after they became due: when they were
    queued, or for a task queued to run later, its run_after."""
    cutoff = (now or timezone.now()) - timedelta(
        minutes=settings.HIMAYA_HEALTHZ_MAX_TASK_WAIT_MINUTES
    )
    return (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
        .count()
    )


def _run(name: str, check) -> tuple[bool, object]:
    try:
        return True, check()
    except Exception as error:  # any failure of a dependency is the answer, not a 500
        logger.warning("healthz: %s check raised %s", name, type(error).__name__)
        return False, None


@never_cache
@require_GET
def healthz(request):
    checks, late = {}, None
    ran, answered = _run("database", database_answers)
    checks["database"] = OK if ran and answered else FAILED
    ran, answered = _run("cache", cache_answers)
    checks["cache"] = OK if ran and answered else FAILED
    ran, late = _run("tasks", late_tasks)
    checks["tasks"] = OK if ran and late == 0 else FAILED
    healthy = all(result == OK for result in checks.values())
    return JsonResponse(
        {"status": OK if healthy else FAILED, "checks": checks, "late_tasks": late},
        status=200 if healthy else 503,
    )
