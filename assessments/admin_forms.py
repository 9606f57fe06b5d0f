"""The scenario editor's form: the tag picker for roles and tags, and the fictional declaration
required before a scenario goes to review or live (as the lesson form requires it of a lesson
telling a case, courses.models.LessonPageForm). The quiz editor's form: publishing a final that a
trainee could pass without reading the cases asks for confirmation (issue 12, section 0)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminAutoHeightTextInput

from . import test_wise
from .tag_picker import TagPicker, grouped_tags

# The editor's buttons that send content towards trainees: submit for review, publish, and
# restart a review.
GOING_LIVE_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")
ARABIC = {"dir": "rtl", "lang": "ar"}


def arabic_line() -> forms.TextInput:
    return forms.TextInput(attrs=ARABIC)


def arabic_text() -> AdminAutoHeightTextInput:
    return AdminAutoHeightTextInput(attrs=ARABIC)


class ScenarioForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by framework and named in the editor's language (one query each).
        for name, frameworks in (("roles", ["ROLE"]), ("tags", None)):
            if name in self.fields:
                self.fields[name].widget = TagPicker(
                    choices=grouped_tags(value="pk", frameworks=frameworks)
                )

    def clean(self):
        cleaned = super().clean()
        going_live = any(action in self.data for action in GOING_LIVE_ACTIONS)
        if going_live and not cleaned.get("fictional_declared"):
            self.add_error(
                "fictional_declared",
                _(
                    "Declare that this case is a fictional composite before submitting it for "
                    "review or publishing it."
                ),
            )
        return cleaned


class QuizForm(WagtailAdminModelForm):
    """Publishing a final whose test-wise baseline (assessments/test_wise.py) reaches its pass
    mark requires ticking ``confirm_test_wise``: such a final certifies people who never read the
    cases, so whoever publishes it does so knowingly. Any other quiz, or saving a draft,
    publishes as before. The baseline is computed on the fixed list of scenarios being published,
    as the version would freeze it; a quiz drawn by tag is measured on its analytics page."""

    confirm_test_wise = forms.BooleanField(
        label=_("Publish although the test-wise baseline reaches the pass mark"),
        required=False,
        help_text=_(
            "Needed only for a final that a trainee who never reads the cases could pass: "
            "the quiz's analytics name the questions that give most away."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data or cleaned.get("kind") != "final":
            return cleaned
        result = self._baseline(cleaned)
        pass_mark = cleaned.get("pass_mark")
        if result is None or pass_mark is None or not result.reaches(pass_mark):
            return cleaned
        if not cleaned.get("confirm_test_wise"):
            self.add_error(
                "confirm_test_wise",
                _(
                    "A trainee who never reads the cases scores %(heuristic)s%% on this final "
                    "(random guessing: %(random)s%%; pass mark %(pass_mark)s%%). Rewrite the "
                    "questions that give the answer away, or confirm to publish anyway."
                )
                % {
                    "heuristic": result.heuristic,
                    "random": result.random,
                    "pass_mark": pass_mark.normalize(),
                },
            )
        return cleaned

    def _baseline(self, cleaned):
        """The baseline of the live scenarios listed in the form, or None if there are none."""
        items = self.formsets.get("items") if hasattr(self, "formsets") else None
        # The form is cleaned before its formsets: validating them here fills their data.
        if items is None or not items.is_valid():
            return None
        scenarios = [
            form.cleaned_data["scenario"]
            for form in items.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("scenario") is not None
            and not form.cleaned_data.get("DELETE")
        ]
        # Flattened here, not by services.questions_by_key: services imports the models, which
        # import this form. Scoring needs only the questions.
        questions = [q for s in scenarios if s.live for q in s.to_exchange()["questions"]]
        if not questions:
            return None
        return test_wise.baseline(
            questions=questions,
            shuffle_options=bool(cleaned.get("shuffle_options")),
        )
