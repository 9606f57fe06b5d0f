"""The background work of certificates, run by the task worker (django-tasks).

`services`, `learning_records_outbox`, `completion_exports` and `programme_report` enqueue these
tasks through this module and these tasks call them back: each side refers to the other's
functions only when called (``from . import``), which is what lets the two import each other.
"""

from django_tasks import task

from lms.people.models import User

from . import learning_records_outbox, services
from .models import BulkDownload, Certificate, CompletionExport, ProgrammeReport


@task()
def render_certificate_task(*, certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("template").filter(pk=certificate_id).first()
    if certificate is not None:
        services.render_certificate(certificate=certificate)


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
