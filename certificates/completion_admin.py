"""The completion pages in the Wagtail admin: the dashboard in the Reports menu, and the targets
programme managers set per sector and period (registered in wagtail_hooks.py)."""

from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .access import can_set_targets, can_view_all_completion
from .models import SectorTarget


class CompletionMenuItem(MenuItem):
    """Programme managers' way from the admin to the dashboard (a page of the site)."""

    def is_shown(self, request):
        return can_view_all_completion(request.user)


class TargetsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_set_targets(request.user)


def completion_menu_item():
    return CompletionMenuItem(
        _("Completion by sector"),
        reverse("certificates:completion"),
        name="completion",
        icon_name="table",
        order=50,
    )


def targets_menu_item():
    return TargetsMenuItem(
        _("Completion targets"),
        reverse("completion_targets:index"),
        name="completion-targets",
        icon_name="pick",
        order=51,
    )


class StampedCreateView(CreateView):
    """Records who set the target, and when."""

    def save_instance(self):
        self.form.instance.set_by = self.request.user
        self.form.instance.set_at = timezone.now()
        return super().save_instance()


class StampedEditView(EditView):
    def save_instance(self):
        self.form.instance.set_by = self.request.user
        self.form.instance.set_at = timezone.now()
        return super().save_instance()


class SectorTargetViewSet(ModelViewSet):
    """Targets per sector and period. The model's permissions (programme managers and
    administrators) decide who opens these views; the database refuses a period that ends
    before it starts and a second target for the same sector and period, which the form shows
    as field errors."""

    model = SectorTarget
    name = "completion_targets"
    url_prefix = "completion-targets"
    icon = "pick"
    menu_label = _("Completion targets")
    add_view_class = StampedCreateView
    edit_view_class = StampedEditView
    copy_view_enabled = False
    list_display = [
        "sector",
        DateColumn("period_start", label=_("Period starts")),
        DateColumn("period_end", label=_("Period ends")),
        Column("people_to_complete", label=_("People to complete the training")),
        "set_by",
        DateColumn("set_at", label=_("Set on")),
    ]
    list_filter = ["sector"]

    def get_queryset(self, request):
        return SectorTarget.objects.select_related("sector", "set_by")

    def get_form_class(self, for_update=False):
        return modelform_factory(
            SectorTarget, fields=["sector", "period_start", "period_end", "people_to_complete"]
        )
