"""Sectors, regions and organisations are data that programme managers edit in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Region, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "group"
    menu_label = _("Sectors")
    list_display = ["name_en", "name_ar", "code", "scenario_role"]
    search_fields = ["name_en", "name_ar", "code"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name_en"),
        FieldPanel("name_ar"),
        FieldPanel("scenario_role"),
    ]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name_en", "name_ar", "code"]
    search_fields = ["name_en", "name_ar", "code"]
    panels = [FieldPanel("code"), FieldPanel("name_en"), FieldPanel("name_ar")]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    menu_label = _("Organisations")
    list_display = ["name_en", "name_ar", "sector", "region"]
    list_filter = ["sector", "region"]
    search_fields = ["name_en", "name_ar"]
    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_ar"),
        FieldPanel("sector"),
        FieldPanel("region"),
    ]


class ProgrammeGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, SectorViewSet, RegionViewSet)
    menu_icon = "group"
    menu_label = _("Programme")
    menu_name = "programme"


register_snippet(ProgrammeGroup)
