from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import analytics_report
from .access import can_import_questions, can_view_quiz_analytics
from .admin_views import import_questions, regrade
from .authoring import DuplicateScenarioView, show_warnings
from .models import Quiz, Scenario, Tag


def duplicate_url(scenario) -> str:
    return reverse("wagtailsnippets_assessments_scenario:duplicate", args=[scenario.pk])


class ScenarioIndexView(snippets.IndexView):
    """Adds "Duplicate" to each scenario's actions, to start a new case from it."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                ListingButton(
                    _("Duplicate"), url=duplicate_url(instance), icon_name="copy", priority=15
                )
            )
        return buttons


class ScenarioEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(Button(_("Duplicate"), url=duplicate_url(self.object), icon_name="copy"))
        return buttons


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    index_view_class = ScenarioIndexView
    edit_view_class = ScenarioEditView
    icon = "openquote"
    menu_label = _("Scenarios")
    list_display = ["code", "title_en", "title_ar", "content_warning"]
    list_filter = ["content_warning", "tags"]
    search_fields = ["code", "title_en", "title_ar"]

    def get_urlpatterns(self):
        duplicate = DuplicateScenarioView.as_view(permission_policy=self.permission_policy)
        return [
            *super().get_urlpatterns(),
            path("duplicate/<int:pk>/", duplicate, name="duplicate"),
        ]


def analytics_url(quiz) -> str:
    return reverse("assessments:analytics", args=[quiz.pk])


class QuizIndexView(snippets.IndexView):
    """Each quiz's analytics one click from the listing, for those who may open them."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_view_quiz_analytics(self.request.user):
            buttons.append(
                ListingButton(
                    _("Analytics"), url=analytics_url(instance), icon_name="table", priority=5
                )
            )
        return buttons


class QuizEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if can_view_quiz_analytics(self.request.user):
            buttons.append(
                Button(_("Analytics"), url=analytics_url(self.object), icon_name="table")
            )
        return buttons


class QuizViewSet(SnippetViewSet):
    model = Quiz
    index_view_class = QuizIndexView
    edit_view_class = QuizEditView
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["code", "title_en", "kind", "pass_mark"]
    list_filter = ["kind"]
    search_fields = ["code", "title_en", "title_ar"]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Taxonomy")
    list_display = ["code", "name_en", "name_ar", "group"]
    list_filter = ["group__framework"]
    search_fields = ["code", "name_en", "name_ar"]


class QuestionBankGroup(SnippetViewSetGroup):
    items = (ScenarioViewSet, QuizViewSet, TagViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"


register_snippet(QuestionBankGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("question-import/", import_questions, name="assessments_import"),
        path("regrade/<int:version_id>/", regrade, name="assessments_regrade"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_questions(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import questions"), reverse("assessments_import"), icon_name="upload", order=310
    )


@hooks.register("insert_global_admin_css")
def editor_css():
    """English and Arabic side by side in the question blocks, and the tag picker."""
    return format_html('<link rel="stylesheet" href="{}">', static("assessments/editor.css"))


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def item_writing_warnings(request, instance):
    """The item-writing check's warnings after a scenario or quiz is saved or published: shown,
    never blocking (assessments/item_writing.py)."""
    if isinstance(instance, (Scenario, Quiz)):
        show_warnings(request, instance)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sector_baselines_on_publish(request, instance):
    """After a final drawn per sector is published, its test-wise baseline per sector (read
    from the cache the publish check filled): the first check of what its certificate is
    worth, for whoever publishes it. Once per request: Wagtail runs these hooks twice when a
    snippet is published."""
    if not (
        isinstance(instance, Quiz)
        and instance.kind == Quiz.Kind.FINAL
        and instance.drawn_per_sector
        and "action-publish" in request.POST
        and request.accepts("text/html")
        and not request.__dict__.setdefault("sector_baselines_shown", False)
    ):
        return
    request.sector_baselines_shown = True
    version = instance.current_version
    section = analytics_report.sector_section(version, get_language() or "en")
    messages.info(
        request,
        _("Test-wise baseline per sector (pass mark %(pass_mark)s): %(sectors)s.")
        % {
            "pass_mark": section.pass_mark,
            "sectors": "; ".join(f"{line.sector} {line.heuristic}" for line in section.sectors),
        },
    )
