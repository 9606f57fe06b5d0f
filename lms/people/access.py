"""Who may see and do what. Views, templates and services call these; none repeats the rules.

Views are guarded one way: `access_required(check)` on a function view, `CheckMixin` (with its
`check`, or `has_access` when the answer depends on the object asked for) on a class-based view.
Both send an anonymous visitor to sign in and refuse anyone else for whom the check fails, with a
403 by default or a 404 (`refusal=Http404`) where an id must not confirm that its object exists.
Each app states its checks in its own `access.py`, in the words of its permissions."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import QuerySet

from lms.kept_sql import KeptQuery
from lms.permissions import group_names, read_permissions

from .models import Organisation, User
from .roles import STAFF_ROLES

# Whether the person holds a staff role, asked on every request: built once per process.
_STAFF_ROLE = KeptQuery(
    lambda user: (
        Group.objects.filter(user=user, name__in=sorted(STAFF_ROLES))
        .order_by()
        .values_list("pk")[:1]
    ),
    reads={"user": 1},
)


def requires_mfa(user, *, with_permissions: bool = False) -> bool:
    """Staff (anyone who is not only a trainee) must sign in with a second factor.

    `with_permissions`: the request will ask the person's permissions anyway (a page with the
    header), so their roles are read with them, in one query (lms.permissions), instead of on
    their own. Where that query does not run (a superuser, an inactive user), or for any other
    request, the roles are read on their own as always."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_himaya_is_staff_role", None)
    if cached is None:
        names = None
        if with_permissions:
            read_permissions(user)
            names = group_names(user)
        if names is None:
            cached = bool(_STAFF_ROLE.rows(router.db_for_read(Group), user=user.pk))
        else:
            cached = not names.isdisjoint(STAFF_ROLES)
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


def visible_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose people `user` may see, by English name. Asked of the
    organisations table, not of the people in it: at 100,000 people, "every organisation someone
    visible belongs to" read every person."""
    organisations = Organisation.objects.order_by("name_en")
    if not user.is_authenticated:
        return organisations.none()
    if user.has_perm("people.view_all_people"):
        return organisations
    if user.has_perm("people.view_organisation_people") and user.organisation_id:
        return organisations.filter(pk=user.organisation_id)
    return organisations.none()


def can_access_admin(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def can_view_all_reports(user) -> bool:
    """Reports for every sector, and nothing else: acting on what a report shows (revoking a
    certificate, regrading a quiz) is a permission of its own."""
    return user.is_authenticated and user.has_perm("people.view_all_reports")


def can_view_reports(user) -> bool:
    """Completion reports: for every sector, or (organisation managers) for their own
    organisation only. The header shows its link to exactly these people."""
    return user.is_authenticated and (
        user.has_perm("people.view_all_reports")
        or (user.has_perm("people.view_organisation_reports") and user.organisation_id is not None)
    )


Refusal = type[Exception]  # PermissionDenied (403) or Http404 (404)


def access_required(check: Callable[..., bool], *, refusal: Refusal = PermissionDenied):
    """Guards a function view: an anonymous visitor is sent to sign in; a signed-in person for
    whom `check(user)` fails gets `refusal` (PermissionDenied: 403; Http404: 404)."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise refusal
            return view(request, *args, **kwargs)

        return guarded

    return decorator


class CheckMixin(LoginRequiredMixin):
    """Guards a class-based view like `access_required`: open only to users for whom
    `check(user)` holds, or, when the answer depends on the object asked for, for whom
    `has_access(request, *args, **kwargs)` holds (it may load the object onto the view).
    Everyone else gets `refusal`: a 403, or a 404 where ids must confirm nothing."""

    check = staticmethod(lambda user: False)
    refusal: Refusal = PermissionDenied

    def has_access(self, request, *args, **kwargs) -> bool:
        return type(self).check(request.user)

    def refusal_response(self, request):
        """Where the refusal must be a rendered page rather than an exception (inside the
        Wagtail admin, which turns PermissionDenied into a redirect), override this."""
        raise self.refusal

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_access(request, *args, **kwargs):
            return self.refusal_response(request)
        return super().dispatch(request, *args, **kwargs)


class InviterRequiredMixin(CheckMixin):
    check = staticmethod(can_invite)


class PeopleViewerRequiredMixin(CheckMixin):
    check = staticmethod(can_view_people)
