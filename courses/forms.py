from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.people.access import visible_people
from lms.people.models import Organisation
from lms.spreadsheets import SPREADSHEET_FILES
from lms.uploads import UploadField, stating_the_limit

from .services import session_trainers


class EnrolPeopleForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Whole organisations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_days = forms.IntegerField(
        label=_("Due within (days)"), min_value=1, max_value=730, required=False
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people and organisations the manager may see can be chosen; forged ids fail.
        people = visible_people(viewer).filter(is_active=True)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda person: person.full_name
        self.fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=people.values("organisation_id")
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("people") and not cleaned.get("organisations"):
            raise ValidationError(_("Choose at least one person or organisation."))
        return cleaned


class AttendanceUploadForm(forms.Form):
    file = UploadField(
        label=_("Attendance sheet (CSV or XLSX)"),
        help_text=stating_the_limit(
            _("Columns: email, status (present, absent or excused). At most %(size)s.")
        ),
        types=SPREADSHEET_FILES,
    )


class AddParticipantForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the participant"),
        help_text=_("They must already be enrolled in the course."),
    )


class TrainingSessionForm(WagtailAdminModelForm):
    """The admin form of a training session.

    The trainer field is shown only to people who may run any session (its FieldPanel carries
    that permission, so for everyone else the field is not in the form and a posted value is
    ignored); a trainer's new session is theirs. The field offers active Trainers only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "trainer" in self.fields:
            self.fields["trainer"].queryset = session_trainers()
        elif self.instance.trainer_id is None and for_user is not None:
            self.instance.trainer = for_user
