from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.client_address import client_address
from lms.media import STORE_ERRORS
from lms.people.access import access_required
from lms.uploads import check_upload, upload_limit_text

from . import services
from .access import (
    can_download_in_bulk,
    can_issue_by_hand,
    can_manage_certificates,
    can_reissue_certificates,
    can_revoke_certificates,
    can_see_certificate,
)
from .forms import IssueByHandForm
from .models import CODE_ALPHABET, CODE_LENGTH, BulkDownload, Certificate, normalise_code
from .transcript import transcript_pdf

VERIFY_LIMIT_PER_MINUTE = 30


@login_required
def my_certificates(request):
    certificates = (
        Certificate.objects.filter(user=request.user)
        .select_related("superseded_by")
        .order_by("-issued_at")
    )
    return render(
        request,
        "certificates/my_certificates.html",
        {"certificates": certificates, "today": timezone.localdate()},
    )


@login_required
def transcript(request):
    response = HttpResponse(transcript_pdf(user=request.user), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="himaya-transcript.pdf"'
    return response


@login_required
def download(request, pk):
    certificate = Certificate.objects.filter(pk=pk).first()
    # Someone else's certificate is a 404, so ids confirm nothing.
    if certificate is None or not can_see_certificate(request.user, certificate):
        raise Http404
    try:
        if not certificate.sha256:
            services.render_certificate(certificate=certificate)
        pdf = certificate.pdf.open("rb")
    except STORE_ERRORS:
        # The media store is unreachable: the certificate stands, and its PDF is rendered or
        # served once the store answers again (certificates/tasks.py retries the render).
        response = render(
            request, "certificates/pdf_unavailable.html", {"certificate": certificate}, status=503
        )
        response["Retry-After"] = "60"
        return response
    return FileResponse(
        pdf,
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )


def _rate_limited(request) -> bool:
    """Verification is public: a per-address budget stops codes being enumerated."""
    address = client_address(request)
    key = f"certificates.verify.{address}.{timezone.now():%Y%m%d%H%M}"
    count = cache.get_or_set(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > VERIFY_LIMIT_PER_MINUTE


def _within_upload_limit(upload) -> bool:
    """Any name will do: whether it is a PDF is read from its first bytes, not its name."""
    try:
        check_upload(upload)
    except ValidationError:
        return False
    return True


def _not_found(request, typed_code: str):
    """The product's own answer to a code that names no certificate: the lookup form again, filled
    in with what was typed so it can be corrected, in the page's language, as a 404 (a page, not
    Django's error handler, so development shows the same page as production)."""
    return render(
        request, "certificates/verify_not_found.html", {"typed_code": typed_code}, status=404
    )


@require_http_methods(["GET", "POST"])
def verify(request, code):
    if _rate_limited(request):
        return HttpResponse(_("Too many verification requests. Try again in a minute."), status=429)
    certificate = services.find_by_code(code)
    if certificate is None:
        return _not_found(request, code)
    check = None
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            check = "missing"
        elif not _within_upload_limit(upload):
            check = "too_large"
        else:
            content = upload.read()
            if not content.startswith(b"%PDF"):
                check = "not_pdf"
            else:
                check = (
                    "match"
                    if services.matches_issued_pdf(certificate=certificate, content=content)
                    else "mismatch"
                )
    status = 400 if check in {"missing", "too_large", "not_pdf"} else 200
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "status": certificate.status,
            "check": check,
            "replacement": certificate.superseded_by,
            "upload_limit": upload_limit_text(),
        },
        status=status,
    )


def verify_lookup(request):
    """The verification form: type a code, get its page. A code that cannot be one (wrong length,
    letters outside the alphabet, a slash) gets the not-found page at once: it could not be put in
    the verification URL, and looking it up would only spend the rate limit."""
    typed = request.GET.get("code", "").strip()
    if not typed:
        return render(request, "certificates/verify_lookup.html")
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH or not set(code) <= set(CODE_ALPHABET):
        return _not_found(request, typed)
    return redirect("certificates:verify", code=code)


# Refused with a 404 like an unknown id: a certificate id confirms nothing.
@login_required
@require_http_methods(["POST"])
@access_required(can_revoke_certificates, refusal=Http404)
def revoke(request, pk):
    """Revoking cannot be undone, so it takes two steps, neither needing JavaScript: a POST
    without ``confirm=yes`` (the manage page's form) writes nothing and shows what revoking means,
    with the reason to check; only the POST from that page, with ``confirm=yes``, revokes."""
    certificate = get_object_or_404(Certificate.objects.select_related("user"), pk=pk)
    reason = request.POST.get("reason", "")
    if certificate.revoked_at is not None:
        messages.error(request, _("This certificate is already revoked."))
        return redirect("certificates:manage", pk=certificate.pk)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "certificates/revoke_confirm.html",
            {"certificate": certificate, "reason": reason},
        )
    try:
        services.revoke(certificate=certificate, by=request.user, reason=reason)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect("certificates:manage", pk=certificate.pk)


@login_required
@require_http_methods(["POST"])
@access_required(can_reissue_certificates, refusal=Http404)
def reissue(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        new = services.reissue(
            certificate=certificate, by=request.user, reason=request.POST.get("reason", "")
        )
    except services.CertificateError as error:
        messages.error(request, str(error))
        return redirect("certificates:manage", pk=certificate.pk)
    messages.success(request, _("A new certificate supersedes the old one."))
    return redirect("certificates:manage", pk=new.pk)


@access_required(can_manage_certificates, refusal=Http404)
def manage(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("user"), pk=pk)
    return render(
        request,
        "certificates/manage.html",
        {
            "certificate": certificate,
            "status_label": Certificate.Status(certificate.status).label,
            "events": certificate.events.select_related("by"),
        },
    )


@access_required(can_download_in_bulk, refusal=Http404)
def bulk(request, pk):
    """The requester's own ZIP job. Anyone else's job, a job of someone who may no longer manage
    certificates, or an archive that is gone is a 404: ids confirm nothing, and never a 500."""
    job = BulkDownload.objects.filter(pk=pk, requested_by=request.user).first()
    if job is None:
        raise Http404
    if request.GET.get("download") and job.state == BulkDownload.State.DONE:
        if not job.archive:
            raise Http404
        try:
            archive = job.archive.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        except STORE_ERRORS:
            messages.error(
                request, _("The file cannot be fetched just now. Try again in a few minutes.")
            )
            return redirect("certificates:bulk", pk=job.pk)
        return FileResponse(archive, as_attachment=True, filename=f"certificates-{job.pk}.zip")
    return render(request, "certificates/bulk.html", {"job": job})


@access_required(can_issue_by_hand, refusal=Http404)
def issue_by_hand(request):
    form = IssueByHandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate = services.issue_by_hand(
                user=data["person"],
                course=data["course"],
                kind=data["kind"],
                by=request.user,
                reason=data["reason"],
                issued_on=data["issued_on"],
            )
        except services.CertificateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Certificate %(serial)s issued.") % {"serial": certificate.serial}
            )
            return redirect("certificates:manage", pk=certificate.pk)
    return render(
        request,
        "certificates/issue_by_hand.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
