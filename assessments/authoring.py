"""The scenario and quiz editors' extras in the Wagtail admin: the item-writing check's warnings
after a save (never blocking), and "Duplicate scenario"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import item_writing, services
from .models import Quiz, Scenario
from .previews import quiz_scenarios

# More than this many warnings are summed up in one line: a page of messages hides the form.
SHOWN_WARNINGS = 10


def warnings_for(obj) -> list[item_writing.ItemWarning]:
    """The item-writing warnings of a scenario or a quiz, as they stand (saved or not)."""
    if isinstance(obj, Scenario):
        return item_writing.check_scenario(obj.to_exchange())
    if isinstance(obj, Quiz):
        scenarios, _draw = quiz_scenarios(obj)
        return item_writing.check_quiz(
            code=obj.code, scenarios=scenarios, shuffle_options=obj.shuffle_options
        )
    return []


def show_warnings(request, obj) -> None:
    """Add the warnings to the messages shown on the next admin page. JSON requests (the
    editor's background saves) get none: nothing would show them. Once per request and
    object: Wagtail runs the after-edit hooks twice when a snippet is published."""
    shown = request.__dict__.setdefault("item_writing_shown", set())
    if not request.accepts("text/html") or (type(obj), obj.pk) in shown:
        return
    shown.add((type(obj), obj.pk))
    warnings = warnings_for(obj)
    for warning in warnings[:SHOWN_WARNINGS]:
        messages.warning(request, _("Item writing: %(warning)s") % {"warning": warning})
    if len(warnings) > SHOWN_WARNINGS:
        messages.warning(
            request,
            _("Item writing: %(count)s more warnings; preview the scenario to review it.")
            % {"count": len(warnings) - SHOWN_WARNINGS},
        )


class DuplicateScenarioView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm; POST makes the draft copy (`services.duplicate_scenario`) and opens
    it in the editor. Anyone who may add scenarios may duplicate one."""

    permission_required = "add"
    template_name = "assessments/admin/duplicate_scenario.html"
    page_title = gettext_lazy("Duplicate scenario")
    header_icon = "copy"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Scenario, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}

    def post(self, request, *args, **kwargs):
        copy = services.duplicate_scenario(scenario=self.object, by=request.user)
        messages.success(
            request,
            _("Draft copy %(code)s made from %(source)s. Rewrite it and declare it fictional.")
            % {"code": copy.code, "source": self.object.code},
        )
        return redirect(reverse("wagtailsnippets_assessments_scenario:edit", args=[copy.pk]))
