import django_filters
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lms.people.access import CheckMixin

from . import completion_admin, services
from .access import can_download_in_bulk, can_list_certificates
from .models import Certificate, CertificateTemplate


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


# --- Completion (issue 10): the dashboard and the targets in the Reports menu --------------------

hooks.register("register_reports_menu_item", completion_admin.completion_menu_item)
hooks.register("register_reports_menu_item", completion_admin.targets_menu_item)
hooks.register("register_admin_viewset", completion_admin.SectorTargetViewSet)
