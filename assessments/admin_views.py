"""The question import in the Wagtail admin: the same all-or-nothing check as the command."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from lms.people.access import access_required

from . import services
from .access import can_import_questions, can_regrade_quizzes
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


@access_required(can_import_questions)
def import_questions(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            scenarios = services.import_file(
                name=form.cleaned_data["file"].name,
                text=form.text,
                by=request.user,
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


class RegradeForm(forms.Form):
    file = forms.FileField(
        label=_("Corrected version (YAML)"),
        help_text=_("Download the version, correct its key, and upload it here."),
    )
    reason = forms.CharField(
        label=_("Reason (recorded with the regrade)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


@access_required(can_regrade_quizzes)
def regrade(request, version_id):
    from django.http import HttpResponse
    from django.shortcuts import get_object_or_404

    from .exchange_io import dump_yaml, load_yaml
    from .models import QuizVersion, Tag

    version = get_object_or_404(QuizVersion.objects.select_related("quiz"), pk=version_id)
    if request.GET.get("download"):
        response = HttpResponse(
            dump_yaml(version.scenarios), content_type="application/yaml; charset=utf-8"
        )
        filename = f"{version.quiz.code}-v{version.number}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    form = RegradeForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            scenarios = load_yaml(
                form.text, known_tags=set(Tag.objects.values_list("code", flat=True))
            )
            services.regrade_version(
                version=version,
                scenarios=scenarios,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ExchangeError as error:
            problems = error.problems
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The version is regraded; the old scores are kept."))
            return redirect("assessments_regrade", version_id=version.pk)
    return TemplateResponse(
        request,
        "assessments/admin/regrade.html",
        {
            "version": version,
            "form": form,
            "problems": problems,
            "regrades": version.regrades.select_related("created_by").order_by("-created_at"),
            "attempts": version.attempts.filter(submitted_at__isnull=False).count(),
        },
        status=400 if problems or form.errors else 200,
    )
