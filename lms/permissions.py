"""A person's permissions in one query instead of Django's two (issue 14).

Every page's header asks permissions (lms.navigation), and Django's ModelBackend answers the
first `has_perm` of a request by reading the person's own permissions and their groups'
permissions, one query each. `read_permissions` reads both in one query (a UNION) into the very
caches ModelBackend keeps on the user object for the request (`_user_perm_cache`,
`_group_perm_cache`, `_perm_cache`), so `has_perm` answers exactly as before, from them. Where
ModelBackend would not read them that way (a superuser, an inactive or anonymous user) or has
read them already, it does nothing.
"""

from django.contrib.auth.models import Permission
from django.db.models import CharField, Value


def _rows(permissions, source: str):
    return permissions.order_by().values_list(
        Value(source, output_field=CharField()), "content_type__app_label", "codename"
    )


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
    # The same two sets ModelBackend reads (_get_user_permissions, _get_group_permissions).
    own_rows = _rows(user.user_permissions.all(), "user")
    group_rows = _rows(Permission.objects.filter(group__in=user.groups.all()), "group")
    own, grouped = set(), set()
    for source, app_label, codename in own_rows.union(group_rows, all=True):
        (own if source == "user" else grouped).add(f"{app_label}.{codename}")
    user._user_perm_cache = own
    user._group_perm_cache = grouped
    user._perm_cache = own | grouped
