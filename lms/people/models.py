"""People: users, and the sectors, regions and organisations they belong to.

Data minimisation (docs/domain.md): only what credentials and reporting need is stored.
"""

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.bilingual import in_active_language


class BilingualNameMixin(models.Model):
    """A name in English and Arabic; `name` picks the one for the active language."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)


class Sector(BilingualNameMixin):
    """A frontline sector (labour inspection, hotline, ...). Sectors are data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    # A code of the question bank's ROLE taxonomy, kept as text: people sits below assessments
    # and may not point at its tags. Scenarios carry the same codes (`roles: [LI]`).
    scenario_role = models.CharField(
        _("frontline role code"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z]+$", _("Use capital letters only, e.g. LI or CSO.")),
        ],
        help_text=_(
            "The role code the question bank tags this sector's scenarios with (LI, HL, SH, LC, "
            "JD, CSO, …). A per-sector final draws each trainee's sector scenarios by it; leave "
            "it empty for a sector with no scenarios of its own (its people then sit core "
            "scenarios and scenarios of any sector)."
        ),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    @classmethod
    def scenario_roles(cls) -> dict[str, str]:
        """Every sector with a frontline role code, {sector code: role code}, by sector code."""
        return dict(
            cls.objects.exclude(scenario_role="")
            .order_by("code")
            .values_list("code", "scenario_role")
        )


class Region(BilingualNameMixin):
    """One of the country's administrative regions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Organisation(BilingualNameMixin):
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("sector")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name_en"], name="organisation_unique_name_en"),
            models.UniqueConstraint(fields=["name_ar"], name="organisation_unique_name_ar"),
        ]


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: email is the login; there is no username."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    class Sex(models.TextChoices):
        # Optional, used only for aggregated donor reports.
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    email = models.EmailField(_("email address"), unique=True)
    name_en = models.CharField(_("full name (English)"), max_length=200)
    name_ar = models.CharField(_("full name (Arabic)"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("Every trainee belongs to one organisation, and through it to one sector."),
    )
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Lets the person open the low-level Django admin. Administrators only."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name_en", "name_ar"]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_unique_email_ci"),
        ]
        # The people lists (people, enrol people) are read by name then id, a page at a time
        # (lms/keyset.py): this index answers any page by reading only its rows.
        indexes = [models.Index(fields=["name_en", "id"], name="user_name_en_id")]
        permissions = [
            ("invite_people", _("Can invite people")),
            ("view_all_people", _("Can see people of every organisation")),
            ("view_organisation_people", _("Can see people of their own organisation")),
            ("view_all_reports", _("Can see reports for every sector")),
            ("view_organisation_reports", _("Can see reports for their own organisation")),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def full_name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    @property
    def sector(self) -> Sector | None:
        return self.organisation.sector if self.organisation_id else None


class Invitation(models.Model):
    """A programme manager's invitation; the person sets a password through the emailed link."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="invitation", verbose_name=_("person")
    )
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class InvitationImport(models.Model):
    """A validated invitation spreadsheet whose accounts the task worker creates, all or none.

    The request checks the whole file and records its rows here (only the import's columns, the
    organisation by id); the worker re-checks that nobody was invited meanwhile and creates every
    account in one transaction. The page `people:invite_upload_job` shows how far it got."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Creating the accounts")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Why a row could not be imported when the worker ran: stored as a code, shown translated.
    PROBLEMS = {
        "email_taken": _("Someone with this email address already has an account."),
        "organisation_gone": _("This organisation no longer exists."),
    }

    uploaded_by = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # [{"row", "email", "name_en", "name_ar", "organisation" (id), "language"}, ...]
    rows = models.JSONField()
    # SHA-256 of the rows: the same upload sent twice within minutes is one job.
    rows_digest = models.CharField(max_length=64, db_index=True)
    total = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created = models.PositiveIntegerField(default=0)
    invitation_ids = models.JSONField(default=list, blank=True)
    # [{"row", "column", "problem"}] when rows could no longer be imported; "problem" is a key
    # of PROBLEMS. Empty on a failed job means the worker met an unexpected error.
    problems = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("invitation import")
        verbose_name_plural = _("invitation imports")

    def __str__(self) -> str:
        return f"{self.total} invitations ({self.state})"

    @property
    def in_progress(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}
