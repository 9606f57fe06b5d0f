"""Public pages. Each page exists once per language through Wagtail's locales."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Page, PageViewRestriction
from wagtail.search import index

from .blocks import BodyBlock
from .locales import language_of


class LocalisedPage(Page):
    """Tells the template when it is showing a page in another language than the visitor's."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page's language, for its `lang` and `dir`, without reading its locale.
        context["page_language"] = language_of(self)
        context["translation_missing"] = context["page_language"] != (get_language() or "en")[:2]
        return context

    def get_view_restrictions(self):
        """None, without a query, where routing read this page and every page above it and
        found no view restriction and no alias (cms.routing); Wagtail's check otherwise."""
        if getattr(self, "route_unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(LocalisedPage):
    """The site's front page, one per language."""

    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    support_text = models.CharField(
        _("support notice"),
        max_length=300,
        blank=True,
        help_text=_("Shown to every visitor: where to find support."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("support_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    # Higher layers (e.g. the course catalogue) name HomePage as their parent; HomePage does not
    # list them, so cms never depends on the apps above it.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """A page not yet translated into the visitor's language is served in the other
        language (its template shows a notice) instead of a 404. A path of the other language
        whose page *is* translated, under a slug of its own (an editor changed it), serves that
        translation: the language switcher keeps the path and lands on it."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            for other_home in self.get_translations().live().specific():
                try:
                    found = Page.route(other_home, request, path_components)
                except Http404:
                    continue
                translation = found[0].get_translation_or_none(self.locale)
                if translation is not None and translation.live and not found[1]:
                    return translation.specific.route(request, [])
                return found
            raise


class StandardPage(LocalisedPage):
    """A plain content page: about the programme, privacy notice, support."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ContentReviewTask(AbstractGroupApprovalTask):
    """Group approval by a second person (docs/domain.md): nobody approves what they submitted
    themselves, and content whose `needs_fictional_declaration` is true (a lesson telling a case,
    a scenario) can only be rejected until its author has ticked `fictional_declared`; content
    whose `needs_translation` is true (a scenario imported in one language) can only be rejected
    until it is written in both languages."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return []
        draft = getattr(obj, "specific", obj)
        if hasattr(draft, "get_latest_revision_as_object"):
            draft = draft.get_latest_revision_as_object()
        if getattr(draft, "needs_fictional_declaration", False) and not draft.fictional_declared:
            return [action for action in actions if action[0] == "reject"]
        if getattr(draft, "needs_translation", False):
            return [action for action in actions if action[0] == "reject"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Re-checked on the server: the actions menu is not the only way to post an action.
        content = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(content, user)}:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "A second person in the chosen groups reviews the content; cases must be declared "
            "fictional by their author first."
        )

    class Meta:
        verbose_name = _("second-person review")
        verbose_name_plural = _("second-person reviews")
