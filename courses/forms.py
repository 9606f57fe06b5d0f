from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from lms.spreadsheets import SPREADSHEET_FILES
from lms.uploads import UploadField, stating_the_limit

from .services import session_trainers

# A search must say this much before it lists anyone: one letter matches nearly everybody.
SEARCH_MIN_LENGTH = 2
# People enrolled by one choice from search results: at most a few pages of them. A larger
# group is enrolled as a whole organisation or sector.
MOST_CHOSEN = 100


def due_days_field():
    return forms.IntegerField(
        label=_("Due within (days)"),
        min_value=1,
        max_value=730,
        required=False,
        help_text=_("Leave empty for no due date."),
    )


class PeopleSearchForm(forms.Form):
    """The enrol page's search (GET): a name or email address, or part of one."""

    q = forms.CharField(label=_("Name or email address"), max_length=100, required=False)

    def clean_q(self):
        query = self.cleaned_data["q"]
        if query and len(query) < SEARCH_MIN_LENGTH:
            raise ValidationError(
                ngettext(
                    "Type at least %(count)d letter of a name or an email address.",
                    "Type at least %(count)d letters of a name or an email address.",
                    SEARCH_MIN_LENGTH,
                )
                % {"count": SEARCH_MIN_LENGTH}
            )
        return query


class EnrolChosenPeopleForm(forms.Form):
    """People ticked in the search results. The page draws the boxes itself, one per result:
    the field never renders its choices (they are everyone the manager may see); it only checks
    that each id posted is one of them (one query), so a forged id is refused."""

    people = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Tick at least one person to enrol."),
            "invalid_choice": _("Someone you chose cannot be enrolled by you; search again."),
            "invalid_pk_value": _("Someone you chose cannot be enrolled by you; search again."),
        },
    )
    due_days = due_days_field()

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people

    def clean_people(self):
        chosen = self.cleaned_data["people"]
        if len(chosen) > MOST_CHOSEN:
            raise ValidationError(
                _(
                    "Choose at most %(count)d people at once; to enrol more, enrol their "
                    "organisation or sector."
                )
                % {"count": MOST_CHOSEN}
            )
        return chosen


class EnrolGroupForm(forms.Form):
    """A whole organisation, or (for those who see every organisation) a whole sector: asked
    first as a GET to show its count for confirmation, then posted to enrol."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the organisations listed.")},
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the sectors listed.")},
    )
    due_days = due_days_field()

    def __init__(self, *args, organisations, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["sector"].queryset = sectors
        self.fields["organisation"].empty_label = _("— choose —")
        self.fields["sector"].empty_label = _("— choose —")

    def clean(self):
        cleaned = super().clean()
        organisation, sector = cleaned.get("organisation"), cleaned.get("sector")
        if self.errors:
            return cleaned
        if organisation is None and sector is None:
            raise ValidationError(_("Choose an organisation or a sector."))
        if organisation is not None and sector is not None:
            raise ValidationError(_("Choose an organisation or a sector, not both."))
        return cleaned

    def group(self, people: QuerySet) -> QuerySet:
        """The chosen group among `people`."""
        if self.cleaned_data["organisation"] is not None:
            return people.filter(organisation=self.cleaned_data["organisation"])
        return people.filter(organisation__sector=self.cleaned_data["sector"])

    @property
    def group_name(self) -> str:
        return (self.cleaned_data["organisation"] or self.cleaned_data["sector"]).name


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
