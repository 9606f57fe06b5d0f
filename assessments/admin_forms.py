"""The scenario editor's form: the tag picker for roles and tags, and the fictional declaration
required before a scenario goes to review or live (as the lesson form requires it of a lesson
telling a case, courses.models.LessonPageForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminAutoHeightTextInput

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
