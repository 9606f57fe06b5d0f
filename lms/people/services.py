"""People's verbs: invite, resend, accept. Views and commands call these; the rules live here."""

import logging
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .invitation_import import InvitationRow
from .models import Invitation, Organisation, User
from .roles import Role
from .tasks import send_invitation_email

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """The invitation cannot be made as asked; the message says why."""


@transaction.atomic
def invite_person(
    *,
    invited_by: User,
    email: str,
    name_en: str,
    name_ar: str,
    organisation: Organisation | None,
    language: str,
    role: str = Role.TRAINEE,
    job_title: str = "",
) -> Invitation:
    """Create the person's account (no usable password yet) and email them a link to set one."""
    email = User.objects.normalize_email(email).lower()
    if role == Role.TRAINEE and organisation is None:
        raise InvitationError(_("A trainee must belong to an organisation."))
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationError(_("Someone with this email address already has an account."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=None,
                name_en=name_en.strip(),
                name_ar=name_ar.strip(),
                organisation=organisation,
                preferred_language=language,
                job_title=job_title.strip(),
            )
    except IntegrityError as error:  # a parallel request invited the same address
        raise InvitationError(
            _("Someone with this email address already has an account.")
        ) from error
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    invitation = Invitation.objects.create(user=user, invited_by=invited_by)
    _queue_email(invitation)
    logger.info("Invitation %s created by user %s", invitation.pk, invited_by.pk)
    return invitation


@transaction.atomic
def invite_people(*, invited_by: User, rows: Iterable[InvitationRow]) -> list[Invitation]:
    """All rows become trainees, or none do (the caller has validated them already)."""
    return [
        invite_person(
            invited_by=invited_by,
            email=row.email,
            name_en=row.name_en,
            name_ar=row.name_ar,
            organisation=row.organisation,
            language=row.language,
        )
        for row in rows
    ]


def resend_invitation(*, invitation: Invitation) -> None:
    if invitation.is_accepted:
        raise InvitationError(_("This invitation has already been accepted."))
    _queue_email(invitation)


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> None:
    """Set the password; the invitation link proved the address, so it counts as verified."""
    invitation = Invitation.objects.select_for_update().get(user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])


def _queue_email(invitation: Invitation) -> None:
    # The database task queue shares the transaction: if the invitation rolls back, so does
    # its email.
    send_invitation_email.enqueue(invitation_id=invitation.pk)
