from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Quiz, Scenario, Tag


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "openquote"
    menu_label = _("Scenarios")
    list_display = ["code", "title_en", "title_ar", "content_warning"]
    list_filter = ["content_warning", "tags"]
    search_fields = ["code", "title_en", "title_ar"]


class QuizViewSet(SnippetViewSet):
    model = Quiz
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
