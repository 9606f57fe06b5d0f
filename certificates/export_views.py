"""Exports of the completion tables and the programme report: request, progress, download.

Thin views over `completion_exports` and `programme_report`. Who may ask is who may see the
completion pages; the scope is the viewer's own (`completion.scope_for`), frozen on the job. A job
opens only to people whose scope covers it: anyone else, whatever the id, gets a 404.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.media import STORE_ERRORS
from lms.people.access import access_required

from . import completion, completion_exports, programme_report
from .access import can_view_completion
from .models import CompletionExport, ProgrammeReport

LANGUAGES = ("en", "ar")


def _scope(request) -> completion.Scope:
    scope = completion.scope_for(request.user)
    if scope is None:
        raise Http404
    return scope


def _language(request) -> str:
    asked = request.POST.get("language", "")
    return asked if asked in LANGUAGES else (get_language() or "en")[:2]


def _refused(request, errors: list[str]):
    return render(
        request, "certificates/completion/export_refused.html", {"errors": errors}, status=400
    )


def _download(request, field, *, content_type: str):
    """The kept file as an attachment; a file that is gone is a 404, and a media store that
    does not answer sends the person back to the job's page to try again, never a 500."""
    if not field:
        raise Http404
    try:
        content = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    except STORE_ERRORS:
        messages.error(
            request, _("The file cannot be fetched just now. Try again in a few minutes.")
        )
        return redirect(request.path)
    return FileResponse(
        content,
        as_attachment=True,
        filename=PurePosixPath(field.name).name,
        content_type=content_type,
    )


CONTENT_TYPES = {
    CompletionExport.Format.CSV: "text/csv; charset=utf-8",
    CompletionExport.Format.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}


@require_POST
@access_required(can_view_completion)
def request_export(request):
    """Ask for an export of the tables under the filters of the query string. The file is made
    at once for a small scope, otherwise by the task worker; either way the answer is the job's
    page. An organisation outside the scope is a 404; other bad values a 400 with the reasons."""
    scope = _scope(request)
    filters, errors = completion.Filters.from_query(request.GET, scope)
    if "organisation" in errors:
        raise Http404
    format = request.POST.get("format", "")
    table = request.POST.get("table", "")
    problems = list(errors.values())
    if format not in CompletionExport.Format.values:
        problems.append(_("Choose CSV or XLSX."))
    if format == CompletionExport.Format.CSV and table not in CompletionExport.Table.values:
        problems.append(_("Choose the table to export as CSV."))
    if problems:
        return _refused(request, problems)
    job = completion_exports.request_export(
        by=request.user,
        scope=scope,
        filters=filters,
        format=format,
        table=table,
        language=_language(request),
        pseudonymised=request.POST.get("pseudonymised") == "1",
    )
    return redirect("certificates:completion_export_job", pk=job.pk)


@access_required(can_view_completion, refusal=Http404)
def export_job(request, pk):
    """The export's progress, and its file once ready (`?download=1`)."""
    job = CompletionExport.objects.filter(pk=pk).first()
    if job is None or not completion_exports.can_open_job(request.user, job):
        raise Http404
    if request.GET.get("download") and job.state == CompletionExport.State.DONE:
        return _download(request, job.file, content_type=CONTENT_TYPES[job.format])
    return render(request, "certificates/completion/export_job.html", {"job": job})


@require_http_methods(["GET", "POST"])
@access_required(can_view_completion)
def reports(request):
    """The programme reports of the viewer's scope, newest first; POST asks for a new one over
    the period of the query string."""
    scope = _scope(request)
    if request.method == "POST":
        filters, errors = completion.Filters.from_query(request.GET, scope)
        if "organisation" in errors:
            raise Http404
        if errors:
            return _refused(request, list(errors.values()))
        job = programme_report.request_report(
            by=request.user, scope=scope, filters=filters, language=_language(request)
        )
        return redirect("certificates:programme_report", pk=job.pk)
    return render(
        request,
        "certificates/completion/reports.html",
        {"scope": scope, "reports": programme_report.reports_of(scope)},
    )


@access_required(can_view_completion, refusal=Http404)
def report(request, pk):
    """One report's progress, and its PDF once ready (`?download=1`)."""
    job = ProgrammeReport.objects.filter(pk=pk).first()
    if job is None or not completion_exports.can_open_job(request.user, job):
        raise Http404
    if request.GET.get("download") and job.state == ProgrammeReport.State.DONE:
        return _download(request, job.pdf, content_type="application/pdf")
    return render(request, "certificates/completion/report_job.html", {"job": job})
