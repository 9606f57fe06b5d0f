from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import LearningPath, TrainingSession


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    list_display = ["sector"]


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Training sessions")
    list_display = ["title", "course", "starts_at", "trainer", "capacity"]
    list_filter = ["mode"]
    search_fields = ["title", "place"]


class LearningGroup(SnippetViewSetGroup):
    items = (LearningPathViewSet, TrainingSessionViewSet)
    menu_icon = "list-ol"
    menu_label = _("Learning")
    menu_name = "learning"


register_snippet(LearningGroup)
