"""Course content lives in Wagtail pages; learner state lives in the plain models below them.

Learner state always points at the *canonical* page (the one in the default locale), so an Arabic
and an English reader of the same lesson share one completion record.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import content_warnings
from cms.content_warnings import ContentWarning
from cms.locales import page_in_default_locale
from cms.models import LocalisedPage
from lms.people.models import Sector

from .access import can_enrol_others
from .blocks import LessonBodyBlock


class CourseIndexPage(LocalisedPage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from . import services  # why: courses.services imports these models

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = services.catalogue(user=request.user, index=self)
        return context


def _sign_in_first(request):
    """Course and lesson pages are for signed-in people: anyone else is sent to sign in, and
    back here afterwards."""
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


class CoursePage(LocalisedPage):
    code = models.CharField(
        _("code"),
        max_length=30,
        help_text=_("A stable ASCII code, the same in every language, e.g. VOT-101."),
    )
    summary = RichTextField(_("summary"), features=["bold", "italic", "link", "ol", "ul"])
    sectors = ParentalManyToManyField(
        Sector,
        blank=True,
        related_name="courses",
        verbose_name=_("sectors"),
        help_text=_("The sectors this course is written for."),
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=1
    )
    content_warning = models.CharField(
        _("content warning"),
        max_length=3,
        choices=ContentWarning.choices,
        default=ContentWarning.NONE,
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"), default=24
    )
    is_optional = models.BooleanField(
        _("trainees may enrol themselves"),
        default=False,
        help_text=_("Optional courses appear in the catalogue with an enrol button."),
    )
    pre_test = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pre-test"),
        help_text=_("Taken before the modules; knowledge gain is measured from it."),
    )
    post_test = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("post-test"),
        help_text=_("Must be attempted for the course to be complete."),
    )
    final_quiz = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scenario final"),
        help_text=_("Passing it with no critical error earns the certificate of competency."),
    )
    requires_attendance = models.BooleanField(
        _("requires attending a training session"),
        default=False,
        help_text=_("The course is complete only once the trainee attended one of its sessions."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("summary"),
        FieldPanel("sectors"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_hours"),
                FieldPanel("content_warning"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("is_optional"),
                FieldPanel("requires_attendance"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [FieldPanel("pre_test"), FieldPanel("post_test"), FieldPanel("final_quiz")],
            heading=_("Assessment"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        return super().serve(request, *args, **kwargs)

    def get_preview_context(self, request, mode_name):
        return self.get_context(request, preview=True)

    def get_context(self, request, *args, preview=False, **kwargs):
        """The course for the reader: their enrolment, progress, quizzes and upcoming sessions
        once enrolled, how to enrol before. A preview shows the course as someone not enrolled
        sees it, whoever previews it: authors need not be enrolled."""
        from . import services  # why: courses.services imports these models

        context = super().get_context(request, *args, **kwargs)
        enrolment = None if preview else services.enrolment_for(user=request.user, page=self)
        context["enrolment"] = enrolment
        if enrolment is None:
            context.update(progress=None, sessions=[], quizzes=[], registered=set())
        else:
            (progress,) = services.progress_for(user=request.user, enrolments=[enrolment])
            context.update(
                progress=progress,
                # Read only where the page lists sessions: courses that require attendance.
                sessions=TrainingSession.objects.filter(
                    course=enrolment.course, starts_at__gt=timezone.now()
                ).select_related("trainer"),
                quizzes=services.course_quizzes(user=request.user, course=self),
                registered=(
                    set(request.user.session_registrations.values_list("session_id", flat=True))
                    if progress.needs_attendance
                    else set()
                ),
            )
        context["can_enrol_others"] = not preview and can_enrol_others(request.user)
        return context


class ModulePage(LocalisedPage):
    code = models.CharField(_("code"), max_length=30, help_text=_("e.g. C1 or LI"))
    intro = models.TextField(_("introduction"), blank=True)
    sectors = ParentalManyToManyField(
        Sector,
        blank=True,
        related_name="modules",
        verbose_name=_("required for sectors"),
        help_text=_("Leave empty for a core module every trainee must complete."),
    )
    content_warning = models.CharField(
        _("content warning"),
        max_length=3,
        choices=ContentWarning.choices,
        default=ContentWarning.NONE,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        FieldPanel("intro"),
        FieldPanel("sectors"),
        FieldPanel("content_warning"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its lessons are listed on the course page.
        return redirect(self.get_parent().url + f"#module-{self.pk}")


class LessonPageForm(WagtailAdminPageForm):
    """A lesson that tells a case must be declared fictional before review or publishing."""

    def clean(self):
        cleaned = super().clean()
        wants_to_go_live = any(
            action in self.data for action in ("action-publish", "action-submit")
        )
        body = cleaned.get("body") or []
        has_case = any(block.block_type == "case_narrative" for block in body)
        if wants_to_go_live and has_case and not cleaned.get("fictional_declared"):
            self.add_error(
                "fictional_declared",
                _(
                    "This lesson contains a case narrative: declare that it is a fictional "
                    "composite before submitting it for review."
                ),
            )
        return cleaned


class LessonPage(LocalisedPage):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_required = models.BooleanField(
        _("required"), default=True, help_text=_("Required lessons count towards completion.")
    )
    fictional_declared = models.BooleanField(
        _("every case in this lesson is fictional"),
        default=False,
        help_text=_(
            "I declare that every case narrative here is a fictional composite: no real names, "
            "employers, agencies, addresses or unique facts from real cases."
        ),
    )

    base_form_class = LessonPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("is_required"),
                FieldPanel("fictional_declared"),
            ],
            heading=_("Lesson settings"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def has_case_narrative(self) -> bool:
        return any(block.block_type == "case_narrative" for block in self.body)

    @property
    def quiz_ids(self) -> list[int]:
        return [block.value["quiz"].pk for block in self.body if block.block_type == "quiz"]

    @property
    def needs_fictional_declaration(self) -> bool:
        """Read by cms.ContentReviewTask: a case must be declared fictional to be approved."""
        return self.has_case_narrative

    @property
    def opening_warning(self):
        """The content warning block the lesson opens with, if any."""
        first = self.body[0] if len(self.body) else None
        return first.value if first is not None and first.block_type == "content_warning" else None

    def serve(self, request, *args, **kwargs):
        """Open only to people enrolled in the course (anyone else is sent to sign in, or to
        the course's page, which says how to enrol), and only after they chose to go past the
        warnings before it: its module's (shown before the module's first lesson, or whichever
        lesson of it they open first) and its own opening one, on one screen. Opening the lesson
        records it as the place to continue from. Previews skip all this: authors preview drafts
        without being enrolled."""
        from . import services  # why: courses.services imports these models

        if not request.user.is_authenticated:
            return _sign_in_first(request)
        # The course as its own type, its lessons, modules and tests: the same for every reader,
        # kept under the page tree's version (services.lesson_frame; no query where kept).
        course = self._routed_ancestor(CoursePage) or CoursePage.objects.ancestor_of(self).first()
        frame = services.lesson_frame(course=course, request=request, lesson=self)
        course = frame.course
        # Learner state points at the pages in the default locale (kept: no query to find them).
        lesson_id = services.lesson_in_default_locale_id(self)
        enrolment = services.lesson_enrolment(
            user=request.user, course_id=frame.course_in_default_locale_id, lesson_id=lesson_id
        )
        if enrolment is None:
            messages.info(request, gettext("Enrol in this course to open its lessons."))
            return redirect(frame.course_url)
        # The module as its own type (for its content warning), kept with the course's lessons
        # where routing read the pages above the lesson.
        module = self._routed_ancestor(ModulePage)
        if module is not None:
            module = frame.modules.get(module.pk) or module.specific
        else:
            module = ModulePage.objects.ancestor_of(self).first()
        warnings = self._warnings(module)
        waiting = content_warnings.pending_warnings(
            request, keys=list(warnings), continue_value="1"
        )
        if waiting:
            return self._warning_screen(
                request, [warnings[key] for key in waiting], course=course, module=module
            )
        services.record_visit(enrolment=enrolment, lesson_id=lesson_id)
        return super().serve(
            request,
            *args,
            course=course,
            module=module,
            complete=enrolment.lesson_complete,
            frame=frame,
            **kwargs,
        )

    def kept_with_route(self, request):
        """What cms.routing keeps with this lesson's route, for every reader in the language
        (services.KeptLesson: its course's lessons and modules, its body, its opening warning);
        found again on the page as `route_kept`. Nothing where routing read no course above it."""
        from . import services  # why: courses.services imports these models

        course = self._routed_ancestor(CoursePage)
        if course is None:
            return None
        return services.kept_lesson(lesson=self, course=course, request=request)

    def _routed_ancestor(self, model):
        """The page of type `model` above this one, as routing read it (cms.routing: a plain
        `Page`, no query), or None where routing did not read them."""
        for page in getattr(self, "route_ancestors", ()):
            if page.specific_class is model:
                return page
        return None

    def _warnings(self, module) -> dict[str, dict]:
        """The warnings before this lesson, by session key: its module's, then its own."""
        from . import services  # why: courses.services imports these models

        warnings = {}
        if module is not None and module.content_warning != ContentWarning.NONE:
            warnings[f"module:{module.pk}"] = {
                "level": module.content_warning,
                "title": gettext("Module: %(title)s") % {"title": module.title},
                "label": content_warnings.reader_label(module.content_warning),
                "detail": "",
            }
        opening = services.lesson_opening_warning(self)
        if opening:
            warnings[f"lesson:{self.pk}"] = {
                "level": opening["level"],
                "title": gettext("Lesson: %(title)s") % {"title": self.title},
                "label": content_warnings.reader_label(opening["level"]),
                "detail": opening["message"],
            }
        return warnings

    def _warning_screen(self, request, covers, *, course, module):
        level = content_warnings.strongest(part["level"] for part in covers)
        if level == ContentWarning.DESCRIBES_VIOLENCE:
            summary = gettext(
                "This lesson describes violence or sexual exploitation, without graphic detail."
            )
        else:
            summary = gettext("This lesson mentions abuse.")
        return content_warnings.warning_screen(
            request,
            summary=summary,
            covers=covers,
            advice=gettext(
                "Take it at your own pace. You can stop at any time, and support is available "
                "through your organisation."
            ),
            continue_value="1",
            back_url=reverse("courses:dashboard"),
            context={"page": self, "course": course, "module": module},
        )

    def get_preview_context(self, request, mode_name):
        return self.get_context(request, preview=True)

    def get_context(
        self,
        request,
        *args,
        course=None,
        module=None,
        complete=None,
        preview=False,
        frame=None,
        **kwargs,
    ):
        """The lesson with its course and module, where "previous" and "next" lead (across
        modules, to the tests or the course at either end), and whether the reader completed it
        (never, in a preview). `serve` passes the course, the module, whether it is complete and
        the course's lesson frame, which it has already read."""
        from . import services  # why: courses.services imports these models

        context = super().get_context(request, *args, **kwargs)
        module = module or self.get_parent()
        course = course or CoursePage.objects.ancestor_of(self).first()
        frame = frame or services.lesson_frame(course=course, request=request)
        previous_lesson, next_lesson = services.lesson_sequence(
            lesson=self, course=course, frame=frame
        )
        context.update(
            body_html=services.lesson_body(lesson=self, request=request, preview=preview),
            course=course,
            course_url=frame.course_url,
            module=module,
            complete=not preview
            and (
                complete
                if complete is not None
                else LessonCompletion.objects.filter(
                    user=request.user, lesson=page_in_default_locale(self)
                ).exists()
            ),
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
        )
        return context


# --- Learning paths -------------------------------------------------------------------------


class LearningPath(ClusterableModel):
    """A sector's required courses, in order, each due a number of days after enrolment."""

    sector = models.OneToOneField(
        Sector, on_delete=models.CASCADE, related_name="learning_path", verbose_name=_("sector")
    )

    panels = [FieldPanel("sector"), InlinePanel("steps", label=_("Courses"), min_num=1)]

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self) -> str:
        return str(self.sector)


class LearningPathStep(Orderable):
    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="+", verbose_name=_("course")
    )
    due_days = models.PositiveSmallIntegerField(
        _("due within (days)"), default=90, help_text=_("Counted from the day of enrolment.")
    )

    panels = [FieldPanel("course"), FieldPanel("due_days")]

    class Meta(Orderable.Meta):
        verbose_name = _("learning path course")
        constraints = [
            models.UniqueConstraint(fields=["path", "course"], name="path_step_unique_course")
        ]


# --- Learner state ----------------------------------------------------------------------------


class Enrolment(models.Model):
    class Source(models.TextChoices):
        PATH = "path", _("Sector learning path")
        MANAGER = "manager", _("Enrolled by a manager")
        SELF = "self", _("Self-enrolled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_unique_user_course")
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.course_id}"


class SectorMove(models.Model):
    """A trainee's organisation moved to another sector, and their learning path with it: the
    modules and courses required of them changed. Kept so their dashboard can say what changed
    and what the new path requires (their completed lessons keep counting)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sector_moves"
    )
    from_sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("from")
    )
    to_sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("to")
    )
    moved_at = models.DateTimeField(_("moved at"), default=timezone.now)

    class Meta:
        verbose_name = _("sector move")
        indexes = [models.Index(fields=["user", "-moved_at"], name="sector_move_latest")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.from_sector_id} -> {self.to_sector_id}"


class LessonCompletion(models.Model):
    class Source(models.TextChoices):
        TRAINEE = "trainee", _("Marked complete by the trainee")
        QUIZ = "quiz", _("Quiz passed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TRAINEE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✓ {self.lesson_id}"


# --- Blended training -------------------------------------------------------------------------


class TrainingSession(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    # Shown in the reader's language: the Arabic title and place where they are filled in, the
    # English ones otherwise (sessions made before the Arabic fields existed keep reading).
    title = models.CharField(_("title (English)"), max_length=200)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    place = models.CharField(_("place (English)"), max_length=250, blank=True)
    place_ar = models.CharField(_("place (Arabic)"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sessions_led",
        verbose_name=_("trainer"),
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=25)

    # The admin form (panels, trainer choices) is in wagtail_hooks.TrainingSessionViewSet.

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        # Trainers run only their own sessions; this lets programme managers and administrators
        # run any session and choose who trains it (granted in migration 0003).
        permissions = [
            (
                "manage_any_trainingsession",
                _("Can manage every training session and choose its trainer"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the active language (Arabic when given, English otherwise)."""
        return (get_language() == "ar" and self.title_ar) or self.title

    @property
    def display_place(self) -> str:
        """The place in the active language (Arabic when given, English otherwise)."""
        return (get_language() == "ar" and self.place_ar) or self.place


class SessionRegistration(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_registrations"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    # Empty when the person registered themselves; otherwise the trainer or manager who added
    # them, so every entry on a register can be accounted for.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("session registration")
        verbose_name_plural = _("session registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.session_id}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.session_id}: {self.status}"
