import base64
import zlib

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlencode, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, RedirectView, TemplateView

from lms.keyset import cursor, keyset_page
from lms.spreadsheets import RowError, errors_as_csv, preview_errors

from . import services
from .access import (
    CheckMixin,
    InviterRequiredMixin,
    PeopleViewerRequiredMixin,
    visible_organisations,
    visible_people,
)
from .forms import InvitationUploadForm, InviteForm
from .invitation_import import read_invitations, template_csv
from .models import Invitation, InvitationImport, User
from .tokens import invitation_tokens

# The complete error report of the last failed upload, as compressed CSV: a 5,000-row file can
# have 35,000 errors, and the session is read on every request.
IMPORT_REPORT_SESSION_KEY = "people.invitation_import_report"
# The invitation token, once exchanged for the token-free set-password URL (as Django's
# PasswordResetConfirmView does), so that access logs and Referer headers never hold it.
INVITATION_TOKEN_SESSION_KEY = "people.invitation_token"  # noqa: S105 (a key name)


class PeopleListView(PeopleViewerRequiredMixin, TemplateView):
    """Everyone the viewer may see, by name, 50 at a time, filtered by a search and an
    organisation. Pages are keyset pages (lms/keyset.py): the last of 2,000 pages at 100,000
    people is as quick as the first. A fixed number of queries whatever the number of people."""

    template_name = "people/people_list.html"
    page_size = 50

    def people(self):
        people = visible_people(self.request.user).select_related("invitation")
        query = self.request.GET.get("q", "").strip()
        if query:
            people = services.matching(people, query)
        organisation = self.request.GET.get("organisation", "")
        if organisation.isdigit():
            people = people.filter(organisation_id=int(organisation))
        return people

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = self.people()
        page = keyset_page(
            people,
            order="name_en",
            size=self.page_size,
            after=cursor(self.request.GET.get("after")),
            before=cursor(self.request.GET.get("before")),
        )
        filters = {
            "q": self.request.GET.get("q", ""),
            "organisation": self.request.GET.get("organisation", ""),
        }
        context.update(
            people=page.items,
            page=page,
            count=people.count(),
            organisations=visible_organisations(self.request.user),
            query=filters["q"],
            selected_organisation=filters["organisation"],
            filters=urlencode({key: value for key, value in filters.items() if value}),
        )
        return context


class PersonDetailView(PeopleViewerRequiredMixin, DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        # Someone outside the viewer's scope is a 404, so ids reveal nothing.
        return visible_people(self.request.user).select_related("invitation")


class InviteView(InviterRequiredMixin, FormView):
    template_name = "people/invite.html"
    form_class = InviteForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.invite_person(
                by=self.request.user,
                email=data["email"],
                name_en=data["name_en"],
                name_ar=data["name_ar"],
                organisation=data["organisation"],
                language=data["language"],
                role=data["role"],
                job_title=data["job_title"],
            )
        except services.InvitationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Invitation sent to %(email)s.") % {"email": data["email"]}
        )
        return redirect("people:invite")


class InvitationUploadView(InviterRequiredMixin, FormView):
    template_name = "people/invite_upload.html"
    form_class = InvitationUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = read_invitations(upload.name, upload.read())
        if result.ok:
            # 5,000 people take the worker a minute or more: the page follows the job instead.
            job = services.queue_invitation_import(by=self.request.user, rows=result.rows)
            self.request.session.pop(IMPORT_REPORT_SESSION_KEY, None)
            return redirect("people:invite_upload_job", pk=job.pk)
        self.request.session[IMPORT_REPORT_SESSION_KEY] = _pack(errors_as_csv(result.errors))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                errors=result.errors,
                error_preview=preview_errors(result.errors),
                filename=upload.name,
            )
        )


class InvitationImportView(CheckMixin, TemplateView):
    """How far the task worker is with an upload, and how it ended. Only the uploader and those
    who see everyone (programme managers, administrators) may open it; anyone else gets a 404."""

    template_name = "people/invite_upload_job.html"
    refusal = Http404

    def has_access(self, request, pk):
        self.job = InvitationImport.objects.filter(pk=pk).first()
        return self.job is not None and (
            self.job.uploaded_by_id == request.user.pk
            or request.user.has_perm("people.view_all_people")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context["job"] = job
        if job.state == InvitationImport.State.DONE:
            sent = Invitation.objects.filter(
                pk__in=job.invitation_ids, sent_at__isnull=False
            ).count()
            context["sent"] = sent
            context["all_sent"] = sent >= job.created
            context["sent_message"] = ngettext(
                "%(count)d invitation was sent.", "%(count)d invitations were sent.", sent
            ) % {"count": sent}
        if job.state == InvitationImport.State.FAILED and job.problems:
            errors = [
                RowError(problem["row"], problem["column"], job.PROBLEMS[problem["problem"]])
                for problem in sorted(job.problems, key=lambda problem: problem["row"])
            ]
            context["error_preview"] = preview_errors(errors)
        return context


def _pack(text: str) -> str:
    return base64.b64encode(zlib.compress(text.encode("utf-8"))).decode("ascii")


def _unpack(packed: str) -> str:
    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")


class UploadErrorReportView(InviterRequiredMixin, View):
    def get(self, request):
        packed = request.session.get(IMPORT_REPORT_SESSION_KEY)
        if not isinstance(packed, str):
            raise Http404
        return csv_download(_unpack(packed), "invitation-errors.csv")


class UploadTemplateView(InviterRequiredMixin, View):
    def get(self, request):
        return csv_download(template_csv(), "himaya-invitations.csv")


def csv_download(text: str, filename: str) -> HttpResponse:
    # A byte-order mark lets spreadsheet programs read the Arabic as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ResendInvitationView(InviterRequiredMixin, View):
    def post(self, request, pk):
        invitation = get_object_or_404(Invitation, user_id=pk)
        try:
            services.resend_invitation(invitation=invitation)
        except services.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The invitation was sent again."))
        return redirect("people:detail", pk=pk)


def _invited_user(uidb64: str, token: str | None):
    """The invited person the link names, if the token is still good for them."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True, invitation__isnull=False).first()
    if user is None or not invitation_tokens.check_token(user, token):
        return None
    return user


def _invitation_invalid(request):
    return render(request, "people/invitation_invalid.html", status=400)


class AcceptInvitationView(View):
    """The emailed link. It carries the token, so it only swaps it for a session value and
    redirects to a URL without it, before anything is shown."""

    http_method_names = ["get"]

    def get(self, request, uidb64, token):
        if _invited_user(uidb64, token) is None:
            return _invitation_invalid(request)
        request.session[INVITATION_TOKEN_SESSION_KEY] = token
        return redirect("people:accept_invitation_set_password", uidb64=uidb64)


class SetInvitationPasswordView(View):
    template_name = "people/accept_invitation.html"

    def dispatch(self, request, uidb64):
        self.person = _invited_user(uidb64, request.session.get(INVITATION_TOKEN_SESSION_KEY))
        if self.person is None:
            return _invitation_invalid(request)
        return super().dispatch(request, uidb64)

    def render_form(self, form, status=200):
        return render(
            self.request, self.template_name, {"form": form, "person": self.person}, status=status
        )

    def get(self, request, uidb64):
        return self.render_form(SetPasswordForm(self.person))

    def post(self, request, uidb64):
        form = SetPasswordForm(self.person, request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        services.accept_invitation(user=self.person, password=form.cleaned_data["new_password1"])
        del request.session[INVITATION_TOKEN_SESSION_KEY]
        # Signing in is allauth's alone (rate limits, and the second factor staff must set up):
        # the invitation sets the password and sends the person there.
        messages.success(
            request,
            _(
                "Welcome to Himaya. Your password is set: sign in with your email address and "
                "your new password."
            ),
        )
        return redirect("account_login")


class SignInRedirectView(RedirectView):
    """Sends the admin sites' own login pages to allauth, keeping `next`."""

    pattern_name = "account_login"
    query_string = True
