"""The xAPI outbox: statements are written in the transaction of the event they record and sent
to the Learning Record Store by the task worker; what could not be sent is retried by
`manage.py send_learning_records` (docs/architecture.md, "Learning records (xAPI)").

Off unless `HIMAYA_XAPI_ENDPOINT` is set: then nothing is written or queued.
"""

import base64
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from . import learning_records as xapi
from . import tasks
from .models import LearningRecordStatement

logger = logging.getLogger(__name__)

# Short, so that a store that does not answer holds a worker for seconds, not minutes.
TIMEOUT_SECONDS = 5
# At most this many statements per run of the command.
BATCH_SIZE = 500


def enabled() -> bool:
    return bool(settings.HIMAYA_XAPI_ENDPOINT)


def base_url() -> str:
    """The site's address: activity IRIs and the actors' account homePage are built on it."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def queue(events: list[xapi.LearningEvent]) -> int:
    """Write the statements of `events` to the outbox and queue one task that sends them, both in
    the caller's transaction (the task queue is a table in the same database), so a statement
    exists exactly when its event committed. Nothing when xAPI is off. A fact reported again
    has the same statement id and is not written twice. Two queries however many events."""
    if not enabled() or not events:
        return 0
    site = base_url()
    rows = [
        LearningRecordStatement(
            statement_id=xapi.statement_id(event, base_url=site),
            verb=event.verb,
            statement=xapi.statement(event, base_url=site, actor_key=settings.HIMAYA_PSEUDONYM_KEY),
        )
        for event in events
    ]
    LearningRecordStatement.objects.bulk_create(rows, ignore_conflicts=True)
    tasks.send_learning_records_task.enqueue(statement_ids=[str(row.statement_id) for row in rows])
    return len(rows)


def _authorisation() -> dict[str, str]:
    if not settings.HIMAYA_XAPI_USERNAME:
        return {}
    pair = f"{settings.HIMAYA_XAPI_USERNAME}:{settings.HIMAYA_XAPI_PASSWORD}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}


def post(statement: dict) -> xapi.Outcome:
    """POST one statement to the LRS's statements resource; never raises for a network failure
    or an answer, which it reports as an Outcome."""
    url = settings.HIMAYA_XAPI_ENDPOINT.rstrip("/") + "/statements"
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return xapi.Outcome(sent=False, error="HIMAYA_XAPI_ENDPOINT is not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked just above)
        url,
        data=json.dumps(statement).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": xapi.API_VERSION,
            **_authorisation(),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return xapi.outcome_of_status(response.status)
    except urllib.error.HTTPError as error:
        # The LRS's reason, kept for the administrator (statements hold no personal data).
        detail = error.read(300).decode("utf-8", "replace").strip()
        return xapi.outcome_of_status(error.code, detail)
    except (OSError, http.client.HTTPException) as error:  # refused, timed out, TLS, cut off
        reason = getattr(error, "reason", error)
        return xapi.Outcome(sent=False, retryable=True, error=f"no answer: {reason}")


def _record(row: LearningRecordStatement, outcome: xapi.Outcome, now: datetime) -> None:
    tries = row.tries + 1
    next_try = xapi.next_try_after(tries=tries, outcome=outcome, now=now)
    # Conditional: a statement another run has sent meanwhile stays sent.
    LearningRecordStatement.objects.filter(pk=row.pk, sent_at__isnull=True).update(
        tries=tries,
        sent_at=now if outcome.sent else None,
        last_error=outcome.error,
        next_try_at=next_try,
    )
    if not outcome.sent:
        # Ids, try counts and the status only: never the statement.
        logger.warning(
            "xAPI statement %s not sent (try %s, %s): %s",
            row.pk,
            tries,
            "will retry" if next_try else "given up",
            outcome.error.split(":")[0],
        )


@dataclass(frozen=True)
class Run:
    sent: int = 0
    failed: int = 0  # tries that did not store the statement


def send_due(*, statement_ids: list[str] | None = None, now: datetime | None = None) -> Run:
    """Send the unsent statements whose try is due (of `statement_ids` only, when given), oldest
    first. At the first failure that may pass, the store is unreachable or overloaded: the run
    stops there and the rest wait for the next, so an outage costs one try, not one per
    statement. Nothing when xAPI is off: statements written before it was switched off wait."""
    if not enabled():
        return Run()
    now = now or timezone.now()
    rows = LearningRecordStatement.objects.filter(sent_at__isnull=True, next_try_at__lte=now)
    if statement_ids is not None:
        rows = rows.filter(statement_id__in=statement_ids)
    sent = failed = 0
    for row in rows.order_by("next_try_at", "pk")[:BATCH_SIZE]:
        outcome = post(row.statement)
        _record(row, outcome, timezone.now())
        if outcome.sent:
            sent += 1
            continue
        failed += 1
        if outcome.retryable:
            break
    return Run(sent=sent, failed=failed)


def retry_given_up(*, now: datetime | None = None) -> int:
    """Give the statements left for an administrator a fresh set of tries, due now (after the
    cause, e.g. a wrong password or a full store, has been put right). Returns how many."""
    return LearningRecordStatement.objects.filter(
        sent_at__isnull=True, next_try_at__isnull=True
    ).update(tries=0, next_try_at=now or timezone.now())


@dataclass(frozen=True)
class State:
    sent: int
    waiting: int
    given_up: int


def state() -> State:
    """How many statements are sent, waiting for a try, and given up. One query."""
    counts = LearningRecordStatement.objects.aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        waiting=Count("pk", filter=Q(sent_at__isnull=True, next_try_at__isnull=False)),
        given_up=Count("pk", filter=Q(sent_at__isnull=True, next_try_at__isnull=True)),
    )
    return State(**counts)
