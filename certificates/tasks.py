from django_tasks import task


@task()
def render_certificate_task(*, certificate_id: int) -> None:
    from . import services
    from .models import Certificate

    certificate = Certificate.objects.select_related("template").filter(pk=certificate_id).first()
    if certificate is not None:
        services.render_certificate(certificate=certificate)


@task()
def send_learning_records_task(*, statement_ids: list[str]) -> None:
    """Send the xAPI statements an event has just written (learning_records_outbox.py); what
    fails is left for `manage.py send_learning_records` to retry."""
    from .learning_records_outbox import send_due

    send_due(statement_ids=statement_ids)


@task()
def build_bulk_download_task(*, job_id: int) -> None:
    from . import services
    from .models import BulkDownload

    job = BulkDownload.objects.filter(pk=job_id).first()
    if job is not None:
        services.build_bulk_download(job=job)


@task()
def send_reminder_email_task(*, certificate_id: int, recipient_id: int, days_left: int) -> None:
    from lms.people.models import User

    from . import services
    from .models import Certificate

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    recipient = User.objects.filter(pk=recipient_id, is_active=True).first()
    if certificate is not None and recipient is not None:
        services.email_reminder(certificate=certificate, recipient=recipient, days_left=days_left)


@task()
def build_completion_export_task(*, job_id: int) -> None:
    from .completion_exports import build_export
    from .models import CompletionExport

    job = CompletionExport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is not None:
        build_export(job=job)


@task()
def build_programme_report_task(*, job_id: int) -> None:
    from .models import ProgrammeReport
    from .programme_report import build_report

    job = ProgrammeReport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is not None:
        build_report(job=job)
