"""The question bank (taxonomy, scenarios, quizzes) and the learner side (frozen versions,
attempts, grades). A quiz version and everything an attempt stores are in the exchange format of
docs/exchange-format.md, so scoring, import, export and review share one shape."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.content_warnings import ContentWarning
from lms.bilingual import in_active_language

from .admin_forms import QuizForm, ScenarioForm, arabic_line, arabic_text
from .blocks import QuestionsBlock, split_codes
from .exchange.changes import untranslated
from .scoring import CURRENT_RULES
from .vocabulary import (
    CODE_PATTERN,
    DEFAULT_SCORING,
    MATCHING,
    ORDERING,
    SCENARIO_CODE_MAX_LENGTH,
    SINGLE_ANSWER_TYPES,
)

ascii_code = RegexValidator(
    rf"^{CODE_PATTERN}$", _("Use capital letters, digits and hyphens only, e.g. SCN-HL-001.")
)


class BilingualName(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_ar = models.CharField(_("name (Arabic)"), max_length=250)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def name(self) -> str:
        return in_active_language(self.name_en, self.name_ar)


class TagFramework(BilingualName):
    """PAL, ILO, GEN, … (docs/taxonomy.md)."""

    class Meta(BilingualName.Meta):
        verbose_name = _("taxonomy framework")


class TagGroup(BilingualName):
    framework = models.ForeignKey(TagFramework, on_delete=models.CASCADE, related_name="groups")

    class Meta(BilingualName.Meta):
        verbose_name = _("taxonomy group")


class Tag(BilingualName):
    group = models.ForeignKey(TagGroup, on_delete=models.CASCADE, related_name="tags")
    equivalents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="rolled_up_from",
        verbose_name=_("equivalent indicators"),
        help_text=_("For roll-ups, e.g. ILO-07 → GEN-11, GEN-12, SX-09, LOC-PPC."),
    )

    panels = [
        FieldPanel("code", read_only=True),
        FieldPanel("name_en"),
        FieldPanel("name_ar"),
        FieldPanel("group"),
        FieldPanel("equivalents"),
    ]

    class Meta(BilingualName.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class TraineePreview(PreviewableMixin):
    """Preview in the editor as a trainee sees it, in English or in Arabic (the editor's
    language first): `assessments.previews` renders the take page's templates with the object
    as it stands in the form, unsaved."""

    @property
    def preview_modes(self):
        return [("en", _("As a trainee, in English")), ("ar", _("As a trainee, in Arabic"))]

    @property
    def default_preview_mode(self):
        return "ar" if (get_language() or "en").startswith("ar") else "en"

    def serve_preview(self, request, mode_name):
        # why here: previews render with the take page's views, which import these models.
        from .previews import serve_trainee_preview

        return serve_trainee_preview(request, obj=self, language=mode_name)


class Scenario(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TraineePreview,
    index.Indexed,
    ClusterableModel,
):
    """A fictional case and its questions."""

    code = models.CharField(
        _("code"), max_length=SCENARIO_CODE_MAX_LENGTH, unique=True, validators=[ascii_code]
    )
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    case_text_en = models.TextField(_("case (English)"))
    case_text_ar = models.TextField(_("case (Arabic)"))
    content_warning = models.CharField(
        _("content warning"),
        max_length=3,
        choices=ContentWarning.choices,
        default=ContentWarning.NONE,
    )
    roles = ParentalManyToManyField(
        Tag,
        blank=True,
        related_name="+",
        limit_choices_to={"group__framework__code": "ROLE"},
        verbose_name=_("roles"),
    )
    tags = ParentalManyToManyField(
        Tag, blank=True, related_name="scenarios", verbose_name=_("tags")
    )
    fictional_declared = models.BooleanField(
        _("this case is fictional"),
        default=False,
        help_text=_(
            "I declare that this case is a fictional composite: no real names, employers, "
            "agencies, addresses or unique facts from real cases."
        ),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))
    updated_at = models.DateTimeField(auto_now=True)

    needs_translation = models.BooleanField(
        _("needs translation"),
        default=False,
        editable=False,
        help_text=_(
            "Imported with texts in one language only; it cannot be approved until every text "
            "is written in English and Arabic."
        ),
    )

    # Read by cms.ContentReviewTask: a scenario is always a case.
    needs_fictional_declaration = True

    # English and Arabic side by side, the Arabic written right to left; roles and tags in the
    # tag picker (ScenarioForm).
    base_form_class = ScenarioForm
    panels = [
        FieldPanel("code"),
        FieldRowPanel(
            [FieldPanel("title_en"), FieldPanel("title_ar", widget=arabic_line())],
            heading=_("Title"),
        ),
        FieldRowPanel(
            [FieldPanel("case_text_en"), FieldPanel("case_text_ar", widget=arabic_text())],
            heading=_("Case"),
        ),
        FieldPanel("content_warning"),
        FieldPanel("roles"),
        FieldPanel("tags"),
        FieldPanel("questions"),
        FieldPanel("fictional_declared"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("title_en"),
        index.SearchField("title_ar"),
        index.AutocompleteField("title_en"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_ar)

    def clean(self):
        super().clean()
        # Saved with every text in both languages (the editor requires most of them): the
        # translation an import asked for is done, and the review may approve it.
        if self.needs_translation and not untranslated(self.to_exchange()):
            self.needs_translation = False

    def to_exchange(self) -> dict:
        """This scenario in the exchange format (docs/exchange-format.md)."""
        return {
            "code": self.code,
            "title": {"en": self.title_en, "ar": self.title_ar},
            "case_text": {"en": self.case_text_en, "ar": self.case_text_ar},
            "content_warning": self.content_warning,
            "roles": sorted(tag.code for tag in self.roles.all()),
            "tags": sorted(tag.code for tag in self.tags.all()),
            "fictional": self.fictional_declared,
            "questions": [question_to_exchange(block) for block in self.questions],
        }


def question_to_exchange(block) -> dict:
    value = block.value
    question = {
        "code": value["code"],
        "type": block.block_type,
        "stem": {"en": value["stem_en"], "ar": value["stem_ar"]},
        "points": str(Decimal(value["points"]).normalize()),
        "scoring": value["scoring"],
        "critical": bool(value["critical"]),
        "tags": split_codes(value["tags"] or ""),
    }
    # .get: a question stored before general feedback existed has none.
    if value.get("general_feedback_en") or value.get("general_feedback_ar"):
        question["general_feedback"] = {
            "en": value["general_feedback_en"],
            "ar": value["general_feedback_ar"],
        }
    if block.block_type == MATCHING:
        question["pairs"] = [_pair_to_exchange(pair) for pair in value["pairs"]]
        # Absent when there are none, as in the normal form the exchange readers return.
        spares = value.get("spare_answers") or []
        if spares:
            question["spare_answers"] = [
                {"code": spare["code"], "text": {"en": spare["text_en"], "ar": spare["text_ar"]}}
                for spare in spares
            ]
        return question
    options = []
    for option in value["options"]:
        entry = {
            "code": option["code"],
            "text": {"en": option["text_en"], "ar": option["text_ar"]},
        }
        # Ordering is keyed by the options' order; weights apply to single answers only.
        if option["weight"] is not None and block.block_type in SINGLE_ANSWER_TYPES:
            entry["weight"] = option["weight"]
        elif block.block_type != ORDERING:
            entry["correct"] = bool(option["correct"])
        entry["tags"] = split_codes(option["tags"] or "")
        if option["feedback_en"] or option["feedback_ar"]:
            entry["feedback"] = {"en": option["feedback_en"], "ar": option["feedback_ar"]}
        options.append(entry)
    question["options"] = options
    return question


def _pair_to_exchange(pair) -> dict:
    entry = {
        "code": pair["code"],
        "prompt": {"en": pair["prompt_en"], "ar": pair["prompt_ar"]},
        "answer": {
            "code": pair["answer_code"],
            "text": {"en": pair["answer_en"], "ar": pair["answer_ar"]},
        },
        # .get: a pair stored before pairs had tags and feedback reads as having none.
        "tags": split_codes(pair.get("tags") or ""),
    }
    if pair.get("feedback_en") or pair.get("feedback_ar"):
        entry["feedback"] = {"en": pair["feedback_en"], "ar": pair["feedback_ar"]}
    return entry


def question_from_exchange(question: dict) -> tuple[str, dict]:
    """The (block type, block value) for a question in the exchange format."""
    value = {
        "code": question["code"],
        "stem_en": question["stem"]["en"],
        "stem_ar": question["stem"]["ar"],
        "points": Decimal(str(question.get("points", 1))),
        "scoring": question.get("scoring", DEFAULT_SCORING),
        "critical": bool(question.get("critical", False)),
        "tags": " ".join(question.get("tags", [])),
        "general_feedback_en": question.get("general_feedback", {}).get("en", ""),
        "general_feedback_ar": question.get("general_feedback", {}).get("ar", ""),
    }
    if question["type"] == MATCHING:
        value["pairs"] = [
            {
                "code": pair["code"],
                "prompt_en": pair["prompt"]["en"],
                "prompt_ar": pair["prompt"]["ar"],
                "answer_code": pair["answer"]["code"],
                "answer_en": pair["answer"]["text"]["en"],
                "answer_ar": pair["answer"]["text"]["ar"],
                "tags": " ".join(pair.get("tags", [])),
                "feedback_en": pair.get("feedback", {}).get("en", ""),
                "feedback_ar": pair.get("feedback", {}).get("ar", ""),
            }
            for pair in question["pairs"]
        ]
        value["spare_answers"] = [
            {"code": spare["code"], "text_en": spare["text"]["en"], "text_ar": spare["text"]["ar"]}
            for spare in question.get("spare_answers", [])
        ]
    else:
        value["options"] = [
            {
                "code": option["code"],
                "text_en": option["text"]["en"],
                "text_ar": option["text"]["ar"],
                "correct": bool(option.get("correct", False)),
                "weight": option.get("weight"),
                "tags": " ".join(option.get("tags", [])),
                "feedback_en": option.get("feedback", {}).get("en", ""),
                "feedback_ar": option.get("feedback", {}).get("ar", ""),
            }
            for option in question["options"]
        ]
    return question["type"], value


class Quiz(DraftStateMixin, RevisionMixin, TraineePreview, ClusterableModel):
    class Kind(models.TextChoices):
        FORMATIVE = "formative", _("Formative check")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")
        FINAL = "final", _("Scenario final")

    class Feedback(models.TextChoices):
        AFTER_QUESTION = "after_question", _("After each question")
        AFTER_SUBMISSION = "after_submission", _("After submission")
        AFTER_CLOSE = "after_close", _("After the quiz closes")

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[ascii_code])
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_ar = models.CharField(_("title (Arabic)"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FORMATIVE)
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("75"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 means unlimited.")
    )
    cooldown_minutes = models.PositiveIntegerField(_("minutes between attempts"), default=0)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: untimed.")
    )
    one_per_page = models.BooleanField(
        _("one question per page"),
        default=False,
        help_text=_("Otherwise every question of the quiz is on one page."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    # On by default: options in the order written give answers away (the key written first, or
    # longest, or in a pattern across questions). Ordering and matching are always shuffled.
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    feedback_timing = models.CharField(
        _("show feedback"),
        max_length=20,
        choices=Feedback.choices,
        default=Feedback.AFTER_SUBMISSION,
    )
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    # A per-sector draw (assessments/drawing.py): each trainee's final is a parallel form of
    # whole scenarios, from their own sector and the core, none they have seen before.
    sector_scenarios = models.PositiveSmallIntegerField(
        _("scenarios from the trainee's sector"),
        default=0,
        help_text=_(
            "For a final drawn per sector: how many whole scenarios of the trainee's own sector "
            "(the frontline role code set on the sector) each attempt draws. The pool is the "
            "scenarios listed above, or every published scenario when none is listed. 0 and 0 "
            "below: no per-sector draw."
        ),
    )
    core_scenarios = models.PositiveSmallIntegerField(
        _("core scenarios"),
        default=0,
        help_text=_(
            "How many core scenarios (tagged with every sector's role, so every sector sits "
            "them) each attempt draws as well. No scenario a trainee has seen in an earlier "
            "attempt, at this quiz or any other, is drawn again while unseen ones remain."
        ),
    )
    pre_test = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="post_tests",
        limit_choices_to={"kind": "pre_test"},
        verbose_name=_("paired pre-test"),
        help_text=_("For a post-test: the pre-test whose score knowledge gain is measured from."),
    )

    panels = [
        FieldPanel("code"),
        FieldRowPanel(
            [FieldPanel("title_en"), FieldPanel("title_ar", widget=arabic_line())],
            heading=_("Title"),
        ),
        FieldPanel("kind"),
        FieldPanel("pre_test"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("cooldown_minutes"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("one_per_page"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("feedback_timing"),
                FieldPanel("closes_at"),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("items", label=_("Scenarios (fixed list, or the pool of a per-sector draw)")),
        MultiFieldPanel(
            [FieldPanel("sector_scenarios"), FieldPanel("core_scenarios")],
            heading=_("Or a draw per sector (a final as parallel forms)"),
        ),
        InlinePanel("draw_rules", label=_("Or a random draw per tag")),
        FieldPanel("confirm_test_wise"),
    ]
    base_form_class = QuizForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        permissions = [
            ("regrade_quiz", _("Can regrade a quiz version with a corrected key")),
            ("view_quiz_analytics", _("Can see a quiz's item analysis")),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return in_active_language(self.title_en, self.title_ar)

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()

    @property
    def drawn_per_sector(self) -> bool:
        return bool(self.sector_scenarios or self.core_scenarios)


class QuizItem(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="items")
    scenario = models.ForeignKey(
        Scenario, on_delete=models.PROTECT, related_name="+", verbose_name=_("scenario")
    )

    panels = [FieldPanel("scenario")]


class QuizDrawRule(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draw_rules")
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="+", verbose_name=_("tag"))
    count = models.PositiveSmallIntegerField(_("questions"), default=1)

    panels = [FieldPanel("tag"), FieldPanel("count")]


class QuizVersion(models.Model):
    """What a quiz was when it was published: immutable, in the exchange format."""

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    scenarios = models.JSONField(help_text="The scenarios, in the exchange format.")
    draw_rules = models.JSONField(default=list, help_text='[{"tag": code, "count": n}]')
    sector_draw = models.JSONField(
        default=dict,
        blank=True,
        help_text='A per-sector draw: {"sector": n, "core": m, "roles": {sector code: ROLE '
        "code}}, the sectors' roles when it was published (assessments/drawing.py); empty "
        "otherwise. The scenarios are then the pool it draws from.",
    )
    quiz_settings = models.JSONField(help_text="The quiz's settings when it was published.")
    scoring_rules = models.PositiveSmallIntegerField(
        default=CURRENT_RULES,
        editable=False,
        help_text="The edition of the scoring rules its attempts are scored and re-scored under "
        "(docs/scoring.md, Editions).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quiz", "number"], name="quiz_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.quiz.code} v{self.number}"


class Regrade(models.Model):
    """A manager's corrected key for a version: who, when, why, and the corrected questions."""

    version = models.ForeignKey(QuizVersion, on_delete=models.PROTECT, related_name="regrades")
    scenarios = models.JSONField(help_text="The corrected scenarios, in the exchange format.")
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.version} regrade {self.pk}"


class Attempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(QuizVersion, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    layout = models.JSONField(
        help_text='The questions as drawn and shuffled: [{"key", "options": [codes]}].'
    )
    answers = models.JSONField(default=dict)
    locked_keys = models.JSONField(
        default=list, help_text="Questions whose feedback was shown (no more changes)."
    )
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    # Handed in: the answers are final and the attempt waits for the task worker to mark it
    # (services.hand_in); `submitted_at` is set, to the same moment, when it is marked.
    handed_in_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The current grade; every grade, old and new, is kept in AttemptGrade.
    points = models.DecimalField(max_digits=9, decimal_places=4, null=True)
    max_points = models.DecimalField(max_digits=9, decimal_places=4, null=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    passed = models.BooleanField(null=True)
    critical_failed = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="attempt_unique_number")
        ]
        indexes = [models.Index(fields=["quiz", "user", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.quiz.code} #{self.number} by {self.user_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_being_marked(self) -> bool:
        """Handed in, its answers final, and not yet marked by the task worker."""
        return self.handed_in_at is not None and self.submitted_at is None


class AttemptGrade(models.Model):
    """One grading of an attempt: at submission, and again at each regrade."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="grades")
    regrade = models.ForeignKey(Regrade, on_delete=models.PROTECT, null=True, related_name="+")
    points = models.DecimalField(max_digits=9, decimal_places=4)
    max_points = models.DecimalField(max_digits=9, decimal_places=4)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    passed = models.BooleanField()
    critical_failed = models.JSONField(default=list)
    graded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.percent}%"


class QuestionResult(models.Model):
    """One question of a submitted attempt, as currently graded: the rows analytics aggregate."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="results")
    version = models.ForeignKey(QuizVersion, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)  # "SCENARIO/QUESTION"
    score = models.DecimalField(max_digits=9, decimal_places=4)
    max_points = models.DecimalField(max_digits=9, decimal_places=4)
    full_marks = models.BooleanField()
    chosen = models.JSONField(null=True)
    tags = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "key"], name="question_result_unique")
        ]
        indexes = [models.Index(fields=["version", "key"])]

    def __str__(self) -> str:
        return f"{self.attempt_id} {self.key}: {self.score}"


class ResultTag(models.Model):
    """One tag of one graded question: lets mastery per tag be aggregated in the database."""

    result = models.ForeignKey(QuestionResult, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(max_length=30, db_index=True)

    def __str__(self) -> str:
        return f"{self.result_id} {self.tag}"


class ChosenOption(models.Model):
    """One option a trainee chose (or placed, or matched) in one graded question."""

    result = models.ForeignKey(QuestionResult, on_delete=models.CASCADE, related_name="choices")
    version = models.ForeignKey(QuizVersion, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    code = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["version", "key"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.code}"
