"""The question bank's upload pages in the Wagtail admin: the question import (the same
all-or-nothing check as the command) and the regrade of a quiz version from a corrected file.

The import writes nothing until its summary has been shown: a first post checks the file and
shows either its problems (offering to skip unsupported questions when those are all there is)
or what the import will do to each scenario, with an Import button that posts the same text
back (checked again: nothing from the first post is trusted). An import that removes questions
or options needs its box ticked.

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
from lms.uploads import FileTypes, UploadField, stating_the_limit, upload_limit

from . import services
from .access import can_import_questions, can_regrade_quizzes
from .exchange import ExchangeError, dump_yaml, load_yaml
from .import_report import MAX_PROBLEMS_SHOWN
from .models import QuizVersion, Tag
from .vocabulary import SCENARIO_CODE_MAX_LENGTH

QUESTION_FILES = FileTypes(
    extensions=(".yaml", ".yml", ".gift", ".txt", ".xml"),
    refusal=_("Upload a .yaml, .yml, .gift, .txt or .xml file."),
)


class QuestionFileForm(forms.Form):
    """An uploaded question file within the upload limit, read as UTF-8 text into `self.text`.
    Subclasses declare `file` with their own label, help text and accepted types."""

    file = UploadField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:  # the import's second step posts the checked text instead
            return upload
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
        return upload


class ImportForm(QuestionFileForm):
    """The file, or on the second step the text checked on the first (posted back hidden)."""

    file = UploadField(
        label=_("Question file"),
        help_text=stating_the_limit(
            _(
                "YAML exchange format (.yaml, .yml), Moodle GIFT (.gift, .txt) or Moodle XML "
                "(.xml). At most %(size)s."
            )
        ),
        types=QUESTION_FILES,
        required=False,
    )
    scenario_code = forms.CharField(
        label=_("Scenario code"),
        help_text=_("For GIFT, and for Moodle XML categories without an id number."),
        max_length=SCENARIO_CODE_MAX_LENGTH,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of texts written in one language"),
        choices=[("", _("Tell by their letters")), ("en", _("English")), ("ar", _("Arabic"))],
        required=False,
    )
    skip_unsupported = forms.BooleanField(
        label=_("Skip questions of unsupported types (import the others)"), required=False
    )
    text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    confirm_removal = forms.BooleanField(
        label=_("Yes, remove the questions and options listed"),
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8", "surrogatepass")) > upload_limit():
            raise ValidationError(_("The file is larger than the upload limit."))
        return text

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("text"):
            self.add_error("file", _("Choose a question file."))
        if cleaned.get("file"):
            cleaned["text"] = self.text
        return cleaned

    def options(self) -> dict:
        return {
            "text": self.cleaned_data["text"],
            "scenario_code": self.cleaned_data["scenario_code"].strip().upper(),
            "language": self.cleaned_data["language"] or None,
            "skip_unsupported": self.cleaned_data["skip_unsupported"],
        }


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
    """First post: check and show the problems or the summary. Second post ("import"): import
    the same text, checked again; an import removing anything needs `confirm_removal`."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, plan, skippable = [], None, False
    if request.method == "POST" and form.is_valid():
        options = form.options()
        try:
            if "import" in request.POST:
                plan = services.import_file(
                    **options,
                    by=request.user,
                    confirm_removal=form.cleaned_data["confirm_removal"],
                )
                messages.success(
                    request,
                    _("Imported as drafts for review: %(codes)s")
                    % {"codes": ", ".join(scenario["code"] for scenario in plan.scenarios)},
                )
                return redirect("assessments_import")
            plan = services.plan_import(**options)
        except ExchangeError as error:
            problems = error.problems
            skippable = all(problem.unsupported for problem in problems)
        except services.RemovalNotConfirmed as error:
            plan = error.plan
            form.add_error(None, _("Tick the box to confirm the removals, or cancel."))
    return TemplateResponse(
        request,
        "assessments/admin/import.html",
        {
            "form": form,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "hidden_problems": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "skippable": skippable,
            "plan": plan,
            "checked": form.cleaned_data if form.is_bound and form.is_valid() else {},
        },
        status=400 if problems or form.errors else 200,
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
