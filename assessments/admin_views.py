"""The question import in the Wagtail admin: the same all-or-nothing check as the command."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import services
from .exchange_io import ExchangeError

MAX_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Question file"),
        help_text=_(
            "YAML exchange format (.yaml, .yml) or Moodle GIFT (.gift, .txt). At most 2 MB."
        ),
    )
    scenario_code = forms.CharField(
        label=_("Scenario code (GIFT only)"), max_length=40, required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".yaml", ".yml", ".gift", ".txt")):
            raise ValidationError(_("Upload a .yaml, .yml, .gift or .txt file."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


def import_questions(request):
    if not request.user.has_perm("assessments.add_scenario"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            scenarios = services.import_file(
                name=form.cleaned_data["file"].name,
                text=form.text,
                user=request.user,
                gift_code=form.cleaned_data["scenario_code"].strip().upper(),
            )
        except ExchangeError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _("Imported as drafts for review: %(codes)s")
                % {"codes": ", ".join(s.code for s in scenarios)},
            )
            return redirect("assessments_import")
    return TemplateResponse(
        request,
        "assessments/admin/import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )
