from lms.people.access import visible_people


def can_see_certificate(user, certificate) -> bool:
    """The holder, programme managers, and the holder's organisation manager."""
    if not user.is_authenticated:
        return False
    if certificate.user_id == user.pk:
        return True
    return visible_people(user).filter(pk=certificate.user_id).exists()


def can_manage_certificates(user) -> bool:
    return user.is_authenticated and user.has_perm("people.view_all_reports")
