"""Certificates' verbs: issue exactly once, render once, revoke, re-issue, verify, remind.

A certificate's printed facts are frozen in its `context` at issue; nothing later (a renamed
person, an edited course or template) changes an issued certificate. A re-issue makes a new
certificate that supersedes the old one, which stays verifiable as superseded."""

import hashlib
import io
import logging
import zipfile
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.locales import page_in_default_locale, translation_or_page
from courses import api as courses_api
from courses import services as courses_services
from courses.models import CoursePage, Enrolment
from lms.people.models import User
from lms.people.roles import Role

from . import tasks
from .access import (
    can_download_in_bulk,
    can_issue_by_hand,
    can_reissue_certificates,
    can_revoke_certificates,
)
from .context import DEFAULT_TEMPLATE, CertificateContext
from .models import (
    BulkDownload,
    Certificate,
    CertificateEvent,
    CertificateSettings,
    CertificateTemplate,
    ExpiryReminder,
    new_verification_code,
    normalise_code,
)
from .signals import certificate_issued, certificate_revoked
from .signing import sign

logger = logging.getLogger(__name__)

REMINDER_DAYS = (60, 30, 7)
RENEWAL_WINDOW_DAYS = 60


class CertificateError(Exception):
    """The action cannot be done as asked; the message says why."""


def verification_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def default_template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template, _created = CertificateTemplate.objects.get_or_create(
            name="Default", defaults={"html": DEFAULT_TEMPLATE, "is_default": True}
        )
    return template


def build_context(*, certificate: Certificate) -> dict:
    """Everything the certificate prints, taken from the live records once, at issue."""
    user, course = certificate.user, certificate.course
    organisation = user.organisation
    english = course  # learner state points at the default-locale (English) page
    arabic = translation_or_page(course, language="ar")
    return CertificateContext(
        serial=certificate.serial,
        verification_code=certificate.code,
        verification_url=verification_base_url() + certificate.get_absolute_url(),
        kind=certificate.kind,
        holder_name_en=user.name_en,
        holder_name_ar=user.name_ar,
        course_title_en=english.title,
        course_title_ar=arabic.title,
        course_code=course.code,
        sector_en=organisation.sector.name_en if organisation else "",
        sector_ar=organisation.sector.name_ar if organisation else "",
        organisation_en=organisation.name_en if organisation else "",
        organisation_ar=organisation.name_ar if organisation else "",
        hours=f"{course.estimated_hours.normalize():f}",
        issued_on=timezone.localdate(certificate.issued_at),
        expires_on=certificate.expires_on,
        template_version=str(certificate.template_version),
        # The programme's names and signatory as set today, frozen like everything else.
        **CertificateSettings.current().frozen_facts(),
    ).as_dict()


def issue_certificate(
    *,
    enrolment: Enrolment,
    kind: str,
    by: User | None = None,
    reason: str = "",
    issued_at=None,
) -> Certificate:
    """Issue once: a second call, or a concurrent one, returns the live certificate."""
    course = page_in_default_locale(enrolment.course)
    existing = _live(enrolment.user, course, kind)
    if existing is not None:
        return existing
    template = default_template()
    issued_at = issued_at or timezone.now()
    months = course.certificate_validity_months
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=enrolment.user,
                course=course,
                kind=kind,
                # A unique placeholder until the row's id gives the serial, in this transaction.
                serial=f"TMP-{new_verification_code()}",
                context={},
                template=template,
                template_version=template.version,
                issued_at=issued_at,
                expires_on=(timezone.localdate(issued_at) + relativedelta(months=months))
                if months
                else None,
                issued_by=by,
                issue_reason=reason,
            )
            certificate.serial = f"HMY-{issued_at.year}-{certificate.pk:06d}"
            certificate.context = build_context(certificate=certificate)
            certificate.save(update_fields=["serial", "context"])
            CertificateEvent.objects.create(
                certificate=certificate,
                action=CertificateEvent.Action.ISSUED,
                by=by,
                reason=reason,
            )
            _queue_render(certificate)
    except IntegrityError:
        # A parallel event issued it first; the unique constraint kept it to one.
        live = _live(enrolment.user, course, kind)
        if live is None:
            raise
        return live
    logger.info("Certificate %s issued", certificate.pk)
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate


def _live(user, course, kind) -> Certificate | None:
    return Certificate.objects.filter(
        user=user, course=course, kind=kind, revoked_at__isnull=True, superseded_at__isnull=True
    ).first()


def _queue_render(certificate: Certificate) -> None:
    # The task row shares the transaction: no certificate without its rendering, or vice versa.
    tasks.render_certificate_task.enqueue(certificate_id=certificate.pk)


def render_certificate(*, certificate: Certificate) -> Certificate:
    """Render the PDF once and store it with its SHA-256; an existing PDF is never redrawn.

    Safe to run again after a render cut short (a killed worker, a media store that failed) and
    alongside another render of the same certificate: the row is locked while rendering, and the
    PDF always goes under the same name, replacing whatever an unfinished render left there, so
    one certificate has exactly one PDF."""
    # why here: imported when rendering (the task worker, or a download that comes first):
    # issuing, inside a trainee's submit, must not pay for importing xhtml2pdf (~0.6 s).
    from .rendering import render_pdf

    if certificate.sha256:
        return certificate
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("template")
            .get(pk=certificate.pk)
        )
        if not locked.sha256:
            html = locked.template.html if locked.template else default_template().html
            pdf = sign(render_pdf(CertificateContext.from_dict(locked.context), html))
            storage = locked.pdf.storage
            name = pdf_name(locked)
            # No committed row names a file here (sha256 is empty): it is what an unfinished
            # render left, and saving beside it would make a second PDF of one certificate.
            if storage.exists(name):
                storage.delete(name)
            locked.pdf.name = storage.save(name, ContentFile(pdf))
            locked.sha256 = hashlib.sha256(pdf).hexdigest()
            locked.save(update_fields=["pdf", "sha256"])
            CertificateEvent.objects.create(
                certificate=locked, action=CertificateEvent.Action.RENDERED
            )
    certificate.pdf, certificate.sha256 = locked.pdf, locked.sha256
    return certificate


def pdf_name(certificate: Certificate) -> str:
    """Where a certificate's PDF is stored: fixed by the certificate (its issue month and
    serial), so that every render of it, a retry included, writes the same file."""
    issued = timezone.localtime(certificate.issued_at)
    return certificate.pdf.storage.generate_filename(
        f"certificates/{issued:%Y/%m}/{certificate.serial}.pdf"
    )


def render_unfinished(*, older_than: timedelta) -> int:
    """Queue a render for every certificate issued more than `older_than` ago that still has no
    PDF and no render waiting or under way since then: the safety net for a render whose worker
    was killed mid-task (its task stays "running" for ever) or that ran out of retries while the
    media store was away. Returns how many were queued; rendering twice is harmless."""
    cutoff = timezone.now() - older_than
    unrendered = list(
        Certificate.objects.filter(sha256="", issued_at__lt=cutoff).values_list("pk", flat=True)
    )
    if not unrendered:
        return 0
    pending = tasks.pending_renders(certificate_ids=unrendered, since=cutoff)
    queued = 0
    for certificate_id in unrendered:
        if certificate_id not in pending:
            tasks.render_certificate_task.enqueue(certificate_id=certificate_id)
            queued += 1
    if queued:
        logger.warning("Queued %s certificate renders that had not finished", queued)
    return queued


def issue_by_hand(
    *, user: User, course: CoursePage, kind: str, by: User, reason: str, issued_on=None
):
    """A programme manager issues a certificate, e.g. for a workshop held offline, dated the
    day it was earned when that was earlier (its validity runs from then)."""
    if not can_issue_by_hand(by):
        raise CertificateError(_("Only programme managers issue certificates by hand."))
    if not reason.strip():
        raise CertificateError(_("Give the reason for issuing this certificate by hand."))
    if kind not in Certificate.Kind.values:
        raise CertificateError(_("Unknown kind of certificate."))
    enrolment, _created = courses_services.enrol(
        user=user, course=course, source=Enrolment.Source.MANAGER, by=by
    )
    if _live(user, page_in_default_locale(course), kind) is not None:
        raise CertificateError(_("This person already holds this certificate."))
    issued_at = None
    if issued_on is not None:
        if issued_on > timezone.localdate():
            raise CertificateError(_("A certificate cannot be dated in the future."))
        issued_at = timezone.make_aware(
            timezone.datetime.combine(issued_on, timezone.datetime.min.time().replace(hour=12))
        )
    return issue_certificate(
        enrolment=enrolment, kind=kind, by=by, reason=reason.strip(), issued_at=issued_at
    )


@transaction.atomic
def revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not can_revoke_certificates(by):
        raise CertificateError(_("Only programme managers revoke certificates."))
    if not reason.strip():
        raise CertificateError(_("Give the reason for the revocation."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise CertificateError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    CertificateEvent.objects.create(
        certificate=certificate, action=CertificateEvent.Action.REVOKED, by=by, reason=reason
    )
    certificate_revoked.send(sender=Certificate, certificate=certificate, by=by)
    return certificate


def reissue(*, certificate: Certificate, by: User | None, reason: str) -> Certificate:
    """A new certificate from today's records supersedes the old one."""
    if by is not None and not can_reissue_certificates(by):
        raise CertificateError(_("Only programme managers re-issue certificates."))
    if not reason.strip():
        raise CertificateError(_("Give the reason for the re-issue."))
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.revoked_at is not None or old.superseded_at is not None:
            raise CertificateError(_("Only a current certificate can be re-issued."))
        old.superseded_at = timezone.now()
        old.save(update_fields=["superseded_at"])
        enrolment = courses_api.enrolment_in(user=old.user, course=old.course)
        new = issue_certificate(enrolment=enrolment, kind=old.kind, by=by, reason=reason.strip())
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        CertificateEvent.objects.create(
            certificate=old, action=CertificateEvent.Action.SUPERSEDED, by=by, reason=reason
        )
    return new


def find_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("superseded_by")
        .filter(code=normalise_code(code))
        .first()
    )


def matches_issued_pdf(*, certificate: Certificate, content: bytes) -> bool:
    return bool(certificate.sha256) and hashlib.sha256(content).hexdigest() == certificate.sha256


# --- Renewal and reminders ---------------------------------------------------------------------


def renew_if_due(*, enrolment: Enrolment, kind: str, today: date | None = None):
    """Passing again (a retake or a refresher) renews a certificate that has expired or expires
    within RENEWAL_WINDOW_DAYS; otherwise the live one stands."""
    today = today or timezone.localdate()
    live = _live(enrolment.user, page_in_default_locale(enrolment.course), kind)
    if live is None:
        return issue_certificate(enrolment=enrolment, kind=kind)
    if live.expires_on and live.expires_on - today <= timedelta(days=RENEWAL_WINDOW_DAYS):
        return reissue(certificate=live, by=None, reason="Renewed")
    return live


def send_expiry_reminders(*, today: date | None = None) -> int:
    """Email holders (and their organisation managers) 60, 30 and 7 days before expiry, each
    reminder once even if the job runs late or twice."""
    today = today or timezone.localdate()
    sent = 0
    candidates = Certificate.objects.filter(
        revoked_at__isnull=True,
        superseded_at__isnull=True,
        expires_on__gt=today,
        expires_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
    ).select_related("user__organisation")
    for certificate in candidates:
        left = (certificate.expires_on - today).days
        due = [days for days in REMINDER_DAYS if left <= days]
        already = set(certificate.reminders.values_list("days_before", flat=True))
        if not due or min(due) in already:
            continue
        with transaction.atomic():
            # Every threshold passed counts as reminded: one email, not three, when late.
            created = False
            for days in due:
                _row, made = ExpiryReminder.objects.get_or_create(
                    certificate=certificate, days_before=days
                )
                created = created or (days == min(due) and made)
            if not created:
                continue
            _email_reminder(certificate, left)
            CertificateEvent.objects.create(
                certificate=certificate,
                action=CertificateEvent.Action.REMINDED,
                reason=f"{min(due)} days",
            )
        sent += 1
    return sent


def _email_reminder(certificate: Certificate, days_left: int) -> None:
    holder = certificate.user
    recipients = [holder]
    if holder.organisation_id:
        recipients += list(
            User.objects.filter(
                organisation_id=holder.organisation_id,
                groups__name=Role.ORGANISATION_MANAGER,
                is_active=True,
            )
        )
    for person in recipients:
        tasks.send_reminder_email_task.enqueue(
            certificate_id=certificate.pk, recipient_id=person.pk, days_left=days_left
        )


def email_reminder(*, certificate: Certificate, recipient: User, days_left: int) -> None:
    with translation.override(recipient.preferred_language):
        context = {"certificate": certificate, "days_left": days_left, "recipient": recipient}
        subject = render_to_string("certificates/email/reminder_subject.txt", context).strip()
        body = render_to_string("certificates/email/reminder_message.txt", context)
    send_mail(subject, body, None, [recipient.email])


# --- Bulk work ---------------------------------------------------------------------------------


def request_bulk_download(*, certificate_ids: list[int], by: User):
    if not can_download_in_bulk(by):
        raise CertificateError(_("Only programme managers download certificates in bulk."))
    ids = list(Certificate.objects.filter(pk__in=certificate_ids).values_list("pk", flat=True))
    if not ids:
        raise CertificateError(_("Choose at least one certificate."))
    job = BulkDownload.objects.create(requested_by=by, certificate_ids=sorted(ids))
    tasks.build_bulk_download_task.enqueue(job_id=job.pk)
    return job


def build_bulk_download(*, job) -> None:
    """Render what is missing and zip every PDF, counting progress as it goes."""
    BulkDownload.objects.filter(pk=job.pk).update(state=BulkDownload.State.RUNNING)
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number, certificate in enumerate(
                Certificate.objects.filter(pk__in=job.certificate_ids).select_related("template"),
                start=1,
            ):
                render_certificate(certificate=certificate)
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(f"{certificate.serial}.pdf", pdf.read())
                BulkDownload.objects.filter(pk=job.pk).update(done=number)
    except Exception:
        BulkDownload.objects.filter(pk=job.pk).update(state=BulkDownload.State.FAILED)
        raise
    job.refresh_from_db()
    job.archive.save(f"certificates-{job.pk}.zip", ContentFile(buffer.getvalue()), save=False)
    job.state = BulkDownload.State.DONE
    job.save(update_fields=["archive", "state"])
