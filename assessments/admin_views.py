"""The question bank's upload pages in the Wagtail admin: the question import (the same
all-or-nothing check as the command) and the regrade of a quiz version from a corrected file.

Both take a question file through one form base and list the file's problems through one
include (assessments/admin/_problems.html), so a problem reads the same on either page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from lms.people.access import access_required
from lms.uploads import FileTypes, UploadField, stating_the_limit

from . import services
from .access import can_import_questions, can_regrade_quizzes
from .exchange import ExchangeError, dump_yaml, load_yaml
from .models import QuizVersion, Tag

QUESTION_FILES = FileTypes(
    extensions=(".yaml", ".yml", ".gift", ".txt"),
    refusal=_("Upload a .yaml, .yml, .gift or .txt file."),
)


class QuestionFileForm(forms.Form):
    """An uploaded question file within the upload limit, read as UTF-8 text into `self.text`.
    Subclasses declare `file` with their own label, help text and accepted types."""

    file = UploadField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


class ImportForm(QuestionFileForm):
    file = UploadField(
        label=_("Question file"),
        help_text=stating_the_limit(
            _("YAML exchange format (.yaml, .yml) or Moodle GIFT (.gift, .txt). At most %(size)s.")
        ),
        types=QUESTION_FILES,
    )
    scenario_code = forms.CharField(
        label=_("Scenario code (GIFT only)"), max_length=40, required=False
    )


class RegradeForm(QuestionFileForm):
    file = UploadField(
        label=_("Corrected version (YAML)"),
        help_text=stating_the_limit(
            _("Download the version, correct its key, and upload it here. At most %(size)s.")
        ),
    )
    reason = forms.CharField(
        label=_("Reason (recorded with the regrade)"), widget=forms.Textarea(attrs={"rows": 3})
    )


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


@access_required(can_regrade_quizzes)
def regrade(request, version_id):
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
