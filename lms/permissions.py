"""A person's permissions and roles in one query instead of Django's two and the MFA check's one
(issue 14).

Every page's header asks permissions (lms.navigation), and Django's ModelBackend answers the
first `has_perm` of a request by reading the person's own permissions and their groups'
permissions, one query each; the MFA middleware asks, on every request, whether the person is in
a staff role (lms.people.access.requires_mfa), a third. `read_permissions` reads all three in
one query (a UNION) into the very caches ModelBackend keeps on the user object for the request
(`_user_perm_cache`, `_group_perm_cache`, `_perm_cache`), so `has_perm` answers exactly as
before, from them, and keeps the names of the person's groups beside them (`group_names`).
Where ModelBackend would not read them that way (a superuser, an inactive or anonymous user) or
has read them already, it does nothing. The query's SQL is built once per process (its shape
never changes; only the person's id does: lms.kept_sql).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import router
from django.db.models import CharField, Value

from lms.kept_sql import KeptQuery

GROUP_NAMES = "_himaya_group_names"


def _rows(permissions, source: str):
    return permissions.order_by().values_list(
        Value(source, output_field=CharField()), "content_type__app_label", "codename"
    )


def _union(user):
    # The same two sets ModelBackend reads (_get_user_permissions, _get_group_permissions), and
    # the names of the person's groups (their roles).
    own_rows = _rows(user.user_permissions.all(), "user")
    group_rows = _rows(Permission.objects.filter(group__in=user.groups.all()), "group")
    role_rows = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list(
            Value("role", output_field=CharField()),
            Value("", output_field=CharField()),
            "name",
        )
    )
    return own_rows.union(group_rows, role_rows, all=True)


# The same for everyone but the person's id, once in each part: built once per process
# (lms.kept_sql; building it cost several times what running it does).
_KEPT = KeptQuery(lambda user: _union(get_user_model()(pk=user)), reads={"user": 3})


def read_permissions(user) -> None:
    if (
        not user.is_authenticated
        or not user.is_active
        or user.is_superuser
        or hasattr(user, "_perm_cache")
        or hasattr(user, "_user_perm_cache")
        or hasattr(user, "_group_perm_cache")
    ):
        return
    own, grouped, names = set(), set(), set()
    for source, app_label, codename in _KEPT.rows(router.db_for_read(Permission), user=user.pk):
        if source == "role":
            names.add(codename)
        else:
            (own if source == "user" else grouped).add(f"{app_label}.{codename}")
    user._user_perm_cache = own
    user._group_perm_cache = grouped
    user._perm_cache = own | grouped
    setattr(user, GROUP_NAMES, frozenset(names))


def group_names(user) -> frozenset[str] | None:
    """The names of the person's groups, where `read_permissions` read them in this request."""
    return getattr(user, GROUP_NAMES, None)
