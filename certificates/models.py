"""Issued certificates: immutable records with their frozen context, PDF and its SHA-256."""

import dataclasses
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import PreviewableMixin, RevisionMixin

from courses.models import CoursePage
from lms.bilingual import in_active_language

# 16 base32 characters carry 80 bits; Crockford's alphabet avoids I, L, O and U.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes, or with O for 0."""
    cleaned = code.upper().replace("-", "").replace(" ", "")
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


class CertificateTemplate(PreviewableMixin, RevisionMixin, models.Model):
    """The HTML/CSS a certificate is drawn from (xhtml2pdf). Issued certificates keep the
    version they were drawn with; editing a template never changes them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    html = models.TextField(
        _("template"),
        help_text=_("Django template syntax; the variables are listed in the documentation."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_default = models.BooleanField(_("use for new certificates"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("name"), FieldPanel("is_default"), FieldPanel("html")]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("html", flat=True)
            previous = stored.first()
            if previous is not None and previous != self.html:
                self.version += 1
        super().save(*args, **kwargs)
        if self.is_default:
            type(self).objects.exclude(pk=self.pk).update(is_default=False)

    def clean(self):
        # why here: the PDF stack loads where templates are checked and rendered, not with models.
        from .rendering import TemplateRenderError, validate_template

        super().clean()
        try:
            validate_template(self.html)
        except TemplateRenderError as error:
            raise ValidationError({"html": str(error)}) from error

    def get_preview_template(self, request, mode_name):
        return "certificates/template_preview.html"

    def serve_preview(self, request, mode_name):
        # why here: the PDF stack loads where templates are checked and rendered, not with models.
        from .rendering import TemplateRenderError, render_pdf, sample_context

        # A fictional holder, with the programme and signatory a certificate issued now would print.
        context = dataclasses.replace(
            sample_context(), **CertificateSettings.current().frozen_facts()
        )
        try:
            pdf = render_pdf(context, self.html)
        except TemplateRenderError as error:
            return HttpResponse(str(error), content_type="text/plain; charset=utf-8", status=400)
        return HttpResponse(pdf, content_type="application/pdf")


@register_setting(icon="doc-full")
class CertificateSettings(BaseGenericSetting):
    """The programme's names and the signatory printed on every certificate, edited in the
    admin's Settings menu. Each certificate freezes them in its context when it is issued, so
    a new name or signatory applies to certificates issued from then on, never to earlier ones.

    One for the whole programme, not per site: certificates are issued by background tasks that
    have no request or site."""

    programme_name_en = models.CharField(
        _("programme name (English)"), max_length=60, default="Himaya"
    )
    programme_name_ar = models.CharField(
        _("programme name (Arabic)"), max_length=60, default="حماية"
    )
    programme_full_name_en = models.CharField(
        _("programme's full name (English)"),
        max_length=200,
        default="National programme for identifying and referring victims of trafficking",
    )
    programme_full_name_ar = models.CharField(
        _("programme's full name (Arabic)"),
        max_length=200,
        default="البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم",
    )
    signatory_name_en = models.CharField(
        _("signatory's name (English)"), max_length=100, default="Dr. Amal Al-Fahad"
    )
    signatory_name_ar = models.CharField(
        _("signatory's name (Arabic)"), max_length=100, default="د. آمال الفهد"
    )
    signatory_title_en = models.CharField(
        _("signatory's title (English)"),
        max_length=150,
        default="Director, National Training Programme",
    )
    signatory_title_ar = models.CharField(
        _("signatory's title (Arabic)"),
        max_length=150,
        default="مديرة البرنامج الوطني للتدريب",
    )

    FROZEN_FIELDS = (
        "programme_name_en",
        "programme_name_ar",
        "programme_full_name_en",
        "programme_full_name_ar",
        "signatory_name_en",
        "signatory_name_ar",
        "signatory_title_en",
        "signatory_title_ar",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("programme_name_en"),
                FieldPanel("programme_name_ar"),
                FieldPanel("programme_full_name_en"),
                FieldPanel("programme_full_name_ar"),
            ],
            heading=_("Programme"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name_en"),
                FieldPanel("signatory_name_ar"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signatory_title_ar"),
            ],
            heading=_("Signatory"),
            help_text=_("Printed on certificates issued from now on; issued ones never change."),
        ),
    ]

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    @classmethod
    def current(cls) -> "CertificateSettings":
        """The saved settings, or the defaults before anyone has saved them (read, not created:
        issuing a certificate writes nothing here)."""
        return cls.base_queryset().first() or cls()

    def frozen_facts(self) -> dict[str, str]:
        """What a certificate's context keeps of these settings, as CertificateContext fields."""
        return {name: getattr(self, name) for name in self.FROZEN_FIELDS}


class Certificate(models.Model):
    # Not in Wagtail's reference index, which its admin viewset would otherwise enter it into: a
    # cohort's final issues hundreds at once, each saved three times (issued, serial, PDF), and
    # every save queued an index task for the worker; a course's "usage" need not count them.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Certificate of completion")
        COMPETENCY = "competency", _("Certificate of competency")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_verification_code
    )
    context = models.JSONField(help_text="Everything printed, frozen at issue.")
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, null=True, related_name="+"
    )
    template_version = models.PositiveIntegerField(default=1)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when issued automatically.",
    )
    issue_reason = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )

    class Meta:
        # Newest first, the id breaking ties so that the admin listing's pages never repeat or
        # skip a certificate issued in the same instant (a rush issues hundreds a second).
        ordering = ["-issued_at", "-id"]
        # The admin listing's order: at 100,000 certificates a page reads its 20 rows from the
        # index instead of sorting the table.
        indexes = [models.Index(fields=["issued_at", "id"], name="certificate_issued_at_id")]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [
            ("revoke_certificate", _("Can revoke certificates")),
            ("reissue_certificate", _("Can re-issue certificates")),
            ("issue_certificate_by_hand", _("Can issue certificates by hand")),
            ("download_certificates_in_bulk", _("Can download certificates in bulk")),
        ]
        constraints = [
            # One live certificate per person, course and kind: the database enforces it.
            models.UniqueConstraint(
                fields=["user", "course", "kind"],
                condition=Q(revoked_at__isnull=True, superseded_at__isnull=True),
                name="certificate_one_live_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.serial

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    def status_on(self, today) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.superseded_at is not None:
            return self.Status.SUPERSEDED
        if self.expires_on is not None and today > self.expires_on:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        """The status in words, in the active language ("Valid", "سارية")."""
        return self.Status(self.status).label

    @property
    def holder_name(self) -> str:
        return in_active_language(
            self.context.get("holder_name_en", ""), self.context.get("holder_name_ar", "")
        )

    @property
    def course_title(self) -> str:
        return in_active_language(
            self.context.get("course_title_en", ""), self.context.get("course_title_ar", "")
        )


class CertificateEvent(models.Model):
    """The audit log: who did what to a certificate, when and why."""

    class Action(models.TextChoices):
        ISSUED = "issued", pgettext_lazy("audit log action", "Issued")
        RENDERED = "rendered", pgettext_lazy("audit log action", "PDF rendered")
        REVOKED = "revoked", pgettext_lazy("audit log action", "Revoked")
        SUPERSEDED = "superseded", pgettext_lazy("audit log action", "Superseded by a re-issue")
        REMINDED = "reminded", pgettext_lazy("audit log action", "Expiry reminder sent")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.action}"


class ExpiryReminder(models.Model):
    """One reminder, sent once, N days before a certificate expires."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id} -{self.days_before}d"


class BulkDownload(models.Model):
    """A manager's request for many certificates' PDFs as one ZIP, built by the task worker."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    certificate_ids = models.JSONField()
    done = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    archive = models.FileField(upload_to="certificates/bulk/", blank=True)

    def __str__(self) -> str:
        return f"{len(self.certificate_ids)} certificates ({self.state})"

    @property
    def total(self) -> int:
        return len(self.certificate_ids)

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


# Completion tracking (docs/completion.md): targets, exports, reports, API tokens and the xAPI
# outbox. Figures themselves are never stored here; certificates/completion.py computes them.


class FileJob(models.Model):
    """A file a manager asked for, built by the task worker and kept for download. The scope
    (`organisation`: None for the whole programme) is frozen at request, so that an organisation
    manager's job can never widen to other organisations whatever the filters say."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    organisation = models.ForeignKey(
        "people.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    filters = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)


class SectorTarget(models.Model):
    """How many people of a sector the programme means to have completed their training within a
    period: what donors fund, and what the dashboard measures completion against."""

    sector = models.ForeignKey(
        "people.Sector", on_delete=models.CASCADE, related_name="+", verbose_name=_("sector")
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    people_to_complete = models.PositiveIntegerField(_("people to complete the training"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sector target")
        verbose_name_plural = _("sector targets")
        ordering = ["-period_start", "sector__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "period_start", "period_end"], name="one_target_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="target_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector_id} {self.period_start}..{self.period_end}: {self.people_to_complete}"


class MasteryTally(models.Model):
    """What mastery of one tag is made of in one organisation, at one quiz (or every quiz when
    `quiz` is empty): rebuilt by `completion.refresh_mastery_tallies` as the figures are
    refreshed, so that a mastery grid at a large programme sums a few rows per organisation
    instead of every graded answer (docs/completion.md, Snapshots)."""

    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        "assessments.Quiz", null=True, on_delete=models.CASCADE, related_name="+"
    )
    tag = models.CharField(max_length=30)
    people = models.PositiveIntegerField()
    responses = models.PositiveIntegerField()
    share_sum = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["quiz", "organisation"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.quiz_id} {self.tag}"


class CompletionExport(FileJob):
    """Completion tables as CSV or XLSX; `pseudonymised` ones carry no names, emails or phones
    and replace person ids with a keyed hash."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Table(models.TextChoices):
        SECTORS = "sectors", _("Sectors")
        ORGANISATIONS = "organisations", _("Organisations")
        PEOPLE = "people", _("People")
        TIMELINE = "timeline", _("Over time")

    format = models.CharField(max_length=4, choices=Format.choices)
    # A CSV file holds one table; an XLSX workbook holds every table, one sheet each (blank).
    table = models.CharField(max_length=16, choices=Table.choices, blank=True)
    pseudonymised = models.BooleanField(default=False)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)

    class Meta(FileJob.Meta):
        verbose_name = _("completion export")
        verbose_name_plural = _("completion exports")

    def __str__(self) -> str:
        return f"{self.format} export ({self.state})"


class ProgrammeReport(FileJob):
    """The bilingual PDF report for donors and partners, rendered by the task worker and kept."""

    pdf = models.FileField(upload_to="reports/%Y/%m/", blank=True)

    class Meta(FileJob.Meta):
        verbose_name = _("programme report")
        verbose_name_plural = _("programme reports")

    def __str__(self) -> str:
        return f"programme report ({self.state})"


class ApiToken(models.Model):
    """A key another system uses to read the completion figures. Only its SHA-256 is kept; the key
    is shown once, when an administrator creates it. `organisation` None means the whole
    programme; otherwise the token sees exactly what that organisation's manager sees."""

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for a token that reads the whole programme."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LearningRecordStatement(models.Model):
    """An xAPI statement waiting for, or delivered to, the configured Learning Record Store (an
    outbox: written in the transaction that records the learning event, sent by the worker)."""

    statement_id = models.UUIDField(unique=True)
    verb = models.CharField(max_length=40)
    statement = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When the next try is due: at once when written, later after a failure that may pass
    # (certificates/learning_records_outbox.py). Empty once sent, or once given up: unsent with
    # no next try is a statement an administrator has to look at (its `last_error` says why).
    next_try_at = models.DateTimeField(null=True, blank=True, default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="statement_outbox")]

    def __str__(self) -> str:
        return f"{self.verb} {self.statement_id}"
