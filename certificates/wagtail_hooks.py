import django_filters
from django.contrib import messages
from django.db.models import Q
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.people.access import CheckMixin

from . import completion_admin, services
from .access import can_download_in_bulk, can_list_certificates
from .api_tokens import issue_api_token, revoke_api_token
from .models import ApiToken, Certificate, CertificateTemplate


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices, method="filter_status"
    )
    expiring_within = django_filters.ChoiceFilter(
        label=_("Expiring soon"),
        choices=[("30", _("within 30 days")), ("60", _("within 60 days"))],
        method="filter_expiring",
    )

    class Meta:
        model = Certificate
        fields = ["kind", "course", "user__organisation__sector", "user__organisation"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        live = Q(revoked_at__isnull=True, superseded_at__isnull=True)
        return queryset.filter(
            {
                "valid": live & (Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
                "expired": live & Q(expires_on__lt=today),
                "revoked": Q(revoked_at__isnull=False),
                "superseded": Q(revoked_at__isnull=True, superseded_at__isnull=False),
            }[value]
        )

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            revoked_at__isnull=True,
            superseded_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + timezone.timedelta(days=int(value)),
        )


class ManageColumn(Column):
    def get_value(self, instance):
        return format_html('<a href="/certificates/{}/">{}</a>', instance.pk, _("Manage"))


# Wagtail's snippet choosers check no permission of their own: without this, anybody with admin
# access (a trainer) could list every holder's certificate serial through the chooser. Refused
# like the listing itself.
class ManagersOnlyChooserMixin(CheckMixin):
    check = staticmethod(can_list_certificates)


class CertificateChooseView(ManagersOnlyChooserMixin, chooser.ChooseView):
    pass


class CertificateChooseResultsView(ManagersOnlyChooserMixin, chooser.ChooseResultsView):
    pass


class CertificateChosenView(ManagersOnlyChooserMixin, chooser.SnippetChosenView):
    pass


class CertificateChosenMultipleView(ManagersOnlyChooserMixin, chooser.SnippetChosenMultipleView):
    pass


class CertificateChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = CertificateChooseView
    choose_results_view_class = CertificateChooseResultsView
    chosen_view_class = CertificateChosenView
    chosen_multiple_view_class = CertificateChosenMultipleView


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    filterset_class = CertificateFilterSet
    list_display = [
        "serial",
        "holder_name",
        "kind",
        "course_title",
        "status",
        ManageColumn("manage"),
    ]
    search_fields = ["serial", "code", "user__name_en", "user__name_ar", "user__email"]
    inspect_view_enabled = True
    chooser_viewset_class = CertificateChooserViewSet


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-empty"
    menu_label = _("Certificate templates")
    list_display = ["name", "version", "is_default"]


class CertificatesGroup(SnippetViewSetGroup):
    items = (CertificateViewSet, CertificateTemplateViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_name = "certificates"


register_snippet(CertificatesGroup)


LARGEST_ID = 2**63 - 1  # a primary key beyond this cannot exist (and SQLite cannot compare it)


def _forbidden(request):
    return TemplateResponse(request, "403.html", status=403)


class DownloadZipBulkAction(CheckMixin, SnippetBulkAction):
    """Select certificates in the listing, get one ZIP of their PDFs, built in the background."""

    display_name = _("Download PDFs (ZIP)")
    action_type = "download_zip"
    aria_label = _("Download the selected certificates as one ZIP file")
    template_name = "certificates/admin/confirm_bulk_download.html"
    action_priority = 10
    models = [Certificate]

    # Refused before anything is read. A 403 page, not PermissionDenied: the admin would turn
    # that into a redirect to its dashboard.
    check = staticmethod(can_download_in_bulk)

    def refusal_response(self, request):
        return _forbidden(request)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Forged ids ("abc", "1.5", 30 digits) are a 404 like unknown ones, not a 500.
        try:
            ids = [int(object_id) for object_id in object_ids]
        except (TypeError, ValueError) as error:
            raise Http404 from error
        if any(not 0 < object_id <= LARGEST_ID for object_id in ids):
            raise Http404
        return super().get_queryset(model, ids)

    def check_perm(self, obj):
        return can_download_in_bulk(self.request.user)

    def prepare_action(self, objects, objects_without_access):
        try:
            job = services.request_bulk_download(
                certificate_ids=[certificate.pk for certificate in objects], by=self.request.user
            )
        except services.CertificateError:
            return _forbidden(self.request)
        return redirect("certificates:bulk", pk=job.pk)

    @classmethod
    def execute_action(cls, objects, **kwargs):  # pragma: no cover  (prepare_action redirects)
        return 0, 0


hooks.register("register_bulk_action", DownloadZipBulkAction)


# --- API tokens (issue 10, item 6): administrators issue and revoke the keys of the completion
# API. Only the Administrator role holds certificates' ApiToken permissions; everyone else is
# refused by the viewset's permission policy. ---------------------------------------------------


class ApiTokenCreateView(CreateView):
    """Issues a token and shows its key once, on the page that answers the form: the key is not
    stored, so it cannot be shown again."""

    def save_instance(self):
        token, self.key = issue_api_token(
            name=self.form.cleaned_data["name"],
            organisation=self.form.cleaned_data["organisation"],
            by=self.request.user,
        )
        log(instance=token, action="wagtail.create", content_changed=True)
        return token

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "certificates/admin/api_token_issued.html",
            {
                "token": self.object,
                "key": self.key,
                "page_title": _("API token issued"),
                "header_icon": "key",
                "index_url": reverse(self.index_url_name),
            },
        )
        add_never_cache_headers(response)  # the key must not stay in any cache
        return response


class ApiTokenRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks to confirm (GET), then revokes (POST): the key stops working at once."""

    permission_required = "change"
    template_name = "certificates/admin/api_token_revoke.html"
    page_title = _("Revoke API token")
    header_icon = "key"
    index_url_name = None

    @property
    def index_url(self):
        return reverse(self.index_url_name)

    def get_object(self):
        # Called from get/post, after PermissionCheckedMixin.dispatch: refused users learn
        # nothing of which ids exist.
        pk = self.kwargs["pk"]
        if not 0 < pk <= LARGEST_ID:
            raise Http404
        return get_object_or_404(ApiToken.objects.select_related("organisation"), pk=pk)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(token=self.get_object()))

    def post(self, request, *args, **kwargs):
        token = self.get_object()
        if revoke_api_token(token=token):
            log(instance=token, action="certificates.revoke_api_token")
            messages.success(request, _("API token '%(name)s' revoked.") % {"name": token.name})
        return redirect(self.index_url_name)


class ApiTokenScopeColumn(Column):
    def get_value(self, instance):
        return instance.organisation or _("Whole programme")


class ApiTokenRevokeColumn(Column):
    def get_value(self, instance):
        if instance.revoked_at:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("api_tokens:revoke", args=[instance.pk]),
            _("Revoke"),
        )


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    name = "api_tokens"
    url_prefix = "api-tokens"
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    add_view_class = ApiTokenCreateView
    copy_view_enabled = False  # a copy would be a second key for the same scope: issue one
    list_display = [
        "name",
        Column("prefix", label=_("Key begins")),
        ApiTokenScopeColumn("scope", label=_("Scope")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("last_used_at", label=_("Last used")),
        DateColumn("revoked_at", label=_("Revoked")),
        ApiTokenRevokeColumn("revoke", label=""),
    ]
    search_fields = ["name", "prefix"]

    def get_queryset(self, request):
        return ApiToken.objects.select_related("organisation")

    def get_form_class(self, for_update=False):
        # A token's scope is fixed when it is issued: a key handed to one organisation must never
        # start reading another. Only its name can change.
        fields = ["name"] if for_update else ["name", "organisation"]
        return modelform_factory(ApiToken, fields=fields)

    def get_urlpatterns(self):
        revoke = ApiTokenRevokeView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
        )
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", revoke, name="revoke")]


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return ApiTokenViewSet()


@hooks.register("register_log_actions")
def register_api_token_log_actions(actions):
    # Who revoked a key, and when, stays in the token's history.
    actions.register_action(
        "certificates.revoke_api_token", _("Revoke API token"), _("API token revoked")
    )


# --- end of API tokens ---------------------------------------------------------------------------


# --- Completion (issue 10): the dashboard and the targets in the Reports menu --------------------

hooks.register("register_reports_menu_item", completion_admin.completion_menu_item)
hooks.register("register_reports_menu_item", completion_admin.targets_menu_item)
hooks.register("register_admin_viewset", completion_admin.SectorTargetViewSet)
