"""Who may see and do what. Views, templates and services call these; none repeats the rules."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import User
from .roles import STAFF_ROLES


def requires_mfa(user) -> bool:
    """Staff (anyone who is not only a trainee) must sign in with a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_himaya_is_staff_role", None)
    if cached is None:
        cached = user.groups.filter(name__in=STAFF_ROLES).exists()
        user._himaya_is_staff_role = cached
    return cached


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_invite(user) -> bool:
    return user.is_authenticated and user.has_perm("people.invite_people")


def can_view_people(user) -> bool:
    return user.is_authenticated and (
        user.has_perm("people.view_all_people")
        or (user.has_perm("people.view_organisation_people") and user.organisation_id is not None)
    )


def visible_people(user) -> QuerySet[User]:
    """The people `user` may see: everyone, their own organisation's staff, or nobody."""
    people = User.objects.select_related("organisation__sector", "organisation__region")
    if not user.is_authenticated:
        return people.none()
    if user.has_perm("people.view_all_people"):
        return people
    if user.has_perm("people.view_organisation_people") and user.organisation_id:
        return people.filter(organisation_id=user.organisation_id)
    return people.none()


def can_access_admin(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


class CheckMixin(LoginRequiredMixin):
    """A view open only to users for whom `check(user)` holds; everyone else gets a 403."""

    check = staticmethod(lambda user: False)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not type(self).check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class InviterRequiredMixin(CheckMixin):
    check = staticmethod(can_invite)


class PeopleViewerRequiredMixin(CheckMixin):
    check = staticmethod(can_view_people)
