"""Who may see and act on certificates, in the words of the certificates app's permissions.

Views, the Wagtail admin and services ask these; none repeats a permission name."""

from lms.people.access import can_view_all_reports, can_view_reports, visible_people


def can_see_certificate(user, certificate) -> bool:
    """The holder, programme managers, and the holder's organisation manager."""
    if not user.is_authenticated:
        return False
    if certificate.user_id == user.pk:
        return True
    return visible_people(user).filter(pk=certificate.user_id).exists()


def can_list_certificates(user) -> bool:
    """The admin's certificate listing and its chooser: every holder's serial."""
    return user.is_authenticated and user.has_perm("certificates.view_certificate")


def can_revoke_certificates(user) -> bool:
    return user.is_authenticated and user.has_perm("certificates.revoke_certificate")


def can_reissue_certificates(user) -> bool:
    return user.is_authenticated and user.has_perm("certificates.reissue_certificate")


def can_issue_by_hand(user) -> bool:
    return user.is_authenticated and user.has_perm("certificates.issue_certificate_by_hand")


def can_download_in_bulk(user) -> bool:
    return user.is_authenticated and user.has_perm("certificates.download_certificates_in_bulk")


def can_manage_certificates(user) -> bool:
    """The page of one certificate with its history, where it is revoked or re-issued."""
    return can_revoke_certificates(user) or can_reissue_certificates(user)


def can_view_all_completion(user) -> bool:
    """Completion figures for the whole programme: every sector, organisation and person."""
    return can_view_all_reports(user)


def can_view_organisation_completion(user) -> bool:
    """Completion figures for the organisation the user manages, and nothing beyond it."""
    return can_view_reports(user) and not can_view_all_reports(user)


def can_view_completion(user) -> bool:
    """The completion pages: programme managers, administrators, organisation managers (the
    header's link, `can_view_reports`, shows to the same people)."""
    return can_view_reports(user)


def can_set_targets(user) -> bool:
    """Targets per sector and period, which the dashboard measures completion against."""
    return user.is_authenticated and user.has_perm("certificates.change_sectortarget")
