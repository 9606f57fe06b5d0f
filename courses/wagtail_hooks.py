from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .forms import TrainingSessionForm
from .models import LearningPath, TrainingSession


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    list_display = ["sector"]


# --- Training sessions: a trainer sees and edits only the sessions they run ------------------


class TrainingSessionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (Trainer: view, add, change) apply to a trainer's own sessions only;
    `manage_any_trainingsession` (programme managers, administrators) extends them to all."""

    def _in_scope(self, user, instance) -> bool:
        return instance.trainer_id == user.pk or services.runs_every_session(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return services.sessions_run_by(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions).filter(
            pk__in=[
                instance.trainer_id,
                *self.users_with_permission("manage_any").values_list("pk", flat=True),
            ]
        )


class OwnSessionMixin:
    """Every view of one session answers 404 for a session the user does not run, before the
    view loads it, builds a form or saves anything, so other people's session ids reveal
    nothing. (Wagtail's own checks after this one are model-level only.)"""

    def setup(self, request, *args, **kwargs):
        pk = unquote(str(kwargs.get(self.pk_url_kwarg, "")))
        sessions = self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["view", "change", "delete"]
        )
        if not pk.isdigit() or not sessions.filter(pk=pk).exists():
            raise Http404
        super().setup(request, *args, **kwargs)


class SessionIndexView(snippets.IndexView):
    """Each session's attendance register one click from the listing (the listing holds only
    the sessions the user runs; the check is the register's own)."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if services.can_run_register(user=self.request.user, session=instance):
            buttons.append(
                ListingButton(
                    _("Register"),
                    url=reverse("courses:attendance", args=[instance.pk]),
                    icon_name="tasks",
                    priority=5,
                )
            )
        return buttons


class SessionEditView(OwnSessionMixin, snippets.EditView):
    pass


class SessionCopyView(OwnSessionMixin, snippets.CopyView):
    pass


class SessionDeleteView(OwnSessionMixin, snippets.DeleteView):
    pass


class SessionUsageView(OwnSessionMixin, snippets.UsageView):
    pass


class SessionHistoryView(OwnSessionMixin, snippets.HistoryView):
    pass


class SessionInspectView(OwnSessionMixin, snippets.InspectView):
    pass


class OwnSessionsChooserMixin:
    def get_object_list(self):
        return services.sessions_run_by(self.request.user)


class SessionChooseView(OwnSessionsChooserMixin, chooser.ChooseView):
    pass


class SessionChooseResultsView(OwnSessionsChooserMixin, chooser.ChooseResultsView):
    pass


class SessionChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return services.sessions_run_by(self.request.user).get(pk=pk)


class SessionChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return services.sessions_run_by(self.request.user).filter(pk__in=pks)


class SessionChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = SessionChooseView
    choose_results_view_class = SessionChooseResultsView
    chosen_view_class = SessionChosenView
    chosen_multiple_view_class = SessionChosenMultipleView


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Training sessions")
    list_display = ["title", "course", "starts_at", "trainer", "capacity"]
    list_filter = ["mode"]
    search_fields = ["title", "title_ar", "place", "place_ar"]

    index_view_class = SessionIndexView
    edit_view_class = SessionEditView
    copy_view_class = SessionCopyView
    delete_view_class = SessionDeleteView
    usage_view_class = SessionUsageView
    history_view_class = SessionHistoryView
    inspect_view_class = SessionInspectView
    chooser_viewset_class = SessionChooserViewSet

    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("title"),
            FieldPanel("title_ar"),
            FieldPanel("starts_at"),
            FieldPanel("ends_at"),
            FieldPanel("mode"),
            FieldPanel("place"),
            FieldPanel("place_ar"),
            FieldPanel("online_link"),
            # Without this permission the field is left out of the form (trainers' sessions are
            # their own); with it, the choice is among Trainers only (TrainingSessionForm).
            FieldPanel("trainer", permission=services.RUN_ANY_SESSION),
            FieldPanel("capacity"),
        ],
        base_form_class=TrainingSessionForm,
    )

    @property
    def permission_policy(self):
        return TrainingSessionPermissionPolicy(self.model)

    def get_queryset(self, request):
        return services.sessions_run_by(request.user).select_related("course", "trainer")


class LearningGroup(SnippetViewSetGroup):
    items = (LearningPathViewSet, TrainingSessionViewSet)
    menu_icon = "list-ol"
    menu_label = _("Learning")
    menu_name = "learning"


register_snippet(LearningGroup)
