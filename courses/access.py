"""Who may enrol others. (Who runs a session's register is `services.can_run_register`.)"""

from lms.people.access import can_view_people
from lms.permissions import read_permissions


def can_enrol_others(user) -> bool:
    """Programme managers (everyone) and organisation managers (their own staff)."""
    read_permissions(user)  # before the header asks its own, in one query (lms.permissions)
    return can_view_people(user)


def can_enrol_sectors(user) -> bool:
    """Whole sectors span organisations: only those who see every organisation's people."""
    return user.is_authenticated and user.has_perm("people.view_all_people")
