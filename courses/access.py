"""Who may enrol others and run a session's register."""

from lms.people.access import can_view_people


def can_enrol_others(user) -> bool:
    """Programme managers (everyone) and organisation managers (their own staff)."""
    return can_view_people(user)


def can_manage_session(user, session) -> bool:
    """A trainer runs only their own sessions' registers; programme managers run any."""
    if not user.is_authenticated:
        return False
    return session.trainer_id == user.pk or user.has_perm("people.view_all_people")
