"""The background work of certificates, run by the task worker (django-tasks).

`services`, `learning_records_outbox`, `completion_exports` and `programme_report` enqueue these
tasks through this module and these tasks call them back: each side refers to the other's
functions only when called (``from . import``), which is what lets the two import each other.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from lms.people.models import User

from . import learning_records_outbox, services
from .models import BulkDownload, Certificate, CompletionExport, ProgrammeReport

logger = logging.getLogger(__name__)

# A render that fails (the media store away, the database restarting) is queued again this many
# minutes later, up to five more tries over about five hours; `manage.py render_certificates`
# catches whatever is left after that, and renders whose worker was killed mid-task.
RENDER_RETRY_MINUTES = (1, 5, 15, 60, 240)


@task()
def render_certificate_task(*, certificate_id: int, attempt: int = 1) -> None:
    certificate = Certificate.objects.select_related("template").filter(pk=certificate_id).first()
    if certificate is None:
        return
    try:
        services.render_certificate(certificate=certificate)
    except Exception:
        # The immediate backend (tests, no worker) cannot defer: the render stays for the command.
        if (
            attempt <= len(RENDER_RETRY_MINUTES)
            and render_certificate_task.get_backend().supports_defer
        ):
            delay = timedelta(minutes=RENDER_RETRY_MINUTES[attempt - 1])
            render_certificate_task.using(run_after=timezone.now() + delay).enqueue(
                certificate_id=certificate_id, attempt=attempt + 1
            )
            logger.warning(
                "Rendering certificate %s failed (try %s); trying again in %s",
                certificate_id,
                attempt,
                delay,
            )
        raise


def pending_renders(*, certificate_ids: list[int], since: datetime) -> set[int]:
    """Which of these certificates have a render queued (now or later) or started since
    `since` on the database queue; a render started earlier than that is taken for dead (a
    render takes well under a second)."""
    backend = render_certificate_task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return set()
    queued = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=since),
        task_path=render_certificate_task.module_path,
        backend_name=backend.alias,
    ).values_list("args_kwargs", flat=True)
    wanted = set(certificate_ids)
    return {row["kwargs"]["certificate_id"] for row in queued} & wanted


@task()
def send_learning_records_task(*, statement_ids: list[str]) -> None:
    """Send the xAPI statements an event has just written (learning_records_outbox.py); what
    fails is left for `manage.py send_learning_records` to retry."""
    learning_records_outbox.send_due(statement_ids=statement_ids)


@task()
def build_bulk_download_task(*, job_id: int) -> None:
    job = BulkDownload.objects.filter(pk=job_id).first()
    if job is not None:
        services.build_bulk_download(job=job)


@task()
def send_reminder_email_task(*, certificate_id: int, recipient_id: int, days_left: int) -> None:
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    recipient = User.objects.filter(pk=recipient_id, is_active=True).first()
    if certificate is not None and recipient is not None:
        services.email_reminder(certificate=certificate, recipient=recipient, days_left=days_left)


@task()
def build_completion_export_task(*, job_id: int) -> None:
    # why here: pandas and xlsxwriter load in the worker that builds files, not in web requests.
    from .completion_exports import build_export

    job = CompletionExport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is not None:
        build_export(job=job)


@task()
def build_programme_report_task(*, job_id: int) -> None:
    # why here: the PDF stack (xhtml2pdf, reportlab) loads in the worker that renders.
    from .programme_report import build_report

    job = ProgrammeReport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is not None:
        build_report(job=job)
