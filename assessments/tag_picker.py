"""The tag picker of the scenario editor: the taxonomy as checkboxes grouped by framework (ILO,
UNODC, Palermo, NRM, …), each tag named in the editor's language, with a search box.

One widget serves the scenario's roles and tags (model choice fields, valued by primary key)
and the question, option and pair tags of the StreamField (codes, stored as text). It is a
`CheckboxSelectMultiple`, so Wagtail's StreamField adapts it as it does any checkbox list, and
without JavaScript it is a plain list of checkboxes; `tag_picker.js` (a static file, for the
Content Security Policy) adds the search and the count of chosen tags."""

from django import forms
from django.utils.translation import gettext_lazy as _


def grouped_tags(*, value: str = "code", frameworks: list[str] | None = None) -> list:
    """The tags as Django's grouped choices: [(framework name, [(value, label), …]), …] in the
    taxonomy's order, names in the active language. `value` is the attribute each checkbox
    sends ("code" or "pk"); `frameworks` limits the list to those framework codes. One query.
    """
    # why here: the blocks (which the models import) use this picker.
    from .models import Tag

    tags = Tag.objects.select_related("group__framework").order_by(
        "group__framework__sort_order", "group__sort_order", "sort_order"
    )
    if frameworks is not None:
        tags = tags.filter(group__framework__code__in=frameworks)
    groups: dict[int, tuple[str, list]] = {}
    for tag in tags:
        framework = tag.group.framework
        label = f"{framework.name} ({framework.code})"
        groups.setdefault(framework.pk, (label, []))[1].append(
            (str(getattr(tag, value)), f"{tag.code} — {tag.name}")
        )
    return list(groups.values())


def tag_code_choices() -> list:
    """Every tag, by code: evaluated at each render (a callable's choices are), so the names
    follow the editor's language."""
    return grouped_tags(value="code")


class TagPicker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by framework under one element, with a search box that has no name
    (it is never submitted)."""

    template_name = "assessments/widgets/tag_picker.html"
    search_label = _("Search tags")

    class Media:
        js = ["assessments/tag_picker.js"]
        css = {"all": ["assessments/editor.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        return context
