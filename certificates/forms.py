from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses import api as courses_api
from lms.people.models import User

from .models import Certificate


class IssueByHandForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.filter(is_active=True))
    course = forms.ModelChoiceField(label=_("Course"), queryset=courses_api.certifiable_courses())
    kind = forms.ChoiceField(label=_("Certificate"), choices=Certificate.Kind.choices)
    issued_on = forms.DateField(
        label=_("Earned on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today. Validity runs from this date."),
    )
    reason = forms.CharField(
        label=_("Reason (recorded in the audit log)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on and issued_on > timezone.localdate():
            raise forms.ValidationError(_("A certificate cannot be dated in the future."))
        return issued_on
