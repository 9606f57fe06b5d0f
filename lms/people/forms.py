from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lms.spreadsheets import SPREADSHEET_FILES
from lms.uploads import UploadField, upload_limit_text

from .invitation_import import ARABIC_LETTER
from .models import Organisation, User
from .roles import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    name_en = forms.CharField(label=_("Full name in English"), max_length=200)
    name_ar = forms.CharField(label=_("Full name in Arabic"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.select_related("sector", "region"),
        required=False,
        help_text=_("Required for trainees and organisation managers."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.TRAINEE)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=User.Language.choices, initial="ar"
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label_from_instance = lambda org: (
            f"{org.name} — {org.sector.name}, {org.region.name}"
        )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Someone with this email address already has an account."))
        return email

    def clean_name_ar(self):
        name = self.cleaned_data["name_ar"]
        if not ARABIC_LETTER.search(name):
            raise ValidationError(_("The Arabic name must be written in Arabic letters."))
        return name

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        needs_organisation = role in {Role.TRAINEE, Role.ORGANISATION_MANAGER}
        if needs_organisation and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this person works for."))
        return cleaned


class InvitationUploadForm(forms.Form):
    file = UploadField(label=_("Spreadsheet (CSV or XLSX)"), types=SPREADSHEET_FILES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Columns: email, name_en, name_ar, sector, organisation, region, language. "
            "At most %(size)s and %(rows)s rows."
        ) % {
            "size": upload_limit_text(),
            "rows": number_format(settings.HIMAYA_MAX_IMPORT_ROWS, force_grouping=True),
        }
